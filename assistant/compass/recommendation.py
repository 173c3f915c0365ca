"""The documented rule that turns criterion scores into the overall recommendation.

The parameters live in ``compass.yaml`` (``recommendation``); with the shipped values the rule reads:

1. No criterion scored -> ``monitoren`` (there is nothing to base a choice on yet).
2. Otherwise the mean of the scored criteria picks the band: >= 4.0 ``focus``, >= 3.0 ``kansrijk``,
   >= 2.0 ``monitoren``, else ``niet prioriteren``.
3. Caps - each lowers the recommendation to at most the given label and never raises it:
   a. fewer than 3 criteria scored -> at most ``monitoren`` (too little evidence to prioritise);
   b. ``omgevingsfactoren`` <= 1 -> at most ``monitoren`` (very serious concerns);
   c. ``omgevingsfactoren`` <= 2 and no mitigation note -> at most ``kansrijk`` (serious concerns need a
      mitigation note before a region can be a focus region).

The validator (rule ``aanbeveling_volgt_regel``) recomputes this and flags any other recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.compass.schema import RECOMMENDATIONS
from assistant.compass.texts import stored


@dataclass
class Derivation:
    recommendation: str
    mean: float | None
    scored: int
    reasons: list[str] = field(default_factory=list)  # Dutch, one per cap that applied


def _at_most(current: str, cap: str) -> str:
    return RECOMMENDATIONS[max(RECOMMENDATIONS.index(current), RECOMMENDATIONS.index(cap))]


def derive(scores: dict[str, int | None], mitigation_note: str | None, rule) -> Derivation:
    """Apply the recommendation rule (``rule`` = ``definition.recommendation``) to the criterion scores."""
    scored = [s for s in scores.values() if s is not None]
    if not scored:
        return Derivation(rule.insufficient_cap, None, 0, [stored("reason_none_scored")])
    mean = sum(scored) / len(scored)
    result = next((b.label for b in rule.bands if mean >= b.min_mean), rule.bands[-1].label)
    reasons: list[str] = []
    if len(scored) < rule.min_scored_criteria:
        capped = _at_most(result, rule.insufficient_cap)
        if capped != result:
            reasons.append(stored("reason_too_few_scored", scored=len(scored), total=len(scores),
                                  minimum=rule.min_scored_criteria, cap=rule.insufficient_cap))
        result = capped
    concern = scores.get(rule.concern_criterion)
    if concern is not None and concern <= rule.veto_max_score:
        capped = _at_most(result, rule.veto_cap)
        if capped != result:
            reasons.append(stored("reason_veto", criterion=rule.concern_criterion, score=concern))
        result = capped
    if concern is not None and concern <= rule.concern_max_score and not (mitigation_note or "").strip():
        capped = _at_most(result, rule.concern_cap)
        if capped != result:
            reasons.append(stored("reason_concern", criterion=rule.concern_criterion, score=concern))
        result = capped
    return Derivation(result, mean, len(scored), reasons)


def recommend(scores: dict[str, int | None], mitigation_note: str | None, rule) -> str:
    """Just the recommendation label of :func:`derive`."""
    return derive(scores, mitigation_note, rule).recommendation
