"""Cited prose for briefs: turn answer text into cited statements, and (LLM backends) a generated summary.

Both paths end in the same gate as the answer package (:mod:`assistant.answer.citations`): a marker is kept only
when it maps to a retrieved chunk that is in the index, and a sentence without any valid marker is left out of
the brief (and counted, so the brief can say so). Generated text also passes the prompt-injection check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.answer.citations import QUOTE_JOINER, check_markers
from assistant.answer.safety import find_injections, strip_obeyed
from assistant.brief.model import SourceRef, Statement
from assistant.ingest.text import split_sentences
from assistant.llm.prompts import PromptError, load_prompt
from assistant.models import Answer, SearchHit

#: The prompt file of the summary (``brief_{lang}.txt``, checked by :mod:`assistant.llm.prompts`).
PROMPT_NAME = "brief"
#: Most source passages shown to the model for the summary.
MAX_SUMMARY_PASSAGES = 30
#: Largest number a citation marker can carry (three digits, as in the answer package's marker pattern).
MAX_MARKER = 999
#: Most statements taken from a generated summary.
MAX_SUMMARY_STATEMENTS = 6

_MARKS = re.compile(r"((?:\s*\[\d{1,3}\])+)[ \t]*([.!?;:,]?)")
_NUMBER = re.compile(r"\d{1,3}")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LEADING_PUNCT = re.compile(r"^[\s.,;:!?)\]]+")


@dataclass
class Cited:
    """Cited statements taken from a text, and what was left out."""

    statements: list[Statement] = field(default_factory=list)
    dropped: int = 0  # sentences without a valid marker
    rejected: int = 0  # cited pieces refused by the ``keep`` predicate (e.g. off-topic)


def cited_statements(text: str, resolve: Callable[[int], int | None], *, verbatim: bool,
                     keep: Callable[[str], bool] | None = None) -> Cited:
    """Statements of ``text``: the sentence directly before ``[n]`` markers becomes one statement.

    ``resolve`` maps a marker number to a source number (or None: the marker is dropped); it is called only for
    pieces that ``keep`` accepts, so a refused piece never claims a source number. Generated text
    (``verbatim=False``) is split into sentences, and only the sentence the markers follow is cited: earlier
    sentences without their own marker are left out. Extractive text puts a marker after every quoted sentence, so
    the whole piece before a marker is kept. Consecutive pieces of one line with the same references are joined.
    """
    out = Cited()
    for raw_line in text.splitlines():
        line = _BULLET.sub("", raw_line)
        pos = 0
        line_out: list[Statement] = []
        for match in _MARKS.finditer(line):
            piece = _LEADING_PUNCT.sub("", line[pos:match.start()] + match.group(2)).strip()
            pos = match.end()
            if not _LETTER.search(piece):
                continue
            if not verbatim:
                sentences = [s for s in split_sentences(piece) if _LETTER.search(s)]
                out.dropped += len(sentences) - 1
                piece = sentences[-1]
            if keep is not None and not keep(piece):
                out.rejected += 1
                continue
            refs: list[int] = []
            for number in (int(n) for n in _NUMBER.findall(match.group(1))):
                n = resolve(number)
                if n is not None and n not in refs:
                    refs.append(n)
            if not refs:
                out.dropped += 1
            elif line_out and line_out[-1].refs == refs:
                # Quoted sentences of one chunk need not be adjacent in it: mark the possible gap.
                joiner = QUOTE_JOINER if verbatim else " "
                line_out[-1].text = f"{line_out[-1].text}{joiner}{piece}"
            else:
                line_out.append(Statement(text=piece, refs=refs, verbatim=verbatim))
        tail = _LEADING_PUNCT.sub("", line[pos:])
        if _LETTER.search(tail):
            out.dropped += len([s for s in split_sentences(tail) if _LETTER.search(s)]) if not verbatim else 1
        out.statements.extend(line_out)
    return out


def answer_statements(answer: Answer, number: Callable[[str], int | None],
                      keep: Callable[[str], bool] | None = None) -> Cited:
    """Statements of an :class:`Answer` (from ``Assistant.ask``), renumbered into the brief's source list.

    ``number(chunk_id)`` gives the brief's number of a chunk (None when it is not in the index). ``keep`` filters
    quoted (extractive) pieces only: generated statements were written to answer the question. ``dropped`` is
    always 0 for the extractive backend, whose only uncited line is its lead-in.
    """
    if answer.refused or not answer.answer.strip():
        return Cited()
    local = {c.n: c.chunk_id for c in answer.citations}

    def resolve(n: int) -> int | None:
        chunk_id = local.get(n)
        return number(chunk_id) if chunk_id else None

    extractive = answer.backend == "extractive"
    cited = cited_statements(answer.answer, resolve, verbatim=extractive, keep=keep if extractive else None)
    if extractive:
        cited.dropped = 0
    return cited


# --- the generated summary (LLM backends) ---------------------------------------------------------------------


def summary_hits(sources: Sequence[SourceRef], quotes: dict[int, list[str]]) -> list[SearchHit]:
    """One passage per source (the quotes the brief uses from it), in source-number order, for fencing."""
    hits = []
    for ref in sorted(sources, key=lambda r: r.n)[:MAX_SUMMARY_PASSAGES]:
        text = " … ".join(dict.fromkeys(quotes.get(ref.n, [])))
        hits.append(SearchHit(chunk_id=ref.chunk_id, source=ref.source, title=ref.title, page=ref.page,
                              section=ref.section, text=text or ref.title, score=0.0))
    return hits


def check_generated(raw: str, hits: Sequence[SearchHit]) -> tuple[list[Statement], int]:
    """The checks a generated summary passes: injections, markers 1..len(hits), cited sentences only."""
    text, obeyed = strip_obeyed(raw, find_injections(hits))
    # Normalise every marker form ([1, 2], [bron 3]) to [n] without removing any yet: a sentence whose only marker
    # is invalid must be left out, not merged into the next cited sentence.
    normal, _used, _removed = check_markers(text, MAX_MARKER)
    cited = cited_statements(normal, lambda n: n if 1 <= n <= len(hits) else None, verbatim=False)
    return cited.statements[:MAX_SUMMARY_STATEMENTS], cited.dropped + obeyed


def generate_summary(model, settings, lang: str, region: str, overview: str, hits: Sequence[SearchHit]
                     ) -> tuple[list[Statement], int, str | None]:
    """Ask the chat model for a cited summary. Returns (statements, pieces dropped, error message or None).

    Transient faults get ``settings.endpoint.max_retries`` more attempts; any fault ends as a message.
    """
    from langchain_core.output_parsers import StrOutputParser

    from assistant.llm import EmptyResponseError, classify, fault_message
    from assistant.answer.safety import fence

    if not hits:
        return [], 0, None
    inputs = {"region": region, "overview": overview, "passages": fence(hits)}
    attempts = 1 + settings.endpoint.max_retries
    for attempt in range(attempts):
        try:
            raw = (load_prompt(PROMPT_NAME, lang, settings.prompts_dir) | model | StrOutputParser()).invoke(inputs)
            if not raw.strip():
                raise EmptyResponseError("empty summary")
            statements, dropped = check_generated(raw, hits)
            return statements, dropped, None
        except PromptError:
            raise
        except Exception as exc:  # noqa: BLE001 - every model fault becomes a message in the brief
            fault = classify(exc)
            if fault.retry and attempt + 1 < attempts:
                continue
            return [], 0, fault_message(fault, settings, lang)
    return [], 0, None  # pragma: no cover - the loop always returns
