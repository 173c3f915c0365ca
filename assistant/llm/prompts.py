"""Prompt files in ``prompts/``: loaded, checked against the variables the code fills in, turned into LCEL prompts.

A prompt file has a ``[system]`` section and a ``[user]`` section. Placeholders use ``{name}``; a literal brace is
written ``{{`` / ``}}``. A file whose placeholders differ from what the code provides is rejected at load time with
an error that names the file and the missing or unexpected variables, so a typo never reaches a model.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate

PROMPTS_DIR = PROJECT_ROOT / "prompts"
LANGUAGES = ("nl", "en")
SECTIONS = ("system", "user")

#: The variables each prompt must use - exactly these, no more, no fewer.
EXPECTED_VARIABLES: dict[str, frozenset[str]] = {
    "answer": frozenset({"question", "passages", "refusal"}),
    "condense": frozenset({"history", "question"}),
}


class PromptError(ValueError):
    """A prompt file is missing, malformed, or uses the wrong variables."""


def prompt_path(name: str, lang: str, folder: Path | None = None) -> Path:
    return (folder or PROMPTS_DIR) / f"{name}_{lang}.txt"


def parse_sections(text: str, path: Path) -> dict[str, str]:
    """Split a prompt file into its ``[system]`` and ``[user]`` sections."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        header = line.strip()
        if header.startswith("[") and header.endswith("]") and header[1:-1] in SECTIONS:
            current = header[1:-1]
            if current in sections:
                raise PromptError(f"{path}: section [{current}] appears twice.")
            sections[current] = []
            continue
        if current is None:
            if line.strip():
                raise PromptError(f"{path}: text before the first section; start the file with [system].")
            continue
        sections[current].append(line)
    missing = [s for s in SECTIONS if s not in sections]
    if missing:
        raise PromptError(f"{path}: missing section(s) {', '.join(f'[{m}]' for m in missing)}.")
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def template_variables(template: str, path: Path) -> set[str]:
    """The ``{name}`` placeholders of a template (``{{`` and ``}}`` are literal braces)."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as exc:
        raise PromptError(f"{path}: malformed placeholder ({exc}); write literal braces as {{{{ and }}}}.") from exc
    for field in fields:
        if not field.isidentifier():
            raise PromptError(f"{path}: placeholder {{{field}}} is not a plain variable name.")
    return set(fields)


def check_variables(name: str, sections: dict[str, str], path: Path) -> None:
    expected = EXPECTED_VARIABLES.get(name)
    if expected is None:
        raise PromptError(f"No variable list for prompt {name!r}; known: {', '.join(sorted(EXPECTED_VARIABLES))}.")
    found: set[str] = set()
    for text in sections.values():
        found |= template_variables(text, path)
    missing, extra = sorted(expected - found), sorted(found - expected)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {', '.join('{' + m + '}' for m in missing)}")
        if extra:
            parts.append(f"unexpected {', '.join('{' + e + '}' for e in extra)}")
        raise PromptError(f"{path}: {'; '.join(parts)}. The prompt must use exactly: "
                          f"{', '.join('{' + v + '}' for v in sorted(expected))}.")


def load_sections(name: str, lang: str, folder: Path | None = None) -> dict[str, str]:
    """Read and check one prompt file; returns its sections."""
    if lang not in LANGUAGES:
        raise PromptError(f"No prompts in language {lang!r}; use one of {', '.join(LANGUAGES)}.")
    path = prompt_path(name, lang, folder)
    if not path.is_file():
        raise PromptError(f"Prompt file {path} is missing; restore it from the repository.")
    sections = parse_sections(path.read_text(encoding="utf-8"), path)
    check_variables(name, sections, path)
    return sections


@lru_cache(maxsize=16)
def _load_cached(name: str, lang: str, folder: Path | None) -> ChatPromptTemplate:
    from langchain_core.prompts import ChatPromptTemplate

    sections = load_sections(name, lang, folder)
    return ChatPromptTemplate.from_messages([("system", sections["system"]), ("human", sections["user"])])


def load_prompt(name: str, lang: str, folder: Path | None = None) -> ChatPromptTemplate:
    """The checked chat prompt ``prompts/{name}_{lang}.txt`` (cached per process)."""
    return _load_cached(name, lang, folder)


def check_all(folder: Path | None = None) -> None:
    """Load every known prompt in every language (raises :class:`PromptError` on the first problem)."""
    for name in EXPECTED_VARIABLES:
        for lang in LANGUAGES:
            load_sections(name, lang, folder)
