"""Documents: ``ingest``, ``search``, ``docs`` and ``ask`` (cited answers from the indexed documents).

This module is what a cold ``assistant search`` imports besides the API: it imports nothing else at load time.
"""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import EXIT_FAILED, EXIT_OK, Api, add_filters, add_format, filters, print_json

#: Characters of a passage shown per hit in the text output of ``search``.
SNIPPET_CHARS = 240


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


def cmd_ingest(args: argparse.Namespace, api: Api) -> int:
    progress, close = _progress_bar()
    try:
        summary = api().ingest(args.paths or None, rebuild=args.rebuild, progress=progress)
    finally:
        close()
    if args.format == "json":
        print_json(summary.model_dump())
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


def cmd_search(args: argparse.Namespace, api: Api) -> int:
    hits = api().search(args.query, k=args.k, filters=filters(args))
    if args.format == "json":
        print_json([h.model_dump(include={"chunk_id", "source", "title", "page", "section", "text", "score",
                                          "kind", "language", "regions", "date", "page_label"}) for h in hits])
    else:
        for rank, hit in enumerate(hits, start=1):
            print(_hit_line(rank, hit))
        if not hits:
            print("No results. Is the index empty? Run: assistant ingest")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace, api: Api) -> int:
    rows = api().documents()
    if args.format == "json":
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['source']}  [{row['kind']}, {row['language']}, {row['chunks']} chunks]  {row['title']}")
    return EXIT_OK


def cmd_ask(args: argparse.Namespace, api: Api) -> int:
    assistant = api()
    if args.format == "json":
        answer = assistant.ask(args.question, filters=filters(args), lang=args.lang)
        print_json(answer.model_dump(include={"question", "answer", "refused", "backend", "citations", "retrieved",
                                              "standalone_question", "removed_citations", "error", "closest",
                                              "refusal_reason"}))
        return EXIT_OK
    from assistant.models import Answer

    final = None
    streamed = False
    pieces: list[str] = []
    for item in assistant.stream(args.question, filters=filters(args), lang=args.lang):
        if isinstance(item, Answer):
            final = item
        else:
            streamed = True
            pieces.append(item)
            print(item, end="", flush=True)
    if streamed:
        print()
    elif final is not None:
        print(final.answer)
    if final is not None:
        if streamed and "".join(pieces).strip() != final.answer.strip():
            print(f"\n{final.answer}")  # the checked text (citations renumbered, invalid ones removed)
        if final.error:
            print(f"\n! {final.error}", file=sys.stderr)
        _print_citations(final.citations)
        if final.refused:
            _print_closest(final)
    return EXIT_OK


def _where(citation) -> str:
    return f"p. {citation.page}" if citation.page else (citation.section or "")


def _print_citations(citations) -> None:
    if citations:
        print()
    for citation in citations:
        print(f"[{citation.n}] {citation.title} — {citation.source} ({_where(citation)})\n    \"{citation.quote}\"")


def _print_closest(answer) -> None:
    """After a refusal: why, and the closest passages, clearly marked as not answering the question."""
    from assistant.answer import messages
    from assistant.i18n import t

    lang = "en" if answer.answer.strip() == messages.REFUSAL["en"] else "nl"
    reason = messages.refusal_reason(answer.refusal_reason, lang)
    if reason:
        print(reason)
    if answer.closest:
        print(f"\n{t('answer.closest', lang)}")
        for passage in answer.closest:
            print(f"({passage.n}) {passage.title} — {passage.source} ({_where(passage)})\n    \"{passage.quote}\"")


def register(sub) -> None:
    """Add this group's sub-commands to the main parser's ``sub``-parsers."""
    p = sub.add_parser("ingest", help="index documents (incremental)")
    p.add_argument("paths", nargs="*", help="files or folders (default: the corpus folder)")
    p.add_argument("--rebuild", action="store_true", help="re-embed everything")
    add_format(p)
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("search", help="ranked passages for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=None, help="number of results")
    add_filters(p)
    add_format(p)
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("docs", help="list indexed documents")
    add_format(p)
    p.set_defaults(run=cmd_docs)

    p = sub.add_parser("ask", help="answer a question with cited sources")
    p.add_argument("question")
    p.add_argument("--lang", choices=["nl", "en"], help="answer language (default: the question's)")
    add_filters(p)
    add_format(p)
    p.set_defaults(run=cmd_ask)
