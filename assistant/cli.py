"""The ``assistant`` command: parse arguments, call :class:`assistant.api.Assistant`, print text or JSON.

Exit status: 0 success, 1 the result says something failed (a file did not ingest, validation errors),
2 bad usage or a fault with a message that says what to do.
"""

from __future__ import annotations

import argparse
import sys

from assistant import __version__
from assistant.retrieve.base import Filters

from assistant.cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, default_assistant, print_json, registrar
SNIPPET_CHARS = 240

_COMMANDS: dict = {}
command = registrar(_COMMANDS)
_print_json = print_json
_assistant = default_assistant


def _filters(args: argparse.Namespace) -> Filters | None:
    values = {k: getattr(args, k, None) for k in ("region", "kind", "language", "source", "date_from", "date_to")}
    filters = Filters(**values)
    return None if filters.is_empty() else filters


def _progress_bar():
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", file=sys.stderr, leave=False)

    def update(done: int, total: int, source: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(source[-40:], refresh=True)

    return update, bar.close


@command("ingest")
def cmd_ingest(args: argparse.Namespace) -> int:
    progress, close = _progress_bar()
    try:
        summary = _assistant().ingest(args.paths or None, rebuild=args.rebuild, progress=progress)
    finally:
        close()
    if args.format == "json":
        _print_json(summary.model_dump())
    else:
        print(f"indexed {len(summary.indexed)}, unchanged {len(summary.unchanged)}, removed {len(summary.removed)}, "
              f"failed {len(summary.failed)}; {summary.chunks} chunks in the index; {summary.seconds:.1f} s")
        for failure in summary.failed:
            print(f"  FAILED {failure.path}: {failure.reason}")
    return EXIT_FAILED if summary.failed else EXIT_OK


def _hit_line(rank: int, hit) -> str:
    where = f"p. {hit.page}" if hit.page else (hit.section or "")
    text = " ".join(hit.text.split())[:SNIPPET_CHARS]
    return f"{rank}. [{hit.score:.4f}] {hit.source} ({where})\n   {text}"


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    hits = _assistant().search(args.query, k=args.k, filters=_filters(args))
    if args.format == "json":
        _print_json([h.model_dump(include={"chunk_id", "source", "title", "page", "section", "text", "score",
                                           "kind", "language", "regions", "date", "page_label"}) for h in hits])
    else:
        for rank, hit in enumerate(hits, start=1):
            print(_hit_line(rank, hit))
        if not hits:
            print("No results. Is the index empty? Run: assistant ingest")
    return EXIT_OK


@command("docs")
def cmd_docs(args: argparse.Namespace) -> int:
    rows = _assistant().documents()
    if args.format == "json":
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['source']}  [{row['kind']}, {row['language']}, {row['chunks']} chunks]  {row['title']}")
    return EXIT_OK


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="country or region (name or slug, e.g. 'Zuid-Korea' or south-korea)")
    parser.add_argument("--kind", help="document kind, e.g. policy, government_report, ngo_briefing")
    parser.add_argument("--language", help="document language: nl or en")
    parser.add_argument("--source", help="one source file (path relative to the corpus folder)")
    parser.add_argument("--date-from", dest="date_from", help="earliest document date (YYYY or YYYY-MM-DD)")
    parser.add_argument("--date-to", dest="date_to", help="latest document date (YYYY or YYYY-MM-DD)")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format")


def build_parser(core_only: bool = False) -> argparse.ArgumentParser:
    """The full parser; ``core_only``: only ingest, search and docs (their runs skip importing the other command
    modules: the brief module alone costs 0.3-0.5 s of a cold ``assistant search``)."""
    parser = argparse.ArgumentParser(prog="assistant", description="Brabant compass assistant")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index documents (incremental)")
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus folder)")
    p.add_argument("--rebuild", action="store_true", help="re-embed everything")
    _add_format(p)

    p = sub.add_parser("search", help="ranked passages for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=None, help="number of results")
    _add_filters(p)
    _add_format(p)

    p = sub.add_parser("docs", help="list indexed documents")
    _add_format(p)

    for module in [] if core_only else _cli_modules():
        module.add_parsers(sub, _add_filters, _add_format)
    return parser


#: Modules that add sub-commands: each has ``add_parsers(sub, add_filters, add_format)`` and ``COMMANDS``.
CLI_MODULES = ("assistant.cli_more", "assistant.evaluation.cli", "assistant.brief.cli", "assistant.app.cli",
               "assistant.compass.relations.cli")


def _cli_modules():
    import importlib

    return [importlib.import_module(name) for name in CLI_MODULES]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    core = bool(argv) and argv[0] in _COMMANDS
    parser = build_parser(core_only=core)
    args = parser.parse_args(argv)
    handler = _COMMANDS.get(args.command)
    for module in [] if core else _cli_modules():
        handler = handler or module.COMMANDS.get(args.command)
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, KeyError, FileNotFoundError, RuntimeError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
