"""User-facing texts of answers, in Dutch (default) and English: the ``answer`` catalog of :mod:`assistant.i18n`
(``t("answer.refusal", lang)``). ``reason_<code>`` explain a refusal (``Answer.refusal_reason``) in a sentence an
officer can act on. The faults of generative backends are the ``llm`` catalog (:mod:`assistant.llm.texts`).
"""

from __future__ import annotations

from assistant.i18n import t

TEXTS: dict[str, dict[str, str]] = {
    "refusal": {"nl": "Niet gevonden in de bronnen.", "en": "Not found in the sources."},
    "closest": {
        "nl": "Dichtstbijzijnde passages - deze beantwoorden de vraag níet:",
        "en": "Closest passages - these do NOT answer the question:",
    },
    "reason_vague": {
        "nl": "De vraag noemt niet waar het over gaat (welk land, welke wet, welk rapport?). Stel de vraag opnieuw "
              "met het onderwerp erin.",
        "en": "The question does not say what it is about (which country, law or report?). Ask again with the "
              "subject in it.",
    },
    "reason_unknown_name": {"nl": "De bronnen noemen {names} nergens.", "en": "The sources never mention {names}."},
    "reason_off_subject": {
        "nl": "Geen gevonden passage gaat over het land, de naam of het jaar uit de vraag.",
        "en": "No passage found is about the country, name or year the question asks about.",
    },
    "reason_no_typed_answer": {
        "nl": "De passages over dit onderwerp noemen niet het gevraagde gegeven (getal, bedrag, datum, naam of "
              "plaats).",
        "en": "The passages on this subject do not state the asked-for fact (number, amount, date, name or place).",
    },
    "reason_forecast": {
        "nl": "De bronnen doen hierover geen voorspelling of toezegging.",
        "en": "The sources make no forecast or commitment about this.",
    },
    "reason_low_support": {
        "nl": "Geen passage sluit goed genoeg aan bij de vraag.",
        "en": "No passage matches the question closely enough.",
    },
    "lead": {"nl": "Volgens de bronnen:", "en": "According to the sources:"},
    "lead_foreign": {
        "nl": "Volgens de bronnen (aanhalingen in de oorspronkelijke taal):",
        "en": "According to the sources (quotations in their original language):",
    },
    "injection_removed": {
        "nl": "Let op: {n} zin(nen) uit het antwoord verwijderd, omdat ze een instructie uit een brondocument volgden.",
        "en": "Note: removed {n} sentence(s) from the answer because they followed an instruction found in a source "
              "document.",
    },
    "no_valid_citations": {
        "nl": "Het taalmodel gaf een antwoord zonder geldige bronverwijzing; dat antwoord wordt niet getoond.",
        "en": "The language model gave an answer without a valid source reference; that answer is not shown.",
    },
    "fallback": {
        "nl": " Hieronder staat het extractieve antwoord uit de bronnen.",
        "en": " Below is the extractive answer from the sources.",
    },
    "search_failed": {"nl": "Zoeken in de index is mislukt: {detail}", "en": "Searching the index failed: {detail}"},
}

#: The refusal in every language (an answer is compared against all of them).
REFUSAL = TEXTS["refusal"]


def refusal_reason(reason: str | None, lang: str) -> str:
    """The officer-facing sentence for ``Answer.refusal_reason`` ("code" or "code: detail"); '' when unknown."""
    code, _, detail = (reason or "").partition(":")
    key = f"reason_{code.strip()}"
    if not code.strip() or key not in TEXTS:
        return ""
    if code.strip() == "unknown_name":
        return t(f"answer.{key}", lang, names=detail.strip() or "-")
    return t(f"answer.{key}", lang)

