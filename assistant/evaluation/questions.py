"""Evaluation question sets: the JSON Lines format, a loader that names the bad line, and a checker.

One question per line, exactly these fields::

    {"id": str, "question": str, "lang": "nl"|"en", "answerable": bool, "sources": [file names],
     "pages": [int], "evidence": [verbatim passages], "facts": [short strings, alternatives "a|b"],
     "region": str, "criterion": str, "split": "dev"|"test"|""}

``split`` keeps a held-out part of the set: tune on ``dev``, report ``test`` apart (``""``: not assigned).

The checker proves every evidence passage and fact really occurs in its source document, after
:func:`assistant.text.normalise_for_match` (the one comparison form of citations, the compass validator and the
evaluation metrics).

Command line: ``python -m assistant.evaluation.questions eval/questions.jsonl --docs ../shared/corpus/docs``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator

from assistant.regions import ALL as REGIONS
from assistant.text import normalise_for_match

#: The four components of the afwegingskompas; "" means the question concerns none in particular.
Criterion = Literal["", "inhoudelijke_aansluiting", "praktische_mogelijkheden", "realiseerbaarheid",
                    "omgevingsfactoren"]
CRITERIA: tuple[str, ...] = get_args(Criterion)[1:]
#: Held-out split of a question set: rules and thresholds are tuned on "dev" only; "test" is reported, never tuned.
Split = Literal["", "dev", "test"]
#: Evidence passages are a verbatim sentence or two: shorter is not distinctive, longer is not a quote.
EVIDENCE_MIN_CHARS = 40
EVIDENCE_MAX_CHARS = 300
#: Facts per answerable item (each fact may list alternatives).
MIN_FACTS = 1
MAX_FACTS = 3
#: Separates alternative spellings/translations of one fact ("torture|marteling").
FACT_SEPARATOR = "|"
#: langdetect is only the tie-breaker of the stopword vote; a fixed seed keeps it deterministic.
LANGDETECT_SEED = 0
#: Characters sampled from a document to decide its language.
LANGUAGE_SAMPLE_CHARS = 20000
#: PDF pages sampled (as fractions of the page count) to decide a PDF's language.
PDF_LANGUAGE_SAMPLE_AT = (0.2, 0.4, 0.6, 0.8)
#: The project's PDF loader; when importable, evidence must occur in its page text (that is what gets indexed).
PDF_LOADER = "assistant.ingest.pdf"

_NL_STOPWORDS = frozenset(
    "de het een en van op te dat die voor met zijn er niet aan om ook als bij door naar wat welke welk hoe "
    "hoeveel wie waar waarom wanneer volgens heeft hebben wordt worden werd werden kan kunnen zou moet moeten "
    "deze dit nog uit tot dan meer geen haar hun zich wel mag mogen jaar zij wij ze je u onder tegen "
    "tussen sinds binnen waren".split()
)
_EN_STOPWORDS = frozenset(
    "the a an and to that which for with are were what how many much who where why when according does did do "
    "has have can could would should this these there from by about its their it be than any into under against "
    "between since within whose whom they people year on at".split()
)


class QuestionSetError(ValueError):
    """A question file that cannot be read; the message names the file and line."""


class Question(BaseModel):
    """One evaluation item (one line of a question set)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="Unique within the set.")
    question: str = Field(min_length=1, description="What an officer would ask.")
    lang: Literal["nl", "en"] = Field(description="Language of the question.")
    answerable: StrictBool = Field(description="False when the documents do not contain the answer.")
    sources: list[str] = Field(description="File names (in the docs folder) that contain the answer.")
    pages: list[StrictInt] = Field(description="1-based PDF pages of the evidence; [] for non-PDF sources.")
    evidence: list[str] = Field(description="Verbatim passages from the sources that answer the question.")
    facts: list[str] = Field(description="Short strings a correct answer contains; alternatives separated by '|'.")
    region: str = Field(description="Region slug from assistant.regions, or '' for general questions.")
    criterion: Criterion = Field(description="Compass component the question serves, or ''.")
    split: Split = Field("", description="'dev' (may be tuned on), 'test' (held out: report only), or '' (unset).")

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if value and value not in REGIONS:
            raise ValueError(f"unknown region {value!r}; use a slug from assistant/regions.py or ''")
        return value

    @field_validator("pages")
    @classmethod
    def _positive_pages(cls, value: list[int]) -> list[int]:
        if any(p < 1 for p in value):
            raise ValueError("pages are 1-based PDF page numbers")
        return value



