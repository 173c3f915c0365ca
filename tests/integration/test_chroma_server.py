"""The same store contract and a search against a real Chroma server started on loopback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.index.store import ChromaStore
from assistant.settings import Settings
from assistant.testing import FakeEmbedder
from tests.servers import free_port, serve
from tests.store_contract import run_contract

pytestmark = pytest.mark.integration
STARTUP_SECONDS = 60


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
    run_contract(ChromaStore(Settings(index_dir=tmp_path, embedder="fake", chroma_url=chroma_url)))


def test_ingest_and_search_through_the_server(chroma_url, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Vietnam\n\nJournalists were imprisoned for criticising the party.\n")
    (corpus / "b.md").write_text("# Canada\n\nIndigenous rights were discussed in parliament.\n")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx", embedder="fake", chroma_url=chroma_url)
    settings.chunk.min_size = 0
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assert sorted(assistant.ingest().indexed) == ["a.md", "b.md"]
    hits = assistant.search("journalists imprisoned", k=1)
    assert hits[0].source == "a.md"
    assert assistant.ingest().unchanged == ["a.md", "b.md"]


def test_unreachable_server_gives_a_clear_error(tmp_path):
    from assistant.index.store import StoreError

    with pytest.raises(StoreError, match="ASSISTANT_CHROMA_URL"):
        ChromaStore(Settings(index_dir=tmp_path, embedder="fake", chroma_url=f"http://127.0.0.1:{free_port()}"))
