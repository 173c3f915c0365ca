"""Deterministic fakes for tests and examples. They live in the package so every test suite and downstream tool
can use the same ones. None of them touches the network or loads a model.
"""

from __future__ import annotations

import re
import sys

import numpy as np

from assistant.testing_embedder import FakeEmbedder  # noqa: F401  (re-exported: the model-free embedder)
from assistant.testing_store import InMemoryStore  # noqa: F401  (re-exported: the in-memory VectorStore)

#: The settings value (ASSISTANT_EMBEDDER) that selects :class:`FakeEmbedder`: tests and benchmarks that go through
#: settings or the command line use it; tests that build an Assistant pass ``embedder=FakeEmbedder()`` as well.
FAKE_EMBEDDER = "assistant.testing:FakeEmbedder"

class FakeSearcher:
    """In-memory :class:`assistant.retrieve.base.Searcher` over given chunks, ranked by FakeEmbedder cosine.

    Honours every filter field, so answerers, proposers and briefs can be tested without an index.
    """

    def __init__(self, chunks, embedder: FakeEmbedder | None = None, k: int = 5) -> None:
        self.chunks = list(chunks)
        self.embedder = embedder or FakeEmbedder()
        self.k = k
        self._matrix = self.embedder.embed_documents([c.text for c in self.chunks])
        self.queries: list[str] = []

    def _passes(self, chunk, filters) -> bool:
        from assistant.regions import expand

        if filters is None:
            return True
        if filters.region:
            tags = set().union(*(expand(r) for r in chunk.regions)) if chunk.regions else set()
            if filters.region not in tags:
                return False
        return filters.matches_metadata(chunk)

    def search(self, query, k=None, filters=None):
        from assistant.models import SearchHit

        self.queries.append(query)
        if not self.chunks:
            return []
        scores = self._matrix @ self.embedder.embed_query(query)
        order = np.argsort(-scores, kind="stable")
        hits = []
        for i in order:
            chunk = self.chunks[int(i)]
            if not self._passes(chunk, filters):
                continue
            hits.append(SearchHit(score=float(scores[i]), **chunk.model_dump(
                include={"chunk_id", "source", "title", "page", "section", "text", "kind", "language", "regions",
                         "date", "publisher", "page_label", "independent"})))
            if len(hits) >= (k or self.k):
                break
        return hits

    def get_chunk(self, chunk_id):
        return next((c for c in self.chunks if c.chunk_id == chunk_id), None)


def make_chunk(text: str, source: str = "doc.md", n: int = 0, **meta):
    """A Chunk with sensible defaults, for tests."""
    from assistant.models import Chunk

    fields = {"title": source, "chunk_id": f"{source}#{n}", "source": source, "text": text}
    fields.update(meta)
    return Chunk(**fields)


