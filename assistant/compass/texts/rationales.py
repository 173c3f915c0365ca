"""Compass texts: caveats, recommendation reasons and the rationales of the proposers (stored with an
assessment, in Dutch)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
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
    # -- rationales of the document judges (evidence.py; stored in Dutch) ----------------------------------------------
    "judge_themes_none": {
        "nl": "Geen passages over de regio gevonden die een innovatiethema in samenhang met innovatie of "
              "samenwerking noemen: geen oordeel uit documenten.",
        "en": "No passages about the region found that name an innovation theme together with innovation or "
              "cooperation: no judgement from documents.",
    },
    "judge_themes": {
        "nl": "{themes} innovatiethema('s) genoemd in {sentences} zin(nen) over innovatie of samenwerking in de "
              "regio: {names}.",
        "en": "{themes} innovation theme(s) named in {sentences} sentence(s) about innovation or cooperation in the "
              "region: {names}.",
    },
    "judge_and": {"nl": " en ", "en": " and "},
    "judge_general_context": {
        "nl": " ({n} algemene EU/NL-beleidspassage(s) alleen als context)",
        "en": " ({n} general EU/NL policy passage(s) as context only)",
    },
    "judge_balance_none": {
        "nl": "Geen passages over de regio gevonden die iets zeggen over {aspects}{general_note}; geen oordeel uit "
              "documenten.",
        "en": "No passages about the region found that say something about {aspects}{general_note}; no judgement "
              "from documents.",
    },
    "judge_balance": {
        "nl": "{pos} positieve en {neg} negatieve signaalzin(nen) over {aspects} (termen: {terms}); {strength} bewijs.",
        "en": "{pos} positive and {neg} negative signal sentence(s) about {aspects} (terms: {terms}); {strength} "
              "evidence.",
    },
    "judge_strong": {"nl": "sterk", "en": "strong"},
    "judge_limited": {"nl": "beperkt", "en": "limited"},
    "env_grave": {"nl": "ernstige schendingen", "en": "serious abuses"},
    "env_moderate": {"nl": "beperkingen van vrijheden", "en": "restrictions of freedoms"},
    "env_no_abuses": {"nl": "geen significante schendingen", "en": "no significant abuses"},
    "env_national": {"nl": "{country} (landelijk beeld)", "en": "{country} (national picture)"},
    "env_region": {"nl": "de regio", "en": "the region"},
    "env_region_and_national": {"nl": "de regio en {national}", "en": "the region and {national}"},
    "env_sources": {
        "nl": "onafhankelijke bronnen over {where} melden {kind} ({terms})",
        "en": "independent sources about {where} report {kind} ({terms})",
    },
    "env_geopolitics": {
        "nl": "geopolitiek: {neg} negatieve en {pos} positieve signaalzin(nen)",
        "en": "geopolitics: {neg} negative and {pos} positive signal sentence(s)",
    },
    "env_nothing": {
        "nl": "geen onafhankelijke bronnen over mensenrechten of geopolitiek van de regio gevonden.",
        "en": "no independent sources on human rights or geopolitics of the region found.",
    },
    "cap_sources": {
        "nl": "geciteerde onafhankelijke bronnen noemen {terms}",
        "en": "cited independent sources name {terms}",
    },
    "cap_note": {
        "nl": "Begrensd tot {limit} wegens ernstige mensenrechtenschendingen ({reasons}).",
        "en": "Capped at {limit} because of serious human-rights abuses ({reasons}).",
    },
}
