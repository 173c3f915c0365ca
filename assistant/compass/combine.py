"""Combine a criterion's evidence into its score: indicator values per aspect plus the document judgement.

The rules are data (``compass.yaml``): ``criterion.weights`` and the ``confidence`` block.

1. Each aspect with indicator values that count (a band, not null) is one *part*; its score is the mean of those
   bands. The document judgement (``documenten``), when it produced a score, is another part.
2. The criterion score is the weighted mean of the parts, rounded half up. No part, or parts that carry less than
   ``confidence.min_weight_share`` of the weight of all possible parts: null, and the rationale says what is
   missing (which dataset has no value for the region, or is not in the data folder).
3. Confidence: ``by_sources`` by the number of independent sources (each producer of indicator data once, each
   cited document once), minus ``spread_penalty`` when parts differ by ``spread`` points or more, minus
   ``stale_penalty`` when a value is older than its dataset's maximum age; never below ``floor``.

4. Relations (entries of the province's relations register that count for the criterion, compass.yaml
   ``relations``): one more part, ``relaties``, scored by the highest band among the counting entries. It is added
   when there are such entries (never demanded: without them the weight share is computed as before) unless it would
   lower the weighted mean: an entry records that a tie exists (a contact, an agreement), which is no evidence
   against cooperation. When counted, the register counts as one source for the confidence; a stale entry costs
   ``stale_penalty`` like a stale value.

The rationale names every value with its year and band in the form the validator checks
(:meth:`assistant.compass.indicators.Fact.rationale_line`), every entry with its id and band
(:meth:`assistant.compass.relations.RelationFact.rationale_line`), and the document judgement's own explanation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from assistant.compass.definition import DOCUMENTS_PART, RELATIONS_PART, CompassDefinition, Criterion
from assistant.compass.indicators import Fact
from assistant.compass.indicators.facts import BAND_ARROW, format_number
from assistant.compass.schema import CriterionScore
from assistant.compass.texts import STORED_LANG, stored

#: Label of the document part in rationales (stored with the assessment, in Dutch).
DOCUMENTS_LABEL = stored("label_documents")
#: Label of the relations part in rationales.
RELATIONS_LABEL = stored("label_relations")
#: Decimals of the means shown in rationales.
MEAN_DECIMALS = 2


@dataclass
class Part:
    name: str            # aspect id, or DOCUMENTS_PART
    label: str
    score: float
    weight: float
    facts: list[Fact] = field(default_factory=list)
    stale: bool = False  # relations: an entry past the register's maximum age


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def is_stale(fact: Fact, today: date) -> bool:
    """True when the value's year ended more than its dataset's maximum age ago."""
    return fact.year + fact.dataset.max_age_years < today.year


def sources_of(parts: list[Part], doc: CriterionScore) -> int:
    producers = {f.dataset.producer for p in parts for f in p.facts}
    documents = {e.source for e in doc.evidence if e.is_document} if doc.score is not None else set()
    register = 1 if any(p.name == RELATIONS_PART for p in parts) else 0
    return len(producers) + len(documents) + register


def confidence(parts: list[Part], doc: CriterionScore, definition: CompassDefinition, today: date) -> float:
    rule = definition.confidence
    n = sources_of(parts, doc)
    if n == 0:
        return 0.0
    value = rule.by_sources[min(n, len(rule.by_sources)) - 1]
    scores = [p.score for p in parts]
    if len(scores) > 1 and max(scores) - min(scores) >= rule.spread:
        value -= rule.spread_penalty
    if any(is_stale(f, today) for p in parts for f in p.facts) or any(p.stale for p in parts):
        value -= rule.stale_penalty
    return round(max(rule.floor, value), 2)


def _aspect_line(label: str, facts: list[Fact], counted: list[Fact]) -> str:
    line = f"{label}: " + "; ".join(f.rationale_line() for f in facts)
    if len(counted) > 1:
        mean = sum(f.band for f in counted) / len(counted)
        line += stored("rationale_mean_of_bands", mean=format_number(mean, MEAN_DECIMALS, STORED_LANG))
    return line + "."


def _mean(parts: list[Part], possible: float, definition: CompassDefinition) -> float | None:
    """The weighted mean of the parts, or None when they carry less than min_weight_share of ``possible``."""
    total = sum(p.weight for p in parts)
    if not parts or not possible or total / possible < definition.confidence.min_weight_share:
        return None
    return sum(p.score * p.weight for p in parts) / total


def _relations_line(relations: list, counted: list) -> str:
    line = f"{RELATIONS_LABEL}: " + "; ".join(r.rationale_line() for r in relations)
    if len(counted) > 1:
        line += stored("rationale_highest_band", band=max(r.band for r in counted))
    return line + "."


def combine(criterion: Criterion, doc: CriterionScore, facts: list[Fact], gaps: list[str],
            definition: CompassDefinition, today: date | None = None, relations: list | None = None
            ) -> CriterionScore:
    """The criterion's score from its document judgement ``doc``, its indicator ``facts`` and the register entries
    that count for it (``relations``: :class:`assistant.compass.relations.RelationFact`; see module doc)."""
    today = today or date.today()
    relations = relations or []
    parts: list[Part] = []
    lines: list[str] = []
    for aspect in criterion.aspects:
        shown = [f for f in facts if f.dataset.aspect == aspect.id]
        counted = [f for f in shown if f.band is not None]
        if shown:
            lines.append(_aspect_line(aspect.label, shown, counted))
        if counted:
            parts.append(Part(aspect.id, aspect.label, sum(f.band for f in counted) / len(counted),
                              criterion.weight(aspect.id), counted))
    counted_relations = [r for r in relations if r.band is not None]
    if relations:
        lines.append(_relations_line(relations, counted_relations))
    if counted_relations:
        parts.append(Part(RELATIONS_PART, RELATIONS_LABEL, float(max(r.band for r in counted_relations)),
                          criterion.weight(RELATIONS_PART), stale=any(r.stale for r in counted_relations)))
    doc_line = f"{DOCUMENTS_LABEL}: {doc.rationale}".rstrip()
    if doc.score is not None:
        parts.append(Part(DOCUMENTS_PART, DOCUMENTS_LABEL, float(doc.score), criterion.weight(DOCUMENTS_PART)))
        doc_line += f" {BAND_ARROW} {doc.score}."
    lines.append(doc_line)
    out = CriterionScore(criterion=criterion.id, label=criterion.label,
                         evidence=[f.as_evidence() for f in facts] + [r.as_evidence() for r in relations]
                         + list(doc.evidence))
    # The relations part is added when present, never demanded (an empty register says nothing about a region),
    # and left out when it would lower the mean: an entry records that a tie exists, never evidence against it.
    possible = sum(criterion.weight(p) for p in criterion.parts(definition.indicators))
    relation_part = next((p for p in parts if p.name == RELATIONS_PART), None)
    if relation_part is not None:
        others = [p for p in parts if p is not relation_part]
        without = _mean(others, possible, definition)
        with_relations = _mean(parts, possible + relation_part.weight, definition)
        if without is not None and (with_relations is None or with_relations < without):
            parts = others
            lines.append(stored("rationale_relations_not_weighed",
                                band=format_number(relation_part.score, 0, STORED_LANG)))
        else:
            possible += relation_part.weight
    share = sum(p.weight for p in parts) / possible if possible else 0.0
    if not parts:
        lines.append(stored("rationale_nothing"))
    elif share < definition.confidence.min_weight_share:
        named = ", ".join(p.label.split(" (")[0].lower() for p in parts)
        lines.append(stored("rationale_too_little", named=named, share=format_number(100 * share, 0, STORED_LANG),
                            minimum=format_number(100 * definition.confidence.min_weight_share, 0, STORED_LANG)))
    else:
        mean = _mean(parts, possible, definition)
        out.score = round_half_up(mean)
        out.confidence = confidence(parts, doc, definition, today)
        weights = ", ".join(f"{p.label.split(' (')[0].lower()} x{format_number(p.weight, 0, STORED_LANG)}"
                            for p in parts)
        lines.append(stored("rationale_weighted_mean", weights=weights,
                            mean=format_number(mean, MEAN_DECIMALS, STORED_LANG), arrow=BAND_ARROW, score=out.score))
    if gaps:
        lines.append(stored("rationale_missing", gaps="; ".join(gaps)))
    out.rationale = "\n".join(lines)
    return out
