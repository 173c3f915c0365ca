"""Compass mode of the evaluation: score a list of regions and count what the validator says.

Reports the validator pass rate (proposals without an 'error' finding / regions asked) and how often each rule
fired, by severity. A region whose proposal raises (unknown region, backend fault) counts as not passed and is
listed with its error.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.evaluation.report import fmt

COMPASS_JSON, COMPASS_REPORT = "compass.json", "compass.md"
MS_PER_S = 1000.0


def score_regions(assistant, regions: Sequence[str], *, backend: str = "evidence", progress: bool = True
                  ) -> dict[str, Any]:
    """Score every region with ``assistant.score`` and summarise the validation reports."""
    from tqdm import tqdm

    if not regions:
        raise ValueError("Name at least one region for the compass evaluation, e.g. --compass china duitsland.")
    rows: list[dict[str, Any]] = []
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for region in tqdm(regions, desc="compass", unit="region", file=sys.stderr, disable=not progress, leave=False):
        started = time.perf_counter()
        try:
            assessment, report = assistant.score(region, backend=backend)
        except Exception as exc:  # noqa: BLE001 - one bad region must not end the run; it is reported
            rows.append({"region": region, "passed": False, "error": str(exc), "findings": []})
            continue
        findings = [f.model_dump() for f in report.findings]
        by_rule.update(f["rule"] for f in findings)
        by_severity.update(f["severity"] for f in findings)
        rows.append({
            "region": assessment.region, "passed": report.passed, "error": None,
            "scores": assessment.scores(), "recommendation": assessment.recommendation,
            "findings": findings, "seconds": round(time.perf_counter() - started, 2),
        })
    passed = sum(1 for r in rows if r["passed"])
    rule_severity: Counter[str] = Counter(f"{f['rule']} ({f['severity']})" for r in rows for f in r["findings"])
    return {
        "regions": len(rows),
        "passed": passed,
        "pass_rate": passed / len(rows),
        "errors": sum(1 for r in rows if r["error"]),
        "findings_by_rule": dict(sorted(by_rule.items())),
        "findings_by_severity": dict(sorted(by_severity.items())),
        "findings_by_rule_and_severity": dict(sorted(rule_severity.items())),
        "backend": backend,
        "per_region": rows,
    }


def compass_report(summary: dict[str, Any]) -> str:
    lines = ["# Compass evaluation", "",
             f"Validator pass rate: {summary['passed']}/{summary['regions']} = {fmt(summary['pass_rate'])} "
             f"(proposer `{summary['backend']}`; {summary['errors']} region(s) could not be scored).", "",
             "| region | passed | recommendation | scores | errors | warnings |", "|---|---|---|---|---|---|"]
    for row in summary["per_region"]:
        if row["error"]:
            lines.append(f"| {row['region']} | no | – | {row['error']} | – | – |")
            continue
        scores = ", ".join(f"{k} {fmt(v)}" for k, v in row["scores"].items())
        severities = Counter(f["severity"] for f in row["findings"])
        lines.append(f"| {row['region']} | {fmt(row['passed'])} | {row['recommendation']} | {scores} | "
                     f"{severities.get('error', 0)} | {severities.get('warning', 0)} |")
    lines += ["", "| rule (severity) | findings |", "|---|---|"]
    lines += [f"| {rule} | {count} |" for rule, count in summary["findings_by_rule_and_severity"].items()]
    return "\n".join(lines) + "\n"


def run_compass(assistant, regions: Sequence[str], *, out_dir: str | Path, backend: str = "evidence",
                progress: bool = True) -> dict[str, Any]:
    """Score the regions and write ``OUT/compass.json`` and ``OUT/compass.md``; returns the summary."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = score_regions(assistant, regions, backend=backend, progress=progress)
    (out / COMPASS_JSON).write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str) + "\n",
                                    encoding="utf-8")
    (out / COMPASS_REPORT).write_text(compass_report(summary), encoding="utf-8")
    return summary
