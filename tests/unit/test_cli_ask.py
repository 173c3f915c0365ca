"""``assistant ask``: the JSON contract keeps its keys and adds the closest passages; the text output of a refusal
names the reason and lists the closest passages, marked as not answering."""

from __future__ import annotations

import json

import pytest

from assistant import cli
from assistant.models import Answer, Citation

CONTRACT = {"question", "answer", "refused", "backend", "citations", "retrieved"}  # /work/shared/DESIGN.md


def _refusal() -> Answer:
    passage = Citation(n=1, chunk_id="us_japan.md#0", source="us_japan.md", title="Japan report", page=None,
                       section="Worker Rights", quote="The minimum wage varied by prefecture.",
                       text="The minimum wage varied by prefecture. More text.")
    return Answer(question="Hoeveel bedraagt het minimumloon in Japan?", answer="Niet gevonden in de bronnen.",
                  refused=True, backend="extractive", closest=[passage], refusal_reason="no_typed_answer")


class _Fake:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def ask(self, question, filters=None, lang=None):
        return self.answer

    def stream(self, question, filters=None, lang=None):
        yield self.answer.answer
        yield self.answer


@pytest.fixture
def refusing():
    return _Fake(_refusal())


def test_json_keeps_the_contract_and_adds_closest_passages(refusing, capsys):
    assert cli.main(["ask", "Hoeveel bedraagt het minimumloon in Japan?", "--format", "json"], assistant=refusing) == 0
    data = json.loads(capsys.readouterr().out)
    assert CONTRACT <= set(data)
    assert data["refused"] is True and data["citations"] == []
    assert data["refusal_reason"] == "no_typed_answer"
    assert data["closest"][0]["quote"] == "The minimum wage varied by prefecture."


def test_text_refusal_lists_the_closest_passages_as_not_answering(refusing, capsys):
    assert cli.main(["ask", "Hoeveel bedraagt het minimumloon in Japan?"], assistant=refusing) == 0
    out = capsys.readouterr().out
    assert out.startswith("Niet gevonden in de bronnen.")
    assert "noemen niet het gevraagde gegeven" in out
    assert "Dichtstbijzijnde passages - deze beantwoorden de vraag níet:" in out
    assert '(1) Japan report — us_japan.md (Worker Rights)\n    "The minimum wage varied by prefecture."' in out
