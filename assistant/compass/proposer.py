"""One entry point for compass proposals: :func:`propose` with the offline evidence proposer or the LLM proposer.

Both proposers implement :class:`Proposer`; both build their assessment with :mod:`assistant.compass.assembly`
(the overall recommendation by the documented rule, the same Dutch caveats), so the validator judges them alike.
The LLM proposer (:mod:`assistant.compass.llm_proposer`) is imported only when ``backend="llm"`` is asked for.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assistant.compass.assembly import RegisterView, assemble, in_focus
from assistant.compass.definition import CompassDefinition, load_definition
from assistant.compass.evidence import score_criteria
from assistant.compass.indicators import IndicatorData, indicator_data
from assistant.compass.schema import Assessment
from assistant.regions import Region, region_of

BACKENDS = ("evidence", "llm")
#: RegisterView, assemble and in_focus are re-exported from :mod:`assistant.compass.assembly`.
__all__ = ["BACKENDS", "EvidenceProposer", "Proposer", "RegisterView", "assemble", "in_focus", "propose"]


@runtime_checkable
class Proposer(Protocol):
    """Proposes a compass assessment for a region from what a Searcher finds."""

    name: str

    def propose(self, region: Region, searcher, definition: CompassDefinition, settings,
                data: IndicatorData, relations: "RegisterView | None" = None) -> Assessment: ...


class EvidenceProposer:
    """The offline, deterministic proposer (see :mod:`assistant.compass.evidence`)."""

    name = "evidence"

    def propose(self, region: Region, searcher, definition: CompassDefinition, settings,
                data: IndicatorData, relations: RegisterView | None = None) -> Assessment:
        relations = relations or RegisterView()
        criteria, indicators = score_criteria(region, searcher, definition, settings, data,
                                              relations=relations.relations, register_source=relations.source)
        return assemble(region, criteria, definition, self.name, data, indicators, relations.caveats())


def propose(region: str, searcher, settings, *, backend: str = "evidence", chat_model=None,
            definition: CompassDefinition | None = None, data: IndicatorData | None = None,
            relations: RegisterView | None = None) -> Assessment:
    """Propose a compass assessment for ``region`` (a name or slug: "Duitsland", "china", "Zuid-Korea").

    ``backend="evidence"`` (default) is offline and deterministic; ``backend="llm"`` asks ``chat_model`` (a
    LangChain chat model; built from ``settings`` by :func:`assistant.llm.build_chat_model` when None) for a structured
    proposal, with one corrective retry. ``data`` is the indicator data (default: the data folder of the
    settings); ``relations`` the entries of the relations register (default: the register of the settings).
    Raises ValueError for an unknown region or backend.
    """
    if backend not in BACKENDS:
        raise ValueError(f"Unknown compass backend {backend!r}; use one of {', '.join(BACKENDS)}.")
    reg = region_of(region)
    definition = definition or load_definition(settings)
    data = data or indicator_data(definition, settings)
    relations = relations if relations is not None else RegisterView.load(settings)
    if backend == "llm":
        from assistant.compass.llm_proposer import LLMProposer

        return LLMProposer(chat_model).propose(reg, searcher, definition, settings, data, relations)
    return EvidenceProposer().propose(reg, searcher, definition, settings, data, relations)
