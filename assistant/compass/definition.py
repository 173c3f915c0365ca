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

from assistant.compass.indicators.catalog import Catalog
from assistant.compass.schema import RECOMMENDATIONS, SCORE_MAX, SCORE_MIN
from assistant.regions import ALL

#: The criterion the human-rights rules of the validator apply to (must exist in every definition).
ENVIRONMENT_CRITERION = "omgevingsfactoren"
#: The name of the document judgement among the parts of a criterion score (``weights``).
DOCUMENTS_PART = "documenten"
#: The name of the relations-register part (the province's own recorded relations) of a criterion score.
RELATIONS_PART = "relaties"
RUBRIC_ANCHORS = (1, 3, 5)


class DefinitionError(ValueError):
    """The compass definition file is missing or invalid."""


class Queries(BaseModel):
    nl: list[str] = Field(min_length=1, description="Dutch retrieval queries ({regio} = Dutch region name).")
    en: list[str] = Field(min_length=1, description="English retrieval queries ({region} = English region name).")


class Aspect(BaseModel):
    """A sub-criterion from the province's letter (e.g. 'contacten' under 'praktische mogelijkheden').

    An aspect judged from documents has retrieval ``queries``; one judged from indicator data only has none."""

    id: str
    label: str
    queries: Queries | None = None
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
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Weight of each part in the criterion score: aspect ids (their indicator values) and "
        "'documenten' (the document judgement); a part not listed weighs 1.")

    @field_validator("weights")
    @classmethod
    def _positive(cls, weights: dict[str, float]) -> dict[str, float]:
        bad = {k: v for k, v in weights.items() if v <= 0}
        if bad:
            raise ValueError(f"weights must be positive: {bad}")
        return weights

    def weight(self, part: str) -> float:
        return self.weights.get(part, 1.0)

    def parts(self, catalog: "Catalog") -> list[str]:
        """The parts a score can rest on: the aspects that have indicator datasets, then the documents."""
        with_data = {d.aspect for d in catalog.for_criterion(self.id)}
        return [a.id for a in self.aspects if a.id in with_data] + [DOCUMENTS_PART]

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

    @field_validator("theme_scores")
    @classmethod
    def _theme_table(cls, table: dict[int, int]) -> dict[int, int]:
        if 1 not in table or any(not SCORE_MIN <= v <= SCORE_MAX for v in table.values()):
            raise ValueError(f"theme_scores needs key 1 and scores {SCORE_MIN}..{SCORE_MAX}")
        return table


class SubregionRule(BaseModel):
    """How sub-national regions are judged (compass.yaml, ``subregions``)."""

    national_documents: list[str] = Field(
        default_factory=list, description="Criteria for which a sub-national region's country's documents are read "
        "too, cited as the national picture.")


class GeneralEvidence(BaseModel):
    kinds: list[str]
    regions: list[str]


class SeriousAbuse(BaseModel):
    indicator: str = Field(description="Dataset id whose value marks serious abuses (indicators.yaml).")
    value_min: float = Field(description="A latest value at or above this marks serious abuses.")
    max_score: int = Field(ge=SCORE_MIN, le=SCORE_MAX)
    grave_terms_min: int = Field(ge=1)


class ConfidenceRule(BaseModel):
    """How the confidence of a criterion score follows from its sources (see compass.yaml, ``confidence``)."""

    by_sources: list[float] = Field(min_length=1, description="Confidence with 1, 2, ... independent sources.")
    spread: int = Field(ge=1, description="Parts whose scores differ by at least this much disagree.")
    spread_penalty: float = Field(ge=0, le=1)
    stale_penalty: float = Field(ge=0, le=1)
    floor: float = Field(ge=0, le=1)
    min_weight_share: float = Field(
        ge=0, le=1, description="A criterion is scored only when its parts with evidence carry at least this share "
        "of the weight of all its parts (aspects with indicator data, and the documents).")

    @field_validator("by_sources")
    @classmethod
    def _unit(cls, values: list[float]) -> list[float]:
        if any(not 0 <= v <= 1 for v in values) or values != sorted(values):
            raise ValueError("by_sources must be ascending values between 0 and 1")
        return values


class RelationCount(BaseModel):
    """What an entry of one kind says about one criterion (its aspect, and its band on the rubric)."""

    criterion: str
    aspect: str
    band: int = Field(ge=SCORE_MIN, le=SCORE_MAX)


class RelationKindRule(BaseModel):
    kind: str
    counts: list[RelationCount] = Field(min_length=1)
    justification: str = Field(min_length=20)


