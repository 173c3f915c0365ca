"""Every user-facing string of the app, in Dutch (default) and English.

``t("chat_send", "en")`` looks a text up; ``{name}`` placeholders are filled from keyword arguments. A missing
English text falls back to Dutch, a missing key raises KeyError (tests check that every key has both languages).
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"

TEXTS: dict[str, dict[str, str]] = {
    # -- frame ---------------------------------------------------------------------------------------------------
    "app_title": {"nl": "Kennisassistent internationale samenwerking",
                  "en": "Knowledge assistant for international cooperation"},
    "app_intro": {
        "nl": "Antwoorden met bronvermelding uit de geïndexeerde documenten, en een voorstel voor het "
              "afwegingskompas. De beleidsmedewerker beslist.",
        "en": "Answers with cited sources from the indexed documents, and a proposal for the afwegingskompas "
              "(decision compass). The officer decides.",
    },
    "lang_label": {"nl": "Taal / Language", "en": "Taal / Language"},
    "status": {
        "nl": "**Antwoorden door:** {backend} · **Index:** {documents} documenten, {chunks} passages "
              "· **Embedder:** {embedder}",
        "en": "**Answered by:** {backend} · **Index:** {documents} documents, {chunks} passages "
              "· **Embedder:** {embedder}",
    },
    "backend_extractive": {"nl": "extractief (offline, citaten uit de bronnen)",
                           "en": "extractive (offline, quotes from the sources)"},
    "backend_llm": {"nl": "taalmodel {backend} ({model} op {endpoint})",
                    "en": "language model {backend} ({model} at {endpoint})"},
    "status_error": {"nl": "Status niet beschikbaar: {error}", "en": "Status unavailable: {error}"},
    "tab_chat": {"nl": "Vragen", "en": "Ask"},
    "tab_kompas": {"nl": "Kompas", "en": "Compass"},
    "tab_brief": {"nl": "Regiobrief", "en": "Region brief"},
    "tab_sources": {"nl": "Bronnen", "en": "Sources"},
    "tab_relations": {"nl": "Relaties", "en": "Relations"},
    "role_editor": {"nl": "Ingelogd als **{user}** (redacteur).", "en": "Logged in as **{user}** (editor)."},
    "role_viewer": {"nl": "Ingelogd als **{user}** (alleen lezen: wijzigen kan alleen een redacteur).",
                    "en": "Logged in as **{user}** (read only: only an editor can change things)."},
    "role_refused": {"nl": "Niet toegestaan: {user} mag alleen lezen. Het relatieregister, scores en documenten "
                           "wijzigen kan alleen een redacteur (ASSISTANT_APP__EDITORS). Er is niets gewijzigd.",
                     "en": "Not allowed: {user} may only read. Only an editor (ASSISTANT_APP__EDITORS) can change the "
                           "relations register, scores and documents. Nothing was changed."},
    "officer_logged_in": {"nl": "Medewerker (ingelogd)", "en": "Officer (logged in)"},
    "any": {"nl": "(alle)", "en": "(all)"},
    "lang_nl": {"nl": "Nederlands", "en": "Dutch"},
    "lang_en": {"nl": "Engels", "en": "English"},
    # -- chat ----------------------------------------------------------------------------------------------------
    "chat_label": {"nl": "Gesprek", "en": "Conversation"},
    "chat_input": {"nl": "Uw vraag", "en": "Your question"},
    "chat_placeholder": {"nl": "Bijvoorbeeld: Hoe staat het met de persvrijheid in China?",
                         "en": "For example: What is the state of press freedom in China?"},
    "chat_send": {"nl": "Vraag stellen", "en": "Ask"},
    "chat_clear": {"nl": "Nieuw gesprek", "en": "New conversation"},
    "filters": {"nl": "Filters", "en": "Filters"},
    "filter_region": {"nl": "Regio", "en": "Region"},
    "filter_kind": {"nl": "Soort bron", "en": "Source kind"},
    "filter_language": {"nl": "Taal van de bron", "en": "Source language"},
    "copy_label": {"nl": "Antwoord met bronnen (om te kopiëren)", "en": "Answer with sources (to copy)"},
    "sources_heading": {"nl": "Bronnen", "en": "Sources"},
    "not_found": {"nl": "Niet gevonden in de bronnen.", "en": "Not found in the sources."},
    "closest_heading": {"nl": "Dichtstbijzijnde passages - deze beantwoorden de vraag níet",
                        "en": "Closest passages - these do NOT answer the question"},
    "not_found_hint": {
        "nl": "De geïndexeerde documenten bevatten geen passage die deze vraag beantwoordt. Probeer andere "
              "woorden, haal filters weg, of voeg een document toe onder Bronnen.",
        "en": "The indexed documents contain no passage that answers this question. Try other words, remove "
              "filters, or add a document under Sources.",
    },
    "answer_error": {"nl": "Let op", "en": "Note"},
    "empty_question": {"nl": "Typ eerst een vraag.", "en": "Please type a question first."},
    "page": {"nl": "p.", "en": "p."},
    "section": {"nl": "§", "en": "§"},
    "quote": {"nl": "Citaat", "en": "Quote"},
    "passage": {"nl": "Volledige passage", "en": "Full passage"},
    "removed_citations": {"nl": "Verwijzingen zonder bron verwijderd: {numbers}",
                          "en": "References without a source removed: {numbers}"},
    "standalone": {"nl": "Opgevat als: {question}", "en": "Understood as: {question}"},
    # -- kompas --------------------------------------------------------------------------------------------------
    "kompas_intro": {
        "nl": "Kies een regio: de assistent stelt per component een score voor, met onderbouwing en bronnen. "
              "De validator controleert het voorstel; u kunt een score aanpassen met een reden.",
        "en": "Pick a region: the assistant proposes a score per component, with rationale and sources. The "
              "validator checks the proposal; you can override a score with a reason.",
    },
    "kompas_region": {"nl": "Regio", "en": "Region"},
    "kompas_score_btn": {"nl": "Kompas invullen", "en": "Score the compass"},
    "kompas_none": {"nl": "Nog geen voorstel: kies een regio en klik op 'Kompas invullen'.",
                    "en": "No proposal yet: pick a region and click 'Score the compass'."},
    "kompas_heading": {"nl": "Afwegingskompas {version}: {region}", "en": "Afwegingskompas {version}: {region}"},
    "region_evidence": {"nl": "{name} ({documents} documenten, {values} indicatorwaarden)",
                        "en": "{name} ({documents} documents, {values} indicator values)"},
    "region_relations": {"nl": ", {n} relaties", "en": ", {n} relations"},
    "backend_evidence": {"nl": "offline bewijsregels (documenten en open data)",
                         "en": "offline evidence rules (documents and open data)"},
    "backend_llm_proposal": {"nl": "taalmodel {model}", "en": "language model {model}"},
    "kompas_indicators": {"nl": "Open data", "en": "Open data"},
    "kompas_documents": {"nl": "Documenten", "en": "Documents"},
    "kompas_relations": {"nl": "Relatieregister", "en": "Relations register"},
    "rel_since": {"nl": "sinds {date}", "en": "since {date}"},
    "rel_recorded": {"nl": "vastgelegd door {officer} · {id}", "en": "recorded by {officer} · {id}"},
    "ind_indicator": {"nl": "Indicator", "en": "Indicator"},
    "ind_value": {"nl": "Waarde", "en": "Value"},
    "ind_year": {"nl": "Jaar", "en": "Year"},
    "ind_band": {"nl": "Band (1-5)", "en": "Band (1-5)"},
    "ind_source": {"nl": "Bron", "en": "Source"},
    "ind_not_counted": {"nl": "telt niet mee", "en": "not counted"},
    "kompas_backend": {"nl": "Voorstel door: {backend} · gemaakt {created}",
                       "en": "Proposed by: {backend} · created {created}"},
    "kompas_recommendation": {"nl": "Aanbeveling", "en": "Recommendation"},
    "kompas_no_score": {"nl": "onvoldoende bewijs", "en": "insufficient evidence"},
    "kompas_confidence": {"nl": "zekerheid", "en": "confidence"},
    "kompas_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "kompas_no_evidence": {"nl": "Geen bewijs gevonden.", "en": "No evidence found."},
    "kompas_general": {"nl": "algemeen beleid", "en": "general policy"},
    "kompas_national": {"nl": "landelijk beeld {country}", "en": "national picture {country}"},
    "kompas_overridden": {"nl": "Aangepast door {officer} ({at}), was {previous}. Reden: {reason}",
                          "en": "Overridden by {officer} ({at}), was {previous}. Reason: {reason}"},
    "kompas_caveats": {"nl": "Aandachtspunten", "en": "Caveats"},
    "kompas_mitigation": {"nl": "Mitigatie", "en": "Mitigation"},
    "validation_heading": {"nl": "Validatie", "en": "Validation"},
    "validation_passed": {"nl": "Geslaagd: geen fouten", "en": "Passed: no errors"},
    "validation_failed": {"nl": "Niet geslaagd: {n} fout(en)", "en": "Failed: {n} error(s)"},
    "validation_clean": {"nl": "Geen bevindingen.", "en": "No findings."},
    "badge_error": {"nl": "fout", "en": "error"},
    "badge_warning": {"nl": "waarschuwing", "en": "warning"},
    "override_heading": {"nl": "Score aanpassen", "en": "Override a score"},
    "override_criterion": {"nl": "Component", "en": "Component"},
    "override_score": {"nl": "Nieuwe score", "en": "New score"},
    "override_empty": {"nl": "leeg (onvoldoende bewijs)", "en": "empty (insufficient evidence)"},
    "override_reason": {"nl": "Reden (verplicht)", "en": "Reason (required)"},
    "override_officer": {"nl": "Naam medewerker (verplicht)", "en": "Officer name (required)"},
    "override_mitigation": {"nl": "Mitigatienotitie (optioneel)", "en": "Mitigation note (optional)"},
    "override_btn": {"nl": "Aanpassing opslaan", "en": "Save override"},
    "override_saved": {"nl": "Aanpassing opgeslagen in het logboek; de validator is opnieuw uitgevoerd.",
                       "en": "Override stored in the log; the validator ran again."},
    "override_pick": {"nl": "Kies een component en een nieuwe score.", "en": "Choose a component and a new score."},
    "override_no_assessment": {"nl": "Vul eerst het kompas in voor een regio.",
                               "en": "Score the compass for a region first."},
    "kompas_error": {"nl": "Kompas invullen mislukt: {error}", "en": "Scoring failed: {error}"},
    "override_error": {"nl": "Aanpassing niet opgeslagen: {error}", "en": "Override not stored: {error}"},
    # -- relations -----------------------------------------------------------------------------------------------
    "rel_intro": {
        "nl": "Het relatieregister: wat de provincie zelf weet over haar banden met partnerregio's (partnerregio's, "
              "MoU's, handelsmissies, projecten, contacten, financiering). Het kompas gebruikt de regels als bewijs "
              "voor praktische mogelijkheden en realiseerbaarheid; elke wijziging wordt met reden vastgelegd.",
        "en": "The relations register: what the province itself knows about its ties with partner regions (partner "
              "regions, MoUs, trade missions, projects, contacts, funding). The compass uses the entries as "
              "evidence for practical opportunities and feasibility; every change is logged with a reason.",
    },
    "rel_filter": {"nl": "Toon relaties met", "en": "Show relations with"},
    "rel_table": {"nl": "Relaties", "en": "Relations"},
    "rel_headers": {"nl": "Id|Regio|Soort|Organisatie|Datum|Einde|Beschrijving|Vastgelegd door|Bijgewerkt|Link",
                    "en": "Id|Region|Kind|Organisation|Date|End|Description|Recorded by|Updated|Link"},
    "rel_entry": {"nl": "Bestaande relatie (om te wijzigen of te verwijderen)",
                  "en": "Existing relation (to change or remove)"},
    "rel_region": {"nl": "Regio of land", "en": "Region or country"},
    "rel_kind": {"nl": "Soort relatie", "en": "Kind of relation"},
    "rel_organisation": {"nl": "Partnerorganisatie (of programma)", "en": "Partner organisation (or programme)"},
    "rel_date": {"nl": "Datum of begin (JJJJ-MM-DD, JJJJ-MM of JJJJ)",
                 "en": "Date or start (YYYY-MM-DD, YYYY-MM or YYYY)"},
    "rel_end": {"nl": "Einddatum (optioneel)", "en": "End date (optional)"},
    "rel_description": {"nl": "Korte beschrijving", "en": "Short description"},
    "rel_link": {"nl": "Link of document (optioneel)", "en": "Link or document (optional)"},
    "rel_reason": {"nl": "Reden (verplicht bij wijzigen en verwijderen)",
                   "en": "Reason (required to change or remove)"},
    "rel_add": {"nl": "Relatie toevoegen", "en": "Add relation"},
    "rel_edit": {"nl": "Wijziging opslaan", "en": "Save change"},
    "rel_remove": {"nl": "Relatie verwijderen", "en": "Remove relation"},
    "rel_pick": {"nl": "Kies eerst een bestaande relatie.", "en": "Choose an existing relation first."},
    "rel_error": {"nl": "Niet opgeslagen: {error}", "en": "Not saved: {error}"},
    "rel_done_add": {"nl": "Relatie {id} vastgelegd.", "en": "Relation {id} recorded."},
    "rel_done_edit": {"nl": "Relatie {id} gewijzigd.", "en": "Relation {id} changed."},
    "rel_done_remove": {"nl": "Relatie {id} verwijderd (de historie bewaart haar).",
                        "en": "Relation {id} removed (the history keeps it)."},
    "rel_unreadable": {"nl": "Relatieregister niet leesbaar: {error}", "en": "Relations register unreadable: {error}"},
    "rel_history": {"nl": "Laatste wijzigingen", "en": "Recent changes"},
    "rel_history_headers": {"nl": "Tijd|Medewerker|Actie|Id|Reden", "en": "Time|Officer|Action|Id|Reason"},
    "rel_action_add": {"nl": "toegevoegd", "en": "added"},
    "rel_action_edit": {"nl": "gewijzigd", "en": "changed"},
    "rel_action_remove": {"nl": "verwijderd", "en": "removed"},
    # -- sources -------------------------------------------------------------------------------------------------
    "sources_intro": {
        "nl": "De documenten in de index. Voeg PDF-, DOCX-, Markdown-, tekst- of HTML-bestanden toe (max. {mb} MB "
              "per bestand); ze worden in de corpusmap opgeslagen en meteen geïndexeerd.",
        "en": "The documents in the index. Add PDF, DOCX, Markdown, text or HTML files (max. {mb} MB per file); "
              "they are saved in the corpus folder and indexed right away.",
    },
    "docs_label": {"nl": "Geïndexeerde documenten", "en": "Indexed documents"},
    "docs_headers": {"nl": "Bestand|Titel|Uitgever|Soort|Taal|Regio's|Datum|Pagina's|Passages|Onafhankelijk",
                     "en": "File|Title|Publisher|Kind|Language|Regions|Date|Pages|Passages|Independent"},
    "docs_refresh": {"nl": "Lijst vernieuwen", "en": "Refresh list"},
    "data_intro": {
        "nl": "### Open data voor het kompas\nDe indicatorwaarden komen uit de downloads van de uitgevers in de datamap "
              "`{folder}` (instelling `ASSISTANT_COMPASS__DATA_DIR`). Zet een nieuwe download in die map om een "
              "dataset bij te werken; de nieuwste versie wordt gebruikt.",
        "en": "### Open data for the compass\nIndicator values come from the publishers' downloads in the data folder "
              "`{folder}` (setting `ASSISTANT_COMPASS__DATA_DIR`). Put a new download in that folder to update a "
              "dataset; the newest version is used.",
    },
    "data_label": {"nl": "Datasets", "en": "Datasets"},
    "data_headers": {"nl": "Dataset|Component|Producent (licentie)|Bestand|Versie of status|Dekking|Zonder waarde",
                     "en": "Dataset|Component|Producer (licence)|File|Vintage or status|Coverage|No value for"},
    "data_coverage": {"nl": "{n} van {total} landen", "en": "{n} of {total} countries"},
    "data_coverage_regions": {"nl": "{n} van {total} regio's", "en": "{n} of {total} regions"},
    "data_missing": {"nl": "ontbreekt; downloaden: {download}", "en": "missing; download: {download}"},
    "data_restricted": {"nl": "geen open licentie: alleen een eigen exemplaar", "en": "no open licence: own copy only"},
    "data_error": {"nl": "Indicatordata niet leesbaar: {error}", "en": "Indicator data unreadable: {error}"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "upload_label": {"nl": "Bestanden toevoegen", "en": "Add files"},
    "upload_btn": {"nl": "Toevoegen en indexeren", "en": "Add and index"},
    "upload_results": {"nl": "Resultaat per bestand", "en": "Result per file"},
    "upload_headers": {"nl": "Bestand|Resultaat|Toelichting", "en": "File|Result|Details"},
    "upload_none": {"nl": "Kies eerst een of meer bestanden.", "en": "Choose one or more files first."},
    "upload_progress": {"nl": "Indexeren: {source}", "en": "Indexing: {source}"},
    "upload_summary": {"nl": "{ok} toegevoegd, {unchanged} ongewijzigd, {failed} mislukt.",
                       "en": "{ok} added, {unchanged} unchanged, {failed} failed."},
    "result_indexed": {"nl": "geïndexeerd", "en": "indexed"},
    "result_unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "result_failed": {"nl": "mislukt", "en": "failed"},
    "result_rejected": {"nl": "geweigerd", "en": "rejected"},
    "detail_chunks": {"nl": "{chunks} passages", "en": "{chunks} passages"},
    "detail_not_saved": {"nl": "{reason} (bestand niet bewaard)", "en": "{reason} (file not kept)"},
    "detail_restored": {"nl": "{reason} (vorige versie hersteld)", "en": "{reason} (previous version restored)"},
    "reject_type": {"nl": "bestandstype '{suffix}' niet toegestaan; toegestaan: {allowed}",
                    "en": "file type '{suffix}' not allowed; allowed: {allowed}"},
    "reject_size": {"nl": "te groot ({mb:.1f} MB; maximum {limit} MB, zie ASSISTANT_APP__MAX_UPLOAD_MB)",
                    "en": "too large ({mb:.1f} MB; limit {limit} MB, see ASSISTANT_APP__MAX_UPLOAD_MB)"},
    "reject_name": {"nl": "ongeldige bestandsnaam", "en": "invalid file name"},
    "reject_reserved": {"nl": "gereserveerde bestandsnaam; geef het bestand een andere naam",
                        "en": "reserved file name; rename the file"},
    "reject_empty": {"nl": "leeg bestand (0 bytes)", "en": "empty file (0 bytes)"},
    "reject_unreadable": {"nl": "upload niet leesbaar: {error}", "en": "upload unreadable: {error}"},
    "ingest_busy": {"nl": "Indexeren mislukt: {error}", "en": "Indexing failed: {error}"},
    "remove_heading": {"nl": "Document verwijderen", "en": "Remove a document"},
    "remove_choice": {"nl": "Document", "en": "Document"},
    "remove_file_too": {"nl": "Ook het bestand uit de corpusmap verwijderen",
                        "en": "Also delete the file from the corpus folder"},
    "remove_btn": {"nl": "Verwijderen", "en": "Remove"},
    "remove_done": {"nl": "'{source}' verwijderd ({chunks} passages).",
                    "en": "Removed '{source}' ({chunks} passages)."},
    "remove_none": {"nl": "Kies eerst een document.", "en": "Choose a document first."},
    "remove_error": {"nl": "Verwijderen mislukt: {error}", "en": "Removal failed: {error}"},
    # -- brief ---------------------------------------------------------------------------------------------------
    "brief_intro": {
        "nl": "Maak een regiobrief (samenvatting met bronnen en kompasvoorstel) en download hem als Markdown of "
              "Word; of vergelijk regio's in een overzicht.",
        "en": "Make a region brief (summary with sources and compass proposal) and download it as Markdown or "
              "Word; or compare regions in an overview.",
    },
    "brief_region": {"nl": "Regio", "en": "Region"},
    "brief_btn": {"nl": "Regiobrief maken", "en": "Make region brief"},
    "brief_preview": {"nl": "Voorbeeld", "en": "Preview"},
    "brief_md": {"nl": "Download Markdown", "en": "Download Markdown"},
    "brief_docx": {"nl": "Download Word (DOCX)", "en": "Download Word (DOCX)"},
    "brief_none": {"nl": "Nog geen regiobrief: kies een regio.", "en": "No region brief yet: pick a region."},
    "brief_error": {"nl": "Regiobrief maken mislukt: {error}", "en": "Making the region brief failed: {error}"},
    "compare_regions": {"nl": "Regio's vergelijken", "en": "Compare regions"},
    "compare_btn": {"nl": "Vergelijken", "en": "Compare"},
    "compare_heatmap": {"nl": "Overzicht kompasscores", "en": "Overview of compass scores"},
    "compare_table": {"nl": "Vergelijking", "en": "Comparison"},
    "compare_min": {"nl": "Kies minstens twee regio's.", "en": "Choose at least two regions."},
    "compare_error": {"nl": "Vergelijken mislukt: {error}", "en": "Comparison failed: {error}"},
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text for ``key`` in ``lang`` (Dutch when the language or the translation is missing)."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def norm_lang(lang: str | None) -> str:
    """``lang`` when it is a supported interface language, else Dutch."""
    return lang if lang in LANGUAGES else DEFAULT_LANG
