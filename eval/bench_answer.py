"""Answer latency on the demo corpus: ``Assistant.ask`` (retrieval, sentence scoring, answerability decision,
extractive answer) over the question set's items whose sources are all in ``corpus/``, plus the unanswerable ones.

    python eval/bench_answer.py                 # index corpus/ (incrementally) into the default index, then time
    python eval/bench_answer.py --repeat 3 --json

The first answer after start also loads the embedding model and computes the corpus statistics (document
frequencies); it is reported apart ("first") and left out of p50/p95. The load average is printed with the
numbers: on a shared machine, timings taken under load are not comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_QUESTIONS = REPO / "eval" / "questions.jsonl"
MS_PER_S = 1000.0
PERCENTILES = (50, 95)


def demo_questions(questions, corpus_dir: Path) -> list:
    present = {p.name for p in corpus_dir.iterdir()}
    return [q for q in questions if not q.answerable or all(s in present for s in q.sources)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--repeat", type=int, default=1, help="times each question is asked")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import numpy as np

    from assistant.api import Assistant
    from assistant.evaluation.questions import load_questions

    assistant = Assistant()
    assistant.ingest()
    questions = demo_questions(load_questions(args.questions), assistant.settings.corpus_dir)
    started = time.perf_counter()
    assistant.ask(questions[0].question, lang=questions[0].lang)
    first = (time.perf_counter() - started) * MS_PER_S
    times = []
    for _ in range(args.repeat):
        for q in questions:
            started = time.perf_counter()
            assistant.ask(q.question, lang=q.lang)
            times.append((time.perf_counter() - started) * MS_PER_S)
    result = {
        "questions": len(questions), "answers_timed": len(times), "first_ms": round(first, 1),
        **{f"p{p}_ms": round(float(np.percentile(times, p)), 1) for p in PERCENTILES},
        "load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
        "index": str(assistant.settings.index_path),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['answers_timed']} answers over {result['questions']} questions on {result['index']}: "
              f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms (first answer {result['first_ms']} ms); "
              f"load average {result['load_average']} on {result['cpus']} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
