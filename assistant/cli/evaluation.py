"""Evaluation: ``eval`` indexes the question set's documents (incrementally), runs the evaluation, writes reports.

    assistant eval                                   # eval/questions.jsonl on ../shared/corpus/docs
    assistant eval --baseline --out eval/runs/cmp    # also the vanilla LangChain RAG, side by side
    assistant eval --compass china duitsland         # compass mode: validator pass rate and rule findings
    assistant eval --embedder assistant.testing:FakeEmbedder --limit 8   # quick smoke run without a model

The documents are indexed into ``OUT/index`` (or ``--index-dir``), so a rerun with the same settings embeds
nothing new. Exit status 1 when an answer cited a chunk that was not retrieved (fabricated citations must be 0).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import get_args

from assistant.cli.common import EXIT_FAILED, EXIT_OK, Api, add_format

DEFAULT_OUT = Path("eval") / "runs" / "latest"
INDEX_SUBDIR = "index"
#: Overall metrics printed by the text output, in order.
SUMMARY_KEYS = ("evidence_hit_at_5", "evidence_hit_at_1", "mrr", "citation_precision", "supported_citations",
                "fabricated_citations", "fact_recall", "refusal_accuracy", "answered_rate", "refused_rate",
                "latency_p50_ms", "latency_p95_ms")


def _embedder(value: str) -> str:
    from assistant.settings import check_embedder

    try:
        return check_embedder(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _assistant(args: argparse.Namespace, api: Api):
    """The evaluation's own API: its index in OUT/index (or --index-dir), the options' backend and embedder, on
    top of the settings of the Assistant given to ``main`` (with its embedder and chat model), else of the
    environment's."""
    from assistant.api import Assistant
    from assistant.settings import Settings

    given = api.given
    update = {"index_dir": Path(args.index_dir) if args.index_dir else Path(args.out) / INDEX_SUBDIR}
    if args.backend:
        update["llm"] = args.backend
    if args.embedder:
        update["embedder"] = args.embedder
    settings = (given.settings if given is not None else Settings()).model_copy(update=update)
    if given is None:
        return Assistant(settings)
    return Assistant(settings, embedder=None if args.embedder else given.embedder, chat_model=given.chat_model)


def _ingest(assistant, docs: list[Path], progress: bool) -> None:
    from tqdm import tqdm

    missing = [d for d in docs if not d.exists()]
    if missing:
        raise FileNotFoundError(f"Docs folder not found: {', '.join(map(str, missing))}. Pass --docs DIR "
                                "(the question set's sources live in ../shared/corpus/docs).")
    bar = tqdm(total=0, unit="file", desc="ingest", file=sys.stderr, disable=not progress, leave=False)

    def update(done: int, total: int, source: str) -> None:
        bar.total, bar.n = total, done
        bar.set_postfix_str(source[-40:], refresh=True)

    try:
        summary = assistant.ingest(docs, progress=update)
    finally:
        bar.close()
    print(f"index {assistant.settings.index_path}: {len(summary.indexed)} indexed, {len(summary.unchanged)} "
          f"unchanged, {summary.chunks} chunks ({summary.seconds:.1f} s)", file=sys.stderr)
    for failure in summary.failed:
        print(f"warning: {failure.path} did not ingest: {failure.reason}", file=sys.stderr)


def _print_summary(metrics: dict, out: Path) -> None:
    base = metrics.get("baseline") or {}
    from assistant.evaluation.report import fmt

    print(f"{'metric':<24}{'assistant':>11}{'baseline':>11}")
    for key in SUMMARY_KEYS:
        other = fmt(base.get(key)) if base else ""
        print(f"{key:<24}{fmt(metrics.get(key)):>11}{other:>11}")
    for key, target in metrics.get("targets", {}).items():
        status = {True: "met", False: "NOT MET", None: "not measured"}[target["met"]]
        print(f"target {key}: {fmt(target['value'])} (goal {fmt(target['target'])}) {status}")
    print(f"report: {out / 'report.md'}")


def cmd_eval(args: argparse.Namespace, api: Api) -> int:
    from assistant.evaluation.runner import DEFAULT_DOCS

    progress = sys.stderr.isatty() and not args.quiet
    out = Path(args.out)
    docs = [Path(d) for d in (args.docs or [DEFAULT_DOCS])]
    assistant = _assistant(args, api)
    if not args.no_ingest:
        _ingest(assistant, docs, progress)
    if args.compass:
        from assistant.evaluation.compass_eval import run_compass

        summary = run_compass(assistant, args.compass, out_dir=out, backend=args.compass_backend,
                              progress=progress)
        if args.format == "json":
            print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        else:
            print(f"validator pass rate {summary['passed']}/{summary['regions']}; findings by rule: "
                  f"{summary['findings_by_rule_and_severity']}; report: {out / 'compass.md'}")
        return EXIT_OK
    from assistant.evaluation.questions import load_questions
    from assistant.evaluation.runner import run_eval

    questions = load_questions(args.questions)
    if args.limit:
        questions = questions[: args.limit]
    metrics = run_eval(assistant, questions, out_dir=out, progress=progress, baseline=args.baseline, docs=docs,
                       faithfulness=args.faithfulness, questions_file=args.questions)
    if args.format == "json":
        print(json.dumps(metrics, ensure_ascii=False, indent=2, default=str))
    else:
        _print_summary(metrics, out)
    return EXIT_FAILED if metrics.get("fabricated_citations") else EXIT_OK


def register(sub) -> None:
    """Add ``eval`` to the main parser's ``sub``-parsers."""
    from assistant.evaluation.runner import DEFAULT_QUESTIONS
    from assistant.settings import LLMName

    p = sub.add_parser("eval", help="evaluate on a question set (optionally against a vanilla RAG baseline)",
                       description="Index the question set's documents (incrementally), run the "
                       "evaluation and write metrics.json, results.jsonl, report.md and metrics.png to OUT.")
    p.add_argument("--questions", default=str(DEFAULT_QUESTIONS), help="JSON Lines question set "
                   "(default: eval/questions.jsonl)")
    p.add_argument("--docs", nargs="+", action="extend", metavar="DIR",
                   help="folder(s) with the questions' source documents (default: ../shared/corpus/docs)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--index-dir", dest="index_dir",
                   help=f"index folder for the docs (default: OUT/{INDEX_SUBDIR}; reruns are incremental)")
    p.add_argument("--backend", choices=get_args(LLMName), help="answer backend (default: ASSISTANT_LLM)")
    p.add_argument("--embedder", type=_embedder, help="embedding model: use-m, e5-small, minilm, st, or "
                   "'package.module:attribute' (default: ASSISTANT_EMBEDDER)")
    p.add_argument("--baseline", action="store_true",
                   help="also run a vanilla LangChain RAG (dense, 1000/200 chunks, top-4) and compare retrieval")
    p.add_argument("--compass", nargs="+", metavar="REGION",
                   help="compass mode: score these regions and report the validator pass rate and findings")
    p.add_argument("--compass-backend", dest="compass_backend", choices=["evidence", "llm"], default="evidence",
                   help="proposer for --compass (default: evidence, offline)")
    p.add_argument("--faithfulness", action="store_true",
                   help="judge whether answers are supported by their citations (needs an LLM backend)")
    p.add_argument("--limit", type=int, help="only the first N questions (quick runs)")
    p.add_argument("--no-ingest", dest="no_ingest", action="store_true", help="use the index as it is")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    add_format(p)
    p.set_defaults(run=cmd_eval)
