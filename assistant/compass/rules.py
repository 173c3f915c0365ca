"""The named validator rules: id, severity, description (``compass.rule_<id>``), and the check itself.

Every check takes a :class:`Context` (the assessment, definition, looked-up chunks and per-evidence verdicts) and
returns findings. :data:`RULES` lists them in the order they run; the ids are a stable interface (tests, CLI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assistant.compass.combine import is_stale
from assistant.compass.definition import ENVIRONMENT_CRITERION, CompassDefinition
from assistant.compass.evidence import serious_indicator
from assistant.compass.indicators import BAND_ARROW, Fact, IndicatorData
from assistant.compass.lexicon import serious_terms
from assistant.compass.relations import Relation
from assistant.compass.relations.checks import check_relation, relation_age_findings, relation_band_findings
from assistant.compass.recommendation import derive
from assistant.compass.retrieval import concerns_region, is_general
from assistant.compass.schema import Assessment, CriterionScore, Evidence, Finding
from assistant.compass.texts import finding_message
from assistant.i18n import t
from assistant.models import Chunk
from assistant.regions import country_of, display_name, expand
from assistant.text import quote_in_text


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # default severity; a few checks downgrade to "warning" for officer overrides

    @property
    def description(self) -> str:
        """The rule in Dutch (the rule table of the CLI and the stored findings are Dutch)."""
        return self.describe("nl")

    def describe(self, lang: str) -> str:
        return t(f"compass.rule_{self.id}", lang)


#: Characters of a quote shown in a finding.
QUOTE_SHOWN = 80
#: Serious-abuse terms named in a finding at most.
ABUSE_TERMS_SHOWN = 6

#: The rules in the order they run; their descriptions are the texts ``compass.rule_<id>``.
RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("schema", "error"),
    Rule("compass_versie", "warning"),
    Rule("score_vereist_bewijs", "error"),
    Rule("bron_bestaat", "error"),
    Rule("citaat_in_bron", "error"),
    Rule("bron_klopt", "error"),
    Rule("bewijs_over_regio", "error"),
    Rule("indicator_klopt", "error"),
    Rule("onderbouwing_noemt_band", "error"),
    Rule("geen_bruikbaar_bewijs_dan_leeg", "error"),
    Rule("omgevingsfactoren_onafhankelijke_bron", "error"),
    Rule("mensenrechten_ernstig", "error"),
    Rule("indicator_verouderd", "warning"),
    Rule("relatie_klopt", "error"),
    Rule("relatie_verouderd", "warning"),
    Rule("relatie_historie", "warning"),
    Rule("buiten_focusregio", "warning"),
    Rule("bewijs_verouderd", "warning"),
    Rule("aanbeveling_volgt_regel", "error"),
)}


def finding(rule_id: str, message: str, criterion: str | None = None, severity: str | None = None) -> Finding:
    return Finding(rule=rule_id, severity=severity or RULES[rule_id].severity, criterion=criterion,
                   message=message)


message = finding_message


@dataclass
class ItemCheck:
    """What the validator learned about one evidence item."""

    evidence: Evidence
    chunk: Chunk | None = None
    fact: Fact | None = None
    relation: Relation | None = None
    problems: list[Finding] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def independent(self) -> bool:
        return self.fact is not None or bool(self.chunk and self.chunk.independent)


@dataclass
class Context:
    assessment: Assessment
    definition: CompassDefinition
    lookup: object
    data: IndicatorData
    max_age_years: int
    today: date
    items: dict[str, list[ItemCheck]] = field(default_factory=dict)  # criterion id -> checks
    relations: dict[str, Relation] | None = field(default_factory=dict)  # register entries by id; None = unreadable
    relations_error: str | None = None
    unlogged: set[str] = field(default_factory=set)  # entries changed outside the register
    relation_max_age: int = 3


# --- evidence items --------------------------------------------------------------------------------------------


def check_item(ev: Evidence, criterion: str, ctx: Context) -> ItemCheck:
    """Existence, quote, source and region checks of one evidence item."""
    region = ctx.assessment.region
    item = ItemCheck(ev)
    where = f"'{ev.chunk_id}'"
    if ev.is_indicator:
        check_indicator(item, criterion, ctx)
        return item
    if ev.is_relation:
        check_relation(item, criterion, ctx, finding)
        return item
    item.chunk = ctx.lookup.get_chunk(ev.chunk_id)
    if item.chunk is None:
        item.problems.append(finding("bron_bestaat", message("passage_missing", where=where), criterion))
        return item
    chunk = item.chunk
    if not quote_in_text(ev.quote, chunk.text):
        item.problems.append(finding("citaat_in_bron", message("quote_not_in_passage", quote=ev.quote[:QUOTE_SHOWN],
                                                                     where=where, source=chunk.source), criterion))
    if ev.source != chunk.source or (ev.page is not None and chunk.page is not None and ev.page != chunk.page):
        item.problems.append(finding("bron_klopt", message("source_mismatch", where=where, source=ev.source,
                                                           page=ev.page, chunk_source=chunk.source,
                                                           chunk_page=chunk.page), criterion))
    # A sub-national region may cite its country's documents as the national picture, for the criteria the
    # definition names (compass.yaml, subregions.national_documents).
    national = (ev.national is not None and country_of(region) != region and ev.national == country_of(region)
                and concerns_region(chunk.regions, ev.national)
                and criterion in ctx.definition.subregions.national_documents)
    if not (concerns_region(chunk.regions, region) or is_general(chunk.kind, chunk.regions, ctx.definition)
            or national):
        tags = ", ".join(chunk.regions) or message("no_region_tags")
        item.problems.append(finding("bewijs_over_regio", message("passage_off_region", where=where,
                                                                  source=chunk.source, tags=tags,
                                                                  region=display_name(region)), criterion))
    return item


def _same_value(given: float | str, fact: Fact) -> bool:
    if isinstance(fact.value, str) or isinstance(given, str):
        return given == fact.value
    return round(float(given), fact.dataset.decimals) == round(fact.value, fact.dataset.decimals)


def check_indicator(item: ItemCheck, criterion: str, ctx: Context) -> None:
    """Re-read the value an indicator evidence item points at and compare value, year, band, quote and source."""
    ev, where = item.evidence, f"'{item.evidence.chunk_id}'"
    item.fact = fact = ctx.data.fact_by_id(ev.chunk_id)
    if fact is None:
        item.problems.append(finding("bron_bestaat", message("indicator_missing", where=where), criterion))
        return
    if not quote_in_text(ev.quote, fact.quote()):
        item.problems.append(finding("citaat_in_bron", message("indicator_quote", where=where, data_quote=fact.quote()),
                                     criterion))
    given = ev.indicator
    if given is None:
        item.problems.append(finding("indicator_klopt", message("indicator_no_value", where=where), criterion))
    else:
        wrong = [message(f"field_{name}") for name, ok in (("value", _same_value(given.value, fact)),
                                                            ("year", given.year == fact.year),
                                                            ("band", given.band == fact.band)) if not ok]
        if wrong:
            item.problems.append(finding("indicator_klopt", message(
                "indicator_differs", label=fact.dataset.label.nl, region=display_name(fact.region),
                fields=", ".join(wrong), value=given.value, year=given.year, band=given.band,
                data_value=fact.value_text(), data_year=fact.year, data_band=fact.band_text()), criterion))
    if ev.source != fact.source:
        item.problems.append(finding("bron_klopt", message("indicator_file", where=where, source=ev.source,
                                                               data_source=fact.source), criterion, "warning"))
    # A sub-national region may rest on its country's national figures (labelled as such).
    region = ctx.assessment.region
    if not (concerns_region([fact.region], region) or fact.region == country_of(region)):
        item.problems.append(finding("bewijs_over_regio", message("indicator_off_region", where=where,
                                                                  fact_region=display_name(fact.region),
                                                                  region=display_name(region)), criterion))


def check_evidence(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for c in ctx.assessment.criteria:
        checks = [check_item(ev, c.criterion, ctx) for ev in c.evidence]
        ctx.items[c.criterion] = checks
        for chk in checks:
            out.extend(chk.problems)
    return out


# --- criterion-level rules -------------------------------------------------------------------------------------


def _overridden(c: CriterionScore) -> bool:
    return c.override is not None


def check_scores_have_evidence(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for c in ctx.assessment.criteria:
        if c.score is None:
            continue
        severity = "warning" if _overridden(c) else None
        note = message("override_note") if severity else ""
        if not c.evidence:
            out.append(finding("score_vereist_bewijs", message("score_without_evidence", score=c.score,
                                                               criterion=c.criterion, note=note),
                               c.criterion, severity))
        elif not any(chk.usable for chk in ctx.items.get(c.criterion, [])):
            out.append(finding("geen_bruikbaar_bewijs_dan_leeg", message("no_usable_evidence", criterion=c.criterion,
                                                                         note=note), c.criterion, severity))
    return out


def check_independent_source(ctx: Context) -> list[Finding]:
    c = ctx.assessment.criterion(ENVIRONMENT_CRITERION)
    if c is None or c.score is None:
        return []
    if any(chk.usable and chk.independent for chk in ctx.items.get(c.criterion, [])):
        return []
    return [finding("omgevingsfactoren_onafhankelijke_bron", message("no_independent_source"), c.criterion)]


def serious_abuse_signals(ctx: Context) -> list[str]:
    """Why the region counts as having serious human-rights abuses (empty list = it does not)."""
    reasons: list[str] = []
    spec = ctx.definition.serious_abuse
    fact = serious_indicator(ctx.assessment.region, ctx.data, ctx.definition)
    if fact is not None:
        reasons.append(message("abuse_indicator", label=fact.dataset.label.nl, year=fact.year,
                               value=fact.value_text(), value_min=spec.value_min))
    texts = {chk.chunk.chunk_id: chk.chunk.text for checks in ctx.items.values() for chk in checks
             if chk.usable and chk.chunk is not None and chk.chunk.independent
             and (concerns_region(chk.chunk.regions, ctx.assessment.region) or chk.evidence.national)}
    found = serious_terms(list(texts.values()), ctx.definition.human_rights, spec.grave_terms_min)
    if found:
        reasons.append(message("abuse_sources", terms=", ".join(sorted(found)[:ABUSE_TERMS_SHOWN])))
    return reasons


def check_serious_abuse(ctx: Context) -> list[Finding]:
    reasons = serious_abuse_signals(ctx)
    if not reasons:
        return []
    why = "; ".join(reasons)
    a, limit = ctx.assessment, ctx.definition.serious_abuse.max_score
    c = a.criterion(ENVIRONMENT_CRITERION)
    out: list[Finding] = []
    if c is not None and c.score is not None and c.score > limit:
        out.append(finding("mensenrechten_ernstig", message("abuse_score_too_high", why=why, limit=limit,
                                                            score=c.score), ENVIRONMENT_CRITERION))
    if c is not None and c.score is None:
        out.append(finding("mensenrechten_ernstig", message("abuse_not_scored", why=why), ENVIRONMENT_CRITERION,
                           "warning"))
    if a.recommendation == "focus" and not (a.mitigation_note or "").strip():
        out.append(finding("mensenrechten_ernstig", message("abuse_focus", why=why), None))
    return out


def check_focus_region(ctx: Context) -> list[Finding]:
    focus = set(ctx.definition.focus.regions)
    if expand(ctx.assessment.region) & focus:
        return []
    names = ", ".join(display_name(r) for r in ctx.definition.focus.regions)
    return [finding("buiten_focusregio", message("outside_focus", region=display_name(ctx.assessment.region),
                                                 period=ctx.definition.focus.period, names=names))]


def end_of_period(value: str | None) -> date | None:
    """The last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) can mean, or None when unparseable."""
    if not value:
        return None
    parts = value.strip()[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None


def check_evidence_age(ctx: Context) -> list[Finding]:
    today = ctx.today
    try:
        cutoff = today.replace(year=today.year - ctx.max_age_years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - ctx.max_age_years, day=28)
    out: list[Finding] = []
    for criterion, checks in ctx.items.items():
        old, stale = [], []
        out += relation_age_findings(checks, criterion, ctx, finding)
        for chk in checks:
            if chk.relation is not None:
                continue
            if chk.fact is not None:
                if is_stale(chk.fact, today):
                    stale.append(message("stale_value", label=chk.fact.dataset.label.nl, year=chk.fact.year,
                                         max_age=chk.fact.dataset.max_age_years))
                continue
            when = chk.chunk.date if chk.chunk else None
            end = end_of_period(when)
            if end is not None and end < cutoff:
                old.append(f"{chk.evidence.source} ({when})")
        if old:
            out.append(finding("bewijs_verouderd", message("old_evidence", years=ctx.max_age_years,
                                                           items=", ".join(sorted(set(old)))), criterion))
        if stale:
            out.append(finding("indicator_verouderd", message("stale_indicators", items=", ".join(stale)),
                               criterion))
    return out


def check_rationale_bands(ctx: Context) -> list[Finding]:
    """Each indicator value used is named in the rationale as '<short> <year>: <value> -> <band>' with its band."""
    out: list[Finding] = []
    for c in ctx.assessment.criteria:
        out += relation_band_findings(c.rationale, ctx.items.get(c.criterion, []), c.criterion, finding)
        for chk in ctx.items.get(c.criterion, []):
            fact = chk.fact
            if fact is None:
                continue
            pattern = re.compile(rf"{re.escape(fact.dataset.short)} {fact.year}: [^\n{BAND_ARROW}]*{BAND_ARROW} "
                                 rf"([^\s.;,)]+(?: [a-z]+ [a-z]+)?)")
            named = [m.group(1) for m in pattern.finditer(c.rationale or "")]
            if not named:
                out.append(finding("onderbouwing_noemt_band", message("band_not_named", short=fact.dataset.short,
                                                                      year=fact.year), c.criterion, "warning"))
            elif any(band != fact.band_text() for band in named):
                out.append(finding("onderbouwing_noemt_band", message(
                    "band_wrong", short=fact.dataset.short, year=fact.year, named=", ".join(sorted(set(named))),
                    value=fact.value_text(), band=fact.band_text()), c.criterion))
    return out


def check_recommendation(ctx: Context) -> list[Finding]:
    a = ctx.assessment
    derivation = derive(a.scores(), a.mitigation_note, ctx.definition.recommendation)
    if derivation.recommendation == a.recommendation:
        return []
    mean = message("no_scores") if derivation.mean is None else message("mean", mean=derivation.mean)
    caps = f"; {'; '.join(derivation.reasons)}" if derivation.reasons else ""
    return [finding("aanbeveling_volgt_regel", message("recommendation", given=a.recommendation, mean=mean,
                                                       scored=derivation.scored, caps=caps,
                                                       derived=derivation.recommendation))]


#: Checks that run after the evidence items have been checked, in order.
CHECKS = (check_scores_have_evidence, check_independent_source, check_serious_abuse, check_focus_region,
          check_evidence_age, check_rationale_bands, check_recommendation)
