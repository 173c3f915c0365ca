"""The vector store seam: a small Protocol, the Chroma backend (embedded or server), and metadata encoding.

The store is the single source of truth for the index: chunk text, metadata (including each file's content
hash and chunk count) and vectors. The lexical index (BM25 and the metadata arrays, ``index.lexical``) is derived
from it and saved beside it; the store carries a *stamp* naming the lexical index that matches it. Every write
clears the stamp first, so a crash between a write and the lexical index catching up is seen as a mismatch, and
the lexical index is rebuilt from the store rather than trusted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlparse

import numpy as np

from assistant.models import Chunk
from assistant.regions import expand

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger(__name__)

REGION_FLAG = "r_"  # metadata key prefix: r_china=True for a chunk about China (or a sub-region of a macro)
#: Chroma rejects very large single requests; reads are batched by this many ids.
CHROMA_BATCH = 1000
#: Chunks per write call (capped by the client's own maximum, 5,461 for embedded Chroma 1.5). Measured with
#: eval/bench_chroma_writes.py (20,000 chunks, 2 cores): 1,000 per call 0.59 ms a chunk, 4,000 0.53-0.57.
WRITE_BATCH = 4000
_LIST_SEP = "|"
#: Collection metadata key holding the stamp.
STAMP_KEY = "lexical_stamp"
#: Chunk metadata key holding the chunk's text. Not Chroma's ``documents``: embedded Chroma keeps a full-text index
#: (SQLite FTS5) of every document, which this product never queries (BM25 is the lexical index) and which cannot
#: be switched off in local mode (a collection Schema's FTS switch applies to distributed Chroma only). Measured
#: with eval/bench_chroma_writes.py (20,000 chunks): vector only 0.22 ms a chunk, plus the text as a document 1.32,
#: as a metadata value 0.43. Chunks stored as documents by earlier versions are read as before.
TEXT_KEY = "chunk_text"
#: Chunk metadata key holding the citation fields no filter uses, as one JSON object (see encode_metadata).
PACKED_KEY = "chunk_fields"
#: Chunk fields stored as metadata keys of their own: what the ``where`` filters of the retriever use.
FILTER_KEYS = ("source", "kind", "language", "publisher")
#: Chunk fields stored in the packed value.
PACKED_KEYS = ("title", "regions", "independent", "char_start", "char_end", "file_hash", "chunk_count", "page",
               "page_label", "section", "date")
CHUNK_FIELDS = FILTER_KEYS + tuple(k for k in PACKED_KEYS if k != "regions")


class StoreError(RuntimeError):
    """The vector store is unreachable or inconsistent; the message says what to check."""


@runtime_checkable
class VectorStore(Protocol):
    """Chunks with their vectors, addressable by id and by source file."""

    def add(self, chunks: list[Chunk], vectors: np.ndarray) -> None: ...

    def delete(self, chunk_ids: list[str]) -> None: ...

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) best first; ``where`` is a Chroma-style filter on encoded metadata."""
        ...

    def query_many(self, vectors: np.ndarray, n: int, where: dict | None = None,
                   ids: list[str] | None = None) -> list[list[tuple[str, float]]]:
        """:meth:`query` for several vectors at once; ``ids`` restricts the search to those chunks (all of which
        must be stored)."""
        ...

    def get(self, chunk_ids: list[str]) -> list[Chunk]:
        """The stored chunks among ``chunk_ids`` (text and metadata), in the order asked; unknown ids are left out."""
        ...

    def iter_chunks(self, batch: int = CHROMA_BATCH) -> Iterator[list[Chunk]]:
        """Every stored chunk, ``batch`` at a time (a full read: rebuilds and evaluations only)."""
        ...

    def chunks(self) -> list[Chunk]:
        """Every stored chunk (text and metadata, no vectors)."""
        ...

    def count(self) -> int: ...

    def clear(self) -> None:
        """Remove every chunk."""
        ...

    def stamp(self) -> str:
        """The name of the lexical index that matches the stored chunks; "" after a write not yet matched."""
        ...

    def set_stamp(self, value: str) -> None: ...


def encode_metadata(chunk: Chunk) -> dict:
    """Flat, None-free metadata Chroma accepts: the keys a ``where`` filter uses (source, kind, language,
    publisher, regions as boolean flags) as keys of their own, the rest of the citation fields as one JSON value.

    Embedded Chroma stores every metadata key as a row of its metadata table with index entries; packing the
    eleven fields no filter uses into one value made a write 0.65 -> 0.57 ms a chunk (eval/bench_chroma_writes.py)."""
    meta: dict = {key: getattr(chunk, key) for key in FILTER_KEYS if getattr(chunk, key) is not None}
    packed = {key: getattr(chunk, key) for key in PACKED_KEYS if getattr(chunk, key) is not None}
    meta[PACKED_KEY] = json.dumps(packed, ensure_ascii=False, separators=(",", ":"))
    for region in sorted(set().union(*(expand(r) for r in chunk.regions)) if chunk.regions else set()):
        meta[REGION_FLAG + region] = True
    return meta


