"""Hand-computed cases for the projection (see conftest.one_district_data).

Year 2025: generated 500 t; collected 400 t (organics 200, paper 80, plastics 40, glass 40,
metals 40); uncollected 100 t.  Separated paper = 80 × 0.5 participation × 0.5 capture = 20 t.
Mixed = 380 t.  The 210 t/yr sorting line takes the 20 t separated first, then 190 t of mixed
(half of each material: organics 100, paper 30, plastics 20, glass 20, metals 20).
Recycled = 20 × 0.75 + 30 × 0.5 + 20 × 0.5 = 40 t (paper 30, plastics 10).
Landfilled = 400 − 40 = 360 t (organics 200, paper 50, plastics 30, glass 40, metals 40).
"""

from __future__ import annotations

import numpy as np
import pytest

from planner import MATERIALS, project
from tests.conftest import build

M = {m.value: i for i, m in enumerate(MATERIALS)}


def flow(result, name, year, material=None):
    t = result.years.index(year)
    arr = result.arrays[name][t, 0]
    return float(arr.sum() if material is None else arr[M[material]])


def test_generation_collection_and_separation(one_district):
    r = project(build(one_district))
    assert flow(r, "generated", 2025) == pytest.approx(500.0)
    assert flow(r, "collected", 2025) == pytest.approx(400.0)
    assert flow(r, "uncollected", 2025) == pytest.approx(100.0)
    assert flow(r, "source_separated", 2025) == pytest.approx(20.0)
    assert flow(r, "source_separated", 2025, "paper") == pytest.approx(20.0)


def test_sorting_recycling_landfill_by_material(one_district):
    r = project(build(one_district))
    assert flow(r, "sorted", 2025) == pytest.approx(210.0)
    assert flow(r, "sorted", 2025, "organics") == pytest.approx(100.0)
    assert flow(r, "sorted", 2025, "paper") == pytest.approx(50.0)  # 20 separate + 30 mixed
    assert flow(r, "recycled", 2025) == pytest.approx(40.0)
    assert flow(r, "recycled", 2025, "paper") == pytest.approx(30.0)
    assert flow(r, "recycled", 2025, "plastics") == pytest.approx(10.0)
    assert flow(r, "landfilled", 2025) == pytest.approx(360.0)
    assert flow(r, "landfilled", 2025, "paper") == pytest.approx(50.0)
    assert flow(r, "landfilled", 2025, "glass") == pytest.approx(40.0)
    assert flow(r, "composted", 2025) == 0.0


def test_kpis_hand_computed(one_district):
    r = project(build(one_district))
    assert r.kpi("diversion_rate", "r", "d")[0] == pytest.approx(40 / 500)
    assert r.kpi("recycling_rate", "r")[0] == pytest.approx(40 / 500)
    assert r.kpi("processing_share")[0] == pytest.approx(210 / 500)
    assert r.kpi("collection_coverage")[0] == pytest.approx(0.8)
    assert r.kpi("landfilled_t")[0] == pytest.approx(360.0)
    assert r.kpi("progress_to_target_2030")[0] == pytest.approx((210 / 500) / 0.4)
    # Metals banned since 2016 (40 t); organics only from 2030 in this test baseline.
    assert r.kpi("banned_landfilled_t")[0] == pytest.approx(40.0)


def test_landfill_fills_up_and_reports_full_year(one_district):
    r = project(build(one_district))
    # 1000 t capacity, 360 t/yr: 640 left after 2025, 280 after 2026, full in 2027.
    lf = r.landfills.set_index("year")
    assert lf.loc[2025, "remaining_capacity_t"] == pytest.approx(640.0)
    assert lf.loc[2026, "remaining_capacity_t"] == pytest.approx(280.0)
    assert lf.loc[2027, "remaining_capacity_t"] == pytest.approx(0.0)
    assert lf.loc[2027, "over_capacity_t"] == pytest.approx(80.0)
    assert r.landfill_full_year == {"lf": 2027}
    assert r.kpi("landfill_years_left")[0] == pytest.approx(640 / 360)
    assert r.kpi("landfill_years_left")[2] == pytest.approx(0.0)


