"""Incremental ingest on the embedded Chroma store: unchanged, changed, deleted, bad files, kill-and-rerun."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder

REPO = Path(__file__).resolve().parents[2]


def paragraph(topic: str, n: int) -> str:
    return " ".join(f"Paragraph {i} about {topic} explains the situation in some detail." for i in range(n))


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "china.md").write_text(f"# China report\n\n## Press\n\n{paragraph('press freedom', 12)}\n")
    dutch = " ".join(f"Alinea {i} over samenwerking legt uit hoe de provincie met partners werkt." for i in range(6))
    (folder / "brabant.txt").write_text(f"Aanpak\n\n{dutch}\n")
    (folder / "sources.yaml").write_text("china.md:\n  title: China 2024\n  kind: government_report\n"
                                         "  regions: [china]\n  independent: true\n")
    return folder


def make(corpus: Path, tmp_path: Path, **overrides) -> tuple[Assistant, FakeEmbedder]:
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder=FAKE_EMBEDDER, **overrides)
    settings.chunk.size = 300
    settings.chunk.overlap = 50
    embedder = FakeEmbedder()
    return Assistant(settings, embedder=embedder), embedder


def consistency(assistant: Assistant) -> dict[str, tuple[set[str], int, int]]:
    state: dict[str, list] = defaultdict(lambda: [set(), 0, 0])
    for chunk in assistant.store.chunks():
        entry = state[chunk.source]
        entry[0].add(chunk.file_hash)
        entry[1] += 1
        entry[2] = chunk.chunk_count
    for source, (hashes, count, expected) in state.items():
        assert len(hashes) == 1, f"{source} mixes file versions"
        assert count == expected, f"{source} has {count} chunks, expected {expected}"
    return {k: tuple(v) for k, v in state.items()}


def test_first_run_indexes_with_manifest_metadata(corpus, tmp_path):
    assistant, embedder = make(corpus, tmp_path)
    summary = assistant.ingest()
    assert sorted(summary.indexed) == ["brabant.txt", "china.md"]
    assert summary.failed == [] and summary.chunks == assistant.store.count() > 2
    assert embedder.calls == summary.chunks
    china = [c for c in assistant.store.chunks() if c.source == "china.md"]
    assert {c.title for c in china} == {"China 2024"} and all(c.independent for c in china)
    assert china[0].regions == ["china"] and china[0].section == "Press"
    brabant = [c for c in assistant.store.chunks() if c.source == "brabant.txt"]
    assert brabant[0].language == "nl"  # inferred: no manifest entry
    consistency(assistant)


def test_rerun_on_unchanged_corpus_embeds_nothing(corpus, tmp_path):
    assistant, embedder = make(corpus, tmp_path)
    first = assistant.ingest()
    calls = embedder.calls
    second = assistant.ingest()
    assert second.indexed == [] and sorted(second.unchanged) == sorted(first.indexed)
    assert embedder.calls == calls and second.chunks == first.chunks


def test_changed_file_replaces_its_chunks_and_deleted_file_is_removed(corpus, tmp_path):
    assistant, _ = make(corpus, tmp_path)
    assistant.ingest()
    old_ids = {c.chunk_id for c in assistant.store.chunks() if c.source == "china.md"}
    (corpus / "china.md").write_text(f"# China report\n\n{paragraph('torture', 5)}\n")
    (corpus / "brabant.txt").unlink()
    summary = assistant.ingest()
    assert summary.indexed == ["china.md"] and summary.removed == ["brabant.txt"]
    chunks = assistant.store.chunks()
    assert {c.source for c in chunks} == {"china.md"}
    assert not old_ids & {c.chunk_id for c in chunks}
    assert all("torture" in c.text for c in chunks)
    consistency(assistant)


def test_bad_files_are_reported_and_the_rest_indexed(corpus, tmp_path):
    (corpus / "empty.pdf").write_bytes(b"")
    (corpus / "junk.pdf").write_bytes(b"\x89junk\x00\x01" * 50)
    (corpus / "data.xlsx").write_bytes(b"PK\x03\x04")
    assistant, _ = make(corpus, tmp_path)
    summary = assistant.ingest()
    failed = {f.path: f.reason for f in summary.failed}
    assert set(failed) == {"empty.pdf", "junk.pdf", "data.xlsx"}
    assert "empty" in failed["empty.pdf"] and "unsupported" in failed["data.xlsx"]
    assert sorted(summary.indexed) == ["brabant.txt", "china.md"]


def test_a_bad_new_version_keeps_the_old_chunks(corpus, tmp_path):
    assistant, _ = make(corpus, tmp_path)
    assistant.ingest()
    before = {c.chunk_id for c in assistant.store.chunks() if c.source == "brabant.txt"}
    (corpus / "brabant.txt").write_bytes(b"\x00\x00binary now")
    summary = assistant.ingest()
    assert [f.path for f in summary.failed] == ["brabant.txt"]
    assert {c.chunk_id for c in assistant.store.chunks() if c.source == "brabant.txt"} == before


def test_index_folder_depends_on_embedder_and_chunk_settings(tmp_path):
    a = Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER)
    b = Settings(index_dir=tmp_path, embedder="use-m")
    c = Settings(index_dir=tmp_path, embedder=FAKE_EMBEDDER)
    c.chunk.size = 500
    assert len({a.index_path, b.index_path, c.index_path}) == 3


KILLER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from assistant.api import Assistant
    from assistant.settings import Settings
    from assistant.testing import FAKE_EMBEDDER, FakeEmbedder

    class DiesMidway(FakeEmbedder):
        def embed_documents(self, texts):
            self.batches = getattr(self, "batches", 0) + 1
            if self.batches == int(sys.argv[3]):
                os._exit(9)  # like SIGKILL: no cleanup, no exception handlers
            return super().embed_documents(texts)

    settings = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), embedder=FAKE_EMBEDDER,
                        embed_batch_size=2)
    settings.chunk.size = 300
    settings.chunk.overlap = 50
    Assistant(settings, embedder=DiesMidway()).ingest()
    """
)


