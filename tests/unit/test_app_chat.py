"""Chat tab logic: rendering of answers and sources, copy text, streaming turns with history and filters."""

from __future__ import annotations

import re

from assistant.app.chat import (CURSOR, HISTORY_TURNS, chat_turn, copy_text, make_filters, new_conversation,
                                render_answer)
from assistant.models import Answer, Citation


def _citation(n=1, **extra) -> Citation:
    fields = dict(n=n, chunk_id=f"c{n}", source=f"docs/report_{n}.pdf", title=f"Report {n}", page=12,
                  section="Press freedom", quote="The press is free.",
                  text="Intro sentence. The press is free. Closing sentence.")
    fields.update(extra)
    return Citation(**fields)


def _answer(**extra) -> Answer:
    fields = dict(question="Hoe vrij is de pers?", answer="Volgens de bronnen:\n- The press is free. [1] [2]",
                  refused=False, backend="extractive", citations=[_citation(1), _citation(2, page=None)])
    fields.update(extra)
    return Answer(**fields)


def test_render_answer_links_markers_to_numbered_sources():
    html = render_answer(_answer(), "nl", turn=3)
    assert '<a class="cite-ref" href="#cite-3-1">[1]</a>' in html
    assert '<a class="cite-ref" href="#cite-3-2">[2]</a>' in html
    sources = re.findall(r'<details class="citation" id="cite-3-(\d)">(.*?)</details>', html)
    assert [n for n, _ in sources] == ["1", "2"]
    first = sources[0][1]
    assert "[1]" in first and "Report 1" in first and "docs/report_1.pdf" in first
    assert "p. 12" in first and "§ Press freedom" in first
    assert '<blockquote class="cite-quote">The press is free.</blockquote>' in first
    assert "<mark>The press is free.</mark>" in first
    assert "p. " not in sources[1][1].split("</summary>")[0]  # no page for the second source


def test_marker_without_citation_is_not_linked():
    html = render_answer(_answer(answer="Claim [1] and [7]."), "nl", turn=1)
    assert 'href="#cite-1-1"' in html and "#cite-1-7" not in html and "[7]" in html


def test_document_text_is_escaped():
    evil = _citation(1, title="<script>alert(1)</script>", quote="<img src=x onerror=alert(1)>",
                     text="<img src=x onerror=alert(1)> rest")
    html = render_answer(_answer(answer="<b>x</b> [1]", citations=[evil]), "nl", turn=1)
    assert "<script>" not in html and "<img" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html


def test_refusal_shows_why_and_the_closest_passages_marked_as_not_answering():
    closest = [_citation(1, quote="Japan has a free press."), _citation(2, page=None, quote="Prefectures set wages.")]
    refused = _answer(answer="Niet gevonden in de bronnen.", refused=True, citations=[], closest=closest,
                      refusal_reason="no_typed_answer")
    html = render_answer(refused, "nl", turn=2)
    assert html.index('class="not-found"') < html.index("Dichtstbijzijnde passages")
    assert "beantwoorden de vraag níet" in html and "noemen niet het gevraagde gegeven" in html
    shown = re.findall(r'<details class="citation not-answer" id="closest-2-(\d)">', html)
    assert shown == ["1", "2"] and "cite-2-" not in html  # never confused with the citations of an answer
    assert "(1)" in html and "[1]" not in html
    assert "these do NOT answer the question" in render_answer(refused, "en", turn=2)
    text = copy_text(refused, "nl")
    assert text.startswith("Niet gevonden in de bronnen.")
    assert "Dichtstbijzijnde passages" in text and '"Japan has a free press."' in text
    answered = render_answer(_answer(closest=closest), "nl", turn=3)  # only a refusal shows them
    assert "Dichtstbijzijnde" not in answered


def test_refusal_is_a_clear_not_found_state():
    refused = _answer(answer="Niet gevonden in de bronnen.", refused=True, citations=[])
    html = render_answer(refused, "nl", turn=1)
    assert 'class="not-found"' in html and "Niet gevonden in de bronnen." in html
    assert "citation" not in html
    assert "Not found in the sources." in render_answer(refused, "en", turn=1)
    assert copy_text(refused, "nl").startswith("Niet gevonden in de bronnen.")


