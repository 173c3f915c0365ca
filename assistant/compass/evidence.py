"""The offline evidence-based proposer: deterministic scores from retrieved passages and indicator data.

For every criterion it gathers passages (:mod:`assistant.compass.retrieval`), cuts them into verbatim sentences
and judges them with the lexicons of ``compass.yaml``. It never guesses: a criterion without signal sentences (or
indicator data) gets ``score = None``. Quotes are always verbatim sentences of the cited chunk.

Judges (``criterion.judge`` in the YAML):

- ``themes`` (inhoudelijke aansluiting): a *signal sentence* is a sentence of a passage about the region that
  names an innovation theme (theme terms) together with an innovation/cooperation word (``innovation_context``).
  The number of distinct themes in signal sentences maps to a score by ``proposer.theme_scores`` (1 -> 3,
  2 -> 4, 3+ -> 5). Absence of overlap is not evidence of a mismatch, so no signal -> null.
- ``balance`` (praktische mogelijkheden, realiseerbaarheid): signal sentences carry an aspect's positive or
  negative terms (not both; sentences with a negation cue are skipped). With P positive and N negative sentences,
  balance = (P - N) / (P + N) and score = 3 + round(steps * balance), steps = 2 when P + N >= strong_signals,
  else 1 (weak evidence moves one step at most). Rights reports (``proposer.rights_report_kinds``) give only
  negative signals here, and no theme overlap. At least one signal must come from a passage about the region;
  general EU/NL policy passages count only for regions inside the EU (where EU programmes apply) and never
  outnumber the region-specific signals.
- In passages about the region, a sentence that names other regions but not this one is ignored, and so is a
  sentence naming no region in a chunk about several countries (:func:`retrieval.sentence_about`).
- ``environment`` (omgevingsfactoren): human rights from the indicator data, score = pts_score_base - worst of
  PTS_A/PTS_H/PTS_S (latest year); the human-rights lexicon over independent passages about the region can only
  lower it, and only when the text shows serious abuses (level <= serious_abuse.max_score). Without indicator
  data the text level is the score. At least ``geo_negative_min`` negative geopolitical sentences (and no positive
  one) lower the score by one step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from assistant.compass.definition import ENVIRONMENT_CRITERION, CompassDefinition
from assistant.compass.indicators import HUMAN_RIGHTS_ASPECT, indicator_values, latest_pts
from assistant.compass.lexicon import (blank, clip, human_rights_hits, human_rights_level, matcher, negated,
                                       sentences, serious_terms)
from assistant.compass.retrieval import Passage, concerns_region, gather, in_eu, sentence_about
from assistant.compass.schema import SCORE_MAX, SCORE_MIN, CriterionScore, Evidence

#: Confidence of a score backed by one weak signal, and the most a lexicon judgement may claim.
CONFIDENCE_WEAK = 0.3
CONFIDENCE_MAX = 0.9
#: Confidence of the environment score when the indicator and the text agree (within one step) / only one source.
CONFIDENCE_AGREE = 0.9
CONFIDENCE_SINGLE = 0.6
CONFIDENCE_DISAGREE = 0.5
#: Order in which human-rights sentences are quoted (most serious first).
_HR_ORDER = ("atrocity", "grave", "moderate", "positive")


@dataclass
class Signal:
    passage: Passage
    sentence: str
    aspect: str
    direction: int = 0                            # +1 / -1 (balance), 0 otherwise
    terms: set[str] = field(default_factory=set)  # matched themes or terms


def _evidence(signal: Signal, max_chars: int) -> Evidence:
    hit = signal.passage.hit
    return Evidence(chunk_id=hit.chunk_id, source=hit.source, page=hit.page,
                    quote=clip(signal.sentence, max_chars), title=hit.title, date=hit.date,
                    general=signal.passage.general, aspect=signal.aspect)


def select_evidence(signals: list[Signal], limit: int, max_chars: int) -> list[Evidence]:
    """Up to ``limit`` quotes, one per chunk first, then further sentences, in signal order."""
    first: list[Signal] = []
    rest: list[Signal] = []
    chunks: set[str] = set()
    for sig in signals:
        (rest if sig.passage.hit.chunk_id in chunks else first).append(sig)
        chunks.add(sig.passage.hit.chunk_id)
    return [_evidence(s, max_chars) for s in (first + rest)[:limit]]


def _round_half_away(x: float) -> int:
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def _clamp(score: int) -> int:
    return max(SCORE_MIN, min(SCORE_MAX, score))


# --- judges ----------------------------------------------------------------------------------------------------


def judge_themes(criterion, passages: list[Passage], d: CompassDefinition, limit: int, region: str
                 ) -> CriterionScore:
    context = matcher(tuple(d.innovation_context))
    theme_matchers = {t.id: matcher(tuple(t.terms)) for t in d.themes}
    labels = {t.id: t.label.split(":")[0] for t in d.themes}
    signals: list[Signal] = []
    for p in passages:
        if p.general or p.hit.kind in d.proposer.rights_report_kinds:
            continue
        for sent in sentences(p.hit.text):
            themes = {tid for tid, m in theme_matchers.items() if m.find(sent)}
            if themes and context.find(sent) and sentence_about(sent, p, region, d):
                signals.append(Signal(p, sent, criterion.aspects[0].id, terms=themes))
    found = set().union(*(s.terms for s in signals)) if signals else set()
    out = CriterionScore(criterion=criterion.id, label=criterion.label)
    if not found:
        out.rationale = ("Geen passages over de regio gevonden die een innovatiethema in samenhang met innovatie of "
                         "samenwerking noemen; score open gelaten.")
        return out
    table = d.proposer.theme_scores
    out.score = _clamp(table[max(k for k in table if k <= len(found))])  # the definition requires key 1
    out.confidence = min(CONFIDENCE_MAX, CONFIDENCE_WEAK * len(signals))
    # Quote sentences that add new themes first.
    ordered, covered = [], set()
    for sig in sorted(signals, key=lambda s: -len(s.terms - covered)):
        if sig.terms - covered:
            ordered.append(sig)
            covered |= sig.terms
    ordered += [s for s in signals if s not in ordered]
    out.evidence = select_evidence(ordered, limit, d.proposer.max_quote_chars)
    names = ", ".join(sorted(labels[t] for t in found))
    out.rationale = (f"{len(found)} innovatiethema('s) genoemd in {len(signals)} zin(nen) over innovatie of "
                     f"samenwerking in de regio: {names}.")
    return out


def _balance_signals(criterion, passages: list[Passage], d: CompassDefinition, region: str) -> list[Signal]:
    negation = tuple(d.human_rights.negation)
    signals: list[Signal] = []
    seen: set[str] = set()
    for p in passages:
        if p.general and not in_eu(region):
            continue
        for sent in sentences(p.hit.text):
            if sent in seen or negated(sent, negation) or (not p.general and not sentence_about(sent, p, region, d)):
                continue
            for aspect in criterion.aspects:
                pos = matcher(tuple(aspect.positive)).find(sent)
                neg = matcher(tuple(aspect.negative)).find(sent)
                if pos and p.hit.kind in d.proposer.rights_report_kinds and criterion.judge != "environment":
                    continue  # rights reports show obstacles, not opportunities
                if bool(pos) != bool(neg):
                    signals.append(Signal(p, sent, aspect.id, 1 if pos else -1, pos or neg))
                    seen.add(sent)
                    break
    return signals


def judge_balance(criterion, passages: list[Passage], d: CompassDefinition, limit: int, region: str
                  ) -> CriterionScore:
    found = _balance_signals(criterion, passages, d, region)
    specific = [s for s in found if not s.passage.general]
    # General (EU/NL policy) signals only support region-specific ones, and never outnumber them.
    signals = specific + [s for s in found if s.passage.general][:len(specific)]
    out = CriterionScore(criterion=criterion.id, label=criterion.label)
    aspects = " en ".join(a.label.lower() for a in criterion.aspects)
    if not specific:
        general_note = f" ({len(found)} algemene EU/NL-beleidspassage(s) alleen als context)" if found else ""
        out.rationale = (f"Geen passages over de regio gevonden die iets zeggen over {aspects}{general_note}; "
                         "score open gelaten.")
        return out
    pos = sum(1 for s in signals if s.direction > 0)
    neg = len(signals) - pos
    n = pos + neg
    balance = (pos - neg) / n
    steps = 2 if n >= d.proposer.strong_signals else 1
    out.score = _clamp(3 + _round_half_away(steps * balance))
    out.confidence = round(min(CONFIDENCE_MAX, n / d.proposer.strong_signals) * (0.5 + 0.5 * abs(balance)), 2)
    # Quote the signals that point the way of the score first.
    ordered = sorted(signals, key=lambda s: s.direction != (1 if balance >= 0 else -1))
    out.evidence = select_evidence(ordered, limit, d.proposer.max_quote_chars)
    terms = ", ".join(sorted(set().union(*(s.terms for s in signals))))
    out.rationale = (f"{pos} positieve en {neg} negatieve signaalzin(nen) over {aspects} (termen: {terms}); "
                     f"{'sterk' if steps == 2 else 'beperkt'} bewijs.")
    return out


def judge_environment(criterion, passages: list[Passage], d: CompassDefinition, limit: int, region: str
                      ) -> tuple[CriterionScore, dict[str, float | None]]:
    out = CriterionScore(criterion=criterion.id, label=criterion.label)
    indicators: dict[str, float | None] = {}
    notes: list[str] = []
    row = latest_pts(region)
    pts_score = None
    if row is not None:
        pts_score = _clamp(d.proposer.pts_score_base - row.worst)
        indicators = indicator_values(region)
        notes.append(f"Political Terror Scale {row.year}: slechtste codering {row.worst} (A/H/S = "
                     f"{row.pts_a}/{row.pts_h}/{row.pts_s}) -> {pts_score}")
    independent = [p for p in passages if not p.general and p.hit.independent]
    hits = human_rights_hits([p.hit.text for p in independent], d.human_rights)
    text_level = human_rights_level(hits, d.serious_abuse.grave_terms_min)
    if text_level is not None:
        named = sorted(hits.atrocity | hits.grave) or sorted(hits.moderate) or sorted(hits.positive)
        notes.append(f"onafhankelijke bronnen over de regio: niveau {text_level} ({', '.join(named[:6])})")
    score = pts_score
    if score is None:
        score = text_level
    elif text_level is not None and text_level <= d.serious_abuse.max_score:
        score = min(score, text_level)
    geo = [s for s in _balance_signals(criterion, [p for p in passages if not p.general], d, region)
           if s.aspect != HUMAN_RIGHTS_ASPECT]
    geo_neg = [s for s in geo if s.direction < 0]
    if geo:
        notes.append(f"geopolitiek: {len(geo_neg)} negatieve, {len(geo) - len(geo_neg)} positieve signaalzin(nen)")
    if score is not None and len(geo_neg) >= d.proposer.geo_negative_min and len(geo_neg) == len(geo):
        score = _clamp(score - 1)
    elif score is None and geo:  # geopolitics only: weak evidence, one step at most
        score = _clamp(3 + _round_half_away((len(geo) - 2 * len(geo_neg)) / len(geo)))
    # Evidence: the indicator row, then human-rights sentences (most serious first), then geopolitics.
    hr_signals: list[Signal] = []
    ignore = tuple(d.human_rights.ignore)
    for level in _HR_ORDER:
        terms = tuple(getattr(d.human_rights, level))
        for p in independent:
            for sent in sentences(p.hit.text):
                if sent in hits.sentences and matcher(terms).find(blank(sent, ignore)) and \
                        not any(s.sentence == sent for s in hr_signals):
                    hr_signals.append(Signal(p, sent, HUMAN_RIGHTS_ASPECT))
    docs = select_evidence(hr_signals + geo_neg + [s for s in geo if s.direction > 0], limit,
                           d.proposer.max_quote_chars)
    out.evidence = ([row.as_evidence()] if row is not None else []) + docs
    out.score = score
    if score is None:
        out.rationale = "Geen indicatordata en geen onafhankelijke bronnen over de regio gevonden; score open gelaten."
        return out, indicators
    if pts_score is not None and text_level is not None:
        out.confidence = CONFIDENCE_AGREE if abs(pts_score - text_level) <= 1 else CONFIDENCE_DISAGREE
    else:
        out.confidence = CONFIDENCE_SINGLE
    out.rationale = "; ".join(notes) + f". Score {score}."
    return out, indicators


def enforce_serious_cap(results: list[CriterionScore], hits: dict, region: str, d: CompassDefinition) -> None:
    """Apply the validator's source rule to the proposal itself: when the independent passages about the region
    cited anywhere in the proposal name serious abuses, omgevingsfactoren may not exceed serious_abuse.max_score."""
    texts = [hits[e.chunk_id].text for c in results for e in c.evidence
             if e.chunk_id in hits and hits[e.chunk_id].independent
             and concerns_region(hits[e.chunk_id].regions, region)]
    found = serious_terms(list(dict.fromkeys(texts)), d.human_rights, d.serious_abuse.grave_terms_min)
    env = next((c for c in results if c.criterion == ENVIRONMENT_CRITERION), None)
    limit = d.serious_abuse.max_score
    if found and env is not None and env.score is not None and env.score > limit:
        env.score = limit
        env.rationale += (f" Begrensd tot {limit}: geciteerde onafhankelijke bronnen noemen ernstige schendingen "
                          f"({', '.join(sorted(found)[:4])}).")


def score_criteria(region, searcher, definition: CompassDefinition, settings
                   ) -> tuple[list[CriterionScore], dict[str, float | None]]:
    """Score every criterion of the definition for ``region`` (a :class:`assistant.regions.Region`)."""
    limit = settings.compass.evidence_per_criterion
    results: list[CriterionScore] = []
    indicators: dict[str, float | None] = {}
    hits: dict = {}
    for criterion in definition.criteria:
        passages = gather(region, criterion, searcher, definition)
        hits.update({p.hit.chunk_id: p.hit for p in passages})
        if criterion.judge == "themes":
            results.append(judge_themes(criterion, passages, definition, limit, region.slug))
        elif criterion.judge == "balance":
            results.append(judge_balance(criterion, passages, definition, limit, region.slug))
        else:
            scored, indicators = judge_environment(criterion, passages, definition, limit, region.slug)
            results.append(scored)
    enforce_serious_cap(results, hits, region.slug, definition)
    return results, indicators
