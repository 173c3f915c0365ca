"""Answer or refuse: a decision from several signals, by written rules, in this order.

1. **too vague** - the question points at something it never names ("Hoe zit het daar met ...?", "Is that
   allowed?") and has no name, region or year of its own;
2. **unknown name** - an English question names something no document of the corpus mentions;
3. **not about the subject** - no retrieved chunk is about the countries, names and years the question names,
   and covers enough of its rarer concepts (``answer.min_subject``); presuppositions the sources never support
   (a year, a programme, an agreement that does not occur) and the right topic for the wrong country end here;
4. **no answer of the asked kind** - a number, amount, share, date, duration, name or place question, and no
   sentence of those chunks holds one;
5. **forecast** - the question asks about the future and the best sentences state no plan, target or schedule;
6. **weak support** - the best remaining sentence's support is below ``answer.min_support``, or none of the
   remaining sentences is semantically close to the question (``answer.min_semantic``, on the embedder's scaled
   cosine): a word shared by accident ("recept" / "reception") is no answer.

Otherwise the answer's anchors are chosen among the sentences that pass: the best one first (it holds the
asked-for fact when the question asks for one), then others of the same chunks' subject above
``answer.sentence_floor`` x the best. The reason of a refusal is kept in ``Answer.refusal_reason``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answer.question import states_future
from assistant.answer.safety import is_injection
from assistant.answer.scoring import Evidence, Scored
from assistant.settings import Settings

VAGUE, UNKNOWN_NAME, OFF_SUBJECT = "vague", "unknown_name", "off_subject"
NO_TYPED_ANSWER, FORECAST, LOW_SUPPORT, NO_SENTENCES = "no_typed_answer", "forecast", "low_support", "no_sentences"
#: How many of the best typed sentences may show a plan or schedule for a forecast question.
FORECAST_LOOKAHEAD = 3


@dataclass
class Decision:
    """Answer (with the candidate sentences, best first) or refuse (with the reason)."""

    answer: bool
    reason: str = ""  # a code, "unknown_name: <names>" for unknown names
    candidates: list[Scored] = field(default_factory=list)


def _on_subject(evidence: Evidence, item: Scored, min_subject: float) -> bool:
    hit = item.sentence.hit
    subject = evidence.subject[hit] if hit < len(evidence.subject) else 1.0
    return evidence.admissible(item) and subject >= min_subject and not is_injection(item.sentence.text)


def decide(evidence: Evidence, settings: Settings) -> Decision:
    """The answerability decision for scored evidence (see the module docstring for the rules)."""
    cfg = settings.answer
    prof = evidence.profile
    if not evidence.scored:
        return Decision(False, NO_SENTENCES)
    if prof is not None and prof.vague:
        return Decision(False, VAGUE)
    if evidence.unknown_names:
        return Decision(False, f"{UNKNOWN_NAME}: {', '.join(evidence.unknown_names)}")
    about = [s for s in evidence.scored if _on_subject(evidence, s, cfg.min_subject)]
    if not about:
        return Decision(False, OFF_SUBJECT)
    typed = [s for s in about if s.typed]
    if not typed:
        return Decision(False, NO_TYPED_ANSWER)
    if prof is not None and prof.forecast and not any(states_future(s.sentence.text)
                                                      for s in typed[:FORECAST_LOOKAHEAD]):
        return Decision(False, FORECAST)
    if typed[0].support < cfg.min_support or max(s.semantic for s in typed) < cfg.min_semantic:
        return Decision(False, LOW_SUPPORT)
    best = typed[0]
    return Decision(True, "", [best, *(s for s in about if s is not best)])
