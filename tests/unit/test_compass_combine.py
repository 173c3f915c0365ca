"""How a criterion's parts combine (compass.yaml: weights, confidence): weighted mean, rounding, confidence, nulls."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.compass.combine import combine, round_half_up
from assistant.compass.definition import load_definition
from assistant.compass.indicators import Fact, Observation
from assistant.compass.schema import CriterionScore, Evidence
from assistant.settings import Settings

D = load_definition(Settings())
TODAY = date(2026, 6, 1)


def fact(dataset_id: str, value, year: int = 2023, region: str = "japan", **fields) -> Fact:
    return Fact(D.indicators.get(dataset_id), region, Observation(year, value, fields), f"{dataset_id}.csv", "test")


def doc(criterion: str, score: int | None, sources: tuple[str, ...] = ("a.md",)) -> CriterionScore:
    evidence = [Evidence(chunk_id=f"{s}#0", source=s, quote="q") for s in sources] if score is not None else []
    return CriterionScore(criterion=criterion, score=score, rationale="2 positieve signaalzinnen.", evidence=evidence)


def criterion(cid: str):
    return D.criterion(cid)


def test_rounding_is_half_up():
    assert [round_half_up(x) for x in (1.49, 1.5, 2.5, 3.5, 4.49)] == [1, 2, 3, 4, 4]


def test_weighted_mean_of_aspect_means_and_the_documents():
    # inhoudelijke_aansluiting: documenten x2, innovatiekracht x2, energietransitie x1.
    facts = [fact("rd_expenditure", 3.44), fact("researchers", 5608.0), fact("patents_resident", 222452.0, 2021),
             fact("hightech_exports", 18.0, 2021), fact("wind_solar_share", 4.73, 2020)]
    bands = [f.band for f in facts]
    assert bands == [5, 5, 5, 3, 3]
    out = combine(criterion("inhoudelijke_aansluiting"), doc("inhoudelijke_aansluiting", 3), facts, [], D, TODAY)
    innovation = (5 + 5 + 5 + 3) / 4
    assert out.score == round_half_up((2 * 3 + 2 * innovation + 1 * 3) / 5)  # (6 + 9 + 3) / 5 = 3.6 -> 4
    assert out.score == 4
    assert "R&D-uitgaven 2023: 3,44 % van het bbp → 5" in out.rationale
    assert "(gemiddeld 4,50)" in out.rationale and "→ score 4" in out.rationale
    assert "Documenten: 2 positieve signaalzinnen. → 3" in out.rationale
    # Every value is evidence, before the document quotes.
    assert [e.chunk_id for e in out.evidence][:5] == [f.evidence_id for f in facts]
    assert out.evidence[-1].source == "a.md"


def test_values_alone_score_a_criterion_and_the_missing_ones_are_named():
    facts = [fact("wgi_government_effectiveness", 1.63), fact("wgi_regulatory_quality", 1.47),
             fact("wgi_control_of_corruption", 1.40)]
    gaps = ["Cultuurverschil met Nederland (Hofstede): dataset niet in de datamap (zie 'assistant data')"]
    out = combine(criterion("realiseerbaarheid"), doc("realiseerbaarheid", None), facts, gaps, D, TODAY)
    assert out.score == 5
    assert "Ontbreekt: Cultuurverschil" in out.rationale
    assert out.confidence == D.confidence.by_sources[0]  # one producer (the World Bank's WGI)


def test_nothing_at_all_stays_null_and_says_why():
    gaps = ["Uitgaven aan R&D: geen waarde voor Taiwan bij World Bank"]
    out = combine(criterion("inhoudelijke_aansluiting"), doc("inhoudelijke_aansluiting", None), [], gaps, D, TODAY)
    assert out.score is None and out.confidence == 0.0 and out.evidence == []
    assert "geen gok" in out.rationale and "Taiwan bij World Bank" in out.rationale


def test_a_value_that_does_not_count_is_shown_but_not_scored():
    facts = [fact("alliance", "none", 2025), fact("un_voting_agreement", 0.919, 2020, n_votes="426",
                                                  period="2016-2020")]
    out = combine(criterion("omgevingsfactoren"), doc("omgevingsfactoren", 4), facts, [], D, TODAY)
    assert out.score == 4  # the UN agreement (4) and the documents (4); 'no alliance' does not count
    assert "bondgenootschap 2025: geen NAVO- of EU-lid" in out.rationale and "→ telt niet mee" in out.rationale
    assert len([e for e in out.evidence if e.is_indicator]) == 2


def test_confidence_grows_with_independent_sources_and_drops_on_disagreement_and_age():
    c = criterion("omgevingsfactoren")
    pts = fact("pts", 1.0, 2021, PTS_A="1", PTS_H="1", PTS_S="1")           # band 5
    un = fact("un_voting_agreement", 0.97, 2020, n_votes="400", period="2016-2020")  # band 5
    rl = fact("wgi_rule_of_law", 1.5)                                           # band 5
    agree = combine(c, doc("omgevingsfactoren", 5, ("r1.md", "r2.md")), [pts, un, rl], [], D, TODAY)
    assert agree.score == 5 and agree.confidence == D.confidence.by_sources[4]  # 3 producers + 2 documents
    spread = combine(c, doc("omgevingsfactoren", 2, ("r1.md", "r2.md")), [pts, un, rl], [], D, TODAY)
    assert spread.confidence == pytest.approx(D.confidence.by_sources[4] - D.confidence.spread_penalty)
    old = combine(c, doc("omgevingsfactoren", 5, ("r1.md", "r2.md")), [pts, un, rl], [], D, date(2031, 1, 1))
    assert old.confidence == pytest.approx(D.confidence.by_sources[4] - D.confidence.stale_penalty)


def test_weights_come_from_the_definition():
    c = criterion("omgevingsfactoren")
    pts = fact("pts", 5.0, 2021, PTS_A="4", PTS_H="4", PTS_S="5")  # band 1, weight 2
    rl = fact("wgi_rule_of_law", 1.5)                              # band 5, weight 1
    out = combine(c, doc("omgevingsfactoren", None), [pts, rl], [], D, TODAY)
    assert c.weight("mensenrechten") == 2 and c.weight("rechtsstaat") == 1
    assert out.score == round_half_up((2 * 1 + 5) / 3)  # 2.33 -> 2


def test_too_little_of_the_weight_leaves_the_criterion_open():
    # Taiwan: no World Bank data, no document judgement; the wind-and-solar share alone is 1 of 5 weight units.
    taiwan = fact("wind_solar_share", 1.54, 2020, region="taiwan")
    gaps = ["Uitgaven aan R&D: geen waarde voor Taiwan bij World Bank"]
    c = criterion("inhoudelijke_aansluiting")
    out = combine(c, doc("inhoudelijke_aansluiting", None), [taiwan], gaps, D, TODAY)
    assert out.score is None and "Te weinig bewijs" in out.rationale and "20%" in out.rationale
    assert [e.chunk_id for e in out.evidence] == [taiwan.evidence_id]  # shown, not counted
    with_documents = combine(c, doc("inhoudelijke_aansluiting", 4), [taiwan], gaps, D, TODAY)
    assert with_documents.score == round_half_up((2 * 4 + 2) / 3)  # 3 of 5 weight units: scored
