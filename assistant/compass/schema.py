"""The data of the afwegingskompas: a proposal (:class:`Assessment`) and its check (:class:`ValidationReport`).

``assistant score REGION --format json`` prints ``{"assessment": Assessment, "validation": ValidationReport}``;
``assistant validate FILE.json`` reads an Assessment back. The LLM proposer asks the model for the smaller
:class:`LLMProposal`, whose ``score`` is an enum 1..5 (llama.cpp's JSON grammar ignores minimum/maximum), and
turns it into an Assessment.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, create_model

#: Recommendations, best first (the recommendation rule caps "down" this list).
RECOMMENDATIONS: tuple[str, ...] = ("focus", "kansrijk", "monitoren", "niet prioriteren")
Recommendation = Literal["focus", "kansrijk", "monitoren", "niet prioriteren"]
Severity = Literal["error", "warning"]
SCORE_MIN, SCORE_MAX = 1, 5
#: Prefix of evidence ids that point at a value of the indicator data instead of an indexed chunk.
INDICATOR_PREFIX = "indicator:"
#: Prefix of evidence ids that point at an entry of the relations register.
RELATION_PREFIX = "relation:"


class IndicatorValue(BaseModel):
    """The value behind an indicator evidence item; the validator re-reads the data file and compares."""

    dataset: str = Field(description="Dataset id from the indicator catalog (prompts/indicators.yaml).")
    value: float | str = Field(description="The value (rounded to the dataset's decimals), or its category.")
    year: int
    band: int | None = Field(None, description="1-5 by the dataset's banding rule; None = shown, not counted.")
    unit: str = ""
    producer: str = ""
    licence: str = ""
    label: str = Field("", description="The indicator's name (Dutch).")
    text: str = Field("", description="The value as an officer reads it (Dutch), e.g. '3,44 % van het bbp'.")
    national: str | None = Field(
        None, description="Set for a sub-national region without a value of its own: the country (slug) whose "
        "national figure this is ('landelijk cijfer Duitsland').")


class RelationValue(BaseModel):
    """The register entry behind a relation evidence item; the validator re-reads the register and compares."""

    id: str
    kind: str
    label: str = Field("", description="The kind in words (Dutch).")
    region: str
    organisation: str
    date: str
    end_date: str | None = None
    officer: str = ""
    hash: str = Field(description="Content hash of the entry when it was cited.")
    band: int | None = Field(None, description="1-5 by the compass's rule for the kind; None = ended, not counted.")


class Evidence(BaseModel):
    """One cited passage (or indicator value) supporting a criterion score."""

    chunk_id: str = Field(description="Id of the indexed chunk, 'indicator:<dataset>:<region>:<year>', or "
                          "'relation:<id>' (an entry of the relations register).")
    source: str = Field(description="Source file (corpus-relative path, or the data file relative to the "
                        "indicator data folder).")
    page: int | None = Field(None, description="1-based PDF page; None for non-paged sources.")
    quote: str = Field(description="Verbatim text from the chunk (or the rendered indicator row).")
    title: str | None = None
    date: str | None = Field(None, description="Date of the source (ISO, YYYY or YYYY-MM-DD), if known.")
    general: bool = Field(
        False, description="True when the passage is cited as general (EU/NL policy) evidence, not about the region."
    )
    aspect: str | None = Field(None, description="Sub-criterion (aspect) of the compass this passage speaks to.")
    national: str | None = Field(
        None, description="For a sub-national region: the country (slug) whose document this passage is, cited as "
        "the national picture (compass.yaml, subregions.national_documents).")
    indicator: IndicatorValue | None = Field(None, description="Set for indicator data: value, year, band.")
    relation: RelationValue | None = Field(None, description="Set for an entry of the relations register.")

    @property
    def is_indicator(self) -> bool:
        return self.chunk_id.startswith(INDICATOR_PREFIX)

    @property
    def is_relation(self) -> bool:
        return self.chunk_id.startswith(RELATION_PREFIX)

    @property
    def is_document(self) -> bool:
        """A passage of an indexed document (not an indicator value, not a register entry)."""
        return not (self.is_indicator or self.is_relation)


class Override(BaseModel):
    """An officer's change to a criterion score (also written to the append-only overrides log)."""

    officer: str
    at: str = Field(description="UTC timestamp, ISO 8601.")
    reason: str
    previous_score: int | None = None


