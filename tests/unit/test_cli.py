"""The command line's layout: one registry of command groups, each group's module registers exactly its commands,
tests hand the CLI an Assistant, and a search run imports only its own group."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import cli
from assistant.api import Assistant
from assistant.settings import Settings
from assistant.testing import FakeEmbedder, write_files

CLI_PACKAGE = Path(cli.__file__).parent
#: Modules of the CLI package that are not command groups.
NOT_GROUPS = {"__init__", "__main__", "common"}
#: What a cold ``assistant search`` must not import (the other groups' code, gradio, the compass, briefs, ...).
NOT_FOR_SEARCH = ("assistant.cli.compass", "assistant.cli.briefs", "assistant.cli.evaluation", "assistant.cli.app",
                  "assistant.compass", "assistant.brief", "assistant.evaluation", "assistant.app", "assistant.answer",
                  "gradio", "bm25s", "torch", "langchain")


def _commands(parser) -> list[str]:
    return list(parser._subparsers._group_actions[0].choices)  # argparse keeps sub-parsers there


def test_every_group_module_registers_exactly_its_commands():
    assert set(cli.GROUPS) == {p.stem for p in CLI_PACKAGE.glob("*.py")} - NOT_GROUPS
    for group, commands in cli.GROUPS.items():
        assert _commands(cli.build_parser([group])) == list(commands), group
    assert _commands(cli.build_parser()) == list(cli.COMMANDS)
    assert len(cli.COMMANDS) == sum(len(c) for c in cli.GROUPS.values())  # no command in two groups


def test_every_command_has_a_handler():
    parser = cli.build_parser()
    minimal = {"search": ["q"], "ask": ["q"], "score": ["Japan"], "validate": ["f.json"], "brief": ["Japan"],
               "override": ["f.json", "c", "3", "--reason", "r", "--officer", "o"], "compare": ["Japan"],
               "relations": ["list"]}
    for command in cli.COMMANDS:
        args = parser.parse_args([command, *minimal.get(command, [])])
        assert callable(args.run) and args.command == command


def test_usage_errors_exit_2(capsys):
    for argv in ([], ["nonsense"], ["search"], ["relations"], ["score", "Japan", "--backend", "magic"]):
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        assert stopped.value.code == cli.EXIT_USAGE, argv
    assert "invalid choice" in capsys.readouterr().err


def test_version_and_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "--version"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("assistant "), done.stderr


def test_a_search_run_imports_only_the_documents_group(tmp_path):
    docs = write_files(tmp_path / "corpus", {"china.md": "# China\n\nPress freedom declined further in 2024."})
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=docs, document_dirs=[])
    Assistant(settings, embedder=FakeEmbedder()).ingest()
    code = f"""
import sys
from pathlib import Path
from assistant.api import Assistant
from assistant.cli import main
from assistant.settings import Settings
from assistant.testing import FakeEmbedder
settings = Settings(index_dir=Path({str(settings.index_dir)!r}), corpus_dir=Path({str(docs)!r}), document_dirs=[])
status = main(["search", "press freedom", "--format", "json"], assistant=Assistant(settings, embedder=FakeEmbedder()))
Path({str(tmp_path / "modules.txt")!r}).write_text("\\n".join(sorted(sys.modules)))
sys.exit(status)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == cli.EXIT_OK, done.stderr
    assert json.loads(done.stdout)[0]["source"] == "china.md"
    modules = (tmp_path / "modules.txt").read_text().splitlines()
    assert "assistant.cli.documents" in modules
    assert [m for m in modules if m.startswith(NOT_FOR_SEARCH)] == []
