"""Structure-aware chunking: sections first (units never mix), then paragraphs, then sentences, then size.

A chunk is always a contiguous span of its unit's text, so ``char_start``/``char_end`` are exact and a quote
from the chunk is a quote from the document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.ingest.text import sentence_spans
from assistant.models import Chunk, DocumentMeta, TextUnit
from assistant.settings import ChunkSettings

#: A paragraph end is preferred as a cut when it leaves the chunk at least this full.
PARAGRAPH_CUT_MIN_FILL = 0.5
#: A short tail may grow the previous chunk to this multiple of the target size.
TAIL_MERGE_MAX_FACTOR = 1.4


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    para_end: bool  # a paragraph break follows this piece


def _pieces(text: str, size: int) -> list[_Piece]:
    """Sentences (long ones cut at spaces) with a flag for paragraph ends."""
    pieces: list[_Piece] = []
    for start, end in sentence_spans(text):
        while end - start > size:
            cut = text.rfind(" ", start + 1, start + size)
            cut = cut if cut > start else start + size
            pieces.append(_Piece(start, cut, False))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            para_end = text[end:end + 2] == "\n\n" or end >= len(text)
            pieces.append(_Piece(start, end, para_end))
    return pieces


def split_spans(text: str, settings: ChunkSettings) -> list[tuple[int, int]]:
    """(start, end) spans covering ``text`` in chunks of about ``settings.size`` characters."""
    size, overlap = settings.size, settings.overlap
    pieces = _pieces(text, size)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        start = pieces[i].start
        j = i
        best_para = None
        while j + 1 < len(pieces) and pieces[j + 1].end - start <= size:
            if pieces[j].para_end and pieces[j].end - start >= size * PARAGRAPH_CUT_MIN_FILL:
                best_para = j
            j += 1
        if j + 1 < len(pieces) and best_para is not None and not pieces[j].para_end:
            j = best_para
        end = pieces[j].end
        spans.append((start, end))
        if j + 1 >= len(pieces):
            break
        nxt = j + 1
        while nxt - 1 > i and end - pieces[nxt - 1].start <= overlap:
            nxt -= 1
        i = nxt
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < settings.min_size:
        prev_start = spans[-2][0]
        if spans[-1][1] - prev_start <= size * TAIL_MERGE_MAX_FACTOR:
            spans[-2:] = [(prev_start, spans[-1][1])]
    return spans


def chunk_id(source: str, file_hash: str, unit_index: int, start: int) -> str:
    raw = f"{source}\x00{file_hash}\x00{unit_index}\x00{start}"
    return hashlib.sha1(raw.encode()).hexdigest()[:20]


def chunk_document(
    units: list[TextUnit], meta: DocumentMeta, settings: ChunkSettings, file_hash: str
) -> list[Chunk]:
    """All chunks of one file version, each carrying the document's metadata and its own page/section."""
    chunks: list[Chunk] = []
    for index, unit in enumerate(units):
        regions = list(dict.fromkeys([*meta.regions, *unit.regions]))
        for start, end in split_spans(unit.text, settings):
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(meta.source, file_hash, index, start),
                    source=meta.source,
                    title=meta.title,
                    text=unit.text[start:end],
                    page=unit.page,
                    page_label=unit.page_label,
                    section=unit.section,
                    kind=meta.kind,
                    language=meta.language,
                    regions=regions,
                    date=meta.date,
                    publisher=meta.publisher,
                    independent=meta.independent,
                    char_start=start,
                    char_end=end,
                    file_hash=file_hash,
                )
            )
    for chunk in chunks:
        chunk.chunk_count = len(chunks)
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed: the chunk under a short header naming document and section.

    The header carries context a passage often lacks (which country's report, which section).
    """
    header = chunk.title if not chunk.section else f"{chunk.title} — {chunk.section}"
    return f"{header}\n{chunk.text}"
