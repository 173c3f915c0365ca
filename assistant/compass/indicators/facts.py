"""One indicator value as the compass uses it: a :class:`Fact` with its band, quote, evidence id and plain text.

A fact is cited like a passage: ``chunk_id = "indicator:<dataset>:<region>:<year>"``, ``source`` = the data file
(relative to the indicator data folder), ``quote`` = :meth:`Fact.quote` (rendered from the file's own fields), and
``Evidence.indicator`` = value, year, band, unit and producer, which the validator re-reads and checks.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from assistant.compass.indicators.catalog import Dataset
from assistant.compass.indicators.readers import Observation
from assistant.compass.schema import INDICATOR_PREFIX, Evidence, IndicatorValue
from assistant.compass.texts import band_text
from assistant.i18n import norm_lang, t
from assistant.regions import display_name


def national_label(country: str, lang: str = "nl") -> str:
    """'landelijk cijfer Duitsland' (nl) / 'national figure Germany' (en)."""
    lang = norm_lang(lang)
    return t("compass.national_figure", lang, country=display_name(country, lang))

#: The arrow between a value and its band in rationales ("R&D-uitgaven 2023: 3,44 % van het bbp -> 5").
BAND_ARROW = "→"
DEFAULT_QUOTE = "{label_en}, {country}, {year}: {value} {unit_en}"


def evidence_id(dataset_id: str, region: str, year: int) -> str:
    return f"{INDICATOR_PREFIX}{dataset_id}:{region}:{year}"


def parse_evidence_id(chunk_id: str) -> tuple[str, str, int] | None:
    """(dataset, region, year) of an indicator evidence id, or None when it is not one."""
    parts = chunk_id.removeprefix(INDICATOR_PREFIX).split(":") if chunk_id.startswith(INDICATOR_PREFIX) else []
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[0], parts[1], int(parts[2])


def format_number(value: float, decimals: int, lang: str) -> str:
    """3.4412 -> '3,44' (nl) / '3.44' (en), with thousands separators ('222.452' / '222,452')."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


class _Fields(dict):
    """Template fields; an unknown field renders as the dataset's missing text instead of failing."""

    def __init__(self, values: dict[str, str], missing: str) -> None:
        super().__init__(values)
        self.missing = missing

    def __missing__(self, key: str) -> str:
        return self.missing


@dataclass(frozen=True)
class Fact:
    dataset: Dataset
    region: str
    observation: Observation
    source: str   # the data file, relative to the indicator data folder
    vintage: str
    #: Set when this is the national figure of ``region`` (a country) standing in for this sub-national region.
    for_region: str | None = None

    @property
    def year(self) -> int:
        return self.observation.year

    @property
    def value(self) -> float | str:
        return self.observation.value

    @property
    def band(self) -> int | None:
        """The band of the value as shown (rounded to the dataset's decimals): what an officer reads is banded."""
        value = self.value if isinstance(self.value, str) else round(self.value, self.dataset.decimals)
        return self.dataset.band(value)

    @property
    def evidence_id(self) -> str:
        return evidence_id(self.dataset.id, self.region, self.year)

    def value_text(self, lang: str = "nl") -> str:
        """The value as an officer reads it: a formatted number with its unit, or the category in words."""
        d = self.dataset
        if isinstance(self.value, str):
            label = d.category_labels.get(self.value)
            return label.get(lang) if label else self.value
        template = d.value_text.get(lang) if d.value_text else "{value} {unit}"
        fields = {**self.observation.fields, "value": format_number(self.value, d.decimals, lang),
                  "unit": d.unit.get(lang)}
        return " ".join(string.Formatter().vformat(template, (), _Fields(fields, d.missing_text)).split())

    def band_text(self, lang: str = "nl") -> str:
        return band_text(self.band, lang)

    @property
    def national(self) -> bool:
        """True when the value is a country's figure used for one of its sub-national regions."""
        return self.for_region is not None and self.for_region != self.region

    def rationale_line(self, lang: str = "nl") -> str:
        """'<short> <year>: <value> -> <band>': the form the validator checks in rationales; a national figure for
        a sub-national region says so before the arrow ('... (landelijk cijfer Duitsland) -> 5')."""
        label = f" ({national_label(self.region, lang)})" if self.national else ""
        return (f"{self.dataset.short} {self.year}: {self.value_text(lang)}{label} {BAND_ARROW} "
                f"{self.band_text(lang)}")

    def quote(self) -> str:
        """The quotable text of the value, rendered from the file's own fields (English, as the data)."""
        d = self.dataset
        value = self.value if isinstance(self.value, str) else f"{self.value:.{d.decimals}f}"
        fields = {**self.observation.fields, "label_en": d.label.en, "label_nl": d.label.nl,
                  "country": display_name(self.region, "en"), "year": str(self.year), "value": value,
                  "unit_en": d.unit.en}
        template = d.quote or DEFAULT_QUOTE
        return " ".join(string.Formatter().vformat(template, (), _Fields(fields, d.missing_text)).split())

    def as_evidence(self) -> Evidence:
        d = self.dataset
        value = self.value if isinstance(self.value, str) else round(self.value, d.decimals)
        return Evidence(
            chunk_id=self.evidence_id, source=self.source, page=None, quote=self.quote(), title=d.label.nl,
            date=str(self.year), aspect=d.aspect,
            indicator=IndicatorValue(dataset=d.id, value=value, year=self.year, band=self.band, unit=d.unit.nl,
                                     producer=d.producer, licence=d.licence, label=d.label.nl,
                                     text=self.value_text("nl"), national=self.region if self.national else None))
