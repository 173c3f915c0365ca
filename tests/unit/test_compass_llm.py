"""The LLM proposer with FakeChatModel: structured output, the corrective retry with validation errors fed back."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.indicators import indicator_data
from assistant.compass.llm_proposer import LLMProposalError, LLMProposer
from assistant.compass.proposer import propose
from assistant.compass.schema import LLMProposal
from assistant.compass.validator import validate
from assistant.llm.prompts import load_sections
from assistant.regions import region_of
from assistant.settings import Settings
from assistant.testing import FakeChatModel, FakeSearcher, chat_fault
from tests.unit.test_compass_evidence import SETTINGS, corpus

TODAY = date(2026, 6, 1)
CHINA = "us_state_dept_china.md#0"
GENOCIDE = "Genocide and crimes against humanity occurred during the year in China against predominantly Muslim Uyghurs."


def answer(env_score=2, quote=GENOCIDE, chunk_id=CHINA, extra=None):
    criteria = [
        {"criterion": "inhoudelijke_aansluiting", "score": None, "confidence": "low",
         "rationale": "Geen passages over innovatiethema's.", "evidence": []},
        {"criterion": "praktische_mogelijkheden", "score": 2, "confidence": "medium",
         "rationale": "De contraspionagewet ontmoedigt contact met buitenlanders.",
         "evidence": [{"chunk_id": CHINA, "quote": "A counterespionage law granted authorities the power to "
                                                    "require individuals to cease any activities."}]},
        {"criterion": "omgevingsfactoren", "score": env_score, "confidence": "high",
         "rationale": "Genocide en PTS 4/4/5.",
         "evidence": [{"chunk_id": "indicator:pts:china:2021",
                       "quote": "Political Terror Scale 2021, China: PTS_A=4, PTS_H=4, PTS_S=5"},
                      {"chunk_id": chunk_id, "quote": quote}]},
    ]
    return {"criteria": criteria + (extra or []), "caveats": ["Weinig bronnen over samenwerking."]}


@pytest.fixture()
def searcher():
    return FakeSearcher(corpus())


def run(model, searcher, settings=SETTINGS, **kw):
    proposer = LLMProposer(model, **kw)
    definition = load_definition(settings)
    data = indicator_data(definition, settings)
    return proposer.propose(region_of("china"), searcher, definition, settings, data), proposer


def test_llm_schema_uses_an_enum_for_scores():
    schema = LLMProposal.model_json_schema()
    score = schema["$defs"]["LLMCriterion"]["properties"]["score"]
    assert {"enum": [1, 2, 3, 4, 5], "type": "integer"} in score["anyOf"]
    assert "minimum" not in json.dumps(schema) and "maximum" not in json.dumps(schema)


def test_valid_answer_becomes_a_validated_assessment(searcher):
    model = FakeChatModel(responses=[answer()])
    a = propose("China", searcher, SETTINGS, backend="llm", chat_model=model)
    assert len(model.calls) == 1
    c = {x.criterion: x for x in a.criteria}
    assert c["omgevingsfactoren"].score == 2 and c["omgevingsfactoren"].confidence == 0.9
    assert c["realiseerbaarheid"].score is None  # missing from the answer -> null
    ev = c["omgevingsfactoren"].evidence[1]
    assert ev.source == "us_state_dept_china.md"  # filled from the passage, not from the model
    # By rule, not by the model: mean 2.0 -> "monitoren" (and only two criteria scored).
    assert a.backend.startswith("llm:") and a.recommendation == "monitoren"
    assert "Weinig bronnen over samenwerking." in a.caveats
    assert validate(a, searcher, SETTINGS, today=TODAY).passed
    # The prompt shows the passages with their ids, the indicator row and the Dutch rubric.
    prompt = "\n".join(m.content for m in model.calls[0]["messages"])
    assert "[id: us_state_dept_china.md#0]" in prompt and "[id: indicator:pts:china:2021]" in prompt
    assert "omgevingsfactoren" in prompt and "Zeer ernstige zorgen" in prompt
    assert model.calls[0]["options"]["response_format"] == {"type": "json_object"}  # settings: json_mode


def test_malformed_first_answer_is_repaired_on_retry(searcher):
    model = FakeChatModel(responses=["Sorry, ik kan geen JSON geven.", answer()])
    a, proposer = run(model, searcher)
    assert len(model.calls) == 2
    assert proposer.attempts[0]["parsing_error"] is not None and proposer.attempts[1]["errors"] == []
    retry_prompt = model.calls[1]["messages"][-1].content
    assert "geen geldig JSON-object" in retry_prompt
    assert validate(a, searcher, SETTINGS, today=TODAY).passed


def test_out_of_range_score_is_a_schema_error_and_retried(searcher):
    model = FakeChatModel(responses=[answer(env_score=7), answer()])
    a, proposer = run(model, searcher)
    assert len(model.calls) == 2
    assert proposer.attempts[0]["parsing_error"] is not None
    assert {x.criterion: x.score for x in a.criteria}["omgevingsfactoren"] == 2


def test_validation_errors_are_fed_back(searcher):
    # First answer: an invented quote and a too-high environment score despite PTS 4/4/5.
    bad = answer(env_score=4, quote="China is a model democracy with full press freedom.")
    model = FakeChatModel(responses=[bad, answer()])
    a, proposer = run(model, searcher)
    assert len(model.calls) == 2
    fed_back = model.calls[1]["messages"][-1].content
    assert "citaat_in_bron" in fed_back and "mensenrechten_ernstig" in fed_back
    assert proposer.attempts[1]["errors"] == []
    assert validate(a, searcher, SETTINGS, today=TODAY).passed


def test_invented_chunk_id_is_reported(searcher):
    model = FakeChatModel(responses=[answer(chunk_id="made_up.md#9"), answer(chunk_id="made_up.md#9")])
    a, proposer = run(model, searcher)
    assert len(model.calls) == 2  # one corrective retry, no more
    assert "bron_bestaat" in model.calls[1]["messages"][-1].content
    report = validate(a, searcher, SETTINGS, today=TODAY)
    assert not report.passed and "bron_bestaat" in {f.rule for f in report.errors}


def test_two_malformed_answers_give_an_empty_proposal(searcher):
    model = FakeChatModel(responses=["{", "nog steeds geen json"])
    a, proposer = run(model, searcher)
    assert len(model.calls) == 2 and all(c.score is None for c in a.criteria)
    assert any("geen geldig JSON-antwoord" in c for c in a.caveats)
    assert validate(a, searcher, SETTINGS, today=TODAY).passed  # it claims nothing


def test_function_calling_method(searcher):
    settings = Settings(endpoint={"structured_method": "function_calling"})
    model = FakeChatModel(responses=[answer()])
    a, _ = run(model, searcher, settings)
    assert model.calls[0]["options"]["tools"][0]["function"]["name"] == "LLMProposal"
    assert {x.criterion: x.score for x in a.criteria}["praktische_mogelijkheden"] == 2


def test_endpoint_fault_gives_a_clear_error(searcher):
    model = FakeChatModel(responses=[chat_fault("connection")])
    with pytest.raises(LLMProposalError, match="ASSISTANT_ENDPOINT__BASE_URL"):
        run(model, searcher)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_score_prompts_load(lang):
    sections = load_sections("score", lang)
    assert "{passages}" in sections["user"] and "{format}" in sections["system"]


def test_an_officers_score_prompt_is_used(searcher, tmp_path):
    from assistant.llm.prompts import PROMPTS_DIR

    shipped = (PROMPTS_DIR / "score_nl.txt").read_text(encoding="utf-8")
    (tmp_path / "score_nl.txt").write_text(shipped.replace("[system]\n", "[system]\nOFFICER\n", 1), encoding="utf-8")
    model = FakeChatModel(responses=[answer()])
    run(model, searcher, SETTINGS.model_copy(update={"prompts_dir": tmp_path}))
    assert model.calls[0]["messages"][0].content.startswith("OFFICER")


def test_english_prompt_is_used_for_lang_en(searcher):
    model = FakeChatModel(responses=[answer()])
    run(model, searcher, lang="en")
    assert "Region: China" in model.calls[0]["messages"][-1].content


def test_models_without_structured_output_are_parsed_from_text(searcher):
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration, ChatResult

    class PlainModel(BaseChatModel):  # like the in-process llama.cpp model: no tools, no response_format
        replies: list = []

        @property
        def _llm_type(self) -> str:
            return "plain"

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            text = self.replies.pop(0)
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    fenced = "Hier is het voorstel:\n```json\n" + json.dumps(answer()) + "\n```"
    model = PlainModel(replies=["geen json", fenced])
    a, proposer = run(model, searcher)
    assert len(proposer.attempts) == 2 and proposer.attempts[0]["parsing_error"] is not None
    assert {x.criterion: x.score for x in a.criteria}["omgevingsfactoren"] == 2


def test_llm_backend_without_a_generative_model_says_what_to_set(searcher):
    with pytest.raises(LLMProposalError, match="ASSISTANT_LLM"):
        propose("China", searcher, Settings(llm="extractive"), backend="llm")


def test_schema_can_travel_inside_json_mode(searcher):
    settings = Settings(compass={"llm_schema_in_json_mode": True})
    model = FakeChatModel(responses=[answer()])
    a, _ = run(model, searcher, settings)
    fmt = model.calls[0]["options"]["response_format"]
    assert fmt["type"] == "json_object" and fmt["schema"]["title"] == "LLMProposal"
    assert {x.criterion: x.score for x in a.criteria}["omgevingsfactoren"] == 2


def test_parse_error_feedback_is_short(searcher):
    model = FakeChatModel(responses=[{"criteria": [{"criterion_id": 1}]}, answer()])
    run(model, searcher)
    fed_back = model.calls[1]["messages"][-1].content
    assert "criteria.0.criterion" in fed_back and "errors.pydantic.dev" not in fed_back


def test_criterion_ids_are_an_enum_for_the_model(searcher):
    from assistant.compass.schema import llm_proposal_model

    ids = tuple(load_definition(SETTINGS).criterion_ids)
    schema = llm_proposal_model(ids).model_json_schema()
    assert schema["$defs"]["LLMCriterion"]["properties"]["criterion"]["enum"] == list(ids)
    bad = answer(extra=[{"criterion": "<criterion id>", "score": 1, "confidence": "low", "rationale": "x",
                         "evidence": []}])
    model = FakeChatModel(responses=[bad, answer()])
    a, proposer = run(model, searcher)
    assert proposer.attempts[0]["parsing_error"] is not None and len(model.calls) == 2
    assert '"criterion": "omgevingsfactoren"' in model.calls[0]["messages"][0].content  # the format shows real ids
