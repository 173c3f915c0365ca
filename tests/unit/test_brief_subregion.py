"""A brief and a comparison for a sub-national region: the province's relations under 'Praktische
aanknopingspunten', the country's figures labelled as national, the country's documents as the national picture."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.brief import build_brief, compare, to_markdown
from assistant.brief.compare import indicators_markdown, table_markdown
from tests.unit.test_brief_build import TODAY, make_assistant

YEAR = date.today().year - 1


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = make_assistant(tmp_path_factory.mktemp("brief-sub"))
    a.add_relation(region="Kansai", kind="partnerregio", organisation="Kansai Economic Federation",
                   date=f"{YEAR}-04", description="Partnerregio: fotonica en waterstof.", officer="A. Jansen",
                   link="https://www.kankeiren.or.jp")
    a.add_relation(region="Japan", kind="handelsmissie", organisation="JETRO", date=f"{YEAR}-10",
                   description="Handelsmissie met BOM naar Tokio.", officer="B. de Vries")
    return a


@pytest.fixture(scope="module")
def kansai(assistant):
    return build_brief(assistant, "Kansai", today=TODAY)


def test_the_relations_come_first_among_the_practical_leads(kansai):
    relations = kansai.leads[0]
    assert relations.key == "relaties" and not relations.insufficient
    [line] = [s.text for s in relations.statements]  # Kansai's own entry; the national mission is Japan's
    assert line.startswith(f"Partnerregio (regio-tot-regio): Kansai Economic Federation, Kansai (Japan) (sinds "
                           f"{YEAR}-04): Partnerregio: fotonica en waterstof. — vastgelegd door A. Jansen")
    text = to_markdown(kansai)
    leads = text.split("## Praktische aanknopingspunten", 1)[1]
    assert leads.index("### Relaties van de provincie (relatieregister)") < leads.index("### Contacten")
    assert f"(relatieregister: kansai-partnerregio-{YEAR})" in leads


def test_the_compass_sections_cite_the_entry_and_label_national_figures(kansai):
    practical = next(s for s in kansai.sections if s.key == "praktische_mogelijkheden")
    assert any(s.relation == f"kansai-partnerregio-{YEAR}" and s.text.endswith("→ 5") for s in practical.statements)
    environment = next(s for s in kansai.sections if s.key == "omgevingsfactoren")
    [pts] = [s for s in environment.statements if s.indicator]
    assert "(landelijk cijfer Japan)" in pts.text
    assert "landelijk cijfer Japan" in environment.rationale
    assert kansai.validation.passed, kansai.validation.findings


def test_risks_without_sources_about_the_region_show_the_national_picture(kansai):
    rights = next(s for s in kansai.risks if s.key == "mensenrechten")
    assert rights.statements and all("landelijk beeld Japan" in (s.note or "") for s in rights.statements)
    assert {kansai.source(n).source for n in rights.refs} == {"japan_hr.md"}
    assert any("geen bronnen over Kansai zelf" in n for n in kansai.notes)


def test_a_country_brief_lists_its_regions_relations_too(assistant):
    japan = build_brief(assistant, "Japan", today=TODAY)
    ids = [s.relation for s in japan.leads[0].statements]
    assert ids == [f"kansai-partnerregio-{YEAR}", f"japan-handelsmissie-{YEAR}"]


def test_compare_puts_regions_and_countries_side_by_side(assistant):
    comparison = compare(assistant, ["Kansai", "Japan", "China"], today=TODAY)
    assert [r.region for r in comparison.rows] == ["kansai", "japan", "china"]
    table = table_markdown(comparison)
    assert "| Kansai |" in table and "| Japan |" in table
    kansai, japan = comparison.rows[0], comparison.rows[1]
    assert kansai.indicators["pts"].national == "japan" and japan.indicators["pts"].national is None
    # The partner region lifts Kansai's practical opportunities above Japan's (a trade mission: 3).
    assert kansai.scores["praktische_mogelijkheden"] >= japan.scores["praktische_mogelijkheden"]
    data = indicators_markdown(comparison)
    assert "(L) →" in data and "landelijk cijfer" in data