def test_sorting_line_works_only_from_start_year(one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["start_year"] = 2026
    r = project(build(one_district))
    assert flow(r, "sorted", 2025) == 0.0
    assert flow(r, "recycled", 2025) == 0.0
    assert flow(r, "landfilled", 2025) == pytest.approx(400.0)
    assert flow(r, "sorted", 2026) == pytest.approx(210.0)


def test_closed_facility_stops(one_district):
    one_district["levers"] = {"closed_facilities": {"sl": 2026}}
    r = project(build(one_district))
    assert flow(r, "sorted", 2025) == pytest.approx(210.0)
    assert flow(r, "sorted", 2026) == 0.0


def test_input_above_capacity_goes_to_landfill(one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["capacity_t_per_yr"] = 10
    r = project(build(one_district))
    # Capacity 10 t < 20 t separated: half the separated paper is sorted, nothing mixed.
    assert flow(r, "sorted", 2025) == pytest.approx(10.0)
    assert flow(r, "recycled", 2025) == pytest.approx(7.5)
    assert flow(r, "landfilled", 2025) == pytest.approx(392.5)


def test_composting_with_capacity_and_rejects(one_district):
    one_district["levers"] = {
        "capture": {"organics": 0.4},
        "new_composting_sites": [
            {
                "id": "cs",
                "region": "r",
                "name": {"ru": "К", "kk": "К", "en": "C"},
                "lat": 50.0,
                "lon": 80.0,
                "districts_served": ["d"],
                "start_year": 2025,
                "capacity_t_per_yr": 30,
            }
        ],
    }
    r = project(build(one_district))
    # Separated organics = 200 × 0.5 × 0.4 = 40 t; the site takes 30 t, composts 80 % = 24 t.
    assert flow(r, "source_separated", 2025, "organics") == pytest.approx(40.0)
    assert flow(r, "biotreated", 2025) == pytest.approx(30.0)
    assert flow(r, "composted", 2025) == pytest.approx(24.0)
    # processing share counts sorting input and composting input
    assert r.kpi("processing_share")[0] == pytest.approx((210 + 30) / 500)


def test_growth_compounds(one_district):
    d = one_district["baseline"]["regions"][0]["districts"][0]
    d["population_growth_per_yr"] = 0.1
    d["generation_growth_per_yr"] = 0.1
    r = project(build(one_district))
    assert flow(r, "generated", 2026) == pytest.approx(1000 * 1.1 * 0.5 * 1.1)
    assert flow(r, "generated", 2027) == pytest.approx(1000 * 1.1**2 * 0.5 * 1.1**2)


def test_awareness_campaign_raises_participation_to_ceiling(one_district):
    one_district["baseline"]["parameters"]["participation"] = {2025: 0.1}
    one_district["end_year"] = 2029
    one_district["levers"] = {
        "awareness_campaigns": [
            {
                "name": "c",
                "start_year": 2026,
                "duration_yr": 2,
                "participation_gain_per_yr": 0.1,
                "ceiling": 0.25,
            }
        ]
    }
    r = project(build(one_district))
    part = r.inputs.participation[:, 0]
    np.testing.assert_allclose(part, [0.1, 0.2, 0.25, 0.25, 0.25])
    # separated paper = 80 t × participation × 0.5
    assert flow(r, "source_separated", 2026) == pytest.approx(80 * 0.2 * 0.5)


def test_coverage_lever_ramps_from_today(one_district):
    one_district["end_year"] = 2029
    one_district["levers"] = {"collection_coverage": {"*": {2029: 1.0}}}
    r = project(build(one_district))
    np.testing.assert_allclose(r.kpi("collection_coverage"), [0.8, 0.85, 0.9, 0.95, 1.0])


def test_new_landfill_takes_priority(one_district):
    one_district["levers"] = {
        "new_landfills": [
            {
                "id": "new_lf",
                "region": "r",
                "name": {"ru": "Н", "kk": "Н", "en": "N"},
                "lat": 50.0,
                "lon": 80.0,
                "districts_served": ["d"],
                "type": "sanitary",
                "start_year": 2026,
                "remaining_capacity_t": 500,
            }
        ]
    }
    r = project(build(one_district))
    lf = r.landfills.set_index(["landfill", "year"])
    assert lf.loc[("lf", 2025), "deposited_t"] == pytest.approx(360.0)
    assert lf.loc[("new_lf", 2026), "deposited_t"] == pytest.approx(360.0)
    assert lf.loc[("lf", 2026), "deposited_t"] == pytest.approx(0.0)
    # 2027: new landfill has 140 t left, the old one takes the other 220 t.
    assert lf.loc[("new_lf", 2027), "deposited_t"] == pytest.approx(140.0)
    assert lf.loc[("lf", 2027), "deposited_t"] == pytest.approx(220.0)


def test_shared_facility_serves_districts_in_proportion(one_district):
    region = one_district["baseline"]["regions"][0]
    second = dict(region["districts"][0], id="e", population=3000)
    region["districts"].append(second)
    region["sorting_lines"][0]["districts_served"] = ["d", "e"]
    region["sorting_lines"][0]["capacity_t_per_yr"] = 80  # = all separated paper (20 + 60)
    r = project(build(one_district))
    t = 0
    sorted_by_district = r.arrays["sorted"][t].sum(axis=1)
    np.testing.assert_allclose(sorted_by_district, [20.0, 60.0])


def test_tidy_tables_have_contract_columns(one_district):
    r = project(build(one_district))
    assert list(r.flows.columns) == [
        "scenario",
        "region",
        "district",
        "year",
        "material",
        "flow",
        "tonnes",
    ]
    assert list(r.kpis.columns) == ["scenario", "region", "district", "year", "kpi", "value"]
    # one row per combination
    assert not r.flows.duplicated(["scenario", "district", "year", "material", "flow"]).any()
    totals = r.kpis[(r.kpis.region == "") & (r.kpis.district == "")]
    assert set(totals.year) == {2025, 2026, 2027}
    region_rows = r.kpis[(r.kpis.region == "r") & (r.kpis.district == "")]
    assert len(region_rows) == len(totals)


def test_sorting_line_utilisation_scales_capacity(one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["utilisation"] = 0.5
    r = project(build(one_district))
    # 210 t/yr at 50 % = 105 t: the 20 t separated first, then 85 t of the 380 t mixed
    assert flow(r, "sorted", 2025) == pytest.approx(105.0)
    assert flow(r, "recycled", 2025) == pytest.approx(
        15 + 85 * (60 / 380) * 0.5 + 85 * (40 / 380) * 0.5
    )


def test_landfill_state_is_typed_and_keeps_the_old_access(one_district):
    from planner.projection import LandfillState

    result = project(build(one_district))
    lid, state = next(iter(result.landfill_state.items()))
    assert isinstance(state, LandfillState)
    assert result.lf_state is result.landfill_state
    np.testing.assert_array_equal(state["remaining_t"], state.remaining_t)
    table = result.landfills[result.landfills["landfill"] == lid]
    np.testing.assert_allclose(table["remaining_capacity_t"], state.remaining_t)
