"""Compass texts: the validator's findings (stored with an assessment, in Dutch)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # -- validator findings (rules.py; stored in Dutch) ----------------------------------------------------------------
    "finding_passage_missing": {
        "nl": "Passage {where} bestaat niet in de index; herindexeer of verwijder het bewijsstuk.",
        "en": "Passage {where} does not exist in the index; re-index or remove the piece of evidence.",
    },
    "finding_quote_not_in_passage": {
        "nl": "Citaat '{quote}' staat niet in passage {where} ({source}).",
        "en": "Quote '{quote}' does not occur in passage {where} ({source}).",
    },
    "finding_source_mismatch": {
        "nl": "Bewijsstuk {where} noemt {source} p. {page}, maar de passage komt uit {chunk_source} p. {chunk_page}.",
        "en": "Evidence {where} names {source} p. {page}, but the passage comes from {chunk_source} p. {chunk_page}.",
    },
    "finding_passage_off_region": {
        "nl": "Passage {where} ({source}; {tags}) gaat niet over {region} en is geen algemeen EU/NL-beleidsstuk.",
        "en": "Passage {where} ({source}; {tags}) is not about {region} and is no general EU/NL policy document.",
    },
    "finding_no_region_tags": {"nl": "geen regio", "en": "no region"},
    "finding_indicator_missing": {
        "nl": "Indicatorwaarde {where} bestaat niet in de data in de datamap; zie 'assistant data' en stel het "
              "voorstel opnieuw op.",
        "en": "Indicator value {where} does not exist in the data in the data folder; see 'assistant data' and make "
              "the proposal again.",
    },
    "finding_indicator_quote": {
        "nl": "Citaat bij {where} komt niet overeen met de data ('{data_quote}').",
        "en": "The quote of {where} does not match the data ('{data_quote}').",
    },
    "finding_indicator_no_value": {
        "nl": "Bewijsstuk {where} noemt geen waarde, jaar en band; stel het voorstel opnieuw op.",
        "en": "Evidence {where} gives no value, year and band; make the proposal again.",
    },
    "finding_indicator_differs": {
        "nl": "{label} ({region}): {fields} wijkt af van de data (voorstel: {value}, {year}, band {band}; data: "
              "{data_value}, {data_year}, band {data_band}).",
        "en": "{label} ({region}): {fields} differs from the data (proposal: {value}, {year}, band {band}; data: "
              "{data_value}, {data_year}, band {data_band}).",
    },
    "finding_field_value": {"nl": "waarde", "en": "value"},
    "finding_field_year": {"nl": "jaar", "en": "year"},
    "finding_field_band": {"nl": "band", "en": "band"},
    "finding_indicator_file": {
        "nl": "Indicatorwaarde {where} noemt bestand '{source}', de data komen nu uit '{data_source}'.",
        "en": "Indicator value {where} names the file '{source}'; the data now come from '{data_source}'.",
    },
    "finding_indicator_off_region": {
        "nl": "Indicatorwaarde {where} gaat over {fact_region}, niet over {region} of het land waarin die regio ligt.",
        "en": "Indicator value {where} is about {fact_region}, not about {region} or the country that region lies in.",
    },
    "finding_override_note": {
        "nl": " De score berust op het oordeel van de medewerker (override).",
        "en": " The score rests on the officer's judgement (override).",
    },
    "finding_score_without_evidence": {
        "nl": "Score {score} voor '{criterion}' heeft geen bewijs; voeg een bron toe of laat de score leeg.{note}",
        "en": "Score {score} for '{criterion}' has no evidence; add a source or leave the score empty.{note}",
    },
    "finding_no_usable_evidence": {
        "nl": "Geen enkel bewijsstuk voor '{criterion}' is bruikbaar; de score moet leeg (null) zijn.{note}",
        "en": "No piece of evidence for '{criterion}' is usable; the score must be empty (null).{note}",
    },
    "finding_no_independent_source": {
        "nl": "Omgevingsfactoren citeert geen (bruikbare) onafhankelijke bron; voeg een NGO-, denktank- of "
              "buitenlandse-overheidsrapport of de indicatordata toe.",
        "en": "Environmental factors cites no (usable) independent source; add an NGO, think-tank or "
              "foreign-government report or the indicator data.",
    },
    "finding_abuse_indicator": {
        "nl": "{label} {year}: {value} (>= {value_min:g})",
        "en": "{label} {year}: {value} (>= {value_min:g})",
    },
    "finding_abuse_sources": {
        "nl": "geciteerde onafhankelijke bronnen noemen: {terms}",
        "en": "cited independent sources name: {terms}",
    },
    "finding_abuse_score_too_high": {
        "nl": "Ernstige mensenrechtenschendingen ({why}): omgevingsfactoren mag hoogstens {limit} zijn, niet {score}.",
        "en": "Serious human-rights abuses ({why}): environmental factors may be at most {limit}, not {score}.",
    },
    "finding_abuse_not_scored": {
        "nl": "Ernstige mensenrechtenschendingen ({why}), maar omgevingsfactoren is niet gescoord.",
        "en": "Serious human-rights abuses ({why}), but environmental factors is not scored.",
    },
    "finding_abuse_focus": {
        "nl": "Ernstige mensenrechtenschendingen ({why}): 'focus' kan alleen met een mitigatienotitie.",
        "en": "Serious human-rights abuses ({why}): 'focus' needs a mitigation note.",
    },
    "finding_outside_focus": {
        "nl": "{region} valt buiten de focusregio's {period} ({names}).",
        "en": "{region} lies outside the focus regions {period} ({names}).",
    },
    "finding_stale_value": {
        "nl": "{label} {year} (maximaal {max_age} jaar)",
        "en": "{label} {year} (at most {max_age} years)",
    },
    "finding_old_evidence": {
        "nl": "Bewijs ouder dan {years} jaar: {items}.",
        "en": "Evidence older than {years} years: {items}.",
    },
    "finding_stale_indicators": {
        "nl": "Verouderde indicatorwaarden: {items}; vervang de dataset door een nieuwere download (zie 'assistant "
              "data').",
        "en": "Outdated indicator values: {items}; replace the dataset with a newer download (see 'assistant data').",
    },
    "finding_band_not_named": {
        "nl": "De onderbouwing noemt {short} {year} niet met zijn band.",
        "en": "The rationale does not name {short} {year} with its band.",
    },
    "finding_band_wrong": {
        "nl": "De onderbouwing geeft {short} {year} band {named}, maar de waarde {value} hoort bij band {band}.",
        "en": "The rationale gives {short} {year} band {named}, but the value {value} belongs to band {band}.",
    },
    "finding_no_scores": {"nl": "geen scores", "en": "no scores"},
    "finding_mean": {"nl": "gemiddelde {mean:.2f}", "en": "mean {mean:.2f}"},
    "finding_recommendation": {
        "nl": "Aanbeveling '{given}' volgt niet uit de scores ({mean}, {scored} criteria gescoord{caps}): de regel "
              "geeft '{derived}'.",
        "en": "Recommendation '{given}' does not follow from the scores ({mean}, {scored} criteria scored{caps}): "
              "the rule gives '{derived}'.",
    },
    # -- validator findings on relations and the proposal's shape (relations/checks.py, validator.py) ------------------
    "finding_relation_unchecked": {
        "nl": "Relatie '{rid}' kan niet worden gecontroleerd: {error}",
        "en": "Relation '{rid}' cannot be checked: {error}",
    },
    "finding_relation_missing": {
        "nl": "Relatie '{rid}' bestaat niet (meer) in het relatieregister; stel het voorstel opnieuw op.",
        "en": "Relation '{rid}' does not exist (any more) in the relations register; make the proposal again.",
    },
    "finding_relation_changed": {
        "nl": "Relatie '{rid}' ({organisation}) is gewijzigd sinds het voorstel (de inhoud komt niet overeen met "
              "het register); stel het voorstel opnieuw op.",
        "en": "Relation '{rid}' ({organisation}) has changed since the proposal (its content does not match the "
              "register); make the proposal again.",
    },
    "finding_relation_quote": {
        "nl": "Citaat bij relatie '{rid}' komt niet overeen met het register ('{register_quote}').",
        "en": "The quote of relation '{rid}' does not match the register ('{register_quote}').",
    },
    "finding_relation_kind_not_counted": {
        "nl": "Een relatie van de soort '{kind}' telt niet voor '{criterion}' (compass.yaml, relations).",
        "en": "A relation of the kind '{kind}' does not count for '{criterion}' (compass.yaml, relations).",
    },
    "finding_relation_band": {
        "nl": "Relatie '{rid}' telt met band {expected} (soort '{kind}'), niet {band}.",
        "en": "Relation '{rid}' counts with band {expected} (kind '{kind}'), not {band}.",
    },
    "finding_relation_off_region": {
        "nl": "Relatie '{rid}' gaat over {relation_region}, niet over {region}.",
        "en": "Relation '{rid}' is about {relation_region}, not about {region}.",
    },
    "finding_relations_stale": {
        "nl": "Relaties niet bevestigd in de laatste {years} jaar: {items}; controleer of ze nog lopen en werk het "
              "register bij.",
        "en": "Relations not confirmed in the last {years} years: {items}; check whether they still run and update "
              "the register.",
    },
    "finding_relations_unlogged": {
        "nl": "Relaties buiten het register om gewijzigd (niet in de historie): {items}; leg de wijziging vast met "
              "'assistant relations edit'.",
        "en": "Relations changed outside the register (not in the history): {items}; record the change with "
              "'assistant relations edit'.",
    },
    "finding_relation_band_not_named": {
        "nl": "De onderbouwing noemt relatie {rid} niet met haar band.",
        "en": "The rationale does not name relation {rid} with its band.",
    },
    "finding_relation_band_wrong": {
        "nl": "De onderbouwing geeft relatie {rid} band {named}, maar ze telt met {expected}.",
        "en": "The rationale gives relation {rid} band {named}, but it counts with {expected}.",
    },
    "finding_invalid_field": {
        "nl": "Ongeldig veld '{loc}': {msg} (waarde: {input!r:.80}).",
        "en": "Invalid field '{loc}': {msg} (value: {input!r:.80}).",
    },
    "finding_unknown_criterion": {
        "nl": "Onbekend criterium '{cid}'; het kompas kent: {known}.",
        "en": "Unknown criterion '{cid}'; the compass knows: {known}.",
    },
    "finding_missing_criterion": {
        "nl": "Criterium '{cid}' ontbreekt (gebruik score null bij onvoldoende bewijs).",
        "en": "Criterion '{cid}' is missing (use score null when the evidence is insufficient).",
    },
    "finding_duplicate_criterion": {
        "nl": "Criterium '{cid}' komt meer dan eens voor.",
        "en": "Criterion '{cid}' occurs more than once.",
    },
    "finding_not_an_object": {
        "nl": "Het voorstel moet een JSON-object zijn.",
        "en": "The proposal must be a JSON object.",
    },
    "finding_compass_version": {
        "nl": "Voorstel gemaakt met kompasversie {given}; de huidige versie is {current}. Stel het voorstel opnieuw "
              "op.",
        "en": "Proposal made with compass version {given}; the current version is {current}. Make the proposal again.",
    },
    "finding_unreadable_file": {
        "nl": "{path} is geen leesbaar JSON-bestand: {error}",
        "en": "{path} is not a readable JSON file: {error}",
    },
    "finding_file_not_found": {"nl": "Bestand niet gevonden: {path}", "en": "File not found: {path}"},
}
