"""A facility the user adds (planner.new_facility): names in each language, the place a
district gives, the cost menu with sources, landfill-gas defaults."""

from __future__ import annotations

import pytest

from planner import load_presets, project
from planner import new_facility as nf
from planner.edit import apply_valid_edits
from planner.siting.plan import apply_plan, load_siting_defaults, plan_sorting_lines

PRESETS = load_presets()


def test_names_follow_the_language():
    names = nf.facility_names("new_sorting_lines", {"ru": "г. Семей", "kk": "Семей қаласы"})
    # a language without a name of its own falls back to English, then to any name given
    assert names == {
        "ru": "Новая линия: г. Семей",
        "kk": "Жаңа желі: Семей қаласы",
        "en": "New line: г. Семей",
    }
    assert nf.facility_names("new_landfills", "Site 7")["en"] == "New landfill: Site 7"


def test_cost_menu_suggests_the_siting_capex_with_its_source():
    menu = nf.load_cost_menu(PRESETS["announced"])
    sorting = menu.capex_kzt_per_unit["new_sorting_lines"]
    assert sorting.value == load_siting_defaults().capex_kzt_per_t_yr == 12_500
    assert "25 US$ per t/yr" in sorting.source
    assert nf.suggested_capex_kzt(menu, "new_sorting_lines", 20_000) == 250e6
    assert menu.capex_kzt_per_unit["new_composting_sites"].value == 40_000
    assert menu.opex_kzt_per_t["new_sorting_lines"].value == 4_800
    assert "Lisakovsk" in menu.opex_kzt_per_t["new_sorting_lines"].source
    for kind in nf.KINDS:
        assert menu.capex_kzt_per_unit[kind].value > 0 and menu.capex_kzt_per_unit[kind].source


def test_entry_from_a_district_is_valid_and_placed_at_its_centre():
    scenario = PRESETS["announced"]
    entry = nf.new_facility_entry(
        scenario, "new_sorting_lines", "ayagoz", capacity=20_000, start_year=2028, capex_kzt=1.0
    )
    assert entry["id"] == "sorting_1" and entry["region"] == "abai"
    assert entry["districts_served"] == ["ayagoz"]
    assert entry["name"]["ru"] == "Новая линия: Аягозский район"
    place = nf.district_place(scenario, "ayagoz")
    assert (entry["lat"], entry["lon"]) == (place.lat, place.lon)
    lines = [f.model_dump(mode="json") for f in scenario.levers.new_sorting_lines] + [entry]
    result = apply_valid_edits(scenario, {"levers.new_sorting_lines": lines})
    assert not result.rejected
    assert result.scenario.levers.new_sorting_lines[-1].capacity_t_per_yr == 20_000


def test_gas_defaults_start_after_opening_and_carry_their_sources():
    scenario = PRESETS["announced"]
    menu = nf.load_cost_menu(scenario)
    entry = nf.gas_capture_entry(scenario, "semey_regional_landfill", menu)
    assert entry["start_year"] == 2027 + 3
    assert entry["capture_share"] == 0.5 and entry["capex_kzt"] == 1.65e9
    assert entry["opex_kzt_per_yr"] == 80e6
    assert set(entry["sources"]) == {"capture_share", "start_year", "capex_kzt", "opex_kzt_per_yr"}
    result = apply_valid_edits(scenario, {"levers.landfill_gas_capture": [entry]})
    assert not result.rejected


def test_a_plan_line_is_named_in_each_language_after_its_place():
    scenario = PRESETS["bau"]
    plan = plan_sorting_lines(scenario)
    applied = apply_plan(scenario, plan)
    semey = next(s for s in applied.levers.new_sorting_lines if s.id == "planned_semey")
    assert semey.name.ru == "Новая линия: г. Семей"
    assert semey.name.kk == "Жаңа желі: Семей қаласы"
    assert semey.name.en == "New line: Semey city"
    assert semey.capex_kzt == pytest.approx(semey.capacity_t_per_yr * 12_500)
    assert project(applied).kpi("sorted_t")[5] > project(scenario).kpi("sorted_t")[5]
