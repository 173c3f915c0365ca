"""The indicator data folder: find each dataset's file, read it once, answer "what is the value for this region".

    data = IndicatorData(definition.indicators, resolve_data_dir(settings))
    fact = data.fact("rd_expenditure", "japan")          # latest value, or None
    data.fact_by_id("indicator:pts:china:2021")           # the value an evidence id points at (validator)
    data.status()                                        # per dataset: file, vintage, coverage, or how to get it

Files are found by their publisher's file-name pattern anywhere under the folder; when several match (an officer
dropped in this year's download beside last year's) the newest vintage wins and the others are listed as ignored.
Tables are cached per file and modification time, so a replaced file is read again.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant.compass.indicators.catalog import Catalog, Dataset
from assistant.compass.indicators.facts import Fact, parse_evidence_id
from assistant.compass.indicators.readers import DataFileError, Table, read
from assistant.i18n import t
from assistant.regions import ISO_CODES, SUBREGIONS, country_of, display_name

#: Where the project's shared corpus keeps open data, relative to the project folder and to the working folder.
SHARED_DATA = Path("..") / "shared" / "corpus" / "data"
#: The data folder inside the corpus folder, used when there is no shared corpus.
CORPUS_DATA = "data"


def coverage_keys(dataset: Dataset) -> list[str]:
    """What a dataset's coverage is counted over: the sub-national regions for regional data, else the countries."""
    return [r.slug for r in SUBREGIONS] if dataset.regional else list(ISO_CODES)

_CACHE: dict[tuple, Table] = {}
_CACHE_LOCK = threading.Lock()


def resolve_data_dir(settings) -> Path:
    """``settings.compass.data_dir``; else ``../shared/corpus/data`` beside the project (or the working folder)
    when it exists; else ``<corpus folder>/data``."""
    configured = getattr(settings.compass, "data_dir", None)
    if configured:
        return Path(configured)
    from assistant.settings import PROJECT_ROOT

    for base in (PROJECT_ROOT, Path.cwd()):
        candidate = (base / SHARED_DATA).resolve()
        if candidate.is_dir():
            return candidate
    return Path(settings.corpus_dir) / CORPUS_DATA


#: The texts ``compass.vintage_<word>``: readers describe a vintage in English ("last updated 2026-07-13", "years
#: to 2023"); in Dutch the English opening words (the text's "en") are replaced by its "nl".
VINTAGE_WORDS = ("last_updated", "years_to", "checked", "votes", "version", "no_values")


def vintage_text(vintage: str | None, lang: str = "nl") -> str:
    if not vintage or lang == "en":
        return vintage or ""
    for word in VINTAGE_WORDS:
        english, dutch = t(f"compass.vintage_{word}", "en"), t(f"compass.vintage_{word}", "nl")
        if vintage.startswith(english):
            return dutch + vintage[len(english):]
    return vintage


def _vintage_key(table: Table) -> tuple:
    span = table.years()
    return (table.vintage if table.vintage.startswith(("last updated", "checked")) else "",
            span[1] if span else 0, table.path.stat().st_mtime)


@dataclass
class DatasetStatus:
    """What ``assistant data`` shows for one dataset."""

    dataset: Dataset
    file: str | None = None
    ignored: list[str] = field(default_factory=list)
    vintage: str | None = None
    years: tuple[int, int] | None = None
    covered: list[str] = field(default_factory=list)     # gazetteer countries (regional data: regions) with a value
    uncovered: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def found(self) -> bool:
        return self.file is not None and self.error is None

    def as_dict(self) -> dict:
        d = self.dataset
        return {"id": d.id, "label": d.label.nl, "label_en": d.label.en, "producer": d.producer, "licence": d.licence,
                "restricted": d.restricted, "criterion": d.criterion, "aspect": d.aspect, "found": self.found,
                "file": self.file, "ignored": self.ignored, "vintage": self.vintage,
                "vintage_nl": vintage_text(self.vintage, "nl"),
                "years": list(self.years) if self.years else None, "covered": len(self.covered),
                "countries": len(coverage_keys(d)), "missing_countries": self.uncovered, "error": self.error,
                "level": "regional" if d.regional else "national",
                "download": d.download, "max_age_years": d.max_age_years}


