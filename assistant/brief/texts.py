"""User-facing texts of briefs and comparisons, in Dutch (default) and English, plus the retrieval questions.

Every text is a ``{"nl": ..., "en": ...}`` dict; :func:`t` picks the language and fills ``{placeholders}``.
Compass labels come from the compass definition (Dutch); :data:`CRITERION_EN` gives their English names.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("nl", "en")

BANNER = {"nl": "CONCEPT — automatisch opgesteld, niet vastgesteld",
          "en": "DRAFT — generated automatically, not adopted"}
TITLE = {"nl": "Regiobrief {region}", "en": "Region brief: {region}"}
SUBTITLE = {"nl": "Afwegingskompas {version} · opgesteld op {date} · voorstel: {backend} · tekst: {prose}",
            "en": "Compass {version} · drafted on {date} · proposal: {backend} · text: {prose}"}

H_SUMMARY = {"nl": "Samenvatting", "en": "Summary"}


def proposer_label(backend: str, lang: str) -> str:
    """The compass proposer in words: 'evidence' -> offline evidence rules, 'llm:<model>' -> language model."""
    if backend == "evidence":
        return t(PROPOSER_EVIDENCE, lang)
    if backend.startswith("llm"):
        return t(PROPOSER_LLM, lang, model=backend.partition(":")[2] or "?")
    return backend
H_COMPASS = {"nl": "Afwegingskompas", "en": "Assessment compass"}
H_RISKS = {"nl": "Risico's", "en": "Risks"}
H_LEADS = {"nl": "Praktische aanknopingspunten", "en": "Practical leads"}
H_VALIDATION = {"nl": "Bevindingen van de validator", "en": "Validator findings"}
H_SOURCES = {"nl": "Bronnen", "en": "Sources"}

F_SCORE = {"nl": "Voorgestelde score", "en": "Proposed score"}
F_CONFIDENCE = {"nl": "zekerheid", "en": "confidence"}
F_RATIONALE = {"nl": "Toelichting", "en": "Rationale"}
F_EVIDENCE = {"nl": "Bewijs", "en": "Evidence"}
F_OVERRIDE = {"nl": "Aangepast door {officer} ({at}): {reason}", "en": "Changed by {officer} ({at}): {reason}"}
F_RECOMMENDATION = {"nl": "Voorgestelde aanbeveling", "en": "Proposed recommendation"}
F_CAVEATS = {"nl": "Kanttekeningen bij het voorstel", "en": "Caveats of the proposal"}
F_STATUS = {"nl": "Status", "en": "Status"}
F_SCORES = {"nl": "Scores", "en": "Scores"}
F_BASIS = {"nl": "Basis", "en": "Basis"}
F_KEY_POINTS = {"nl": "Kernpunten uit de bronnen", "en": "Key points from the sources"}
F_NOTES = {"nl": "Opmerkingen", "en": "Notes"}

NULL_SCORE = {"nl": "n.b.", "en": "n/a"}
NULL_SCORE_LONG = {"nl": "n.b. (onvoldoende bewijs)", "en": "n/a (insufficient evidence)"}
INSUFFICIENT = {"nl": "Onvoldoende bronnen gevonden voor {topic}.", "en": "Insufficient sources found for {topic}."}
INSUFFICIENT_DOCS_BOTH = {
    "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op indicatordata en "
          "het relatieregister.",
    "en": "Insufficient sources found for {topic} in the documents; the score rests on indicator data and the "
          "relations register only.",
}
INSUFFICIENT_DOCS_REGISTER = {
    "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op het relatieregister.",
    "en": "Insufficient sources found for {topic} in the documents; the score rests on the relations register only.",
}
INSUFFICIENT_DOCS_INDICATOR = {
    "nl": "Onvoldoende bronnen gevonden voor {topic} in de documenten; de score steunt alleen op indicatordata.",
    "en": "Insufficient sources found for {topic} in the documents; the score rests on indicator data only.",
}
GENERAL_EVIDENCE = {"nl": "algemeen EU/NL-beleid", "en": "general EU/NL policy"}
INDICATOR = {"nl": "data: {title}", "en": "data: {title}"}
REGISTER = {"nl": "relatieregister: {id}", "en": "relations register: {id}"}
H_RELATIONS = {"nl": "Relaties van de provincie (relatieregister)",
               "en": "The province's relations (relations register)"}
RELATION_LINE = {"nl": "{kind}: {organisation}, {region} ({when}): {description} — vastgelegd door {officer}, "
                       "bijgewerkt {updated}",
                 "en": "{kind}: {organisation}, {region} ({when}): {description} — recorded by {officer}, "
                       "updated {updated}"}
SINCE = {"nl": "sinds {date}", "en": "since {date}"}
UNTIL = {"nl": "{date} tot {end}", "en": "{date} to {end}"}
ENDED = {"nl": "afgelopen", "en": "ended"}
NO_RELATIONS = {
    "nl": "Geen relaties van de provincie met {region} in het relatieregister; leg ze vast met 'assistant relations "
          "add' of in het tabblad Relaties.",
    "en": "No relations of the province with {region} in the relations register; record them with 'assistant "
          "relations add' or in the Relations tab.",
}
RELATIONS_UNREADABLE = {"nl": "Relatieregister niet leesbaar: {error}", "en": "Relations register unreadable: {error}"}
NATIONAL_PICTURE = {"nl": "landelijk beeld {country}", "en": "national picture {country}"}
NATIONAL_FALLBACK = {
    "nl": "{section}: geen bronnen over {region} zelf; het landelijke beeld van {country} is gebruikt.",
    "en": "{section}: no sources about {region} itself; the national picture of {country} is used.",
}
PROPOSER_EVIDENCE = {"nl": "offline bewijsregels (documenten en open data)",
                     "en": "offline evidence rules (documents and open data)"}
PROPOSER_LLM = {"nl": "taalmodel {model}", "en": "language model {model}"}
NOT_COUNTED = {"nl": "telt niet mee", "en": "not counted"}
VALIDATION_PASSED = {"nl": "geslaagd", "en": "passed"}
VALIDATION_WARNINGS = {"nl": "geslaagd met {n} waarschuwing(en)", "en": "passed with {n} warning(s)"}
VALIDATION_FAILED = {"nl": "NIET geslaagd: {errors} fout(en), {warnings} waarschuwing(en)",
                     "en": "NOT passed: {errors} error(s), {warnings} warning(s)"}
NO_FINDINGS = {"nl": "Geen bevindingen.", "en": "No findings."}
SEVERITY = {"error": {"nl": "FOUT", "en": "ERROR"}, "warning": {"nl": "WAARSCHUWING", "en": "WARNING"}}
BASIS = {"nl": "{passages} bronpassage(s) uit {documents} document(en) in deze brief.",
         "en": "{passages} source passage(s) from {documents} document(s) in this brief."}
NO_SOURCES = {"nl": "Geen bronpassages gevonden voor deze regio.", "en": "No source passages found for this region."}
UNCITED_DROPPED = {
    "nl": "{section}: {n} gegenereerde zin(nen) zonder geldige bronverwijzing weggelaten.",
    "en": "{section}: left out {n} generated sentence(s) without a valid source reference.",
}
MISSING_CHUNK = {
    "nl": "{section}: {n} bewijspassage(s) niet (meer) in de index; weggelaten. Voer 'assistant ingest' uit.",
    "en": "{section}: {n} evidence passage(s) no longer in the index; left out. Run 'assistant ingest'.",
}
SUMMARY_FALLBACK = {
    "nl": "Samenvatting: het taalmodel gaf geen bruikbare tekst met geldige bronverwijzingen ({detail}); de "
          "kernpunten zijn letterlijk uit de bronnen overgenomen.",
    "en": "Summary: the language model gave no usable text with valid source references ({detail}); the key "
          "points are quoted from the sources.",
}
OFF_TOPIC = {
    "nl": "{section}: {n} gevonden passage(s) noemden het onderwerp niet en zijn weggelaten.",
    "en": "{section}: left out {n} retrieved passage(s) that do not mention the topic.",
}
BACKEND_ERROR = {"nl": "{section}: {error}", "en": "{section}: {error}"}
EXTRACTIVE = {"nl": "letterlijke bronzinnen (extractief)", "en": "verbatim source sentences (extractive)"}
GENERATED = {"nl": "gegenereerd door {backend}, met bronverwijzingen gecontroleerd",
             "en": "generated by {backend}, source references checked"}
PAGE = {"nl": "p. {page}", "en": "p. {page}"}
SECTION = {"nl": "sectie '{section}'", "en": "section '{section}'"}
NO_DATE = {"nl": "zonder datum", "en": "undated"}

CRITERION_EN = {
    "inhoudelijke_aansluiting": "Thematic fit",
    "praktische_mogelijkheden": "Practical opportunities",
    "realiseerbaarheid": "Feasibility",
    "omgevingsfactoren": "Environmental factors",
}
RECOMMENDATION_EN = {"focus": "focus", "kansrijk": "promising", "monitoren": "monitor",
                     "niet prioriteren": "do not prioritise"}

@dataclass(frozen=True)
class Topic:
    """A risk or lead section: its region-filtered question and the words that make a quoted passage on-topic.

    ``question`` uses ``{regio}`` (Dutch region name) and ``{region}`` (English name). A quoted (extractive)
    passage is kept only when it names one of ``terms``, of the lexicon of compass ``aspect``, or (with
    ``human_rights``) of the compass human-rights lexicon; terms match on word starts (see compass.lexicon).
    """

    key: str
    heading: dict[str, str]
    phrase: dict[str, str]
    question: dict[str, str]
    terms: tuple[str, ...]
    aspect: str | None = None
    human_rights: bool = False


RISK_TOPICS = (
    Topic("geopolitiek", {"nl": "Geopolitiek", "en": "Geopolitics"},
          {"nl": "geopolitieke ontwikkelingen", "en": "geopolitical developments"},
          {"nl": "Welke geopolitieke ontwikkelingen, spanningen of veiligheidsrisico's spelen er rond {regio}?",
           "en": "What geopolitical developments, tensions or security risks concern {region}?"},
          ("geopolitiek", "geopolitical", "security", "veiligheid", "military", "militair", "tension", "spanning",
           "conflict", "sanction", "sanctie", "territorial", "espionage", "spionage", "coercion", "alliance",
           "bondgenoot", "defence", "defense", "defensie", "export control", "exportcontrole", "threat",
           "dreiging", "war", "oorlog"),
          aspect="geopolitiek"),
    Topic("mensenrechten", {"nl": "Mensenrechten", "en": "Human rights"},
          {"nl": "mensenrechten", "en": "human rights"},
          {"nl": "Hoe is de mensenrechtensituatie in {regio}?",
           "en": "What is the human rights situation in {region}?"},
          ("human rights", "mensenrechten", "rights", "rechten", "abuse", "schending", "freedom", "vrijheid",
           "discrimination", "discriminatie", "detention", "detain", "arrest", "censorship", "repression",
           "onderdrukking", "refugee", "vluchteling"),
          human_rights=True),
)
LEAD_TOPICS = (
    Topic("contacten", {"nl": "Contacten", "en": "Contacts"},
          {"nl": "contacten en netwerken", "en": "contacts and networks"},
          {"nl": "Welke contacten, partnerschappen, handelsmissies of netwerken zijn er met {regio}?",
           "en": "What contacts, partnerships, trade missions or networks exist with {region}?"},
          ("contact", "partner", "partnership", "partnerschap", "cooperation", "collaboration", "samenwerking",
           "agreement", "overeenkomst", "memorandum", "mission", "missie", "delegation", "delegatie", "network",
           "netwerk", "embassy", "ambassade", "consulate", "consulaat", "chamber of commerce", "trade", "handel",
           "exchange", "uitwisseling", "sister city", "twinning"),
          aspect="contacten"),
    Topic("financiering", {"nl": "Financiering", "en": "Funding"},
          {"nl": "financieringsmogelijkheden", "en": "funding opportunities"},
          {"nl": "Welke financieringsmogelijkheden, subsidies of programma's zijn er voor samenwerking met {regio}?",
           "en": "What funding opportunities, grants or programmes exist for cooperation with {region}?"},
          ("fund", "funding", "financing", "financiering", "finance", "subsidy", "subsidies", "subsidie", "grant",
           "fonds", "investment", "investering", "budget", "loan", "lening", "horizon europe", "interreg",
           "co-financing", "cofinanciering"),
          aspect="financiering"),
)

# Comparison
COMPARE_TITLE = {"nl": "Vergelijking van regio's — afwegingskompas {version}",
                 "en": "Region comparison — compass {version}"}
COMPARE_REGION = {"nl": "Regio", "en": "Region"}
COMPARE_DATA_TITLE = {"nl": "Open data achter de scores", "en": "Open data behind the scores"}
COMPARE_DATA_NOTE = {
    "nl": "Per cel: waarde (jaar) → band 1-5; '–' = geen waarde voor deze regio; '·' = telt niet mee.",
    "en": "Per cell: value (year) → band 1-5; '–' = no value for this region; '·' = not counted.",
}
COMPARE_DATA_SOURCES = {"nl": "Bronnen van de data", "en": "Sources of the data"}
COMPARE_NATIONAL_NOTE = {
    "nl": "{mark} = landelijk cijfer: de regio heeft geen eigen waarde in deze dataset; het cijfer van het land "
          "waarin ze ligt is gebruikt.",
    "en": "{mark} = national figure: the region has no value of its own in this dataset; the figure of its country "
          "is used.",
}
COMPARE_RECOMMENDATION = {"nl": "Aanbeveling", "en": "Recommendation"}
COMPARE_VALIDATION = {"nl": "Validatie", "en": "Validation"}
COMPARE_NOTE = {
    "nl": "Scores 1 (zwak) tot 5 (sterk); n.b. = onvoldoende bewijs (geen score). Opgesteld op {date}; "
          "automatisch voorstel, niet vastgesteld.",
    "en": "Scores 1 (weak) to 5 (strong); n/a = insufficient evidence (no score). Drafted on {date}; automatic "
          "proposal, not adopted.",
}
HEATMAP_TITLE = {"nl": "Afwegingskompas {version}: voorgestelde scores (concept)",
                 "en": "Compass {version}: proposed scores (draft)"}
HEATMAP_NULL = {"nl": "n.b. = onvoldoende bewijs", "en": "n/a = insufficient evidence"}
HEATMAP_SCALE = {"nl": "score (1 zwak – 5 sterk)", "en": "score (1 weak – 5 strong)"}
VALID_SHORT = {True: {"nl": "geslaagd", "en": "passed"}, False: {"nl": "niet geslaagd", "en": "not passed"}}

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"Unknown brief language {lang!r}; use one of {', '.join(LANGS)} (--lang nl|en).")
    return lang


def t(text: dict[str, str], lang: str, **values) -> str:
    """The text in ``lang`` with ``values`` filled in."""
    return text[lang].format(**values) if values else text[lang]


def long_date(iso: str, lang: str) -> str:
    """``2026-03-05`` -> ``5 maart 2026`` / ``5 March 2026``."""
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {MONTHS[lang][month - 1]} {year}"


def criterion_label(criterion_id: str, dutch_label: str, lang: str) -> str:
    if lang == "en":
        return CRITERION_EN.get(criterion_id, dutch_label or criterion_id)
    return dutch_label or criterion_id


def recommendation_label(recommendation: str, lang: str) -> str:
    return RECOMMENDATION_EN.get(recommendation, recommendation) if lang == "en" else recommendation


def score_text(score: int | None, lang: str, *, long: bool = False) -> str:
    if score is None:
        return t(NULL_SCORE_LONG if long else NULL_SCORE, lang)
    return f"{score}/5"
