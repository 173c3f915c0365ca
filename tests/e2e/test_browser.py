"""End to end in headless Chromium: what an officer sees in the app over a tiny corpus (fake embedder).

Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import re

import pytest

from tests.app_fixtures import DUTCH_QUESTION, DUTCH_QUESTION_SOURCE, UNANSWERABLE
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

BAD_PDF = b"%PDF-1.4\nthis is not really a pdf, just bytes pretending to be one\n"


def _open(page, url: str, query: str = "") -> None:
    page.goto(url + query)
    page.locator("#status-line").filter(has_text=re.compile(r"\d+ (documenten|documents)")).wait_for()


def _choose(page, elem_id: str, option: str, label=None) -> None:
    """Type ``option`` in a gradio drop-down and pick the entry named ``label`` (default: exactly ``option``)."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=label or option, exact=label is None).first.click()


def _ask(page, question: str) -> None:
    page.locator("#chat-input textarea").fill(question)
    page.locator("#chat-send").click()


def test_status_line_and_no_outside_requests(page, app_url):
    url, assistant = app_url
    _open(page, url)
    status = page.locator("#status-line").inner_text()
    assert "extractief" in status
    assert f"{len(assistant.documents())} documenten" in status
    assert page.outside_requests == [], page.outside_requests


def test_dutch_question_cites_the_expected_file(page, app_url):
    url, _ = app_url
    _open(page, url)
    _ask(page, DUTCH_QUESTION)
    citation = page.locator("#chatbot details.citation").filter(has_text=DUTCH_QUESTION_SOURCE).first
    citation.wait_for()
    assert "[1]" in citation.locator("summary").inner_text()
    assert not citation.evaluate("el => el.open")
    page.locator("#chatbot a.cite-ref").first.click()
    page.wait_for_function("() => document.querySelector('#chatbot details.citation').open === true")
    assert citation.locator(".cite-quote").is_visible()
    assert "persvrijheid" in citation.locator(".cite-quote").inner_text().lower()
    copy = page.locator("#chat-copy textarea").input_value()
    assert DUTCH_QUESTION_SOURCE in copy and "[1]" in copy
    screenshot(page, "chat_answer")
    assert page.outside_requests == []


def test_unanswerable_question_shows_not_found(page, app_url):
    url, _ = app_url
    _open(page, url)
    _ask(page, UNANSWERABLE)
    box = page.locator("#chatbot .not-found")
    box.wait_for()
    assert "Niet gevonden in de bronnen" in box.inner_text()
    closest = page.locator("#chatbot .closest")  # the closest passages, marked as not answering
    if closest.count():
        assert "beantwoorden de vraag" in closest.first.inner_text()
        assert page.locator("#chatbot .closest details.citation.not-answer").count() >= 1
    screenshot(page, "chat_not_found")


def test_kompas_shows_badges_and_override_error(page, app_url):
    url, _ = app_url
    _open(page, url)
    page.get_by_role("tab", name="Kompas").click()
    # The region list says how much evidence each region has: "India (1 documenten, 13 indicatorwaarden)".
    _choose(page, "kompas-region", "India", label=re.compile(r"^India \(\d+ documenten, \d+ indicatorwaarden\)$"))
    page.locator("#kompas-score").click()
    warning = page.locator("#kompas-result li.finding-warning .badge-warning").first
    warning.wait_for()
    assert "buiten_focusregio" in page.locator("#kompas-result li.finding-warning").first.inner_text()
    assert page.locator("#kompas-result .criterion").count() == 4
    screenshot(page, "kompas_warning")

    _choose(page, "override-criterion", "Omgevingsfactoren")
    _choose(page, "override-score", "5")
    page.locator("#override-reason textarea").fill("Lokale contacten melden verbetering")
    page.locator("#override-officer input, #override-officer textarea").first.fill("A. Jansen")
    page.locator("#override-apply").click()
    page.locator("#override-message .msg-ok").wait_for()
    error = page.locator("#kompas-result li.finding-error").first
    error.wait_for()
    assert "mensenrechten_ernstig" in error.inner_text()
    assert page.locator("#kompas-result .badge-error").count() >= 1
    assert "A. Jansen" in page.locator("#crit-omgevingsfactoren .override-note").inner_text()
    screenshot(page, "kompas_override_error")


