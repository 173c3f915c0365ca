"""Scale benchmark: a synthetic corpus of any size, ingested and searched the way officers' machines would.

    python eval/bench_scale.py --copies 280 --workdir /tmp/scale     # ~200,000 chunks
    python eval/bench_scale.py --copies 3 --queries 20               # smoke run (~2,100 chunks)
    python eval/bench_scale.py --copies 280 --workdir /tmp/scale --skip-ingest        # search only, same index

The corpus is the 17 US State Department country reports of ``../shared/corpus/docs``, copied ``--copies`` times
into ``copy-NNNN/`` folders with their paragraphs shuffled per copy (seeded: the same corpus every run), so every
copy chunks differently and BM25 and the vectors see realistic text. The repository manifest supplies the metadata
(publisher, regions, date), as it does for the originals. Each step runs in its own child process, so its peak
RSS is its own:

- ``ingest``: cold ingest of the whole corpus into an empty index (throughput in chunks/s);
- ``cold``: ``assistant search QUERY --format json`` from the command line, as a new process, ``--cold-runs``
  times (wall time and peak RSS of the whole process: imports, index opening, the first answer);
- ``warm``: one process opens the index (time to the first answer), then runs ``--queries`` searches from the
  question set: p50/p95 latency;
- ``update``: one more document added to the full index, then removed again (the cost of an upload and a
  removal in the app when the index is large).

Prints a Markdown table with the targets of the scale issue; ``--json`` prints the raw numbers. Everything the
benchmark writes stays in ``--workdir`` (default: a temporary folder, removed afterwards unless ``--keep``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
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
REPORT_GLOB = "us_state_dept_2024_country_report_human_rights_*.md"
DEFAULT_COPIES = 280
DEFAULT_QUERIES = 100
DEFAULT_COLD_RUNS = 3
COLD_QUERY = "Zijn er meldingen van marteling in Vietnam?"
#: Lines at the top of a report (title, source line) kept in place; the paragraphs after them are shuffled.
HEADER_LINES = 8
UPDATE_COPY = 999_999  # the copy number of the document added and removed by the update step
#: The default embedder: the model-free test embedder, named the way ASSISTANT_EMBEDDER names any embedder class
#: (the model's cost is left out; pass --embedder use-m to include it).
DEFAULT_EMBEDDER = "assistant.testing:FakeEmbedder"
#: Targets of the scale issue (at ~200,000 chunks, fake embedder, 2 cores).
TARGET_COLD_S = 5.0
TARGET_WARM_P95_MS = 300.0
TARGET_PEAK_RSS_MB = 1536.0
TARGET_INGEST_CHUNKS_S = 1000.0
KB_PER_MB = 1024.0
MS_PER_S = 1000.0
RESULT_PREFIX = "SCALE-RESULT "
CORPUS_MARKER = ".bench-scale.json"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KB_PER_MB  # Linux reports KiB


def _percentiles(values: list[float]) -> tuple[float, float]:
    import numpy as np

    array = np.asarray(values, dtype=float)
    return float(np.percentile(array, 50)), float(np.percentile(array, 95))


# -- the corpus -----------------------------------------------------------------------------------------------
def shuffled_copy(text: str, seed: int) -> str:
    """The report with its paragraphs after the header in a seeded random order."""
    lines = text.split("\n")
    head, body = "\n".join(lines[:HEADER_LINES]), "\n".join(lines[HEADER_LINES:])
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    random.Random(seed).shuffle(paragraphs)
    return head + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_copy(reports: list[Path], corpus: Path, copy: int) -> None:
    folder = corpus / f"copy-{copy:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    for index, report in enumerate(reports):
        text = report.read_text(encoding="utf-8")
        (folder / report.name).write_text(shuffled_copy(text, copy * len(reports) + index), encoding="utf-8")


def build_corpus(docs: Path, corpus: Path, copies: int) -> list[Path]:
    """Write the synthetic corpus (skipped when the folder already holds the same one); the report files used."""
    reports = sorted(docs.glob(REPORT_GLOB))
    if not reports:
        raise SystemExit(f"No State Department reports ({REPORT_GLOB}) in {docs}; pass --docs DIR.")
    marker = corpus / CORPUS_MARKER
    wanted = {"copies": copies, "reports": [r.name for r in reports]}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return reports
    shutil.rmtree(corpus, ignore_errors=True)
    for copy in range(copies):
        write_copy(reports, corpus, copy)
    marker.write_text(json.dumps(wanted))
    return reports


# -- the steps (each in a child process) ----------------------------------------------------------------------
def _settings(workdir: Path, embedder: str):
    from assistant.settings import Settings

    # corpus_dir: the repository's folder, so its manifest (sources.yaml) gives the copies their metadata.
    return Settings(embedder=embedder, index_dir=workdir / "index", corpus_dir=REPO / "corpus")


def _queries(path: Path, n: int) -> list[str]:
    from assistant.evaluation.questions import load_questions

    texts = [q.question for q in load_questions(path)]
    return [texts[i % len(texts)] for i in range(n)]


def step_ingest(args: argparse.Namespace) -> dict:
    from assistant.api import Assistant

    assistant = Assistant(_settings(args.workdir, args.embedder))
    started = time.perf_counter()
    summary = assistant.ingest([args.workdir / "corpus"])
    seconds = time.perf_counter() - started
    return {"files": len(summary.indexed), "failed": len(summary.failed), "chunks": summary.chunks,
            "ingest_s": round(seconds, 1), "chunks_per_s": round(summary.chunks / seconds, 1) if seconds else None,
            "peak_rss_mb": round(_peak_rss_mb(), 1)}


def step_warm(args: argparse.Namespace) -> dict:
    from assistant.api import Assistant

    queries = _queries(args.questions, args.queries)
    started = time.perf_counter()
    assistant = Assistant(_settings(args.workdir, args.embedder))
    assistant.search(queries[0])
    first_s = time.perf_counter() - started
    latencies = []
    for query in queries:
        started = time.perf_counter()
        assistant.search(query)
        latencies.append((time.perf_counter() - started) * MS_PER_S)
    p50, p95 = _percentiles(latencies)
    return {"first_search_s": round(first_s, 2), "warm_p50_ms": round(p50, 1), "warm_p95_ms": round(p95, 1),
            "warm_max_ms": round(max(latencies), 1), "queries": len(queries), "peak_rss_mb": round(_peak_rss_mb(), 1)}


def step_update(args: argparse.Namespace) -> dict:
    from assistant.api import Assistant

    reports = sorted(args.docs.glob(REPORT_GLOB))[:1]
    extra = args.workdir / "extra"
    shutil.rmtree(extra, ignore_errors=True)
    write_copy(reports, extra, UPDATE_COPY)
    path = next((extra / f"copy-{UPDATE_COPY:04d}").iterdir())
    assistant = Assistant(_settings(args.workdir, args.embedder))
    started = time.perf_counter()
    summary = assistant.ingest([path])
    add_s = time.perf_counter() - started
    source = summary.indexed[0]
    started = time.perf_counter()
    removed = assistant.remove_document(source)
    remove_s = time.perf_counter() - started
    return {"added_chunks": removed, "add_s": round(add_s, 2), "remove_s": round(remove_s, 2),
            "peak_rss_mb": round(_peak_rss_mb(), 1)}


STEPS = {"ingest": step_ingest, "warm": step_warm, "update": step_update}


def _env(args: argparse.Namespace) -> dict:
    return {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1",
            "ASSISTANT_EMBEDDER": args.embedder, "ASSISTANT_INDEX_DIR": str(args.workdir / "index"),
            "ASSISTANT_CORPUS_DIR": str(REPO / "corpus")}


def run_step(step: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--step", step, "--workdir", str(args.workdir), "--docs", str(args.docs),
               "--embedder", args.embedder, "--queries", str(args.queries), "--questions", str(args.questions)]
    done = subprocess.run(command, capture_output=True, text=True, env=_env(args), check=False)
    if done.returncode != 0:
        raise SystemExit(f"The {step} step failed:\n{done.stderr[-3000:]}")
    line = next(ln for ln in reversed(done.stdout.splitlines()) if ln.startswith(RESULT_PREFIX))
    return json.loads(line[len(RESULT_PREFIX):])


def run_cold(args: argparse.Namespace) -> dict:
    """``assistant search`` as a fresh process: wall time and the process's own peak RSS (from wait4)."""
    command = [sys.executable, "-m", "assistant.cli", "search", COLD_QUERY, "--format", "json"]
    runs = []
    for _ in range(args.cold_runs):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            proc = subprocess.Popen(command, stdout=out, stderr=err, env=_env(args), cwd=REPO)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            if proc.returncode != 0:
                raise SystemExit(f"assistant search failed:\n{err.read().decode()[-3000:]}")
            hits = json.loads(out.read())
        runs.append({"s": round(seconds, 2), "hits": len(hits), "rss": round(usage.ru_maxrss / KB_PER_MB, 1)})
    seconds = sorted(r["s"] for r in runs)
    return {"cold_runs_s": [r["s"] for r in runs], "cold_median_s": seconds[len(seconds) // 2],
            "cold_hits": runs[-1]["hits"], "peak_rss_mb": max(r["rss"] for r in runs)}


def _met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def markdown(result: dict) -> str:
    ingest, cold, warm, update = (result.get(k) for k in ("ingest", "cold", "warm", "update"))
    rows = []
    if ingest:
        rows += [("chunks / files", f"{ingest['chunks']:,} / {ingest['files']:,}", ""),
                 ("cold ingest", f"{ingest['ingest_s']} s ({ingest['chunks_per_s']} chunks/s)",
                  f">= {TARGET_INGEST_CHUNKS_S:.0f} chunks/s: " + _met((ingest["chunks_per_s"] or 0)
                                                                     >= TARGET_INGEST_CHUNKS_S)),
                 ("ingest peak RSS", f"{ingest['peak_rss_mb']} MB",
                  f"<= {TARGET_PEAK_RSS_MB:.0f} MB: " + _met(ingest["peak_rss_mb"] <= TARGET_PEAK_RSS_MB))]
    if cold:
        rows += [("cold `assistant search` (median)", f"{cold['cold_median_s']} s (runs: {cold['cold_runs_s']})",
                  f"<= {TARGET_COLD_S:.0f} s: " + _met(cold["cold_median_s"] <= TARGET_COLD_S)),
                 ("cold search peak RSS", f"{cold['peak_rss_mb']} MB",
                  f"<= {TARGET_PEAK_RSS_MB:.0f} MB: " + _met(cold["peak_rss_mb"] <= TARGET_PEAK_RSS_MB))]
    if warm:
        rows += [("API: open + first search", f"{warm['first_search_s']} s", ""),
                 (f"warm search p50 / p95 ({warm['queries']} queries)",
                  f"{warm['warm_p50_ms']} / {warm['warm_p95_ms']} ms",
                  f"p95 <= {TARGET_WARM_P95_MS:.0f} ms: " + _met(warm["warm_p95_ms"] <= TARGET_WARM_P95_MS)),
                 ("search process peak RSS", f"{warm['peak_rss_mb']} MB",
                  f"<= {TARGET_PEAK_RSS_MB:.0f} MB: " + _met(warm["peak_rss_mb"] <= TARGET_PEAK_RSS_MB))]
    if update:
        rows += [(f"add one document ({update['added_chunks']} chunks) / remove it",
                  f"{update['add_s']} s / {update['remove_s']} s", ""),
                 ("update peak RSS", f"{update['peak_rss_mb']} MB", "")]
    lines = [f"Embedder `{result['embedder']}`, {result['copies']} copies of the {result['reports']} State Department "
             f"reports; load average before the run: {result['load_before']}.", "",
             "| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=DEFAULT_COPIES, help="copies of the 17 reports (280: ~200k "
                        "chunks)")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER, help=f"use-m, e5-small, minilm, st, or an embedder "
                        f"class 'package.module:attribute' (default {DEFAULT_EMBEDDER}: the model's cost left out)")
    parser.add_argument("--workdir", type=Path, help="where corpus and index go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--skip-ingest", action="store_true", help="reuse the index already in --workdir")
    parser.add_argument("--steps", default="ingest,cold,warm,update", help="comma-separated subset of the steps")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder with the State Department reports")
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES, help="warm searches timed (default 100)")
    parser.add_argument("--cold-runs", type=int, default=DEFAULT_COLD_RUNS, help="cold command-line searches")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="where the queries come from")
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(RESULT_PREFIX + json.dumps(STEPS[args.step](args)))
        return 0
    temporary = args.workdir is None
    args.workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="bench-scale-"))).resolve()
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    if args.skip_ingest:
        steps = [s for s in steps if s != "ingest"]
    try:
        reports = build_corpus(args.docs, args.workdir / "corpus", args.copies)
        result = {"embedder": args.embedder, "copies": args.copies, "reports": len(reports),
                  "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()), "cpus": os.cpu_count()}
        if "ingest" in steps:
            shutil.rmtree(args.workdir / "index", ignore_errors=True)
            result["ingest"] = run_step("ingest", args)
            print(f"ingest: {result['ingest']}", file=sys.stderr)
        if "cold" in steps:
            result["cold"] = run_cold(args)
            print(f"cold: {result['cold']}", file=sys.stderr)
        for step in ("warm", "update"):
            if step in steps:
                result[step] = run_step(step, args)
                print(f"{step}: {result[step]}", file=sys.stderr)
        result["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    finally:
        if temporary and not args.keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
    print(json.dumps(result, indent=2) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
