"""The bundled presets: valid, mass-balanced, calibrated, and every default sourced."""

from __future__ import annotations

import numpy as np
import pytest

from planner import FATES, load_presets, project
from planner.io import preset_paths
from planner.schema import Facility, Source

PRESETS = load_presets()


def test_required_presets_exist():
    assert {"bau", "announced", "separate_collection", "target_40_2030", "reformed_epr"} <= set(
        PRESETS
    )
    assert len(preset_paths()) == len(PRESETS)


@pytest.mark.parametrize("scenario_id", sorted(PRESETS))
def test_mass_balance_every_year_district_material(scenario_id):
    r = project(PRESETS[scenario_id])
    fates = sum(r.arrays[f] for f in FATES)
    np.testing.assert_allclose(fates, r.arrays["generated"], rtol=1e-12, atol=1e-9)
    for name, arr in r.arrays.items():
        assert np.isfinite(arr).all(), name
        assert (arr >= -1e-9).all(), name


@pytest.mark.parametrize("scenario_id", sorted(PRESETS))
def test_default_horizon_2025_2050(scenario_id):
    r = project(PRESETS[scenario_id])
    assert r.years[0] == 2025 and r.years[-1] == 2050


def test_two_regions_and_all_units():
    baseline = PRESETS["bau"].resolved_baseline()
    units = {r.id: [d.id for d in r.districts] for r in baseline.regions}
    assert len(units["abai"]) == 12  # Semey, Kurchatov and ten districts
    assert len(units["ulytau"]) == 5  # Zhezkazgan, Satpayev, Karazhal, Zhanaarka, Ulytau


def test_bau_reproduces_ulytau_official_processing_share():
    """Ulytau 2024 official processing share 12 % (KazTAG); base year within ±3 pp."""
    r = project(PRESETS["bau"])
    baseline = PRESETS["bau"].resolved_baseline()
    for region in baseline.regions:
        for _, official in region.official_processing_share.items():
            modelled = r.kpi("processing_share", region.id)[0]
            assert abs(modelled - official) <= 0.03, (region.id, modelled, official)
    assert any(r.official_processing_share for r in baseline.regions)


def _fields_needing_sources(model) -> list[str]:
    skip = {
        "id",
        "name",
        "sources",
        "kind",
        "districts",
        "landfills",
        "sorting_lines",
        "composting_sites",
        "districts_served",
        "population_year",
        "region",
    }
    return [f for f in type(model).model_fields if f not in skip]


def test_every_baseline_default_has_a_source():
    baseline = PRESETS["bau"].resolved_baseline()
    missing = []
    for f in _fields_needing_sources(baseline.parameters):
        if f not in baseline.parameters.sources:
            missing.append(f"parameters.{f}")
    for region in baseline.regions:
        if "composition" not in region.sources:
            missing.append(f"{region.id}.composition")
        for d in region.districts:
            for f in (
                "population",
                "population_growth_per_yr",
                "generation_t_per_cap_yr",
                "generation_growth_per_yr",
                "collection_coverage",
                "lat",
                "lon",
            ):
                if f not in d.sources:
                    missing.append(f"{d.id}.{f}")
        facilities: list[Facility] = [*region.landfills, *region.sorting_lines]
        for fac in facilities:
            needed = (
                ["remaining_capacity_t", "type"] if hasattr(fac, "type") else ["capacity_t_per_yr"]
            )
            missing += [f"{fac.id}.{f}" for f in needed if f not in fac.sources]
    assert not missing, missing


def test_sources_have_text_and_confidence():
    baseline = PRESETS["bau"].resolved_baseline()
    sources: list[Source] = list(baseline.parameters.sources.values())
    for region in baseline.regions:
        sources += list(region.sources.values())
        for d in region.districts:
            sources += list(d.sources.values())
    assert sources and all(s.text.strip() and s.confidence for s in sources)


def test_announced_projects_sorting_capacities_and_years():
    levers = PRESETS["announced"].levers
    lines = {s.id: s for s in levers.new_sorting_lines}
    assert lines["semey_sorting_shop"].capacity_t_per_yr == 75_000
    assert lines["semey_sorting_shop"].start_year == 2027
    assert "zhezkazgan_sorting_plant" in lines
    for line in levers.new_sorting_lines:
        assert "capacity_t_per_yr" in line.sources


def test_announced_diverts_more_than_bau():
    bau = project(PRESETS["bau"])
    announced = project(PRESETS["announced"])
    assert announced.kpi("landfilled_t")[-1] < bau.kpi("landfilled_t")[-1]
    assert announced.kpi("processing_share")[5] > bau.kpi("processing_share")[5]


def test_target_preset_reaches_40_percent_by_2030_in_each_region():
    r = project(PRESETS["target_40_2030"])
    i = r.years.index(2030)
    for region in ("abai", "ulytau", ""):
        assert r.kpi("processing_share", region)[i] >= 0.40
        assert r.kpi("progress_to_target_2030", region)[i] >= 1.0


def test_extends_inherits_parent_levers():
    child = PRESETS["separate_collection"]
    parent = PRESETS["announced"]
    parent_ids = {s.id for s in parent.levers.new_sorting_lines}
    assert parent_ids <= {s.id for s in child.levers.new_sorting_lines}
    assert child.levers.awareness_campaigns


def test_reformed_epr_changes_money_not_flows():
    a, b = project(PRESETS["target_40_2030"]), project(PRESETS["reformed_epr"])
    for flow, arr in a.arrays.items():
        np.testing.assert_array_equal(arr, b.arrays[flow])
    assert PRESETS["reformed_epr"].levers.economics is not None
    assert PRESETS["target_40_2030"].levers.economics is None
