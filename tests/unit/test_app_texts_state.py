"""Interface texts (Dutch + English for every key) and the shared app state helpers."""

from __future__ import annotations

import string

import pytest

from assistant.app import state
from assistant.app.texts import TEXTS
from assistant.i18n import LANGUAGES, norm_lang, t
from assistant.regions import COUNTRIES, MACROS, SUBREGIONS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    entry = TEXTS[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_lookup_formats_and_falls_back_to_dutch():
    assert t("app.remove_done", "en", source="a.md", chunks=3) == "Removed 'a.md' (3 passages)."
    assert t("app.not_found", "fr") == "Niet gevonden in de bronnen."
    assert norm_lang("de") == "nl" and norm_lang("en") == "en"
    with pytest.raises(KeyError):
        t("app.no_such_text")


def test_region_choices_are_localised_and_complete():
    nl = dict((value, label) for label, value in state.region_choices("nl"))
    en = dict((value, label) for label, value in state.region_choices("en"))
    assert nl[state.ANY] == "(alle)" and en[state.ANY] == "(all)"
    assert nl["germany"] == "Duitsland" and en["germany"] == "Germany"
    assert nl["bavaria"] == "Beieren (Duitsland)" and en["bavaria"] == "Bavaria (Germany)"
    assert set(nl) == {state.ANY} | {r.slug for r in COUNTRIES + SUBREGIONS + MACROS}
    countries_only = state.region_choices("nl", macros=False, blank=False)
    assert {value for _, value in countries_only} == {r.slug for r in COUNTRIES + SUBREGIONS}
    labels = [label for label, _ in countries_only]
    assert labels == sorted(labels, key=str.casefold)


class _StatusStub:
    def __init__(self, status=None, error=None):
        self._status, self._error = status, error
        from assistant.settings import Settings

        self.settings = Settings(llm="openai")

    def status(self):
        if self._error:
            raise self._error
        return self._status


def test_status_line_names_backend_and_index_size():
    stub = _StatusStub({"backend": "extractive", "endpoint": None, "embedder": "use-m", "chunks": 120,
                        "documents": 7})
    line = state.status_line(stub, "nl")
    assert "extractief" in line and "7 documenten" in line and "120 passages" in line and "use-m" in line
    llm = _StatusStub({"backend": "openai", "endpoint": "http://127.0.0.1:8000/v1", "embedder": "e5-small",
                       "chunks": 5, "documents": 1})
    line = state.status_line(llm, "en")
    assert "openai" in line and "http://127.0.0.1:8000/v1" in line and "local-model" in line
    assert "1 documents" in line


def test_status_line_reports_a_broken_index_instead_of_raising():
    line = state.status_line(_StatusStub(error=RuntimeError("index locked")), "nl")
    assert "niet beschikbaar" in line and "index locked" in line


def test_relabeller_produces_updates_in_the_chosen_language():
    relabel = state.Relabeller()
    first, second = object(), object()
    relabel.add(first, label="chat_input", placeholder="chat_placeholder")
    relabel.add_fn(second, lambda lang: {"choices": state.language_choices(lang)})
    assert relabel.components == [first, second]
    updates = relabel.updates("en")
    assert updates[0]["label"] == "Your question" and "press freedom" in updates[0]["placeholder"]
    assert ("English", "en") in updates[1]["choices"]
    assert relabel.updates("nl")[0]["label"] == "Uw vraag"
