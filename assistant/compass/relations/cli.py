"""``assistant relations add|edit|remove|list|history``: the relations register from the command line."""

from __future__ import annotations

import argparse

from assistant.cli_common import EXIT_OK, default_assistant as _assistant, print_json as _print_json, registrar

COMMANDS: dict = {}
_command = registrar(COMMANDS)
FIELDS = ("region", "kind", "organisation", "date", "end_date", "description", "link")


def format_relation(r, lang: str = "nl") -> str:
    from assistant.regions import display_label

    when = f"{r.date} - {r.end_date}" if r.end_date else f"sinds {r.date}"
    link = f"\n    link: {r.link}" if r.link else ""
    return (f"{r.id}  [{r.kind_label(lang)}] {display_label(r.region, lang)}: {r.organisation} ({when})\n"
            f"    {r.description}\n    vastgelegd door {r.officer}, bijgewerkt {r.updated}{link}")


@_command("relations")
def cmd_relations(args: argparse.Namespace) -> int:
    assistant = _assistant()
    action = args.action
    if action == "list":
        register = assistant.relations_register()
        relations = register.list(args.region)
        if args.format == "json":
            _print_json({"register": str(register.path), "relations": [r.model_dump() for r in relations],
                         "unlogged": register.unlogged()})
            return EXIT_OK
        print(f"Relatieregister {register.path}: {len(relations)} relatie(s)")
        for r in relations:
            print(format_relation(r))
        for rid in register.unlogged():
            print(f"waarschuwing: relatie {rid} is buiten het register om gewijzigd (niet in de historie)")
        return EXIT_OK
    if action == "history":
        records = assistant.relation_history(args.id)
        if args.format == "json":
            _print_json(records)
        else:
            for rec in records:
                print(f"{rec['at']}  {rec['action']:6}  {rec['id']}  door {rec['officer']}: {rec['reason']}")
        return EXIT_OK
    if action == "add":
        relation = assistant.add_relation(**{f: getattr(args, f) for f in FIELDS}, officer=args.officer,
                                          reason=args.reason or "")
    elif action == "edit":
        changes = {f: getattr(args, f) for f in FIELDS if getattr(args, f) is not None}
        relation = assistant.edit_relation(args.id, officer=args.officer, reason=args.reason, **changes)
    else:
        relation = assistant.remove_relation(args.id, officer=args.officer, reason=args.reason)
    if args.format == "json":
        _print_json({"action": action, "relation": relation.model_dump()})
    else:
        done = {"add": "vastgelegd", "edit": "gewijzigd", "remove": "verwijderd"}[action]
        print(f"Relatie {done}:\n{format_relation(relation)}")
    return EXIT_OK


def _fields(p, required: bool) -> None:
    from assistant.compass.relations.register import KINDS

    p.add_argument("--region", required=required, help="partner region or country, e.g. Beieren or japan")
    p.add_argument("--kind", required=required, choices=list(KINDS), help="kind of relation")
    p.add_argument("--organisation", required=required, help="the partner organisation (or the programme)")
    p.add_argument("--date", required=required, help="start or date (YYYY, YYYY-MM or YYYY-MM-DD), not in the future")
    p.add_argument("--end-date", dest="end_date", help="end date, where it applies")
    p.add_argument("--description", required=required, help="a short description")
    p.add_argument("--link", help="optional: a web address or a document in the corpus folder")


def add_parsers(sub, add_filters, add_format) -> None:
    """Register ``relations`` and its actions on the main parser."""
    p = sub.add_parser("relations", help="the relations register: the province's own ties with partner regions")
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("list", help="entries (of one region; a country includes its regions)")
    a.add_argument("region", nargs="?")
    add_format(a)
    a = actions.add_parser("history", help="every logged change: who, when, why, before and after")
    a.add_argument("id", nargs="?")
    add_format(a)
    a = actions.add_parser("add", help="record a relation")
    _fields(a, required=True)
    a.add_argument("--officer", required=True, help="who records it")
    a.add_argument("--reason", help="optional note for the history")
    add_format(a)
    a = actions.add_parser("edit", help="change fields of an entry, with a reason")
    a.add_argument("id")
    _fields(a, required=False)
    a.add_argument("--officer", required=True)
    a.add_argument("--reason", required=True)
    add_format(a)
    a = actions.add_parser("remove", help="remove an entry (the history keeps it), with a reason")
    a.add_argument("id")
    a.add_argument("--officer", required=True)
    a.add_argument("--reason", required=True)
    add_format(a)
