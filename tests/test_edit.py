"""planner.edit: lever edits applied to a scenario and re-validated."""

from __future__ import annotations

import pytest

import planner
from msw_app.views import rows as editor_rows
from planner import edit
from planner.schema import Material


@pytest.fixture(scope="module")
def presets():
    return planner.load_presets()


def test_parse_and_set_path():
    assert edit.parse_path("levers.new_sorting_lines[0].capacity_t_per_yr") == [
        "levers",
        "new_sorting_lines",
        0,
        "capacity_t_per_yr",
    ]
    assert edit.parse_path("levers.collection_coverage.*") == ["levers", "collection_coverage", "*"]
    data = {"levers": {"capture": {"paper": 0.5}, "items": [{"a": 1}]}}
    edit.set_path(data, "levers.capture.glass", 0.7)
    edit.set_path(data, "levers.items[0].a", 2)
    edit.set_path(data, "levers.new.deep", 1)
    edit.set_path(data, "levers.capture.paper", None)
    assert data == {"levers": {"capture": {"glass": 0.7}, "items": [{"a": 2}], "new": {"deep": 1}}}


def test_apply_edits_returns_a_new_validated_scenario(presets):
    scenario = presets["announced"]
    edited = edit.apply_edits(scenario, {"levers.recovery_mixed.plastics": 0.5})
    assert edited.levers.recovery_mixed == {Material.PLASTICS: 0.5}
    assert scenario.levers.recovery_mixed == {}  # the original is untouched
    assert edited.resolved_baseline() is scenario.resolved_baseline()
    landfilled = planner.project(edited).kpi("landfilled_t")
    assert (landfilled <= planner.project(scenario).kpi("landfilled_t") + 1e-6).all()


def test_apply_edits_reports_the_field(presets):
    with pytest.raises(planner.ScenarioError) as info:
        edit.apply_edits(presets["bau"], {"levers.recovery_mixed.paper": 1.5})
    (problem,) = info.value.problems
    assert problem.field == "levers.recovery_mixed.paper"
    assert problem.type == "less_than_equal"
    assert "1" in problem.text("ru")


def test_none_removes_a_lever(presets):
    scenario = presets["target_40_2030"]
    assert "*" in scenario.levers.collection_coverage
    edited = edit.apply_edits(scenario, {"levers.collection_coverage.*": None})
    assert "*" not in edited.levers.collection_coverage


def test_apply_valid_edits_keeps_the_valid_ones(presets):
    result = edit.apply_valid_edits(
        presets["bau"],
        {
            "levers.recovery_mixed.plastics": 0.5,
            "levers.recovery_mixed.paper": 1.5,
            "levers.capture.glass": -0.1,
            "levers.generation_growth_per_yr": 0.02,
        },
    )
    assert result.scenario.levers.recovery_mixed == {Material.PLASTICS: 0.5}
    assert result.scenario.levers.generation_growth_per_yr == 0.02
    assert set(result.rejected) == {"levers.recovery_mixed.paper", "levers.capture.glass"}


def test_cross_check_problem_names_the_table_edit(presets):
    scenario = presets["announced"]
    rows = editor_rows.facility_rows(scenario, "new_sorting_lines", "en")
    rows.append(
        {
            "id": "x",
            "name": "X",
            "region": "abai",
            "districts_served": ["zhezkazgan"],
            "start_year": 2028,
            "capacity": 1000,
        }
    )
    entries = editor_rows.facilities_from_rows(scenario, "new_sorting_lines", rows, "en")
    result = edit.apply_valid_edits(
        scenario, {"levers.new_sorting_lines": entries, "levers.capture.paper": 0.9}
    )
    assert list(result.rejected) == ["levers.new_sorting_lines"]
    (problem,) = result.rejected["levers.new_sorting_lines"]
    assert edit.problem_path(problem) == "levers.new_sorting_lines[2].districts_served"
    assert result.scenario.levers.capture == {Material.PAPER: 0.9}


def test_facility_rows_round_trip(presets):
    scenario = presets["announced"]
    rows = editor_rows.facility_rows(scenario, "new_sorting_lines", "ru")
    assert rows[0]["capacity"] == 75000
    entries = editor_rows.facilities_from_rows(scenario, "new_sorting_lines", rows, "ru")
    same = edit.apply_edits(scenario, {"levers.new_sorting_lines": entries})
    assert same.levers.new_sorting_lines == scenario.levers.new_sorting_lines


