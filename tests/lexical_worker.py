"""A long-running worker process for the multi-worker tests: one Assistant (settings from ASSISTANT_* variables),
driven by JSON commands on stdin, one JSON answer per line on stdout.

    {"op": "ingest", "paths": [...]}   -> the ingest summary
    {"op": "search", "q": "...", "k": 3} -> [[source, chunk_id], ...]
    {"op": "docs"}                      -> [source, ...]
    {"op": "remove", "source": "..."}   -> chunks removed
    {"op": "status"}                    -> {"chunks": store count, "rows": catalog rows}
    {"op": "hold"} / {"op": "release"}  -> hold / release the index's write lock (as a long ingest would)

Errors come back as {"error": "..."}.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    from assistant.api import Assistant

    assistant = Assistant()
    held = None
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        try:
            if op == "ingest":
                result = assistant.ingest(command.get("paths")).model_dump()
            elif op == "search":
                result = [[h.source, h.chunk_id] for h in assistant.search(command["q"], k=command.get("k", 3))]
            elif op == "docs":
                result = [d["source"] for d in assistant.documents()]
            elif op == "remove":
                result = assistant.remove_document(command["source"])
            elif op == "status":
                result = {"chunks": assistant.store.count(), "rows": assistant.retriever.catalog().rows}
            elif op == "hold":
                held = assistant.lexical.writing(assistant.store)
                held.__enter__()
                result = "held"
            elif op == "release":
                held.__exit__(None, None, None)
                held, result = None, "released"
            else:
                result = {"error": f"unknown op {op}"}
        except Exception as exc:  # noqa: BLE001 - reported to the test
            result = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