class IndicatorData:
    """The datasets of a catalog as found in one data folder."""

    def __init__(self, catalog: Catalog, data_dir: Path | str) -> None:
        self.catalog = catalog
        self.data_dir = Path(data_dir)
        self.errors: dict[str, str] = {}

    # -- files ------------------------------------------------------------------------------------------------------
    def candidates(self, dataset: Dataset) -> list[Path]:
        if not self.data_dir.is_dir():
            return []
        found = {p for pattern in dataset.file for p in self.data_dir.rglob(pattern) if p.is_file()}
        return sorted(found)

    def _read(self, dataset: Dataset, path: Path) -> Table:
        stat = path.stat()
        key = (dataset.model_dump_json(), str(path), stat.st_mtime_ns, stat.st_size)
        with _CACHE_LOCK:
            if key in _CACHE:
                return _CACHE[key]
        table = read(dataset, path)
        with _CACHE_LOCK:
            _CACHE[key] = table
        return table

    def table(self, dataset: Dataset) -> Table | None:
        """The newest readable file of the dataset, or None (missing, or unreadable: see ``errors``)."""
        tables = []
        for path in self.candidates(dataset):
            try:
                tables.append(self._read(dataset, path))
            except (DataFileError, OSError) as exc:
                self.errors[dataset.id] = str(exc)
        if not tables:
            return None
        self.errors.pop(dataset.id, None)
        return max(tables, key=_vintage_key)

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return path.as_posix()

    # -- facts ------------------------------------------------------------------------------------------------------
    def _fact(self, dataset: Dataset, region: str, table: Table, year: int | None) -> Fact | None:
        rows = table.rows.get(region, [])
        if year is not None:
            rows = [o for o in rows if o.year == year]
        if not rows:
            return None
        return Fact(dataset, region, rows[-1], self.relative(table.path), table.vintage)

    def fact(self, dataset_id: str, region: str) -> Fact | None:
        """The latest value of the dataset for the region, or None."""
        dataset = self.catalog.get(dataset_id)
        table = self.table(dataset) if dataset else None
        return self._fact(dataset, region, table, None) if table else None

    def fact_or_national(self, dataset_id: str, region: str) -> Fact | None:
        """The region's own latest value; for a sub-national region without one, its country's latest value as a
        national figure (``Fact.national``); else None."""
        fact = self.fact(dataset_id, region)
        country = country_of(region)
        if fact is None and country != region:
            national = self.fact(dataset_id, country)
            fact = dataclasses.replace(national, for_region=region) if national is not None else None
        return fact

    def fact_by_id(self, chunk_id: str) -> Fact | None:
        """The value an ``indicator:<dataset>:<region>:<year>`` id points at, re-read from the current file."""
        parsed = parse_evidence_id(chunk_id)
        dataset = self.catalog.get(parsed[0]) if parsed else None
        table = self.table(dataset) if dataset else None
        return self._fact(dataset, parsed[1], table, parsed[2]) if table else None

    def facts(self, region: str, criterion: str | None = None) -> list[Fact]:
        """The latest value of every dataset (of one criterion) that has one for the region, in catalog order; for
        a sub-national region a dataset without a value of its own gives the country's (a national figure)."""
        out = []
        for dataset in self.catalog.datasets:
            if criterion is None or dataset.criterion == criterion:
                fact = self.fact_or_national(dataset.id, region)
                if fact is not None:
                    out.append(fact)
        return out

    def gaps(self, region: str, criterion: str, lang: str = "nl") -> list[str]:
        """Plain-language lines for the datasets of a criterion that give no value for the region, and why."""
        out = []
        for dataset in self.catalog.for_criterion(criterion):
            table = self.table(dataset)
            if table is None and dataset.id in self.errors:
                why = t("compass.gap_unreadable", lang, error=self.errors[dataset.id])
            elif table is None:
                why = t("compass.gap_absent", lang)
            elif not table.rows.get(region) and not table.rows.get(country_of(region)):
                key = "no_value" if country_of(region) == region else "no_value_sub"
                why = t(f"compass.gap_{key}", lang, region=display_name(region, lang), producer=dataset.source_name,
                        country=display_name(country_of(region), lang))
            else:
                continue
            out.append(f"{dataset.label.get(lang)}: {why}")
        return out

    # -- overview ---------------------------------------------------------------------------------------------------
    def status(self) -> list[DatasetStatus]:
        out = []
        for dataset in self.catalog.datasets:
            st = DatasetStatus(dataset)
            paths = self.candidates(dataset)
            table = self.table(dataset)
            st.error = self.errors.get(dataset.id) if table is None else None
            if table is not None:
                st.file = self.relative(table.path)
                st.ignored = [self.relative(p) for p in paths if p != table.path]
                st.vintage, st.years = table.vintage, table.years()
                keys = coverage_keys(dataset)
                st.covered = sorted(s for s in keys if table.rows.get(s))
                st.uncovered = sorted(s for s in keys if not table.rows.get(s))
            elif paths:
                st.file = self.relative(paths[0])
            out.append(st)
        return out

    def counted_facts(self, region: str) -> int:
        """How many values of the region count towards a score (for the region list)."""
        return sum(1 for f in self.facts(region) if f.band is not None)


def indicator_data(definition, settings) -> IndicatorData:
    """The indicator data of a compass definition, in the data folder the settings point at."""
    return IndicatorData(definition.indicators, resolve_data_dir(settings))