class CriterionScore(BaseModel):
    """The proposed score of one compass criterion."""

    criterion: str = Field(description="Criterion id from the compass definition, e.g. 'omgevingsfactoren'.")
    label: str = ""
    score: int | None = Field(
        None, ge=SCORE_MIN, le=SCORE_MAX, description="1 (weak) .. 5 (strong); None = insufficient evidence."
    )
    confidence: float = Field(0.0, ge=0.0, le=1.0, description="How firmly the evidence supports the score (0-1).")
    rationale: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    override: Override | None = Field(None, description="Set when an officer changed the proposed score.")


class Assessment(BaseModel):
    """A compass proposal for one region (the ``assessment`` of ``assistant score --format json``)."""

    region: str = Field(description="Region slug (assistant.regions), e.g. 'china'.")
    region_name: str = ""
    compass_version: str
    backend: str = Field(description="Proposer that produced it: 'evidence' or 'llm' (plus model name).")
    created_at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    criteria: list[CriterionScore]
    recommendation: Recommendation
    caveats: list[str] = Field(default_factory=list, description="Dutch remarks an officer should read.")
    mitigation_note: str | None = Field(
        None, description="How serious concerns (e.g. human rights) are mitigated; required for 'focus' then."
    )
    indicators: dict[str, float | str | None] = Field(
        default_factory=dict, description="Indicator values used, by dataset id (numbers, or categories)."
    )

    def criterion(self, criterion_id: str) -> CriterionScore | None:
        return next((c for c in self.criteria if c.criterion == criterion_id), None)

    def scores(self) -> dict[str, int | None]:
        return {c.criterion: c.score for c in self.criteria}


class Finding(BaseModel):
    """One validator finding: ``{"rule", "severity", "criterion", "message"}``."""

    rule: str
    severity: Severity
    criterion: str | None = None
    message: str


class ValidationReport(BaseModel):
    """``{"passed": bool, "findings": [...]}``; passed means no finding of severity 'error'."""

    passed: bool
    findings: list[Finding] = Field(default_factory=list)

    @classmethod
    def of(cls, findings: list[Finding]) -> "ValidationReport":
        return cls(passed=not any(f.severity == "error" for f in findings), findings=findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


# --- the LLM-facing schema -------------------------------------------------------------------------------------


class LLMEvidence(BaseModel):
    """A passage the model cites: the id shown in the prompt and a verbatim quote from it."""

    chunk_id: str = Field(description="The id of a passage shown in the prompt, exactly as written there.")
    quote: str = Field(description="A short verbatim quote (one sentence) copied from that passage.")


class LLMCriterion(BaseModel):
    criterion: str = Field(description="Criterion id, exactly as listed in the prompt.")
    score: Literal[1, 2, 3, 4, 5] | None = Field(
        description="Score 1-5 by the rubric, or null when the passages do not support any score."
    )
    confidence: Literal["low", "medium", "high"] = Field(description="How firmly the passages support the score.")
    rationale: str = Field(description="One or two sentences, in Dutch, explaining the score.")
    evidence: list[LLMEvidence] = Field(description="Passages supporting the score; empty when score is null.")


class LLMProposal(BaseModel):
    """What the LLM proposer asks the model for (the recommendation is derived by rule, not by the model)."""

    criteria: list[LLMCriterion]
    caveats: list[str] = Field(default_factory=list, description="Short Dutch remarks for the officer.")


@lru_cache(maxsize=8)
def llm_proposal_model(criterion_ids: tuple[str, ...]) -> type[LLMProposal]:
    """:class:`LLMProposal` with ``criterion`` restricted to the definition's ids (an enum in the JSON schema, so a
    grammar-constrained model cannot invent criteria)."""
    criterion = create_model(
        "LLMCriterion", __base__=LLMCriterion,
        criterion=(Literal[criterion_ids], Field(description="Criterion id, exactly as listed in the prompt.")))
    return create_model("LLMProposal", __base__=LLMProposal, criteria=(list[criterion], ...))


#: Mapping of the LLM's confidence words onto the 0-1 scale of :class:`CriterionScore`.
LLM_CONFIDENCE = {"low": 0.3, "medium": 0.6, "high": 0.9}