def test_new_facility_row_gets_defaults(presets):
    scenario = presets["bau"]
    rows = [
        {
            "id": "",
            "name": "Аягоз",
            "districts_served": ["ayagoz"],
            "start_year": 2028,
            "capacity": 20000,
        }
    ]
    (entry,) = editor_rows.facilities_from_rows(scenario, "new_sorting_lines", rows, "ru")
    assert entry["id"] == "sorting_1"
    assert entry["region"] == "abai"
    assert entry["name"] == {"ru": "Аягоз", "kk": "Аягоз", "en": "Аягоз"}
    assert entry["lat"] == pytest.approx(47.965)
    edited = edit.apply_edits(scenario, {"levers.new_sorting_lines": [entry]})
    before = planner.project(scenario).kpi("landfilled_t")
    after = planner.project(edited).kpi("landfilled_t")
    t = scenario.years().index(2030)
    assert after[t] < before[t]


def test_missing_capacity_is_reported(presets):
    scenario = presets["bau"]
    rows = [{"id": "new_line", "districts_served": ["ayagoz"], "start_year": 2028}]
    entries = editor_rows.facilities_from_rows(scenario, "new_sorting_lines", rows, "en")
    with pytest.raises(planner.ScenarioError) as info:
        edit.apply_edits(scenario, {"levers.new_sorting_lines": entries})
    fields = [p.field for p in info.value.problems]
    assert "levers.new_sorting_lines[0].capacity_t_per_yr" in fields


def test_landfill_rows(presets):
    scenario = presets["announced"]
    rows = editor_rows.facility_rows(scenario, "new_landfills", "kk")
    assert rows[0]["type"] == "sanitary"
    assert rows[0]["capacity"] == 6_000_000
    entries = editor_rows.facilities_from_rows(scenario, "new_landfills", rows, "kk")
    assert entries[0]["remaining_capacity_t"] == 6_000_000


def test_campaign_rows_round_trip(presets):
    scenario = presets["separate_collection"]
    entries = [c.model_dump(mode="json") for c in scenario.levers.awareness_campaigns]
    rows = editor_rows.campaign_rows(entries)
    assert rows[0]["districts"] == []
    back = editor_rows.campaigns_from_rows(rows)
    same = edit.apply_edits(scenario, {"levers.awareness_campaigns": back})
    assert same.levers.awareness_campaigns == scenario.levers.awareness_campaigns


def test_closures(presets):
    scenario = presets["announced"]
    rows = editor_rows.closure_rows(scenario, "en")
    row = next(r for r in rows if r["id"] == "semey_city_landfill")
    assert row["close_year"] == 2027
    row["close_year"] = 2030
    closed = editor_rows.closures_from_rows(rows)
    assert closed == {"semey_city_landfill": 2030}


def test_effective_values(presets):
    scenario = presets["separate_collection"]
    capture = edit.effective_per_material(scenario, "capture")
    assert capture["paper"] == 0.6 and capture["textiles"] == 0.0
    assert edit.participation_in(scenario, 2025) == pytest.approx(0.05)
    edited = edit.apply_edits(scenario, {"levers.participation": {2030: 0.3}})
    assert edit.participation_in(edited, 2030) == pytest.approx(0.3)
    assert edit.participation_in(edited, 2027) == pytest.approx(0.05 + 0.25 * 2 / 5)
    assert edit.coverage_target(presets["target_40_2030"]) == (2030, 1.0)
    assert edit.coverage_target(presets["bau"]) is None
    assert edit.generation_growth(presets["bau"]) == pytest.approx(0.01)


def test_district_edits(presets):
    scenario = presets["target_40_2030"]
    rows = editor_rows.district_rows(scenario, "ru")
    assert editor_rows.district_edits(scenario, rows) == {
        "levers.generation_t_per_cap_yr": {},
        "levers.collection_coverage": {"*": {2030: 1.0}},
    }
    rows[0]["generation_t_per_cap_yr"] = 0.4
    rows[1]["coverage_target"], rows[1]["coverage_year"] = 0.99, 2028
    rows[2]["coverage_target"] = 0.9  # no year: ignored
    changes = editor_rows.district_edits(scenario, rows)
    assert changes["levers.generation_t_per_cap_yr"] == {"semey": 0.4}
    assert changes["levers.collection_coverage"] == {"*": {2030: 1.0}, "kurchatov": {2028: 0.99}}
    edited = edit.apply_edits(scenario, changes)
    assert edited.levers.generation_t_per_cap_yr == {"semey": 0.4}


def test_rename(presets):
    renamed = edit.rename(
        presets["bau"], "my_variant", planner.schema.Names(ru="а", kk="ә", en="a")
    )
    assert renamed.id == "my_variant" and renamed.name.kk == "ә"
    with pytest.raises(planner.ScenarioError):
        edit.rename(presets["bau"], "Not An Id", renamed.name)
