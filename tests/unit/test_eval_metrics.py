"""Every evaluation metric on crafted results (no index, no model)."""

from __future__ import annotations

import pytest

from assistant.evaluation.metrics import (CROSS, SAME, EvidenceIndex, Hit, aggregate, contains_evidence,
                                          evidence_rank, fact_hits, file_name, holds_evidence_fact, percentile,
                                          score_answer, score_retrieval, summarize, target_check)
from assistant.evaluation.questions import Question
from assistant.models import Citation

EVIDENCE = "Authorities detained at least 12 journalists during the year."


def question(**overrides) -> Question:
    fields = {"id": "q1", "question": "How many journalists were detained?", "lang": "en", "answerable": True,
              "sources": ["report.md"], "pages": [], "evidence": [EVIDENCE], "facts": ["12|twaalf", "journalists"],
              "region": "", "criterion": ""}
    fields.update(overrides)
    return Question(**fields)


def hit(cid: str, text: str, source: str = "report.md") -> Hit:
    return Hit(chunk_id=cid, source=source, text=text)


def citation(n: int, cid: str, source: str = "report.md") -> Citation:
    return Citation(n=n, chunk_id=cid, source=source, title=source, page=None, section=None, quote="q", text="t")


FILLER = hit("filler", "Nothing relevant here.")
EVIDENCE_CHUNK = hit("ev", "Intro. AUTHORITIES detained  at least 12\njournalists during the year. More text.")


def test_file_name_matching_ignores_folders():
    assert file_name("sub/dir/report.md") == "report.md"
    assert file_name("/abs/path/report.md") == "report.md"
    assert file_name("C:\\docs\\report.md") == "report.md"
    assert contains_evidence(question(), hit("x", EVIDENCE, source="corpus/sub/report.md"))


def test_evidence_is_matched_normalised_and_only_in_listed_sources():
    item = question()
    assert contains_evidence(item, EVIDENCE_CHUNK)  # case, line break and double space differ
    assert contains_evidence(item, hit("q", "Authorities detained at least 12 journalists during the year\u2026"))
    assert not contains_evidence(item, hit("other", EVIDENCE, source="other.md"))  # right text, wrong source
    assert not contains_evidence(item, hit("part", "Authorities detained at least 12 journalists"))  # partial


def test_rank_hit_at_k_and_reciprocal_rank():
    item = question()
    wrong_source = hit("w", EVIDENCE, source="other.md")
    retrieved = [wrong_source, FILLER, EVIDENCE_CHUNK, FILLER]
    assert evidence_rank(item, retrieved) == 3
    assert score_retrieval(item, retrieved) == {"evidence_rank": 3, "hit_at_1": False, "hit_at_5": True,
                                                "rr": pytest.approx(1 / 3)}
    assert score_retrieval(item, [EVIDENCE_CHUNK])["hit_at_1"] is True
    late = [FILLER] * 5 + [EVIDENCE_CHUNK]
    assert score_retrieval(item, late) == {"evidence_rank": 6, "hit_at_1": False, "hit_at_5": False,
                                           "rr": pytest.approx(1 / 6)}
    assert score_retrieval(item, [FILLER])["rr"] == 0.0
    assert score_retrieval(question(answerable=False), retrieved)["hit_at_5"] is None


def test_any_of_several_evidence_passages_counts():
    item = question(evidence=["A passage that is not retrieved at all, anywhere.", EVIDENCE])
    assert evidence_rank(item, [FILLER, EVIDENCE_CHUNK]) == 2


def test_fabricated_citation_is_counted_and_precision_uses_distinct_chunks():
    item = question()
    retrieved = [EVIDENCE_CHUNK, hit("elsewhere", "Text.", source="other.md")]
    citations = [citation(1, "ev"), citation(2, "ev"), citation(3, "elsewhere", "other.md"),
                 citation(4, "invented")]
    scored = score_answer(item, "At least 12 journalists were detained [1].", False, citations, retrieved)
    assert scored["fabricated"] == 1
    assert scored["cited"] == 3
    assert scored["cited_from_source"] == 2  # "ev" and the fabricated one claim report.md
    assert scored["citation_precision"] == pytest.approx(2 / 3)
    clean = score_answer(item, "12 journalists [1].", False, [citation(1, "ev")], retrieved)
    assert clean["fabricated"] == 0 and clean["citation_precision"] == 1.0


