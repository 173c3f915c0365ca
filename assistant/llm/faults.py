"""What went wrong with a model call (:func:`classify`), whether one retry is worthwhile, and the officer-facing
message for it (:func:`fault_message`, Dutch or English), which names the setting to check."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.i18n import t
from assistant.llm.errors import BackendConfigError, EmptyResponseError
from assistant.settings import Settings

#: LangChain's error for a stream that produced nothing at all.
_NO_CHUNKS = "No generation chunks were returned"
#: Characters of an error's own text kept in a user-facing message.
DETAIL_CHARS = 160


@dataclass(frozen=True)
class Fault:
    kind: str  # fault_<kind> is its text in the llm catalog (assistant/llm/texts.py)
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
    return t(f"llm.fault_{fault.kind}", lang, url=ep.base_url, timeout=ep.timeout, model=ep.model,
             status=fault.status or "", detail=fault.detail, backend=settings.llm)
