"""What every sub-command module shares: exit codes, command registration, JSON output, the default API."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]


def registrar(commands: dict[str, Handler]) -> Callable[[str], Callable[[Handler], Handler]]:
    """A decorator factory that files handlers under their sub-command name in ``commands``."""

    def command(name: str) -> Callable[[Handler], Handler]:
        def register(func: Handler) -> Handler:
            commands[name] = func
            return func

        return register

    return command


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def default_assistant():
    """The API with settings from the environment (imported lazily: the CLI starts fast)."""
    from assistant.api import Assistant

    return Assistant()
