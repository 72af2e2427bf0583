"""Small pure functions, each computing one quantity of the waste-flow model.

Arrays follow one axis convention: ``[year, district, material]`` for 3-D, ``[district,
material]`` for one year.  The projection (:mod:`planner.projection`) strings these together
and holds no formula of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def trajectory_values(points: Mapping[int, float], years: Sequence[int]) -> FloatArray:
    """Values of a trajectory at each year.

    Parameters
    ----------
    points : mapping of int to float
        Known values at given years [year → value].
    years : sequence of int
        Years to evaluate [year].

    Returns
    -------
    numpy.ndarray
        Values linearly interpolated between points, flat before the first and after the last.
    """
    xs = np.fromiter(points.keys(), dtype=float)
    ys = np.fromiter(points.values(), dtype=float)
    order = np.argsort(xs)
    return np.interp(np.asarray(years, dtype=float), xs[order], ys[order])


def continue_trajectory(
    start_year: int, start_value: float, points: Mapping[int, float]
) -> dict[int, float]:
    """A lever trajectory that starts from today's value.

    Parameters
    ----------
    start_year : int
        Year of the known current value [year].
    start_value : float
        Current value [same unit as the points].
    points : mapping of int to float
        Lever points [year → value]; a point at ``start_year`` replaces the current value.

    Returns
    -------
    dict
        ``{start_year: start_value}`` merged with ``points`` (points win).
    """
    merged = {start_year: start_value} if not points or min(points) > start_year else {}
    merged.update(points)
    return merged


def compound_growth(
    value: float, rate_per_yr: float, from_year: int, years: Sequence[int]
) -> FloatArray:
    """A value growing at a constant rate.

    Parameters
    ----------
    value : float
        Value in ``from_year`` [any unit].
    rate_per_yr : float
        Growth rate [1/yr].
    from_year : int
        Year of ``value`` [year].
    years : sequence of int
        Years to evaluate [year].

    Returns
    -------
    numpy.ndarray
        ``value · (1 + rate)^(year − from_year)`` [same unit as ``value``].
    """
    offsets = np.asarray(years, dtype=float) - from_year
    return value * np.power(1.0 + rate_per_yr, offsets)


def generation_t_per_yr(
    population: FloatArray, generation_t_per_cap_yr: FloatArray, composition: FloatArray
) -> FloatArray:
    """MSW generated per year, district and material.

    Parameters
    ----------
    population : numpy.ndarray
        Residents [persons], shape ``[year, district]``.
    generation_t_per_cap_yr : numpy.ndarray
        Per-capita generation [t/(person·yr)], shape ``[year, district]``.
    composition : numpy.ndarray
        Mass shares [-], shape ``[district, material]``, rows summing to 1.

    Returns
    -------
    numpy.ndarray
        Generated MSW [t/yr], shape ``[year, district, material]``.
    """
    return (population * generation_t_per_cap_yr)[..., None] * composition


def campaign_participation(
    base: FloatArray,
    years: Sequence[int],
    start_year: int,
    duration_yr: int,
    gain_per_yr: float,
    ceiling: float,
) -> FloatArray:
    """Participation in separate collection after an awareness campaign.

    Each campaign year adds ``gain_per_yr``; the gain persists after the campaign.  The campaign
    never lowers participation and never pushes it above ``ceiling``.

    Parameters
    ----------
    base : numpy.ndarray
        Participation without this campaign [-], shape ``[year, ...]``.
    years : sequence of int
        The years of axis 0 [year].
    start_year : int
        First campaign year [year].
    duration_yr : int
        Number of campaign years [yr].
    gain_per_yr : float or numpy.ndarray
        Participation added per campaign year [1/yr]; an array gives one gain per index of
        ``base``'s axis 1 (the draws of :mod:`planner.uncertainty`).
    ceiling : float
        Upper limit the campaign respects [-].

    Returns
    -------
    numpy.ndarray
        Participation with the campaign [-], same shape as ``base``.
    """
    active_yr = np.clip(np.asarray(years, dtype=float) - start_year + 1, 0, duration_yr)
    per_yr = np.asarray(gain_per_yr, dtype=float)  # a scalar, or one gain per draw (axis 1)
    gain = np.multiply.outer(active_yr, per_yr)
    gain = gain.reshape(gain.shape + (1,) * (base.ndim - gain.ndim))
    return np.maximum(base, np.minimum(base + gain, ceiling))


def source_separated_t(
    collected_t: FloatArray, participation: FloatArray, capture: FloatArray
) -> FloatArray:
    """Tonnes put into separate collection.

    Parameters
    ----------
    collected_t : numpy.ndarray
        Collected MSW [t/yr], shape ``[district, material]`` (or ``[draw, district,
        material]``).
    participation : numpy.ndarray
        Share of households separating [-], shape ``[district]`` (or ``[draw, district]``).
    capture : numpy.ndarray
        Share of each material that participants separate [-], shape ``[material]`` (or
        ``[draw, 1, material]``).

    Returns
    -------
    numpy.ndarray
        Separately collected MSW [t/yr], shape ``[district, material]``.
    """
    return collected_t * participation[..., None] * capture


def capacity_share(demand_t: float, capacity_t: float) -> float:
    """Share of a demand a facility can take.

    Parameters
    ----------
    demand_t : float
        Tonnes offered to the facility [t/yr].
    capacity_t : float
        Tonnes the facility can take [t/yr].

    Returns
    -------
    float
        ``min(1, capacity / demand)`` [-]; 0 when there is no demand.
    """
    if demand_t <= 0.0:
        return 0.0
    return min(1.0, capacity_t / demand_t)


def capacity_shares(demand_t: FloatArray, capacity_t: FloatArray) -> FloatArray:
    """:func:`capacity_share` for arrays of demands and capacities (one per draw) [-]."""
    demand = np.asarray(demand_t, dtype=float)
    safe = np.where(demand > 0.0, demand, 1.0)
    return np.where(demand > 0.0, np.minimum(1.0, np.asarray(capacity_t) / safe), 0.0)


def effective_capacity_t_per_yr(capacity_t_per_yr: float, utilisation: float) -> float:
    """Capacity a facility actually offers.

    Parameters
    ----------
    capacity_t_per_yr : float
        Nominal input capacity [t/yr].
    utilisation : float
        Share of the nominal capacity used [-].

    Returns
    -------
    float
        ``capacity × utilisation`` [t/yr].
    """
    return capacity_t_per_yr * utilisation


def recovered_t(input_t: FloatArray, recovery: FloatArray) -> FloatArray:
    """Tonnes recovered from a facility's input.

    Parameters
    ----------
    input_t : numpy.ndarray
        Input [t/yr], shape ``[..., material]``.
    recovery : numpy.ndarray
        Recovered share per material [-], shape ``[material]``.

    Returns
    -------
    numpy.ndarray
        Recovered tonnes [t/yr], same shape as ``input_t``.
    """
    return input_t * recovery


def share_of(numerator_t: FloatArray, denominator_t: FloatArray) -> FloatArray:
    """A ratio of tonnages that is 0 where the denominator is 0.

    Parameters
    ----------
    numerator_t, denominator_t : numpy.ndarray
        Tonnages [t/yr] of the same shape.

    Returns
    -------
    numpy.ndarray
        ``numerator / denominator`` [-], 0 where the denominator is 0.
    """
    out = np.zeros(np.broadcast(numerator_t, denominator_t).shape)
    np.divide(numerator_t, denominator_t, out=out, where=denominator_t > 0)
    return out


def years_left(remaining_t: FloatArray, rate_t_per_yr: FloatArray) -> FloatArray:
    """Years until a landfill is full at the current rate.

    Parameters
    ----------
    remaining_t : numpy.ndarray
        Capacity left [t].
    rate_t_per_yr : numpy.ndarray
        Tonnes deposited per year [t/yr].

    Returns
    -------
    numpy.ndarray
        ``remaining / rate`` [yr]; NaN where nothing is deposited (undefined).
    """
    out = np.full(np.broadcast(remaining_t, rate_t_per_yr).shape, np.nan)
    with np.errstate(over="ignore"):  # a vanishing rate gives +inf years, which is right
        np.divide(remaining_t, rate_t_per_yr, out=out, where=rate_t_per_yr > 0)
    return out