def parse_line(line: str) -> Question:
    """One JSON Lines record -> Question (raises ValueError with a readable reason)."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise ValueError("a line must hold one JSON object")
    try:
        return Question.model_validate(data)
    except ValidationError as exc:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'item'}: {e['msg']}" for e in exc.errors())
        raise ValueError(reasons) from exc


def _numbered_lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"{path}: cannot read the question set ({exc}); pass a UTF-8 .jsonl file") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def load_questions(path: str | Path) -> list[Question]:
    """All questions of a JSON Lines file; raises QuestionSetError naming the first bad line."""
    path = Path(path)
    items = []
    for number, line in _numbered_lines(path):
        try:
            items.append(parse_line(line))
        except ValueError as exc:
            raise QuestionSetError(f"{path}:{number}: {exc}") from exc
    return items


def write_questions(items: Iterable[Question], path: str | Path) -> None:
    """Write questions as JSON Lines (UTF-8, one object per line, fields in the documented order)."""
    lines = [json.dumps(item.model_dump(), ensure_ascii=False) for item in items]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def fact_alternatives(fact: str) -> list[str]:
    """The alternatives of one fact ("torture|marteling" -> ["torture", "marteling"]), blanks dropped."""
    return [alt.strip() for alt in fact.split(FACT_SEPARATOR) if alt.strip()]


def detect_language(text: str) -> str:
    """'nl' or 'en': a Dutch/English stopword vote, with seeded langdetect only to break a tie."""
    words = re.findall(r"[a-zà-ÿ']+", text.casefold())
    nl = sum(w in _NL_STOPWORDS for w in words)
    en = sum(w in _EN_STOPWORDS for w in words)
    if nl != en:
        return "nl" if nl > en else "en"
    try:
        from langdetect import DetectorFactory, LangDetectException, detect_langs

        DetectorFactory.seed = LANGDETECT_SEED
        for guess in detect_langs(text):
            if guess.lang in ("nl", "en"):
                return guess.lang
    except (ImportError, LangDetectException):
        pass
    return "en"


class SourceTexts:
    """Normalised texts of the documents in a docs folder, read once and cached.

    Non-PDF files are read as UTF-8 text. PDF pages come from the project's PDF loader when it is importable
    (that text is what gets indexed), otherwise from pypdf's ``extract_text``.
    """

    def __init__(self, docs_dir: str | Path | Sequence[str | Path], use_loader: bool = True) -> None:
        dirs = [docs_dir] if isinstance(docs_dir, (str, Path)) else list(docs_dir)
        self.dirs = [Path(d) for d in dirs]
        self.use_loader = use_loader
        self._text: dict[str, str] = {}
        self._readers: dict[str, object] = {}
        self._pypdf: dict[tuple[str, int], str] = {}
        self._loader: dict[str, list[str]] = {}
        self._language: dict[str, str] = {}

    def path(self, name: str) -> Path | None:
        for folder in self.dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return None

    @staticmethod
    def is_pdf(name: str) -> bool:
        return name.lower().endswith(".pdf")

    def text(self, name: str) -> str:
        """Normalised full text of a non-PDF source."""
        if name not in self._text:
            self._text[name] = normalise_for_match(self.path(name).read_text(encoding="utf-8", errors="replace"))
        return self._text[name]

    def _reader(self, name: str):
        if name not in self._readers:
            from pypdf import PdfReader

            self._readers[name] = PdfReader(str(self.path(name)))
        return self._readers[name]

    def pypdf_page(self, name: str, page: int) -> str:
        """Normalised pypdf text of one 1-based page ('' when out of range)."""
        key = (name, page)
        if key not in self._pypdf:
            reader = self._reader(name)
            inside = 1 <= page <= len(reader.pages)
            self._pypdf[key] = normalise_for_match(reader.pages[page - 1].extract_text() or "") if inside else ""
        return self._pypdf[key]

    def page_count(self, name: str) -> int:
        return len(self._reader(name).pages)

    def loader_pages(self, name: str) -> list[str] | None:
        """Normalised per-page text from the project's PDF loader, or None when it is not available."""
        if not self.use_loader:
            return None
        if name not in self._loader:
            try:
                load_pdf = importlib.import_module(PDF_LOADER).load_pdf
            except (ImportError, AttributeError):
                self.use_loader = False
                return None
            pages = [""] * self.page_count(name)
            for unit in load_pdf(self.path(name)):
                if unit.page and 1 <= unit.page <= len(pages):
                    pages[unit.page - 1] = f"{pages[unit.page - 1]} {normalise_for_match(unit.text)}".strip()
            self._loader[name] = pages
        return self._loader[name]

    def page(self, name: str, page: int) -> str:
        """Normalised text of one PDF page as indexed: loader text when available, else pypdf."""
        pages = self.loader_pages(name)
        if pages is None:
            return self.pypdf_page(name, page)
        return pages[page - 1] if 1 <= page <= len(pages) else ""

    def language(self, name: str) -> str:
        """'nl' or 'en': the main language of a source document."""
        if name not in self._language:
            if self.is_pdf(name):
                count = self.page_count(name)
                sample = " ".join(self.pypdf_page(name, max(1, int(count * f))) for f in PDF_LANGUAGE_SAMPLE_AT)
            else:
                sample = self.text(name)[:LANGUAGE_SAMPLE_CHARS]
            self._language[name] = detect_language(sample)
        return self._language[name]


