"""The project's evaluation question set, checked against the real shared documents."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from assistant.evaluation.questions import PDF_LOADER, SourceTexts, check_file, composition, load_questions

pytestmark = pytest.mark.integration

QUESTIONS = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"
AMNESTY = "amnesty_international_report_2013_state_of_the_worlds_human_rights.pdf"
MIN_ITEMS = 60
MIN_UNANSWERABLE = 10
MIN_AMNESTY_PAGE_ITEMS = 10
MIN_NL_ABOUT_EN_SHARE = 1 / 3


def _has_pdf_loader() -> bool:
    try:
        return importlib.util.find_spec(PDF_LOADER) is not None
    except ModuleNotFoundError:
        return False


@pytest.fixture(scope="module")
def items():
    return load_questions(QUESTIONS)


def test_every_passage_page_and_fact_occurs_in_pypdf_text(shared_docs: Path) -> None:
    """Pages verified with plain pypdf, whatever the project's PDF loader does."""
    assert check_file(QUESTIONS, shared_docs, SourceTexts(shared_docs, use_loader=False)) == []


@pytest.mark.skipif(not _has_pdf_loader(), reason=f"{PDF_LOADER} not written yet")
def test_every_pdf_passage_survives_the_project_pdf_loader(shared_docs: Path) -> None:
    """What the index sees: evidence must occur in the loader's page text, or it can never be retrieved."""
    assert check_file(QUESTIONS, shared_docs, SourceTexts(shared_docs, use_loader=True)) == []


def test_composition(items, shared_docs: Path) -> None:
    counts = composition(items, SourceTexts(shared_docs, use_loader=False))
    assert counts["items"] >= MIN_ITEMS, counts
    # of the items that have sources (unanswerable ones have none, so they cannot be about English documents)
    assert counts["nl_about_en"] >= MIN_NL_ABOUT_EN_SHARE * counts["answerable"], counts
    assert counts["unanswerable"] >= MIN_UNANSWERABLE, counts
    assert counts["nl"] > 0 and counts["en"] > 0, counts
    amnesty_pages = [i for i in items if AMNESTY in i.sources and i.pages]
    assert len(amnesty_pages) >= MIN_AMNESTY_PAGE_ITEMS, len(amnesty_pages)


def test_every_source_document_is_asked_about(items, shared_docs: Path) -> None:
    """The set covers the Dutch policy letters, the EU files, the Amnesty PDF and the State Department reports."""
    used = {source for item in items for source in item.sources}
    groups = ("brabant_", "kamerbrief_herijkte", "kamerbrief_nationaal", "eu_chips_act_2_0_COM",
              "eu_chips_act_2_0_member", "amnesty_", "us_state_dept_")
    assert all(any(name.startswith(prefix) for name in used) for prefix in groups), sorted(used)
    assert all((shared_docs / name).is_file() for name in used)


def test_held_out_split_has_both_kinds_of_question(items) -> None:
    """Every item is in dev (tuned on) or test (held out), and each split has answerable and unanswerable items of
    every kind (the id prefix names the kind of unanswerable question)."""
    assert {i.split for i in items} == {"dev", "test"}
    for split in ("dev", "test"):
        part = [i for i in items if i.split == split]
        assert sum(i.answerable for i in part) >= MIN_UNANSWERABLE
        kinds = {i.id.split("-")[1] for i in part if not i.answerable and i.id.count("-") == 2}
        assert kinds == {"fact", "presup", "country", "vague", "forecast"}, (split, kinds)


def test_unanswerable_items_include_countries_that_are_in_the_corpus(items, shared_docs: Path) -> None:
    covered = {p.stem.rsplit("_", 1)[-1] for p in shared_docs.glob("us_state_dept_*.md")}
    asked = {i.region for i in items if not i.answerable}
    assert len(asked & covered) >= 3, asked


def _has_loaders() -> bool:
    try:
        return importlib.util.find_spec("assistant.ingest.loaders") is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.skipif(not _has_loaders(), reason="assistant.ingest.loaders not written yet")
def test_text_evidence_lies_within_one_loaded_unit(items, shared_docs: Path) -> None:
    """A passage split over two sections (units) could never be found inside one chunk."""
    from assistant.text import normalise_for_match as normalize
    from assistant.ingest.loaders import load_file

    texts = SourceTexts(shared_docs, use_loader=False)
    units: dict[str, list[str]] = {}
    missing = []
    for item in items:
        plain = [s for s in item.sources if not s.lower().endswith(".pdf")]
        for source in plain:
            if source not in units:
                units[source] = [normalize(u.text) for u in load_file(shared_docs / source)]
        for passage in item.evidence:
            needle = normalize(passage)
            in_unit = any(needle in unit for source in plain for unit in units[source])
            on_page = any(needle in texts.pypdf_page(s, p) for s in item.sources if s.lower().endswith(".pdf")
                          for p in item.pages)
            if plain and not (in_unit or on_page):
                missing.append((item.id, passage[:60]))
    assert missing == []
