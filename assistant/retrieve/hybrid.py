"""Hybrid retrieval: dense (Chroma) + BM25, fused by weighted reciprocal rank, with metadata filters and
region awareness.

Officers' questions usually name a country or region. The retriever detects it and (a) adds candidate lists
restricted to that region's chunks, (b) boosts chunks about it. Filters passed by the caller are hard filters.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from assistant.index.bm25 import BM25Index, tokenize_query
from assistant.index.embedders import Embedder
from assistant.index.store import REGION_FLAG, VectorStore
from assistant.ingest.chunking import embedding_text
from assistant.models import Chunk, SearchHit
from assistant.regions import ALL, COUNTRIES, SUBREGIONS, expand, find_regions, region_of
from assistant.retrieve.base import Filters
from assistant.settings import Settings

#: Regions that describe the asker (the province), not the subject of a question.
HOME_REGIONS = frozenset({"noord-brabant", "netherlands"})
#: At most this many regions named in one question are used for boosting.
MAX_QUERY_REGIONS = 3
SCORE_DECIMALS = 5
#: Publisher names in a question (pattern) -> a key matched in the indexed ``publisher`` (case-folded). A question
#: that names a publisher gets candidate lists restricted to that publisher's documents.
PUBLISHER_HINTS: tuple[tuple[str, str], ...] = (
    (r"\bamnesty\b", "amnesty"),
    (r"state dep(?:artmen)?t|department of state|buitenlandse zaken van de (?:vs|verenigde staten)|"
     r"amerikaanse (?:ministerie|regering|overheid)|\bus government\b", "department of state"),
    (r"human rights watch|\bhrw\b", "human rights watch"),
    (r"clingendael", "clingendael"),
    (r"europese commissie|european commission", "european commission"),
    (r"gedeputeerde staten|provinciale staten", "provincie noord-brabant"),
)
#: Chunks shorter than this (a lone "See the ... report" line under a heading) match query words through their
#: header alone; their fused score is scaled by (length / SHORT_CHUNK_CHARS) ** SHORT_CHUNK_EXPONENT.
SHORT_CHUNK_CHARS = 200
SHORT_CHUNK_EXPONENT = 0.5
#: Query vectors kept in memory (the compass asks the same criterion queries for many regions).
QUERY_CACHE_SIZE = 512


@dataclass
class _Table:
    chunks: list[Chunk]
    by_id: dict[str, int]
    region_sets: list[frozenset[str]]
    bm25: BM25Index
    count: int


def query_regions(query: str) -> list[str]:
    """Regions a question is about: countries and sub-national regions before macro-regions (a sub-national
    region followed by its country, the wider scope); the asker's own province only if alone."""
    found = find_regions(query)
    places = {r.slug for r in COUNTRIES + SUBREGIONS}
    foreign = [r for r in found if r not in HOME_REGIONS]
    if not foreign:
        return found[:MAX_QUERY_REGIONS]
    named = [r for r in foreign if r in places] or foreign
    scoped = list(dict.fromkeys(s for r in named for s in (r, ALL[r].parent) if s))
    return scoped[:MAX_QUERY_REGIONS]


