"""Layer rule: the model never imports Streamlit."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.import_graph import find_cycle, import_graph


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


def test_planner_modules_import_without_cycles():
    """No import cycle among the model's modules (package facades excepted: they only
    re-export)."""
    graph = import_graph(ROOT, "planner")
    assert "planner.schema.economics" in graph["planner.schema.scenario"]  # the parser works
    assert "planner.resolve" in graph["planner.projection"]
    found = find_cycle(graph)
    assert found is None, " -> ".join(found)


def test_find_cycle_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