def _check_shape(item: Question) -> list[str]:
    problems = []
    if not item.sources:
        problems.append("answerable item has no sources")
    if not item.evidence:
        problems.append("answerable item has no evidence")
    if not MIN_FACTS <= len(item.facts) <= MAX_FACTS:
        problems.append(f"answerable item needs {MIN_FACTS}-{MAX_FACTS} facts, has {len(item.facts)}")
    for passage in item.evidence:
        if not EVIDENCE_MIN_CHARS <= len(passage.strip()) <= EVIDENCE_MAX_CHARS:
            problems.append(f"evidence must be {EVIDENCE_MIN_CHARS}-{EVIDENCE_MAX_CHARS} characters, "
                            f"has {len(passage.strip())}: {passage[:60]!r}")
    for fact in item.facts:
        if not fact_alternatives(fact):
            problems.append(f"empty fact {fact!r}")
    return problems


def _source_texts(item: Question, texts: SourceTexts) -> tuple[list[str], list[str], list[tuple[str, int, str]]]:
    """(problems, normalised non-PDF texts, (source, page, normalised text) of each listed PDF page)."""
    problems, plain, pages = [], [], []
    pdfs = [s for s in item.sources if texts.is_pdf(s)]
    if pdfs and not item.pages:
        problems.append("PDF source without pages: list the 1-based PDF pages of the evidence")
    if item.pages and not pdfs:
        problems.append("pages given but no source is a PDF (pages are for PDF sources only)")
    for source in item.sources:
        if texts.path(source) is None:
            problems.append(f"source not found: {source}")
        elif not texts.is_pdf(source):
            plain.append(texts.text(source))
        else:
            count = texts.page_count(source)
            problems += [f"page {p} is outside {source} (1-{count})" for p in item.pages if not 1 <= p <= count]
            pages += [(source, p, texts.page(source, p)) for p in item.pages if 1 <= p <= count]
    return problems, plain, pages


def _check_evidence(item: Question, texts: SourceTexts, plain: list[str],
                    pages: list[tuple[str, int, str]]) -> list[str]:
    problems, used = [], set()
    for passage in item.evidence:
        needle = normalise_for_match(passage)
        hits = {page for _, page, text in pages if needle in text}
        used |= hits
        if hits or any(needle in text for text in plain):
            continue
        raw = [f"{s} p.{p}" for s, p, _ in pages if needle in texts.pypdf_page(s, p)]
        if raw:
            problems.append(f"evidence only in pypdf text ({', '.join(raw)}), not in the text of {PDF_LOADER}"
                            f".load_pdf, so it can never be retrieved: {passage[:80]!r}")
        else:
            where = ", ".join(item.sources) + (f" pages {item.pages}" if item.pages else "")
            problems.append(f"evidence not found in {where}: {passage[:80]!r}")
    listed = sorted({page for _, page, _ in pages} - used)
    return problems + [f"page {page} is listed but no evidence passage occurs on it" for page in listed]


