"""Incremental ingest: files -> units -> chunks -> vectors in the store, and the lexical index beside it.

Per file a content hash decides: unchanged (nothing embedded), new or changed (re-chunked, re-embedded, old chunks
replaced), gone (chunks removed). What is indexed comes from the lexical index's document table, not from reading
the store. New chunks are written (in large batches) before stale ones are deleted, and every chunk records its
file's hash and chunk count; the lexical index is committed last, and the store's stamp names it. So a run killed
at any point leaves an index the next run repairs: the stamp no longer matches, the lexical index is rebuilt from
the store, and a source whose chunks disagree on the hash or miss some is simply ingested again (ids are
deterministic: no duplicates).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.catalog import Catalog, RowBuilder
from assistant.index.embedders import Embedder, resolve_threads
from assistant.index.lexical import LexicalIndex, Writer
from assistant.index.store import WRITE_BATCH, VectorStore  # buffered chunks: one full store write
from assistant.ingest.chunking import embedding_text
from assistant.ingest.manifest import MANIFEST_NAME, load_manifest
from assistant.ingest.prepare import Job, Prefetcher, Prepared, prepare, worth_prefetching
from assistant.models import Chunk, FailedFile, IngestSummary
from assistant.settings import Settings

#: Files in a corpus folder that are about the corpus, not part of it.
IGNORED_NAMES = frozenset({MANIFEST_NAME, "SOURCES.md", "README.md", ".gitkeep",
                           "relations.yaml", "relations-history.jsonl"})  # the relations register and its history
HASH_BLOCK = 1 << 20
#: From this many files to (re)index on, all files but the first are read and tokenised in the helper process (not
#: only large PDFs), so that reading and tokenising overlap with embedding and writing.
PREFETCH_ALL_MIN_JOBS = 16

Progress = Callable[[int, int, str], None]


@dataclass
class _Indexed:
    hashes: set[str]
    rows: range  # the source's rows in the catalog
    expected: int

    @property
    def consistent(self) -> bool:
        return len(self.hashes) == 1 and len(self.rows) == self.expected


def file_hash(path: Path, manifest_entry: dict | None = None) -> str:
    """Content hash of the file, and of its manifest entry: editing the metadata re-indexes the file too."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(HASH_BLOCK), b""):
            digest.update(block)
    if manifest_entry:
        digest.update(json.dumps(manifest_entry, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def discover(paths: Iterable[Path], corpus_dir: Path) -> tuple[dict[str, Path], bool]:
    """Map source name -> file. Returns whether only whole folders were given (then missing sources are removed)."""
    found: dict[str, Path] = {}
    folders_only = True
    for path in paths:
        path = path.expanduser()
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = file.relative_to(path)
                if file.name in IGNORED_NAMES or any(part.startswith(".") for part in rel.parts):
                    continue
                found.setdefault(rel.as_posix(), file)  # the first folder given (the corpus folder) wins
        elif path.exists():
            folders_only = False
            try:
                source = path.resolve().relative_to(corpus_dir.resolve()).as_posix()
            except ValueError:
                source = path.name
            found[source] = path
        else:
            raise FileNotFoundError(f"No such file or folder: {path}. Check the path, or set ASSISTANT_CORPUS_DIR.")
    return found, folders_only


def _indexed_state(catalog: Catalog) -> dict[str, _Indexed]:
    return {d["source"]: _Indexed(set(d["hashes"]), range(*d["rows"]), d["expected"]) for d in catalog.documents}


class _Changes:
    """The writes of one ingest: new chunks buffered into large store writes, stale chunks deleted after all new
    ones are written, and the rows the lexical index gains and loses."""

    def __init__(self, writer: Writer, store: VectorStore) -> None:
        self.writer, self.store = writer, store
        self._rows: RowBuilder | None = None  # made on first use: an unchanged corpus reads no catalog rows
        self.dropped: set[str] = set()
        self.stale: list[str] = []
        self._chunks: list[Chunk] = []
        self._vectors: list[np.ndarray] = []

    @property
    def rows(self) -> RowBuilder:
        if self._rows is None:
            self._rows = self.writer.builder()
        return self._rows

    def add(self, chunks: list[Chunk], texts: list[str], vectors: np.ndarray,
            tokens: list[list[str]] | None = None) -> None:
        self.rows.add(chunks, texts, tokens)
        self._chunks += chunks
        self._vectors.append(np.asarray(vectors, dtype=np.float32))
        if len(self._chunks) >= WRITE_BATCH:
            self.flush()

    def replace(self, source: str, old_ids: list[str], new_ids: set[str]) -> None:
        """The source's old rows leave the lexical index; its old chunks not rewritten leave the store."""
        self.dropped.add(source)
        self.stale += [cid for cid in old_ids if cid not in new_ids]

    def flush(self) -> None:
        if self._chunks:
            self.writer.begin()
            self.store.add(self._chunks, np.concatenate(self._vectors))
            self._chunks, self._vectors = [], []

    def finish(self) -> None:
        self.flush()
        if self.stale:
            self.writer.begin()
            self.store.delete(self.stale)
        if self.dropped or self._rows is not None or self.writer.cleared:
            self.writer.commit(self.dropped, self._rows)


def open_lexical(settings: Settings) -> LexicalIndex:
    """The lexical index of the settings' index configuration."""
    return LexicalIndex(settings.lexical_path, embedding_text)


def ingest(
    settings: Settings,
    store: VectorStore,
    embedder: Embedder,
    paths: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    manifest_path: Path | None = None,
    lexical: LexicalIndex | None = None,
) -> IngestSummary:
    """Bring the index in line with the given files/folders (default: ``settings.source_dirs``, the corpus folder
    and the further document folders)."""
    started = time.perf_counter()
    roots = paths or settings.source_dirs
    files, folders_only = discover(roots, settings.corpus_dir)
    if manifest_path is None:
        candidates = [r / MANIFEST_NAME for r in roots if r.is_dir()] + [settings.corpus_dir / MANIFEST_NAME]
        manifest_path = next((c for c in candidates if c.is_file()), None)
    manifest = load_manifest(manifest_path)
    summary = IngestSummary()
    lexical = lexical or open_lexical(settings)
    with lexical.writing(store) as writer:
        if rebuild:
            writer.clear()
        catalog = writer.catalog
        state = _indexed_state(catalog)
        total, done = len(files), 0
        jobs: list[Job] = []
        for source, path in sorted(files.items()):
            job = _job(source, path, state.get(source), manifest, summary)
            if job is None:
                done += 1
            else:
                jobs.append(job)
        changes = _Changes(writer, store)
        ahead = _ahead(settings, jobs)
        with Prefetcher(ahead, manifest, settings.chunk) as prefetcher:
            # The files read in this process first, while the helper reads the large PDFs.
            for job in sorted(jobs, key=lambda j: j in prefetcher):
                if progress:
                    progress(done, total, job.source)
                prepared = prefetcher.result(job) if job in prefetcher else prepare(job, manifest, settings.chunk)
                _commit(settings, embedder, job, prepared, state.get(job.source), catalog, changes, summary)
                done += 1
        if progress:
            progress(total, total, "")
        if folders_only:
            for source, entry in sorted(state.items()):
                if source not in files:
                    changes.replace(source, _ids(catalog, entry.rows), set())
                    summary.removed.append(source)
        changes.finish()
        summary.chunks = store.count()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def remove_source(settings: Settings, store: VectorStore, source: str, *, lexical: LexicalIndex | None = None) -> int:
    """Remove one document's chunks from the store and the lexical index; the number removed."""
    lexical = lexical or open_lexical(settings)
    with lexical.writing(store) as writer:
        rows = writer.catalog.source_rows(source)
        if not rows:
            raise KeyError(f"No indexed document {source!r}; see 'assistant docs' for the list.")
        writer.begin()
        store.delete(_ids(writer.catalog, rows))
        writer.commit({source}, None)
    return len(rows)


def _ids(catalog: Catalog, rows: range) -> list[str]:
    return catalog.chunk_ids(np.arange(rows.start, rows.stop))


def _ahead(settings: Settings, jobs: list[Job]) -> list[Job]:
    """The jobs to prepare in the helper process: large PDFs, or all but the first when there are many files;
    none when there is no other work to overlap or no second core."""
    if not (settings.ingest_prefetch and len(jobs) > 1 and resolve_threads() > 1):
        return []
    if len(jobs) >= PREFETCH_ALL_MIN_JOBS:
        return jobs[1:]
    return [j for j in jobs if worth_prefetching(j)]


def _job(source: str, path: Path, indexed: _Indexed | None, manifest, summary: IngestSummary) -> Job | None:
    """The file as a job when it must be (re)indexed; None when it is unchanged or unreadable (noted in summary)."""
    entry = manifest.get(source) or manifest.get(Path(source).name)
    try:
        digest = file_hash(path, entry)
    except OSError as exc:
        summary.failed.append(FailedFile(path=source, reason=f"cannot read the file: {exc.strerror}"))
        return None
    if indexed is not None and indexed.consistent and digest in indexed.hashes:
        summary.unchanged.append(source)
        return None
    return Job(source, path, digest)


def _commit(settings: Settings, embedder: Embedder, job: Job, prepared: Prepared, indexed: _Indexed | None,
            catalog: Catalog, changes: _Changes, summary: IngestSummary) -> None:
    """Embed a prepared file's chunks and queue them for the store, its stale ones for deletion; a failure keeps
    what the index had."""
    if isinstance(prepared, str):
        # Keep what the index had for this source: a bad new version loses nothing.
        summary.failed.append(FailedFile(path=job.source, reason=prepared))
        return
    prepared, tokens = prepared if isinstance(prepared, tuple) else (prepared, None)
    batch = settings.embed_batch_size
    for start in range(0, len(prepared), batch):
        part = prepared[start : start + batch]
        texts = [embedding_text(c) for c in part]
        changes.add(part, texts, embedder.embed_documents(texts),
                    tokens[start : start + batch] if tokens is not None else None)
    if indexed is not None:
        changes.replace(job.source, _ids(catalog, indexed.rows), {c.chunk_id for c in prepared})
    summary.indexed.append(job.source)
