"""Follow-up questions: make "En hoe zit het met persvrijheid?" answerable on its own.

- LLM backends: the condense prompt (``prompts/condense_{lang}.txt``) rewrites question + history into a
  standalone question (:func:`condense_with_model`).
- extractive (and the fallback when the LLM fails): :func:`resolve_followup` carries the previous question's
  region over as a search filter when the follow-up names none, and the previous question's topic when the
  follow-up only names a new region ("En Japan?").

``history`` is a list of (user question, assistant answer) pairs, oldest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.sentences import content_words
from assistant.regions import display_name, find_regions
from assistant.retrieve.base import Filters

#: The asker's own province/country: naming it does not make a question "about" a region.
HOME_REGIONS = frozenset({"noord-brabant", "netherlands"})
#: Turns of history shown to the condense prompt (most recent last).
CONDENSE_TURNS = 4
#: Characters of each earlier answer shown to the condense prompt.
CONDENSE_ANSWER_CHARS = 400
#: A follow-up with at most this many content words besides region names has no topic of its own.
TOPICLESS_MAX_WORDS = 0
#: A standalone question longer than this (from the model) is not a question but an answer: it is discarded.
MAX_STANDALONE_CHARS = 400

_FOLLOWUP_FILLER = frozenset(
    ["en", "ook", "dan", "daar", "daarover", "hierover", "zit", "gaat", "met", "over", "and", "also", "then", "there", "about", "what", "how", "regarding", "concerning", "voor", "for", "in", "verder", "meer", "nog", "anders", "further", "more", "else", "other"]
)
_CITATION = re.compile(r"\[\d+\]")


def question_regions(text: str) -> list[str]:
    """Foreign regions named in the text (the home province only when nothing else is named)."""
    found = find_regions(text)
    foreign = [r for r in found if r not in HOME_REGIONS]
    return foreign or found


def _topic_words(question: str, regions: Sequence[str]) -> list[str]:
    region_words = {w for r in regions for w in content_words(display_name(r, "nl") + " " + display_name(r, "en"))}
    return [w for w in content_words(question) if w not in region_words and w not in _FOLLOWUP_FILLER
            and not find_regions(w)]


def _without_regions(question: str) -> str:
    """The question with its region words removed (for carrying its topic over to another region)."""
    kept = [token for token in question.split() if not find_regions(token.strip("?.,!;:()"))]
    return " ".join(kept).rstrip(" ?") if kept else question


def resolve_followup(
    question: str,
    history: Sequence[tuple[str, str]] | None,
    filters: Filters | None,
    lang: str = "nl",
) -> tuple[str, Filters | None]:
    """(standalone question, filters) for a follow-up, using the regions and topic of earlier questions."""
    if not history:
        return question, filters
    previous = [q for q, _ in history if q and q.strip()]
    if not previous:
        return question, filters
    current_regions = question_regions(question)
    prior_regions: list[str] = []
    for q in reversed(previous):
        prior_regions = question_regions(q)
        if prior_regions:
            break
    topicless = len(_topic_words(question, current_regions)) <= TOPICLESS_MAX_WORDS
    if current_regions:
        if not topicless:
            return question, filters
        # "En Japan?" after "Hoe staat het met de persvrijheid in China?": the earlier topic, the new region.
        names = " ".join(display_name(r, lang) for r in current_regions)
        return f"{_without_regions(previous[-1])} ({names})?", _with_region(filters, current_regions[0])
    if not prior_regions:
        return (previous[-1] if topicless else question), filters
    # "En hoe zit het met persvrijheid?" after a question about China: the new topic, the earlier region.
    if topicless:
        return previous[-1], _with_region(filters, prior_regions[0])
    name = display_name(prior_regions[0], lang)
    return f"{question.rstrip(' ?')} ({name})?", _with_region(filters, prior_regions[0])


def _with_region(filters: Filters | None, region: str) -> Filters:
    """``filters`` restricted to ``region``, unless the caller already chose a region (the caller wins)."""
    if filters is not None and filters.region:
        return filters
    return (filters or Filters()).model_copy(update={"region": region})


def format_history(history: Sequence[tuple[str, str]], lang: str) -> str:
    you, assistant = ("Gebruiker", "Assistent") if lang == "nl" else ("User", "Assistant")
    lines = []
    for q, a in list(history)[-CONDENSE_TURNS:]:
        lines.append(f"{you}: {q.strip()}")
        if a and a.strip():
            short = " ".join(_CITATION.sub("", a).split())
            if len(short) > CONDENSE_ANSWER_CHARS:
                short = short[:CONDENSE_ANSWER_CHARS].rsplit(" ", 1)[0] + " ..."
            lines.append(f"{assistant}: {short}")
    return "\n".join(lines)


def clean_standalone(text: str, fallback: str) -> str:
    """The first non-empty line of the model's reply, without a label or quotes; ``fallback`` if unusable."""
    for line in (text or "").splitlines():
        line = re.sub(r"^(?:zelfstandige vraag|standalone question|vraag|question)\s*:\s*", "", line.strip(),
                      flags=re.IGNORECASE)
        line = line.strip().strip('"“”\'').strip()
        if line:
            return line if len(line) <= MAX_STANDALONE_CHARS else fallback
    return fallback


def condense_with_model(model, question: str, history: Sequence[tuple[str, str]], lang: str,
                        prompts_dir=None) -> str:
    """Standalone question from the chat model (raises the model's exceptions; the caller handles faults).
    ``prompts_dir``: an officer's own prompt files (``settings.prompts_dir``); None = the shipped ones."""
    from langchain_core.output_parsers import StrOutputParser

    from assistant.llm.prompts import load_prompt

    chain = load_prompt("condense", lang, prompts_dir) | model | StrOutputParser()
    reply = chain.invoke({"history": format_history(history, lang), "question": question})
    return clean_standalone(reply, question)
