"""Ingest and search benchmark: the assistant's pipeline against a vanilla LangChain pipeline, same embedder.

    python eval/bench_ingest.py                                  # all of ../shared/corpus/docs, USE-m (slow)
    python eval/bench_ingest.py --embedder assistant.testing:FakeEmbedder --glob '*.md' --limit 3 --queries 20  # smoke

Measures, each pipeline in its own child process (so peak RSS is its own):
- cold ingest of the docs into an empty index (the embedding model is loaded and warmed up first; its load
  time is reported apart),
- re-ingest of the unchanged docs (the assistant hashes files and embeds nothing; the vanilla pipeline has no
  change detection, so its re-ingest is a full rebuild: the same as cold, not run again),
- search latency p50/p95 over N queries (the question set's questions, cycled), after one warm-up query,
- peak RSS (``resource.getrusage``), and that of the helper process the assistant reads large PDFs in.
Prints a Markdown table with the issue's targets; ``--json`` prints the raw numbers instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DEFAULT_DOCS = REPO.parent / "shared" / "corpus" / "docs"
DEFAULT_QUESTIONS = REPO / "eval" / "questions.jsonl"
DEFAULT_QUERIES = 100
#: Targets of the ingest issue.
TARGET_REINGEST_FRACTION = 0.05
TARGET_SEARCH_P95_MS = 100.0
TARGET_PEAK_RSS_MB = 1536.0
KB_PER_MB = 1024.0
MS_PER_S = 1000.0
WARM_UP_TEXT = "warm-up"
RESULT_PREFIX = "BENCH-RESULT "


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / KB_PER_MB  # Linux reports KiB


def _percentiles(values: list[float]) -> tuple[float, float]:
    import numpy as np

    array = np.asarray(values, dtype=float)
    return float(np.percentile(array, 50)), float(np.percentile(array, 95))


def _queries(path: Path, n: int) -> list[str]:
    from assistant.evaluation.questions import load_questions

    texts = [q.question for q in load_questions(path)]
    if not texts:
        raise SystemExit(f"No questions in {path}; pass --questions FILE.")
    return [texts[i % len(texts)] for i in range(n)]


def _timed_searches(search, queries: list[str]) -> dict:
    search(queries[0])  # warm-up: lazy structures, first-call overheads
    latencies = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        latencies.append((time.perf_counter() - started) * MS_PER_S)
    p50, p95 = _percentiles(latencies)
    return {"search_p50_ms": round(p50, 1), "search_p95_ms": round(p95, 1), "queries": len(queries)}


def _embedder(name: str, workdir: Path):
    from assistant.index.embedders import get_embedder
    from assistant.settings import Settings

    settings = Settings(embedder=name, index_dir=workdir / "index")  # corpus_dir: the repo manifest applies
    started = time.perf_counter()
    embedder = get_embedder(settings)
    embedder.embed_documents([WARM_UP_TEXT])
    return settings, embedder, time.perf_counter() - started


def worker_ours(docs: Path, workdir: Path, embedder_name: str, queries: list[str]) -> dict:
    from assistant.api import Assistant

    settings, embedder, load_s = _embedder(embedder_name, workdir)
    assistant = Assistant(settings, embedder=embedder)
    started = time.perf_counter()
    cold = assistant.ingest([docs])
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    again = assistant.ingest([docs])
    reingest_s = time.perf_counter() - started
    if cold.failed:
        print(f"warning: failed to ingest {[f.path for f in cold.failed]}", file=sys.stderr)
    return {
        "files": len(cold.indexed) + len(cold.failed), "chunks": cold.chunks, "model_load_s": round(load_s, 2),
        "cold_ingest_s": round(cold_s, 2), "reingest_s": round(reingest_s, 3),
        "reingest_unchanged": len(again.unchanged), "reingest_embedded": len(again.indexed),
        **_timed_searches(lambda q: assistant.search(q), queries), "peak_rss_mb": round(_peak_rss_mb(), 1),
        # the helper process that reads large PDFs ahead (ingest_prefetch), 0 when none ran
        "helper_peak_rss_mb": round(_peak_rss_mb(resource.RUSAGE_CHILDREN), 1),
    }


def worker_vanilla(docs: Path, workdir: Path, embedder_name: str, queries: list[str]) -> dict:
    from assistant.evaluation.baseline import VanillaRAG, baseline_files

    _, embedder, load_s = _embedder(embedder_name, workdir)
    started = time.perf_counter()
    rag = VanillaRAG.build([docs], embedder, workdir / "vanilla")
    cold_s = time.perf_counter() - started
    return {
        "files": len(baseline_files([docs])[0]), "chunks": len(rag.chunks), "model_load_s": round(load_s, 2),
        "cold_ingest_s": round(cold_s, 2), "reingest_s": None,
        **_timed_searches(lambda q: rag.search(q), queries), "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def _select(docs: Path, pattern: str, limit: int | None, into: Path) -> Path:
    """A folder of symlinks to the selected files (the whole docs folder when nothing is filtered)."""
    if pattern == "*" and not limit:
        return docs
    files = sorted(p for p in docs.glob(pattern) if p.is_file())[: limit or None]
    if not files:
        raise SystemExit(f"No files match {pattern!r} in {docs}.")
    into.mkdir(parents=True, exist_ok=True)
    for file in files:
        (into / file.name).symlink_to(file.resolve())
    return into


def _run_worker(kind: str, docs: Path, workdir: Path, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--worker", kind, "--docs", str(docs), "--workdir", str(workdir),
               "--embedder", args.embedder, "--queries", str(args.queries), "--questions", str(args.questions)]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"The {kind} benchmark failed:\n{done.stderr[-3000:]}")
    line = next(ln for ln in reversed(done.stdout.splitlines()) if ln.startswith(RESULT_PREFIX))
    return json.loads(line[len(RESULT_PREFIX):])


def _fmt(value) -> str:
    return "–" if value is None else str(value)


def markdown(ours: dict, vanilla: dict, embedder: str, docs: Path) -> str:
    fraction = ours["reingest_s"] / ours["cold_ingest_s"] if ours["cold_ingest_s"] else None
    rows = [
        ("files / chunks", f"{ours['files']} / {ours['chunks']}", f"{vanilla['files']} / {vanilla['chunks']}", ""),
        ("model load + warm-up (s)", ours["model_load_s"], vanilla["model_load_s"], ""),
        ("cold ingest (s)", ours["cold_ingest_s"], vanilla["cold_ingest_s"],
         "not slower than vanilla: " + ("met" if ours["cold_ingest_s"] <= vanilla["cold_ingest_s"] else "NOT MET")),
        ("re-ingest, unchanged (s)", f"{ours['reingest_s']} ({fraction:.1%} of cold)" if fraction is not None
         else ours["reingest_s"], "full rebuild (= cold; no change detection)",
         f"<= {TARGET_REINGEST_FRACTION:.0%} of cold: "
         + ("met" if fraction is not None and fraction <= TARGET_REINGEST_FRACTION else "NOT MET")),
        (f"search p50 (ms, {ours['queries']} queries)", ours["search_p50_ms"], vanilla["search_p50_ms"], ""),
        ("search p95 (ms)", ours["search_p95_ms"], vanilla["search_p95_ms"],
         f"<= {TARGET_SEARCH_P95_MS:.0f} ms: " + ("met" if ours["search_p95_ms"] <= TARGET_SEARCH_P95_MS
                                                  else "NOT MET")),
        ("peak RSS (MB)", f"{ours['peak_rss_mb']} (+ {ours.get('helper_peak_rss_mb', 0)} PDF helper)",
         vanilla["peak_rss_mb"],
         f"<= {TARGET_PEAK_RSS_MB:.0f} MB (both processes together): "
         + ("met" if ours["peak_rss_mb"] + ours.get("helper_peak_rss_mb", 0) <= TARGET_PEAK_RSS_MB else "NOT MET")),
    ]
    lines = [f"Embedder `{embedder}`, docs `{docs}`. The assistant searches hybrid (dense + BM25, k from settings); "
             "the vanilla pipeline searches dense top-4.", "",
             "| measure | assistant | vanilla LangChain | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {_fmt(b)} | {_fmt(c)} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="documents folder (default: shared corpus)")
    parser.add_argument("--embedder", default="use-m", help="use-m, e5-small, minilm, st, or an embedder "
                        "class 'package.module:attribute' such as assistant.testing:FakeEmbedder (default use-m)")
    parser.add_argument("--glob", default="*", help="only files matching this pattern, e.g. '*.md'")
    parser.add_argument("--limit", type=int, help="only the first N matching files (sorted by name)")
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES, help="search queries timed (default 100)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="where the queries come from")
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument("--worker", choices=["ours", "vanilla"], help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        work = worker_ours if args.worker == "ours" else worker_vanilla
        result = work(args.docs, args.workdir, args.embedder, _queries(args.questions, args.queries))
        print(RESULT_PREFIX + json.dumps(result))
        return 0
    if not args.docs.is_dir():
        raise SystemExit(f"No docs folder at {args.docs}; pass --docs DIR.")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-", ignore_cleanup_errors=True) as tmp:
        docs = _select(args.docs, args.glob, args.limit, Path(tmp) / "docs")
        ours = _run_worker("ours", docs, Path(tmp) / "ours", args)
        vanilla = _run_worker("vanilla", docs, Path(tmp) / "vanilla", args)
    if args.json:
        print(json.dumps({"assistant": ours, "vanilla": vanilla}, indent=2))
    else:
        print(markdown(ours, vanilla, args.embedder, args.docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
