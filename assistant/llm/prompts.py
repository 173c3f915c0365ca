"""The one prompt registry: every prompt file the assistant sends to a chat model is loaded, checked and versioned
here (answer and condense for answers, score for the compass's LLM proposer, brief for a brief's summary).

A prompt file ``{name}_{lang}.txt`` has a ``[system]`` section and a ``[user]`` section. Placeholders use
``{name}``; a literal brace is written ``{{`` / ``}}``. Each prompt name has its set of variables
(:data:`EXPECTED_VARIABLES`): a file whose placeholders differ from it is rejected at load time with an error that
names the file and the missing or unexpected variables, so a typo never reaches a model.

The prompts ship with the package (:data:`PROMPTS_DIR`); ``ASSISTANT_PROMPTS_DIR`` (``settings.prompts_dir``,
passed here as ``folder``) may point at an officer's own copy instead.

A prompt's **version** is the first :data:`VERSION_CHARS` hex digits of the SHA-256 of its file's bytes: any edit
gives a new version, without a version line to keep up to date by hand. A file is read again when it changes.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.i18n import LANGUAGES
from assistant.settings import PACKAGED_PROMPTS

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate

#: The prompts shipped with the package; ``settings.prompts_dir`` (``folder`` below) may point at an officer's copy.
PROMPTS_DIR = PACKAGED_PROMPTS
SECTIONS = ("system", "user")
#: Hex digits of the file's SHA-256 kept as its version.
VERSION_CHARS = 12
#: Prompt files kept parsed (names x languages x folders).
CACHE_SIZE = 64

#: The variables each prompt must use - exactly these, no more, no fewer.
EXPECTED_VARIABLES: dict[str, frozenset[str]] = {
    "answer": frozenset({"question", "passages", "refusal"}),
    "condense": frozenset({"history", "question"}),
    "score": frozenset({"format", "region", "criteria", "passages", "feedback"}),
    "brief": frozenset({"region", "overview", "passages"}),
}


class PromptError(ValueError):
    """A prompt file is missing, malformed, or uses the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    """One checked prompt file: its sections, where it was read from, and its version."""

    name: str
    lang: str
    path: Path
    sections: dict[str, str] = field(hash=False)
    version: str

    def chat_prompt(self) -> ChatPromptTemplate:
        """The prompt as a LangChain chat prompt (system + human message)."""
        return _chat_prompt(self)


def prompt_path(name: str, lang: str, folder: Path | None = None) -> Path:
    return Path(folder or PROMPTS_DIR) / f"{name}_{lang}.txt"


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
    for name in fields:
        if not name.isidentifier():
            raise PromptError(f"{path}: placeholder {{{name}}} is not a plain variable name.")
    return set(fields)


def check_variables(name: str, sections: dict[str, str], path: Path) -> None:
    """Raise :class:`PromptError` unless the sections use exactly the variables of prompt ``name``."""
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


def prompt_version(data: bytes) -> str:
    """The version of a prompt file with these bytes (see the module docstring)."""
    return hashlib.sha256(data).hexdigest()[:VERSION_CHARS]


@lru_cache(maxsize=CACHE_SIZE)
def _read(name: str, lang: str, path: Path, _stamp: tuple[int, int]) -> Prompt:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PromptError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8.") from exc
    sections = parse_sections(text, path)
    check_variables(name, sections, path)
    return Prompt(name=name, lang=lang, path=path, sections=sections, version=prompt_version(data))


def get_prompt(name: str, lang: str, folder: Path | None = None) -> Prompt:
    """The checked prompt file ``{name}_{lang}.txt`` of ``folder`` (default: the shipped prompts)."""
    if name not in EXPECTED_VARIABLES:
        raise PromptError(f"Unknown prompt {name!r}; known: {', '.join(sorted(EXPECTED_VARIABLES))}.")
    if lang not in LANGUAGES:
        raise PromptError(f"No prompts in language {lang!r}; use one of {', '.join(LANGUAGES)}.")
    path = prompt_path(name, lang, folder)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None or not path.is_file():
        raise PromptError(f"Prompt file {path} is missing; restore it from the repository.")
    return _read(name, lang, path, (stat.st_mtime_ns, stat.st_size))


def load_sections(name: str, lang: str, folder: Path | None = None) -> dict[str, str]:
    """Read and check one prompt file; returns its ``system`` and ``user`` sections."""
    return dict(get_prompt(name, lang, folder).sections)


@lru_cache(maxsize=CACHE_SIZE)
def _chat_prompt(prompt: Prompt) -> ChatPromptTemplate:
    from langchain_core.prompts import ChatPromptTemplate

    return ChatPromptTemplate.from_messages([("system", prompt.sections["system"]), ("human", prompt.sections["user"])])


def load_prompt(name: str, lang: str, folder: Path | None = None) -> ChatPromptTemplate:
    """The checked chat prompt ``{name}_{lang}.txt`` (kept per process until the file changes)."""
    return get_prompt(name, lang, folder).chat_prompt()


def versions(folder: Path | None = None) -> dict[str, str]:
    """``{"answer_nl": version, ...}`` for every known prompt (raises :class:`PromptError` on the first problem)."""
    return {f"{name}_{lang}": get_prompt(name, lang, folder).version
            for name in EXPECTED_VARIABLES for lang in LANGUAGES}


def check_all(folder: Path | None = None) -> None:
    """Load every known prompt in every language (raises :class:`PromptError` on the first problem)."""
    versions(folder)