def decode_metadata(chunk_id: str, text: str | None, meta: dict) -> Chunk:
    """The chunk stored under ``chunk_id``: its text from the metadata or from Chroma's document, its fields from
    the packed value or, as earlier versions wrote them, one key each."""
    fields = dict(meta)
    packed = fields.pop(PACKED_KEY, None)
    if packed:
        fields.update(json.loads(packed))
    regions = fields.get("regions", [])
    if isinstance(regions, str):  # earlier versions: "a|b"
        regions = [r for r in regions.split(_LIST_SEP) if r]
    return Chunk(
        chunk_id=chunk_id,
        text=fields.get(TEXT_KEY) or text or "",
        regions=regions,
        **{k: fields[k] for k in CHUNK_FIELDS if k in fields},
    )


def _batches(items: list, size: int = CHROMA_BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class ChromaStore:
    """Chroma collection named after the index configuration; embedded (PersistentClient) or a server."""

    def __init__(self, settings: "Settings") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        self.name = settings.index_name
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if not url.hostname:
                raise StoreError(f"ASSISTANT_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8001")
            try:
                self.client = chromadb.HttpClient(
                    host=url.hostname, port=url.port or (443 if url.scheme == "https" else 80),
                    ssl=url.scheme == "https", settings=chroma_settings,
                )
            except Exception as exc:  # chromadb raises ValueError/ConnectionError variants
                raise StoreError(
                    f"Cannot reach the Chroma server at {settings.chroma_url}: {exc}. Start it (chroma run "
                    "--host 127.0.0.1 --port PORT --path DIR) or unset ASSISTANT_CHROMA_URL for the embedded index."
                ) from exc
        else:
            path = settings.index_path / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        self.collection = self.client.get_or_create_collection(
            self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._stamp: str | None = None  # the stamp this client last wrote (None: not known)
        self._write_batch = max(1, min(WRITE_BATCH, self.client.get_max_batch_size()))

    def _before_write(self) -> None:
        if self._stamp != "":
            self.set_stamp("")

    def stamp(self) -> str:
        metadata = self.client.get_collection(self.name, embedding_function=None).metadata or {}
        return str(metadata.get(STAMP_KEY, ""))

    def set_stamp(self, value: str) -> None:
        self.collection.modify(metadata={STAMP_KEY: value})
        self._stamp = value

    def add(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        if not chunks:
            return
        self._before_write()
        vectors = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(chunks), self._write_batch):
            part = chunks[start : start + self._write_batch]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + len(part)],
                metadatas=[{**encode_metadata(c), TEXT_KEY: c.text} for c in part],
            )

    def delete(self, chunk_ids: list[str]) -> None:
        chunk_ids = list(chunk_ids)
        if chunk_ids:
            self._before_write()
        for part in _batches(chunk_ids):
            self.collection.delete(ids=part)

    def clear(self) -> None:
        """Drop and recreate the collection (much faster than deleting every id)."""
        self.client.delete_collection(self.name)
        self.collection = self.client.get_or_create_collection(
            self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.set_stamp("")

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        return self.query_many(np.asarray(vector, dtype=np.float32)[None, :], n, where)[0]

    def query_many(self, vectors: np.ndarray, n: int, where: dict | None = None,
                   ids: list[str] | None = None) -> list[list[tuple[str, float]]]:
        vectors = np.asarray(vectors, dtype=np.float32)
        if ids is not None and not ids:
            return [[] for _ in vectors]
        result = self.collection.query(query_embeddings=list(vectors), n_results=n, where=where or None,
                                       ids=ids, include=["distances"])
        return [[(cid, 1.0 - float(d)) for cid, d in zip(found, distances)]
                for found, distances in zip(result["ids"], result["distances"])]

    def get(self, chunk_ids: list[str]) -> list[Chunk]:
        if not chunk_ids:
            return []
        got = self.collection.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        found = {i: decode_metadata(i, d, m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        return [found[i] for i in chunk_ids if i in found]

    def iter_chunks(self, batch: int = CHROMA_BATCH) -> Iterator[list[Chunk]]:
        total = self.collection.count()
        for offset in range(0, total, batch):
            got = self.collection.get(include=["documents", "metadatas"], limit=batch, offset=offset)
            yield [decode_metadata(i, d, m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def chunks(self) -> list[Chunk]:
        return [chunk for part in self.iter_chunks() for chunk in part]

    def count(self) -> int:
        return self.collection.count()


def open_store(settings: "Settings") -> VectorStore:
    return ChromaStore(settings)
