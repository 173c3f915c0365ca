"""Compass texts of the LLM proposer: its rationales and caveat when the model gives no usable answer (stored with
the assessment, in Dutch), the corrective feedback sent back to the model, and its errors."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "llm_no_judgement": {"nl": "Geen oordeel van het model.", "en": "No judgement from the model."},
    "llm_no_valid_answer": {"nl": "Geen geldig antwoord van het model.", "en": "No valid answer from the model."},
    "llm_no_proposal": {
        "nl": "Het taalmodel gaf {n} keer geen geldig JSON-antwoord; er is geen voorstel. Gebruik de offline scorer "
              "(backend 'evidence') of een sterker model.",
        "en": "The language model gave no valid JSON answer {n} times; there is no proposal. Use the offline scorer "
              "(backend 'evidence') or a stronger model.",
    },
    "llm_invalid_json": {
        "nl": "Het antwoord was geen geldig JSON-object volgens het schema: {error}",
        "en": "The answer was not a valid JSON object according to the schema: {error}",
    },
    "llm_feedback_head": {
        "nl": "Je vorige antwoord had deze fouten; corrigeer ze (laat een score leeg als er geen passend bewijs is):",
        "en": "Your previous answer had these errors; fix them (use null when evidence is lacking):",
    },
    "llm_cannot_build": {
        "nl": "Het LLM-voorstel kan niet worden gemaakt: {error}. Zet ASSISTANT_LLM op openai, ollama of llamacpp, of "
              "gebruik backend 'evidence'.",
        "en": "The LLM proposal cannot be made: {error}. Set ASSISTANT_LLM to openai, ollama or llamacpp, or use "
              "backend 'evidence'.",
    },
    "llm_endpoint_error": {
        "nl": "Het taalmodel ({backend}) gaf een fout: {error}. Controleer ASSISTANT_ENDPOINT__BASE_URL en "
              "ASSISTANT_ENDPOINT__MODEL, of gebruik backend 'evidence'.",
        "en": "The language model ({backend}) failed: {error}. Check ASSISTANT_ENDPOINT__BASE_URL and "
              "ASSISTANT_ENDPOINT__MODEL, or use backend 'evidence'.",
    },
}
