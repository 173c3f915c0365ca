"""The question-set format, loader and checker, on crafted documents and crafted bad items."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from assistant.evaluation.questions import (
    Question,
    QuestionSetError,
    SourceTexts,
    check_file,
    check_item,
    composition,
    detect_language,
    fact_alternatives,
    is_cross_lingual,
    load_questions,
    write_questions,
)
from assistant.models import TextUnit
from assistant.text import normalise_for_match as normalize
from tests.fixtures_pdf import serialize_pdf

EN_MD = "report_en.md"
NL_TXT = "brief_nl.txt"
PDF = "report.pdf"
HATE_SPEECH = "The law required internet companies to take down hate speech within 24 hours or face stiff fines."

EN_TEXT = """# Country report

## Section 1. Liberty

The law required internet companies to take down hate speech within 24 hours
or face stiff fines. Police used “excessive force” against peaceful protesters – including
students – during the year. The **Semicon Coalition** signed a declaration.
"""
NL_TEXT = """Aanpak internationalisering

De provincie richt zich op Europa, Zuidoost-
en Oost-Azië en Noord-Amerika voor de periode 2023-2027. Daarnaast voeren we gesprekken
met onderzoeks-
en onderwijsinstellingen om de behoeftes in kaart te brengen.
"""
PDF_PAGES = [
    ["Torture and other ill-", "treatment of detainees in custody was reported."],
    ["There were at least 32 people on death row by the end of the year."],
]


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF (Helvetica text, one line per string) that pypdf can extract."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", b""]
    kids = []
    for lines in pages:
        shown = b" ".join(b"(" + line.encode("latin-1") + b") Tj T*" for line in lines)
        ops = b"BT /F1 11 Tf 14 TL 50 780 Td " + shown + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> "
                       b">> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    return serialize_pdf(objects, root=len(objects))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / EN_MD).write_text(EN_TEXT, encoding="utf-8")
    (folder / NL_TXT).write_text(NL_TEXT, encoding="utf-8")
    (folder / PDF).write_bytes(_pdf_bytes(PDF_PAGES))
    return folder


@pytest.fixture
def texts(docs: Path) -> SourceTexts:
    return SourceTexts(docs, use_loader=False)


def item(**changes) -> Question:
    data = {
        "id": "q1",
        "question": "Hoe snel moeten internetbedrijven haatzaaiende berichten verwijderen?",
        "lang": "nl",
        "answerable": True,
        "sources": [EN_MD],
        "pages": [],
        "evidence": [HATE_SPEECH],
        "facts": ["24 hours|24 uur"],
        "region": "germany",
        "criterion": "omgevingsfactoren",
    }
    data.update(changes)
    return Question.model_validate(data)


def unanswerable(**changes) -> Question:
    base = {"question": "Hoeveel geld trekt de provincie uit voor internationalisering?", "answerable": False,
            "sources": [], "evidence": [], "facts": [], "region": "", "criterion": ""}
    return item(**{**base, **changes})


def write_lines(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- normalisation -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police  used\n“EXCESSIVE force”", 'police used "excessive force"'),
        ("ill-\ntreatment", "ill-treatment"),
        ("ill- treatment", "illtreatment"),
        ("Zuidoost-\nen Oost-Azië", "Zuidoost- en Oost-Azië"),
        ("protesters – including", "protesters - including"),
        ("the ﬁnal oﬃce", "the final office"),
        ("The **Semicon Coalition** signed", "The Semicon Coalition signed"),
        ("the country’s work\u00adforce", "the country's workforce"),
    ],
)
def test_normalize_makes_equivalent_spellings_equal(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_normalize_keeps_different_words_apart() -> None:
    assert normalize("24 hours") != normalize("42 hours")
    assert normalize("Indonesia") not in normalize("India and Malaysia")


def test_fact_alternatives_split_and_strip() -> None:
    assert fact_alternatives(" torture | marteling ") == ["torture", "marteling"]
    assert fact_alternatives("|") == []


# --- language ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hoeveel mensen zaten eind 2012 in de dodencel?", "nl"),
        ("Welke regio's krijgen prioriteit?", "nl"),
        ("How many people were on death row at the end of 2012?", "en"),
        ("What share of Mexican workers work in the informal sector?", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
    assert all(detect_language(text) == lang for _ in range(5))  # deterministic


# --- loader --------------------------------------------------------------------------------------------------

def test_load_round_trip(tmp_path: Path) -> None:
    items = [item(), unanswerable(id="q2")]
    path = tmp_path / "set.jsonl"
    write_questions(items, path)
    assert load_questions(path) == items
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == ["id", "question", "lang", "answerable", "sources", "pages", "evidence", "facts",
                           "region", "criterion", "split"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "one JSON object"),
        ({"lang": "de"}, "lang"),
        ({"answerable": "yes"}, "answerable"),
        ({"pages": [0]}, "1-based"),
        ({"pages": ["3"]}, "pages"),
        ({"region": "atlantis"}, "unknown region"),
        ({"criterion": "geopolitiek"}, "criterion"),
        ({"extra": 1}, "extra"),
        ({"id": ""}, "id"),
    ],
)
def test_loader_names_the_bad_line(tmp_path: Path, change, reason: str) -> None:
    good = item().model_dump()
    bad = change if isinstance(change, str) else {**good, **change}
    path = write_lines(tmp_path / "set.jsonl", [good, "", bad])
    with pytest.raises(QuestionSetError) as info:
        load_questions(path)
    assert ":3:" in str(info.value)
    assert reason in str(info.value)


def test_loader_reports_a_missing_field(tmp_path: Path) -> None:
    record = item().model_dump()
    del record["facts"]
    path = write_lines(tmp_path / "set.jsonl", [record])
    with pytest.raises(QuestionSetError, match=r":1: facts"):
        load_questions(path)


def test_loader_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(QuestionSetError, match="cannot read"):
        load_questions(tmp_path / "missing.jsonl")


# --- checker: good items -------------------------------------------------------------------------------------

def test_good_items_pass(docs: Path, texts: SourceTexts) -> None:
    assert check_item(item(), docs, texts) == []
    nl = item(question="Which regions does the province focus on until 2027?", lang="en", sources=[NL_TXT],
              evidence=["De provincie richt zich op Europa, Zuidoost- en Oost-Azië en Noord-Amerika voor de "
                        "periode 2023-2027."],
              facts=["Noord-Amerika|North America", "2023-2027"], region="noord-brabant", criterion="")
    assert check_item(nl, docs, texts) == []
    pdf = item(question="How many people were on death row at the end of the year?", lang="en", sources=[PDF],
               pages=[2], evidence=["There were at least 32 people on death row by the end of the year."],
               facts=["32"])
    assert check_item(pdf, docs, texts) == []
    assert check_item(unanswerable(), docs, texts) == []


def test_hyphenation_across_a_pdf_line_end_still_matches(docs: Path, texts: SourceTexts) -> None:
    good = item(question="What treatment of detainees was reported?", lang="en", sources=[PDF], pages=[1],
                evidence=["Torture and other ill-treatment of detainees in custody was reported."],
                facts=["torture|marteling"])
    assert check_item(good, docs, texts) == []


def test_docs_dir_without_cache_works(docs: Path) -> None:
    assert check_item(item(), docs) == []
    assert check_item(item(), [docs.parent / "elsewhere", docs]) == []


# --- checker: crafted bad items ------------------------------------------------------------------------------

def _one(problems: list[str], fragment: str) -> None:
    assert any(fragment in p for p in problems), problems


def test_missing_source_file(docs: Path, texts: SourceTexts) -> None:
    _one(check_item(item(sources=["nope.md"]), docs, texts), "source not found: nope.md")


def test_evidence_not_in_source(docs: Path, texts: SourceTexts) -> None:
    bad = item(evidence=["The law required internet companies to take down hate speech within 48 hours."])
    _one(check_item(bad, docs, texts), "evidence not found")


def test_evidence_on_an_unlisted_page(docs: Path, texts: SourceTexts) -> None:
    bad = item(question="How many people were on death row?", lang="en", sources=[PDF], pages=[1],
               evidence=["There were at least 32 people on death row by the end of the year."], facts=["32"])
    problems = check_item(bad, docs, texts)
    _one(problems, "evidence not found in report.pdf pages [1]")
    _one(problems, "page 1 is listed but no evidence passage occurs on it")


def test_extra_page_without_evidence(docs: Path, texts: SourceTexts) -> None:
    bad = item(question="How many people were on death row?", lang="en", sources=[PDF], pages=[1, 2],
               evidence=["There were at least 32 people on death row by the end of the year."], facts=["32"])
    assert check_item(bad, docs, texts) == ["page 1 is listed but no evidence passage occurs on it"]


def test_page_outside_the_pdf(docs: Path, texts: SourceTexts) -> None:
    bad = item(question="How many people were on death row?", lang="en", sources=[PDF], pages=[9],
               evidence=["There were at least 32 people on death row by the end of the year."], facts=["32"])
    _one(check_item(bad, docs, texts), "page 9 is outside report.pdf (1-2)")


def test_pdf_without_pages_and_pages_without_pdf(docs: Path, texts: SourceTexts) -> None:
    no_pages = item(question="How many people were on death row?", lang="en", sources=[PDF],
                    evidence=["There were at least 32 people on death row by the end of the year."], facts=["32"])
    _one(check_item(no_pages, docs, texts), "PDF source without pages")
    _one(check_item(item(pages=[1]), docs, texts), "no source is a PDF")


def test_fact_absent_from_evidence_and_source(docs: Path, texts: SourceTexts) -> None:
    _one(check_item(item(facts=["48 hours|48 uur"]), docs, texts), "fact '48 hours|48 uur' occurs neither")
    _one(check_item(item(facts=["|"]), docs, texts), "empty fact")


def test_fact_found_in_source_outside_the_evidence(docs: Path, texts: SourceTexts) -> None:
    assert check_item(item(facts=["24 hours", "excessive force"]), docs, texts) == []


@pytest.mark.parametrize("passage", ["within 24 hours", "x" * 301])
def test_evidence_length_limits(docs: Path, texts: SourceTexts, passage: str) -> None:
    _one(check_item(item(evidence=[passage]), docs, texts), "evidence must be 40-300 characters")


def test_fact_count_limits(docs: Path, texts: SourceTexts) -> None:
    _one(check_item(item(facts=[]), docs, texts), "needs 1-3 facts, has 0")
    _one(check_item(item(facts=["24 hours"] * 4), docs, texts), "needs 1-3 facts, has 4")


def test_answerable_needs_sources_and_evidence(docs: Path, texts: SourceTexts) -> None:
    problems = check_item(item(sources=[], evidence=[]), docs, texts)
    _one(problems, "answerable item has no sources")
    _one(problems, "answerable item has no evidence")


def test_unanswerable_must_be_empty(docs: Path, texts: SourceTexts) -> None:
    bad = unanswerable(sources=[EN_MD], pages=[1], evidence=["x" * 50], facts=["24"])
    problems = check_item(bad, docs, texts)
    for name in ("sources", "pages", "evidence", "facts"):
        _one(problems, f"unanswerable item must have empty {name}")


def test_language_mismatch(docs: Path, texts: SourceTexts) -> None:
    _one(check_item(item(lang="en"), docs, texts), "lang is 'en' but the question reads as 'nl'")
    english = item(question="How quickly must internet companies take down hate speech?")
    _one(check_item(english, docs, texts), "lang is 'nl' but the question reads as 'en'")


# --- the project's PDF loader is preferred ------------------------------------------------------------------

@pytest.fixture
def fake_pdf_loader(monkeypatch):
    """A stand-in for assistant.ingest.pdf whose page 2 lost the death-row sentence."""
    module = types.ModuleType("assistant.ingest.pdf")
    module.load_pdf = lambda path: [TextUnit(text="Torture and other illtreatment of detainees in custody was "
                                                  "reported.", page=1),
                                    TextUnit(text="(page two text lost by the loader)", page=2)]
    monkeypatch.setitem(sys.modules, "assistant.ingest.pdf", module)
    return module


def test_evidence_missing_from_loader_text_is_reported(docs: Path, fake_pdf_loader) -> None:
    bad = item(question="How many people were on death row?", lang="en", sources=[PDF], pages=[2],
               evidence=["There were at least 32 people on death row by the end of the year."], facts=["32"])
    _one(check_item(bad, docs, SourceTexts(docs)), "evidence only in pypdf text (report.pdf p.2)")
    assert check_item(bad, docs, SourceTexts(docs, use_loader=False)) == []
    page1 = item(question="What was reported about detainees?", lang="en", sources=[PDF], pages=[1],
                 evidence=["Torture and other ill-treatment of detainees in custody was reported."],
                 facts=["torture"])
    assert check_item(page1, docs, SourceTexts(docs)) == []


# --- whole files ---------------------------------------------------------------------------------------------

def test_check_file_reports_every_problem_with_line_and_id(tmp_path: Path, docs: Path) -> None:
    records = [
        item().model_dump(),
        item(id="q2", facts=["99 hours"]).model_dump(),
        "{broken",
        item(question="Hoe snel moeten bedrijven haatberichten weghalen?").model_dump(),  # duplicate id q1
        item(id="q5").model_dump(),  # duplicate question of line 1
    ]
    problems = check_file(write_lines(tmp_path / "set.jsonl", records), docs)
    assert any(p.startswith("line 2 (q2): fact '99 hours'") for p in problems), problems
    assert any(p.startswith("line 3: not valid JSON") for p in problems), problems
    assert any(p.startswith("line 4 (q1): duplicate id, first used on line 1") for p in problems), problems
    assert any(p.startswith("line 5 (q5): same question as line 1") for p in problems), problems
    assert not any(p.startswith("line 1 ") for p in problems), problems


def test_check_file_on_a_clean_set(tmp_path: Path, docs: Path) -> None:
    path = tmp_path / "set.jsonl"
    write_questions([item(), unanswerable(id="q2")], path)
    assert check_file(path, docs) == []


def test_composition_and_cross_lingual(docs: Path, texts: SourceTexts) -> None:
    nl_about_en = item()
    en_about_nl = item(id="q2", question="Which regions does the province focus on?", lang="en", sources=[NL_TXT],
                       evidence=["De provincie richt zich op Europa, Zuidoost- en Oost-Azië en Noord-Amerika"],
                       facts=["Europa"])
    en_about_pdf = item(id="q3", question="How many people were on death row?", lang="en", sources=[PDF],
                        pages=[2], evidence=["There were at least 32 people on death row"], facts=["32"])
    none = unanswerable(id="q4")
    assert texts.language(EN_MD) == "en" and texts.language(NL_TXT) == "nl"
    assert [is_cross_lingual(i, texts) for i in (nl_about_en, en_about_nl, en_about_pdf, none)] == [
        True, True, False, False]
    counts = composition([nl_about_en, en_about_nl, en_about_pdf, none], texts)
    assert counts == {"items": 4, "nl": 2, "en": 2, "answerable": 3, "unanswerable": 1, "cross_lingual": 2,
                      "nl_about_en": 1, "with_pages": 1}
