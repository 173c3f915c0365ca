"""The data of a region brief: cited statements, sections, the numbered source list (pydantic, JSON-ready).

A :class:`Brief` is built once (:func:`assistant.brief.build.build_brief`) and rendered by the Markdown and DOCX
writers, which both walk the same outline (:mod:`assistant.brief.outline`). Every ``[n]`` in a brief is a
:class:`Statement` reference into ``Brief.sources``, and every source is an indexed chunk (``chunk_id``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.compass.schema import Assessment, ValidationReport

SectionKind = Literal["compass", "risk", "lead"]


class SourceRef(BaseModel):
    """One numbered entry of the source list: an indexed chunk, with what is needed to find it back."""

    n: int = Field(ge=1, description="The number used in [n] markers.")
    chunk_id: str = Field(description="Id of the indexed chunk (Assistant.get_chunk).")
    source: str = Field(description="File, relative to the corpus folder.")
    title: str
    publisher: str | None = None
    date: str | None = None
    page: int | None = None
    page_label: str | None = None
    section: str | None = None
    kind: str = "other"
    independent: bool = False


class Statement(BaseModel):
    """A factual sentence (or passage) with its source numbers; indicator rows carry ``indicator`` instead."""

    text: str
    refs: list[int] = Field(default_factory=list, description="Source numbers ([n]) the statement rests on.")
    verbatim: bool = Field(True, description="True when ``text`` is quoted from the source, False when generated.")
    note: str | None = Field(None, description="A qualifier shown after the statement (e.g. general EU policy).")
    indicator: str | None = Field(None, description="Set for an indicator-data row: its dataset title.")
    relation: str | None = Field(None, description="Set for an entry of the relations register: its id.")


class BriefSection(BaseModel):
    """A compass component, a risk or a practical lead."""

    key: str = Field(description="Criterion id (compass) or topic key (geopolitiek, mensenrechten, ...).")
    kind: SectionKind
    heading: str
    label: str = Field("", description="The component or topic name (the heading without its number).")
    description: str = ""
    score: int | None = None
    confidence: float | None = None
    rationale: str = ""
    rationale_refs: list[int] = Field(default_factory=list)
    override: str | None = Field(None, description="Rendered officer override, when the score was changed.")
    statements: list[Statement] = Field(default_factory=list)
    insufficient: bool = Field(False, description="True when no cited document passage supports this section.")
    insufficient_text: str | None = None

    @property
    def refs(self) -> set[int]:
        return {n for s in self.statements for n in s.refs} | set(self.rationale_refs)


class Brief(BaseModel):
    """A draft region brief (concept): never an adopted position."""

    region: str = Field(description="Region slug.")
    region_name: str
    lang: Literal["nl", "en"]
    title: str
    subtitle: str
    date: str = Field(description="Drafting date, ISO 8601.")
    banner: str
    compass_version: str
    proposal_backend: str = Field(description="Compass proposer: 'evidence' or 'llm' (plus model).")
    prose_backend: str = Field(description="Who wrote the prose: 'extractive' or the LLM backend name.")
    recommendation: str
    summary_lines: list[str] = Field(default_factory=list, description="Deterministic overview lines.")
    key_points: list[Statement] = Field(default_factory=list, description="Cited summary statements.")
    summary_generated: bool = False
    sections: list[BriefSection] = Field(default_factory=list, description="One per compass component.")
    risks: list[BriefSection] = Field(default_factory=list)
    leads: list[BriefSection] = Field(default_factory=list)
    validation: ValidationReport
    caveats: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="What was left out and why (shown in the brief).")
    sources: list[SourceRef] = Field(default_factory=list)
    assessment: Assessment

    def all_sections(self) -> list[BriefSection]:
        return self.sections + self.risks + self.leads

    def source(self, n: int) -> SourceRef | None:
        return next((s for s in self.sources if s.n == n), None)

    def cited(self) -> set[int]:
        """Every source number used anywhere in the brief."""
        used = {n for s in self.key_points for n in s.refs}
        for section in self.all_sections():
            used |= section.refs
        return used
