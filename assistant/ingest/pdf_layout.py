"""Reading order for PDF pages: positioned text runs -> lines -> columns -> paragraphs.

Pure geometry and text (no pypdf): :mod:`assistant.ingest.pdf` turns a page into :class:`Run` objects and this
module puts them back in reading order. A page is read band by band (full-width lines cut the page into bands)
and, inside a band, column by column. Columns are found from the x-positions where lines start: body lines of a
column all start at the same x, and a column is only accepted when its lines fill most of its width (so the
cells of a table are not mistaken for columns and are read row by row).

Run widths are estimates (characters x average glyph width of the font): good enough to tell a full-width line
from a column line, not to measure exact gaps.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from assistant.text import fold_ligatures

#: Line starts closer than this (points) count as the same x-position (rounding jitter).
X_TOLERANCE = 2.5
#: Runs of other columns this close (ems) to the end of a full-width line belong to that line.
LINE_START_GAP_EMS = 2.0
#: A column needs at least this many lines starting at its left edge ...
MIN_COLUMN_LINES = 4
#: ... and at least this share of the page's baselines.
MIN_COLUMN_SHARE = 0.08
#: Column starts closer than this share of the page width are indents of the same column.
MIN_COLUMN_SEPARATION = 0.18
#: The FILL_PERCENTILE line of a column must reach this share of the distance to the next column ...
COLUMN_FILL = 0.55
FILL_PERCENTILE = 0.8
#: A column of short lines must share fewer than this share of the right-hand text's baselines (else: a table).
MAX_ALIGNED_SHARE = 0.5
#: At most this share of a column's lines may run past the next column's start (full-width headings) ...
MAX_CROSSING_SHARE = 0.15
MAX_CROSSING_LINES = 2
#: ... by more than this many ems or this share of the line's width (the error of estimated widths).
CROSS_MARGIN_EMS = 1.0
WIDTH_ERROR = 0.06
#: A column line is full-width when it reaches this share of the next column's width past that column's start.
SPAN_OVERSHOOT = 0.3
#: Runs whose baselines differ by at most this many ems (of the larger run) are on the same line.
BASELINE_TOLERANCE_EMS = 0.4
#: Between two runs of a line that were not written one after the other, a gap of this many ems is a space.
SPACE_GAP_EMS = 0.2
#: A vertical gap this many times the usual line pitch starts a new paragraph.
PARAGRAPH_GAP_RATIO = 1.45
#: Line pitch assumed (in ems) when a page has too few lines to measure it.
DEFAULT_PITCH_EMS = 1.25
#: Font sizes differing by more than this ratio start a new paragraph (a heading and its text).
SIZE_CHANGE_RATIO = 0.15
#: A first line indented by at least this many ems (and less than the maximum) starts a paragraph.
INDENT_MIN_EMS = 0.8
INDENT_MAX_EMS = 5.0

BULLETS = frozenset("•▪■●◦○□◆►➢✓\uf0b7\uf0a7")
TERMINAL_PUNCTUATION = frozenset(".!?:;”\"’)")
SOFT_HYPHEN = "\u00ad"
HYPHENS = ("-", "\u2010")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text at a position: x, y of its baseline start (points, origin bottom-left), font size."""

    x: float
    y: float
    size: float
    text: str
    width: float = 0.0
    seq: int = 0  # position in the content stream (runs written one after the other have consecutive seq)
    upright: bool = True

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass(slots=True)
class Line:
    runs: list[Run]
    column: int = 0  # -1: full-width (spans columns)
    band: int = 0

    @property
    def x(self) -> float:
        return min(r.x for r in self.runs)

    @property
    def end(self) -> float:
        return max(r.end for r in self.runs)

    @property
    def main(self) -> Run:
        """The run with the most text: its size and baseline are the line's (not a bullet glyph's)."""
        return max(self.runs, key=lambda r: len(r.text.strip()))

    @property
    def size(self) -> float:
        return self.main.size

    @property
    def y(self) -> float:
        return self.main.y

    @property
    def text(self) -> str:
        return join_runs(self.runs)


@dataclass(slots=True)
class Layout:
    """A page in reading order."""

    lines: list[Line] = field(default_factory=list)
    columns: list[float] = field(default_factory=list)


def clean(text: str) -> str:
    """Ligatures, invisible characters and odd spaces of one run (soft hyphens stay for the line joiner)."""
    text = _CONTROL.sub("", fold_ligatures(text).translate(_INVISIBLE))
    return _SPACES.sub(" ", text.replace("\n", " ").replace("\r", " "))


def join_runs(runs: Sequence[Run]) -> str:
    """The text of one line: runs left to right, with a space where the writer left a gap."""
    ordered = sorted(runs, key=lambda r: r.x)
    out = ordered[0].text
    for prev, run in zip(ordered, ordered[1:]):
        glued = out.endswith((" ", "-", "/")) or run.text.startswith(" ")
        if not glued and not _written_together(prev, run):
            out += " "
        out += run.text
    return out


