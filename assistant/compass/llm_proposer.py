"""The LLM proposer: a chat model fills :class:`LLMProposal` from retrieved passages; the code does the rest.

Flow: the same per-criterion retrieval as the evidence proposer (plus the region's indicator values of each
criterion as citable passages) -> one prompt (``score_{lang}.txt``, loaded and checked by
:mod:`assistant.llm.prompts`) -> ``with_structured_output(LLMProposal, method=settings.endpoint.structured_method,
include_raw=True)`` (``score`` is an enum 1..5 or null, which llama.cpp's
grammar honours) -> an :class:`Assessment` (sources and pages filled from the passages shown, recommendation by
the documented rule) -> the validator against the shown passages. When the answer is malformed or the validator
finds errors, the prompt is sent once more with those errors as feedback (``CORRECTIVE_RETRIES``). A second
malformed answer gives an all-null assessment with a caveat (it claims nothing); a parsed answer is returned as it
is, and ``assistant score`` shows what the validator still finds.
"""

from __future__ import annotations

import json

from assistant.compass.assembly import assemble
from assistant.compass.definition import CompassDefinition
from assistant.compass.indicators import BAND_ARROW, IndicatorData
from assistant.compass.retrieval import gather
from assistant.compass.schema import LLM_CONFIDENCE, CriterionScore, Evidence, LLMProposal, llm_proposal_model
from assistant.compass.texts import stored
from assistant.i18n import t
from assistant.llm.prompts import load_sections
from assistant.models import Chunk, SearchHit
from assistant.regions import Region

#: The prompt file (``score_{lang}.txt``, checked by :mod:`assistant.llm.prompts`).
PROMPT_NAME = "score"
#: Retries with the validation errors fed back (the issue asks for exactly one corrective retry).
CORRECTIVE_RETRIES = 1
#: Passages shown per criterion, and characters shown per passage (quotes must come from the shown text).
PASSAGES_PER_CRITERION = 4
PASSAGE_CHARS = 900
#: Validation findings fed back to the model at most (keeps the retry prompt short).
MAX_FEEDBACK_ITEMS = 12
MAX_ERROR_CHARS = 600


def format_example(definition: CompassDefinition) -> str:
    """The JSON shape shown to the model, with the definition's criterion ids filled in."""
    criteria = [{"criterion": c.id, "score": "1|2|3|4|5 or null", "confidence": "low|medium|high",
                 "rationale": "...", "evidence": [{"chunk_id": "<id exactly as shown>", "quote": "<verbatim>"}]}
                for c in definition.criteria]
    return json.dumps({"criteria": criteria, "caveats": ["..."]}, ensure_ascii=False)


class LLMProposalError(RuntimeError):
    """The chat model could not be reached or configured."""


def _chunk_from_hit(hit: SearchHit) -> Chunk:
    return Chunk(**hit.model_dump(include=set(Chunk.model_fields) & set(SearchHit.model_fields)))


class ShownPassages:
    """The passages put in the prompt; also the ChunkLookup the first validation runs against."""

    def __init__(self) -> None:
        self.hits: dict[str, SearchHit] = {}
        self.general: dict[str, bool] = {}
        self.national: dict[str, str | None] = {}  # a sub-national region: passages of its country

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        hit = self.hits.get(chunk_id)
        return None if hit is None else _chunk_from_hit(hit)


def register_entries(region: Region, definition: CompassDefinition, settings, relations) -> dict[str, list]:
    """Criterion id -> the register entries (RelationFact) about the region that count for it."""
    from datetime import date

    from assistant.compass.relations import relation_facts

    if relations is None:
        return {}
    return {c.id: relation_facts(relations.relations, definition, c.id, region.slug, date.today(),
                                 settings.compass.relation_max_age_years, relations.source)
            for c in definition.criteria}


