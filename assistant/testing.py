"""Deterministic fakes for tests and examples. They live in the package so every test suite and downstream tool
can use the same ones. None of them touches the network or loads a model.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class FakeEmbedder:
    """Feature-hashing embedder: words and character trigrams hashed into a fixed-size unit vector.

    Texts that share words are similar, unrelated texts are near-orthogonal, and the same text always gives the
    same vector - enough for tests of ranking, filters and persistence without a model.
    """

    name = "fake"

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim
        self.calls = 0  # number of texts embedded (tests assert that re-ingest embeds nothing)

    @property
    def dim(self) -> int:
        return self._dim

    def _features(self, text: str) -> list[str]:
        words = _WORD.findall(_fold(text))
        grams = [w[i : i + 3] for w in words if len(w) > 3 for i in range(len(w) - 2)]
        return words + grams

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self._dim, dtype=np.float32)
        for feature in self._features(text):
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self._dim
            sign = 1.0 if digest[4] & 1 else -1.0
            vec[index] += sign
        norm = float(np.linalg.norm(vec))
        if norm == 0:
            vec[0] = 1.0
            norm = 1.0
        return vec / norm

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class FakeSearcher:
    """In-memory :class:`assistant.retrieve.base.Searcher` over given chunks, ranked by FakeEmbedder cosine.

    Honours every filter field, so answerers, proposers and briefs can be tested without an index.
    """

    def __init__(self, chunks, embedder: FakeEmbedder | None = None, k: int = 5) -> None:
        self.chunks = list(chunks)
        self.embedder = embedder or FakeEmbedder()
        self.k = k
        self._matrix = self.embedder.embed_documents([c.text for c in self.chunks])
        self.queries: list[str] = []

    def _passes(self, chunk, filters) -> bool:
        from assistant.regions import expand

        if filters is None:
            return True
        if filters.region:
            tags = set().union(*(expand(r) for r in chunk.regions)) if chunk.regions else set()
            if filters.region not in tags:
                return False
        if filters.kind and chunk.kind != filters.kind:
            return False
        if filters.language and chunk.language != filters.language:
            return False
        if filters.source and chunk.source != filters.source:
            return False
        if filters.date_from and (chunk.date or "") < filters.date_from:
            return False
        if filters.date_to and (chunk.date or "9999") > filters.date_to:
            return False
        return True

    def search(self, query, k=None, filters=None):
        from assistant.models import SearchHit

        self.queries.append(query)
        if not self.chunks:
            return []
        scores = self._matrix @ self.embedder.embed_query(query)
        order = np.argsort(-scores, kind="stable")
        hits = []
        for i in order:
            chunk = self.chunks[int(i)]
            if not self._passes(chunk, filters):
                continue
            hits.append(SearchHit(score=float(scores[i]), **chunk.model_dump(
                include={"chunk_id", "source", "title", "page", "section", "text", "kind", "language", "regions",
                         "date", "publisher", "page_label", "independent"})))
            if len(hits) >= (k or self.k):
                break
        return hits

    def get_chunk(self, chunk_id):
        return next((c for c in self.chunks if c.chunk_id == chunk_id), None)


def make_chunk(text: str, source: str = "doc.md", n: int = 0, **meta):
    """A Chunk with sensible defaults, for tests."""
    from assistant.models import Chunk

    fields = {"title": source, "chunk_id": f"{source}#{n}", "source": source, "text": text}
    fields.update(meta)
    return Chunk(**fields)
