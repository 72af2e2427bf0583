"""planner.economics.costs and .epr: unit money quantities against hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planner import economics as ec


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


def test_gate_fee_fallback_and_residual_opex():
    fees = {"sanitary": 3000.0, "controlled": 1500.0, "uncontrolled": 0.0}
    average = ec.average_gate_fee_kzt_per_t(np.array([[3000.0, 0.0]]), np.array([[2.0, 0.0]]), fees)
    np.testing.assert_allclose(average, [[1500.0, 1500.0]])
    assert ec.opex_kzt(100.0, 30.0, 20.0, 5.0) == pytest.approx(85.0)
    assert ec.diversion_cost_kzt(10.0, 5.0, 3.0, 2.0, 4.0) == pytest.approx(16.0)


def test_epr_packaging_rates_by_stream_by_hand():
    """Plastics: rates 18.10 + 7.41 + 1.79 = 27.30 MRP/t of packaging; 80 % packaging ⇒
    21.84 MRP per tonne recovered from separate collection, 0.8 × 1.79 = 1.432 MRP per tonne
    picked from mixed waste (processing only).  Organics have no rates."""
    from planner.economics.epr import packaging_rates_by_stream_mrp_per_t
    from planner.schema import MATERIALS, EprRates

    zero = {m: 0.0 for m in MATERIALS}
    epr = EprRates(
        collection_mrp_per_t={**zero, "plastics": 18.10, "glass": 15.32},
        transport_mrp_per_t={**zero, "plastics": 7.41, "glass": 5.46},
        processing_mrp_per_t={**zero, "plastics": 1.79, "glass": 1.44},
        realisation=1.0,
        packaging_share={"plastics": 0.8},
        mixed_stream_rates=["processing"],
    )
    separate, mixed = packaging_rates_by_stream_mrp_per_t(epr)
    i, g = MATERIALS.index("plastics"), MATERIALS.index("glass")
    assert separate[i] == pytest.approx(21.84)
    assert mixed[i] == pytest.approx(1.432)
    assert separate[g] == pytest.approx(22.22)  # glass not listed: counts in full
    assert mixed[g] == pytest.approx(1.44)
    # 10 t of separately collected plastics + 10 t picked from mixed waste, MRP 3,932, ρ 0.5
    from planner.economics import epr_incentive_kzt

    tonnes = np.zeros(len(MATERIALS))
    tonnes[i] = 10.0
    paid = epr_incentive_kzt(tonnes, separate, 3932.0, 0.5) + epr_incentive_kzt(
        tonnes, mixed, 3932.0, 0.5
    )
    assert paid == pytest.approx(10 * (21.84 + 1.432) * 3932 * 0.5)
    legacy = EprRates(
        collection_mrp_per_t=epr.collection_mrp_per_t,
        transport_mrp_per_t=epr.transport_mrp_per_t,
        processing_mrp_per_t=epr.processing_mrp_per_t,
        realisation=1.0,
    )
    sep_all, mix_all = packaging_rates_by_stream_mrp_per_t(legacy)
    assert sep_all[i] == mix_all[i] == pytest.approx(27.30)  # the old rule: every tonne, all rates
