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
