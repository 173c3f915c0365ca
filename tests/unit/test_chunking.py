"""Chunking: contiguous spans with exact offsets, paragraph/sentence cuts, size bounds, stable ids."""

from __future__ import annotations

from assistant.ingest.chunking import chunk_document, split_spans
from assistant.models import DocumentMeta, TextUnit
from assistant.settings import ChunkSettings

SETTINGS = ChunkSettings(size=300, overlap=60, min_size=40)


def sentences(n: int, prefix: str = "Sentence") -> str:
    return " ".join(f"{prefix} number {i} says something about human rights in the region." for i in range(n))


def test_spans_are_contiguous_within_size_and_cut_at_sentence_ends():
    text = sentences(30)
    spans = split_spans(text, SETTINGS)
    assert len(spans) > 3
    for start, end in spans:
        assert end - start <= SETTINGS.size
        assert text[start:end].endswith(".")
        assert text[start].isupper()
    # Coverage: every sentence is in some chunk, and consecutive chunks overlap (or touch).
    for (s1, e1), (s2, _e2) in zip(spans, spans[1:]):
        assert s2 <= e1 + 1 and s2 > s1


def test_one_very_long_line_is_still_cut_at_sentences():
    # Real Markdown files hold whole sections on one line.
    text = sentences(40)
    assert "\n" not in text
    spans = split_spans(text, SETTINGS)
    assert all(text[s:e].endswith(".") for s, e in spans)


def test_paragraph_boundaries_are_preferred():
    para_a = sentences(4, "Alpha")
    para_b = sentences(4, "Beta")
    text = f"{para_a}\n\n{para_b}"
    spans = split_spans(text, ChunkSettings(size=400, overlap=0, min_size=40))
    first = text[spans[0][0]:spans[0][1]]
    assert "Beta" not in first and first.endswith(".")


def test_sentence_longer_than_size_is_split_at_spaces():
    text = "word " * 200
    spans = split_spans(text.strip(), SETTINGS)
    assert all(e - s <= SETTINGS.size for s, e in spans)
    assert len(spans) >= 3


def test_short_tail_is_merged():
    text = sentences(4) + " Tail."
    spans = split_spans(text, ChunkSettings(size=200, overlap=0, min_size=40))
    assert not text[spans[-1][0]:spans[-1][1]] == "Tail."


def test_chunk_document_metadata_offsets_and_stable_ids():
    meta = DocumentMeta(source="r.md", title="Report", kind="government_report", language="en", regions=["china"],
                        date="2025", independent=True)
    units = [TextUnit(text=sentences(12), section="Section 2", page=None),
             TextUnit(text=sentences(3), page=7, page_label="vii", regions=["taiwan"])]
    chunks = chunk_document(units, meta, SETTINGS, file_hash="abc")
    again = chunk_document(units, meta, SETTINGS, file_hash="abc")
    assert [c.chunk_id for c in chunks] == [c.chunk_id for c in again]
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert all(c.chunk_count == len(chunks) for c in chunks)
    for chunk in chunks:
        unit = units[0] if chunk.page is None else units[1]
        assert unit.text[chunk.char_start:chunk.char_end] == chunk.text
    last = chunks[-1]
    assert last.page == 7 and last.page_label == "vii" and last.regions == ["china", "taiwan"]
    assert chunks[0].section == "Section 2" and chunks[0].independent and chunks[0].kind == "government_report"
    changed = chunk_document(units, meta, SETTINGS, file_hash="def")
    assert not {c.chunk_id for c in changed} & {c.chunk_id for c in chunks}
