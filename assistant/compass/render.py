"""Output of ``assistant score`` / ``assistant validate``: the JSON payload and a plain-text rendering (Dutch by
default, the texts ``compass.render_*`` and ``compass.data_*``)."""

from __future__ import annotations

from typing import Any

from assistant.compass.schema import Assessment, ValidationReport
from assistant.i18n import t

#: Characters of a quote shown in the text rendering.
QUOTE_CHARS = 160
#: Indentation of the detail lines of a dataset in ``assistant data``.
DETAIL = "    "


def score_payload(assessment: Assessment, report: ValidationReport) -> dict[str, Any]:
    """``{"assessment": ..., "validation": {"passed", "findings"}}`` (the ``score --format json`` contract)."""
    return {"assessment": assessment.model_dump(mode="json"), "validation": report.model_dump(mode="json")}


def format_report(report: ValidationReport, lang: str = "nl") -> str:
    if not report.findings:
        return t("compass.render_no_findings", lang)
    head = t("compass.render_warnings_only" if report.passed else "compass.render_failed", lang)
    lines = [head]
    for f in report.findings:
        where = f" [{f.criterion}]" if f.criterion else ""
        lines.append(f"  - {f.severity.upper()} {f.rule}{where}: {f.message}")
    return "\n".join(lines)


def format_assessment(assessment: Assessment, report: ValidationReport | None = None, lang: str = "nl") -> str:
    """A readable summary (Dutch by default): scores with rationale and quotes, recommendation, caveats,
    validation."""
    a = assessment
    lines = [t("compass.render_title", lang, version=a.compass_version, region=a.region_name or a.region,
               backend=a.backend), ""]
    for c in a.criteria:
        score = "-" if c.score is None else f"{c.score}/5"
        override = t("compass.render_overridden", lang, officer=c.override.officer) if c.override else ""
        lines.append(t("compass.render_criterion", lang, label=c.label or c.criterion, score=score,
                       confidence=c.confidence, override=override))
        lines += [f"  {line}" for line in (c.rationale or "").splitlines() if line.strip()]
        for e in c.evidence:
            page = f", p. {e.page}" if e.page else ""
            quote = e.quote if len(e.quote) <= QUOTE_CHARS else e.quote[:QUOTE_CHARS].rstrip() + "..."
            lines.append(f"  - \"{quote}\" ({e.source}{page})")
    lines += ["", t("compass.render_recommendation", lang, recommendation=a.recommendation)]
    if a.mitigation_note:
        lines.append(t("compass.render_mitigation", lang, note=a.mitigation_note))
    lines += [f"  * {c}" for c in a.caveats]
    if report is not None:
        lines += ["", format_report(report, lang)]
    return "\n".join(lines)


def format_data_status(status: dict[str, Any], lang: str = "nl") -> str:
    """``assistant data`` as text: one block per dataset (found: file, vintage, coverage; missing: what to get)."""
    folder = status["data_dir"] + ("" if status["exists"] else t("compass.data_folder_missing", lang))
    lines = [t("compass.data_title", lang, folder=folder), ""]
    for d in status["datasets"]:
        mark = t("compass.data_found" if d["found"] else "compass.data_missing", lang)
        lines.append(f"{mark} {d['id']}: {d['label']} ({d['criterion']} / {d['aspect']})")
        lines.append(DETAIL + t("compass.data_producer", lang, producer=d["producer"], licence=d["licence"]))
        if d["found"]:
            years = "-".join(str(y) for y in d["years"]) if d["years"] else "?"
            missing = ", ".join(d["missing_countries"]) or t("compass.data_none", lang)
            vintage = d["vintage_nl"] if lang == "nl" else d["vintage"]
            lines.append(DETAIL + t("compass.data_file", lang, file=d["file"], vintage=vintage, years=years))
            unit = t("compass.data_unit_regions" if d.get("level") == "regional" else "compass.data_unit_countries",
                     lang)
            lines.append(DETAIL + t("compass.data_coverage", lang, covered=d["covered"], total=d["countries"],
                                    unit=unit, missing=missing))
            lines += [DETAIL + t("compass.data_ignored", lang, file=f) for f in d["ignored"]]
        else:
            if d["error"]:
                lines.append(DETAIL + t("compass.data_error", lang, error=d["error"]))
            lines.append(DETAIL + t("compass.data_download", lang, download=d["download"]))
        if d["restricted"]:
            lines.append(DETAIL + t("compass.data_restricted", lang))
    return "\n".join(lines)
