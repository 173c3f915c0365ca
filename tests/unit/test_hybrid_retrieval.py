"""Hybrid retrieval over the in-memory store with the fake embedder: fusion, filters, regions, Dutch queries."""

from __future__ import annotations

import pytest

from assistant.ingest.chunking import embedding_text
from assistant.retrieve.base import Filters, Searcher
from assistant.retrieve.hybrid import HybridRetriever, query_regions
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore, make_chunk

DOCS = [
    ("cn-1", "china.md", "Authorities restricted freedom of the press and detained journalists.", ["china"], "en",
     "government_report", "2025-07"),
    ("cn-2", "china.md", "Torture of detainees was reported in Xinjiang.", ["china"], "en", "government_report",
     "2025-07"),
    ("vn-1", "vietnam.md", "Authorities restricted freedom of the press and imprisoned bloggers.", ["vietnam"], "en",
     "government_report", "2025-08"),
    ("jp-1", "japan.md", "Japan's courts allow long pre-trial detention.", ["japan"], "en", "government_report",
     "2025-08"),
    ("nl-1", "brabant.txt", "De provincie Noord-Brabant kijkt naar mensenrechten bij de keuze van partnerlanden.",
     ["noord-brabant", "netherlands"], "nl", "policy", "2023"),
    ("am-1", "amnesty.pdf", "Press freedom was curtailed and several journalists were detained.", ["vietnam"],
     "en", "ngo_briefing", "2013"),
]


#: Neutral context that brings every fixture chunk to a realistic length (short chunks are down-weighted).
PADDING = (" Het verslag beschrijft de periode in kwestie en steunt op overheidsbronnen en maatschappelijke"
           " organisaties, met verwijzingen naar eerdere jaren en naar de wetgeving die daarvoor gold.")


