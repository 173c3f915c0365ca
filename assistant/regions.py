"""Countries and regions: one gazetteer in Dutch and English, shared by ingest (tagging documents), retrieval
(detecting the region a question is about), and the compass (focus regions 2023-2027).

Three levels: macro-regions (Europe, East Asia, ...), countries, and the sub-national partner regions officers
work with (Bavaria, Flanders, Ontario, ...). A sub-national region's ``parent`` is its country, and its ``macro``
chain runs through that country: ``expand("bavaria") == {"bavaria", "germany", "eu", "europe"}``, so a document
tagged with Bavaria is also found under Germany (and Europe), never the other way round.

Slugs are lower-case English names with hyphens (``south-korea``), matching the corpus file names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text import fold


@dataclass(frozen=True)
class Region:
    slug: str
    name_nl: str
    name_en: str
    macro: tuple[str, ...] = ()  # macro-region slugs this country belongs to
    aliases: tuple[str, ...] = ()  # matched case-insensitively, accent-folded, on word boundaries
    abbreviations: tuple[str, ...] = field(default=())  # matched case-sensitively (VS, UK, EU)
    parent: str | None = None  # sub-national regions: the country slug
    codes: tuple[str, ...] = ()  # sub-national regions: NUTS (EU) or ISO 3166-2 codes of exactly this territory


MACROS: tuple[Region, ...] = (
    Region("europe", "Europa", "Europe", (), ("europa", "europe", "european", "europees", "europese")),
    Region("eu", "Europese Unie", "European Union", ("europe",),
           ("europese unie", "european union", "europese commissie", "european commission", "chips act",
            "chipsact", "lidstaten", "member states", "brussel", "brussels"), ("EU", "EU's")),
    Region("east-asia", "Oost-Azië", "East Asia", ("asia",), ("oost-azie", "oost azie", "east asia", "east-asia")),
    Region("southeast-asia", "Zuidoost-Azië", "South-East Asia", ("asia",),
           ("zuidoost-azie", "zuidoost azie", "south-east asia", "southeast asia", "south east asia", "asean"),
           ("ASEAN",)),
    Region("south-asia", "Zuid-Azië", "South Asia", ("asia",), ("zuid-azie", "south asia")),
    Region("asia", "Azië", "Asia", (), ("azie", "asia", "aziatische", "asian")),
    Region("north-america", "Noord-Amerika", "North America", (), ("noord-amerika", "north america")),
    Region("latin-america", "Latijns-Amerika", "Latin America", (), ("latijns-amerika", "latin america")),
    Region("middle-east", "Midden-Oosten", "Middle East", (), ("midden-oosten", "middle east", "golfregio")),
    Region("africa", "Afrika", "Africa", (), ("afrika", "africa")),
)

_EU = ("eu", "europe")
COUNTRIES: tuple[Region, ...] = (
    # "Het kabinet", "de provincie": in this product the government and the province are the asker's own.
    Region("netherlands", "Nederland", "Netherlands", _EU,
           ("nederland", "netherlands", "the netherlands", "holland", "dutch", "nederlandse", "kabinet",
            "rijksoverheid", "tweede kamer", "kamerbrief", "staatssecretaris", "dutch government"), ("NL",)),
    Region("noord-brabant", "Noord-Brabant", "North Brabant", ("netherlands", "eu", "europe"),
           ("noord-brabant", "brabant", "brabantse", "north brabant", "brainport", "eindhoven", "de provincie",
            "the province", "provinciale staten", "gedeputeerde staten", "provincial")),
    Region("belgium", "België", "Belgium", _EU, ("belgie", "belgium", "belgian")),
    Region("germany", "Duitsland", "Germany", _EU, ("duitsland", "germany", "german", "duitse", "bondsrepubliek")),
    Region("france", "Frankrijk", "France", _EU, ("frankrijk", "france", "french", "franse")),
    Region("poland", "Polen", "Poland", _EU, ("polen", "poland", "polish", "poolse")),
    Region("denmark", "Denemarken", "Denmark", _EU, ("denemarken", "denmark", "danish", "deense")),
    Region("sweden", "Zweden", "Sweden", _EU, ("zweden", "sweden", "swedish", "zweedse")),
    Region("finland", "Finland", "Finland", _EU, ("finland", "finnish", "finse")),
    Region("spain", "Spanje", "Spain", _EU, ("spanje", "spain", "spanish", "spaanse")),
    Region("italy", "Italië", "Italy", _EU, ("italie", "italy", "italian", "italiaanse")),
    Region("austria", "Oostenrijk", "Austria", _EU, ("oostenrijk", "austria", "austrian")),
    Region("ireland", "Ierland", "Ireland", _EU, ("ierland", "ireland", "irish")),
    Region("czechia", "Tsjechië", "Czechia", _EU, ("tsjechie", "czechia", "czech republic", "czech")),
    Region("united-kingdom", "Verenigd Koninkrijk", "United Kingdom", ("europe",),
           ("verenigd koninkrijk", "united kingdom", "groot-brittannie", "great britain", "britain", "british",
            "britse", "engeland", "england", "scotland", "schotland", "wales", "northern ireland"),
           ("UK", "VK", "U.K.")),
    Region("turkey", "Turkije", "Türkiye", ("europe", "middle-east"), ("turkije", "turkey", "turkiye", "turkish",
                                                                        "turkse")),
    Region("china", "China", "China", ("east-asia", "asia"),
           ("china", "chinese", "volksrepubliek china", "people's republic of china", "xinjiang", "tibet",
            "hong kong", "beijing", "peking", "shanghai", "shenzhen", "uyghur", "uyghurs", "oeigoeren"), ("PRC", "VRC")),
    Region("taiwan", "Taiwan", "Taiwan", ("east-asia", "asia"), ("taiwan", "taiwanese", "taiwanese", "taipei")),
    Region("japan", "Japan", "Japan", ("east-asia", "asia"), ("japan", "japanese", "japanse", "tokyo", "tokio")),
    Region("south-korea", "Zuid-Korea", "South Korea", ("east-asia", "asia"),
           ("zuid-korea", "zuid korea", "south korea", "republic of korea", "korea (republic of)", "korea",
            "korean", "koreaanse", "seoul"),
           ("ROK",)),
    Region("north-korea", "Noord-Korea", "North Korea", ("east-asia", "asia"),
           ("noord-korea", "north korea", "democratic people's republic of korea", "korea (democratic people's",
            "pyongyang"), ("DPRK",)),
    Region("singapore", "Singapore", "Singapore", ("southeast-asia", "asia"), ("singapore", "singaporean",
                                                                                "singaporese", "singapur")),
    Region("malaysia", "Maleisië", "Malaysia", ("southeast-asia", "asia"), ("maleisie", "malaysia", "malaysian",
                                                                              "maleisische", "kuala lumpur")),
    Region("indonesia", "Indonesië", "Indonesia", ("southeast-asia", "asia"),
           ("indonesie", "indonesia", "indonesian", "indonesische", "jakarta", "papua", "atjeh", "aceh")),
    Region("vietnam", "Vietnam", "Vietnam", ("southeast-asia", "asia"), ("vietnam", "viet nam", "vietnamese",
                                                                          "vietnamese", "vietnamees", "hanoi")),
    Region("philippines", "Filipijnen", "Philippines", ("southeast-asia", "asia"),
           ("filipijnen", "philippines", "filipino", "filipijnse", "manila")),
    Region("thailand", "Thailand", "Thailand", ("southeast-asia", "asia"), ("thailand", "thai", "thaise",
                                                                             "bangkok")),
    Region("india", "India", "India", ("south-asia", "asia"), ("india", "indian", "indiase", "new delhi")),
    Region("israel", "Israël", "Israel", ("middle-east",), ("israel", "israeli", "israelische", "gaza",
                                                              "west bank", "westelijke jordaanoever")),
    Region("united-arab-emirates", "Verenigde Arabische Emiraten", "United Arab Emirates", ("middle-east",),
           ("verenigde arabische emiraten", "united arab emirates", "emirates", "emiraten", "emirati", "dubai",
            "abu dhabi"), ("UAE", "VAE")),
    Region("united-states", "Verenigde Staten", "United States", ("north-america",),
           ("verenigde staten", "united states", "amerikaanse", "american", "amerika", "america", "usa",
            "washington"), ("VS", "US", "U.S.", "USA")),
    Region("canada", "Canada", "Canada", ("north-america",), ("canada", "canadian", "canadese")),
    Region("mexico", "Mexico", "Mexico", ("north-america", "latin-america"), ("mexico", "mexican", "mexicaanse")),
)



def _sub(slug: str, name_nl: str, name_en: str, parent: str, codes: tuple[str, ...], aliases: tuple[str, ...],
         abbreviations: tuple[str, ...] = ()) -> Region:
    return Region(slug, name_nl, name_en, (parent,), aliases, abbreviations, parent=parent, codes=codes)


#: Sub-national partner regions. Codes: NUTS 2021 (EU; the level at which the territory is one unit: NUTS-1 for
#: the Belgian regions, the German Länder and the French régions, NUTS-2 for Catalonia and Lombardy) or ISO 3166-2;
#: none where no single code covers the region (Kansai spans six prefectures; Hsinchu is a city and a county).
#: City names are no aliases: "Paris Agreement", "Montreal Protocol" or "Munich Security Conference" are not
#: about the region.
SUBREGIONS: tuple[Region, ...] = (
    _sub("flanders", "Vlaanderen", "Flanders", "belgium", ("BE2",),
         ("vlaanderen", "flanders", "vlaams gewest", "flemish region", "vlaamse overheid", "flemish government")),
    _sub("wallonia", "Wallonië", "Wallonia", "belgium", ("BE3",),
         ("wallonie", "wallonia", "waals gewest", "walloon region", "region wallonne")),
    _sub("north-rhine-westphalia", "Noordrijn-Westfalen", "North Rhine-Westphalia", "germany", ("DEA",),
         ("noordrijn-westfalen", "noordrijn westfalen", "nordrhein-westfalen", "north rhine-westphalia",
          "north rhine westphalia", "north-rhine westphalia"), ("NRW",)),
    _sub("bavaria", "Beieren", "Bavaria", "germany", ("DE2",),
         ("beieren", "bavaria", "bayern", "freistaat bayern", "bavarian", "beierse")),
    _sub("baden-wurttemberg", "Baden-Württemberg", "Baden-Württemberg", "germany", ("DE1",),
         ("baden-wurttemberg", "baden-wuerttemberg", "baden wurttemberg")),
    _sub("ile-de-france", "Île-de-France", "Île-de-France", "france", ("FR1", "FR10"),
         ("ile-de-france", "ile de france")),
    _sub("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "france", ("FRK",),
         ("auvergne-rhone-alpes", "auvergne rhone alpes")),
    _sub("catalonia", "Catalonië", "Catalonia", "spain", ("ES51",),
         ("catalonie", "catalonia", "catalunya", "cataluna", "generalitat de catalunya")),
    _sub("lombardy", "Lombardije", "Lombardy", "italy", ("ITC4",), ("lombardije", "lombardy", "lombardia")),
    _sub("ontario", "Ontario", "Ontario", "canada", ("CA-ON",), ("ontario",)),
    _sub("quebec", "Quebec", "Quebec", "canada", ("CA-QC",), ("quebec",)),
    _sub("california", "Californië", "California", "united-states", ("US-CA",), ("californie", "california")),
    _sub("massachusetts", "Massachusetts", "Massachusetts", "united-states", ("US-MA",), ("massachusetts",)),
    _sub("gyeonggi", "Gyeonggi", "Gyeonggi", "south-korea", ("KR-41",),
         ("gyeonggi", "gyeonggi-do", "gyeonggi province", "provincie gyeonggi")),
    _sub("kansai", "Kansai", "Kansai", "japan", (), ("kansai", "kansai region", "osaka", "regio kansai")),
    _sub("hsinchu", "Hsinchu", "Hsinchu", "taiwan", (),
         ("hsinchu", "hsinchu science park", "hsinchu science-based industrial park")),
)

ALL: dict[str, Region] = {r.slug: r for r in MACROS + COUNTRIES + SUBREGIONS}

#: ISO 3166 alpha-3 and alpha-2 codes of the countries (the keys of open indicator data). Noord-Brabant is a
#: province, not a country: it has none. Taiwan has codes (TWN, TW) but is absent from World Bank and UN data.
ISO_CODES: dict[str, tuple[str, str]] = {
    "netherlands": ("NLD", "NL"), "belgium": ("BEL", "BE"), "germany": ("DEU", "DE"), "france": ("FRA", "FR"),
    "poland": ("POL", "PL"), "denmark": ("DNK", "DK"), "sweden": ("SWE", "SE"), "finland": ("FIN", "FI"),
    "spain": ("ESP", "ES"), "italy": ("ITA", "IT"), "austria": ("AUT", "AT"), "ireland": ("IRL", "IE"),
    "czechia": ("CZE", "CZ"), "united-kingdom": ("GBR", "GB"), "turkey": ("TUR", "TR"), "china": ("CHN", "CN"),
    "taiwan": ("TWN", "TW"), "japan": ("JPN", "JP"), "south-korea": ("KOR", "KR"), "north-korea": ("PRK", "KP"),
    "singapore": ("SGP", "SG"), "malaysia": ("MYS", "MY"), "indonesia": ("IDN", "ID"), "vietnam": ("VNM", "VN"),
    "philippines": ("PHL", "PH"), "thailand": ("THA", "TH"), "india": ("IND", "IN"), "israel": ("ISR", "IL"),
    "united-arab-emirates": ("ARE", "AE"), "united-states": ("USA", "US"), "canada": ("CAN", "CA"),
    "mexico": ("MEX", "MX"),
}


def iso3(slug: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country slug (None for macro-regions and provinces)."""
    codes = ISO_CODES.get(slug)
    return codes[0] if codes else None


