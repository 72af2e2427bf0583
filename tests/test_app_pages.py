"""AppTest: every page of the Streamlit app runs without an exception, in every language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from msw_app import registry
from tests.app_session import open_app

PAGES = [f"msw_app/{spec.file}" for spec in registry.PAGES]


def fresh(lang: str | None = None) -> AppTest:
    """A new app session, run once (optionally with ``?lang=``)."""
    return open_app(lang)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_page_runs(lang: str) -> None:
    at = fresh(lang)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page
        assert not at.error, (page, [e.value for e in at.error])


def test_navigation_lists_the_registered_pages() -> None:
    assert {"overview", "assumptions", "compare", "data"} <= {p.url_path for p in registry.PAGES}
    assert all(spec.path.is_file() for spec in registry.PAGES)
    assert [p for p in registry.PAGES if p.default][0].url_path == "overview"


def test_compare_page_shows_two_scenarios_side_by_side() -> None:
    at = fresh("en")
    at.switch_page("msw_app/page_compare.py").run()
    picked = at.multiselect(key="w_compare_pick").value
    assert picked == ["announced", "bau"]
    table = [d.value for d in at.dataframe if "Announced projects" in d.value.columns]
    assert table, "KPI table with one column per scenario"
    at.multiselect(key="w_compare_pick").set_value(["announced", "bau", "target_40_2030"]).run()
    assert not at.exception
    assert at.session_state["msw_compare"] == ["announced", "bau", "target_40_2030"]
    at.switch_page("msw_app/page_overview.py").run()
    at.switch_page("msw_app/page_compare.py").run()
    assert at.multiselect(key="w_compare_pick").value == ["announced", "bau", "target_40_2030"]
