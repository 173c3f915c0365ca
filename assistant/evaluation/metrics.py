"""Evaluation metrics on crafted or recorded results: pure functions, no index, no model.

Per item (one question):

- ``evidence_rank``: 1-based rank of the first retrieved chunk that comes from a listed source (matched by file
  name) and contains one of the item's evidence passages (both sides :func:`normalize`-d); None when none does.
  ``hit_at_1`` / ``hit_at_5`` / ``rr`` (reciprocal rank) follow from it. Answerable items only.
- ``citation_precision``: distinct cited chunks from a listed source / distinct cited chunks (answerable items
  that cite anything).
- ``supported_citations``: distinct cited chunks that hold an evidence fact of the question (one of its facts, as
  a whole word or phrase, or one of its evidence passages; normalised), whichever document they come from /
  distinct cited chunks. A second reading of citation quality: a second report stating the same fact counts.
- ``fabricated``: cited chunk ids that are not in the retrieved set (must be 0).
- ``fact_recall``: facts (any ``|`` alternative, normalised) found in the answer text / facts (answerable items).
- ``refusal_correct``: an unanswerable item was refused, an answerable one was not.

Overall values (:func:`aggregate`) are means over the items a metric applies to, except ``citation_precision``
and ``supported_citations`` (micro-averaged: all cited chunks of all answerable items pooled) and
``fabricated_citations`` (a total count). ``answered_rate`` is the share of answerable items answered,
``refused_rate`` the share of unanswerable items refused (the two halves of refusal accuracy, each with its own
target), and ``balanced_refusal`` their mean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Protocol

from assistant.evaluation.questions import Question, fact_alternatives
from assistant.text import normalise_for_match, quote_in_text

#: Ranks that count as a hit for the two hit-rate metrics.
HIT_AT_SMALL = 1
HIT_AT_LARGE = 5
#: Latency percentiles reported.
LATENCY_PERCENTILES = (50, 95)
#: The targets of the evaluation issue (fractions; fabricated citations is a count).
TARGETS: dict[str, float] = {
    "evidence_hit_at_5": 0.90,
    "evidence_hit_at_5_cross_lingual": 0.85,
    "citation_precision": 0.95,
    "refusal_accuracy": 0.90,
    "answered_rate": 0.90,
    "refused_rate": 0.85,
    "fact_recall": 0.80,
    "fabricated_citations": 0,
    "hit_at_5_gain_over_baseline": 0.20,
}
#: Metric keys of an overall summary, in report order.
RETRIEVAL_KEYS = ("evidence_hit_at_5", "evidence_hit_at_1", "mrr")
ANSWER_KEYS = ("citation_precision", "supported_citations", "fabricated_citations", "fact_recall",
               "refusal_accuracy", "answered_rate", "refused_rate", "balanced_refusal")
LATENCY_KEYS = tuple(f"latency_p{p}_ms" for p in LATENCY_PERCENTILES)
METRIC_KEYS = RETRIEVAL_KEYS + ANSWER_KEYS + LATENCY_KEYS
#: Names of the cross-lingual split.
CROSS, SAME = "cross_lingual", "same_language"
#: Letters and digits: a fact must not start or end inside a word ("BOM" does not occur in "bombing").
_WORD_CHAR = r"[^\W_]"


class Passage(Protocol):
    """What a metric needs of a retrieved chunk (a SearchHit, a baseline hit, a crafted test object)."""

    chunk_id: str
    source: str
    text: str


class Cited(Protocol):
    chunk_id: str
    source: str


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk in a form both the assistant and the baseline produce."""

    chunk_id: str
    source: str
    text: str
    page: int | None = None
    score: float = 0.0


def file_name(source: str) -> str:
    """Sources are matched by file name: ``sub/dir/report.pdf`` and ``/abs/report.pdf`` -> ``report.pdf``."""
    return PurePosixPath(source.replace("\\", "/")).name


def _listed(item: Question) -> set[str]:
    return {file_name(s) for s in item.sources}


def contains_evidence(item: Question, passage: Passage) -> bool:
    """True when the chunk comes from a listed source and contains one of the evidence passages (normalised)."""
    if file_name(passage.source) not in _listed(item):
        return False
    return any(quote_in_text(e, passage.text) for e in item.evidence if e.strip())