@lru_cache(maxsize=4096)
def slug_for_code(code: str) -> str | None:
    """The country slug of an ISO alpha-3 or alpha-2 code (case-insensitive), or None."""
    code = code.strip().upper()
    return next((slug for slug, pair in ISO_CODES.items() if code in pair), None)


#: Other names of countries in data files (not aliases: those include cities and provinces, e.g. Hong Kong).
NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "turkey": ("turkey", "turkiye"), "south-korea": ("south korea", "korea, rep.", "republic of korea",
                                                     "korea, republic of"),
    "vietnam": ("viet nam",), "czechia": ("czech republic",), "united-states": ("united states of america", "usa"),
    "united-kingdom": ("great britain",), "north-korea": ("korea, dem. people's rep.",),
    "taiwan": ("taiwan, province of china",),
}


@lru_cache(maxsize=4096)
def slug_for_name(name: str) -> str | None:
    """The country slug whose Dutch or English name (or a variant in NAME_VARIANTS) is exactly ``name``."""
    key = fold(name.strip())
    for region in COUNTRIES:
        names = {fold(region.name_nl), fold(region.name_en), *NAME_VARIANTS.get(region.slug, ())}
        if region.slug in ISO_CODES and key in names:
            return region.slug
    return None


@lru_cache(maxsize=4096)
def subregion_for_code(code: str) -> str | None:
    """The sub-national region whose NUTS or ISO 3166-2 code is exactly ``code`` (case-insensitive), or None.

    A code of a part of a region (NUTS-2 DE21 Oberbayern) is not the region (DE2 Bayern)."""
    code = code.strip().upper()
    return next((r.slug for r in SUBREGIONS if code in r.codes), None)