def render_passages(region: Region, searcher, definition: CompassDefinition, lang: str, data: IndicatorData,
                    entries: dict[str, list] | None = None) -> tuple[str, ShownPassages]:
    shown = ShownPassages()
    yes, no = ("ja", "nee") if lang == "nl" else ("yes", "no")
    blocks: list[str] = []
    for criterion in definition.criteria:
        lines = [f"## {criterion.id}"]
        for fact in data.facts(region.slug, criterion.id):
            lines.append(f"[id: {fact.evidence_id}] (indicatordata, {fact.dataset.producer}; onafhankelijk: {yes})"
                         f"\n{fact.quote()} {BAND_ARROW} band {fact.band_text(lang)}")
        for entry in (entries or {}).get(criterion.id, []):
            lines.append(f"[id: {entry.evidence_id}] (relatieregister van de provincie; onafhankelijk: {no})"
                         f"\n{entry.relation.quote()} {BAND_ARROW} band {entry.band_text(lang)}")
        for passage in gather(region, criterion, searcher, definition)[:PASSAGES_PER_CRITERION]:
            hit = passage.hit
            text = hit.text[:PASSAGE_CHARS]
            shown.hits.setdefault(hit.chunk_id, hit.model_copy(update={"text": text}))
            shown.general[hit.chunk_id] = passage.general
            shown.national[hit.chunk_id] = passage.about(region.slug) if passage.national else None
            page = f", p. {hit.page}" if hit.page else ""
            lines.append(f"[id: {hit.chunk_id}] ({hit.source}{page}; {hit.date or '?'}; "
                         f"{'algemeen beleid' if passage.general else ', '.join(hit.regions)}; "
                         f"onafhankelijk: {yes if hit.independent else no})\n{text}")
        blocks.append("\n\n".join(lines))
    return "\n\n".join(blocks), shown


def render_criteria(definition: CompassDefinition) -> str:
    out = []
    for c in definition.criteria:
        rubric = "; ".join(f"{k} = {v}" for k, v in sorted(c.rubric.items()))
        aspects = ", ".join(a.label for a in c.aspects)
        out.append(f"- {c.id} ({c.label}: {aspects}). Rubric: {rubric}")
    themes = ", ".join(t.label for t in definition.themes)
    return "\n".join(out) + f"\nInnovatiethema's: {themes}"


def to_criteria(proposal: LLMProposal, shown: ShownPassages, definition: CompassDefinition, data: IndicatorData,
                entries: dict[str, list] | None = None) -> list[CriterionScore]:
    """Map the model's answer onto every criterion of the definition (missing ones -> null). Cited indicator
    values get their value, year and band from the data, and the rationale names them as the validator expects."""
    given = {c.criterion: c for c in proposal.criteria}
    out = []
    for crit in definition.criteria:
        answer = given.get(crit.id)
        if answer is None:
            out.append(CriterionScore(criterion=crit.id, label=crit.label, rationale=stored("llm_no_judgement")))
            continue
        evidence, facts = [], []
        # Register entries: this criterion's first, else another's (the validator says when a kind does not count).
        known = {e.evidence_id: e for c in reversed(definition.criteria) for e in (entries or {}).get(c.id, [])}
        known.update({e.evidence_id: e for e in (entries or {}).get(crit.id, [])})
        for item in answer.evidence:
            hit = shown.hits.get(item.chunk_id)
            fact = data.fact_by_id(item.chunk_id) or known.get(item.chunk_id)
            if fact is not None:
                facts.append(fact)
                evidence.append(fact.as_evidence().model_copy(update={"quote": item.quote}))
            elif hit is not None:
                evidence.append(Evidence(chunk_id=hit.chunk_id, source=hit.source, page=hit.page, quote=item.quote,
                                         title=hit.title, date=hit.date, general=shown.general[hit.chunk_id],
                                         national=shown.national.get(hit.chunk_id)))
            else:  # an id the model made up: kept, so the validator reports it
                evidence.append(Evidence(chunk_id=item.chunk_id, source="", page=None, quote=item.quote))
        rationale = "\n".join([answer.rationale, *(f.rationale_line() for f in facts)])
        out.append(CriterionScore(criterion=crit.id, label=crit.label, score=answer.score,
                                  confidence=LLM_CONFIDENCE[answer.confidence], rationale=rationale,
                                  evidence=evidence))
    return out


def _parse_reply(model, schema: type[LLMProposal]):
    """A runnable: plain chat reply -> ``{"raw", "parsed", "parsing_error"}`` (JSON, code fences allowed)."""
    from langchain_core.output_parsers import PydanticOutputParser
    from langchain_core.runnables import RunnableLambda

    parser = PydanticOutputParser(pydantic_object=schema)

    def run(messages):
        raw = model.invoke(messages)
        try:
            return {"raw": raw, "parsed": parser.invoke(raw), "parsing_error": None}
        except Exception as exc:  # OutputParserException, ValidationError
            return {"raw": raw, "parsed": None, "parsing_error": exc}

    return RunnableLambda(run)


