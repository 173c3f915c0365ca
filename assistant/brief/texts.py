"""User-facing texts of briefs and comparisons, in Dutch (default) and English: the ``brief`` catalog of
:mod:`assistant.i18n` (``t("brief.banner", lang)``), the risk and lead topics with their retrieval questions, and
small helpers that put compass values into words.

Compass labels come from the compass definition (Dutch); :data:`CRITERION_EN` gives their English names.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.i18n import LANGUAGES, catalog, t

TEXTS: dict[str, dict[str, str]] = {
    # -- brief ------------------------------------------------------------------------------------------------------
    "banner": {
        "nl": "CONCEPT — automatisch opgesteld, niet vastgesteld",
        "en": "DRAFT — generated automatically, not adopted",
    },
    "title": {"nl": "Regiobrief {region}", "en": "Region brief: {region}"},
    "subtitle": {
        "nl": "Afwegingskompas {version} · opgesteld op {date} · voorstel: {backend} · tekst: {prose}",
        "en": "Compass {version} · drafted on {date} · proposal: {backend} · text: {prose}",
    },
    "h_summary": {"nl": "Samenvatting", "en": "Summary"},
    "h_compass": {"nl": "Afwegingskompas", "en": "Assessment compass"},
    "h_risks": {"nl": "Risico's", "en": "Risks"},
    "h_leads": {"nl": "Praktische aanknopingspunten", "en": "Practical leads"},
    "h_validation": {"nl": "Bevindingen van de validator", "en": "Validator findings"},
    "h_sources": {"nl": "Bronnen", "en": "Sources"},
    "f_score": {"nl": "Voorgestelde score", "en": "Proposed score"},
    "f_confidence": {"nl": "zekerheid", "en": "confidence"},
    "f_rationale": {"nl": "Toelichting", "en": "Rationale"},
    "f_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "f_override": {"nl": "Aangepast door {officer} ({at}): {reason}", "en": "Changed by {officer} ({at}): {reason}"},
    "f_recommendation": {"nl": "Voorgestelde aanbeveling", "en": "Proposed recommendation"},
    "f_caveats": {"nl": "Kanttekeningen bij het voorstel", "en": "Caveats of the proposal"},
    "f_status": {"nl": "Status", "en": "Status"},
    "f_scores": {"nl": "Scores", "en": "Scores"},
    "f_basis": {"nl": "Basis", "en": "Basis"},
    "f_key_points": {"nl": "Kernpunten uit de bronnen", "en": "Key points from the sources"},
    "f_notes": {"nl": "Opmerkingen", "en": "Notes"},
    "null_score": {"nl": "n.b.", "en": "n/a"},
    "null_score_long": {"nl": "n.b. (onvoldoende bewijs)", "en": "n/a (insufficient evidence)"},
    "insufficient": {
        "nl": "Onvoldoende bronnen gevonden voor {topic}.",
        "en": "Insufficient sources found for {topic}.",
    },
    "insufficient_docs_both": {
        "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op indicatordata "
              "en het relatieregister.",
        "en": "Insufficient sources found for {topic} in the documents; the score rests on indicator data and the "
              "relations register only.",
    },
    "insufficient_docs_register": {
        "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op het "
              "relatieregister.",
        "en": "Insufficient sources found for {topic} in the documents; the score rests on the relations register "
              "only.",
    },
    "insufficient_docs_indicator": {
        "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op indicatordata.",
        "en": "Insufficient sources found for {topic} in the documents; the score rests on indicator data only.",
    },
    "general_evidence": {"nl": "algemeen EU/NL-beleid", "en": "general EU/NL policy"},
    "indicator": {"nl": "data: {title}", "en": "data: {title}"},
    "register": {"nl": "relatieregister: {id}", "en": "relations register: {id}"},
    "h_relations": {
        "nl": "Relaties van de provincie (relatieregister)",
        "en": "The province's relations (relations register)",
    },
    "relation_line": {
        "nl": "{kind}: {organisation}, {region} ({when}): {description} — vastgelegd door {officer}, bijgewerkt "
              "{updated}",
        "en": "{kind}: {organisation}, {region} ({when}): {description} — recorded by {officer}, updated {updated}",
    },
    "no_relations": {
        "nl": "Geen relaties van de provincie met {region} in het relatieregister; leg ze vast met 'assistant "
              "relations add' of in het tabblad Relaties.",
        "en": "No relations of the province with {region} in the relations register; record them with 'assistant "
              "relations add' or in the Relations tab.",
    },
    "relations_unreadable": {
        "nl": "Relatieregister niet leesbaar: {error}",
        "en": "Relations register unreadable: {error}",
    },
    "national_picture": {"nl": "landelijk beeld {country}", "en": "national picture {country}"},
    "national_fallback": {
        "nl": "{section}: geen bronnen over {region} zelf; het landelijke beeld van {country} is gebruikt.",
        "en": "{section}: no sources about {region} itself; the national picture of {country} is used.",
    },
    "validation_passed": {"nl": "geslaagd", "en": "passed"},
    "validation_warnings": {"nl": "geslaagd met {n} waarschuwing(en)", "en": "passed with {n} warning(s)"},
    "validation_failed": {
        "nl": "NIET geslaagd: {errors} fout(en), {warnings} waarschuwing(en)",
        "en": "NOT passed: {errors} error(s), {warnings} warning(s)",
    },
    "no_findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "severity_error": {"nl": "FOUT", "en": "ERROR"},
    "severity_warning": {"nl": "WAARSCHUWING", "en": "WARNING"},
    "basis": {
        "nl": "{passages} bronpassage(s) uit {documents} document(en) in deze brief.",
        "en": "{passages} source passage(s) from {documents} document(s) in this brief.",
    },
    "no_sources": {
        "nl": "Geen bronpassages gevonden voor deze regio.",
        "en": "No source passages found for this region.",
    },
    "uncited_dropped": {
        "nl": "{section}: {n} gegenereerde zin(nen) zonder geldige bronverwijzing weggelaten.",
        "en": "{section}: left out {n} generated sentence(s) without a valid source reference.",
    },
    "missing_chunk": {
        "nl": "{section}: {n} bewijspassage(s) niet (meer) in de index; weggelaten. Voer 'assistant ingest' uit.",
        "en": "{section}: {n} evidence passage(s) no longer in the index; left out. Run 'assistant ingest'.",
    },
    "summary_fallback": {
        "nl": "Samenvatting: het taalmodel gaf geen bruikbare tekst met geldige bronverwijzingen ({detail}); de "
              "kernpunten zijn letterlijk uit de bronnen overgenomen.",
        "en": "Summary: the language model gave no usable text with valid source references ({detail}); the key "
              "points are quoted from the sources.",
    },
    "off_topic": {
        "nl": "{section}: {n} gevonden passage(s) noemden het onderwerp niet en zijn weggelaten.",
        "en": "{section}: left out {n} retrieved passage(s) that do not mention the topic.",
    },
    "backend_error": {"nl": "{section}: {error}", "en": "{section}: {error}"},
    "extractive": {"nl": "letterlijke bronzinnen (extractief)", "en": "verbatim source sentences (extractive)"},
    "generated": {
        "nl": "gegenereerd door {backend}, met bronverwijzingen gecontroleerd",
        "en": "generated by {backend}, source references checked",
    },
    "page": {"nl": "p. {page}", "en": "p. {page}"},
    "section": {"nl": "sectie '{section}'", "en": "section '{section}'"},
    "no_date": {"nl": "zonder datum", "en": "undated"},
    # -- risk and lead topics (see Topic) ---------------------------------------------------------------------------
    "topic_geopolitiek_heading": {"nl": "Geopolitiek", "en": "Geopolitics"},
    "topic_geopolitiek_phrase": {"nl": "geopolitieke ontwikkelingen", "en": "geopolitical developments"},
    "topic_geopolitiek_question": {
        "nl": "Welke geopolitieke ontwikkelingen, spanningen of veiligheidsrisico's spelen er rond {region}?",
        "en": "What geopolitical developments, tensions or security risks concern {region}?",
    },
    "topic_mensenrechten_heading": {"nl": "Mensenrechten", "en": "Human rights"},
    "topic_mensenrechten_phrase": {"nl": "mensenrechten", "en": "human rights"},
    "topic_mensenrechten_question": {
        "nl": "Hoe is de mensenrechtensituatie in {region}?",
        "en": "What is the human rights situation in {region}?",
    },
    "topic_contacten_heading": {"nl": "Contacten", "en": "Contacts"},
    "topic_contacten_phrase": {"nl": "contacten en netwerken", "en": "contacts and networks"},
    "topic_contacten_question": {
        "nl": "Welke contacten, partnerschappen, handelsmissies of netwerken zijn er met {region}?",
        "en": "What contacts, partnerships, trade missions or networks exist with {region}?",
    },
    "topic_financiering_heading": {"nl": "Financiering", "en": "Funding"},
    "topic_financiering_phrase": {"nl": "financieringsmogelijkheden", "en": "funding opportunities"},
    "topic_financiering_question": {
        "nl": "Welke financieringsmogelijkheden, subsidies of programma's zijn er voor samenwerking met {region}?",
        "en": "What funding opportunities, grants or programmes exist for cooperation with {region}?",
    },
    # -- comparison -------------------------------------------------------------------------------------------------
    "compare_title": {
        "nl": "Vergelijking van regio's — afwegingskompas {version}",
        "en": "Region comparison — compass {version}",
    },
    "compare_region": {"nl": "Regio", "en": "Region"},
    "compare_data_title": {"nl": "Open data achter de scores", "en": "Open data behind the scores"},
    "compare_data_note": {
        "nl": "Per cel: waarde (jaar) → band 1-5; '–' = geen waarde voor deze regio; '·' = telt niet mee.",
        "en": "Per cell: value (year) → band 1-5; '–' = no value for this region; '·' = not counted.",
    },
    "compare_data_sources": {"nl": "Bronnen van de data", "en": "Sources of the data"},
    "compare_national_note": {
        "nl": "{mark} = landelijk cijfer: de regio heeft geen eigen waarde in deze dataset; het cijfer van het land "
              "waarin ze ligt is gebruikt.",
        "en": "{mark} = national figure: the region has no value of its own in this dataset; the figure of its "
              "country is used.",
    },
    "compare_recommendation": {"nl": "Aanbeveling", "en": "Recommendation"},
    "compare_validation": {"nl": "Validatie", "en": "Validation"},
    "compare_note": {
        "nl": "Scores 1 (zwak) tot 5 (sterk); n.b. = onvoldoende bewijs (geen score). Opgesteld op {date}; "
              "automatisch voorstel, niet vastgesteld.",
        "en": "Scores 1 (weak) to 5 (strong); n/a = insufficient evidence (no score). Drafted on {date}; automatic "
              "proposal, not adopted.",
    },
    "heatmap_title": {
        "nl": "Afwegingskompas {version}: voorgestelde scores (concept)",
        "en": "Compass {version}: proposed scores (draft)",
    },
    "heatmap_null": {"nl": "n.b. = onvoldoende bewijs", "en": "n/a = insufficient evidence"},
    "heatmap_scale": {"nl": "score (1 zwak – 5 sterk)", "en": "score (1 weak – 5 strong)"},
    "valid_short_passed": {"nl": "geslaagd", "en": "passed"},
    "valid_short_failed": {"nl": "niet geslaagd", "en": "not passed"},
    # -- months (long_date) -----------------------------------------------------------------------------------------
    "month_1": {"nl": "januari", "en": "January"},
    "month_2": {"nl": "februari", "en": "February"},
    "month_3": {"nl": "maart", "en": "March"},
    "month_4": {"nl": "april", "en": "April"},
    "month_5": {"nl": "mei", "en": "May"},
    "month_6": {"nl": "juni", "en": "June"},
    "month_7": {"nl": "juli", "en": "July"},
    "month_8": {"nl": "augustus", "en": "August"},
    "month_9": {"nl": "september", "en": "September"},
    "month_10": {"nl": "oktober", "en": "October"},
    "month_11": {"nl": "november", "en": "November"},
    "month_12": {"nl": "december", "en": "December"},
}

CRITERION_EN = {
    "inhoudelijke_aansluiting": "Thematic fit",
    "praktische_mogelijkheden": "Practical opportunities",
    "realiseerbaarheid": "Feasibility",
    "omgevingsfactoren": "Environmental factors",
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown brief language {lang!r}; use one of {', '.join(LANGUAGES)} (--lang nl|en).")
    return lang


def long_date(iso: str, lang: str) -> str:
    """``2026-03-05`` -> ``5 maart 2026`` / ``5 March 2026``."""
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {t(f'brief.month_{month}', lang)} {year}"


def criterion_label(criterion_id: str, dutch_label: str, lang: str) -> str:
    if lang == "en":
        return CRITERION_EN.get(criterion_id, dutch_label or criterion_id)
    return dutch_label or criterion_id


def recommendation_label(recommendation: str, lang: str) -> str:
    """A recommendation (stored as its Dutch word) in ``lang`` (the texts ``compass.recommendation_<word>``)."""
    key = f"recommendation_{(recommendation or '').replace(' ', '_')}"
    return t(f"compass.{key}", lang) if recommendation and key in catalog("compass") else recommendation


def score_text(score: int | None, lang: str, *, long: bool = False) -> str:
    if score is None:
        return t("brief.null_score_long" if long else "brief.null_score", lang)
    return f"{score}/5"


@dataclass(frozen=True)
class Topic:
    """A risk or lead section: its region-filtered question and the words that make a quoted passage on-topic.

    Its texts are ``brief.topic_<key>_heading``, ``_phrase`` and ``_question`` (about ``{region}``, the region's
    name in the brief's language). A quoted (extractive) passage is kept only when it names
    one of ``terms``, of the lexicon of compass ``aspect``, or (with ``human_rights``) of the compass human-rights
    lexicon; terms match on word starts (see compass.lexicon).
    """

    key: str
    terms: tuple[str, ...]
    aspect: str | None = None
    human_rights: bool = False

    def heading(self, lang: str) -> str:
        return t(f"brief.topic_{self.key}_heading", lang)

    def phrase(self, lang: str) -> str:
        return t(f"brief.topic_{self.key}_phrase", lang)

    def question(self, lang: str, name_nl: str, name_en: str) -> str:
        """The retrieval question about a region, named in ``lang`` (its Dutch or English name)."""
        return t(f"brief.topic_{self.key}_question", lang, region=name_en if lang == "en" else name_nl)


RISK_TOPICS = (
    Topic("geopolitiek",
          ("geopolitiek", "geopolitical", "security", "veiligheid", "military", "militair", "tension", "spanning",
           "conflict", "sanction", "sanctie", "territorial", "espionage", "spionage", "coercion", "alliance",
           "bondgenoot", "defence", "defense", "defensie", "export control", "exportcontrole", "threat",
           "dreiging", "war", "oorlog"),
          aspect="geopolitiek"),
    Topic("mensenrechten",
          ("human rights", "mensenrechten", "rights", "rechten", "abuse", "schending", "freedom", "vrijheid",
           "discrimination", "discriminatie", "detention", "detain", "arrest", "censorship", "repression",
           "onderdrukking", "refugee", "vluchteling"),
          human_rights=True),
)
LEAD_TOPICS = (
    Topic("contacten",
          ("contact", "partner", "partnership", "partnerschap", "cooperation", "collaboration", "samenwerking",
           "agreement", "overeenkomst", "memorandum", "mission", "missie", "delegation", "delegatie", "network",
           "netwerk", "embassy", "ambassade", "consulate", "consulaat", "chamber of commerce", "trade", "handel",
           "exchange", "uitwisseling", "sister city", "twinning"),
          aspect="contacten"),
    Topic("financiering",
          ("fund", "funding", "financing", "financiering", "finance", "subsidy", "subsidies", "subsidie", "grant",
           "fonds", "investment", "investering", "budget", "loan", "lening", "horizon europe", "interreg",
           "co-financing", "cofinanciering"),
          aspect="financiering"),
)
