"""The persisted lexical index: BM25 equal to bm25s, catalog arrays and document table equal to the store after
every incremental change, and a stale, missing or unreadable lexical index rebuilt (with a log message) instead of
trusted."""

from __future__ import annotations

import logging
import random
import threading
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from assistant.api import Assistant
from assistant.index import bm25
from assistant.index.catalog import CODED, INTS, RowBuilder, merge, save, Catalog
from assistant.index.lexical import IndexBusy, LexicalIndex
from assistant.ingest.chunking import embedding_text
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore, make_chunk, write_files

WORDS = ("press freedom journalists detained torture prison court trial election protest women labour union "
         "persvrijheid journalisten gevangenis rechtbank verkiezing vrouwen café naïve coöperatie self-censorship "
         "Ærø ﬁnancial ½ straße İstanbul rock'n'roll e-mail").split()
QUERIES = ["press freedom journalists", "torture in prison", "persvrijheid en journalisten", "vrouwen rechtbank",
           "financial straße", "nothing-matches-this"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def reference_words(text: str) -> list[str]:
    """The tokenizer as it was before caching (per-word NFKD casefold): the cached one must give the same."""
    stop = bm25._stopwords()
    out = []
    for match in bm25._TOKEN.finditer(text):
        word = "".join(ch for ch in unicodedata.normalize("NFKD", match.group(0).casefold())
                       if not unicodedata.combining(ch))
        parts = [word, *word.split("-")] if "-" in word else [word]
        out.extend(p for p in parts if len(p) >= bm25.MIN_TOKEN_CHARS and p not in stop)
    return out


def test_cached_tokenizer_gives_the_same_words():
    rng = random.Random(7)
    for _ in range(50):
        text = sentence(rng, 40).replace(" ", rng.choice([" ", "  ", ", ", " – ", "\n"]))
        assert bm25.words(text) == reference_words(text)
        assert bm25.words(text.upper()) == reference_words(text.upper())


def test_bm25_built_from_term_counts_equals_bm25s(tmp_path):
    import bm25s

    rng = random.Random(3)
    texts = [sentence(rng, rng.randint(0, 60)) for _ in range(120)] + ["", "the of and"]
    tokens = [bm25.tokenize(t) or [bm25.EMPTY_TOKEN] for t in texts]
    reference = bm25s.BM25()
    reference.index(tokens, show_progress=False)
    builder = RowBuilder({})
    builder.add([make_chunk(t, chunk_id=f"c{i}") for i, t in enumerate(texts)], texts)
    rows = builder.rows()
    save(rows, tmp_path / "cat")
    ours = Catalog.load(tmp_path / "cat")
    loaded = bm25s.BM25.load(str(tmp_path / "cat" / "bm25"), mmap=True)  # the files are bm25s' own format
    for query in QUERIES:
        known = [t for t in bm25.tokenize_query(query) if t in reference.vocab_dict]
        expected = np.asarray(reference.get_scores(known), dtype=np.float32) if known else np.zeros(len(texts))
        assert np.array_equal(ours.bm25_scores(bm25.tokenize_query(query)), expected), query
        ours_known = [t for t in bm25.tokenize_query(query) if t in loaded.vocab_dict]
        if ours_known:
            assert np.array_equal(np.asarray(loaded.get_scores(ours_known), dtype=np.float32), expected), query


# -- the catalog against the store, through incremental changes ----------------------------------------------------
def snapshot(catalog: Catalog) -> dict:
    """Everything a catalog holds, decoded (term ids to tokens), so two catalogs compare by content."""
    a = catalog.arrays
    terms = {i: t for t, i in catalog.terms().items()}
    ptr = a["tf_ptr"]
    return {
        "ids": a["ids"].tolist(),
        **{name: [catalog.vocab[name][c] for c in catalog.column(name)] for name in CODED},
        **{name: a[name].tolist() for name in INTS},
        "terms": [sorted((terms[int(t)], int(n)) for t, n in zip(a["tf_term"][s:e], a["tf_count"][s:e]))
                  for s, e in zip(ptr[:-1], ptr[1:])],
        "doc_len": a["doc_len"].tolist(),
        "documents": catalog.documents,
        "scores": [catalog.bm25_scores(bm25.tokenize_query(q)).tolist() for q in QUERIES],
    }


def rebuilt(assistant: Assistant, tmp_path: Path) -> Catalog:
    """A catalog built from scratch from the store's chunks (what a rebuild builds; the store is not stamped)."""
    builder = RowBuilder({})
    for batch in assistant.store.iter_chunks(batch=7):
        builder.add(batch, [embedding_text(c) for c in batch])
    folder = tmp_path / f"fresh-{random.random()}"
    save(merge(None, set(), builder.rows()), folder)
    return Catalog.load(folder)


def check(assistant: Assistant, tmp_path: Path) -> Catalog:
    catalog = assistant.retriever.catalog()
    stored = {c.chunk_id: c for c in assistant.store.chunks()}
    assert catalog.rows == len(stored) == assistant.store.count()
    assert set(catalog.arrays["ids"].tolist()) == set(stored)
    assert assistant.store.stamp() == assistant.lexical.read_current()
    assert snapshot(catalog) == snapshot(rebuilt(assistant, tmp_path))
    # The documents table equals what reading every chunk gives.
    expected: dict[str, dict] = {}
    for chunk in sorted(stored.values(), key=lambda c: (c.source, c.page or 0, c.char_start, c.chunk_id)):
        row = expected.setdefault(chunk.source, {"source": chunk.source, "title": chunk.title,
                                                 "publisher": chunk.publisher, "kind": chunk.kind,
                                                 "language": chunk.language, "regions": chunk.regions,
                                                 "date": chunk.date, "chunks": 0, "pages": 0,
                                                 "independent": chunk.independent})
        row["chunks"] += 1
        row["pages"] = max(row["pages"], chunk.page or 0)
    assert assistant.documents() == sorted(expected.values(), key=lambda r: r["source"])
    return catalog


DOCS = {
    "china.md": "# China\n\n" + "\n\n".join(f"Journalists were detained in China, case {i}. " * 8 for i in range(6)),
    "vietnam.md": "# Vietnam\n\n" + "\n\n".join(f"Bloggers in Vietnam were imprisoned, case {i}. " * 8
                                               for i in range(4)),
    "beleid.txt": "Aanpak\n\n" + "\n\n".join(f"De provincie werkt samen met partners, punt {i}. " * 8
                                             for i in range(3)),
}
MANIFEST = ("china.md:\n  publisher: Amnesty International\n  regions: [china]\n  date: '2024'\n"
            "vietnam.md:\n  publisher: US Department of State\n  regions: [vietnam]\n  date: '2025-03'\n")


@pytest.fixture(params=["memory", "chroma"])
def assistant(request, tmp_path) -> Assistant:
    """The same small corpus over the in-memory store and over embedded Chroma."""
    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=write_files(tmp_path / "corpus", DOCS, MANIFEST),
                        index_dir=tmp_path / "index")
    settings.chunk.size = 300
    settings.chunk.overlap = 50
    store = InMemoryStore() if request.param == "memory" else None  # None: the Chroma store of the settings
    return Assistant(settings, embedder=FakeEmbedder(), store=store)


