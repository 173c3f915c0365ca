"""The PDF loader on the real Amnesty International Report 2013 (328 pages, two columns, QuarkXPress fonts).

Expected values were checked against the rendered pages (``pdftoppm -f 307 -l 307 -png``): PDF page 307 prints
page number 295; the Venezuela chapter ends in its left column and the Viet Nam chapter starts at the top of
its right column. Chapter start pages come from ../shared/corpus/SOURCES.md.
"""

from __future__ import annotations

import re
import time

import pytest

from assistant.ingest.pdf import load_pdf
from assistant.models import TextUnit

pytestmark = pytest.mark.integration

#: PDF page where each country chapter starts (SOURCES.md), with the chapter title and region slug.
CHAPTERS = [
    (66, "CANADA", "canada"), (73, "CHINA", "china"), (111, "FRANCE", "france"), (116, "GERMANY", "germany"),
    (134, "INDONESIA", "indonesia"), (153, "JAPAN", "japan"), (181, "MALAYSIA", "malaysia"),
    (205, "NETHERLANDS", "netherlands"), (223, "PHILIPPINES", "philippines"), (245, "SINGAPORE", "singapore"),
    (274, "TAIWAN", "taiwan"), (278, "THAILAND", "thailand"), (296, "UNITED KINGDOM", "united-kingdom"),
    (299, "UNITED STATES OF AMERICA", "united-states"), (307, "VIET NAM", "vietnam"),
]
#: CPU seconds allowed for the whole report (measured about 20 s on the 2-core development machine).
MAX_CPU_SECONDS = 60.0


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def loaded(amnesty_pdf) -> tuple[list[TextUnit], float]:
    started = time.process_time()
    units = load_pdf(amnesty_pdf)
    return units, time.process_time() - started


@pytest.fixture(scope="module")
def units(loaded) -> list[TextUnit]:
    return loaded[0]


def units_with(units: list[TextUnit], passage: str) -> list[TextUnit]:
    return [u for u in units if passage in flat(u.text)]


def test_loads_within_the_time_budget(loaded):
    units, cpu_seconds = loaded
    print(f"\nAmnesty 2013: {len(units)} units, {cpu_seconds:.1f} s CPU")
    assert cpu_seconds < MAX_CPU_SECONDS
    assert len({u.page for u in units}) > 300  # 328 pages, a handful are images or blank


def test_viet_nam_passage_has_page_label_section_and_region(units):
    passage = ("At least 25 peaceful dissidents, including bloggers and songwriters, were sentenced to long prison "
               "terms in 14 trials that failed to meet international standards.")
    [unit] = units_with(units, passage)
    assert unit.page == 307
    assert unit.page_label == "295"  # the number printed in the page footer
    assert "viet nam" in unit.section.lower()
    assert unit.regions == ["vietnam"]


def test_chapter_start_page_is_split_between_two_chapters(units):
    on_307 = [u for u in units if u.page == 307]
    assert [u.section for u in on_307] == ["VENEZUELA", "VIET NAM"]
    venezuela, viet_nam = (flat(u.text) for u in on_307)
    assert venezuela.startswith("conditional release of a banker who had been held in custody")
    assert "Viet Nam" not in venezuela and "Venezuela" not in viet_nam


def test_sentences_run_on_across_column_lines(units):
    left_column = ("In May, President Chávez, with the support of the National Assembly and the Supreme Court, "
                   "announced plans to withdraw from the inter-American human rights system.")
    right_column = ("An escalation of the territorial conflict with China in the East Sea (also known as the South "
                    "China Sea) resulted in anti-China demonstrations in Viet Nam.")
    across_hyphen = "will remain a member of the OAS and so will be subject to monitoring by the Inter-American"
    assert [u.page for u in units_with(units, left_column)] == [307]
    assert [u.page for u in units_with(units, right_column)] == [307]
    assert [u.page for u in units_with(units, across_hyphen)] == [307]


def test_lines_of_the_two_columns_are_not_interleaved(units):
    text = flat(" ".join(u.text for u in units if u.page == 307))
    # Line 1 of the left column is followed by its own line 2, not by line 1 of the right column (VIET NAM).
    assert "had been held in custody awaiting trial" in text
    assert "held in VIET NAM" not in text
    # The whole left column comes before the right column.
    assert text.index("Bolivarian Republic of Venezuela") < text.index("SOCIALIST REPUBLIC OF VIET NAM")


def test_bold_summary_font_is_decoded(units):
    """The chapter summaries use a font pypdf 7 decodes as letter salad without the encoding repair."""
    [unit] = units_with(units, "Repression of government critics and activists worsened")
    assert unit.page == 307


@pytest.mark.parametrize(("page", "title", "region"), CHAPTERS, ids=[c[1] for c in CHAPTERS])
def test_country_chapters_are_sections(units, page: int, title: str, region: str):
    starting = [u for u in units if u.page == page and u.section == title]
    assert starting and flat(starting[0].text).startswith(title)
    assert region in starting[0].regions
    following = [u for u in units if u.page == page + 1]
    starts_new_chapter = flat(following[0].text).startswith(following[0].section)  # Netherlands is one page
    assert following[0].section == title or starts_new_chapter


def test_running_footer_and_thumb_tabs_are_dropped(units):
    for unit in (u for u in units if 290 <= u.page <= 310):
        assert "Amnesty International Report 2013" not in unit.text
        assert not re.search(r"(^|\s)(\d{3}|[A-Z])$", unit.text.strip()), unit.text[-80:]
