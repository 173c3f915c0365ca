"""Question -> (follow-up resolution) -> retrieval -> evidence scoring -> backend -> checked, cited Answer."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from assistant.answer.base import Answerer, ExtractiveAnswerer
from assistant.answer.condense import condense_with_model, resolve_followup
from assistant.answer.scoring import score_sentences
from assistant.answer.sentences import guess_language
from assistant.answer.subject import corpus_stats
from assistant.i18n import t
from assistant.models import Answer
from assistant.retrieve.base import Filters, Searcher
from assistant.settings import Settings

_log = logging.getLogger(__name__)


def _language(question: str, lang: str | None, settings: Settings) -> str:
    if lang in ("nl", "en"):
        return lang
    return guess_language(question, settings.default_lang)


def _error_answer(question: str, backend: str, error: str, standalone: str | None = None) -> Answer:
    return Answer(question=question, answer="", refused=False, backend=backend, error=error,
                  standalone_question=standalone)


def _answerer(settings: Settings, embedder, chat_model) -> Answerer:
    if chat_model is None and settings.llm == "extractive":
        return ExtractiveAnswerer(settings)
    from assistant.answer.generative import LLMAnswerer
    from assistant.llm import build_chat_model

    model = chat_model if chat_model is not None else build_chat_model(settings)
    backend = settings.llm if settings.llm != "extractive" else getattr(model, "_llm_type", "custom")
    return LLMAnswerer(model, settings, embedder, backend)


def _standalone(question, history, filters, lang, answerer) -> tuple[str, Filters | None]:
    """Resolve a follow-up: the model condenses it (LLM backends); the region/topic rules otherwise or on failure."""
    if not history:
        return question, filters
    model = getattr(answerer, "model", None)
    if model is not None:
        try:
            folder = getattr(getattr(answerer, "settings", None), "prompts_dir", None)
            return condense_with_model(model, question, history, lang, folder), filters
        except Exception as exc:  # noqa: BLE001 - a failed condense falls back to the rules; the answer call reports
            _log.info("condensing the follow-up failed (%s); using the region/topic rules", exc)
    return resolve_followup(question, history, filters, lang)


def stream_answer(
    question: str,
    searcher: Searcher,
    settings: Settings,
    *,
    filters: Filters | None = None,
    lang: str | None = None,
    history: Sequence[tuple[str, str]] | None = None,
    embedder=None,
    chat_model=None,
) -> Iterator[str | Answer]:
    """Yield text pieces as they are produced, then the final checked :class:`Answer` (always the last item).

    Never raises for backend faults: they end up in ``Answer.error`` with the setting to check.
    ``history`` holds earlier (question, answer) pairs, oldest first. ``lang`` defaults to the question's
    language when it is clearly Dutch or English, else ``settings.default_lang``.
    """
    from assistant.llm import BackendConfigError, Fault, fault_message

    lang = _language(question, lang, settings)
    question = question.strip()
    try:
        if embedder is None:
            from assistant.index.embedders import get_embedder

            embedder = get_embedder(settings)
        answerer = _answerer(settings, embedder, chat_model)
    except BackendConfigError as exc:
        yield _error_answer(question, settings.llm, fault_message(Fault(exc.kind, False, None, exc.detail),
                                                                  settings, lang))
        return
    except Exception as exc:  # noqa: BLE001 - EmbedderError and provider construction errors
        yield _error_answer(question, settings.llm, str(exc))
        return
    standalone, filters = _standalone(question, history, filters, lang, answerer)
    try:
        hits = searcher.search(standalone, k=settings.retrieval.k, filters=filters)
    except Exception as exc:  # noqa: BLE001 - an index problem is reported, not raised into the UI
        yield _error_answer(question, answerer.backend, t("answer.search_failed", lang, detail=exc),
                            standalone)
        return
    try:
        stats = corpus_stats(searcher, hits)
        evidence = score_sentences(standalone, hits, embedder, stats=stats,
                                   lang=guess_language(standalone, settings.default_lang))
    except Exception as exc:  # noqa: BLE001 - e.g. the embedding model cannot be loaded
        yield _error_answer(question, answerer.backend, str(exc), standalone).model_copy(
            update={"retrieved": list(hits)})
        return
    for item in answerer.stream(standalone, hits, evidence, lang):
        if isinstance(item, Answer):
            yield item.model_copy(update={"question": question, "standalone_question": standalone})
            return
        yield item


def answer_question(
    question: str,
    searcher: Searcher,
    settings: Settings,
    *,
    filters: Filters | None = None,
    lang: str | None = None,
    history: Sequence[tuple[str, str]] | None = None,
    embedder=None,
    chat_model=None,
) -> Answer:
    """Answer a question from the indexed sources, with ``[n]`` citations (see :func:`stream_answer`)."""
    final: Answer | None = None
    for item in stream_answer(question, searcher, settings, filters=filters, lang=lang, history=history,
                              embedder=embedder, chat_model=chat_model):
        if isinstance(item, Answer):
            final = item
    assert final is not None  # stream_answer always ends with an Answer
    return final
