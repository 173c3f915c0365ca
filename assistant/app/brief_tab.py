"""The Regiobrief tab: generate a brief for a region, preview it, download Markdown and DOCX; compare regions in a
table and a heatmap. Files are written to a fresh temporary folder per request (never into the corpus folder).
"""

from __future__ import annotations

import html
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.app.state import AppContext, region_choices
from assistant.i18n import norm_lang, t

#: Prefix of the temporary folders the downloads are written to.
TEMP_PREFIX = "assistant-brief-"
MIN_COMPARE = 2
#: Pixels of the brief preview before it scrolls.
PREVIEW_HEIGHT = 640


@dataclass
class BriefResult:
    preview: str  # Markdown of the brief, or a message
    markdown: Path | None = None
    docx: Path | None = None
    error: str | None = None


@dataclass
class CompareResult:
    table: str  # Markdown table, or a message
    heatmap: Path | None = None
    error: str | None = None


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))


def make_brief(assistant, region: str, lang: str) -> BriefResult:
    """Build the brief and write both files; an error becomes a message, never an exception."""
    from assistant.brief import build_brief, to_markdown, write_docx, write_markdown

    lang = norm_lang(lang)
    if not region:
        return BriefResult(t("app.brief_none", lang))
    try:
        brief = build_brief(assistant, region, lang=lang)
        folder = _folder()
        prefix = "regiobrief" if lang == "nl" else "region-brief"
        stem = f"{prefix}_{brief.region}_{brief.date}"
        markdown = write_markdown(brief, folder / f"{stem}.md")
        docx = write_docx(brief, folder / f"{stem}.docx")
        return BriefResult(to_markdown(brief), Path(markdown), Path(docx))
    except Exception as exc:  # noqa: BLE001 - unknown region, index problems: shown, not raised
        return BriefResult(t("app.brief_error", lang, error=html.escape(str(exc))), error=str(exc))


def make_comparison(assistant, regions: list[str] | None, lang: str) -> CompareResult:
    from assistant.brief import compare, write_heatmap_png
    from assistant.brief.compare import table_markdown

    lang = norm_lang(lang)
    regions = [r for r in (regions or []) if r]
    if len(regions) < MIN_COMPARE:
        return CompareResult(t("app.compare_min", lang))
    try:
        comparison = compare(assistant, regions, lang=lang)
        heatmap = write_heatmap_png(comparison, _folder() / "kompas-heatmap.png")
        return CompareResult(table_markdown(comparison), Path(heatmap))
    except Exception as exc:  # noqa: BLE001
        return CompareResult(t("app.compare_error", lang, error=html.escape(str(exc))), error=str(exc))


def build_brief_tab(ctx: AppContext) -> None:
    import gradio as gr

    lang0, relabel, assistant = ctx.default_lang, ctx.relabel, ctx.assistant

    def regions(lang):
        return region_choices(lang, macros=False, blank=False)

    relabel.add(gr.Markdown(t("app.brief_intro", lang0)), value="brief_intro")
    with gr.Row():
        region = relabel.add_fn(gr.Dropdown(regions(lang0), value=None, label=t("app.brief_region", lang0),
                                            elem_id="brief-region", scale=3),
                                lambda lang: {"label": t("app.brief_region", lang), "choices": regions(lang)})
        make = relabel.add(gr.Button(t("app.brief_btn", lang0), variant="primary", elem_id="brief-make", scale=1),
                           value="brief_btn")
    with gr.Row():
        md_file = relabel.add(gr.DownloadButton(t("app.brief_md", lang0), elem_id="brief-md", interactive=False),
                              label="brief_md")
        docx_file = relabel.add(gr.DownloadButton(t("app.brief_docx", lang0), elem_id="brief-docx", interactive=False),
                                label="brief_docx")
    preview = relabel.add(gr.Markdown(t("app.brief_none", lang0), label=t("app.brief_preview", lang0),
                                      elem_id="brief-preview", show_label=True, container=True,
                                      max_height=PREVIEW_HEIGHT),
                          label="brief_preview")
    relabel.add_fn(gr.Markdown(f"### {t('app.compare_regions', lang0)}"),
                   lambda lang: {"value": f"### {t('app.compare_regions', lang)}"})
    with gr.Row():
        many = relabel.add_fn(gr.Dropdown(regions(lang0), multiselect=True, label=t("app.compare_regions", lang0),
                                          elem_id="compare-regions", scale=3),
                              lambda lang: {"label": t("app.compare_regions", lang), "choices": regions(lang)})
        compare_btn = relabel.add(gr.Button(t("app.compare_btn", lang0), elem_id="compare-btn", scale=1),
                                  value="compare_btn")
    with gr.Row():
        heatmap = relabel.add(gr.Image(label=t("app.compare_heatmap", lang0), type="filepath", interactive=False,
                                       elem_id="compare-heatmap", scale=3), label="compare_heatmap")
        table = gr.Markdown("", elem_id="compare-table", scale=2)

    def on_brief(region_value, lang):
        result = make_brief(assistant, region_value, lang)
        return (result.preview,
                gr.update(value=str(result.markdown) if result.markdown else None, interactive=bool(result.markdown)),
                gr.update(value=str(result.docx) if result.docx else None, interactive=bool(result.docx)))

    def on_compare(values, lang):
        result = make_comparison(assistant, values, lang)
        return result.table, (str(result.heatmap) if result.heatmap else None)

    make.click(on_brief, [region, ctx.lang], [preview, md_file, docx_file], api_name="brief")
    compare_btn.click(on_compare, [many, ctx.lang], [table, heatmap], api_name="compare")
