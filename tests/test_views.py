"""planner.views: chart- and table-ready frames, checked against the projection's arrays."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import planner
from planner import views

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def presets():
    return planner.load_presets()


@pytest.fixture(scope="module")
def announced(presets):
    scenario = presets["announced"]
    return scenario, planner.project(scenario)


def test_baseline_scenario_has_no_levers_and_same_data(presets):
    scenario = presets["target_40_2030"]
    base = views.baseline_scenario(scenario)
    assert base.id == views.BASELINE_ID
    assert base.levers == planner.Levers()
    assert base.resolved_baseline() is scenario.resolved_baseline()
    assert base.years() == scenario.years()
    # The BAU preset has no levers: its projection is the baseline's.
    bau = presets["bau"]
    a = planner.project(bau).kpi("landfilled_t")
    b = planner.project(views.baseline_scenario(bau)).kpi("landfilled_t")
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_fates_sum_to_generated(announced):
    _, projection = announced
    fates = views.fates_over_time(projection)
    assert set(fates["fate"]) == set(planner.FATES)
    per_year = fates.groupby("year")["tonnes"].sum().to_numpy()
    np.testing.assert_allclose(per_year, projection.kpi("generated_t"), rtol=1e-9)


def test_fates_of_a_region(announced):
    _, projection = announced
    fates = views.fates_over_time(projection, region="ulytau")
    per_year = fates.groupby("year")["tonnes"].sum().to_numpy()
    np.testing.assert_allclose(per_year, projection.kpi("generated_t", "ulytau"), rtol=1e-9)


def test_sankey_conserves_tonnes(announced):
    _, projection = announced
    links = views.sankey_links(projection, 2030)
    t = projection.years.index(2030)
    into = links.groupby("target")["tonnes"].sum()
    out = links.groupby("source")["tonnes"].sum()
    assert into["landfill"] == pytest.approx(projection.kpi("landfilled_t")[t], rel=1e-9)
    assert into["recycled"] == pytest.approx(projection.kpi("recycled_t")[t], rel=1e-9)
    assert out["generated"] == pytest.approx(projection.kpi("generated_t")[t], rel=1e-9)
    # What enters sorting leaves it.
    assert out["sorting"] == pytest.approx(into["sorting"], rel=1e-9)
    assert set(links["source"]) | set(links["target"]) <= set(views.SANKEY_NODES)
    assert (links["tonnes"] > 0).all()


def test_year_is_clamped(announced):
    _, projection = announced
    assert views.year_index(projection, 1900) == 0
    assert views.year_index(projection, 3000) == len(projection.years) - 1


def test_kpi_cards_delta_is_value_minus_reference(presets, announced):
    scenario, projection = announced
    reference = planner.project(views.baseline_scenario(scenario))
    cards = views.kpi_cards(projection, reference, 2030)
    assert list(cards.index) == list(views.CARD_KPIS)
    t = projection.years.index(2030)
    row = cards.loc["landfilled_t"]
    assert row["value"] == pytest.approx(projection.kpi("landfilled_t")[t])
    assert row["delta"] == pytest.approx(row["value"] - row["reference"])
    assert not row["higher_is_better"]
    # The announced sorting lines raise the processing share against the baseline.
    assert cards.loc["processing_share", "delta"] > 0
    assert cards.loc["processing_share", "kind"] == "share"


def test_target_progress(announced):
    scenario, projection = announced
    progress = views.target_progress(projection, scenario)
    assert list(progress["year"]) == [2030, 2050]
    row = progress.iloc[0]
    t = projection.years.index(2030)
    assert row["processing_share"] == pytest.approx(projection.kpi("processing_share")[t])
    assert row["progress"] == pytest.approx(min(row["processing_share"] / 0.40, 1.0))
    assert row["met"] == (row["processing_share"] >= 0.40)
    assert 0 <= row["recycling_rate"] <= row["processing_share"]


def test_district_table_adds_up(announced):
    scenario, projection = announced
    table = views.district_table(projection, scenario, 2030)
    t = projection.years.index(2030)
    assert len(table) == len(projection.inputs.district_ids)
    assert table["generated_t"].sum() == pytest.approx(projection.kpi("generated_t")[t])
    assert table["landfilled_t"].sum() == pytest.approx(projection.kpi("landfilled_t")[t])
    assert table.loc[table["district"] == "semey", "name_ru"].item() == "г. Семей"
    assert table["collection_coverage"].between(0, 1).all()


def test_map_points(announced):
    scenario, projection = announced
    points = views.map_points(scenario, projection, 2030)
    kinds = points.groupby("kind").size()
    assert kinds["district"] == len(projection.inputs.district_ids)
    assert points.loc[points["id"] == "semey_sorting_shop", "new"].item()
    # The old Semey landfill is closed from 2027 in this scenario.
    assert not points.loc[points["id"] == "semey_city_landfill", "operating"].item()
    assert points[["lat", "lon"]].notna().all().all()


def test_compare_table_and_differences(presets):
    projections = [planner.project(presets[k]) for k in ("bau", "announced", "target_40_2030")]
    table = views.compare_table(projections, 2030)
    assert list(table.columns) == ["bau", "announced", "target_40_2030"]
    assert list(table.index) == list(views.COMPARE_KPIS)
    diff = views.compare_differences(projections, "bau", 2030)
    assert list(diff.columns) == ["announced", "target_40_2030"]
    expected = table.loc["landfilled_t", "announced"] - table.loc["landfilled_t", "bau"]
    assert diff.loc["landfilled_t", "announced"] == pytest.approx(expected)
    with pytest.raises(KeyError):
        views.compare_differences(projections, "nope", 2030)


def test_kpi_series_and_targets(presets):
    projections = [planner.project(presets[k]) for k in ("bau", "announced")]
    series = views.kpi_series(projections, "diversion_rate")
    assert len(series) == sum(len(p.years) for p in projections)
    targets = views.targets_frame(presets["bau"])
    assert dict(zip(targets["year"], targets["share"], strict=True)) == {2030: 0.4, 2050: 0.5}


def test_sources_table_lists_every_documented_default(presets):
    scenario = presets["target_40_2030"]
    sources = views.sources_table(scenario)
    baseline = scenario.resolved_baseline()
    documented = len(baseline.parameters.sources) + sum(
        len(r.sources)
        + sum(len(d.sources) for d in r.districts)
        + sum(len(f.sources) for f in (*r.landfills, *r.sorting_lines, *r.composting_sites))
        for r in baseline.regions
    )
    levers = scenario.levers
    documented += sum(
        len(f.sources)
        for f in (*levers.new_landfills, *levers.new_sorting_lines, *levers.new_composting_sites)
    )
    documented += len(scenario.sources)
    assert len(sources) == documented
    assert set(sources["confidence"]) <= {"H", "M", "L", "EST"}
    assert (sources["source"].str.len() > 0).all()
    row = sources[(sources["scope"] == "parameters") & (sources["field"] == "recovery_mixed")]
    assert "plastics: 0.25" in row["value"].item()
    counts = views.confidence_counts(sources)
    assert list(counts.index) == ["H", "M", "L", "EST"]
    assert counts.sum() == len(sources)


def test_model_never_imports_streamlit():
    for path in (ROOT / "planner").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path
