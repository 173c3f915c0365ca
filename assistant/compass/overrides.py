"""Officers stay in charge: override a criterion score with a reason, logged append-only.

:func:`apply_override` checks its input first (known criterion, score 1-5 or None, non-empty reason and officer)
and raises :class:`OverrideError` without writing anything when it is wrong. Otherwise it appends one JSON line
``{"at", "officer", "region", "criterion", "old_score", "new_score", "reason", "compass_version",
"old_recommendation", "new_recommendation"}`` to the log and returns a new Assessment: the score replaced, the
override recorded on the criterion, the recommendation re-derived by the rule. The log is only ever appended to.
:func:`override_and_validate` also re-runs the validator on the result.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from assistant.compass.definition import CompassDefinition, load_definition
from assistant.compass.recommendation import recommend
from assistant.compass.schema import SCORE_MAX, SCORE_MIN, Assessment, Override, ValidationReport
from assistant.i18n import t

#: Default log file name inside the index folder (settings.compass.overrides_log overrides it).
DEFAULT_LOG_NAME = "overrides.jsonl"


class OverrideError(ValueError):
    """Invalid override input; nothing was written."""


def default_log_path(settings) -> Path:
    """``settings.compass.overrides_log``, else ``INDEX_DIR/overrides.jsonl``."""
    return Path(settings.compass.overrides_log or Path(settings.index_dir) / DEFAULT_LOG_NAME)


def _check(assessment: Assessment, criterion: str, score, reason: str, officer: str) -> None:
    known = [c.criterion for c in assessment.criteria]
    if criterion not in known:
        raise OverrideError(t("compass.override_unknown_criterion", criterion=criterion, known=", ".join(known)))
    if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                              or not SCORE_MIN <= score <= SCORE_MAX):
        raise OverrideError(t("compass.override_bad_score", low=SCORE_MIN, high=SCORE_MAX, score=score))
    if not (reason or "").strip():
        raise OverrideError(t("compass.override_reason_required"))
    if not (officer or "").strip():
        raise OverrideError(t("compass.override_officer_required"))


def _append(log_path: Path, record: dict) -> None:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with open(log_path, "a", encoding="utf-8") as handle:  # append-only: never truncate or rewrite
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def apply_override(assessment: Assessment, criterion: str, score: int | None, reason: str, officer: str,
                   log_path: str | Path, *, mitigation_note: str | None = None,
                   definition: CompassDefinition | None = None) -> Assessment:
    """Return a copy of ``assessment`` with ``criterion`` set to ``score`` by ``officer``, logged to ``log_path``.

    ``mitigation_note``, when given, replaces the assessment's mitigation note (needed for 'focus' despite serious
    human-rights concerns). Raises OverrideError (nothing written) on bad input.
    """
    _check(assessment, criterion, score, reason, officer)
    definition = definition or load_definition()
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    updated = assessment.model_copy(deep=True)
    target = updated.criterion(criterion)
    old_score = target.score
    previous = target.override.previous_score if target.override else old_score
    target.score = score
    target.override = Override(officer=officer.strip(), at=at, reason=reason.strip(), previous_score=previous)
    if mitigation_note is not None:
        updated.mitigation_note = mitigation_note.strip() or None
    updated.recommendation = recommend(updated.scores(), updated.mitigation_note, definition.recommendation)
    label = target.label or criterion
    updated.caveats = [*updated.caveats, f"Score '{label}' aangepast door {officer.strip()} ({at}): "
                       f"{old_score} -> {score}. Reden: {reason.strip()}"]
    record = {"at": at, "officer": officer.strip(), "region": assessment.region, "criterion": criterion,
              "old_score": old_score, "new_score": score, "reason": reason.strip(),
              "compass_version": assessment.compass_version, "old_recommendation": assessment.recommendation,
              "new_recommendation": updated.recommendation}
    if mitigation_note is not None:
        record["mitigation_note"] = updated.mitigation_note
    _append(Path(log_path), record)
    return updated


def override_and_validate(assessment: Assessment, criterion: str, score: int | None, reason: str, officer: str,
                          log_path: str | Path, lookup, settings, **kwargs) -> tuple[Assessment, ValidationReport]:
    """:func:`apply_override`, then the validator on the result."""
    from assistant.compass.validator import validate

    definition = kwargs.pop("definition", None) or load_definition(settings)
    updated = apply_override(assessment, criterion, score, reason, officer, log_path, definition=definition,
                             **kwargs)
    return updated, validate(updated, lookup, settings, definition=definition)


def read_overrides(log_path: str | Path, region: str | None = None) -> list[dict]:
    """The logged overrides (oldest first), optionally for one region; [] when there is no log yet."""
    path = Path(log_path)
    if not path.is_file():
        return []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if region is None or r.get("region") == region]
