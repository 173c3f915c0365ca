"""Region comparison over the tiny corpus: table (Markdown, CSV), heatmap PNG size and null cells, the command."""

from __future__ import annotations

import csv
import json
import struct
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from assistant.brief import HEATMAP_PIXELS, compare, write_csv, write_heatmap_png, write_table_md
from assistant.brief.compare import HEATMAP_DPI, HEATMAP_SIZE_INCHES, NULL_FACE
from tests.unit.test_brief_build import make_assistant

TODAY = date(2026, 3, 5)
REGIONS = ["Japan", "China", "Canada"]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return make_assistant(tmp_path_factory.mktemp("compare"))


@pytest.fixture(scope="module")
def comparison(assistant):
    return compare(assistant, REGIONS, today=TODAY)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_rows_follow_the_assessments(comparison, assistant):
    assert [r.region for r in comparison.rows] == ["japan", "china", "canada"]
    for row in comparison.rows:
        assessment, report = assistant.score(row.region)
        assert row.scores == assessment.scores()
        assert (row.passed, row.errors) == (report.passed, len(report.errors))
    canada = comparison.rows[2]
    assert canada.scores["inhoudelijke_aansluiting"] is None  # the sparse region keeps its nulls
    assert comparison.rows[1].scores["omgevingsfactoren"] <= 2  # China: serious abuses


def test_markdown_table_and_csv(comparison, tmp_path):
    md = write_table_md(comparison, tmp_path / "cmp.md").read_text(encoding="utf-8")
    scores_part, _, data_part = md.partition("## Open data achter de scores")
    table = [line for line in scores_part.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(REGIONS)
    header = [c.strip() for c in table[0].strip("|").split("|")]
    assert header == ["Regio", "Inhoudelijke aansluiting", "Praktische mogelijkheden", "Realiseerbaarheid",
                      "Omgevingsfactoren", "Aanbeveling", "Validatie"]
    for line, row in zip(table[2:], comparison.rows):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == row.region_name
        assert cells[1:5] == ["n.b." if row.scores[k] is None else str(row.scores[k]) for k in comparison.criteria]
        assert cells[5] == row.recommendation and cells[6] == row.status
    # The values behind the scores (this corpus's data folder holds only the Political Terror Scale).
    data_rows = [line for line in data_part.splitlines() if line.startswith("|")]
    assert data_rows[0] == "| Regio | Political Terror Scale |"
    assert "| China | 5 (2021) → 1 |" in data_rows and "| Japan | 1 (2021) → 5 |" in data_rows
    assert "Political Terror Scale project" in data_part

    with write_csv(comparison, tmp_path / "cmp.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["region"] for r in rows] == ["japan", "china", "canada"]
    for got, row in zip(rows, comparison.rows):
        for key in comparison.criteria:
            assert got[key] == ("" if row.scores[key] is None else str(row.scores[key]))
        assert got["validation_passed"] == str(row.passed).lower()
        assert int(got["errors"]) == row.errors and int(got["warnings"]) == row.warnings


def test_heatmap_has_the_documented_size_and_shows_nulls(comparison, tmp_path):
    import matplotlib.image

    path = write_heatmap_png(comparison, tmp_path / "cmp.png")
    assert HEATMAP_PIXELS == (round(HEATMAP_SIZE_INCHES[0] * HEATMAP_DPI), round(HEATMAP_SIZE_INCHES[1] * HEATMAP_DPI))
    assert png_size(path) == HEATMAP_PIXELS
    pixels = (matplotlib.image.imread(str(path))[..., :3] * 255).round()
    grey = np.array([int(NULL_FACE[i:i + 2], 16) for i in (1, 3, 5)])
    null_share = np.all(np.abs(pixels - grey) <= 1, axis=-1).mean()
    nulls = sum(v is None for r in comparison.rows for v in r.scores.values())
    assert nulls >= 4 and null_share > 0.02  # grey hatched cells are drawn for the null scores

    # Without null scores there is (almost) no null grey: only the legend swatch.
    full = comparison.model_copy(deep=True)
    for row in full.rows:
        row.scores = {k: 3 for k in row.scores}
    pixels = (matplotlib.image.imread(str(write_heatmap_png(full, tmp_path / "full.png")))[..., :3] * 255).round()
    assert np.all(np.abs(pixels - grey) <= 1, axis=-1).mean() < null_share / 10
    assert png_size(tmp_path / "full.png") == HEATMAP_PIXELS


def test_many_regions_keep_the_size(comparison, tmp_path):
    many = comparison.model_copy(update={"rows": comparison.rows * 8})
    assert png_size(write_heatmap_png(many, tmp_path / "many.png")) == HEATMAP_PIXELS


def test_duplicates_count_once_and_bad_input_fails_early(assistant):
    assert [r.region for r in compare(assistant, ["Japan", "japan"]).rows] == ["japan"]
    with pytest.raises(ValueError, match="Unknown region"):
        compare(assistant, ["Japan", "Atlantis"])
    with pytest.raises(ValueError, match="at least one region"):
        compare(assistant, [])


def test_english_labels(assistant):
    c = compare(assistant, ["Canada"], lang="en", today=TODAY)
    assert c.labels["inhoudelijke_aansluiting"] == "Thematic fit"
    assert c.rows[0].recommendation in {"focus", "promising", "monitor", "do not prioritise"}


def test_cli_compare_writes_table_csv_and_png(assistant, tmp_path, capsys):
    from assistant import cli

    assert cli.main(["compare", *REGIONS, "--out", str(tmp_path)], assistant=assistant) == 0
    printed = [Path(p) for p in capsys.readouterr().out.split()]
    assert [p.suffix for p in printed] == [".md", ".csv", ".csv", ".png"]
    assert all(p.is_file() and p.parent == tmp_path for p in printed)
    assert printed[0].stem == "comparison-japan_china_canada"
    assert printed[2].name == "comparison-japan_china_canada-indicators.csv"
    with printed[2].open(encoding="utf-8", newline="") as handle:
        values = list(csv.DictReader(handle))
    assert {(r["region"], r["dataset"], r["band"]) for r in values} >= {("china", "pts", "1"), ("japan", "pts", "5")}
    assert all(r["producer"] and r["file"] for r in values)
    assert png_size(printed[3]) == HEATMAP_PIXELS
    assert cli.main(["compare", "Japan", "--out", str(tmp_path), "--format", "json"], assistant=assistant) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["png"].endswith(".png") and payload["comparison"]["rows"][0]["region"] == "japan"
