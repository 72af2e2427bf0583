"""Layer rule: the model never imports Streamlit."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.import_graph import (
    find_cycle,
    import_graph,
    mentions_streamlit_import,
    streamlit_left_imported,
)


def test_importing_planner_does_not_import_streamlit():
    code = (
        "import pkgutil, importlib, planner\n"
        "for m in pkgutil.iter_modules(planner.__path__):\n"
        "    if m.name != '__main__':\n"
        "        importlib.import_module('planner.' + m.name)\n"
    )
    assert streamlit_left_imported(ROOT, code) is None, "a planner module imports streamlit"


def test_no_planner_source_mentions_streamlit_import():
    for path in (ROOT / "planner").rglob("*.py"):
        assert not mentions_streamlit_import(path), path


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
