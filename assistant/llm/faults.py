"""What went wrong with a model call (:func:`classify`), whether one retry is worthwhile, and the officer-facing
message for it (:func:`fault_message`, Dutch or English), which names the setting to check."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.llm.errors import BackendConfigError, EmptyResponseError
from assistant.settings import Settings

#: LangChain's error for a stream that produced nothing at all.
_NO_CHUNKS = "No generation chunks were returned"
#: Characters of an error's own text kept in a user-facing message.
DETAIL_CHARS = 160

#: Faults of generative backends, per kind of :class:`Fault`. Every message names the setting to check.
FAULTS = {
    "connection": {
        "nl": "Het taalmodel op {url} is niet bereikbaar. Controleer of de server draait en of "
              "ASSISTANT_ENDPOINT__BASE_URL klopt.",
        "en": "The language model at {url} cannot be reached. Check that the server is running and that "
              "ASSISTANT_ENDPOINT__BASE_URL is right.",
    },
    "timeout": {
        "nl": "Het taalmodel op {url} gaf binnen {timeout:g} seconden geen antwoord. Verhoog "
              "ASSISTANT_ENDPOINT__TIMEOUT of gebruik een kleiner model (ASSISTANT_ENDPOINT__MODEL).",
        "en": "The language model at {url} did not answer within {timeout:g} seconds. Raise "
              "ASSISTANT_ENDPOINT__TIMEOUT or use a smaller model (ASSISTANT_ENDPOINT__MODEL).",
    },
    "auth": {
        "nl": "Het taalmodel op {url} weigert de toegang (HTTP {status}). Controleer ASSISTANT_ENDPOINT__API_KEY.",
        "en": "The language model at {url} refused access (HTTP {status}). Check ASSISTANT_ENDPOINT__API_KEY.",
    },
    "not_found": {
        "nl": "Het taalmodel '{model}' of het adres {url} bestaat niet (HTTP 404). Controleer "
              "ASSISTANT_ENDPOINT__MODEL en ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The model '{model}' or the address {url} does not exist (HTTP 404). Check "
              "ASSISTANT_ENDPOINT__MODEL and ASSISTANT_ENDPOINT__BASE_URL.",
    },
    "rate_limit": {
        "nl": "Het taalmodel op {url} is overbelast (HTTP 429). Probeer het later opnieuw of verlaag het gebruik.",
        "en": "The language model at {url} is overloaded (HTTP 429). Try again later.",
    },
    "http": {
        "nl": "Het taalmodel op {url} gaf een fout (HTTP {status}: {detail}). Controleer de server en "
              "ASSISTANT_ENDPOINT__BASE_URL / ASSISTANT_ENDPOINT__MODEL.",
        "en": "The language model at {url} returned an error (HTTP {status}: {detail}). Check the server and "
              "ASSISTANT_ENDPOINT__BASE_URL / ASSISTANT_ENDPOINT__MODEL.",
    },
    "empty": {
        "nl": "Het taalmodel gaf een leeg antwoord. Controleer ASSISTANT_ENDPOINT__MODEL en "
              "ASSISTANT_ENDPOINT__MAX_TOKENS.",
        "en": "The language model returned an empty answer. Check ASSISTANT_ENDPOINT__MODEL and "
              "ASSISTANT_ENDPOINT__MAX_TOKENS.",
    },
    "malformed": {
        "nl": "Het taalmodel gaf een onbruikbaar antwoord ({detail}). Controleer ASSISTANT_ENDPOINT__MODEL en "
              "ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The language model returned an unusable response ({detail}). Check ASSISTANT_ENDPOINT__MODEL and "
              "ASSISTANT_ENDPOINT__BASE_URL.",
    },
    "missing_package": {
        "nl": "De backend '{backend}' heeft een extra pakket nodig: {detail}. Installeer het, of kies een andere "
              "backend met ASSISTANT_LLM.",
        "en": "The backend '{backend}' needs an extra package: {detail}. Install it, or choose another backend "
              "with ASSISTANT_LLM.",
    },
    "config": {
        "nl": "De backend '{backend}' is niet goed ingesteld: {detail}",
        "en": "The backend '{backend}' is not configured correctly: {detail}",
    },
    "other": {
        "nl": "Het taalmodel gaf een onverwachte fout ({detail}). Controleer ASSISTANT_LLM en "
              "ASSISTANT_ENDPOINT__BASE_URL.",
        "en": "The language model failed unexpectedly ({detail}). Check ASSISTANT_LLM and "
              "ASSISTANT_ENDPOINT__BASE_URL.",
    },
}


@dataclass(frozen=True)
class Fault:
    kind: str  # a key of FAULTS
    retry: bool  # one more attempt may help
    status: int | None = None
    detail: str = ""


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 3] + "..."


def _status_fault(status: int, exc: BaseException) -> Fault:
    if status in (401, 403):
        return Fault("auth", False, status)
    if status == 404:
        return Fault("not_found", False, status)
    if status == 429:
        return Fault("rate_limit", True, status)
    return Fault("http", status >= 500, status, _short(exc))


def classify(exc: BaseException) -> Fault:
    """What went wrong with a model call, and whether one retry is worthwhile."""
    import httpx

    if isinstance(exc, BackendConfigError):
        return Fault(exc.kind, False, None, exc.detail)
    if isinstance(exc, EmptyResponseError) or _NO_CHUNKS in str(exc):
        return Fault("empty", True)
    try:
        import openai
    except ImportError:  # pragma: no cover - langchain-openai depends on it
        openai = None
    if openai is not None:
        if isinstance(exc, openai.APITimeoutError):
            return Fault("timeout", True)
        if isinstance(exc, openai.APIConnectionError):
            return Fault("connection", True, None, _short(exc))
        if isinstance(exc, openai.APIStatusError):
            return _status_fault(exc.status_code, exc)
        if isinstance(exc, openai.APIResponseValidationError):
            return Fault("malformed", True, None, _short(exc))
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        return Fault("timeout", True)
    if isinstance(exc, httpx.HTTPStatusError):
        return _status_fault(exc.response.status_code, exc)
    if isinstance(exc, (httpx.TransportError, ConnectionError)):
        return Fault("connection", True, None, _short(exc))
    status = getattr(exc, "status_code", None)  # ollama.ResponseError and similar
    if isinstance(status, int) and status >= 400:
        return _status_fault(status, exc)
    if isinstance(exc, ImportError):
        return Fault("missing_package", False, None, _short(exc))
    from langchain_core.exceptions import OutputParserException

    if isinstance(exc, (OutputParserException, ValueError, UnicodeDecodeError)):
        return Fault("malformed", True, None, _short(exc))
    return Fault("other", False, None, _short(exc))


def fault_message(fault: Fault, settings: Settings, lang: str) -> str:
    """The message for ``fault`` in ``lang`` (Dutch when the language has no text), with the endpoint filled in."""
    ep = settings.endpoint
    template = FAULTS[fault.kind].get(lang) or FAULTS[fault.kind]["nl"]
    return template.format(url=ep.base_url, timeout=ep.timeout, model=ep.model, status=fault.status or "",
                           detail=fault.detail, backend=settings.llm)
