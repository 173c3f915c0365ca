"""``assistant eval`` in-process on a tiny corpus (fake embedder, embedded Chroma in a temp folder)."""

from __future__ import annotations

import json

import pytest

from assistant import cli
from assistant.api import Assistant
from assistant.evaluation.questions import write_questions
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, write_files
from tests.unit.test_eval_runner import DOCS, QUESTIONS


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("ASSISTANT_EMBEDDER", "ASSISTANT_LLM", "ASSISTANT_INDEX_DIR", "ASSISTANT_CHROMA_URL"):
        monkeypatch.delenv(name, raising=False)
    docs = write_files(tmp_path / "docs", DOCS)
    questions = tmp_path / "questions.jsonl"
    write_questions(QUESTIONS, questions)
    return tmp_path, docs, questions


def test_eval_is_registered_with_its_options():
    args = cli.build_parser().parse_args(["eval", "--docs", "a", "b", "--docs", "c", "--baseline", "--compass",
                                          "china", "Duitsland", "--backend", "openai", "--limit", "3"])
    assert args.docs == ["a", "b", "c"]
    assert args.compass == ["china", "Duitsland"]
    assert args.baseline and args.backend == "openai" and args.limit == 3
    assert args.out.endswith("latest") and args.questions.endswith("questions.jsonl")


def test_eval_writes_reports_and_reruns_incrementally(workspace, capsys):
    root, docs, questions = workspace
    argv = ["eval", "--questions", str(questions), "--docs", str(docs), "--out", str(root / "out"),
            "--embedder", FAKE_EMBEDDER, "--quiet", "--format", "json"]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    metrics = json.loads(captured.out)
    assert metrics["items"] == len(QUESTIONS) and metrics["fabricated_citations"] == 0
    assert f"{len(DOCS)} indexed, 0 unchanged" in captured.err
    for name in ("metrics.json", "results.jsonl", "report.md", "metrics.png"):
        assert (root / "out" / name).is_file()
    assert (root / "out" / "index").is_dir()
    assert cli.main(argv[:-2] + ["--limit", "2"]) == 0
    captured = capsys.readouterr()
    assert f"0 indexed, {len(DOCS)} unchanged" in captured.err  # nothing re-embedded
    assert "evidence_hit_at_5" in captured.out and "report:" in captured.out


def test_compass_mode(workspace, capsys):
    root, docs, _ = workspace
    code = cli.main(["eval", "--docs", str(docs), "--out", str(root / "out"), "--embedder", FAKE_EMBEDDER, "--quiet",
                     "--compass", "china", "Atlantis"])
    assert code == 0
    assert "validator pass rate" in capsys.readouterr().out
    summary = json.loads((root / "out" / "compass.json").read_text(encoding="utf-8"))
    assert summary["regions"] == 2 and summary["errors"] == 1


def test_missing_docs_folder_is_a_usage_error(workspace, capsys):
    root, _, questions = workspace
    code = cli.main(["eval", "--questions", str(questions), "--docs", str(root / "nope"), "--out",
                     str(root / "out"), "--embedder", FAKE_EMBEDDER, "--quiet"])
    assert code == cli.EXIT_USAGE
    assert "--docs" in capsys.readouterr().err


def test_eval_builds_on_the_given_assistant(workspace, capsys):
    root, docs, questions = workspace
    embedder = FakeEmbedder()
    code = cli.main(["eval", "--questions", str(questions), "--docs", str(docs), "--out", str(root / "out"),
                     "--quiet", "--format", "json", "--limit", "2"], assistant=Assistant(Settings(), embedder=embedder))
    assert code == 0
    assert json.loads(capsys.readouterr().out)["items"] == 2
    assert embedder.calls > 0  # its embedder indexed the docs, into the evaluation's own index folder
    assert (root / "out" / "index").is_dir()
