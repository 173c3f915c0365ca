"""The answerability decision and the asked-for fact: question profiles, answer kinds in sentences, the subject
checks per chunk, and the refusal reasons end to end (fake embedder, small in-memory corpus)."""

from __future__ import annotations

import re

import pytest

from assistant.answer import answer_question
from assistant.answer.question import (DATE, DURATION, MONEY, NAME, OPEN, PERSON, PLACE, QUANTITY, SHARE, YESNO,
                                       has_answer, profile)
from assistant.answer.scoring import question_concepts
from assistant.answer.subject import chunk_context, corpus_stats, name_runs, regions_found, run_found, years_found
from assistant.models import SearchHit
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, FakeSearcher, make_chunk
from assistant.text import quote_in_text

MARKER = re.compile(r"\[(\d+)\]")

KOMPAS = ("Er zijn een viertal componenten die we beoordelen. Allereerst wordt gekeken naar een inhoudelijke "
          "aansluiting op onze innovatiethema's. Daarnaast wordt er gekeken naar realiseerbaarheid en de kans op "
          "een goede samenwerking. Ten slotte wordt er gekeken naar omgevingsfactoren zoals geopolitieke "
          "ontwikkelingen en maatschappelijke kwesties zoals mensenrechten.")
CORPUS = [
    make_chunk("Authorities detained 34 journalists during the year, according to Human Rights Watch. "
               "Human rights groups reported that press freedom declined further.", "us_india.md",
               regions=["india"], title="2024 Country Reports on Human Rights Practices: India",
               publisher="U.S. Department of State"),
    make_chunk("The human rights record of the country was assessed under the periodic review. The policy "
               "framework on human rights defenders was at an advanced stage.", "amnesty.pdf", 1,
               regions=["africa"], title="Amnesty International Report 2013"),
    make_chunk(KOMPAS, "kompas_NL.txt", language="nl", regions=["noord-brabant", "netherlands"],
               title="Aanpak internationalisering (afwegingskompas)"),
    make_chunk("Japan has a free and lively press with many newspapers. The law provides for freedom of "
               "expression for members of the press.", "us_japan.md", regions=["japan"],
               title="2024 Country Reports on Human Rights Practices: Japan", publisher="U.S. Department of State"),
    make_chunk("The minimum wage varied by prefecture and was above the poverty line. Pretrial detention was "
               "allowed for up to 23 days before indictment.", "us_japan.md", 1, regions=["japan"],
               title="2024 Country Reports on Human Rights Practices: Japan", publisher="U.S. Department of State"),
    make_chunk("Transparency International ranked Malaysia low on its corruption index during the year.",
               "us_malaysia.md", regions=["malaysia"], title="2024 Country Reports on Human Rights Practices: Malaysia",
               publisher="U.S. Department of State"),
]


def ask(question: str, k: int = 4, **settings_update):
    fs = FakeSearcher(CORPUS, FakeEmbedder(), k=k)
    settings = Settings(embedder=FAKE_EMBEDDER, llm="extractive")
    if settings_update:
        settings = settings.model_copy(update={"answer": settings.answer.model_copy(update=settings_update)})
    return answer_question(question, fs, settings, embedder=fs.embedder)


# ---- what a question asks for -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "kind"), [
    ("Hoeveel journalisten zijn in India aangevallen?", QUANTITY),
    ("How much compensation can victims receive without going to court?", MONEY),
    ("Hoeveel bedraagt het maandelijkse minimumloon in Maleisië?", MONEY),
    ("What share of Mexican workers work in the informal sector?", SHARE),
    ("Hoe hoog was de werkloosheid in Taiwan in 2024?", SHARE),
    ("Op welke datum ondertekenden de ministers de verklaring?", DATE),
    ("Hoe lang mag de politie iemand vasthouden?", DURATION),
    ("Which organisations does the province talk to when it selects countries?", NAME),
    ("Welke Nederlandse minister heeft de non-paper ondertekend?", PERSON),
    ("In which southern provinces of Thailand were civilians at risk?", PLACE),
    ("Zijn onafhankelijke vakbonden toegestaan in de Verenigde Arabische Emiraten?", YESNO),
    ("Wat valt er onder de component realiseerbaarheid van het kompas?", OPEN),
])
def test_question_kind(question, kind):
    assert profile(question).kind == kind


