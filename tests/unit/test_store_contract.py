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
    and which cost half of every write), the fields no filter uses into one packed value; chunks an earlier version
    stored (text as the document, one metadata key per field) still read back whole."""
    from assistant.index.store import PACKED_KEY, TEXT_KEY

    store = ChromaStore(Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER))
    chunk = make_chunk("Press freedom is restricted by law.", chunk_id="x", page=4, section="Section 2",
                       regions=["bavaria"], publisher="US State Department")
    store.add([chunk], FakeEmbedder().embed_documents([chunk.text]))
    raw = store.collection.get(ids=["x"], include=["documents", "metadatas"])
    meta = raw["metadatas"][0]
    assert raw["documents"] == [None] and meta[TEXT_KEY] == chunk.text
    assert {"source", "kind", "language", "publisher", "r_bavaria", "r_germany", PACKED_KEY} <= set(meta)
    assert "page" not in meta and "title" not in meta  # packed
    assert store.get(["x"]) == [chunk]

    old = make_chunk("Torture was reported in detention.", chunk_id="old", page=7, regions=["china", "asia"])
    old_meta = {"source": old.source, "title": old.title, "kind": old.kind, "language": old.language,
                "regions": "china|asia", "independent": old.independent, "char_start": old.char_start,
                "char_end": old.char_end, "file_hash": old.file_hash, "chunk_count": old.chunk_count, "page": 7,
                "r_china": True, "r_asia": True}
    store.collection.add(ids=["old"], embeddings=FakeEmbedder().embed_documents([old.text]), documents=[old.text],
                         metadatas=[old_meta])
    assert store.get(["old", "x"]) == [old, chunk]
    assert {c.chunk_id: c for part in store.iter_chunks() for c in part} == {"old": old, "x": chunk}
