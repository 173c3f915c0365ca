"""Deterministic text heuristics shared by the evidence proposer and the validator.

- :func:`sentences` cuts a chunk into sentences that occur in it under :func:`assistant.text.quote_in_text` (the
  rule the validator checks quotes with, shared with the citations and the evaluation), so they can be quoted;
  hard-wrapped lines are joined, headings dropped.
- :class:`TermMatcher` finds lexicon terms on word starts (a term also matches with a short suffix, so
  "disappearance" matches "disappearances"), case- and accent-insensitively.
- :func:`human_rights_level` turns the human-rights lexicon hits of a set of sentences into a 1-5 level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text import fold as fold_accents

#: Letters a term may be followed by and still match (plural, verb forms).
SUFFIX_LETTERS = 3
#: A line without sentence-final punctuation and at most this many words is treated as a heading.
HEADING_MAX_WORDS = 12
#: Sentences shorter than this (characters) are not worth quoting.
MIN_SENTENCE_CHARS = 25

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " ", "\u00ad": ""})
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F#])")
_FINAL_PUNCT = (".", "!", "?", ":", ";", '"', "\u201d", ")")


def fold(text: str) -> str:
    """Lower-case, strip accents, unify quotes and dashes (not whitespace): the form lexicon terms are matched in."""
    return fold_accents(text.translate(_QUOTES))


_BLOCK_START = re.compile(r"^\s*(?:#|[-*\u2022]\s|\d+[.)]\s|\([a-z0-9]+\)\s)")


def _is_heading(line: str) -> bool:
    """A markdown heading, or a short line without sentence-final punctuation standing on its own."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return True
    return not stripped.endswith(_FINAL_PUNCT) and len(stripped.split()) <= HEADING_MAX_WORDS


def _blocks(text: str) -> list[str]:
    """Paragraphs and list items, with hard-wrapped lines joined (lines are joined by one space)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines() + [""]:
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
        elif _BLOCK_START.match(line):
            if current:
                blocks.append(current)
            current = [line.strip()]
        else:
            current.append(line.strip())
    # A block of one heading-like line (a title between blank lines, a markdown heading) is not prose.
    return [" ".join(b) for b in blocks if not (len(b) == 1 and _is_heading(b[0])) and not b[0].startswith("#")]


def sentences(text: str) -> list[str]:
    """Sentences of ``text``. Each occurs in the text under :func:`assistant.text.quote_in_text` (hard line breaks
    become spaces), so it can be quoted; headings are dropped."""
    out: list[str] = []
    for block in _blocks(text):
        for piece in _SENTENCE_END.split(block):
            piece = piece.strip()
            if len(piece) >= MIN_SENTENCE_CHARS:
                out.append(piece)
    return out


def clip(sentence: str, max_chars: int) -> str:
    """The sentence, or its prefix cut at a word boundary (still a verbatim substring)."""
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence[:max_chars]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut


def collapse(terms: set[str]) -> set[str]:
    """Drop terms contained in another found term ("unlawful killings" in "arbitrary or unlawful killings",
    "disappearances" in "enforced disappearance"): one finding, not two."""
    def core(term: str) -> str:
        folded = fold(term)
        return folded[:-1] if folded.endswith("s") else folded

    return {t for t in terms if not any(t != u and core(t) in fold(u) for u in terms)}


@dataclass(frozen=True)
class TermMatcher:
    """Matches a list of terms on word starts in folded text."""

    terms: tuple[str, ...]
    _patterns: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pats = tuple(
            (term, re.compile(rf"(?<![\w-]){re.escape(fold(term))}[a-z]{{0,{SUFFIX_LETTERS}}}(?![\w])"))
            for term in self.terms if term.strip()
        )
        object.__setattr__(self, "_patterns", pats)

    def find(self, text: str) -> set[str]:
        """The terms that occur in ``text``."""
        folded = _SPACE.sub(" ", fold(text))
        return collapse({term for term, pattern in self._patterns if pattern.search(folded)})


@lru_cache(maxsize=256)
def matcher(terms: tuple[str, ...]) -> TermMatcher:
    return TermMatcher(terms)


def blank(sentence: str, phrases: tuple[str, ...]) -> str:
    """The folded sentence with the given phrases removed (titles and names that merely contain a term)."""
    text = _SPACE.sub(" ", fold(sentence))
    for phrase in phrases:
        text = re.sub(rf"(?<![\w-]){re.escape(fold(phrase))}\w*", " ", text)
    return text


def negated(sentence: str, negation_cues: tuple[str, ...]) -> bool:
    """True when the sentence contains a negation cue ("there were no reports ...")."""
    return bool(matcher(negation_cues).find(sentence))


@dataclass
class HumanRightsHits:
    """Human-rights lexicon hits in a set of sentences (negated sentences skipped)."""

    atrocity: set[str] = field(default_factory=set)
    grave: set[str] = field(default_factory=set)
    moderate: set[str] = field(default_factory=set)
    positive: set[str] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)  # the sentences that produced a hit, in order

    @property
    def any(self) -> bool:
        return bool(self.atrocity or self.grave or self.moderate or self.positive)


def human_rights_hits(texts: list[str], lexicon) -> HumanRightsHits:
    """Collect atrocity/grave/moderate/positive terms from the sentences of ``texts``.

    ``lexicon`` is the ``human_rights`` block of the compass definition. Positive statements are themselves
    phrased with a negation ("no credible reports of significant ... abuses"), so they are matched first.
    """
    hits = HumanRightsHits()
    negation = tuple(lexicon.negation)
    ignore = tuple(lexicon.ignore)
    for text in texts:
        for sent in sentences(text):
            sent_for_terms = blank(sent, ignore)
            found_any = False
            positive = matcher(tuple(lexicon.positive)).find(sent_for_terms)
            if positive:
                hits.positive |= positive
                found_any = True
            elif not negated(sent, negation):
                for name in ("atrocity", "grave", "moderate"):
                    found = matcher(tuple(getattr(lexicon, name))).find(sent_for_terms)
                    if found:
                        getattr(hits, name).update(found)
                        found_any = True
            if found_any and sent not in hits.sentences:
                hits.sentences.append(sent)
    return hits


def human_rights_level(hits: HumanRightsHits, grave_serious_min: int) -> int | None:
    """1-5 from lexicon hits: atrocity -> 1; >= grave_serious_min grave terms -> 2; any grave -> 3;
    only moderate -> 4; only a positive statement -> 5; nothing -> None."""
    if hits.atrocity:
        return 1
    if len(collapse(hits.grave)) >= grave_serious_min:
        return 2
    if hits.grave:
        return 3
    if hits.moderate:
        return 4
    if hits.positive:
        return 5
    return None


def serious_terms(texts: list[str], lexicon, grave_terms_min: int) -> set[str]:
    """The atrocity and grave terms in ``texts`` when they mark serious abuses (any atrocity term, or at least
    ``grave_terms_min`` distinct grave terms); else the empty set. Shared by the proposer and the validator."""
    hits = human_rights_hits(texts, lexicon)
    grave = collapse(hits.grave)
    if hits.atrocity or len(grave) >= grave_terms_min:
        return hits.atrocity | grave
    return set()
