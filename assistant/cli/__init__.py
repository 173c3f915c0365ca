"""The ``assistant`` command: parse arguments, call :class:`assistant.api.Assistant`, print text or JSON.

The sub-commands are grouped by meaning, one module each in this package; :data:`GROUPS` is the one registry. A
group module has ``register(sub)``, which adds its sub-parsers, each with ``set_defaults(run=handler)``; a handler
is ``handler(args, api) -> exit status``, where ``api()`` gives the :class:`~assistant.api.Assistant`.

Tests give the CLI an Assistant (built on fakes) with ``main(argv, assistant=...)``; without one, commands create
``Assistant()`` from the ``ASSISTANT_*`` environment when they need it.

A run imports only the group of its command (a cold ``assistant search`` imports no compass, brief, evaluation,
app or gradio code); the full parser (``assistant --help``) imports every group module.

Exit status: 0 success, 1 the result says something failed (a file did not ingest, validation errors),
2 bad usage or a fault with a message that says what to do.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from assistant import __version__
from assistant.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Api

if TYPE_CHECKING:
    from assistant.api import Assistant

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "GROUPS", "build_parser", "main"]

#: The command groups (modules of this package) and their sub-commands, in the order ``--help`` lists them.
GROUPS: dict[str, tuple[str, ...]] = {
    "documents": ("ingest", "search", "docs", "ask"),
    "compass": ("score", "validate", "override", "data", "relations"),
    "briefs": ("brief", "compare"),
    "evaluation": ("eval",),
    "app": ("serve",),
}
#: Each sub-command's group.
COMMANDS: dict[str, str] = {command: group for group, commands in GROUPS.items() for command in commands}


def build_parser(groups: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the sub-commands of ``groups`` (default: all of them)."""
    parser = argparse.ArgumentParser(prog="assistant", description="Brabant compass assistant")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS if groups is None else groups:
        importlib.import_module(f"{__name__}.{group}").register(sub)
    return parser


def main(argv: list[str] | None = None, *, assistant: Assistant | None = None) -> int:
    """Run one command; returns its exit status. ``assistant``: the API the commands use (default: one from the
    environment, created when needed); ``eval`` builds its own on top of it (its index lives in its output folder).
    """
    argv = sys.argv[1:] if argv is None else argv
    group = COMMANDS.get(argv[0]) if argv else None
    args = build_parser(None if group is None else [group]).parse_args(argv)
    try:
        return args.run(args, Api(assistant))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, KeyError, FileNotFoundError, RuntimeError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
