"""The extractive answerer on the real shared documents (USE-m index from tests/integration/conftest.py): Dutch and
English questions must cite the right file (and the right PDF page for the Amnesty 2013 report), and questions
about things the documents do not cover must be refused."""

from __future__ import annotations

import re
import time

import pytest

from assistant.answer import answer_question, stream_answer
from assistant.models import Answer
from assistant.text import quote_in_text

pytestmark = pytest.mark.integration

AMNESTY = "amnesty_international_report_2013_state_of_the_worlds_human_rights.pdf"
KOMPAS = "brabant_aanpak_internationalisering_afwegingskompas_NL.txt"
CHINA = "us_state_dept_2024_country_report_human_rights_china.md"
TURKEY = "us_state_dept_2024_country_report_human_rights_turkey.md"
MARKER = re.compile(r"\[(\d+)\]")
#: Seconds one warm extractive answer may take (retrieval + sentence embedding) on a 2-core CI machine.
MAX_ANSWER_SECONDS = 15

# (question, expected source, PDF page range or None, a word the answer must contain)
ANSWERABLE = [
    ("Wat zijn de vier componenten van het afwegingskompas?", KOMPAS, None, "omgevingsfactoren"),
    ("Hoe staat het met de persvrijheid in China?", CHINA, None, "journalist"),
    ("Worden journalisten in Turkije gevangengezet?", TURKEY, None, "journalist"),
    ("Is there forced labor in Xinjiang?", CHINA, None, "forced labor"),
    ("What did Amnesty International report about bloggers imprisoned in Viet Nam?", AMNESTY, (307, 308), "blogger"),
    ("Wat meldde Amnesty International over de doodstraf in Singapore?", AMNESTY, (245, 246), "death penalty"),
]

UNANSWERABLE = [
    ("Wat is het recept voor stroopwafels?", "nl"),
    ("What is the capital of Peru?", "en"),
    ("Hoeveel kost een treinkaartje van Eindhoven naar Amsterdam?", "nl"),
    ("Wat is de economische groei van Vietnam in 2024?", "nl"),
]


def source_name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def check_citations(answer: Answer) -> None:
    """Markers [1], [2], ... in order of first appearance, each a citation of a retrieved chunk, quoted verbatim."""
    first_seen = list(dict.fromkeys(int(n) for n in MARKER.findall(answer.answer)))
    assert first_seen == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert answer.removed_citations == []
    retrieved = {h.chunk_id: h for h in answer.retrieved}
    for c in answer.citations:
        hit = retrieved[c.chunk_id]
        assert c.text == hit.text
        assert quote_in_text(c.quote, c.text), (c.quote, c.text)


@pytest.mark.parametrize("question, source, pages, word", ANSWERABLE, ids=[q[0][:40] for q in ANSWERABLE])
def test_answer_cites_the_right_document(real_assistant, question, source, pages, word):
    a = real_assistant
    answer = answer_question(question, a.retriever, a.settings, embedder=a.embedder)
    assert not answer.refused, f"refused: {question}"
    assert answer.error is None
    check_citations(answer)
    cited = [c for c in answer.citations if source_name(c.source) == source]
    assert cited, f"{question}: cited {[(c.source, c.page) for c in answer.citations]}, expected {source}"
    if pages:
        assert any(c.page is not None and pages[0] <= c.page <= pages[1] for c in cited), \
            f"{question}: pages {[c.page for c in cited]}, expected {pages}"
    assert word.lower() in answer.answer.lower()
    # an answer, not a dump: a framing line plus a few cited lines, every line but the first cited
    lines = answer.answer.splitlines()
    assert 2 <= len(lines) <= 1 + a.settings.answer.max_sentences
    assert all(MARKER.search(line) for line in lines[1:])
    if question.startswith(("Wat", "Hoe", "Worden")):
        assert lines[0].startswith("Volgens de bronnen")
    else:
        assert lines[0].startswith("According to the sources")


@pytest.mark.parametrize("question, lang", UNANSWERABLE, ids=[q[0][:40] for q in UNANSWERABLE])
def test_questions_outside_the_documents_are_refused(real_assistant, question, lang):
    a = real_assistant
    answer = answer_question(question, a.retriever, a.settings, embedder=a.embedder)
    assert answer.refused, f"answered instead of refusing: {answer.answer}"
    assert answer.answer == ("Niet gevonden in de bronnen." if lang == "nl" else "Not found in the sources.")
    assert answer.citations == [] and answer.retrieved and answer.refusal_reason
    retrieved = {h.chunk_id: h for h in answer.retrieved}  # the closest passages, quoted from retrieved chunks
    assert answer.closest and all(quote_in_text(c.quote, retrieved[c.chunk_id].text) for c in answer.closest)


def test_compass_question_quotes_the_policy_letter_numbered_from_one(real_assistant):
    """The province's compass, not a country report on human rights; citations [1], [2], ..."""
    a = real_assistant
    answer = answer_question("Wat zegt het afwegingskompas over mensenrechten?", a.retriever, a.settings,
                             embedder=a.embedder)
    assert not answer.refused
    check_citations(answer)
    assert {source_name(c.source) for c in answer.citations} == {KOMPAS}
    assert "mensenrechten" in answer.answer


def test_chips_act_question_about_brainport_is_answered_from_the_tracker_note(real_assistant):
    a = real_assistant
    answer = answer_question("Wat betekent de Chips Act 2.0 voor Brainport Eindhoven?", a.retriever, a.settings,
                             embedder=a.embedder)
    assert not answer.refused, answer.refusal_reason
    check_citations(answer)
    assert "Brainport" in answer.answer
    assert all(source_name(c.source).startswith("eu_chips_act_2_0") for c in answer.citations)


@pytest.mark.parametrize("question, fact", [
    ("Hoeveel journalisten zijn in India aangevallen volgens Human Rights Watch?", "34 journalists"),
    ("Hoe lang mag een verdachte in Japan worden vastgehouden voordat er een aanklacht is?", "23 days"),
    ("Welke vier onderdelen beoordeelt de provincie als ze een land overweegt voor internationale samenwerking?",
     "omgevingsfactoren"),
])
def test_the_first_quoted_line_states_the_asked_for_fact(real_assistant, question, fact):
    a = real_assistant
    answer = answer_question(question, a.retriever, a.settings, embedder=a.embedder)
    assert not answer.refused, answer.refusal_reason
    assert fact in answer.answer.splitlines()[1], answer.answer


def test_follow_up_keeps_the_region(real_assistant):
    a = real_assistant
    history = [("Hoe staat het met de mensenrechten in Turkije?", "")]
    answer = answer_question("En hoe zit het met persvrijheid?", a.retriever, a.settings, embedder=a.embedder,
                             history=history)
    assert not answer.refused
    assert answer.retrieved and all("turkey" in h.regions for h in answer.retrieved)
    assert any(source_name(c.source) in (TURKEY, AMNESTY) for c in answer.citations)


def test_streaming_and_warm_latency(real_assistant):
    a = real_assistant
    question = "Worden journalisten in Turkije gevangengezet?"
    answer_question(question, a.retriever, a.settings, embedder=a.embedder)  # warm: models loaded, caches filled
    start = time.perf_counter()
    items = list(stream_answer("Hoe staat het met de vrijheid van meningsuiting in Turkije?", a.retriever,
                               a.settings, embedder=a.embedder))
    elapsed = time.perf_counter() - start
    assert isinstance(items[-1], Answer) and "".join(items[:-1]) == items[-1].answer
    assert elapsed < MAX_ANSWER_SECONDS, f"one answer took {elapsed:.1f} s"
