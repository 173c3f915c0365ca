"""Kompas tab logic: the rendered proposal (scores, rationale, evidence, badges) and officer overrides."""

from __future__ import annotations

import json
import re

import pytest

from assistant.app.kompas import EMPTY_SCORE, criterion_choices, override_score, render_assessment, score_region
from assistant.compass import Assessment, CriterionScore, Evidence, Finding, ValidationReport, default_log_path
from assistant.testing import FAKE_EMBEDDER
from tests.app_fixtures import write_corpus


def _assessment() -> Assessment:
    evidence = Evidence(chunk_id="c1", source="rapport.md", page=4, quote="Journalisten worden <vastgezet>.",
                        title="Rapport", date="2024")
    return Assessment(
        region="china", region_name="China", compass_version="2026.1", backend="evidence",
        criteria=[
            CriterionScore(criterion="inhoudelijke_aansluiting", label="Inhoudelijke aansluiting", score=4,
                           confidence=0.5, rationale="Thema's sluiten aan.", evidence=[evidence]),
            CriterionScore(criterion="omgevingsfactoren", label="Omgevingsfactoren", score=None, rationale="Geen."),
        ],
        recommendation="monitoren", caveats=["Dit is een voorstel."])


def _report() -> ValidationReport:
    return ValidationReport.of([
        Finding(rule="mensenrechten_ernstig", severity="error", criterion="inhoudelijke_aansluiting",
                message="Te hoog."),
        Finding(rule="buiten_focusregio", severity="warning", message="Buiten focus."),
    ])


def test_render_shows_scores_rationale_evidence_and_badges():
    html = render_assessment(_assessment(), _report(), "nl")
    assert "Afwegingskompas 2026.1: China" in html
    assert '<span class="score score-4">4/5</span>' in html
    assert "onvoldoende bewijs" in html  # the null score
    assert "Thema&#x27;s sluiten aan." in html
    assert "rapport.md, p. 4" in html and "&lt;vastgezet&gt;" in html and "<vastgezet>" not in html
    findings = re.findall(r'<li class="finding finding-(\w+)"><span class="badge badge-(\w+)">', html)
    assert findings == [("error", "error"), ("warning", "warning")]
    assert "Niet geslaagd: 1 fout(en)" in html
    card = html.split('id="crit-inhoudelijke_aansluiting"')[1].split('<p class="rationale">')[0]
    assert 'class="badge badge-error"' in card
    assert "Aanbeveling" in html and "monitoren" in html and "Dit is een voorstel." in html


def test_render_clean_report_and_english():
    html = render_assessment(_assessment(), ValidationReport.of([]), "en")
    assert "Passed: no errors" in html and "No findings." in html and "badge" not in html
    assert "insufficient evidence" in html


class KompasStub:
    def __init__(self):
        self.calls = []

    def score(self, region):
        if region == "Atlantis":
            raise ValueError("Unknown region 'Atlantis'.")
        return _assessment(), _report()

    def override(self, assessment, criterion, score, reason, officer, *, mitigation_note=None):
        self.calls.append((criterion, score, reason, officer, mitigation_note))
        if not reason:
            raise ValueError("Geef een reden voor de aanpassing.")
        return assessment, ValidationReport.of([])

    def validate(self, assessment):
        return _report()


def test_score_region_and_errors_as_messages():
    stub = KompasStub()
    html, assessment = score_region(stub, "china", "nl")
    assert assessment is not None and "badge-error" in html
    html, assessment = score_region(stub, "Atlantis", "nl")
    assert assessment is None and "msg-error" in html and "Atlantis" in html
    html, assessment = score_region(stub, "", "nl")
    assert assessment is None and "Kompas invullen" in html


def test_override_passes_score_reason_officer_and_handles_errors():
    stub = KompasStub()
    _, updated, message = override_score(stub, _assessment(), "omgevingsfactoren", "2", "Reden", "A. Jansen",
                                         "", "nl")
    assert stub.calls[-1] == ("omgevingsfactoren", 2, "Reden", "A. Jansen", None)
    assert "msg-ok" in message and updated is not None
    override_score(stub, _assessment(), "omgevingsfactoren", EMPTY_SCORE, "Reden", "A. Jansen", "Notitie", "nl")
    assert stub.calls[-1][1] is None and stub.calls[-1][4] == "Notitie"
    html, kept, message = override_score(stub, _assessment(), "omgevingsfactoren", "3", "", "A. Jansen", "", "nl")
    assert "msg-error" in message and "reden" in message
    assert kept is not None and "badge-error" in html  # the current proposal stays visible
    calls = len(stub.calls)
    for criterion, score in (("omgevingsfactoren", None), ("omgevingsfactoren", ""), (None, "3")):
        _, kept, message = override_score(stub, _assessment(), criterion, score, "Reden", "A. Jansen", "", "nl")
        assert "Kies een component en een nieuwe score." in message and kept is not None
    assert len(stub.calls) == calls  # nothing stored without an explicit choice
    _, none, message = override_score(stub, None, "omgevingsfactoren", "3", "x", "y", "", "nl")
    assert none is None and "Vul eerst het kompas in" in message


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant
    from assistant.settings import Settings
    from assistant.testing import FakeEmbedder, InMemoryStore

    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=write_corpus(tmp_path / "corpus"),
                        index_dir=tmp_path / "index")
    assistant = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    assistant.ingest()
    return assistant