def test_incremental_add_change_remove_keep_the_catalog_equal_to_a_rebuild(assistant, tmp_path):
    corpus = assistant.settings.corpus_dir
    assistant.ingest()
    first = check(assistant, tmp_path)
    (corpus / "japan.md").write_text("# Japan\n\n" + "Pre-trial detention in Japan lasts long. " * 30)
    (corpus / "china.md").write_text("# China\n\n" + "Torture of detainees was reported in Xinjiang. " * 30)
    summary = assistant.ingest()
    assert sorted(summary.indexed) == ["china.md", "japan.md"]
    second = check(assistant, tmp_path)
    assert second.folder != first.folder  # a new generation
    assert assistant.remove_document("vietnam.md", delete_file=True) > 0
    assert not (corpus / "vietnam.md").exists()
    check(assistant, tmp_path)
    (corpus / "beleid.txt").unlink()
    assert assistant.ingest().removed == ["beleid.txt"]
    catalog = check(assistant, tmp_path)
    assert [d["source"] for d in catalog.documents] == ["china.md", "japan.md"]
    hits = assistant.search("torture Xinjiang", k=2)
    assert hits[0].source == "china.md" and "Torture" in hits[0].text
    # Old generations are cleaned up: the current one and the one before are kept.
    generations = [p for p in assistant.settings.lexical_path.iterdir() if p.is_dir()]
    assert len(generations) == 2


def test_filters_and_scopes_from_the_arrays(assistant):
    from assistant.retrieve.base import Filters

    assistant.ingest()
    retriever = assistant.retriever
    catalog = retriever.catalog()
    china_rows = catalog.region_mask("china")
    assert china_rows.sum() == next(d["chunks"] for d in catalog.documents if d["source"] == "china.md")
    assert catalog.region_mask("east-asia").sum() == china_rows.sum()  # a macro-region includes its countries
    assert retriever._allowed(catalog, Filters(date_from="2025")).sum() == catalog.documents[2]["chunks"]
    assert retriever._allowed(catalog, Filters(date_to="2024", language="en")).sum() == china_rows.sum()
    assert not retriever._allowed(catalog, Filters(source="nope.md")).any()
    rows = catalog.rows_of(["missing", *catalog.chunk_ids(np.array([3, 0]))])
    assert rows.tolist() == [-1, 3, 0]
    hits = assistant.search("journalists detained", k=3, filters=Filters(region="china"))
    assert hits and {h.source for h in hits} == {"china.md"}
    assert {h.source for h in assistant.search("Wat meldt Amnesty over journalisten?", k=5)} >= {"china.md"}


