"""USE-m loaded from the model cache embeds bit for bit as the package's own load, and a damaged or unwritable
cache only costs speed."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from assistant.index.model_cache import DONE_NAME, TOKENIZER_NAME, load_use

pytestmark = pytest.mark.integration

TEXTS = [
    "Journalisten werden vastgezet omdat ze kritiek hadden op de regering.",
    "The province supports semiconductor research clusters in Eindhoven.",
    "Ｆｕｌｌｗｉｄｔｈ, naïve café — ﬁnance ½",  # the normalizer's replacement tables
    "",
]


@pytest.fixture(scope="module")
def reference():
    return load_use(1, None).encode(TEXTS)


def test_the_cached_model_embeds_as_the_package(tmp_path, reference):
    first = load_use(1, tmp_path)  # loads from the package and writes the cache
    folders = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert len(folders) == 1 and (folders[0] / DONE_NAME).is_file()
    assert np.array_equal(first.encode(TEXTS), reference)

    cached = load_use(1, tmp_path)
    assert isinstance(cached._backend.table, np.memmap)  # really from the cache
    assert np.array_equal(cached.encode(TEXTS), reference)
    assert cached._sp.encode(TEXTS[2]) == first._sp.encode(TEXTS[2])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".writing-")]


def test_a_damaged_cache_is_a_warning_not_an_error(tmp_path, reference, caplog):
    load_use(1, tmp_path)
    folder = next(p for p in tmp_path.iterdir() if (p / DONE_NAME).is_file())
    (folder / TOKENIZER_NAME).write_bytes(b"not marshal data")
    with caplog.at_level(logging.WARNING):
        model = load_use(1, tmp_path)
    assert "cannot be read" in caplog.text and "Delete the folder" in caplog.text
    assert np.array_equal(model.encode(TEXTS), reference)


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, reference):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    model = load_use(1, blocked / "cache")
    assert np.array_equal(model.encode(TEXTS), reference)