class RelationsRule(BaseModel):
    """How entries of the relations register count (compass.yaml, ``relations``)."""

    kinds: list[RelationKindRule] = Field(default_factory=list)

    def counts(self, kind: str, criterion: str) -> RelationCount | None:
        rule = next((k for k in self.kinds if k.kind == kind), None)
        return next((c for c in rule.counts if c.criterion == criterion), None) if rule else None

    def criteria(self) -> set[str]:
        return {c.criterion for k in self.kinds for c in k.counts}


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
    confidence: ConfidenceRule
    recommendation: RecommendationRule
    indicators_file: str = Field("indicators.yaml", description="The indicator catalog, next to this file.")
    indicators: Catalog
    relations: RelationsRule = Field(default_factory=RelationsRule,
                                     description="How entries of the relations register count.")
    subregions: SubregionRule = Field(default_factory=SubregionRule,
                                      description="How sub-national regions are judged.")

    @model_validator(mode="after")
    def _consistent(self) -> "CompassDefinition":
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"criterion ids must be unique: {ids}")
        if ENVIRONMENT_CRITERION not in ids:
            raise ValueError(f"the validator needs a criterion with id '{ENVIRONMENT_CRITERION}'")
        if self.recommendation.concern_criterion not in ids:
            raise ValueError(f"recommendation.concern_criterion must be one of {ids}")
        if self.indicators.compass_version != self.version:
            raise ValueError(f"{self.indicators_file} is for compass version {self.indicators.compass_version}, "
                             f"this definition is {self.version}: bump both versions together")
        for ds in self.indicators.datasets:
            criterion = self.criterion(ds.criterion)
            if criterion is None or ds.aspect not in {a.id for a in criterion.aspects}:
                raise ValueError(f"indicator dataset {ds.id}: no aspect '{ds.aspect}' in criterion '{ds.criterion}'")
        if self.indicators.get(self.serious_abuse.indicator) is None:
            raise ValueError(f"serious_abuse.indicator '{self.serious_abuse.indicator}' is not a dataset of "
                             f"{self.indicators_file}")
        self._check_relations()
        unknown = sorted(set(self.subregions.national_documents) - set(ids))
        if unknown:
            raise ValueError(f"subregions.national_documents: unknown criteria {unknown}; use {ids}")
        for c in self.criteria:
            parts = {a.id for a in c.aspects} | {DOCUMENTS_PART}
            if c.id in self.relations.criteria():
                parts.add(RELATIONS_PART)
            unknown = sorted(set(c.weights) - parts)
            if unknown:
                raise ValueError(f"criterion {c.id}: weights for unknown parts {unknown}; use {sorted(parts)}")
        return self

    def _check_relations(self) -> None:
        from assistant.compass.relations.register import KINDS

        for rule in self.relations.kinds:
            if rule.kind not in KINDS:
                raise ValueError(f"relations: unknown kind '{rule.kind}'; the register knows {list(KINDS)}")
            for count in rule.counts:
                criterion = self.criterion(count.criterion)
                if criterion is None or count.aspect not in {a.id for a in criterion.aspects}:
                    raise ValueError(f"relations, kind {rule.kind}: no aspect '{count.aspect}' in criterion "
                                     f"'{count.criterion}'")

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


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DefinitionError(f"{path} not found; it belongs next to the compass definition.") from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(f"Compass definition {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{path} must be a YAML mapping.")
    return data


@lru_cache(maxsize=8)
def _load(path: Path, mtimes: tuple[float, float]) -> CompassDefinition:
    if mtimes[0] < 0:
        raise DefinitionError(f"Compass definition not found at {path}; set ASSISTANT_COMPASS__DEFINITION.")
    data = _read_yaml(path)
    data["indicators"] = _read_yaml(_indicators_path(path, data))
    try:
        return CompassDefinition.model_validate(data)
    except ValidationError as exc:
        raise DefinitionError(f"Compass definition {path} is invalid; fix these fields:\n{exc}") from exc


def _indicators_path(path: Path, data: dict | None = None) -> Path:
    if data is None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            data = {}
    name = data.get("indicators_file") if isinstance(data, dict) else None
    return path.parent / (name or CompassDefinition.model_fields["indicators_file"].default)


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
    definition = _load(path, (_mtime(path), _mtime(_indicators_path(path))))
    themes = getattr(getattr(settings, "compass", None), "themes", None) if settings is not None else None
    return definition.select_themes(themes)
