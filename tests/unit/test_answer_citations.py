"""The citation gate: markers are parsed, kept only when they map to a retrieved chunk, and reported otherwise."""

from __future__ import annotations

import random
import re

import pytest

from assistant.answer import answer_question
from assistant.answer.citations import (
    build_citations,
    check_markers,
    cited_sentences,
    marker_numbers,
    numbered_citations,
    renumber_markers,
)
from assistant.testing import FakeChatModel
from assistant.text import QUOTE_JOINER, quote_in_text
from tests.unit.answer_fixtures import searcher, settings

MARKER = re.compile(r"\[(\d+)\]")


def test_valid_markers_kept_invalid_removed_and_reported():
    text, used, removed = check_markers("A [1]. B [7]. C [2, 9]. D [0][3].", n_hits=3)
    assert text == "A [1]. B. C [2]. D [3]."
    assert used == [1, 2, 3]
    assert removed == [7, 9, 0]


def test_marker_variants():
    assert marker_numbers("2-4") == [2, 3, 4]
    assert marker_numbers("1, 3") == [1, 3]
    text, used, _ = check_markers("Zie [bron 2] en [Source 1; 3].", n_hits=3)
    assert text == "Zie [2] en [1][3]." and used == [2, 1, 3]


def test_text_without_markers_is_untouched():
    assert check_markers("Plain text, 2023 figures (see page 4).", 5) == ("Plain text, 2023 figures (see page 4).",
                                                                         [], [])


def test_cited_sentences_pairs_sentences_with_their_numbers():
    pairs = cited_sentences("Journalists were detained [1]. Censorship grew [2][3]. No source here.")
    assert pairs == [("Journalists were detained.", [1]), ("Censorship grew.", [2, 3]), ("No source here.", [])]


def test_quote_check_is_whitespace_and_case_insensitive_and_splits_on_joiner():
    text = "First sentence here.\nSecond   sentence there. Third one."
    assert quote_in_text("first sentence here. second sentence there.", text)
    assert quote_in_text(f"First sentence here.{QUOTE_JOINER}Third one.", text)
    assert not quote_in_text("A sentence that is not there.", text)
    assert not quote_in_text("", text)


def test_build_citations_refuses_numbers_outside_the_hits():
    hits = searcher().search("press", k=2)
    with pytest.raises(ValueError):
        build_citations([3], hits, lambda n: "x")
    citations = build_citations([2, 1, 2], hits, lambda n: "")
    assert [c.n for c in citations] == [1, 2]
    assert all(c.quote for c in citations)  # an empty quote falls back to the chunk's opening text


@pytest.mark.parametrize("seed", range(5))
def test_no_fabricated_citation_reaches_the_user_whatever_the_model_says(seed):
    rng = random.Random(seed)
    fs = searcher()
    k = settings().retrieval.k
    numbers = [rng.randint(0, 3 * k) for _ in range(6)]
    reply = " ".join(f"Press freedom was restricted in China [{n}]." for n in numbers)
    model = FakeChatModel(responses=[reply])
    answer = answer_question("Is press freedom restricted in China?", fs, settings(),
                             embedder=fs.embedder, chat_model=model)
    valid = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(answer.retrieved)))
    assert set(answer.removed_citations) == {n for n in numbers if not 1 <= n <= len(answer.retrieved)}
    if answer.refused:
        assert not valid and answer.citations == []
        return
    # renumbered in order of first appearance: [1], [2], ... and the citations list alike
    first_seen = list(dict.fromkeys(int(n) for n in MARKER.findall(answer.answer)))
    assert first_seen == list(range(1, len(valid) + 1))
    assert [c.n for c in answer.citations] == first_seen
    assert [c.chunk_id for c in answer.citations] == [answer.retrieved[n - 1].chunk_id for n in valid]


def test_renumbering_follows_first_appearance():
    assert renumber_markers("A [3]. B [1][3]. C [2, 3].", [3, 1, 2]) == "A [1]. B [2][1]. C [3][1]."
    hits = searcher().search("press", k=3)
    citations = numbered_citations([3, 1], hits, lambda n: f"quote {n}")
    assert [(c.n, c.chunk_id, c.quote) for c in citations] == [(1, hits[2].chunk_id, "quote 3"),
                                                              (2, hits[0].chunk_id, "quote 1")]
    with pytest.raises(ValueError):
        numbered_citations([4], hits, lambda n: "x")