def test_fact_recall_uses_alternatives_and_normalisation():
    item = question(facts=["torture|marteling", "2013", "journalists"])
    assert fact_hits(item, "Er was MARTELING in 2013.") == [True, True, False]
    scored = score_answer(item, "Er was MARTELING in 2013.", False, [], [])
    assert scored["fact_recall"] == pytest.approx(2 / 3)
    assert scored["citation_precision"] is None  # nothing cited: no precision, not 0
    assert score_answer(item, "marteling 2013 journalists", True, [], [])["fact_recall"] == 0.0  # refused


def test_supported_citations_count_chunks_holding_a_fact_whichever_document():
    item = question(facts=["12|twaalf", "BOM"])
    retrieved = [EVIDENCE_CHUNK, hit("second", "Another report: twaalf journalisten.", source="other.md"),
                 hit("word", "A bombing was reported.", source="report.md"), FILLER]
    citations = [citation(1, "ev"), citation(2, "second", "other.md"), citation(3, "word"), citation(4, "filler")]
    for c, h in zip(citations, retrieved):
        c.text = h.text
    scored = score_answer(item, "12 [1] [2] [3] [4]", False, citations, retrieved)
    assert scored["cited"] == 4
    assert scored["cited_supported"] == 2  # "ev" (evidence and fact) and "second" (a fact, in another document)
    assert scored["supported_citations"] == pytest.approx(2 / 4)
    assert scored["citation_precision"] == pytest.approx(3 / 4)  # source-based: "second" is off-source
    assert holds_evidence_fact(item, "De BOM helpt.") and not holds_evidence_fact(item, "bombing")
    unanswerable = question(answerable=False, sources=[], evidence=[], facts=[])
    assert score_answer(unanswerable, "x [1]", False, citations[:1], retrieved)["supported_citations"] is None


def test_answered_and_refused_rates_and_dev_test_splits():
    records = [dict(r, split=s) for r, s in zip(RECORDS, ["dev", "test", "dev", "test"])]
    records.append(record("nl", False, False, 50, fabricated=0, refusal_correct=False) | {"split": "dev"})
    overall = aggregate(records)
    assert overall["answered_rate"] == pytest.approx(2 / 3)  # answerable items that were answered
    assert overall["refused_rate"] == pytest.approx(1 / 2)  # unanswerable items that were refused
    assert overall["balanced_refusal"] == pytest.approx((2 / 3 + 1 / 2) / 2)
    summary = summarize(records)
    assert set(summary["by_split"]) == {"dev", "test"}
    assert summary["by_split"]["test"]["items"] == 2 and summary["by_split"]["test"]["refused_rate"] == 1.0
    assert summary["by_split"]["dev"]["answered_rate"] == pytest.approx(1 / 2)
    assert "by_split" not in summarize(RECORDS)  # a set without splits reports none
    checks = target_check(summary)
    assert checks["refused_rate"] == {"target": 0.85, "value": pytest.approx(1 / 2), "met": False}


def test_refusal_accuracy_per_item():
    answerable, unanswerable = question(), question(answerable=False, sources=[], evidence=[], facts=[])
    assert score_answer(answerable, "12", False, [], [])["refusal_correct"] is True
    assert score_answer(answerable, "Niet gevonden.", True, [], [])["refusal_correct"] is False
    assert score_answer(unanswerable, "Niet gevonden.", True, [], [])["refusal_correct"] is True
    assert score_answer(unanswerable, "Some answer", False, [], [])["refusal_correct"] is False
    assert score_answer(unanswerable, "x", False, [], [])["fact_recall"] is None


def test_evidence_index_finds_passages_whole_in_some_chunk():
    item = question()
    index = EvidenceIndex([FILLER, hit("a", "Authorities detained at least 12"),
                           hit("b", "journalists during the year.")])
    assert index.indexable(item) is False  # cut by a chunk boundary
    assert EvidenceIndex([FILLER, EVIDENCE_CHUNK]).indexable(item) is True
    assert EvidenceIndex([hit("c", EVIDENCE, source="other.md")]).indexable(item) is False
    assert EvidenceIndex([]).indexable(question(answerable=False)) is None


