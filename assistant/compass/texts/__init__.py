"""Texts of the compass in Dutch (default) and English: the ``compass`` catalog of :mod:`assistant.i18n`
(``t("compass.not_counted", lang)``), kept in five data modules (general, findings, rationales, errors, llm).

The assessment JSON is stored in Dutch: finding messages, caveats, recommendation reasons and rationale lines are
rendered with :func:`stored` in :data:`STORED_LANG`; the English texts serve officers who read in English.
"""

from __future__ import annotations

from assistant.compass.texts import errors, findings, general, llm, rationales
from assistant.i18n import t

_PARTS = (general.TEXTS, findings.TEXTS, rationales.TEXTS, errors.TEXTS, llm.TEXTS)
TEXTS: dict[str, dict[str, str]] = {key: value for part in _PARTS for key, value in part.items()}
if len(TEXTS) != sum(len(part) for part in _PARTS):
    raise RuntimeError("a compass text key occurs in two of assistant/compass/texts/*.py; give each text one key")

#: The language of the texts stored with an assessment (findings, caveats, recommendation reasons, rationales):
#: Dutch. Their English texts are in the catalog beside them.
STORED_LANG = "nl"


def stored(key: str, **values) -> str:
    """The text ``compass.<key>`` in :data:`STORED_LANG`, for a text stored with an assessment."""
    return t(f"compass.{key}", STORED_LANG, **values)


def band_text(band: int | None, lang: str = STORED_LANG) -> str:
    """A band in words: its number, or 'telt niet mee' / 'not counted' when it does not count."""
    return t("compass.not_counted", lang) if band is None else str(band)


def period_text(start: str, end: str | None, lang: str = STORED_LANG, *, ended: bool = False) -> str:
    """A relation's period: 'sinds <start>' or '<start> tot <end>', with ', afgelopen' when it has ended."""
    when = (t("compass.relation_until", lang, date=start, end=end) if end
            else t("compass.relation_since", lang, date=start))
    return f"{when}, {t('compass.ended', lang)}" if ended else when


def proposer_label(backend: str, lang: str) -> str:
    """The compass proposer in words: 'evidence' -> offline evidence rules, 'llm:<model>' -> language model."""
    if backend == "evidence":
        return t("compass.proposer_evidence", lang)
    if backend.startswith("llm"):
        return t("compass.proposer_llm", lang, model=backend.partition(":")[2] or "?")
    return backend


def finding_message(key: str, **values) -> str:
    """A validator finding's message: the text ``compass.finding_<key>`` in :data:`STORED_LANG`."""
    return stored(f"finding_{key}", **values)
