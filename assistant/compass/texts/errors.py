"""Compass texts: the errors of the relations register and of overrides (shown to officers in Dutch; the
register's default change reason is stored in its history)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "register_bad_yaml": {
        "nl": "Het relatieregister {path} is geen geldige YAML ({error}); herstel het bestand (git diff laat zien "
              "wat er veranderde).",
        "en": "The relations register {path} is not valid YAML ({error}); repair the file (git diff shows what "
              "changed).",
    },
    "register_no_list": {
        "nl": "Het relatieregister {path} moet een lijst 'relations:' bevatten.",
        "en": "The relations register {path} must hold a list 'relations:'.",
    },
    "register_bad_entry": {
        "nl": "Regel {n} van het relatieregister {path} is ongeldig: veld '{field}': {error}.",
        "en": "Entry {n} of the relations register {path} is invalid: field '{field}': {error}.",
    },
    "register_duplicate_id": {
        "nl": "Het relatieregister {path} bevat id '{id}' twee keer.",
        "en": "The relations register {path} holds id '{id}' twice.",
    },
    "register_unknown_region": {"nl": "Onbekende regio '{region}'.", "en": "Unknown region '{region}'."},
    "register_region_required": {
        "nl": "Kies een regio of land voor de relatie.",
        "en": "Choose a region or country for the relation.",
    },
    "register_region_unknown": {
        "nl": "Onbekende regio '{text}': kies een land of regio uit de lijst, bijvoorbeeld Beieren, Vlaanderen, "
              "Duitsland of Japan.",
        "en": "Unknown region '{text}': choose a country or region from the list, for example Bavaria, Flanders, "
              "Germany or Japan.",
    },
    "register_not_partner": {
        "nl": "'{text}' is geen partnerregio: kies een land of een regio in een land (geen werelddeel, en niet "
              "Nederland of Noord-Brabant zelf).",
        "en": "'{text}' is no partner region: choose a country or a region in a country (no continent, and not the "
              "Netherlands or Noord-Brabant itself).",
    },
    "register_label_date": {"nl": "Datum", "en": "Date"},
    "register_label_end_date": {"nl": "Einddatum", "en": "End date"},
    "register_not_a_date": {
        "nl": "{label} '{text}' is geen datum; schrijf JJJJ, JJJJ-MM of JJJJ-MM-DD.",
        "en": "{label} '{text}' is no date; write YYYY, YYYY-MM or YYYY-MM-DD.",
    },
    "register_no_such_date": {"nl": "{label} '{text}' bestaat niet.", "en": "{label} '{text}' does not exist."},
    "register_bad_link": {
        "nl": "Link '{text}' is geen webadres (https://...) en geen document in de corpusmap.",
        "en": "Link '{text}' is no web address (https://...) and no document in the corpus folder.",
    },
    "register_unknown_kind": {
        "nl": "Onbekende soort relatie '{kind}'; kies uit: {kinds}.",
        "en": "Unknown kind of relation '{kind}'; choose from: {kinds}.",
    },
    "register_date_required": {
        "nl": "Geef de datum van de relatie (begin, of de datum van de missie of het contact).",
        "en": "Give the date of the relation (its start, or the date of the mission or the contact).",
    },
    "register_future_date": {
        "nl": "De datum {start} ligt in de toekomst; leg een relatie vast als ze begonnen is.",
        "en": "The date {start} lies in the future; record a relation once it has started.",
    },
    "register_end_before_start": {
        "nl": "De einddatum {end} ligt voor de begindatum {start}.",
        "en": "The end date {end} lies before the start date {start}.",
    },
    "register_organisation_required": {
        "nl": "Geef de partnerorganisatie (of het programma) van de relatie.",
        "en": "Give the partner organisation (or the programme) of the relation.",
    },
    "register_description_required": {
        "nl": "Geef een korte beschrijving van de relatie; een lege beschrijving wordt niet opgeslagen.",
        "en": "Give a short description of the relation; an empty description is not saved.",
    },
    "register_not_editable": {
        "nl": "Deze velden kunnen niet worden gewijzigd: {fields}; wel: {editable}.",
        "en": "These fields cannot be changed: {fields}; these can: {editable}.",
    },
    "register_unchanged": {
        "nl": "Relatie '{id}' is niet gewijzigd: de nieuwe waarden zijn gelijk aan de oude.",
        "en": "Relation '{id}' is unchanged: the new values equal the old ones.",
    },
    "register_no_such_id": {
        "nl": "Geen relatie met id '{id}' in het register; zie 'assistant relations list'.",
        "en": "No relation with id '{id}' in the register; see 'assistant relations list'.",
    },
    "register_not_saved": {
        "nl": "Het relatieregister kon niet worden opgeslagen ({error}); er is niets gewijzigd. Controleer of de "
              "corpusmap schrijfbaar is.",
        "en": "The relations register could not be saved ({error}); nothing was changed. Check that the corpus "
              "folder is writable.",
    },
    "register_officer_add": {
        "nl": "Geef de naam van de medewerker die de relatie vastlegt.",
        "en": "Give the name of the officer who records the relation.",
    },
    "register_officer_edit": {
        "nl": "Geef de naam van de medewerker die de relatie wijzigt.",
        "en": "Give the name of the officer who changes the relation.",
    },
    "register_reason_edit": {
        "nl": "Geef een reden voor de wijziging; zonder reden wordt niets opgeslagen.",
        "en": "Give a reason for the change; without a reason nothing is saved.",
    },
    "register_officer_remove": {
        "nl": "Geef de naam van de medewerker die de relatie verwijdert.",
        "en": "Give the name of the officer who removes the relation.",
    },
    "register_reason_remove": {
        "nl": "Geef een reden voor het verwijderen; zonder reden wordt niets verwijderd.",
        "en": "Give a reason for the removal; without a reason nothing is removed.",
    },
    "register_new_relation": {"nl": "nieuwe relatie", "en": "new relation"},
    "override_unknown_criterion": {
        "nl": "Onbekend criterium '{criterion}'; kies uit: {known}.",
        "en": "Unknown criterion '{criterion}'; choose from: {known}.",
    },
    "override_bad_score": {
        "nl": "Score moet een geheel getal {low}-{high} zijn (of leeg), niet {score!r}.",
        "en": "Score must be a whole number {low}-{high} (or empty), not {score!r}.",
    },
    "override_reason_required": {
        "nl": "Geef een reden voor de aanpassing; een override zonder reden wordt niet opgeslagen.",
        "en": "Give a reason for the change; an override without a reason is not saved.",
    },
    "override_officer_required": {
        "nl": "Geef de naam van de medewerker die de score aanpast.",
        "en": "Give the name of the officer who changes the score.",
    },
    # -- the register's field checks and its quotable rendering of an entry (checked by the validator) -----------------
    "register_field_not_a_date": {
        "nl": "datum '{value}' is geen JJJJ, JJJJ-MM of JJJJ-MM-DD",
        "en": "date '{value}' is no YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "register_field_no_such_date": {"nl": "datum '{value}' bestaat niet", "en": "date '{value}' does not exist"},
    "register_quote": {
        "nl": "{kind} met {organisation} ({region}, {when}): {description} (vastgelegd door {officer}, bijgewerkt "
              "{updated}{link})",
        "en": "{kind} with {organisation} ({region}, {when}): {description} (recorded by {officer}, updated "
              "{updated}{link})",
    },
}
