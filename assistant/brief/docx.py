"""The Word writer of a brief (python-docx, imported on use): the same outline as the Markdown file.

Headings use Word's built-in "Heading 1..3" styles (so the navigation pane shows the structure), lists use
"List Bullet", the concept banner is bold dark red.
"""

from __future__ import annotations

from pathlib import Path

from assistant.brief.model import Brief
from assistant.brief.outline import Block, outline

#: Colour of the concept banner (dark red) and of subtle lines (grey), as RGB hex.
BANNER_RGB = "C00000"
SUBTLE_RGB = "595959"
BANNER_PT = 12
LIST_STYLE = "List Bullet"


def _add(document, block: Block) -> None:
    from docx.shared import Pt, RGBColor

    text = " ".join(block.text.split())
    if block.kind == "heading":
        document.add_heading(text, level=block.level)
    elif block.kind == "banner":
        run = document.add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(BANNER_PT)
        run.font.color.rgb = RGBColor.from_string(BANNER_RGB)
    elif block.kind == "subtle":
        run = document.add_paragraph().add_run(text)
        run.italic = True
        run.font.color.rgb = RGBColor.from_string(SUBTLE_RGB)
    elif block.kind == "field":
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{block.label}:").bold = True
        if text:
            paragraph.add_run(f" {text}")
    elif block.kind == "bullet":
        document.add_paragraph(text, style=LIST_STYLE)
    else:
        document.add_paragraph(text)


def to_document(brief: Brief):
    """The brief as a ``docx.Document``."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a core dependency
        raise RuntimeError("Writing Word files needs python-docx: pip install python-docx") from exc
    document = docx.Document()
    props = document.core_properties
    props.title = brief.title
    props.subject = brief.banner
    props.author = "Brabant compass assistant (concept)"
    props.language = brief.lang
    for block in outline(brief):
        _add(document, block)
    return document


def write_docx(brief: Brief, path: str | Path) -> Path:
    """Write the brief as a Word document; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    to_document(brief).save(str(path))
    return path
