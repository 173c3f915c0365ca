"""PDF loader on hand-written PDFs: reading order, text repair, headers/footers, labels, sections, failures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject

from assistant.ingest.errors import LoadError
from assistant.ingest.pdf import load_pdf
from assistant.ingest.pdf_fonts import repair_font_encodings
from assistant.ingest.pdf_layout import Run, Vocabulary, find_columns, join_lines
from assistant.models import TextUnit
from tests.fixtures_pdf import (
    LEFT_X,
    RIGHT_X,
    Page,
    Text,
    blank_pdf,
    column,
    interleave,
    junk_bytes,
    lines_of,
    make_pdf,
    with_writer,
    write,
)

LEFT_TEXT = ("Officers of the province weigh partner countries with a compass that has four components, and each "
             "component is scored on evidence drawn from policy documents and sector reports.")
RIGHT_TEXT = ("Human rights reports from independent sources carry weight in the fourth component because they "
              "describe the situation in a country without diplomatic caution or trade interests.")
TITLE = "Two Column Report On International Cooperation"
NOTE = "This closing note runs across the full width of the page, below both columns of the report text."


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def two_column_pdf(one_block: bool) -> bytes:
    left = column(lines_of(LEFT_TEXT), LEFT_X, top=650)
    right = column(lines_of(RIGHT_TEXT), RIGHT_X, top=650)
    note = Text(LEFT_X, 650 - 12 * (len(left) + 2), NOTE)  # written first, read last
    return make_pdf([Page([note, Text(LEFT_X, 700, TITLE, 20), *interleave(left, right)], one_block=one_block)])


@pytest.mark.parametrize("one_block", [True, False], ids=["rows-in-one-text-block", "one-block-per-line"])
def test_two_columns_come_out_column_by_column(tmp_path: Path, one_block: bool):
    path = write(tmp_path / "two.pdf", two_column_pdf(one_block))
    naive = flat(PdfReader(path).pages[0].extract_text())
    assert LEFT_TEXT not in naive  # the fixture really interleaves the columns for a naive reader

    units = load_pdf(path)

    assert len(units) == 1 and isinstance(units[0], TextUnit)
    text = flat(units[0].text)
    assert LEFT_TEXT in text and RIGHT_TEXT in text
    assert text.index(TITLE) < text.index(LEFT_TEXT) < text.index(RIGHT_TEXT) < text.index(NOTE)
    assert units[0].page == 1


def test_paragraph_breaks_are_blank_lines_and_lines_are_joined(tmp_path: Path):
    first = lines_of("The first paragraph talks about innovation themes such as hydrogen and chips.")
    second = lines_of("The second paragraph talks about practical options like contacts and funding.")
    items = column(first, LEFT_X, top=700) + column(second, LEFT_X, top=700 - 12 * len(first) - 18)
    path = write(tmp_path / "paras.pdf", make_pdf([Page(items)]))

    text = load_pdf(path)[0].text

    assert text == (
        "The first paragraph talks about innovation themes such as hydrogen and chips.\n\n"
        "The second paragraph talks about practical options like contacts and funding."
    )


def test_hyphenation_soft_hyphens_and_ligatures_are_repaired(tmp_path: Path):
    lines = [
        "Self-help groups and the province agree on the protec-",
        "tion of workers in Noord-",
        "Brabant and support self-",
        "help groups, the coopera\u00ad",
        "tion with partners in 2014-",
        "2016 and the \ufb01nancial \ufb02ow of the o\ufb03ce sta\ufb00.",
    ]
    path = write(tmp_path / "hyphen.pdf", make_pdf([Page(column(lines, LEFT_X))]))

    text = load_pdf(path)[0].text

    assert text == ("Self-help groups and the province agree on the protection of workers in Noord-Brabant and "
                    "support self-help groups, the cooperation with partners in 2014-2016 and the financial flow "
                    "of the office staff.")


def test_running_headers_and_page_numbers_are_dropped_and_become_labels(tmp_path: Path):
    bodies = ["Hydrogen valleys connect ports and industry.", "Semiconductor equipment makers cluster here.",
              "Food technology links farms and labs.", "Water technology protects the delta."]
    pages = [Page([Text(LEFT_X, 760, "Brabant Cooperation Review 2024", 8), Text(LEFT_X, 700, body),
                   Text(300, 30, str(12 + i), 8)]) for i, body in enumerate(bodies)]
    path = write(tmp_path / "running.pdf", make_pdf(pages))

    units = load_pdf(path)

    assert [u.text for u in units] == bodies
    assert [u.page for u in units] == [1, 2, 3, 4]
    assert [u.page_label for u in units] == ["12", "13", "14", "15"]


def test_pdf_page_labels_are_used_when_no_page_numbers_are_printed(tmp_path: Path):
    pages = [Page([Text(LEFT_X, 700, "Foreword text.")]), Page([Text(LEFT_X, 700, "Summary text.")])]
    labelled = write(tmp_path / "labels.pdf", make_pdf(pages, page_labels=b"<< /Nums [0 << /S /r >>] >>"))
    plain = write(tmp_path / "plain.pdf", make_pdf(pages))

    assert [u.page_label for u in load_pdf(labelled)] == ["i", "ii"]
    assert [u.page_label for u in load_pdf(plain)] == [None, None]


def test_sections_start_at_large_title_lines_even_mid_page(tmp_path: Path):
    page1 = Page([Text(LEFT_X, 700, "CANADA", 24), *column(["Indigenous rights remained a concern."], LEFT_X, 660)])
    page2 = Page([*column(["Canada also faced criticism on arms exports."], LEFT_X, 700),
                  Text(LEFT_X, 600, "VIET NAM", 24), *column(["Bloggers were sentenced to long prison terms."],
                                                              LEFT_X, 560)])
    path = write(tmp_path / "chapters.pdf", make_pdf([page1, page2]))

    units = load_pdf(path)

    assert [(u.page, u.section, u.regions) for u in units] == [
        (1, "CANADA", ["canada"]), (2, "CANADA", ["canada"]), (2, "VIET NAM", ["vietnam"])]
    assert units[1].text == "Canada also faced criticism on arms exports."
    assert units[2].text == "VIET NAM\n\nBloggers were sentenced to long prison terms."


def test_title_keeps_a_qualifier_in_parentheses_below_it(tmp_path: Path):
    page = Page([Text(LEFT_X, 700, "KOREA", 24), Text(LEFT_X, 680, "(REPUBLIC OF)", 12),
                 Text(LEFT_X, 660, "REPUBLIC OF KOREA", 8), Text(LEFT_X, 640, "The National Security Law was used.")])
    [unit] = load_pdf(write(tmp_path / "korea.pdf", make_pdf([page])))
    assert unit.section == "KOREA (REPUBLIC OF)"


def test_outline_gives_heading_paths_and_regions(tmp_path: Path):
    pages = [Page([Text(LEFT_X, 700, "Germany", 12), Text(LEFT_X, 680, "Strong ties in high-tech systems.")]),
             Page([Text(LEFT_X, 700, "Japan", 12), Text(LEFT_X, 680, "Partner in semiconductor research.")])]
    outline = [("Country profiles", 0, None), ("Germany", 0, "Country profiles"), ("Japan", 1, "Country profiles")]
    path = write(tmp_path / "outline.pdf", with_writer(make_pdf(pages), outline=outline))

    units = load_pdf(path)

    assert [(u.section, u.regions) for u in units] == [
        ("Country profiles > Germany", ["germany"]), ("Country profiles > Japan", ["japan"])]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty (0 bytes)"),
        ("junk.pdf", junk_bytes(), "not a PDF"),
        ("damaged.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "damaged"),
        ("blank.pdf", blank_pdf(), "OCR"),
        ("scan.pdf", make_pdf([Page(image=True)]), "no text layer"),
    ],
)
def test_unreadable_files_raise_load_error_with_reason(tmp_path: Path, name: str, data: bytes, reason: str):
    with pytest.raises(LoadError, match=re.escape(reason)):
        load_pdf(write(tmp_path / name, data))


def test_truncated_pdf_raises_load_error(tmp_path: Path):
    data = two_column_pdf(one_block=False)
    with pytest.raises(LoadError, match="truncated"):
        load_pdf(write(tmp_path / "cut.pdf", data[: len(data) // 2]))


def test_encrypted_pdf_asks_for_decryption(tmp_path: Path):
    path = write(tmp_path / "secret.pdf", with_writer(two_column_pdf(False), encrypt="secret"))
    with pytest.raises(LoadError, match="password-protected.*[Dd]ecrypt"):
        load_pdf(path)


def test_pdf_encrypted_with_empty_user_password_is_read(tmp_path: Path):
    path = write(tmp_path / "open.pdf", with_writer(two_column_pdf(False), encrypt="", owner="owner-only"))
    assert LEFT_TEXT in flat(load_pdf(path)[0].text)


def test_missing_file_raises_load_error(tmp_path: Path):
    with pytest.raises(LoadError, match="cannot be read"):
        load_pdf(tmp_path / "nowhere.pdf")


def test_font_repair_maps_differences_to_unicode():
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/Encoding"): DictionaryObject({NameObject("/Differences"): _array(1, "/A", "/m", "/fi",
                                                                                        "/square6")}),
    })
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})

    repair_font_encodings(resources)

    cmap = font["/ToUnicode"].get_data().decode()
    assert "<01> <0041>" in cmap and "<02> <006D>" in cmap and "<03> <FB01>" in cmap  # A, m, fi ligature
    assert "<04> <2022>" in cmap  # a dingbat without a Unicode name becomes a bullet


def _array(*items):
    from pypdf.generic import ArrayObject, NumberObject

    return ArrayObject(NumberObject(i) if isinstance(i, int) else NameObject(i) for i in items)


def test_table_cells_are_not_mistaken_for_columns():
    rows = [("Population", "17.9 million"), ("Capital", "Amsterdam"), ("Currency", "Euro"), ("Area", "41,850 km2"),
            ("Language", "Dutch"), ("Province", "Noord-Brabant")]
    runs = []
    for i, (label, value) in enumerate(rows):
        y = 700 - 14 * i
        runs += [Run(72, y, 10, label, 5 * len(label), 2 * i), Run(300, y, 10, value, 5 * len(value), 2 * i + 1)]
    assert find_columns(runs, 612) == [72]


def test_join_lines_keeps_compounds_known_from_the_document():
    vocabulary = Vocabulary()
    vocabulary.add("A self-help group and a long-term plan.")
    assert join_lines("support self-", "help groups", vocabulary) == "support self-help groups"
    assert join_lines("the protec-", "tion of rights", vocabulary) == "the protection of rights"
    assert join_lines("in Noord-", "Brabant", vocabulary) == "in Noord-Brabant"
    assert join_lines("a dash -", "then more", vocabulary) == "a dash - then more"
