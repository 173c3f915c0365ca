"""Incremental ingest: files -> units -> chunks -> vectors in the store.

Per file a content hash decides: unchanged (nothing embedded), new or changed (re-chunked, re-embedded, old chunks
replaced), gone (chunks removed). New chunks are written before stale ones are deleted, and every chunk records
its file's hash and chunk count, so a run killed at any point leaves an index the next run repairs: a source whose
chunks disagree on the hash or miss some is simply ingested again (ids are deterministic: no duplicates).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.index.embedders import Embedder, resolve_threads
from assistant.index.store import VectorStore
from assistant.ingest.chunking import embedding_text
from assistant.ingest.manifest import MANIFEST_NAME, load_manifest
from assistant.ingest.prepare import Job, Prefetcher, prepare, worth_prefetching
from assistant.models import Chunk, FailedFile, IngestSummary
from assistant.settings import Settings

#: Files in a corpus folder that are about the corpus, not part of it.
IGNORED_NAMES = frozenset({MANIFEST_NAME, "SOURCES.md", "README.md", ".gitkeep",
                           "relations.yaml", "relations-history.jsonl"})  # the relations register and its history
HASH_BLOCK = 1 << 20
LOCK_NAME = ".ingest.lock"

Progress = Callable[[int, int, str], None]


@dataclass
class _Indexed:
    hashes: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)
    expected: int = 0

    @property
    def consistent(self) -> bool:
        return len(self.hashes) == 1 and len(self.ids) == self.expected


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


def _indexed_state(store: VectorStore) -> dict[str, _Indexed]:
    state: dict[str, _Indexed] = defaultdict(_Indexed)
    for chunk in store.chunks():
        entry = state[chunk.source]
        entry.hashes.add(chunk.file_hash)
        entry.ids.append(chunk.chunk_id)
        entry.expected = max(entry.expected, chunk.chunk_count)
    return state


@contextlib.contextmanager
def _exclusive(index_path: Path):
    index_path.mkdir(parents=True, exist_ok=True)
    with (index_path / LOCK_NAME).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RuntimeError(
                f"Another ingest is running on {index_path}; wait for it to finish, then run this again."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ingest(
    settings: Settings,
    store: VectorStore,
    embedder: Embedder,
    paths: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    manifest_path: Path | None = None,
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
    with _exclusive(settings.index_path):
        if rebuild:
            store.delete([c.chunk_id for c in store.chunks()])
        state = _indexed_state(store)
        total, done = len(files), 0
        jobs: list[Job] = []
        for source, path in sorted(files.items()):
            job = _job(source, path, state.get(source), manifest, summary)
            if job is None:
                done += 1
            else:
                jobs.append(job)
        ahead = [j for j in jobs if worth_prefetching(j)] if _prefetch(settings, jobs) else []
        with Prefetcher(ahead, manifest, settings.chunk) as prefetcher:
            # The files read in this process first, while the helper reads the large PDFs.
            for job in sorted(jobs, key=lambda j: j in prefetcher):
                if progress:
                    progress(done, total, job.source)
                prepared = prefetcher.result(job) if job in prefetcher else prepare(job, manifest, settings.chunk)
                _commit(settings, store, embedder, job, prepared, state.get(job.source), summary)
                done += 1
        if progress:
            progress(total, total, "")
        if folders_only:
            for source, entry in sorted(state.items()):
                if source not in files:
                    store.delete(entry.ids)
                    summary.removed.append(source)
        summary.chunks = store.count()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _prefetch(settings: Settings, jobs: list[Job]) -> bool:
    """Read large PDFs ahead in a helper process: only when there is other work to overlap and a core for it."""
    return settings.ingest_prefetch and len(jobs) > 1 and resolve_threads() > 1


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


def _commit(settings: Settings, store: VectorStore, embedder: Embedder, job: Job, prepared: list[Chunk] | str,
            indexed: _Indexed | None, summary: IngestSummary) -> None:
    """Embed and store a prepared file's chunks, then drop its stale ones; a failure keeps what the index had."""
    if isinstance(prepared, str):
        # Keep what the index had for this source: a bad new version loses nothing.
        summary.failed.append(FailedFile(path=job.source, reason=prepared))
        return
    batch = settings.embed_batch_size
    for start in range(0, len(prepared), batch):
        part = prepared[start : start + batch]
        store.add(part, embedder.embed_documents([embedding_text(c) for c in part]))
    if indexed is not None:
        new_ids = {c.chunk_id for c in prepared}
        store.delete([cid for cid in indexed.ids if cid not in new_ids])
    summary.indexed.append(job.source)
