"""The fake embedder is a definition (words and trigrams hashed into +-1 slots), computed fast: its word table must
give exactly the vectors of that definition, whatever order words arrive in and from however many threads."""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from assistant import testing_embedder as testing
from assistant.testing import FakeEmbedder
from assistant.text import fold

TEXTS = [
    "Journalists were detained for criticising the government.",
    "De provincie Noord-Brabant werkt samen met Beieren aan halfgeleiders.",
    "België, Curaçao en São Paulo: één naïeve café-eigenaar.",
    "",
    "   ",
    "x" * 400,  # one long word: many trigrams in the same row
    "word word word Word WORD",
]


def reference(text: str, dim: int) -> np.ndarray:
    """The definition, feature by feature."""
    vec = np.zeros(dim, dtype=np.float64)
    for word in re.findall(r"\w+", fold(text)):
        features = [word, *(word[i : i + 3] for i in range(len(word) - 2))] if len(word) > 3 else [word]
        for feature in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            vec[int.from_bytes(digest[:4], "little") % dim] += 1.0 if digest[4] & 1 else -1.0
    vec = vec.astype(np.float32)
    norm = float(np.linalg.norm(vec))
    if norm == 0:
        vec[0], norm = 1.0, 1.0
    return vec / norm


def test_vectors_are_exactly_the_definition():
    for dim in (256, 64):
        got = FakeEmbedder(dim=dim).embed_documents(TEXTS)
        assert np.array_equal(got, np.stack([reference(t, dim) for t in TEXTS]))


def test_a_full_word_table_is_emptied_and_vectors_stay_the_same(monkeypatch):
    monkeypatch.setattr(testing, "SLOT_CACHE_WORDS", 5)
    monkeypatch.setattr(testing, "WORD_TABLE_START", 2)
    monkeypatch.setitem(testing._TABLES, 32, testing._WordTable(32))
    embedder = FakeEmbedder(dim=32)
    for text in TEXTS * 2:
        assert np.array_equal(embedder.embed_query(text), reference(text, 32))
    assert len(testing._TABLES[32].ids) <= 5


def test_threads_sharing_the_table_get_the_definition(monkeypatch):
    monkeypatch.setattr(testing, "WORD_TABLE_START", 1)  # the table grows while other threads read it
    monkeypatch.setitem(testing._TABLES, 48, testing._WordTable(48))
    texts = [f"{t} extra{i} words{i % 7}" for i, t in enumerate(TEXTS * 30)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(FakeEmbedder(dim=48).embed_query, texts))
    assert all(np.array_equal(g, reference(t, 48)) for g, t in zip(got, texts))
