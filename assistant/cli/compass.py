"""The compass: ``score``, ``validate``, ``override``, ``data`` and ``relations`` (the relations register)."""

from __future__ import annotations

import argparse

from assistant.cli.common import EXIT_FAILED, EXIT_OK, Api, add_format, print_json

#: The fields of a relation that ``relations add`` and ``relations edit`` take as options.
RELATION_FIELDS = ("region", "kind", "organisation", "date", "end_date", "description", "link")
#: Scores that ``override`` reads as "insufficient evidence".
NO_SCORE = {"null", "none", "-"}


def cmd_score(args: argparse.Namespace, api: Api) -> int:
    from assistant.compass.render import format_assessment, score_payload

    assessment, report = api().score(args.region, backend=args.backend)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(assessment.model_dump_json(indent=2))
    if args.format == "json":
        print_json(score_payload(assessment, report))
    else:
        print(format_assessment(assessment, report))
    return EXIT_OK if report.passed else EXIT_FAILED


def cmd_validate(args: argparse.Namespace, api: Api) -> int:
    from assistant.compass import validate_file
    from assistant.compass.render import format_report

    assistant = api()
    report = validate_file(args.file, assistant.retriever, assistant.settings)
    if args.format == "json":
        print_json(report.model_dump())
    else:
        print(format_report(report))
    return EXIT_OK if report.passed else EXIT_FAILED


def cmd_override(args: argparse.Namespace, api: Api) -> int:
    from assistant.compass import load_assessment_file
    from assistant.compass.render import score_payload
    from assistant.compass.schema import Assessment

    assistant = api()
    assessment = Assessment.model_validate(load_assessment_file(args.file))
    score = None if args.score.lower() in NO_SCORE else int(args.score)
    updated, report = assistant.override(assessment, args.criterion, score, args.reason, args.officer,
                                         mitigation_note=args.mitigation)
    with open(args.file, "w", encoding="utf-8") as handle:
        handle.write(updated.model_dump_json(indent=2))
    print_json(score_payload(updated, report))
    return EXIT_OK if report.passed else EXIT_FAILED


def cmd_data(args: argparse.Namespace, api: Api) -> int:
    from assistant.compass.render import format_data_status

    status = api().data_status()
    if args.format == "json":
        print_json(status)
    else:
        print(format_data_status(status))
    return EXIT_OK if any(d["found"] for d in status["datasets"]) else EXIT_FAILED


def format_relation(r, lang: str = "nl") -> str:
    from assistant.regions import display_label

    when = f"{r.date} - {r.end_date}" if r.end_date else f"sinds {r.date}"
    link = f"\n    link: {r.link}" if r.link else ""
    return (f"{r.id}  [{r.kind_label(lang)}] {display_label(r.region, lang)}: {r.organisation} ({when})\n"
            f"    {r.description}\n    vastgelegd door {r.officer}, bijgewerkt {r.updated}{link}")


def cmd_relations(args: argparse.Namespace, api: Api) -> int:
    assistant = api()
    action = args.action
    if action == "list":
        register = assistant.relations_register()
        relations = register.list(args.region)
        if args.format == "json":
            print_json({"register": str(register.path), "relations": [r.model_dump() for r in relations],
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
            print_json(records)
        else:
            for rec in records:
                print(f"{rec['at']}  {rec['action']:6}  {rec['id']}  door {rec['officer']}: {rec['reason']}")
        return EXIT_OK
    if action == "add":
        relation = assistant.add_relation(**{f: getattr(args, f) for f in RELATION_FIELDS}, officer=args.officer,
                                          reason=args.reason or "")
    elif action == "edit":
        changes = {f: getattr(args, f) for f in RELATION_FIELDS if getattr(args, f) is not None}
        relation = assistant.edit_relation(args.id, officer=args.officer, reason=args.reason, **changes)
    else:
        relation = assistant.remove_relation(args.id, officer=args.officer, reason=args.reason)
    if args.format == "json":
        print_json({"action": action, "relation": relation.model_dump()})
    else:
        done = {"add": "vastgelegd", "edit": "gewijzigd", "remove": "verwijderd"}[action]
        print(f"Relatie {done}:\n{format_relation(relation)}")
    return EXIT_OK


def _relation_fields(p, required: bool) -> None:
    from assistant.compass.relations.register import KINDS

    p.add_argument("--region", required=required, help="partner region or country, e.g. Beieren or japan")
    p.add_argument("--kind", required=required, choices=list(KINDS), help="kind of relation")
    p.add_argument("--organisation", required=required, help="the partner organisation (or the programme)")
    p.add_argument("--date", required=required, help="start or date (YYYY, YYYY-MM or YYYY-MM-DD), not in the future")
    p.add_argument("--end-date", dest="end_date", help="end date, where it applies")
    p.add_argument("--description", required=required, help="a short description")
    p.add_argument("--link", help="optional: a web address or a document in the corpus folder")


def _register_relations(sub) -> None:
    p = sub.add_parser("relations", help="the relations register: the province's own ties with partner regions")
    p.set_defaults(run=cmd_relations)
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("list", help="entries (of one region; a country includes its regions)")
    a.add_argument("region", nargs="?")
    add_format(a)
    a = actions.add_parser("history", help="every logged change: who, when, why, before and after")
    a.add_argument("id", nargs="?")
    add_format(a)
    a = actions.add_parser("add", help="record a relation")
    _relation_fields(a, required=True)
    a.add_argument("--officer", required=True, help="who records it")
    a.add_argument("--reason", help="optional note for the history")
    add_format(a)
    a = actions.add_parser("edit", help="change fields of an entry, with a reason")
    a.add_argument("id")
    _relation_fields(a, required=False)
    a.add_argument("--officer", required=True)
    a.add_argument("--reason", required=True)
    add_format(a)
    a = actions.add_parser("remove", help="remove an entry (the history keeps it), with a reason")
    a.add_argument("id")
    a.add_argument("--officer", required=True)
    a.add_argument("--reason", required=True)
    add_format(a)


def register(sub) -> None:
    """Add this group's sub-commands to the main parser's ``sub``-parsers."""
    p = sub.add_parser("score", help="propose afwegingskompas scores for a region, then validate them")
    p.add_argument("region", help="country or region, e.g. Duitsland or south-korea")
    p.add_argument("--backend", choices=["evidence", "llm"], default="evidence",
                   help="evidence (offline, default) or llm (ASSISTANT_LLM endpoint)")
    p.add_argument("--out", help="also write the assessment JSON to this file (for validate/override)")
    add_format(p)
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("validate", help="validate an assessment JSON file (exit 1 on any error)")
    p.add_argument("file")
    add_format(p)
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("override", help="override one criterion score in an assessment file, with a reason")
    p.add_argument("file", help="assessment JSON (from 'score --out'); rewritten with the override")
    p.add_argument("criterion")
    p.add_argument("score", help="1-5, or null for 'insufficient evidence'")
    p.add_argument("--reason", required=True)
    p.add_argument("--officer", required=True, help="who overrides (name or initials)")
    p.add_argument("--mitigation", help="mitigation note (needed for 'focus' despite serious concerns)")
    p.set_defaults(run=cmd_override)

    p = sub.add_parser("data", help="the compass's open indicator data: what is found, its vintage and coverage, "
                                    "and what to download for a missing dataset (exit 1 when none is found)")
    add_format(p)
    p.set_defaults(run=cmd_data)

    _register_relations(sub)
