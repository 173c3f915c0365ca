"""What every command group shares: exit codes, the Assistant the commands use, JSON output, common options."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.retrieve.base import Filters

#: Exit status: success; the result says something failed (a file did not ingest, validation errors); bad usage or
#: a fault with a message that says what to do.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: The metadata filters of ``search`` and ``ask`` (names of :class:`assistant.retrieve.base.Filters` fields).
FILTER_FIELDS = ("region", "kind", "language", "source", "date_from", "date_to")


class Api:
    """How a command gets the :class:`~assistant.api.Assistant`: the one given to ``main(argv, assistant=...)``
    (tests build it on fakes), else one with settings from the ``ASSISTANT_*`` environment, created on first use
    (the API is imported only then, so the CLI starts fast)."""

    def __init__(self, given: Assistant | None = None) -> None:
        self.given = given
        self._made: Assistant | None = None

    def __call__(self) -> Assistant:
        if self.given is not None:
            return self.given
        if self._made is None:
            from assistant.api import Assistant

            self._made = Assistant()
        return self._made


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format")


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="country or region (name or slug, e.g. 'Zuid-Korea' or south-korea)")
    parser.add_argument("--kind", help="document kind, e.g. policy, government_report, ngo_briefing")
    parser.add_argument("--language", help="document language: nl or en")
    parser.add_argument("--source", help="one source file (path relative to the corpus folder)")
    parser.add_argument("--date-from", dest="date_from", help="earliest document date (YYYY or YYYY-MM-DD)")
    parser.add_argument("--date-to", dest="date_to", help="latest document date (YYYY or YYYY-MM-DD)")


def filters(args: argparse.Namespace) -> Filters | None:
    """The filters given with :func:`add_filters` options, or None when there are none."""
    from assistant.retrieve.base import Filters

    chosen = Filters(**{name: getattr(args, name, None) for name in FILTER_FIELDS})
    return None if chosen.is_empty() else chosen
