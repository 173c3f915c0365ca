"""A comparison of several regions: compass scores per component, recommendation and validator status.

    from assistant.brief import compare, write_table_md, write_csv, write_heatmap_png
    comparison = compare(assistant, ["Japan", "China", "Duitsland"])
    write_table_md(comparison, "cmp.md"); write_csv(comparison, "cmp.csv"); write_heatmap_png(comparison, "cmp.png")

Null scores (insufficient evidence) stay null: "n.b." in the Markdown table, an empty cell in the CSV, and a grey
hatched "n.b." cell in the heatmap. The heatmap has a fixed size of HEATMAP_SIZE_INCHES at HEATMAP_DPI, i.e.
HEATMAP_PIXELS (width, height) whatever the number of regions; matplotlib (Agg) is imported only when drawing.
"""

from __future__ import annotations

import csv
import textwrap
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.brief import texts
from assistant.brief.build import validation_status
from assistant.compass.definition import load_definition
from assistant.compass.indicators.facts import format_number
from assistant.compass.schema import SCORE_MAX, SCORE_MIN
from assistant.i18n import t
from assistant.regions import display_name, region_of

#: Figure size of the heatmap in inches and its resolution: the PNG is always HEATMAP_PIXELS.
HEATMAP_SIZE_INCHES = (10.0, 6.0)
HEATMAP_DPI = 100
HEATMAP_PIXELS = (round(HEATMAP_SIZE_INCHES[0] * HEATMAP_DPI), round(HEATMAP_SIZE_INCHES[1] * HEATMAP_DPI))
#: Figure-fraction margins (left, right, bottom, top) of the heatmap axes; fixed, so the size never changes.
HEATMAP_MARGINS = (0.16, 0.72, 0.08, 0.80)
#: Colour map for scores 1..5 (red = weak, green = strong), and the look of null cells.
HEATMAP_CMAP = "RdYlGn"
NULL_FACE = "#d9d9d9"
NULL_HATCH = "///"
NULL_EDGE = "#8c8c8c"
#: Characters per line of a wrapped column label, and font sizes (cells shrink for many regions).
LABEL_WRAP = 16
FONT_SIZE = 10
MIN_FONT_SIZE = 6
#: Rows beyond this number shrink the font proportionally.
ROWS_AT_FULL_FONT = 8
#: Largest number of regions in one comparison (the fixed-size figure stays legible up to this).
MAX_REGIONS = 30


class IndicatorCell(BaseModel):
    """One indicator value of a region as the comparison shows it."""

    value: float | str
    year: int
    band: int | None
    source: str
    national: str | None = Field(None, description="The country whose national figure stands in for a region.")


class DatasetColumn(BaseModel):
    id: str
    label: str
    short: str
    producer: str
    licence: str
    decimals: int
    categories: dict[str, str] = Field(default_factory=dict, description="Category -> its short name.")


class ComparisonRow(BaseModel):
    region: str
    region_name: str
    scores: dict[str, int | None] = Field(description="Criterion id -> score (None = insufficient evidence).")
    indicators: dict[str, IndicatorCell] = Field(default_factory=dict, description="Dataset id -> value used.")
    recommendation: str
    passed: bool
    errors: int
    warnings: int
    status: str = Field(description="The validator status in words.")


class Comparison(BaseModel):
    lang: str
    date: str
    compass_version: str
    criteria: list[str] = Field(description="Criterion ids, in compass order.")
    labels: dict[str, str] = Field(description="Criterion id -> label in the comparison's language.")
    rows: list[ComparisonRow]
    datasets: list[DatasetColumn] = Field(default_factory=list, description="The indicator datasets, in order.")


def compare(assistant, regions: list[str], *, lang: str = "nl", backend: str = "evidence",
            today: date | None = None) -> Comparison:
    """Score and validate each region (names or slugs; duplicates count once), in the given order."""
    lang = texts.check_lang(lang)
    if not regions:
        raise ValueError("Name at least one region to compare, e.g.: assistant compare Japan China Duitsland")
    slugs = list(dict.fromkeys(region_of(r).slug for r in regions))  # unknown regions fail before any work
    if len(slugs) > MAX_REGIONS:
        raise ValueError(f"At most {MAX_REGIONS} regions fit one comparison; split the list.")
    definition = load_definition(assistant.settings)
    rows = []
    for slug in slugs:
        assessment, report = assistant.score(slug, backend=backend)
        errors = len(report.errors)
        cells = {e.indicator.dataset: IndicatorCell(value=e.indicator.value, year=e.indicator.year,
                                                    band=e.indicator.band, source=e.source,
                                                    national=e.indicator.national)
                 for c in assessment.criteria for e in c.evidence if e.indicator is not None}
        rows.append(ComparisonRow(
            region=slug, region_name=display_name(slug, lang), scores=assessment.scores(), indicators=cells,
            recommendation=texts.recommendation_label(assessment.recommendation, lang), passed=report.passed,
            errors=errors, warnings=len(report.findings) - errors, status=validation_status(report, lang)))
    labels = {c.id: texts.criterion_label(c.id, c.label, lang) for c in definition.criteria}
    datasets = [DatasetColumn(id=d.id, label=d.label.get(lang), short=d.short, producer=d.producer,
                              licence=d.licence, decimals=d.decimals,
                              categories={k: v.get(lang) for k, v in d.category_short.items()})
                for d in definition.indicators.datasets]
    return Comparison(lang=lang, date=(today or date.today()).isoformat(), compass_version=definition.version,
                      criteria=definition.criterion_ids, labels=labels, rows=rows, datasets=datasets)