def check_item(item: Question, docs_dir: str | Path | Sequence[str | Path],
               texts: SourceTexts | None = None) -> list[str]:
    """Problems with one item (empty list = fine). Pass one SourceTexts to share its cache between items."""
    texts = texts if texts is not None else SourceTexts(docs_dir)
    problems = []
    detected = detect_language(item.question)
    if detected != item.lang:
        problems.append(f"lang is {item.lang!r} but the question reads as {detected!r}")
    if not item.answerable:
        return problems + [f"unanswerable item must have empty {name}"
                           for name in ("sources", "pages", "evidence", "facts") if getattr(item, name)]
    problems += _check_shape(item)
    source_problems, plain, pages = _source_texts(item, texts)
    problems += source_problems + _check_evidence(item, texts, plain, pages)
    haystacks = [" ".join(normalise_for_match(p) for p in item.evidence), *plain, *(text for _, _, text in pages)]
    for fact in item.facts:
        alternatives = [normalise_for_match(a) for a in fact_alternatives(fact)]
        if alternatives and not any(a in h for a in alternatives for h in haystacks):
            problems.append(f"fact {fact!r} occurs neither in the evidence nor in the sources")
    return problems


def check_file(path: str | Path, docs_dir: str | Path | Sequence[str | Path],
               texts: SourceTexts | None = None) -> list[str]:
    """Problems of a whole question set, each prefixed with its line number and id; [] = fine."""
    path = Path(path)
    texts = texts if texts is not None else SourceTexts(docs_dir)
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_questions: dict[str, int] = {}
    for number, line in _numbered_lines(path):
        try:
            item = parse_line(line)
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        prefix = f"line {number} ({item.id})"
        if item.id in seen_ids:
            problems.append(f"{prefix}: duplicate id, first used on line {seen_ids[item.id]}")
        seen_ids.setdefault(item.id, number)
        key = normalise_for_match(item.question)
        if key in seen_questions:
            problems.append(f"{prefix}: same question as line {seen_questions[key]}")
        seen_questions.setdefault(key, number)
        problems += [f"{prefix}: {p}" for p in check_item(item, docs_dir, texts)]
    return problems


def is_cross_lingual(item: Question, texts: SourceTexts) -> bool:
    """True when the question's language differs from the language of (one of) its sources."""
    return any(texts.language(s) != item.lang for s in item.sources if texts.path(s) is not None)


def composition(items: Sequence[Question], texts: SourceTexts) -> dict[str, int]:
    """Counts that describe a set: size, languages, cross-lingual, Dutch-about-English, unanswerable, PDF pages."""
    return {
        "items": len(items),
        "nl": sum(item.lang == "nl" for item in items),
        "en": sum(item.lang == "en" for item in items),
        "answerable": sum(item.answerable for item in items),
        "unanswerable": sum(not item.answerable for item in items),
        "cross_lingual": sum(is_cross_lingual(item, texts) for item in items),
        "nl_about_en": sum(item.lang == "nl" and is_cross_lingual(item, texts) for item in items),
        "with_pages": sum(bool(item.pages) for item in items),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check an evaluation question set against its documents.")
    parser.add_argument("questions", type=Path, help="JSON Lines question set")
    parser.add_argument("--docs", type=Path, action="append", required=True,
                        help="folder with the source documents (repeatable)")
    parser.add_argument("--no-loader", action="store_true", help=f"use pypdf even when {PDF_LOADER} exists")
    args = parser.parse_args(argv)
    texts = SourceTexts(args.docs, use_loader=not args.no_loader)
    problems = check_file(args.questions, args.docs, texts)
    for problem in problems:
        print(problem)
    if not problems:
        print(json.dumps(composition(load_questions(args.questions), texts)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