def record(lang: str, cross: bool, answerable: bool, latency: float, **metrics) -> dict:
    return {"lang": lang, "cross_lingual": cross, "answerable": answerable, "latency_ms": latency,
            "metrics": metrics}


RECORDS = [
    record("nl", True, True, 10, hit_at_1=True, hit_at_5=True, rr=1.0, cited=2, cited_from_source=2, fabricated=0,
           fact_recall=1.0, refusal_correct=True),
    record("nl", False, True, 20, hit_at_1=False, hit_at_5=True, rr=0.5, cited=2, cited_from_source=1,
           fabricated=1, fact_recall=0.5, refusal_correct=True),
    record("en", False, True, 30, hit_at_1=False, hit_at_5=False, rr=0.0, cited=0, cited_from_source=0,
           fabricated=0, fact_recall=0.0, refusal_correct=False),
    record("en", False, False, 40, hit_at_1=None, hit_at_5=None, rr=None, cited=None, cited_from_source=None,
           fabricated=0, fact_recall=None, refusal_correct=True),
]


def test_aggregate_overall():
    overall = aggregate(RECORDS)
    assert (overall["items"], overall["answerable"], overall["unanswerable"]) == (4, 3, 1)
    assert overall["evidence_hit_at_5"] == pytest.approx(2 / 3)
    assert overall["evidence_hit_at_1"] == pytest.approx(1 / 3)
    assert overall["mrr"] == pytest.approx(0.5)
    assert overall["citation_precision"] == pytest.approx(3 / 4)  # micro: 3 of 4 cited chunks
    assert overall["fabricated_citations"] == 1
    assert overall["fact_recall"] == pytest.approx(0.5)
    assert overall["refusal_accuracy"] == pytest.approx(3 / 4)
    assert overall["latency_p50_ms"] == pytest.approx(25.0)
    assert overall["latency_p95_ms"] == pytest.approx(38.5)


def test_splits_by_language_and_cross_lingual():
    summary = summarize(RECORDS)
    nl, en = summary["by_lang"]["nl"], summary["by_lang"]["en"]
    assert (nl["items"], en["items"]) == (2, 2)
    assert nl["evidence_hit_at_5"] == 1.0 and en["evidence_hit_at_5"] == 0.0
    assert nl["citation_precision"] == pytest.approx(3 / 4) and en["citation_precision"] is None
    assert en["refusal_accuracy"] == pytest.approx(0.5)
    cross, same = summary["by_cross_lingual"][CROSS], summary["by_cross_lingual"][SAME]
    assert (cross["items"], same["items"]) == (1, 3)
    assert cross["mrr"] == 1.0 and same["mrr"] == pytest.approx(0.25)
    assert same["fabricated_citations"] == 1 and cross["fabricated_citations"] == 0


def test_retrieval_only_records_leave_answer_metrics_empty():
    base = aggregate([record("nl", False, True, 3, hit_at_1=True, hit_at_5=True, rr=1.0)])
    assert base["evidence_hit_at_5"] == 1.0
    assert base["citation_precision"] is None and base["fabricated_citations"] is None
    assert base["refusal_accuracy"] is None and base["fact_recall"] is None


def test_percentile_and_empty():
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert aggregate([])["latency_p95_ms"] is None


def test_targets_against_baseline():
    summary = summarize(RECORDS)
    checks = target_check(summary, {"evidence_hit_at_5": 0.25})
    assert checks["hit_at_5_gain_over_baseline"]["value"] == pytest.approx(2 / 3 - 0.25)
    assert checks["hit_at_5_gain_over_baseline"]["met"] is True
    assert checks["fabricated_citations"]["met"] is False
    assert checks["evidence_hit_at_5"]["met"] is False
    assert checks["evidence_hit_at_5_cross_lingual"] == {"target": 0.85, "value": 1.0, "met": True}
    assert target_check(summary)["hit_at_5_gain_over_baseline"]["met"] is None
