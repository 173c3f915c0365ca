"""The shared data of the pipeline: files -> units -> chunks -> hits -> answers / assessments.

Everything that crosses a folder boundary is one of these pydantic models, so the CLI's JSON output, the app
and the tests all see the same shapes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["policy", "strategy", "sector_report", "market_study", "ngo_briefing", "think_tank", "data",
               "government_report", "analysis", "other"]


class DocumentMeta(BaseModel):
    """Per-document metadata: from ``corpus/sources.yaml`` or inferred from the file."""

    source: str = Field(description="Path relative to the corpus folder (posix separators).")
    title: str
    publisher: str | None = None
    kind: str = "other"
    language: str = Field("en", description="ISO 639-1 code of the document's main language.")
    regions: list[str] = Field(default_factory=list, description="Region/country slugs the document concerns.")
    date: str | None = Field(None, description="Publication date, ISO 8601 (YYYY or YYYY-MM-DD).")
    url: str | None = None
    license: str | None = None
    independent: bool = Field(
        False, description="True for NGO, think-tank or foreign-government sources (validator: omgevingsfactoren)."
    )


class TextUnit(BaseModel):
    """A piece of a loaded file before chunking: one PDF page, or one section of a text document."""

    text: str
    page: int | None = Field(None, description="1-based PDF page number; None for non-paged formats.")
    page_label: str | None = Field(None, description="Printed page label, where the PDF defines one.")
    section: str | None = Field(None, description="Heading path of the section this text belongs to.")
    regions: list[str] = Field(default_factory=list, description="Regions detected for this unit (e.g. chapter).")


class Chunk(BaseModel):
    """A retrievable piece of a document, with everything needed to cite it."""

    chunk_id: str
    source: str
    title: str
    text: str
    page: int | None = None
    page_label: str | None = None
    section: str | None = None
    kind: str = "other"
    language: str = "en"
    regions: list[str] = Field(default_factory=list)
    date: str | None = None
    publisher: str | None = None
    independent: bool = False
    char_start: int = Field(0, description="Offset of the chunk in its unit's text (page or section).")
    char_end: int = 0
    file_hash: str = ""
    chunk_count: int = Field(0, description="Chunks of the same file version (consistency check).")


class SearchHit(BaseModel):
    """One ranked search result (the ``assistant search --format json`` contract)."""

    chunk_id: str
    source: str
    title: str
    page: int | None
    section: str | None
    text: str
    score: float
    kind: str = "other"
    language: str = "en"
    regions: list[str] = Field(default_factory=list)
    date: str | None = None
    publisher: str | None = None
    page_label: str | None = None
    independent: bool = False


class Citation(BaseModel):
    """A numbered reference from an answer to a retrieved chunk."""

    n: int
    chunk_id: str
    source: str
    title: str
    page: int | None
    section: str | None
    quote: str
    text: str


class Answer(BaseModel):
    """The ``assistant ask --format json`` contract."""

    question: str
    answer: str
    refused: bool
    backend: str
    citations: list[Citation] = Field(default_factory=list)
    retrieved: list[SearchHit] = Field(default_factory=list)
    standalone_question: str | None = Field(None, description="The question after follow-up resolution.")
    removed_citations: list[int] = Field(
        default_factory=list, description="[n] markers the backend produced that pointed at no retrieved chunk."
    )
    error: str | None = Field(None, description="Backend fault shown to the user (passages are still shown).")
    closest: list[Citation] = Field(
        default_factory=list,
        description="For a refusal: the retrieved passages closest to the question, which do NOT answer it "
        "(numbered 1.., each with its closest sentence as quote).",
    )
    refusal_reason: str | None = Field(
        None, description="Why the question was refused: vague, unknown_name (\"unknown_name: <names>\"), "
        "off_subject, no_typed_answer, forecast, low_support, no_sentences, model_refused or no_valid_citations; "
        "None for answers.",
    )


class FailedFile(BaseModel):
    path: str
    reason: str


class IngestSummary(BaseModel):
    """The ``assistant ingest --format json`` contract (exactly these keys)."""

    indexed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: list[FailedFile] = Field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0
