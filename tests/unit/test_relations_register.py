"""The relations register: round trip through the API, the CLI and the file; history; bad input loses nothing."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.compass.relations import RelationError, RelationsRegister
from assistant.compass.relations.register import HEADER
from assistant.testing import FAKE_EMBEDDER

TODAY = date(2026, 6, 1)
GOOD = {"region": "Beieren", "kind": "partnerregio", "organisation": "Bayerisches Staatsministerium für Wirtschaft",
        "date": "2019-03-01", "description": "Partnerregio sinds 2019: waterstof en halfgeleiders."}


@pytest.fixture()
def register(tmp_path) -> RelationsRegister:
    return RelationsRegister(tmp_path / "corpus" / "relations.yaml", today=TODAY, link_dirs=[tmp_path / "corpus"])


def snapshot(register: RelationsRegister) -> tuple[bytes | None, bytes | None]:
    read = lambda p: p.read_bytes() if p.is_file() else None  # noqa: E731
    return read(register.path), read(register.history_path)


def test_add_writes_a_readable_file_and_a_history_record(register):
    relation = register.add(GOOD, "A. Jansen")
    assert relation.id == "bavaria-partnerregio-2019" and relation.region == "bavaria"
    assert relation.officer == "A. Jansen" and relation.updated == "2026-06-01"
    text = register.path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "organisation: Bayerisches Staatsministerium für Wirtschaft" in text
    assert yaml.safe_load(text)["relations"][0]["description"] == GOOD["description"]
    assert register.load() == [relation] and register.get(relation.id) == relation
    [record] = register.history()
    assert record["action"] == "add" and record["officer"] == "A. Jansen" and record["before"] is None
    assert record["after"]["organisation"] == GOOD["organisation"] and record["after_hash"] == relation.content_hash
    assert record["at"].endswith("+00:00") and record["reason"]
    assert register.unlogged() == []


def test_ids_stay_unique_and_a_country_lists_its_regions(register):
    first = register.add(GOOD, "A. Jansen")
    second = register.add({**GOOD, "organisation": "Bayern Innovativ"}, "B. de Vries")
    japan = register.add({**GOOD, "region": "Japan", "kind": "handelsmissie", "organisation": "JETRO"}, "A. Jansen")
    assert second.id == "bavaria-partnerregio-2019-2" and first.id != second.id
    assert [r.id for r in register.list("Duitsland")] == [first.id, second.id]
    assert [r.id for r in register.list("bavaria")] == [first.id, second.id]
    assert [r.id for r in register.list("Japan")] == [japan.id] and len(register.list()) == 3


@pytest.mark.parametrize(("change", "message"), [
    ({"region": "Atlantis"}, "Onbekende regio 'Atlantis'"),
    ({"region": "Europa"}, "geen partnerregio"),
    ({"region": "Noord-Brabant"}, "geen partnerregio"),
    ({"region": ""}, "Kies een regio"),
    ({"kind": "vriendschap"}, "Onbekende soort relatie"),
    ({"date": "2026-06-02"}, "ligt in de toekomst"),
    ({"date": "2027"}, "ligt in de toekomst"),
    ({"date": "1-3-2019"}, "geen datum"),
    ({"date": "2019-02-30"}, "bestaat niet"),
    ({"date": ""}, "Geef de datum"),
    ({"end_date": "2018-12-31"}, "ligt voor de begindatum"),
    ({"description": "   "}, "lege beschrijving"),
    ({"organisation": ""}, "partnerorganisatie"),
    ({"link": "geen-bestand.pdf"}, "geen webadres"),
])
def test_bad_input_gets_a_dutch_message_and_nothing_is_written(register, change, message):
    register.add(GOOD, "A. Jansen")
    before = snapshot(register)
    with pytest.raises(RelationError, match=message):
        register.add({**GOOD, **change}, "A. Jansen")
    assert snapshot(register) == before


def test_officer_and_reasons_are_required(register):
    relation = register.add(GOOD, "A. Jansen")
    before = snapshot(register)
    with pytest.raises(RelationError, match="naam van de medewerker"):
        register.add(GOOD, " ")
    with pytest.raises(RelationError, match="reden"):
        register.edit(relation.id, {"description": "nieuw"}, "A. Jansen", "")
    with pytest.raises(RelationError, match="reden"):
        register.remove(relation.id, "A. Jansen", "")
    with pytest.raises(RelationError, match="Geen relatie met id"):
        register.remove("bestaat-niet", "A. Jansen", "weg")
    with pytest.raises(RelationError, match="kunnen niet worden gewijzigd: officer"):
        register.edit(relation.id, {"officer": "C"}, "A. Jansen", "anders")
    assert snapshot(register) == before


def test_links_may_be_web_addresses_or_corpus_documents(register, tmp_path):
    (tmp_path / "corpus").mkdir(parents=True, exist_ok=True)
    (tmp_path / "corpus" / "mou_beieren.pdf").write_bytes(b"%PDF")
    assert register.add({**GOOD, "link": "https://www.stmwi.bayern.de"}, "A").link == "https://www.stmwi.bayern.de"
    assert register.add({**GOOD, "link": "mou_beieren.pdf"}, "A").link == "mou_beieren.pdf"
    with pytest.raises(RelationError):
        register.add({**GOOD, "link": "../corpus/mou_beieren.pdf"}, "A")


def test_edit_and_remove_keep_the_id_and_log_before_and_after(register):
    relation = register.add(GOOD, "A. Jansen")
    edited = register.edit(relation.id, {"end_date": "2027-12-31", "description": "Verlengd tot 2027."},
                           "B. de Vries", "MoU verlengd")
    assert edited.id == relation.id and edited.officer == "A. Jansen" and edited.end_date == "2027-12-31"
    assert edited.content_hash != relation.content_hash
    with pytest.raises(RelationError, match="niet gewijzigd"):
        register.edit(relation.id, {"end_date": "2027-12-31"}, "B. de Vries", "nogmaals")
    removed = register.remove(relation.id, "C. Smit", "partnerschap beëindigd")
    assert removed == edited and register.load() == []
    actions = [(r["action"], r["officer"], r["reason"]) for r in register.history(relation.id)]
    assert actions == [("add", "A. Jansen", "nieuwe relatie"), ("edit", "B. de Vries", "MoU verlengd"),
                       ("remove", "C. Smit", "partnerschap beëindigd")]
    edit = register.history(relation.id)[1]
    assert edit["before"]["end_date"] is None and edit["after"]["end_date"] == "2027-12-31"
    assert edit["before_hash"] == relation.content_hash and edit["after_hash"] == edited.content_hash


def test_a_hand_edit_is_noticed_and_a_broken_file_is_never_overwritten(register):
    relation = register.add(GOOD, "A. Jansen")
    text = register.path.read_text(encoding="utf-8")
    register.path.write_text(text.replace("waterstof", "batterijen"), encoding="utf-8")
    assert register.unlogged() == [relation.id]
    register.path.write_text(text + "  - kapot: [\n", encoding="utf-8")
    before = snapshot(register)
    with pytest.raises(RelationError, match="geen geldige YAML"):
        register.add({**GOOD, "kind": "contact"}, "A. Jansen")
    assert snapshot(register) == before


def test_a_failed_write_changes_nothing(register, monkeypatch):
    register.add(GOOD, "A. Jansen")
    before = snapshot(register)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("assistant.compass.relations.register.os.replace", fail)
    with pytest.raises(RelationError, match="niets gewijzigd"):
        register.add({**GOOD, "kind": "contact"}, "A. Jansen")
    assert snapshot(register)[0] == before[0]
    assert not any(p.name.endswith(".tmp") for p in register.path.parent.iterdir())


def test_concurrent_adds_are_all_kept(register):
    errors = []

    def add(n):
        try:
            register.add({**GOOD, "organisation": f"Partner {n}"}, f"medewerker {n}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({r.id for r in register.load()}) == 8 and len(register.history()) == 8


# --- through the API and the CLI ----------------------------------------------------------------------------------


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant
    from assistant.settings import Settings
    from assistant.testing import FakeEmbedder, InMemoryStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notitie.md").write_text("# Notitie\n\nBeieren werkt aan waterstof.\n", encoding="utf-8")
    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=corpus, index_dir=tmp_path / "index", document_dirs=[])
    return Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())


def test_api_round_trip_and_the_ingest_skips_the_register(assistant):
    relation = assistant.add_relation(region="Beieren", kind="samenwerkingsovereenkomst", organisation="Bayern",
                                      date="2024-05", description="MoU waterstof.", officer="A. Jansen",
                                      link="notitie.md")
    assert [r.id for r in assistant.relations("Duitsland")] == [relation.id]
    assistant.edit_relation(relation.id, officer="B", reason="looptijd bekend", end_date="2028")
    assert assistant.relations()[0].end_date == "2028"
    summary = assistant.ingest()
    assert not summary.failed and summary.indexed == ["notitie.md"]
    assistant.remove_relation(relation.id, officer="C", reason="vervallen")
    assert assistant.relations() == [] and len(assistant.relation_history(relation.id)) == 3


def test_cli_round_trip(assistant, capsys):
    from assistant import cli

    def run(argv: list[str]) -> int:
        return cli.main(argv, assistant=assistant)

    args = ["relations", "add", "--region", "Vlaanderen", "--kind", "gezamenlijk_project", "--organisation",
            "imec", "--date", "2025-01", "--description", "Pilotlijn fotonica.", "--officer", "A. Jansen"]
    assert run([*args, "--format", "json"]) == 0
    rid = json.loads(capsys.readouterr().out)["relation"]["id"]
    assert rid == "flanders-gezamenlijk-project-2025"
    assert run(["relations", "list", "België"]) == 0
    out = capsys.readouterr().out
    assert "1 relatie(s)" in out and "Vlaanderen (België): imec (sinds 2025-01)" in out
    assert run(["relations", "edit", rid, "--description", "Pilotlijn fotonica, fase 2.", "--officer", "B",
                "--reason", "fase 2"]) == 0
    assert run([*args[:3], "Atlantis", *args[4:]]) == 2
    assert "Onbekende regio 'Atlantis'" in capsys.readouterr().err
    assert run(["relations", "remove", rid, "--officer", "C", "--reason", "afgerond"]) == 0
    assert "Relatie verwijderd" in capsys.readouterr().out
    assert run(["relations", "history", rid, "--format", "json"]) == 0
    assert [r["action"] for r in json.loads(capsys.readouterr().out)] == ["add", "edit", "remove"]


def test_the_repositorys_register_is_empty_and_explains_its_format():
    from assistant.settings import PROJECT_ROOT

    path = PROJECT_ROOT / "corpus" / "relations.yaml"
    assert RelationsRegister(path).load() == []
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert {"relations.yaml", "relations-history.jsonl"} <= __import__(
        "assistant.ingest.pipeline", fromlist=["IGNORED_NAMES"]).IGNORED_NAMES
    assert Path(path).parent.name == "corpus"
