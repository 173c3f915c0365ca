"""The fake embedder: words and character trigrams hashed into a unit vector. Deterministic, model-free and fast
(tens of microseconds a passage), for tests and for benchmarks that measure the pipeline, not a model. Re-exported
by :mod:`assistant.testing`."""

from __future__ import annotations

import hashlib
import re
import threading

import numpy as np

from assistant.text import fold

_WORD = re.compile(r"\w+", re.UNICODE)
#: Words whose feature slots are remembered (per dimension); the table is emptied when it would grow past this
#: (at 256 dimensions: 51 MB).
SLOT_CACHE_WORDS = 100_000
#: Rows the word table starts with (doubled when full).
WORD_TABLE_START = 1024


class _WordTable:
    """Each word's features (the word and its character trigrams) summed into one row of slot counts, per
    dimension; shared by every FakeEmbedder of that dimension (words repeat across texts and tests)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.ids: dict[str, int] = {}
        self.rows = np.zeros((WORD_TABLE_START, self.dim), dtype=np.int16)

    def counts(self, texts: list[list[str]]) -> np.ndarray:
        """Per text (a list of words), the slot counts of all features of its words (new words are hashed and
        added). One lock, so threads sharing the table never see it half-grown or cleared under them."""
        counts = np.zeros((len(texts), self.dim), dtype=np.int64)
        total = sum(len(words) for words in texts)
        with self._lock:
            get = self.ids.get
            flat = [get(word, -1) for words in texts for word in words]
            if len(self.ids) + flat.count(-1) > SLOT_CACHE_WORDS:
                self.clear()
                flat = [-1] * total
            if -1 in flat:
                every = [word for words in texts for word in words]
                flat = [row if row >= 0 else self._add(word) for word, row in zip(every, flat)]
            if not total:
                return counts
            gathered = self.rows[np.fromiter(flat, dtype=np.int64, count=total)]
        start = 0
        for index, words in enumerate(texts):  # per text: numpy's reduceat along rows is 10x slower
            if words:
                counts[index] = gathered[start : start + len(words)].sum(axis=0, dtype=np.int64)
                start += len(words)
        return counts

    def _add(self, word: str) -> int:
        row = self.ids.get(word)
        if row is not None:  # a new word seen twice in the same text
            return row
        row = self.ids[word] = len(self.ids)
        if row == len(self.rows):
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
        features = [word, *(word[i : i + 3] for i in range(len(word) - 2))] if len(word) > 3 else [word]
        for feature in features:
            slot, sign = _slot(feature, self.dim)
            self.rows[row, slot] += sign
        return row


def _slot(feature: str, dim: int) -> tuple[int, int]:
    digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
    return int.from_bytes(digest[:4], "little") % dim, 1 if digest[4] & 1 else -1


_TABLES: dict[int, _WordTable] = {}


class FakeEmbedder:
    """Feature-hashing embedder: words and character trigrams hashed into a fixed-size unit vector.

    Texts that share words are similar, unrelated texts are near-orthogonal, and the same text always gives the
    same vector - enough for tests of ranking, filters and persistence without a model. Fast enough (tens of
    microseconds a passage) that benchmarks with it measure the pipeline, not the fake.
    """

    name = "fake"

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim
        self.calls = 0  # number of texts embedded (tests assert that re-ingest embeds nothing)
        self._table = _TABLES.get(dim) or _TABLES.setdefault(dim, _WordTable(dim))  # a new table only once

    @property
    def dim(self) -> int:
        return self._dim

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """The sum of +-1 per feature slot over each text's words (small integers: exact in any order),
        normalised; an empty text gets the first axis."""
        vectors = self._table.counts([_WORD.findall(fold(text)) for text in texts]).astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1)
        empty = norms == 0
        vectors[empty, 0] = 1.0
        norms[empty] = 1.0
        return vectors / norms[:, None]

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return self._vectors(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self._vectors([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._vectors(list(texts))
