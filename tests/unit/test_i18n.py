"""One bilingual lookup: every catalog has both languages with the same placeholders; errors say what to do."""

from __future__ import annotations

import pytest

from assistant.i18n import CATALOGS, LANGUAGES, catalog, check_catalogs, norm_lang, t


def test_every_key_of_every_catalog_has_both_languages_and_the_same_placeholders():
    assert check_catalogs() == []
    assert all(catalog(namespace) for namespace in CATALOGS)


def test_lookup_formats_falls_back_to_dutch_and_leaves_unformatted_texts_alone():
    assert LANGUAGES == ("nl", "en") and norm_lang("fr") == "nl" and norm_lang("en") == "en"
    assert t("answer.refusal", "en") == "Not found in the sources."
    assert t("answer.refusal", "fr") == "Niet gevonden in de bronnen."
    assert t("brief.title", "en", region="Japan") == "Region brief: Japan"
    assert t("app.remove_done", "nl", source="a.md", chunks=3) == "'a.md' verwijderd (3 passages)."


def test_a_missing_key_or_value_says_what_to_do():
    with pytest.raises(KeyError, match="add 'no_such_text' .* assistant.brief.texts"):
        t("brief.no_such_text")
    with pytest.raises(KeyError, match="no text catalog 'nope'"):
        t("nope.key")
    with pytest.raises(KeyError, match=r"needs the value \{region\}"):
        t("brief.title", "en", country="Japan")
