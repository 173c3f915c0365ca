"""Texts of the compass in Dutch (default) and English: the ``compass`` catalog of :mod:`assistant.i18n`
(``t("compass.not_counted", lang)``).

The assessment JSON is stored in Dutch: rule descriptions, finding messages and rationale lines are rendered with
``"nl"`` where they are stored or checked; the English texts serve officers who read in English.
"""

from __future__ import annotations

from assistant.i18n import t

TEXTS: dict[str, dict[str, str]] = {
    # -- values and bands -------------------------------------------------------------------------------------------
    "not_counted": {"nl": "telt niet mee", "en": "not counted"},
    "ended": {"nl": "afgelopen", "en": "ended"},
    "national_figure": {"nl": "landelijk cijfer {country}", "en": "national figure {country}"},
    # -- indicator gaps (IndicatorData.gaps) ------------------------------------------------------------------------
    "gap_unreadable": {"nl": "bestand onleesbaar ({error})", "en": "unreadable file ({error})"},
    "gap_absent": {
        "nl": "dataset niet in de datamap (zie 'assistant data')",
        "en": "dataset not in the data folder (see 'assistant data')",
    },
    "gap_no_value": {"nl": "geen waarde voor {region} bij {producer}", "en": "no value for {region} from {producer}"},
    "gap_no_value_sub": {
        "nl": "geen waarde voor {region} of {country} bij {producer}",
        "en": "no value for {region} or {country} from {producer}",
    },
    # -- recommendations (the Dutch word is the stored value) -------------------------------------------------------
    "recommendation_focus": {"nl": "focus", "en": "focus"},
    "recommendation_kansrijk": {"nl": "kansrijk", "en": "promising"},
    "recommendation_monitoren": {"nl": "monitoren", "en": "monitor"},
    "recommendation_niet_prioriteren": {"nl": "niet prioriteren", "en": "do not prioritise"},
    # -- kinds of relation in the register --------------------------------------------------------------------------
    "relation_kind_partnerregio": {"nl": "Partnerregio (regio-tot-regio)", "en": "Partner region (region to region)"},
    "relation_kind_samenwerkingsovereenkomst": {
        "nl": "MoU / samenwerkingsovereenkomst",
        "en": "MoU / cooperation agreement",
    },
    "relation_kind_handelsmissie": {"nl": "Handelsmissie", "en": "Trade mission"},
    "relation_kind_gezamenlijk_project": {"nl": "Gezamenlijk project", "en": "Joint project"},
    "relation_kind_contact": {"nl": "Contactpersoon / organisatie", "en": "Contact person / organisation"},
    "relation_kind_financiering": {
        "nl": "Financiering (Interreg, Horizon Europe, ...)",
        "en": "Funding (Interreg, Horizon Europe, ...)",
    },
    # -- validator rules (the Dutch description is the rule table's) ------------------------------------------------
    "rule_schema": {
        "nl": "Het voorstel volgt het schema: bekende criteria, score 1-5 of leeg, confidence 0-1.",
        "en": "The proposal follows the schema: known criteria, score 1-5 or empty, confidence 0-1.",
    },
    "rule_compass_versie": {
        "nl": "Het voorstel is gemaakt met de huidige versie van het kompas.",
        "en": "The proposal was made with the current version of the compass.",
    },
    "rule_score_vereist_bewijs": {
        "nl": "Een score heeft minstens een bewijsstuk.",
        "en": "A score has at least one piece of evidence.",
    },
    "rule_bron_bestaat": {
        "nl": "Elke geciteerde passage (of indicatorwaarde) bestaat in de index (of de data).",
        "en": "Every cited passage (or indicator value) exists in the index (or the data).",
    },
    "rule_citaat_in_bron": {
        "nl": "Elk citaat staat letterlijk (op hoofdletters en witruimte na) in de passage.",
        "en": "Every quote occurs verbatim (up to case and whitespace) in the passage.",
    },
    "rule_bron_klopt": {
        "nl": "Bronbestand en pagina van een bewijsstuk horen bij de geciteerde passage.",
        "en": "Source file and page of a piece of evidence belong to the cited passage.",
    },
    "rule_bewijs_over_regio": {
        "nl": "Bewijs gaat over de regio, of is expliciet algemeen (EU/NL-beleid).",
        "en": "Evidence is about the region, or explicitly general (EU/NL policy).",
    },
    "rule_indicator_klopt": {
        "nl": "Waarde, jaar en band van elke indicatorwaarde kloppen met de data zoals die nu in de datamap staat, "
              "volgens de bandindeling van het kompas.",
        "en": "Value, year and band of every indicator value match the data as it is now in the data folder, by the "
              "compass's band thresholds.",
    },
    "rule_onderbouwing_noemt_band": {
        "nl": "De onderbouwing noemt elke gebruikte indicatorwaarde met de band die bij de waarde hoort.",
        "en": "The rationale names every indicator value used with the band that belongs to the value.",
    },
    "rule_geen_bruikbaar_bewijs_dan_leeg": {
        "nl": "Een criterium zonder bruikbaar bewijs blijft leeg (null).",
        "en": "A criterion without usable evidence stays empty (null).",
    },
    "rule_omgevingsfactoren_onafhankelijke_bron": {
        "nl": "Omgevingsfactoren citeert minstens een onafhankelijke bron (NGO, denktank, buitenlandse overheid, "
              "onafhankelijke indicatordata).",
        "en": "Environmental factors cites at least one independent source (NGO, think tank, foreign government, "
              "independent indicator data).",
    },
    "rule_mensenrechten_ernstig": {
        "nl": "Bij ernstige mensenrechtenschendingen (volgens de indicator, bijv. PTS >= 4, of volgens bronnen) is "
              "omgevingsfactoren hoogstens 2 en is 'focus' alleen mogelijk met een mitigatienotitie.",
        "en": "With serious human-rights abuses (by the indicator, e.g. PTS >= 4, or by the sources) environmental "
              "factors is at most 2 and 'focus' is only possible with a mitigation note.",
    },
    "rule_indicator_verouderd": {
        "nl": "Een indicatorwaarde is niet ouder dan de maximale leeftijd van haar dataset.",
        "en": "An indicator value is not older than the maximum age of its dataset.",
    },
    "rule_relatie_klopt": {
        "nl": "Elke geciteerde relatie staat ongewijzigd in het relatieregister (inhoudshash) en telt voor het "
              "criterium met de band die het kompas aan haar soort geeft.",
        "en": "Every cited relation is unchanged in the relations register (content hash) and counts for the "
              "criterion with the band the compass gives its kind.",
    },
    "rule_relatie_verouderd": {
        "nl": "Een geciteerde relatie is bevestigd (gedateerd of bijgewerkt) binnen het ingestelde aantal jaren.",
        "en": "A cited relation was confirmed (dated or updated) within the configured number of years.",
    },
    "rule_relatie_historie": {
        "nl": "Een geciteerde relatie is via het register vastgelegd (haar laatste wijziging staat in de historie).",
        "en": "A cited relation was recorded through the register (its last change is in the history).",
    },
    "rule_buiten_focusregio": {
        "nl": "De regio valt binnen de focusregio's 2023-2027.",
        "en": "The region lies within the focus regions 2023-2027.",
    },
    "rule_bewijs_verouderd": {
        "nl": "Documentbewijs is niet ouder dan het ingestelde maximum aantal jaren.",
        "en": "Document evidence is not older than the configured maximum number of years.",
    },
    "rule_aanbeveling_volgt_regel": {
        "nl": "De aanbeveling volgt uit de scores volgens de vastgelegde regel.",
        "en": "The recommendation follows from the scores by the recorded rule.",
    },
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
    # -- caveats and recommendation reasons (proposer.py, recommendation.py; stored in Dutch) --------------------------
    "caveat_insufficient": {
        "nl": "Onvoldoende bewijs voor '{criterion}': score open gelaten (geen gok).",
        "en": "Insufficient evidence for '{criterion}': score left open (no guess).",
    },
    "caveat_capped": {"nl": "Aanbeveling begrensd: {reason}.", "en": "Recommendation capped: {reason}."},
    "caveat_outside_focus": {
        "nl": "{region} valt buiten de focusregio's {period} ({regions}).",
        "en": "{region} lies outside the focus regions {period} ({regions}).",
    },
    "caveat_national_figures": {
        "nl": "{region} is een regio in {country}: waar de regio geen eigen waarde heeft, zijn de landelijke "
              "cijfers van {country} gebruikt (gemarkeerd als 'landelijk cijfer {country}').",
        "en": "{region} is a region in {country}: where the region has no value of its own, the national figures of "
              "{country} are used (marked as 'national figure {country}').",
    },
    "caveat_serious_abuse": {
        "nl": "Ernstige mensenrechtenschendingen volgens {label} {year} ({value}): geen focus zonder mitigatienotitie.",
        "en": "Serious human-rights abuses according to {label} {year} ({value}): no focus without a mitigation note.",
    },
    "caveat_proposal": {
        "nl": "Dit is een voorstel: controleer de geciteerde passages; de beleidsmedewerker beslist.",
        "en": "This is a proposal: check the cited passages; the officer decides.",
    },
    "caveat_register_unread": {"nl": "Relaties niet meegenomen: {error}", "en": "Relations not included: {error}"},
    "reason_none_scored": {"nl": "geen enkel criterium kon worden gescoord", "en": "no criterion could be scored"},
    "reason_too_few_scored": {
        "nl": "slechts {scored} van {total} criteria gescoord (minimaal {minimum} nodig voor meer dan '{cap}')",
        "en": "only {scored} of {total} criteria scored (at least {minimum} needed for more than '{cap}')",
    },
    "reason_veto": {
        "nl": "{criterion} = {score}: zeer ernstige zorgen",
        "en": "{criterion} = {score}: very serious concerns",
    },
    "reason_concern": {
        "nl": "{criterion} = {score} zonder mitigatienotitie",
        "en": "{criterion} = {score} without a mitigation note",
    },
    # -- text output of score, validate and data (render.py) -----------------------------------------------------------
    "render_no_findings": {"nl": "Validatie: geslaagd, geen bevindingen.", "en": "Validation: passed, no findings."},
    "render_warnings_only": {
        "nl": "Validatie: geslaagd (alleen waarschuwingen).",
        "en": "Validation: passed (warnings only).",
    },
    "render_failed": {"nl": "Validatie: NIET geslaagd.", "en": "Validation: NOT passed."},
    "render_title": {
        "nl": "Afwegingskompas {version} - {region} (backend: {backend})",
        "en": "Assessment compass {version} - {region} (backend: {backend})",
    },
    "render_overridden": {"nl": " (aangepast door {officer})", "en": " (changed by {officer})"},
    "render_criterion": {
        "nl": "{label}: {score} (zekerheid {confidence:.1f}){override}",
        "en": "{label}: {score} (confidence {confidence:.1f}){override}",
    },
    "render_recommendation": {"nl": "Aanbeveling: {recommendation}", "en": "Recommendation: {recommendation}"},
    "render_mitigation": {"nl": "Mitigatie: {note}", "en": "Mitigation: {note}"},
    "data_folder_missing": {"nl": "  (bestaat niet)", "en": "  (does not exist)"},
    "data_title": {"nl": "Indicatordata in {folder}", "en": "Indicator data in {folder}"},
    "data_found": {"nl": "OK ", "en": "OK "},
    "data_missing": {"nl": "ONTBREEKT", "en": "MISSING"},
    "data_producer": {
        "nl": "producent: {producer}; licentie: {licence}",
        "en": "producer: {producer}; licence: {licence}",
    },
    "data_file": {"nl": "bestand: {file} ({vintage}; jaren {years})", "en": "file: {file} ({vintage}; years {years})"},
    "data_none": {"nl": "geen", "en": "none"},
    "data_unit_regions": {"nl": "regio's", "en": "regions"},
    "data_unit_countries": {"nl": "landen", "en": "countries"},
    "data_coverage": {
        "nl": "dekking: {covered} van {total} {unit}; zonder waarde: {missing}",
        "en": "coverage: {covered} of {total} {unit}; without a value: {missing}",
    },
    "data_ignored": {"nl": "genegeerd (oudere versie): {file}", "en": "ignored (older version): {file}"},
    "data_error": {"nl": "fout: {error}", "en": "error: {error}"},
    "data_download": {"nl": "downloaden: {download}", "en": "download: {download}"},
    "data_restricted": {
        "nl": "let op: geen open licentie; alleen met een eigen exemplaar en na controle van de voorwaarden.",
        "en": "note: no open licence; only with your own copy and after checking the terms.",
    },
    # -- rationales of the combined score (combine.py; stored in Dutch) ------------------------------------------------
    "label_documents": {"nl": "Documenten", "en": "Documents"},
    "label_relations": {"nl": "Relaties (relatieregister)", "en": "Relations (relations register)"},
    "rationale_mean_of_bands": {"nl": " (gemiddeld {mean})", "en": " (mean {mean})"},
    "rationale_highest_band": {"nl": " (hoogste band {band})", "en": " (highest band {band})"},
    "rationale_relations_not_weighed": {
        "nl": "Relaties (band {band}) niet meegewogen: ze zouden het gemiddelde verlagen, en een vastgelegde "
              "relatie verlaagt een score nooit.",
        "en": "Relations (band {band}) not weighed: they would lower the mean, and a recorded relation never lowers "
              "a score.",
    },
    "rationale_nothing": {
        "nl": "Geen indicatorwaarden en geen bruikbare documenten: score open gelaten (geen gok).",
        "en": "No indicator values and no usable documents: score left open (no guess).",
    },
    "rationale_too_little": {
        "nl": "Te weinig bewijs: alleen {named} ({share}% van het gewicht, minimaal {minimum}%): score open gelaten "
              "(geen gok).",
        "en": "Too little evidence: only {named} ({share}% of the weight, at least {minimum}%): score left open (no "
              "guess).",
    },
    "rationale_weighted_mean": {
        "nl": "Gewogen gemiddelde ({weights}): {mean} {arrow} score {score}.",
        "en": "Weighted mean ({weights}): {mean} {arrow} score {score}.",
    },
    "rationale_missing": {"nl": "Ontbreekt: {gaps}.", "en": "Missing: {gaps}."},
}


#: The language of the texts stored with an assessment (findings, caveats, recommendation reasons): Dutch. Their
#: English texts are in the catalog beside them.
STORED_LANG = "nl"


def stored(key: str, **values) -> str:
    """The text ``compass.<key>`` in :data:`STORED_LANG`, for a text stored with an assessment."""
    return t(f"compass.{key}", STORED_LANG, **values)


def finding_message(key: str, **values) -> str:
    """A validator finding's message: the text ``compass.finding_<key>`` in :data:`STORED_LANG`."""
    return stored(f"finding_{key}", **values)
