"""The offline evidence proposer on small crafted corpora (FakeSearcher): direction, strength, nulls, citations.

These tests judge the documents; of the open indicator data they use the Political Terror Scale only (a data folder
with just that file), so each expectation follows from the crafted passages and one indicator. How all datasets
combine is tested in test_compass_combine.py and, on the shared data, in the integration tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.proposer import propose
from assistant.compass.validator import validate
from assistant.settings import Settings
from assistant.testing import FakeSearcher, make_chunk
from tests.indicator_fixtures import indicator_folder

SETTINGS = Settings(compass={"data_dir": indicator_folder(["pts"])})
DEFINITION = load_definition(SETTINGS)
TODAY = date(2026, 6, 1)

CHINA_REPORT = (
    "Genocide and crimes against humanity occurred during the year in China against predominantly Muslim Uyghurs. "
    "Significant human rights issues included credible reports of: arbitrary or unlawful killings; "
    "disappearances; torture or cruel, inhuman, or degrading treatment.\n\n"
    "A counterespionage law granted authorities the power to require individuals to cease any activities. "
    "A public awareness campaign discouraged a range of interactions with foreigners.")
JAPAN_REPORT = ("There were no significant changes in the human rights situation in Japan during the year. "
                "There were no credible reports of significant human rights abuses.")
KAMERBRIEF_SECURITY = ("Het hoge tempo waarmee technologieen zich ontwikkelen, brengt nieuwe dreigingen met\n"
                       "zich mee, zoals de assertieve opstelling van China. Nederland is sterk gedigitaliseerd.")
KAMERBRIEF_EU = "We zorgen voor goede aansluiting op Europese programma's zoals Horizon Europe en Interreg."
GERMAN_INNOVATION = (
    "German research institutes and Brabant companies cooperate on hydrogen innovation. "
    "In Bavaria a semiconductor cluster invests in research with Dutch partners. "
    "The weather in Munich was mild.")
JAPAN_CONTACTS = (
    "A trade mission from Noord-Brabant visited Japan in March. "
    "Tokyo and Eindhoven signed a memorandum of understanding on photonics. "
    "A joint call for research funding with Japan is open to Dutch consortia.")


def corpus():
    return [
        make_chunk(CHINA_REPORT, "us_state_dept_china.md", 0, regions=["china"], kind="government_report",
                   independent=True, date="2025-07", publisher="U.S. Department of State"),
        make_chunk(JAPAN_REPORT, "us_state_dept_japan.md", 0, regions=["japan"], kind="government_report",
                   independent=True, date="2025-07"),
        make_chunk(KAMERBRIEF_SECURITY, "kamerbrief.md", 3, regions=["netherlands", "china"], kind="policy",
                   language="nl", date="2023-05-30"),
        make_chunk(KAMERBRIEF_EU, "kamerbrief.md", 1, regions=["netherlands"], kind="policy", language="nl",
                   date="2023-05-30"),
        make_chunk(GERMAN_INNOVATION, "german_innovation.md", 0, regions=["germany"], kind="sector_report",
                   date="2025"),
        make_chunk(JAPAN_CONTACTS, "japan_contacts.md", 0, regions=["japan"], kind="analysis", date="2025"),
    ]


@pytest.fixture(scope="module")
def searcher():
    return FakeSearcher(corpus())


def by_id(a):
    return {c.criterion: c for c in a.criteria}


def test_china_environment_low_and_cites_the_report_and_indicator(searcher):
    a = propose("China", searcher, SETTINGS)
    env = by_id(a)["omgevingsfactoren"]
    assert env.score is not None and env.score <= 2
    ids = [e.chunk_id for e in env.evidence]
    assert ids[0] == "indicator:pts:china:2021"
    assert "us_state_dept_china.md#0" in ids
    assert any("Genocide" in e.quote for e in env.evidence)
    assert a.indicators["pts"] == 5.0  # the worst of PTS_A, PTS_H, PTS_S
    assert a.recommendation != "focus"
    assert validate(a, searcher, SETTINGS, today=TODAY).passed


def test_china_practical_possibilities_are_negative(searcher):
    prak = by_id(propose("china", searcher, SETTINGS))["praktische_mogelijkheden"]
    assert prak.score is not None and prak.score < 3
    assert any("counterespionage" in e.quote for e in prak.evidence)


def test_japan_environment_high_and_contacts_positive(searcher):
    a = propose("Japan", searcher, SETTINGS)
    c = by_id(a)
    assert c["omgevingsfactoren"].score == 5  # PTS 1/1/1 and "no credible reports"
    assert c["praktische_mogelijkheden"].score == 5  # three positive sentences: strong evidence
    assert {e.aspect for e in c["praktische_mogelijkheden"].evidence} == {"contacten", "financiering"}
    report = validate(a, searcher, SETTINGS, today=TODAY)
    assert report.passed, report.findings


def test_theme_overlap_counts_distinct_themes_in_innovation_sentences(searcher):
    inh = by_id(propose("Duitsland", searcher, SETTINGS))["inhoudelijke_aansluiting"]
    assert inh.score == 4  # hydrogen (energietransitie) + semiconductor (sleuteltechnologieen)
    assert "Energietransitie" in inh.rationale and "Sleuteltechnologie" in inh.rationale
    assert not any("weather" in e.quote for e in inh.evidence)


def test_no_evidence_means_null_never_a_guess(searcher):
    a = propose("Zuid-Korea", searcher, SETTINGS)  # nothing about Korea in this corpus; PTS data exists
    c = by_id(a)
    assert [c[k].score for k in ("inhoudelijke_aansluiting", "praktische_mogelijkheden", "realiseerbaarheid")] \
        == [None, None, None]
    assert all(not c[k].evidence for k in ("inhoudelijke_aansluiting", "realiseerbaarheid"))
    assert c["omgevingsfactoren"].score == 4  # worst PTS 2 -> 4, from the indicator alone
    assert a.recommendation == "monitoren"
    assert sum("Onvoldoende bewijs" in cv for cv in a.caveats) == 3
    assert validate(a, searcher, SETTINGS, today=TODAY).passed


def test_general_policy_alone_does_not_score_a_region(searcher):
    # Poland: only the general kamerbrief (Horizon Europe) speaks of funding - context, not a score.
    prak = by_id(propose("Polen", searcher, SETTINGS))["praktische_mogelijkheden"]
    assert prak.score is None and "algemene" in prak.rationale


def test_region_without_indicator_or_sources_is_all_null():
    a = propose("east-asia", FakeSearcher([]), SETTINGS)
    assert all(c.score is None for c in a.criteria)
    assert a.recommendation == "monitoren"
    assert validate(a, FakeSearcher([]), SETTINGS, today=TODAY).passed


def test_queries_in_dutch_and_english_with_and_without_region_filter():
    class Recorder(FakeSearcher):
        def search(self, query, k=None, filters=None):
            self.calls.append((query, filters.region if filters else None))
            return super().search(query, k, filters)

    rec = Recorder(corpus())
    rec.calls = []
    propose("Duitsland", rec, SETTINGS)
    queries = [q for q, _ in rec.calls]
    assert any("Duitsland" in q for q in queries) and any("Germany" in q for q in queries)
    assert {r for _, r in rec.calls} == {"germany", None}


def test_outside_focus_region_gets_a_caveat(searcher):
    a = propose("India", searcher, SETTINGS)
    assert any("buiten de focusregio" in cv for cv in a.caveats)
    assert by_id(a)["omgevingsfactoren"].score == 2  # worst PTS 4


def test_deterministic(searcher):
    one = propose("China", searcher, SETTINGS).model_dump(exclude={"created_at"})
    two = propose("China", searcher, SETTINGS).model_dump(exclude={"created_at"})
    assert one == two


def test_errors_for_unknown_region_or_backend(searcher):
    with pytest.raises(ValueError, match="Unknown region"):
        propose("Atlantis", searcher, SETTINGS)
    with pytest.raises(ValueError, match="backend"):
        propose("China", searcher, SETTINGS, backend="oracle")


def test_evidence_limit_is_a_setting(searcher):
    few = Settings(compass={"evidence_per_criterion": 1})
    env = by_id(propose("China", searcher, few))["omgevingsfactoren"]
    assert len([e for e in env.evidence if not e.is_indicator]) == 1


def test_serious_abuse_named_in_any_cited_source_caps_the_environment_score():
    from assistant.compass.evidence import enforce_serious_cap
    from assistant.compass.indicators import indicator_data
    from assistant.compass.schema import CriterionScore, Evidence
    from assistant.models import SearchHit

    grave = make_chunk(CHINA_REPORT, "report.md", 0, regions=["vietnam"], independent=True)
    hit = SearchHit(score=1.0, **grave.model_dump(include=set(SearchHit.model_fields)))
    cited = Evidence(chunk_id=grave.chunk_id, source="report.md", quote="A counterespionage law granted")
    results = [CriterionScore(criterion="praktische_mogelijkheden", score=2, evidence=[cited]),
               CriterionScore(criterion="omgevingsfactoren", score=3, rationale="PTS 3.")]
    data = indicator_data(DEFINITION, SETTINGS)
    enforce_serious_cap(results, {grave.chunk_id: hit}, "vietnam", DEFINITION, data)  # PTS 3: sources decide
    assert results[1].score == 2 and "genocide" in results[1].rationale
    results[1].score = 3
    enforce_serious_cap(results, {grave.chunk_id: hit}, "japan", DEFINITION, data)  # not about Japan: no cap
    assert results[1].score == 3


def test_rights_reports_give_obstacles_not_opportunities():
    text = ("Bilateral agreements with source countries covered migrant workers in agriculture research "
            "cooperation. Enforcement varied with the interest of regional governments. A counterespionage law "
            "discouraged interactions with foreigners.")
    report = make_chunk(text, "rights.md", 0, regions=["malaysia"], kind="government_report", independent=True)
    c = by_id(propose("Maleisië", FakeSearcher([report]), SETTINGS))
    assert c["inhoudelijke_aansluiting"].score is None  # "agriculture" in a rights report is no theme overlap
    assert c["realiseerbaarheid"].score is None  # "regional governments": positive term, ignored here
    assert c["praktische_mogelijkheden"].score == 2  # only the obstacle counts
    analysis = report.model_copy(update={"kind": "analysis", "independent": False, "chunk_id": "rights.md#1"})
    c = by_id(propose("Maleisië", FakeSearcher([analysis]), SETTINGS))
    assert c["realiseerbaarheid"].score == 4 and c["praktische_mogelijkheden"].score == 3
