"""Sentence-level re-ranking of fused candidates (a late-interaction "MaxSim" step, no reranker model needed).

A chunk embedding averages many sentences; the one sentence that answers a question is diluted. For the top
``pool`` fused candidates, every sentence is embedded (cached across queries) and a chunk's sentence score is its
best sentence's cosine with the question (or its English glossary terms). The final order fuses the original rank
and the sentence rank by weighted reciprocal rank.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np

from assistant.index.embedders import Embedder
from assistant.ingest.text import split_sentences
from assistant.models import SearchHit

#: Sentences shorter than this (headings, list bullets) are not scored on their own.
MIN_SENTENCE_CHARS = 25
#: Sentence vectors kept in memory.
SENTENCE_CACHE_SIZE = 50_000


class SentenceReranker:
    def __init__(self, embedder: Embedder, rrf_k: int, weight: float) -> None:
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.weight = weight
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _vectors(self, sentences: list[str]) -> list[np.ndarray]:
        keys = [hashlib.sha1(s.encode()).hexdigest() for s in sentences]
        with self._lock:
            missing = [i for i, key in enumerate(keys) if key not in self._cache]
        if missing:
            fresh = self.embedder.embed_documents([sentences[i] for i in missing])
            with self._lock:
                for i, vector in zip(missing, fresh):
                    self._cache[keys[i]] = vector
                while len(self._cache) > SENTENCE_CACHE_SIZE:
                    self._cache.popitem(last=False)
        with self._lock:
            return [self._cache[key] for key in keys]

    def sentence_scores(self, query_vectors: list[np.ndarray], hits: list[SearchHit]) -> np.ndarray:
        """Best sentence cosine per hit (over all query vectors)."""
        sentences: list[str] = []
        owners: list[int] = []
        for index, hit in enumerate(hits):
            pieces = [s for s in split_sentences(hit.text) if len(s) >= MIN_SENTENCE_CHARS] or [hit.text]
            sentences.extend(pieces)
            owners.extend([index] * len(pieces))
        best = np.full(len(hits), -1.0, dtype=np.float32)
        if not sentences:
            return best
        matrix = np.stack(self._vectors(sentences))
        sims = (matrix @ np.stack(query_vectors).T).max(axis=1)
        np.maximum.at(best, np.asarray(owners), sims)
        return best

    def rerank(self, query_vectors: list[np.ndarray], hits: list[SearchHit]) -> list[SearchHit]:
        if len(hits) < 2 or self.weight <= 0:
            return hits
        best = self.sentence_scores(query_vectors, hits)
        sentence_rank = {int(i): r for r, i in enumerate(np.argsort(-best, kind="stable"), start=1)}
        fused = [1.0 / (self.rrf_k + r) + self.weight / (self.rrf_k + sentence_rank[i])
                 for i, r in enumerate(range(1, len(hits) + 1))]
        order = sorted(range(len(hits)), key=lambda i: (-fused[i], i))
        return [hits[i].model_copy(update={"score": round(fused[i], 5)}) for i in order]
