"""The relations register: the province's own knowledge of its ties with partner regions, as a reviewable file.

The register is a YAML file in the corpus folder (``settings.compass.relations_file``, default
``CORPUS_DIR/relations.yaml``) that officers read in a diff; every change is appended to a history beside it
(``relations-history.jsonl``: who, when, why, the entry before and after, and their content hashes), as officer
overrides are. :class:`RelationsRegister` checks input first and raises :class:`RelationError` with a Dutch message
(nothing written) when it is wrong: an unknown region, a date in the future, an end before the start, an empty
description. Writes hold a lock, append the history record, then replace the register atomically (a temporary
file renamed over it), so a crash never leaves a half-written register.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.compass.texts import period_text
from assistant.i18n import t
from assistant.regions import display_label, region_of

#: File names beside the register in the corpus folder (the ingest skips them: assistant/ingest/pipeline.py).
REGISTER_NAME = "relations.yaml"
HISTORY_NAME = "relations-history.jsonl"
LOCK_NAME = ".relations.lock"
#: Regions a relation cannot be with: the province itself and the country it is in.
HOME = frozenset({"noord-brabant", "netherlands"})
#: The kinds of entry (issue: partner region, MoU, trade mission, joint project, contact, funding); their labels
#: are the texts ``compass.relation_kind_<kind>`` (:func:`kind_label`).
Kind = Literal["partnerregio", "samenwerkingsovereenkomst", "handelsmissie", "gezamenlijk_project", "contact",
               "financiering"]
KINDS: tuple[str, ...] = get_args(Kind)
#: The fields an officer fills in (and may edit); id, officer and updated are kept by the register.
EDITABLE = ("region", "kind", "organisation", "date", "end_date", "description", "link")
HASH_CHARS = 16
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = re.compile(r"^https?://\S+$")

HEADER = """\
# Relatieregister van de provincie Noord-Brabant: eigen kennis van de banden met partnerregio's.
#
# Bijgehouden met 'assistant relations add|edit|remove' of het tabblad Relaties van de app; elke wijziging staat
# met wie, wanneer, waarom en de inhoud voor en na in relations-history.jsonl hiernaast. Het kompas gebruikt de
# regels als bewijs voor praktische mogelijkheden en realiseerbaarheid (zie prompts/compass.yaml, 'relations').
# Dit bestand wordt bij elke wijziging opnieuw geschreven: commentaar onder deze kop blijft niet bewaard.
#
# Velden per regel
#   id            vast kenmerk (<regio>-<soort>-<jaar>); bewijs in het kompas heet relation:<id>
#   region        regio of land (slug uit assistant/regions.py, bv. bavaria, germany)
#   kind          partnerregio | samenwerkingsovereenkomst | handelsmissie | gezamenlijk_project | contact |
#                 financiering
#   organisation  de partnerorganisatie (of het programma bij financiering)
#   date          begin of datum (JJJJ, JJJJ-MM of JJJJ-MM-DD), niet in de toekomst
#   end_date      einde, waar van toepassing (een afgelopen relatie telt niet meer mee in het kompas)
#   description   korte beschrijving
#   officer       wie de regel vastlegde
#   link          optioneel: een webadres of een document in de corpusmap
#   updated       datum van de laatste wijziging (door het register bijgehouden)
"""


class RelationError(ValueError):
    """Invalid register input or an unreadable register; the message (Dutch) says what to do. Nothing was written."""


def period_start(value: str) -> date:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date can mean."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(value: str) -> date:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _iso(value) -> str | None:
    """YAML turns an unquoted 2024-05-12 into a date: back to text."""
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def message(key: str, **values) -> str:
    """A message of the register (``compass.register_<key>``) in Dutch, the language of its errors and history."""
    return t(f"compass.register_{key}", "nl", **values)


def kind_label(kind: str, lang: str = "nl") -> str:
    """The label of a kind of relation in Dutch (default) or English."""
    return t(f"compass.relation_kind_{kind}", lang)


class Relation(BaseModel):
    """One entry of the register."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    region: str
    kind: Kind
    organisation: str = Field(min_length=1)
    date: str
    end_date: str | None = None
    description: str = Field(min_length=1)
    officer: str = Field(min_length=1)
    link: str | None = None
    updated: str

    @field_validator("date", "end_date", "updated", "link", mode="before")
    @classmethod
    def _text(cls, value):
        return _iso(value)

    @field_validator("date", "end_date", "updated")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None:
            if not _DATE.match(value):
                raise ValueError(message("field_not_a_date", value=value))
            try:
                period_start(value)
            except ValueError as exc:
                raise ValueError(message("field_no_such_date", value=value)) from exc
        return value

    @property
    def content_hash(self) -> str:
        """Hash of the whole entry: a cited entry that changed afterwards no longer matches its evidence."""
        text = json.dumps(self.model_dump(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:HASH_CHARS]

    def kind_label(self, lang: str = "nl") -> str:
        return kind_label(self.kind, lang)

    def ended(self, today: date) -> bool:
        return self.end_date is not None and period_end(self.end_date) < today

    def last_confirmed(self) -> date:
        """The later of the relation's date and its last change in the register: how fresh the knowledge is."""
        return max(period_end(self.date), period_end(self.updated))

    def quote(self) -> str:
        """The entry as quoted evidence (the validator compares it with the register)."""
        when = period_text(self.date, self.end_date)
        link = f"; {self.link}" if self.link else ""
        return message("quote", kind=self.kind_label(), organisation=self.organisation,
                       region=display_label(self.region), when=when, description=self.description,
                       officer=self.officer, updated=self.updated, link=link)


class RelationsRegister:
    """The register file and its history (see module doc). ``today`` is fixed in tests."""

    def __init__(self, path: str | Path, *, today: date | None = None, link_dirs: list[Path] | None = None) -> None:
        self.path = Path(path)
        self.history_path = self.path.with_name(HISTORY_NAME)
        self.today = today or date.today()
        self.link_dirs = [Path(d) for d in (link_dirs or [])]

    # -- reading ------------------------------------------------------------------------------------------------
    def load(self) -> list[Relation]:
        """Every entry, in file order; [] when there is no register yet. Raises RelationError when unreadable."""
        if not self.path.is_file():
            return []
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise RelationError(message("bad_yaml", path=self.path, error=exc)) from exc
        items = data.get("relations") if isinstance(data, dict) else None
        if items is None:
            items = [] if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise RelationError(message("no_list", path=self.path))
        out, ids = [], set()
        for n, item in enumerate(items, start=1):
            try:
                relation = Relation.model_validate(item)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise RelationError(message("bad_entry", n=n, path=self.path, error=err["msg"],
                                            field=".".join(str(p) for p in err["loc"]))) from exc
            if relation.id in ids:
                raise RelationError(message("duplicate_id", path=self.path, id=relation.id))
            ids.add(relation.id)
            out.append(relation)
        return out

    def list(self, region: str | None = None) -> list[Relation]:
        """Entries about ``region`` (a name or slug; a country includes its sub-national regions), or all."""
        relations = self.load()
        if not region:
            return relations
        from assistant.regions import expand

        try:
            slug = region_of(region).slug
        except ValueError as exc:
            raise RelationError(message("unknown_region", region=region)) from exc
        return [r for r in relations if slug in expand(r.region)]

    def get(self, relation_id: str) -> Relation | None:
        return next((r for r in self.load() if r.id == relation_id), None)

    def history(self, relation_id: str | None = None) -> list[dict]:
        """The logged changes (oldest first), optionally of one entry."""
        if not self.history_path.is_file():
            return []
        records = [json.loads(line) for line in self.history_path.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        return [r for r in records if relation_id is None or r.get("id") == relation_id]

    def unlogged(self) -> list[str]:
        """Ids of entries whose content differs from the last history record about them (edited by hand)."""
        last: dict[str, str | None] = {}
        for record in self.history():
            last[record.get("id")] = record.get("after_hash")
        return [r.id for r in self.load() if last.get(r.id) != r.content_hash]

    # -- checking input -------------------------------------------------------------------------------------------
    def _region(self, value: str) -> str:
        text = (value or "").strip()
        if not text:
            raise RelationError(message("region_required"))
        try:
            region = region_of(text)
        except ValueError as exc:
            raise RelationError(message("region_unknown", text=text)) from exc
        if region.slug in HOME or not (region.parent or region.slug in _countries()):
            raise RelationError(message("not_partner", text=text))
        return region.slug

    def _date(self, value, label: str) -> str | None:
        text = _iso(value)
        if text is None:
            return None
        if not _DATE.match(text):
            raise RelationError(message("not_a_date", label=label, text=text))
        try:
            period_start(text)
        except ValueError as exc:
            raise RelationError(message("no_such_date", label=label, text=text)) from exc
        return text

    def _link(self, value) -> str | None:
        text = (value or "").strip() or None
        if text is None or _URL.match(text):
            return text
        if any((folder / text).is_file() for folder in self.link_dirs) and ".." not in Path(text).parts:
            return text
        raise RelationError(message("bad_link", text=text))

    def check(self, fields: dict) -> dict:
        """The fields an officer gave, checked and normalised (raises RelationError)."""
        kind = (fields.get("kind") or "").strip()
        if kind not in KINDS:
            raise RelationError(message("unknown_kind", kind=kind, kinds=", ".join(KINDS)))
        start = self._date(fields.get("date"), message("label_date"))
        if start is None:
            raise RelationError(message("date_required"))
        if period_start(start) > self.today:
            raise RelationError(message("future_date", start=start))
        end = self._date(fields.get("end_date"), message("label_end_date"))
        if end is not None and period_end(end) < period_start(start):
            raise RelationError(message("end_before_start", end=end, start=start))
        out = {"region": self._region(fields.get("region", "")), "kind": kind,
               "organisation": " ".join(str(fields.get("organisation") or "").split()),
               "date": start, "end_date": end,
               "description": " ".join(str(fields.get("description") or "").split()),
               "link": self._link(fields.get("link"))}
        if not out["organisation"]:
            raise RelationError(message("organisation_required"))
        if not out["description"]:
            raise RelationError(message("description_required"))
        return out

    # -- changing -------------------------------------------------------------------------------------------------
    def add(self, fields: dict, officer: str, reason: str = "") -> Relation:
        """Record a new relation by ``officer``; returns it (with its new id)."""
        officer = _required(officer, message("officer_add"))
        checked = self.check(fields)
        with self._locked():
            relations = self.load()
            relation = Relation(id=self._new_id(checked, {r.id for r in relations}), officer=officer,
                                updated=self.today.isoformat(), **checked)
            self._write(relations + [relation], "add", officer, reason.strip() or message("new_relation"), None,
                        relation)
        return relation

    def edit(self, relation_id: str, changes: dict, officer: str, reason: str) -> Relation:
        """Change fields of an entry (its id and recording officer stay); the reason is required."""
        officer = _required(officer, message("officer_edit"))
        reason = _required(reason, message("reason_edit"))
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise RelationError(message("not_editable", fields=", ".join(unknown), editable=", ".join(EDITABLE)))
        with self._locked():
            relations = self.load()
            before = self._find(relations, relation_id)
            merged = {**before.model_dump(include=set(EDITABLE)), **changes}
            after = before.model_copy(update={**self.check(merged), "updated": self.today.isoformat()})
            if after.model_dump(exclude={"updated"}) == before.model_dump(exclude={"updated"}):
                raise RelationError(message("unchanged", id=relation_id))
            self._write([after if r.id == relation_id else r for r in relations], "edit", officer, reason,
                        before, after)
        return after

    def remove(self, relation_id: str, officer: str, reason: str) -> Relation:
        """Remove an entry (the history keeps it); the reason is required."""
        officer = _required(officer, message("officer_remove"))
        reason = _required(reason, message("reason_remove"))
        with self._locked():
            relations = self.load()
            before = self._find(relations, relation_id)
            self._write([r for r in relations if r.id != relation_id], "remove", officer, reason, before, None)
        return before

    # -- internals ------------------------------------------------------------------------------------------------
    @staticmethod
    def _find(relations: list[Relation], relation_id: str) -> Relation:
        found = next((r for r in relations if r.id == relation_id), None)
        if found is None:
            raise RelationError(message("no_such_id", id=relation_id))
        return found

    @staticmethod
    def _new_id(fields: dict, taken: set[str]) -> str:
        base = f"{fields['region']}-{fields['kind'].replace('_', '-')}-{fields['date'][:4]}"
        n, candidate = 1, base
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    @contextlib.contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / LOCK_NAME).open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # concurrent app users wait their turn
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, relations: list[Relation], action: str, officer: str, reason: str,
               before: Relation | None, after: Relation | None) -> None:
        """Write the new register to a temporary file, append the history record, then rename the file over the
        register (call with the lock held). A failure before the rename changes nothing but, at worst, a history
        line without effect (its after_hash then matches no entry); the register is never half-written."""
        record = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "officer": officer,
                  "action": action, "id": (after or before).id, "reason": reason,
                  "before": before.model_dump() if before else None, "after": after.model_dump() if after else None,
                  "before_hash": before.content_hash if before else None,
                  "after_hash": after.content_hash if after else None}
        text = HEADER + "\n" + yaml.safe_dump({"relations": [r.model_dump(exclude_none=True) for r in relations]},
                                              sort_keys=False, allow_unicode=True, width=110)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            with open(self.history_path, "a", encoding="utf-8") as handle:  # append-only
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise RelationError(message("not_saved", error=exc.strerror or exc)) from exc


def _required(value: str | None, message: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise RelationError(message)
    return text


def _countries() -> set[str]:
    from assistant.regions import COUNTRIES

    return {c.slug for c in COUNTRIES}