def test_a_store_changed_behind_the_index_is_rebuilt_with_a_warning(assistant, tmp_path, caplog):
    assistant.ingest()
    victim = assistant.retriever.catalog().chunk_ids(np.array([0]))[0]
    assistant.store.delete([victim])  # a write that did not go through the lexical index
    restarted = Assistant(assistant.settings, embedder=FakeEmbedder(), store=assistant.store)
    with caplog.at_level(logging.WARNING, logger="assistant.index.lexical"):
        catalog = restarted.retriever.catalog()
    assert "does not match the vector store" in caplog.text and "Rebuilding" in caplog.text
    assert catalog.rows == assistant.store.count() and victim not in catalog.arrays["ids"].tolist()
    check(restarted, tmp_path)


def test_a_missing_or_unreadable_lexical_index_is_rebuilt(assistant, tmp_path, caplog):
    import shutil

    assistant.ingest()
    before = snapshot(assistant.retriever.catalog())
    shutil.rmtree(assistant.settings.lexical_path)
    with caplog.at_level(logging.WARNING, logger="assistant.index.lexical"):
        restarted = Assistant(assistant.settings, embedder=FakeEmbedder(), store=assistant.store)
        assert snapshot(restarted.retriever.catalog()) == before
    assert "No lexical index" in caplog.text
    caplog.clear()
    current = restarted.lexical.read_current()
    (assistant.settings.lexical_path / current / "rows.json").write_text("{not json")
    with caplog.at_level(logging.WARNING, logger="assistant.index.lexical"):
        again = Assistant(assistant.settings, embedder=FakeEmbedder(), store=assistant.store)
        assert snapshot(again.retriever.catalog()) == before
    assert "cannot be read" in caplog.text


def test_an_interrupted_ingest_leaves_a_mismatch_that_is_repaired(assistant, tmp_path, monkeypatch):
    from assistant.ingest import pipeline

    assistant.ingest()
    corpus = assistant.settings.corpus_dir
    (corpus / "japan.md").write_text("# Japan\n\n" + "Pre-trial detention in Japan lasts long. " * 30)
    (corpus / "zeta.md").write_text("# Zeta\n\n" + "Another report on courts and detention. " * 30)
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 1)  # every embedded batch is written at once
    calls = {"n": 0}
    real = assistant.embedder.embed_documents

    def failing(texts):
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("model crashed")
        return real(texts)

    monkeypatch.setattr(assistant.embedder, "embed_documents", failing)
    with pytest.raises(RuntimeError, match="model crashed"):
        assistant.ingest()
    assert assistant.store.stamp() == ""  # the store was written, the lexical index not: visibly stale
    monkeypatch.setattr(assistant.embedder, "embed_documents", real)
    restarted = Assistant(assistant.settings, embedder=FakeEmbedder(), store=assistant.store)
    summary = restarted.ingest()
    # japan.md (one embedding batch) was written whole before the crash: the rebuilt index knows it.
    assert summary.indexed == ["zeta.md"] and "japan.md" in summary.unchanged
    check(restarted, tmp_path)


def test_readers_keep_the_last_index_while_another_process_writes(assistant, tmp_path):
    assistant.ingest()
    generation = assistant.lexical.read_current()
    reader = LexicalIndex(assistant.settings.lexical_path, embedding_text)
    entered, release = threading.Event(), threading.Event()

    def write():
        with assistant.lexical.writing(assistant.store) as writer:
            writer.begin()  # as an ingest does before its first store write
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert entered.wait(10)
        catalog = reader.catalog(assistant.store)  # stamp cleared, lock held: no rebuild, the saved one is used
        assert catalog.folder.name == generation and reader.read_current() == generation
        with pytest.raises(IndexBusy, match="Another ingest is running"):
            with assistant.lexical._locked(wait=0):
                pass
    finally:
        release.set()
        thread.join()


def test_merge_orders_rows_like_search_ties_always_broke(tmp_path):
    chunks = [make_chunk("b text", source="b.md", chunk_id="z", page=1), make_chunk("a text", source="a.md",
              chunk_id="y", page=2, char_start=5), make_chunk("a more", source="a.md", chunk_id="x", page=2),
              make_chunk("a first", source="a.md", chunk_id="w", page=None, char_start=9)]
    builder = RowBuilder({})
    builder.add(chunks, [c.text for c in chunks])
    rows = merge(None, set(), builder.rows())
    assert rows.ids.tolist() == ["w", "x", "y", "z"]
    again = merge(rows, {"a.md"}, None)
    assert again.ids.tolist() == ["z"] and set(again.terms) == {"text"}
