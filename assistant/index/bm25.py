"""BM25 over the chunks, with Dutch and English stop words and Snowball stemming (PyStemmer).

Documents are stemmed in their own language. A query is stemmed both ways (it may be Dutch or English), and
Dutch query terms can be expanded with English equivalents before tokenising (see ``retrieve.glossary``).

The index is built at ingest from each chunk's term counts and saved in ``bm25s``' own format (a CSC matrix of
precomputed scores, memory-mapped when loaded). :func:`build_scores` is a vectorised equivalent of
``bm25s.BM25(method="lucene").index``: it gives bit-identical scores (a unit test holds it to that) but works on
numpy arrays of term counts, so a rebuild after an upload never re-tokenises the other chunks.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.text import fold

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
STEMMER_LANGUAGES = {"nl": "dutch", "en": "english"}
MIN_TOKEN_CHARS = 2
#: Token of a chunk without any word (bm25s needs every document to have one).
EMPTY_TOKEN = "\u2205"
#: BM25 parameters (bm25s defaults: Lucene variant).
K1 = 1.5
B = 0.75
METHOD = "lucene"
#: (chunk, term) pairs scored per block when building (bounds the float64 temporaries to a few tens of MB).
SCORE_BLOCK = 1 << 21
#: Distinct raw words whose folded form is cached (words repeat a lot across chunks).
WORD_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """bm25s' English and Dutch stop words, read from its data module alone: importing the bm25s package pulls in
    scipy (0.5-0.7 s), which a search does not need."""
    spec = importlib.util.find_spec("bm25s")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("BM25 needs the package bm25s: pip install bm25s")
    path = Path(next(iter(spec.submodule_search_locations))) / "stopwords.py"
    data_spec = importlib.util.spec_from_file_location("_bm25s_stopwords", path)
    data = importlib.util.module_from_spec(data_spec)
    data_spec.loader.exec_module(data)
    return frozenset(fold(w) for w in (*data.STOPWORDS_EN_PLUS, *data.STOPWORDS_DUTCH))


_stemmers: dict[str, object] = {}
_stem_lock = threading.Lock()


def _stemmer(language: str):
    name = STEMMER_LANGUAGES.get(language, "english")
    with _stem_lock:
        if name not in _stemmers:
            import Stemmer

            _stemmers[name] = Stemmer.Stemmer(name)
        return _stemmers[name]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _parts(raw: str) -> tuple[str, ...]:
    """The indexable words of one regex match: folded, hyphenated compounds also as their parts, no stop words."""
    stop = _stopwords()
    word = fold(raw)
    parts = [word, *word.split("-")] if "-" in word else [word]
    return tuple(p for p in parts if len(p) >= MIN_TOKEN_CHARS and p not in stop)


def words(text: str) -> list[str]:
    """Folded words without stop words (hyphenated compounds also yield their parts)."""
    return [part for raw in _TOKEN.findall(text) for part in _parts(raw)]


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


def term_counts(tokens: list[str], vocab: dict[str, int]) -> tuple[dict[int, int], int]:
    """A chunk's ({term id: count}, length in tokens); new terms are added to ``vocab``."""
    tokens = tokens or [EMPTY_TOKEN]
    counts: dict[int, int] = {}
    for token in tokens:
        term = vocab.setdefault(token, len(vocab))
        counts[term] = counts.get(term, 0) + 1
    return counts, len(tokens)


def build_scores(tf_ptr: np.ndarray, tf_term: np.ndarray, tf_count: np.ndarray, doc_len: np.ndarray,
                 n_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BM25 (Lucene) score of every (chunk, term) pair as the CSC arrays ``(data, indices, indptr)`` of bm25s.

    ``tf_ptr``/``tf_term``/``tf_count``: each chunk's distinct terms and their counts (CSR by chunk);
    ``doc_len``: each chunk's length in tokens. Computed exactly as bm25s does (float64, then float32).
    """
    n_docs = len(doc_len)
    if n_docs == 0:
        return np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(n_terms + 1, np.int64)
    avg_len = np.asarray(doc_len).mean()
    df = np.bincount(tf_term, minlength=n_terms)
    idf = np.zeros(n_terms, dtype=np.float32)
    for term in np.flatnonzero(df):  # math.log, as bm25s, so the float32 idf is the same to the last bit
        idf[term] = math.log(1 + (n_docs - df[term] + 0.5) / (df[term] + 0.5))
    rows = np.repeat(np.arange(n_docs, dtype=np.int32), np.diff(tf_ptr))
    norm = K1 * ((1 - B) + B * doc_len.astype(np.float64) / avg_len)
    scores = np.empty(len(tf_term), dtype=np.float32)
    for start in range(0, len(tf_term), SCORE_BLOCK):  # float64 temporaries for one block at a time
        block = slice(start, start + SCORE_BLOCK)
        tf = tf_count[block].astype(np.float32).astype(np.float64)
        scores[block] = idf[tf_term[block]].astype(np.float64) * (tf / (norm[rows[block]] + tf))
    order = np.argsort(tf_term, kind="stable")  # by term, rows ascending within a term (as bm25s sorts)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return scores[order], rows[order], indptr


def save_index(folder: Path, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, vocab: dict[str, int],
               n_docs: int) -> None:
    """Write the index in bm25s' format (``bm25s.BM25.load(folder, mmap=True)`` reads it)."""
    import bm25s

    model = bm25s.BM25(k1=K1, b=B, method=METHOD)
    model.scores = {"data": data, "indices": indices, "indptr": indptr, "num_docs": n_docs}
    model.vocab_dict = vocab
    model.nonoccurrence_array = None  # Lucene needs none; save() expects the attribute
    folder.mkdir(parents=True, exist_ok=True)
    model.save(str(folder), show_progress=False)


def load_vocab(folder: Path) -> dict[str, int]:
    return json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))


class BM25Index:
    """A saved BM25 index, memory-mapped: the scores of every chunk for a query; callers mask and rank.

    The files are bm25s' (``bm25s.BM25.load(folder, mmap=True)`` reads them too; a unit test does); they are read
    here with numpy alone, because importing bm25s pulls in scipy, a cost every cold search would pay.
    """

    def __init__(self, folder: Path) -> None:
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") != METHOD or params.get("k1") != K1 or params.get("b") != B:
            raise ValueError(f"{folder}: a BM25 index with other parameters ({params})")
        self.size = int(params.get("num_docs") or 0)
        self.vocab = load_vocab(folder)
        self._data, self._indices, self._indptr = (np.load(folder / f"{name}.csc.index.npy", mmap_mode="r")
                                                   for name in ("data", "indices", "indptr"))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """float32 scores, equal to bm25s' ``get_scores`` (summed in query-token order, in float32)."""
        out = np.zeros(self.size, dtype=np.float32)
        for token in query_tokens:
            term = self.vocab.get(token)
            if term is None:
                continue
            start, end = int(self._indptr[term]), int(self._indptr[term + 1])
            out[self._indices[start:end]] += self._data[start:end]  # a term's rows are distinct: same as np.add.at
        return out
