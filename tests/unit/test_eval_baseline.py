"""The vanilla LangChain baseline: tutorial defaults (1000/200 splitter, dense top-4), same embedder."""

from __future__ import annotations

import pytest

from assistant.evaluation.baseline import (BASELINE_CHUNK_OVERLAP, BASELINE_CHUNK_SIZE, BASELINE_K, VanillaRAG,
                                           baseline_files)
from assistant.evaluation.metrics import file_name
from assistant.testing import FakeEmbedder
from tests.fixtures_pdf import Page, Text, make_pdf

SENTENCES = [f"Sentence {n} describes cooperation topic number {n} between regions in some detail." for n in
             range(60)]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baseline_docs")
    (folder / "long.md").write_text(" ".join(SENTENCES), encoding="utf-8")
    (folder / "short.txt").write_text("Hydrogen valleys in Bavaria attract Brabant companies.", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not read by the vanilla loaders")
    (folder / "sources.yaml").write_text("documents: []\n", encoding="utf-8")
    pages = [Page([Text(72, 700, "Page one is about semiconductors and chips.")]),
             Page([Text(72, 700, "Page two reports torture of detainees in Freedonia.")])]
    (folder / "report.pdf").write_bytes(make_pdf(pages))
    return folder


@pytest.fixture(scope="module")
def rag(docs, tmp_path_factory):
    return VanillaRAG.build([docs], FakeEmbedder(), tmp_path_factory.mktemp("chroma"))


def test_files_the_vanilla_loaders_read(docs):
    readable, skipped = baseline_files([docs])
    assert sorted(p.name for p in readable) == ["long.md", "report.pdf", "short.txt"]
    assert [p.name for p in skipped] == ["notes.docx"]  # sources.yaml is corpus metadata, not a document
    with pytest.raises(FileNotFoundError, match="--docs"):
        baseline_files([docs / "missing"])


def test_default_splitter_sizes_and_overlap(rag):
    long_chunks = [c.page_content for c in rag.chunks if file_name(c.metadata["source"]) == "long.md"]
    total = len(" ".join(SENTENCES))
    assert len(long_chunks) > total // BASELINE_CHUNK_SIZE  # more pieces than without overlap
    assert all(len(c) <= BASELINE_CHUNK_SIZE for c in long_chunks)
    first, second = long_chunks[0], long_chunks[1]
    shared = second[: BASELINE_CHUNK_OVERLAP // 2]
    assert shared in first  # the next chunk starts inside the previous one's tail
    assert rag.skipped and rag.skipped[0].name == "notes.docx"


def test_search_returns_top_k_with_file_sources_and_pdf_pages(rag):
    hits = rag.search("torture of detainees in Freedonia")
    assert len(hits) == BASELINE_K
    assert hits[0].source.endswith("report.pdf") and hits[0].page == 2  # 1-based, like the question set
    assert "torture" in hits[0].text
    assert len({h.chunk_id for h in hits}) == BASELINE_K
    assert len(rag.search("hydrogen", k=2)) == 2


def test_passages_cover_every_chunk(rag):
    assert len(rag.passages()) == len(rag.chunks)


def test_empty_docs_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no text"):
        VanillaRAG.build([empty], FakeEmbedder(), tmp_path / "chroma")
