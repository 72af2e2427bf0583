"""Discounting, annuities, capex schedules and loans [KZT, 1/yr].

The model is in constant prices, so every rate used here is real: nominal loan rates are
turned into real ones with :func:`real_rate` before they reach these functions.

Net present values discount to the first projected year: ``Σ x_y / (1 + r)^(y − y0)``.  Capex
of a new facility is spent in the year before its ``start_year``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def annuity_factor(rate: float, years: int) -> float:
    """Capital recovery factor: the yearly payment that repays 1 over ``years`` at ``rate``.

    Parameters
    ----------
    rate : float
        Interest or discount rate [1/yr], > −1.
    years : int
        Number of equal yearly payments [yr], ≥ 1.

    Returns
    -------
    float
        ``r / (1 − (1 + r)^−n)``; ``1 / n`` when ``r = 0`` [1/yr].
    """
    if years < 1:
        raise ValueError("years must be ≥ 1")
    if np.any(np.asarray(rate) <= -1):
        raise ValueError("rate must be > -1")
    if rate == 0:
        return 1.0 / years
    return rate / (1.0 - (1.0 + rate) ** -years)


def annuity_kzt(principal_kzt: float, rate: float, years: int) -> float:
    """Equal yearly payment repaying ``principal_kzt`` [KZT/yr]; see :func:`annuity_factor`."""
    return principal_kzt * annuity_factor(rate, years)


def discount_factors(years: ArrayLike, rate: float | ArrayLike, base_year: int) -> FloatArray:
    """Discount factors ``(1 + r)^−(y − base_year)`` [-] for each year (``rate`` may be an
    array that broadcasts with ``years``, e.g. one rate per draw)."""
    if np.any(np.asarray(rate) <= -1):
        raise ValueError("rate must be > -1")
    return (1.0 + rate) ** -(np.asarray(years, dtype=float) - base_year)


def npv_kzt(cashflows_kzt: Mapping[int, float], rate: float, base_year: int) -> float:
    """Net present value of yearly amounts.

    Parameters
    ----------
    cashflows_kzt : mapping of int to float
        Amount in each year [year → KZT]; costs positive.
    rate : float
        Discount rate [1/yr].
    base_year : int
        Year discounted to [year]; its amount is not discounted.

    Returns
    -------
    float
        ``Σ x_y / (1 + r)^(y − base_year)`` [KZT].
    """
    years = np.fromiter(cashflows_kzt.keys(), dtype=float)
    values = np.fromiter(cashflows_kzt.values(), dtype=float)
    return float((values * discount_factors(years, rate, base_year)).sum())


def cumulative_npv_kzt(
    values_kzt: ArrayLike, years: Sequence[int], rate: float, base_year: int
) -> FloatArray:
    """Discounted amounts accumulated from the first year up to each year.

    Parameters
    ----------
    values_kzt : array_like
        Amounts by year along axis 0 [KZT/yr].
    years : sequence of int
        The years of axis 0.
    rate : float
        Discount rate [1/yr].
    base_year : int
        Year discounted to.

    Returns
    -------
    numpy.ndarray
        Running NPV [KZT], same shape; the last row is the horizon NPV.
    """
    values = np.asarray(values_kzt, dtype=float)
    factors = discount_factors(years, rate, base_year).reshape((-1,) + (1,) * (values.ndim - 1))
    return np.cumsum(values * factors, axis=0)


def capex_schedule_kzt(
    capex_kzt: float, start_year: int | None, years: Sequence[int]
) -> FloatArray:
    """Capex by year: spent in the year before the facility starts.

    Parameters
    ----------
    capex_kzt : float
        Investment [KZT].
    start_year : int or None
        First operating year; ``None`` (existing facility) spends nothing.
    years : sequence of int
        Projected years.

    Returns
    -------
    numpy.ndarray
        Capex in each year [KZT/yr]: in ``start_year − 1``, or in the first projected year when
        that is later but the facility has not started yet; nothing for a facility that started
        before the horizon or whose spending year is after it.
    """
    out = np.zeros(len(years))
    if start_year is None or capex_kzt == 0 or start_year < years[0]:
        return out
    spend = max(start_year - 1, years[0])
    if spend <= years[-1]:
        out[spend - years[0]] = capex_kzt
    return out


def real_rate(nominal_rate: float, inflation_per_yr: float) -> float:
    """Real interest rate from a nominal one by the Fisher equation [1/yr].

    Parameters
    ----------
    nominal_rate : float
        Nominal rate [1/yr] (e.g. 0.03 for a 3 % loan).
    inflation_per_yr : float
        Expected inflation [1/yr], > −1.

    Returns
    -------
    float
        ``(1 + i) / (1 + π) − 1`` [1/yr]; negative when inflation exceeds the nominal rate.
    """
    if inflation_per_yr <= -1:
        raise ValueError("inflation must be > -1")
    return (1.0 + nominal_rate) / (1.0 + inflation_per_yr) - 1.0


def loan_payments_kzt(
    principal_kzt: float,
    rate: float,
    term_yr: int,
    first_year: int,
    years: Sequence[int],
    grace_yr: int = 0,
) -> FloatArray:
    """Yearly debt service of an annuity loan, optionally with a grace period on the principal.

    Parameters
    ----------
    principal_kzt : float
        Amount borrowed [KZT].
    rate : float
        Interest rate [1/yr] (real in the constant-price model, see :func:`real_rate`).
    term_yr : int
        Number of yearly payments, grace years included [yr].
    first_year : int
        Year of the first payment [year].
    years : sequence of int
        Projected years.
    grace_yr : int, optional
        Years at the start in which only interest is paid (``principal × rate``); the
        principal is then repaid as an annuity over the remaining ``term_yr − grace_yr`` years.

    Returns
    -------
    numpy.ndarray
        Payment in each projected year [KZT/yr] (payments outside the horizon are dropped).
    """
    if not 0 <= grace_yr < term_yr:
        raise ValueError("grace_yr must be in [0, term_yr)")
    y = np.asarray(years)
    in_grace = (y >= first_year) & (y < first_year + grace_yr)
    repaying = (y >= first_year + grace_yr) & (y < first_year + term_yr)
    annuity = annuity_kzt(principal_kzt, rate, term_yr - grace_yr)
    return np.where(in_grace, principal_kzt * rate, np.where(repaying, annuity, 0.0))


def blended_rate(concessional_rate: float, commercial_rate: float, concessional_share: float):
    """Average interest rate of a loan mix [1/yr], weighted by the concessional share [-]."""
    return concessional_share * concessional_rate + (1 - concessional_share) * commercial_rate


def loan_mix_kzt(
    capex_kzt: float,
    start_year: int,
    years: Sequence[int],
    concessional_rate: float,
    commercial_rate: float,
    term_yr: int,
    concessional_share: float,
    grace_yr: int = 0,
) -> tuple[FloatArray, FloatArray]:
    """Debt service of a facility financed by a concessional and a commercial loan, and the
    interest the concessional lender forgoes.

    Both loans are annuities over ``term_yr`` starting in ``start_year``; the concessional one
    covers ``concessional_share`` of the capex and pays only interest in its first
    ``grace_yr`` years (:func:`loan_payments_kzt`); the commercial loan has no grace.

    Returns
    -------
    tuple of numpy.ndarray
        Debt service in each projected year [KZT/yr], and the subsidy: what an all-commercial
        loan would cost more in each year [KZT/yr].
    """
    concessional = loan_payments_kzt(
        capex_kzt * concessional_share, concessional_rate, term_yr, start_year, years, grace_yr
    )
    commercial = loan_payments_kzt(
        capex_kzt * (1 - concessional_share), commercial_rate, term_yr, start_year, years
    )
    all_commercial = loan_payments_kzt(capex_kzt, commercial_rate, term_yr, start_year, years)
    debt = concessional + commercial
    return debt, all_commercial - debt


def loan_mix_payment_kzt_per_yr(
    capex_kzt: float,
    concessional_rate: float,
    commercial_rate: float,
    term_yr: int,
    concessional_share: float,
    grace_yr: int = 0,
) -> float:
    """Yearly payment of the loan mix of :func:`loan_mix_kzt` once both loans repay principal
    (after any grace period) [KZT/yr]."""
    return annuity_kzt(
        capex_kzt * concessional_share, concessional_rate, term_yr - grace_yr
    ) + annuity_kzt(capex_kzt * (1 - concessional_share), commercial_rate, term_yr)
