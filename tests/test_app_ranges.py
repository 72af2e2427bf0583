"""AppTest of the ranges table on the Sensitivity page (issue #13: users edit ranges like any
other input): an edited high reaches the variant, the tornado and the bands' inputs; a bad
value shows the model's translated message and stays as entered."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from msw_app import compute
from msw_app.views.ranges import range_path
from planner.uncertainty.inputs import uncertain_inputs
from tests.app_session import open_page

KEY = "districts.semey.generation_t_per_cap_yr"


def _editor(at: AppTest):
    (editor,) = [d for d in at.data_editor if ":ranges:" in (d.key or "")]
    return editor


def _edit(at: AppTest, changes: dict) -> AppTest:
    editor = _editor(at)
    paths = [range_path(compute.presets()["announced"], u.key) for u in _inputs()]
    row = paths.index(range_path(compute.presets()["announced"], KEY))
    at.session_state[editor.key] = {
        "edited_rows": {row: changes},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def _inputs():
    return uncertain_inputs(compute.presets()["announced"])


def _default():
    (u,) = [u for u in _inputs() if u.key == KEY]
    return u


def test_editing_a_high_changes_the_variant_and_the_tornado():
    at = open_page("page_sensitivity.py", "en", timeout=180)
    assert not at.exception
    old = _default()
    new_high = round(old.high * 1.2, 4)
    at = _edit(at, {"high": new_high})
    assert not at.exception, [e.value for e in at.exception]
    variant = at.session_state["msw_variants"]["announced_mine"]
    assert at.session_state["msw_current"] == "announced_mine"
    (u,) = [u for u in uncertain_inputs(variant.scenario) if u.key == KEY]
    assert (u.low, u.high, u.distribution) == (old.low, new_high, old.distribution)
    table = compute.tornado(variant.scenario)
    assert set(table.loc[table["input"] == KEY, "high"]) == {new_high}
    before = compute.tornado(compute.presets()["announced"])
    assert set(before.loc[before["input"] == KEY, "high"]) == {old.high}
    assert _editor(at).value["high"].tolist().count(new_high) == 1


def test_a_high_below_the_default_shows_the_translated_message_and_is_kept():
    at = open_page("page_sensitivity.py", "ru", timeout=180)
    old = _default()
    bad = round(old.default * 0.99, 4)
    at = _edit(at, {"high": bad})
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("не содержит значение по умолчанию" in e for e in errors), errors
    assert any("Диапазон" in e and "не принят" in e for e in errors)
    variant = at.session_state["msw_variants"]["announced_mine"]
    (u,) = [u for u in uncertain_inputs(variant.scenario) if u.key == KEY]
    assert u.high == old.high  # the model keeps the valid range
    assert bad in _editor(at).value["high"].tolist()  # the user's entry stays
