"""The ``llamacpp`` backend: a local GGUF model through llama-cpp-python (an optional extra), as a LangChain chat
model with streaming. The model file is loaded once per path and process, on first use.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.llm.errors import BackendConfigError
from assistant.settings import Settings

#: Context window requested from llama.cpp (prompt + answer tokens).
CONTEXT_TOKENS = 4096
_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
_MODELS: dict[str, Any] = {}
_LOCK = threading.Lock()


def _load(path: str):
    if importlib.util.find_spec("llama_cpp") is None:
        raise BackendConfigError("missing_package", 'pip install "llama-cpp-python" (the llamacpp extra)')
    if not Path(path).is_file():
        raise BackendConfigError("config", f"no GGUF model file at {path}; set ASSISTANT_ENDPOINT__GGUF_PATH.")
    with _LOCK:
        if path not in _MODELS:
            from llama_cpp import Llama

            _MODELS[path] = Llama(model_path=path, n_ctx=CONTEXT_TOKENS, verbose=False)
        return _MODELS[path]


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from a local GGUF model (``llama_cpp.Llama.create_chat_completion``)."""

    model_path: str
    temperature: float = 0.0
    max_tokens: int = 700

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppChatModel:
        ep = settings.endpoint
        if not ep.gguf_path:
            raise BackendConfigError("config", "set ASSISTANT_ENDPOINT__GGUF_PATH to a local .gguf model file.")
        if importlib.util.find_spec("llama_cpp") is None:
            raise BackendConfigError("missing_package", 'pip install "llama-cpp-python" (the llamacpp extra)')
        return cls(model_path=ep.gguf_path, temperature=ep.temperature, max_tokens=ep.max_tokens)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _request(self, messages: list[BaseMessage], stop: list[str] | None) -> dict[str, Any]:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        return {"messages": chat, "temperature": self.temperature, "max_tokens": self.max_tokens, "stop": stop}

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        reply = _load(self.model_path).create_chat_completion(**self._request(messages, stop))
        content = reply["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=content))])

    def _stream(self, messages, stop=None, run_manager=None, **kwargs) -> Iterator[ChatGenerationChunk]:
        for part in _load(self.model_path).create_chat_completion(stream=True, **self._request(messages, stop)):
            token = part["choices"][0].get("delta", {}).get("content") or ""
            if not token:
                continue
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk
