"""The indicator catalog (``prompts/indicators.yaml``): every open dataset the compass reads, described as data.

A :class:`Dataset` says where its file is found (a file-name pattern in the indicator data folder), how it is read
(``reader``), which compass criterion and aspect its values speak to, and how a value maps onto the 1-5 rubric
(:class:`Bands`). Nothing about a particular dataset is written in code: readers are per file *format*.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from assistant.compass.schema import SCORE_MAX, SCORE_MIN

#: Number of thresholds of a banding rule: four borders make the five bands of the rubric.
THRESHOLD_COUNT = SCORE_MAX - SCORE_MIN
Direction = Literal["higher_is_better", "lower_is_better"]
Reader = Literal["worldbank", "table", "unga_agreement", "hofstede_distance"]


class Text(BaseModel):
    """A text in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Bands(BaseModel):
    """How a value maps onto the rubric: four ascending thresholds, or a band per category."""

    thresholds: list[float] | None = Field(None, description="Four ascending borders between the bands.")
    categories: dict[str, int | None] | None = Field(
        None, description="Category -> band (null: the value is shown but does not count).")

    @model_validator(mode="after")
    def _one_rule(self) -> "Bands":
        if (self.thresholds is None) == (self.categories is None):
            raise ValueError("give either 'thresholds' or 'categories'")
        if self.thresholds is not None:
            t = self.thresholds
            if len(t) != THRESHOLD_COUNT or any(a >= b for a, b in zip(t, t[1:])):
                raise ValueError(f"'thresholds' needs {THRESHOLD_COUNT} strictly ascending numbers, not {t}")
        if self.categories is not None:
            bad = {k: v for k, v in self.categories.items() if v is not None and not SCORE_MIN <= v <= SCORE_MAX}
            if bad:
                raise ValueError(f"category bands must be {SCORE_MIN}-{SCORE_MAX} or null: {bad}")
        return self

    def band(self, value: float | str, direction: Direction) -> int | None:
        """The band of ``value`` (None for a category that does not count, or a value of the wrong kind)."""
        if self.categories is not None:
            return self.categories.get(value) if isinstance(value, str) else None
        if isinstance(value, str):
            return None
        above = sum(1 for t in self.thresholds if value >= t)
        return SCORE_MIN + above if direction == "higher_is_better" else SCORE_MAX - above


#: Key types of sub-national (regional) data: the gazetteer's NUTS / ISO 3166-2 codes, or its region names.
REGIONAL_KEYS = ("region_code", "region_name")


class KeySpec(BaseModel):
    """The column that names the country (or the sub-national region), and what kind of name it holds."""

    column: str
    type: Literal["iso3", "iso2", "name", "region_code", "region_name"] = Field(
        description="ISO 3166 alpha-3 / alpha-2 code or country name; for regional data a NUTS or ISO 3166-2 "
        "code (region_code) or a region name (region_name) of a sub-national region of assistant.regions.")


class CategoryRule(BaseModel):
    """A row whose ``column`` is filled belongs to ``category`` (the first matching rule wins)."""

    column: str
    category: str


class Dataset(BaseModel):
    """One indicator: a file in the data folder, read one way, speaking to one aspect of the compass."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    short: str = Field(min_length=2, description="Name of the indicator in rationales (the validator looks for it).")
    unit: Text
    producer: str
    publisher: str | None = Field(None, description="Short name of the source in sentences ('geen waarde voor "
                                  "Taiwan bij <publisher>'); default: the producer up to its first comma.")
    licence: str
    download: str = Field(description="What to download from where when the file is missing.")
    restricted: bool = Field(False, description="No open licence: the user supplies the file.")
    reader: Reader
    file: list[str] = Field(min_length=1, description="File-name patterns searched in the data folder.")
    criterion: str
    aspect: str
    direction: Direction
    decimals: int = Field(2, ge=0, le=6)
    bands: Bands
    max_age_years: int = Field(ge=1, le=100)
    justification: str = Field(min_length=20)
    quote: str | None = Field(None, description="Template of the quotable text of a value (str.format fields).")
    value_text: Text | None = Field(None, description="How a value reads to an officer ({value} = the formatted "
                                    "number, {unit}, and the file's fields); default '{value} {unit}'.")
    missing_text: str = "-"
    # reader "table"
    key: KeySpec | None = None
    year_column: str | None = None
    columns: list[str] = Field(default_factory=list)
    reduce: Literal["first", "max", "sum"] = "first"
    categories_from: list[CategoryRule] = Field(default_factory=list)
    default_category: str | None = None
    category_labels: dict[str, Text] = Field(default_factory=dict, description="A category in words (nl, en).")
    category_short: dict[str, Text] = Field(default_factory=dict, description="A category in a table cell.")
    checked_column: str | None = None
    checked: str | None = Field(None, description="When the table was last checked (YYYY or YYYY-MM-DD).")
    # derived readers
    reference_code: str | None = None
    period_years: int | None = Field(None, ge=1, le=50)
    dimensions: list[str] = Field(default_factory=list)
    min_dimensions: int | None = Field(None, ge=1)
    codes: dict[str, str] = Field(default_factory=dict, description="Publisher's own codes -> ISO alpha-3.")
    year: int | None = None

    @field_validator("file", mode="before")
    @classmethod
    def _patterns(cls, value):
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _reader_fields(self) -> "Dataset":
        needs = {
            "table": ("key",),
            "unga_agreement": ("reference_code", "period_years"),
            "hofstede_distance": ("reference_code", "dimensions", "min_dimensions", "year"),
        }.get(self.reader, ())
        missing = [name for name in needs if not getattr(self, name)]
        if missing:
            raise ValueError(f"dataset {self.id}: reader '{self.reader}' needs {missing}")
        if self.reader == "table" and not (self.columns or self.categories_from):
            raise ValueError(f"dataset {self.id}: a table needs 'columns' or 'categories_from'")
        if self.categories_from and self.bands.categories is None:
            raise ValueError(f"dataset {self.id}: categorical values need 'bands: {{categories: ...}}'")
        if self.categories_from and not self.year_column and not self.checked:
            raise ValueError(f"dataset {self.id}: a table without 'year_column' needs 'checked' (its year)")
        return self

    def band(self, value: float | str) -> int | None:
        return self.bands.band(value, self.direction)

    @property
    def source_name(self) -> str:
        return self.publisher or self.producer.split(",")[0]

    @property
    def regional(self) -> bool:
        """True for data about sub-national regions (keyed by region code or name), not countries."""
        return self.key is not None and self.key.type in REGIONAL_KEYS

    @property
    def categorical(self) -> bool:
        return self.bands.categories is not None


class Catalog(BaseModel):
    """The parsed ``indicators.yaml``."""

    compass_version: str = Field(min_length=1)
    datasets: list[Dataset] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "Catalog":
        ids = [d.id for d in self.datasets]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"dataset ids must be unique: {dupes}")
        return self

    def get(self, dataset_id: str) -> Dataset | None:
        return next((d for d in self.datasets if d.id == dataset_id), None)

    def for_criterion(self, criterion: str) -> list[Dataset]:
        return [d for d in self.datasets if d.criterion == criterion]
