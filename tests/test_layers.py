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