@lru_cache(maxsize=4096)
def subregion_for_name(name: str) -> str | None:
    """The sub-national region named exactly ``name`` (Dutch or English name or an alias, e.g. 'Bayern')."""
    key = fold(name.strip())
    return next((r.slug for r in SUBREGIONS if key in {fold(r.name_nl), fold(r.name_en), *r.aliases}), None)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], re.Pattern[str] | None, str]]:
    out = []
    for region in ALL.values():
        names = {fold(region.name_nl), fold(region.name_en), *region.aliases}
        words = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
        ci = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")
        cs = None
        if region.abbreviations:
            abbr = "|".join(re.escape(a) for a in region.abbreviations)
            cs = re.compile(rf"(?<![\w.-])(?:{abbr})(?![\w-])")
        out.append((ci, cs, region.slug))
    return out


def find_regions(text: str) -> list[str]:
    """Region slugs named in the text, most mentioned first (countries before macro-regions on ties).

    Overlapping names resolve to the longest ("North Korea" is not also "Korea").
    """
    folded = fold(text)
    spans: list[tuple[int, int, str]] = []
    for ci, cs, slug in _patterns():
        spans.extend((m.start(), m.end(), slug) for m in ci.finditer(folded))
        if cs:
            # Folding keeps offsets for these ASCII abbreviations only approximately; they never overlap names.
            spans.extend((-1 - m.start(), -1 - m.start(), slug) for m in cs.finditer(text))
    taken: list[tuple[int, int]] = []
    counts: dict[str, int] = {}
    for start, end, slug in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if end > start and any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        counts[slug] = counts.get(slug, 0) + 1
    macro = {m.slug for m in MACROS}
    return sorted(counts, key=lambda s: (-counts[s], s in macro, s))


