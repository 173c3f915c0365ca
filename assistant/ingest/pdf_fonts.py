"""Font helpers for the PDF loader: an encoding repair for pypdf, and glyph widths to measure text runs.

Both read only the font dictionaries (``/Encoding``, ``/Differences``, ``/Widths``); nothing is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

#: Average glyph width (thousandths of an em) when the font does not give widths (standard-14 fonts).
DEFAULT_GLYPH_WIDTH = 500.0
#: Width (thousandths of an em) counted for a space between words.
SPACE_WIDTH = 200.0
#: Text for glyphs whose names have no Unicode value (dingbats such as Wingdings bullets).
UNKNOWN_GLYPH = "•"
#: Python codecs for the PDF base encodings (StandardEncoding is close to ASCII for text characters).
BASE_CODECS = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman", "/StandardEncoding": "ascii"}
#: Deepest nesting of form XObjects whose fonts are repaired.
MAX_FORM_DEPTH = 3
_FIRST_TEXT_CODE = 32


def _glyph_to_unicode(name: str) -> str:
    try:
        from fontTools.agl import toUnicode
    except ImportError:  # pragma: no cover - fontTools comes with matplotlib
        return ""
    return toUnicode(name.lstrip("/"))


def _differences(encoding) -> dict[int, str]:
    """Code -> Unicode for the entries of an /Encoding /Differences array."""
    out: dict[int, str] = {}
    if not isinstance(encoding, DictionaryObject):
        return out
    code = 0
    for item in encoding.get("/Differences", []):
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, int):
            code = int(item)
            continue
        if 0 <= code <= 255:
            out[code] = _glyph_to_unicode(str(item)) or UNKNOWN_GLYPH
        code += 1
    return out


def repair_font_encodings(resources, depth: int = 0) -> None:
    """Give simple Type1 fonts without /ToUnicode a ToUnicode CMap built from their /Encoding (in memory only).

    pypdf (7.x) decodes such fonts with the encoding built into the embedded font program and ignores the
    font dictionary's /Encoding /Differences, which take precedence per the PDF spec (9.6.6). QuarkXPress
    output like the Amnesty report then comes out as letter salad ("yUZPFVx" for "Amnesty"). Codes the
    CMap does not list keep pypdf's decoding through the base encoding.
    """
    if resources is None or depth > MAX_FORM_DEPTH:
        return
    resources = resources.get_object()
    for ref in (resources.get("/Font") or DictionaryObject()).get_object().values():
        font = ref.get_object()
        if font.get("/Subtype") != "/Type1" or "/ToUnicode" in font or "/Encoding" not in font:
            continue
        font[NameObject("/ToUnicode")] = _to_unicode_cmap(_differences(font["/Encoding"].get_object()))
    for ref in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            repair_font_encodings(xobject.get("/Resources"), depth + 1)


def _to_unicode_cmap(entries: dict[int, str]) -> DecodedStreamObject:
    lines = [f"<{c:02X}> <{u.encode('utf-16-be').hex().upper()}>" for c, u in sorted(entries.items())]
    body = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CMapName /Differences def",
            "/CMapType 2 def", "1 begincodespacerange", "<00> <FF>", "endcodespacerange"]
    for start in range(0, len(lines), 100):
        block = lines[start:start + 100]
        body += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    body += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(body).encode("ascii"))
    return stream


@dataclass(frozen=True)
class FontMetrics:
    """Glyph widths of one font by Unicode character, in thousandths of an em."""

    widths: dict[str, float]
    default: float = DEFAULT_GLYPH_WIDTH

    def measure(self, text: str) -> float:
        """Width of the text in ems (sum of glyph widths / 1000).

        Spaces count as :data:`SPACE_WIDTH`: pypdf writes a space for a word gap made by a TJ offset, which is
        usually narrower than the font's space glyph.
        """
        get, default = self.widths.get, self.default
        spaces = text.count(" ")
        return (sum(get(ch, default) for ch in text) + spaces * (SPACE_WIDTH - get(" ", default))) / 1000.0


_STANDARD = FontMetrics({})


def font_metrics(font_dict) -> FontMetrics:
    """Widths of a simple font from /FirstChar + /Widths and its encoding; an average for composite fonts."""
    if font_dict is None:
        return _STANDARD
    try:
        font = font_dict.get_object()
        widths = [float(w) for w in font.get("/Widths", [])]
        if not widths:
            return FontMetrics({}, _descriptor_average(font))
        first = int(font.get("/FirstChar", 0))
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        base = encoding.get("/BaseEncoding") if isinstance(encoding, DictionaryObject) else encoding
        codec = BASE_CODECS.get(str(base) if base is not None else "", "cp1252")
        chars = {c: bytes([c]).decode(codec, errors="ignore") for c in range(_FIRST_TEXT_CODE, 256)}
        chars.update(_differences(encoding))
        by_char: dict[str, float] = {}
        for offset, width in enumerate(widths):
            char = chars.get(first + offset)
            if char and width > 0:
                by_char.setdefault(char, width)
        positive = [w for w in widths if w > 0]
        return FontMetrics(by_char, sum(positive) / len(positive) if positive else DEFAULT_GLYPH_WIDTH)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return _STANDARD


def _descriptor_average(font) -> float:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    average = float(descriptor.get_object().get("/AvgWidth", 0)) if descriptor is not None else 0.0
    return average or DEFAULT_GLYPH_WIDTH
