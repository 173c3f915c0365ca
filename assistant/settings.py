"""One settings tree for the whole assistant.

Every field is described; every field can be set from the environment with the prefix ``ASSISTANT_``
(nested groups use ``__``: ``ASSISTANT_RETRIEVAL__K=8``) or from a ``.env`` file in the working directory.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The prompt files, the compass definition and the indicator catalog shipped inside the package (package data
#: ``assistant/prompts``, a link to the repository's top-level ``prompts/``), found through the package so an
#: installed wheel needs no checkout.
PACKAGED_PROMPTS = Path(str(files("assistant") / "prompts"))
#: The shared corpus's documents, relative to the project folder (read from there, never copied into corpus/).
SHARED_DOCS = Path("..") / "shared" / "corpus" / "docs"
#: Bump when the chunk format or metadata layout changes: it is part of the index folder name.
INDEX_SCHEMA_VERSION = 2  # 2: chunks carry the sub-national partner regions they name

EmbedderName = Literal["use-m", "e5-small", "minilm", "st"]
#: Any other embedder is named by reference, 'package.module:attribute' (a class or factory called without
#: arguments), e.g. the test fake 'assistant.testing:FakeEmbedder' for the scale benchmark.
EMBEDDER_REFERENCE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
#: Answer backends: the offline extractive answerer, or a chat model of :mod:`assistant.llm` (tests inject their own
#: chat model through the API instead of naming one here).
LLMName = Literal["extractive", "openai", "ollama", "llamacpp"]


def check_embedder(value: str) -> str:
    """``value`` when it names an embedder (a built-in name or a 'package.module:attribute' reference)."""
    if value in get_args(EmbedderName) or EMBEDDER_REFERENCE.match(value):
        return value
    raise ValueError(f"unknown embedder {value!r}: choose one of {', '.join(get_args(EmbedderName))}, or name an "
                     "embedder class as 'package.module:attribute' (tests and benchmarks: "
                     "assistant.testing:FakeEmbedder)")


class ChunkSettings(BaseModel):
    """How documents are cut into chunks."""

    size: int = Field(900, ge=200, le=8000, description="Target chunk length in characters.")
    overlap: int = Field(
        150, ge=0, le=2000, description="Characters of the previous chunk repeated at the start of the next."
    )
    min_size: int = Field(
        120, ge=0, le=2000, description="A trailing piece shorter than this is merged into its neighbour."
    )


class RetrievalSettings(BaseModel):
    """Hybrid (dense + BM25) retrieval and fusion."""

    k: int = Field(5, ge=1, le=100, description="Number of chunks returned by search and given to answerers.")
    candidates: int = Field(
        40, ge=5, le=500, description="Candidates fetched from each retriever (dense, BM25) before fusion."
    )
    rrf_k: int = Field(20, ge=1, le=1000, description="Reciprocal-rank-fusion constant (higher = flatter; 20 measured "
                       "best of 20/60 on eval/questions.jsonl).")
    dense_weight: float = Field(1.0, ge=0, le=10, description="Weight of the dense ranking in the fusion.")
    bm25_weight: float = Field(1.0, ge=0, le=10, description="Weight of the BM25 ranking in the fusion.")
    region_boost: float = Field(
        1.0,
        ge=0,
        le=10,
        description="Extra fused score (in units of a rank-1 RRF contribution) for chunks about the region "
        "named in the question. 0 switches region boosting off.",
    )
    region_filter: bool = Field(
        True,
        description="When the question names a region, also retrieve candidates restricted to that region's "
        "chunks (added to, not replacing, the unfiltered candidates).",
    )
    translate_query: bool = Field(
        True,
        description="Add English equivalents of Dutch query terms (bundled glossary) to the BM25 query, so Dutch "
        "questions also match English documents lexically.",
    )
    dense_translated_query: bool = Field(
        True, description="Also run a dense search with the English glossary terms of a Dutch question."
    )
    translated_weight: float = Field(
        0.5, ge=0, le=10, description="Weight of the translated dense ranking, relative to dense_weight."
    )


class LLMSettings(BaseModel):
    """Generative backends (only used when ``ASSISTANT_LLM`` is not ``extractive``)."""

    base_url: str = Field(
        "http://127.0.0.1:8000/v1",
        description="OpenAI-compatible endpoint (vLLM, llama.cpp server, Azure OpenAI) or the Ollama URL.",
    )
    model: str = Field("local-model", description="Model name sent to the endpoint.")
    api_key: str = Field("not-needed", description="API key for the endpoint; local servers ignore it.")
    timeout: float = Field(60.0, gt=0, le=3600, description="Seconds to wait for one LLM response.")
    max_retries: int = Field(1, ge=0, le=5, description="Retries after a failed or malformed LLM call.")
    temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature; 0 for reproducible answers.")
    max_tokens: int = Field(700, ge=16, le=32000, description="Upper bound on generated tokens per call.")
    gguf_path: str | None = Field(
        None, description="Local GGUF model file for the 'llamacpp' backend (llama-cpp-python extra)."
    )
    structured_method: Literal["json_mode", "function_calling", "json_schema"] = Field(
        "json_mode",
        description="How structured score proposals are requested. llama.cpp's server rejects 'json_schema'.",
    )


class AnswerSettings(BaseModel):
    """The extractive answerer and refusal rules (all backends)."""

    max_sentences: int = Field(5, ge=1, le=20, description="Most cited sentences in an extractive answer.")
    min_support: float = Field(
        0.15,
        ge=0,
        le=1,
        description="Refuse when the best sentence that is about the question's subject (and holds an answer of the "
        "asked kind) has a support score below this (0-1, blend of semantic similarity and term overlap with the "
        "question).",
    )
    min_semantic: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Refuse when no sentence about the question's subject reaches this semantic similarity to the "
        "question (0-1, the embedder's cosine rescaled as in the support score).",
    )
    min_subject: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Quote only chunks that cover at least this share of the question's concepts, weighted by how "
        "rare they are in the corpus (0-1); with none, refuse.",
    )
    sentence_floor: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Keep further sentences only when their support is at least this fraction of the best one.",
    )
    fallback_extractive: bool = Field(
        True,
        description="When a generative backend fails (endpoint down, timeout, bad response), show the extractive "
        "answer together with the error instead of no answer.",
    )


class CompassSettings(BaseModel):
    """The afwegingskompas: proposers and the validator."""

    definition: Path = Field(
        PACKAGED_PROMPTS / "compass.yaml",
        description="The versioned compass definition (YAML); its indicator catalog (indicators.yaml) is read from "
        "the same folder. Default: the definition shipped with the package (the repository's prompts/compass.yaml); "
        "point it at an officer's own copy to change the compass.",
    )
    max_evidence_age_years: int = Field(
        5, ge=1, le=50, description="Evidence older than this many years gets a validator warning."
    )
    overrides_log: Path | None = Field(
        None, description="Append-only JSON Lines log of officer overrides; default: INDEX_DIR/overrides.jsonl."
    )
    evidence_per_criterion: int = Field(
        3, ge=1, le=10, description="Document passages quoted per criterion (indicator values come on top).")
    data_dir: Path | None = Field(
        None,
        description="Folder with the open indicator data (the publishers' downloads, see prompts/indicators.yaml "
        "and 'assistant data'); unset = ../shared/corpus/data beside the project when it exists, else "
        "CORPUS_DIR/data.",
    )
    relations_file: Path | None = Field(
        None, description="The relations register (YAML, reviewable in a diff; 'assistant relations'); its history "
        "relations-history.jsonl is kept beside it. Unset = CORPUS_DIR/relations.yaml.")
    relation_max_age_years: int = Field(
        3, ge=1, le=50, description="A register entry not confirmed (dated or edited) for this many years gets a "
        "validator warning: contacts move on, and an officer should check that the relation is still active.")
    themes: list[str] | None = Field(
        None,
        description="Innovation theme ids (from the compass definition) to score against, e.g. "
        "'[\"energietransitie\", \"sleuteltechnologieen\"]'; unset = all themes of the definition.",
    )
    llm_schema_in_json_mode: bool = Field(
        False,
        description="LLM proposer with structured_method json_mode: also send the proposal's JSON schema in "
        "response_format {type: json_object, schema}. llama-cpp-python's server turns it into a grammar (small "
        "models then answer in the schema); other OpenAI-compatible servers may reject it.",
    )


class AppSettings(BaseModel):
    """The Gradio app."""

    host: str = Field("127.0.0.1", description="Address to bind; keep loopback unless behind a proxy.")
    port: int = Field(7860, ge=1, le=65535, description="Port to listen on.")
    auth: str | None = Field(
        None, description="Optional login as 'user:password' (comma-separate several pairs)."
    )
    editors: list[str] | None = Field(
        None, description="With logins: the user names that may change things (the relations register, score "
        "overrides, uploading and removing documents), e.g. '[\"anna\"]'; other users only read. Unset = every "
        "logged-in user may edit. Without logins everyone may edit.")
    max_upload_mb: int = Field(50, ge=1, le=2000, description="Largest accepted upload, in megabytes.")
    concurrency: int = Field(4, ge=1, le=64, description="Requests the Gradio queue works on at once.")
    language: Literal["nl", "en"] = Field("nl", description="Default interface language.")


class Settings(BaseSettings):
    """Root of the settings tree (env prefix ``ASSISTANT_``)."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder with the documents to index (uploads in "
                             "the app are saved here).")
    document_dirs: list[Path] | None = Field(
        None,
        description="Further read-only document folders indexed together with the corpus folder (the source names "
        "of their files are their paths inside the folder; on a clash the corpus folder wins). Unset = the shared "
        "corpus's documents (../shared/corpus/docs beside the project) when they exist and the corpus folder is the "
        "project's own corpus/; '[]' = none.",
    )
    index_dir: Path = Field(
        PROJECT_ROOT / "index", description="Folder for the persisted index (one sub-folder per configuration)."
    )
    embedder: str = Field(
        "use-m",
        description="Embedding model: 'use-m' (USE-multilingual v3, default), 'e5-small' (multilingual-e5-small), "
        "'minilm' (packaged all-MiniLM-L6-v2, English), 'st' (any sentence-transformers folder in "
        "ASSISTANT_ST_MODEL_PATH), or any embedder class named 'package.module:attribute' (called without "
        "arguments; e.g. 'assistant.testing:FakeEmbedder', the model-free test embedder the scale benchmark uses).",
    )
    st_model_path: str | None = Field(
        None, description="Local sentence-transformers model folder for embedder 'st'."
    )
    model_cache: bool = Field(
        True, description="Keep USE-m's tokenizer and weights in INDEX_DIR/model-cache, ready to load: a cold "
        "command-line search starts about 0.7 s sooner. Off = load them from the package every time.",
    )
    chroma_url: str | None = Field(
        None, description="URL of a Chroma server (e.g. http://127.0.0.1:8001); unset = embedded PersistentClient."
    )
    lexical_dir: Path | None = Field(
        None,
        description="Folder for the lexical index (BM25, metadata arrays, document table), one sub-folder per index "
        "configuration; unset = INDEX_DIR/<index name>/lexical. App workers that share one Chroma server "
        "(ASSISTANT_CHROMA_URL) must share this folder too (a shared volume): it also holds the ingest lock.",
    )
    prompts_dir: Path | None = Field(
        None,
        description="Folder with an officer's own copy of the prompt files (answer, condense, score and brief, "
        "'<name>_<lang>.txt' for nl and en; every file the used backends need must be there). Unset = the prompts "
        "shipped with the package (the repository's prompts/ folder).",
    )
    llm: LLMName = Field("extractive", description="Answer backend: extractive (offline default), openai, ollama or "
                         "llamacpp.")
    default_lang: Literal["nl", "en"] = Field("nl", description="Language of answers when none is requested.")
    embed_batch_size: int = Field(32, ge=1, le=1024, description="Texts per embedding call during ingest.")
    ingest_prefetch: bool = Field(
        True,
        description="Read large PDFs in a helper process while the other files are embedded (on 2+ cores this "
        "hides most of the PDF reading time of a cold ingest).",
    )
    embed_threads: int = Field(
        0, ge=0, le=256,
        description="CPU threads for the embedding model; 0 = the cores this process may use. More threads than "
        "cores make USE-m's numpy forward pass spin: on 2 cores, 4 threads made a query 50x slower.",
    )
    chunk: ChunkSettings = Field(default_factory=ChunkSettings, description="Chunking.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Retrieval and fusion.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answers and refusals.")
    endpoint: LLMSettings = Field(default_factory=LLMSettings, description="Generative backends (LLM endpoint).")
    compass: CompassSettings = Field(default_factory=CompassSettings, description="The afwegingskompas.")
    app: AppSettings = Field(default_factory=AppSettings, description="The Gradio app.")

    @field_validator("embedder")
    @classmethod
    def _known_embedder(cls, value: str) -> str:
        return check_embedder(value)

    @property
    def embedder_id(self) -> str:
        """A filesystem-safe id of the embedding model (including a custom model path or embedder reference)."""
        if self.embedder == "st":
            digest = hashlib.sha1(str(self.st_model_path).encode()).hexdigest()[:8]
            return f"st-{digest}"
        return re.sub(r"[^A-Za-z0-9_.-]", "-", self.embedder)

    @property
    def index_name(self) -> str:
        """Name derived from embedder and chunk settings: changing either never mixes vectors."""
        c = self.chunk
        raw = f"{self.embedder_id}__c{c.size}-o{c.overlap}-m{c.min_size}-v{INDEX_SCHEMA_VERSION}"
        return re.sub(r"[^A-Za-z0-9_.-]", "-", raw)

    @property
    def index_path(self) -> Path:
        return self.index_dir / self.index_name

    @property
    def source_dirs(self) -> list[Path]:
        """The folders ``assistant ingest`` indexes by default: the corpus folder, then ``document_dirs``."""
        extra = self.document_dirs
        if extra is None:
            shared = (PROJECT_ROOT / SHARED_DOCS).resolve()
            default_corpus = Path(self.corpus_dir).resolve() == (PROJECT_ROOT / "corpus").resolve()
            extra = [shared] if default_corpus and shared.is_dir() else []
        return [Path(self.corpus_dir), *(Path(d) for d in extra)]

    @property
    def model_cache_path(self) -> Path | None:
        """Where the embedding model is cached ready to load; None when ``model_cache`` is off."""
        return self.index_dir / "model-cache" if self.model_cache else None

    @property
    def lexical_path(self) -> Path:
        """Where the lexical index of this configuration lives (see ``lexical_dir``)."""
        return self.lexical_dir / self.index_name if self.lexical_dir else self.index_path / "lexical"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, read once. Tests build ``Settings(...)`` directly instead."""
    return Settings()
