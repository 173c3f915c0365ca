"""The chat-model factory: ``build_chat_model(settings)`` returns a LangChain ``BaseChatModel`` for ``ASSISTANT_LLM``.

- ``openai``   - ``langchain_openai.ChatOpenAI`` (any OpenAI-compatible endpoint: vLLM, llama.cpp server, Azure);
- ``ollama``   - ``langchain_ollama.ChatOllama``;
- ``llamacpp`` - a local GGUF file through llama-cpp-python (:mod:`assistant.llm.llamacpp`, optional extra).

Only real backends are named here. Tests give the pipeline a chat model of their own (``Assistant(chat_model=...)``,
``answer_question(..., chat_model=...)``; fakes live in :mod:`assistant.testing`). Provider imports happen on first
use, never at import time of the package.
"""

from __future__ import annotations

import importlib.util
import re
from typing import TYPE_CHECKING

from assistant.llm.errors import BackendConfigError
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

#: The generative backends ``build_chat_model`` knows (``ASSISTANT_LLM``; ``extractive`` needs no chat model).
BACKENDS = ("openai", "ollama", "llamacpp")
#: Ollama serves its native API at the root; an OpenAI-style ".../v1" suffix is dropped.
_OPENAI_SUFFIX = re.compile(r"/v1/?$")


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
        from assistant.llm.llamacpp import LlamaCppChatModel

        return LlamaCppChatModel.from_settings(settings)
    raise BackendConfigError("config", f"ASSISTANT_LLM={name!r} is not a generative backend; use "
                                       f"{', '.join(BACKENDS[:-1])} or {BACKENDS[-1]}.")


def _need(module: str, package: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise BackendConfigError("missing_package", f"pip install {package}")
