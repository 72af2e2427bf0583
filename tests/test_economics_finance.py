"""planner.economics.finance: annuity, NPV, capex schedule and loans against hand calculations."""

from __future__ import annotations

import numpy as np
import pytest

from planner import economics as ec


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


def test_loan_mix_hand():
    years = list(range(2025, 2045))
    debt, subsidy = ec.loan_mix_kzt(100.0, 2026, years, 0.03, 0.18, 15, 0.25)
    expected = ec.annuity_kzt(25.0, 0.03, 15) + ec.annuity_kzt(75.0, 0.18, 15)
    assert debt[0] == 0 and debt[1] == pytest.approx(expected)
    assert (debt[1:16] > 0).all() and (debt[16:] == 0).all()
    np.testing.assert_allclose(subsidy[1:16], ec.annuity_kzt(100.0, 0.18, 15) - expected)
    assert ec.loan_mix_payment_kzt_per_yr(100.0, 0.03, 0.18, 15, 0.25) == pytest.approx(expected)
    _, none = ec.loan_mix_kzt(100.0, 2026, years, 0.03, 0.18, 15, 0.0)
    np.testing.assert_allclose(none, 0.0, atol=1e-12)


def test_real_rate_by_hand():
    """Fisher: (1 + 0.03) / (1 + 0.05) − 1 = −0.019048; (1.18 / 1.05) − 1 = 0.123810."""
    assert ec.real_rate(0.03, 0.05) == pytest.approx(-0.0190476190, abs=1e-10)
    assert ec.real_rate(0.18, 0.05) == pytest.approx(0.1238095238, abs=1e-10)
    assert ec.real_rate(0.10, 0.0) == pytest.approx(0.10)
    with pytest.raises(ValueError):
        ec.real_rate(0.03, -1.0)


def test_grace_period_by_hand():
    """1,000 KZT at 10 % over 4 years with 2 grace years: 100, 100 (interest only), then an
    annuity over 2 years: 1000 × 0.1 / (1 − 1.1^−2) = 576.19 twice."""
    pay = ec.loan_payments_kzt(1000.0, 0.10, 4, 2030, list(range(2029, 2036)), grace_yr=2)
    np.testing.assert_allclose(pay, [0, 100, 100, 576.1904762, 576.1904762, 0, 0], atol=1e-6)
    # the payments repay the loan: their present value at the loan rate is the principal
    pv = sum(p / 1.1 ** (i + 1) for i, p in enumerate(pay[1:5]))
    assert pv == pytest.approx(1000.0)
    no_grace = ec.loan_payments_kzt(1000.0, 0.10, 4, 2030, [2030], grace_yr=0)
    assert no_grace[0] == pytest.approx(ec.annuity_kzt(1000.0, 0.10, 4))
    with pytest.raises(ValueError):
        ec.loan_payments_kzt(1000.0, 0.10, 2, 2030, [2030], grace_yr=2)


def test_loan_mix_grace_only_on_concessional():
    years = list(range(2030, 2034))
    debt, subsidy = ec.loan_mix_kzt(1000.0, 2030, years, 0.0, 0.10, 3, 0.5, grace_yr=1)
    commercial = ec.annuity_kzt(500.0, 0.10, 3)
    # year 1: concessional interest only (0 %), commercial annuity; then 500 / 2 a year
    np.testing.assert_allclose(debt, [commercial, commercial + 250, commercial + 250, 0])
    np.testing.assert_allclose(subsidy + debt, [ec.annuity_kzt(1000.0, 0.10, 3)] * 3 + [0])
