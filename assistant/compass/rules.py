"""The named validator rules: id, severity, Dutch description, and the check itself.

Every check takes a :class:`Context` (the assessment, definition, looked-up chunks and per-evidence verdicts) and
returns findings. :data:`RULES` lists them in the order they run; the ids are a stable interface (tests, CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.compass.definition import ENVIRONMENT_CRITERION, CompassDefinition
from assistant.compass.indicators import PTS_SOURCE, PTSRow, indicator_row, latest_pts
from assistant.compass.lexicon import quote_in_text, serious_terms
from assistant.compass.recommendation import derive
from assistant.compass.retrieval import concerns_region, is_general
from assistant.compass.schema import Assessment, CriterionScore, Evidence, Finding
from assistant.models import Chunk
from assistant.regions import display_name, expand


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # default severity; a few checks downgrade to "warning" for officer overrides
    description: str  # Dutch


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("schema", "error", "Het voorstel volgt het schema: bekende criteria, score 1-5 of leeg, confidence 0-1."),
    Rule("compass_versie", "warning", "Het voorstel is gemaakt met de huidige versie van het kompas."),
    Rule("score_vereist_bewijs", "error", "Een score heeft minstens een bewijsstuk."),
    Rule("bron_bestaat", "error", "Elke geciteerde passage (of indicatorrij) bestaat in de index (of de data)."),
    Rule("citaat_in_bron", "error", "Elk citaat staat letterlijk (op hoofdletters en witruimte na) in de passage."),
    Rule("bron_klopt", "error", "Bronbestand en pagina van een bewijsstuk horen bij de geciteerde passage."),
    Rule("bewijs_over_regio", "error", "Bewijs gaat over de regio, of is expliciet algemeen (EU/NL-beleid)."),
    Rule("geen_bruikbaar_bewijs_dan_leeg", "error", "Een criterium zonder bruikbaar bewijs blijft leeg (null)."),
    Rule("omgevingsfactoren_onafhankelijke_bron", "error",
         "Omgevingsfactoren citeert minstens een onafhankelijke bron (NGO, denktank, buitenlandse overheid, "
         "onafhankelijke indicatordata)."),
    Rule("mensenrechten_ernstig", "error",
         "Bij ernstige mensenrechtenschendingen (PTS >= 4 of bronnen) is omgevingsfactoren hoogstens 2 en is "
         "'focus' alleen mogelijk met een mitigatienotitie."),
    Rule("buiten_focusregio", "warning", "De regio valt binnen de focusregio's 2023-2027."),
    Rule("bewijs_verouderd", "warning", "Bewijs is niet ouder dan het ingestelde maximum aantal jaren."),
    Rule("aanbeveling_volgt_regel", "error", "De aanbeveling volgt uit de scores volgens de vastgelegde regel."),
)}


def finding(rule_id: str, message: str, criterion: str | None = None, severity: str | None = None) -> Finding:
    return Finding(rule=rule_id, severity=severity or RULES[rule_id].severity, criterion=criterion,
                   message=message)


@dataclass
class ItemCheck:
    """What the validator learned about one evidence item."""

    evidence: Evidence
    chunk: Chunk | None = None
    row: PTSRow | None = None
    problems: list[Finding] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def independent(self) -> bool:
        return self.row is not None or bool(self.chunk and self.chunk.independent)


@dataclass
class Context:
    assessment: Assessment
    definition: CompassDefinition
    lookup: object
    max_age_years: int
    today: date
    items: dict[str, list[ItemCheck]] = field(default_factory=dict)  # criterion id -> checks


# --- evidence items --------------------------------------------------------------------------------------------


def check_item(ev: Evidence, criterion: str, ctx: Context) -> ItemCheck:
    """Existence, quote, source and region checks of one evidence item."""
    region = ctx.assessment.region
    item = ItemCheck(ev)
    where = f"'{ev.chunk_id}'"
    if ev.is_indicator:
        item.row = indicator_row(ev.chunk_id)
        if item.row is None:
            item.problems.append(finding("bron_bestaat", f"Indicatorrij {where} bestaat niet in de meegeleverde "
                                         "data.", criterion))
            return item
        if not quote_in_text(ev.quote, item.row.render()):
            item.problems.append(finding("citaat_in_bron", f"Citaat bij {where} komt niet overeen met de "
                                         f"indicatorrij ('{item.row.render()}').", criterion))
        if ev.source != PTS_SOURCE:
            item.problems.append(finding("bron_klopt", f"Bron van {where} moet '{PTS_SOURCE}' zijn, niet "
                                         f"'{ev.source}'.", criterion))
        if not concerns_region([item.row.slug], region):
            item.problems.append(finding("bewijs_over_regio", f"Indicatorrij {where} gaat over "
                                         f"{display_name(item.row.slug)}, niet over {display_name(region)}.",
                                         criterion))
        return item
    item.chunk = ctx.lookup.get_chunk(ev.chunk_id)
    if item.chunk is None:
        item.problems.append(finding("bron_bestaat", f"Passage {where} bestaat niet in de index; herindexeer of "
                                     "verwijder het bewijsstuk.", criterion))
        return item
    chunk = item.chunk
    if not quote_in_text(ev.quote, chunk.text):
        item.problems.append(finding("citaat_in_bron", f"Citaat '{ev.quote[:80]}' staat niet in passage {where} "
                                     f"({chunk.source}).", criterion))
    if ev.source != chunk.source or (ev.page is not None and chunk.page is not None and ev.page != chunk.page):
        item.problems.append(finding("bron_klopt", f"Bewijsstuk {where} noemt {ev.source} p. {ev.page}, maar de "
                                     f"passage komt uit {chunk.source} p. {chunk.page}.", criterion))
    if not (concerns_region(chunk.regions, region) or is_general(chunk.kind, chunk.regions, ctx.definition)):
        tags = ", ".join(chunk.regions) or "geen regio"
        item.problems.append(finding("bewijs_over_regio", f"Passage {where} ({chunk.source}; {tags}) gaat niet over "
                                     f"{display_name(region)} en is geen algemeen EU/NL-beleidsstuk.", criterion))
    return item


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
        suffix = " De score berust op het oordeel van de medewerker (override)." if severity else ""
        if not c.evidence:
            out.append(finding("score_vereist_bewijs", f"Score {c.score} voor '{c.criterion}' heeft geen "
                               f"bewijs; voeg een bron toe of laat de score leeg.{suffix}", c.criterion, severity))
        elif not any(chk.usable for chk in ctx.items.get(c.criterion, [])):
            out.append(finding("geen_bruikbaar_bewijs_dan_leeg", f"Geen enkel bewijsstuk voor '{c.criterion}' is "
                               f"bruikbaar; de score moet leeg (null) zijn.{suffix}", c.criterion, severity))
    return out


def check_independent_source(ctx: Context) -> list[Finding]:
    c = ctx.assessment.criterion(ENVIRONMENT_CRITERION)
    if c is None or c.score is None:
        return []
    if any(chk.usable and chk.independent for chk in ctx.items.get(c.criterion, [])):
        return []
    return [finding("omgevingsfactoren_onafhankelijke_bron", "Omgevingsfactoren citeert geen (bruikbare) "
                    "onafhankelijke bron; voeg een NGO-, denktank- of buitenlandse-overheidsrapport of de "
                    "indicatordata toe.", c.criterion)]


def serious_abuse_signals(ctx: Context) -> list[str]:
    """Why the region counts as having serious human-rights abuses (empty list = it does not)."""
    reasons: list[str] = []
    spec = ctx.definition.serious_abuse
    row = latest_pts(ctx.assessment.region)
    if row is not None and row.worst is not None and row.worst >= spec.pts_min:
        reasons.append(f"Political Terror Scale {row.year}: slechtste codering {row.worst} (>= {spec.pts_min})")
    texts = {chk.chunk.chunk_id: chk.chunk.text for checks in ctx.items.values() for chk in checks
             if chk.usable and chk.chunk is not None and chk.chunk.independent
             and concerns_region(chk.chunk.regions, ctx.assessment.region)}
    found = serious_terms(list(texts.values()), ctx.definition.human_rights, spec.grave_terms_min)
    if found:
        reasons.append(f"geciteerde onafhankelijke bronnen noemen: {', '.join(sorted(found)[:6])}")
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
        out.append(finding("mensenrechten_ernstig", f"Ernstige mensenrechtenschendingen ({why}): omgevingsfactoren "
                           f"mag hoogstens {limit} zijn, niet {c.score}.", ENVIRONMENT_CRITERION))
    if c is not None and c.score is None:
        out.append(finding("mensenrechten_ernstig", f"Ernstige mensenrechtenschendingen ({why}), maar "
                           "omgevingsfactoren is niet gescoord.", ENVIRONMENT_CRITERION, "warning"))
    if a.recommendation == "focus" and not (a.mitigation_note or "").strip():
        out.append(finding("mensenrechten_ernstig", f"Ernstige mensenrechtenschendingen ({why}): 'focus' kan alleen "
                           "met een mitigatienotitie.", None))
    return out


def check_focus_region(ctx: Context) -> list[Finding]:
    focus = set(ctx.definition.focus.regions)
    if expand(ctx.assessment.region) & focus:
        return []
    names = ", ".join(display_name(r) for r in ctx.definition.focus.regions)
    return [finding("buiten_focusregio", f"{display_name(ctx.assessment.region)} valt buiten de focusregio's "
                    f"{ctx.definition.focus.period} ({names}).")]


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
        old = []
        for chk in checks:
            when = str(chk.row.year) if chk.row else (chk.chunk.date if chk.chunk else None)
            end = end_of_period(when)
            if end is not None and end < cutoff:
                old.append(f"{chk.evidence.source} ({when})")
        if old:
            out.append(finding("bewijs_verouderd", f"Bewijs ouder dan {ctx.max_age_years} jaar: "
                               f"{', '.join(sorted(set(old)))}.", criterion))
    return out


def check_recommendation(ctx: Context) -> list[Finding]:
    a = ctx.assessment
    derivation = derive(a.scores(), a.mitigation_note, ctx.definition.recommendation)
    if derivation.recommendation == a.recommendation:
        return []
    mean = "geen scores" if derivation.mean is None else f"gemiddelde {derivation.mean:.2f}"
    caps = f"; {'; '.join(derivation.reasons)}" if derivation.reasons else ""
    return [finding("aanbeveling_volgt_regel", f"Aanbeveling '{a.recommendation}' volgt niet uit de scores "
                    f"({mean}, {derivation.scored} criteria gescoord{caps}): de regel geeft "
                    f"'{derivation.recommendation}'.")]


#: Checks that run after the evidence items have been checked, in order.
CHECKS = (check_scores_have_evidence, check_independent_source, check_serious_abuse, check_focus_region,
          check_evidence_age, check_recommendation)
