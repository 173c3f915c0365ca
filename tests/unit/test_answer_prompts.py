"""Prompt files: sections and variables are checked at load time, with errors that name file and variable."""

from __future__ import annotations

import pytest

from assistant.llm.prompts import (
    EXPECTED_VARIABLES,
    PromptError,
    check_all,
    load_prompt,
    load_sections,
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
