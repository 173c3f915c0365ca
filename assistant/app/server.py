"""Build and serve the Gradio app.

    from assistant.app.server import build_app, launch
    app = build_app(Assistant())
    launch(app, settings)                    # blocks; binds settings.app.host (127.0.0.1 by default)

Safety: analytics are switched off before gradio is imported; the server binds loopback unless told otherwise;
login is optional (``ASSISTANT_APP__AUTH="user:pw,user2:pw2"``); uploads are limited to
``ASSISTANT_APP__MAX_UPLOAD_MB``; the queue works on ``ASSISTANT_APP__CONCURRENCY`` requests at once.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import sys

from assistant.app.roles import logins, may_edit, request_user, role_line
from assistant.app.state import AppContext, status_line
from assistant.app.style import CSS, JS
from assistant.i18n import LANGUAGES, norm_lang, t

#: Requests that may wait in the queue; beyond this, new requests are refused with "queue full".
QUEUE_MAX_SIZE = 256
#: Environment that keeps gradio (and libraries it imports) from phoning home.
OFFLINE_ENV = {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1"}


def import_gradio():
    """Import gradio with analytics off (every gradio import of the app goes through here first)."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value
    if importlib.util.find_spec("gradio") is None:  # pragma: no cover - gradio is a core dependency
        raise RuntimeError("The app needs gradio: pip install 'gradio>=5,<7'.")
    import gradio

    return gradio


def parse_auth(value: str | None) -> list[tuple[str, str]] | None:
    """'user:pw,user2:pw2' -> [(user, pw), ...]; None/'' -> None. Raises ValueError on a malformed pair."""
    if not value or not value.strip():
        return None
    pairs = []
    for item in value.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError("ASSISTANT_APP__AUTH must look like 'user:password' (comma-separate several pairs); "
                             f"got an entry without user or password: {item.strip()!r}.")
        pairs.append((user.strip(), password))
    return pairs


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_app(assistant, *, lang: str | None = None, warm: bool = True):
    """The gr.Blocks app over one :class:`assistant.api.Assistant` (no server started).

    ``warm`` opens the index and the embedder now, so concurrent first requests do not race to create them.
    """
    gr = import_gradio()
    from assistant.app.chat import build_chat_tab
    from assistant.app.kompas import build_kompas_tab
    from assistant.app.relations_tab import build_relations_tab
    from assistant.app.sources import build_sources_tab

    settings = assistant.settings
    lang0 = norm_lang(lang or settings.app.language)
    if warm:
        assistant.status()
        _ = assistant.embedder
    ctx = AppContext(assistant=assistant, default_lang=lang0)
    relabel = ctx.relabel
    with gr.Blocks(title=t("app.app_title", lang0), analytics_enabled=False) as app:
        ctx.lang = gr.State(lang0)
        with gr.Row(elem_id="header"):
            relabel.add_fn(gr.Markdown(f"## {t('app.app_title', lang0)}\n{t('app.app_intro', lang0)}", elem_id="title"),
                           lambda lang: {"value": f"## {t('app.app_title', lang)}\n{t('app.app_intro', lang)}"})
            toggle = gr.Radio([("Nederlands", "nl"), ("English", "en")], value=lang0, label=t("app.lang_label", lang0),
                              elem_id="lang-toggle", scale=0, min_width=220)
        ctx.status = gr.Markdown(status_line(assistant, lang0), elem_id="status-line")
        role = gr.Markdown("", elem_id="role-line")
        tabs = [("tab_chat", build_chat_tab), ("tab_kompas", build_kompas_tab), ("tab_relations", build_relations_tab)]
        if brief_available():
            from assistant.app.brief_tab import build_brief_tab

            tabs.append(("tab_brief", build_brief_tab))
        tabs.append(("tab_sources", build_sources_tab))
        with gr.Tabs(elem_id="tabs"):
            for key, build in tabs:
                with relabel.add(gr.Tab(t(f"app.{key}", lang0), elem_id=key.replace("_", "-")), label=key):
                    build(ctx)

        def switch(lang):
            lang = norm_lang(lang)
            return [lang, status_line(assistant, lang), *relabel.updates(lang)]

        toggle.change(switch, [toggle], [ctx.lang, ctx.status, *relabel.components], api_name=False)

        # With logins, the name boxes show the logged-in user and viewers' change buttons are disabled; updates
        # of components that the relabeller updates too are merged into its updates (one update per component).
        controls = ctx.login_controls if logins(settings) else []
        relabelled = {id(c) for c in relabel.components}
        extra = [c for c, _kind in controls if id(c) not in relabelled]

        def on_load(request: gr.Request):
            asked = (request.query_params.get("lang") if request is not None else None) or lang0
            lang = asked if asked in LANGUAGES else lang0
            user = request_user(request)
            login = {id(c): ({"value": user, "interactive": False} if kind == "officer"
                             else {"interactive": may_edit(settings, user)}) for c, kind in controls}
            updates = relabel.updates(lang)
            for i, component in enumerate(relabel.components):
                updates[i].update(login.get(id(component), {}))
            out = [lang, lang, status_line(assistant, lang), role_line(settings, user, lang), *updates]
            for fn, outputs in ctx.on_load:
                result = fn(lang)
                # One output takes the result as it is (a table's rows are one value); several take its items.
                out.extend(result if len(outputs) > 1 else [result])
            return out + [gr.update(**login[id(c)]) for c in extra]

        on_load.__annotations__["request"] = gr.Request  # resolvable for gradio despite postponed annotations
        load_outputs = [toggle, ctx.lang, ctx.status, role, *relabel.components]
        for _fn, outputs in ctx.on_load:
            load_outputs.extend(outputs)
        load_outputs.extend(extra)
        app.load(on_load, None, load_outputs, api_name=False)
    return app


def brief_available() -> bool:
    """Whether assistant.brief exports what the Regiobrief tab needs."""
    try:
        import assistant.brief as brief
    except Exception:  # noqa: BLE001 - a half-built brief package must not take the app down
        return False
    return all(hasattr(brief, name) for name in ("build_brief", "write_markdown", "write_docx", "compare",
                                                  "write_heatmap_png"))


def launch(app, settings, *, host: str | None = None, port: int | None = None, block: bool = True,
           quiet: bool = False):
    """Queue and start the server. ``block=False`` returns at once (the server runs in a thread; ``app.close()``)."""
    gr = import_gradio()
    cfg = settings.app
    host = host or cfg.host
    port = port or cfg.port
    auth = parse_auth(cfg.auth)
    if not is_loopback(host) and not auth:
        print(f"warning: serving on {host} without a login; set ASSISTANT_APP__AUTH='user:password'.",
              file=sys.stderr)
    app.queue(default_concurrency_limit=cfg.concurrency, max_size=QUEUE_MAX_SIZE)
    return app.launch(
        server_name=host, server_port=port, auth=auth, auth_message=None, share=False, inbrowser=False,
        prevent_thread_lock=not block, quiet=quiet, show_error=False, max_file_size=f"{cfg.max_upload_mb}mb",
        ssr_mode=False, mcp_server=False, enable_monitoring=False, footer_links=["api"],
        theme=gr.themes.Default(), css=CSS, js=JS,
    )
