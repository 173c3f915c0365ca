"""Briefs and a comparison on the real documents with the real default embedder (USE-m), over the session's
shared real index (tests/integration/conftest.py)."""

from __future__ import annotations

import csv
import re

import docx
import pytest

from assistant.brief import HEATMAP_PIXELS, build_brief, compare, write_csv, write_docx, write_heatmap_png, \
    write_markdown
from tests.unit.test_brief_build import assert_citations_resolve, docx_headings, md_headings
from tests.unit.test_brief_compare import png_size

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: Seconds a test may take, including building the index on first use.
FIRST_BUILD_TIMEOUT = 1800
JAPAN_REPORT = "us_state_dept_2024_country_report_human_rights_japan.md"


@pytest.fixture(scope="module")
def assistant(real_assistant):
    assert real_assistant.settings.llm == "extractive" and real_assistant.settings.embedder == "use-m"
    return real_assistant


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_japan_brief_is_complete_and_every_citation_resolves(assistant, tmp_path):
    brief = build_brief(assistant, "Japan")
    md_path = write_markdown(brief, tmp_path / "japan-brief.md")
    docx_path = write_docx(brief, tmp_path / "japan-brief.docx")
    text = md_path.read_text(encoding="utf-8")

    found = [h for _, h in md_headings(text)]
    for heading in ("Regiobrief Japan", "Samenvatting", "Afwegingskompas", "Risico's", "Geopolitiek",
                    "Mensenrechten", "Praktische aanknopingspunten", "Contacten", "Financiering",
                    "Bevindingen van de validator", "Bronnen"):
        assert heading in found
    assert [s.key for s in brief.sections] == [c.criterion for c in brief.assessment.criteria]
    assert "CONCEPT — automatisch opgesteld, niet vastgesteld" in text

    assert brief.sources
    assert_citations_resolve(brief, text, assistant)
    env = next(s for s in brief.sections if s.key == "omgevingsfactoren")
    assert not env.insufficient and JAPAN_REPORT in {brief.source(n).source for n in env.refs}
    # Each section either cites passages (or register entries) or says that it found too little.
    for section in brief.all_sections():
        said = "Geen relaties van de provincie" if section.key == "relaties" else "Onvoldoende bronnen gevonden"
        assert section.statements or section.insufficient_text.startswith(said)

    assert docx_headings(docx_path) == md_headings(text)
    body = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert set(re.findall(r"\[(\d+)\]", body)) == set(re.findall(r"\[(\d+)\]", text))


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_comparison_of_three_countries(assistant, tmp_path):
    comparison = compare(assistant, ["Japan", "China", "Duitsland"])
    rows = {r.region: r for r in comparison.rows}
    assert list(rows) == ["japan", "china", "germany"]
    assert rows["china"].scores["omgevingsfactoren"] <= 2 < rows["japan"].scores["omgevingsfactoren"]
    assert png_size(write_heatmap_png(comparison, tmp_path / "cmp.png")) == HEATMAP_PIXELS
    with write_csv(comparison, tmp_path / "cmp.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["region"] for r in csv.DictReader(handle)] == ["japan", "china", "germany"]
