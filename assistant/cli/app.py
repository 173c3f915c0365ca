"""The app: ``serve`` starts the Gradio app (gradio is imported only when this command runs)."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import EXIT_OK, Api


def cmd_serve(args: argparse.Namespace, api: Api) -> int:
    from assistant.app.server import build_app, launch, parse_auth

    assistant = api()
    settings = assistant.settings
    parse_auth(settings.app.auth)  # a malformed login setting fails before anything loads
    host = args.host or settings.app.host
    port = args.port or settings.app.port
    print(f"Loading the index and the embedder ({settings.embedder}) ...", file=sys.stderr)
    app = build_app(assistant, lang=args.lang)
    print(f"Serving on http://{host}:{port}/ (Ctrl+C stops)", file=sys.stderr)
    launch(app, settings, host=host, port=port, block=True, quiet=args.quiet)
    return EXIT_OK


def register(sub) -> None:
    """Add ``serve`` to the main parser's ``sub``-parsers."""
    p = sub.add_parser("serve", help="start the web app (Gradio) for officers")
    p.add_argument("--host", help="address to bind (default ASSISTANT_APP__HOST, 127.0.0.1); "
                                  "set a login with ASSISTANT_APP__AUTH before binding anything else")
    p.add_argument("--port", type=int, help="port (default ASSISTANT_APP__PORT, 7860)")
    p.add_argument("--lang", choices=["nl", "en"], help="interface language (default ASSISTANT_APP__LANGUAGE, nl)")
    p.add_argument("--quiet", action="store_true", help="less server output")
    p.set_defaults(run=cmd_serve)