def _cell(score: int | None, lang: str) -> str:
    return t("brief.null_score", lang) if score is None else str(score)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(c: Comparison) -> str:
    lang = c.lang
    head = ([t("brief.compare_region", lang)] + [c.labels[k] for k in c.criteria]
            + [t("brief.compare_recommendation", lang), t("brief.compare_validation", lang)])
    lines = [f"# {t('brief.compare_title', lang, version=c.compass_version)}", "",
             f"_{t('brief.compare_note', lang, date=texts.long_date(c.date, lang))}_", "",
             "| " + " | ".join(_escape(h) for h in head) + " |",
             "|" + "|".join([" --- "] + [" :---: "] * len(c.criteria) + [" --- ", " --- "]) + "|"]
    for row in c.rows:
        cells = ([row.region_name] + [_cell(row.scores.get(k), lang) for k in c.criteria]
                 + [row.recommendation, row.status])
        lines.append("| " + " | ".join(_escape(x) for x in cells) + " |")
    return "\n".join(lines) + "\n"


#: Cell texts of the indicator table: no value for the region / a value that does not count / a national figure
#: standing in for a sub-national region (explained under the table).
NO_VALUE, NOT_COUNTED, NATIONAL_MARK = "–", "·", "(L)"


def indicator_cell(cell: IndicatorCell | None, column: DatasetColumn, lang: str) -> str:
    if cell is None:
        return NO_VALUE
    value = (column.categories.get(cell.value, cell.value) if isinstance(cell.value, str)
             else format_number(cell.value, column.decimals, lang))
    national = f" {NATIONAL_MARK}" if cell.national else ""
    return f"{value} ({cell.year}){national} → {NOT_COUNTED if cell.band is None else cell.band}"


def indicators_markdown(c: Comparison) -> str:
    """The values behind the scores: a table regions x datasets, then each dataset's producer and licence."""
    columns = [d for d in c.datasets if any(d.id in r.indicators for r in c.rows)]
    if not columns:
        return ""
    lang = c.lang
    lines = [f"## {t('brief.compare_data_title', lang)}", "", f"_{t('brief.compare_data_note', lang)}_", "",
             "| " + " | ".join([t("brief.compare_region", lang)] + [_escape(d.short) for d in columns]) + " |",
             "|" + "|".join([" --- "] + [" --- "] * len(columns)) + "|"]
    for row in c.rows:
        cells = [indicator_cell(row.indicators.get(d.id), d, lang) for d in columns]
        lines.append("| " + " | ".join(_escape(x) for x in [row.region_name, *cells]) + " |")
    if any(cell.national for r in c.rows for cell in r.indicators.values()):
        lines += ["", t("brief.compare_national_note", lang, mark=NATIONAL_MARK)]
    lines += ["", f"**{t('brief.compare_data_sources', lang)}**", ""]
    lines += [f"- {d.short}: {d.label}; {d.producer} ({d.licence})" for d in columns]
    return "\n".join(lines) + "\n"


def write_table_md(c: Comparison, path: str | Path) -> Path:
    """The comparison as a Markdown table (null scores as "n.b." / "n/a")."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = indicators_markdown(c)
    path.write_text(table_markdown(c) + (f"\n{data}" if data else ""), encoding="utf-8")
    return path


#: Columns of the indicator CSV written beside the comparison.
INDICATOR_CSV_HEAD = ("region", "region_name", "dataset", "value", "year", "band", "producer", "licence", "file",
                      "national_figure_of")


def write_indicators_csv(c: Comparison, path: str | Path) -> Path:
    """Every indicator value behind the comparison: one row per region and dataset (band empty = not counted)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = {d.id: d for d in c.datasets}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INDICATOR_CSV_HEAD)
        for row in c.rows:
            for dataset_id, cell in row.indicators.items():
                d = columns.get(dataset_id)
                writer.writerow([row.region, row.region_name, dataset_id, cell.value, cell.year,
                                 "" if cell.band is None else cell.band, d.producer if d else "",
                                 d.licence if d else "", cell.source, cell.national or ""])
    return path


