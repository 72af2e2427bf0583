"""Economics: annuity, NPV, loans, EPR incentives and payers against hand calculations; the
bundled defaults carry sources; the CLI writes money and emissions KPIs."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from pydantic import ValidationError

from msw_app.views import economics_frames as frames
from planner import economics as ec
from planner import load_presets, load_scenario, project
from planner.cli import main
from planner.economics_schema import EconomicsOverrides, EconomicsParameters, _Sourced
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
# Annuity, NPV, loans
# --------------------------------------------------------------------------------------------


def test_annuity_factor_hand():
    # 0.1 / (1 − 1.1^−3) = 0.1 / (1 − 0.7513148) = 0.4021148
    assert ec.annuity_factor(0.1, 3) == pytest.approx(0.4021148036253773, rel=1e-12)
    assert ec.annuity_factor(0.0, 4) == 0.25
    assert ec.annuity_kzt(1000.0, 0.03, 2) == pytest.approx(522.6108374384236, rel=1e-12)
    with pytest.raises(ValueError, match="years"):
        ec.annuity_factor(0.1, 0)
    with pytest.raises(ValueError, match="rate"):
        ec.annuity_factor(-1.0, 3)


def test_npv_hand():
    # 100 + 110/1.1 + 121/1.21 = 300
    assert ec.npv_kzt({2025: 100.0, 2026: 110.0, 2027: 121.0}, 0.1, 2025) == pytest.approx(300.0)
    assert ec.npv_kzt({2030: 100.0}, 0.0, 2025) == 100.0
    running = ec.cumulative_npv_kzt([100.0, 110.0, 121.0], [2025, 2026, 2027], 0.1, 2025)
    np.testing.assert_allclose(running, [100.0, 200.0, 300.0])


def test_annuity_repays_principal_at_its_rate():
    pay = ec.loan_payments_kzt(1000.0, 0.03, 2, 2027, list(range(2025, 2031)))
    a = 522.6108374384236
    np.testing.assert_allclose(pay, [0, 0, a, a, 0, 0])
    # Discounted at the loan rate to the year before the first payment, payments = principal.
    assert ec.npv_kzt({2027: a, 2028: a}, 0.03, 2026) == pytest.approx(1000.0)


def test_capex_schedule():
    years = list(range(2025, 2031))
    np.testing.assert_array_equal(ec.capex_schedule_kzt(8e9, 2027, years), [0, 8e9, 0, 0, 0, 0])
    np.testing.assert_array_equal(ec.capex_schedule_kzt(5.0, 2025, years), [5, 0, 0, 0, 0, 0])
    assert not ec.capex_schedule_kzt(5.0, None, years).any()
    assert not ec.capex_schedule_kzt(5.0, 2020, years).any()
    assert not ec.capex_schedule_kzt(5.0, 2040, years).any()


def test_blended_rate():
    assert ec.blended_rate(0.03, 0.18, 0.25) == pytest.approx(0.1425)


# --------------------------------------------------------------------------------------------
# MRP, EPR, other unit quantities
# --------------------------------------------------------------------------------------------


def test_mrp_by_year():
    mrp = ec.mrp_kzt_by_year({2024: 3692.0, 2025: 3932.0}, 0.05, [2023, 2024, 2025, 2026, 2027])
    np.testing.assert_allclose(mrp, [3692.0, 3692.0, 3932.0, 4128.6, 4335.03])


def test_epr_incentive_hand():
    # 100 t plastics × (18.10 + 7.41 + 1.79) MRP/t × 3,932 KZT × ρ
    rates = [27.30]
    assert ec.epr_incentive_kzt([100.0], rates, 3932.0, 1.0) == pytest.approx(10_734_360.0)
    assert ec.epr_incentive_kzt([100.0], rates, 3932.0, 0.1) == pytest.approx(1_073_436.0)
    assert ec.epr_incentive_kzt([100.0], rates, 3932.0, 0.0) == 0.0
    # Two materials and two years with different MRP: glass 10 t × 22.22 MRP/t
    t = np.array([[100.0, 10.0], [100.0, 0.0]])
    out = ec.epr_incentive_kzt(t, [27.30, 22.22], [3932.0, 4000.0], 1.0)
    np.testing.assert_allclose(out, [(2730 + 222.2) * 3932, 2730 * 4000])
    with pytest.raises(ValueError, match="realisation"):
        ec.epr_incentive_kzt([1.0], [1.0], 1.0, 1.5)


def test_unit_money_quantities():
    # 1000 t × 0.38 MRP/t × 3,932 KZT = 1,494,160 KZT
    assert ec.environmental_payment_kzt([1000.0], 0.38, [3932.0]) == pytest.approx([1_494_160.0])
    assert ec.cost_per_resident_month_kzt(12_000.0, 10.0) == pytest.approx(100.0)
    assert math.isnan(float(ec.cost_per_tonne_kzt(5.0, 0.0)))
    assert ec.recyclable_revenue_kzt([[10.0, 2.0]], [24_000.0, 68_000.0]) == pytest.approx(
        [376_000.0]
    )
    np.testing.assert_allclose(ec.allocate_kzt([100.0], [[1.0, 3.0]]), [[25.0, 75.0]])
    np.testing.assert_allclose(ec.allocate_kzt([100.0], [[0.0, 0.0]]), [[50.0, 50.0]])
    np.testing.assert_array_equal(
        ec.campaign_cost_kzt(7.0, 2026, 2, [2025, 2026, 2027, 2028]), [0, 7, 7, 0]
    )
    np.testing.assert_array_equal(ec.fixed_opex_kzt(100.0, 0.02, [False, True]), [0.0, 2.0])


def test_sorting_margin_hand():
    # revenue 1,000 + incentive 200 − opex 4,800 + avoided landfill 8,700 = 5,100
    assert ec.sorting_margin_kzt(1000, 200, 4800, 8700) == 5100
    assert ec.sorting_margin_kzt(1000, 0, 4800, 8700) == 4900


def test_abatement_cost():
    assert ec.abatement_cost_kzt_per_tco2e(1e6, 100.0) == 1e4
    assert math.isnan(ec.abatement_cost_kzt_per_tco2e(1e6, 0.0))


# --------------------------------------------------------------------------------------------
# evaluate()
# --------------------------------------------------------------------------------------------


def test_epr_incentives_match_hand_formula(announced):
    scenario, projection, result = announced
    p = result.params
    rates = np.array(
        [
            p.epr.collection_mrp_per_t[m]
            + p.epr.transport_mrp_per_t[m]
            + p.epr.processing_mrp_per_t[m]
            for m in MATERIALS
        ]
    )
    recycled = projection.arrays["recycled"].sum(axis=1)  # [year, material]
    expected = (recycled * rates).sum(axis=1) * 3932.0 * p.epr.realisation
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
    assert capex.groupby("year")["value"].sum().loc[2026] == pytest.approx(8e9)
    assert set(capex[capex["value"] > 0]["payer"]) == {"local_budget"}
    sorting = r.costs[(r.costs["item"] == "capex_sorting") & (r.costs["value"] > 0)]
    assert set(sorting["payer"]) == {"investors"} and set(sorting["year"]) == {2026}


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
    capex = 180e6
    expected = ec.annuity_kzt(capex * 0.25, 0.03, 15) + ec.annuity_kzt(capex * 0.75, 0.18, 15)
    assert loan["payment_kzt_per_yr"] == pytest.approx(expected)
    assert loan["payment_all_commercial_kzt_per_yr"] == pytest.approx(
        ec.annuity_kzt(capex, 0.18, 15)
    )
    assert loan["subsidy_npv_kzt"] > 0
    full = ec.evaluate(scenario, projection, EconomicsOverrides(concessional_share=1.0))
    assert full.financing[0]["payment_kzt_per_yr"] == pytest.approx(ec.annuity_kzt(capex, 0.03, 15))
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


def test_compare_and_mac_curve(presets):
    table = ec.compare(list(presets.values()), "bau")
    base = table.set_index("scenario").loc["bau"]
    assert base["delta_npv_cost_kzt"] == 0 and math.isnan(base["abatement_cost_kzt_per_tco2e"])
    row = table.set_index("scenario").loc["separate_collection"]
    assert row["cost_per_t_diverted_kzt"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["delta_diverted_t"]
    )
    assert row["abatement_cost_kzt_per_tco2e"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["abated_tco2e"]
    )
    mac = ec.mac_curve(table)
    assert list(mac["abatement_cost_kzt_per_tco2e"]) == sorted(mac["abatement_cost_kzt_per_tco2e"])
    np.testing.assert_allclose(mac["end_tco2e"] - mac["start_tco2e"], mac["abated_tco2e"])
    with pytest.raises(ValueError, match="baseline"):
        ec.compare(list(presets.values()), "nope")


def test_reformed_epr_preset_pays_in_full(presets):
    r = presets["reformed_epr"]
    assert r.params.epr.realisation == 1.0
    np.testing.assert_allclose(r.kpi("epr_incentives_kzt"), r.kpi("epr_incentives_due_kzt"))


# --------------------------------------------------------------------------------------------
# Parameters: strict schema, sources, missing economics
# --------------------------------------------------------------------------------------------


def _groups(model):
    if isinstance(model, _Sourced):
        yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if hasattr(type(value), "model_fields"):
            yield from _groups(value)
        elif isinstance(value, dict):
            for v in value.values():
                if hasattr(type(v), "model_fields"):
                    yield from _groups(v)


def test_every_default_has_a_source():
    params = load_scenario(ANNOUNCED).resolved_baseline().economics
    assert params is not None
    for group in _groups(params):
        fields = set(type(group).model_fields) - {"sources"}
        assert set(group.sources) == fields, type(group).__name__
        assert all(s.text and s.confidence for s in group.sources.values())


def test_overrides_are_strict():
    with pytest.raises(ValidationError):
        EconomicsOverrides(epr_realisation=1.5)
    with pytest.raises(ValidationError):
        EconomicsOverrides(gwp="AR4")
    with pytest.raises(ValidationError):
        EconomicsOverrides(colour="green")
    with pytest.raises(ValidationError):
        EconomicsOverrides(discount_rate=float("nan"))


def test_parameters_are_strict():
    data = load_scenario(ANNOUNCED).resolved_baseline().economics.model_dump()
    data["epr"]["realisation"] = -0.1
    with pytest.raises(ValidationError):
        EconomicsParameters.model_validate(data)
    data["epr"]["realisation"] = 0.1
    data["costs"]["sources"]["unknown_field"] = {"text": "x", "confidence": "L"}
    with pytest.raises(ValidationError, match="unknown fields"):
        EconomicsParameters.model_validate(data)
    del data["costs"]["sources"]["unknown_field"]
    del data["climate"]["landfill_gas"]["mcf"]["uncontrolled"]
    with pytest.raises(ValidationError, match="every landfill type"):
        EconomicsParameters.model_validate(data)


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
    src = frames.emissions_by_source(r)
    net = src[src.source == "net"]["tco2e"].to_numpy()
    parts = src[src.source != "net"].groupby("year")["tco2e"].sum().to_numpy()
    np.testing.assert_allclose(parts, net)
    ch4 = frames.methane_by_type(r).groupby("year")["ch4_t"].sum().to_numpy()
    np.testing.assert_allclose(ch4, r.kpi("ch4_landfill_t"))
    m = frames.margins_over_time(r)
    assert (m["with_epr_kzt"] >= m["without_epr_kzt"]).all()
    assert frames.focus_year_figures(r, 2030)["npv_cost_horizon_kzt"] == r.npv_cost_kzt()
