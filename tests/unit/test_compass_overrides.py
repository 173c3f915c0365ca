"""Officer overrides: validated input, append-only JSON Lines log, re-derived recommendation, re-validation."""

from __future__ import annotations

import json

import pytest

from assistant.compass.overrides import (OverrideError, apply_override, default_log_path, override_and_validate,
                                         read_overrides)
from assistant.settings import Settings
from tests.unit.test_compass_validator import DEFINITION, SETTINGS, TODAY, run, sound


def test_override_returns_new_assessment_and_logs_one_line(tmp_path):
    a, lookup = sound()
    log = tmp_path / "overrides.jsonl"
    b = apply_override(a, "praktische_mogelijkheden", 5, "Contact via BOM bevestigd", "A. Jansen", log,
                       definition=DEFINITION)
    assert a.criterion("praktische_mogelijkheden").score == 3  # the original is untouched
    changed = b.criterion("praktische_mogelijkheden")
    assert changed.score == 5 and changed.override.officer == "A. Jansen" and changed.override.previous_score == 3
    assert any("A. Jansen" in c and "Contact via BOM" in c for c in b.caveats)
    [record] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert record["officer"] == "A. Jansen" and record["old_score"] == 3 and record["new_score"] == 5
    assert record["criterion"] == "praktische_mogelijkheden" and record["region"] == "germany"
    assert record["reason"] == "Contact via BOM bevestigd" and record["at"].endswith("+00:00")
    assert record["compass_version"] == DEFINITION.version


def test_log_is_append_only(tmp_path):
    a, _ = sound()
    log = tmp_path / "log" / "overrides.jsonl"
    b = apply_override(a, "omgevingsfactoren", 4, "Zorgen over persvrijheid", "B", log, definition=DEFINITION)
    first = log.read_text(encoding="utf-8")
    apply_override(b, "omgevingsfactoren", 3, "Na gesprek met Clingendael", "C", log, definition=DEFINITION)
    text = log.read_text(encoding="utf-8")
    assert text.startswith(first) and len(text.splitlines()) == 2
    records = read_overrides(log, region="germany")
    assert [(r["old_score"], r["new_score"]) for r in records] == [(5, 4), (4, 3)]
    assert read_overrides(log, region="china") == [] and read_overrides(tmp_path / "none.jsonl") == []


def test_recommendation_is_rederived(tmp_path):
    a, lookup = sound()
    log = tmp_path / "o.jsonl"
    assert a.recommendation == "focus"
    b = apply_override(a, "omgevingsfactoren", 2, "Nieuwe signalen", "D", log, definition=DEFINITION)
    assert b.recommendation == "kansrijk"  # mean 3.0
    assert json.loads(log.read_text())["new_recommendation"] == "kansrijk"
    for criterion in ("inhoudelijke_aansluiting", "praktische_mogelijkheden", "realiseerbaarheid"):
        b = apply_override(b, criterion, 5, "Bevestigd door de BOM", "D", log, definition=DEFINITION)
    assert b.recommendation == "kansrijk"  # mean 4.25, but serious concerns without a mitigation note
    c = apply_override(b, "omgevingsfactoren", 2, "Mitigatie vastgelegd", "D", log,
                       mitigation_note="Alleen kennisinstellingen, met due diligence.", definition=DEFINITION)
    assert c.recommendation == "focus" and c.criterion("omgevingsfactoren").override.previous_score == 5
    assert len(read_overrides(log)) == 5


@pytest.mark.parametrize("criterion, score, reason, officer, needle", [
    ("gezelligheid", 3, "reden", "A", "Onbekend criterium"),
    ("omgevingsfactoren", 0, "reden", "A", "1-5"),
    ("omgevingsfactoren", 6, "reden", "A", "1-5"),
    ("omgevingsfactoren", "4", "reden", "A", "1-5"),
    ("omgevingsfactoren", True, "reden", "A", "1-5"),
    ("omgevingsfactoren", 4, "  ", "A", "reden"),
    ("omgevingsfactoren", 4, "reden", "", "medewerker"),
])
def test_bad_input_raises_and_writes_nothing(tmp_path, criterion, score, reason, officer, needle):
    a, _ = sound()
    log = tmp_path / "overrides.jsonl"
    with pytest.raises(OverrideError, match=needle):
        apply_override(a, criterion, score, reason, officer, log, definition=DEFINITION)
    assert not log.exists()


def test_validator_runs_again_on_the_result(tmp_path):
    a, lookup = sound("china")
    a.criteria[3].score = 2
    a.recommendation = "kansrijk"
    assert run(a, lookup).passed
    b, report = override_and_validate(a, "omgevingsfactoren", 4, "Ik ben het oneens", "E", tmp_path / "o.jsonl",
                                      lookup, SETTINGS, definition=DEFINITION)
    assert not report.passed  # PTS 4/4/5: omgevingsfactoren may not exceed 2, whoever sets it
    assert "mensenrechten_ernstig" in {f.rule for f in report.errors}
    assert len(read_overrides(tmp_path / "o.jsonl")) == 1  # the override is logged all the same


def test_officer_score_without_evidence_is_a_warning(tmp_path):
    a, lookup = sound()
    b, _ = override_and_validate(a, "realiseerbaarheid", 4, "Langlopende relatie met NRW", "F",
                                 tmp_path / "o.jsonl", lookup, SETTINGS, definition=DEFINITION)
    report = run(b, lookup)
    assert report.passed
    assert [(f.rule, f.severity) for f in report.findings] == [("score_vereist_bewijs", "warning")]
    assert TODAY  # the fixed date keeps the evidence-age rule quiet


def test_default_log_path(tmp_path):
    assert default_log_path(Settings(index_dir=tmp_path)) == tmp_path / "overrides.jsonl"
    assert default_log_path(Settings(compass={"overrides_log": tmp_path / "x.jsonl"})) == tmp_path / "x.jsonl"


def test_cli_payload_and_text_rendering():
    from assistant.compass.render import format_assessment, score_payload

    a, lookup = sound("china")
    report = run(a, lookup)
    payload = json.loads(json.dumps(score_payload(a, report)))
    assert set(payload) == {"assessment", "validation"} and payload["validation"]["passed"] is False
    text = format_assessment(a, report)
    assert "Aanbeveling: focus" in text and "NIET geslaagd" in text and "mensenrechten_ernstig" in text
