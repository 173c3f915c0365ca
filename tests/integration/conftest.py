"""One real index for the integration tests: every document of ../shared/corpus/docs (the demo corpus plus the
Amnesty 2013 PDF) with the default embedder, built once per session and reused across runs (incremental)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from tests.conftest import SHARED_DOCS

REAL_INDEX_DIR = PROJECT_ROOT / "index" / "tests-shared-corpus"


def real_settings(**overrides) -> Settings:
    """Default settings over the shared documents (manifest: corpus/sources.yaml, same file names)."""
    return Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=REAL_INDEX_DIR, **overrides)


@pytest.fixture(scope="session")
def real_assistant() -> Assistant:
    if not SHARED_DOCS.is_dir():
        pytest.fail(f"The shared corpus is missing at {SHARED_DOCS}; CI lays ../shared beside the checkout.")
    assistant = Assistant(real_settings())
    summary = assistant.ingest([Path(SHARED_DOCS)])
    assert not summary.failed, summary.failed
    return assistant