def test_question_years_units_counts_forecasts_and_vagueness():
    p = profile("Hoeveel megaton CO2 stootte Nederland in 1990 uit?")
    assert p.years == {"1990"} and p.unit == "megaton"
    assert profile("Welke vier onderdelen beoordeelt de provincie?").count == "4"
    assert profile("Zal de persvrijheid in Turkije in 2026 verbeteren?").forecast
    assert profile("Will Japan abolish the death penalty before 2030?").forecast
    assert not profile("How much compensation can victims receive without going to court?").forecast
    assert not profile("For which product groups will the Netherlands start with a mandatory share?").forecast
    for vague in ("Hoe zit het daar met de mensenrechten?", "Is that allowed?", "Hoeveel zijn het er nu precies?",
                  "When did it happen?"):
        assert profile(vague).vague, vague
    assert not profile("Wat is persvrijheid?").vague
    assert not profile("Hoe zit het met de persvrijheid in China?").vague


def test_sentence_holds_an_answer_of_the_asked_kind():
    many = profile("Hoeveel journalisten zijn in 2023 in India aangevallen?")
    assert has_answer("HRW reported at least 34 journalists were attacked.", many)
    assert not has_answer("Journalists were attacked in 2023.", many)  # the question's own year is no answer
    assert not has_answer("On January 25, the court ruled on Article 26 of the law.", many)  # date, reference
    assert not has_answer("6. Het afwegingskompas geeft de aspecten weer.", many)  # an enumerator
    megaton = profile("Hoeveel megaton CO2 stootte Nederland in 1990 uit?")
    assert not has_answer("We willen de uitstoot met 55% terugdringen ten opzichte van 1990.", megaton)
    assert has_answer("De uitstoot bedroeg 220 megaton.", megaton)
    money = profile("How much money does the cabinet reserve for the covenant?")
    assert has_answer("Victims receive 15 million yen ($98,800).", money)
    assert not has_answer("The minimum wage was above the poverty line.", money)
    when = profile("Wanneer bespreken Provinciale Staten het afwegingskompas?")
    assert has_answer("Over het afwegingskompas vindt begin 2024 een themabijeenkomst plaats.", when)
    place = profile("Welke regio's hebben het label al gekregen?")
    assert not has_answer("The Commission shall assess the Network's Article 26 applications.", place)
    assert has_answer("Civilians were at risk in Narathiwat, Pattani and Yala.", place)
    person = profile("Welke minister heeft de brief ondertekend?")
    assert has_answer("Hoogachtend, mr. I.R. Adema", person) and not has_answer("The Hague signed it.", person)


# ---- is a chunk about the question's subject --------------------------------------------------------------------

def _hit(chunk) -> SearchHit:
    return SearchHit(score=1.0, **chunk.model_dump(include={"chunk_id", "source", "title", "page", "section", "text",
                                                             "kind", "language", "regions", "date", "publisher"}))


def test_regions_names_and_years_per_chunk():
    india, _, kompas, japan, _, malaysia = (chunk_context(_hit(c)) for c in CORPUS)
    assert regions_found(["india"], india) and not regions_found(["japan"], india)
    # the publisher's country counts only beside a region the chunk is about
    assert regions_found(["japan", "united-states"], japan) and not regions_found(["united-states"], japan)
    assert years_found({"2024", "2023"}, japan) and not years_found({"2019"}, japan)  # report year and the one before
    assert regions_found(["noord-brabant"], kompas)
    stats = corpus_stats(None, [_hit(c) for c in CORPUS])
    question = "Hoeveel journalisten zijn in India aangevallen volgens Human Rights Watch?"
    runs = name_runs(question, question_concepts(question))
    assert [r.words for r in runs] == [("human", "rights", "watch")] and runs[0].acronym == "hrw"
    assert run_found(runs[0], india, stats) and not run_found(runs[0], japan, stats)
    other = "What does Transparency International say about India?"
    transparency = name_runs(other, question_concepts(other))[0]
    assert not run_found(transparency, india, stats)  # "International" alone (a common word) is not the name
    assert run_found(transparency, malaysia, stats)