def _written_together(a: Run, b: Run) -> bool:
    """Whether two runs of a line touch (no space between them).

    pypdf already starts a run with a space when the writer moved right by a space or more since the previous
    run in the content stream, so a run written right after ``a`` touches it unless there is a clear gap
    (beyond the error of the width estimate). Runs written elsewhere in the stream are separate words.
    """
    if b.seq != a.seq + 1:
        return False
    return b.x - a.end <= max(SPACE_GAP_EMS * max(a.size, b.size), WIDTH_ERROR * a.width)


def find_columns(runs: Sequence[Run], page_width: float) -> list[float]:
    """Left edges of the page's text columns (one entry for a single-column page).

    Every line of a column starts at the column's left edge, so runs cluster on that x; runs that continue a
    line (a bold word, another font) land at scattered x-positions and rarely form a cluster, and a chance
    cluster fails the checks in :func:`_is_gutter`.
    """
    starts = sorted({(round(r.x, 1), round(r.y)) for r in runs})
    if not starts:
        return [0.0]
    clusters: list[list[float]] = [[starts[0][0]]]
    for x, _ in starts[1:]:
        if x - clusters[-1][-1] <= X_TOLERANCE:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    baselines = len({y for _, y in starts})
    needed = max(MIN_COLUMN_LINES, MIN_COLUMN_SHARE * baselines)
    columns = [starts[0][0]]
    for cluster in clusters:
        x = cluster[0]
        if len(cluster) >= needed and x - columns[-1] >= MIN_COLUMN_SEPARATION * page_width:
            if _is_gutter(columns[-1], x, runs):
                columns.append(x)
    return columns


def _is_gutter(left: float, nxt: float, runs: Sequence[Run]) -> bool:
    """True when the text between ``left`` and ``nxt`` is a column of its own, not the first cells of a table.

    A column either fills most of its width, or (a list of short entries) keeps its own baselines instead of
    sharing every baseline with the text to its right as table rows do. Hardly any line may cross ``nxt``:
    words of single-column text cross any x.
    """
    reach: dict[int, float] = {}
    crossing: set[int] = set()
    right: set[int] = set()
    for run in runs:
        key = round(run.y)
        if left - X_TOLERANCE <= run.x < nxt - X_TOLERANCE:
            reach[key] = max(reach.get(key, 0.0), run.end - left)
            if run.end > nxt + max(CROSS_MARGIN_EMS * run.size, WIDTH_ERROR * run.width):
                crossing.add(key)
        elif run.x >= nxt - X_TOLERANCE:
            right.add(key)
    if not reach or len(crossing) > max(MAX_CROSSING_LINES, MAX_CROSSING_SHARE * len(reach)):
        return False
    ends = sorted(reach.values())
    if ends[int(FILL_PERCENTILE * (len(ends) - 1))] >= COLUMN_FILL * (nxt - left):
        return True
    return not crossing and len(right & reach.keys()) < MAX_ALIGNED_SHARE * max(1, len(right))


def _column_of(x: float, columns: Sequence[float]) -> int:
    return max(0, bisect_right(columns, x + X_TOLERANCE) - 1)


def group_lines(runs: Iterable[Run]) -> list[Line]:
    """Runs of one column grouped into lines, top to bottom."""
    lines: list[Line] = []
    ref_y = ref_size = 0.0
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        em = min(max(ref_size, run.size), 2 * min(ref_size, run.size))  # a giant glyph must not swallow lines
        if lines and abs(ref_y - run.y) <= BASELINE_TOLERANCE_EMS * em:
            lines[-1].runs.append(run)
            ref_size = max(ref_size, run.size)
        else:
            lines.append(Line([run]))
            ref_y, ref_size = run.y, run.size
    return lines


def order_page(runs: Sequence[Run], page_width: float) -> Layout:
    """Lines of a page in reading order: band by band, column by column inside a band."""
    upright = [r for r in runs if r.upright and r.text.strip()]
    rotated = [r for r in runs if not r.upright and r.text.strip()]
    columns = find_columns(upright, page_width)
    per_column: dict[int, list[Run]] = defaultdict(list)
    for run in upright:
        per_column[_column_of(run.x, columns)].append(run)
    lines = [line for col in sorted(per_column) for line in _with_column(group_lines(per_column[col]), col)]
    spanning = _spanning(lines, columns)
    spans_y = sorted((line.y for line in spanning), reverse=True)
    for line in lines:
        line.band = sum(1 for y in spans_y if y > line.y + 0.01)
    ordered: list[Line] = []
    for band in range(len(spans_y) + 1):
        for col in range(len(columns)):
            part = [ln for ln in lines if ln.band == band and ln.column == col]
            ordered.extend(sorted(part, key=lambda ln: -ln.y))
        ordered.extend(ln for ln in spanning if ln.band == band)
    ordered.extend(Line([r], column=-1, band=len(spans_y) + 1) for r in sorted(rotated, key=lambda r: r.seq))
    return Layout(ordered, columns)


def _with_column(lines: list[Line], column: int) -> list[Line]:
    for line in lines:
        line.column = column
    return lines


