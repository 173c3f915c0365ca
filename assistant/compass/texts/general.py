"""Compass texts: values and bands, indicator gaps, recommendations, relation kinds, the validator's
rules and the text output of score, validate and data."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # -- values and bands -------------------------------------------------------------------------------------------
    "not_counted": {"nl": "telt niet mee", "en": "not counted"},
    "proposer_evidence": {"nl": "offline bewijsregels (documenten en open data)",
                          "en": "offline evidence rules (documents and open data)"},
    "proposer_llm": {"nl": "taalmodel {model}", "en": "language model {model}"},
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
    # -- data vintages and relation periods ----------------------------------------------------------------------------
    "vintage_last_updated": {"nl": "bijgewerkt", "en": "last updated"},
    "vintage_years_to": {"nl": "jaren tot", "en": "years to"},
    "vintage_checked": {"nl": "gecontroleerd", "en": "checked"},
    "vintage_votes": {"nl": "stemmingen", "en": "votes"},
    "vintage_version": {"nl": "versie", "en": "version"},
    "vintage_no_values": {"nl": "geen waarden", "en": "no values"},
    "relation_since": {"nl": "sinds {date}", "en": "since {date}"},
    "relation_until": {"nl": "{date} tot {end}", "en": "{date} to {end}"},
}
