"""Citation markers: parse ``[n]`` from any backend's text, keep only those that point at a retrieved chunk, and
build the :class:`~assistant.models.Citation` objects (quote = the supporting sentence(s), text = the chunk).

This is the single gate every answer passes: a marker that does not map to a retrieved chunk is removed from the
text and reported in ``Answer.removed_citations``; no fabricated citation reaches the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.models import Citation, SearchHit
from assistant.text import QUOTE_JOINER
#: A range marker such as [2-4] spanning more numbers than this is read as two plain numbers, not a range.
MAX_RANGE = 20

# [1], [1, 2], [1;3], [1-2] (a range), [bron 2], [Source 2], [passage 3]; consecutive markers [1][2] each match.
_MARKER = re.compile(
    r"\[\s*(?:(?:bron|bronnen|source|sources|passage|passages|doc(?:ument)?)\s*)?"
    r"(\d{1,3}(?:\s*(?:[,;]|-|–|and|en)\s*\d{1,3})*)\s*\]",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d{1,3}")
_RANGE = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*$")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")
_MULTISPACE = re.compile(r"[ \t]{2,}")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)(?:\s*(?:\[[^\]]*\]))*", re.MULTILINE)


def marker_numbers(inner: str) -> list[int]:
    """Numbers inside one marker's brackets (``"1, 3"`` -> [1, 3]; ``"2-4"`` -> [2, 3, 4])."""
    ranged = _RANGE.match(inner)
    if ranged:
        a, b = int(ranged.group(1)), int(ranged.group(2))
        if a <= b and b - a < MAX_RANGE:
            return list(range(a, b + 1))
    return [int(n) for n in _NUMBER.findall(inner)]


def format_marker(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def check_markers(text: str, n_hits: int) -> tuple[str, list[int], list[int]]:
    """Rewrite the markers of ``text`` keeping only numbers 1..n_hits.

    Returns (clean text, valid numbers in order of first use, removed numbers in order of first use).
    """
    used: list[int] = []
    removed: list[int] = []

    def repl(match: re.Match[str]) -> str:
        keep = []
        for n in marker_numbers(match.group(1)):
            if 1 <= n <= n_hits:
                if n not in keep:
                    keep.append(n)
                if n not in used:
                    used.append(n)
            elif n not in removed:
                removed.append(n)
        return format_marker(keep)

    clean = _MARKER.sub(repl, text)
    clean = _MULTISPACE.sub(" ", _SPACE_BEFORE_PUNCT.sub(r"\1", clean))
    return "\n".join(line.rstrip() for line in clean.splitlines()).strip(), used, removed


def cited_sentences(text: str) -> list[tuple[str, list[int]]]:
    """(sentence without markers, the numbers cited in it) for each sentence of an answer."""
    out = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        numbers = [n for m in _MARKER.finditer(sentence) for n in marker_numbers(m.group(1))]
        plain = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(_MARKER.sub("", sentence).split()))
        if plain:
            out.append((plain, numbers))
    return out


def make_citation(n: int, hit: SearchHit, quote: str) -> Citation:
    return Citation(n=n, chunk_id=hit.chunk_id, source=hit.source, title=hit.title, page=hit.page,
                    section=hit.section, quote=quote, text=hit.text)


def join_quote(pieces: Sequence[str]) -> str:
    """One quote from several sentences of the same chunk (in document order)."""
    seen: list[str] = []
    for piece in pieces:
        piece = " ".join(piece.split())
        if piece and piece not in seen:
            seen.append(piece)
    return QUOTE_JOINER.join(seen)


def renumber_markers(text: str, order: Sequence[int]) -> str:
    """Rewrite the ``[n]`` markers of ``text`` so the chunk first cited becomes [1], the next new one [2], ...
    ``order`` lists the chunk numbers (1-based into the hits) in order of first appearance (``check_markers``
    returns it); numbers outside it are left as they are."""
    new = {old: i for i, old in enumerate(order, start=1)}

    def repl(match: re.Match[str]) -> str:
        numbers = [new.get(n, n) for n in marker_numbers(match.group(1))]
        return format_marker(list(dict.fromkeys(numbers)))

    return _MARKER.sub(repl, text)


def numbered_citations(
    order: Sequence[int],
    hits: Sequence[SearchHit],
    quote_for: Callable[[int], str],
) -> list[Citation]:
    """Citations numbered 1, 2, ... in order of first appearance: ``order`` lists the cited chunk numbers (1-based
    into ``hits``) in that order; ``quote_for(hit number)`` gives the supporting sentence(s)."""
    out = []
    for n, number in enumerate(dict.fromkeys(order), start=1):
        if not 1 <= number <= len(hits):
            raise ValueError(f"citation [{number}] does not map to a retrieved chunk (1..{len(hits)})")
        hit = hits[number - 1]
        out.append(make_citation(n, hit, quote_for(number) or " ".join(hit.text.split())[:300]))
    return out


def build_citations(
    numbers: Sequence[int],
    hits: Sequence[SearchHit],
    quote_for: Callable[[int], str],
) -> list[Citation]:
    """Citations for the valid ``numbers`` (1-based into ``hits``), in numeric order.

    ``quote_for(n)`` returns the supporting sentence(s) of chunk ``n``; an empty quote falls back to the chunk's
    opening text so a citation is never blank.
    """
    out = []
    for n in sorted(set(numbers)):
        if not 1 <= n <= len(hits):
            raise ValueError(f"citation [{n}] does not map to a retrieved chunk (1..{len(hits)})")
        hit = hits[n - 1]
        quote = quote_for(n) or " ".join(hit.text.split())[:300]
        out.append(make_citation(n, hit, quote))
    return out
