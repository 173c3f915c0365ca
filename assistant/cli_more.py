"""Sub-commands past ingest/search: answers and the compass (kept apart from cli.py for size)."""

from __future__ import annotations

import argparse
import sys

from assistant.cli_common import EXIT_FAILED, EXIT_OK, default_assistant as _assistant, print_json as _print_json, registrar

COMMANDS: dict = {}
_command = registrar(COMMANDS)


def _filters(args):
    from assistant.cli import _filters as filters

    return filters(args)


@_command("ask")
def cmd_ask(args: argparse.Namespace) -> int:
    assistant = _assistant()
    if args.format == "json":
        answer = assistant.ask(args.question, filters=_filters(args), lang=args.lang)
        _print_json(answer.model_dump(include={"question", "answer", "refused", "backend", "citations", "retrieved",
                                               "standalone_question", "removed_citations", "error", "closest",
                                               "refusal_reason"}))
        return EXIT_OK
    from assistant.models import Answer

    final = None
    streamed = False
    pieces: list[str] = []
    for item in assistant.stream(args.question, filters=_filters(args), lang=args.lang):
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

    lang = "en" if answer.answer.strip() == messages.REFUSAL["en"] else "nl"
    reason = messages.refusal_reason(answer.refusal_reason, lang)
    if reason:
        print(reason)
    if answer.closest:
        print(f"\n{messages.text(messages.CLOSEST, lang)}")
        for passage in answer.closest:
            print(f"({passage.n}) {passage.title} — {passage.source} ({_where(passage)})\n    \"{passage.quote}\"")


@_command("score")
def cmd_score(args: argparse.Namespace) -> int:
    from assistant.compass.render import format_assessment, score_payload

    assessment, report = _assistant().score(args.region, backend=args.backend)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(assessment.model_dump_json(indent=2))
    if args.format == "json":
        _print_json(score_payload(assessment, report))
    else:
        print(format_assessment(assessment, report))
    return EXIT_OK if report.passed else EXIT_FAILED


@_command("validate")
def cmd_validate(args: argparse.Namespace) -> int:
    from assistant.compass import validate_file
    from assistant.compass.render import format_report

    assistant = _assistant()
    report = validate_file(args.file, assistant.retriever, assistant.settings)
    if args.format == "json":
        _print_json(report.model_dump())
    else:
        print(format_report(report))
    return EXIT_OK if report.passed else EXIT_FAILED


@_command("override")
def cmd_override(args: argparse.Namespace) -> int:
    from assistant.compass import load_assessment_file
    from assistant.compass.render import score_payload
    from assistant.compass.schema import Assessment

    assistant = _assistant()
    assessment = Assessment.model_validate(load_assessment_file(args.file))
    score = None if args.score.lower() in {"null", "none", "-"} else int(args.score)
    updated, report = assistant.override(assessment, args.criterion, score, args.reason, args.officer,
                                         mitigation_note=args.mitigation)
    with open(args.file, "w", encoding="utf-8") as handle:
        handle.write(updated.model_dump_json(indent=2))
    _print_json(score_payload(updated, report))
    return EXIT_OK if report.passed else EXIT_FAILED


@_command("data")
def cmd_data(args: argparse.Namespace) -> int:
    from assistant.compass.render import format_data_status

    status = _assistant().data_status()
    if args.format == "json":
        _print_json(status)
    else:
        print(format_data_status(status))
    return EXIT_OK if any(d["found"] for d in status["datasets"]) else EXIT_FAILED


def add_parsers(sub, add_filters, add_format) -> None:
    """Register the sub-commands of this module on the main parser."""
    p = sub.add_parser("ask", help="answer a question with cited sources")
    p.add_argument("question")
    p.add_argument("--lang", choices=["nl", "en"], help="answer language (default: the question's)")
    add_filters(p)
    add_format(p)

    p = sub.add_parser("score", help="propose afwegingskompas scores for a region, then validate them")
    p.add_argument("region", help="country or region, e.g. Duitsland or south-korea")
    p.add_argument("--backend", choices=["evidence", "llm"], default="evidence",
                   help="evidence (offline, default) or llm (ASSISTANT_LLM endpoint)")
    p.add_argument("--out", help="also write the assessment JSON to this file (for validate/override)")
    add_format(p)

    p = sub.add_parser("data", help="the compass's open indicator data: what is found, its vintage and coverage, "
                                    "and what to download for a missing dataset (exit 1 when none is found)")
    add_format(p)

    p = sub.add_parser("validate", help="validate an assessment JSON file (exit 1 on any error)")
    p.add_argument("file")
    add_format(p)

    p = sub.add_parser("override", help="override one criterion score in an assessment file, with a reason")
    p.add_argument("file", help="assessment JSON (from 'score --out'); rewritten with the override")
    p.add_argument("criterion")
    p.add_argument("score", help="1-5, or null for 'insufficient evidence'")
    p.add_argument("--reason", required=True)
    p.add_argument("--officer", required=True, help="who overrides (name or initials)")
    p.add_argument("--mitigation", help="mitigation note (needed for 'focus' despite serious concerns)")
