"""Run a question set through the assistant (and optionally the vanilla baseline) and write the reports.

    from assistant.api import Assistant
    from assistant.evaluation.questions import load_questions
    from assistant.evaluation.runner import run_eval

    assistant = Assistant(settings)
    assistant.ingest([docs_dir])
    metrics = run_eval(assistant, load_questions("eval/questions.jsonl"), out_dir="eval/runs/latest",
                       docs=[docs_dir], baseline=True)

Writes ``OUT/metrics.json`` (overall metrics at the top level, ``by_lang`` and ``by_cross_lingual`` splits,
``baseline``, ``targets``, ``config``), ``OUT/results.jsonl`` (one line per item: answer, citations, retrieved
chunks, per-item metrics), ``OUT/report.md`` and ``OUT/metrics.png``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.evaluation.metrics import (EvidenceIndex, Hit, contains_evidence, score_answer, score_retrieval,
                                          summarize, target_check)
from assistant.evaluation.questions import Question, SourceTexts, composition, is_cross_lingual
from assistant.settings import PROJECT_ROOT

#: The question set and the documents it cites (the Amnesty PDF exists only in the shared folder).
DEFAULT_QUESTIONS = PROJECT_ROOT / "eval" / "questions.jsonl"
DEFAULT_DOCS = PROJECT_ROOT.parent / "shared" / "corpus" / "docs"
METRICS_FILE, RESULTS_FILE, REPORT_FILE, PLOT_FILE = "metrics.json", "results.jsonl", "report.md", "metrics.png"
#: Characters of a retrieved chunk's text kept in results.jsonl (enough to see why it was or was not a hit).
SNIPPET_CHARS = 300
MS_PER_S = 1000.0


def _bar(items, desc: str, progress: bool):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="q", file=sys.stderr, disable=not progress, leave=False)


def _item_fields(item: Question, cross: bool) -> dict[str, Any]:
    return {"id": item.id, "question": item.question, "lang": item.lang, "answerable": item.answerable,
            "cross_lingual": cross, "region": item.region, "criterion": item.criterion, "sources": item.sources,
            "split": item.split}


def _retrieved_rows(item: Question, hits: Sequence[Hit]) -> list[dict[str, Any]]:
    return [{"rank": rank, "chunk_id": h.chunk_id, "source": h.source, "page": h.page,
             "score": round(float(h.score), 5), "has_evidence": contains_evidence(item, h) if item.answerable else None,
             "text": " ".join(h.text.split())[:SNIPPET_CHARS]}
            for rank, h in enumerate(hits, start=1)]


def _as_hits(search_hits) -> list[Hit]:
    return [Hit(chunk_id=h.chunk_id, source=h.source, text=h.text, page=h.page, score=h.score) for h in search_hits]


def evaluate_item(assistant, item: Question, *, cross: bool = False, evidence: EvidenceIndex | None = None,
                  judge=None) -> dict[str, Any]:
    """One question through ``assistant.ask``: the result record with its per-item metrics."""
    started = time.perf_counter()
    answer = assistant.ask(item.question, lang=item.lang)
    latency = (time.perf_counter() - started) * MS_PER_S
    hits = _as_hits(answer.retrieved)
    metrics = {**score_retrieval(item, hits),
               **score_answer(item, answer.answer, answer.refused, answer.citations, hits)}
    if evidence is not None:
        metrics["evidence_indexable"] = evidence.indexable(item)
    record = {
        **_item_fields(item, cross),
        "answer": answer.answer, "refused": answer.refused, "refusal_reason": answer.refusal_reason,
        "backend": answer.backend, "error": answer.error,
        "citations": [c.model_dump(include={"n", "chunk_id", "source", "page", "quote"}) for c in answer.citations],
        "removed_citations": answer.removed_citations,
        "retrieved": _retrieved_rows(item, hits),
        "latency_ms": round(latency, 1),
        "metrics": metrics,
    }
    if judge is not None and not answer.refused:
        record["faithfulness"] = judge(item.question, answer.answer, [c.text for c in answer.citations])
    return record


def evaluate_baseline_item(rag, item: Question, *, cross: bool = False,
                           evidence: EvidenceIndex | None = None) -> dict[str, Any]:
    """One question through the vanilla RAG (retrieval only)."""
    started = time.perf_counter()
    hits = rag.search(item.question)
    latency = (time.perf_counter() - started) * MS_PER_S
    metrics = score_retrieval(item, hits)
    if evidence is not None:
        metrics["evidence_indexable"] = evidence.indexable(item)
    return {**_item_fields(item, cross), "retrieved": _retrieved_rows(item, hits), "latency_ms": round(latency, 1),
            "metrics": metrics}


def _faithfulness_summary(records: list[dict[str, Any]], judge) -> dict[str, Any] | None:
    if judge is None:
        return None
    verdicts = [r.get("faithfulness") for r in records if r.get("faithfulness")]
    scores = [v["faithfulness"] for v in verdicts if v.get("faithfulness") is not None]
    return {
        "faithfulness": sum(scores) / len(scores) if scores else None,
        "judged": len(scores),
        "failed": sum(1 for v in verdicts if "error" in v),
        "skipped_reason": judge.skipped_reason,
    }


def _config(assistant, docs: Sequence[Path], questions_file: str | None) -> dict[str, Any]:
    settings = assistant.settings
    return {
        "questions": questions_file,
        "docs": [str(d) for d in docs],
        "embedder": settings.embedder_id,
        "llm": settings.llm if assistant.chat_model is None else "custom chat model",
        "chunk": settings.chunk.model_dump(),
        "retrieval": settings.retrieval.model_dump(),
        "answer": settings.answer.model_dump(),
        "index": str(settings.index_path),
    }


def _run_baseline(assistant, questions: Sequence[Question], cross: dict[str, bool], docs: Sequence[Path],
                  progress: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from assistant.evaluation.baseline import (BASELINE_CHUNK_OVERLAP, BASELINE_CHUNK_SIZE, VanillaRAG,
                                               temporary_dir)

    with temporary_dir() as tmp:
        rag = VanillaRAG.build(docs, assistant.embedder, tmp)
        evidence = EvidenceIndex(rag.passages())
        records = [evaluate_baseline_item(rag, item, cross=cross[item.id], evidence=evidence)
                   for item in _bar(questions, "baseline", progress)]
        info = {
            "description": "vanilla LangChain RAG: PyPDFLoader/TextLoader, RecursiveCharacterTextSplitter"
                           f"({BASELINE_CHUNK_SIZE}/{BASELINE_CHUNK_OVERLAP}), Chroma.from_documents, dense top-"
                           f"{rag.k}, same embedder; retrieval only (no answerer)",
            "k": rag.k, "chunks": len(rag.chunks), "build_seconds": round(rag.build_seconds, 2),
            "skipped_files": [p.name for p in rag.skipped],
        }
    return records, info


def run_eval(assistant, questions: Sequence[Question], *, out_dir: str | Path, progress: bool = True,
             baseline: bool = False, docs: Sequence[str | Path] | None = None, faithfulness: bool = False,
             questions_file: str | Path | None = None) -> dict[str, Any]:
    """Evaluate ``assistant`` (already indexed) on ``questions``; write the reports to ``out_dir``.

    ``docs``: the folders holding the questions' sources (default: the shared corpus) - used to decide which
    items are cross-lingual and to build the baseline. ``baseline``: also run the vanilla LangChain RAG and
    compare retrieval. ``faithfulness``: judge answers with the configured LLM backend (skipped with a reason
    when there is none). Returns the metrics dict that is written to ``metrics.json``.
    """
    if not questions:
        raise ValueError("No questions to evaluate; check the --questions file (JSON Lines, one item a line).")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc_dirs = [Path(d) for d in (docs or [DEFAULT_DOCS])]
    texts = SourceTexts(doc_dirs)
    cross = {item.id: is_cross_lingual(item, texts) for item in questions}
    judge = None
    if faithfulness:
        from assistant.evaluation.faithfulness import FaithfulnessJudge

        judge = FaithfulnessJudge.for_settings(assistant.settings, assistant.chat_model)
    evidence = EvidenceIndex(assistant.retriever.all_chunks())
    records = [evaluate_item(assistant, item, cross=cross[item.id], evidence=evidence, judge=judge)
               for item in _bar(questions, "assistant", progress)]
    metrics: dict[str, Any] = {
        **summarize(records),
        "faithfulness": _faithfulness_summary(records, judge),
        "baseline": None,
    }
    if baseline:
        base_records, info = _run_baseline(assistant, questions, cross, doc_dirs, progress)
        metrics["baseline"] = {**summarize(base_records), **info}
        for record, base in zip(records, base_records):
            record["baseline"] = {"retrieved": base["retrieved"], "latency_ms": base["latency_ms"],
                                  "metrics": base["metrics"]}
    metrics["targets"] = target_check(metrics, metrics["baseline"])
    metrics["composition"] = composition(questions, texts)
    metrics["config"] = _config(assistant, doc_dirs, str(questions_file) if questions_file else None)
    metrics["created_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    write_outputs(metrics, records, out)
    return metrics


def write_outputs(metrics: dict[str, Any], records: list[dict[str, Any]], out: Path) -> None:
    from assistant.evaluation.report import write_plot, write_report

    (out / METRICS_FILE).write_text(json.dumps(metrics, ensure_ascii=False, indent=2, default=str) + "\n",
                                    encoding="utf-8")
    with (out / RESULTS_FILE).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    write_plot(metrics, out / PLOT_FILE)
    write_report(metrics, records, out / REPORT_FILE, plot_name=PLOT_FILE)
