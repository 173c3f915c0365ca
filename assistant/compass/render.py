"""Output of ``assistant score`` / ``assistant validate``: the JSON payload and a plain-text (Dutch) rendering."""

from __future__ import annotations

from typing import Any

from assistant.compass.schema import Assessment, ValidationReport

#: Characters of a quote shown in the text rendering.
QUOTE_CHARS = 160


def score_payload(assessment: Assessment, report: ValidationReport) -> dict[str, Any]:
    """``{"assessment": ..., "validation": {"passed", "findings"}}`` (the ``score --format json`` contract)."""
    return {"assessment": assessment.model_dump(mode="json"), "validation": report.model_dump(mode="json")}


def format_report(report: ValidationReport) -> str:
    if not report.findings:
        return "Validatie: geslaagd, geen bevindingen."
    head = "Validatie: geslaagd (alleen waarschuwingen)." if report.passed else "Validatie: NIET geslaagd."
    lines = [head]
    for f in report.findings:
        where = f" [{f.criterion}]" if f.criterion else ""
        lines.append(f"  - {f.severity.upper()} {f.rule}{where}: {f.message}")
    return "\n".join(lines)


def format_assessment(assessment: Assessment, report: ValidationReport | None = None) -> str:
    """A readable Dutch summary: scores with rationale and quotes, recommendation, caveats, validation."""
    a = assessment
    lines = [f"Afwegingskompas {a.compass_version} - {a.region_name or a.region} (backend: {a.backend})", ""]
    for c in a.criteria:
        score = "-" if c.score is None else f"{c.score}/5"
        override = f" (aangepast door {c.override.officer})" if c.override else ""
        lines.append(f"{c.label or c.criterion}: {score} (zekerheid {c.confidence:.1f}){override}")
        if c.rationale:
            lines.append(f"  {c.rationale}")
        for e in c.evidence:
            page = f", p. {e.page}" if e.page else ""
            quote = e.quote if len(e.quote) <= QUOTE_CHARS else e.quote[:QUOTE_CHARS].rstrip() + "..."
            lines.append(f"  - \"{quote}\" ({e.source}{page})")
    lines += ["", f"Aanbeveling: {a.recommendation}"]
    if a.mitigation_note:
        lines.append(f"Mitigatie: {a.mitigation_note}")
    lines += [f"  * {c}" for c in a.caveats]
    if report is not None:
        lines += ["", format_report(report)]
    return "\n".join(lines)
