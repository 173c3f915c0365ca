"""The Dutch -> English query glossary: data file, matching rules, and that the English terms find the right
passages of the real English reports (read from ../shared/corpus/docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assistant.retrieve.glossary import (
    Entry,
    Glossary,
    default_glossary,
    expand_query,
    lemma_candidates,
    load_glossary,
    read_entries,
    translate_terms,
)
from assistant.text import fold

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
#: The English reports live in the shared corpus (this repository carries only the Dutch government documents).
SHARED_DOCS = (REPO / ".." / "shared" / "corpus" / "docs").resolve()
#: Domains whose English terms should come from the human-rights reports in the corpus.
REPORT_DOMAINS = {"human_rights", "labour", "justice", "politics"}
MIN_CONTENT_ENTRIES = 300
MIN_REPORT_GROUNDING = 0.9


def _english_corpus_text() -> str:
    manifest = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))
    return " ".join(fold(((CORPUS / name) if (CORPUS / name).is_file() else SHARED_DOCS / name).read_text(
        encoding="utf-8")) for name, meta in manifest.items() if meta["language"] == "en")


# --- the data file -----------------------------------------------------------------------------------------------

def test_bundled_file_has_enough_domain_entries_and_stop_words():
    entries = read_entries()
    content = [e for e in entries if not e.is_stop]
    assert len(content) >= MIN_CONTENT_ENTRIES
    assert all(e.english for e in content)
    assert {"hoe", "welke", "wat"} <= {e.dutch for e in entries if e.is_stop}


def test_report_vocabulary_is_taken_from_the_english_reports():
    """Human-rights terms must be what the reports actually say, or BM25 cannot match them."""
    text = _english_corpus_text()
    entries = [e for e in read_entries() if e.domain in REPORT_DOMAINS]
    grounded = [e for e in entries if any(fold(term) in text for term in e.english)]
    assert len(grounded) / len(entries) >= MIN_REPORT_GROUNDING, \
        sorted(e.dutch for e in entries if e not in grounded)


def test_duplicate_keys_are_rejected():
    with pytest.raises(ValueError, match="duplicates"):
        Glossary([Entry("Persvrijheid", ("press freedom",), "human_rights"),
                  Entry("persvrijheid", ("media freedom",), "human_rights")])


def test_malformed_lines_are_reported_with_their_line_number(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("dutch\tenglish\tdomain\nmarteling\ttorture\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_entries(bad)
    missing = tmp_path / "m.tsv"
    missing.write_text("# comment\ndutch\tenglish\tdomain\nmarteling\t\thuman_rights\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no English term"):
        read_entries(missing)


def test_a_custom_file_loads_without_region_names(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("dutch\tenglish\tdomain\nwaterstof\thydrogen\tenergy\nhoe\t\tstop\n", encoding="utf-8")
    glossary = load_glossary(path, include_regions=False)
    assert len(glossary) == 2
    assert glossary.translate_terms("Hoe zit het met waterstof in Duitsland?") == ["hydrogen"]


# --- matching ----------------------------------------------------------------------------------------------------

def test_press_freedom_question():
    terms = translate_terms("Hoe staat het met de persvrijheid in China?")
    assert "press freedom" in terms and "freedom of the press" in terms
    assert "state" not in " ".join(terms).split()  # "hoe staat het met" is question framing, dropped


def test_torture_question():
    assert "torture" in expand_query("Zijn er meldingen van marteling in Vietnam?").split()


def test_longest_phrase_wins_over_its_words():
    terms = translate_terms("Hoe staat het met de vrijheid van meningsuiting?")
    assert terms[:2] == ["freedom of expression", "freedom of speech"]
    assert "liberty" not in terms  # the single word "vrijheid" was not matched separately
    assert translate_terms("willekeurige detentie") == ["arbitrary detention", "arbitrary arrest"]


@pytest.mark.parametrize("query, expected", [
    ("vakbonden", "trade unions"),                       # plural -en
    ("sancties tegen Rusland", "sanctions"),              # plural -s
    ("minderheden", "minorities"),                        # -heden -> -heid
    ("kinderen", "children"),                             # -eren
    ("willekeurige arrestaties", "arbitrary arrest"),     # adjective -e + plural -s
    ("politieke gevangenen", "political prisoners"),      # nominalised adjective plural
    ("Welke wetten gelden er?", "laws"),                  # doubled consonant: wetten -> wet
    ("buitenlandse bedrijven", "companies"),              # v -> f: bedrijven -> bedrijf
    ("gedetineerden", "detainees"),
    ("Worden journalisten gearresteerd?", "arrest"),      # participle through the stemmer
    ("Worden minderheden gediscrimineerd?", "discrimination"),
])
def test_inflected_forms(query, expected):
    assert expected in translate_terms(query)


def test_accents_and_case_do_not_matter():
    assert translate_terms("PERSVRIJHEID") == translate_terms("persvrijheid")
    assert "integrated photonics" in translate_terms("Geïntegreerde Fotonica")
    assert translate_terms("geintegreerde fotonica") == translate_terms("geïntegreerde fotonica")
    assert "subsidies" in translate_terms("Subsidieren de provincies?")


def test_compounds_are_split_into_glossary_words():
    terms = translate_terms("persvrijheidsbeperkingen in Turkije")  # persvrijheid + s + beperking(en)
    assert "press freedom" in terms and "restrictions" in terms
    assert translate_terms("vluchtelingenkampen") == ["refugees", "camps"]
    assert {"agriculture", "exports"} <= set(translate_terms("landbouwexport"))
    assert translate_terms("waterstof") == ["hydrogen"]  # a known word is not split (water + stof)
    assert translate_terms("fietsenstalling") == []  # no glossary parts: nothing invented
    assert [e.dutch for e in default_glossary().split_compound("overheidsfinanciering")] == \
        ["overheid", "financiering"]


def test_question_words_and_english_text_give_nothing():
    assert expand_query("Hoe zit het met de situatie daar?") == "situation"
    assert expand_query("Wat is er aan de hand?") == ""
    assert expand_query("human rights in China") == ""
    assert expand_query("") == ""


def test_stop_word_is_not_mistaken_for_a_stemmed_content_word():
    # "minder" (less) and "minderheid" (minority) share a Snowball stem; the exact word wins.
    assert translate_terms("Is er minder corruptie?") == ["corruption"]


def test_region_names_are_translated():
    assert "Germany" in translate_terms("Hoe is de persvrijheid in Duitsland?")
    assert "South Korea" in translate_terms("kinderarbeid in Zuid-Korea")
    assert "United States" in translate_terms("Verenigde Staten")


def test_terms_are_unique_and_in_query_order():
    terms = translate_terms("marteling en foltering en waterstof")
    assert terms == ["torture", "cruel, inhuman, or degrading treatment", "hydrogen"]


def test_lemma_candidates():
    assert "wet" in lemma_candidates("wetten")
    assert "bedrijf" in lemma_candidates("bedrijven")
    assert "zaak" in lemma_candidates("zaken")
    assert "kind" in lemma_candidates("kinderen")
    assert "minderheid" in lemma_candidates("minderheden")
    assert "wetten" not in lemma_candidates("wetten")


def test_all_bundled_entries_are_found_by_their_own_key():
    glossary = default_glossary()
    for entry in glossary.entries:
        if entry.is_stop:
            continue
        found = [m.entry for m in glossary.matches(entry.dutch)]
        assert found == [entry], (entry.dutch, [e.dutch for e in found])


# --- the point of it: Dutch questions find the right English passages with BM25 -------------------------------------

STATE_DEPT_REPORTS = sorted(SHARED_DOCS.glob("us_state_dept_2024_country_report_human_rights_*.md"))
#: (Dutch question, heading of the State Department report section that answers it)
SECTION_QUESTIONS = [
    ("Hoe staat het met de persvrijheid?", "Freedom of the Press"),
    ("Zijn er meldingen van marteling?", "Torture"),
    ("Zijn vakbonden toegestaan en is er een minimumloon?", "Worker Rights"),
    ("Hoe worden vluchtelingen en asielzoekers beschermd?", "Protection to Refugees"),
    ("Is er sprake van mensenhandel?", "Trafficking in Persons"),
    ("Hoe staat het met de godsdienstvrijheid?", "Religious Freedom"),
    ("Gedwongen sterilisatie en abortus", "Population Control"),
    ("Komen kindhuwelijken voor?", "Protection of Children"),
    ("Worden mensen ontvoerd of gedwongen verdwenen?", "Disappearance and Abduction"),
    ("transnationale repressie tegen dissidenten in het buitenland", "Transnational Repression"),
    ("buitengerechtelijke executies", "Extrajudicial Killings"),
    ("genocide op de Oeigoeren", "Genocide"),
]
MIN_SECTION_ACCURACY = 0.9
MAX_DUTCH_ONLY_ACCURACY = 0.2


def _section_ranker(path: Path):
    """BM25 (bm25s, English stemming) over the report's sections; returns query -> top heading (None: no hit).
    Chunks carry their section heading, as the ingest pipeline's chunks do, so heading + body is indexed."""
    import bm25s
    import Stemmer

    sections = []
    for block in re.split(r"(?m)^#### ", path.read_text(encoding="utf-8"))[1:]:
        heading, _, body = block.partition("\n")
        sections.append((heading.strip(), f"{heading}\n{body}"))
    stemmer = Stemmer.Stemmer("english")

    def tokens(texts):
        return bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)

    index = bm25s.BM25()
    index.index(tokens([text for _, text in sections]), show_progress=False)

    def top_heading(query: str) -> str | None:
        results, scores = index.retrieve(tokens([query]), k=1, show_progress=False)
        return sections[results[0][0]][0] if scores[0][0] > 0 else None

    return top_heading, [heading for heading, _ in sections]


@pytest.fixture(scope="module")
def china_ranker():
    return _section_ranker(SHARED_DOCS / "us_state_dept_2024_country_report_human_rights_china.md")[0]


@pytest.mark.parametrize("question, heading", SECTION_QUESTIONS)
def test_dutch_question_finds_the_right_section_of_an_english_report(china_ranker, question, heading):
    assert heading in (china_ranker(expand_query(question)) or "")


def test_expansion_finds_the_right_section_across_all_state_department_reports():
    asked = expanded_right = dutch_right = 0
    for path in STATE_DEPT_REPORTS:
        top_heading, headings = _section_ranker(path)
        for question, heading in SECTION_QUESTIONS:
            if not any(heading in h for h in headings):
                continue
            asked += 1
            expanded_right += heading in (top_heading(expand_query(question)) or "")
            dutch_right += heading in (top_heading(question) or "")
    assert len(STATE_DEPT_REPORTS) == 17 and asked > 150
    assert expanded_right / asked >= MIN_SECTION_ACCURACY, (expanded_right, asked)
    assert dutch_right / asked <= MAX_DUTCH_ONLY_ACCURACY, (dutch_right, asked)  # the glossary is what does it
