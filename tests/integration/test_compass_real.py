"""The compass on the real demo corpus (corpus/, copied from ../shared) with the real hybrid index.

The index is the project's own (``index/``, built incrementally by ``Assistant.ingest``): the first run embeds the
corpus with USE-m (several minutes on 2 cores), later runs find every file unchanged.
"""

from __future__ import annotations

import pytest

from assistant.compass.proposer import propose
from assistant.compass.validator import validate
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: Seconds a test may take, including building the index on first use.
FIRST_BUILD_TIMEOUT = 1800
CHINA_REPORT = "us_state_dept_2024_country_report_human_rights_china.md"


@pytest.fixture(scope="module")
def assistant():
    from assistant.api import Assistant

    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=PROJECT_ROOT / "index", embedder="use-m",
                        llm="extractive")
    helper = Assistant(settings)
    summary = helper.ingest()
    assert not summary.failed, summary.failed
    return helper


def by_id(a):
    return {c.criterion: c for c in a.criteria}


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_china_environment_is_low_and_cites_the_china_report(assistant):
    a = propose("China", assistant, assistant.settings)
    env = by_id(a)["omgevingsfactoren"]
    assert env.score is not None and env.score <= 2
    sources = {e.source for e in env.evidence}
    assert CHINA_REPORT in sources
    assert any(e.chunk_id == "indicator:pts:china:2021" for e in env.evidence)
    assert a.recommendation != "focus"
    report = validate(a, assistant, assistant.settings)
    assert report.passed, report.findings


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
@pytest.mark.parametrize("region, report_file", [
    ("Duitsland", "us_state_dept_2024_country_report_human_rights_germany.md"),
    ("Japan", "us_state_dept_2024_country_report_human_rights_japan.md"),
    ("Zuid-Korea", "us_state_dept_2024_country_report_human_rights_south-korea.md"),
])
def test_low_risk_regions_pass_and_cite_their_own_report(assistant, region, report_file):
    a = propose(region, assistant, assistant.settings)
    env = by_id(a)["omgevingsfactoren"]
    assert env.score is not None and env.score >= 4
    assert report_file in {e.source for e in env.evidence}
    report = validate(a, assistant, assistant.settings)
    assert report.passed, report.findings
    # Every quote of every criterion is verbatim in an indexed chunk about the region (or general policy).
    for c in a.criteria:
        for e in c.evidence:
            if not e.is_indicator:
                assert assistant.get_chunk(e.chunk_id) is not None


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_serious_abuse_regions_are_capped(assistant):
    for region in ("Turkije", "Mexico", "Vietnam"):
        a = propose(region, assistant, assistant.settings)
        env = by_id(a)["omgevingsfactoren"]
        assert env.score is not None and env.score <= 3, (region, env.rationale)
        report = validate(a, assistant, assistant.settings)
        assert report.passed, (region, report.findings)
