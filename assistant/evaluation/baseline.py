"""The vanilla LangChain RAG the assistant is compared against (retrieval only: it has no answerer).

Exactly what a LangChain tutorial builds: ``PyPDFLoader`` / ``TextLoader`` (langchain-community), the default
``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``, ``Chroma.from_documents`` (langchain-chroma)
with the same embedding model as the assistant, and dense-only top-4 similarity search. No BM25, no metadata,
no query translation, no region awareness.
"""

from __future__ import annotations

import tempfile
import time
import uuid
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from assistant.evaluation.metrics import Hit

#: The defaults of a LangChain tutorial (RecursiveCharacterTextSplitter docs, ``as_retriever()`` k=4).
BASELINE_CHUNK_SIZE = 1000
BASELINE_CHUNK_OVERLAP = 200
BASELINE_K = 4
#: File types the vanilla loaders read; everything else in the docs folders is skipped (and reported).
TEXT_SUFFIXES = (".md", ".txt")
PDF_SUFFIX = ".pdf"


def baseline_files(docs: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(files the vanilla loaders read, files they skip), from docs folders or single files."""
    from assistant.ingest.pipeline import IGNORED_NAMES

    found: list[Path] = []
    for root in (Path(d) for d in docs):
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found += sorted(p for p in root.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(root).parts))
        else:
            raise FileNotFoundError(f"No such docs folder or file: {root}. Pass existing paths with --docs.")
    found = [p for p in found if p.name not in IGNORED_NAMES]
    readable = [p for p in found if p.suffix.lower() in TEXT_SUFFIXES + (PDF_SUFFIX,)]
    return readable, [p for p in found if p not in readable]


def load_documents(files: Sequence[Path]) -> list:
    """LangChain Documents: one per PDF page (PyPDFLoader), one per text file (TextLoader, UTF-8)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # langchain-community announces its sunset on import
        from langchain_community.document_loaders import PyPDFLoader, TextLoader

    documents = []
    for path in files:
        if path.suffix.lower() == PDF_SUFFIX:
            documents += PyPDFLoader(str(path)).load()
        else:
            documents += TextLoader(str(path), encoding="utf-8").load()
    return documents


def split_documents(documents: list) -> list:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=BASELINE_CHUNK_SIZE, chunk_overlap=BASELINE_CHUNK_OVERLAP)
    return splitter.split_documents(documents)


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


class VanillaRAG:
    """Dense-only top-k retrieval over a Chroma collection built with ``Chroma.from_documents``."""

    def __init__(self, vectorstore, chunks: list, k: int = BASELINE_K, seconds: float = 0.0,
                 skipped: Sequence[Path] = ()) -> None:
        self.vectorstore = vectorstore
        self.chunks = chunks
        self.k = k
        self.build_seconds = seconds
        self.skipped = list(skipped)

    @classmethod
    def build(cls, docs: Iterable[str | Path], embedder, persist_dir: str | Path, *, k: int = BASELINE_K
              ) -> "VanillaRAG":
        """Load, split and embed the docs into a new Chroma collection in ``persist_dir``.

        ``embedder`` is the assistant's :class:`assistant.index.embedders.Embedder`, used through the LangChain
        adapter, so both systems embed with the same model.
        """
        from langchain_chroma import Chroma

        from assistant.index.embedders import LangChainEmbeddings

        embeddings = LangChainEmbeddings(embedder)
        started = time.perf_counter()
        files, skipped = baseline_files(docs)
        chunks = split_documents(load_documents(files))
        if not chunks:
            raise ValueError("The baseline found no text to index; check the --docs folders (PDF, .md, .txt).")
        store = Chroma.from_documents(chunks, embedding=embeddings, persist_directory=str(persist_dir),
                                      collection_name=f"baseline-{uuid.uuid4().hex[:8]}",
                                      client_settings=_chroma_settings())
        return cls(store, chunks, k=k, seconds=time.perf_counter() - started, skipped=skipped)

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        docs = self.vectorstore.similarity_search(query, k=k or self.k)
        return [_hit(doc) for doc in docs]

    def passages(self) -> list[Hit]:
        """Every chunk of the baseline index (for the evidence-indexable diagnostic)."""
        return [_hit(doc, n) for n, doc in enumerate(self.chunks)]


def _hit(doc, n: int | None = None) -> Hit:
    meta = doc.metadata or {}
    page = meta.get("page")
    chunk_id = doc.id or f"{meta.get('source', '')}#{n if n is not None else hash(doc.page_content)}"
    return Hit(chunk_id=str(chunk_id), source=str(meta.get("source", "")), text=doc.page_content,
               page=int(page) + 1 if isinstance(page, int) else None)


def temporary_dir() -> tempfile.TemporaryDirectory:
    """A temp folder for a throw-away baseline index (removed on exit, errors ignored)."""
    return tempfile.TemporaryDirectory(prefix="assistant-baseline-", ignore_cleanup_errors=True)