def evidence_rank(item: Question, retrieved: Sequence[Passage]) -> int | None:
    """1-based rank of the first retrieved chunk with evidence; None when none has (or the item is unanswerable)."""
    if not item.answerable:
        return None
    return next((rank for rank, p in enumerate(retrieved, start=1) if contains_evidence(item, p)), None)


def score_retrieval(item: Question, retrieved: Sequence[Passage]) -> dict[str, Any]:
    """Per-item retrieval metrics (None for unanswerable items)."""
    if not item.answerable:
        return {"evidence_rank": None, "hit_at_1": None, "hit_at_5": None, "rr": None}
    rank = evidence_rank(item, retrieved)
    return {
        "evidence_rank": rank,
        "hit_at_1": rank is not None and rank <= HIT_AT_SMALL,
        "hit_at_5": rank is not None and rank <= HIT_AT_LARGE,
        "rr": 1.0 / rank if rank else 0.0,
    }


class EvidenceIndex:
    """Diagnostic over a whole index: does *any* chunk hold an evidence passage whole? That bounds hit@k from
    above: a passage cut by a chunk boundary (or changed by the loader) can never be hit."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        self._by_file: dict[str, list[str]] = {}
        for passage in passages:
            self._by_file.setdefault(file_name(passage.source), []).append(normalise_for_match(passage.text))

    def indexable(self, item: Question) -> bool | None:
        """None for unanswerable items."""
        if not item.answerable:
            return None
        needles = [normalise_for_match(e) for e in item.evidence if e.strip()]
        texts = [t for source in _listed(item) for t in self._by_file.get(source, [])]
        return any(n in t for n in needles for t in texts)


def fact_hits(item: Question, answer: str) -> list[bool]:
    """Per fact: does the answer contain one of its alternatives (normalised)?"""
    text = normalise_for_match(answer)
    return [any(normalise_for_match(alt) in text for alt in fact_alternatives(fact)) for fact in item.facts]


def holds_evidence_fact(item: Question, text: str) -> bool:
    """True when ``text`` holds one of the item's facts (any alternative, as a whole word or phrase) or one of its
    evidence passages, both sides normalised - wherever the text comes from."""
    if any(quote_in_text(e, text) for e in item.evidence if e.strip()):
        return True
    norm = normalise_for_match(text)
    for fact in item.facts:
        for alt in fact_alternatives(fact):
            pattern = rf"(?<!{_WORD_CHAR}){re.escape(normalise_for_match(alt))}(?!{_WORD_CHAR})"
            if re.search(pattern, norm):
                return True
    return False


def score_answer(item: Question, answer: str, refused: bool, citations: Sequence[Cited],
                 retrieved: Sequence[Passage]) -> dict[str, Any]:
    """Per-item answer metrics: citations (precision, supported, fabricated), facts, refusal."""
    retrieved_ids = {p.chunk_id for p in retrieved}
    texts = {p.chunk_id: p.text for p in retrieved}
    cited: dict[str, str] = {}
    cited_text: dict[str, str] = {}
    for citation in citations:
        cited.setdefault(citation.chunk_id, citation.source)
        cited_text.setdefault(citation.chunk_id, getattr(citation, "text", None) or texts.get(citation.chunk_id, ""))
    fabricated = sum(1 for cid in cited if cid not in retrieved_ids)
    listed = _listed(item)
    from_source = sum(1 for source in cited.values() if file_name(source) in listed)
    supported = sum(1 for cid in cited if cid in retrieved_ids and holds_evidence_fact(item, cited_text[cid]))
    facts = fact_hits(item, answer) if item.answerable and not refused else [False] * len(item.facts)
    return {
        "cited": len(cited) if item.answerable else None,
        "cited_from_source": from_source if item.answerable else None,
        "citation_precision": from_source / len(cited) if item.answerable and cited else None,
        "cited_supported": supported if item.answerable else None,
        "supported_citations": supported / len(cited) if item.answerable and cited else None,
        "fabricated": fabricated,
        "facts_found": sum(facts) if item.answerable else None,
        "fact_recall": (sum(facts) / len(facts) if facts else None) if item.answerable else None,
        "refusal_correct": bool(refused) == (not item.answerable),
    }


# ---- aggregation -----------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default); None for no values."""
    if not values:
        return None
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q))


