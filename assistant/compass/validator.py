"""The rule-based validator: decides whether a compass proposal may be shown as sound.

``validate(assessment, lookup, settings)`` runs the named rules of :mod:`assistant.compass.rules` and returns
``{"passed": bool, "findings": [{"rule", "severity", "criterion", "message"}]}`` (:class:`ValidationReport`);
``passed`` is False when any finding has severity "error". The CLI's ``assistant validate FILE.json`` should call
:func:`validate_file` and exit with status 1 when ``passed`` is False.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.compass.definition import CompassDefinition, load_definition
from assistant.compass.indicators import IndicatorData, indicator_data
from assistant.compass.rules import CHECKS, RULES, Context, check_evidence, finding
from assistant.compass.schema import Assessment, Finding, ValidationReport
from assistant.compass.texts import finding_message


def _schema_findings(exc: ValidationError) -> list[Finding]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        out.append(finding("schema", finding_message("invalid_field", loc=loc, msg=err["msg"],
                                                     input=err.get("input")), None))
    return out


def _structure_findings(a: Assessment, definition: CompassDefinition) -> list[Finding]:
    ids = [c.criterion for c in a.criteria]
    known = definition.criterion_ids
    out = [finding("schema", finding_message("unknown_criterion", cid=cid, known=", ".join(known)), cid)
           for cid in ids if cid not in known]
    out += [finding("schema", finding_message("missing_criterion", cid=cid), cid)
            for cid in known if cid not in ids]
    out += [finding("schema", finding_message("duplicate_criterion", cid=cid), cid)
            for cid in sorted({c for c in ids if ids.count(c) > 1})]
    return out


def coerce(assessment: Assessment | dict[str, Any]) -> tuple[Assessment | None, list[Finding]]:
    """Parse (or re-check) an assessment; schema findings instead of an exception."""
    data = assessment.model_dump() if isinstance(assessment, Assessment) else assessment
    if not isinstance(data, dict):
        return None, [finding("schema", finding_message("not_an_object"))]
    try:
        return Assessment.model_validate(data), []
    except ValidationError as exc:
        return None, _schema_findings(exc)


def validate(assessment: Assessment | dict[str, Any], lookup, settings, *,
             definition: CompassDefinition | None = None, today: date | None = None,
             data: IndicatorData | None = None, relations: list | None = None) -> ValidationReport:
    """Check a proposal against every rule. ``lookup`` has ``get_chunk(chunk_id) -> Chunk | None`` (the index);
    indicator values are re-read from ``data`` (default: the data folder of the settings), register entries from
    ``relations`` (default: the relations register of the settings, whose history also shows entries changed by
    hand).

    ``today`` defaults to the current date (evidence-age rules); tests may pass a fixed one.
    """
    definition = definition or load_definition(settings)
    data = data or indicator_data(definition, settings)
    parsed, findings = coerce(assessment)
    if parsed is None:
        return ValidationReport.of(findings)
    findings = _structure_findings(parsed, definition)
    if parsed.compass_version != definition.version:
        findings.append(finding("compass_versie", finding_message("compass_version", given=parsed.compass_version,
                                                                  current=definition.version)))
    ctx = Context(parsed, definition, lookup, data, settings.compass.max_evidence_age_years, today or date.today(),
                  relation_max_age=settings.compass.relation_max_age_years)
    _register(ctx, settings, relations)
    findings += check_evidence(ctx)
    for check in CHECKS:
        findings += check(ctx)
    return ValidationReport.of(findings)


def _register(ctx, settings, relations: list | None) -> None:
    """The register entries the validator compares cited entries with (read only when something cites one)."""
    cited = any(e.is_relation for c in ctx.assessment.criteria for e in c.evidence)
    if relations is not None:
        ctx.relations = {r.id: r for r in relations}
        return
    if not cited:
        return
    from assistant.compass.relations import RelationError, open_register

    register = open_register(settings)
    try:
        ctx.relations = {r.id: r for r in register.load()}
        ctx.unlogged = set(register.unlogged())
    except RelationError as exc:
        ctx.relations, ctx.relations_error = None, str(exc)


def load_assessment_file(path: str | Path) -> dict[str, Any]:
    """Read an assessment JSON file: a bare assessment or the ``{"assessment", "validation"}`` output of
    ``assistant score --format json``. Raises ValueError with a Dutch message when it cannot be read."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(finding_message("file_not_found", path=path)) from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(finding_message("unreadable_file", path=path, error=exc)) from exc
    if isinstance(data, dict) and isinstance(data.get("assessment"), dict):
        return data["assessment"]
    return data


def validate_file(path: str | Path, lookup, settings, **kwargs) -> ValidationReport:
    """``assistant validate FILE.json``: an unreadable file is a schema error, not an exception."""
    try:
        data = load_assessment_file(path)
    except ValueError as exc:
        return ValidationReport.of([finding("schema", str(exc))])
    return validate(data, lookup, settings, **kwargs)


def rule_table() -> list[dict[str, str]]:
    """The rules as ``[{"rule", "severity", "description"}]`` (for docs and ``--help``)."""
    return [{"rule": r.id, "severity": r.severity, "description": r.description} for r in RULES.values()]
