"""The Gradio app officers use: a thin layer over :class:`assistant.api.Assistant`.

    assistant serve [--host 127.0.0.1] [--port 7860]

Modules: texts (every UI string, nl + en), state (shared context, status line, choices, relabelling), chat,
kompas, brief_tab, sources (the four tabs: plain-Python logic plus a ``build_*_tab``), style (CSS/JS), server
(``build_app``, ``launch``); the ``serve`` command is in ``assistant.cli.app``. gradio is imported only by
``server.build_app`` / ``server.launch`` (with analytics switched off first), never when this package is imported.
"""