def _mean(values: Iterable[Any]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def aggregate(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall metrics of result records (``{"answerable", "latency_ms", "metrics": {...}}`` each).

    A metric no record has (e.g. answer metrics of the baseline) comes out as None.
    """
    metrics = [r.get("metrics", {}) for r in records]
    answerable = [m for r, m in zip(records, metrics) if r.get("answerable")]
    cited = sum(m.get("cited") or 0 for m in answerable)
    has_answers = any("refusal_correct" in m for m in metrics)
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    unanswerable = [m for r, m in zip(records, metrics) if not r.get("answerable")]
    answered = _mean(m.get("refusal_correct") for m in answerable)
    refused = _mean(m.get("refusal_correct") for m in unanswerable)
    out: dict[str, Any] = {
        "items": len(records),
        "answerable": len(answerable),
        "unanswerable": len(records) - len(answerable),
        "evidence_hit_at_5": _mean(m.get("hit_at_5") for m in answerable),
        "evidence_hit_at_1": _mean(m.get("hit_at_1") for m in answerable),
        "mrr": _mean(m.get("rr") for m in answerable),
        "citation_precision": (sum(m.get("cited_from_source") or 0 for m in answerable) / cited) if cited else None,
        "supported_citations": (sum(m.get("cited_supported") or 0 for m in answerable) / cited) if cited else None,
        "fabricated_citations": sum(m.get("fabricated") or 0 for m in metrics) if has_answers else None,
        "fact_recall": _mean(m.get("fact_recall") for m in answerable),
        "refusal_accuracy": _mean(m.get("refusal_correct") for m in metrics),
        "answered_rate": answered,
        "refused_rate": refused,
        "balanced_refusal": _mean([answered, refused]) if answered is not None and refused is not None else None,
        "evidence_indexable": _mean(m.get("evidence_indexable") for m in answerable),
        "errors": sum(1 for r in records if r.get("error")),
    }
    for p, key in zip(LATENCY_PERCENTILES, LATENCY_KEYS):
        value = percentile(latencies, p)
        out[key] = round(value, 1) if value is not None else None
    return out


def _split(records: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return {name: aggregate(group) for name, group in sorted(groups.items())}


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall metrics at the top level, plus ``by_lang`` (nl/en) and ``by_cross_lingual`` splits, and ``by_split``
    (dev/test) when the question set assigns them."""
    out = {
        **aggregate(records),
        "by_lang": _split(records, lambda r: r["lang"]),
        "by_cross_lingual": _split(records, lambda r: CROSS if r.get("cross_lingual") else SAME),
    }
    if any(r.get("split") for r in records):
        out["by_split"] = _split(records, lambda r: r.get("split") or "unassigned")
    return out


def target_check(summary: dict[str, Any], baseline: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Each target of the issue: its measured value and whether it is met (None when it could not be measured)."""
    cross = summary.get("by_cross_lingual", {}).get(CROSS, {})
    gain = None
    if baseline and baseline.get("evidence_hit_at_5") is not None and summary.get("evidence_hit_at_5") is not None:
        gain = summary["evidence_hit_at_5"] - baseline["evidence_hit_at_5"]
    measured = {
        "evidence_hit_at_5": summary.get("evidence_hit_at_5"),
        "evidence_hit_at_5_cross_lingual": cross.get("evidence_hit_at_5"),
        "citation_precision": summary.get("citation_precision"),
        "refusal_accuracy": summary.get("refusal_accuracy"),
        "answered_rate": summary.get("answered_rate"),
        "refused_rate": summary.get("refused_rate"),
        "fact_recall": summary.get("fact_recall"),
        "fabricated_citations": summary.get("fabricated_citations"),
        "hit_at_5_gain_over_baseline": gain,
    }
    out = {}
    for key, target in TARGETS.items():
        value = measured[key]
        if value is None:
            met = None
        elif key == "fabricated_citations":
            met = value <= target
        else:
            met = value >= target
        out[key] = {"target": target, "value": value, "met": met}
    return out
