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

The rationale names every value with its year and band in the form the validator checks
(:meth:`assistant.compass.indicators.Fact.rationale_line`), and the document judgement's own explanation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from assistant.compass.definition import DOCUMENTS_PART, CompassDefinition, Criterion
from assistant.compass.indicators import Fact
from assistant.compass.indicators.facts import BAND_ARROW, format_number
from assistant.compass.schema import CriterionScore

#: Label of the document part in rationales.
DOCUMENTS_LABEL = "Documenten"
#: Decimals of the means shown in rationales.
MEAN_DECIMALS = 2


@dataclass
class Part:
    name: str            # aspect id, or DOCUMENTS_PART
    label: str
    score: float
    weight: float
    facts: list[Fact] = field(default_factory=list)


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def is_stale(fact: Fact, today: date) -> bool:
    """True when the value's year ended more than its dataset's maximum age ago."""
    return fact.year + fact.dataset.max_age_years < today.year


def sources_of(parts: list[Part], doc: CriterionScore) -> int:
    producers = {f.dataset.producer for p in parts for f in p.facts}
    documents = {e.source for e in doc.evidence if not e.is_indicator} if doc.score is not None else set()
    return len(producers) + len(documents)


def confidence(parts: list[Part], doc: CriterionScore, definition: CompassDefinition, today: date) -> float:
    rule = definition.confidence
    n = sources_of(parts, doc)
    if n == 0:
        return 0.0
    value = rule.by_sources[min(n, len(rule.by_sources)) - 1]
    scores = [p.score for p in parts]
    if len(scores) > 1 and max(scores) - min(scores) >= rule.spread:
        value -= rule.spread_penalty
    if any(is_stale(f, today) for p in parts for f in p.facts):
        value -= rule.stale_penalty
    return round(max(rule.floor, value), 2)


def _aspect_line(label: str, facts: list[Fact], counted: list[Fact]) -> str:
    line = f"{label}: " + "; ".join(f.rationale_line() for f in facts)
    if len(counted) > 1:
        mean = sum(f.band for f in counted) / len(counted)
        line += f" (gemiddeld {format_number(mean, MEAN_DECIMALS, 'nl')})"
    return line + "."


def combine(criterion: Criterion, doc: CriterionScore, facts: list[Fact], gaps: list[str],
            definition: CompassDefinition, today: date | None = None) -> CriterionScore:
    """The criterion's score from its document judgement ``doc`` and its indicator ``facts`` (see module doc)."""
    today = today or date.today()
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
    doc_line = f"{DOCUMENTS_LABEL}: {doc.rationale}".rstrip()
    if doc.score is not None:
        parts.append(Part(DOCUMENTS_PART, DOCUMENTS_LABEL, float(doc.score), criterion.weight(DOCUMENTS_PART)))
        doc_line += f" {BAND_ARROW} {doc.score}."
    lines.append(doc_line)
    out = CriterionScore(criterion=criterion.id, label=criterion.label,
                         evidence=[f.as_evidence() for f in facts] + list(doc.evidence))
    possible = sum(criterion.weight(p) for p in criterion.parts(definition.indicators))
    share = sum(p.weight for p in parts) / possible if possible else 0.0
    if not parts:
        lines.append("Geen indicatorwaarden en geen bruikbare documenten: score open gelaten (geen gok).")
    elif share < definition.confidence.min_weight_share:
        named = ", ".join(p.label.split(" (")[0].lower() for p in parts)
        lines.append(f"Te weinig bewijs: alleen {named} ({format_number(100 * share, 0, 'nl')}% van het gewicht, "
                     f"minimaal {format_number(100 * definition.confidence.min_weight_share, 0, 'nl')}%): score "
                     "open gelaten (geen gok).")
    else:
        total = sum(p.weight for p in parts)
        mean = sum(p.score * p.weight for p in parts) / total
        out.score = round_half_up(mean)
        out.confidence = confidence(parts, doc, definition, today)
        weights = ", ".join(f"{p.label.split(' (')[0].lower()} x{format_number(p.weight, 0, 'nl')}" for p in parts)
        lines.append(f"Gewogen gemiddelde ({weights}): {format_number(mean, MEAN_DECIMALS, 'nl')} "
                     f"{BAND_ARROW} score {out.score}.")
    if gaps:
        lines.append("Ontbreekt: " + "; ".join(gaps) + ".")
    out.rationale = "\n".join(lines)
    return out
