"""The VectorStore contract, shared by every backend's test (in-memory, embedded Chroma, Chroma server)."""

from __future__ import annotations

import numpy as np

from assistant.index.store import REGION_FLAG, VectorStore
from assistant.testing import FakeEmbedder, make_chunk

TEXTS = {
    "a": ("Torture in detention was reported.", ["china"], 3),
    "b": ("De provincie werkt samen met Japan.", ["japan", "noord-brabant"], None),
    "c": ("Press freedom is restricted by law.", ["vietnam"], 12),
}


def run_contract(store: VectorStore) -> None:
    embedder = FakeEmbedder()
    chunks = [make_chunk(text, source=f"{cid}.md", n=0, chunk_id=cid, regions=regions, page=page,
                         language="nl" if cid == "b" else "en", file_hash=f"h{cid}", chunk_count=1)
              for cid, (text, regions, page) in TEXTS.items()]
    vectors = embedder.embed_documents([c.text for c in chunks])
    assert store.count() == 0
    store.add(chunks, vectors)
    assert store.count() == 3

    # Round trip of text and metadata.
    stored = {c.chunk_id: c for c in store.chunks()}
    assert set(stored) == set(TEXTS)
    assert stored["a"].text == TEXTS["a"][0] and stored["a"].page == 3 and stored["b"].page is None
    assert stored["b"].regions == ["japan", "noord-brabant"] and stored["b"].language == "nl"
    assert stored["c"].file_hash == "hc" and stored["c"].chunk_count == 1

    # Query: the exact vector ranks first with similarity ~1.
    hits = store.query(vectors[2], 3)
    assert hits[0][0] == "c" and abs(hits[0][1] - 1.0) < 1e-3
    assert [h[1] for h in hits] == sorted((h[1] for h in hits), reverse=True)

    # Filters on region flags (macro-regions included) and plain fields.
    assert [h[0] for h in store.query(vectors[0], 3, where={REGION_FLAG + "east-asia": True})] in (["a", "b"], ["a"])
    assert {h[0] for h in store.query(vectors[0], 3, where={REGION_FLAG + "east-asia": True})} == {"a", "b"}
    assert [h[0] for h in store.query(vectors[0], 3, where={"language": "nl"})] == ["b"]
    both = {"$and": [{REGION_FLAG + "asia": True}, {"language": "en"}]}
    assert {h[0] for h in store.query(vectors[1], 3, where=both)} == {"a", "c"}

    # Upsert replaces; delete removes; unknown ids are ignored.
    replaced = make_chunk("Replaced text.", source="a.md", chunk_id="a", regions=["china"], file_hash="h2",
                          chunk_count=1)
    store.add([replaced], np.asarray([embedder.embed_query("Replaced text.")]))
    assert store.count() == 3
    assert {c.chunk_id: c.text for c in store.chunks()}["a"] == "Replaced text."
    store.delete(["a", "does-not-exist"])
    assert store.count() == 2 and "a" not in {c.chunk_id for c in store.chunks()}
    assert store.query(vectors[0], 5, where={REGION_FLAG + "china": True}) == []

    # Several vectors at once; a search restricted to given ids.
    both = store.query_many(np.stack([vectors[1], vectors[2]]), 2)
    assert [hits[0][0] for hits in both] == ["b", "c"]
    assert [h[0] for h in store.query_many(vectors[2][None, :], 3, ids=["b"])[0]] == ["b"]
    assert store.query_many(vectors[2][None, :], 3, ids=[]) == [[]]

    # Chunks by id, in the order asked, unknown ids left out; all chunks in batches.
    assert [c.chunk_id for c in store.get(["c", "missing", "b"])] == ["c", "b"]
    assert store.get(["c"])[0].text == TEXTS["c"][0] and store.get([]) == []
    assert sorted(c.chunk_id for part in store.iter_chunks(batch=1) for c in part) == ["b", "c"]

    # The stamp names the lexical index that matches; every write clears it.
    store.set_stamp("g1")
    assert store.stamp() == "g1"
    store.delete(["b"])
    assert store.stamp() == ""
    store.set_stamp("g2")
    store.add([replaced], np.asarray([embedder.embed_query("Replaced text.")]))
    assert store.stamp() == ""
    store.clear()
    assert store.count() == 0 and store.chunks() == [] and store.stamp() == ""
