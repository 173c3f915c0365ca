"""The compass definition (prompts/compass.yaml), the text heuristics and the recommendation rule."""

from __future__ import annotations

import pytest
import yaml

from assistant.compass.definition import DefinitionError, load_definition
from assistant.compass.lexicon import clip, human_rights_hits, human_rights_level, matcher, sentences
from assistant.compass.recommendation import derive
from assistant.regions import ALL
from assistant.settings import Settings
from assistant.text import quote_in_text

D = load_definition(Settings())


def test_four_components_from_the_province_letter():
    assert [(c.component, c.id) for c in D.criteria] == [
        (1, "inhoudelijke_aansluiting"), (2, "praktische_mogelijkheden"), (3, "realiseerbaarheid"),
        (4, "omgevingsfactoren")]
    aspects = {c.id: [a.id for a in c.aspects] for c in D.criteria}
    assert aspects["praktische_mogelijkheden"] == ["contacten", "financiering"]
    assert aspects["realiseerbaarheid"] == ["toegevoegde_waarde", "kans_op_samenwerking", "bestuurskwaliteit",
                                            "cultuurverschillen"]
    assert aspects["omgevingsfactoren"] == ["geopolitiek", "mensenrechten", "rechtsstaat"]


def test_every_component_has_open_indicator_data_and_document_aspects():
    """Each component is judged from both kinds of evidence; indicator-only aspects have no queries."""
    for c in D.criteria:
        datasets = D.indicators.for_criterion(c.id)
        assert datasets, c.id
        documents = [a for a in c.aspects if a.queries is not None]
        assert documents, c.id
        for a in c.aspects:
            if a.queries is None:
                assert any(ds.aspect == a.id for ds in datasets), f"{a.id} has neither queries nor data"


def test_rubric_queries_focus_and_themes():
    for c in D.criteria:
        assert set(c.rubric) >= {1, 3, 5}
        for a in c.aspects:
            assert a.queries is None or (a.queries.nl and a.queries.en)
    assert D.version and D.focus.period == "2023-2027"
    assert set(D.focus.regions) == {"europe", "east-asia", "southeast-asia", "north-america"}
    assert all(r in ALL for r in D.focus.regions)
    # Defaults from the mission letter: the five central missions plus the key technologies.
    assert [t.id for t in D.themes] == ["energietransitie", "circulaire_economie", "gezondheid_zorg",
                                        "landbouw_water_voedsel", "veiligheid", "sleuteltechnologieen"]


def test_themes_are_configurable_from_settings():
    d = load_definition(Settings(compass={"themes": ["energietransitie"]}))
    assert [t.id for t in d.themes] == ["energietransitie"]
    assert len(load_definition(Settings()).themes) == 6  # the cached definition is not modified
    with pytest.raises(DefinitionError, match="sleuteltech"):
        D.select_themes(["quantumzaken"])


def _write(tmp_path, mutate, mutate_indicators=None):
    source = Settings().compass.definition
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    indicators = yaml.safe_load((source.parent / data["indicators_file"]).read_text(encoding="utf-8"))
    mutate(data)
    if mutate_indicators:
        mutate_indicators(indicators)
    path = tmp_path / "compass.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / data.get("indicators_file", "indicators.yaml")).write_text(
        yaml.safe_dump(indicators, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, needle", [
    (lambda d: d["criteria"][0]["rubric"].pop(3), "rubric"),
    (lambda d: d["criteria"][3].update(id="omgeving"), "omgevingsfactoren"),
    (lambda d: d["focus"].update(regions=["atlantis"]), "atlantis"),
    (lambda d: d["recommendation"].update(concern_cap="misschien"), "misschien"),
    (lambda d: d["criteria"][1]["aspects"][0]["queries"].update(en=[]), "queries.en"),
])
def test_invalid_definition_fails_with_a_clear_message(tmp_path, mutate, needle):
    with pytest.raises(DefinitionError, match=needle):
        load_definition(path=_write(tmp_path, mutate))


def _dataset(d, dataset_id):
    return next(x for x in d["datasets"] if x["id"] == dataset_id)


@pytest.mark.parametrize("mutate, needle", [
    (lambda d: _dataset(d, "pts").update(aspect="vrijheid"), "no aspect 'vrijheid'"),
    (lambda d: d.update(compass_version="1999.1"), "bump both versions"),
    (lambda d: _dataset(d, "rd_expenditure")["bands"].update(thresholds=[3, 2, 1, 0.5]), "ascending"),
    (lambda d: _dataset(d, "eu_programmes")["bands"].update(categories={"eu_member": 7}), "category bands"),
    (lambda d: _dataset(d, "pts").update(reader="table", key=None), "needs \\['key'\\]"),
    (lambda d: d["datasets"].append(dict(_dataset(d, "pts"))), "unique"),
])
def test_invalid_indicator_catalog_fails_with_a_clear_message(tmp_path, mutate, needle):
    with pytest.raises(DefinitionError, match=needle):
        load_definition(path=_write(tmp_path, lambda d: None, mutate))


