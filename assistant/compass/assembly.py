"""What every compass proposer ends with: :func:`assemble` turns criterion scores into an :class:`Assessment`
(recommendation by the documented rule, the caveats every proposer adds), and :class:`RegisterView` holds the
entries of the relations register a proposal may cite.

The evidence proposer (:mod:`assistant.compass.proposer`) and the LLM proposer (:mod:`assistant.compass.llm_proposer`)
both import this module; neither imports the other's module for it.
"""

from __future__ import annotations

from assistant.compass.definition import CompassDefinition
from assistant.compass.evidence import serious_indicator
from assistant.compass.indicators import IndicatorData
from assistant.compass.recommendation import derive
from assistant.compass.schema import Assessment, CriterionScore
from assistant.compass.texts import stored
from assistant.regions import Region, display_name, expand


def in_focus(region: str, definition: CompassDefinition) -> bool:
    """True when the region (or a macro-region it belongs to) is a focus region 2023-2027."""
    return bool(expand(region) & set(definition.focus.regions))


def assemble(region: Region, criteria: list[CriterionScore], definition: CompassDefinition, backend: str,
             data: IndicatorData, indicators: dict[str, float | str | None] | None = None,
             extra_caveats: list[str] | None = None) -> Assessment:
    """Build the Assessment: recommendation by rule, plus the caveats every proposer adds."""
    derivation = derive({c.criterion: c.score for c in criteria}, None, definition.recommendation)
    caveats: list[str] = []
    for c in criteria:
        if c.score is None:
            caveats.append(stored("caveat_insufficient", criterion=c.label or c.criterion))
    caveats += [stored("caveat_capped", reason=reason) for reason in derivation.reasons]
    if not in_focus(region.slug, definition):
        regions = ", ".join(display_name(r) for r in definition.focus.regions)
        caveats.append(stored("caveat_outside_focus", region=region.name_nl, period=definition.focus.period,
                              regions=regions))
    national = sorted({e.indicator.national for c in criteria for e in c.evidence
                       if e.indicator is not None and e.indicator.national})
    if national:
        country = display_name(national[0])
        caveats.append(stored("caveat_national_figures", region=region.name_nl, country=country))
    serious = serious_indicator(region.slug, data, definition)
    if serious is not None:
        caveats.append(stored("caveat_serious_abuse", label=serious.dataset.label.nl, year=serious.year,
                              value=serious.value_text()))
    caveats += extra_caveats or []
    caveats.append(stored("caveat_proposal"))
    return Assessment(region=region.slug, region_name=region.name_nl, compass_version=definition.version,
                      backend=backend, criteria=criteria, recommendation=derivation.recommendation,
                      caveats=caveats, indicators=indicators or {})


class RegisterView:
    """The entries of the relations register a proposal may cite, where they come from, and why there are none."""

    def __init__(self, relations: list | None = None, source: str = "relations.yaml", error: str | None = None
                 ) -> None:
        self.relations = relations or []
        self.source = source
        self.error = error

    @classmethod
    def load(cls, settings) -> "RegisterView":
        """The register of the settings; an unreadable register gives no entries and says why (a caveat)."""
        from assistant.compass.relations import RelationError, open_register

        register = open_register(settings)
        try:
            return cls(register.load(), register.path.name)
        except RelationError as exc:
            return cls([], register.path.name, str(exc))

    def caveats(self) -> list[str]:
        return [stored("caveat_register_unread", error=self.error)] if self.error else []
