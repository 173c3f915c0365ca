"""The chunk catalog: one row per indexed chunk as numpy arrays, with the BM25 index and a per-document table.

Everything retrieval needs to rank and filter without reading the chunks: the chunk ids, metadata codes (source,
kind, language, publisher, date, regions, file hash), lengths, each chunk's term counts, and the BM25 scores built
from them. Filters, region and publisher scopes are vector operations over these arrays; chunk texts are read from
the vector store only for the hits returned.

Rows are ordered by (source, page, offset, chunk id), the order retrieval has always broken score ties in. A
catalog is immutable: a change (an upload, a removal) builds a new one with :func:`merge` and saves it to a new
folder (see ``index.lexical``).
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.index.bm25 import BM25Index, build_scores, load_vocab, save_index, term_counts, tokenize
from assistant.models import Chunk
from assistant.regions import expand

#: Metadata stored as codes into a per-column vocabulary (values are strings or None).
CODED = ("source", "title", "kind", "language", "publisher", "date", "regions", "file_hash")
#: Metadata stored as plain integers.
INTS = ("page", "char_start", "length", "chunk_count", "independent")
TERM_DTYPES = {"tf_ptr": np.int64, "tf_term": np.int32, "tf_count": np.int32, "doc_len": np.int32}
TERM_ARRAYS = tuple(TERM_DTYPES)
SCHEMA = 1
ROWS_FILE = "rows.json"
BM25_DIR = "bm25"
_REGION_SEP = "|"


def row_values(chunk: Chunk) -> dict:
    """The catalog columns of one chunk."""
    return {
        "source": chunk.source, "title": chunk.title, "kind": chunk.kind, "language": chunk.language,
        "publisher": chunk.publisher, "date": chunk.date, "regions": _REGION_SEP.join(chunk.regions),
        "file_hash": chunk.file_hash, "page": chunk.page or 0, "char_start": chunk.char_start,
        "length": len(chunk.text), "chunk_count": chunk.chunk_count, "independent": int(chunk.independent),
    }


class RowBuilder:
    """Collects new rows (tokenising each chunk once) against the term vocabulary of the catalog they join.

    Everything is kept in compact arrays as it comes (about 600 bytes a chunk, most of it its term counts), so
    200,000 new chunks cost ~120 MB until the commit, and :meth:`rows` hands the arrays over without copying.
    """

    def __init__(self, terms: dict[str, int]) -> None:
        self.terms = terms  # token -> term id; extended with new tokens
        self.ids: list[str] = []
        self._index: dict[str, dict] = {name: {} for name in CODED}  # value -> code, per coded column
        self._codes = {name: array("i") for name in CODED}
        self._ints = {name: array("i") for name in INTS}
        self._tf_term, self._tf_count, self._doc_len = array("i"), array("i"), array("i")
        self._tf_ptr = array("q", [0])

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, chunks: list[Chunk], texts: list[str], tokens: list[list[str]] | None = None) -> None:
        """``texts``: what BM25 indexes for each chunk (the embedding text: header and passage); ``tokens``: their
        tokens when already tokenised (``bm25.tokenize(text, chunk.language)``)."""
        for position, (chunk, text) in enumerate(zip(chunks, texts)):
            self.ids.append(chunk.chunk_id)
            for name, value in row_values(chunk).items():
                if name in self._codes:
                    index = self._index[name]
                    self._codes[name].append(index.setdefault(value, len(index)))
                else:
                    self._ints[name].append(value)
            words = tokens[position] if tokens is not None else tokenize(text, chunk.language)
            counts, length = term_counts(words, self.terms)
            self._tf_term.extend(counts.keys())
            self._tf_count.extend(counts.values())
            self._tf_ptr.append(len(self._tf_term))
            self._doc_len.append(length)

    def rows(self) -> "Rows":
        """The collected rows (the builder is spent: its arrays now back the returned ones)."""
        def view(values: array, dtype) -> np.ndarray:
            return np.frombuffer(values, dtype=dtype) if len(values) else np.zeros(0, dtype=dtype)

        return Rows(
            ids=np.asarray(self.ids, dtype=str) if self.ids else np.zeros(0, dtype="U1"),
            codes={name: view(self._codes[name], np.int32) for name in CODED},
            vocab={name: list(self._index[name]) for name in CODED},
            ints={name: view(self._ints[name], np.int32) for name in INTS},
            tf_ptr=view(self._tf_ptr, np.int64), tf_term=view(self._tf_term, np.int32),
            tf_count=view(self._tf_count, np.int32), doc_len=view(self._doc_len, np.int32),
            terms=self.terms,
        )


@dataclass
class Rows:
    """Columnar rows: ids, coded and integer metadata, term counts (CSR by row), and the term vocabulary."""

    ids: np.ndarray
    codes: dict[str, np.ndarray]
    vocab: dict[str, list]
    ints: dict[str, np.ndarray]
    tf_ptr: np.ndarray
    tf_term: np.ndarray
    tf_count: np.ndarray
    doc_len: np.ndarray
    terms: dict[str, int]

    def __len__(self) -> int:
        return len(self.ids)


#: Above this many runs of consecutive rows, a reordering gathers the term counts pair by pair instead of copying
#: whole runs (an upload moves one or a few runs: a few memory copies instead of index arrays of every pair).
MAX_RUNS = 4096


def _take(rows: Rows, index: np.ndarray) -> Rows:
    """The rows at ``index`` (in that order), term counts included."""
    lengths = np.diff(rows.tf_ptr)[index]
    ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    breaks = np.flatnonzero(np.diff(index) != 1) + 1
    if len(breaks) < MAX_RUNS:  # runs of consecutive rows: copy their term counts slice by slice
        bounds = np.concatenate([[0], breaks, [len(index)]]).astype(np.int64)
        spans = [(int(rows.tf_ptr[index[a]]), int(rows.tf_ptr[index[b - 1] + 1])) for a, b in zip(bounds[:-1],
                                                                                               bounds[1:]) if b > a]
        tf_term = np.concatenate([rows.tf_term[a:b] for a, b in spans] or [rows.tf_term[:0]])
        tf_count = np.concatenate([rows.tf_count[a:b] for a, b in spans] or [rows.tf_count[:0]])
    else:
        kind = np.int32 if ptr[-1] < np.iinfo(np.int32).max else np.int64  # halves the index array's memory
        pairs = np.repeat((rows.tf_ptr[:-1][index] - ptr[:-1]).astype(kind), lengths)
        pairs += np.arange(ptr[-1], dtype=kind)
        tf_term, tf_count = rows.tf_term[pairs], rows.tf_count[pairs]
        del pairs
    return Rows(ids=rows.ids[index], codes={k: v[index] for k, v in rows.codes.items()}, vocab=rows.vocab,
                ints={k: v[index] for k, v in rows.ints.items()}, tf_ptr=ptr, tf_term=tf_term, tf_count=tf_count,
                doc_len=rows.doc_len[index], terms=rows.terms)


def merge(old: Rows | None, drop_sources: set[str], new: Rows | None) -> Rows:
    """``old`` without the rows of ``drop_sources``, plus ``new``: vocabularies compacted, rows in catalog order.

    ``new`` must have been built against ``old.terms`` (a RowBuilder given that dict), so term ids agree.
    """
    parts = [r for r in (old, new) if r is not None]
    if old is not None and drop_sources:
        dropped = [i for i, v in enumerate(old.vocab["source"]) if v in drop_sources]
        keep = ~np.isin(old.codes["source"], dropped)
        parts[0] = _take(old, np.flatnonzero(keep))
    if not parts:
        return RowBuilder({}).rows()
    codes, vocab = {}, {}
    for name in CODED:
        offset, pieces, values = 0, [], []
        for part in parts:
            pieces.append(part.codes[name] + offset)
            values.extend(part.vocab[name])
            offset += len(part.vocab[name])
        used, inverse = np.unique(np.concatenate(pieces), return_inverse=True)
        codes[name] = inverse.astype(np.int32).reshape(-1)
        vocab[name] = [values[i] for i in used]
    ptr_parts, offset = [np.zeros(1, np.int64)], 0
    for part in parts:
        ptr_parts.append(part.tf_ptr[1:] + offset)
        offset += int(part.tf_ptr[-1])
    tf_term = _concat([p.tf_term for p in parts])
    vocab_terms = parts[-1].terms
    used = np.zeros(max(len(vocab_terms), int(tf_term.max(initial=-1)) + 1), dtype=bool)
    used[tf_term] = True  # terms no row uses any more are dropped, the others renumbered in order
    live = np.flatnonzero(used)
    if len(live) < len(used):
        tf_term = (np.cumsum(used, dtype=np.int32) - 1)[tf_term]
    by_id = {i: t for t, i in vocab_terms.items()}
    merged = Rows(
        ids=np.concatenate([p.ids for p in parts]), codes=codes, vocab=vocab,
        ints={name: np.concatenate([p.ints[name] for p in parts]) for name in INTS},
        tf_ptr=np.concatenate(ptr_parts), tf_term=tf_term.astype(np.int32),
        tf_count=_concat([p.tf_count for p in parts]), doc_len=np.concatenate([p.doc_len for p in parts]),
        terms={by_id[int(i)]: n for n, i in enumerate(live)},
    )
    source_rank = np.argsort(np.argsort(np.asarray(merged.vocab["source"], dtype=str), kind="stable"))
    order = np.lexsort((merged.ids, merged.ints["char_start"], merged.ints["page"],
                        source_rank[merged.codes["source"]] if len(merged) else merged.codes["source"]))
    if len(order) and np.all(order[1:] > order[:-1]):
        return merged  # already in order (a first ingest appends in order; a removal keeps it)
    return _take(merged, order)


def _concat(arrays: list[np.ndarray]) -> np.ndarray:
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def documents_table(rows: Rows) -> list[dict]:
    """One entry per source (rows are grouped by source): what ``assistant docs`` shows, plus the file hashes,
    the expected chunk count and the row range the ingest pipeline needs."""
    if len(rows) == 0:
        return []
    source = rows.codes["source"]
    starts = np.flatnonzero(np.concatenate([[True], source[1:] != source[:-1]]))
    ends = np.append(starts[1:], len(rows))
    pages = np.maximum.reduceat(rows.ints["page"], starts)
    expected = np.maximum.reduceat(rows.ints["chunk_count"], starts)
    vocab, codes = rows.vocab, rows.codes
    out = []
    for doc, (start, end) in enumerate(zip(starts.tolist(), ends.tolist())):
        value = {name: vocab[name][int(codes[name][start])] for name in CODED}
        out.append({
            "source": value["source"], "title": value["title"], "publisher": value["publisher"],
            "kind": value["kind"], "language": value["language"],
            "regions": [r for r in (value["regions"] or "").split(_REGION_SEP) if r], "date": value["date"],
            "chunks": end - start, "pages": int(pages[doc]), "independent": bool(rows.ints["independent"][start]),
            "hashes": sorted({vocab["file_hash"][int(c)] for c in np.unique(codes["file_hash"][start:end])}),
            "expected": int(expected[doc]), "rows": [start, end],
        })
    return out


#: Keys of a documents-table entry that ``assistant docs`` and the sources tab show.
DOCUMENT_KEYS = ("source", "title", "publisher", "kind", "language", "regions", "date", "chunks", "pages",
                 "independent")


def save(rows: Rows, folder: Path) -> None:
    """Write a catalog folder: the arrays (.npy), vocabularies and document table (rows.json), BM25 (bm25/)."""
    folder.mkdir(parents=True, exist_ok=True)
    order = np.argsort(rows.ids, kind="stable")
    arrays = {"ids": rows.ids, "ids_sorted": rows.ids[order], "id_order": order.astype(np.int32),
              **{f"code_{k}": v for k, v in rows.codes.items()}, **rows.ints,
              **{name: getattr(rows, name) for name in TERM_ARRAYS}}
    for name, values in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(values))
    data, indices, indptr = build_scores(rows.tf_ptr, rows.tf_term, rows.tf_count, rows.doc_len, len(rows.terms))
    save_index(folder / BM25_DIR, data, indices, indptr, rows.terms, len(rows))
    meta = {"schema": SCHEMA, "rows": len(rows), "vocab": rows.vocab, "documents": documents_table(rows)}
    (folder / ROWS_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@dataclass
class Catalog:
    """A saved catalog, memory-mapped: masks, lookups, BM25 scores and the document table."""

    folder: Path | None
    rows: int
    vocab: dict[str, list]
    documents: list[dict]
    arrays: dict[str, np.ndarray]
    _region_codes: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: Path) -> "Catalog":
        meta = json.loads((folder / ROWS_FILE).read_text(encoding="utf-8"))
        if meta.get("schema") != SCHEMA:
            raise ValueError(f"catalog schema {meta.get('schema')} is not {SCHEMA}")
        arrays = {p.stem: np.load(p, mmap_mode="r") for p in folder.glob("*.npy")}
        return cls(folder, int(meta["rows"]), meta["vocab"], meta["documents"], arrays)

    @classmethod
    def empty(cls) -> "Catalog":
        rows = RowBuilder({}).rows()
        arrays = {"ids": rows.ids, "ids_sorted": rows.ids, "id_order": np.zeros(0, np.int32),
                  **{f"code_{k}": v for k, v in rows.codes.items()}, **rows.ints}
        return cls(None, 0, rows.vocab, [], arrays)

    # -- reading -------------------------------------------------------------------------------------------------
    def column(self, name: str) -> np.ndarray:
        return self.arrays[f"code_{name}" if name in CODED else name]

    @cached_property
    def bm25(self) -> BM25Index | None:
        return BM25Index(self.folder / BM25_DIR) if self.folder is not None and self.rows else None

    def bm25_scores(self, query_tokens: list[str]) -> np.ndarray:
        index = self.bm25
        return index.scores(query_tokens) if index is not None else np.zeros(self.rows, dtype=np.float32)

    def rows_of(self, chunk_ids: list[str]) -> np.ndarray:
        """Row of each chunk id; -1 for ids the catalog does not hold."""
        if not chunk_ids or self.rows == 0:
            return np.full(len(chunk_ids), -1, dtype=np.int64)
        wanted = np.asarray(chunk_ids, dtype=str)
        ordered = self.arrays["ids_sorted"]
        pos = np.minimum(np.searchsorted(ordered, wanted), self.rows - 1)
        found = ordered[pos] == wanted
        return np.where(found, self.arrays["id_order"][pos], -1).astype(np.int64)

    def chunk_ids(self, rows: np.ndarray) -> list[str]:
        return self.arrays["ids"][rows].tolist()

    def terms(self) -> dict[str, int]:
        """The term vocabulary (token -> term id), for building rows that join this catalog."""
        return load_vocab(self.folder / BM25_DIR) if self.folder is not None and self.rows else {}

    def to_rows(self) -> Rows:
        """The catalog as mutable rows (read into memory), to merge a change into."""
        a = self.arrays
        return Rows(ids=np.asarray(a["ids"]), codes={k: np.asarray(a[f"code_{k}"]) for k in CODED},
                    vocab=self.vocab, ints={k: np.asarray(a[k]) for k in INTS},
                    **{k: np.asarray(a[k]) if k in a else np.zeros(1 if k == "tf_ptr" else 0, TERM_DTYPES[k])
                       for k in TERM_ARRAYS}, terms=self.terms())

    # -- masks ---------------------------------------------------------------------------------------------------
    def value_mask(self, name: str, accept) -> np.ndarray:
        """Rows whose value of coded column ``name`` passes ``accept(value)``."""
        passing = np.fromiter((bool(accept(v)) for v in self.vocab[name]), dtype=bool, count=len(self.vocab[name]))
        return passing[self.column(name)] if len(passing) else np.zeros(self.rows, dtype=bool)

    def region_codes(self, slug: str) -> np.ndarray:
        """For each regions-vocabulary entry: whether it is about ``slug`` (itself or a sub-region)."""
        if slug not in self._region_codes:
            expanded = [set().union(*(expand(r) for r in v.split(_REGION_SEP) if r)) if v else set()
                        for v in self.vocab["regions"]]
            self._region_codes[slug] = np.fromiter((slug in e for e in expanded), dtype=bool, count=len(expanded))
        return self._region_codes[slug]

    def region_mask(self, slug: str) -> np.ndarray:
        codes = self.region_codes(slug)
        return codes[self.column("regions")] if len(codes) else np.zeros(self.rows, dtype=bool)

    def about_any(self, rows: np.ndarray, slugs: set[str]) -> np.ndarray:
        """Whether each of ``rows`` is about one of ``slugs``."""
        out = np.zeros(len(rows), dtype=bool)
        codes = self.column("regions")[rows]
        for slug in slugs:
            table = self.region_codes(slug)
            if len(table):
                out |= table[codes]
        return out

    def source_rows(self, source: str) -> range:
        doc = next((d for d in self.documents if d["source"] == source), None)
        return range(*doc["rows"]) if doc else range(0)