def test_a_name_inside_a_hyphenated_word_is_known():
    from assistant.answer.subject import unknown_runs

    hits = [_hit(make_chunk("De CO2-uitstoot daalt met 55 procent.", "brief.md", language="nl"))]
    question = "How much national CO2 reduction did the study expect?"
    runs = name_runs(question, question_concepts(question))
    assert unknown_runs(runs, corpus_stats(None, hits)) == []


def test_phrase_matches_only_where_its_words_stand_together():
    concept = next(c for c in question_concepts("Wat zegt het afwegingskompas over mensenrechten?")
                   if any(len(alt) == 2 for alt in c.alternatives))  # "assessment framework" / "assessment compass"
    scattered = chunk_context(_hit(CORPUS[1]))  # "... assessed under ... policy framework ..."
    assert not concept.found_in(scattered.terms)
    assert concept.found_in(chunk_context(_hit(CORPUS[2])).terms)  # the Dutch word itself


# ---- the decision, end to end -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "reason"), [
    ("Hoe zit het daar met de mensenrechten?", "vague"),
    ("What does the Kuki Inpi council say about journalists in India?", "unknown_name"),
    ("Is press freedom restricted in Mexico?", "off_subject"),
    ("When did Japan restrict the freedom of the press?", "no_typed_answer"),
    ("Will press freedom in Japan improve?", "forecast"),
])
def test_refusal_reasons(question, reason):
    answer = ask(question)
    assert answer.refused, answer.answer
    assert answer.refusal_reason.split(":")[0] == reason
    assert answer.citations == []
    # the closest passages come along, numbered, each quoting a sentence of a retrieved chunk
    assert answer.closest and [c.n for c in answer.closest] == list(range(1, len(answer.closest) + 1))
    retrieved = {h.chunk_id: h for h in answer.retrieved}
    assert all(c.chunk_id in retrieved and quote_in_text(c.quote, retrieved[c.chunk_id].text)
               for c in answer.closest)


def test_number_question_is_answered_with_the_sentence_that_holds_the_number():
    answer = ask("Hoeveel journalisten zijn in India aangevallen volgens Human Rights Watch?")
    assert not answer.refused and answer.refusal_reason is None and answer.closest == []
    assert "34 journalists" in answer.answer.splitlines()[1]  # the first quoted line states the number
    assert {c.source for c in answer.citations} == {"us_india.md"}


def test_duration_question_quotes_the_duration():
    answer = ask("Hoe lang mag een verdachte in Japan worden vastgehouden?")
    assert not answer.refused
    assert "23 days" in answer.answer.splitlines()[1]


def test_quotes_come_from_the_chunk_about_the_subject_and_are_numbered_from_one():
    answer = ask("Wat zegt het afwegingskompas over mensenrechten?", k=5)
    assert not answer.refused
    assert {c.source for c in answer.citations} == {"kompas_NL.txt"}  # not the country report on human rights
    first_seen = list(dict.fromkeys(int(n) for n in MARKER.findall(answer.answer)))
    assert first_seen == [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


def test_announced_enumeration_of_the_asked_count_comes_first_with_its_items():
    answer = ask("Welke vier onderdelen beoordeelt de provincie?")
    first_line = answer.answer.splitlines()[1]
    for item in ("inhoudelijke aansluiting", "realiseerbaarheid", "omgevingsfactoren"):
        assert item in first_line


def test_thresholds_are_settings():
    assert not ask("Hoe lang mag een verdachte in Japan worden vastgehouden?").refused
    strict = ask("Hoe lang mag een verdachte in Japan worden vastgehouden?", min_support=0.99)
    assert strict.refused and strict.refusal_reason == "low_support"
