"""The offline evidence-based proposer: deterministic scores from retrieved passages and indicator data.

For every criterion it gathers passages (:mod:`assistant.compass.retrieval`), cuts them into verbatim sentences
and judges them with the lexicons of ``compass.yaml`` (the *document part*), takes the region's indicator values
(:mod:`assistant.compass.indicators`), and combines both by the rules of :mod:`assistant.compass.combine`. It never
guesses: a criterion without signal sentences and without indicator values gets ``score = None``. Quotes are
always verbatim sentences of the cited chunk, or the rendered indicator value.

Document judges (``criterion.judge`` in the YAML):

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
- ``environment`` (omgevingsfactoren): the human-rights lexicon over independent passages about the region gives a
  level (atrocity 1 .. positive statement 5); at least ``geo_negative_min`` negative geopolitical sentences (and
  no positive one) lower it by one step. Serious abuses (the ``serious_abuse`` indicator, or grave terms in cited
  independent passages) cap the final criterion score at ``serious_abuse.max_score``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from assistant.compass.combine import combine
from assistant.compass.definition import ENVIRONMENT_CRITERION, CompassDefinition
from assistant.compass.indicators import Fact
from assistant.compass.lexicon import (blank, clip, human_rights_hits, human_rights_level, matcher, negated,
                                       sentences, serious_terms)
from assistant.compass.retrieval import Passage, concerns_region, gather, in_eu, sentence_about
from assistant.compass.schema import SCORE_MAX, SCORE_MIN, CriterionScore, Evidence
from assistant.compass.texts import stored
from assistant.regions import country_of, display_name

#: Confidence of a score backed by one weak signal, and the most a lexicon judgement may claim.
CONFIDENCE_WEAK = 0.3
CONFIDENCE_MAX = 0.9
#: Confidence of the documents' human-rights judgement (one kind of source).
CONFIDENCE_SINGLE = 0.6
#: The aspect of omgevingsfactoren that human-rights sentences speak to.
HUMAN_RIGHTS_ASPECT = "mensenrechten"
#: Human-rights terms named in the environment rationale, and in the note of a serious-abuse cap, at most.
ENV_TERMS_SHOWN = 6
CAP_TERMS_SHOWN = 4
#: Order in which human-rights sentences are quoted (most serious first).
_HR_ORDER = ("atrocity", "grave", "moderate", "positive")


@dataclass
class Signal:
    passage: Passage
    sentence: str
    aspect: str
    direction: int = 0                            # +1 / -1 (balance), 0 otherwise
    terms: set[str] = field(default_factory=set)  # matched themes or terms
    region: str = ""                              # the assessed region


def _evidence(signal: Signal, max_chars: int) -> Evidence:
    hit = signal.passage.hit
    national = signal.passage.about(signal.region) if signal.passage.national else None
    return Evidence(chunk_id=hit.chunk_id, source=hit.source, page=hit.page,
                    quote=clip(signal.sentence, max_chars), title=hit.title, date=hit.date,
                    general=signal.passage.general, aspect=signal.aspect, national=national)


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
            if themes and context.find(sent) and sentence_about(sent, p, p.about(region), d):
                signals.append(Signal(p, sent, criterion.aspects[0].id, terms=themes, region=region))
    found = set().union(*(s.terms for s in signals)) if signals else set()
    out = CriterionScore(criterion=criterion.id, label=criterion.label)
    if not found:
        out.rationale = stored("judge_themes_none")
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
    out.rationale = stored("judge_themes", themes=len(found), sentences=len(signals), names=names)
    return out


def _balance_signals(criterion, passages: list[Passage], d: CompassDefinition, region: str) -> list[Signal]:
    negation = tuple(d.human_rights.negation)
    signals: list[Signal] = []
    seen: set[str] = set()
    for p in passages:
        if p.general and not in_eu(region):
            continue
        for sent in sentences(p.hit.text):
            if sent in seen or negated(sent, negation) or (
                    not p.general and not sentence_about(sent, p, p.about(region), d)):
                continue
            for aspect in criterion.aspects:
                pos = matcher(tuple(aspect.positive)).find(sent)
                neg = matcher(tuple(aspect.negative)).find(sent)
                if pos and p.hit.kind in d.proposer.rights_report_kinds and criterion.judge != "environment":
                    continue  # rights reports show obstacles, not opportunities
                if bool(pos) != bool(neg):
                    signals.append(Signal(p, sent, aspect.id, 1 if pos else -1, pos or neg, region))
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
    aspects = stored("judge_and").join(a.label.lower() for a in criterion.aspects if a.queries is not None)
    if not specific:
        general_note = stored("judge_general_context", n=len(found)) if found else ""
        out.rationale = stored("judge_balance_none", aspects=aspects, general_note=general_note)
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
    out.rationale = stored("judge_balance", pos=pos, neg=neg, aspects=aspects, terms=terms,
                           strength=stored("judge_strong" if steps == 2 else "judge_limited"))
    return out


def judge_environment(criterion, passages: list[Passage], d: CompassDefinition, limit: int, region: str
                      ) -> CriterionScore:
    """The documents' part of omgevingsfactoren: the human-rights level of independent passages about the region,
    one step lower when at least ``geo_negative_min`` geopolitical sentences are negative (and none positive)."""
    out = CriterionScore(criterion=criterion.id, label=criterion.label)
    notes: list[str] = []
    independent = [p for p in passages if not p.general and p.hit.independent]
    hits = human_rights_hits([p.hit.text for p in independent], d.human_rights)
    score = human_rights_level(hits, d.serious_abuse.grave_terms_min)
    if score is not None:
        named = sorted(hits.atrocity | hits.grave) or sorted(hits.moderate) or sorted(hits.positive)
        kind = stored("env_grave" if hits.atrocity or hits.grave else
                      "env_moderate" if hits.moderate else "env_no_abuses")
        national = stored("env_national", country=display_name(country_of(region)))
        where = {(True, False): stored("env_region"), (False, True): national,
                 (True, True): stored("env_region_and_national", national=national)}[
            (any(not p.national for p in independent), any(p.national for p in independent))]
        notes.append(stored("env_sources", where=where, kind=kind, terms=", ".join(named[:ENV_TERMS_SHOWN])))
    geo = [s for s in _balance_signals(criterion, [p for p in passages if not p.general], d, region)
           if s.aspect != HUMAN_RIGHTS_ASPECT]
    geo_neg = [s for s in geo if s.direction < 0]
    if geo:
        notes.append(stored("env_geopolitics", neg=len(geo_neg), pos=len(geo) - len(geo_neg)))
    if score is not None and len(geo_neg) >= d.proposer.geo_negative_min and len(geo_neg) == len(geo):
        score = _clamp(score - 1)
    elif score is None and geo:  # geopolitics only: weak evidence, one step at most
        score = _clamp(3 + _round_half_away((len(geo) - 2 * len(geo_neg)) / len(geo)))
    # Evidence: human-rights sentences (most serious first), then geopolitics.
    hr_signals: list[Signal] = []
    ignore = tuple(d.human_rights.ignore)
    for level in _HR_ORDER:
        terms = tuple(getattr(d.human_rights, level))
        for p in independent:
            for sent in sentences(p.hit.text):
                if sent in hits.sentences and matcher(terms).find(blank(sent, ignore)) and \
                        not any(s.sentence == sent for s in hr_signals):
                    hr_signals.append(Signal(p, sent, HUMAN_RIGHTS_ASPECT, region=region))
    out.evidence = select_evidence(hr_signals + geo_neg + [s for s in geo if s.direction > 0], limit,
                                   d.proposer.max_quote_chars)
    out.score = score
    if score is None:
        out.rationale = stored("env_nothing")
        return out
    out.confidence = CONFIDENCE_SINGLE
    out.rationale = "; ".join(notes) + "."
    return out


def serious_indicator(region: str, data, d: CompassDefinition) -> Fact | None:
    """The indicator value that marks serious abuses in the region (serious_abuse.indicator >= value_min), or None."""
    spec = d.serious_abuse
    fact = data.fact_or_national(spec.indicator, region)  # a sub-national region: its country's value
    if fact is not None and not isinstance(fact.value, str) and fact.value >= spec.value_min:
        return fact
    return None


def enforce_serious_cap(results: list[CriterionScore], hits: dict, region: str, d: CompassDefinition, data
                        ) -> None:
    """Apply the validator's rule to the proposal itself: with serious abuses (the indicator, or independent
    passages about the region cited anywhere in the proposal), omgevingsfactoren may not exceed max_score."""
    texts = [hits[e.chunk_id].text for c in results for e in c.evidence
             if e.chunk_id in hits and hits[e.chunk_id].independent
             and (concerns_region(hits[e.chunk_id].regions, region) or e.national)]
    found = sorted(serious_terms(list(dict.fromkeys(texts)), d.human_rights, d.serious_abuse.grave_terms_min))
    fact = serious_indicator(region, data, d)
    reasons = ([f"{fact.dataset.short} {fact.year}: {fact.value_text()}"] if fact else []) + \
        ([stored("cap_sources", terms=", ".join(found[:CAP_TERMS_SHOWN]))] if found else [])
    env = next((c for c in results if c.criterion == ENVIRONMENT_CRITERION), None)
    limit = d.serious_abuse.max_score
    if reasons and env is not None and env.score is not None and env.score > limit:
        env.score = limit
        env.rationale += "\n" + stored("cap_note", limit=limit, reasons="; ".join(reasons))


def score_criteria(region, searcher, definition: CompassDefinition, settings, data, today: date | None = None,
                   relations=None, register_source: str = "relations.yaml"
                   ) -> tuple[list[CriterionScore], dict[str, float | str | None]]:
    """Score every criterion of the definition for ``region`` (a :class:`assistant.regions.Region`) from the
    documents ``searcher`` finds, the indicator ``data`` (:class:`IndicatorData`) and the entries of the relations
    register (``relations``: :class:`assistant.compass.relations.Relation`, cited from ``register_source``)."""
    from assistant.compass.relations import relation_facts

    today = today or date.today()
    max_age = settings.compass.relation_max_age_years
    limit = settings.compass.evidence_per_criterion
    results: list[CriterionScore] = []
    indicators: dict[str, float | str | None] = {}
    hits: dict = {}
    judges = {"themes": judge_themes, "balance": judge_balance, "environment": judge_environment}
    for criterion in definition.criteria:
        passages = gather(region, criterion, searcher, definition)
        hits.update({p.hit.chunk_id: p.hit for p in passages})
        doc = judges[criterion.judge](criterion, passages, definition, limit, region.slug)
        facts = data.facts(region.slug, criterion.id)
        indicators.update({f.dataset.id: f.as_evidence().indicator.value for f in facts})
        entries = relation_facts(relations or [], definition, criterion.id, region.slug, today, max_age,
                                 register_source)
        results.append(combine(criterion, doc, facts, data.gaps(region.slug, criterion.id), definition, today,
                               entries))
    enforce_serious_cap(results, hits, region.slug, definition, data)
    return results, indicators