def test_real_override_is_logged_and_revalidated(assistant):
    html, assessment = score_region(assistant, "india", "nl")
    assert "buiten_focusregio" in html and "badge-warning" in html
    assert [label for label, _ in criterion_choices(assessment)][0] == "Inhoudelijke aansluiting"
    html, updated, message = override_score(assistant, assessment, "omgevingsfactoren", "5",
                                            "Lokale contacten melden verbetering", "A. Jansen", "", "nl")
    assert "msg-ok" in message and updated.criterion("omgevingsfactoren").score == 5
    assert "mensenrechten_ernstig" in html and 'class="badge badge-error"' in html
    assert "Aangepast door A. Jansen" in html
    lines = default_log_path(assistant.settings).read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-1])
    assert (record["officer"], record["criterion"], record["new_score"]) == ("A. Jansen", "omgevingsfactoren", 5)
    _, _, message = override_score(assistant, updated, "omgevingsfactoren", "1", "  ", "A. Jansen", "", "nl")
    assert "msg-error" in message
    assert len(default_log_path(assistant.settings).read_text(encoding="utf-8").splitlines()) == len(lines)


def test_real_proposal_shows_every_indicator_value_in_plain_dutch(assistant):
    """The whole shared data folder (default): values with producer, year and band, no internal codes."""
    html, assessment = score_region(assistant, "germany", "nl")
    assert "offline bewijsregels" in html and "Voorstel door: evidence" not in html
    rows = re.findall(r'<tr class="indicator-row">(.*?)</tr>', html)
    cited = [e for c in assessment.criteria for e in c.evidence if e.indicator is not None]
    assert len(rows) == len(cited) >= 10
    pts = next(r for r in rows if "Political Terror Scale" in r)
    assert "slechtste codering 1 (Amnesty 1, Human Rights Watch 1, State Department 1" in pts
    assert '<span class="band band-5">5</span>' in pts and "<td>2021</td>" in pts
    assert "PTS_A=" not in html  # the Dutch view shows the value in words, not the file's column names
    eu = next(r for r in rows if "EU-programma" in r or "Toegang tot EU" in r)
    assert "EU-lidstaat" in eu and "memberships.csv" in eu
    assert '<ul class="rationale">' in html and "Gewogen gemiddelde" in html


def test_region_list_says_how_much_evidence_each_region_has(assistant):
    from assistant.app.kompas import evidence_counts
    from assistant.app.state import region_choices

    counts = evidence_counts(assistant)
    assert counts["taiwan"][1] < counts["germany"][1]  # Taiwan is absent from World Bank data
    labels = dict((slug, label) for label, slug in region_choices("nl", macros=False, blank=False, counts=counts))
    assert re.fullmatch(r"Duitsland \(\d+ documenten, \d+ indicatorwaarden\)", labels["germany"])
    assert "indicator values" in dict((s, lab) for lab, s in region_choices("en", counts=counts))["japan"]


def test_sources_tab_lists_the_datasets_with_vintage_coverage_or_download(assistant, tmp_path):
    from assistant.app.sources import data_rows

    rows = data_rows(assistant, "nl")
    by_label = {r[0]: r for r in rows}
    rd = by_label["Uitgaven aan R&D"]
    assert "bijgewerkt 2026-07-13" in rd[4] and "van" in rd[5] and "Taiwan" in rd[6]
    assert "geen open licentie" in by_label["Cultuurverschil met Nederland (Hofstede)"][4]
    empty = assistant.__class__(assistant.settings.model_copy(update={"compass": assistant.settings.compass.model_copy(
        update={"data_dir": tmp_path / "leeg"})}))
    missing = data_rows(empty, "en")
    assert all(r[4].startswith("missing; download: ") for r in missing)
