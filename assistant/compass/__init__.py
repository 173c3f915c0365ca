"""The afwegingskompas: definition (``prompts/compass.yaml``), proposers, validator and officer overrides.

    from assistant.compass import propose, validate, apply_override
    assessment = propose("China", searcher, settings)                 # offline evidence proposer (default)
    report = validate(assessment, lookup, settings)                   # {"passed", "findings"}
    updated = apply_override(assessment, "omgevingsfactoren", 2, "reden", "A. Jansen", log_path)

Submodules: schema (data), definition (compass.yaml + indicators.yaml), indicators (open data as cited evidence:
catalog, readers, the data folder), retrieval + evidence (document judges), combine (documents and indicator values
into a criterion score), relations (the province's relations register and its entries as evidence), assembly (the
assessment and its caveats, shared by both proposers), proposer (``propose``; the offline proposer) and
llm_proposer, lexicon (text heuristics), recommendation (the documented rule), rules + validator, overrides
(append-only log).
"""

from assistant.compass.definition import CompassDefinition, DefinitionError, load_definition
from assistant.compass.overrides import (OverrideError, apply_override, default_log_path, override_and_validate,
                                         read_overrides)
from assistant.compass.proposer import BACKENDS, EvidenceProposer, Proposer, propose
from assistant.compass.schema import (Assessment, CriterionScore, Evidence, Finding, Override, ValidationReport)
from assistant.compass.validator import load_assessment_file, rule_table, validate, validate_file

__all__ = [
    "Assessment", "BACKENDS", "CompassDefinition", "CriterionScore", "DefinitionError", "Evidence",
    "EvidenceProposer", "Finding", "Override", "OverrideError", "Proposer", "ValidationReport", "apply_override",
    "default_log_path", "load_assessment_file", "load_definition", "override_and_validate", "propose",
    "read_overrides", "rule_table", "validate", "validate_file",
]
