"""One file -> its chunks, with no index or model involved, so it can run in a helper process.

Reading a large PDF is pure Python (about 70 ms a page for the 328-page Amnesty report) and embedding is numpy on
all cores; the ingest pipeline reads large PDFs here, in a helper process, while it embeds the other files. A large
ingest (many files) reads all files there, and the helper also tokenises the chunks for BM25, while this process
embeds and writes to the store: on 2 cores the two halves of the work then overlap.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.chunking import chunk_document, embedding_text
from assistant.ingest.errors import LoadError
from assistant.ingest.loaders import load_file
from assistant.ingest.manifest import meta_for
from assistant.models import Chunk
from assistant.settings import ChunkSettings

#: PDFs at least this large are read ahead in a helper process. Starting one costs about a second (it imports
#: pypdf and the loaders), which a PDF of a few dozen pages already repays.
PREFETCH_MIN_BYTES = 256 * 1024
PREFETCH_SUFFIXES = frozenset({".pdf"})
#: Files the helper prepares ahead of the one being embedded: enough to keep it busy, few enough that prepared
#: chunks do not pile up in memory when embedding is the slower half.
PREFETCH_WINDOW = 8

#: A prepared file: its chunks (and, when read ahead, each chunk's BM25 tokens), or why it cannot be indexed.
Prepared = list[Chunk] | tuple[list[Chunk], list[list[str]]] | str


@dataclass(frozen=True)
class Job:
    """A file to (re)index: its source name, path and content hash."""

    source: str
    path: Path
    digest: str


def prepare(job: Job, manifest: dict[str, dict], chunking: ChunkSettings) -> list[Chunk] | str:
    """The file's chunks, or the reason it cannot be indexed (a LoadError message)."""
    try:
        units = load_file(job.path)
        meta = meta_for(job.source, job.path, units, manifest)
        chunks = chunk_document(units, meta, chunking, job.digest)
    except LoadError as exc:
        return str(exc)
    return chunks or "no text found in the file"


def prepare_ahead(job: Job, manifest: dict[str, dict], chunking: ChunkSettings) -> Prepared:
    """:func:`prepare`, plus the BM25 tokens of each chunk (the tokenizer is pure Python: worth a helper)."""
    from assistant.index.bm25 import tokenize

    chunks = prepare(job, manifest, chunking)
    if isinstance(chunks, str):
        return chunks
    return chunks, [tokenize(embedding_text(c), c.language) for c in chunks]


def worth_prefetching(job: Job) -> bool:
    try:
        return job.path.suffix.lower() in PREFETCH_SUFFIXES and job.path.stat().st_size >= PREFETCH_MIN_BYTES
    except OSError:
        return False


class Prefetcher:
    """Prepares the given jobs in one helper process, in order, at most ``window`` files ahead of the caller;
    ``result`` falls back to preparing in this process when the helper died (e.g. killed for memory)."""

    def __init__(self, jobs: list[Job], manifest: dict[str, dict], chunking: ChunkSettings,
                 window: int = PREFETCH_WINDOW) -> None:
        self.manifest, self.chunking = manifest, chunking
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, Future | None] = {j.source: None for j in jobs}
        self._pending = list(jobs)
        self._window = max(1, window)
        self._ahead = 0  # submitted and not yet collected
        if jobs:
            # spawn, not fork: the parent holds threads (Chroma, BLAS) that a forked child would inherit locked.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._fill()

    def _fill(self) -> None:
        while self._pending and self._ahead < self._window:
            job = self._pending[0]
            try:
                self._futures[job.source] = self._pool.submit(prepare_ahead, job, self.manifest, self.chunking)
            except BrokenProcessPool:
                return  # result() prepares the rest in this process
            self._pending.pop(0)
            self._ahead += 1

    def __contains__(self, job: Job) -> bool:
        return job.source in self._futures

    def result(self, job: Job) -> Prepared:
        future = self._futures.pop(job.source, None)
        if future is not None:
            self._ahead -= 1
        elif job in self._pending:  # not submitted yet (asked out of order, or the helper broke): prepare it here
            self._pending.remove(job)
        try:
            return future.result() if future is not None else prepare(job, self.manifest, self.chunking)
        except BrokenProcessPool:
            return prepare(job, self.manifest, self.chunking)
        finally:
            self._fill()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
