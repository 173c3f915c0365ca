"""The offline default answerer: the best supporting sentences of the retrieved chunks, quoted and cited.

No text is generated: every sentence of the answer is a sentence of a source (whitespace tidied), followed by its
``[n]``. Only the framing line is written in the user's language. Whether to answer at all is decided first
(:mod:`assistant.answer.answerability`); a refusal lists the closest passages, marked as not answering. Selection:

1. anchors - among the sentences about the question's subject: the best one that holds the asked-for kind of
   answer (a number, a date, a name ...) first, then others whose support reaches ``answer.min_support`` and
   ``answer.sentence_floor`` x the first, near-duplicates (overlapping chunks repeat sentences) dropped, at most
   MAX_PER_CHUNK per chunk and ``answer.max_sentences`` in all;
2. enumerations - one of the best ENUMERATION_ANCHORS anchors that announces an enumeration ("Er zijn een
   viertal componenten ...", "... the following:") brings its items along when they follow: list items, or
   sentences from a first ordinal ("Allereerst", "First") to a last one ("Ten slotte", "Finally");
3. grouping - sentences of the same chunk stay together in document order; the group of the first anchor comes
   first, the others follow by their best support; citations are numbered [1], [2], ... in that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.answerability import decide
from assistant.answer.citations import join_quote, make_citation, numbered_citations
from assistant.answer.question import announces
from assistant.answer.safety import is_injection
from assistant.answer.scoring import Evidence, Scored
from assistant.answer.sentences import Sentence, split_chunk, words
from assistant.i18n import t
from assistant.models import Answer, SearchHit
from assistant.settings import Settings

BACKEND = "extractive"
#: Most anchor sentences taken from one chunk.
MAX_PER_CHUNK = 3
#: Word-set overlap (Jaccard) at which two sentences count as the same statement.
DUPLICATE_JACCARD = 0.7
#: An enumeration brings along at most this many following sentences / list items.
ENUMERATION_MAX = 5
#: Only the best this-many anchors may bring an enumeration along.
ENUMERATION_ANCHORS = 2
#: A refusal lists at most this many closest passages (one per chunk), marked as not answering the question.
CLOSEST_PASSAGES = 3
#: Further sentences of the first anchor's own chunk need only this fraction of its support (context from the
#: passage that answers costs no extra citation); sentences of other chunks need ``answer.sentence_floor``.
SAME_CHUNK_FLOOR = 0.5

_ENUMERATION_CUE = re.compile(
    r":\s*$|\b(?:volgende|als volgt|namelijk|viertal|drietal|vijftal|twee|drie|vier|vijf|zes|zeven|"
    r"following|as follows|namely|two|three|four|five|six|seven)\b",
    re.IGNORECASE,
)
#: An announced enumeration really follows when the next sentence is a list item or opens with a first ordinal;
#: it ends at a list's end or after a sentence opening with a last ordinal.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\(?[a-z][.)])\s+")
_FIRST = re.compile(r"^\s*(?:allereerst|ten eerste|eerst|in de eerste plaats|first|firstly|to begin with)\b",
                    re.IGNORECASE)
_LAST = re.compile(r"^\s*(?:ten slotte|tot slot|tenslotte|als laatste|finally|lastly)\b", re.IGNORECASE)


def _jaccard(a: str, b: str) -> float:
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _duplicate(candidate: Sentence, chosen: Sequence[Sentence]) -> bool:
    return any(_jaccard(candidate.display, c.display) >= DUPLICATE_JACCARD for c in chosen)


def select_anchors(candidates: Sequence[Scored], settings: Settings) -> list[Scored]:
    """Anchor sentences from the decision's candidates (the first is the answer-bearing one)."""
    cfg = settings.answer
    if not candidates:
        return []
    first = candidates[0]
    bar = max(cfg.min_support, cfg.sentence_floor * first.support)
    same_bar = max(cfg.min_support, SAME_CHUNK_FLOOR * first.support)
    chosen: list[Scored] = []
    per_chunk: dict[int, int] = {}
    for rank, item in enumerate(candidates):
        if len(chosen) >= cfg.max_sentences:
            break
        if rank and item.support < (same_bar if item.sentence.hit == first.sentence.hit else bar):
            continue
        s = item.sentence
        if is_injection(s.text) or per_chunk.get(s.hit, 0) >= MAX_PER_CHUNK:
            continue
        if _duplicate(s, [c.sentence for c in chosen]):
            continue
        chosen.append(item)
        per_chunk[s.hit] = per_chunk.get(s.hit, 0) + 1
    return chosen


def _following(sentence: Sentence, hits: Sequence[SearchHit]) -> list[Sentence]:
    """Sentences after ``sentence`` in its chunk, in order, up to the end of the paragraph or list."""
    text = hits[sentence.hit].text
    out = []
    for other in split_chunk(text, sentence.hit):
        if other.start < sentence.end:
            continue
        if "\n\n" in text[sentence.end if not out else out[-1].end: other.start]:
            break
        out.append(other)
    return out


