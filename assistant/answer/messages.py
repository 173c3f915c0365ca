"""User-facing texts of answers, in Dutch (default) and English: the ``answer`` catalog of :mod:`assistant.i18n`
(``t("answer.refusal", lang)``). ``reason_<code>`` explain a refusal (``Answer.refusal_reason``) in a sentence an
officer can act on; ``fault_<kind>`` describe a fault of a generative backend, each naming the setting to check.
"""

from __future__ import annotations

from assistant.i18n import render, t

TEXTS: dict[str, dict[str, str]] = {
    "refusal": {"nl": "Niet gevonden in de bronnen.", "en": "Not found in the sources."},
    "closest": {
        "nl": "Dichtstbijzijnde passages - deze beantwoorden de vraag níet:",
        "en": "Closest passages - these do NOT answer the question:",
    },
    "reason_vague": {
        "nl": "De vraag noemt niet waar het over gaat (welk land, welke wet, welk rapport?). Stel de vraag opnieuw "
              "met het onderwerp erin.",
        "en": "The question does not say what it is about (which country, law or report?). Ask again with the "
              "subject in it.",
    },
    "reason_unknown_name": {"nl": "De bronnen noemen {names} nergens.", "en": "The sources never mention {names}."},
    "reason_off_subject": {
        "nl": "Geen gevonden passage gaat over het land, de naam of het jaar uit de vraag.",
        "en": "No passage found is about the country, name or year the question asks about.",
    },
    "reason_no_typed_answer": {
        "nl": "De passages over dit onderwerp noemen niet het gevraagde gegeven (getal, bedrag, datum, naam of "
              "plaats).",
        "en": "The passages on this subject do not state the asked-for fact (number, amount, date, name or place).",
    },
    "reason_forecast": {
        "nl": "De bronnen doen hierover geen voorspelling of toezegging.",
        "en": "The sources make no forecast or commitment about this.",
    },
    "reason_low_support": {
        "nl": "Geen passage sluit goed genoeg aan bij de vraag.",
        "en": "No passage matches the question closely enough.",
    },
    "lead": {"nl": "Volgens de bronnen:", "en": "According to the sources:"},
    "lead_foreign": {
        "nl": "Volgens de bronnen (aanhalingen in de oorspronkelijke taal):",
        "en": "According to the sources (quotations in their original language):",
    },
    "injection_removed": {
        "nl": "Let op: {n} zin(nen) uit het antwoord verwijderd, omdat ze een instructie uit een brondocument volgden.",
        "en": "Note: removed {n} sentence(s) from the answer because they followed an instruction found in a source "
              "document.",
    },
    "no_valid_citations": {
        "nl": "Het taalmodel gaf een antwoord zonder geldige bronverwijzing; dat antwoord wordt niet getoond.",
        "en": "The language model gave an answer without a valid source reference; that answer is not shown.",
    },
    "fallback": {
        "nl": " Hieronder staat het extractieve antwoord uit de bronnen.",
        "en": " Below is the extractive answer from the sources.",
    },
    "search_failed": {"nl": "Zoeken in de index is mislukt: {detail}", "en": "Searching the index failed: {detail}"},
    "fault_connection": {
        "nl": "Het taalmodel op {url} is niet bereikbaar. Controleer of de server draait en of "
              "ASSISTANT_ENDPOINT__BASE_URL klopt.",
        "en": "The language model at {url} cannot be reached. Check that the server is running and that "
              "ASSISTANT_ENDPOINT__BASE_URL is right.",
    },
    "fault_timeout": {
        "nl": "Het taalmodel op {url} gaf binnen {timeout:g} seconden geen antwoord. Verhoog "
              "ASSISTANT_ENDPOINT__TIMEOUT of gebruik een kleiner model (ASSISTANT_ENDPOINT__MODEL).",
        "en": "The language model at {url} did not answer within {timeout:g} seconds. Raise "
              "ASSISTANT_ENDPOINT__TIMEOUT or use a smaller model (ASSISTANT_ENDPOINT__MODEL).",
    },
    "fault_auth": {
        "nl": "Het taalmodel op {url} weigert de toegang (HTTP {status}). Controleer ASSISTANT_ENDPOINT__API_KEY.",
        "en": "The language model at {url} refused access (HTTP {status}). Check ASSISTANT_ENDPOINT__API_KEY.",
    },
    "fault_not_found": {
        "nl": "Het taalmodel '{model}' of het adres {url} bestaat niet (HTTP 404). Controleer "
              "ASSISTANT_ENDPOINT__MODEL en ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The model '{model}' or the address {url} does not exist (HTTP 404). Check ASSISTANT_ENDPOINT__MODEL "
              "and ASSISTANT_ENDPOINT__BASE_URL.",
    },
    "fault_rate_limit": {
        "nl": "Het taalmodel op {url} is overbelast (HTTP 429). Probeer het later opnieuw of verlaag het gebruik.",
        "en": "The language model at {url} is overloaded (HTTP 429). Try again later.",
    },
    "fault_http": {
        "nl": "Het taalmodel op {url} gaf een fout (HTTP {status}: {detail}). Controleer de server en "
              "ASSISTANT_ENDPOINT__BASE_URL / ASSISTANT_ENDPOINT__MODEL.",
        "en": "The language model at {url} returned an error (HTTP {status}: {detail}). Check the server and "
              "ASSISTANT_ENDPOINT__BASE_URL / ASSISTANT_ENDPOINT__MODEL.",
    },
    "fault_empty": {
        "nl": "Het taalmodel gaf een leeg antwoord. Controleer ASSISTANT_ENDPOINT__MODEL en "
              "ASSISTANT_ENDPOINT__MAX_TOKENS.",
        "en": "The language model returned an empty answer. Check ASSISTANT_ENDPOINT__MODEL and "
              "ASSISTANT_ENDPOINT__MAX_TOKENS.",
    },
    "fault_malformed": {
        "nl": "Het taalmodel gaf een onbruikbaar antwoord ({detail}). Controleer ASSISTANT_ENDPOINT__MODEL en "
              "ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The language model returned an unusable response ({detail}). Check ASSISTANT_ENDPOINT__MODEL and "
              "ASSISTANT_ENDPOINT__BASE_URL.",
    },
    "fault_missing_package": {
        "nl": "De backend '{backend}' heeft een extra pakket nodig: {detail}. Installeer het, of kies een andere "
              "backend met ASSISTANT_LLM.",
        "en": "The backend '{backend}' needs an extra package: {detail}. Install it, or choose another backend with "
              "ASSISTANT_LLM.",
    },
    "fault_config": {
        "nl": "De backend '{backend}' is niet goed ingesteld: {detail}",
        "en": "The backend '{backend}' is not configured correctly: {detail}",
    },
    "fault_other": {
        "nl": "Het taalmodel gaf een onverwachte fout ({detail}). Controleer ASSISTANT_LLM en "
              "ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The language model failed unexpectedly ({detail}). Check ASSISTANT_LLM and "
              "ASSISTANT_ENDPOINT__BASE_URL.",
    },
}

#: The refusal in every language (an answer is compared against all of them).
REFUSAL = TEXTS["refusal"]
#: Faults of generative backends by kind (``llm.Fault.kind``); ``t(f"answer.fault_{kind}", lang, ...)``.
FAULTS = {key.removeprefix("fault_"): value for key, value in TEXTS.items() if key.startswith("fault_")}


def refusal_reason(reason: str | None, lang: str) -> str:
    """The officer-facing sentence for ``Answer.refusal_reason`` ("code" or "code: detail"); '' when unknown."""
    code, _, detail = (reason or "").partition(":")
    key = f"reason_{code.strip()}"
    if not code.strip() or key not in TEXTS:
        return ""
    if code.strip() == "unknown_name":
        return t(f"answer.{key}", lang, names=detail.strip() or "-")
    return t(f"answer.{key}", lang)


def text(table: dict[str, str], lang: str, **values) -> str:
    """One ``{"nl", "en"}`` entry passed as data (``FAULTS[kind]``) in ``lang``; prefer ``t("answer.<key>", ...)``."""
    return render(table, lang, **values)
