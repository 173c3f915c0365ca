"""The one Python API. The CLI, the Gradio app, the evaluation runner and the tests all call this class.

    from assistant.api import Assistant
    assistant = Assistant()               # settings from ASSISTANT_* environment variables
    assistant.ingest()                    # index the corpus folder (incremental)
    hits = assistant.search("persvrijheid China", k=5)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.index.catalog import DOCUMENT_KEYS
from assistant.index.embedders import Embedder, get_embedder
from assistant.index.lexical import LexicalIndex
from assistant.index.store import VectorStore, open_store
from assistant.ingest.pipeline import Progress, ingest, open_lexical, remove_source
from assistant.models import Answer, Chunk, IngestSummary, SearchHit
from assistant.retrieve.base import Filters
from assistant.retrieve.hybrid import HybridRetriever
from assistant.settings import Settings, get_settings

if TYPE_CHECKING:
    from assistant.compass import Assessment, ValidationReport


class Assistant:
    """Facade over the pipeline. Components are created lazily, so constructing it is cheap."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        chat_model=None,
    ) -> None:
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._store = store
        self._retriever: HybridRetriever | None = None
        self._lexical: LexicalIndex | None = None
        self.chat_model = chat_model
        self._lock = threading.Lock()

    # -- components ----------------------------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def store(self) -> VectorStore:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings)
            return self._store

    @property
    def lexical(self) -> LexicalIndex:
        """The lexical index (BM25, metadata arrays, document table) beside the store; shared by search and ingest."""
        with self._lock:
            if self._lexical is None:
                self._lexical = open_lexical(self.settings)
            return self._lexical

    @property
    def retriever(self) -> HybridRetriever:
        if self._retriever is None:
            self._retriever = HybridRetriever(self.settings, self.embedder, self.store, lexical=self.lexical)
        return self._retriever

    # -- ingest -> index -----------------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path] | None = None,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Index files/folders (default: ``settings.source_dirs``, the corpus folder and the further document
        folders such as the shared corpus). Unchanged files are not re-embedded."""
        path_list = [Path(p) for p in paths] if paths else None
        summary = ingest(self.settings, self.store, self.embedder, path_list, rebuild=rebuild, progress=progress,
                         lexical=self.lexical)
        self.retriever.refresh()
        return summary

    # -- retrieve ------------------------------------------------------------------------------------------------
    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[SearchHit]:
        """Best chunks for a query, hybrid (dense + BM25) with region awareness; ``filters`` restrict hard."""
        return self.retriever.search(query, k=k, filters=filters)

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        return self.retriever.get_chunk(chunk_id)

    def documents(self) -> list[dict]:
        """One row per indexed document: its metadata and number of chunks (for the sources overview). Read from
        the document table kept at ingest, not from the chunks."""
        return [{key: doc[key] for key in DOCUMENT_KEYS} for doc in self.retriever.documents()]

    def remove_document(self, source: str, *, delete_file: bool = False) -> int:
        """Remove a document's chunks from the index (and optionally its file from the corpus folder)."""
        removed = remove_source(self.settings, self.store, source, lexical=self.lexical)
        if delete_file:
            path = (self.settings.corpus_dir / source).resolve()
            if self.settings.corpus_dir.resolve() in path.parents and path.is_file():
                path.unlink()
        self.retriever.refresh()
        return removed

    # -- answer ---------------------------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        lang: str | None = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Answer:
        """Answer with ``[n]`` citations to retrieved chunks (or refuse). Backend faults end up in ``Answer.error``."""
        from assistant.answer.pipeline import answer_question

        return answer_question(question, self.retriever, self.settings, filters=filters, lang=lang, history=history,
                               embedder=self.embedder, chat_model=self.chat_model)

    def stream(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        lang: str | None = None,
        history: list[tuple[str, str]] | None = None,
    ) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the final checked :class:`Answer`."""
        from assistant.answer.pipeline import stream_answer

        yield from stream_answer(question, self.retriever, self.settings, filters=filters, lang=lang,
                                 history=history, embedder=self.embedder, chat_model=self.chat_model)

    # -- compass --------------------------------------------------------------------------------------------------
    def score(self, region: str, *, backend: str = "evidence") -> tuple["Assessment", "ValidationReport"]:
        """Propose compass scores for a region and validate the proposal (always both)."""
        from assistant.compass import propose, validate

        assessment = propose(region, self.retriever, self.settings, backend=backend, chat_model=self.chat_model)
        return assessment, validate(assessment, self.retriever, self.settings)

    def indicator_data(self):
        """The open indicator data of the compass (:class:`assistant.compass.indicators.IndicatorData`)."""
        from assistant.compass import load_definition
        from assistant.compass.indicators import indicator_data

        return indicator_data(load_definition(self.settings), self.settings)

    def data_status(self) -> dict:
        """``assistant data``: the indicator data folder and, per dataset, its file, vintage and coverage, or what
        to download from where."""
        data = self.indicator_data()
        return {"data_dir": str(data.data_dir), "exists": data.data_dir.is_dir(),
                "datasets": [st.as_dict() for st in data.status()]}

    def validate(self, assessment: "Assessment | dict") -> "ValidationReport":
        from assistant.compass import validate

        return validate(assessment, self.retriever, self.settings)

    def override(self, assessment: "Assessment", criterion: str, score: int | None, reason: str, officer: str,
                 *, mitigation_note: str | None = None) -> tuple["Assessment", "ValidationReport"]:
        """An officer's override, appended to the overrides log; the validator runs again on the result."""
        from assistant.compass import default_log_path, override_and_validate

        return override_and_validate(assessment, criterion, score, reason, officer,
                                     default_log_path(self.settings), self.retriever, self.settings,
                                     mitigation_note=mitigation_note)

    # -- relations register ---------------------------------------------------------------------------------------
    def relations_register(self):
        """The relations register (:class:`assistant.compass.relations.RelationsRegister`) of the settings."""
        from assistant.compass.relations import open_register

        return open_register(self.settings)

    def relations(self, region: str | None = None) -> list:
        """Entries of the relations register, of ``region`` (a country includes its sub-national regions) or all."""
        return self.relations_register().list(region)

    def add_relation(self, *, region: str, kind: str, organisation: str, date: str, description: str, officer: str,
                     end_date: str | None = None, link: str | None = None, reason: str = ""):
        """Record a relation (kinds: assistant.compass.relations.KINDS); raises RelationError (nothing written) on
        bad input. Returns the entry with its id."""
        fields = {"region": region, "kind": kind, "organisation": organisation, "date": date,
                  "end_date": end_date, "description": description, "link": link}
        return self.relations_register().add(fields, officer, reason)

    def edit_relation(self, relation_id: str, *, officer: str, reason: str, **changes):
        """Change fields of an entry (region, kind, organisation, date, end_date, description, link), with a reason."""
        return self.relations_register().edit(relation_id, changes, officer, reason)

    def remove_relation(self, relation_id: str, *, officer: str, reason: str):
        """Remove an entry (its history stays), with a reason."""
        return self.relations_register().remove(relation_id, officer, reason)

    def relation_history(self, relation_id: str | None = None) -> list[dict]:
        """Every logged change of the register (who, when, why, before and after), optionally of one entry."""
        return self.relations_register().history(relation_id)

    def status(self) -> dict:
        """What answers and how big the index is (for the app's status line)."""
        return {
            "backend": self.settings.llm,
            "endpoint": self.settings.endpoint.base_url if self.settings.llm in {"openai", "ollama"} else None,
            "embedder": self.settings.embedder,
            "index": self.settings.index_name,
            "chunks": self.store.count(),
            "documents": len(self.retriever.documents()),
        }
