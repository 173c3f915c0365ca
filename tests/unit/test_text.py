"""One rule for "this quote occurs in that text": the citation check, the compass validator and the evaluation
give the same verdict on tricky quotes; accent folding is one function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from assistant.compass.definition import load_definition
from assistant.compass.recommendation import recommend
from assistant.compass.rules import Context, check_item
from assistant.compass.schema import Assessment, Evidence
from assistant.evaluation.metrics import contains_evidence, holds_evidence_fact
from assistant.evaluation.questions import Question
from assistant.index.bm25 import words
from assistant.regions import region_of
from assistant.settings import Settings
from assistant.testing import FakeEmbedder, FakeSearcher, make_chunk
from assistant.text import QUOTE_JOINER, fold, normalise_for_match, quote_in_text

# (quote, the text it is checked against, verdict)
TRICKY = [
    ('the minister said "no change"', "The minister said \u201cno change\u201d in 2024.", True),
    ("the minister\u2019s plan", "The minister's plan was adopted.", True),
    ("financial support for firms", "\ufb01nancial support for \ufb01rms", True),
    ("cooperation with Bavaria", "coop\u00aderation with Bavaria", True),
    ("Noord-Brabant province", "Noord-Brabant\u00a0province", True),
    ("human rights abuses", "human\nrights   abuses were reported", True),
    ("innovation agenda", "the innova-\ntion agenda", True),
    ("onderzoeks- en innovatieagenda", "onderzoeks-\nen innovatieagenda", True),
    ("periods 2020-2023", "periods 2020\u20132023", True),
    ("a strong partner", "a **strong** partner", True),
    ("NOORD-BRABANT AND BAVARIA", "noord-brabant and bavaria", True),
    ("België en Duitsland", "Belgie\u0308 en Duitsland", True),  # decomposed accent, same spelling
    ("Sao Paulo state", "S\u00e3o Paulo state", False),  # accents are spelling, not typography
    ("een partner", "\u00e9\u00e9n partner", False),
    (f"First sentence here.{QUOTE_JOINER}Third one.", "First sentence here. Second. Third one.", True),
    ("signed a memorandum on nuclear fusion", "signed a memorandum of understanding", False),
    ("   ", "anything", False),
]


@dataclass
class Hit:
    chunk_id: str
    source: str
    text: str


DEFINITION = load_definition(Settings())


def validator_accepts(quote: str, text: str) -> bool:
    """The validator's ``citaat_in_bron`` check on one evidence item citing a chunk with ``text``."""
    chunk = make_chunk(text, "report.md", 0, regions=["germany"], kind="analysis", date="2025")
    evidence = Evidence(chunk_id=chunk.chunk_id, source=chunk.source, page=chunk.page, quote=quote, date=chunk.date)
    assessment = Assessment(region="germany", region_name="Duitsland", compass_version=DEFINITION.version,
                            backend="evidence", criteria=[],
                            recommendation=recommend({}, None, DEFINITION.recommendation))
    ctx = Context(assessment=assessment, definition=DEFINITION, lookup=FakeSearcher([chunk]), data=None,
                  max_age_years=3, today=date(2026, 6, 1))
    item = check_item(evidence, "inhoudelijke_aansluiting", ctx)
    return not any(f.rule == "citaat_in_bron" for f in item.problems)


def evaluation_accepts(quote: str, text: str) -> bool:
    """The evaluation's evidence check: a retrieved chunk of a listed source holding the evidence passage."""
    item = Question(id="q", question="?", lang="en", answerable=True, sources=["report.md"], pages=[],
                    evidence=[quote], facts=["zzz"], region="", criterion="")
    hit = Hit("c1", "report.md", text)
    found = contains_evidence(item, hit)
    assert holds_evidence_fact(item, text) == found
    return found


@pytest.mark.parametrize(("quote", "text", "expected"), TRICKY)
def test_citations_validator_and_evaluation_agree(quote, text, expected):
    assert quote_in_text(quote, text) is expected  # the citation check of the answer stage
    assert validator_accepts(quote, text) is expected
    assert evaluation_accepts(quote, text) is expected


def test_the_comparison_form():
    assert normalise_for_match("\u201cFreedom\u201d  of\nthe PRESS \u2013 ill-\ntreatment") == \
        normalise_for_match('"freedom" of the press - illtreatment')
    assert normalise_for_match("\ufb01ne") == "fine"
    assert normalise_for_match("S\u00e3o") != normalise_for_match("Sao")


def test_fold_is_one_function_for_regions_bm25_and_the_fake_embedder():
    assert fold("Belgi\u00eb") == "belgie" == fold("BELGIE") == fold("Belgie\u0308")
    assert fold("Stra\u00dfe") == "strasse"
    assert region_of("Belgi\u00eb").slug == region_of("belgie").slug == "belgium"
    assert words("Belgi\u00eb \u00c6r\u00f8 CURA\u00c7AO") == ["belgie", "\u00e6r\u00f8", "curacao"]
    embedder = FakeEmbedder()
    assert (embedder.embed_query("Belgi\u00eb") == embedder.embed_query("belgie")).all()
