"""Human-rights indicator data shipped with the compass: Political Terror Scale rows (see data/ATTRIBUTION.md).

The Political Terror Scale (PTS) codes each country-year 1 (secure rule of law, no political imprisonment or
torture) .. 5 (terror extended to the whole population), three times: ``PTS_A`` from Amnesty International's
reports, ``PTS_H`` from Human Rights Watch, ``PTS_S`` from the US State Department's Country Reports.

Indicator evidence is cited like a passage, with ``chunk_id = "indicator:pts:<region>:<year>"``, ``source`` = the
shipped data file and ``quote`` = :meth:`PTSRow.render`; the validator re-reads the row and checks the quote.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.compass.schema import INDICATOR_PREFIX, Evidence

DATA_DIR = Path(__file__).resolve().parent / "data"
PTS_FILE = DATA_DIR / "political_terror_scale_2017-2021_compass_subset.csv"
#: How the data file is named in evidence (repository-relative, posix).
PTS_SOURCE = "assistant/compass/data/political_terror_scale_2017-2021_compass_subset.csv"
PTS_TITLE = "Political Terror Scale 1976-2021 (PTS-2022), subset for the compass regions"
PTS_DATASET = "pts"
#: The aspect of omgevingsfactoren that indicator evidence speaks to.
HUMAN_RIGHTS_ASPECT = "mensenrechten"
_MISSING = {"", "NA", "na", "NaN"}


@dataclass(frozen=True)
class PTSRow:
    slug: str
    country: str
    year: int
    pts_a: int | None
    pts_h: int | None
    pts_s: int | None

    @property
    def values(self) -> dict[str, int | None]:
        return {"PTS_A": self.pts_a, "PTS_H": self.pts_h, "PTS_S": self.pts_s}

    @property
    def worst(self) -> int | None:
        """The highest (worst) of the three codings, or None when all are missing."""
        present = [v for v in self.values.values() if v is not None]
        return max(present) if present else None

    @property
    def evidence_id(self) -> str:
        return f"{INDICATOR_PREFIX}{PTS_DATASET}:{self.slug}:{self.year}"

    def render(self) -> str:
        """The quotable text of the row."""
        parts = ", ".join(f"{k}={'NA' if v is None else v}" for k, v in self.values.items())
        return f"Political Terror Scale {self.year}, {self.country}: {parts} (1 = best, 5 = worst)"

    def as_evidence(self) -> Evidence:
        return Evidence(chunk_id=self.evidence_id, source=PTS_SOURCE, page=None, quote=self.render(),
                        title=PTS_TITLE, date=str(self.year), aspect=HUMAN_RIGHTS_ASPECT)


def _int(value: str) -> int | None:
    value = (value or "").strip()
    return None if value in _MISSING else int(float(value))


@lru_cache(maxsize=1)
def pts_table() -> dict[str, list[PTSRow]]:
    """Region slug -> its PTS rows, oldest first."""
    if not PTS_FILE.is_file():
        raise FileNotFoundError(f"Indicator data missing at {PTS_FILE}; reinstall the package.")
    table: dict[str, list[PTSRow]] = {}
    with PTS_FILE.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            row = PTSRow(rec["slug"], rec["country"], int(rec["year"]), _int(rec["PTS_A"]), _int(rec["PTS_H"]),
                         _int(rec["PTS_S"]))
            table.setdefault(row.slug, []).append(row)
    for rows in table.values():
        rows.sort(key=lambda r: r.year)
    return table


def latest_pts(region: str) -> PTSRow | None:
    """The most recent PTS row of the region with at least one coding, or None (no data, e.g. macro-regions)."""
    rows = [r for r in pts_table().get(region, []) if r.worst is not None]
    return rows[-1] if rows else None


def indicator_values(region: str) -> dict[str, float | None]:
    """``{"PTS_A", "PTS_H", "PTS_S", "PTS_year"}`` of the region's latest PTS row ({} without data)."""
    row = latest_pts(region)
    if row is None:
        return {}
    return {**{k: (None if v is None else float(v)) for k, v in row.values.items()}, "PTS_year": float(row.year)}


def indicator_row(evidence_id: str) -> PTSRow | None:
    """The row an ``indicator:pts:<region>:<year>`` evidence id points at, or None."""
    parts = evidence_id.removeprefix(INDICATOR_PREFIX).split(":")
    if len(parts) != 3 or parts[0] != PTS_DATASET or not parts[2].isdigit():
        return None
    return next((r for r in pts_table().get(parts[1], []) if r.year == int(parts[2])), None)
