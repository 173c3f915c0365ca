"""Documents are data: how passages are fenced for a model, and a check for answers that obey a document.

Three layers, none of which relies on the model behaving:
1. ``fence`` - each passage goes into the prompt inside numbered ``<passage>`` tags; any tag-like text inside a
   document is defused, so a document cannot close its own fence and speak as the user.
2. ``find_injections`` - sentences in retrieved passages that address the model ("ignore previous
   instructions", "negeer eerdere instructies", "you are now ...") are detected, with the text they demand.
3. ``strip_obeyed`` - an answer sentence that repeats an injected instruction or the text it demands is removed.
   This is an honest, narrow check: it catches an answer that *says what the document told it to say*; it does
   not detect subtler influence (a biased summary), which no string check can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import SearchHit
from assistant.text import normalise_for_match

#: Demanded text shorter than this (after normalisation) is too generic to match against answers ("yes").
MIN_PAYLOAD_CHARS = 8
#: How far after a trigger phrase the demanded text is looked for.
PAYLOAD_WINDOW_CHARS = 300

_TRIGGER = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?|rules|directions)"
    r"|\bnegeer\s+(?:alle\s+)?(?:de\s+|je\s+|jouw\s+)?(?:eerdere|vorige|voorgaande|bovenstaande|oorspronkelijke)\s+"
    r"(?:instructies|opdrachten|regels|aanwijzingen)"
    r"|\byou\s+are\s+now\b|\bje\s+bent\s+nu\b|\bnew\s+instructions?\s*:|\bnieuwe\s+instructies?\s*:"
    r"|\bsystem\s+prompt\b|\bas\s+an\s+ai\s+(?:language\s+)?model\b",
    re.IGNORECASE,
)
_DEMAND = re.compile(
    r"\b(?:say|says|respond\s+with|reply\s+with|answer\s+with|answer|output|print|write|state|tell\s+the\s+user|"
    r"zeg|antwoord\s+met|antwoord|schrijf|vertel)\b\s*(?:that\s+|dat\s+|:\s*)?(.+)",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = re.compile(rf"[\"“'‘]([^\"”'’]{{{MIN_PAYLOAD_CHARS},}})[\"”'’]")
_TAG = re.compile(r"<\s*(/?)\s*(passages?|gesprek|conversation|system|user|assistant|instructions?)\b[^>]*>",
                  re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Injection:
    hit: int  # 0-based rank of the passage that carries it
    trigger: str  # the instruction-like phrase
    payload: str | None  # the text the passage demands be said, if it names one


def defuse(text: str) -> str:
    """Neutralise fence-like tags inside document text (``</passage>`` -> ``‹/passage›``)."""
    return _TAG.sub(lambda m: f"‹{m.group(1)}{m.group(2)}›", text)


def fence(hits: Sequence[SearchHit]) -> str:
    """The numbered, delimited passages block of an answer prompt."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        where = f' page="{hit.page}"' if hit.page is not None else ""
        title = defuse(hit.title).replace('"', "'")
        blocks.append(f'<passage n="{n}" source="{defuse(hit.source)}" title="{title}"{where}>\n'
                      f"{defuse(hit.text).strip()}\n</passage>")
    return "\n\n".join(blocks)


def is_injection(sentence: str) -> bool:
    return bool(_TRIGGER.search(sentence))


def _payload(after: str) -> str | None:
    quoted = _QUOTED.search(after)
    if quoted:
        return quoted.group(1).strip()
    demand = _DEMAND.search(after)
    if demand:
        text = _SENTENCE_END.split(demand.group(1).strip(), maxsplit=1)[0]
        text = text.strip(" \"'“”‘’.!:")
        if len(normalise_for_match(text)) >= MIN_PAYLOAD_CHARS:
            return text
    return None


def find_injections(hits: Sequence[SearchHit]) -> list[Injection]:
    """Instruction-like text in the retrieved passages, with the text it demands (if any)."""
    found = []
    for i, hit in enumerate(hits):
        for match in _TRIGGER.finditer(hit.text):
            after = hit.text[match.end(): match.end() + PAYLOAD_WINDOW_CHARS]
            found.append(Injection(i, match.group(0), _payload(after)))
    return found


def obeys(sentence: str, injections: Sequence[Injection]) -> bool:
    """True when an answer sentence repeats an injected instruction or says what one demanded."""
    if is_injection(sentence):
        return True
    norm = normalise_for_match(sentence)
    return any(inj.payload and normalise_for_match(inj.payload) in norm for inj in injections)


def strip_obeyed(text: str, injections: Sequence[Injection]) -> tuple[str, int]:
    """Remove answer sentences that obey an injection. Returns (clean text, number of sentences removed)."""
    if not injections and not _TRIGGER.search(text):
        return text, 0
    removed = 0
    lines = []
    for line in text.splitlines():
        kept = []
        for sentence in _SENTENCE_END.split(line):
            if sentence.strip() and obeys(sentence, injections):
                removed += 1
            else:
                kept.append(sentence)
        if kept or not line.strip():
            lines.append(" ".join(s for s in kept if s.strip()) if kept else line)
    return "\n".join(lines).strip(), removed
