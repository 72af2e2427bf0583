"""AppTest of the economics and climate pages: they render in every language without errors,
their sliders change the figures, and every text is translated."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.conftest import ROOT  # noqa: E402


def _page(root: str, page: str) -> None:
    """The shared sidebar, then one page script (as ``app.py`` would run it)."""
    import runpy
    import sys

    if root not in sys.path:
        sys.path.insert(0, root)
    from msw_app import sidebar

    sidebar.render()
    runpy.run_path(f"{root}/msw_app/{page}", run_name="__main__")


def _app(page: str, lang: str = "en") -> AppTest:
    at = AppTest.from_function(_page, args=(str(ROOT), page), default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.caption]
    parts += [m.label for m in at.metric] + [s.label for s in at.slider]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("page", ["page_economics.py", "page_climate.py"])
def test_pages_render_in_every_language(page, lang):
    at = _app(page, lang)
    assert not at.exception, at.exception
    assert not at.error
    assert len(at.metric) >= 4
    text = _texts(at)
    assert "econ." not in text and "climate." not in text  # no untranslated keys


def test_rho_slider_changes_epr_payments():
    at = _app("page_economics.py")
    # a select slider since issue 12: its marks read "52,3 %" as the cards do
    rho = next(s for s in at.select_slider if s.key.startswith("w_econ_rho"))
    paid = next(m for m in at.metric if m.label.startswith("EPR paid"))
    assert paid.value.replace("\u00a0", " ") != "0 M KZT"
    rho.set_value(0.0).run()
    assert not at.exception
    paid = next(m for m in at.metric if m.label.startswith("EPR paid"))
    assert paid.value.replace("\u00a0", " ") == "0 M KZT"


def test_gwp_choice_changes_net_emissions():
    at = _app("page_climate.py")
    before = next(m for m in at.metric if m.label.startswith("Net emissions")).value
    at.radio[0].set_value("AR6").run()
    assert not at.exception
    after = next(m for m in at.metric if m.label.startswith("Net emissions")).value
    assert before != after


def test_importing_a_page_registers_its_texts_without_rendering():
    import importlib

    from msw_app import i18n

    for module in ("msw_app.page_economics", "msw_app.page_climate"):
        importlib.import_module(module)
    assert i18n.t("nav.economics", "ru") == "Экономика и РОП"
    assert i18n.t("nav.climate", "kk") == "Климат және метан"