def test_weights_and_serious_abuse_must_name_known_parts(tmp_path):
    with pytest.raises(DefinitionError, match="unknown parts"):
        load_definition(path=_write(tmp_path, lambda d: d["criteria"][0]["weights"].update(thema=2)))
    with pytest.raises(DefinitionError, match="serious_abuse.indicator"):
        load_definition(path=_write(tmp_path, lambda d: d["serious_abuse"].update(indicator="fariss")))


def test_missing_definition_names_the_setting(tmp_path):
    with pytest.raises(DefinitionError, match="ASSISTANT_COMPASS__DEFINITION"):
        load_definition(path=tmp_path / "nope.yaml")


# --- lexicon ---------------------------------------------------------------------------------------------------


def test_sentences_join_wrapped_lines_drop_headings_and_stay_quotable():
    text = "## Veiligheid\n\nHet hoge tempo brengt nieuwe dreigingen met\nzich mee, zoals de assertieve opstelling " \
           "van China. Tweede zin van deze alinea staat hier.\n\nLosse Kop Zonder Punt\n\n- (a) to facilitate " \
           "cooperation among regions;\n"
    got = sentences(text)
    assert got[0] == "Het hoge tempo brengt nieuwe dreigingen met zich mee, zoals de assertieve opstelling van China."
    assert not any("Veiligheid" in s or "Losse Kop" in s for s in got)
    assert all(quote_in_text(s, text) for s in got)


def test_quote_normalisation():
    text = "The  Government\ndid not take credible\nsteps; innova-\ntion was “limited”."
    assert quote_in_text("the government did NOT take credible steps", text)
    assert quote_in_text('innovation was "limited"', text)
    assert not quote_in_text("the government took credible steps", text)
    assert not quote_in_text("   ", text)
    assert clip("word " * 100, 43).endswith("word") and len(clip("word " * 100, 43)) <= 43


def test_term_matching_suffixes_and_overlaps():
    m = matcher(("disappearance", "enforced disappearance", "unlawful killings", "arbitrary or unlawful killings"))
    assert m.find("reports of arbitrary or unlawful killings and disappearances") == {
        "arbitrary or unlawful killings", "disappearance"}
    assert m.find("enforced disappearances occurred") == {"enforced disappearance"}
    assert matcher(("chip",)).find("Chips en fotonica") == {"chip"}
    assert not matcher(("chip",)).find("microchipfabriek")


def test_human_rights_levels_with_negation_and_ignored_titles():
    hr = D.human_rights
    japan = "There were no credible reports of significant human rights abuses."
    germany = "There were no reports the government committed arbitrary or unlawful killings during the year."
    china = "Genocide and crimes against humanity occurred during the year in China against Uyghurs."
    grave = "Issues included credible reports of: arbitrary or unlawful killings; disappearances; torture."
    title = "Acts that May Constitute Genocide, or Conflict-Related Abuses The region was calm this year."
    level = lambda *texts: human_rights_level(human_rights_hits(list(texts), hr), D.serious_abuse.grave_terms_min)
    assert level(japan) == 5
    assert level(germany) is None
    assert level(china) == 1
    assert level(grave) == 2
    assert level("Police used torture in one case reported in the press.") == 3
    assert level("Authorities imposed censorship on the press in several cases.") == 4
    assert level(title) is None


# --- recommendation rule ---------------------------------------------------------------------------------------


def _rec(inh, prak, real, omg, note=None):
    return derive({"inhoudelijke_aansluiting": inh, "praktische_mogelijkheden": prak, "realiseerbaarheid": real,
                   "omgevingsfactoren": omg}, note, D.recommendation)


@pytest.mark.parametrize("scores, expected", [
    ((None, None, None, None), "monitoren"),
    ((5, 5, 4, 4), "focus"),
    ((4, 4, 3, 3), "kansrijk"),       # mean 3.5
    ((3, 2, 2, 2), "monitoren"),      # mean 2.25
    ((1, 2, 1, 2), "niet prioriteren"),
    ((5, 5, None, None), "monitoren"),  # only two scored: capped
    ((None, None, None, 1), "niet prioriteren"),  # caps never raise
    ((5, 5, 5, 1), "monitoren"),      # veto: very serious concerns
    ((5, 5, 5, 2), "kansrijk"),       # serious concerns without mitigation note
])
def test_recommendation_rule(scores, expected):
    assert _rec(*scores).recommendation == expected


def test_mitigation_note_lifts_only_the_concern_cap():
    assert _rec(5, 5, 5, 2, "Beperkt tot kennisinstellingen, met due diligence.").recommendation == "focus"
    assert _rec(5, 5, 5, 1, "notitie").recommendation == "monitoren"
    assert _rec(5, 5, 5, 2).reasons and "mitigatienotitie" in _rec(5, 5, 5, 2).reasons[0]
