"""The Answerer seam: every backend turns (question, retrieved hits, scored evidence) into text pieces and a final
checked :class:`~assistant.models.Answer`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

from assistant.answer.scoring import Evidence
from assistant.models import Answer, SearchHit


@runtime_checkable
class Answerer(Protocol):
    """A backend. ``stream`` yields provisional text pieces, then exactly one final ``Answer`` (last item).

    The final Answer's ``answer`` is authoritative: it may differ from the concatenated pieces, because citation
    and safety checks run on the complete text.
    """

    backend: str

    def stream(self, question: str, hits: Sequence[SearchHit], evidence: Evidence,
               lang: str) -> Iterator[str | Answer]: ...


class ExtractiveAnswerer:
    """The offline default (see :mod:`assistant.answer.extractive`)."""

    backend = "extractive"

    def __init__(self, settings) -> None:
        self.settings = settings

    def stream(self, question: str, hits: Sequence[SearchHit], evidence: Evidence,
               lang: str) -> Iterator[str | Answer]:
        from assistant.answer.extractive import extractive_answer

        answer = extractive_answer(question, hits, evidence, self.settings, lang)
        yield from answer.answer.splitlines(keepends=True)  # line by line: the framing, then each cited passage
        yield answer