def enumeration(anchor: Sentence, hits: Sequence[SearchHit]) -> list[Sentence]:
    """The items an anchor announces ("Er zijn een viertal componenten ...: ..."), or [] when none follow."""
    if not _ENUMERATION_CUE.search(anchor.text):
        return []
    following = _following(anchor, hits)[:ENUMERATION_MAX]
    if not following:
        return []
    if _LIST_ITEM.match(following[0].text):
        items = []
        for s in following:
            if not _LIST_ITEM.match(s.text):
                break
            items.append(s)
        return items
    if not _FIRST.match(following[0].text):
        return []
    items = []
    for s in following:
        items.append(s)
        if _LAST.match(s.text):
            break
    return items


def add_continuations(anchors: Sequence[Scored], hits: Sequence[SearchHit]) -> list[Sentence]:
    """Anchor sentences plus the enumerations the best of them announce, without duplicates."""
    chosen: list[Sentence] = []
    seen: set[tuple[int, int]] = set()

    def take(s: Sentence) -> None:
        if (s.hit, s.start) not in seen and not is_injection(s.text) and not _duplicate(s, chosen):
            chosen.append(s)
            seen.add((s.hit, s.start))

    for rank, anchor in enumerate(anchors):
        take(anchor.sentence)
        if rank < ENUMERATION_ANCHORS:
            for s in enumeration(anchor.sentence, hits):
                take(s)
    return chosen


def _listing_first(anchors: list[Scored], evidence: Evidence, hits: Sequence[SearchHit]) -> list[Scored]:
    """For "Welke vier onderdelen ...?": the anchor that announces that many items, with its items following,
    goes first (so it brings its enumeration along)."""
    count = evidence.profile.count if evidence.profile else None
    if not count:
        return anchors
    for i, anchor in enumerate(anchors):
        if announces(anchor.sentence.text, count) and enumeration(anchor.sentence, hits):
            return [anchor, *anchors[:i], *anchors[i + 1:]]
    return anchors


def _group(sentences: Sequence[Sentence], order: Sequence[int]) -> list[tuple[int, list[Sentence]]]:
    groups: dict[int, list[Sentence]] = {}
    for s in sentences:
        groups.setdefault(s.hit, []).append(s)
    ranked = sorted(groups, key=lambda h: order.index(h) if h in order else len(order))
    return [(h, sorted(groups[h], key=lambda s: s.start)) for h in ranked]


def group_quote(group: Sequence[Sentence], text: str) -> str:
    """The group's sentences as one verbatim quote (whitespace collapsed): adjacent sentences as one run of the
    source text, gaps marked with QUOTE_JOINER. Every part occurs in the chunk (see ``quote_in_text``)."""
    runs: list[tuple[int, int]] = []
    for s in sorted(group, key=lambda s: s.start):
        if runs and not text[runs[-1][1]: s.start].strip():
            runs[-1] = (runs[-1][0], max(runs[-1][1], s.end))
        else:
            runs.append((s.start, s.end))
    return join_quote([text[a:b] for a, b in runs])


def closest_passages(evidence: Evidence | None, hits: Sequence[SearchHit]) -> list:
    """The retrieved chunks closest to the question (best sentence support first, one per chunk), each with its
    closest sentence as the quote: shown with a refusal, marked as not answering the question."""
    if evidence is None:
        return []
    out, seen = [], set()
    for item in evidence.scored:
        s = item.sentence
        if s.hit in seen or is_injection(s.text):
            continue
        seen.add(s.hit)
        out.append(make_citation(len(out) + 1, hits[s.hit], group_quote([s], hits[s.hit].text)))
        if len(out) >= CLOSEST_PASSAGES:
            break
    return out


def refusal(question: str, hits: Sequence[SearchHit], lang: str, backend: str = BACKEND, *,
            evidence: Evidence | None = None, reason: str | None = None, **extra) -> Answer:
    return Answer(question=question, answer=t("answer.refusal", lang), refused=True, backend=backend,
                  citations=[], retrieved=list(hits), closest=closest_passages(evidence, hits),
                  refusal_reason=reason, **extra)


def extractive_answer(question: str, hits: Sequence[SearchHit], evidence: Evidence, settings: Settings,
                      lang: str) -> Answer:
    """The cited extractive answer, or a refusal (with the closest passages) when the sources do not answer."""
    decision = decide(evidence, settings)
    if not decision.answer:
        return refusal(question, hits, lang, evidence=evidence, reason=decision.reason)
    anchors = _listing_first(select_anchors(decision.candidates, settings), evidence, hits)
    sentences = add_continuations(anchors, hits)
    groups = _group(sentences, [a.sentence.hit for a in anchors])
    foreign = any(hits[h].language != lang for h, _ in groups)
    lines = [t("answer.lead_foreign" if foreign else "answer.lead", lang)]
    quotes: dict[int, str] = {}
    for n, (h, group) in enumerate(groups, start=1):
        lines.append("- " + " ".join(f"{s.display} [{n}]" for s in group))
        quotes[h + 1] = group_quote(group, hits[h].text)
    citations = numbered_citations([h + 1 for h, _ in groups], hits, quotes.__getitem__)
    return Answer(question=question, answer="\n".join(lines), refused=False, backend=BACKEND,
                  citations=citations, retrieved=list(hits))