def region_of(name_or_slug: str) -> Region:
    """Resolve a user-supplied region ("Zuid-Korea", "south-korea", "VS") to a Region, or raise ValueError."""
    key = fold(name_or_slug.strip()).replace("_", "-")
    if key in ALL:
        return ALL[key]
    found = find_regions(name_or_slug)
    if found:
        return ALL[found[0]]
    known = ", ".join(sorted(r.slug for r in COUNTRIES + SUBREGIONS))
    raise ValueError(f"Unknown region {name_or_slug!r}. Use a country or region name, e.g.: {known}.")


def expand(slug: str) -> set[str]:
    """The slug plus every macro-region it belongs to (china -> {china, east-asia, asia})."""
    seen: set[str] = set()
    todo = [slug]
    while todo:
        current = todo.pop()
        if current in seen or current not in ALL:
            continue
        seen.add(current)
        todo.extend(ALL[current].macro)
    return seen


def display_name(slug: str, lang: str = "nl") -> str:
    region = ALL.get(slug)
    if region is None:
        return slug
    return region.name_nl if lang == "nl" else region.name_en


def country_of(slug: str) -> str:
    """The country of a sub-national region; any other slug itself."""
    region = ALL.get(slug)
    return region.parent if region is not None and region.parent else slug


def is_subregion(slug: str) -> bool:
    region = ALL.get(slug)
    return region is not None and region.parent is not None


def display_label(slug: str, lang: str = "nl") -> str:
    """The name, with the country for a sub-national region: 'Beieren (Duitsland)'."""
    name = display_name(slug, lang)
    return f"{name} ({display_name(country_of(slug), lang)})" if is_subregion(slug) else name
