"""A tiny corpus and an app server on a free loopback port, shared by the app's integration and browser tests."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from assistant.testing import FAKE_EMBEDDER, write_files
from tests.servers import free_port

CORPUS = {
    "duitsland_samenwerking.md": """# Samenwerking met Duitsland

Noord-Brabant werkt met Duitsland samen op het gebied van waterstof en halfgeleiders. De deelstaat
Noordrijn-Westfalen is een belangrijke partner voor de energietransitie.

## Persvrijheid

De persvrijheid in Duitsland is goed beschermd door de grondwet. Journalisten kunnen vrij werken en
kritische berichtgeving over de regering is gebruikelijk.
""",
    "china_human_rights.md": """# Human rights in China

Freedom of the press in China is severely restricted. Journalists are detained and censorship of the
internet is widespread. Human rights defenders face arbitrary detention.
""",
    "india_innovation.md": """# Innovation cooperation with India

India invests in semiconductors and life sciences. Dutch companies cooperate with Indian universities on
water technology and smart mobility.
""",
    "brabant_beleid.txt": """Aanpak internationalisering Noord-Brabant

De provincie kiest voor focus op Europa, Oost-Azie, Zuidoost-Azie en Noord-Amerika. Het afwegingskompas helpt
bij de keuze van partnerlanden voor innovatiesamenwerking.
""",
}

MANIFEST = """
duitsland_samenwerking.md:
  title: "Samenwerking met Duitsland"
  publisher: "Testprovincie"
  kind: policy
  language: nl
  regions: [germany]
  date: "2024-03-01"
  independent: false
china_human_rights.md:
  title: "Human rights in China"
  publisher: "Test NGO"
  kind: ngo_briefing
  language: en
  regions: [china]
  date: "2024-06-01"
  independent: true
india_innovation.md:
  title: "Innovation cooperation with India"
  publisher: "Test think tank"
  kind: think_tank
  language: en
  regions: [india]
  date: "2024-01-15"
  independent: true
brabant_beleid.txt:
  title: "Aanpak internationalisering Noord-Brabant"
  publisher: "Provincie Noord-Brabant"
  kind: policy
  language: nl
  regions: [noord-brabant]
  date: "2023-10-01"
  independent: false
"""

#: A Dutch question answered by exactly one file of the corpus.
DUTCH_QUESTION = "Hoe is de persvrijheid in Duitsland?"
DUTCH_QUESTION_SOURCE = "duitsland_samenwerking.md"
#: A question nothing in the corpus answers.
UNANSWERABLE = "Wat is de hoofdstad van Peru en hoeveel inwoners heeft Lima?"
#: A region outside the focus regions (the validator warns), with a document in the corpus.
WARNING_REGION = "india"
#: Seconds to wait for a started server to answer.
SERVER_START_SECONDS = 60


def write_corpus(folder: Path) -> Path:
    return write_files(folder, CORPUS, MANIFEST)


def make_assistant(root: Path, **app_settings):
    """An Assistant over the tiny corpus with the fake embedder, ingested."""
    from assistant.api import Assistant
    from assistant.settings import AppSettings, Settings
    from assistant.testing import FakeEmbedder

    corpus = write_corpus(root / "corpus")
    settings = Settings(embedder=FAKE_EMBEDDER, llm="extractive", corpus_dir=corpus, index_dir=root / "index",
                        app=AppSettings(**app_settings))
    assistant = Assistant(settings, embedder=FakeEmbedder())
    summary = assistant.ingest()
    assert not summary.failed, summary.failed
    return assistant


def start_app(assistant, lang: str | None = None):
    """Build the app and serve it on a free loopback port in a thread. Returns (app, url); call ``app.close()``."""
    from assistant.app.server import build_app, launch

    app = build_app(assistant, lang=lang)
    port = free_port()
    launch(app, assistant.settings, host="127.0.0.1", port=port, block=False, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return app, url
        except httpx.HTTPError:
            time.sleep(0.2)
    app.close()
    raise RuntimeError(f"The app did not start on {url} within {SERVER_START_SECONDS} s.")
