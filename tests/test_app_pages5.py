"""AppTest of the page gaps of issue 12 closed last: percent sliders in the language on the
Assumptions page, table cells that are never empty where a default exists, Compare's levelised
costs per region against the reference, and the siting page's effect per region."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_session import open_page

PERCENT_MARK = {"ru": "52\u00a0%", "kk": "52%", "en": "52%"}
"""How a lever share of 52 % reads on a slider (as the cards write it)."""


def _page(page: str, lang: str) -> AppTest:
    at = open_page(page, lang, timeout=90)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_percent_slider_on_assumptions_reads_in_the_language(lang: str) -> None:
    at = _page("page_assumptions.py", lang)
    # no slider with Streamlit's own format ("52.0%" in every language) is left
    assert not [s.label for s in at.main.slider]
    levers = [s for s in at.select_slider if s.key and s.key.startswith("lv")]
    paths = {s.key.split(":", 1)[1] for s in levers}
    assert {
        "levers.recovery_mixed.plastics",
        "levers.recovery_separate.paper",
        "levers.capture.glass",
        "levers.participation#share",
        "levers.generation_growth_per_yr",
    } <= paths
    for s in levers:
        if s.key.endswith("generation_growth_per_yr"):
            continue
        assert PERCENT_MARK[lang] in s.options, (s.label, s.options[:3])
        if lang != "en":
            assert not any("." in option for option in s.options), s.options[:3]
    (growth,) = [s for s in levers if s.key.endswith("generation_growth_per_yr")]
    one = {"ru": "1,0\u00a0%", "kk": "1,0%", "en": "1.0%"}[lang]
    assert one in growth.options


def test_a_percent_slider_edit_reaches_the_projection_exactly() -> None:
    at = _page("page_assumptions.py", "ru")
    (paper,) = [s for s in at.select_slider if s.key.endswith(":levers.capture.paper")]
    paper.set_value(0.73).run()
    assert not at.exception, at.exception
    variant = at.session_state["msw_variants"]["announced_mine"]
    assert variant.edits["levers.capture.paper"] == 0.73
    assert variant.scenario.levers.capture["paper"] == pytest.approx(0.73)
    (paper,) = [s for s in at.select_slider if s.key.endswith(":levers.capture.paper")]
    assert paper.value == 0.73
