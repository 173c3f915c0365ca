"""The optional faithfulness metric with a scripted judge (FakeChatModel), and its clean skip offline."""

from __future__ import annotations

import pytest

from assistant.evaluation.faithfulness import (MAX_CONSECUTIVE_FAILURES, FaithfulnessJudge, judge_answer,
                                               judge_messages)
from assistant.evaluation.runner import run_eval
from assistant.settings import Settings
from assistant.testing import FakeChatModel, chat_fault
from tests.unit.test_eval_runner import QUESTIONS, ScriptedAssistant, docs_dir  # noqa: F401 (fixture)

VERDICT = {"claims": [{"claim": "12 journalists were held", "supported": True},
                      {"claim": "the year was 2024", "supported": False}]}


def test_judge_counts_supported_claims_and_sees_the_passages():
    model = FakeChatModel(responses=[VERDICT])
    result = judge_answer(model, "How many?", "12 journalists were held in 2024 [1].", ["Authorities held 12."])
    assert result["claims"] == 2 and result["supported"] == 1
    assert result["faithfulness"] == pytest.approx(0.5)
    assert result["unsupported"] == ["the year was 2024"]
    prompt = model.last_messages[-1].content
    assert "Authorities held 12." in prompt and "[1]" not in prompt  # markers stripped from the answer
    assert model.calls[-1]["options"]["response_format"] == {"type": "json_object"}


def test_messages_number_the_passages():
    (_, system), (_, human) = judge_messages("Q?", "A [2].", ["first", "second"])
    assert "supported" in system
    assert '<passage n="1">\nfirst' in human and '<passage n="2">\nsecond' in human


def test_extractive_backend_skips_with_a_reason():
    judge = FaithfulnessJudge.for_settings(Settings(llm="extractive"))
    assert judge.skipped_reason and "generative backend" in judge.skipped_reason
    assert judge("Q?", "A.", ["passage"]) is None


def test_no_citations_or_empty_answer_is_not_judged():
    model = FakeChatModel(responses=[VERDICT])
    judge = FaithfulnessJudge(model)
    assert judge("Q?", "A.", []) is None
    assert judge("Q?", "  ", ["passage"]) is None
    assert model.calls == []


def test_judge_gives_up_after_repeated_endpoint_failures():
    model = FakeChatModel(responses=[chat_fault("connection")] * (MAX_CONSECUTIVE_FAILURES + 1))
    judge = FaithfulnessJudge(model)
    for _ in range(MAX_CONSECUTIVE_FAILURES):
        assert "error" in judge("Q?", "A.", ["p"])
    assert judge.skipped_reason and "failed" in judge.skipped_reason
    assert judge("Q?", "A.", ["p"]) is None
    assert len(model.calls) == MAX_CONSECUTIVE_FAILURES


def test_runner_reports_faithfulness_with_a_chat_model(tmp_path, docs_dir):
    scripted = ScriptedAssistant()
    scripted.chat_model = FakeChatModel(respond=lambda messages: VERDICT)
    metrics = run_eval(scripted, QUESTIONS, out_dir=tmp_path, progress=False, docs=[docs_dir], faithfulness=True)
    answered_with_citations = 2  # en-1 and nl-2 in the script
    assert metrics["faithfulness"]["judged"] == answered_with_citations
    assert metrics["faithfulness"]["faithfulness"] == pytest.approx(0.5)
    assert "## Faithfulness" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_runner_skips_faithfulness_offline(tmp_path, docs_dir):
    metrics = run_eval(ScriptedAssistant(), QUESTIONS, out_dir=tmp_path, progress=False, docs=[docs_dir],
                       faithfulness=True)
    assert metrics["faithfulness"]["faithfulness"] is None
    assert "generative backend" in metrics["faithfulness"]["skipped_reason"]
    assert "Not measured" in (tmp_path / "report.md").read_text(encoding="utf-8")
