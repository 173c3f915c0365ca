"""Loaders: one file -> text units (a PDF page, or a section under its heading) in reading order.

Every loader raises :class:`LoadError` with a reason an officer can act on; nothing else escapes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from assistant.ingest.errors import LoadError
from assistant.ingest.text import clean_text
from assistant.models import TextUnit

#: A plain-text line this short, alone in its paragraph and without final punctuation, is taken as a heading.
HEADING_MAX_CHARS = 70
#: A paragraph's first line this short (and heading-like) is split off as a heading.
LEADING_HEADING_MAX_CHARS = 40
#: Share of text lines followed by exactly one empty line above which single empty lines are mere line breaks
#: (text extracted from PDFs is often "double spaced").
DOUBLE_SPACED_SHARE = 0.4
#: Bytes sniffed to recognise binary content.
SNIFF_BYTES = 4096

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SECTION_SEPARATOR = " > "


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:SNIFF_BYTES]:
        raise LoadError("binary content in a text file; check the file extension")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError("text is neither UTF-8 nor Windows-1252; save it as UTF-8")


def _section_path(stack: list[str]) -> str | None:
    # The top heading is usually the document title; keep it only when nothing is below it.
    parts = stack[1:] if len(stack) > 1 else stack
    return _SECTION_SEPARATOR.join(parts) if parts else None


def load_markdown(path: Path) -> list[TextUnit]:
    """Markdown: one unit per section; the heading path (below the title) becomes ``section``."""
    return split_by_headings(_read_text(path))


def split_by_headings(text: str) -> list[TextUnit]:
    units: list[TextUnit] = []
    stack: list[str] = []
    levels: list[int] = []
    buffer: list[str] = []
    in_code = False

    def flush() -> None:
        body = clean_text("\n".join(buffer))
        if body:
            units.append(TextUnit(text=body, section=_section_path(stack)))
        buffer.clear()

    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        match = None if in_code else _MD_HEADING.match(line)
        if match:
            flush()
            level, title = len(match.group(1)), match.group(2).strip()
            while levels and levels[-1] >= level:
                levels.pop()
                stack.pop()
            levels.append(level)
            stack.append(title.strip("*_ "))
        else:
            buffer.append(line)
    flush()
    return units


def _is_heading(paragraph: str) -> bool:
    line = paragraph.strip()
    return (
        0 < len(line) <= HEADING_MAX_CHARS
        and "\n" not in line
        and line[0].isupper()
        and line[-1] not in ".,;:!?"
    )


def _split_leading_headings(paragraphs: list[str]) -> list[str]:
    """A paragraph whose short first line looks like a heading ("Aanleiding") gets that line split off."""
    out: list[str] = []
    for paragraph in paragraphs:
        first, _, rest = paragraph.partition("\n")
        if rest.strip() and len(first.strip()) <= LEADING_HEADING_MAX_CHARS and _is_heading(first):
            out.extend([first, rest])
        else:
            out.append(paragraph)
    return out


def load_plain_text(path: Path) -> list[TextUnit]:
    """Plain text: paragraphs at blank lines; short stand-alone lines become section headings."""
    lines = _read_text(path).splitlines()
    blank = [not ln.strip() for ln in lines]
    text_lines = [i for i, b in enumerate(blank) if not b]
    single_gaps = sum(
        1 for i in text_lines if i + 2 < len(lines) and blank[i + 1] and not blank[i + 2]
    )
    double_spaced = bool(text_lines) and single_gaps / len(text_lines) > DOUBLE_SPACED_SHARE
    paragraphs: list[str] = []
    current: list[str] = []
    run = 0
    for line, is_blank in zip(lines, blank):
        if is_blank:
            run += 1
            continue
        if current and (run >= 2 or (run == 1 and not double_spaced)):
            paragraphs.append("\n".join(current))
            current = []
        run = 0
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))

    units: list[TextUnit] = []
    section: str | None = None
    body: list[str] = []
    for paragraph in _split_leading_headings(paragraphs):
        if _is_heading(paragraph):
            if body:
                units.append(TextUnit(text=clean_text("\n\n".join(body)), section=section))
                body = []
            section = paragraph.strip()
        else:
            body.append(paragraph)
    if body:
        units.append(TextUnit(text=clean_text("\n\n".join(body)), section=section))
    return [u for u in units if u.text]


def load_html(path: Path) -> list[TextUnit]:
    """HTML: scripts/navigation dropped; h1-h6 become sections (via Markdown-style headings)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_read_text(path), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript", "form"]):
        tag.decompose()
    lines: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre", "blockquote"]):
        if element.find_parent(["p", "li", "td", "blockquote"]) is not None:
            continue  # nested text is taken with its parent
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        if element.name.startswith("h"):
            lines.append(f"{'#' * int(element.name[1])} {text}")
        else:
            lines.append(text)
        lines.append("")
    return split_by_headings("\n".join(lines))


def load_docx(path: Path) -> list[TextUnit]:
    """Word: paragraphs and tables in document order; 'Heading N' / 'Title' styles become sections."""
    if not zipfile.is_zipfile(path):
        raise LoadError("not a valid .docx file (it is not a Word/ZIP document); check the file extension")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for damaged packages
        raise LoadError(f"damaged Word document ({type(exc).__name__}); open and re-save it in Word") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            level = _docx_heading_level(style)
            lines.append(f"{'#' * level} {text}" if level else text)
            lines.append("")
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    lines.append(" | ".join(dict.fromkeys(cells)))
            lines.append("")
    return split_by_headings("\n".join(lines))


def _docx_heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.match(r"(?:Heading|Kop)\s*(\d)", style)
    return int(match.group(1)) if match else 0


def _load_pdf(path: Path) -> list[TextUnit]:
    from assistant.ingest.pdf import load_pdf

    return load_pdf(path)


LOADERS: dict[str, Callable[[Path], list[TextUnit]]] = {
    ".pdf": _load_pdf,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_plain_text,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
}
SUPPORTED = tuple(sorted(LOADERS))


def load_file(path: Path) -> list[TextUnit]:
    """Load any supported file. Raises LoadError for empty, unreadable or unsupported files."""
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type '{suffix or path.name}'; supported: {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror}") from exc
    if size == 0:
        raise LoadError("empty file (0 bytes)")
    try:
        units = loader(path)
    except LoadError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise LoadError(f"could not read the file ({type(exc).__name__}: {exc})") from exc
    units = [u for u in units if u.text.strip()]
    if not units:
        raise LoadError("no text found in the file")
    return units
