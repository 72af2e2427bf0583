"""Issue #12: existing and announced lines with spare capacity serve the other districts of their
region at transport cost, so the plan fills them before it builds."""

from __future__ import annotations

import copy

import pytest

from planner import load_presets, project
from planner.siting.plan import apply_plan, extended_districts, plan_sorting_lines
from tests.conftest import build
from tests.test_siting_plan import tiny_options


def two_districts(one_district: dict, line_t: float = 500.0) -> dict:
    """District d (400 t/yr collected) with its line, and a small neighbour e (40 t/yr) 5.6 km
    north that has no line of its own."""
    data = copy.deepcopy(one_district)
    region = data["baseline"]["regions"][0]
    neighbour = copy.deepcopy(region["districts"][0])
    neighbour.update(id="e", population=100, lat=50.05, name={"ru": "Е", "kk": "Е", "en": "E"})
    region["districts"].append(neighbour)
    region["landfills"][0]["districts_served"] = ["d", "e"]
    region["sorting_lines"][0]["capacity_t_per_yr"] = line_t
    return data


def test_existing_line_with_spare_capacity_serves_the_neighbouring_district(one_district):
    scenario = build(two_districts(one_district))
    plan = plan_sorting_lines(scenario, tiny_options())
    a = plan.assignments
    assert set(a[a.site == "sl"].district) == {"d", "e"}
    assert a[(a.site == "sl") & (a.district == "e")].tonnes.sum() == pytest.approx(40.0)
    assert plan.summary["new_lines"] == 0 and plan.summary["capex_new_kzt"] == 0
    assert plan.summary["served_t"] == pytest.approx(440.0)
    # the haul from e to the line is paid: 40 t × 5.56 km × 1.3 × 1 KZT/(t·km)
    hauled = a[a.district == "e"].transport_kzt.sum()
    assert hauled == pytest.approx(40 * a[a.district == "e"].distance_km.iloc[0])
    assert hauled > 0


def test_own_districts_only_builds_a_line_for_the_neighbour(one_district):
    scenario = build(two_districts(one_district))
    plan = plan_sorting_lines(scenario, tiny_options(open_lines_serve_region=False))
    a = plan.assignments
    assert set(a[a.site == "sl"].district) == {"d"}
    assert plan.summary["new_lines"] == 1


def test_a_full_line_leaves_the_neighbour_to_a_new_line(one_district):
    # the line takes 400 t: exactly d's waste, nothing to spare
    scenario = build(two_districts(one_district, line_t=400.0))
    plan = plan_sorting_lines(scenario, tiny_options())
    assert plan.summary["new_lines"] == 1
    assert plan.lines.set_index("site").loc["sl", "load_t"] == pytest.approx(400.0)


def test_applying_the_plan_extends_an_announced_line_to_the_districts_it_serves(one_district):
    data = two_districts(one_district)
    region = data["baseline"]["regions"][0]
    line = region["sorting_lines"].pop()
    data["levers"] = {
        "new_sorting_lines": [{**line, "id": "shop", "region": "r", "start_year": 2026}]
    }
    scenario = build(data)
    plan = plan_sorting_lines(scenario, tiny_options())
    assert plan.summary["new_lines"] == 0
    assert extended_districts(scenario, plan) == {"shop": ["e"]}
    applied = apply_plan(scenario, plan)
    (shop,) = applied.levers.new_sorting_lines
    assert shop.districts_served == ["d", "e"]
    # the projection now sorts e's waste too (2026: the line runs)
    assert project(applied).kpi("sorted_t")[1] == pytest.approx(440.0)
    assert project(scenario).kpi("sorted_t")[1] == pytest.approx(400.0)


def test_semey_fills_the_announced_shop_before_building():
    """Pinned on purpose (issue #12; the golden siting plans moved with it).

    Before, open lines served only their own districts: the plan for the announced preset
    built a new 15 kt/yr line in Semey city (for Kurchatov, Beskaragai, Borodulikha and Zharma)
    while the announced 75 kt/yr shop of the new Semey landfill ran at 80 % (60.1 kt/yr).  Now
    the shop takes those districts at transport cost: it runs full, no new line is built in
    Semey, and the plan has 3 new lines instead of 4 (capex 562.5 M KZT instead of 750 M).
    """
    scenario = load_presets()["announced"]
    plan = plan_sorting_lines(scenario)
    lines = plan.lines.set_index("site")
    assert "semey" not in set(plan.lines[plan.lines.status == "new"].site)
    assert lines.loc["semey_sorting_shop", "utilisation"] == pytest.approx(1.0)
    assert plan.summary["new_lines"] == 3
    assert plan.summary["capex_new_kzt"] == pytest.approx(562.5e6)
    shop = plan.assignments[plan.assignments.site == "semey_sorting_shop"]
    assert {"kurchatov", "beskaragai", "zharma"} <= set(shop.district)
    # the old behaviour, kept behind the option: a new Semey line and the shop at 80 %
    before = plan_sorting_lines(
        scenario, plan.problem.options.model_copy(update={"open_lines_serve_region": False})
    )
    before_lines = before.lines.set_index("site")
    assert "semey" in set(before.lines[before.lines.status == "new"].site)
    assert before_lines.loc["semey_sorting_shop", "utilisation"] == pytest.approx(0.8017, abs=1e-3)
    assert before.summary["new_lines"] == 4
    assert plan.summary["annual_cost_kzt"] < before.summary["annual_cost_kzt"]
