"""Sentences of retrieved chunks (with exact offsets) and the bilingual term handling used to score them.

Sentence boundaries come from :mod:`assistant.ingest.text` (the same rules the chunker uses). Chunks are cleaned
text: paragraphs separated by a blank line, list items and table rows on their own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.ingest.text import sentence_spans
from assistant.text import fold

#: Shorter pieces are not worth quoting (headings, page furniture, "See above.").
MIN_SENTENCE_CHARS = 30
MIN_SENTENCE_WORDS = 5
#: Longer sentences (enumerations, run-ons) are cut at clause boundaries into pieces of at most about this size.
MAX_SENTENCE_CHARS = 420
#: Clause pieces shorter than this are merged with their neighbour instead of standing alone.
MIN_CLAUSE_CHARS = 80
#: Words of at least this length also match on their first PREFIX_CHARS letters (Dutch/English cognates:
#: "corruptie"/"corruption", "democratie"/"democracy").
PREFIX_MIN_WORD = 6
PREFIX_CHARS = 6

ELLIPSIS = "…"

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"(?<=[;:])\s+")
_TABLE = re.compile(r"^\s*\|")
#: A line of a book's index: three or more "Name page(s);" entries ("Argentina 25; Australia 27-8; Bolivia 40;").
#: It points at pages; it states nothing, so it is never quoted as an answer (a question about Peru found one).
_PAGE_INDEX = re.compile(r"(?:[A-Z][^\W\d_][\w’'(). -]{0,40}?\s\d{1,4}(?:[-–]\d{1,4})?\s*[;,]\s*){3,}")
#: A link or address inside a sentence: the sentence is quoted up to it ("... value chain ([news](https://...))").
_LINK = re.compile(r"\s*\(?\[[^\]]*\]\(|\s*\(?https?://|\s*\(?www\.")
_EMPHASIS = re.compile(r"\*\*|__")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_OPENERS = "\"'“‘([«"
_CLOSERS = ".!?…\"'”’)]»:;"


@dataclass(frozen=True)
class Sentence:
    """A quotable piece of one retrieved chunk."""

    hit: int  # 0-based rank of the chunk among the retrieved hits
    start: int  # offsets into the chunk text: text == chunk_text[start:end]
    end: int
    text: str
    complete: bool  # starts like a sentence and ends with sentence punctuation (not cut by chunk edges)
    cut_before: bool = False  # a clause piece of a longer sentence: text precedes it in the same sentence
    cut_after: bool = False  # ... or follows it

    @property
    def display(self) -> str:
        """Whitespace collapsed, list bullet and Markdown emphasis removed, "…" where a long sentence was cut - as
        shown in answers."""
        body = " ".join(_EMPHASIS.sub("", _BULLET.sub("", self.text)).split())
        return f"{ELLIPSIS + ' ' if self.cut_before else ''}{body}{' ' + ELLIPSIS if self.cut_after else ''}"


def _clauses(text: str, offset: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at ';' / ':' into pieces of roughly MAX_SENTENCE_CHARS or less."""
    cuts = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in cuts + [len(text)]:
        if cut - start >= MIN_CLAUSE_CHARS or cut == len(text):
            pieces.append((start, cut))
            start = cut
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and (b - a < MIN_CLAUSE_CHARS or b - merged[-1][0] <= MAX_SENTENCE_CHARS // 2):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    out = []
    for a, b in merged:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        out.append((offset + a + lead, offset + a + len(piece.rstrip())))
    return out


def _is_complete(text: str) -> bool:
    body = _BULLET.sub("", text).strip()
    if not body:
        return False
    first, last = body[0], body[-1]
    starts = first.isupper() or first.isdigit() or first in _OPENERS
    return starts and last in _CLOSERS


def split_chunk(text: str, hit: int = 0) -> list[Sentence]:
    """Quotable sentences of a chunk, in document order, with offsets into ``text``."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        line_text = line.group(0)
        if _TABLE.search(line_text) or _PAGE_INDEX.search(line_text):
            continue
        for a, b in sentence_spans(line_text):
            link = _LINK.search(line_text, a, b)
            linked = link is not None
            if linked:
                b = link.start()
            spans = [(a, b)] if b - a <= MAX_SENTENCE_CHARS else _clauses(line_text[a:b], a)
            for s, e in spans:
                piece = line_text[s:e]
                words = _WORD.findall(piece)
                if len(piece) < MIN_SENTENCE_CHARS or len(words) < MIN_SENTENCE_WORDS:
                    continue
                start, end = line.start() + s, line.start() + e
                cut_before, cut_after = s > a, e < b or linked
                complete = _is_complete(line_text[a:b]) if (cut_before or cut_after) else _is_complete(piece)
                out.append(Sentence(hit, start, end, piece, complete, cut_before, cut_after))
    return out


# ---- terms ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN_PLUS

    extra = {"hoe", "wat", "welke", "wie", "waar", "wanneer", "waarom", "staat", "zit", "gaat", "over", "zijn",
             "heeft", "hebben", "wordt", "worden", "what", "which", "how", "does", "about", "there", "situation",
             "situatie", "informatie", "information", "according", "volgens", "bronnen", "sources", "vertel",
             "geef", "tell", "give", "describe", "beschrijf", "ook", "also", "nog", "momenteel", "currently",
             "welk", "kunnen", "kan", "can", "could", "would", "should", "zou", "moet", "gebeurt",
             # quantities and question verbs: they shape the question, the answer rarely repeats them
             "hoeveel", "veel", "lang", "vaak", "many", "much", "long", "often", "may", "must", "might", "say",
             "said", "says", "zegt", "zeggen", "noemt", "noemen", "mention", "mentions", "happen", "happened",
             "gebeurde", "kreeg", "kregen", "krijgen", "get", "got", "zaten", "zat", "staan", "stond", "eind",
             "end", "according", "laten", "let", "deed", "doen", "doet", "did", "done", "precies", "exactly",
             "ongeveer", "roughly", "approximately", "nog", "still", "ooit", "ever",
             # the kind of answer asked for, not what it is about ("op welke datum", "what does X mean for")
             "datum", "date", "aantal", "number", "betekent", "betekenen", "mean", "means", "telde", "vermeldt"}
    return frozenset(fold(w) for w in (*STOPWORDS_DUTCH, *STOPWORDS_EN_PLUS, *extra))


@lru_cache(maxsize=2)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer(language)


def words(text: str) -> list[str]:
    """Folded word tokens (accents stripped, lower case)."""
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    """Folded words without stopwords, single letters or pure numbers."""
    stop = _stopwords()
    return [w for w in words(text) if len(w) > 1 and w not in stop and not w.isdigit()]


@lru_cache(maxsize=50_000)
def keys(word: str) -> frozenset[str]:
    """Match keys of a folded word: its English and Dutch stems, and a cognate prefix for long words."""
    out = {_stemmer("english").stemWord(word), _stemmer("dutch").stemWord(word)}
    if len(word) >= PREFIX_MIN_WORD:
        out.add("~" + word[:PREFIX_CHARS])
    return frozenset(out)


def key_set(text: str) -> set[str]:
    out: set[str] = set()
    for word in content_words(text):
        out |= keys(word)
    return out


#: Words of a multi-word term may stand this many content words apart ("assessment of the new framework").
PHRASE_GAP = 1


@dataclass(frozen=True)
class Terms:
    """The match keys of a text, as a set and in order (so a phrase is matched only where its words stand
    together: "assessment framework" does not match "... was assessed under ... policy framework")."""

    keys: frozenset[str]
    sequence: tuple[frozenset[str], ...]

    def has(self, alternative: tuple[frozenset[str], ...]) -> bool:
        """One alternative of a concept: a single word anywhere, or a phrase whose words stand together."""
        if not all(word & self.keys for word in alternative):
            return False
        if len(alternative) == 1:
            return True
        for i, first in enumerate(self.sequence):
            if not first & alternative[0]:
                continue
            at = i
            for word in alternative[1:]:
                nxt = next((j for j in range(at + 1, min(len(self.sequence), at + 2 + PHRASE_GAP))
                            if self.sequence[j] & word), None)
                if nxt is None:
                    break
                at = nxt
            else:
                return True
        return False

    def __or__(self, other: "Terms") -> "Terms":
        return Terms(self.keys | other.keys, self.sequence + (frozenset(),) * (PHRASE_GAP + 1) + other.sequence)


def terms(text: str) -> Terms:
    sequence = tuple(keys(w) for w in content_words(text))
    return Terms(frozenset().union(*sequence) if sequence else frozenset(), sequence)


# ---- language ----------------------------------------------------------------------------------------------------

_NL_MARKERS = frozenset(["de", "het", "een", "en", "van", "is", "zijn", "wat", "hoe", "welke", "wie", "waar", "wanneer", "waarom", "met", "voor", "niet", "ook", "zit", "er", "op", "bij", "naar", "over", "dit", "deze", "die", "dat", "wordt", "worden", "heeft", "hebben", "kan", "kunnen", "moet"])
_EN_MARKERS = frozenset(["the", "a", "an", "and", "of", "is", "are", "what", "how", "which", "who", "where", "when", "why", "with", "for", "not", "also", "there", "on", "at", "to", "about", "this", "these", "that", "does", "do", "has", "have", "can", "could", "should"])


def guess_language(text: str, default: str = "nl") -> str:
    """'nl' or 'en' from function words; ``default`` when the text gives no clear signal."""
    tokens = words(text)
    nl = sum(t in _NL_MARKERS for t in tokens)
    en = sum(t in _EN_MARKERS for t in tokens)
    if nl > en:
        return "nl"
    if en > nl:
        return "en"
    return _detect(text, default)


def _detect(text: str, default: str) -> str:
    """Tie-breaker: langdetect (seeded, so deterministic), restricted to Dutch and English."""
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a core dependency
        return default
    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return default
    for guess in ranked:
        if guess.lang in ("nl", "en"):
            return guess.lang
    return default
