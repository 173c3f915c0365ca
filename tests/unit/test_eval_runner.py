"""The evaluation runner end to end over a tiny corpus (FakeEmbedder + InMemoryStore), and its wiring with a
scripted assistant whose answers are known exactly."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.api import Assistant
from assistant.evaluation.metrics import METRIC_KEYS, Hit, aggregate
from assistant.evaluation.questions import Question, write_questions
from assistant.evaluation.runner import PLOT_FILE, REPORT_FILE, RESULTS_FILE, run_eval
from assistant.models import Answer, Citation, SearchHit
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore, write_files

PRESS = ("# Press freedom in Freedonia\n\nThe government of Freedonia restricted the media throughout the year. "
         "Authorities detained at least 12 journalists during the year. Several newspapers were closed by court "
         "order, and foreign correspondents were expelled.\n")
WATER = ("# Water management\n\nThe delta commission invested in dikes, storm surge barriers and pumping stations. "
         "Rising sea levels require new coastal defences along the North Sea.\n")
BELEID = ("# Samenwerking\n\nDe provincie werkt samen met Beieren op het gebied van waterstof en batterijen. "
          "Het college heeft daarvoor een budget van twee miljoen euro vrijgemaakt voor de komende vier jaar.\n")
FILLERS = {f"filler_{n}.md": f"# Topic {n}\n\nThis document discusses agriculture subject number {n} in detail, "
           f"with crops, soils and harvest statistics for region {n}.\n" for n in range(6)}
DOCS = {"press.md": PRESS, "water.md": WATER, "beleid_NL.md": BELEID, **FILLERS}


def item(qid, question, lang, answerable=True, sources=(), evidence=(), facts=()) -> Question:
    return Question(id=qid, question=question, lang=lang, answerable=answerable, sources=list(sources), pages=[],
                    evidence=list(evidence), facts=list(facts), region="", criterion="")


QUESTIONS = [
    item("en-1", "How many journalists did authorities detain in Freedonia?", "en", sources=["press.md"],
         evidence=["Authorities detained at least 12 journalists during the year."], facts=["12", "journalists"]),
    item("nl-1", "Met welke regio werkt de provincie samen op het gebied van waterstof?", "nl",
         sources=["beleid_NL.md"], evidence=["De provincie werkt samen met Beieren op het gebied van waterstof en "
                                             "batterijen."], facts=["Beieren"]),
    item("nl-2", "Welke maatregelen nam de deltacommissie tegen de stijgende zeespiegel?", "nl",
         sources=["water.md"], evidence=["The delta commission invested in dikes, storm surge barriers and pumping "
                                         "stations."], facts=["dikes|dijken"]),
    item("en-2", "What is the population of the Mars colony?", "en", answerable=False),
]


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory) -> Path:
    return write_files(tmp_path_factory.mktemp("docs"), DOCS)


@pytest.fixture(scope="module")
def assistant(docs_dir, tmp_path_factory) -> Assistant:
    settings = Settings(embedder=FAKE_EMBEDDER, llm="extractive", index_dir=tmp_path_factory.mktemp("index"))
    helper = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    summary = helper.ingest([docs_dir])
    assert not summary.failed and len(summary.indexed) == len(DOCS)
    return helper


@pytest.fixture(scope="module")
def run(assistant, docs_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    metrics = run_eval(assistant, QUESTIONS, out_dir=out, progress=False, docs=[docs_dir])
    return out, metrics


def read_results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / RESULTS_FILE).read_text(encoding="utf-8").splitlines()]


def test_writes_every_output(run):
    out, metrics = run
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8")) == json.loads(json.dumps(metrics))
    assert (out / PLOT_FILE).read_bytes().startswith(b"\x89PNG")
    report = (out / REPORT_FILE).read_text(encoding="utf-8")
    for heading in ("# Evaluation report", "## Targets", "## Assistant", "## Items to look at"):
        assert heading in report
    assert "## Against the baseline" not in report  # not asked for


def test_metrics_have_the_documented_keys_and_splits(run):
    _, metrics = run
    for key in METRIC_KEYS:
        assert key in metrics
    assert set(metrics["by_lang"]) == {"nl", "en"}
    assert set(metrics["by_cross_lingual"]) == {"cross_lingual", "same_language"}
    assert metrics["fabricated_citations"] == 0
    assert metrics["baseline"] is None
    assert metrics["config"]["embedder"] == "assistant.testing-FakeEmbedder"
    assert metrics["composition"]["items"] == len(QUESTIONS)


def test_results_hold_answers_citations_and_consistent_metrics(run):
    out, metrics = run
    records = read_results(out)
    assert [r["id"] for r in records] == [q.id for q in QUESTIONS]
    for record in records:
        assert {"answer", "refused", "citations", "retrieved", "latency_ms", "metrics"} <= set(record)
        retrieved = {r["chunk_id"] for r in record["retrieved"]}
        assert {c["chunk_id"] for c in record["citations"]} <= retrieved
    recomputed = aggregate(records)
    for key in ("evidence_hit_at_5", "mrr", "citation_precision", "fact_recall", "refusal_accuracy"):
        assert recomputed[key] == metrics[key]


def test_cross_lingual_items_are_those_whose_source_is_in_another_language(run):
    records = {r["id"]: r for r in read_results(run[0])}
    assert records["nl-2"]["cross_lingual"] is True  # Dutch question, English document
    assert records["en-1"]["cross_lingual"] is False
    assert records["nl-1"]["cross_lingual"] is False
    assert records["en-2"]["cross_lingual"] is False  # no sources


def test_easy_question_finds_its_evidence(run):
    records = {r["id"]: r for r in read_results(run[0])}
    easy = records["en-1"]
    assert easy["metrics"]["hit_at_5"] is True
    rank = easy["metrics"]["evidence_rank"]
    assert easy["retrieved"][rank - 1]["has_evidence"] is True
    assert easy["metrics"]["evidence_indexable"] is True


def test_baseline_runs_side_by_side(assistant, docs_dir, tmp_path):
    metrics = run_eval(assistant, QUESTIONS, out_dir=tmp_path, progress=False, docs=[docs_dir], baseline=True)
    base = metrics["baseline"]
    assert base["k"] == 4 and base["chunks"] >= len(DOCS)
    assert base["citation_precision"] is None and base["refusal_accuracy"] is None  # no answerer
    assert set(base["by_lang"]) == {"nl", "en"}
    records = read_results(tmp_path)
    assert all(len(r["baseline"]["retrieved"]) <= 4 for r in records)
    as_records = [{**r, **r["baseline"]} for r in records]
    assert aggregate(as_records)["evidence_hit_at_5"] == base["evidence_hit_at_5"]
    gain = metrics["targets"]["hit_at_5_gain_over_baseline"]["value"]
    assert gain == pytest.approx(metrics["evidence_hit_at_5"] - base["evidence_hit_at_5"])
    assert "## Against the baseline" in (tmp_path / REPORT_FILE).read_text(encoding="utf-8")


# ---- a scripted assistant: exact expectations ------------------------------------------------------------------

def search_hit(cid: str, source: str, text: str) -> SearchHit:
    return SearchHit(chunk_id=cid, source=source, title=source, page=None, section=None, text=text, score=0.5)


def cite(n: int, hit: SearchHit) -> Citation:
    return Citation(n=n, chunk_id=hit.chunk_id, source=hit.source, title=hit.title, page=None, section=None,
                    quote=hit.text[:40], text=hit.text)


FILLER_HIT = search_hit("f", "filler_0.md", "Agriculture.")
PRESS_HIT = search_hit("p", "press.md", PRESS)
WATER_HIT = search_hit("w", "water.md", WATER)
GHOST = search_hit("ghost", "other.md", "Never retrieved.")


class ScriptedAssistant:
    """Answers from a script; ``retriever.all_chunks`` serves the evidence-indexable diagnostic."""

    def __init__(self) -> None:
        self.settings = Settings(embedder=FAKE_EMBEDDER, llm="extractive")
        self.chat_model = None
        self.retriever = SimpleNamespace(all_chunks=lambda: [Hit("p", "press.md", PRESS), Hit("w", "water.md", WATER)])
        self.asked: list[tuple[str, str | None]] = []

    def ask(self, question, *, filters=None, lang=None, history=None) -> Answer:
        self.asked.append((question, lang))
        qid = next(q.id for q in QUESTIONS if q.question == question)
        script = {
            "en-1": ("Authorities held 12 journalists [1] [2].", False, [FILLER_HIT, PRESS_HIT],
                     [cite(1, PRESS_HIT), cite(2, GHOST)]),
            "nl-1": ("Niet gevonden in de bronnen.", True, [], []),
            "nl-2": ("Er werden dijken gebouwd [1].", False, [WATER_HIT, FILLER_HIT], [cite(1, WATER_HIT)]),
            "en-2": ("Not found in the sources.", True, [FILLER_HIT], []),
        }
        text, refused, retrieved, citations = script[qid]
        return Answer(question=question, answer=text, refused=refused, backend="scripted", citations=citations,
                      retrieved=retrieved)


def test_scripted_answers_give_the_expected_numbers(docs_dir, tmp_path):
    scripted = ScriptedAssistant()
    metrics = run_eval(scripted, QUESTIONS, out_dir=tmp_path, progress=False, docs=[docs_dir])
    assert scripted.asked == [(q.question, q.lang) for q in QUESTIONS]  # asked in the question's language
    assert metrics["fabricated_citations"] == 1
    assert metrics["citation_precision"] == pytest.approx(2 / 3)
    assert metrics["evidence_hit_at_5"] == pytest.approx(2 / 3)
    assert metrics["evidence_hit_at_1"] == pytest.approx(1 / 3)
    assert metrics["mrr"] == pytest.approx(0.5)
    assert metrics["fact_recall"] == pytest.approx(2 / 3)
    assert metrics["refusal_accuracy"] == pytest.approx(0.75)
    assert metrics["targets"]["fabricated_citations"]["met"] is False
    assert metrics["by_lang"]["en"]["fabricated_citations"] == 1
    assert metrics["by_lang"]["nl"]["refusal_accuracy"] == pytest.approx(0.5)
    assert metrics["by_cross_lingual"]["cross_lingual"]["evidence_hit_at_1"] == 1.0  # nl-2
    report = (tmp_path / REPORT_FILE).read_text(encoding="utf-8")
    assert "### Fabricated citations (1)" in report and "`en-1`" in report
    assert "### Wrong refusal decision (1)" in report and "refused an answerable question" in report


def test_no_questions_is_a_clear_error(assistant, tmp_path):
    with pytest.raises(ValueError, match="No questions"):
        run_eval(assistant, [], out_dir=tmp_path, progress=False)


def test_questions_file_round_trip_feeds_the_runner(docs_dir, tmp_path):
    from assistant.evaluation.questions import load_questions

    path = tmp_path / "q.jsonl"
    write_questions(QUESTIONS, path)
    metrics = run_eval(ScriptedAssistant(), load_questions(path), out_dir=tmp_path / "out", progress=False,
                       docs=[docs_dir], questions_file=path)
    assert metrics["config"]["questions"] == str(path)
    assert metrics["items"] == len(QUESTIONS)
