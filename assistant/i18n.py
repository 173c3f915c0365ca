"""One bilingual text lookup for every stage: ``t("app.chat_send", "en")``.

Texts are data: each area keeps a catalog ``TEXTS = {key: {"nl": ..., "en": ...}}`` in a small module of its own,
registered here under a namespace (:data:`CATALOGS`). A key is ``"<namespace>.<key>"``; ``{name}`` placeholders
are filled from keyword arguments (a text looked up without values is returned as written). Every key has both
languages with the same placeholders (a unit test checks every catalog); Dutch is the default language.
"""

from __future__ import annotations

import importlib
import string
from collections.abc import Mapping
from functools import lru_cache

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"

#: Namespace -> the module whose ``TEXTS`` holds its catalog (imported on first use).
CATALOGS: dict[str, str] = {
    "app": "assistant.app.texts",
    "answer": "assistant.answer.messages",
    "brief": "assistant.brief.texts",
    "compass": "assistant.compass.texts",
    "llm": "assistant.llm.texts",
}


def norm_lang(lang: str | None) -> str:
    """``lang`` when it is a supported language, else Dutch."""
    return lang if lang in LANGUAGES else DEFAULT_LANG


@lru_cache(maxsize=None)
def catalog(namespace: str) -> Mapping[str, Mapping[str, str]]:
    """The texts of one namespace (``"app"``, ``"brief"``, ...)."""
    if namespace not in CATALOGS:
        raise KeyError(f"no text catalog {namespace!r}: keys start with one of {', '.join(sorted(CATALOGS))} "
                       "(register a new catalog module in assistant.i18n.CATALOGS)")
    return importlib.import_module(CATALOGS[namespace]).TEXTS


def entry(key: str) -> Mapping[str, str]:
    """The ``{"nl": ..., "en": ...}`` entry of a namespaced key."""
    namespace, _, name = key.partition(".")
    texts = catalog(namespace)
    if name not in texts:
        raise KeyError(f"no text {key!r}: add {name!r} with an 'nl' and an 'en' text to TEXTS in "
                       f"{CATALOGS[namespace]}")
    return texts[name]


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text of ``key`` (``"namespace.key"``) in ``lang`` (Dutch when the language is unknown), with
    ``values`` filled into its ``{placeholders}``."""
    return render(entry(key), lang, key=key, **values)


def render(translations: Mapping[str, str], lang: str, key: str = "", **values) -> str:
    """One entry in ``lang`` with ``values`` filled in; the formatting and errors of :func:`t`."""
    template = translations.get(lang) or translations[DEFAULT_LANG]
    if not values:
        return template
    try:
        return template.format(**values)
    except KeyError as exc:
        name = exc.args[0]
        raise KeyError(f"text {key or template[:40]!r} needs the value {{{name}}}: pass {name}=... "
                       f"(it has {', '.join(placeholders(template)) or 'no placeholders'})") from None


def placeholders(template: str) -> list[str]:
    """The ``{names}`` a template uses, in order of first use."""
    names = [field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field]
    return list(dict.fromkeys(names))


def check_catalogs() -> list[str]:
    """Problems of every registered catalog: a key without both languages, or languages with different
    placeholders. Empty when all is well (a unit test asserts it)."""
    problems = []
    for namespace in CATALOGS:
        for key, translations in catalog(namespace).items():
            missing = [lang for lang in LANGUAGES if not translations.get(lang)]
            if missing:
                problems.append(f"{namespace}.{key}: no {', '.join(missing)} text")
                continue
            fields = {lang: sorted(set(placeholders(translations[lang]))) for lang in LANGUAGES}
            if len({tuple(f) for f in fields.values()}) > 1:
                problems.append(f"{namespace}.{key}: placeholders differ {fields}")
    return problems
