"""msw_app.views (scenarios, kpis, overview, maps, compare, sources, names, methane): chart- and
table-ready frames, checked against the projection."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

import planner
from msw_app.views import economics_frames as frames
from msw_app.views.compare import (
    COMPARE_ECONOMICS_HORIZON,
    COMPARE_ECONOMICS_VS_REFERENCE,
    COMPARE_ECONOMICS_YEAR,
    ECONOMICS_KIND,
    compare_differences,
    compare_economics_differences,
    compare_economics_table,
    compare_table,
    economics_figures,
)
from msw_app.views.kpis import (
    CARD_KPIS,
    COMPARE_KPIS,
    kpi_cards,
    kpi_series,
    target_progress,
    targets_frame,
)
from msw_app.views.maps import map_points
from msw_app.views.methane import METHANE_CATEGORIES, methane_by_category, methane_by_site
from msw_app.views.names import UNCOLLECTED_DUMPS_NAMES, facility_names
from msw_app.views.overview import SANKEY_NODES, district_table, fates_over_time, sankey_links
from msw_app.views.scenarios import BASELINE_ID, baseline_scenario, year_index
from msw_app.views.sources import (
    ECONOMICS_SOURCE_GROUPS,
    confidence_counts,
    economics_sources_table,
    sources_table,
)

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
    base = baseline_scenario(scenario)
    assert base.id == BASELINE_ID
    assert base.levers == planner.Levers()
    assert base.resolved_baseline() is scenario.resolved_baseline()
    assert base.years() == scenario.years()
    # The BAU preset has no levers: its projection is the baseline's.
    bau = presets["bau"]
    a = planner.project(bau).kpi("landfilled_t")
    b = planner.project(baseline_scenario(bau)).kpi("landfilled_t")
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_fates_sum_to_generated(announced):
    _, projection = announced
    fates = fates_over_time(projection)
    assert set(fates["fate"]) == set(planner.FATES)
    per_year = fates.groupby("year")["tonnes"].sum().to_numpy()
    np.testing.assert_allclose(per_year, projection.kpi("generated_t"), rtol=1e-9)


def test_fates_of_a_region(announced):
    _, projection = announced
    fates = fates_over_time(projection, region="ulytau")
    per_year = fates.groupby("year")["tonnes"].sum().to_numpy()
    np.testing.assert_allclose(per_year, projection.kpi("generated_t", "ulytau"), rtol=1e-9)


def test_sankey_conserves_tonnes(announced):
    _, projection = announced
    links = sankey_links(projection, 2030)
    t = projection.years.index(2030)
    into = links.groupby("target")["tonnes"].sum()
    out = links.groupby("source")["tonnes"].sum()
    assert into["landfill"] == pytest.approx(projection.kpi("landfilled_t")[t], rel=1e-9)
    assert into["recycled"] == pytest.approx(projection.kpi("recycled_t")[t], rel=1e-9)
    assert out["generated"] == pytest.approx(projection.kpi("generated_t")[t], rel=1e-9)
    # What enters sorting leaves it.
    assert out["sorting"] == pytest.approx(into["sorting"], rel=1e-9)
    assert set(links["source"]) | set(links["target"]) <= set(SANKEY_NODES)
    assert (links["tonnes"] > 0).all()


def test_year_is_clamped(announced):
    _, projection = announced
    assert year_index(projection, 1900) == 0
    assert year_index(projection, 3000) == len(projection.years) - 1


def test_kpi_cards_delta_is_value_minus_reference(presets, announced):
    scenario, projection = announced
    reference = planner.project(baseline_scenario(scenario))
    cards = kpi_cards(projection, reference, 2030)
    assert list(cards.index) == list(CARD_KPIS)
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
    progress = target_progress(projection, scenario)
    assert list(progress["year"]) == [2030, 2050]
    row = progress.iloc[0]
    t = projection.years.index(2030)
    assert row["processing_share"] == pytest.approx(projection.kpi("processing_share")[t])
    assert row["progress"] == pytest.approx(min(row["processing_share"] / 0.40, 1.0))
    assert row["met"] == (row["processing_share"] >= 0.40)
    assert 0 <= row["recycling_rate"] <= row["processing_share"]
    assert row["recycling_progress"] == pytest.approx(min(row["recycling_rate"] / 0.40, 1.0))
    assert row["recycling_met"] == (row["recycling_rate"] >= 0.40)


def test_district_table_adds_up(announced):
    scenario, projection = announced
    table = district_table(projection, scenario, 2030)
    t = projection.years.index(2030)
    assert len(table) == len(projection.inputs.district_ids)
    assert table["generated_t"].sum() == pytest.approx(projection.kpi("generated_t")[t])
    assert table["landfilled_t"].sum() == pytest.approx(projection.kpi("landfilled_t")[t])
    assert table.loc[table["district"] == "semey", "name_ru"].item() == "г. Семей"
    assert table["collection_coverage"].between(0, 1).all()


def test_map_points(announced):
    scenario, projection = announced
    points = map_points(scenario, projection, 2030)
    kinds = points.groupby("kind").size()
    assert kinds["district"] == len(projection.inputs.district_ids)
    assert points.loc[points["id"] == "semey_sorting_shop", "new"].item()
    # The old Semey landfill is closed from 2027 in this scenario.
    assert not points.loc[points["id"] == "semey_city_landfill", "operating"].item()
    assert points[["lat", "lon"]].notna().all().all()


def test_compare_table_and_differences(presets):
    projections = [planner.project(presets[k]) for k in ("bau", "announced", "target_40_2030")]
    table = compare_table(projections, 2030)
    assert list(table.columns) == ["bau", "announced", "target_40_2030"]
    assert list(table.index) == list(COMPARE_KPIS)
    diff = compare_differences(projections, "bau", 2030)
    assert list(diff.columns) == ["announced", "target_40_2030"]
    expected = table.loc["landfilled_t", "announced"] - table.loc["landfilled_t", "bau"]
    assert diff.loc["landfilled_t", "announced"] == pytest.approx(expected)
    with pytest.raises(KeyError):
        compare_differences(projections, "nope", 2030)


def test_kpi_series_and_targets(presets):
    projections = [planner.project(presets[k]) for k in ("bau", "announced")]
    series = kpi_series(projections, "diversion_rate")
    assert len(series) == sum(len(p.years) for p in projections)
    targets = targets_frame(presets["bau"])
    assert dict(zip(targets["year"], targets["share"], strict=True)) == {2030: 0.4, 2050: 0.5}


def test_sources_table_lists_every_documented_default(presets):
    scenario = presets["target_40_2030"]
    sources = sources_table(scenario)
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
    counts = confidence_counts(sources)
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


# --------------------------------------------------------------------------------------------
# Compare: money and emissions (hand-checkable, on hand-made economics results)
# --------------------------------------------------------------------------------------------


def _fake_economics(sid: str, **kpis: list[float]):
    """An EconomicsResult for years 2025–2026 with only the total (one group) KPIs given."""
    from planner.economics import EconomicsResult

    values = {k: np.asarray(v, dtype=float)[:, None] for k, v in kpis.items()}
    return EconomicsResult(
        scenario=sid,
        years=[2025, 2026],
        regions=[],
        params=None,  # type: ignore[arg-type]
        items={},
        memo={},
        emissions_arrays={},
        diverted_t=values.pop("diverted_t"),
        population=np.ones((2, 1)),
        kpi_values=values,
        methane=None,  # type: ignore[arg-type]
    )


@pytest.fixture
def two_options():
    """Reference A and option B.  Discount rate 25 %: NPV A = 100 + 100/1.25 = 180,
    NPV B = 200 + 250/1.25 = 400; ΔNPV = 220.  Diverted A 10 + 10 = 20 t, B 30 + 45 = 75 t:
    Δ = 55 t, so 220 / 55 = 4 KZT/t.  Net emissions A 50 + 50 = 100, B 30 + 26 = 56:
    abated 44 t CO2e, so 220 / 44 = 5 KZT/t CO2e."""
    a = _fake_economics(
        "a",
        total_cost_kzt=[100, 100],
        npv_cost_kzt=[100, 180],
        cost_per_t_diverted_kzt=[7, 8],
        cost_per_resident_month_kzt=[0.5, 0.6],
        epr_incentives_kzt=[1, 2],
        ch4_landfill_t=[5, 6],
        net_emissions_tco2e=[50, 50],
        emissions_tco2e=[60, 60],
        diverted_t=[10, 10],
    )
    b = _fake_economics(
        "b",
        total_cost_kzt=[200, 250],
        npv_cost_kzt=[200, 400],
        cost_per_t_diverted_kzt=[9, 10],
        cost_per_resident_month_kzt=[0.7, 0.8],
        epr_incentives_kzt=[3, 4],
        ch4_landfill_t=[4, 4],
        net_emissions_tco2e=[30, 26],
        emissions_tco2e=[40, 40],
        diverted_t=[30, 45],
    )
    return a, b


def test_economics_figures_by_hand(two_options):
    a, b = two_options
    got = economics_figures(b, 2026)
    assert got == {
        "total_cost_kzt": 250,
        "cost_per_t_diverted_kzt": 10,
        "cost_per_resident_month_kzt": 0.8,
        "epr_incentives_kzt": 4,
        "ch4_landfill_t": 4,
        "net_emissions_tco2e": 26,
        "npv_cost_horizon_kzt": 400,
        "epr_incentives_horizon_kzt": 7,
        "ch4_landfill_horizon_t": 8,
        "net_emissions_horizon_tco2e": 56,
    }
    # The year is clamped to the evaluated years; horizon rows do not depend on it.
    assert economics_figures(a, 1990)["total_cost_kzt"] == 100
    assert economics_figures(a, 2090)["cost_per_t_diverted_kzt"] == 8
    assert economics_figures(a, 1990)["npv_cost_horizon_kzt"] == 180


def test_compare_economics_table_by_hand(two_options):
    table = compare_economics_table(two_options, 2025, ["b", "none", "a"])
    assert list(table.columns) == ["b", "none", "a"]
    assert list(table.index) == [*COMPARE_ECONOMICS_YEAR, *COMPARE_ECONOMICS_HORIZON]
    assert table.loc["total_cost_kzt", "b"] == 200
    assert table.loc["npv_cost_horizon_kzt", "a"] == 180
    assert table["none"].isna().all()  # a scenario without economics
    assert set(ECONOMICS_KIND) >= {*table.index, *COMPARE_ECONOMICS_VS_REFERENCE}


def test_compare_economics_differences_by_hand(two_options):
    diff = compare_economics_differences(two_options, "a", 2026, ["a", "b", "none"])
    assert list(diff.columns) == ["b", "none"]
    assert diff.loc["npv_cost_horizon_kzt", "b"] == pytest.approx(220)
    assert diff.loc["total_cost_kzt", "b"] == pytest.approx(150)
    assert diff.loc["net_emissions_horizon_tco2e", "b"] == pytest.approx(-44)
    assert diff.loc["epr_incentives_horizon_kzt", "b"] == pytest.approx(4)
    # Levelised: ΔNPV 220 ÷ Δ discounted tonnes at the schema's default rate r (the fake
    # results have no parameters): diverted 20 + 35/(1+r) t, abated 20 + 24/(1+r) t CO2e.
    from planner.schema import Macro

    f = 1 / (1 + Macro.model_fields["discount_rate"].default)
    assert diff.loc["levelised_cost_of_diversion_kzt_per_t", "b"] == pytest.approx(
        220 / (20 + 35 * f)
    )
    assert diff.loc["levelised_cost_of_abatement_kzt_per_tco2e", "b"] == pytest.approx(
        220 / (20 + 24 * f)
    )
    assert diff["none"].isna().all()
    # Against B, A abates nothing and diverts less: both ratios are undefined.
    back = compare_economics_differences(two_options, "b", 2026)
    assert np.isnan(back.loc["levelised_cost_of_abatement_kzt_per_tco2e", "a"])
    assert np.isnan(back.loc["levelised_cost_of_diversion_kzt_per_t", "a"])
    with pytest.raises(KeyError):
        compare_economics_differences(two_options, "none", 2026)


def test_compare_economics_on_presets(presets):
    from planner import economics as ec

    scenarios = [presets[k] for k in ("bau", "target_40_2030")]
    results = [ec.evaluate(s, planner.project(s)) for s in scenarios]
    table = compare_economics_table(results, 2030)
    bau, target = results
    i = bau.years.index(2030)
    assert table.loc["total_cost_kzt", "bau"] == pytest.approx(bau.kpi("total_cost_kzt")[i])
    assert table.loc["npv_cost_horizon_kzt", "target_40_2030"] == pytest.approx(
        target.npv_cost_kzt()
    )
    diff = compare_economics_differences(results, "bau", 2030)
    row = ec.compare(results, "bau").set_index("scenario").loc["target_40_2030"]
    assert diff.loc["levelised_cost_of_abatement_kzt_per_tco2e", "target_40_2030"] == (
        pytest.approx(row["levelised_cost_of_abatement_kzt_per_tco2e"])
    )
    assert diff.loc["levelised_cost_of_diversion_kzt_per_t", "target_40_2030"] == (
        pytest.approx(row["levelised_cost_of_diversion_kzt_per_t"])
    )
    assert diff.loc["npv_cost_horizon_kzt", "target_40_2030"] == pytest.approx(
        row["delta_npv_cost_kzt"]
    )
    assert np.isfinite(diff.to_numpy()).all()


def test_one_name_per_horizon_figure(presets):
    from msw_app.views import economics_frames as frames
    from planner import economics as ec

    scenario = presets["target_40_2030"]
    result = ec.evaluate(scenario, planner.project(scenario))
    horizon = frames.horizon_figures(result)
    assert tuple(horizon) == COMPARE_ECONOMICS_HORIZON
    focus = frames.focus_year_figures(result, 2030)
    compared = economics_figures(result, 2030)
    for name, value in horizon.items():
        assert focus[name] == compared[name] == value, name
    assert horizon["ch4_landfill_horizon_t"] == float(result.kpi("ch4_landfill_t").sum())
    assert not {"npv_horizon_kzt", "ch4_horizon_t"} & set(focus)


def test_economics_sources_table(presets):
    from tests.conftest import build, one_district_data

    scenario = presets["bau"]
    econ = scenario.resolved_baseline().economics
    sources = economics_sources_table(scenario)
    c = econ.climate
    groups = [econ.macro, econ.costs, econ.recyclable_prices, econ.epr, econ.finance]
    groups += [econ.tariffs, c.landfill_gas, c.composting, c.gwp, c.recycling_credits]
    groups += list(c.legacy.values())
    assert len(sources) == sum(len(g.sources) for g in groups) > 50
    assert list(sources["scope"].unique()) == list(ECONOMICS_SOURCE_GROUPS)
    assert set(sources["confidence"]) <= {"H", "M", "L", "EST"}
    assert (sources["source"].str.len() > 0).all()
    docf = sources[(sources["scope"] == "landfill_gas") & (sources["field"] == "docf")]
    assert docf["value"].item() == "0.5"
    legacy = sources[sources["scope"] == "legacy"]
    assert set(legacy["item"]) == set(c.legacy)
    # A baseline without an [economics] table has no rows, but the same columns.
    empty = economics_sources_table(build(one_district_data()))
    assert empty.empty and list(empty.columns) == list(sources.columns)


def test_facility_names_cover_every_methane_site_and_loan(announced):
    from planner import economics as ec

    scenario, projection = announced
    result = ec.evaluate(scenario, projection)
    names = facility_names(scenario)
    for ident in set(result.landfill_methane["landfill"]) | {
        f["facility"] for f in result.financing
    }:
        assert ident in names, ident
        assert all(names[ident][lang] for lang in ("ru", "kk", "en"))
    dumps = names["uncollected_dumps_abai"]
    assert dumps["ru"].startswith(UNCOLLECTED_DUMPS_NAMES["ru"])
    assert dumps["ru"] != names["uncollected_dumps_ulytau"]["ru"]


def test_methane_by_category_splits_the_dumps_and_keeps_the_totals(announced):
    from planner import economics as ec

    scenario, projection = announced
    result = ec.evaluate(scenario, projection)
    by_category = methane_by_category(result)
    by_type = frames.methane_by_type(result)
    assert by_category["ch4_t"].sum() == pytest.approx(by_type["ch4_t"].sum())
    per_year = by_category.groupby("year")["ch4_t"].sum()
    np.testing.assert_allclose(per_year.to_numpy(), result.kpi("ch4_landfill_t"), rtol=1e-9)
    assert "uncollected_dumps" in set(by_category["category"])
    assert list(dict.fromkeys(by_category["category"])) == [
        c for c in METHANE_CATEGORIES if c in set(by_category["category"])
    ]
    sites = methane_by_site(result, scenario, 2030)
    t = result.years.index(2030)
    assert sites["ch4_t"].sum() == pytest.approx(result.kpi("ch4_landfill_t")[t])
    assert (sites["ch4_t"].diff().dropna() <= 0).all()
    dumps = sites[sites["category"] == "uncollected_dumps"]
    assert len(dumps) == 2 and dumps["name_en"].str.startswith("Illegal dumps").all()


def test_presenters_module_re_exports_the_same_objects():
    import importlib

    import msw_app.views.presenters as presenters

    homes = [
        importlib.import_module(f"msw_app.views.{m}")
        for m in ("scenarios", "kpis", "overview", "maps", "compare", "sources", "names", "methane")
    ]
    for name in presenters.__all__:
        exported = getattr(presenters, name)
        owners = [m for m in homes if name in vars(m) and vars(m)[name] is exported]
        assert owners, name
    assert presenters.kpi_cards is kpi_cards and presenters.methane_by_site is methane_by_site
    assert presenters.BASELINE_NAMES.kk == "Базалық деңгей (шараларсыз)"


def test_presenters_read_kinds_directions_and_units_from_the_kpi_table():
    """One KPI table: the cards' kinds and directions and the comparison's units come from
    planner.kpis, so a change there reaches the app."""
    from msw_app.views import compare as cmp
    from msw_app.views import kpis as views_kpis
    from planner import kpis

    shown = {*views_kpis.CARD_KPIS, *views_kpis.COMPARE_KPIS, *cmp.COMPARE_ECONOMICS_YEAR}
    kpis.check_known(shown)  # every KPI a page shows is in the table
    for name, kind in views_kpis.KPI_KIND.items():
        spec = kpis.kpi_spec(name)
        assert kind == views_kpis.DISPLAY_KIND[spec.kind]
        assert views_kpis.HIGHER_IS_BETTER[name] is spec.higher_is_better
    assert views_kpis.kpi_kind("progress_to_target_2040") == "share"
    assert views_kpis.kpi_kind("landfill_years_left") == "years"
    for name in cmp.COMPARE_ECONOMICS_YEAR:
        assert cmp.economics_unit(name) == kpis.kpi_spec(name).unit
    for name, source in frames.HORIZON_OF.items():
        assert frames.horizon_unit(name) == kpis.kpi_spec(source).unit.removesuffix("/yr")
    assert cmp.ECONOMICS_KIND["total_cost_kzt"] == "kzt_per_yr"
    assert cmp.ECONOMICS_KIND["npv_cost_horizon_kzt"] == "kzt"
    assert cmp.ECONOMICS_KIND["ch4_landfill_horizon_t"] == "t_ch4"
