"""The Relaties tab: the relations register (the province's own ties with partner regions) as a table with its
recent history, and a form to add, change or remove an entry (``Assistant.add_relation`` and friends).

The logic is plain Python (``relation_rows``, ``history_rows``, ``save_relation``) so it is tested without a
browser. Changing the register needs the editor role when the app runs with logins (:mod:`assistant.app.roles`);
the entry's officer is then the logged-in user.
"""

from __future__ import annotations

import html

from assistant.app.roles import may_edit, officer_name, refusal, request_user
from assistant.app.state import ANY, AppContext, region_choices
from assistant.i18n import norm_lang, t
from assistant.regions import display_label

#: Most recent history records shown.
HISTORY_ROWS = 20
ACTIONS = ("add", "edit", "remove")


def _message(text: str, kind: str) -> str:
    return f'<div class="msg msg-{kind}">{html.escape(str(text))}</div>'


def kind_choices(lang: str) -> list[tuple[str, str]]:
    from assistant.compass.relations import KINDS
    from assistant.compass.relations.register import kind_label

    return [(kind_label(kind, lang), kind) for kind in KINDS]


def relation_rows(assistant, region: str | None, lang: str) -> list[list[str]]:
    """The register as table rows (of one region, a country with its regions), or one row saying what is wrong."""
    lang = norm_lang(lang)
    try:
        relations = assistant.relations(region or None)
    except Exception as exc:  # noqa: BLE001 - an unreadable register is shown, not raised
        return [[t("app.rel_unreadable", lang, error=exc)] + [""] * 9]
    return [[r.id, display_label(r.region, lang), r.kind_label(lang), r.organisation, r.date, r.end_date or "",
             r.description, r.officer, r.updated, r.link or ""] for r in relations]


def history_rows(assistant, lang: str) -> list[list[str]]:
    """The most recent changes, newest first: when, who, what, which entry, why."""
    lang = norm_lang(lang)
    try:
        records = assistant.relation_history()
    except Exception:  # noqa: BLE001 - an unreadable history is not worth breaking the tab for
        return []
    return [[r.get("at", ""), r.get("officer", ""), t(f"app.rel_action_{r.get('action')}", lang), r.get("id", ""),
             r.get("reason", "")] for r in reversed(records[-HISTORY_ROWS:]) if r.get("action") in ACTIONS]


def entry_choices(assistant) -> list[tuple[str, str]]:
    try:
        return [(f"{r.id} — {r.organisation}", r.id) for r in assistant.relations()]
    except Exception:  # noqa: BLE001
        return []


def entry_fields(assistant, relation_id: str | None) -> list[str]:
    """The form values of an entry (region, kind, organisation, date, end date, description, link)."""
    try:
        relation = next((r for r in assistant.relations() if r.id == relation_id), None) if relation_id else None
    except Exception:  # noqa: BLE001
        relation = None
    if relation is None:
        return [None, None, "", "", "", "", ""]
    return [relation.region, relation.kind, relation.organisation, relation.date, relation.end_date or "",
            relation.description, relation.link or ""]


def save_relation(assistant, action: str, relation_id: str | None, region: str | None, kind: str | None,
                  organisation: str, date: str, end_date: str, description: str, link: str, officer: str,
                  reason: str, lang: str = "nl", user: str | None = None) -> str:
    """Add, edit or remove an entry; returns the message (HTML). Never raises; a viewer is refused."""
    lang = norm_lang(lang)
    settings = getattr(assistant, "settings", None)
    if not may_edit(settings, user):
        return _message(refusal(lang, user), "error")
    officer = officer_name(settings, user, officer)
    fields = {"region": region or "", "kind": kind or "", "organisation": organisation or "",
              "date": (date or "").strip(), "end_date": (end_date or "").strip() or None,
              "description": description or "", "link": (link or "").strip() or None}
    try:
        if action == "add":
            relation = assistant.add_relation(**fields, officer=officer, reason=reason or "")
        elif not relation_id:
            return _message(t("app.rel_pick", lang), "error")
        elif action == "edit":
            relation = assistant.edit_relation(relation_id, officer=officer, reason=reason or "", **fields)
        else:
            relation = assistant.remove_relation(relation_id, officer=officer, reason=reason or "")
    except Exception as exc:  # noqa: BLE001 - RelationError (bad input) is shown next to the form
        return _message(t("app.rel_error", lang, error=exc), "error")
    return _message(t(f"app.rel_done_{action}", lang, id=relation.id), "ok")