def structured_runnable(model, method: str, schema_in_json_mode: bool = False,
                        schema: type[LLMProposal] = LLMProposal):
    """``model.with_structured_output(LLMProposal, include_raw=True)``.

    With ``schema_in_json_mode`` and method json_mode the schema travels inside ``response_format = {"type":
    "json_object", "schema": ...}`` (llama-cpp-python's server compiles it into a grammar, so even a small model
    answers in the schema). Chat models without structured output (e.g. the in-process llama.cpp model) get their
    plain reply parsed as JSON instead.
    """
    if method == "json_mode" and schema_in_json_mode:
        fmt = {"type": "json_object", "schema": schema.model_json_schema()}
        return _parse_reply(model.bind(response_format=fmt), schema)
    try:
        return model.with_structured_output(schema, method=method, include_raw=True)
    except (NotImplementedError, ValueError):
        return _parse_reply(model, schema)


def _short_error(error) -> str:
    """The parse error without pydantic's help links and the echoed completion, cut to MAX_ERROR_CHARS."""
    text = str(error)
    if "Got:" in text:
        text = text.split("Got:", 1)[1]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "errors.pydantic.dev" not in ln
             and "docs.langchain.com" not in ln]
    return " ".join(lines)[:MAX_ERROR_CHARS]


def _feedback(errors: list[str], lang: str) -> str:
    if not errors:
        return ""
    head = t("compass.llm_feedback_head", lang)
    return "\n" + head + "\n" + "\n".join(f"- {e}" for e in errors[:MAX_FEEDBACK_ITEMS]) + "\n"


class LLMProposer:
    """Proposer backed by a LangChain chat model (see module docstring)."""

    name = "llm"

    def __init__(self, chat_model=None, lang: str | None = None) -> None:
        self.chat_model = chat_model
        self.lang = lang
        self.attempts: list[dict] = []  # per call: {"raw", "parsing_error", "errors"} (for tests and debugging)

    def _model(self, settings):
        if self.chat_model is not None:
            return self.chat_model
        from assistant.llm import BackendConfigError, build_chat_model

        try:
            return build_chat_model(settings)
        except BackendConfigError as exc:
            raise LLMProposalError(t("compass.llm_cannot_build", self.lang or settings.default_lang,
                                     error=exc)) from exc

    def propose(self, region: Region, searcher, definition: CompassDefinition, settings, data: IndicatorData,
                relations=None):
        from langchain_core.messages import HumanMessage, SystemMessage

        from assistant.compass.validator import validate

        lang = self.lang or settings.default_lang
        model = self._model(settings)
        sections = load_sections(PROMPT_NAME, lang, settings.prompts_dir)
        entries = register_entries(region, definition, settings, relations)
        passages, shown = render_passages(region, searcher, definition, lang, data, entries)
        indicators = {f.dataset.id: f.as_evidence().indicator.value for f in data.facts(region.slug)}
        values = {"format": format_example(definition), "region": region.name_nl
                  if lang == "nl" else region.name_en, "criteria": render_criteria(definition),
                  "passages": passages, "feedback": ""}
        structured = structured_runnable(model, settings.endpoint.structured_method,
                                         settings.compass.llm_schema_in_json_mode,
                                         llm_proposal_model(tuple(definition.criterion_ids)))
        backend = f"llm:{getattr(model, 'model_name', None) or getattr(model, 'model', None) or 'chat'}"
        assessment = None
        for _attempt in range(1 + CORRECTIVE_RETRIES):
            messages = [SystemMessage(sections["system"].format(**values)),
                        HumanMessage(sections["user"].format(**values))]
            try:
                result = structured.invoke(messages)
            except Exception as exc:  # endpoint faults: connection, timeout, HTTP errors
                raise LLMProposalError(t("compass.llm_endpoint_error", lang, backend=backend, error=exc)) from exc
            parsed, error = result.get("parsed"), result.get("parsing_error")
            record = {"raw": result.get("raw"), "parsing_error": error, "errors": []}
            self.attempts.append(record)
            if parsed is None:
                record["errors"] = [t("compass.llm_invalid_json", lang, error=_short_error(error))]
            else:
                assessment = assemble(region, to_criteria(parsed, shown, definition, data, entries), definition,
                                      backend, data, indicators,
                                      list(parsed.caveats) + (relations.caveats() if relations else []))
                report = validate(assessment, shown, settings, definition=definition, data=data,
                                  relations=relations.relations if relations is not None else None)
                record["errors"] = [f"[{f.rule}{'/' + f.criterion if f.criterion else ''}] {f.message}"
                                    for f in report.errors]
            if not record["errors"]:
                break
            values["feedback"] = _feedback(record["errors"], lang)
        if assessment is None:
            criteria = [CriterionScore(criterion=c.id, label=c.label, rationale=stored("llm_no_valid_answer"))
                        for c in definition.criteria]
            assessment = assemble(region, criteria, definition, backend, data, indicators,
                                  [stored("llm_no_proposal", n=len(self.attempts))])
        return assessment

