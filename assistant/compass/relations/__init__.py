"""The relations register (officers' own knowledge of ties with partner regions) and its use as compass evidence.

    from assistant.compass.relations import open_register
    register = open_register(settings)
    register.add({"region": "Beieren", "kind": "partnerregio", ...}, officer="A. Jansen")
    register.list("bavaria"); register.history()

Submodules: register (the YAML file, its append-only history, input checks), facts (entries as evidence
``relation:<id>`` for the criteria compass.yaml says they count for).
"""

from __future__ import annotations

from pathlib import Path

from assistant.compass.relations.facts import RelationFact, parse_relation_id, relation_facts
from assistant.compass.relations.register import (HISTORY_NAME, KINDS, REGISTER_NAME, Relation, RelationError,
                                                  RelationsRegister)


def register_path(settings) -> Path:
    """``settings.compass.relations_file``, else ``CORPUS_DIR/relations.yaml``."""
    configured = getattr(settings.compass, "relations_file", None)
    return Path(configured) if configured else Path(settings.corpus_dir) / REGISTER_NAME


def open_register(settings, today=None) -> RelationsRegister:
    """The register the settings point at; links may name documents in the corpus and document folders."""
    return RelationsRegister(register_path(settings), today=today, link_dirs=list(settings.source_dirs))


__all__ = ["HISTORY_NAME", "KINDS", "REGISTER_NAME", "Relation", "RelationError", "RelationFact",
           "RelationsRegister", "open_register", "parse_relation_id", "register_path", "relation_facts"]
