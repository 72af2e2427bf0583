"""Layer rule for the presenters: ``msw_app.views`` (and the i18n module they use) and the
store ``msw_app.store`` never import Streamlit, and each presenter module stays small."""

from __future__ import annotations

import ast

from tests.conftest import ROOT
from tests.import_graph import mentions_streamlit_import, streamlit_left_imported

VIEWS = ROOT / "msw_app" / "views"


def test_importing_the_presenters_does_not_import_streamlit():
    code = (
        "import pkgutil, importlib, msw_app.views as v, msw_app.i18n, planner.i18n\n"
        "for m in pkgutil.iter_modules(v.__path__):\n"
        "    importlib.import_module('msw_app.views.' + m.name)\n"
    )
    assert streamlit_left_imported(ROOT, code) is None, "a presenter module imports streamlit"


def test_no_presenter_source_imports_streamlit():
    for path in [*VIEWS.rglob("*.py"), ROOT / "msw_app" / "i18n.py", ROOT / "planner" / "i18n.py"]:
        assert not mentions_streamlit_import(path), path


def test_streamlit_check_sees_an_import(tmp_path):
    assert streamlit_left_imported(ROOT, "import streamlit") == "streamlit was imported"
    assert "ZeroDivisionError" in streamlit_left_imported(ROOT, "1 / 0")
    source = tmp_path / "page.py"
    source.write_text("from streamlit import session_state\n", encoding="utf-8")
    assert mentions_streamlit_import(source)


def test_presenter_modules_and_functions_are_small():
    for path in VIEWS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") < 800, path
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno < 80, f"{path.name}: {node.name}"


def test_presenters_hold_no_russian_or_kazakh_text():
    cyrillic = {chr(c) for c in range(0x0400, 0x0500)}
    for path in VIEWS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        strings = [
            n.value
            for n in ast.walk(ast.parse(text))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]
        assert not [s for s in strings if cyrillic & set(s)], path


STORE = ROOT / "msw_app" / "store"


def test_importing_the_store_does_not_import_streamlit():
    code = (
        "import pkgutil, importlib, msw_app.store as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module('msw_app.store.' + m.name)\n"
    )
    assert streamlit_left_imported(ROOT, code) is None, "a store module imports streamlit"


def test_no_store_source_imports_streamlit():
    sources = list(STORE.rglob("*.py"))
    assert len(sources) >= 7  # the package is there
    for path in sources:
        assert not mentions_streamlit_import(path), path
