"""Unit money quantities: MRP, per-tonne costs, fixed opex, the environmental payment,
revenue, campaigns, allocation, per-tonne and per-resident costs, sorting margins [KZT].

Money is in constant tenge of ``macro.price_year``; per-tonne costs and prices do not
escalate; MRP-denominated amounts use the MRP of each year (:func:`mrp_kzt_by_year`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def mrp_kzt_by_year(
    mrp_points: Mapping[int, float], real_growth_per_yr: float, years: Sequence[int]
) -> FloatArray:
    """Monthly calculation index in each year.

    Parameters
    ----------
    mrp_points : mapping of int to float
        Known MRP values [year → KZT].
    real_growth_per_yr : float
        Growth after the last known year [1/yr].
    years : sequence of int
        Years to evaluate.

    Returns
    -------
    numpy.ndarray
        The latest known value at or before each year, grown by ``real_growth_per_yr`` per year
        after the last known year; the first known value before it [KZT].
    """
    known = sorted(mrp_points.items())
    last_year, last_value = known[-1]
    out = []
    for y in years:
        if y >= last_year:
            out.append(last_value * (1.0 + real_growth_per_yr) ** (y - last_year))
        else:
            before = [v for k, v in known if k <= y]
            out.append(before[-1] if before else known[0][1])
    return np.array(out, dtype=float)


def per_tonne_cost_kzt(tonnes: ArrayLike, kzt_per_t: ArrayLike) -> FloatArray:
    """Cost proportional to tonnage: ``tonnes × kzt_per_t`` [KZT]."""
    return np.asarray(tonnes, dtype=float) * np.asarray(kzt_per_t, dtype=float)


def fixed_opex_kzt(capex_kzt: float, share_per_yr: float, operating: ArrayLike) -> FloatArray:
    """Fixed operating cost of a facility: ``capex × share`` in each operating year [KZT/yr].

    Parameters
    ----------
    capex_kzt : float
        Investment [KZT].
    share_per_yr : float
        Fixed opex as a share of capex [1/yr].
    operating : array_like of bool
        Whether the facility operates in each year.
    """
    return np.asarray(operating, dtype=float) * capex_kzt * share_per_yr


def environmental_payment_kzt(
    deposited_t: ArrayLike, rate_mrp_per_t: float, mrp_kzt: ArrayLike
) -> FloatArray:
    """Payment for placing waste on a landfill.

    Parameters
    ----------
    deposited_t : array_like
        Tonnes deposited, axis 0 the year [t/yr].
    rate_mrp_per_t : float
        Rate [MRP/t].
    mrp_kzt : array_like
        MRP of each year [KZT], broadcasting along axis 0.

    Returns
    -------
    numpy.ndarray
        [KZT/yr].
    """
    dep = np.asarray(deposited_t, dtype=float)
    mrp = np.asarray(mrp_kzt, dtype=float).reshape((-1,) + (1,) * (dep.ndim - 1))
    return dep * rate_mrp_per_t * mrp


def recyclable_revenue_kzt(recycled_t: ArrayLike, price_kzt_per_t: ArrayLike) -> FloatArray:
    """Revenue from selling recovered materials, summed over the last (material) axis [KZT]."""
    return (np.asarray(recycled_t, dtype=float) * np.asarray(price_kzt_per_t)).sum(axis=-1)


def campaign_cost_kzt(
    cost_kzt_per_yr: float, start_year: int, duration_yr: int, years: Sequence[int]
) -> FloatArray:
    """Cost of an awareness campaign in each projected year [KZT/yr]."""
    y = np.asarray(years)
    return np.where((y >= start_year) & (y < start_year + duration_yr), cost_kzt_per_yr, 0.0)


def allocate_kzt(total_kzt: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Split yearly amounts over columns in proportion to weights.

    Parameters
    ----------
    total_kzt : array_like
        Amount per year ``[year]`` [KZT/yr].
    weights : array_like
        Non-negative weights ``[year, column]`` (e.g. population reached per region).

    Returns
    -------
    numpy.ndarray
        ``[year, column]`` [KZT/yr]; a year with zero weight splits evenly.
    """
    w = np.asarray(weights, dtype=float)
    sums = w.sum(axis=1, keepdims=True)
    share = np.where(sums > 0, w / np.where(sums > 0, sums, 1.0), 1.0 / w.shape[1])
    return np.asarray(total_kzt, dtype=float)[:, None] * share


