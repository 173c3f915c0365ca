"""The prompt registry (assistant.llm.prompts): sections and variables are checked at load time, with errors that
name file and variable, for every prompt (answer, condense, score, brief); each file has a content version."""

from __future__ import annotations

import pytest

from assistant.llm.prompts import (
    EXPECTED_VARIABLES,
    PromptError,
    check_all,
    get_prompt,
    load_prompt,
    load_sections,
    versions,
)

GOOD = "[system]\nRules with a literal {{brace}}.\n\n[user]\n{passages}\nQ: {question}\nElse: {refusal}\n"


def write(folder, text, name="answer", lang="nl"):
    path = folder / f"{name}_{lang}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_prompts_load_with_exactly_their_variables():
    check_all()
    for name, expected in EXPECTED_VARIABLES.items():
        for lang in ("nl", "en"):
            assert set(load_prompt(name, lang).input_variables) == set(expected)


def test_answer_prompt_renders_passages_inside_the_fence():
    messages = load_prompt("answer", "en").format_messages(
        question="Q?", passages='<passage n="1">{not a variable}</passage>', refusal="Not found in the sources.")
    user = messages[-1].content
    assert "<passages>" in user and "{not a variable}" in user  # document braces are data, never re-formatted
    assert "Not found in the sources." in messages[0].content


def test_valid_custom_prompt_with_literal_braces(tmp_path):
    write(tmp_path, GOOD)
    sections = load_sections("answer", "nl", tmp_path)
    assert "{{brace}}" in sections["system"]
    assert load_prompt("answer", "nl", tmp_path).input_variables


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("{passages}", "passages"), "missing {passages}"),
    (GOOD.replace("{question}", "{question} {vraag}"), "unexpected {vraag}"),
    (GOOD.replace("[user]", "[gebruiker]"), "missing section(s) [user]"),
    ("Intro\n" + GOOD, "before the first section"),
    (GOOD.replace("{refusal}", "{refusal"), "malformed placeholder"),
    (GOOD.replace("{refusal}", "{refusal.x}"), "not a plain variable name"),
])
def test_broken_prompts_are_rejected_with_a_clear_error(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(PromptError) as error:
        load_sections("answer", "nl", tmp_path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_missing_file_and_unknown_language(tmp_path):
    with pytest.raises(PromptError, match="missing"):
        load_sections("condense", "nl", tmp_path)
    with pytest.raises(PromptError, match="language"):
        load_sections("answer", "de")


def test_every_prompt_of_answer_compass_and_brief_is_registered():
    assert set(EXPECTED_VARIABLES) == {"answer", "condense", "score", "brief"}
    with pytest.raises(PromptError, match="Unknown prompt"):
        load_sections("greeting", "nl")


@pytest.mark.parametrize("name, kept, dropped", [
    ("score", "{format} {region} {criteria} {passages}", "feedback"),
    ("brief", "{region} {passages}", "overview"),
])
def test_score_and_brief_prompts_are_checked_the_same_way(tmp_path, name, kept, dropped):
    path = write(tmp_path, f"[system]\nX {{extra}}\n[user]\n{kept}\n", name=name)
    with pytest.raises(PromptError) as error:
        load_sections(name, "nl", tmp_path)
    assert f"missing {{{dropped}}}" in str(error.value) and "unexpected {extra}" in str(error.value)
    assert str(path) in str(error.value)


def test_version_is_the_file_content_hash_and_follows_edits(tmp_path):
    import hashlib

    path = write(tmp_path, GOOD)
    first = get_prompt("answer", "nl", tmp_path)
    assert first.version == hashlib.sha256(GOOD.encode()).hexdigest()[:len(first.version)]
    assert first.path == path and first.lang == "nl" and first.name == "answer"
    path.write_text(GOOD + "\nOne more line.\n", encoding="utf-8")
    second = get_prompt("answer", "nl", tmp_path)
    assert second.version != first.version and second.sections["user"].endswith("One more line.")


def test_shipped_prompts_have_one_version_each():
    shipped = versions()
    assert len(shipped) == len(EXPECTED_VARIABLES) * 2 and all(len(v) == 12 for v in shipped.values())


def test_shipped_prompts_and_compass_are_found_through_the_package():
    from pathlib import Path

    import assistant
    from assistant.llm.prompts import PROMPTS_DIR
    from assistant.settings import Settings

    package = Path(assistant.__file__).parent
    assert PROMPTS_DIR == package / "prompts"
    assert Settings().compass.definition == package / "prompts" / "compass.yaml"
    assert (PROMPTS_DIR / "indicators.yaml").is_file() and get_prompt("answer", "nl").path.parent == PROMPTS_DIR


def test_an_officers_prompt_folder_replaces_the_shipped_prompts(tmp_path):
    from assistant.answer import answer_question
    from assistant.testing import FakeChatModel, quoting_responder
    from tests.unit.answer_fixtures import searcher, settings

    write(tmp_path, GOOD.replace("Rules with", "OFFICER RULES with"), name="answer", lang="en")
    fs = searcher()
    model = FakeChatModel(respond=quoting_responder)
    answer = answer_question("Is press freedom restricted in China?", fs, settings(prompts_dir=tmp_path),
                             embedder=fs.embedder, chat_model=model)
    assert model.last_messages[0].content.startswith("OFFICER RULES") and answer.citations
    with pytest.raises(PromptError, match=str(tmp_path)):
        load_prompt("condense", "en", tmp_path)  # a folder of one's own holds every prompt it is used for
