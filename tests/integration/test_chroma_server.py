"""The same store contract and a search against a real Chroma server started on loopback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.index.store import ChromaStore
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder
from tests.servers import STOP_SECONDS, free_port, serve
from tests.store_contract import run_contract

pytestmark = pytest.mark.integration
STARTUP_SECONDS = 60
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    url = f"http://127.0.0.1:{port}"
    with serve([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
               f"{url}/api/v2/heartbeat", STARTUP_SECONDS):
        yield url


def test_server_store_contract(chroma_url, tmp_path):
    run_contract(ChromaStore(Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER, chroma_url=chroma_url)))


def test_ingest_and_search_through_the_server(chroma_url, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Vietnam\n\nJournalists were imprisoned for criticising the party.\n")
    (corpus / "b.md").write_text("# Canada\n\nIndigenous rights were discussed in parliament.\n")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx", embedder=FAKE_EMBEDDER, chroma_url=chroma_url)
    settings.chunk.min_size = 0
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assert sorted(assistant.ingest().indexed) == ["a.md", "b.md"]
    hits = assistant.search("journalists imprisoned", k=1)
    assert hits[0].source == "a.md"
    assert assistant.ingest().unchanged == ["a.md", "b.md"]


def test_unreachable_server_gives_a_clear_error(tmp_path):
    from assistant.index.store import StoreError

    with pytest.raises(StoreError, match="ASSISTANT_CHROMA_URL"):
        ChromaStore(Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER, chroma_url=f"http://127.0.0.1:{free_port()}"))


class Worker:
    """An app worker: a long-running process with its own Assistant, driven over stdin/stdout."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.lexical_worker"], cwd=REPO, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def __call__(self, op: str, **args):
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"worker exited with {self.proc.poll()}"
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=STOP_SECONDS)


def test_two_workers_share_one_server_and_one_lexical_index(chroma_url, tmp_path):
    """Two worker processes (each with its own index folder, as on two hosts) share the Chroma server and the
    lexical folder: what one ingests or removes, the other finds or stops finding at its next search, and while one
    writes the other cannot start a second ingest."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Vietnam\n\nJournalists were imprisoned for criticising the party.\n")
    (corpus / "b.md").write_text("# Canada\n\nIndigenous rights were discussed in parliament.\n")
    extra = tmp_path / "upload" / "c.md"
    extra.parent.mkdir()
    extra.write_text("# Japan\n\nPre-trial detention of suspects lasted up to 23 days.\n")
    base = {**os.environ, "ASSISTANT_CHROMA_URL": chroma_url, "ASSISTANT_LEXICAL_DIR": str(tmp_path / "shared"),
            "ASSISTANT_EMBEDDER": FAKE_EMBEDDER, "ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_CHUNK__MIN_SIZE": "0",
            "ASSISTANT_CHUNK__SIZE": "800"}  # a collection of its own on the module's server
    one = Worker({**base, "ASSISTANT_INDEX_DIR": str(tmp_path / "host1")})
    two = Worker({**base, "ASSISTANT_INDEX_DIR": str(tmp_path / "host2")})
    try:
        assert two("search", q="journalists imprisoned") == []  # started before anything was indexed
        assert sorted(one("ingest")["indexed"]) == ["a.md", "b.md"]
        assert two("search", q="journalists imprisoned", k=1)[0][0] == "a.md"
        assert two("ingest", paths=[str(extra)])["indexed"] == ["c.md"]
        assert one("search", q="pre-trial detention suspects", k=1)[0][0] == "c.md"
        assert one("docs") == ["a.md", "b.md", "c.md"]
        assert one("remove", source="b.md") == 1
        assert two("docs") == ["a.md", "c.md"]
        assert "b.md" not in {source for source, _ in two("search", q="indigenous rights parliament", k=3)}
        assert one("status") == two("status") == {"chunks": 2, "rows": 2}

        assert one("hold") == "held"  # one is writing: two cannot start an ingest, and keeps searching
        assert "Another ingest is running" in two("ingest")["error"]
        assert two("search", q="journalists imprisoned", k=1)[0][0] == "a.md"
        assert one("release") == "released"
        assert two("ingest", paths=[str(extra)])["unchanged"] == ["c.md"]
        # A third process, the command line, reads the same shared index.
        env = {**base, "ASSISTANT_INDEX_DIR": str(tmp_path / "host3")}
        proc = subprocess.run([sys.executable, "-m", "assistant.cli", "docs", "--format", "json"], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=STOP_SECONDS)
        assert [d["source"] for d in json.loads(proc.stdout)] == ["a.md", "c.md"]
    finally:
        one.close()
        two.close()