def build(tmp_path, publishers: dict[str, str] | None = None) -> HybridRetriever:
    """The DOCS in a store; the lexical index is built from it on first use (it does not exist yet)."""
    embedder = FakeEmbedder()
    store = InMemoryStore()
    chunks = [make_chunk(text + PADDING, source=src, chunk_id=cid, regions=regions, language=lang, kind=kind,
                         date=date, title=src, publisher=(publishers or {}).get(cid))
              for cid, src, text, regions, lang, kind, date in DOCS]
    store.add(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    return HybridRetriever(Settings(embedder=FAKE_EMBEDDER, index_dir=tmp_path), embedder, store)


@pytest.fixture()
def retriever(tmp_path) -> HybridRetriever:
    return build(tmp_path)


def ids(hits):
    return [h.chunk_id for h in hits]


def test_is_a_searcher(retriever):
    assert isinstance(retriever, Searcher)


def test_region_named_in_the_question_wins(retriever):
    # Same passage wording in China and Vietnam: the country in the question decides.
    assert ids(retriever.search("press freedom journalists in Vietnam", k=2))[0] in {"vn-1", "am-1"}
    assert ids(retriever.search("press freedom journalists in China", k=1)) == ["cn-1"]


def test_dutch_question_finds_english_chunk_through_the_glossary(retriever):
    hits = retriever.search("Zijn er meldingen van marteling in China?", k=1)
    assert ids(hits) == ["cn-2"]


def test_hard_filters(retriever):
    assert set(ids(retriever.search("press freedom", k=6, filters=Filters(region="vietnam")))) == {"vn-1", "am-1"}
    assert ids(retriever.search("press freedom", k=6, filters=Filters(kind="ngo_briefing"))) == ["am-1"]
    assert ids(retriever.search("mensenrechten", k=6, filters=Filters(language="nl"))) == ["nl-1"]
    assert set(ids(retriever.search("press", k=6, filters=Filters(source="china.md")))) <= {"cn-1", "cn-2"}
    assert "am-1" not in ids(retriever.search("press freedom", k=6, filters=Filters(date_from="2020")))
    assert ids(retriever.search("press freedom", k=6, filters=Filters(date_to="2014"))) == ["am-1"]
    # A macro-region filter includes its countries.
    assert set(ids(retriever.search("detention", k=6, filters=Filters(region="Oost-Azië")))) <= {"cn-1", "cn-2",
                                                                                                 "jp-1"}


def test_unknown_region_filter_and_empty_query_are_clear_errors(retriever):
    with pytest.raises(ValueError, match="Unknown region"):
        retriever.search("press", filters=Filters(region="Atlantis"))
    with pytest.raises(ValueError, match="Empty question"):
        retriever.search("   ")


def test_get_chunk_and_refresh_after_store_change(retriever):
    assert retriever.get_chunk("cn-2").text.startswith("Torture")
    assert retriever.get_chunk("missing") is None
    retriever.store.delete(["cn-2"])
    assert retriever.get_chunk("cn-2") is None


def test_query_regions_prefers_the_foreign_country_over_home():
    assert query_regions("Welke kansen heeft Brabant in Japan?") == ["japan"]
    assert query_regions("Wat doet de provincie Noord-Brabant?") == ["noord-brabant"]
    assert query_regions("Vergelijk Japan en Zuid-Korea") == ["japan", "south-korea"]


def test_a_publisher_named_in_the_question_gets_its_own_candidates(tmp_path):
    retriever = build(tmp_path, {"am-1": "Amnesty International", "vn-1": "U.S. Department of State"})
    assert ids(retriever.search("Wat meldt Amnesty over journalisten in Vietnam?", k=1)) == ["am-1"]
    assert ids(retriever.search("What does the State Department say about journalists in Vietnam?", k=1)) == ["vn-1"]


def test_a_lone_pointer_line_does_not_outrank_a_real_passage(tmp_path):
    embedder = FakeEmbedder()
    store = InMemoryStore()
    pointer = make_chunk("See the Freedom of the Press report.", source="r.md", chunk_id="pointer",
                         section="Freedom of the Press")
    passage = make_chunk("The government restricted freedom of the press; journalists were detained and media "
                         "outlets were closed after critical reporting on the authorities during the year." + PADDING,
                         source="r.md", chunk_id="passage", section="Freedom of the Press")
    chunks = [pointer, passage]
    store.add(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    retriever = HybridRetriever(Settings(embedder=FAKE_EMBEDDER, index_dir=tmp_path), embedder, store)
    assert ids(retriever.search("freedom of the press", k=2)) == ["passage", "pointer"]


def test_a_chunk_deleted_by_another_process_falls_back_to_chroma_s_metadata_filter(tmp_path):
    """A scope is searched by the ids the loaded catalog allows; when another process has just deleted one of them
    from Chroma (its new lexical generation not yet read here), Chroma rejects the id list and the search falls back
    to Chroma's metadata filter on the stored filter keys and region flags: still scoped, no error."""
    from assistant.index.store import ChromaStore

    settings = Settings(embedder=FAKE_EMBEDDER, index_dir=tmp_path)
    embedder = FakeEmbedder()
    chunks = [make_chunk(text + PADDING, source=src, chunk_id=cid, regions=regions, language=lang, kind=kind,
                         date=date, title=src) for cid, src, text, regions, lang, kind, date in DOCS]
    store = ChromaStore(settings)
    store.add(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    retriever = HybridRetriever(settings, embedder, store)
    scoped = Filters(region="vietnam", kind="ngo_briefing")
    assert ids(retriever.search("press freedom journalists", k=3, filters=scoped)) == ["am-1"]

    store.collection.delete(ids=["vn-1"])  # the other process: Chroma changed, this catalog still lists vn-1
    calls: list[tuple[list | None, dict | None]] = []
    query_many = store.query_many

    def recording(vectors, n, where=None, ids=None):
        calls.append((ids, where))
        return query_many(vectors, n, where, ids)

    store.query_many = recording
    hits = retriever.search("press freedom imprisoned bloggers", k=3, filters=Filters(region="vietnam"))
    assert ids(hits) == ["am-1"] and all("vietnam" in h.regions for h in hits)
    tried, fallback = calls[0], calls[1]
    assert "vn-1" in tried[0] and tried[1] is None  # the id list first
    assert fallback == (None, {"r_vietnam": True})  # then the metadata filter on the region flag
