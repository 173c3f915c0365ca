"""Sub-national partner regions on the real documents and open data (the session's shared real index): every
partner region is scored and passes the validator on national figures labelled as such; a brief for Bavaria shows
a register entry and the national figures; a comparison mixes regions and countries; a question about
Noordrijn-Westfalen searches North Rhine-Westphalia and Germany as its wider scope."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.brief import build_brief, compare, to_markdown
from assistant.compass.proposer import propose
from assistant.compass.validator import validate
from assistant.regions import SUBREGIONS, country_of
from assistant.retrieve.hybrid import query_regions

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: Seconds a test may take, including building the index on first use.
FIRST_BUILD_TIMEOUT = 1800


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
@pytest.mark.parametrize("region", [r.slug for r in SUBREGIONS])
def test_every_partner_region_is_scored_on_labelled_national_figures_and_passes(real_assistant, region):
    a = propose(region, real_assistant, real_assistant.settings)
    assert a.region == region
    values = [e for c in a.criteria for e in c.evidence if e.indicator is not None]
    assert values, "a partner region gets its country's open data"
    assert all(e.indicator.national == country_of(region) for e in values)
    for c in a.criteria:
        for e in c.evidence:
            if e.indicator is not None:
                assert f"{e.indicator.year}: " in c.rationale and "(landelijk cijfer " in c.rationale
    report = validate(a, real_assistant, real_assistant.settings)
    assert report.passed, (region, report.errors)


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_a_bavaria_brief_shows_a_relation_and_national_figures(real_assistant, tmp_path, monkeypatch):
    monkeypatch.setattr(real_assistant.settings.compass, "relations_file", tmp_path / "relations.yaml")
    year = date.today().year - 1
    real_assistant.add_relation(region="Beieren", kind="partnerregio", organisation="Voorbeeldpartner (test)",
                                date=f"{year}-05", description="Testregel: geen echte relatie.", officer="test")
    brief = build_brief(real_assistant, "Beieren")
    text = to_markdown(brief)
    assert "# Regiobrief Beieren" in text
    assert "### Relaties van de provincie (relatieregister)" in text and "Voorbeeldpartner (test)" in text
    assert f"(relatieregister: bavaria-partnerregio-{year})" in text
    assert "(landelijk cijfer Duitsland)" in text
    practical = next(s for s in brief.sections if s.key == "praktische_mogelijkheden")
    assert practical.score == 5 and "relaties x2" in practical.rationale
    assert brief.validation.passed, brief.validation.errors


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_compare_mixes_regions_and_countries(real_assistant):
    comparison = compare(real_assistant, ["Beieren", "Duitsland", "Ontario", "Canada", "Hsinchu"])
    rows = {r.region: r for r in comparison.rows}
    assert list(rows) == ["bavaria", "germany", "ontario", "canada", "hsinchu"]
    assert all(r.passed for r in rows.values()), [(r.region, r.status) for r in rows.values()]
    assert rows["bavaria"].indicators["pts"].national == "germany" and rows["germany"].indicators["pts"].national \
        is None
    # Without documents or relations of its own, a region is judged on its country's figures alone.
    assert rows["ontario"].scores["realiseerbaarheid"] is not None


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_a_question_about_north_rhine_westphalia_searches_it_and_germany(real_assistant):
    question = "Hoe staat het met de persvrijheid in Noordrijn-Westfalen?"
    assert query_regions(question) == ["north-rhine-westphalia", "germany"]
    hits = real_assistant.search(question, k=5)
    assert hits and sum("germany" in h.regions for h in hits) >= 3, [(h.source, h.regions) for h in hits]
    answer = real_assistant.ask(question)
    assert not answer.refused and any("germany" in c.source for c in answer.citations), answer.answer
