"""The indicator layer on small synthetic files in the publishers' formats: readers, banding, the data folder.

Each reader is tested with a file written here, so the expected values can be checked by hand; the shared
corpus's real files are read by test_compass_validator.py and the integration tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.indicators import Bands, IndicatorData, parse_evidence_id
from assistant.compass.indicators.facts import format_number
from assistant.settings import Settings

CATALOG = load_definition(Settings()).indicators

WB_HEADER = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","{updated}",\n\n'
             '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020","2021","2022","2023",\n')


def worldbank(updated: str, rows: dict[str, list[str]], header: bool = True) -> str:
    head = WB_HEADER.format(updated=updated) if header else WB_HEADER.split("\n\n")[-1]
    body = "".join(f'"{code}","{code}","R&D","GB.XPD.RSDV.GD.ZS",' + ",".join(f'"{v}"' for v in vals) + ",\n"
                   for code, vals in rows.items())
    return head + body


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def data_in(folder: Path) -> IndicatorData:
    return IndicatorData(CATALOG, folder)


# --- banding ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "higher", "lower"), [
    (-1.0, 1, 5), (0.5, 2, 4), (0.99, 2, 4), (1.0, 3, 3), (2.0, 4, 2), (2.99, 4, 2), (3.0, 5, 1), (9.0, 5, 1)])
def test_thresholds_band_both_directions(value, higher, lower):
    bands = Bands(thresholds=[0.5, 1.0, 2.0, 3.0])
    assert bands.band(value, "higher_is_better") == higher
    assert bands.band(value, "lower_is_better") == lower


def test_categories_band_and_null_means_not_counted():
    bands = Bands(categories={"ally": 5, "none": None})
    assert bands.band("ally", "higher_is_better") == 5
    assert bands.band("none", "higher_is_better") is None
    assert bands.band(3.0, "higher_is_better") is None  # a number is not a category


@pytest.mark.parametrize("bad", [dict(thresholds=[1, 2, 3]), dict(thresholds=[1, 1, 2, 3]),
                                 dict(categories={"a": 6}), dict(), dict(thresholds=[1, 2, 3, 4], categories={})])
def test_bad_banding_rules_are_rejected(bad):
    with pytest.raises(ValueError):
        Bands(**bad)


def test_numbers_read_the_dutch_way():
    assert format_number(222452, 0, "nl") == "222.452" and format_number(222452, 0, "en") == "222,452"
    assert format_number(-0.355, 2, "nl") == "-0,35" or format_number(-0.355, 2, "nl") == "-0,36"
    assert format_number(3.4412, 2, "nl") == "3,44"


# --- World Bank bulk CSV -----------------------------------------------------------------------------------------


def test_worldbank_reader_takes_the_latest_year_and_bands_it(tmp_path):
    write(tmp_path, "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv",
          worldbank("2026-07-13", {"JPN": ["3.2", "3.3", "", "3.41", "3.4412"], "TWN": ["", "", "", "", ""],
                                   "WLD": ["2", "2", "2", "2", "2"], "IDN": ["0.2", "0.28", "", "", ""]}))
    data = data_in(tmp_path)
    fact = data.fact("rd_expenditure", "japan")
    assert (fact.year, fact.value, fact.band) == (2023, 3.4412, 5)
    assert fact.evidence_id == "indicator:rd_expenditure:japan:2023"
    assert fact.rationale_line() == "R&D-uitgaven 2023: 3,44 % van het bbp → 5"
    assert fact.quote() == "R&D expenditure, Japan, 2023: 3.44 % of GDP"
    assert data.fact("rd_expenditure", "indonesia").year == 2020  # the latest year with a value
    assert data.fact("rd_expenditure", "taiwan") is None
    ev = fact.as_evidence()
    assert ev.indicator.value == 3.44 and ev.indicator.band == 5 and "UNESCO" in ev.indicator.producer
    assert ev.source == "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv" and ev.date == "2023"
    assert parse_evidence_id(ev.chunk_id) == ("rd_expenditure", "japan", 2023)
    assert data.fact_by_id("indicator:rd_expenditure:japan:2022").value == 3.41


def test_worldbank_reader_accepts_files_without_the_header_lines(tmp_path):
    write(tmp_path, "sub/API_GE.EST_DS2_en_csv_v2_9.csv", worldbank("", {"DEU": ["1.1", "1.2", "", "", "1.19"]},
                                                                    header=False))
    fact = data_in(tmp_path).fact("wgi_government_effectiveness", "germany")
    assert (fact.year, fact.band) == (2023, 5)


def test_the_newest_vintage_wins_and_the_older_file_is_listed_as_ignored(tmp_path):
    write(tmp_path, "2025/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv",
          worldbank("2025-01-10", {"JPN": ["3.2", "", "", "", ""]}))
    write(tmp_path, "2026/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_2.csv",
          worldbank("2026-07-13", {"JPN": ["3.2", "", "", "", "3.44"]}))
    data = data_in(tmp_path)
    assert data.fact("rd_expenditure", "japan").year == 2023
    status = next(s for s in data.status() if s.dataset.id == "rd_expenditure")
    assert status.file == "2026/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_2.csv"
    assert status.ignored == ["2025/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv"]
    assert status.vintage == "last updated 2026-07-13" and status.years == (2019, 2023)


def test_a_replaced_file_is_read_again(tmp_path):
    path = write(tmp_path, "API_GB.XPD.RSDV.GD.ZS_DS2_x.csv", worldbank("2026-01-01", {"JPN": ["1", "", "", "", ""]}))
    data = data_in(tmp_path)
    assert data.fact("rd_expenditure", "japan").value == 1.0
    path.write_text(worldbank("2026-02-01", {"JPN": ["1", "", "", "", "2.5"]}), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert data.fact("rd_expenditure", "japan").value == 2.5


def test_a_wrong_file_gives_a_clear_error_not_values(tmp_path):
    write(tmp_path, "API_GB.XPD.RSDV.GD.ZS_DS2_broken.csv", "just,some,text\n1,2,3\n")
    data = data_in(tmp_path)
    assert data.fact("rd_expenditure", "japan") is None
    status = next(s for s in data.status() if s.dataset.id == "rd_expenditure")
    assert not status.found and "Country Name" in status.error
    assert any("onleesbaar" in g for g in data.gaps("japan", "inhoudelijke_aansluiting"))


# --- CSV tables --------------------------------------------------------------------------------------------------

PTS = ("Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S\n"
       "China,China,2020,CHN,710,CHN,156,eap,4,4,5\n"
       "China,China,2021,CHN,710,CHN,156,eap,4,NA,3\n"
       "\"Taiwan, Province of China\",Taiwan,2021,TAW,713,TWN,158,eap,1,NA,1\n"
       "Narnia,Narnia,2021,NAR,999,NAR,999,xx,5,5,5\n")


def test_table_reader_reduces_columns_and_keeps_the_raw_fields_for_the_quote(tmp_path):
    write(tmp_path, "political_terror_scale_PTS-2022.csv", PTS)
    data = data_in(tmp_path)
    china = data.fact("pts", "china")
    assert (china.year, china.value, china.band) == (2021, 4.0, 2)  # worst of 4, NA, 3
    assert china.quote() == "Political Terror Scale 2021, China: PTS_A=4, PTS_H=NA, PTS_S=3 (1 = best, 5 = worst)"
    assert "Amnesty 4, Human Rights Watch NA, State Department 3" in china.value_text()
    assert data.fact("pts", "taiwan").band == 5
    assert data.fact_by_id("indicator:pts:china:2020").band == 1


def test_table_reader_matches_country_names_not_their_cities(tmp_path):
    energy = ("Country,Year,Wind (% sub energy),Solar (% sub energy)\n"
              "China,2020,3.0,1.5\nHong Kong,2020,0.0,0.0\nSouth Korea,2020,1.0,0.48\nTurkey,2020,4,1\n")
    write(tmp_path, "energy_mix_bp_2021_owid.csv", energy)
    data = data_in(tmp_path)
    china = data.fact("wind_solar_share", "china")
    assert china.value == 4.5 and china.band == 3  # Hong Kong is not China
    assert "wind 3.0% + solar 1.5% = 4.50%" in china.quote()
    assert data.fact("wind_solar_share", "south-korea").band == 2
    assert data.fact("wind_solar_share", "turkey").value == 5.0


MEMBERSHIPS = ("iso3,country,eu_member_since,nato_member_since,oecd_member_since,horizon_europe_associated_since,"
               "last_checked\nDEU,Germany,1958,1955,1961,,2026-03-01\nKOR,South Korea,,,1996,2025,\n"
               "JPN,Japan,,,1964,,\nTUR,Turkey,,1952,1961,2021,\n")


def test_memberships_become_categories_with_the_date_they_were_checked(tmp_path):
    write(tmp_path, "memberships/memberships.csv", MEMBERSHIPS)
    data = data_in(tmp_path)
    germany = data.fact("eu_programmes", "germany")
    assert (germany.value, germany.band, germany.year) == ("eu_member", 5, 2026)
    assert "checked 2026-03-01" in germany.quote()
    korea = data.fact("eu_programmes", "south-korea")
    assert (korea.value, korea.band, korea.year) == ("horizon_associated", 4, 2025)  # the catalog's 'checked'
    assert data.fact("eu_programmes", "japan").band == 2
    assert data.fact("alliance", "turkey").band == 5
    japan = data.fact("alliance", "japan")
    assert japan.value == "none" and japan.band is None and japan.band_text() == "telt niet mee"
    status = next(s for s in data.status() if s.dataset.id == "eu_programmes")
    assert status.vintage == "checked 2026-03-01"


# --- derived datasets ---------------------------------------------------------------------------------------------


def test_un_voting_agreement_is_derived_from_the_votes(tmp_path):
    votes = ["rcid,session,year,importantvote,country,country_code,vote"]
    # Four roll calls in 2019, one old one in 2010 (outside the five-year period).
    for rcid, year, nl, de, cn in [(1, 2019, "yes", "yes", "no"), (2, 2019, "yes", "yes", "abstain"),
                                   (3, 2019, "no", "no", "yes"), (4, 2019, "abstain", "yes", "yes"),
                                   (5, 2010, "yes", "yes", "no")]:
        for name, code, vote in (("Netherlands", "NL", nl), ("Germany", "DE", de), ("China", "CN", cn)):
            votes.append(f"{rcid},70,{year},0,{name},{code},{vote}")
    votes.append("4,70,2019,0,Japan,JP,absent")
    write(tmp_path, "un_votes_focus.csv", "\n".join(votes) + "\n")
    data = data_in(tmp_path)
    germany = data.fact("un_voting_agreement", "germany")
    # agreement per roll call: 1, 1, 1, 1 - |2-1|/2 = 0.5 -> mean 0.875
    assert germany.value == pytest.approx(0.875) and germany.year == 2019
    china = data.fact("un_voting_agreement", "china")
    # yes/no 0, yes/abstain 0.5, no/yes 0, abstain/yes 0.5 -> 0.25
    assert china.value == pytest.approx(0.25) and china.band == 1
    assert "over 4 votes both cast" in china.quote() and "2015-2019" in china.quote()
    assert data.fact("un_voting_agreement", "japan") is None  # no vote cast
    assert data.fact("un_voting_agreement", "netherlands").value == 1.0


def test_cultural_distance_is_kogut_singh_over_the_dimensions_present(tmp_path):
    hofstede = ("ctr;country;pdi;idv;mas;uai;ltowvs;ivr\nNET;Netherlands;38;80;14;53;67;68\n"
                "GER;Germany;35;67;66;65;83;40\nJPN;Japan;54;46;95;92;88;#NULL!\nARA;Arab countries;80;38;53;68;23;34\n")
    write(tmp_path, "6-dimensions-for-website-2015-08-16.csv", hofstede)
    data = data_in(tmp_path)
    rows = [[38, 80, 14, 53, 67, 68], [35, 67, 66, 65, 83, 40], [54, 46, 95, 92, 88, None], [80, 38, 53, 68, 23, 34]]

    def var(i):
        col = [r[i] for r in rows if r[i] is not None]
        mean = sum(col) / len(col)
        return sum((x - mean) ** 2 for x in col) / len(col)

    germany = data.fact("cultural_distance", "germany")
    expected = sum((rows[1][i] - rows[0][i]) ** 2 / var(i) for i in range(6)) / 6
    assert germany.value == pytest.approx(expected) and germany.year == 2015
    japan = data.fact("cultural_distance", "japan")  # five dimensions: ivr missing
    assert japan.value == pytest.approx(sum((rows[2][i] - rows[0][i]) ** 2 / var(i) for i in range(5)) / 5)
    assert "over 5 dimensions" in japan.quote()
    assert data.fact("cultural_distance", "united-arab-emirates") is None  # only the 'Arab countries' aggregate


# --- the folder ------------------------------------------------------------------------------------------------


def test_an_empty_folder_says_what_to_download(tmp_path):
    data = data_in(tmp_path)
    assert data.facts("japan") == []
    status = data.status()
    assert {s.dataset.id for s in status} == {d.id for d in CATALOG.datasets}
    assert all(not s.found and s.dataset.download for s in status)
    gaps = data.gaps("japan", "realiseerbaarheid")
    assert len(gaps) == 4 and all("niet in de datamap" in g for g in gaps)
    assert any("Cultural distance" in g for g in data.gaps("japan", "realiseerbaarheid", "en"))


def test_the_data_folder_defaults_to_the_shared_corpus_then_the_corpus_folder(tmp_path, monkeypatch):
    from assistant.compass.indicators import data as data_module
    from assistant.compass.indicators import resolve_data_dir

    assert resolve_data_dir(Settings(compass={"data_dir": tmp_path})) == tmp_path
    assert resolve_data_dir(Settings()).parts[-3:] == ("shared", "corpus", "data")
    monkeypatch.setattr(data_module, "SHARED_DATA", Path("no-such-folder"))
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir(Settings(corpus_dir=tmp_path / "corpus")) == tmp_path / "corpus" / "data"


def test_no_data_ships_with_the_package_and_restricted_data_is_marked():
    package = Path(__file__).resolve().parents[2] / "assistant"
    assert not [p for p in package.rglob("*") if p.suffix in {".csv", ".xls", ".xlsx"}]
    assert [d.id for d in CATALOG.datasets if d.restricted] == ["cultural_distance"]
