"""Every local VectorStore backend honours the same contract (the server backend: tests/integration)."""

from __future__ import annotations

from assistant.index.store import ChromaStore, VectorStore
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore, make_chunk
from tests.store_contract import run_contract


def test_in_memory_store_contract():
    store = InMemoryStore()
    assert isinstance(store, VectorStore)
    run_contract(store)


def test_embedded_chroma_store_contract(tmp_path):
    store = ChromaStore(Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER))
    assert isinstance(store, VectorStore)
    run_contract(store)


def test_embedded_chroma_persists_across_clients(tmp_path):
    settings = Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER)
    store = ChromaStore(settings)
    store.add(*_one())
    store.set_stamp("g7")
    again = ChromaStore(settings)
    assert again.count() == 1 and again.stamp() == "g7"


def _one():
    chunk = make_chunk("Press freedom is restricted by law.", chunk_id="x")
    return [chunk], FakeEmbedder().embed_documents([chunk.text])
