"""The validator's checks of cited register entries (``relation:<id>``), used by :mod:`assistant.compass.rules`.

A cited entry must exist in the register as it is now, be unchanged since it was cited (content hash), be quoted
as the register renders it, count for the criterion that cites it with the band the compass gives its kind, and be
about the assessed region (or one of its sub-national regions).
"""

from __future__ import annotations

import re

from assistant.compass.indicators.facts import BAND_ARROW
from assistant.compass.relations.facts import about, is_stale, parse_relation_id
from assistant.compass.texts import band_text, finding_message
from assistant.regions import display_name
from assistant.text import quote_in_text


#: Characters of the register's rendering of an entry shown in a finding.
REGISTER_QUOTE_SHOWN = 120


def check_relation(item, criterion: str, ctx, finding) -> None:
    """Fill ``item.relation`` and ``item.problems`` for a relation evidence item (``finding`` builds a Finding)."""
    ev = item.evidence
    rid = parse_relation_id(ev.chunk_id)
    if ctx.relations is None:
        item.problems.append(finding("bron_bestaat", finding_message("relation_unchecked", rid=rid,
                                                                     error=ctx.relations_error), criterion))
        return
    relation = ctx.relations.get(rid)
    if relation is None:
        item.problems.append(finding("bron_bestaat", finding_message("relation_missing", rid=rid), criterion))
        return
    item.relation = relation
    given = ev.relation
    if given is None or given.hash != relation.content_hash:
        item.problems.append(finding("relatie_klopt", finding_message("relation_changed", rid=rid,
                                                                      organisation=relation.organisation),
                                     criterion))
    if not quote_in_text(ev.quote, relation.quote()):
        item.problems.append(finding("citaat_in_bron", finding_message(
            "relation_quote", rid=rid, register_quote=relation.quote()[:REGISTER_QUOTE_SHOWN]), criterion))
    count = ctx.definition.relations.counts(relation.kind, criterion)
    if count is None:
        item.problems.append(finding("relatie_klopt", finding_message(
            "relation_kind_not_counted", kind=relation.kind_label(), criterion=criterion), criterion))
    elif given is not None:
        expected = None if relation.ended(ctx.today) else count.band
        if given.band != expected:
            item.problems.append(finding("relatie_klopt", finding_message(
                "relation_band", rid=rid, expected=expected, kind=relation.kind_label(), band=given.band), criterion))
    if not about(relation, ctx.assessment.region):
        item.problems.append(finding("bewijs_over_regio", finding_message(
            "relation_off_region", rid=rid, relation_region=display_name(relation.region),
            region=display_name(ctx.assessment.region)), criterion))


def relation_age_findings(checks, criterion: str, ctx, finding) -> list:
    """Warnings for cited entries past the register's maximum age, or changed outside the register."""
    out = []
    stale = sorted({f"{c.relation.id} ({c.relation.last_confirmed().isoformat()})" for c in checks
                    if c.relation is not None and is_stale(c.relation, ctx.today, ctx.relation_max_age)})
    if stale:
        out.append(finding("relatie_verouderd", finding_message("relations_stale", years=ctx.relation_max_age,
                                                                items=", ".join(stale)), criterion))
    unlogged = sorted({c.relation.id for c in checks if c.relation is not None and c.relation.id in ctx.unlogged})
    if unlogged:
        out.append(finding("relatie_historie", finding_message("relations_unlogged", items=", ".join(unlogged)),
                           criterion))
    return out


def relation_band_findings(rationale: str, checks, criterion: str, finding) -> list:
    """Each cited entry is named in the rationale as '...; <id>) -> <band>' with its band."""
    out = []
    for chk in checks:
        given = chk.evidence.relation
        if chk.relation is None or given is None:
            continue
        pattern = re.compile(rf"; {re.escape(chk.relation.id)}\) {BAND_ARROW} ([^\s.;,)]+(?: [a-z]+ [a-z]+)?)")
        named = [m.group(1) for m in pattern.finditer(rationale or "")]
        expected = band_text(given.band)
        if not named:
            out.append(finding("onderbouwing_noemt_band", finding_message("relation_band_not_named",
                                                                          rid=chk.relation.id), criterion, "warning"))
        elif any(band != expected for band in named):
            out.append(finding("onderbouwing_noemt_band", finding_message(
                "relation_band_wrong", rid=chk.relation.id, named=", ".join(sorted(set(named))), expected=expected),
                criterion))
    return out
