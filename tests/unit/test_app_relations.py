"""The Relaties tab's logic (the app form) and the editor role: viewers cannot change the register, override a
score, upload or remove a document through the handlers; with logins the officer recorded is the logged-in user."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.app.kompas import override_score, score_region
from assistant.app.relations_tab import entry_fields, history_rows, relation_rows, save_relation
from assistant.app.roles import may_edit, officer_name, role_line
from assistant.app.sources import add_files, remove_document
from assistant.compass import default_log_path
from assistant.settings import AppSettings, Settings
from assistant.testing import FAKE_EMBEDDER
from tests.app_fixtures import write_corpus

YEAR = date.today().year - 1
FORM = dict(region="bavaria", kind="partnerregio", organisation="Bayerisches Staatsministerium", date=f"{YEAR}-03",
            end_date="", description="Partnerregio: waterstof en halfgeleiders.", link="", reason="")


def make(tmp_path, **app):
    from assistant.api import Assistant
    from assistant.testing import FakeEmbedder, InMemoryStore

    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=write_corpus(tmp_path / "corpus"),
                        index_dir=tmp_path / "index", document_dirs=[], app=AppSettings(**app))
    assistant = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    assistant.ingest()
    return assistant


def save(assistant, action="add", relation_id=None, user=None, officer="A. Jansen", **change):
    form = {**FORM, **change}
    return save_relation(assistant, action, relation_id, form["region"], form["kind"], form["organisation"],
                         form["date"], form["end_date"], form["description"], form["link"], officer,
                         form["reason"], "nl", user=user)


def test_the_form_adds_edits_and_removes_with_history(tmp_path):
    assistant = make(tmp_path)
    message = save(assistant)
    rid = f"bavaria-partnerregio-{YEAR}"
    assert "msg-ok" in message and rid in message
    [row] = relation_rows(assistant, "Duitsland", "nl")
    assert row[:4] == [rid, "Beieren (Duitsland)", "Partnerregio (regio-tot-regio)", "Bayerisches Staatsministerium"]
    assert relation_rows(assistant, "japan", "nl") == []
    assert entry_fields(assistant, rid)[:3] == ["bavaria", "partnerregio", "Bayerisches Staatsministerium"]
    assert "reden" in save(assistant, "edit", rid, end_date="2030-12-31")  # a change needs a reason
    assert "msg-ok" in save(assistant, "edit", rid, end_date="2030-12-31", reason="looptijd bekend", officer="B")
    assert relation_rows(assistant, None, "nl")[0][5] == "2030-12-31"
    assert "Kies eerst een bestaande relatie" in save(assistant, "remove", None, reason="weg")
    assert "msg-ok" in save(assistant, "remove", rid, reason="beëindigd", officer="C")
    assert relation_rows(assistant, None, "nl") == []
    assert [(r[1], r[2]) for r in history_rows(assistant, "nl")] == [
        ("C", "verwijderd"), ("B", "gewijzigd"), ("A. Jansen", "toegevoegd")]


@pytest.mark.parametrize(("change", "text"), [
    ({"region": "Atlantis"}, "Onbekende regio"), ({"date": f"{YEAR + 3}-01"}, "ligt in de toekomst"),
    ({"description": ""}, "lege beschrijving"), ({"end_date": f"{YEAR - 3}"}, "ligt voor de begindatum"),
    ({"kind": None}, "Onbekende soort"),
])
def test_bad_form_input_is_a_message_and_nothing_is_written(tmp_path, change, text):
    assistant = make(tmp_path)
    message = save(assistant, **change)
    assert "msg-error" in message and text in message
    assert not (assistant.settings.corpus_dir / "relations.yaml").exists()


def test_roles_follow_the_settings():
    open_app = Settings(app=AppSettings())
    assert may_edit(open_app, None) and officer_name(open_app, None, "A. Jansen") == "A. Jansen"
    everyone = Settings(app=AppSettings(auth="anna:a,piet:p"))
    assert may_edit(everyone, "piet") and not may_edit(everyone, None)
    editors = Settings(app=AppSettings(auth="anna:a,piet:p", editors=["anna"]))
    assert may_edit(editors, "anna") and not may_edit(editors, "piet")
    assert officer_name(editors, "anna", "iemand anders") == "anna"
    assert "redacteur" in role_line(editors, "anna", "nl") and "alleen lezen" in role_line(editors, "piet", "nl")
    assert role_line(open_app, None, "nl") == ""


def test_a_viewer_cannot_change_anything_through_the_handlers(tmp_path):
    assistant = make(tmp_path, auth="anna:geheim,piet:kijk", editors=["anna"])
    corpus = assistant.settings.corpus_dir
    # The register.
    message = save(assistant, user="piet")
    assert "Niet toegestaan: piet mag alleen lezen" in message and not (corpus / "relations.yaml").exists()
    assert "msg-ok" in save(assistant, user="anna", officer="iemand anders")
    [relation] = assistant.relations()
    assert relation.officer == "anna"  # the logged-in user, not the typed name
    for action in ("edit", "remove"):
        message = save(assistant, action, relation.id, user="piet", reason="poging", description="anders")
        assert "Niet toegestaan" in message
    assert assistant.relations() == [relation] and len(assistant.relation_history()) == 1
    # Score overrides.
    _, assessment = score_region(assistant, "india", "nl")
    log = default_log_path(assistant.settings)
    _, kept, message = override_score(assistant, assessment, "omgevingsfactoren", "5", "reden", "piet", "", "nl",
                                      user="piet")
    assert "Niet toegestaan" in message and kept is assessment and not log.exists()
    _, updated, message = override_score(assistant, assessment, "omgevingsfactoren", "2", "reden", "iemand", "",
                                         "nl", user="anna")
    assert "msg-ok" in message and updated.criterion("omgevingsfactoren").override.officer == "anna"
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["officer"] == "anna"
    # Documents: removing and uploading.
    source = "india_innovation.md"
    assert "Niet toegestaan" in remove_document(assistant, source, True, "nl", user="piet")
    assert (corpus / source).is_file() and source in {d["source"] for d in assistant.documents()}
    upload = tmp_path / "notitie.md"
    upload.write_text("# Notitie\n\nJapan investeert in waterstof.\n", encoding="utf-8")
    [result] = add_files(assistant, [upload], "nl", user="piet")
    assert result.status == "rejected" and "Niet toegestaan" in result.detail
    assert not (corpus / "notitie.md").exists()
    assert "verwijderd" in remove_document(assistant, source, True, "nl", user="anna")
