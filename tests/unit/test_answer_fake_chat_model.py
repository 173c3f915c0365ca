"""FakeChatModel (assistant.testing): scripted replies, streaming, tools, structured output, simulated faults."""

from __future__ import annotations

import httpx
import openai
import pytest
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import AIMessage
from pydantic import BaseModel

from assistant.testing import FakeChatModel, FakeChatModelExhausted, chat_fault


class Score(BaseModel):
    criterion: str
    score: int


def test_scripted_replies_in_order_then_respond_function_then_exhausted():
    model = FakeChatModel(responses=["one", AIMessage(content="two")], respond=lambda msgs: f"echo {len(msgs)}")
    assert model.invoke("a").content == "one"
    assert model.invoke("b").content == "two"
    assert model.invoke("c").content == "echo 1"
    with pytest.raises(FakeChatModelExhausted):
        FakeChatModel(responses=["only"]).bind(x=1).invoke("a") and FakeChatModel().invoke("a")
    assert [c["messages"][-1].content for c in model.calls] == ["a", "b", "c"]


def test_streaming_reassembles_the_reply():
    model = FakeChatModel(responses=["Journalists were detained [1]."])
    pieces = [chunk.content for chunk in model.stream("q")]
    assert len(pieces) > 3 and "".join(pieces) == "Journalists were detained [1]."


def test_bind_tools_turns_a_dict_into_a_tool_call():
    model = FakeChatModel(responses=[{"criterion": "omgevingsfactoren", "score": 2}])
    reply = model.bind_tools([Score]).invoke("score it")
    assert reply.tool_calls[0]["name"] == "Score" and reply.tool_calls[0]["args"]["score"] == 2
    assert model.calls[0]["options"]["tools"][0]["function"]["name"] == "Score"


@pytest.mark.parametrize("method", ["function_calling", "json_mode", "json_schema"])
def test_structured_output_methods(method):
    model = FakeChatModel(responses=[Score(criterion="x", score=3)])
    assert model.with_structured_output(Score, method=method).invoke("q") == Score(criterion="x", score=3)


def test_malformed_first_answer_then_valid_one_with_include_raw():
    model = FakeChatModel(responses=["Sorry, geen JSON.", {"criterion": "x", "score": 4}])
    structured = model.with_structured_output(Score, method="json_mode", include_raw=True)
    first = structured.invoke("q")
    assert first["parsed"] is None and isinstance(first["parsing_error"], OutputParserException)
    second = structured.invoke("q again")
    assert second["parsed"] == Score(criterion="x", score=4) and second["parsing_error"] is None


def test_function_calling_without_a_tool_call_parses_to_none_like_real_clients():
    model = FakeChatModel(responses=["plain text, no tool call"])
    assert model.with_structured_output(Score).invoke("q") is None


def test_json_schema_rejected_like_llama_cpp_server():
    model = FakeChatModel(responses=[{"criterion": "x", "score": 1}], reject_json_schema=True)
    with pytest.raises(openai.BadRequestError):
        model.with_structured_output(Score, method="json_schema").invoke("q")


@pytest.mark.parametrize("kind, status, cls", [
    ("timeout", 500, openai.APITimeoutError),
    ("connection", 500, openai.APIConnectionError),
    ("http", 401, openai.AuthenticationError),
    ("http", 404, openai.NotFoundError),
    ("http", 429, openai.RateLimitError),
    ("http", 502, openai.InternalServerError),
    ("httpx_connect", 500, httpx.ConnectError),
    ("httpx_timeout", 500, httpx.ReadTimeout),
])
def test_faults_raise_the_clients_exceptions(kind, status, cls):
    model = FakeChatModel(responses=[chat_fault(kind, status), "recovered"])
    with pytest.raises(cls):
        model.invoke("q")
    assert model.invoke("q").content == "recovered"
    with pytest.raises(ValueError):
        chat_fault("nonsense")
