"""One file -> its chunks, with no index or model involved, so it can run in a helper process.

Reading a large PDF is pure Python (about 70 ms a page for the 328-page Amnesty report) and embedding is numpy on
all cores; the ingest pipeline reads large PDFs here, in a helper process, while it embeds the other files.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.chunking import chunk_document
from assistant.ingest.errors import LoadError
from assistant.ingest.loaders import load_file
from assistant.ingest.manifest import meta_for
from assistant.models import Chunk
from assistant.settings import ChunkSettings

#: PDFs at least this large are read ahead in a helper process. Starting one costs about a second (it imports
#: pypdf and the loaders), which a PDF of a few dozen pages already repays.
PREFETCH_MIN_BYTES = 256 * 1024
PREFETCH_SUFFIXES = frozenset({".pdf"})


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


def worth_prefetching(job: Job) -> bool:
    try:
        return job.path.suffix.lower() in PREFETCH_SUFFIXES and job.path.stat().st_size >= PREFETCH_MIN_BYTES
    except OSError:
        return False


class Prefetcher:
    """Prepares the given jobs in one helper process, in order; ``result`` falls back to preparing in this
    process when the helper died (e.g. killed for memory)."""

    def __init__(self, jobs: list[Job], manifest: dict[str, dict], chunking: ChunkSettings) -> None:
        self.manifest, self.chunking = manifest, chunking
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, Future] = {}
        if jobs:
            # spawn, not fork: the parent holds threads (Chroma, BLAS) that a forked child would inherit locked.
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._futures = {j.source: self._pool.submit(prepare, j, manifest, chunking) for j in jobs}

    def __contains__(self, job: Job) -> bool:
        return job.source in self._futures

    def result(self, job: Job) -> list[Chunk] | str:
        try:
            return self._futures[job.source].result()
        except BrokenProcessPool:
            return prepare(job, self.manifest, self.chunking)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
