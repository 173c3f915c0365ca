"""BM25 over the chunks (``bm25s``), with Dutch and English stop words and Snowball stemming (PyStemmer).

Documents are stemmed in their own language. A query is stemmed both ways (it may be Dutch or English), and
Dutch query terms can be expanded with English equivalents before tokenising (see ``retrieve.glossary``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
STEMMER_LANGUAGES = {"nl": "dutch", "en": "english"}
MIN_TOKEN_CHARS = 2


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

    return frozenset(_fold(w) for w in (*STOPWORDS_EN_PLUS, *STOPWORDS_DUTCH))


_stemmers: dict[str, object] = {}
_stem_lock = threading.Lock()


def _stemmer(language: str):
    name = STEMMER_LANGUAGES.get(language, "english")
    with _stem_lock:
        if name not in _stemmers:
            import Stemmer

            _stemmers[name] = Stemmer.Stemmer(name)
        return _stemmers[name]


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded words without stop words (hyphenated compounds also yield their parts)."""
    stop = _stopwords()
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        word = _fold(match.group(0))
        parts = [word, *word.split("-")] if "-" in word else [word]
        out.extend(p for p in parts if len(p) >= MIN_TOKEN_CHARS and p not in stop)
    return out


def tokenize(text: str, language: str = "en") -> list[str]:
    """Stemmed tokens of a document in ``language``."""
    return list(_stemmer(language).stemWords(words(text)))


def tokenize_query(text: str, languages: tuple[str, ...] = ("en", "nl")) -> list[str]:
    """Stemmed tokens of a query in each language, de-duplicated in order."""
    base = words(text)
    tokens: dict[str, None] = {}
    for language in languages:
        for token in _stemmer(language).stemWords(base):
            tokens[token] = None
    return list(tokens)


class BM25Index:
    """BM25 scores for every chunk; callers mask and rank (filters are applied outside)."""

    def __init__(self, texts: list[str], languages: list[str]) -> None:
        import bm25s

        self.size = len(texts)
        self._model = bm25s.BM25()
        corpus = [tokenize(t, lang) or ["\u2205"] for t, lang in zip(texts, languages)]
        if corpus:
            self._model.index(corpus, show_progress=False)
        self._vocab = set(self._model.vocab_dict) if corpus else set()

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        known = [t for t in query_tokens if t in self._vocab]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
