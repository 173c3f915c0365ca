"""User-facing texts of the llm stage, in Dutch (default) and English: the ``llm`` catalog of :mod:`assistant.i18n`.
``fault_<kind>`` describes a fault of a generative backend (:class:`assistant.llm.faults.Fault`), each naming the
setting to check."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
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
