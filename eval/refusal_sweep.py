"""Refusal threshold sweep: how ``answer.min_support`` and ``answer.min_subject`` trade false refusals against
answered unanswerable questions, under the full answerability decision (assistant.answer.answerability).

    python eval/refusal_sweep.py --index-dir index/tests-shared-corpus --split dev      # tune on dev only
    python eval/refusal_sweep.py --index-dir index/tests-shared-corpus --split test --support 0.2 --subject 0.5

Every question's evidence is scored once (retrieval + sentence support, as in ``assistant ask``); the decision is
then re-run for each pair of thresholds. Reports per pair: the share of answerable questions answered, of
unanswerable questions refused, their mean (balanced accuracy) and refusal accuracy over all items; ``--reasons``
also lists why each unanswerable question was refused or which answerable one was refused, at the first pair.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_QUESTIONS = REPO / "eval" / "questions.jsonl"
DEFAULT_SUPPORT = (0.1, 0.15, 0.2, 0.25, 0.32)
DEFAULT_SUBJECT = (0.3, 0.4, 0.5, 0.6)


def score_all(assistant, questions) -> list:
    """(question, evidence) per question, scored as ``assistant ask`` scores them."""
    from assistant.answer.scoring import score_sentences
    from assistant.answer.sentences import guess_language
    from assistant.answer.subject import corpus_stats

    out = []
    for q in questions:
        hits = assistant.search(q.question)
        stats = corpus_stats(assistant.retriever, hits)
        out.append((q, score_sentences(q.question, hits, assistant.embedder, stats=stats,
                                       lang=guess_language(q.question, assistant.settings.default_lang))))
    return out


def sweep(scored: list, settings, supports, subjects) -> list[dict]:
    from assistant.answer.answerability import decide

    answerable = sum(1 for q, _ in scored if q.answerable)
    unanswerable = len(scored) - answerable
    rows = []
    for support in supports:
        for subject in subjects:
            cfg = settings.model_copy(update={"answer": settings.answer.model_copy(
                update={"min_support": support, "min_subject": subject})})
            decisions = [(q, decide(evidence, cfg)) for q, evidence in scored]
            answered = sum(1 for q, d in decisions if q.answerable and d.answer)
            refused = sum(1 for q, d in decisions if not q.answerable and not d.answer)
            a_rate = answered / answerable if answerable else None
            r_rate = refused / unanswerable if unanswerable else None
            rows.append({
                "min_support": support, "min_subject": subject,
                "answered_rate": round(a_rate, 3) if a_rate is not None else None,
                "refused_rate": round(r_rate, 3) if r_rate is not None else None,
                "balanced_accuracy": round((a_rate + r_rate) / 2, 3) if None not in (a_rate, r_rate) else None,
                "refusal_accuracy": round((answered + refused) / len(scored), 3) if scored else None,
                "answered": answered, "answerable": answerable, "refused": refused, "unanswerable": unanswerable,
                "reasons": Counter(d.reason.split(":")[0] for q, d in decisions if not d.answer),
                "decisions": decisions,
            })
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| min_support | min_subject | answerable answered | unanswerable refused | balanced | refusal accuracy |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r['min_support']} | {r['min_subject']} | {r['answered']} of {r['answerable']} "
              f"({r['answered_rate']}) | {r['refused']} of {r['unanswerable']} ({r['refused_rate']}) | "
              f"{r['balanced_accuracy']} | {r['refusal_accuracy']} |" for r in rows]
    return "\n".join(lines)


def reasons(row: dict) -> str:
    lines = [f"Refusal reasons at min_support {row['min_support']}, min_subject {row['min_subject']}: "
             + ", ".join(f"{k} {v}" for k, v in row["reasons"].most_common())]
    for q, d in row["decisions"]:
        if q.answerable and not d.answer:
            lines.append(f"- refused answerable `{q.id}` ({d.reason}): {q.question}")
        elif not q.answerable and d.answer:
            lines.append(f"- answered unanswerable `{q.id}`: {q.question}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSON Lines question set")
    parser.add_argument("--index-dir", type=Path, help="index folder (default: ASSISTANT_INDEX_DIR); must be built")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="which part of the set (default dev: tune on dev, report test)")
    parser.add_argument("--support", type=float, nargs="+", default=list(DEFAULT_SUPPORT), help="min_support values")
    parser.add_argument("--subject", type=float, nargs="+", default=list(DEFAULT_SUBJECT), help="min_subject values")
    parser.add_argument("--reasons", action="store_true", help="list the wrong decisions at the first pair")
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
    questions = [q for q in load_questions(args.questions) if args.split == "all" or q.split == args.split]
    rows = sweep(score_all(assistant, questions), settings, args.support, args.subject)
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "decisions"} for r in rows], indent=2))
    else:
        print(markdown(rows))
        if args.reasons and rows:
            print()
            print(reasons(rows[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
