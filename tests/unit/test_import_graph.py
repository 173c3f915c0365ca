"""The package layout: no import circles between the llm, answer and compass modules, and the llm package sits below
the stages that use it (it imports none of them). Every import counts, also one inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import assistant

PACKAGE = Path(assistant.__file__).parent
#: The packages whose modules must not import each other in a circle.
CHECKED = ("assistant.llm", "assistant.answer", "assistant.compass")
#: Stages above the llm package: it must not import them.
ABOVE_LLM = ("assistant.answer", "assistant.compass", "assistant.brief", "assistant.evaluation", "assistant.app",
             "assistant.cli", "assistant.api")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the assistant modules it imports (``from pkg import mod`` counts as importing ``pkg.mod``)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in files else node.module
                            for a in node.names}
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def in_checked(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in CHECKED)


def test_no_import_circles_in_llm_answer_and_compass():
    found = [c for c in circles(import_graph()) if any(in_checked(m) for m in c)]
    assert found == [], f"import circles: {found}"


def test_the_llm_package_imports_no_stage_above_it():
    graph = import_graph()
    upward = {m: sorted(t for t in targets if t.startswith(ABOVE_LLM))
              for m, targets in graph.items() if m.startswith("assistant.llm")}
    assert not any(upward.values()), upward


def test_stages_reach_chat_models_through_the_llm_package_only():
    graph = import_graph()
    for stage in ("assistant.compass", "assistant.brief", "assistant.evaluation"):
        for module, targets in graph.items():
            if module.startswith(stage):
                assert not {t for t in targets if t.startswith("assistant.answer.generative")}, module
    assert "assistant.llm" in graph["assistant.compass.llm_proposer"] or \
        any(t.startswith("assistant.llm.") for t in graph["assistant.compass.llm_proposer"])


def test_the_checker_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
