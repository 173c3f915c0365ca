"""Production dispatch names only real embedders; any other embedder class is selected by reference
('package.module:attribute'), the way tests and the scale benchmark select the model-free FakeEmbedder."""

from __future__ import annotations

import inspect

import pytest
from pydantic import ValidationError

from assistant import cli
from assistant.index import embedders
from assistant.index.embedders import EmbedderError, get_embedder, load_embedder
from assistant.settings import Settings
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder


def test_production_dispatch_names_no_test_fake():
    source = inspect.getsource(embedders)
    assert "fake" not in source.casefold().replace("assistant.testing:fakeembedder", "")


def test_the_fake_is_selected_by_reference(monkeypatch):
    assert isinstance(get_embedder(Settings(embedder=FAKE_EMBEDDER)), FakeEmbedder)
    monkeypatch.setenv("ASSISTANT_EMBEDDER", FAKE_EMBEDDER)
    settings = Settings()
    assert settings.embedder == FAKE_EMBEDDER
    assert settings.embedder_id == "assistant.testing-FakeEmbedder"  # filesystem-safe: it names the index folder
    assert settings.index_name.startswith("assistant.testing-FakeEmbedder__c")


def test_an_unknown_name_says_what_to_do():
    with pytest.raises(ValidationError, match="assistant.testing:FakeEmbedder"):
        Settings(embedder="fake")


@pytest.mark.parametrize(("reference", "says"), [
    ("assistant.no_such_module:Thing", "cannot import module"),
    ("assistant.testing:NoSuchEmbedder", "has no attribute"),
    ("assistant.settings:PROJECT_ROOT", "not an embedder"),
    ("assistant.text:fold", "without arguments"),
])
def test_a_bad_reference_says_what_is_wrong(reference, says):
    with pytest.raises(EmbedderError, match=says):
        load_embedder(reference)


def test_the_eval_command_takes_a_reference_and_refuses_a_bare_fake(capsys):
    parser = cli.build_parser()
    assert parser.parse_args(["eval", "--embedder", FAKE_EMBEDDER]).embedder == FAKE_EMBEDDER
    with pytest.raises(SystemExit):
        parser.parse_args(["eval", "--embedder", "fake"])
    assert "assistant.testing:FakeEmbedder" in capsys.readouterr().err
