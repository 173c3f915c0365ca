"""Every local VectorStore backend honours the same contract (the server backend: tests/integration)."""

from __future__ import annotations

from assistant.index.store import ChromaStore, VectorStore
from assistant.settings import Settings
from assistant.testing import InMemoryStore
from tests.store_contract import run_contract


def test_in_memory_store_contract():
    store = InMemoryStore()
    assert isinstance(store, VectorStore)
    run_contract(store)


def test_embedded_chroma_store_contract(tmp_path):
    store = ChromaStore(Settings(index_dir=tmp_path, embedder="fake"))
    assert isinstance(store, VectorStore)
    run_contract(store)


def test_embedded_chroma_persists_across_clients(tmp_path):
    settings = Settings(index_dir=tmp_path, embedder="fake")
    run_contract(ChromaStore(settings))
    assert ChromaStore(settings).count() == 2