def cost_per_tonne_kzt(cost_kzt: ArrayLike, tonnes: ArrayLike) -> FloatArray:
    """Cost per tonne [KZT/t]; NaN where no tonnes."""
    c = np.asarray(cost_kzt, dtype=float)
    t = np.asarray(tonnes, dtype=float)
    return np.divide(c, t, out=np.full(np.broadcast(c, t).shape, np.nan), where=t > 0)


def cost_per_resident_month_kzt(cost_kzt_per_yr: ArrayLike, population: ArrayLike) -> FloatArray:
    """Cost per resident per month: ``cost / population / 12`` [KZT/(person·month)]."""
    return cost_per_tonne_kzt(np.asarray(cost_kzt_per_yr, dtype=float) / 12.0, population)


def sorting_margin_kzt(
    revenue_kzt: ArrayLike,
    incentive_kzt: ArrayLike,
    opex_kzt: ArrayLike,
    avoided_landfill_kzt: ArrayLike,
) -> FloatArray:
    """Operating margin of a sorting line (reference.md §3.4 item 4).

    ``margin = revenue(recyclables) + EPR incentive − opex(sorting) + avoided landfilling fee``
    [KZT/yr]; pass ``incentive_kzt = 0`` for the margin without incentives.  The tariff's
    sorting component is not counted as income (the line must live off materials, incentives
    and the landfill fee it saves).
    """
    return (
        np.asarray(revenue_kzt, dtype=float)
        + np.asarray(incentive_kzt, dtype=float)
        - np.asarray(opex_kzt, dtype=float)
        + np.asarray(avoided_landfill_kzt, dtype=float)
    )


def recovery_ratio(recycled_t: ArrayLike, sorted_t: ArrayLike) -> FloatArray:
    """Share of sorted tonnes recovered [-], 0 where nothing was sorted."""
    r = np.asarray(recycled_t, dtype=float)
    s = np.asarray(sorted_t, dtype=float)
    return np.divide(r, s, out=np.zeros(np.broadcast(r, s).shape), where=s > 0)


def average_gate_fee_kzt_per_t(
    gate_fee_kzt: ArrayLike, deposited_t: ArrayLike, fee_by_type_kzt_per_t: Mapping[str, float]
) -> FloatArray:
    """Average landfill gate fee per tonne deposited [KZT/t] (the fee a sorting line saves).

    Where nothing was deposited (NaN), the mean of the gate fees by landfill type applies.
    """
    average = cost_per_tonne_kzt(gate_fee_kzt, deposited_t)
    fallback = float(np.mean(list(fee_by_type_kzt_per_t.values())))
    return np.where(np.isnan(average), fallback, average)


def opex_kzt(
    total_kzt: ArrayLike, capex_kzt: ArrayLike, revenue_kzt: ArrayLike, awareness_kzt: ArrayLike
) -> FloatArray:
    """Operating costs as the residual of the total [KZT/yr]:
    ``total − capex + revenue − awareness`` (the total is net of revenue)."""
    return (
        np.asarray(total_kzt, dtype=float)
        - np.asarray(capex_kzt, dtype=float)
        + np.asarray(revenue_kzt, dtype=float)
        - np.asarray(awareness_kzt, dtype=float)
    )


def diversion_cost_kzt(
    sorting_opex_kzt: ArrayLike,
    composting_opex_kzt: ArrayLike,
    diversion_capital_kzt: ArrayLike,
    awareness_kzt: ArrayLike,
    revenue_kzt: ArrayLike,
) -> FloatArray:
    """Cost of diverting waste from landfill [KZT/yr]: sorting and composting opex, the
    annualised capital of new sorting and composting facilities and campaigns, net of revenue
    from recovered materials."""
    return (
        np.asarray(sorting_opex_kzt, dtype=float)
        + np.asarray(composting_opex_kzt, dtype=float)
        + np.asarray(diversion_capital_kzt, dtype=float)
        + np.asarray(awareness_kzt, dtype=float)
        - np.asarray(revenue_kzt, dtype=float)
    )
