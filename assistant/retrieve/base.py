"""The retrieval seam: search filters and the Searcher protocol that answerers, proposers and briefs use."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from assistant.models import SearchHit


class Filters(BaseModel):
    """Metadata filters for search. ``None`` means no restriction."""

    region: str | None = Field(None, description="Region slug (or name); chunks tagged with it or a sub-region.")
    kind: str | None = Field(None, description="Document kind, e.g. policy, ngo_briefing, government_report.")
    language: str | None = Field(None, description="Document language code (nl, en).")
    source: str | None = Field(None, description="Source path relative to the corpus folder.")
    date_from: str | None = Field(None, description="Earliest document date (ISO, inclusive).")
    date_to: str | None = Field(None, description="Latest document date (ISO, inclusive).")

    def is_empty(self) -> bool:
        return not any(self.model_dump().values())

    def matches_metadata(self, chunk: "Chunk") -> bool:
        """Kind, language, source and date range (region is checked by the caller against expanded tags).

        Dates compare on the filter's precision: date_from "2024" admits "2024-07"; an undated chunk never
        passes a date filter.
        """
        if self.kind and chunk.kind != self.kind:
            return False
        if self.language and chunk.language != self.language:
            return False
        if self.source and chunk.source != self.source:
            return False
        return self.matches_date(chunk.date)

    def matches_date(self, date: str | None) -> bool:
        """The date range alone (see :meth:`matches_metadata`)."""
        if self.date_from and (not date or date[: len(self.date_from)] < self.date_from):
            return False
        if self.date_to and (not date or date[: len(self.date_to)] > self.date_to):
            return False
        return True


@runtime_checkable
class Searcher(Protocol):
    """Anything that ranks chunks for a query: the hybrid retriever, or a fake in tests."""

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[SearchHit]:
        """Best chunks first. ``filters.region`` restricts hard; a region *named in the query* only boosts."""
        ...


@runtime_checkable
class ChunkLookup(Protocol):
    """Fetch an indexed chunk by id (the validator checks that cited chunks exist and contain their quotes)."""

    def get_chunk(self, chunk_id: str) -> "Chunk | None": ...


from assistant.models import Chunk  # noqa: E402  (for the annotation above)
