"""Sub-national partner regions in the compass: national figures standing in for the region (labelled as such and
accepted by the validator), and regional data (keyed by NUTS / ISO 3166-2 code) giving a region a value of its own."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from assistant.compass.definition import load_definition
from assistant.compass.indicators import IndicatorData
from assistant.compass.indicators.catalog import Catalog, Dataset
from assistant.compass.proposer import propose
from assistant.compass.validator import validate
from assistant.settings import PROJECT_ROOT, Settings
from assistant.testing import FakeSearcher, make_chunk
from tests.indicator_fixtures import indicator_folder
from tests.unit.test_compass_indicators import worldbank, write

SETTINGS = Settings()
DEFINITION = load_definition(SETTINGS)
CATALOG = DEFINITION.indicators
INDICATORS_YAML = PROJECT_ROOT / "prompts" / "indicators.yaml"


def rd_folder(tmp_path: Path) -> Path:
    write(tmp_path, "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv",
          worldbank("2026-07-01", {"DEU": ["3.1", "3.1", "3.13", "3.11", ""], "FRA": ["2.2", "", "", "", "2.18"]}))
    write(tmp_path, "API_SP.POP.SCIE.RD.P6_DS2_en_csv_v2_1.csv", worldbank("2026-07-01", {"FRA": ["4900"] * 5}))
    return tmp_path


def test_a_subregion_without_its_own_value_gets_its_countrys_as_a_labelled_national_figure(tmp_path):
    data = IndicatorData(CATALOG, rd_folder(tmp_path))
    [fact] = data.facts("bavaria", "inhoudelijke_aansluiting")
    assert fact.region == "germany" and fact.national and fact.for_region == "bavaria"
    assert fact.evidence_id == "indicator:rd_expenditure:germany:2022" and fact.band == 5
    assert fact.rationale_line() == "R&D-uitgaven 2022: 3,11 % van het bbp (landelijk cijfer Duitsland) → 5"
    assert "national figure Germany" in fact.rationale_line("en")
    assert fact.as_evidence().indicator.national == "germany"
    # The country itself: its own value, no label.
    own = data.fact_or_national("rd_expenditure", "germany")
    assert not own.national and own.as_evidence().indicator.national is None
    gaps = data.gaps("bavaria", "inhoudelijke_aansluiting")
    assert any("geen waarde voor Beieren of Duitsland" in g for g in gaps)


def test_the_validator_accepts_national_figures_for_a_subregion_but_not_another_countrys(tmp_path):
    data = IndicatorData(CATALOG, rd_folder(tmp_path))
    searcher = FakeSearcher([make_chunk("Japan cooperates on photonics research.", "japan.md", regions=["japan"])])
    a = propose("Beieren", searcher, SETTINGS, data=data)
    assert a.region == "bavaria" and a.region_name == "Beieren"
    crit = a.criterion("inhoudelijke_aansluiting")
    assert [e.chunk_id for e in crit.evidence] == ["indicator:rd_expenditure:germany:2022"]
    assert "(landelijk cijfer Duitsland) → 5" in crit.rationale
    assert any("landelijke cijfers van Duitsland" in c for c in a.caveats)
    report = validate(a, searcher, SETTINGS, data=data)
    assert not [f for f in report.findings if f.rule in {"bewijs_over_regio", "indicator_klopt",
                                                         "onderbouwing_noemt_band"}], report.findings
    # France is not Bavaria's country: its figure is not evidence about Bavaria.
    french = data.fact("rd_expenditure", "france").as_evidence()
    crit.evidence = [french]
    crit.rationale = data.fact("rd_expenditure", "france").rationale_line()
    rules = {f.rule for f in validate(a, searcher, SETTINGS, data=data).errors}
    assert "bewijs_over_regio" in rules


def example_dataset() -> dict:
    """The commented regional-data example of prompts/indicators.yaml, uncommented."""
    text = INDICATORS_YAML.read_text(encoding="utf-8")
    block = text.split("# --- example: regional data", 1)[1].split("# --- end of example", 1)[0]
    lines = [line.strip()[1:] for line in block.splitlines() if line.strip().startswith("#   ")]
    [entry] = yaml.safe_load("\n".join(re.sub(r"^ {2}", "", line) for line in lines))
    return entry


RIS = """Region code,Region name,Year,Summary Innovation Index
DE2,Bayern,2021,128.4
DE2,Bayern,2023,131.0
DE21,Oberbayern,2023,150.2
ES51,Cataluna,2023,98.7
FR10,Ile-de-France,2023,122.5
DEA,Nordrhein-Westfalen,2023,,
"""


def test_the_regional_data_example_reads_a_region_keyed_file(tmp_path):
    entry = example_dataset()
    ris = Dataset.model_validate(entry)
    assert ris.regional and ris.key.type == "region_code"
    catalog = Catalog(compass_version=CATALOG.compass_version, datasets=[*CATALOG.datasets, ris])
    write(tmp_path, "RIS_2023_regional.csv", RIS)
    rd_folder(tmp_path)
    data = IndicatorData(catalog, tmp_path)
    bavaria = data.fact_or_national("ris_summary_index", "bavaria")
    assert (bavaria.region, bavaria.year, bavaria.value, bavaria.band, bavaria.national) == \
        ("bavaria", 2023, 131.0, 5, False)  # its own value; Oberbayern (DE21) is a part of Bavaria, not Bavaria
    assert data.fact("ris_summary_index", "catalonia").band == 3
    assert data.fact("ris_summary_index", "ile-de-france").band == 4
    assert data.fact_or_national("ris_summary_index", "north-rhine-westphalia") is None  # empty cell, no country
    assert data.fact("ris_summary_index", "germany") is None  # regional data says nothing about the country
    # Bavaria's innovation capacity: its own RIS value and Germany's R&D figure, each labelled for what it is.
    lines = [f.rationale_line() for f in data.facts("bavaria", "inhoudelijke_aansluiting")]
    assert lines == ["R&D-uitgaven 2022: 3,11 % van het bbp (landelijk cijfer Duitsland) → 5",
                     "RIS-index 2023: 131,0 % van het EU-gemiddelde → 5"]
    status = next(s for s in data.status() if s.dataset.id == "ris_summary_index").as_dict()
    assert status["level"] == "regional" and status["covered"] == 3 and status["countries"] == 16
    assert "bavaria" not in status["missing_countries"] and "ontario" in status["missing_countries"]


# --- the national picture: the country's documents for the criteria compass.yaml names ---------------------------

CLEAN = ("There were no significant changes in the human rights situation in Japan during the year. There were no "
         "credible reports of significant human rights abuses.")
GRAVE = ("Significant human rights issues included credible reports of arbitrary or unlawful killings, "
         "disappearances and torture in Japan.")
PHOTONICS = "Japanese and Brabant research institutes cooperate on photonics research and innovation."


def national_searcher(text: str) -> FakeSearcher:
    return FakeSearcher([
        make_chunk(text, "japan_hr.md", regions=["japan"], kind="government_report", independent=True,
                   date=f"{date.today().year - 1}"),
        make_chunk(PHOTONICS, "japan_innovation.md", regions=["japan"], kind="analysis", date="2025"),
    ])


PTS_ONLY = IndicatorData(CATALOG, indicator_folder(["pts"]))


def test_a_subregion_reads_its_countrys_documents_on_environmental_factors_only():
    data = PTS_ONLY
    searcher = national_searcher(CLEAN)
    a = propose("Kansai", searcher, SETTINGS, data=data)
    env = a.criterion("omgevingsfactoren")
    assert env.score is not None and [e.national for e in env.evidence if e.is_document] == ["japan"]
    assert "Documenten: onafhankelijke bronnen over Japan (landelijk beeld) melden geen significante" in env.rationale
    assert "(landelijk cijfer Japan) → " in env.rationale
    assert a.criterion("inhoudelijke_aansluiting").evidence == []  # Japan's innovation passage is not Kansai's
    report = validate(a, searcher, SETTINGS, data=data)
    assert report.passed, report.findings
    # Unlabelled, or cited for a criterion that does not read the national picture: not about Kansai.
    unlabelled = a.model_copy(deep=True)
    next(e for e in unlabelled.criterion("omgevingsfactoren").evidence if e.is_document).national = None
    assert "bewijs_over_regio" in {f.rule for f in validate(unlabelled, searcher, SETTINGS, data=data).errors}
    elsewhere = a.model_copy(deep=True)
    document = next(e for e in env.evidence if e.is_document)
    elsewhere.criterion("realiseerbaarheid").evidence.append(document.model_copy())
    elsewhere.criterion("realiseerbaarheid").score = 3
    assert "bewijs_over_regio" in {f.rule for f in validate(elsewhere, searcher, SETTINGS, data=data).errors}


def test_serious_abuses_in_the_country_cap_its_regions_too():
    data = PTS_ONLY
    searcher = national_searcher(GRAVE)
    a = propose("Kansai", searcher, SETTINGS, data=data)
    env = a.criterion("omgevingsfactoren")
    assert env.score is not None and env.score <= DEFINITION.serious_abuse.max_score
    bad = a.model_copy(deep=True)
    bad.criterion("omgevingsfactoren").score = 4
    assert "mensenrechten_ernstig" in {f.rule for f in validate(bad, searcher, SETTINGS, data=data).errors}
