"""The lexical index on disk: catalog generations beside the vector store, the ingest lock, and the stamp check.

Layout of ``settings.lexical_path`` (one folder per index configuration; shared by every worker of one index)::

    CURRENT           name of the catalog generation in use
    .ingest.lock      held (flock) by whoever writes the index: an ingest, a removal, a rebuild
    g<time>-<pid>/    a catalog (see ``index.catalog``): arrays, vocabularies, document table, BM25

A change writes a new generation folder, then switches ``CURRENT`` (an atomic rename), then stamps the vector store
with the generation's name. Readers look at ``CURRENT`` before each search and load a new generation when it
changed (memory-mapped: cheap). When a catalog is first opened, its name must equal the store's stamp and its row
count the store's count; otherwise (an interrupted ingest, a store changed by hand, an index from an earlier
version without a lexical index) it is rebuilt from the store, with a warning in the log, instead of being trusted.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.index.catalog import Catalog, RowBuilder, Rows, merge, save

if TYPE_CHECKING:
    from assistant.index.store import VectorStore
    from assistant.models import Chunk

log = logging.getLogger(__name__)

CURRENT_NAME = "CURRENT"
LOCK_NAME = ".ingest.lock"
GENERATION_PREFIX = "g"
TMP_SUFFIX = ".tmp"
#: Generations kept on disk: the current one and the one before (a reader may still be mapping it).
KEEP_GENERATIONS = 2
#: A writer waits this long for the lock before it reports that another ingest is running.
LOCK_WAIT_SECONDS = 2.0
LOCK_POLL_SECONDS = 0.05
#: A catalog served without a check (because another process was writing) is checked again after this long.
RECHECK_SECONDS = 30.0


class IndexBusy(RuntimeError):
    """Another process (or thread) is writing this index."""


def _generation_name() -> str:
    return f"{GENERATION_PREFIX}{time.time_ns():020d}-{os.getpid()}"


class LexicalIndex:
    """The catalog of one index configuration: what searches read, and the only way the index is changed.

    ``text_of(chunk)`` is the text BM25 indexes for a chunk (the ingest pipeline's embedding text); it is needed
    to rebuild the catalog from the store.
    """

    def __init__(self, path: Path, text_of: Callable[["Chunk"], str]) -> None:
        self.path = Path(path)
        self.text_of = text_of
        # (generation, catalog, served unchecked since): replaced as a whole, so a search reads one consistent state.
        # "Unchecked": served without the stamp check because another process was writing.
        self._state: tuple[str | None, Catalog, float | None] | None = None
        self._mutex = threading.RLock()

    # -- reading -------------------------------------------------------------------------------------------------
    def read_current(self) -> str | None:
        try:
            name = (self.path / CURRENT_NAME).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def catalog(self, store: "VectorStore") -> Catalog:
        """The catalog to search with: the cached one while ``CURRENT`` is unchanged, else the new generation
        (checked against the store, rebuilt from it when it does not match)."""
        fresh = self._fresh(self.read_current())
        if fresh is not None:
            return fresh
        with self._mutex:
            generation = self.read_current()
            fresh = self._fresh(generation)
            if fresh is not None:
                return fresh
            problem, catalog = self._check(store, generation)
            if problem is None:
                return self._use(generation, catalog, checked=True)
            try:
                with self._locked(wait=0):
                    return self._repair(store)
            except IndexBusy:
                # Someone is writing (an ingest): serve what is on disk until their new generation appears.
                log.info("The lexical index is being written by another process; searching the last saved one.")
                return self._use(generation, catalog or Catalog.empty(), checked=False)

    def invalidate(self) -> None:
        self._state = None

    def _fresh(self, generation: str | None) -> Catalog | None:
        """The cached catalog if it is still the current generation (and not due for a check), else None."""
        state = self._state
        if state is None or state[0] != generation:
            return None
        unchecked_since = state[2]
        if unchecked_since is not None and time.monotonic() - unchecked_since >= RECHECK_SECONDS:
            return None
        return state[1]

    def _use(self, generation: str | None, catalog: Catalog, *, checked: bool) -> Catalog:
        self._state = (generation, catalog, None if checked else time.monotonic())
        return catalog

    def _load(self, generation: str) -> Catalog:
        return Catalog.load(self.path / generation)

    def _check(self, store: "VectorStore", generation: str | None) -> tuple[str | None, Catalog | None]:
        """(None, the catalog) when the generation matches the store; else (why not, the catalog if readable)."""
        count = store.count()
        if generation is None:
            return (None, Catalog.empty()) if count == 0 else ("missing", None)
        try:
            catalog = self._load(generation)
        except (OSError, ValueError, KeyError) as exc:
            return f"it cannot be read: {exc}", None
        stamp = store.stamp()
        if stamp != generation:
            return f"the store is stamped {stamp or '(none)'}, the lexical index is {generation}", catalog
        if catalog.rows != count:
            return f"{catalog.rows} chunks in the lexical index, {count} in the vector store", catalog
        return None, catalog

    def _repair(self, store: "VectorStore") -> Catalog:
        """With the lock held: check again (a writer may just have finished), rebuild when still needed."""
        generation = self.read_current()
        problem, catalog = self._check(store, generation)
        if problem is None:
            return self._use(generation, catalog, checked=True)  # type: ignore[arg-type]
        count = store.count()
        if problem == "missing":
            log.warning("No lexical index in %s for the %d chunks in the vector store (an index built by an earlier "
                        "version, or the folder was removed): building it from the store once.", self.path, count)
        else:
            log.warning("The lexical index in %s does not match the vector store (%s): an ingest was interrupted or "
                        "the store was changed without it. Rebuilding it from the %d chunks in the store.",
                        self.path, problem, count)
        return self.rebuild(store)

    # -- writing (callers hold the lock) -------------------------------------------------------------------------
    def rebuild(self, store: "VectorStore") -> Catalog:
        """A new catalog from every chunk in the store (texts are tokenised again: about a minute per 100,000
        chunks on one core)."""
        started = time.perf_counter()
        builder = RowBuilder({})
        for batch in store.iter_chunks():
            builder.add(batch, [self.text_of(c) for c in batch])
        catalog = self.commit(store, merge(None, set(), builder.rows()))
        log.warning("Lexical index rebuilt: %d chunks in %.1f s (%s).", catalog.rows, time.perf_counter() - started,
                    self.path)
        return catalog

    def commit(self, store: "VectorStore", rows: Rows) -> Catalog:
        """Save ``rows`` as a new generation, make it current, and stamp the store with its name."""
        self.path.mkdir(parents=True, exist_ok=True)
        name = _generation_name()
        tmp = self.path / (name + TMP_SUFFIX)
        save(rows, tmp)
        tmp.rename(self.path / name)
        pointer = self.path / (CURRENT_NAME + TMP_SUFFIX)
        pointer.write_text(name, encoding="utf-8")
        os.replace(pointer, self.path / CURRENT_NAME)
        store.set_stamp(name)
        self._cleanup(name)
        with self._mutex:
            return self._use(name, self._load(name), checked=True)

    def _cleanup(self, current: str) -> None:
        generations = sorted(p for p in self.path.glob(GENERATION_PREFIX + "*") if p.is_dir())
        keep = {p.name for p in generations if not p.name.endswith(TMP_SUFFIX)}
        keep = set(sorted(keep)[-KEEP_GENERATIONS:]) | {current}
        for folder in generations:
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    @contextlib.contextmanager
    def _locked(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        with (self.path / LOCK_NAME).open("w") as handle:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(f"Another ingest is running on {self.path}; wait for it to finish, then "
                                        "run this again.") from None
                    time.sleep(LOCK_POLL_SECONDS)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writing(self, store: "VectorStore") -> Iterator["Writer"]:
        """Exclusive access for a change: a catalog that matches the store (rebuilt first if it does not)."""
        with self._locked():
            generation = self.read_current()
            problem, catalog = self._check(store, generation)
            yield Writer(self, store, catalog if problem is None else self._repair(store))


class Writer:
    """One change to the index, under the lock: note the store writes, then commit the new catalog."""

    def __init__(self, lexical: LexicalIndex, store: "VectorStore", catalog: Catalog) -> None:
        self.lexical, self.store, self.catalog = lexical, store, catalog
        self._begun = False
        self.cleared = False
        self._rows: Rows | None = None

    def begin(self) -> None:
        """Call before the first write to the store: its stamp is cleared, so a crash leaves a visible mismatch."""
        if not self._begun:
            self.store.set_stamp("")
            self._begun = True

    def clear(self) -> None:
        """Empty the store and the catalog (``ingest --rebuild``)."""
        self.begin()
        self.store.clear()
        self.catalog = Catalog.empty()
        self.cleared = True

    def builder(self) -> RowBuilder:
        """Rows to add, against the current term vocabulary."""
        self._rows = self.catalog.to_rows() if self.catalog.rows else None
        return RowBuilder(self._rows.terms if self._rows is not None else {})

    def commit(self, drop_sources: set[str], added: RowBuilder | None) -> Catalog:
        """The catalog without ``drop_sources``, plus ``added``: saved, made current, stamped on the store."""
        old = self._rows if self._rows is not None else (self.catalog.to_rows() if self.catalog.rows else None)
        new = added.rows() if added is not None and len(added) else None
        self.catalog = self.lexical.commit(self.store, merge(old, drop_sources, new))
        return self.catalog
