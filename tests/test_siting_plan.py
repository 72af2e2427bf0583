"""Planning model for sorting lines: hand-checked tiny case, presets, apply, CLI."""

from __future__ import annotations

import numpy as np
import pytest

from planner import load_presets, project
from planner.cli import main
from planner.io import preset_paths
from planner.siting import SitingInfeasible
from planner.siting.plan import (
    annuity_factor,
    apply_plan,
    great_circle_km,
    load_siting_defaults,
    plan_sorting_lines,
)
from tests.conftest import build

PRESETS = load_presets()


def tiny_options(**update):
    data = load_siting_defaults().model_dump()
    data.update(
        design_year=2025,
        start_year=2026,
        sizes_t_per_yr=[100, 300],
        capex_kzt_per_t_yr=1000,
        fixed_opex_share_of_capex_per_yr=0.0,
        discount_rate=0.0,
        lifetime_yr=10,
        sorting_cost_kzt_per_t=10,
        transport_kzt_per_t_km=1.0,
        circuity=1.3,
    )
    data.update(update)
    return type(load_siting_defaults()).model_validate(data)


def test_great_circle_one_degree_of_latitude():
    assert great_circle_km(50.0, 80.0, 51.0, 80.0) == pytest.approx(111.195, abs=0.01)


def test_annuity_factor_hand():
    assert annuity_factor(0.1, 15) == pytest.approx(0.1 / (1 - 1.1**-15), rel=1e-12)
    assert annuity_factor(0.1, 15) == pytest.approx(0.13147378, abs=5e-9)
    assert annuity_factor(0.0, 10) == pytest.approx(0.1)


def test_tiny_plan_matches_hand_optimum(one_district):
    """Demand 400 t (collected); existing line 210 t at the district centre (0 km).

    Candidates: district centre (0 km) and landfill site (0.1° east: 7.15 km × 1.3), sizes
    100 t (annual 10,000 KZT: 100 × 1000 / 10 yr) and 300 t (30,000 KZT).  Cheapest: a 100 t
    line at each site (20,000) with 90 t hauled to the landfill site, plus 400 t × 10 KZT
    sorting.  One 300 t line would cost 30,000 in fixed cost alone.
    """
    plan = plan_sorting_lines(build(one_district), tiny_options())
    haul_km = great_circle_km(50.0, 80.0, 50.0, 80.1) * 1.3
    expected = 20_000 + 400 * 10 + 90 * haul_km * 1.0
    assert plan.summary["annual_cost_kzt"] == pytest.approx(expected, rel=1e-6)
    assert plan.solution.objective == pytest.approx(expected, rel=1e-6)
    new = plan.lines[plan.lines.status == "new"]
    assert sorted(new.capacity_t_per_yr) == [100, 100]
    assert set(new.site) == {"d", "lf"}
    assert plan.summary["served_t"] == pytest.approx(400.0)
    assert plan.summary["capex_new_kzt"] == pytest.approx(200_000)


def test_max_one_new_line_forces_the_big_one(one_district):
    plan = plan_sorting_lines(build(one_district), tiny_options(max_new_lines=1))
    new = plan.lines[plan.lines.status == "new"]
    assert list(new.capacity_t_per_yr) == [300]
    assert new.site.iloc[0] == "d"  # 0 km beats 9.3 km


def test_budget_too_small_explains_cheapest_capex(one_district):
    with pytest.raises(
        SitingInfeasible,
        match=r"cheapest set of new lines that does costs "
        r"200,000 KZT",
    ):
        plan_sorting_lines(build(one_district), tiny_options(capex_budget_kzt=150_000))


def test_partial_service_needs_fewer_lines(one_district):
    # serving 75 % = 300 t needs only 90 t beyond the existing 210 t: one 100 t line
    plan = plan_sorting_lines(build(one_district), tiny_options(min_served_share=0.75))
    assert (plan.lines.status == "new").sum() == 1
    assert plan.summary["served_t"] == pytest.approx(300.0)


def test_apply_plan_adds_lines_and_diverts_more(one_district):
    scenario = build(one_district)
    plan = plan_sorting_lines(scenario, tiny_options())
    applied = apply_plan(scenario, plan, start_year=2026)
    added = applied.levers.new_sorting_lines
    assert {line.capacity_t_per_yr for line in added} == {100}
    assert all(line.start_year == 2026 for line in added)
    before, after = project(scenario), project(applied)
    assert after.kpi("sorted_t")[1] == pytest.approx(400.0)
    assert after.kpi("landfilled_t")[1] < before.kpi("landfilled_t")[1]
    assert after.kpi("landfilled_t")[0] == pytest.approx(before.kpi("landfilled_t")[0])


