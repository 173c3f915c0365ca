"""Load and check the versioned compass definition (``prompts/compass.yaml``, see ``settings.compass.definition``).

The YAML holds everything that is policy rather than code: the four components of the province's
afwegingskompas with their sub-criteria (aspects), a Dutch 1/3/5 rubric per criterion, retrieval queries in Dutch
and English, the focus regions 2023-2027, the innovation themes, the lexicons of the offline proposer and the
parameters of the recommendation rule. :func:`load_definition` validates it with pydantic, so a broken edit fails
at start-up with a message that names the field.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from assistant.compass.schema import RECOMMENDATIONS, SCORE_MAX, SCORE_MIN
from assistant.regions import ALL

#: The criterion the human-rights rules of the validator apply to (must exist in every definition).
ENVIRONMENT_CRITERION = "omgevingsfactoren"
RUBRIC_ANCHORS = (1, 3, 5)


class DefinitionError(ValueError):
    """The compass definition file is missing or invalid."""


class Queries(BaseModel):
    nl: list[str] = Field(min_length=1, description="Dutch retrieval queries ({regio} = Dutch region name).")
    en: list[str] = Field(min_length=1, description="English retrieval queries ({region} = English region name).")


class Aspect(BaseModel):
    """A sub-criterion from the province's letter (e.g. 'contacten' under 'praktische mogelijkheden')."""

    id: str
    label: str
    queries: Queries
    positive: list[str] = Field(default_factory=list, description="Terms that speak for the criterion.")
    negative: list[str] = Field(default_factory=list, description="Terms that speak against the criterion.")


class Criterion(BaseModel):
    """One scored component of the compass."""

    id: str
    component: int = Field(ge=1)
    label: str
    description: str
    rubric: dict[int, str] = Field(description="What a 1, 3 and 5 mean (Dutch).")
    aspects: list[Aspect] = Field(min_length=1)
    judge: Literal["themes", "balance", "environment"] = Field(
        description="How the offline evidence proposer judges the retrieved passages (see evidence.py)."
    )

    @field_validator("rubric")
    @classmethod
    def _anchors(cls, rubric: dict[int, str]) -> dict[int, str]:
        missing = [a for a in RUBRIC_ANCHORS if not str(rubric.get(a, "")).strip()]
        if missing:
            raise ValueError(f"rubric needs a description for scores {missing}")
        if any(not SCORE_MIN <= k <= SCORE_MAX for k in rubric):
            raise ValueError(f"rubric keys must be scores {SCORE_MIN}..{SCORE_MAX}")
        return rubric


class Theme(BaseModel):
    id: str
    label: str
    terms: list[str] = Field(min_length=1)


class Focus(BaseModel):
    period: str
    regions: list[str] = Field(min_length=1)

    @field_validator("regions")
    @classmethod
    def _known(cls, regions: list[str]) -> list[str]:
        unknown = [r for r in regions if r not in ALL]
        if unknown:
            raise ValueError(f"unknown region slugs {unknown} (see assistant/regions.py)")
        return regions


class HumanRightsLexicon(BaseModel):
    atrocity: list[str]
    grave: list[str]
    moderate: list[str]
    positive: list[str]
    negation: list[str]
    ignore: list[str] = Field(default_factory=list)


class ProposerParams(BaseModel):
    k_per_query: int = Field(ge=1, le=50)
    strong_signals: int = Field(ge=1)
    max_quote_chars: int = Field(ge=40)
    rights_report_kinds: list[str] = Field(default_factory=list)
    theme_scores: dict[int, int]
    geo_negative_min: int = Field(ge=1)
    pts_score_base: int

    @field_validator("theme_scores")
    @classmethod
    def _theme_table(cls, table: dict[int, int]) -> dict[int, int]:
        if 1 not in table or any(not SCORE_MIN <= v <= SCORE_MAX for v in table.values()):
            raise ValueError(f"theme_scores needs key 1 and scores {SCORE_MIN}..{SCORE_MAX}")
        return table


class GeneralEvidence(BaseModel):
    kinds: list[str]
    regions: list[str]


class SeriousAbuse(BaseModel):
    pts_min: int = Field(ge=1, le=5)
    max_score: int = Field(ge=SCORE_MIN, le=SCORE_MAX)
    grave_terms_min: int = Field(ge=1)


class Band(BaseModel):
    label: str
    min_mean: float


class RecommendationRule(BaseModel):
    bands: list[Band] = Field(min_length=1)
    min_scored_criteria: int = Field(ge=0)
    insufficient_cap: str
    concern_criterion: str
    veto_max_score: int = Field(ge=0, le=SCORE_MAX)
    veto_cap: str
    concern_max_score: int = Field(ge=0, le=SCORE_MAX)
    concern_cap: str

    @model_validator(mode="after")
    def _labels(self) -> "RecommendationRule":
        labels = [b.label for b in self.bands] + [self.insufficient_cap, self.veto_cap, self.concern_cap]
        bad = [lab for lab in labels if lab not in RECOMMENDATIONS]
        if bad:
            raise ValueError(f"unknown recommendation labels {bad}; use {list(RECOMMENDATIONS)}")
        return self


class CompassDefinition(BaseModel):
    """The parsed ``compass.yaml``."""

    version: str = Field(min_length=1)
    title: str
    source: str
    focus: Focus
    themes_source: str = ""
    themes: list[Theme] = Field(min_length=1)
    innovation_context: list[str] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    human_rights: HumanRightsLexicon
    proposer: ProposerParams
    general_evidence: GeneralEvidence
    serious_abuse: SeriousAbuse
    recommendation: RecommendationRule

    @model_validator(mode="after")
    def _consistent(self) -> "CompassDefinition":
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"criterion ids must be unique: {ids}")
        if ENVIRONMENT_CRITERION not in ids:
            raise ValueError(f"the validator needs a criterion with id '{ENVIRONMENT_CRITERION}'")
        if self.recommendation.concern_criterion not in ids:
            raise ValueError(f"recommendation.concern_criterion must be one of {ids}")
        return self

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def select_themes(self, theme_ids: list[str] | None) -> "CompassDefinition":
        """A copy restricted to the given theme ids (None = all); unknown ids raise DefinitionError."""
        if not theme_ids:
            return self
        known = {t.id for t in self.themes}
        unknown = [t for t in theme_ids if t not in known]
        if unknown:
            raise DefinitionError(
                f"Unknown innovation themes {unknown} in ASSISTANT_COMPASS__THEMES; choose from {sorted(known)}."
            )
        return self.model_copy(update={"themes": [t for t in self.themes if t.id in theme_ids]})


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> CompassDefinition:
    if mtime < 0:
        raise DefinitionError(f"Compass definition not found at {path}; set ASSISTANT_COMPASS__DEFINITION.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DefinitionError(f"Compass definition {path} is not valid YAML: {exc}") from exc
    try:
        return CompassDefinition.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(f"Compass definition {path} is invalid; fix these fields:\n{exc}") from exc


def load_definition(settings=None, path: Path | str | None = None) -> CompassDefinition:
    """The compass definition from ``path``, else ``settings.compass.definition`` (reloaded when the file changes).

    ``settings.compass.themes`` (when that field exists and is set) restricts the innovation themes.
    """
    if path is None:
        if settings is None:
            from assistant.settings import get_settings

            settings = get_settings()
        path = settings.compass.definition
    path = Path(path).resolve()
    definition = _load(path, _mtime(path))
    themes = getattr(getattr(settings, "compass", None), "themes", None) if settings is not None else None
    return definition.select_themes(themes)