def test_error_and_follow_up_notes_are_visible():
    html = render_answer(_answer(error="Het taalmodel is niet bereikbaar.", standalone_question="Pers in China?",
                                 removed_citations=[4]), "nl", turn=1)
    assert 'class="answer-error"' in html and "niet bereikbaar" in html
    assert "Opgevat als: Pers in China?" in html
    assert "verwijderd: 4" in html


def test_copy_text_holds_answer_and_sources():
    text = copy_text(_answer(), "nl")
    assert text.startswith("Volgens de bronnen:")
    assert "Bronnen:" in text
    assert "[1] Report 1 — docs/report_1.pdf, p. 12 · § Press freedom" in text
    assert '    "The press is free."' in text
    assert "[2] Report 2 — docs/report_2.pdf, § Press freedom" in text


def test_make_filters():
    assert make_filters("", "", "") is None
    filters = make_filters("china", "", "en")
    assert filters.region == "china" and filters.kind is None and filters.language == "en"


class StreamStub:
    """Records stream() calls; yields the scripted pieces and then the final answer."""

    def __init__(self, pieces=("Volgens ", "de bronnen"), answer=None, error=None):
        self.pieces, self.answer, self.error = pieces, answer or _answer(), error
        self.calls = []

    def stream(self, question, *, filters=None, lang=None, history=None):
        self.calls.append({"question": question, "filters": filters, "history": history})
        yield from self.pieces
        if self.error:
            raise self.error
        yield self.answer.model_copy(update={"question": question})


def test_chat_turn_streams_then_renders_the_final_answer():
    stub = StreamStub()
    outputs = list(chat_turn(stub, "  Hoe vrij is de pers?  ", None, region="china", kind="ngo_briefing"))
    first_messages = outputs[0][0]
    assert first_messages[0] == {"role": "user", "content": "Hoe vrij is de pers?"}
    partials = [o[0][-1]["content"] for o in outputs[1:-1]]
    assert partials == ["Volgens " + CURSOR, "Volgens de bronnen" + CURSOR]
    messages, conversation, copy, box = outputs[-1]
    assert 'class="citation"' in messages[-1]["content"] and box == ""
    assert copy.startswith("Volgens de bronnen:")
    assert conversation["history"] == [("Hoe vrij is de pers?", _answer().answer)]
    call = stub.calls[0]
    assert call["filters"].region == "china" and call["filters"].kind == "ngo_briefing"
    assert call["history"] is None


def test_follow_up_gets_the_history_and_new_citation_ids():
    stub = StreamStub(pieces=())
    conversation = new_conversation()
    for question in ("Hoe vrij is de pers in Duitsland?", "En in China?"):
        *_, last = chat_turn(stub, question, conversation)
        conversation = last[1]
    assert stub.calls[1]["history"] == [("Hoe vrij is de pers in Duitsland?", _answer().answer)]
    assert len(conversation["messages"]) == 4
    assert 'id="cite-2-1"' in conversation["messages"][-1]["content"]
    assert 'id="cite-1-1"' in conversation["messages"][1]["content"]


def test_history_is_bounded():
    stub = StreamStub(pieces=())
    conversation = new_conversation()
    for i in range(HISTORY_TURNS + 3):
        *_, last = chat_turn(stub, f"vraag {i}", conversation)
        conversation = last[1]
    assert len(stub.calls[-1]["history"]) == HISTORY_TURNS
    assert stub.calls[-1]["history"][-1][0] == f"vraag {HISTORY_TURNS + 1}"


def test_a_fault_becomes_a_visible_note_not_an_exception():
    stub = StreamStub(pieces=("deel",), error=RuntimeError("index kapot"))
    *_, last = chat_turn(stub, "Vraag?", None)
    assert 'class="answer-error"' in last[0][-1]["content"] and "index kapot" in last[0][-1]["content"]
    assert "index kapot" in last[2]


def test_empty_question_asks_for_input_without_calling_the_assistant():
    stub = StreamStub()
    outputs = list(chat_turn(stub, "   ", None, lang="en"))
    assert outputs == [([], new_conversation(), "Please type a question first.", "")]
    assert stub.calls == []