@pytest.mark.parametrize("scenario_id", ["bau", "announced"])
def test_presets_get_an_optimal_plan_serving_all_demand(scenario_id):
    plan = plan_sorting_lines(PRESETS[scenario_id])
    assert plan.summary["status"] == "optimal"
    assert plan.summary["served_t"] == pytest.approx(plan.summary["demand_t"], rel=1e-6)
    # districts are only served by lines in their own region
    assert (
        plan.assignments.region
        == plan.assignments.site.map(dict(zip(plan.lines.site, plan.lines.region, strict=False)))
    ).all()
    # loads never exceed capacity
    assert (plan.lines.load_t <= plan.lines.capacity_t_per_yr * (1 + 1e-9) + 1e-6).all()


def test_announced_lines_are_kept_open():
    plan = plan_sorting_lines(PRESETS["announced"])
    assert {"semey_sorting_shop", "zhezkazgan_sorting_plant"} <= set(plan.lines.site)


def test_more_transport_cost_never_lowers_the_optimum():
    base = load_siting_defaults()
    cheap = plan_sorting_lines(PRESETS["bau"], base)
    dear = plan_sorting_lines(
        PRESETS["bau"], base.model_validate({**base.model_dump(), "transport_kzt_per_t_km": 60})
    )
    assert dear.summary["annual_cost_kzt"] >= cheap.summary["annual_cost_kzt"] - 1e-6


def test_cli_site_writes_plan(tmp_path, capsys):
    out = tmp_path / "plan.csv"
    applied = tmp_path / "applied.json"
    path = str(preset_paths()[1])
    assert main(["site", path, "--out", str(out), "--apply", str(applied)]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("scenario,site,status,region,lat,lon,capacity_t_per_yr,district")
    assert main(["run", str(applied), "--out", str(tmp_path / "f.csv")]) == 0


def test_cli_site_infeasible_budget(tmp_path, capsys):
    path = str(preset_paths()[0])
    code = main(["site", path, "--out", str(tmp_path / "p.csv"), "--budget-kzt", "1000"])
    assert code == 1
    err = capsys.readouterr().err
    assert "infeasible" in err and "cheapest" in err


def test_distance_matrix_overrides_great_circle(one_district):
    import pandas as pd

    matrix = pd.DataFrame({"d": [1000.0]}, index=["lf"])
    plan = plan_sorting_lines(build(one_district), tiny_options(), distance_km=matrix)
    # hauling to the landfill site is now dear: a 300 t line at the centre wins
    new = plan.lines[plan.lines.status == "new"]
    assert list(new.site) == ["d"] and list(new.capacity_t_per_yr) == [300]
    assert np.isclose(plan.summary["transport_kzt"], 0.0)


def test_too_few_lines_says_how_many_are_needed(one_district):
    from planner.siting.plan import PlanInfeasible

    # 190 t beyond the existing line needs one 300 t or two 100 t lines: at least one
    with pytest.raises(PlanInfeasible, match="at least 1 are needed") as info:
        plan_sorting_lines(build(one_district), tiny_options(max_new_lines=0))
    assert info.value.kind == "max_lines" and info.value.context["needed"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--served-share", "1.5"], "--served-share: value 1.5 is too large: must be at most 1"),
        (["--budget-kzt", "-5"], "--budget-kzt: value -5.0 is too small"),
        (["--site", "bad"], "--site expects ID:REGION:LAT:LON"),
        (["--distances", "/does/not/exist.csv"], "--distances: file not found"),
        # Open lines serve only their own districts here: with them serving their region
        # (issue #12, the default) one new line is enough for the announced preset.
        (["--max-lines", "1", "--own-districts-only"], "at least 2 are needed"),
        (["--max-lines", "0"], "at least 1 are needed"),
    ],
)
def test_cli_site_bad_options_get_one_clear_line(tmp_path, capsys, argv, message):
    path = str(preset_paths()[1])
    assert main(["site", path, "--out", str(tmp_path / "p.csv"), *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_cli_site_lines_and_applied_scenario_id(tmp_path):
    import csv
    import json

    lines, applied = tmp_path / "lines.csv", tmp_path / "applied.json"
    path = str(preset_paths()[1])
    args = ["site", path, "--out", str(tmp_path / "p.csv"), "--lines", str(lines)]
    assert main([*args, "--apply", str(applied)]) == 0
    with lines.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {"capex_kzt", "annual_fixed_kzt", "load_t"} <= set(rows[0])
    assert json.loads(applied.read_text(encoding="utf-8"))["id"] == "announced_sited"
