"""PDF loader: one :class:`~assistant.models.TextUnit` per page (split where a section starts mid-page).

pypdf reports positioned text fragments (``extract_text(visitor_text=...)``); :mod:`.pdf_layout` rebuilds lines,
columns and paragraphs from them, because pypdf's plain and ``layout`` modes interleave two-column pages line by
line. Running headers/footers (text repeated in the page margins, bare page numbers) are dropped; the printed page
number found there becomes ``page_label`` (falling back to the PDF's own /PageLabels). Sections come from the
outline (bookmarks) when the PDF has one, else from large-font title lines (e.g. the country chapters of the
Amnesty report); ``regions`` are the regions named in the section title.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from math import hypot
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import ContentStream, NameObject

from assistant.ingest.errors import LoadError
from assistant.ingest.pdf_fonts import FontMetrics, font_metrics, repair_font_encodings
from assistant.ingest.pdf_layout import Layout, Run, Vocabulary, clean, order_page, paragraphs
from assistant.models import TextUnit
from assistant.regions import find_regions
from assistant.text import fold

log = logging.getLogger(__name__)

#: The %PDF- header must occur within this many leading bytes.
HEADER_SCAN_BYTES = 1024
#: The %%EOF marker must occur within this many trailing bytes (else the file is truncated).
EOF_SCAN_BYTES = 4096
#: Share of the page height at the top and bottom where running headers/footers live.
MARGIN_SHARE = 0.06
#: Share of the page width at the left and right edges where thumb tabs and marginal labels live.
SIDE_MARGIN_SHARE = 0.05
#: Margin text repeated on at least this many pages is a running header/footer.
REPEAT_MIN_PAGES = 3
#: A line at least this many times the body font size is a section title (when the PDF has no outline).
SECTION_TITLE_RATIO = 1.6
#: A section title has at most this many lines and characters (longer large text is a pull quote).
MAX_TITLE_LINES = 4
MAX_TITLE_CHARS = 120
#: Lines of one title are at most this many ems apart.
TITLE_LINE_GAP_EMS = 1.6

_PAGE_NUMBER = re.compile(r"(?i)(page\s+)?(\d{1,4}|[ivxlcdm]{1,7})(\s*(/|of)\s*\d{1,4})?")
_NUMBER_TOKEN = re.compile(r"(?<!\d)\d{1,4}(?!\d)|(?<![^\W\d_])[ivxlcdmIVXLCDM]{1,7}(?![^\W\d_])")
#: A smaller line in parentheses right under a title belongs to it: "KOREA" + "(REPUBLIC OF)".
_QUALIFIER = re.compile(r"\([^()]{1,60}\)")
_SHOW_TEXT = frozenset((b"Tj", b"TJ", b"'", b'"'))
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass
class _Page:
    index: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)


def load_pdf(path: Path) -> list[TextUnit]:
    """Text units of a PDF, in reading order. Raises LoadError for unreadable, encrypted or text-less files."""
    path = Path(path)
    reader = _open(path)
    pages, failed = [], 0
    for index, page in enumerate(reader.pages):
        try:
            pages.append(_read_page(page, index, reader))
        except Exception as exc:  # pypdf raises many kinds of errors on broken content streams
            failed += 1
            log.warning("%s: page %d could not be read (%s); skipped", path.name, index + 1, exc)
    if not any(p.runs for p in pages):
        if failed == len(reader.pages):
            raise LoadError("The PDF is damaged: none of its pages could be read. Export or download it again.")
        count = len(reader.pages)
        raise LoadError(
            f"The PDF has no text layer: none of its {count} page{'s' if count > 1 else ''} has extractable "
            "text, so it is probably scanned, image-only or blank. Run OCR first (e.g. `ocrmypdf in.pdf "
            "out.pdf`) and ingest the result."
        )
    printed = _strip_margins(pages)
    labels = _page_labels(reader, printed)
    vocabulary = Vocabulary()
    for page in pages:
        page.layout = order_page(page.runs, page.width)
        for line in page.layout.lines:
            vocabulary.add(line.text)
    starts = _outline_starts(reader, pages) or _title_starts(pages, _body_size(pages))
    return _units(pages, starts, labels, vocabulary)


def _open(path: Path) -> PdfReader:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEADER_SCAN_BYTES)
            fh.seek(max(0, size - EOF_SCAN_BYTES))
            tail = fh.read()
    except OSError as exc:
        raise LoadError(f"The file cannot be read ({exc.strerror or exc}).") from exc
    if size == 0:
        raise LoadError("The file is empty (0 bytes). Download or export the PDF again.")
    if b"%PDF-" not in head:
        raise LoadError("This is not a PDF file (no %PDF header), although it is named .pdf. Check the file type "
                        "and save it as a real PDF.")
    if b"%%EOF" not in tail:
        raise LoadError("The PDF is truncated or damaged (its end-of-file marker is missing). Download or export "
                        "it again.")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("The PDF is password-protected. Decrypt it first (e.g. `qpdf --decrypt "
                            "--password=PASSWORD in.pdf out.pdf`) and ingest the decrypted copy.")
        if len(reader.pages) == 0:
            raise LoadError("The PDF has no pages (its page tree is missing or damaged). Export or download it "
                            "again.")
    except DependencyError as exc:
        raise LoadError("The PDF is encrypted with AES; install the 'cryptography' package to read it, or "
                        "decrypt it first.") from exc
    except LoadError:
        raise
    except Exception as exc:  # PdfReadError, PdfStreamError, ValueError, ... on a damaged structure
        raise LoadError(f"The PDF is damaged and cannot be opened ({exc}). Export or download it again.") from exc
    return reader


def _read_page(page, index: int, reader: PdfReader) -> _Page:
    box = page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    result = _Page(index, float(box.width), float(box.height))
    repair_font_encodings(page.get("/Resources"))
    _one_run_per_text_operator(page, reader)
    metrics: dict[int, tuple[object, FontMetrics]] = {}
    seq = iter(range(1 << 30))

    def visit(text, cm, tm, font_dict, font_size) -> None:
        text = clean(text)
        if not text.strip():
            return
        number = next(seq)
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] - left
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - bottom
        size = float(font_size) * hypot(c, d)
        hit = metrics.get(id(font_dict))
        if hit is None or hit[0] is not font_dict:
            hit = metrics[id(font_dict)] = (font_dict, font_metrics(font_dict))
        width = hit[1].measure(text.strip()) * float(font_size) * hypot(a, b)
        upright = a > 0 and abs(b) <= 0.1 * a and d > 0
        if -width <= x <= result.width and -size <= y <= result.height + size:  # outside the crop box: not shown
            result.runs.append(Run(x, y, size, text, width, number, upright))

    page.extract_text(visitor_text=visit)
    return result


def _one_run_per_text_operator(page, reader: PdfReader) -> None:
    """Re-issue the current font before every text-showing operator (in memory), so pypdf reports each one as
    its own positioned fragment. Without this, pypdf glues text written one after the other on the same
    baseline into one fragment, e.g. a line of the left column and the same line of the right column.
    """
    contents = page.get("/Contents")
    if contents is None:
        return
    stream = ContentStream(contents.get_object(), reader, "bytes")
    operations, font, saved = [], None, []
    for operands, operator in stream.operations:
        if operator == b"Tf":
            font = operands
        elif operator == b"q":
            saved.append(font)
        elif operator == b"Q" and saved:
            font = saved.pop()
        elif operator in _SHOW_TEXT and font is not None:
            operations.append((font, b"Tf"))
        operations.append((operands, operator))
    stream.operations = operations
    page[NameObject("/Contents")] = stream


def _zone(run: Run, page: _Page) -> str | None:
    if run.y < MARGIN_SHARE * page.height:
        return "bottom"
    if run.y > (1 - MARGIN_SHARE) * page.height:
        return "top"
    if run.x < SIDE_MARGIN_SHARE * page.width or run.x > (1 - SIDE_MARGIN_SHARE) * page.width:
        return "side"
    return None


def _template(text: str) -> str:
    return _NUMBER_TOKEN.sub("#", re.sub(r"\s+", " ", text.strip().casefold()))


def _strip_margins(pages: list[_Page]) -> dict[int, tuple[str, int]]:
    """Drop running headers/footers, page numbers and thumb tabs; return printed page numbers found there."""
    keys: dict[tuple, set[int]] = defaultdict(set)
    for page in pages:
        for run in page.runs:
            zone = _zone(run, page)
            if zone:
                keys[(zone, round(run.y / 6) if zone == "side" else 0, _template(run.text))].add(page.index)
    tokens: dict[tuple, dict[int, list[str]]] = defaultdict(dict)
    for page in pages:
        kept = []
        for run in page.runs:
            zone, text = _zone(run, page), run.text.strip()
            if zone is None:
                kept.append(run)
                continue
            key = (zone, round(run.y / 6) if zone == "side" else 0, _template(text))
            number = _PAGE_NUMBER.fullmatch(text) is not None
            if not (number or len(keys[key]) >= REPEAT_MIN_PAGES or (zone == "side" and len(text) <= 2)):
                kept.append(run)
            elif zone != "side":
                tokens[key][page.index] = _NUMBER_TOKEN.findall(text)
        page.runs = kept
    found: dict[int, tuple[str, int]] = {}
    for key, per_page in tokens.items():
        width = max(len(v) for v in per_page.values())
        for pos in range(width):
            values = {v[pos] for v in per_page.values() if len(v) > pos}
            if len(per_page) > 1 and len(values) == 1:
                continue  # constant across pages (the year in "Annual Report 2013"): not a page number
            for index, vals in per_page.items():
                if len(vals) > pos and index not in found:
                    found[index] = (vals[pos], _number_value(vals[pos]))
    return found


def _number_value(token: str) -> int:
    if token.isdigit():
        return int(token)
    values = [_ROMAN[ch] for ch in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _page_labels(reader: PdfReader, printed: dict[int, tuple[str, int]]) -> list[str | None]:
    """Printed page numbers confirmed by a neighbour (same offset to the PDF page index), else /PageLabels."""
    n = len(reader.pages)
    detected = sorted(printed)
    labels: list[str | None] = [None] * n
    offsets = {i: i - printed[i][1] for i in detected}
    for pos, index in enumerate(detected):
        neighbours = detected[max(0, pos - 1):pos] + detected[pos + 1:pos + 2]
        if any(offsets[j] == offsets[index] for j in neighbours):
            labels[index] = printed[index][0]
    confirmed = [i for i in range(n) if labels[i] is not None]
    for a, b in zip(confirmed, confirmed[1:]):
        if offsets[a] == offsets[b] and printed[a][0].isdigit():
            for index in range(a + 1, b):
                labels[index] = str(index - offsets[a])
    if confirmed:
        return labels
    try:
        if "/PageLabels" in reader.trailer["/Root"]:
            return list(reader.page_labels)
    except Exception as exc:  # a broken /PageLabels tree
        log.warning("page labels unreadable: %s", exc)
    return labels


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for run in page.runs:
            sizes[round(run.size, 1)] += len(run.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


_Starts = dict[int, list[tuple[int, str, list[str]]]]


def _title_starts(pages: list[_Page], body_size: float) -> _Starts:
    """Section starts at large-font title lines: {page index: [(line index, title, regions)]}."""
    starts: _Starts = defaultdict(list)
    threshold = SECTION_TITLE_RATIO * body_size
    for page in pages:
        lines = page.layout.lines
        i = 0
        while i < len(lines):
            if lines[i].size < threshold or not re.search(r"[^\W\d_]{2}", lines[i].text):
                i += 1
                continue
            j = i + 1
            while (j < len(lines) and lines[j].column == lines[j - 1].column
                   and (lines[j].size >= threshold or _QUALIFIER.fullmatch(lines[j].text.strip()))
                   and 0 < lines[j - 1].y - lines[j].y <= TITLE_LINE_GAP_EMS * lines[j - 1].size):
                j += 1
            title = re.sub(r"\s*/\s*", "/", " ".join(line.text.strip() for line in lines[i:j]))
            title = re.sub(r"\s+", " ", title).strip()
            if j - i <= MAX_TITLE_LINES and len(title) <= MAX_TITLE_CHARS:
                starts[page.index].append((i, title, find_regions(title)))
            i = j
    return starts


def _outline_starts(reader: PdfReader, pages: list[_Page]) -> _Starts:
    """Section starts from the outline: the heading path, placed at the line that shows the entry's title."""
    entries: list[tuple[int, list[str]]] = []

    def walk(items, path: list[str]) -> None:
        last: list[str] = path
        for item in items:
            if isinstance(item, list):
                walk(item, last)
                continue
            try:
                index = reader.get_destination_page_number(item)
            except Exception:  # an entry pointing nowhere
                continue
            last = [*path, re.sub(r"\s+", " ", str(item.title)).strip()]
            if index is not None and 0 <= index < len(reader.pages):
                entries.append((index, last))

    try:
        walk(reader.outline, [])
    except Exception as exc:  # a broken outline tree: fall back to title lines
        log.warning("outline unreadable: %s", exc)
        return {}
    starts: _Starts = defaultdict(list)
    by_index = {p.index: p for p in pages}
    for index, path in entries:
        page = by_index.get(index)
        if page is None:
            continue
        begin = starts[index][-1][0] if starts[index] else 0
        at = next((k for k in range(begin, len(page.layout.lines)) if _shows(page.layout.lines[k].text, path[-1])),
                  begin)
        regions = next((found for title in reversed(path) if (found := find_regions(title))), [])
        starts[index].append((at, " > ".join(path), regions))
    return starts


def _shows(line_text: str, title: str) -> bool:
    line, head = fold(" ".join(line_text.split())), fold(" ".join(title.split()))
    return bool(line) and (line.startswith(head[:40]) or (len(line) >= 4 and head.startswith(line)))


def _units(pages: list[_Page], starts: _Starts, labels: list[str | None], vocabulary: Vocabulary) -> list[TextUnit]:
    units: list[TextUnit] = []
    section: str | None = None
    regions: list[str] = []
    for page in pages:
        lines = page.layout.lines
        cuts = sorted(starts.get(page.index, []), key=lambda s: s[0])
        bounds = [0] + [c[0] for c in cuts] + [len(lines)]
        for k in range(len(bounds) - 1):
            if k > 0:
                section, regions = cuts[k - 1][1], cuts[k - 1][2]
            text = "\n\n".join(paragraphs(lines[bounds[k]:bounds[k + 1]], page.layout.columns, vocabulary))
            if text:
                units.append(TextUnit(text=text, page=page.index + 1, page_label=labels[page.index],
                                      section=section, regions=list(regions)))
    return units
