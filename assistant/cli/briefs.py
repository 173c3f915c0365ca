"""Briefs: ``brief REGION`` (Markdown + Word) and ``compare REGION [REGION ...]`` (table, CSV, heatmap)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import EXIT_OK, Api, add_format, print_json

#: Default output folder (relative to the working directory).
DEFAULT_OUT = "."
#: Most region slugs joined into a comparison's file name (more: the name says how many).
NAME_SLUGS = 4


def _lang(args: argparse.Namespace, assistant) -> str:
    return args.lang or assistant.settings.default_lang


def cmd_brief(args: argparse.Namespace, api: Api) -> int:
    from assistant.brief import build_brief, write_docx, write_markdown

    assistant = api()
    brief = build_brief(assistant, args.region, lang=_lang(args, assistant), backend=args.backend)
    out = Path(args.out)
    md = write_markdown(brief, out / f"{brief.region}-brief.md")
    docx = write_docx(brief, out / f"{brief.region}-brief.docx")
    if args.format == "json":
        print_json({"region": brief.region, "markdown": str(md), "docx": str(docx),
                    "recommendation": brief.recommendation, "validation": brief.validation.model_dump(),
                    "sources": len(brief.sources),
                    "insufficient": [s.key for s in brief.all_sections() if s.insufficient]})
    else:
        print(md)
        print(docx)
    return EXIT_OK


def comparison_stem(slugs: list[str]) -> str:
    shown = "_".join(slugs[:NAME_SLUGS])
    return f"comparison-{shown}" + (f"_and-{len(slugs) - NAME_SLUGS}-more" if len(slugs) > NAME_SLUGS else "")


def cmd_compare(args: argparse.Namespace, api: Api) -> int:
    from assistant.brief import compare, write_csv, write_heatmap_png, write_table_md
    from assistant.brief.compare import write_indicators_csv

    assistant = api()
    comparison = compare(assistant, args.regions, lang=_lang(args, assistant), backend=args.backend)
    stem = Path(args.out) / comparison_stem([r.region for r in comparison.rows])
    paths = {"markdown": write_table_md(comparison, stem.with_suffix(".md")),
             "csv": write_csv(comparison, stem.with_suffix(".csv")),
             "indicators_csv": write_indicators_csv(comparison, stem.with_name(stem.name + "-indicators.csv")),
             "png": write_heatmap_png(comparison, stem.with_suffix(".png"))}
    if args.format == "json":
        print_json({**{k: str(v) for k, v in paths.items()}, "comparison": comparison.model_dump()})
    else:
        for path in paths.values():
            print(path)
    return EXIT_OK


def register(sub) -> None:
    """Add this group's sub-commands to the main parser's ``sub``-parsers."""
    p = sub.add_parser("brief", help="draft a region brief (Markdown + Word) with cited sources")
    p.add_argument("region", help="country or region, e.g. Japan, Duitsland or south-korea")
    p.add_argument("--lang", choices=["nl", "en"], help="language of the brief (default: ASSISTANT_DEFAULT_LANG)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output folder for <region>-brief.md and .docx")
    p.add_argument("--backend", choices=["evidence", "llm"], default="evidence",
                   help="compass proposer: evidence (offline, default) or llm (ASSISTANT_LLM endpoint)")
    add_format(p)
    p.set_defaults(run=cmd_brief)

    p = sub.add_parser("compare", help="compare regions: score table (.md, .csv) and heatmap (.png)")
    p.add_argument("regions", nargs="+", help="countries or regions, e.g. Japan China Duitsland")
    p.add_argument("--lang", choices=["nl", "en"], help="language of labels (default: ASSISTANT_DEFAULT_LANG)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output folder for comparison-<regions>.md/.csv/.png")
    p.add_argument("--backend", choices=["evidence", "llm"], default="evidence",
                   help="compass proposer: evidence (offline, default) or llm (ASSISTANT_LLM endpoint)")
    add_format(p)
    p.set_defaults(run=cmd_compare)
