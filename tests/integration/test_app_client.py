"""The app over HTTP on loopback, driven with gradio_client (fake embedder, tiny corpus).

Covers: no outside connections while building and starting; chat with citations, filters, follow-ups and the
not-found state; compass scoring with badges and overrides; uploads, listing and removal; briefs and comparisons;
20 simultaneous chat users all answered (eval/load_chat.py); the optional login.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import socket
import sys
from pathlib import Path

import pytest

from tests.app_fixtures import (DUTCH_QUESTION, DUTCH_QUESTION_SOURCE, UNANSWERABLE, WARNING_REGION, make_assistant,
                                start_app)

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parent.parent.parent
LOAD_USERS = 20


def _load_script():
    spec = importlib.util.spec_from_file_location("load_chat", REPO / "eval" / "load_chat.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script is executed
    spec.loader.exec_module(module)
    return module


class _OutsideGuard:
    """Record (and refuse) socket connections to anything but loopback or Unix sockets."""

    def __init__(self, monkeypatch):
        self.attempts: list = []
        real_connect = socket.socket.connect

        def connect(sock, address, *args, **kwargs):
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                host = address[0]
                try:
                    loopback = ipaddress.ip_address(host).is_loopback
                except ValueError:
                    loopback = host == "localhost"
                if not loopback:
                    self.attempts.append(address)
                    raise ConnectionRefusedError(f"outside connection refused in test: {address!r}")
            return real_connect(sock, address, *args, **kwargs)

        monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    guard = _OutsideGuard(mp)
    assistant = make_assistant(tmp_path_factory.mktemp("app-client"))
    app, url = start_app(assistant)
    mp.undo()
    try:
        yield url, assistant, guard
    finally:
        app.close()


@pytest.fixture()
def client(served):
    from gradio_client import Client

    return Client(served[0], verbose=False)


def test_no_outside_connections_at_start(served):
    assert served[2].attempts == []


def test_chat_answers_with_a_citation_to_the_expected_file(client):
    messages, copy, box = client.predict(DUTCH_QUESTION, "", "", "", api_name="/chat")
    answer_html = messages[-1]["content"][0]["text"]
    assert 'class="citation"' in answer_html and DUTCH_QUESTION_SOURCE in answer_html
    assert 'class="cite-ref"' in answer_html
    assert DUTCH_QUESTION_SOURCE in copy and copy.splitlines()[0] == "Volgens de bronnen:"
    assert box == ""


def test_follow_up_uses_the_conversation(client):
    client.predict(DUTCH_QUESTION, "", "", "", api_name="/chat")
    messages, copy, _ = client.predict("En in China?", "", "", "", api_name="/chat")
    assert len(messages) == 4
    assert "china_human_rights.md" in copy and DUTCH_QUESTION_SOURCE not in copy
    assert "Opgevat als" in messages[-1]["content"][0]["text"]


def test_filters_restrict_the_sources(client):
    _, copy, _ = client.predict(DUTCH_QUESTION, "china", "", "", api_name="/chat")
    assert DUTCH_QUESTION_SOURCE not in copy
    _, copy, _ = client.predict(DUTCH_QUESTION, "", "", "en", api_name="/chat")
    assert DUTCH_QUESTION_SOURCE not in copy


def test_unanswerable_question_is_not_found(client):
    messages, copy, _ = client.predict(UNANSWERABLE, "", "", "", api_name="/chat")
    assert 'class="not-found"' in messages[-1]["content"][0]["text"]
    assert copy.startswith("Niet gevonden in de bronnen.")


def test_kompas_score_and_override(client, served):
    html = client.predict(WARNING_REGION, api_name="/score")
    assert 'class="badge badge-warning"' in html and "buiten_focusregio" in html
    html, message = client.predict("omgevingsfactoren", "5", "Lokale contacten melden verbetering", "A. Jansen", "",
                                   api_name="/override")
    assert "msg-ok" in message
    assert 'class="badge badge-error"' in html and "mensenrechten_ernstig" in html
    html, message = client.predict("omgevingsfactoren", "4", "", "A. Jansen", "", api_name="/override")
    assert "msg-error" in message


def test_upload_list_and_remove(client, served, tmp_path):
    from gradio_client import handle_file

    _, assistant, _ = served
    corpus = assistant.settings.corpus_dir
    good = tmp_path / "notitie_japan.md"
    good.write_text("# Notitie Japan\n\nJapan investeert in waterstof en batterijen.\n", encoding="utf-8")
    bad = tmp_path / "stuk.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot a pdf\n")
    rows, summary, _files, docs, _choice, status = client.predict([handle_file(good), handle_file(bad)],
                                                                   api_name="/upload")
    results = {row[0]: row for row in rows["data"]}
    assert results["notitie_japan.md"][1] == "geïndexeerd"
    assert results["stuk.pdf"][1] == "mislukt" and results["stuk.pdf"][2]
    assert "1 toegevoegd" in summary and "1 mislukt" in summary
    assert (corpus / "notitie_japan.md").is_file() and not (corpus / "stuk.pdf").exists()
    assert "notitie_japan.md" in {row[0] for row in docs["data"]}
    assert "5 documenten" in status
    message, docs, _choice, status = client.predict("notitie_japan.md", True, api_name="/remove")
    assert "verwijderd" in message and not (corpus / "notitie_japan.md").exists()
    assert "notitie_japan.md" not in {row[0] for row in docs["data"]}
    assert "4 documenten" in status


def test_brief_and_comparison(client):
    from assistant.app.server import brief_available

    if not brief_available():
        pytest.fail("assistant.brief does not export build_brief/write_markdown/write_docx/compare yet")
    preview, md_file, docx_file = client.predict("germany", api_name="/brief")
    # The download buttons come back as updates (value + interactive=True).
    assert md_file["interactive"] is True and docx_file["interactive"] is True
    md_file, docx_file = md_file["value"], docx_file["value"]
    assert "Duitsland" in preview
    assert Path(md_file).suffix == ".md" and "Duitsland" in Path(md_file).read_text(encoding="utf-8")
    assert Path(docx_file).suffix == ".docx" and Path(docx_file).read_bytes()[:2] == b"PK"
    table, heatmap = client.predict(["germany", "india"], api_name="/compare")
    assert "Duitsland" in table and "India" in table
    assert Path(heatmap).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_twenty_simultaneous_chat_users_are_all_answered(served):
    report, results = _load_script().run(served[0], users=LOAD_USERS, rounds=1)
    print(f"\nload: {report}")
    assert report.requests == LOAD_USERS and report.errors == 0, report.error_samples
    assert report.answered == LOAD_USERS
    assert report.p95 is not None and report.p50 <= report.p95 <= report.max


def test_login_is_required_when_configured(tmp_path):
    from gradio_client import Client

    assistant = make_assistant(tmp_path, auth="anna:geheim")
    app, url = start_app(assistant)
    try:
        with pytest.raises(Exception):
            Client(url, verbose=False)
        with pytest.raises(Exception):
            Client(url, auth=("anna", "fout"), verbose=False)
        authed = Client(url, auth=("anna", "geheim"), verbose=False)
        _, copy, _ = authed.predict(DUTCH_QUESTION, "", "", "", api_name="/chat")
        assert DUTCH_QUESTION_SOURCE in copy
    finally:
        app.close()


RELATION_FORM = ("bavaria", "partnerregio", "Bayerisches Staatsministerium", "2024-03", "",
                 "Partnerregio: waterstof en halfgeleiders.", "")


def test_relations_form_round_trip(client, served):
    _, assistant, _ = served
    message, table, history, _entry = client.predict(None, *RELATION_FORM, "A. Jansen", "", "",
                                                     api_name="/relation_add")
    assert "msg-ok" in message and "bavaria-partnerregio-2024" in message
    assert [row[0] for row in table["data"]] == ["bavaria-partnerregio-2024"]
    assert history["data"][0][1:4] == ["A. Jansen", "toegevoegd", "bavaria-partnerregio-2024"]
    future = (*RELATION_FORM[:3], "2099-01", *RELATION_FORM[4:])
    message, table, *_ = client.predict(None, *future, "A. Jansen", "", "", api_name="/relation_add")
    assert "msg-error" in message and "ligt in de toekomst" in message and len(table["data"]) == 1
    table, _history, _entry = client.predict("germany", api_name="/relations")
    assert [row[1] for row in table["data"]] == ["Beieren (Duitsland)"]
    html = client.predict("bavaria", api_name="/score")
    assert "Bayerisches Staatsministerium" in html and "landelijk cijfer Duitsland" in html
    message, table, *_ = client.predict("bavaria-partnerregio-2024", *RELATION_FORM, "B", "beëindigd", "",
                                        api_name="/relation_remove")
    assert "msg-ok" in message and table["data"] in ([], [[""] * 10], [["", "", "", "", "", "", "", "", "", ""]])
    assert assistant.relations() == [] and len(assistant.relation_history()) == 2


def test_a_viewer_is_refused_through_the_api_and_an_editor_is_recorded_by_login(tmp_path):
    from gradio_client import Client, handle_file

    assistant = make_assistant(tmp_path, auth="anna:geheim,piet:kijk", editors=["anna"])
    corpus = assistant.settings.corpus_dir
    app, url = start_app(assistant)
    try:
        viewer = Client(url, auth=("piet", "kijk"), verbose=False)
        message, *_ = viewer.predict(None, *RELATION_FORM, "piet", "", "", api_name="/relation_add")
        assert "Niet toegestaan" in message and assistant.relations() == []
        viewer.predict(WARNING_REGION, api_name="/score")
        _, message = viewer.predict("omgevingsfactoren", "5", "reden", "piet", "", api_name="/override")
        assert "Niet toegestaan" in message
        viewer.predict(api_name="/documents")  # lists the documents (and fills the removal choices)
        message, *_ = viewer.predict(DUTCH_QUESTION_SOURCE, True, api_name="/remove")
        assert "Niet toegestaan" in message and (corpus / DUTCH_QUESTION_SOURCE).is_file()
        note = tmp_path / "notitie.md"
        note.write_text("# Notitie\n\nJapan investeert in waterstof.\n", encoding="utf-8")
        rows, *_ = viewer.predict([handle_file(note)], api_name="/upload")
        assert rows["data"][0][1] == "geweigerd" and not (corpus / "notitie.md").exists()
        from assistant.compass import default_log_path

        assert not default_log_path(assistant.settings).exists()
        editor = Client(url, auth=("anna", "geheim"), verbose=False)
        message, *_ = editor.predict(None, *RELATION_FORM, "iemand anders", "", "", api_name="/relation_add")
        assert "msg-ok" in message and assistant.relations()[0].officer == "anna"
        editor.predict(WARNING_REGION, api_name="/score")
        _, message = editor.predict("omgevingsfactoren", "2", "reden", "iemand anders", "", api_name="/override")
        assert "msg-ok" in message
        record = default_log_path(assistant.settings).read_text(encoding="utf-8").splitlines()[-1]
        assert '"officer": "anna"' in record
    finally:
        app.close()
