"""Sub-commands past ingest/search: answers, compass, briefs, evaluation and the app (kept apart for size)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def add_parsers(sub, add_filters, add_format) -> None:
    """Register the sub-commands of this module on the main parser."""
