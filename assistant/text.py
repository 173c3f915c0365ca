"""Text forms every stage shares: accent folding for matching words, and the one rule for "this quote occurs in
that text".

- :func:`fold` lower-cases and strips accents (België -> belgie): region names, BM25 tokens, lexicon terms and the
  test embedder's features are compared in this form.
- :func:`normalise_for_match` is the comparison form of a quote and of the text it is taken from; :func:`quote_in_text`
  is the rule built on it. The citation checks of the answer stage, the compass validator and the evaluation's
  evidence and fact matching all use these two, so they give the same verdict on the same quote.

The rule is insensitive to typography, not to spelling: case, whitespace (line breaks, NBSP), curly vs straight
quotes, dash variants, ligatures (``ﬁ``), soft hyphens, Markdown emphasis and hyphenation ("innova-\\ntion" matches
"innovation"; a hyphen and the whitespace after it are dropped) do not count; accents do ("één" is not "een").
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}
#: Separator between non-adjacent pieces of one quote (an answer's citation may join several sentences of a chunk).
QUOTE_JOINER = " … "

_MATCH_CHARS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00ad": None,  # soft hyphen
        "*": None,  # Markdown emphasis
    }
)
# A hyphen and the whitespace after it vanish: "ill-\ntreatment", "ill- treatment" and "illtreatment" compare
# equal, as do a Dutch elision broken over a line ("onderzoeks-\nen") and the same words on one line.
_HYPHEN_GAP = re.compile(r"-\s*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_ligatures(text: str) -> str:
    for ligature, plain in LIGATURES.items():
        text = text.replace(ligature, plain)
    return text


def strip_accents(text: str) -> str:
    """NFKD with the combining marks dropped (België -> Belgie); case is kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    # Only non-ASCII runs can hold combining marks: 3x faster on English text with a few curly quotes.
    return _NON_ASCII.sub(_drop_combining, decomposed)


def _drop_combining(run: re.Match) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case (casefold) and strip accents (België -> belgie), for matching words and names."""
    if text.isascii():
        return text.lower()  # what casefold + NFKD give for ASCII, much faster
    return strip_accents(text.casefold())


def normalise_for_match(text: str) -> str:
    """The comparison form of a quote or of its text: NFKC (ligatures, NBSP), case-folded, quotes and dashes
    unified, soft hyphens and Markdown emphasis dropped, a hyphen removed together with the whitespace after it,
    whitespace collapsed. Use it on both sides of every "does this passage occur in that text" test."""
    text = unicodedata.normalize("NFKC", fold_ligatures(text)).translate(_MATCH_CHARS).casefold()
    return " ".join(_HYPHEN_GAP.sub("", text).split())


def quote_parts(quote: str) -> list[str]:
    """The pieces of a quote joined with :data:`QUOTE_JOINER` (or a bare ellipsis), blanks dropped."""
    return [p for p in quote.split(QUOTE_JOINER.strip()) if normalise_for_match(p)]


def quote_in_text(quote: str, text: str) -> bool:
    """True when the quote is not blank and every piece of it occurs in ``text`` under
    :func:`normalise_for_match`. The one rule for citations, the compass validator and the evaluation."""
    target = normalise_for_match(text)
    parts = quote_parts(quote)
    return bool(parts) and all(normalise_for_match(p) in target for p in parts)
