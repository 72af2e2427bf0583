"""Layer rule: the model never imports Streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_importing_planner_does_not_import_streamlit():
    code = (
        "import sys, pkgutil, importlib, planner\n"
        "for m in pkgutil.iter_modules(planner.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('planner.' + m.name)\n"
        "sys.exit(1 if 'streamlit' in sys.modules else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr or "a planner module imports streamlit"


def test_no_planner_source_mentions_streamlit_import():
    for path in (ROOT / "planner").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path


def _module_imports(path, name: str) -> set[str]:
    """Modules of ``planner`` a module imports at import time (not under TYPE_CHECKING, not
    inside functions)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("planner"))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                if base.startswith("planner"):
                    found.add(base)
                    found.update(f"{base}.{a.name}" for a in node.names)
            elif isinstance(node, ast.If | ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def test_planner_modules_import_without_cycles():
    """No import cycle among the model's modules (package facades excepted: they only
    re-export)."""
    modules = {}
    for path in (ROOT / "planner").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    facades = {n for n, p in modules.items() if p.name == "__init__.py"}
    graph = {
        n: {m for m in _module_imports(p, n) if m in modules and m not in facades and m != n}
        for n, p in modules.items()
        if n not in facades
    }
    assert "planner.schema.economics" in graph["planner.schema.scenario"]  # the parser works
    assert "planner.resolve" in graph["planner.projection"]
    state: dict[str, int] = {}

    def cycle_from(node: str, stack: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack, node, nxt]
            if nxt not in state and (found := cycle_from(nxt, [*stack, node])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = cycle_from(start, [])
            assert found is None, " -> ".join(found)
