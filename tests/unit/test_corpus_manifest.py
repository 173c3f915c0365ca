"""corpus/sources.yaml describes exactly the documents of the corpus - the three in corpus/ and the shared corpus's
reports read from ../shared/corpus/docs - with valid metadata; documents from public-repository snapshots and the
all-rights-reserved Amnesty PDF stay out of the repository."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from assistant.models import DocumentMeta, Kind
from assistant.regions import ALL

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SHARED_DOCS = (REPO / ".." / "shared" / "corpus" / "docs").resolve()
MANIFEST = CORPUS / "sources.yaml"
#: The only documents the repository may carry (Dutch government publications); the rest is read from ../shared.
OWN_DOCUMENTS = {"brabant_aanpak_internationalisering_afwegingskompas_NL.txt",
                 "kamerbrief_herijkte_missies_missiegedreven_innovatiebeleid_2023-05-30_NL.md",
                 "kamerbrief_nationaal_programma_circulaire_economie_2023-2030_2023-02-03_NL.md"}
#: Files in corpus/ that describe the corpus rather than belong to it.
META_FILES = {"sources.yaml", "SOURCES.md", "README.md", ".gitkeep", "relations.yaml", "relations-history.jsonl"}
AMNESTY_NAME = "amnesty_international_report_2013_state_of_the_worlds_human_rights.pdf"
FIELDS = {"title", "publisher", "kind", "language", "regions", "date", "url", "license", "independent"}
KINDS = set(get_args(Kind)) - {"other"}
LANGUAGES = {"nl", "en"}
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
STATE_DEPT_PREFIX = "us_state_dept_2024_country_report_human_rights_"
STATE_DEPT_SOURCE_LINE = 7  # the line of each State Department file that names its source PDF


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data, "sources.yaml must map file names to metadata"
    return data


def _documents() -> set[str]:
    return {p.name for p in CORPUS.iterdir() if p.is_file() and p.name not in META_FILES}


def _shared() -> set[str]:
    return {p.name for p in SHARED_DOCS.iterdir() if p.is_file() and p.name != AMNESTY_NAME}


def _path(name: str) -> Path:
    return CORPUS / name if (CORPUS / name).is_file() else SHARED_DOCS / name


def test_the_repository_carries_only_its_own_documents():
    assert _documents() == OWN_DOCUMENTS


def test_every_file_has_an_entry_and_every_entry_a_file(manifest):
    documents = _documents() | _shared()
    assert _shared(), "the shared corpus is missing at ../shared/corpus/docs"
    assert sorted(documents - set(manifest)) == [], "files without a sources.yaml entry"
    assert sorted(set(manifest) - documents) == [], "sources.yaml entries without a file"


def test_entries_have_exactly_the_documented_fields(manifest):
    for name, entry in manifest.items():
        assert set(entry) == FIELDS, name
        assert entry["title"] and entry["publisher"] and entry["license"], name
        assert isinstance(entry["independent"], bool), name
        DocumentMeta(source=name, **entry)  # the ingest pipeline builds this model from each entry


def test_kinds_languages_regions_dates_are_valid(manifest):
    for name, entry in manifest.items():
        assert entry["kind"] in KINDS, (name, entry["kind"])
        assert entry["language"] in LANGUAGES, (name, entry["language"])
        assert entry["regions"], name
        unknown = [slug for slug in entry["regions"] if slug not in ALL]
        assert not unknown, (name, unknown)
        assert isinstance(entry["date"], str) and ISO_DATE.match(entry["date"]), (name, entry["date"])
        assert entry["url"] is None or entry["url"].startswith("https://"), name


def test_language_matches_the_text(manifest):
    dutch_words = re.compile(r"\b(de|het|een|van|en|voor|wordt|zijn)\b")
    for name, entry in manifest.items():
        text = _path(name).read_text(encoding="utf-8")[:5000].lower()
        share = len(dutch_words.findall(text)) / max(1, len(text.split()))
        assert (share > 0.1) == (entry["language"] == "nl"), (name, round(share, 3))


def test_state_department_reports_point_to_their_source_pdf(manifest):
    reports = {n: e for n, e in manifest.items() if n.startswith(STATE_DEPT_PREFIX)}
    assert len(reports) == 17
    for name, entry in reports.items():
        line = _path(name).read_text(encoding="utf-8").splitlines()[STATE_DEPT_SOURCE_LINE - 1]
        assert line == f"Source PDF: {entry['url']}", name
        upload = re.search(r"/uploads/(\d{4})/(\d{2})/", entry["url"])
        assert entry["date"] == f"{upload.group(1)}-{upload.group(2)}", name  # 2024 reports, published 2025
        assert entry["regions"] == [name.removeprefix(STATE_DEPT_PREFIX).removesuffix(".md")], name
        assert entry["independent"] is True and entry["kind"] == "government_report", name


def test_dutch_government_and_eu_documents_are_not_independent(manifest):
    for name, entry in manifest.items():
        if entry["kind"] in {"policy", "strategy"}:
            assert entry["independent"] is False, name


def test_sources_md_attributes_every_document(manifest):
    attribution = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    missing = [name for name in manifest if f"`{name}`" not in attribution]
    assert not missing


def test_amnesty_pdf_is_not_in_the_repository():
    assert not (CORPUS / AMNESTY_NAME).exists()
    assert not list(REPO.glob("corpus/**/amnesty*")), "the Amnesty report is all rights reserved: keep it in ../shared"
