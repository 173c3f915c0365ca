"""Chunk-text cleaning and sentence boundaries shared by loaders, the chunker and answerers.

The comparison form of a quote and accent folding live in :mod:`assistant.text`."""

from __future__ import annotations

import re
import unicodedata

from assistant.text import fold_ligatures

# Words after a line-end hyphen that mark a Dutch/English elision ("onderzoeks- en onderwijs"), not a split word.
_ELISION_WORDS = {"en", "of", "tot", "and", "or", "to"}
_HYPHEN_BREAK = re.compile(r"(\w)-\n[ \t]*([a-zà-ÿ]\w*)")
_COMPOUND_BREAK = re.compile(r"(\w)-\n[ \t]*(?=[A-ZÀ-Ý])")  # "Noord-\nBrabant" keeps its hyphen
_LIST_LINE = re.compile(r"^\s*(?:[-*•]\s|\d+[.)]\s|\|)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f]+")

# Sentence ends: . ! ? (optionally followed by quotes/brackets) + whitespace + an upper-case letter, digit,
# quote or bracket. Abbreviations that end in a period are protected.
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "no", "nr", "art", "par", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "inc",
    "ltd", "co", "corp", "gov", "dept", "approx", "incl", "bijv", "o.a", "d.w.z", "m.b.t", "t.a.v", "z.g.a",
    "ca", "resp", "jl", "mln", "mld", "mrd", "blz", "p", "pp", "fig", "vol", "ed",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])|[.!?…]+[\"'”’)\]]*$|\n\s*\n")


def _join_hyphen(match: re.Match[str]) -> str:
    word = match.group(2)
    if word.lower() in _ELISION_WORDS:
        return f"{match.group(1)}- {word}"
    return f"{match.group(1)}{word}"


def clean_text(text: str) -> str:
    """NFC, ligatures, soft hyphens and line-end hyphenation repaired; lines joined within paragraphs.

    Paragraphs stay separated by one blank line ("\\n\\n"); list items and table rows keep their own line.
    """
    text = unicodedata.normalize("NFC", fold_ligatures(text)).replace("\u00ad", "").replace("\r\n", "\n")
    text = text.replace("\r", "\n")
    text = _HYPHEN_BREAK.sub(_join_hyphen, text)
    text = _COMPOUND_BREAK.sub(r"\1-", text)
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text):
        out: list[str] = []
        for line in block.split("\n"):
            line = _SPACES.sub(" ", line).strip()
            if not line:
                continue
            if out and not _LIST_LINE.match(line):
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
        if out:
            paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def _is_abbreviation(text: str, end: int) -> bool:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text``; whitespace between sentences belongs to neither."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group(0).startswith(".") and _is_abbreviation(text, match.start()):
            continue
        segment = text[start:end]
        stripped = segment.strip()
        if stripped:
            lead = len(segment) - len(segment.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start = end
    tail = text[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        spans.append((start + lead, start + lead + len(tail.strip())))
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
