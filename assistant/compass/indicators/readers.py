"""Readers for the publishers' file formats: each turns one file into country -> yearly observations.

- ``worldbank``: the World Bank bulk CSV (``API_<code>_DS2_en_csv_v2_*.csv``), with or without its four lines of
  "Data Source" / "Last Updated Date" header; one column per year.
- ``table``: any CSV (comma or semicolon) with a country column, an optional year column and value columns, reduced
  to one number per country-year (first/max/sum), or categorical rows (``categories_from``).
- ``unga_agreement``: UN General Assembly roll-call votes (rcid, year, country_code, vote) -> agreement with the
  reference country over the last ``period_years`` years of the file (method in :func:`read_unga_agreement`).
- ``hofstede_distance``: Hofstede's dimension scores -> Kogut-Singh cultural distance to the reference country.

Only countries of the gazetteer (:data:`assistant.regions.ISO_CODES`) are kept; a ``table`` keyed by region code or
name (regional data such as the EU Regional Innovation Scoreboard) keeps the gazetteer's sub-national regions.
Readers raise :class:`DataFileError` with a message that names the file and what is wrong with it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import pvariance

from assistant.compass.indicators.catalog import Dataset
from assistant.regions import slug_for_code, slug_for_name, subregion_for_code, subregion_for_name

#: Cell values that mean "no value" in the publishers' files.
MISSING_MARKERS = frozenset({"", "na", "nan", "..", "#null!", "null", "none", "n/a"})
#: How the UN votes are coded for the agreement measure (Voeten's "agree": 1 - |a - b| / 2).
VOTE_CODES = {"yes": 1, "abstain": 2, "no": 3}
VOTE_SPREAD = 2
WORLDBANK_HEADER = "Country Name"
WORLDBANK_UPDATED = "Last Updated Date"


class DataFileError(ValueError):
    """A data file cannot be read as its dataset describes; the message says which file and why."""


@dataclass(frozen=True)
class Observation:
    """One value of one country in one year, with the raw fields its quote is rendered from."""

    year: int
    value: float | str
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Table:
    """What a reader found in one file."""

    path: Path
    vintage: str
    rows: dict[str, list[Observation]] = field(default_factory=dict)  # region slug -> oldest first

    def years(self) -> tuple[int, int] | None:
        years = [o.year for obs in self.rows.values() for o in obs]
        return (min(years), max(years)) if years else None


def _missing(cell: str | None) -> bool:
    return cell is None or cell.strip().casefold() in MISSING_MARKERS


def _number(cell: str | None) -> float | None:
    if _missing(cell):
        return None
    try:
        return float(cell.strip().replace(",", "."))
    except ValueError:
        return None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror}.") from exc


def _dict_rows(path: Path, required: list[str]) -> list[dict[str, str]]:
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    absent = [c for c in required if c not in (reader.fieldnames or [])]
    if absent:
        have = ", ".join((reader.fieldnames or [])[:12]) or "no header"
        raise DataFileError(f"{path.name} lacks the columns {absent} (it has: {have}); is it the publisher's "
                            "file this dataset describes?")
    return list(reader)


_KEYS = {"name": slug_for_name, "region_code": subregion_for_code, "region_name": subregion_for_name}


def _slug(cell: str, key_type: str) -> str | None:
    cell = (cell or "").strip()
    if not cell:
        return None
    return _KEYS.get(key_type, slug_for_code)(cell)


def _add(rows: dict[str, list[Observation]], slug: str, obs: Observation) -> None:
    rows.setdefault(slug, []).append(obs)


def _sorted(rows: dict[str, list[Observation]]) -> dict[str, list[Observation]]:
    return {slug: sorted(obs, key=lambda o: o.year) for slug, obs in rows.items()}


# --- World Bank bulk CSV -----------------------------------------------------------------------------------------


def read_worldbank(dataset: Dataset, path: Path) -> Table:
    lines = list(csv.reader(io.StringIO(_text(path))))
    header_at = next((i for i, row in enumerate(lines) if row and row[0].strip() == WORLDBANK_HEADER), None)
    if header_at is None:
        raise DataFileError(f"{path.name} has no '{WORLDBANK_HEADER}' header row: not a World Bank bulk CSV.")
    updated = next((row[1].strip() for row in lines[:header_at] if len(row) > 1 and row[0] == WORLDBANK_UPDATED),
                   None)
    header = lines[header_at]
    years = [(i, int(h)) for i, h in enumerate(header) if h.strip().isdigit()]
    rows: dict[str, list[Observation]] = {}
    for row in lines[header_at + 1:]:
        if len(row) < len(header) or not (slug := _slug(row[1], "iso3")):
            continue
        for i, year in years:
            value = _number(row[i])
            if value is not None:
                _add(rows, slug, Observation(year, value, {"Indicator Name": row[2]}))
    table = Table(path, "", _sorted(rows))
    span = table.years()
    table.vintage = f"last updated {updated}" if updated else (f"years to {span[1]}" if span else "no values")
    return table


# --- any CSV table -------------------------------------------------------------------------------------------------


def _reduce(values: list[float], how: str) -> float:
    return max(values) if how == "max" else sum(values) if how == "sum" else values[0]


def _checked_year(dataset: Dataset, rec: dict[str, str]) -> tuple[int, str]:
    checked = (rec.get(dataset.checked_column or "") or "").strip() or (dataset.checked or "")
    if not checked[:4].isdigit():
        raise DataFileError(f"dataset {dataset.id}: no check date for {rec}; fill '{dataset.checked_column}' "
                            "(YYYY-MM-DD) or set 'checked' in indicators.yaml.")
    return int(checked[:4]), checked


def read_table(dataset: Dataset, path: Path) -> Table:
    key = dataset.key
    required = [key.column] + ([dataset.year_column] if dataset.year_column else []) + dataset.columns + \
        [r.column for r in dataset.categories_from]
    rows: dict[str, list[Observation]] = {}
    checked_dates: list[str] = []
    for rec in _dict_rows(path, required):
        slug = _slug(rec.get(key.column, ""), key.type)
        if slug is None:
            continue
        fields = {k: (dataset.missing_text if _missing(v) else v.strip()) for k, v in rec.items() if k}
        if dataset.categories_from:
            year, checked = _checked_year(dataset, rec)
            checked_dates.append(checked)
            fields["checked"] = checked
            category = next((r.category for r in dataset.categories_from if not _missing(rec.get(r.column))),
                            dataset.default_category)
            if category is not None:
                _add(rows, slug, Observation(year, category, fields))
            continue
        year_cell = rec.get(dataset.year_column or "", "")
        if not year_cell.strip().isdigit():
            continue
        present = [v for v in (_number(rec.get(c)) for c in dataset.columns) if v is not None]
        if present:
            _add(rows, slug, Observation(int(year_cell), _reduce(present, dataset.reduce), fields))
    table = Table(path, "", _sorted(rows))
    span = table.years()
    table.vintage = (f"checked {max(checked_dates)}" if checked_dates else
                     f"years to {span[1]}" if span else "no values")
    return table


# --- derived: UN voting agreement --------------------------------------------------------------------------------


def read_unga_agreement(dataset: Dataset, path: Path) -> Table:
    """Agreement of each country with the reference country in the General Assembly.

    Method: the roll calls of the last ``period_years`` years in the file; votes coded yes=1, abstain=2, no=3
    (absences are not votes); for every roll call both countries voted in, agreement 1 - |a - b| / 2; the mean over
    those roll calls. The observation's year is the period's last year.
    """
    votes: dict[str, dict[str, int]] = defaultdict(dict)
    years: dict[str, int] = {}
    lines = csv.reader(io.StringIO(_text(path)))
    header = next(lines, [])
    try:
        rcid_at, year_at, code_at, vote_at = (header.index(c) for c in ("rcid", "year", "country_code", "vote"))
    except ValueError as exc:
        raise DataFileError(f"{path.name} lacks one of the columns rcid, year, country_code, vote (it has: "
                            f"{', '.join(header[:12])}).") from exc
    for row in lines:
        code = VOTE_CODES.get(row[vote_at].strip().casefold()) if len(row) > vote_at else None
        year = _number(row[year_at]) if code is not None else None
        if year is None:
            continue
        votes[row[code_at].strip().upper()][row[rcid_at]] = code
        years[row[rcid_at]] = int(year)
    if not years:
        raise DataFileError(f"{path.name} holds no yes/no/abstain votes.")
    last = max(years.values())
    first = last - dataset.period_years + 1
    period = {rcid for rcid, year in years.items() if year >= first}
    reference = votes.get(dataset.reference_code.upper())
    if not reference:
        raise DataFileError(f"{path.name} has no votes of the reference country {dataset.reference_code}.")
    rows: dict[str, list[Observation]] = {}
    for code, cast in votes.items():
        slug = slug_for_code(code)
        joint = [rcid for rcid in period if rcid in cast and rcid in reference]
        if slug is None or not joint:
            continue
        agree = sum(1 - abs(cast[r] - reference[r]) / VOTE_SPREAD for r in joint) / len(joint)
        _add(rows, slug, Observation(last, agree, {"period": f"{first}-{last}", "n_votes": str(len(joint))}))
    return Table(path, f"votes {min(years.values())}-{last}", rows)


# --- derived: Hofstede cultural distance -------------------------------------------------------------------------


def read_hofstede_distance(dataset: Dataset, path: Path) -> Table:
    """Kogut-Singh distance to the reference country: mean over the dimensions both have (at least
    ``min_dimensions``) of (score - reference score)^2 / variance of the dimension over all rows of the file."""
    records = _dict_rows(path, ["ctr", *dataset.dimensions])
    scores = {rec["ctr"].strip(): {d: _number(rec[d]) for d in dataset.dimensions} for rec in records}
    variance = {}
    for d in dataset.dimensions:
        column = [s[d] for s in scores.values() if s[d] is not None]
        variance[d] = pvariance(column) if len(column) > 1 else 0.0
    reference = scores.get(dataset.reference_code)
    if reference is None:
        raise DataFileError(f"{path.name} has no row '{dataset.reference_code}' (the reference country).")
    rows: dict[str, list[Observation]] = {}
    for code, iso in dataset.codes.items():
        own = scores.get(code)
        slug = slug_for_code(iso)
        if own is None or slug is None:
            continue
        dims = [d for d in dataset.dimensions
                if own[d] is not None and reference[d] is not None and variance[d] > 0]
        if len(dims) < dataset.min_dimensions:
            continue
        distance = sum((own[d] - reference[d]) ** 2 / variance[d] for d in dims) / len(dims)
        _add(rows, slug, Observation(dataset.year, distance, {"n_dimensions": str(len(dims)),
                                                              "dimensions": ", ".join(dims)}))
    return Table(path, f"version {dataset.year}", rows)


READERS = {"worldbank": read_worldbank, "table": read_table, "unga_agreement": read_unga_agreement,
           "hofstede_distance": read_hofstede_distance}


def read(dataset: Dataset, path: Path) -> Table:
    """Read ``path`` as ``dataset`` describes (raises DataFileError)."""
    try:
        return READERS[dataset.reader](dataset, path)
    except (KeyError, csv.Error) as exc:
        raise DataFileError(f"{path.name} cannot be read as dataset '{dataset.id}' ({dataset.reader}): {exc!r}. "
                            "Is it the publisher's file this dataset describes?") from exc
