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
        lines += [f"  {line}" for line in (c.rationale or "").splitlines() if line.strip()]
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


def format_data_status(status: dict[str, Any]) -> str:
    """``assistant data`` as text: one block per dataset (found: file, vintage, coverage; missing: what to get)."""
    folder = status["data_dir"] + ("" if status["exists"] else "  (bestaat niet)")
    lines = [f"Indicatordata in {folder}", ""]
    for d in status["datasets"]:
        mark = "OK " if d["found"] else "ONTBREEKT"
        lines.append(f"{mark} {d['id']}: {d['label']} ({d['criterion']} / {d['aspect']})")
        lines.append(f"    producent: {d['producer']}; licentie: {d['licence']}")
        if d["found"]:
            years = "-".join(str(y) for y in d["years"]) if d["years"] else "?"
            missing = ", ".join(d["missing_countries"]) or "geen"
            lines.append(f"    bestand: {d['file']} ({d['vintage_nl']}; jaren {years})")
            unit = "regio's" if d.get("level") == "regional" else "landen"
            lines.append(f"    dekking: {d['covered']} van {d['countries']} {unit}; zonder waarde: {missing}")
            lines += [f"    genegeerd (oudere versie): {f}" for f in d["ignored"]]
        else:
            if d["error"]:
                lines.append(f"    fout: {d['error']}")
            lines.append(f"    downloaden: {d['download']}")
        if d["restricted"]:
            lines.append("    let op: geen open licentie; alleen met een eigen exemplaar en na controle van de "
                         "voorwaarden.")
    return "\n".join(lines)
