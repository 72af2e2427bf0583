"""Import checks shared by the layer and code shape tests: import graphs of the project's
packages read with ``ast``, their cycles, and whether code or a source file pulls in
Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path


def module_imports(path: Path, name: str, package_prefix: str) -> set[str]:
    """Modules under ``package_prefix`` a module imports at import time (not under
    TYPE_CHECKING, not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith(package_prefix))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                if base.startswith(package_prefix):
                    found.add(base)
                    found.update(f"{base}.{a.name}" for a in node.names)
            elif isinstance(node, ast.If | ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name → source file of every module of ``package`` under ``root``."""
    modules = {}
    for path in (root / package).rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Which of the package's modules each module imports; package facades (``__init__``
    files, which only re-export) are left out on both ends."""
    modules = modules_of(root, package)
    facades = {n for n, p in modules.items() if p.name == "__init__.py"}
    return {
        n: {
            m for m in module_imports(p, n, package) if m in modules and m not in facades and m != n
        }
        for n, p in modules.items()
        if n not in facades
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph as a path ``a -> b -> … -> a``, or ``None``."""
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
        if start not in state and (found := cycle_from(start, [])):
            return found
    return None


def streamlit_left_imported(root: Path, code: str) -> str | None:
    """Run ``code`` in a fresh interpreter in ``root``; ``None`` when it ran and left Streamlit
    unimported, else what went wrong."""
    import subprocess
    import sys

    check = f"{code}\nimport sys\nsys.exit(3 if 'streamlit' in sys.modules else 0)\n"
    proc = subprocess.run([sys.executable, "-c", check], cwd=root, capture_output=True, text=True)
    if proc.returncode == 0:
        return None
    return "streamlit was imported" if proc.returncode == 3 else proc.stderr


def mentions_streamlit_import(path: Path) -> bool:
    """Whether a source file has an ``import streamlit`` or ``from streamlit`` in its text."""
    text = path.read_text(encoding="utf-8")
    return "import streamlit" in text or "from streamlit" in text
