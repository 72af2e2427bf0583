"""planner.economics.evaluate: EPR incentives, payers, loans, margins of the presets against
hand formulas; the CLI writes money and emissions KPIs.  The formulas themselves are tested in
test_economics_finance.py, test_economics_costs.py and test_economics_compare.py."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from msw_app.views import economics_frames as frames
from planner import economics as ec
from planner import load_presets, load_scenario, project
from planner.cli import main
from planner.economics_schema import EconomicsOverrides
from planner.io import preset_paths
from planner.projection import KPI_COLUMNS
from planner.schema import MATERIALS, Scenario
from tests.conftest import ROOT

ANNOUNCED = ROOT / "scenarios" / "02_announced_projects.toml"


@pytest.fixture(scope="module")
def announced():
    scenario = load_scenario(ANNOUNCED)
    projection = project(scenario)
    return scenario, projection, ec.evaluate(scenario, projection)


@pytest.fixture(scope="module")
def presets():
    out = {}
    for sid, s in load_presets().items():
        out[sid] = ec.evaluate(s, project(s))
    return out


# --------------------------------------------------------------------------------------------
# evaluate()
# --------------------------------------------------------------------------------------------


def test_epr_incentives_match_hand_formula(announced):
    """Incentives on the packaging share only; separately collected packaging earns the three
    rates, packaging picked from mixed waste the processing rate only (baseline rule)."""
    scenario, projection, result = announced
    p = result.params
    assert p.epr.mixed_stream_rates == ["processing"]
    share = np.array([p.epr.packaging_share.get(m, 1.0) for m in MATERIALS])
    rates = np.array(
        [
            p.epr.collection_mrp_per_t[m]
            + p.epr.transport_mrp_per_t[m]
            + p.epr.processing_mrp_per_t[m]
            for m in MATERIALS
        ]
    )
    processing = np.array([p.epr.processing_mrp_per_t[m] for m in MATERIALS])
    recycled = projection.arrays["recycled"].sum(axis=1)  # [year, material]
    separate = projection.recycled_separate_t.sum(axis=1)
    mixed = recycled - separate
    per_mrp = (separate * share * rates + mixed * share * processing).sum(axis=1)
    expected = per_mrp * 3932.0 * p.epr.realisation
    np.testing.assert_allclose(result.kpi("epr_incentives_kzt"), expected, rtol=1e-12)
    zero = ec.evaluate(scenario, projection, EconomicsOverrides(epr_realisation=0.0))
    assert not zero.kpi("epr_incentives_kzt").any()
    np.testing.assert_allclose(
        zero.kpi("sorting_margin_kzt"), zero.kpi("sorting_margin_no_epr_kzt")
    )
    full = ec.evaluate(scenario, projection, EconomicsOverrides(epr_realisation=1.0))
    np.testing.assert_allclose(full.kpi("epr_incentives_kzt"), result.kpi("epr_incentives_due_kzt"))
    # Total cost does not depend on ρ: the incentive is a transfer.
    np.testing.assert_allclose(full.kpi("total_cost_kzt"), zero.kpi("total_cost_kzt"))


def test_payers_sum_to_total_and_transfers_cancel(announced):
    _, _, r = announced
    total = r.costs.groupby("year")["value"].sum().to_numpy()
    np.testing.assert_allclose(total, r.kpi("total_cost_kzt"), rtol=1e-12)
    by_payer = sum(r.kpi(f"{payer}_kzt") for payer in ec.PAYERS)
    np.testing.assert_allclose(by_payer, r.kpi("total_cost_kzt"), rtol=1e-12)
    epr = r.costs[r.costs["item"] == "epr_incentive"].groupby("year")["value"].sum()
    np.testing.assert_allclose(epr.to_numpy(), 0.0, atol=1e-6)
    assert set(r.costs["payer"]) <= set(ec.PAYERS)


def test_capex_in_year_before_start_and_paid_by_budget(announced):
    _, _, r = announced
    capex = r.costs[r.costs["item"] == "capex_landfill"]
    assert capex.groupby("year")["value"].sum().loc[2026] == pytest.approx(8e9 - 937.5e6)
    assert set(capex[capex["value"] > 0]["payer"]) == {"local_budget"}
    sorting = r.costs[(r.costs["item"] == "capex_sorting") & (r.costs["value"] > 0)]
    assert set(sorting["year"]) == {2026}
    by_payer = sorting.groupby("payer")["value"].sum()
    # the Semey shop's allocated share of the 8 bn complex stays with the budget (no loan);
    # the Zhezkazgan plant is investor-built
    assert by_payer["local_budget"] == pytest.approx(937.5e6)
    assert by_payer["investors"] == pytest.approx(
        840e6
    )  # press figure (flows half of #11; 180e6 before)
    complex_2026 = capex.groupby("year")["value"].sum().loc[2026] + by_payer["local_budget"]
    assert complex_2026 == pytest.approx(8e9)
    assert [loan.facility for loan in r.financing] == ["zhezkazgan_sorting_plant"]


def test_collection_cost_hand(announced):
    _, projection, r = announced
    collected = projection.arrays["collected"].sum(axis=(1, 2))
    item = r.items[("collection", "tariff_payers")].sum(axis=1)
    np.testing.assert_allclose(item, collected * 6000.0)


def test_cost_per_resident_month(announced):
    _, projection, r = announced
    pop = projection.inputs.population.sum(axis=1)
    np.testing.assert_allclose(
        r.kpi("cost_per_resident_month_kzt"), r.kpi("total_cost_kzt") / pop / 12
    )


def test_concessional_vs_commercial_loans(announced):
    scenario, projection, r = announced
    loan = r.financing[0]
    assert loan["facility"] == "zhezkazgan_sorting_plant"
    capex = 840e6  # the Zhezkazgan complex at the press figure (issue #11; 180e6 before)
    # nominal 3 % and 18 % made real at 5 % inflation; 2 grace years on the concessional loan
    conc, comm = 1.03 / 1.05 - 1, 1.18 / 1.05 - 1
    expected = ec.annuity_kzt(capex * 0.25, conc, 13) + ec.annuity_kzt(capex * 0.75, comm, 15)
    assert loan["payment_kzt_per_yr"] == pytest.approx(expected)
    assert loan["payment_all_commercial_kzt_per_yr"] == pytest.approx(
        ec.annuity_kzt(capex, comm, 15)
    )
    assert loan["subsidy_npv_kzt"] > 0
    full = ec.evaluate(scenario, projection, EconomicsOverrides(concessional_share=1.0))
    assert full.financing[0]["payment_kzt_per_yr"] == pytest.approx(ec.annuity_kzt(capex, conc, 13))
    debt = full.memo[("debt_service", "investors")].sum(axis=1)
    y2027 = full.years.index(2027)
    # grace years 2027-2028 pay interest only (negative real interest: a small receipt)
    np.testing.assert_allclose(debt[y2027 : y2027 + 2], capex * conc)
    none = ec.evaluate(scenario, projection, EconomicsOverrides(concessional_share=0.0))
    assert none.financing[0]["subsidy_npv_kzt"] == pytest.approx(0.0)


def test_npv_kpi_is_running_discounted_total(announced):
    _, _, r = announced
    years = r.years
    expected = ec.npv_kzt(dict(zip(years, r.kpi("total_cost_kzt"), strict=True)), 0.10, years[0])
    assert r.npv_cost_kzt() == pytest.approx(expected)
    lower = ec.evaluate(*announced[:2], EconomicsOverrides(discount_rate=0.03))
    assert lower.npv_cost_kzt() > r.npv_cost_kzt()


def test_kpi_table_layout(announced):
    _, _, r = announced
    k = r.kpis
    assert list(k.columns) == KPI_COLUMNS
    assert set(k["district"]) == {""}
    assert set(k["kpi"]) == set(ec.MONEY_KPIS) | set(ec.CLIMATE_KPIS)
    assert set(k["region"]) == {"abai", "ulytau", ""}
    assert list(r.table.columns) == ec.ECONOMICS_COLUMNS
    assert {"KZT", "tCO2e", "t CH4", "t N2O"} <= set(r.table["unit"])


def test_sorting_margins_table(announced):
    _, _, r = announced
    m = r.sorting_margins
    assert set(m["facility"]) >= {"semey_sorting_shop", "zhezkazgan_sorting_plant"}
    np.testing.assert_allclose(m["margin_kzt"] - m["margin_no_epr_kzt"], m["incentive_kzt"])


def test_reformed_epr_preset_pays_in_full(presets):
    r = presets["reformed_epr"]
    assert r.params.epr.realisation == 1.0
    np.testing.assert_allclose(r.kpi("epr_incentives_kzt"), r.kpi("epr_incentives_due_kzt"))


# --------------------------------------------------------------------------------------------
# Missing economics (the strict schema is tested in test_schema_economics.py)
# --------------------------------------------------------------------------------------------


def test_baseline_without_economics_is_a_clear_error():
    scenario = load_scenario(ANNOUNCED)
    data = scenario.resolved_baseline().model_dump()
    data.pop("economics")
    bare = Scenario.model_validate(
        {"id": "x", "name": scenario.name.model_dump(), "baseline": data}
    )
    with pytest.raises(ValueError, match=r"no \[economics\] table"):
        ec.evaluate(bare, project(bare))


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def test_cli_writes_money_and_emission_kpis_and_economics_csv(tmp_path):
    flows, kpis, econ = tmp_path / "f.csv", tmp_path / "k.csv", tmp_path / "e.csv"
    paths = [str(p) for p in preset_paths()]
    argv = ["run", *paths, "--out", str(flows), "--kpis", str(kpis), "--economics", str(econ)]
    assert main(argv) == 0
    assert flows.read_text(encoding="utf-8").startswith(
        "scenario,region,district,year,material,flow,tonnes\n"
    )
    with kpis.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == KPI_COLUMNS
        names = {r["kpi"] for r in reader}
    assert {"total_cost_kzt", "npv_cost_kzt", "net_emissions_tco2e", "diversion_rate"} <= names
    with econ.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ec.ECONOMICS_COLUMNS
        rows = list(reader)
    assert {r["scenario"] for r in rows} == {
        "bau",
        "announced",
        "separate_collection",
        "target_40_2030",
        "reformed_epr",
    }
    assert any(r["item"] == "vs_baseline:abatement_cost_kzt_per_tco2e" for r in rows)


def test_emission_sources_add_up_to_net(announced):
    _, _, r = announced
    src = frames.emissions_by_source(r)
    net = src[src.source == "net"]["tco2e"].to_numpy()
    parts = src[src.source != "net"].groupby("year")["tco2e"].sum().to_numpy()
    np.testing.assert_allclose(parts, net)


def test_page_frames(announced):
    _, _, r = announced
    items = frames.costs_by_item(r)
    assert "epr_incentive" not in set(items["item"])
    np.testing.assert_allclose(
        items.groupby("year")["value"].sum().to_numpy(), r.kpi("total_cost_kzt"), rtol=1e-12
    )
    np.testing.assert_allclose(
        frames.costs_by_payer(r).groupby("year")["value"].sum().to_numpy(), r.kpi("total_cost_kzt")
    )
    tariffs = frames.tariff_comparison(r, 2030)
    assert set(tariffs["kind"]) == {"model_total", "model_tariff", "tariff"}
    flows = frames.epr_flows(r)
    np.testing.assert_allclose(flows["paid_kzt"], flows["due_kzt"] * 0.1)
    ch4 = frames.methane_by_type(r).groupby("year")["ch4_t"].sum().to_numpy()
    np.testing.assert_allclose(ch4, r.kpi("ch4_landfill_t"))
    m = frames.margins_over_time(r)
    assert (m["with_epr_kzt"] >= m["without_epr_kzt"]).all()
    assert frames.focus_year_figures(r, 2030)["npv_cost_horizon_kzt"] == r.npv_cost_kzt()


# --------------------------------------------------------------------------------------------
# The formulas evaluate's steps call, and its typed results
# --------------------------------------------------------------------------------------------


def test_opex_kpi_is_total_minus_capex_campaigns_plus_revenue(presets):
    r = presets["separate_collection"]
    expected = (
        r.kpi("total_cost_kzt")
        - r.kpi("capex_kzt")
        + r.kpi("revenue_kzt")
        - r.items[("awareness", "local_budget")].sum(axis=1)
    )
    np.testing.assert_allclose(r.kpi("opex_kzt"), expected, rtol=1e-12)


def test_typed_results_keep_item_access(announced):
    _, _, r = announced
    loan = r.financing[0]
    assert isinstance(loan, ec.LoanFinancing)
    assert loan["capex_kzt"] == loan.capex_kzt
    with pytest.raises(KeyError):
        loan["nonsense"]
    line = r.sorting["zhezkazgan_sorting_plant"]
    assert isinstance(line, ec.SortingLineEconomics)
    np.testing.assert_array_equal(line["margin_kzt"], line.margin_kzt)
    assert list(line.arrays())[0] == "input_t" and "region" not in line.arrays()


def test_revenue_by_stream_hand(announced):
    """Separately collected material sells at the clean price, material picked from mixed
    waste at ``mixed_price_factor`` of it."""
    _, projection, r = announced
    prices = r.params.recyclable_prices
    clean = np.array([prices.kzt_per_t[m] for m in MATERIALS])
    factor = np.array([prices.mixed_price_factor.get(m, 1.0) for m in MATERIALS])
    recycled = projection.arrays["recycled"].sum(axis=1)
    separate = projection.recycled_separate_t.sum(axis=1)
    expected = (separate * clean + (recycled - separate) * clean * factor).sum(axis=1)
    np.testing.assert_allclose(r.kpi("revenue_kzt"), expected, rtol=1e-12)
    line = r.sorting["semey_sorting_shop"]
    np.testing.assert_allclose(line.recovered_separate_t + line.recovered_mixed_t, line.recovered_t)
    assert (line.mixed_price_discount_kzt >= 0).all() and line.mixed_price_discount_kzt.any()
