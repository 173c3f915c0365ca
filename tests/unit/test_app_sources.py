"""Bronnen tab logic: safe upload names, uploads into the corpus with per-file results, listing and removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.app.sources import (MAX_NAME_CHARS, UploadRejected, add_files, document_rows, remove_document,
                                   result_summary, safe_target, sanitize_filename)
from tests.app_fixtures import CORPUS, write_corpus

GOOD_MD = "# Notitie Japan\n\nJapan investeert in waterstof en batterijen voor de energietransitie.\n"
BAD_PDF = b"%PDF-1.4\nnot a real pdf\n"


@pytest.mark.parametrize("name, expected", [
    ("rapport.pdf", "rapport.pdf"),
    ("../../etc/passwd.md", "passwd.md"),
    ("..\\..\\windows\\evil.txt", "evil.txt"),
    ("/abs/path/notitie.MD", "notitie.md"),
    ("Één rapport (2024).DOCX", "Een rapport (2024).docx"),
    ("a<b>c|d?.html", "a_b_c_d.html"),
    ("  ..verborgen.txt", "verborgen.txt"),
    ("line\nbreak\x00.md", "linebreak.md"),
])
def test_sanitize_keeps_only_a_safe_base_name(name, expected):
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name, key", [
    ("virus.exe", "reject_type"), ("geen_extensie", "reject_type"), ("archive.tar.gz", "reject_type"),
    ("..", "reject_type"), (".md", "reject_name"), ("___.pdf", "reject_name"),
    ("sources.yaml", "reject_type"), ("README.md", "reject_reserved"), ("SOURCES.md", "reject_reserved"),
])
def test_sanitize_rejects(name, key):
    with pytest.raises(UploadRejected) as info:
        sanitize_filename(name)
    assert info.value.key == key


def test_long_names_are_cut_and_keep_their_suffix():
    clean = sanitize_filename("x" * 500 + ".pdf")
    assert len(clean) == MAX_NAME_CHARS and clean.endswith(".pdf")


def test_target_is_always_a_direct_child_of_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("../../escape.md", "sub/dir/x.md", "..\\x.md", "/tmp/x.md"):
        assert safe_target(corpus, name).parent == corpus.resolve()


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant
    from assistant.settings import AppSettings, Settings
    from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore

    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=write_corpus(tmp_path / "corpus"),
                        index_dir=tmp_path / "index", app=AppSettings(max_upload_mb=1))
    assistant = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    assistant.ingest()
    return assistant


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_upload_reports_each_file_and_keeps_only_good_ones(assistant, tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "notitie.md").write_text(GOOD_MD, encoding="utf-8")
    (uploads / "kapot.pdf").write_bytes(BAD_PDF)
    (uploads / "leeg.txt").write_bytes(b"")
    (uploads / "groot.txt").write_bytes(b"a" * (1024 * 1024 + 1))
    (uploads / "tool.exe").write_bytes(b"MZ")
    before = _tree(tmp_path)
    steps = []
    paths = sorted(uploads.iterdir())
    results = add_files(assistant, paths, "nl", progress=lambda done, total, source: steps.append((done, total)))
    by_name = {r.name: r for r in results}
    assert [r.name for r in results] == [p.name for p in paths]
    assert by_name["notitie.md"].status == "indexed"
    assert by_name["kapot.pdf"].status == "failed" and "niet bewaard" in by_name["kapot.pdf"].detail
    assert by_name["leeg.txt"].status == "rejected" and "leeg" in by_name["leeg.txt"].detail
    assert by_name["groot.txt"].status == "rejected" and "ASSISTANT_APP__MAX_UPLOAD_MB" in by_name["groot.txt"].detail
    assert by_name["tool.exe"].status == "rejected" and ".exe" in by_name["tool.exe"].detail
    assert result_summary(results, "nl") == "1 toegevoegd, 0 ongewijzigd, 4 mislukt."
    # Only the good file was added, and only inside the corpus folder (the index folder changes too).
    added = {p for p in _tree(tmp_path) - before if not p.startswith("index/")}
    assert added == {"corpus/notitie.md"}
    assert "notitie.md" in {row[0] for row in document_rows(assistant, "nl")}
    assert steps and steps[-1][0] == steps[-1][1]


def test_uploading_the_same_file_again_is_unchanged(assistant, tmp_path):
    upload = tmp_path / "notitie.md"
    upload.write_text(GOOD_MD, encoding="utf-8")
    assert add_files(assistant, [upload], "nl")[0].status == "indexed"
    assert add_files(assistant, [upload], "nl")[0].status == "unchanged"


def test_a_bad_new_version_restores_the_previous_file(assistant, tmp_path):
    name = "duitsland_samenwerking.md"
    bad = tmp_path / "upload" / name
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02")  # not text: the loader rejects it
    original = (assistant.settings.corpus_dir / name).read_text(encoding="utf-8")
    [result] = add_files(assistant, [bad], "en")
    assert result.status == "failed" and "binary content" in result.detail
    assert "previous version restored" in result.detail
    assert (assistant.settings.corpus_dir / name).read_text(encoding="utf-8") == original
    assert name in {row[0] for row in document_rows(assistant, "nl")}


def test_traversal_names_land_inside_the_corpus(assistant, tmp_path):
    upload = tmp_path / "x.md"
    upload.write_text(GOOD_MD, encoding="utf-8")
    [result] = add_files(assistant, [upload], "nl", names=["../../../ontsnapt.md"])
    assert result.name == "ontsnapt.md" and result.status == "indexed"
    assert (assistant.settings.corpus_dir / "ontsnapt.md").is_file()
    assert not (tmp_path / "ontsnapt.md").exists() and not (tmp_path.parent / "ontsnapt.md").exists()


def test_remove_document_deletes_chunks_and_file(assistant):
    corpus = assistant.settings.corpus_dir
    message = remove_document(assistant, "india_innovation.md", True, "nl")
    assert message.startswith("'india_innovation.md' verwijderd")
    assert not (corpus / "india_innovation.md").exists()
    assert "india_innovation.md" not in {row[0] for row in document_rows(assistant, "nl")}
    assert "mislukt" in remove_document(assistant, "india_innovation.md", True, "nl")
    assert remove_document(assistant, "", True, "nl") == "Kies eerst een document."
    remove_document(assistant, "brabant_beleid.txt", False, "nl")
    assert (corpus / "brabant_beleid.txt").is_file()


def test_document_rows_show_metadata(assistant):
    rows = {row[0]: row for row in document_rows(assistant, "en")}
    assert set(rows) == set(CORPUS)
    row = rows["china_human_rights.md"]
    assert row[1:7] == ["Human rights in China", "Test NGO", "ngo_briefing", "en", "china", "2024-06-01"]
    assert row[-1] == "yes" and rows["duitsland_samenwerking.md"][-1] == "no"
