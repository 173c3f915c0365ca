"""Documents about a sub-national region: tagged with it (and, through the gazetteer, its country) at ingest, found
by a filter on the region or on its country, and a question about the region searches the country as wider scope."""

from __future__ import annotations

import pytest

from assistant.index.store import REGION_FLAG, encode_metadata
from assistant.retrieve.base import Filters
from assistant.testing import FAKE_EMBEDDER, FakeEmbedder, InMemoryStore, write_files

FILES = {
    "samenwerking_beieren_waterstof.md": "# Samenwerking met Beieren\n\nBeieren investeert in waterstof en "
    "batterijen. De deelstaatregering ondersteunt kennisinstellingen en bedrijven die samenwerken op de "
    "energietransitie, met een eigen programma voor elektrolysers en opslag van energie.\n",
    "duitsland_energie.md": "# Energiebeleid van Duitsland\n\nDuitsland investeert in waterstof en windenergie op "
    "zee. De bondsregering ondersteunt de energietransitie met subsidies voor netten.\n",
    # Closer to the question's words than the German document: only the region scope puts Germany before it.
    "japan_energie.md": "# Energiebeleid van Japan\n\nHoe werkt Japan aan waterstof en batterijen en opslag? Japan "
    "investeert in waterstof en batterijen en opslag voor de energietransitie.\n",
}


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant
    from assistant.settings import Settings

    corpus = write_files(tmp_path / "corpus", FILES)
    settings = Settings(embedder=FAKE_EMBEDDER, corpus_dir=corpus, index_dir=tmp_path / "index", document_dirs=[])
    a = Assistant(settings, embedder=FakeEmbedder(), store=InMemoryStore())
    summary = a.ingest()
    assert not summary.failed, summary.failed
    return a


def test_a_document_about_a_region_is_tagged_with_it_and_flagged_with_its_country(assistant):
    chunk = next(c for c in assistant.retriever.all_chunks() if c.source == "samenwerking_beieren_waterstof.md")
    assert chunk.regions == ["bavaria"]
    flags = {k for k, v in encode_metadata(chunk).items() if k.startswith(REGION_FLAG) and v}
    assert flags == {REGION_FLAG + r for r in ("bavaria", "germany", "eu", "europe")}
    germany = next(c for c in assistant.retriever.all_chunks() if c.source == "duitsland_energie.md")
    assert germany.regions == ["germany"]


def test_region_filters_find_the_region_under_its_country_not_the_other_way_round(assistant):
    query = "waterstof energietransitie"
    under_germany = {h.source for h in assistant.search(query, k=5, filters=Filters(region="Duitsland"))}
    assert under_germany == {"samenwerking_beieren_waterstof.md", "duitsland_energie.md"}
    under_bavaria = {h.source for h in assistant.search(query, k=5, filters=Filters(region="Beieren"))}
    assert under_bavaria == {"samenwerking_beieren_waterstof.md"}


def test_a_question_about_the_region_ranks_its_own_document_first_then_the_country(assistant):
    hits = assistant.search("Hoe werkt Beieren aan waterstof en batterijen en opslag?", k=3)
    assert [h.source for h in hits[:2]] == ["samenwerking_beieren_waterstof.md", "duitsland_energie.md"]
