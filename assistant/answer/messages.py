"""User-facing texts of answers, in Dutch (default) and English."""

from __future__ import annotations

REFUSAL = {"nl": "Niet gevonden in de bronnen.", "en": "Not found in the sources."}
#: Above the passages shown with a refusal: they are the closest the sources come, not an answer.
CLOSEST = {
    "nl": "Dichtstbijzijnde passages - deze beantwoorden de vraag níet:",
    "en": "Closest passages - these do NOT answer the question:",
}
#: Why a question was refused (Answer.refusal_reason), in a sentence an officer can act on.
REFUSAL_REASONS = {
    "vague": {"nl": "De vraag noemt niet waar het over gaat (welk land, welke wet, welk rapport?). Stel de vraag "
                    "opnieuw met het onderwerp erin.",
              "en": "The question does not say what it is about (which country, law or report?). Ask again with "
                    "the subject in it."},
    "unknown_name": {"nl": "De bronnen noemen {names} nergens.", "en": "The sources never mention {names}."},
    "off_subject": {"nl": "Geen gevonden passage gaat over het land, de naam of het jaar uit de vraag.",
                    "en": "No passage found is about the country, name or year the question asks about."},
    "no_typed_answer": {"nl": "De passages over dit onderwerp noemen niet het gevraagde gegeven (getal, bedrag, "
                              "datum, naam of plaats).",
                        "en": "The passages on this subject do not state the asked-for fact (number, amount, date, "
                              "name or place)."},
    "forecast": {"nl": "De bronnen doen hierover geen voorspelling of toezegging.",
                 "en": "The sources make no forecast or commitment about this."},
    "low_support": {"nl": "Geen passage sluit goed genoeg aan bij de vraag.",
                    "en": "No passage matches the question closely enough."},
}

#: Opening line of an extractive answer; {quoted_lang} is filled when quotes are in another language.
LEAD = {"nl": "Volgens de bronnen:", "en": "According to the sources:"}
LEAD_FOREIGN = {
    "nl": "Volgens de bronnen (aanhalingen in de oorspronkelijke taal):",
    "en": "According to the sources (quotations in their original language):",
}

INJECTION_REMOVED = {
    "nl": "Let op: {n} zin(nen) uit het antwoord verwijderd, omdat ze een instructie uit een brondocument volgden.",
    "en": "Note: removed {n} sentence(s) from the answer because they followed an instruction found in a source "
          "document.",
}
NO_VALID_CITATIONS = {
    "nl": "Het taalmodel gaf een antwoord zonder geldige bronverwijzing; dat antwoord wordt niet getoond.",
    "en": "The language model gave an answer without a valid source reference; that answer is not shown.",
}
FALLBACK = {
    "nl": " Hieronder staat het extractieve antwoord uit de bronnen.",
    "en": " Below is the extractive answer from the sources.",
}
SEARCH_FAILED = {
    "nl": "Zoeken in de index is mislukt: {detail}",
    "en": "Searching the index failed: {detail}",
}


def refusal_reason(reason: str | None, lang: str) -> str:
    """The officer-facing sentence for ``Answer.refusal_reason`` ("code" or "code: detail"); '' when unknown."""
    code, _, detail = (reason or "").partition(":")
    table = REFUSAL_REASONS.get(code.strip())
    if not table:
        return ""
    return text(table, lang, names=detail.strip() or "-") if code.strip() == "unknown_name" else text(table, lang)


def text(table: dict[str, str], lang: str, **values) -> str:
    template = table.get(lang) or table["nl"]
    return template.format(**values) if values else template
