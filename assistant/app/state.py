"""What the tabs share: the Assistant, the status line, choice lists and the relabelling on a language switch.

Nothing here imports gradio at module level; :class:`Relabeller` produces ``gr.update`` dicts only when called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.i18n import norm_lang, t
from assistant.regions import COUNTRIES, MACROS, SUBREGIONS, display_label, display_name

#: Document kinds offered in the chat filter (assistant.models.Kind), in this order.
KINDS = ("policy", "strategy", "government_report", "ngo_briefing", "think_tank", "sector_report", "market_study",
         "analysis", "data", "other")
#: Document languages offered in the chat filter.
DOC_LANGUAGES = ("nl", "en")
#: Value of the "no restriction" entry of a filter drop-down.
ANY = ""


def region_choices(lang: str, *, macros: bool = True, blank: bool = True,
                   counts: dict[str, tuple[int, int]] | None = None) -> list[tuple[str, str]]:
    """(label, slug) pairs, countries and sub-national regions sorted by their name in ``lang``; macro-regions after
    them. With ``counts`` (slug -> documents, indicator values[, register entries]) each label says how much
    evidence the region has."""
    lang = norm_lang(lang)

    def label(slug: str) -> str:
        name = display_label(slug, lang)  # a sub-national region with its country: "Beieren (Duitsland)"
        if counts is None:
            return name
        docs, values, *more = counts.get(slug, (0, 0))
        text = t("app.region_evidence", lang, name=name, documents=docs, values=values)
        relations = more[0] if more else 0
        return text[:-1] + t("app.region_relations", lang, n=relations) + ")" if relations else text

    countries = sorted(((label(r.slug), r.slug) for r in COUNTRIES + SUBREGIONS), key=lambda p: p[0].casefold())
    out = [(t("app.any", lang), ANY)] if blank else []
    out += countries
    if macros:
        out += sorted(((display_name(r.slug, lang), r.slug) for r in MACROS), key=lambda p: p[0].casefold())
    return out


def kind_choices(lang: str) -> list[tuple[str, str]]:
    return [(t("app.any", lang), ANY)] + [(kind.replace("_", " "), kind) for kind in KINDS]


def language_choices(lang: str) -> list[tuple[str, str]]:
    return [(t("app.any", lang), ANY)] + [(t(f"app.lang_{code}", lang), code) for code in DOC_LANGUAGES]


def backend_label(status: dict, lang: str) -> str:
    if status.get("backend") == "extractive":
        return t("app.backend_extractive", lang)
    return t("app.backend_llm", lang, backend=status.get("backend"), model=status.get("model") or "?",
             endpoint=status.get("endpoint") or "-")


def status_line(assistant, lang: str) -> str:
    """The visible status line: which backend answers and how big the index is (never raises)."""
    lang = norm_lang(lang)
    try:
        status = dict(assistant.status())
        if status.get("backend") not in ("extractive", None):
            status.setdefault("model", assistant.settings.endpoint.model)
        return t("app.status", lang, backend=backend_label(status, lang), documents=status.get("documents", 0),
                 chunks=status.get("chunks", 0), embedder=status.get("embedder", "?"))
    except Exception as exc:  # noqa: BLE001 - a broken index must not take the page down
        return t("app.status_error", lang, error=exc)


@dataclass
class Relabeller:
    """Components whose texts follow the interface language. ``add`` them while building; the language toggle's
    handler returns ``updates(lang)`` for ``components``."""

    items: list[tuple[Any, Callable[[str], dict]]] = field(default_factory=list)

    def add(self, component, **keys: str):
        """Relabel ``component``: each keyword is an attribute (label, value, placeholder, info) -> text key."""
        self.items.append((component, lambda lang: {attr: t(f"app.{key}", lang) for attr, key in keys.items()}))
        return component

    def add_fn(self, component, make: Callable[[str], dict]):
        """Relabel ``component`` with ``make(lang) -> dict of attributes`` (for choices and formatted texts)."""
        self.items.append((component, make))
        return component

    @property
    def components(self) -> list:
        return [component for component, _ in self.items]

    def updates(self, lang: str) -> list[dict]:
        import gradio as gr

        lang = norm_lang(lang)
        return [gr.update(**make(lang)) for _, make in self.items]


@dataclass
class AppContext:
    """Handed to every tab builder: the one Assistant, the relabeller, and the shared components."""

    assistant: Any
    relabel: Relabeller = field(default_factory=Relabeller)
    lang: Any = None  # gr.State with the interface language
    status: Any = None  # gr.Markdown status line
    default_lang: str = "nl"
    #: (function(lang) -> outputs, output components) run when a page loads (e.g. the documents table).
    on_load: list[tuple[Callable[[str], Any], list]] = field(default_factory=list)
    #: With logins: (component, "officer" | "action") set on page load from the logged-in user (assistant.app.roles).
    login_controls: list[tuple[Any, str]] = field(default_factory=list)

    def add_login_controls(self, officer=None, *actions) -> None:
        """With logins, ``officer`` (a name box) shows the logged-in user and cannot be edited, and ``actions``
        (buttons that change things) are disabled for viewers; their handlers refuse viewers as well."""
        if officer is not None:
            self.login_controls.append((officer, "officer"))
        self.login_controls += [(action, "action") for action in actions]
