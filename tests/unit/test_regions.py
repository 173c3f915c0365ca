"""The region gazetteer: Dutch and English names, abbreviations, longest match, macro-regions."""

from __future__ import annotations

import pytest

from assistant.regions import display_name, expand, find_regions, region_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoe staat het met de persvrijheid in Zuid-Korea?", ["south-korea"]),
        ("Press freedom in South Korea", ["south-korea"]),
        ("KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)", ["north-korea"]),
        ("Samenwerking met de VS en het VK", ["united-kingdom", "united-states"]),
        ("Verenigde Arabische Emiraten", ["united-arab-emirates"]),
        ("Mensenrechten in België en Duitsland", ["belgium", "germany"]),
        ("Viet Nam and Vietnam", ["vietnam"]),
        ("Focus op Zuidoost-Azië", ["southeast-asia"]),
        ("Stokslagen in de provincie Atjeh", ["indonesia", "noord-brabant"]),
        ("the us and them", []),  # lower-case 'us' is not the United States
    ],
)
def test_find_regions(text, expected):
    assert sorted(find_regions(text)) == sorted(expected)


def test_a_named_foreign_province_beats_the_home_province():
    from assistant.retrieve.hybrid import query_regions

    assert query_regions("Hoeveel mensen kregen stokslagen in de provincie Atjeh?") == ["indonesia"]


def test_most_mentioned_first():
    assert find_regions("China, China, Japan")[0] == "china"


def test_region_of_accepts_names_and_slugs_and_rejects_unknown():
    assert region_of("Zuid-Korea").slug == "south-korea"
    assert region_of("south_korea").slug == "south-korea"
    assert region_of("VS").slug == "united-states"
    with pytest.raises(ValueError, match="Unknown region 'Atlantis'"):
        region_of("Atlantis")


def test_expand_includes_macro_regions():
    assert expand("china") == {"china", "east-asia", "asia"}
    assert {"eu", "europe"} <= expand("noord-brabant")
    assert display_name("germany", "nl") == "Duitsland" and display_name("germany", "en") == "Germany"


# --- sub-national partner regions ---------------------------------------------------------------------------------

#: The partner regions the province works with (issue 11), each below its country.
PARTNER_REGIONS = {
    "flanders": "belgium", "wallonia": "belgium", "north-rhine-westphalia": "germany", "bavaria": "germany",
    "baden-wurttemberg": "germany", "ile-de-france": "france", "auvergne-rhone-alpes": "france",
    "catalonia": "spain", "lombardy": "italy", "ontario": "canada", "quebec": "canada",
    "california": "united-states", "massachusetts": "united-states", "gyeonggi": "south-korea",
    "kansai": "japan", "hsinchu": "taiwan",
}


def test_partner_regions_sit_below_their_country_with_both_names():
    from assistant.regions import ALL, COUNTRIES, country_of, is_subregion

    countries = {c.slug for c in COUNTRIES}
    for slug, country in PARTNER_REGIONS.items():
        region = ALL[slug]
        assert region.parent == country and country in countries and is_subregion(slug)
        assert region.name_nl and region.name_en and country_of(slug) == country
        assert expand(slug) == {slug} | expand(country)  # tagged with it and with its country (and above)
    assert country_of("germany") == "germany" and not is_subregion("germany")


@pytest.mark.parametrize(("text", "expected"), [
    ("Samenwerking met Beieren op waterstof", ["bavaria"]),
    ("Bayern und Baden-Württemberg", ["baden-wurttemberg", "bavaria"]),
    ("Een missie naar Noordrijn-Westfalen (NRW)", ["north-rhine-westphalia"]),
    ("Vlaanderen en Wallonië", ["flanders", "wallonia"]),
    ("Ontario, Québec and Canada", ["canada", "ontario", "quebec"]),
    ("Catalonië, Lombardije en Île-de-France", ["catalonia", "ile-de-france", "lombardy"]),
    ("California and Massachusetts", ["california", "massachusetts"]),
    ("Gyeonggi-do, Osaka en Hsinchu", ["gyeonggi", "hsinchu", "kansai"]),
    ("Auvergne-Rhône-Alpes", ["auvergne-rhone-alpes"]),
    # City names are no aliases: these are not about a partner region.
    ("the Paris Agreement and the Montreal Protocol", []),
])
def test_find_partner_regions(text, expected):
    assert sorted(find_regions(text)) == sorted(expected)


def test_region_of_a_partner_region_is_not_its_country():
    from assistant.regions import display_label

    assert region_of("Beieren").slug == "bavaria"
    assert region_of("Noordrijn-Westfalen").slug == "north-rhine-westphalia"
    assert region_of("vlaanderen").slug == "flanders" and region_of("Duitsland").slug == "germany"
    assert display_label("bavaria", "nl") == "Beieren (Duitsland)"
    assert display_label("bavaria", "en") == "Bavaria (Germany)" and display_label("japan") == "Japan"


def test_a_question_about_a_partner_region_has_its_country_as_wider_scope():
    from assistant.retrieve.hybrid import query_regions

    assert query_regions("Wat doet Noordrijn-Westfalen aan waterstof?") == ["north-rhine-westphalia", "germany"]
    assert query_regions("Samenwerking met Beieren en Japan") == ["bavaria", "germany", "japan"]
    assert query_regions("Persvrijheid in Duitsland") == ["germany"]


def test_subregion_codes_and_names_for_regional_data():
    from assistant.regions import slug_for_code, subregion_for_code, subregion_for_name

    assert subregion_for_code("DE2") == "bavaria" and subregion_for_code("es51") == "catalonia"
    assert subregion_for_code("FR10") == subregion_for_code("FR1") == "ile-de-france"
    assert subregion_for_code("DE21") is None  # Oberbayern is a part of Bavaria, not Bavaria
    assert subregion_for_code("CA-ON") == "ontario" and slug_for_code("DE") == "germany"
    assert subregion_for_name("Bayern") == "bavaria" and subregion_for_name("Nordrhein-Westfalen") == \
        "north-rhine-westphalia"
    assert subregion_for_name("Cataluña") == "catalonia" and subregion_for_name("Deutschland") is None
