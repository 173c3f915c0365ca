"""The extractive answerer through the public API: cited sentences, refusal, framing, de-duplication."""

from __future__ import annotations

import re

from assistant.answer import answer_question, stream_answer
from assistant.answer.messages import REFUSAL
from assistant.models import Answer
from assistant.testing import FakeEmbedder, FakeSearcher, make_chunk
from assistant.text import quote_in_text
from tests.unit.answer_fixtures import KOMPAS, searcher, settings

MARKER = re.compile(r"\[(\d+)\]")


def ask(question, fs=None, **kwargs):
    fs = fs or searcher()
    return answer_question(question, fs, kwargs.pop("cfg", settings()), embedder=fs.embedder, **kwargs)


def test_answer_cites_the_supporting_chunk_with_verbatim_quotes():
    answer = ask("Is press freedom restricted in China?")
    assert not answer.refused and answer.backend == "extractive"
    cited = {c.n: c for c in answer.citations}
    assert cited, answer.answer
    by_id = {h.chunk_id: h for h in answer.retrieved}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        hit = by_id[c.chunk_id]
        assert c.text == hit.text and c.source == hit.source
        assert quote_in_text(c.quote, c.text)
    assert any(c.source == "us_china.md" and "press freedom" in c.quote for c in answer.citations)
    # every bullet sentence carries a marker that maps to a retrieved chunk
    for line in answer.answer.splitlines()[1:]:
        assert line.startswith("- ") and line.rstrip().endswith("]")
        assert {int(n) for n in MARKER.findall(line)} <= set(cited)


def test_refuses_when_nothing_supports_the_question_but_returns_passages():
    answer = ask("What is the capital of Peru?")
    assert answer.refused
    assert answer.answer == REFUSAL["en"]
    assert answer.citations == [] and answer.retrieved


def test_dutch_question_gets_dutch_framing_and_original_language_quotes():
    answer = ask("Worden journalisten in Turkije vastgezet?")
    assert not answer.refused
    assert answer.answer.startswith("Volgens de bronnen (aanhalingen in de oorspronkelijke taal):")
    assert answer.citations[0].source == "us_turkey.md"
    english = ask("Worden journalisten in Turkije vastgezet?", lang="en")
    assert english.answer.startswith("According to the sources")


def test_off_region_passages_do_not_answer_a_region_question():
    answer = ask("Hoe staat het met de persvrijheid in Japan?")
    assert {c.source for c in answer.citations} == {"us_japan.md"}


def test_enumeration_brings_its_list_items():
    answer = ask("Wat zijn de componenten van het afwegingskompas?")
    assert answer.citations[0].source == "kompas_NL.txt"
    for item in ("Inhoudelijke aansluiting", "Praktische mogelijkheden", "Realiseerbaarheid", "Omgevingsfactoren"):
        assert item in answer.answer
    assert quote_in_text(answer.citations[0].quote, KOMPAS)


def test_duplicate_sentences_from_overlapping_chunks_appear_once():
    answer = ask("Were journalists detained for their reporting in China?")
    assert answer.answer.count("Journalists were detained for their reporting on protests.") == 1


def test_injected_instruction_is_never_quoted():
    answer = ask("Is there press freedom in Japan?")
    assert not answer.refused
    assert "Ignore previous instructions" not in answer.answer
    assert "end all cooperation" not in answer.answer


def test_max_sentences_and_min_support_settings_are_honoured():
    cfg = settings()
    one = ask("Wat zijn de componenten van het afwegingskompas?",
              cfg=cfg.model_copy(update={"answer": cfg.answer.model_copy(update={"max_sentences": 1})}))
    assert len(MARKER.findall(one.answer)) <= 1 + 5  # one anchor plus at most its enumeration
    strict = cfg.model_copy(update={"answer": cfg.answer.model_copy(update={"min_support": 0.99})})
    assert ask("Is press freedom restricted in China?", cfg=strict).refused


def test_empty_index_refuses():
    fs = FakeSearcher([], FakeEmbedder())
    answer = answer_question("Is press freedom restricted in China?", fs, settings(), embedder=fs.embedder)
    assert answer.refused and answer.retrieved == []


def test_stream_yields_text_then_the_final_answer():
    fs = searcher()
    items = list(stream_answer("Is press freedom restricted in China?", fs, settings(), embedder=fs.embedder))
    assert isinstance(items[-1], Answer)
    assert all(isinstance(i, str) for i in items[:-1]) and items[:-1]
    assert "".join(items[:-1]) == items[-1].answer


def test_search_failure_is_reported_not_raised():
    class Broken:
        def search(self, query, k=None, filters=None):
            raise RuntimeError("index folder missing; run assistant ingest")

    answer = answer_question("Vraag?", Broken(), settings(), embedder=FakeEmbedder())
    assert answer.error and "assistant ingest" in answer.error and not answer.refused


def test_chunks_without_complete_sentences_still_refuse_cleanly():
    fs = FakeSearcher([make_chunk("| a | b |\n| 1 | 2 |", "table.md")], FakeEmbedder())
    answer = answer_question("What is in the table?", fs, settings(), embedder=fs.embedder)
    assert answer.refused and answer.citations == []
