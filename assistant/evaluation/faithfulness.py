"""Optional faithfulness metric: are the answer's claims supported by the passages it cites? An LLM judges.

Per answered item the judge splits the answer into factual claims and marks each as supported or not by the
cited passages; the item's score is supported / claims. It needs a generative backend (``--backend openai``,
``ollama`` or ``llamacpp``, or a chat model given to the API): with the offline extractive backend, or when the
endpoint keeps failing, the metric is skipped and the reason is reported instead of a number.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

#: After this many judge calls fail in a row the metric is given up (an endpoint that is down fails every call).
MAX_CONSECUTIVE_FAILURES = 3
#: Characters of each cited passage shown to the judge.
PASSAGE_CHARS = 1500
_MARKER = re.compile(r"\s*\[\d+\]")

JUDGE_SYSTEM = (
    "You check answers of a question-answering assistant against the passages they cite. Split the answer into "
    "its factual claims (one statement each; ignore the [n] citation markers, greetings and hedges). For every "
    "claim decide whether the passages state it or directly imply it. A claim the passages do not contain is "
    "not supported, even if it is true. Reply with JSON: "
    '{"claims": [{"claim": "...", "supported": true}]}.'
)


class JudgedClaim(BaseModel):
    claim: str = Field(description="One factual statement of the answer.")
    supported: bool = Field(description="True when the cited passages state or directly imply it.")


class Judgement(BaseModel):
    claims: list[JudgedClaim] = Field(description="Every factual claim of the answer, judged.")


def judge_messages(question: str, answer: str, passages: list[str]) -> list[tuple[str, str]]:
    """The judge's chat messages (system, human)."""
    shown = "\n\n".join(f"<passage n=\"{n}\">\n{p[:PASSAGE_CHARS]}\n</passage>" for n, p in enumerate(passages, 1))
    human = f"Question: {question}\n\nAnswer:\n{_MARKER.sub('', answer).strip()}\n\nCited passages:\n{shown}"
    return [("system", JUDGE_SYSTEM), ("human", human)]


def judge_answer(chat_model, question: str, answer: str, passages: list[str], *,
                 method: str = "json_mode") -> dict[str, Any]:
    """``{"claims", "supported", "faithfulness", "unsupported": [claim, ...]}`` for one answer (raises on faults)."""
    judge = chat_model.with_structured_output(Judgement, method=method)
    verdict = judge.invoke(judge_messages(question, answer, passages))
    if isinstance(verdict, dict):
        verdict = Judgement.model_validate(verdict)
    total = len(verdict.claims)
    supported = sum(c.supported for c in verdict.claims)
    return {
        "claims": total,
        "supported": supported,
        "faithfulness": supported / total if total else None,
        "unsupported": [c.claim for c in verdict.claims if not c.supported],
    }


class FaithfulnessJudge:
    """Judges answers one by one; gives up (with a reason) after repeated failures instead of stalling a run."""

    def __init__(self, chat_model, *, method: str = "json_mode") -> None:
        self.chat_model = chat_model
        self.method = method
        self.failures = 0
        self.skipped_reason: str | None = None

    @classmethod
    def for_settings(cls, settings, chat_model=None) -> "FaithfulnessJudge":
        """A judge on the configured backend; :attr:`skipped_reason` is set when there is none."""
        if chat_model is None and settings.llm == "extractive":
            judge = cls(None)
            judge.skipped_reason = ("needs a generative backend (--backend openai|ollama|llamacpp); the extractive "
                                    "backend only quotes passages")
            return judge
        if chat_model is None:
            from assistant.llm import build_chat_model

            try:
                chat_model = build_chat_model(settings)
            except Exception as exc:  # noqa: BLE001 - BackendConfigError or a provider's constructor error
                judge = cls(None)
                judge.skipped_reason = f"no judge model: {exc}"
                return judge
        return cls(chat_model, method=settings.endpoint.structured_method)

    def __call__(self, question: str, answer: str, passages: list[str]) -> dict[str, Any] | None:
        """The verdict for one answer, or None (no citations, refused, or the metric was given up)."""
        if self.skipped_reason or not passages or not answer.strip():
            return None
        try:
            verdict = judge_answer(self.chat_model, question, answer, passages, method=self.method)
        except Exception as exc:  # noqa: BLE001 - endpoint faults and malformed replies alike
            self.failures += 1
            if self.failures >= MAX_CONSECUTIVE_FAILURES:
                self.skipped_reason = f"the judge failed {self.failures} times in a row (last: {exc})"
            return {"error": str(exc)}
        self.failures = 0
        return verdict
