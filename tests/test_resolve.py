"""planner.resolve: the one place levers meet the baseline, and that its users agree with it."""

from __future__ import annotations

import numpy as np
import pytest

from planner import edit, load_presets, project, resolve
from planner.economics import evaluate
from planner.schema import MATERIALS


@pytest.fixture(scope="module")
def presets():
    return load_presets()


def test_participation_via_edit_helper_equals_resolved_inputs(presets):
    """edit.participation_in(y) is the participation the projection runs on before campaigns."""
    for scenario in presets.values():
        for variant in (
            scenario,
            edit.apply_edits(scenario, {"levers.participation": {2030: 0.3}}),
        ):
            stripped = edit.apply_edits(variant, {"levers.awareness_campaigns": []})
            inputs = resolve.resolve_inputs(stripped)
            for t, year in enumerate(inputs.years):
                assert inputs.participation[t] == pytest.approx(
                    edit.participation_in(variant, year)
                )


def test_participation_lever_replaces_baseline_from_its_first_year(presets):
    scenario = edit.apply_edits(presets["bau"], {"levers.participation": {2030: 0.3}})
    baseline = scenario.resolved_baseline().parameters.participation
    points = edit.participation_points(scenario)
    assert points[2030] == 0.3
    assert all(points[y] == v for y, v in baseline.items() if y < 2030)
    assert not any(y > 2030 for y in points)


def test_campaign_raises_participation_only_where_it_reaches(presets):
    scenario = presets["separate_collection"]
    some = scenario.resolved_baseline().district_ids()[:2]
    edited = edit.apply_edits(scenario, {"levers.awareness_campaigns[0].districts": some})
    inputs = resolve.resolve_inputs(edited)
    reach = inputs.campaign_reach
    assert reach.shape == (1, len(inputs.district_ids))
    assert list(np.asarray(inputs.district_ids)[reach[0]]) == some
    before = np.array([edit.participation_in(edited, y) for y in inputs.years])
    assert (inputs.participation[:, ~reach[0]] == before[:, None]).all()
    assert (inputs.participation[:, reach[0]] > before[:, None] + 1e-9).any()


def test_campaign_cost_goes_to_the_regions_it_reaches(presets):
    """Economics splits a campaign's cost by the same reach array the projection uses."""
    scenario = presets["separate_collection"]
    baseline = scenario.resolved_baseline()
    first_region = baseline.regions[0]
    ids = [d.id for d in first_region.districts]
    edited = edit.apply_edits(scenario, {"levers.awareness_campaigns[0].districts": ids})
    result = evaluate(edited, project(edited))
    awareness = result.items[("awareness", "local_budget")]
    assert awareness[:, 0].sum() > 0
    assert awareness[:, 1:].sum() == 0


def test_district_and_star_overrides(presets):
    scenario = presets["target_40_2030"]
    district = scenario.resolved_baseline().district_ids()[0]
    assert resolve.district_override({"*": 1, district: 2}, district) == 2
    assert resolve.district_override({"*": 1}, district) == 1
    assert resolve.district_override({}, district) is None
    assert resolve.coverage_points(scenario.levers, district) == {2030: 1.0}
    assert resolve.coverage_points(scenario.levers, district, inherit=False) == {}
    assert edit.coverage_target(scenario, district) is None
    assert edit.coverage_target(scenario) == (2030, 1.0)
    inputs = resolve.resolve_inputs(scenario)
    t = inputs.years.index(2030)
    assert (inputs.coverage[t] == 1.0).all()


def test_generation_override_agrees_with_inputs(presets):
    scenario = presets["bau"]
    baseline = scenario.resolved_baseline()
    d0 = baseline.regions[0].districts[0]
    edited = edit.apply_edits(scenario, {"levers.generation_t_per_cap_yr": {"*": 0.3, d0.id: 0.4}})
    inputs = resolve.resolve_inputs(edited)
    t0 = inputs.years.index(baseline.base_year)
    for k, d in enumerate(d.id for r in baseline.regions for d in r.districts):
        expected = resolve.generation_per_cap_t(edited.levers, d, -1.0)
        assert expected == (0.4 if d == d0.id else 0.3)
        assert inputs.generation_t_per_cap_yr[t0, k] == pytest.approx(expected)


def test_effective_per_material_equals_inputs(presets):
    for scenario in presets.values():
        inputs = resolve.resolve_inputs(scenario)
        for lever in ("capture", "recovery_mixed", "recovery_separate"):
            values = edit.effective_per_material(scenario, lever)
            assert [values[m.value] for m in MATERIALS] == list(getattr(inputs, lever))


def test_closed_facility_closes_at_the_earlier_year(presets):
    scenario = presets["announced"]
    inputs = resolve.resolve_inputs(scenario)
    for plan in inputs.sorting + inputs.composting + inputs.landfills:
        close = resolve.close_year(plan.facility, scenario.levers)
        if close is not None:
            years = np.asarray(inputs.years)
            assert not plan.operating[years >= close].any()


def test_economics_parameters_apply_overrides_in_order(presets):
    from planner.schema import EconomicsOverrides

    scenario = presets["reformed_epr"]
    assert resolve.economics_parameters(scenario).epr.realisation == (
        scenario.levers.economics.epr_realisation
    )
    p = resolve.economics_parameters(scenario, EconomicsOverrides(epr_realisation=0.5))
    assert p.epr.realisation == 0.5


def test_old_names_still_import():
    from planner.economics import effective_parameters, parameters_of
    from planner.projection import FacilityPlan, Inputs, resolve_inputs

    assert Inputs is resolve.ResolvedInputs and FacilityPlan is resolve.FacilityPlan
    assert resolve_inputs is resolve.resolve_inputs
    assert effective_parameters is resolve.effective_parameters
    assert parameters_of is resolve.parameters_of


def test_district_editor_rows_agree_with_resolve(presets):
    """The per-district editor (msw_app.views.rows) shows the values resolve applies."""
    from msw_app.views import rows as editor_rows

    scenario = edit.apply_edits(
        presets["target_40_2030"],
        {
            "levers.generation_t_per_cap_yr": {"*": 0.3, "semey": 0.4},
            "levers.collection_coverage.kurchatov": {2028: 0.99},
        },
    )
    baseline = scenario.resolved_baseline()
    districts = {d.id: d for r in baseline.regions for d in r.districts}
    for row in editor_rows.district_rows(scenario, "en"):
        d = districts[row["district"]]
        assert row["generation_t_per_cap_yr"] == resolve.generation_per_cap_t(
            scenario.levers, d.id, d.generation_t_per_cap_yr
        )
        own = resolve.coverage_points(scenario.levers, d.id, inherit=False)
        assert row["coverage_year"] == (max(own) if own else None)
        assert row["coverage_target"] == (own[max(own)] if own else None)
