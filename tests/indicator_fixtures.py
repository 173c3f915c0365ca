"""Indicator data folders for tests: a copy of some of the shared corpus's open data files, in a temporary folder.

    SETTINGS = Settings(compass={"data_dir": indicator_folder(["pts"])})   # only the Political Terror Scale

The files are read from ``../shared/corpus/data`` (never committed to this repository).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from assistant.compass.definition import load_definition
from assistant.compass.indicators import IndicatorData
from assistant.settings import Settings

#: The shared corpus's data folder, as the product finds it by default.
SHARED_DATA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "data").resolve()


def indicator_folder(dataset_ids: list[str], target: Path | None = None) -> Path:
    """A folder holding the shared files of the given datasets (a new temporary folder unless ``target``)."""
    catalog = load_definition(Settings()).indicators
    shared = IndicatorData(catalog, SHARED_DATA)
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="indicators-"))
        atexit.register(shutil.rmtree, target, True)
    target.mkdir(parents=True, exist_ok=True)
    for dataset_id in dataset_ids:
        dataset = catalog.get(dataset_id)
        if dataset is None:
            raise KeyError(f"no dataset {dataset_id!r} in the catalog")
        files = shared.candidates(dataset)
        if not files:
            raise FileNotFoundError(f"{dataset_id}: no file in {SHARED_DATA}; the tests need ../shared beside the "
                                    "checkout")
        for file in files:
            shutil.copy2(file, target / file.name)
    return target
