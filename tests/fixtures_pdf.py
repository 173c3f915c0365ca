"""Build small PDFs with a real text layer for the loader tests (no binary fixtures in the repository).

``make_pdf`` writes a minimal PDF by hand: standard Helvetica (WinAnsi encoding plus /Differences codes 1-5 for
the ligature glyphs fi, fl, ff, ffi, ffl), one content stream per page with BT/ET text operators. Other
variants (encryption, outline, page labels) go through pypdf's writer.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
LEFT_X, RIGHT_X = 72, 320
TOP_Y = 700
LIGATURE_CODES = {"ﬁ": 1, "ﬂ": 2, "ﬀ": 3, "ﬃ": 4, "ﬄ": 5}


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: float = 10.0


@dataclass
class Page:
    items: list[Text] = field(default_factory=list)
    one_block: bool = False  # all items in one BT block (like generators that write rows across columns)
    image: bool = False  # draw a grey image (a "scan") under the text


def _encode(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        if ch in LIGATURE_CODES:
            out.append(LIGATURE_CODES[ch])
            continue
        byte = ch.encode("cp1252")
        if byte in (b"(", b")", b"\\"):
            out += b"\\"
        out += byte
    return bytes(out)


def _content(page: Page) -> bytes:
    ops: list[bytes] = []
    if page.image:
        ops.append(b"q 500 0 0 700 50 50 cm /Im1 Do Q")
    if page.one_block and page.items:
        ops.append(b"BT")
        size = None
        for item in page.items:
            if item.size != size:  # like real generators: the font is set only when it changes
                ops.append(b"/F1 %g Tf" % item.size)
                size = item.size
            ops.append(b"1 0 0 1 %g %g Tm (%s) Tj" % (item.x, item.y, _encode(item.text)))
        ops.append(b"ET")
    else:
        for item in page.items:
            ops.append(b"BT /F1 %g Tf %g %g Td (%s) Tj ET" % (item.size, item.x, item.y, _encode(item.text)))
    return b"\n".join(ops)


def make_pdf(pages: list[Page], page_labels: bytes | None = None) -> bytes:
    """A PDF with the given pages.

    ``page_labels``: a raw /PageLabels dictionary, e.g. ``b"<< /Nums [0 << /S /r >>] >>"``.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
               b"/BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl /ff /ffi /ffl] >> >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x90\xa0\xb0\nendstream")
    kids = []
    for page in pages:
        data = _content(page)
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        xobjects = b" /XObject << /Im1 %d 0 R >>" % image if page.image else b""
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >>"
                        b"%s >> /Contents %d 0 R >>"
                        % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, font, xobjects, stream)))
    labels = b" /PageLabels %s" % page_labels if page_labels else b""
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_obj, labels)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return serialize_pdf(objects, catalog, header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def serialize_pdf(objects: list[bytes], root: int, header: bytes = b"%PDF-1.4\n") -> bytes:
    """Objects 1..n, a cross-reference table with their byte offsets, and a trailer naming the catalog ``root``."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def lines_of(text: str, width: int = 38) -> list[str]:
    """Break text into lines of at most ``width`` characters (on spaces)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def column(lines: list[str], x: float, top: float = TOP_Y, pitch: float = 12.0, size: float = 10.0) -> list[Text]:
    return [Text(x, top - i * pitch, line, size) for i, line in enumerate(lines)]


def interleave(left: list[Text], right: list[Text]) -> list[Text]:
    """Left line 1, right line 1, left line 2, ...: the content order that makes naive extraction mix columns."""
    out: list[Text] = []
    for i in range(max(len(left), len(right))):
        out += left[i:i + 1] + right[i:i + 1]
    return out


def with_writer(data: bytes, *, encrypt: str | None = None, owner: str | None = None,
                outline: list[tuple[str, int, str | None]] | None = None) -> bytes:
    """Re-write a PDF with pypdf: add outline items (title, page index, parent title) and/or encrypt it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    parents: dict[str, object] = {}
    for title, page_index, parent in outline or []:
        parents[title] = writer.add_outline_item(
            title=title, page_number=page_index, parent=parents.get(parent) if parent else None)
    if encrypt is not None:
        writer.encrypt(encrypt, owner_password=owner)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def junk_bytes(size: int = 4096, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