class HybridRetriever:
    """Implements :class:`assistant.retrieve.base.Searcher` and ``ChunkLookup`` over a VectorStore."""

    def __init__(self, settings: Settings, embedder: Embedder, store: VectorStore) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self._table: _Table | None = None
        self._lock = threading.Lock()
        self._vector_cache: dict[tuple[str, ...], list[np.ndarray]] = {}

    # -- the in-memory table (chunk texts, metadata, BM25), rebuilt from the store when it changes --------------
    def refresh(self) -> None:
        with self._lock:
            self._table = None

    def _current(self) -> _Table:
        count = self.store.count()
        with self._lock:
            if self._table is None or self._table.count != count:
                chunks = sorted(self.store.chunks(), key=lambda c: (c.source, c.page or 0, c.char_start, c.chunk_id))
                self._table = _Table(
                    chunks=chunks,
                    by_id={c.chunk_id: i for i, c in enumerate(chunks)},
                    region_sets=[frozenset().union(*(expand(r) for r in c.regions)) if c.regions else frozenset()
                                 for c in chunks],
                    bm25=BM25Index([embedding_text(c) for c in chunks], [c.language for c in chunks]),
                    count=len(chunks),
                )
            return self._table

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        table = self._current()
        index = table.by_id.get(chunk_id)
        return table.chunks[index].model_copy() if index is not None else None

    def all_chunks(self) -> list[Chunk]:
        return list(self._current().chunks)

    # -- filters -------------------------------------------------------------------------------------------------
    @staticmethod
    def _where(filters: Filters | None, extra: dict | None = None) -> dict | None:
        clauses: list[dict] = []
        if filters is not None:
            if filters.region:
                clauses.append({REGION_FLAG + region_of(filters.region).slug: True})
            for key in ("kind", "language", "source"):
                value = getattr(filters, key)
                if value:
                    clauses.append({key: value})
        if extra:
            clauses.append(extra)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    @staticmethod
    def _allowed(table: _Table, filters: Filters | None, extra_region: str | None = None) -> np.ndarray:
        mask = np.ones(table.count, dtype=bool)
        region = region_of(filters.region).slug if filters is not None and filters.region else None
        for i, chunk in enumerate(table.chunks):
            if region and region not in table.region_sets[i]:
                mask[i] = False
            elif extra_region and extra_region not in table.region_sets[i]:
                mask[i] = False
            elif filters is not None and not filters.matches_metadata(chunk):
                mask[i] = False
        return mask

    # -- search --------------------------------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[SearchHit]:
        query = (query or "").strip()
        if not query:
            raise ValueError("Empty question: type a question or search terms.")
        k = k or self.settings.retrieval.k
        cfg = self.settings.retrieval
        table = self._current()
        if table.count == 0:
            return []
        regions = [] if (filters and filters.region) else query_regions(query)
        english = self._translation(query)
        vectors = self._query_vectors(query, english if cfg.dense_translated_query else "")
        bm25_scores = table.bm25.scores(tokenize_query(f"{query} {english}" if english else query))

        lists: list[tuple[float, list[str]]] = []
        base_mask = self._allowed(table, filters)
        scopes: list[tuple[dict | None, np.ndarray]] = [(None, base_mask)]
        if cfg.region_filter:
            scopes += [({REGION_FLAG + region: True}, base_mask & self._allowed(table, None, region))
                       for region in regions]
        publishers = self._publishers(query, table)
        if publishers:
            named = np.array([c.publisher in publishers for c in table.chunks])
            for where, mask in list(scopes):
                clause = {"publisher": {"$in": sorted(publishers)}}
                scopes.append(({"$and": [where, clause]} if where else clause, mask & named))
        for where, mask in scopes:
            if not mask.any():
                continue
            for index, vector in enumerate(vectors):
                weight = cfg.dense_weight if index == 0 else cfg.dense_weight * cfg.translated_weight
                lists.append((weight, self._dense(vector, filters, where, mask, table)))
            lists.append((cfg.bm25_weight, self._lexical(bm25_scores, mask, table)))

        fused: dict[str, float] = defaultdict(float)
        for weight, ranked in lists:
            for rank, cid in enumerate(ranked, start=1):
                fused[cid] += weight / (cfg.rrf_k + rank)
        if regions and cfg.region_boost:
            bonus = cfg.region_boost / (cfg.rrf_k + 1)
            wanted = set(regions)
            for cid in fused:
                if table.region_sets[table.by_id[cid]] & wanted:
                    fused[cid] += bonus
        for cid in fused:
            length = len(table.chunks[table.by_id[cid]].text)
            if length < SHORT_CHUNK_CHARS:
                fused[cid] *= (length / SHORT_CHUNK_CHARS) ** SHORT_CHUNK_EXPONENT
        best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [_hit(table.chunks[table.by_id[cid]], score) for cid, score in best]

    @staticmethod
    def _publishers(query: str, table: _Table) -> set[str]:
        """Publishers the question names ("volgens Amnesty", "the State Department"), as indexed."""
        keys = [key for pattern, key in PUBLISHER_HINTS if re.search(pattern, query, re.IGNORECASE)]
        if not keys:
            return set()
        indexed = {c.publisher for c in table.chunks if c.publisher}
        return {p for p in indexed if any(key in p.casefold() for key in keys)}

    def _translation(self, query: str) -> str:
        """English terms for the Dutch words of the query (bundled glossary); "" when off or none found."""
        if not self.settings.retrieval.translate_query:
            return ""
        from assistant.retrieve.glossary import expand_query

        return expand_query(query)

    def _query_vectors(self, query: str, english: str) -> list[np.ndarray]:
        """Dense query vectors (the question, and its English terms if any) in one model call, cached."""
        texts = [query, english] if english else [query]
        key = tuple(texts)
        with self._lock:
            cached = self._vector_cache.get(key)
        if cached is None:
            cached = list(self.embedder.embed_queries(texts))
            with self._lock:
                if len(self._vector_cache) >= QUERY_CACHE_SIZE:
                    self._vector_cache.pop(next(iter(self._vector_cache)))
                self._vector_cache[key] = cached
        return cached

    def _dense(self, vector, filters, where: dict | None, mask, table: _Table) -> list[str]:
        n = self.settings.retrieval.candidates
        date_filtered = filters is not None and (filters.date_from or filters.date_to)
        fetch = n * 4 if date_filtered else n
        hits = self.store.query(vector, fetch, self._where(filters, where))
        out = []
        for cid, _score in hits:
            index = table.by_id.get(cid)
            if index is not None and mask[index]:
                out.append(cid)
        return out[:n]

    def _lexical(self, scores: np.ndarray, mask: np.ndarray, table: _Table) -> list[str]:
        n = self.settings.retrieval.candidates
        masked = np.where(mask, scores, 0.0)
        positive = int(np.count_nonzero(masked > 0))
        if positive == 0:
            return []
        top = np.argsort(-masked, kind="stable")[: min(n, positive)]
        return [table.chunks[int(i)].chunk_id for i in top]


def _hit(chunk: Chunk, score: float) -> SearchHit:
    return SearchHit(
        score=round(score, SCORE_DECIMALS),
        **chunk.model_dump(include={"chunk_id", "source", "title", "page", "section", "text", "kind", "language",
                                    "regions", "date", "publisher", "page_label", "independent"}),
    )


__all__ = ["HybridRetriever", "query_regions", "HOME_REGIONS", "ALL"]