def _spanning(lines: list[Line], columns: Sequence[float]) -> list[Line]:
    """Mark lines that run across the next column's start as full-width; pull in their runs from other columns."""
    spanning = []
    for line in lines:
        col = line.column
        if col < 0 or col + 1 >= len(columns):
            continue
        # The last column is taken to be as wide as the distance between the previous two column starts.
        nxt_width = (columns[col + 2] - columns[col + 1]) if col + 2 < len(columns) else columns[col + 1] - columns[col]
        if line.end > columns[col + 1] + SPAN_OVERSHOOT * nxt_width:
            line.column = -1
            spanning.append(line)
    for span in spanning:
        tol, reach = BASELINE_TOLERANCE_EMS * span.size, span.end + LINE_START_GAP_EMS * span.size
        for other in lines:
            if other.column >= 0 and abs(other.y - span.y) <= tol and other.x <= reach:
                span.runs.extend(other.runs)
                other.runs = []
    lines[:] = [ln for ln in lines if ln.runs]
    return spanning


def _pitches(lines: Sequence[Line]) -> dict[int, float]:
    """Usual distance between consecutive lines of the same size and column, per rounded font size."""
    gaps: dict[int, list[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:]):
        if a.column == b.column and a.band == b.band and abs(a.size - b.size) <= SIZE_CHANGE_RATIO * a.size:
            gap = a.y - b.y
            if 0 < gap < 3 * a.size:
                gaps[round(a.size)].append(gap)
    return {size: statistics.median(values) for size, values in gaps.items() if len(values) >= 2}


def _starts_paragraph(a: Line, b: Line, pitches: dict[int, float], columns: Sequence[float]) -> bool:
    text_a, text_b = a.text.strip(), b.text.strip()
    if not text_a or not text_b or text_b[0] in BULLETS:
        return True
    if abs(a.size - b.size) > SIZE_CHANGE_RATIO * max(a.size, b.size):
        return True
    if b.column >= 0 and columns:
        col_x = columns[b.column]
        indent = b.x - col_x
        if INDENT_MIN_EMS * b.size <= indent <= INDENT_MAX_EMS * b.size and a.x - col_x < INDENT_MIN_EMS * a.size:
            return True
    if a.column == b.column and a.band == b.band:
        pitch = pitches.get(round(b.size), DEFAULT_PITCH_EMS * b.size)
        return (a.y - b.y) > PARAGRAPH_GAP_RATIO * pitch or b.y > a.y
    # Column or band change: a sentence may run on; a finished sentence before a capital starts anew.
    return text_a[-1] in TERMINAL_PUNCTUATION and (text_b[0].isupper() or text_b[0].isdigit())


def paragraphs(lines: Sequence[Line], columns: Sequence[float] = (), vocabulary: Vocabulary | None = None) -> list[str]:
    """Lines (in reading order) -> paragraph texts with line-end hyphenation repaired."""
    pitches = _pitches(lines)
    out: list[str] = []
    current = ""
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if prev is None or _starts_paragraph(prev, line, pitches, columns):
            if current:
                out.append(current)
            current = text
        else:
            current = join_lines(current, text, vocabulary)
        prev = line
    if current:
        out.append(current)
    return [p for p in (normalise(p) for p in out) if p]


class Vocabulary:
    """Words seen in a document, to tell a line-end hyphenation ("protec-tion") from a compound ("self-help")."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()

    def add(self, text: str) -> None:
        for word in _WORD.findall(text.casefold()):
            (self.compounds if "-" in word or "\u2010" in word else self.words).add(word)

    def keep_hyphen(self, head: str, tail: str) -> bool:
        """True when head + "-" + tail is a known compound and head + tail is not a known word."""
        joined, compound = (head + tail).casefold(), f"{head}-{tail}".casefold()
        return compound in self.compounds and joined not in self.words


def join_lines(text: str, nxt: str, vocabulary: Vocabulary | None = None) -> str:
    """Append the next line of a paragraph, repairing hyphenation at the line end."""
    if text.endswith(SOFT_HYPHEN):
        return text[:-1] + nxt
    if text.endswith(HYPHENS) and len(text) >= 2 and text[-2].isalpha():
        head_match = re.search(r"([^\W\d_]+)[-\u2010]$", text)
        tail_match = re.match(r"[^\W\d_]+", nxt)
        if nxt[:1].islower() and head_match and tail_match:
            if vocabulary is not None and vocabulary.keep_hyphen(head_match.group(1), tail_match.group(0)):
                return text + nxt
            return text[:-1] + nxt
        return text + nxt  # "Noord-" + "Brabant", "Inter-" + "American": a real hyphen
    if text.endswith(HYPHENS) and len(text) >= 2 and text[-2].isdigit() and nxt[:1].isdigit():
        return text + nxt  # "2014-" + "2016"
    return f"{text} {nxt}"


def normalise(text: str) -> str:
    """One paragraph: soft hyphens removed, whitespace collapsed, a space after a leading bullet."""
    text = _SPACES.sub(" ", re.sub(r"\s+", " ", text.replace(SOFT_HYPHEN, ""))).strip()
    if len(text) > 1 and text[0] in BULLETS and not text[1].isspace():
        text = f"{text[0]} {text[1:]}"
    return text
