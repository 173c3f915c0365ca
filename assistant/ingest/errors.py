"""Errors raised by loaders. The message is the reason shown to the officer in the ingest summary."""


class LoadError(Exception):
    """A file could not be turned into text. ``str(error)`` is a clear, user-facing reason (English)."""
