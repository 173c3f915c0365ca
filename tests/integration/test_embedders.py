"""The Embedder contract, run against every packaged backend (real models, shipped inside PyPI packages)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.index.embedders import Embedder, get_embedder, resolve_threads
from assistant.settings import Settings
from assistant.testing import FakeEmbedder

pytestmark = pytest.mark.integration

TEXTS = [
    "Journalists were detained for criticising the government.",
    "The province supports semiconductor research clusters.",
    "Het weer was zonnig in de zomer.",
]
DUTCH_QUERY = "Journalisten werden vastgezet omdat ze kritiek hadden op de regering."


def check_contract(embedder: Embedder, multilingual: bool) -> None:
    assert isinstance(embedder, Embedder)
    docs = embedder.embed_documents(TEXTS)
    assert docs.shape == (3, embedder.dim) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert np.allclose(embedder.embed_documents(TEXTS), docs, atol=1e-5)  # deterministic
    assert embedder.embed_documents([]).shape == (0, embedder.dim)
    query = embedder.embed_query("journalists detained by the government")
    assert query.shape == (embedder.dim,) and abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert int(np.argmax(docs @ query)) == 0
    batch = embedder.embed_queries(["journalists detained", "semiconductor research"])
    assert batch.shape == (2, embedder.dim)
    assert int(np.argmax(docs @ batch[1])) == 1
    if multilingual:  # a Dutch question finds the English passage
        assert int(np.argmax(docs @ embedder.embed_query(DUTCH_QUERY))) == 0


def test_fake_embedder_contract():
    check_contract(FakeEmbedder(), multilingual=False)


@pytest.mark.parametrize(("name", "multilingual"), [("use-m", True), ("e5-small", True), ("minilm", False)])
def test_packaged_embedder_contract(name, multilingual):
    check_contract(get_embedder(Settings(embedder=name)), multilingual)


def test_sentence_transformers_folder_backend():
    from assistant.index.embedders import minilm_path

    embedder = get_embedder(Settings(embedder="st", st_model_path=minilm_path()))
    check_contract(embedder, multilingual=False)
    assert embedder.name.startswith("st-")


def test_missing_model_folder_is_a_clear_error(tmp_path):
    from assistant.index.embedders import EmbedderError

    embedder = get_embedder(Settings(embedder="st", st_model_path=str(tmp_path / "nope")))
    with pytest.raises(EmbedderError, match="ASSISTANT_ST_MODEL_PATH"):
        embedder.embed_documents(["x"])


def test_packaged_models_run_on_the_configured_threads():
    """USE-m's own default (4 BLAS threads) made a query ~50x slower on 2 cores: ours follows the machine."""
    assert get_embedder(Settings(embedder="use-m")).threads == resolve_threads() >= 1
    one = get_embedder(Settings(embedder="use-m", embed_threads=1))
    assert one.threads == 1 and one.model.threads == 1
    assert get_embedder(Settings(embedder="e5-small", embed_threads=1)).threads == 1
    assert resolve_threads(3) == 3


def test_use_m_parallel_batches_equal_one_call():
    """An ingest batch is split over one thread per core; the vectors are those of a single call, in order."""
    from assistant.index.embedders import PARALLEL_MIN_TEXTS, UseMultilingualEmbedder

    texts = [f"{t} ({i})" for i in range(PARALLEL_MIN_TEXTS) for t in TEXTS]
    parallel = UseMultilingualEmbedder(threads=2)
    together = parallel.embed_documents(texts)
    one_call = parallel.model.encode(texts)
    one_call /= np.linalg.norm(one_call, axis=1, keepdims=True)
    assert together.shape == (len(texts), 512)
    assert np.allclose(together, one_call, atol=1e-5)
