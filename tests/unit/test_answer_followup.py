"""Follow-up questions: region/topic carried over (extractive), condensed by the model (LLM backends)."""

from __future__ import annotations

from assistant.answer import answer_question
from assistant.answer.condense import clean_standalone, format_history, resolve_followup
from assistant.retrieve.base import Filters
from assistant.testing import FakeChatModel, chat_fault
from tests.unit.answer_fixtures import searcher, settings

CHINA_Q = "Hoe staat het met de mensenrechten in China?"
HISTORY = [(CHINA_Q, "Volgens de bronnen: ... [1]")]


def test_followup_without_region_searches_the_previous_region():
    standalone, filters = resolve_followup("En hoe zit het met persvrijheid?", HISTORY, None)
    assert filters.region == "china"
    assert "persvrijheid" in standalone and "China" in standalone


def test_followup_naming_only_a_new_region_keeps_the_topic():
    standalone, filters = resolve_followup("En Japan?", [("Hoe staat het met de persvrijheid in China?", "")], None)
    assert "persvrijheid" in standalone and "Japan" in standalone and "China" not in standalone
    assert filters.region == "japan"


def test_followup_with_its_own_region_and_topic_is_left_alone():
    question = "Worden journalisten in Turkije vastgezet?"
    assert resolve_followup(question, HISTORY, None) == (question, None)


def test_callers_region_filter_wins_and_other_filters_are_kept():
    mine = Filters(region="japan", kind="government_report")
    _, filters = resolve_followup("En persvrijheid?", HISTORY, mine)
    assert filters == mine
    _, merged = resolve_followup("En persvrijheid?", HISTORY, Filters(kind="government_report"))
    assert merged.region == "china" and merged.kind == "government_report"


def test_no_history_or_no_earlier_region():
    assert resolve_followup("En persvrijheid?", None, None) == ("En persvrijheid?", None)
    standalone, filters = resolve_followup("En verder?", [("Wat is het afwegingskompas?", "")], None)
    assert standalone == "Wat is het afwegingskompas?" and filters is None


def test_extractive_followup_end_to_end_uses_the_region_filter():
    fs = searcher()
    answer = answer_question("En hoe zit het met persvrijheid?", fs, settings(), history=HISTORY,
                             embedder=fs.embedder)
    assert answer.question == "En hoe zit het met persvrijheid?"
    assert "China" in answer.standalone_question
    assert answer.retrieved and all("china" in h.regions for h in answer.retrieved)
    assert fs.queries[-1] == answer.standalone_question


def test_llm_backend_condenses_with_the_model():
    fs = searcher()
    model = FakeChatModel(responses=["Is press freedom restricted in China?", "Press freedom is restricted [1]."])
    answer = answer_question("And the press?", fs, settings(), history=[("Human rights in China?", "x")],
                             embedder=fs.embedder, chat_model=model)
    condense_prompt = model.calls[0]["messages"][-1].content
    assert "Human rights in China?" in condense_prompt and "And the press?" in condense_prompt
    assert answer.standalone_question == "Is press freedom restricted in China?"
    assert fs.queries[-1] == "Is press freedom restricted in China?"


def test_failed_condense_falls_back_to_the_rules():
    fs = searcher()
    model = FakeChatModel(responses=[chat_fault("connection"), "Persvrijheid is beperkt [1]."])
    answer = answer_question("En hoe zit het met persvrijheid?", fs, settings(), history=HISTORY,
                             embedder=fs.embedder, chat_model=model)
    assert "China" in answer.standalone_question
    assert all("china" in h.regions for h in answer.retrieved)


def test_condense_helpers():
    assert clean_standalone('Zelfstandige vraag: "Hoe zit het met persvrijheid in China?"\nextra', "x") == \
        "Hoe zit het met persvrijheid in China?"
    assert clean_standalone("", "fallback") == "fallback"
    assert clean_standalone("x" * 1000, "fallback") == "fallback"
    text = format_history([("Vraag een?", "Antwoord [1] een."), ("Vraag twee?", "")], "nl")
    assert text.splitlines() == ["Gebruiker: Vraag een?", "Assistent: Antwoord een.", "Gebruiker: Vraag twee?"]
