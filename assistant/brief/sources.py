"""The numbered source list of a brief: one entry per cited indexed chunk, numbered in order of first use."""

from __future__ import annotations

from assistant.brief.model import SourceRef
from assistant.i18n import t
from assistant.models import Chunk


class SourceRegistry:
    """Hands out ``[n]`` numbers for chunks. Only chunks found in the index get a number (no [n] without a chunk)."""

    def __init__(self, lookup) -> None:
        self.lookup = lookup  # anything with get_chunk(chunk_id) -> Chunk | None (the Assistant)
        self._by_id: dict[str, SourceRef] = {}

    def number(self, chunk_id: str) -> int | None:
        """The number of the chunk (registering it on first use), or None when it is not in the index."""
        ref = self._by_id.get(chunk_id)
        if ref is not None:
            return ref.n
        chunk = self.lookup.get_chunk(chunk_id)
        if chunk is None:
            return None
        ref = from_chunk(len(self._by_id) + 1, chunk)
        self._by_id[chunk_id] = ref
        return ref.n

    def refs(self) -> list[SourceRef]:
        return sorted(self._by_id.values(), key=lambda r: r.n)

    def __len__(self) -> int:
        return len(self._by_id)


def from_chunk(n: int, chunk: Chunk) -> SourceRef:
    return SourceRef(n=n, chunk_id=chunk.chunk_id, source=chunk.source, title=chunk.title, publisher=chunk.publisher,
                     date=chunk.date, page=chunk.page, page_label=chunk.page_label, section=chunk.section,
                     kind=chunk.kind, independent=chunk.independent)


def describe(ref: SourceRef, lang: str) -> str:
    """``Title — Publisher, 2025-07, p. 3 (file.md)``: the source-list line without its number."""
    parts = [ref.title]
    meta = [p for p in (ref.publisher, ref.date or t("brief.no_date", lang)) if p]
    if ref.page is not None:
        meta.append(t("brief.page", lang, page=ref.page_label or ref.page))
    elif ref.section:
        meta.append(t("brief.section", lang, section=ref.section))
    line = f"{parts[0]} — {', '.join(meta)}"
    return f"{line} ({ref.source})"