def write_files(folder, files: dict[str, str], manifest: str | None = None):
    """Write ``files`` (name -> text) into ``folder`` (created), and ``manifest`` as its sources.yaml; the folder."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (folder / "sources.yaml").write_text(manifest, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------------------------------------------
# Chat model fake (langchain-core BaseChatModel): scripted or computed replies, streaming, tools, structured output,
# and simulated endpoint faults. langchain-core is imported lazily so importing this module stays light.
# --------------------------------------------------------------------------------------------------------------

FAULT_KINDS = ("timeout", "connection", "http", "httpx_connect", "httpx_timeout", "json_schema_rejected")


def chat_fault(kind: str, status: int = 500, message: str | None = None) -> BaseException:
    """An exception like the one a real endpoint client raises, to script into :class:`FakeChatModel`.

    ``kind``: ``timeout`` / ``connection`` (openai client errors), ``http`` (an ``openai.APIStatusError``
    subclass for ``status``: 400 BadRequest, 401 Authentication, 403 PermissionDenied, 404 NotFound,
    429 RateLimit, >= 500 InternalServer), ``httpx_connect`` / ``httpx_timeout`` (raw httpx errors, as raised by
    the Ollama client), ``json_schema_rejected`` (the 400 llama.cpp's server gives for ``json_schema``).
    """
    import httpx
    import openai

    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    if kind == "timeout":
        return openai.APITimeoutError(request=request)
    if kind == "connection":
        return openai.APIConnectionError(message=message or "Connection error.", request=request)
    if kind == "httpx_connect":
        return httpx.ConnectError(message or "[Errno 111] Connection refused", request=request)
    if kind == "httpx_timeout":
        return httpx.ReadTimeout(message or "timed out", request=request)
    if kind == "json_schema_rejected":
        kind, status = "http", 400
        message = message or "Unsupported response_format type: json_schema"
    if kind == "http":
        classes = {400: openai.BadRequestError, 401: openai.AuthenticationError, 403: openai.PermissionDeniedError,
                   404: openai.NotFoundError, 409: openai.ConflictError, 422: openai.UnprocessableEntityError,
                   429: openai.RateLimitError}
        cls = classes.get(status, openai.InternalServerError if status >= 500 else openai.APIStatusError)
        response = httpx.Response(status, request=request, json={"error": {"message": message or f"HTTP {status}"}})
        return cls(message or f"Error code: {status}", response=response, body=None)
    raise ValueError(f"Unknown fault kind {kind!r}; choose one of {', '.join(FAULT_KINDS)}.")


class FakeChatModelExhausted(RuntimeError):
    """A :class:`FakeChatModel` was called more often than it has scripted responses (and has no ``respond``)."""


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


def quoting_chat_model():
    """A :class:`FakeChatModel` that answers with :func:`quoting_responder` (give it to the API as chat model)."""
    return sys.modules[__name__].FakeChatModel(respond=quoting_responder)  # the class is built on first access


def _build_fake_chat_model():
    import json
    from collections.abc import Callable, Iterator
    from typing import Any

    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
    from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
    from langchain_core.utils.function_calling import convert_to_openai_tool
    from pydantic import BaseModel, Field

    class FakeChatModel(BaseChatModel):
        """A deterministic chat model for tests: no network, no weights.

        Replies come from ``responses`` (consumed in order; a step may be a string, an ``AIMessage``, a dict or
        pydantic object (a tool call when tools are bound, else JSON text), an exception instance to raise - see
        :func:`chat_fault` - or a callable ``messages -> step``), then from ``respond`` (a callable
        ``messages -> step``) for every further call. With neither left, a call raises
        :class:`FakeChatModelExhausted`. Every call's messages and call options are recorded in ``calls``.

        Supports ``invoke``/``stream`` (streams word by word), ``bind_tools`` and ``with_structured_output``
        with ``method`` = ``function_calling``, ``json_mode`` or ``json_schema`` (``reject_json_schema=True``
        mimics llama.cpp's server, which answers ``json_schema`` requests with HTTP 400).
        """

        responses: list[Any] = Field(default_factory=list)
        respond: Callable[[list[BaseMessage]], Any] | None = None
        reject_json_schema: bool = False
        calls: list[dict[str, Any]] = Field(default_factory=list)
        model_name: str = "fake-chat"

        @property
        def _llm_type(self) -> str:
            return "fake-chat"

        @property
        def _identifying_params(self) -> dict[str, Any]:
            return {"model_name": self.model_name}

        # ---- replies --------------------------------------------------------------------------------------
        @property
        def last_messages(self) -> list[BaseMessage]:
            """Messages of the most recent call."""
            return self.calls[-1]["messages"] if self.calls else []

        def _next_step(self, messages: list[BaseMessage]) -> Any:
            used = sum(1 for c in self.calls if c.get("scripted"))
            if used < len(self.responses):
                self.calls[-1]["scripted"] = True
                return self.responses[used]
            if self.respond is not None:
                return self.respond
            raise FakeChatModelExhausted(
                f"FakeChatModel has {len(self.responses)} scripted responses and no respond function; "
                f"call {len(self.calls)} has nothing to return."
            )

        def _to_message(self, step: Any, messages: list[BaseMessage], options: dict[str, Any]) -> AIMessage:
            while callable(step) and not isinstance(step, (BaseModel, type)):
                step = step(messages)
            if isinstance(step, BaseException):
                raise step
            if isinstance(step, AIMessage):
                return step
            if isinstance(step, BaseModel):
                step = step.model_dump(mode="json")
            if isinstance(step, (dict, list)):
                tools = options.get("tools") or []
                if tools and isinstance(step, dict):
                    name = _forced_tool_name(options.get("tool_choice")) or tools[0]["function"]["name"]
                    call_id = f"call_{len(self.calls)}"
                    return AIMessage(content="", tool_calls=[{"name": name, "args": step, "id": call_id}])
                return AIMessage(content=json.dumps(step, ensure_ascii=False))
            if step is None:
                return AIMessage(content="")
            return AIMessage(content=str(step))

        def _reply(self, messages: list[BaseMessage], stop, kwargs: dict[str, Any]) -> AIMessage:
            self.calls.append({"messages": list(messages), "options": dict(kwargs), "stop": stop})
            fmt = kwargs.get("response_format")
            if self.reject_json_schema and isinstance(fmt, dict) and fmt.get("type") == "json_schema":
                raise chat_fault("json_schema_rejected")
            return self._to_message(self._next_step(messages), messages, kwargs)

        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            message = self._reply(messages, stop, kwargs)
            return ChatResult(generations=[ChatGeneration(message=message)])

        def _stream(self, messages, stop=None, run_manager=None, **kwargs) -> Iterator[ChatGenerationChunk]:
            import re

            message = self._reply(messages, stop, kwargs)
            content = message.content if isinstance(message.content, str) else json.dumps(message.content)
            if not content and not message.tool_calls:
                yield ChatGenerationChunk(message=AIMessageChunk(content=""))  # an empty stream, as servers send it
            for token in (t for t in re.split(r"(\s+)", content) if t):
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
                if run_manager:
                    run_manager.on_llm_new_token(token, chunk=chunk)
                yield chunk
            if message.tool_calls:
                yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[
                    {"name": c["name"], "args": json.dumps(c["args"]), "id": c["id"], "index": i}
                    for i, c in enumerate(message.tool_calls)]))

        # ---- tools and structured output ------------------------------------------------------------------
        def bind_tools(self, tools, *, tool_choice=None, **kwargs):
            formatted = [convert_to_openai_tool(t) for t in tools]
            return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)

        def with_structured_output(self, schema, *, method="function_calling", include_raw=False, strict=None,
                                   **kwargs):
            from operator import itemgetter

            from langchain_core.output_parsers import (
                JsonOutputParser,
                PydanticOutputParser,
            )
            from langchain_core.output_parsers.openai_tools import (
                JsonOutputKeyToolsParser,
                PydanticToolsParser,
            )
            from langchain_core.runnables import RunnableMap, RunnablePassthrough

            if kwargs:
                raise ValueError(f"Received unsupported arguments {kwargs}")
            is_model = isinstance(schema, type) and issubclass(schema, BaseModel)
            if method == "function_calling":
                name = convert_to_openai_tool(schema)["function"]["name"]
                llm = self.bind_tools([schema], tool_choice=name)
                parser = (PydanticToolsParser(tools=[schema], first_tool_only=True) if is_model
                          else JsonOutputKeyToolsParser(key_name=name, first_tool_only=True))
            elif method in ("json_mode", "json_schema"):
                if method == "json_mode":
                    fmt: dict[str, Any] = {"type": "json_object"}
                else:
                    fmt = {"type": "json_schema", "json_schema": convert_to_openai_tool(schema)["function"]}
                llm = self.bind(response_format=fmt)
                parser = PydanticOutputParser(pydantic_object=schema) if is_model else JsonOutputParser()
            else:
                raise ValueError(f"Unknown method {method!r}; use function_calling, json_mode or json_schema.")
            if not include_raw:
                return llm | parser
            parse = RunnablePassthrough.assign(parsed=itemgetter("raw") | parser, parsing_error=lambda _: None)
            fallback = RunnablePassthrough.assign(parsed=lambda _: None)
            return RunnableMap(raw=llm) | parse.with_fallbacks([fallback], exception_key="parsing_error")

    def _forced_tool_name(choice: Any) -> str | None:
        if isinstance(choice, dict):
            return (choice.get("function") or {}).get("name")
        if isinstance(choice, str) and choice not in ("auto", "any", "required", "none"):
            return choice
        return None

    return FakeChatModel


def __getattr__(name: str):
    """``FakeChatModel`` is built on first access, so importing this module does not import langchain-core."""
    if name == "FakeChatModel":
        cls = _build_fake_chat_model()
        globals()["FakeChatModel"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
