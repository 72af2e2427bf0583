"""Code shape of the project (its own standard): no module over 800 lines, no function over
80 lines unless its docstring says why ("long because …"), no import cycle among the app's
modules (the model's: tests/test_layers.py)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT
from tests.import_graph import find_cycle, import_graph

MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80
REASON = "long because"

# exceptions still to split (none left: a new entry needs a reason to be here).
KNOWN_LONG_FUNCTIONS: frozenset[str] = frozenset()
KNOWN_LONG_MODULES: frozenset[str] = frozenset()


def source_files() -> list[Path]:
    """Every Python file of the model, the app package and the app's entry point."""
    return sorted([*(ROOT / "planner").rglob("*.py"), *(ROOT / "msw_app").rglob("*.py")]) + [
        ROOT / "app.py"
    ]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def long_functions(path: Path) -> Iterator[tuple[str, int]]:
    """``(name, lines)`` of the functions of a file longer than :data:`MAX_FUNCTION_LINES`
    (the ``def`` line to the last line, nested functions included) whose docstring gives no
    reason."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and REASON not in (ast.get_docstring(node) or "").lower():
                yield node.name, lines


def module_lines(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("\n")


def test_no_new_long_function():
    found = {
        f"{_rel(p)}:{name}": lines for p in source_files() for name, lines in long_functions(p)
    }
    new = {k: v for k, v in found.items() if k not in KNOWN_LONG_FUNCTIONS}
    assert not new, f"functions over {MAX_FUNCTION_LINES} lines without '{REASON}': {new}"


def test_no_new_long_module():
    found = {_rel(p): n for p in source_files() if (n := module_lines(p)) > MAX_MODULE_LINES}
    new = {k: v for k, v in found.items() if k not in KNOWN_LONG_MODULES}
    assert not new, f"modules over {MAX_MODULE_LINES} lines: {new}"


def test_known_offenders_still_exist():
    """An exception that no longer applies is removed from the list (so it cannot hide a new
    long function of the same name)."""
    found = {f"{_rel(p)}:{name}" for p in source_files() for name, _ in long_functions(p)}
    assert KNOWN_LONG_FUNCTIONS <= found, KNOWN_LONG_FUNCTIONS - found
    assert {_rel(p) for p in source_files() if module_lines(p) > MAX_MODULE_LINES} >= (
        KNOWN_LONG_MODULES
    )


def test_long_function_check_reads_the_reason(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    plain = tmp_path / "plain.py"
    plain.write_text(f"def f():\n{body}\n", encoding="utf-8")
    reasoned = tmp_path / "reasoned.py"
    reasoned.write_text(f'def f():\n    """Long because one step."""\n{body}\n', "utf-8")
    assert list(long_functions(plain)) == [("f", MAX_FUNCTION_LINES + 1)]
    assert list(long_functions(reasoned)) == []


def test_app_modules_import_without_cycles():
    graph = import_graph(ROOT, "msw_app")
    assert "msw_app.views.scenarios" in graph["msw_app.views.kpis"]  # the parser works
    found = find_cycle(graph)
    assert found is None, " -> ".join(found)