#: CSV columns besides one per criterion id (a null score is an empty cell).
CSV_HEAD = ("region", "region_name")
CSV_TAIL = ("recommendation", "validation_passed", "errors", "warnings")


def write_csv(c: Comparison, path: str | Path) -> Path:
    """The comparison as CSV: region, region_name, one column per criterion id (empty = null), then
    recommendation, validation_passed (true/false), errors, warnings."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(CSV_HEAD) + c.criteria + list(CSV_TAIL))
        for row in c.rows:
            scores = ["" if row.scores.get(k) is None else row.scores[k] for k in c.criteria]
            writer.writerow([row.region, row.region_name, *scores, row.recommendation,
                             str(row.passed).lower(), row.errors, row.warnings])
    return path


def write_heatmap_png(c: Comparison, path: str | Path) -> Path:
    """Regions x components heatmap (PNG of exactly HEATMAP_PIXELS); null cells grey, hatched, "n.b."."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    lang = c.lang
    null = t("brief.null_score", lang)
    n_rows, n_cols = max(1, len(c.rows)), len(c.criteria)
    font = max(MIN_FONT_SIZE, min(FONT_SIZE, FONT_SIZE * ROWS_AT_FULL_FONT / n_rows))
    separator = "\n" if n_rows <= ROWS_AT_FULL_FONT else " · "  # status on two lines while rows are tall
    fig = Figure(figsize=HEATMAP_SIZE_INCHES, dpi=HEATMAP_DPI)
    left, right, bottom, top = HEATMAP_MARGINS
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    cmap = plt.get_cmap(HEATMAP_CMAP)
    norm = matplotlib.colors.Normalize(vmin=SCORE_MIN, vmax=SCORE_MAX)
    for i, row in enumerate(c.rows):
        for j, key in enumerate(c.criteria):
            score = row.scores.get(key)
            if score is None:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=NULL_FACE, hatch=NULL_HATCH, edgecolor=NULL_EDGE,
                                       linewidth=0.0))
                ax.add_patch(Rectangle((j, i), 1, 1, fill=False, edgecolor="white"))
                ax.text(j + 0.5, i + 0.5, null, ha="center", va="center", fontsize=font, color="#404040",
                        bbox={"facecolor": NULL_FACE, "edgecolor": "none", "pad": 1.0})
            else:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=cmap(norm(score)), edgecolor="white"))
                ax.text(j + 0.5, i + 0.5, str(score), ha="center", va="center", fontsize=font + 1,
                        fontweight="bold", color="black")
        valid = t("brief.valid_short_passed" if row.passed else "brief.valid_short_failed", lang)
        status = f"{row.recommendation}{separator}{valid}"
        ax.text(n_cols + 0.1, i + 0.5, status, ha="left", va="center", fontsize=font,
                color="black" if row.passed else "#C00000", clip_on=False)
    column = f"{t('brief.compare_recommendation', lang)}\n{t('brief.compare_validation', lang)}"
    ax.text(n_cols + 0.1, 0, column, ha="left", va="bottom", fontsize=font, style="italic", clip_on=False)
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([j + 0.5 for j in range(n_cols)])
    wrapped = [textwrap.fill(c.labels[k], LABEL_WRAP, break_long_words=False) for k in c.criteria]
    ax.set_xticklabels(wrapped, fontsize=font)
    ax.xaxis.tick_top()
    ax.set_yticks([i + 0.5 for i in range(len(c.rows))])
    ax.set_yticklabels([r.region_name for r in c.rows], fontsize=font)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.suptitle(t("brief.heatmap_title", lang, version=c.compass_version), fontsize=FONT_SIZE + 2)
    cax = fig.add_axes((right + 0.21, bottom + 0.25, 0.015, (top - bottom) * 0.6))
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax,
                       ticks=list(range(SCORE_MIN, SCORE_MAX + 1)))
    bar.set_label(t("brief.heatmap_scale", lang), fontsize=font)
    fig.legend(handles=[Patch(facecolor=NULL_FACE, hatch=NULL_HATCH, edgecolor=NULL_EDGE,
                              label=t("brief.heatmap_null", lang))],
               loc="lower right", fontsize=font, frameon=False)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(str(path), dpi=HEATMAP_DPI, format="png")  # no bbox_inches="tight": the size stays fixed
    return path