def test_upload_bad_file_reports_its_error(page, app_url, tmp_path):
    url, assistant = app_url
    _open(page, url)
    page.get_by_role("tab", name="Bronnen").click()
    page.locator("#docs-table").filter(has_text=DUTCH_QUESTION_SOURCE).wait_for()
    bad = tmp_path / "kapot_rapport.pdf"
    bad.write_bytes(BAD_PDF)
    good = tmp_path / "nieuwe_notitie.md"
    good.write_text("# Notitie Japan\n\nJapan investeert in waterstof en batterijen voor de energietransitie.\n",
                    encoding="utf-8")
    page.locator("#upload-files input[type=file]").set_input_files([str(bad), str(good)])
    # Gradio renders the stem and the suffix in separate elements (newer releases put whitespace between them).
    page.locator("#upload-files").filter(has_text="nieuwe_notitie").filter(has_text="kapot_rapport").wait_for()
    page.locator("#upload-btn").click()
    results = page.locator("#upload-results")
    # The progress text also names the file: wait for the final per-file results, not the progress bar.
    results.filter(has_text="geïndexeerd").filter(has_text="mislukt").wait_for()
    text = results.inner_text()
    assert "mislukt" in text and "geïndexeerd" in text
    assert "1 toegevoegd" in page.locator("#upload-summary").inner_text()
    assert not (assistant.settings.corpus_dir / "kapot_rapport.pdf").exists()
    assert (assistant.settings.corpus_dir / "nieuwe_notitie.md").is_file()
    page.locator("#docs-table").filter(has_text="nieuwe_notitie.md").wait_for()
    screenshot(page, "sources_upload_error")


def test_english_toggle_relabels_the_interface(page, app_url):
    url, _ = app_url
    _open(page, url)
    page.locator("#lang-toggle").get_by_text("English").click()
    page.get_by_role("tab", name="Sources").wait_for()
    assert "Answered by" in page.locator("#status-line").inner_text()
    assert page.locator("#chat-send").inner_text().strip() == "Ask"
    screenshot(page, "english")


def test_regiobrief_preview_downloads_and_heatmap(page, app_url, tmp_path):
    url, _ = app_url
    _open(page, url)
    page.get_by_role("tab", name="Regiobrief").click()
    _choose(page, "brief-region", "Duitsland")
    page.locator("#brief-make").click()
    page.locator("#brief-preview").filter(has_text="Duitsland").wait_for()
    with page.expect_download() as info:
        page.locator("#brief-docx").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".docx" and saved.read_bytes()[:2] == b"PK"
    for region in ("Duitsland", "India"):
        _choose(page, "compare-regions", region)
    page.locator("#compare-btn").click()
    page.locator("#compare-heatmap img").wait_for()
    assert "India" in page.locator("#compare-table").inner_text()
    screenshot(page, "regiobrief")


def test_relations_tab_records_an_entry_with_the_form(page, app_url):
    url, assistant = app_url
    _open(page, url)
    page.get_by_role("tab", name="Relaties").click()
    _choose(page, "rel-region", "Beieren (Duitsland)")
    _choose(page, "rel-kind", "Partnerregio (regio-tot-regio)")
    page.locator("#rel-organisation input, #rel-organisation textarea").first.fill("Bayern Innovativ")
    page.locator("#rel-date input, #rel-date textarea").first.fill("2024-03")
    page.locator("#rel-description textarea").fill("Partnerregio voor waterstof.")
    page.locator("#rel-officer input, #rel-officer textarea").first.fill("A. Jansen")
    page.locator("#rel-add").click()
    page.locator("#rel-message .msg-ok").wait_for()
    page.locator("#rel-table").filter(has_text="Bayern Innovativ").wait_for()
    page.locator("#rel-history").filter(has_text="toegevoegd").wait_for()
    assert [r.organisation for r in assistant.relations("Duitsland")] == ["Bayern Innovativ"]
    screenshot(page, "relations_form")


def test_a_viewer_gets_read_only_buttons(page, tmp_path):
    from tests.app_fixtures import make_assistant, start_app

    assistant = make_assistant(tmp_path, auth="anna:geheim,piet:kijk", editors=["anna"])
    app, url = start_app(assistant)
    try:
        page.goto(url)
        page.locator("input[type=text], input[name=username]").first.fill("piet")
        page.locator("input[type=password]").first.fill("kijk")
        page.keyboard.press("Enter")
        page.locator("#role-line").filter(has_text="alleen lezen").wait_for()
        page.get_by_role("tab", name="Relaties").click()
        assert page.locator("#rel-add").is_disabled() and page.locator("#rel-remove").is_disabled()
        officer = page.locator("#rel-officer input, #rel-officer textarea").first
        assert officer.input_value() == "piet" and officer.is_disabled()
        page.get_by_role("tab", name="Kompas").click()
        assert page.locator("#override-apply").is_disabled()
        page.get_by_role("tab", name="Bronnen").click()
        assert page.locator("#remove-btn").is_disabled() and page.locator("#upload-btn").is_disabled()
        screenshot(page, "viewer_read_only")
    finally:
        app.close()
