"""Register entries as compass evidence: how they combine, and what the validator says about tampered entries."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.indicators import IndicatorData
from assistant.compass.proposer import RegisterView, propose
from assistant.compass.relations import RelationsRegister
from assistant.compass.validator import validate
from assistant.settings import Settings
from assistant.testing import FakeSearcher, make_chunk
from tests.indicator_fixtures import indicator_folder

TODAY = date.today()
SETTINGS = Settings()
DEFINITION = load_definition(SETTINGS)
DATA = IndicatorData(DEFINITION.indicators, indicator_folder(["eu_programmes", "pts"]))
SEARCHER = FakeSearcher([make_chunk("Japan cooperates on photonics research.", "japan.md", regions=["japan"])])
RECENT = f"{TODAY.year - 1}-03-01"


def entry(region="Beieren", kind="partnerregio", organisation="Bayerisches Staatsministerium", when=RECENT, **extra):
    return {"region": region, "kind": kind, "organisation": organisation, "date": when,
            "description": f"{kind} met {organisation}.", **extra}


@pytest.fixture()
def register(tmp_path) -> RelationsRegister:
    return RelationsRegister(tmp_path / "relations.yaml")


def score(region: str, register: RelationsRegister | None):
    view = RegisterView(register.load(), register.path.name) if register else RegisterView()
    return propose(region, SEARCHER, SETTINGS, data=DATA, relations=view)


def check(a, register: RelationsRegister):
    return validate(a, SEARCHER, SETTINGS, data=DATA, relations=register.load())


def rules(report, severity="error"):
    return {f.rule for f in report.findings if f.severity == severity}


def test_a_partner_region_raises_practical_opportunities_and_feasibility(register):
    without = score("Japan", None)
    assert without.criterion("praktische_mogelijkheden").score == 2  # EU programmes: none -> 2, no documents
    register.add(entry("Kansai", organisation="Kansai Economic Federation"), "A. Jansen")
    register.add(entry("Japan", "contact", "JETRO Amsterdam"), "A. Jansen")
    a = score("Japan", register)
    practical = a.criterion("praktische_mogelijkheden")
    # Parts: EU programmes 2 (x1), relations max(5, 3) = 5 (x2): (2 + 10) / 3 = 4.
    assert practical.score == 4
    assert "Relaties (relatieregister): Partnerregio (regio-tot-regio): Kansai Economic Federation (sinds " \
           f"{RECENT}; kansai-partnerregio-{TODAY.year - 1}) → 5; Contactpersoon / organisatie: JETRO Amsterdam" \
           in practical.rationale
    assert "(hoogste band 5)" in practical.rationale and "relaties x2" in practical.rationale
    cited = {e.chunk_id: e for e in practical.evidence if e.is_relation}
    assert set(cited) == {f"relation:kansai-partnerregio-{TODAY.year - 1}", f"relation:japan-contact-{TODAY.year - 1}"}
    assert all(e.source == "relations.yaml" and e.relation.hash for e in cited.values())
    feasibility = a.criterion("realiseerbaarheid")
    assert [e.chunk_id for e in feasibility.evidence if e.is_relation] == [
        f"relation:kansai-partnerregio-{TODAY.year - 1}"]  # a contact says nothing about feasibility
    assert a.criterion("omgevingsfactoren").evidence == without.criterion("omgevingsfactoren").evidence
    report = check(a, register)
    assert report.passed, report.findings
    assert not rules(report, "warning") & {"relatie_verouderd", "relatie_historie", "onderbouwing_noemt_band"}


def test_an_empty_register_changes_nothing_and_an_ended_relation_does_not_count(register):
    before = score("Japan", None)
    assert score("Japan", register).scores() == before.scores()
    register.add(entry("Japan", "partnerregio", "Aichi", when="2020", end_date="2023-12-31"), "A. Jansen")
    a = score("Japan", register)
    assert a.scores() == before.scores()
    practical = a.criterion("praktische_mogelijkheden")
    assert "(2020 tot 2023-12-31, afgelopen; japan-partnerregio-2020) → telt niet mee" in practical.rationale
    assert check(a, register).passed


def test_a_sub_national_region_has_only_its_own_relations_and_its_country_has_all(register):
    register.add(entry("Beieren"), "A. Jansen")
    register.add(entry("Duitsland", "samenwerkingsovereenkomst", "Bundesministerium"), "A. Jansen")
    bavaria = score("Beieren", register)
    ids = {e.chunk_id for c in bavaria.criteria for e in c.evidence if e.is_relation}
    assert ids == {f"relation:bavaria-partnerregio-{TODAY.year - 1}"}
    germany = score("Duitsland", register)
    ids = {e.chunk_id for c in germany.criteria for e in c.evidence if e.is_relation}
    assert ids == {f"relation:bavaria-partnerregio-{TODAY.year - 1}",
                   f"relation:germany-samenwerkingsovereenkomst-{TODAY.year - 1}"}
    assert check(bavaria, register).passed and check(germany, register).passed


def _cited(a):
    return next(e for e in a.criterion("praktische_mogelijkheden").evidence if e.is_relation)


def test_tampered_entries_are_errors(register):
    relation = register.add(entry("Kansai"), "A. Jansen")
    a = score("Japan", register)
    assert check(a, register).passed
    # The entry changed after the proposal: its content hash no longer matches.
    register.edit(relation.id, {"organisation": "Osaka Prefecture"}, "B", "andere partner")
    assert "relatie_klopt" in rules(check(a, register))
    # The entry was removed.
    register.remove(relation.id, "B", "vervallen")
    assert "bron_bestaat" in rules(check(a, register))


def test_tampered_proposals_are_errors(register):
    register.add(entry("Kansai"), "A. Jansen")
    register.add(entry("Vlaanderen", organisation="Vlaamse overheid"), "A. Jansen")
    sound = score("Japan", register)
    a = sound.model_copy(deep=True)
    _cited(a).quote = _cited(a).quote.replace("Bayerisches", "Beiers")
    assert "citaat_in_bron" in rules(check(a, register))
    a = sound.model_copy(deep=True)
    _cited(a).relation.band = 3
    assert "relatie_klopt" in rules(check(a, register))
    a = sound.model_copy(deep=True)
    a.criterion("omgevingsfactoren").evidence.append(_cited(a).model_copy())
    assert "relatie_klopt" in rules(check(a, register))  # a partner region is no evidence about human rights
    flemish = next(e for e in score("Vlaanderen", register).criterion("praktische_mogelijkheden").evidence
                   if e.is_relation)
    a = sound.model_copy(deep=True)
    a.criterion("praktische_mogelijkheden").evidence.append(flemish)
    assert "bewijs_over_regio" in rules(check(a, register))
    a = sound.model_copy(deep=True)
    a.criterion("praktische_mogelijkheden").rationale = a.criterion("praktische_mogelijkheden").rationale.replace(
        f"kansai-partnerregio-{TODAY.year - 1}) → 5", f"kansai-partnerregio-{TODAY.year - 1}) → 4")
    assert "onderbouwing_noemt_band" in rules(check(a, register))


def test_old_and_hand_edited_entries_get_warnings(tmp_path):
    corpus = tmp_path / "corpus"
    settings = Settings(corpus_dir=corpus, document_dirs=[])
    old_register = RelationsRegister(corpus / "relations.yaml", today=date(TODAY.year - 5, 1, 15))
    old_register.add(entry("Kansai", when=str(TODAY.year - 6)), "A. Jansen")
    register = RelationsRegister(corpus / "relations.yaml")
    a = propose("Japan", SEARCHER, settings, data=DATA)  # the register of the settings
    practical = a.criterion("praktische_mogelijkheden")
    assert any(e.is_relation for e in practical.evidence)
    fresh = RelationsRegister(tmp_path / "fresh.yaml")
    fresh.add(entry("Kansai"), "A. Jansen")
    assert practical.confidence < score("Japan", fresh).criterion("praktische_mogelijkheden").confidence
    report = validate(a, SEARCHER, settings, data=DATA)
    assert report.passed and "relatie_verouderd" in rules(report, "warning")
    assert "relatie_historie" not in rules(report, "warning")
    # Edited by hand (not through the register): the validator notices the entry is not in the history.
    text = register.path.read_text(encoding="utf-8").replace("partnerregio met", "partnerregio (hand) met")
    register.path.write_text(text, encoding="utf-8")
    report = validate(propose("Japan", SEARCHER, settings, data=DATA), SEARCHER, settings, data=DATA)
    assert "relatie_historie" in rules(report, "warning")


def test_an_unreadable_register_is_a_caveat_not_a_crash(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "relations.yaml").write_text("relations: [kapot\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, document_dirs=[])
    a = propose("Japan", SEARCHER, settings, data=DATA)
    assert any(c.startswith("Relaties niet meegenomen: Het relatieregister") for c in a.caveats)
    assert a.scores() == score("Japan", None).scores()


def test_a_recorded_relation_never_lowers_a_score(register):
    before = score("Duitsland", None)
    assert before.criterion("praktische_mogelijkheden").score == 5  # EU member: programmes open
    register.add(entry("Beieren", "contact", "Bayern Innovativ"), "A. Jansen")
    a = score("Duitsland", register)
    practical = a.criterion("praktische_mogelijkheden")
    assert practical.score == 5 and any(e.is_relation for e in practical.evidence)
    assert "Relaties (band 3) niet meegewogen" in practical.rationale and "relaties x2" not in practical.rationale
    assert check(a, register).passed
