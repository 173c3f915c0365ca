"""Generative backends behind LangChain's chat-model interface, the LCEL answer chain, and fault classification.

``build_chat_model(settings)`` returns a ``BaseChatModel`` for ``ASSISTANT_LLM``:
- ``openai``   - ``langchain_openai.ChatOpenAI`` (any OpenAI-compatible endpoint: vLLM, llama.cpp server, Azure);
- ``ollama``   - ``langchain_ollama.ChatOllama``;
- ``llamacpp`` - a local GGUF file through llama-cpp-python (:mod:`assistant.answer.llamacpp`, optional extra);
- ``fake``     - :class:`assistant.testing.FakeChatModel` answering with the first sentence of passage [1].
Provider imports happen here, on first use, never at import time of the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer import messages
from assistant.answer.prompts import load_prompt
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

#: Ollama serves its native API at the root; an OpenAI-style ".../v1" suffix is dropped.
_OPENAI_SUFFIX = re.compile(r"/v1/?$")
#: LangChain's error for a stream that produced nothing at all.
_NO_CHUNKS = "No generation chunks were returned"
#: Characters of an error's own text kept in a user-facing message.
DETAIL_CHARS = 160


class EmptyResponseError(RuntimeError):
    """The model returned no usable text."""


class BackendConfigError(RuntimeError):
    """The chosen backend cannot be built from the settings (missing package, missing model file)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind  # "missing_package" or "config"
        self.detail = detail


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model named by ``settings.llm`` (raises :class:`BackendConfigError` when it cannot be built)."""
    name, ep = settings.llm, settings.endpoint
    if name == "openai":
        _need("langchain_openai", "langchain-openai")
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(base_url=ep.base_url, model=ep.model, api_key=ep.api_key, timeout=ep.timeout,
                          max_retries=0, temperature=ep.temperature, max_tokens=ep.max_tokens, streaming=True)
    if name == "ollama":
        _need("langchain_ollama", "langchain-ollama")
        from langchain_ollama import ChatOllama

        return ChatOllama(base_url=_OPENAI_SUFFIX.sub("", ep.base_url), model=ep.model,
                          temperature=ep.temperature, num_predict=ep.max_tokens,
                          client_kwargs={"timeout": ep.timeout})
    if name == "llamacpp":
        from assistant.answer.llamacpp import LlamaCppChatModel

        return LlamaCppChatModel.from_settings(settings)
    if name == "fake":
        from assistant.testing import FakeChatModel

        return FakeChatModel(respond=quoting_responder)
    raise BackendConfigError("config", f"ASSISTANT_LLM={name!r} is not a generative backend; use openai, ollama, "
                                       "llamacpp or fake.")


def _need(module: str, package: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise BackendConfigError("missing_package", f"pip install {package}")


def answer_chain(model: BaseChatModel, lang: str) -> Runnable:
    """LCEL: checked prompt -> chat model -> text. Input keys: question, passages, refusal."""
    from langchain_core.output_parsers import StrOutputParser

    return load_prompt("answer", lang) | model | StrOutputParser()


# ---- the fake backend's behaviour ----------------------------------------------------------------------------

_PASSAGE = re.compile(r'<passage n="(\d+)"[^>]*>\n(.*?)\n</passage>', re.DOTALL)
_FOLLOWUP = re.compile(r"^(?:Vervolgvraag|Follow-up question):\s*(.+)$", re.MULTILINE)


def quoting_responder(messages_in) -> str:
    """Deterministic stand-in for a model: cites the first sentence of passage 1; echoes condense questions."""
    from assistant.ingest.text import split_sentences

    text = messages_in[-1].content if messages_in else ""
    passage = _PASSAGE.search(text)
    if passage:
        sentences = [s for s in split_sentences(" ".join(passage.group(2).split())) if s.strip()]
        return f"{sentences[0]} [{passage.group(1)}]" if sentences else ""
    follow = _FOLLOWUP.search(text)
    return follow.group(1).strip() if follow else ""


# ---- faults ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    kind: str  # a key of messages.FAULTS
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
    ep = settings.endpoint
    return messages.text(messages.FAULTS[fault.kind], lang, url=ep.base_url, timeout=ep.timeout, model=ep.model,
                         status=fault.status or "", detail=fault.detail, backend=settings.llm)
