"""Compass mode: validator pass rate and rule-finding counts (scripted reports, then the real offline proposer)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from assistant.api import Assistant
from assistant.compass import Finding, ValidationReport
from assistant.evaluation.compass_eval import COMPASS_JSON, COMPASS_REPORT, run_compass, score_regions
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore


def finding(rule: str, severity: str) -> Finding:
    return Finding(rule=rule, severity=severity, criterion="omgevingsfactoren", message=f"{rule} fired")


class ScriptedCompass:
    REPORTS = {
        "china": [finding("citation_exists", "error"), finding("evidence_age", "warning")],
        "japan": [finding("evidence_age", "warning")],
        "germany": [],
    }

    def score(self, region, *, backend="evidence"):
        if region not in self.REPORTS:
            raise ValueError(f"Unknown region {region!r}.")
        assessment = SimpleNamespace(region=region, recommendation="monitoren",
                                     scores=lambda: {"omgevingsfactoren": 3})
        return assessment, ValidationReport.of(self.REPORTS[region])


def test_pass_rate_and_findings_by_rule():
    summary = score_regions(ScriptedCompass(), ["china", "japan", "germany", "atlantis"], progress=False)
    assert (summary["regions"], summary["passed"], summary["errors"]) == (4, 2, 1)
    assert summary["pass_rate"] == pytest.approx(0.5)
    assert summary["findings_by_rule"] == {"citation_exists": 1, "evidence_age": 2}
    assert summary["findings_by_severity"] == {"error": 1, "warning": 2}
    assert summary["findings_by_rule_and_severity"] == {"citation_exists (error)": 1, "evidence_age (warning)": 2}
    failed = {r["region"]: r for r in summary["per_region"] if not r["passed"]}
    assert set(failed) == {"china", "atlantis"}
    assert "Unknown region" in failed["atlantis"]["error"]


def test_no_regions_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one region"):
        score_regions(ScriptedCompass(), [], progress=False)


def test_real_offline_proposer_writes_reports(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "china.md").write_text(
        "# China\n\nGenocide and crimes against humanity occurred during the year in China against predominantly "
        "Muslim Uyghurs. Significant human rights issues included credible reports of torture.\n", encoding="utf-8")
    assistant = Assistant(Settings(embedder=FAKE_EMBEDDER, index_dir=tmp_path / "index"), embedder=FakeEmbedder(),
                          store=InMemoryStore())
    assistant.ingest([docs])
    summary = run_compass(assistant, ["China", "Atlantis"], out_dir=tmp_path / "out", progress=False)
    written = json.loads((tmp_path / "out" / COMPASS_JSON).read_text(encoding="utf-8"))
    assert written["regions"] == 2 and written["errors"] == 1
    china = written["per_region"][0]
    assert china["region"] == "china" and set(china["scores"]) and china["recommendation"]
    assert sum(summary["findings_by_rule"].values()) == sum(len(r["findings"]) for r in summary["per_region"])
    assert summary["pass_rate"] == sum(r["passed"] for r in summary["per_region"]) / 2
    report = (tmp_path / "out" / COMPASS_REPORT).read_text(encoding="utf-8")
    assert "Validator pass rate" in report and "| china |" in report