@pytest.mark.parametrize("die_at_batch", [2, 5])
def test_kill_mid_ingest_then_rerun_leaves_a_consistent_index(corpus, tmp_path, die_at_batch):
    assistant, _ = make(corpus, tmp_path, embed_batch_size=2)
    assistant.ingest()
    (corpus / "china.md").write_text(f"# China report\n\n{paragraph('detention', 40)}\n")
    (corpus / "new.md").write_text(f"# New\n\n{paragraph('export controls', 8)}\n")
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    proc = subprocess.run([sys.executable, str(script), str(corpus), str(tmp_path / "index"), str(die_at_batch)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr
    rerun, _ = make(corpus, tmp_path, embed_batch_size=2)
    summary = rerun.ingest()
    assert "china.md" in summary.indexed
    state = consistency(rerun)
    assert set(state) == {"brabant.txt", "china.md", "new.md"}
    ids = [c.chunk_id for c in rerun.store.chunks()]
    assert len(ids) == len(set(ids))
    assert all("detention" in c.text for c in rerun.store.chunks() if c.source == "china.md")
    again = rerun.ingest()
    assert again.indexed == [] and again.removed == []


def test_cli_ingest_json_contract(corpus, tmp_path):
    (corpus / "zero.pdf").write_bytes(b"")
    env = {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "idx"),
           "ASSISTANT_EMBEDDER": FAKE_EMBEDDER, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", "--format", "json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # a file failed
    data = json.loads(proc.stdout)
    assert set(data) == {"indexed", "unchanged", "removed", "failed", "chunks", "seconds"}
    assert data["failed"] == [{"path": "zero.pdf", "reason": "empty file (0 bytes)"}]
    assert isinstance(data["chunks"], int) and isinstance(data["seconds"], float)
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "search", "press freedom", "--format", "json",
                           "-k", "2"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert len(hits) == 2
    assert {"chunk_id", "source", "title", "page", "section", "text", "score"} <= set(hits[0])
    assert hits[0]["source"] == "china.md"


def test_editing_the_manifest_entry_reindexes_that_file(corpus, tmp_path):
    assistant, _ = make(corpus, tmp_path)
    assistant.ingest()
    (corpus / "sources.yaml").write_text("china.md:\n  title: China 2024 (revised)\n  kind: government_report\n"
                                         "  regions: [china]\n  independent: true\n")
    summary = assistant.ingest()
    assert summary.indexed == ["china.md"] and summary.unchanged == ["brabant.txt"]
    assert {c.title for c in assistant.store.chunks() if c.source == "china.md"} == {"China 2024 (revised)"}


def test_large_pdfs_read_ahead_in_a_helper_process_give_the_same_index(corpus, tmp_path, monkeypatch):
    """The prefetch path (a spawned helper process reads the PDF while this process embeds the other files)
    yields exactly the chunks of the in-process path, and a broken PDF is still reported, not raised."""
    from assistant.ingest import pipeline, prepare
    from tests.fixtures_pdf import Page, column, lines_of, make_pdf, write

    text = "Journalists in Viet Nam were imprisoned for their reporting on land disputes and corruption. " * 6
    write(corpus / "vietnam.pdf", make_pdf([Page(column(lines_of(text), 72)) for _ in range(3)]))
    write(corpus / "broken.pdf", b"%PDF-1.4\nnot a real pdf\n%%EOF\n")
    monkeypatch.setattr(prepare, "PREFETCH_MIN_BYTES", 0)  # the small test PDFs count as large
    monkeypatch.setattr(pipeline, "resolve_threads", lambda threads=0: 2)  # as on a 2-core machine
    in_process: list[str] = []
    original = pipeline.prepare

    def recording(job, *args):
        in_process.append(job.source)
        return original(job, *args)

    monkeypatch.setattr(pipeline, "prepare", recording)
    ahead, _ = make(corpus, tmp_path / "ahead")
    summary = ahead.ingest()
    assert sorted(in_process) == ["brabant.txt", "china.md"]  # both PDFs went to the helper
    assert sorted(summary.indexed) == ["brabant.txt", "china.md", "vietnam.pdf"]
    assert [f.path for f in summary.failed] == ["broken.pdf"] and "damaged" in summary.failed[0].reason

    here, _ = make(corpus, tmp_path / "here", ingest_prefetch=False)
    in_process.clear()
    assert sorted(here.ingest().indexed) == sorted(summary.indexed)
    assert sorted(in_process) == ["brabant.txt", "broken.pdf", "china.md", "vietnam.pdf"]

    def chunks(assistant):
        return sorted((c.chunk_id, c.text, c.page, c.section) for c in assistant.store.chunks())

    assert chunks(ahead) == chunks(here) and any(c[2] == 3 for c in chunks(ahead))
    consistency(ahead)


def test_further_document_folders_are_indexed_with_the_corpus_and_the_corpus_wins_a_clash(corpus, tmp_path):
    shared = tmp_path / "shared_docs"
    shared.mkdir()
    (shared / "japan.md").write_text(f"# Japan report\n\n{paragraph('detention', 8)}\n")
    (shared / "china.md").write_text("# Another China file\n\nThis copy must lose to the corpus folder's own.\n")
    assistant, _ = make(corpus, tmp_path, document_dirs=[shared])
    assert assistant.settings.source_dirs == [corpus, shared]
    summary = assistant.ingest()
    assert sorted(summary.indexed) == ["brabant.txt", "china.md", "japan.md"]
    china = [c for c in assistant.store.chunks() if c.source == "china.md"]
    assert all("press freedom" in c.text for c in china) and china[0].title == "China 2024"
    # A run over the same folders removes nothing; a file gone from the extra folder is removed.
    (shared / "japan.md").unlink()
    assert assistant.ingest().removed == ["japan.md"]


def test_the_shared_documents_join_only_the_projects_own_corpus(tmp_path):
    from assistant.settings import PROJECT_ROOT, SHARED_DOCS

    shared = (PROJECT_ROOT / SHARED_DOCS).resolve()
    assert Settings().source_dirs == [PROJECT_ROOT / "corpus", shared]  # CI lays ../shared beside the checkout
    assert Settings(corpus_dir=tmp_path).source_dirs == [tmp_path]
    assert Settings(document_dirs=[]).source_dirs == [PROJECT_ROOT / "corpus"]


def test_many_files_read_and_tokenised_ahead_give_the_same_index(corpus, tmp_path, monkeypatch):
    """From PREFETCH_ALL_MIN_JOBS files on, the helper process reads and tokenises all but the first file: the
    chunks and the lexical index are those of the in-process path."""
    from assistant.ingest import pipeline

    for i in range(pipeline.PREFETCH_ALL_MIN_JOBS):
        (corpus / f"report-{i:02d}.md").write_text(f"# Report {i}\n\n{paragraph(f'topic {i} detention', 6)}\n")
    monkeypatch.setattr(pipeline, "resolve_threads", lambda threads=0: 2)
    in_process: list[str] = []
    original = pipeline.prepare

    def recording(job, *args):
        in_process.append(job.source)
        return original(job, *args)

    monkeypatch.setattr(pipeline, "prepare", recording)
    ahead, _ = make(corpus, tmp_path / "ahead")
    assert len(ahead.ingest().indexed) == pipeline.PREFETCH_ALL_MIN_JOBS + 2
    assert in_process == ["brabant.txt"]  # the first file; the helper prepared the others
    here, _ = make(corpus, tmp_path / "here", ingest_prefetch=False)
    here.ingest()

    def chunks(assistant):
        return sorted((c.chunk_id, c.text, c.page, c.section) for c in assistant.store.chunks())

    def lexical(assistant):
        catalog = assistant.retriever.catalog()
        return (catalog.arrays["ids"].tolist(), catalog.documents, catalog.terms(),
                catalog.bm25_scores(["detent", "topic"]).tolist())

    assert chunks(ahead) == chunks(here)
    assert lexical(ahead) == lexical(here)
