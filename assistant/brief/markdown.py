"""The Markdown writer of a brief (the outline of :mod:`assistant.brief.outline`, one block per paragraph)."""

from __future__ import annotations

from pathlib import Path

from assistant.brief.model import Brief
from assistant.brief.outline import Block, outline

_LIST_KINDS = ("bullet", "source")


def _line(block: Block) -> str:
    text = " ".join(block.text.split())
    if block.kind == "heading":
        return f"{'#' * block.level} {text}"
    if block.kind == "banner":
        return f"> **{text}**"
    if block.kind == "subtle":
        return f"_{text}_"
    if block.kind == "field":
        return f"**{block.label}:** {text}".rstrip()
    if block.kind in _LIST_KINDS:
        return f"- {text}"
    return text


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown text."""
    parts: list[str] = []
    previous: Block | None = None
    for block in outline(brief):
        # Items of one list stay together; a field label directly introduces the list that follows it.
        joined = previous is not None and block.kind in _LIST_KINDS and (
            previous.kind == block.kind or (previous.kind == "field" and not previous.text))
        parts.append(("\n" if joined else "\n\n") + _line(block) if parts else _line(block))
        previous = block
    return "".join(parts) + "\n"


def write_markdown(brief: Brief, path: str | Path) -> Path:
    """Write the brief as Markdown (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_markdown(brief), encoding="utf-8")
    return path