def build_relations_tab(ctx: AppContext) -> None:
    import gradio as gr

    lang0, relabel, assistant = ctx.default_lang, ctx.relabel, ctx.assistant
    relabel.add(gr.Markdown(t("app.rel_intro", lang0)), value="rel_intro")
    with gr.Row():
        scope = relabel.add_fn(gr.Dropdown(region_choices(lang0, macros=False), value=ANY, scale=3,
                                           label=t("app.rel_filter", lang0), elem_id="rel-filter"),
                               lambda lang: {"label": t("app.rel_filter", lang),
                                             "choices": region_choices(lang, macros=False)})
        refresh = relabel.add(gr.Button(t("app.docs_refresh", lang0), size="sm", elem_id="rel-refresh", scale=1),
                              value="docs_refresh")
    table = relabel.add_fn(
        gr.Dataframe(value=relation_rows(assistant, None, lang0), headers=t("app.rel_headers", lang0).split("|"),
                     label=t("app.rel_table", lang0), interactive=False, wrap=True, elem_id="rel-table"),
        lambda lang: {"label": t("app.rel_table", lang), "headers": t("app.rel_headers", lang).split("|")})
    with gr.Row():
        with gr.Column(scale=2):
            entry = relabel.add(gr.Dropdown(entry_choices(assistant), value=None, label=t("app.rel_entry", lang0),
                                            elem_id="rel-entry"), label="rel_entry")
            region = relabel.add_fn(
                gr.Dropdown(region_choices(lang0, macros=False, blank=False), value=None,
                            label=t("app.rel_region", lang0), elem_id="rel-region"),
                lambda lang: {"label": t("app.rel_region", lang), "choices": region_choices(lang, macros=False,
                                                                                         blank=False)})
            kind = relabel.add_fn(gr.Dropdown(kind_choices(lang0), value=None, label=t("app.rel_kind", lang0),
                                              elem_id="rel-kind"),
                                  lambda lang: {"label": t("app.rel_kind", lang), "choices": kind_choices(lang)})
            organisation = relabel.add(gr.Textbox(label=t("app.rel_organisation", lang0), elem_id="rel-organisation"),
                                       label="rel_organisation")
            with gr.Row():
                date = relabel.add(gr.Textbox(label=t("app.rel_date", lang0), elem_id="rel-date"), label="rel_date")
                end_date = relabel.add(gr.Textbox(label=t("app.rel_end", lang0), elem_id="rel-end"), label="rel_end")
            description = relabel.add(gr.Textbox(label=t("app.rel_description", lang0), lines=2,
                                                 elem_id="rel-description"), label="rel_description")
            link = relabel.add(gr.Textbox(label=t("app.rel_link", lang0), elem_id="rel-link"), label="rel_link")
        with gr.Column(scale=1):
            officer = relabel.add(gr.Textbox(label=t("app.override_officer", lang0), elem_id="rel-officer"),
                                  label="override_officer")
            reason = relabel.add(gr.Textbox(label=t("app.rel_reason", lang0), lines=2, elem_id="rel-reason"),
                                 label="rel_reason")
            add = relabel.add(gr.Button(t("app.rel_add", lang0), variant="primary", elem_id="rel-add"), value="rel_add")
            edit = relabel.add(gr.Button(t("app.rel_edit", lang0), elem_id="rel-edit"), value="rel_edit")
            remove = relabel.add(gr.Button(t("app.rel_remove", lang0), variant="stop", elem_id="rel-remove"),
                                 value="rel_remove")
            message = gr.HTML("", elem_id="rel-message")
    history = relabel.add_fn(
        gr.Dataframe(value=history_rows(assistant, lang0), headers=t("app.rel_history_headers", lang0).split("|"),
                     label=t("app.rel_history", lang0), interactive=False, wrap=True, elem_id="rel-history"),
        lambda lang: {"label": t("app.rel_history", lang), "headers": t("app.rel_history_headers", lang).split("|")})

    def listing(scope_value, lang):
        return (relation_rows(assistant, scope_value, lang), history_rows(assistant, lang),
                gr.update(choices=entry_choices(assistant)))

    def handler(action: str):
        def run(relation_id, region_v, kind_v, org_v, date_v, end_v, desc_v, link_v, officer_v, reason_v, scope_v,
                lang, request=None):
            msg = save_relation(assistant, action, relation_id, region_v, kind_v, org_v, date_v, end_v, desc_v,
                                link_v, officer_v, reason_v, lang, user=request_user(request))
            return msg, *listing(scope_v, lang)

        run.__annotations__["request"] = gr.Request  # gradio passes the request (the logged-in user)
        return run

    form = [entry, region, kind, organisation, date, end_date, description, link, officer, reason, scope, ctx.lang]
    outputs = [message, table, history, entry]
    for button, action in ((add, "add"), (edit, "edit"), (remove, "remove")):
        button.click(handler(action), form, outputs, api_name=f"relation_{action}", concurrency_limit=1,
                     concurrency_id="relations")
    refresh.click(listing, [scope, ctx.lang], [table, history, entry], api_name="relations")
    scope.change(listing, [scope, ctx.lang], [table, history, entry], api_name=False)
    entry.change(lambda rid: entry_fields(assistant, rid), [entry],
                 [region, kind, organisation, date, end_date, description, link], api_name=False)
    ctx.add_login_controls(officer, add, edit, remove)
    ctx.on_load.append((lambda lang: listing(ANY, lang), [table, history, entry]))
