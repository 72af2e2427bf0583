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


# --------------------------------------------------------------------------------------------
# Table cells: never an empty choice (Streamlit's "Select..." is English in every language)
# --------------------------------------------------------------------------------------------


def test_a_campaign_of_all_districts_lists_them_and_goes_back_unchanged() -> None:
    import planner
    from msw_app.views import rows as editor_rows
    from planner import edit

    scenario = planner.load_presets()["separate_collection"]
    ids = [d.id for r in scenario.resolved_baseline().regions for d in r.districts]
    entries = [c.model_dump(mode="json") for c in scenario.levers.awareness_campaigns]
    assert entries[0]["districts"] is None  # the preset's campaign reaches every district
    rows = editor_rows.campaign_rows(entries, ids)
    assert rows[0]["districts"] == ids
    back = editor_rows.campaigns_from_rows(rows, ids)
    assert back[0]["districts"] is None
    same = edit.apply_edits(scenario, {"levers.awareness_campaigns": back})
    assert same.levers.awareness_campaigns == scenario.levers.awareness_campaigns
    # narrowing it to two districts is kept as chosen; clearing the cell still means all
    rows[0]["districts"] = ids[:2]
    assert editor_rows.campaigns_from_rows(rows, ids)[0]["districts"] == ids[:2]
    rows[0]["districts"] = []
    assert editor_rows.campaigns_from_rows(rows, ids)[0]["districts"] is None


def test_a_landfill_row_without_a_type_shows_the_default_type() -> None:
    from msw_app.views import rows as editor_rows

    (row,) = editor_rows.rows_from_entries([{"id": "x", "name": "X"}], "new_landfills", "ru")
    assert row["type"] == editor_rows.DEFAULT_LANDFILL_TYPE == "sanitary"


def _column(editor, name: str) -> dict:
    import json

    return json.loads(editor.proto.columns)[name]


def test_assumption_choice_cells_are_filled_and_new_campaigns_reach_every_district() -> None:
    import planner

    scenario = planner.load_presets()["separate_collection"]
    ids = [d.id for r in scenario.resolved_baseline().regions for d in r.districts]
    at = _page("page_assumptions.py", "ru")
    picker = next(s for s in at.selectbox if s.key and s.key.startswith("w_scenario"))
    picker.set_value("separate_collection").run()
    assert not at.exception, at.exception
    (campaigns,) = [d for d in at.data_editor if ":campaigns:" in (d.key or "")]
    assert [list(cell) for cell in campaigns.value["districts"]] == [ids]
    assert list(_column(campaigns, "districts")["default"]) == ids
    filled = 0
    for editor in at.data_editor:
        for column in ("region", "type"):
            if column in editor.value.columns:
                assert editor.value[column].notna().all(), (editor.key, column)
                filled += 1
    assert filled >= 2
    captions = [c.value for c in at.caption]
    assert any("«Select...»" in c and "Streamlit 1.67" in c for c in captions)
