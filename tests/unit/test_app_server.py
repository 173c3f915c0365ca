"""Building the app (no network: tests/unit/conftest.py blocks sockets), launch options, login parsing, CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.app.server import build_app, is_loopback, launch, parse_auth
from assistant.testing import FAKE_EMBEDDER
from tests.app_fixtures import write_corpus


def test_parse_auth():
    assert parse_auth(None) is None and parse_auth("  ") is None
    assert parse_auth("anna:geheim") == [("anna", "geheim")]
    assert parse_auth("anna:ge:heim, bob:pw2") == [("anna", "ge:heim"), ("bob", "pw2")]
    for bad in ("anna", "anna:", ":pw", "anna:pw,"):
        with pytest.raises(ValueError, match="ASSISTANT_APP__AUTH"):
            parse_auth(bad)


def test_is_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant
    from assistant.settings import AppSettings, Settings
    from assistant.testing import FakeEmbedder, InMemoryStore

    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=write_corpus(tmp_path / "corpus"),
                        index_dir=tmp_path / "index",
                        app=AppSettings(concurrency=7, max_upload_mb=3, auth="anna:geheim"))
    assistant = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    assistant.ingest()
    return assistant


def test_build_app_offline_with_all_endpoints(assistant):
    app = build_app(assistant)
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert app.analytics_enabled is False
    names = {fn.api_name for fn in app.fns.values() if fn.api_name}
    assert {"chat", "score", "override", "documents", "upload", "remove"} <= names
    from assistant.app.server import brief_available

    assert ({"brief", "compare"} <= names) == brief_available()
    config = str(app.get_config_file())
    assert "Vraag stellen" in config and "Kompas" in config and "Bronnen" in config


def test_build_app_in_english(assistant):
    config = str(build_app(assistant, lang="en").get_config_file())
    assert "Your question" in config and "Sources" in config and "Vraag stellen" not in config


def test_launch_binds_loopback_with_queue_login_and_upload_limit(assistant, monkeypatch):
    app = build_app(assistant)
    captured = {}
    monkeypatch.setattr(app, "launch", lambda **kwargs: captured.update(kwargs))
    launch(app, assistant.settings, block=False)
    assert captured["server_name"] == "127.0.0.1" and captured["server_port"] == 7860
    assert captured["auth"] == [("anna", "geheim")]
    assert captured["max_file_size"] == "3mb"
    assert captured["share"] is False and captured["ssr_mode"] is False and captured["prevent_thread_lock"] is True
    assert app._queue.default_concurrency_limit == 7
    launch(app, assistant.settings, host="127.0.0.2", port=8123)
    assert captured["server_name"] == "127.0.0.2" and captured["server_port"] == 8123


def test_cli_registers_serve_without_importing_gradio():
    code = ("import sys, assistant.cli as c; p = c.build_parser(); "
            "a = p.parse_args(['serve', '--port', '7999', '--host', '127.0.0.1']); "
            "assert a.command == 'serve' and a.port == 7999, a; "
            "assert c.COMMANDS['serve'] == 'app'; "
            "print('gradio' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
