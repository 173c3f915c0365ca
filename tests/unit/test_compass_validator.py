"""Every validator rule fires on a crafted proposal and stays quiet on a sound one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.indicators import IndicatorData, indicator_data
from assistant.compass.recommendation import recommend
from assistant.compass.rules import RULES
from assistant.compass.schema import Assessment, CriterionScore, Evidence, Override
from assistant.compass.validator import rule_table, validate, validate_file
from assistant.settings import Settings
from assistant.testing import FakeSearcher, make_chunk

#: A fixed "today" for the sound fixture, so the evidence-age rule does not start firing as years pass.
TODAY = date(2026, 6, 1)
SETTINGS = Settings()
DEFINITION = load_definition(SETTINGS)
DATA = indicator_data(DEFINITION, SETTINGS)  # the shared corpus's open data (../shared/corpus/data)

THEME_TEXT = "German institutes and Brabant firms cooperate on hydrogen research and semiconductor innovation."
CONTACT_TEXT = "A trade mission from Noord-Brabant signed a memorandum of understanding with partners in Bavaria."
HR_TEXT = ("There were no significant changes in the human rights situation during the year. There were no "
           "credible reports of significant human rights abuses.")
POLICY_TEXT = "Het kabinet zorgt voor goede aansluiting op Europese programma's zoals Horizon Europe."
GRAVE_TEXT = ("Genocide and crimes against humanity occurred during the year against Uyghurs. Significant issues "
              "included credible reports of arbitrary or unlawful killings, disappearances and torture.")


def corpus(region: str = "germany") -> list:
    return [
        make_chunk(THEME_TEXT, "innovation.md", 0, regions=[region], kind="sector_report", date="2025-03-01"),
        make_chunk(CONTACT_TEXT, "contacts.md", 0, regions=[region], kind="analysis", date="2025"),
        make_chunk(HR_TEXT, "hr_report.md", 0, regions=[region], kind="government_report", independent=True,
                   date="2025-07"),
        make_chunk(POLICY_TEXT, "kamerbrief.md", 0, regions=["netherlands"], kind="policy", language="nl",
                   date="2023-05-30"),
        make_chunk("Japan and Brabant cooperate on photonics research.", "japan.md", 0, regions=["japan"],
                   kind="analysis", date="2025"),
        make_chunk("Old news: a partnership with Brabant was signed long ago.", "old.md", 0, regions=[region],
                   kind="analysis", date="2015"),
        make_chunk(GRAVE_TEXT, "grave_report.md", 0, regions=["china"], kind="government_report",
                   independent=True, date="2025"),
    ]


def ev(chunk, quote: str, **extra) -> Evidence:
    return Evidence(chunk_id=chunk.chunk_id, source=chunk.source, page=chunk.page, quote=quote, date=chunk.date,
                    **extra)


def sound(region: str = "germany") -> tuple[Assessment, FakeSearcher]:
    """A hand-made proposal that satisfies every rule (PTS for Germany is 1/1/1)."""
    chunks = corpus(region)
    by = {c.source: c for c in chunks}
    pts = DATA.fact("pts", region)
    criteria = [
        CriterionScore(criterion="inhoudelijke_aansluiting", score=4, confidence=0.6, rationale="twee thema's",
                       evidence=[ev(by["innovation.md"], "cooperate on HYDROGEN research\n and semiconductor")]),
        CriterionScore(criterion="praktische_mogelijkheden", score=3, confidence=0.4, rationale="een missie",
                       evidence=[ev(by["contacts.md"], CONTACT_TEXT),
                                 ev(by["kamerbrief.md"], "zoals Horizon Europe", general=True)]),
        CriterionScore(criterion="realiseerbaarheid", score=None, rationale="onvoldoende bewijs"),
        CriterionScore(criterion="omgevingsfactoren", score=5, confidence=0.9,
                       rationale=pts.rationale_line() if pts else "geen PTS",
                       evidence=([pts.as_evidence()] if pts else [])
                       + [ev(by["hr_report.md"], "no credible reports of significant human rights abuses")]),
    ]
    scores = {c.criterion: c.score for c in criteria}
    a = Assessment(region=region, region_name=region.title(), compass_version=DEFINITION.version,
                   backend="evidence", criteria=criteria,
                   recommendation=recommend(scores, None, DEFINITION.recommendation))
    return a, FakeSearcher(chunks)


def run(a, lookup, today=TODAY):
    return validate(a, lookup, SETTINGS, definition=DEFINITION, today=today)


def rules_fired(report) -> set[str]:
    return {f.rule for f in report.findings}


def test_sound_proposal_passes_without_findings():
    a, lookup = sound()
    assert a.recommendation == "focus"  # mean 4.0 over three scored criteria
    report = run(a, lookup)
    assert report.passed, report.findings
    assert report.findings == []


def test_output_shape_is_the_cli_contract():
    a, lookup = sound()
    a.recommendation = "kansrijk"
    data = json.loads(run(a, lookup).model_dump_json())
    assert set(data) == {"passed", "findings"}
    assert data["passed"] is False
    assert set(data["findings"][0]) == {"rule", "severity", "criterion", "message"}


def test_every_rule_has_id_severity_and_dutch_description():
    table = rule_table()
    assert {r["rule"] for r in table} == set(RULES)
    assert all(r["severity"] in ("error", "warning") and r["description"] for r in table)


# --- one crafted proposal per rule ----------------------------------------------------------------------------


def test_schema_rule_score_out_of_range():
    a, lookup = sound()
    data = a.model_dump()
    data["criteria"][0]["score"] = 7
    report = run(data, lookup)
    assert not report.passed and rules_fired(report) == {"schema"}
    assert "criteria.0.score" in report.findings[0].message


def test_schema_rule_unknown_and_missing_criteria():
    a, lookup = sound()
    a.criteria[2].criterion = "gezelligheid"
    report = run(a, lookup)
    messages = [f.message for f in report.findings if f.rule == "schema"]
    assert any("gezelligheid" in m for m in messages) and any("realiseerbaarheid" in m for m in messages)


def test_schema_rule_on_mutated_model_and_unreadable_file(tmp_path):
    a, lookup = sound()
    a.criteria[0].confidence = 3.0  # assignment is not validated by pydantic; the validator re-checks
    assert "schema" in rules_fired(run(a, lookup))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    report = validate_file(bad, lookup, SETTINGS, definition=DEFINITION, today=TODAY)
    assert not report.passed and rules_fired(report) == {"schema"}


def test_validate_file_accepts_score_output(tmp_path):
    a, lookup = sound()
    path = tmp_path / "score.json"
    path.write_text(json.dumps({"assessment": a.model_dump(), "validation": {"passed": True, "findings": []}}))
    assert validate_file(path, lookup, SETTINGS, definition=DEFINITION, today=TODAY).findings == []


def test_compass_version_rule_warns():
    a, lookup = sound()
    a.compass_version = "1999.1"
    report = run(a, lookup)
    assert report.passed and rules_fired(report) == {"compass_versie"}


def test_score_requires_evidence():
    a, lookup = sound()
    a.criteria[0].evidence = []
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"score_vereist_bewijs"}
    assert report.findings[0].criterion == "inhoudelijke_aansluiting"


def test_score_requires_evidence_is_a_warning_after_an_officer_override():
    a, lookup = sound()
    a.criteria[0].evidence = []
    a.criteria[0].override = Override(officer="A. Jansen", at="2026-06-01T10:00:00+00:00", reason="gesprek BOM")
    report = run(a, lookup)
    assert report.passed and [f.severity for f in report.findings] == ["warning"]


def test_cited_chunk_must_exist():
    a, lookup = sound()
    a.criteria[0].evidence.append(Evidence(chunk_id="gone.md#3", source="gone.md", quote="anything"))
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"bron_bestaat"}


def test_indicator_value_must_exist():
    a, lookup = sound()
    source = a.criteria[3].evidence[0].source
    a.criteria[3].evidence.append(Evidence(chunk_id="indicator:pts:germany:1850", source=source,
                                           quote="Political Terror Scale 1850"))
    assert rules_fired(run(a, lookup)) == {"bron_bestaat"}


def test_quote_must_occur_in_chunk():
    a, lookup = sound()
    a.criteria[1].evidence[0].quote = "signed a memorandum on nuclear fusion"
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"citaat_in_bron"}
    a.criteria[1].evidence[1].quote = "Horizon Europa"  # now no usable evidence is left for the criterion
    assert rules_fired(run(a, lookup)) == {"citaat_in_bron", "geen_bruikbaar_bewijs_dan_leeg"}


def test_indicator_quote_must_match_the_row():
    a, lookup = sound()
    a.criteria[3].evidence[0].quote = "Political Terror Scale 2021, Germany: PTS_A=5"
    assert rules_fired(run(a, lookup)) == {"citaat_in_bron"}


def test_evidence_source_must_match_chunk():
    a, lookup = sound()
    a.criteria[1].evidence[0].source = "elsewhere.pdf"
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"bron_klopt"}


def test_evidence_must_concern_region():
    a, lookup = sound()
    japan = lookup.get_chunk("japan.md#0")
    a.criteria[0].evidence.append(ev(japan, "cooperate on photonics research"))
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"bewijs_over_regio"}


def test_general_policy_evidence_is_accepted_for_any_region():
    a, lookup = sound("japan")
    assert run(a, lookup).passed  # kamerbrief.md (policy, tagged netherlands) is cited for Japan


def test_criterion_without_usable_evidence_must_be_null():
    a, lookup = sound()
    a.criteria[1].evidence = [Evidence(chunk_id="gone.md#1", source="gone.md", quote="x")]
    report = run(a, lookup)
    assert "geen_bruikbaar_bewijs_dan_leeg" in rules_fired(report)
    assert not report.passed


def test_environment_needs_an_independent_source():
    a, lookup = sound()
    a.criteria[3].evidence = [ev(lookup.get_chunk("contacts.md#0"), "trade mission from Noord-Brabant")]
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"omgevingsfactoren_onafhankelijke_bron"}


def test_serious_abuse_from_indicator_caps_environment_score():
    a, lookup = sound("china")  # PTS 2021 China: 4/4/5
    report = run(a, lookup)
    fired = [f for f in report.findings if f.rule == "mensenrechten_ernstig"]
    assert {f.criterion for f in fired} == {"omgevingsfactoren", None}  # score 5 > 2, and 'focus' w/o note
    assert not report.passed


def test_serious_abuse_focus_allowed_with_mitigation_note():
    a, lookup = sound("china")
    a.criteria[3].score = 2
    a.criteria[0].score = a.criteria[1].score = 5
    a.criteria[2].score = 5
    a.criteria[2].evidence = a.criteria[0].evidence
    a.mitigation_note = "Alleen samenwerking met universiteiten op klimaatonderzoek, met due diligence."
    a.recommendation = recommend(a.scores(), a.mitigation_note, DEFINITION.recommendation)
    assert a.recommendation == "focus"
    assert "mensenrechten_ernstig" not in rules_fired(run(a, lookup))
    a.mitigation_note = None
    report = run(a, lookup)  # now both the focus rule and the recommendation rule object
    assert {"mensenrechten_ernstig", "aanbeveling_volgt_regel"} <= rules_fired(report)


def test_serious_abuse_from_sources_without_indicator_data():
    # East Asia has no PTS row; the cited independent report (tagged china, part of east-asia) names genocide.
    a, lookup = sound("east-asia")
    assert DATA.fact("pts", "east-asia") is None
    grave = lookup.get_chunk("grave_report.md#0")
    a.criteria[3].evidence = [ev(grave, "Genocide and crimes against humanity occurred")]
    a.criteria[3].score = 3
    a.recommendation = recommend(a.scores(), None, DEFINITION.recommendation)
    report = run(a, lookup)
    assert [f.criterion for f in report.findings if f.rule == "mensenrechten_ernstig"] == ["omgevingsfactoren"]
    a.criteria[3].score = 2
    a.recommendation = recommend(a.scores(), None, DEFINITION.recommendation)
    assert "mensenrechten_ernstig" not in rules_fired(run(a, lookup))


def test_region_outside_focus_regions_warns():
    a, lookup = sound("united-arab-emirates")  # PTS 3: not serious, but outside the focus regions
    report = run(a, lookup)
    assert report.passed and rules_fired(report) == {"buiten_focusregio"}


def test_old_evidence_warns_with_todays_date():
    a, lookup = sound()
    old = lookup.get_chunk("old.md#0")
    a.criteria[1].evidence.append(ev(old, "a partnership with Brabant was signed long ago"))
    report = validate(a, lookup, SETTINGS, definition=DEFINITION)  # today = date.today()
    assert report.passed and "bewijs_verouderd" in rules_fired(report)
    assert any("old.md (2015)" in f.message for f in report.findings)


def test_evidence_age_limit_is_configurable():
    a, lookup = sound()
    strict = Settings(compass={"max_evidence_age_years": 1})
    report = validate(a, lookup, strict, definition=DEFINITION, today=TODAY)
    # The kamerbrief of 2023; indicator values follow their own dataset's maximum age (PTS 2021: five years).
    assert rules_fired(report) == {"bewijs_verouderd"} and report.passed


def test_recommendation_must_follow_rule():
    a, lookup = sound()
    a.recommendation = "niet prioriteren"
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"aanbeveling_volgt_regel"}
    assert "'focus'" in report.findings[0].message


@pytest.mark.parametrize("region", ["germany", "japan", "canada"])
def test_sound_fixture_is_sound_for_other_low_pts_regions(region):
    a, lookup = sound(region)
    assert run(a, lookup).findings == []


# --- indicator values are re-read, and their bands checked ------------------------------------------------------


def pts_evidence(a):
    return next(e for e in a.criteria[3].evidence if e.is_indicator)


def test_sound_fixture_cites_the_pts_value_with_its_band():
    a, _ = sound()
    e = pts_evidence(a)
    assert e.chunk_id == "indicator:pts:germany:2021" and e.indicator.value == 1 and e.indicator.band == 5
    assert e.source.endswith("political_terror_scale_PTS-2022.csv") and "Political Terror Scale" in e.indicator.producer


@pytest.mark.parametrize(("field", "value"), [("value", 3.0), ("band", 3), ("year", 2019)])
def test_a_tampered_indicator_value_year_or_band_is_an_error(field, value):
    a, lookup = sound()
    setattr(pts_evidence(a).indicator, field, value)
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"indicator_klopt"}
    assert {"value": "waarde", "band": "band", "year": "jaar"}[field] in report.findings[0].message


def test_a_rationale_that_states_another_band_is_an_error():
    a, lookup = sound()
    a.criteria[3].rationale = a.criteria[3].rationale.replace("→ 5", "→ 3")
    report = run(a, lookup)
    assert not report.passed and rules_fired(report) == {"onderbouwing_noemt_band"}
    assert "band 5" in report.findings[0].message


def test_a_rationale_that_does_not_name_a_value_warns():
    a, lookup = sound()
    a.criteria[3].rationale = "Alles in orde."
    report = run(a, lookup)
    assert report.passed and rules_fired(report) == {"onderbouwing_noemt_band"}


def test_values_older_than_their_dataset_allows_warn():
    a, lookup = sound()
    report = run(a, lookup, today=date(2031, 1, 1))  # PTS 2021 + 5 years
    assert report.passed and "indicator_verouderd" in rules_fired(report)
    assert any("Political Terror Scale 2021" in f.message for f in report.findings if f.rule == "indicator_verouderd")


def test_a_value_revised_in_the_data_file_is_an_error(tmp_path):
    """The validator re-reads the file: a new vintage that changes a cited value makes the proposal wrong."""
    a, lookup = sound()
    original = DATA.data_dir / pts_evidence(a).source
    lines = original.read_text(encoding="utf-8-sig").splitlines()
    revised = [ln.replace(",eca,1,1,1,", ",eca,3,1,1,") if ln.startswith("Germany,Germany,2021,") else ln
               for ln in lines]
    assert revised != lines
    (tmp_path / original.name).write_text("\n".join(revised) + "\n", encoding="utf-8")
    report = validate(a, lookup, SETTINGS, definition=DEFINITION, today=TODAY,
                      data=IndicatorData(DEFINITION.indicators, tmp_path))
    assert not report.passed and "indicator_klopt" in rules_fired(report)
