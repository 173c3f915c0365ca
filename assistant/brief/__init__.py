"""Draft region briefs (Markdown + Word) and region comparisons (table + heatmap), built on the one API.

    from assistant.api import Assistant
    from assistant.brief import build_brief, write_markdown, write_docx, compare, write_table_md, write_csv, \
        write_heatmap_png
    brief = build_brief(Assistant(), "Japan", lang="nl")
    write_markdown(brief, "out/japan-brief.md"); write_docx(brief, "out/japan-brief.docx")

Submodules: model (Brief data), build (assembly), prose (cited statements, generated summary), sources (the
numbered source list), outline (reading order shared by the writers), markdown, docx, compare, texts. The commands
(``brief``, ``compare``) are in ``assistant.cli.briefs``.
"""

from assistant.brief.build import build_brief
from assistant.brief.compare import (HEATMAP_PIXELS, Comparison, ComparisonRow, compare, write_csv,
                                     write_heatmap_png, write_table_md)
from assistant.brief.docx import write_docx
from assistant.brief.markdown import to_markdown, write_markdown
from assistant.brief.model import Brief, BriefSection, SourceRef, Statement

__all__ = [
    "Brief", "BriefSection", "Comparison", "ComparisonRow", "HEATMAP_PIXELS", "SourceRef", "Statement",
    "build_brief", "compare", "to_markdown", "write_csv", "write_docx", "write_heatmap_png", "write_markdown",
    "write_table_md",
]
