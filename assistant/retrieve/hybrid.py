"""Hybrid retrieval: dense (Chroma) + BM25, fused by weighted reciprocal rank, with metadata filters and
region awareness.

Officers' questions usually name a country or region. The retriever detects it and (a) adds candidate lists
restricted to that region's chunks, (b) boosts chunks about it. Filters passed by the caller are hard filters.

Ranking and filtering work on the catalog's arrays (``index.catalog``: metadata codes, lengths, BM25), memory-
mapped from the lexical index beside the vectors; nothing reads every chunk. Texts come from the vector store for
the hits returned only.
"""

from __future__ import annotations

import math
import re
import threading
from collections import defaultdict

import numpy as np

from assistant.index.bm25 import tokenize_query
from assistant.index.catalog import Catalog
from assistant.index.embedders import Embedder
from assistant.index.lexical import LexicalIndex
from assistant.index.store import REGION_FLAG, VectorStore
from assistant.ingest.chunking import embedding_text
from assistant.models import Chunk, SearchHit
from assistant.regions import ALL, COUNTRIES, SUBREGIONS, find_regions, region_of
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
#: A scope allowing more chunks than this is first searched unfiltered, OVERFETCH times as deep as its share of
#: the index needs (5 ms for 400 results at 198,000 chunks); smaller scopes, and larger ones that search did not
#: fill, with the allowed ids (about 1 us an id).
IDS_FILTER_MAX = 50_000
OVERFETCH = 2.0
#: Date filters are not in Chroma's metadata filter: it fetches this many times more, the mask then applies them.
DATE_OVERFETCH = 4
#: Query vectors kept in memory (the compass asks the same criterion queries for many regions).
QUERY_CACHE_SIZE = 512


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

    def __init__(self, settings: Settings, embedder: Embedder, store: VectorStore,
                 lexical: LexicalIndex | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.lexical = lexical or LexicalIndex(settings.lexical_path, embedding_text)
        self._lock = threading.Lock()
        self._vector_cache: dict[tuple[str, ...], list[np.ndarray]] = {}

    # -- the catalog (metadata arrays, BM25, documents), reloaded when the lexical index changes ------------------
    def refresh(self) -> None:
        self.lexical.invalidate()

    def catalog(self) -> Catalog:
        return self.lexical.catalog(self.store)

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        found = self.store.get([chunk_id])
        return found[0] if found else None

    def all_chunks(self) -> list[Chunk]:
        """Every chunk, texts included, in catalog order: a full read of the store (for evaluations, not search)."""
        return sorted(self.store.chunks(), key=lambda c: (c.source, c.page or 0, c.char_start, c.chunk_id))

    def documents(self) -> list[dict]:
        """The catalog's document table (one entry per source, in source order)."""
        return self.catalog().documents

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
    def _allowed(catalog: Catalog, filters: Filters | None) -> np.ndarray:
        """Rows passing the hard filters (region with its sub-regions, kind, language, source, date range)."""
        mask = np.ones(catalog.rows, dtype=bool)
        if filters is None:
            return mask
        if filters.region:
            mask &= catalog.region_mask(region_of(filters.region).slug)
        for key in ("kind", "language", "source"):
            wanted = getattr(filters, key)
            if wanted:
                mask &= catalog.value_mask(key, lambda value, wanted=wanted: value == wanted)
        if filters.date_from or filters.date_to:
            mask &= catalog.value_mask("date", filters.matches_date)
        return mask

    # -- search --------------------------------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[SearchHit]:
        query = (query or "").strip()
        if not query:
            raise ValueError("Empty question: type a question or search terms.")
        k = k or self.settings.retrieval.k
        cfg = self.settings.retrieval
        catalog = self.catalog()
        base_mask = self._allowed(catalog, filters)  # before the empty check: an unknown region is an error
        if catalog.rows == 0:
            return []
        regions = [] if (filters and filters.region) else query_regions(query)
        english = self._translation(query)
        vectors = self._query_vectors(query, english if cfg.dense_translated_query else "")
        bm25_scores = catalog.bm25_scores(tokenize_query(f"{query} {english}" if english else query))

        lists: list[tuple[float, list[str]]] = []
        scopes: list[tuple[dict | None, np.ndarray]] = [(None, base_mask)]
        if cfg.region_filter:
            scopes += [({REGION_FLAG + region: True}, base_mask & catalog.region_mask(region)) for region in regions]
        publishers = self._publishers(query, catalog)
        if publishers:
            named = catalog.value_mask("publisher", lambda value: value in publishers)
            for where, mask in list(scopes):
                clause = {"publisher": {"$in": sorted(publishers)}}
                scopes.append(({"$and": [where, clause]} if where else clause, mask & named))
        for where, mask in scopes:
            allowed = int(np.count_nonzero(mask))
            if not allowed:
                continue
            for index, ranked in enumerate(self._dense(vectors, filters, where, mask, allowed, catalog)):
                weight = cfg.dense_weight if index == 0 else cfg.dense_weight * cfg.translated_weight
                lists.append((weight, ranked))
            lists.append((cfg.bm25_weight, self._lexical(bm25_scores, mask, catalog)))

        fused: dict[str, float] = defaultdict(float)
        for weight, ranked in lists:
            for rank, cid in enumerate(ranked, start=1):
                fused[cid] += weight / (cfg.rrf_k + rank)
        if not fused:
            return []
        ids = list(fused)
        rows = catalog.rows_of(ids)
        scores = np.fromiter(fused.values(), dtype=np.float64, count=len(ids))
        if regions and cfg.region_boost:
            scores += np.where(catalog.about_any(rows, set(regions)), cfg.region_boost / (cfg.rrf_k + 1), 0.0)
        lengths = catalog.column("length")[rows]
        short = lengths < SHORT_CHUNK_CHARS
        scores[short] *= (lengths[short] / SHORT_CHUNK_CHARS) ** SHORT_CHUNK_EXPONENT
        ranked = sorted(zip(ids, scores.tolist()), key=lambda item: (-item[1], item[0]))
        return self._hits(ranked, k)

    def _hits(self, ranked: list[tuple[str, float]], k: int) -> list[SearchHit]:
        """The first ``k`` ranked chunks that the store still holds, with their texts (read for these only)."""
        hits: list[SearchHit] = []
        start = 0
        while len(hits) < k and start < len(ranked):
            part = ranked[start : start + k - len(hits)]
            found = {c.chunk_id: c for c in self.store.get([cid for cid, _ in part])}
            hits += [_hit(found[cid], score) for cid, score in part if cid in found]
            start += len(part)
        return hits

    @staticmethod
    def _publishers(query: str, catalog: Catalog) -> set[str]:
        """Publishers the question names ("volgens Amnesty", "the State Department"), as indexed."""
        keys = [key for pattern, key in PUBLISHER_HINTS if re.search(pattern, query, re.IGNORECASE)]
        if not keys:
            return set()
        indexed = {p for p in catalog.vocab["publisher"] if p}
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

    def _dense(self, vectors: list[np.ndarray], filters: Filters | None, where: dict | None, mask: np.ndarray,
               allowed: int, catalog: Catalog) -> list[list[str]]:
        """The ``candidates`` nearest allowed chunks for each query vector (one store call for all vectors).

        Chroma's metadata filter (``where``) scans its metadata table: 70-250 ms a query at 21,000 chunks, 0.7-7 s
        at 198,000. The mask already says which chunks are allowed, so: no filter when all are; for a scope of
        many chunks, first an unfiltered search deep enough for its share of the index; else (or when that holds
        too few) the allowed ids, which Chroma resolves in about 1 us each (17,000 ids: 20 ms, 112,000: 100 ms).
        The ``where`` filter remains the fallback for an id another process just deleted."""
        n = self.settings.retrieval.candidates
        stacked = np.stack(vectors)
        if allowed == catalog.rows:
            return self._allowed_hits(self.store.query_many(stacked, n), mask, catalog, n)
        if allowed > IDS_FILTER_MAX:
            deep = min(catalog.rows, math.ceil(n * catalog.rows / allowed * OVERFETCH))
            ranked = self._allowed_hits(self.store.query_many(stacked, deep), mask, catalog, n)
            if all(len(r) >= n for r in ranked):
                return ranked
        try:
            hits = self.store.query_many(stacked, n, ids=catalog.chunk_ids(np.flatnonzero(mask)))
            return self._allowed_hits(hits, mask, catalog, n)
        except Exception:  # noqa: BLE001 - an id just deleted by another process: filter by metadata instead
            date_filtered = filters is not None and (filters.date_from or filters.date_to)
            fetch = n * DATE_OVERFETCH if date_filtered else n
            hits = self.store.query_many(stacked, fetch, self._where(filters, where))
            return self._allowed_hits(hits, mask, catalog, n)

    @staticmethod
    def _allowed_hits(hits: list[list[tuple[str, float]]], mask: np.ndarray, catalog: Catalog,
                      n: int) -> list[list[str]]:
        """Each ranking's chunk ids that the catalog holds and the mask allows, best first, at most ``n``."""
        out = []
        for ranked in hits:
            ids = [cid for cid, _score in ranked]
            rows = catalog.rows_of(ids)
            keep = (rows >= 0) & mask[np.maximum(rows, 0)]
            out.append([cid for cid, ok in zip(ids, keep.tolist()) if ok][:n])
        return out

    def _lexical(self, scores: np.ndarray, mask: np.ndarray, catalog: Catalog) -> list[str]:
        """The ``candidates`` best-scoring allowed rows (ties: catalog order), as chunk ids."""
        n = self.settings.retrieval.candidates
        rows = np.flatnonzero(mask & (scores > 0))
        if rows.size == 0:
            return []
        values = scores[rows]
        take = min(n, rows.size)
        if rows.size > take:  # only rows scoring at least the take-th best can be in the top (a partition, not a sort)
            kth = np.partition(values, rows.size - take)[rows.size - take]
            keep = values >= kth
            rows, values = rows[keep], values[keep]
        return catalog.chunk_ids(rows[np.lexsort((rows, -values))][:take])


def _hit(chunk: Chunk, score: float) -> SearchHit:
    return SearchHit(
        score=round(score, SCORE_DECIMALS),
        **chunk.model_dump(include={"chunk_id", "source", "title", "page", "section", "text", "kind", "language",
                                    "regions", "date", "publisher", "page_label", "independent"}),
    )


__all__ = ["HybridRetriever", "query_regions", "HOME_REGIONS", "ALL"]
