"""The LLM answerer: LCEL chain over fenced passages, streaming, one retry on transient faults, and the checks every
generated answer passes before it reaches the user (injection, citations, refusal, quotes)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from assistant.answer import messages
from assistant.answer.answerability import decide
from assistant.answer.citations import check_markers, cited_sentences, numbered_citations, renumber_markers
from assistant.answer.extractive import extractive_answer, group_quote, refusal
from assistant.answer.safety import fence, find_injections, strip_obeyed
from assistant.answer.scoring import Evidence, Scored, embed_sentences, query_vectors
from assistant.answer.sentences import key_set
from assistant.i18n import t
from assistant.llm import EmptyResponseError, classify, fault_message
from assistant.models import Answer, SearchHit
from assistant.settings import Settings
from assistant.text import normalise_for_match

#: Weight of shared stems next to embedding cosine when matching an answer sentence to its source sentence.
QUOTE_LEXICAL_WEIGHT = 0.5
#: Most source sentences quoted for one citation.
MAX_QUOTE_SENTENCES = 3
#: Refusal reasons of the model's own making (Answer.refusal_reason).
MODEL_REFUSED, NO_CITATIONS = "model_refused", "no_valid_citations"


def answer_chain(model, lang: str, prompts_dir=None):
    """LCEL: checked answer prompt -> chat model -> text. Input keys: question, passages, refusal.
    ``prompts_dir``: an officer's own prompt files (``settings.prompts_dir``); None = the shipped ones."""
    from langchain_core.output_parsers import StrOutputParser

    from assistant.llm.prompts import load_prompt

    return load_prompt("answer", lang, prompts_dir) | model | StrOutputParser()


def is_refusal(text: str) -> bool:
    norm = normalise_for_match(text).rstrip(".")
    return any(normalise_for_match(r).rstrip(".") in norm for r in messages.REFUSAL.values()) and len(norm) < 200


class LLMAnswerer:
    """Answers with a chat model; ``backend`` is the name reported in ``Answer.backend``."""

    def __init__(self, model, settings: Settings, embedder, backend: str) -> None:
        self.model = model
        self.settings = settings
        self.embedder = embedder
        self.backend = backend

    def stream(self, question: str, hits: Sequence[SearchHit], evidence: Evidence,
               lang: str) -> Iterator[str | Answer]:
        decision = decide(evidence, self.settings)
        if not decision.answer:
            yield refusal(question, hits, lang, backend=self.backend, evidence=evidence, reason=decision.reason)
            return
        inputs = {"question": question, "passages": fence(hits), "refusal": t("answer.refusal", lang)}
        attempts = 1 + self.settings.endpoint.max_retries
        for attempt in range(attempts):
            pieces: list[str] = []
            try:
                chain = answer_chain(self.model, lang, self.settings.prompts_dir)
                for piece in chain.stream(inputs):
                    if piece:
                        pieces.append(piece)
                        yield piece
                text = "".join(pieces)
                if not text.strip():
                    raise EmptyResponseError("empty answer")
                break
            except Exception as exc:  # noqa: BLE001 - every fault becomes a message, never a crash
                fault = classify(exc)
                if fault.retry and not pieces and attempt + 1 < attempts:
                    continue
                yield self.fault_answer(question, hits, evidence, lang, fault_message(fault, self.settings, lang))
                return
        yield self.finish(question, text, hits, evidence, lang)

    def fault_answer(self, question, hits, evidence, lang, message: str) -> Answer:
        if self.settings.answer.fallback_extractive:
            fallback = extractive_answer(question, hits, evidence, self.settings, lang)
            return fallback.model_copy(update={"error": message + t("answer.fallback", lang)})
        return Answer(question=question, answer="", refused=False, backend=self.backend, retrieved=list(hits),
                      error=message)

    def finish(self, question: str, text: str, hits: Sequence[SearchHit], evidence: Evidence, lang: str) -> Answer:
        """All checks on a complete generated text."""
        text, obeyed = strip_obeyed(text, find_injections(hits))
        note = t("answer.injection_removed", lang, n=obeyed) if obeyed else None
        clean, used, removed = check_markers(text, len(hits))
        if is_refusal(clean) or not clean:
            return refusal(question, hits, lang, backend=self.backend, removed_citations=removed, error=note,
                           evidence=evidence, reason=MODEL_REFUSED)
        if not used:
            error = t("answer.no_valid_citations", lang)
            return refusal(question, hits, lang, backend=self.backend, removed_citations=removed,
                           error=f"{note} {error}" if note else error, evidence=evidence, reason=NO_CITATIONS)
        quotes = self.quotes(clean, hits, evidence)
        return Answer(question=question, answer=renumber_markers(clean, used), refused=False, backend=self.backend,
                      citations=numbered_citations(used, hits, lambda n: quotes.get(n, "")),
                      retrieved=list(hits), removed_citations=removed, error=note)

    def quotes(self, text: str, hits: Sequence[SearchHit], evidence: Evidence) -> dict[int, str]:
        """For each cited chunk, the source sentence(s) closest to the answer sentences that cite it."""
        claims: dict[int, list[str]] = {}
        for sentence, numbers in cited_sentences(text):
            for n in numbers:
                if 1 <= n <= len(hits):
                    claims.setdefault(n, []).append(sentence)
        by_hit: dict[int, list[Scored]] = {}
        for item in evidence.scored:
            by_hit.setdefault(item.sentence.hit, []).append(item)
        out: dict[int, str] = {}
        for n, said in claims.items():
            candidates = by_hit.get(n - 1, [])
            if not candidates:
                continue
            picked = self._closest(said, candidates)
            picked.sort(key=lambda s: s.sentence.start)
            out[n] = group_quote([s.sentence for s in picked], hits[n - 1].text)
        return out

    def _closest(self, said: list[str], candidates: list[Scored]) -> list[Scored]:
        from assistant.retrieve.glossary import expand_query_bilingual

        cand_vecs = embed_sentences(self.embedder, [c.sentence.display for c in candidates])
        picked: list[Scored] = []
        for claim in said:
            cosine = (query_vectors(claim, self.embedder) @ cand_vecs.T).max(axis=0)
            claim_keys = key_set(f"{claim} {expand_query_bilingual(claim)}")
            best, best_score = None, -np.inf
            for j, cand in enumerate(candidates):
                cand_keys = key_set(cand.sentence.text)
                overlap = len(claim_keys & cand_keys) / max(1, len(claim_keys | cand_keys))
                score = float(cosine[j]) + QUOTE_LEXICAL_WEIGHT * overlap
                if score > best_score:
                    best, best_score = cand, score
            if best is not None and best not in picked:
                picked.append(best)
        return picked[:MAX_QUOTE_SENTENCES]
