"""Refusal threshold sweep: how ``answer.min_support`` trades false refusals against answered unanswerables.

    python eval/refusal_sweep.py --index-dir index/tests-shared-corpus        # after `assistant eval` built it
    python eval/refusal_sweep.py --thresholds 0.15 0.2 0.32 --json

For every question the extractive answerer's evidence is scored once (retrieval + sentence support, as in
``assistant ask``); a question is refused at threshold t when its best sentence support is below t. Reports per
threshold: refusal accuracy (as in ``assistant eval``), balanced accuracy (the mean of the answered share of the
answerable and the refused share of the unanswerable questions), false refusals and answered unanswerables.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_QUESTIONS = REPO / "eval" / "questions.jsonl"
DEFAULT_THRESHOLDS = (0.15, 0.2, 0.24, 0.28, 0.32, 0.36)


def best_supports(assistant, questions) -> list[tuple[bool, float]]:
    """(answerable, best sentence support) per question."""
    from assistant.answer.scoring import score_sentences

    embedder = assistant.embedder
    out = []
    for q in questions:
        hits = assistant.search(q.question)
        out.append((q.answerable, score_sentences(q.question, hits, embedder).best))
    return out


def sweep(supports: list[tuple[bool, float]], thresholds) -> list[dict]:
    answerable = sum(1 for a, _ in supports if a)
    unanswerable = len(supports) - answerable
    rows = []
    for t in thresholds:
        false_refusals = sum(1 for a, best in supports if a and best < t)
        answered_unanswerable = sum(1 for a, best in supports if not a and best >= t)
        correct = len(supports) - false_refusals - answered_unanswerable
        shares = []
        if answerable:
            shares.append(1 - false_refusals / answerable)
        if unanswerable:
            shares.append(1 - answered_unanswerable / unanswerable)
        rows.append({"threshold": t, "refusal_accuracy": round(correct / len(supports), 3) if supports else None,
                     "balanced_accuracy": round(sum(shares) / len(shares), 3) if shares else None,
                     "false_refusals": false_refusals, "answered_unanswerable": answered_unanswerable,
                     "answerable": answerable, "unanswerable": unanswerable})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| min_support | refusal accuracy | balanced accuracy | false refusals | unanswerable answered |",
             "|---|---|---|---|---|"]
    lines += [f"| {r['threshold']} | {r['refusal_accuracy']} | {r['balanced_accuracy']} | "
              f"{r['false_refusals']} of {r['answerable']} | {r['answered_unanswerable']} of {r['unanswerable']} |"
              for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSON Lines question set")
    parser.add_argument("--index-dir", type=Path, help="index folder (default: ASSISTANT_INDEX_DIR); must be built")
    parser.add_argument("--thresholds", type=float, nargs="+", default=list(DEFAULT_THRESHOLDS))
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)

    from assistant.api import Assistant
    from assistant.evaluation.questions import load_questions
    from assistant.settings import Settings

    settings = Settings(**({"index_dir": args.index_dir} if args.index_dir else {}))
    assistant = Assistant(settings)
    if assistant.store.count() == 0:
        raise SystemExit(f"The index in {settings.index_path} is empty: build it first (assistant eval or "
                         "assistant ingest), or pass --index-dir.")
    rows = sweep(best_supports(assistant, load_questions(args.questions)), args.thresholds)
    print(json.dumps(rows, indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
