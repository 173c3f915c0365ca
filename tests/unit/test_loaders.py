"""Loaders for Markdown, plain text, HTML and Word, and the errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.errors import LoadError
from assistant.ingest.loaders import load_file
from assistant.ingest.text import clean_text, split_sentences
from assistant.text import normalise_for_match


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_headings_become_sections(tmp_path):
    path = write(tmp_path, "r.md", "# China report\n\nIntro text.\n\n## Section 2. Liberties\n\n"
                 "### a. Freedom of Expression\n\nThe government censored media.\n\n## Section 3\n\nOther.\n")
    units = load_file(path)
    assert [u.section for u in units] == [
        "China report", "Section 2. Liberties > a. Freedom of Expression", "Section 3"]
    assert units[1].text == "The government censored media."


def test_markdown_code_fence_is_not_a_heading(tmp_path):
    units = load_file(write(tmp_path, "c.md", "# T\n\n```\n# not a heading\n```\n\nText after.\n"))
    assert len(units) == 1 and "# not a heading" in units[0].text


def test_plain_text_double_spaced_lines_join_and_headings_split(tmp_path):
    text = ("Aanpak internationalisering \n\n \n\n \n\nAanleiding \n\nZoals verwoord heeft de provincie Noord-\n\n"
            "Brabant de ambitie om te groeien. \n\nWe werken samen met bedrijven. \n\n \n\n"
            "Bevoegdheid \n\nHet college is bevoegd. \n")
    units = load_file(write(tmp_path, "brief.txt", text))
    sections = {u.section: u.text for u in units}
    assert "Aanleiding" in sections and "Bevoegdheid" in sections
    assert "provincie Noord-Brabant de ambitie" in sections["Aanleiding"]


def test_html_drops_scripts_and_keeps_headings(tmp_path):
    html = ("<html><head><script>var x=1;</script></head><body><nav>menu</nav><h1>Titel</h1>"
            "<h2>Mensenrechten</h2><p>De <b>persvrijheid</b> staat onder druk.</p></body></html>")
    units = load_file(write(tmp_path, "p.html", html))
    assert units[-1].section == "Mensenrechten"
    assert units[-1].text == "De persvrijheid staat onder druk."
    assert all("var x" not in u.text and "menu" not in u.text for u in units)


def test_docx_headings_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Regiobrief Japan", level=1)
    document.add_heading("Contacten", level=2)
    document.add_paragraph("De provincie heeft contact met Tokio.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Partner"
    table.rows[0].cells[1].text = "Universiteit"
    path = tmp_path / "brief.docx"
    document.save(path)
    units = load_file(path)
    assert units[-1].section == "Contacten"
    assert "contact met Tokio" in units[-1].text and "Partner | Universiteit" in units[-1].text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"", "empty file"),
        ("blank.txt", "   \n\n  ", "no text"),
        ("junk.txt", b"\x00\x01\x02binary", "binary"),
        ("fake.docx", b"this is not a zip", "not a valid .docx"),
        ("table.xlsx", b"PK\x03\x04", "unsupported file type"),
        ("noext", b"hello", "unsupported file type"),
    ],
)
def test_bad_files_raise_clear_reasons(tmp_path, name, content, reason):
    with pytest.raises(LoadError, match=reason):
        load_file(write(tmp_path, name, content))


def test_clean_text_repairs_hyphenation_and_ligatures_but_keeps_compounds():
    raw = "The protec-\ntion of ﬁnancial\nrights in Noord-\nBrabant and onderzoeks-\nen onderwijsinstellingen."
    cleaned = clean_text(raw)
    assert "protection of financial rights" in cleaned
    assert "Noord-Brabant" in cleaned
    assert "onderzoeks- en onderwijsinstellingen" in cleaned


def test_sentences_respect_abbreviations_and_paragraphs():
    text = "The U.S. report, e.g. Section 2, says so. Next sentence here!\n\nNew paragraph without end"
    assert split_sentences(text) == [
        "The U.S. report, e.g. Section 2, says so.", "Next sentence here!", "New paragraph without end"]


def test_normalise_for_match_ignores_case_space_quotes_and_dashes():
    assert normalise_for_match("“Freedom”  of\nthe PRESS – limited") == normalise_for_match('"freedom" of the press - limited')
