"""``assistant eval`` as a command on part of the real question set (Markdown/text sources only, fake embedder),
and the ingest benchmark script on a small subset."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.evaluation.metrics import METRIC_KEYS
from assistant.evaluation.questions import load_questions, write_questions
from assistant.testing import FAKE_EMBEDDER
from tests.conftest import REPO

pytestmark = pytest.mark.integration

SUBSET_ANSWERABLE = 6
SUBSET_UNANSWERABLE = 2


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return {**env, "ANONYMIZED_TELEMETRY": "False", **extra}


@pytest.fixture(scope="module")
def subset(shared_docs, tmp_path_factory):
    """8 items whose sources are Markdown/text files (nl and en), and a docs folder with just those files."""
    items = load_questions(REPO / "eval" / "questions.jsonl")
    text_only = [q for q in items if q.answerable and not any(s.lower().endswith(".pdf") for s in q.sources)]
    picked = [q for q in text_only if q.lang == "nl"][: SUBSET_ANSWERABLE // 2]
    picked += [q for q in text_only if q.lang == "en"][: SUBSET_ANSWERABLE // 2]
    picked += [q for q in items if not q.answerable][:SUBSET_UNANSWERABLE]
    root = tmp_path_factory.mktemp("eval_subset")
    docs = root / "docs"
    docs.mkdir()
    for source in sorted({s for q in picked for s in q.sources}):
        (docs / source).symlink_to(shared_docs / source)
    write_questions(picked, root / "questions.jsonl")
    return root, docs, picked


def test_assistant_eval_command_on_the_question_set(subset):
    root, docs, picked = subset
    out = root / "out"
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "eval", "--questions", str(root / "questions.jsonl"), "--docs",
         str(docs), "--out", str(out), "--baseline"],
        capture_output=True, text=True, env=_env(ASSISTANT_EMBEDDER=FAKE_EMBEDDER), cwd=root, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    for key in METRIC_KEYS:
        assert key in metrics
    assert metrics["items"] == len(picked) == SUBSET_ANSWERABLE + SUBSET_UNANSWERABLE
    assert set(metrics["by_lang"]) == {"nl", "en"}
    assert metrics["fabricated_citations"] == 0
    assert metrics["config"]["embedder"] == "assistant.testing-FakeEmbedder"
    assert metrics["evidence_indexable"] is not None
    assert metrics["baseline"]["evidence_hit_at_5"] is not None
    results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == [q.id for q in picked]
    assert all("answer" in r and "citations" in r and "baseline" in r for r in results)
    assert (out / "metrics.png").read_bytes().startswith(b"\x89PNG")
    assert "## Against the baseline" in (out / "report.md").read_text(encoding="utf-8")


def test_ingest_benchmark_on_a_small_subset(shared_docs):
    done = subprocess.run(
        [sys.executable, str(REPO / "eval" / "bench_ingest.py"), "--docs", str(shared_docs),
         "--embedder", FAKE_EMBEDDER, "--glob", "*.md", "--limit", "2", "--queries", "10", "--json"],
        capture_output=True, text=True, env=_env(), timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    numbers = json.loads(done.stdout)
    ours, vanilla = numbers["assistant"], numbers["vanilla"]
    assert ours["files"] == vanilla["files"] == 2
    assert ours["reingest_embedded"] == 0 and ours["reingest_unchanged"] == 2
    assert ours["helper_peak_rss_mb"] >= 0  # no large PDF among the .md files: no helper needed
    for result in (ours, vanilla):
        assert result["chunks"] > 0 and result["queries"] == 10
        assert 0 < result["search_p50_ms"] <= result["search_p95_ms"]
        assert result["peak_rss_mb"] > 0


def test_benchmark_markdown_table():
    sys.path.insert(0, str(REPO / "eval"))
    try:
        from bench_ingest import markdown
    finally:
        sys.path.remove(str(REPO / "eval"))
    ours = {"files": 2, "chunks": 10, "model_load_s": 0.1, "cold_ingest_s": 2.0, "reingest_s": 0.05,
            "search_p50_ms": 10.0, "search_p95_ms": 150.0, "peak_rss_mb": 200.0, "queries": 10}
    vanilla = {**ours, "cold_ingest_s": 1.0, "reingest_s": None}
    table = markdown(ours, vanilla, "fake", Path("docs"))
    assert "| cold ingest (s) | 2.0 | 1.0 | not slower than vanilla: NOT MET |" in table
    assert "(2.5% of cold)" in table and "<= 5% of cold: met" in table
    assert "<= 100 ms: NOT MET" in table and "<= 1536 MB (both processes together): met" in table
    # the PDF helper process counts against the memory target too
    heavy = markdown({**ours, "peak_rss_mb": 1000.0, "helper_peak_rss_mb": 600.0}, vanilla, "fake", Path("docs"))
    assert "| 1000.0 (+ 600.0 PDF helper) |" in heavy and "(both processes together): NOT MET" in heavy


def _evidence(support: float, semantic: float = 0.9, typed: bool = True):
    from assistant.answer.question import profile
    from assistant.answer.scoring import Evidence, Scored
    from assistant.answer.sentences import Sentence

    sentence = Sentence(0, 0, 40, "The press was restricted during the year.", True)
    return Evidence([Scored(sentence, support, semantic, 0.5, typed)], 1.0, [],
                    profile("Is the press restricted in China?"), [True], [1.0])


def test_refusal_sweep_counts_both_kinds_of_error():
    sys.path.insert(0, str(REPO / "eval"))
    try:
        from refusal_sweep import markdown, sweep
    finally:
        sys.path.remove(str(REPO / "eval"))
    from assistant.evaluation.questions import Question
    from assistant.settings import Settings

    def item(answerable: bool) -> Question:
        return Question(id="q", question="Is the press restricted in China?", lang="en", answerable=answerable,
                        sources=[], pages=[], evidence=[], facts=[], region="", criterion="")

    scored = [(item(True), _evidence(0.5)), (item(True), _evidence(0.25)), (item(True), _evidence(0.1)),
              (item(False), _evidence(0.3)), (item(False), _evidence(0.05)),
              (item(False), _evidence(0.9, semantic=0.1))]  # refused at every threshold: semantic floor
    low, high = sweep(scored, Settings(embedder=FAKE_EMBEDDER), [0.2, 0.4], [0.3])
    assert (low["answered"], low["refused"], low["refusal_accuracy"]) == (2, 2, round(4 / 6, 3))
    assert (high["answered"], high["refused"], high["refusal_accuracy"]) == (1, 3, round(4 / 6, 3))
    assert low["answered_rate"] == round(2 / 3, 3) and high["refused_rate"] == 1.0
    assert low["balanced_accuracy"] == round((2 / 3 + 2 / 3) / 2, 3)
    assert low["reasons"] == {"low_support": 3}
    assert "| 0.4 | 0.3 | 1 of 3 (0.333) | 3 of 3 (1.0) | 0.667 | 0.667 |" in markdown([high])


def test_refusal_sweep_script_on_a_small_index(subset):
    root, docs, picked = subset
    index = root / "sweep-index"
    env = _env(ASSISTANT_EMBEDDER=FAKE_EMBEDDER)
    built = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(docs), "--format", "json"],
                           capture_output=True, text=True, env={**env, "ASSISTANT_INDEX_DIR": str(index)}, cwd=root,
                           timeout=600, check=False)
    assert built.returncode == 0, built.stderr[-2000:]
    done = subprocess.run(
        [sys.executable, str(REPO / "eval" / "refusal_sweep.py"), "--questions", str(root / "questions.jsonl"),
         "--index-dir", str(index), "--split", "all", "--support", "0", "1.01", "--subject", "0", "--json"],
        capture_output=True, text=True, env=env, cwd=root, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    lenient, nothing = json.loads(done.stdout)
    assert (nothing["answerable"], nothing["unanswerable"]) == (SUBSET_ANSWERABLE, SUBSET_UNANSWERABLE)
    assert nothing["answered"] == 0 and nothing["refused"] == SUBSET_UNANSWERABLE  # support above 1: all refused
    assert lenient["answered"] >= nothing["answered"] and lenient["refused"] <= nothing["refused"]
    assert set(lenient["reasons"]) <= {"vague", "unknown_name", "off_subject", "no_typed_answer", "forecast",
                                       "low_support", "no_sentences"}
