"""Test-wide settings: offline, no telemetry, and paths to the shared real documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
SHARED_DOCS = SHARED / "docs"
AMNESTY_PDF = SHARED_DOCS / "amnesty_international_report_2013_state_of_the_worlds_human_rights.pdf"


@pytest.fixture(scope="session")
def shared_docs() -> Path:
    if not SHARED_DOCS.is_dir():
        pytest.fail(f"The shared corpus is missing at {SHARED_DOCS}; CI lays ../shared beside the checkout.")
    return SHARED_DOCS


@pytest.fixture(scope="session")
def amnesty_pdf(shared_docs: Path) -> Path:
    return AMNESTY_PDF
