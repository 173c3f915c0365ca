"""Register entries as compass evidence: a :class:`RelationFact` is one entry as it speaks to one criterion.

The compass definition (``compass.yaml``, ``relations``) says per kind of entry which criteria it counts for, for
which aspect and with which band. The fact is cited as ``relation:<id>``: ``source`` is the register file, ``quote``
the rendered entry (:meth:`Relation.quote`) and ``Evidence.relation`` its id, kind, band and content hash, which the
validator compares with the register as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.compass.indicators.facts import BAND_ARROW
from assistant.compass.relations.register import Relation
from assistant.compass.schema import RELATION_PREFIX, Evidence, RelationValue
from assistant.compass.texts import band_text, period_text
from assistant.i18n import norm_lang, t
from assistant.regions import expand



def relation_evidence_id(relation_id: str) -> str:
    return f"{RELATION_PREFIX}{relation_id}"


def parse_relation_id(chunk_id: str) -> str | None:
    return chunk_id.removeprefix(RELATION_PREFIX) if chunk_id.startswith(RELATION_PREFIX) else None


def is_stale(relation: Relation, today: date, max_age_years: int) -> bool:
    """True when the entry was neither dated nor edited in the last ``max_age_years`` years."""
    try:
        cutoff = today.replace(year=today.year - max_age_years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - max_age_years, day=28)
    return relation.last_confirmed() < cutoff


@dataclass(frozen=True)
class RelationFact:
    relation: Relation
    criterion: str
    aspect: str
    rule_band: int
    ended: bool
    stale: bool
    source: str  # the register file's name

    @property
    def band(self) -> int | None:
        """The kind's band; None for an ended relation (shown, not counted)."""
        return None if self.ended else self.rule_band

    @property
    def evidence_id(self) -> str:
        return relation_evidence_id(self.relation.id)

    def band_text(self, lang: str = "nl") -> str:
        return band_text(self.band, lang)

    def rationale_line(self, lang: str = "nl") -> str:
        """'<kind>: <organisation> (<when>; <id>) -> <band>': the form the validator checks in rationales."""
        r = self.relation
        lang = norm_lang(lang)
        # The period reads in Dutch in both languages, as it always has (the validator checks "; <id>) -> band").
        when = period_text(r.date, r.end_date)
        if self.ended:
            when += f", {t('compass.ended', lang)}"
        return f"{r.kind_label(lang)}: {r.organisation} ({when}; {r.id}) {BAND_ARROW} {self.band_text(lang)}"

    def as_evidence(self) -> Evidence:
        r = self.relation
        return Evidence(
            chunk_id=self.evidence_id, source=self.source, page=None, quote=r.quote(), title=r.kind_label(),
            date=r.date, aspect=self.aspect,
            relation=RelationValue(id=r.id, kind=r.kind, label=r.kind_label(), region=r.region,
                                   organisation=r.organisation, date=r.date, end_date=r.end_date, officer=r.officer,
                                   hash=r.content_hash, band=self.band))


def about(relation: Relation, region: str) -> bool:
    """An entry speaks about ``region`` when it is about it or one of its sub-national regions."""
    return region in expand(relation.region)


def relation_facts(relations: list[Relation], definition, criterion: str, region: str, today: date,
                   max_age_years: int, source: str) -> list[RelationFact]:
    """The entries about ``region`` that count for ``criterion`` by the definition, in register order."""
    out = []
    for relation in relations:
        count = definition.relations.counts(relation.kind, criterion)
        if count is None or not about(relation, region):
            continue
        out.append(RelationFact(relation, criterion, count.aspect, count.band, relation.ended(today),
                                is_stale(relation, today, max_age_years), source))
    return out
