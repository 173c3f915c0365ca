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


def test_embedded_chroma_keeps_text_out_of_its_full_text_index(tmp_path):
    """Texts go into the chunk metadata, not Chroma's documents (whose full-text index this product never queries
    and which cost half of every write); chunks an earlier version stored as documents still read back whole."""
    from assistant.index.store import TEXT_KEY, encode_metadata

    store = ChromaStore(Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER))
    chunks, vectors = _one()
    store.add(chunks, vectors)
    raw = store.collection.get(ids=["x"], include=["documents", "metadatas"])
    assert raw["documents"] == [None] and raw["metadatas"][0][TEXT_KEY] == chunks[0].text

    old = make_chunk("Torture was reported in detention.", chunk_id="old")
    store.collection.add(ids=["old"], embeddings=FakeEmbedder().embed_documents([old.text]), documents=[old.text],
                         metadatas=[encode_metadata(old)])
    assert [c.text for c in store.get(["old", "x"])] == [old.text, chunks[0].text]
    assert {c.chunk_id: c.text for part in store.iter_chunks() for c in part} == {"old": old.text, "x": chunks[0].text}
