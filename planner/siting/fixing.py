"""Lagrangian reduced-cost fixing for the classic splittable CFLP.

:func:`lagrangian_fixing` tells, from the relaxation of
:func:`planner.siting.cflp_lagrangian_bound` at given multipliers and the cost
of a known plan, which facilities no optimal plan opens and which every optimal
plan opens.

**Bounds with one facility fixed.** With ``g_i = f_i + v_i`` (fixed cost
plus the facility's knapsack value at reduced costs ``c_ij - lambda_j``) and
the cover knapsack ``w.y >= r``::

    L(lambda | y_i = 1) = sum_j lambda_j d_j + g_i + min {g.y : w.y >= r - w_i, y_i = 0}
    L(lambda | y_i = 0) = sum_j lambda_j d_j +       min {g.y : w.y >= r,       y_i = 0}

(the minimum runs over the other facilities; ``inf`` if they cannot reach
the cover). Both are computed exactly for every ``i`` from prefix/suffix
tables of the cover dynamic programme, in ``O(m r)``.

**Validity.** Adding ``y_i = 1`` (resp. ``y_i = 0``) to both the CFLP and
its relaxation, the weak-duality argument of :mod:`planner.siting.lagrangian`
applies unchanged: every feasible plan with ``y_i = 1`` satisfies the
relaxed constraints with ``y_i = 1``, and its penalty term vanishes, so its
cost is at least ``L(lambda | y_i = 1)``; the same for ``y_i = 0``. Now let
``OPT <= upper_bound`` (there is a plan costing ``upper_bound``).

* If ``L(lambda | y_i = 1) > upper_bound`` then every plan opening ``i``
  costs more than ``upper_bound >= OPT``: no optimal plan opens ``i``, and
  ``i`` can be **closed**.
* If ``L(lambda | y_i = 0) > upper_bound`` then every plan keeping ``i``
  closed costs more than ``OPT``: every optimal plan opens ``i``, and ``i``
  can be **forced open**.

Each statement holds for *every* optimal plan, so all the fixings hold
together: closing all ``close`` sites and opening all ``force_open`` sites at
once keeps every optimal plan (and every plan costing at most
``upper_bound``). The fixing does not change the lower bound: ``L(lambda)``
and any other bound of the unrestricted problem stay valid for it. A
relative margin of 1e-9 on ``upper_bound`` absorbs floating-point rounding
(the bounds are exact up to about 1e-12 relative).

Only numpy and the standard library are used (no UI imports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.siting.lagrangian import _cover_grid, _facility_knapsacks
from planner.siting.problem import CflpProblem, SitingInfeasible, cheap_infeasibility_reason


@dataclass(frozen=True, eq=False)
class LagrangianFixing:
    """Result of :func:`lagrangian_fixing`.

    Attributes
    ----------
    bound : float
        ``L(lambda)``, a lower bound on the optimum [cost units].
    bound_if_open : numpy.ndarray
        ``L(lambda | y_i = 1)`` per facility, shape [m] [cost units]: a lower
        bound on every plan that opens ``i`` (``inf`` if none is possible).
    bound_if_closed : numpy.ndarray
        ``L(lambda | y_i = 0)`` per facility, shape [m] [cost units]: a lower
        bound on every plan that keeps ``i`` closed (``inf`` if none is possible).
    close : numpy.ndarray
        Bool [m]: ``bound_if_open > upper_bound`` -- no plan opening ``i`` is
        as cheap as the known plan, so ``i`` can be closed.
    force_open : numpy.ndarray
        Bool [m]: ``bound_if_closed > upper_bound`` -- ``i`` can be forced open.
    upper_bound : float
        The upper bound the tests used [cost units].
    """

    bound: float
    bound_if_open: np.ndarray
    bound_if_closed: np.ndarray
    close: np.ndarray
    force_open: np.ndarray
    upper_bound: float

    @property
    def n_closed(self) -> int:
        """Number of facilities that can be closed [-]."""
        return int(self.close.sum())

    @property
    def n_forced_open(self) -> int:
        """Number of facilities that can be forced open [-]."""
        return int(self.force_open.sum())


def _cover_tables(g: np.ndarray, w: np.ndarray, r: int) -> tuple[np.ndarray, np.ndarray]:
    """Prefix and suffix tables of the cover knapsack ``min g.y, w.y >= u``.

    ``pre[k, u]`` is the cheapest cost of a subset of items ``0..k-1`` with
    ``w.y >= u`` (``u = 0..r``), ``suf[k, u]`` the same over items ``k..m-1``;
    ``inf`` where no subset reaches ``u``. Both are non-decreasing in ``u``.
    """
    m = g.shape[0]
    pre = np.full((m + 1, r + 1), np.inf)
    suf = np.full((m + 1, r + 1), np.inf)
    pre[0, 0] = suf[m, 0] = 0.0

    def step(dp: np.ndarray, gi: float, wi: int) -> np.ndarray:
        wi = min(int(wi), r)
        shifted = np.empty_like(dp)
        shifted[:wi] = dp[0]  # reaching >= u <= w_i needs the rest to reach >= 0
        shifted[wi:] = dp[: r + 1 - wi]
        return np.minimum(dp, gi + shifted)

    for k in range(m):
        pre[k + 1] = step(pre[k], g[k], w[k])
        j = m - 1 - k
        suf[j] = step(suf[j + 1], g[j], w[j])
    return pre, suf


def _combine(a: np.ndarray, b: np.ndarray, need: int) -> float:
    """``min_u a[u] + b[need - u]`` over ``u = 0..need``: cheapest union reaching ``need``."""
    return float(np.min(a[: need + 1] + b[need::-1]))


def lagrangian_fixing(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    multipliers: Sequence[float] | np.ndarray,
    upper_bound: float,
) -> LagrangianFixing:
    """Lagrangian reduced-cost fixing: facilities that can be closed or forced open.

    For the classic splittable CFLP (all demand served, no side options), with
    the relaxation ``L(lambda)`` of :func:`cflp_lagrangian_bound` at the given
    multipliers (e.g. its ``return_multipliers=True`` output) and the cost
    ``upper_bound`` of any feasible plan.

    The bounds with one facility fixed and why the fixings are valid are in
    the docstring of :mod:`planner.siting.fixing`.

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        See :class:`CflpProblem` for the common parameters.
    multipliers : array_like
        ``lambda_j`` [cost units / t], shape [n]; any values give valid bounds,
        good ones (near the Lagrangian dual optimum) fix more.
    upper_bound : float
        Cost of a feasible plan [cost units] (an upper bound on the optimum).

    Returns
    -------
    LagrangianFixing
        The per-facility bounds and the ``close`` / ``force_open`` masks.

    Raises
    ------
    ValueError
        On malformed input.
    SitingInfeasible
        If the CFLP is obviously infeasible.
    """
    inst = CflpProblem.create(fixed_cost, capacity, demand, unit_cost)
    lam = _as_unit_free_vector("multipliers", multipliers, inst.n)
    if not np.isfinite(upper_bound):
        raise ValueError(f"upper_bound must be finite, got {upper_bound}")
    reason = cheap_infeasibility_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)
    if_open, if_closed = _bounds_with_one_fixed(inst, lam)
    bound = float(np.minimum(if_open, if_closed).min())
    margin = 1e-9 * max(1.0, abs(float(upper_bound)))
    for arr in (if_open, if_closed):
        arr.setflags(write=False)
    return LagrangianFixing(
        bound=bound,
        bound_if_open=if_open,
        bound_if_closed=if_closed,
        close=if_open > upper_bound + margin,
        force_open=if_closed > upper_bound + margin,
        upper_bound=float(upper_bound),
    )


def _bounds_with_one_fixed(inst: CflpProblem, lam: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``L(lambda | y_i = 1)`` and ``L(lambda | y_i = 0)`` for every facility [cost units].

    Parameters
    ----------
    inst : CflpProblem
        A classic CFLP.
    lam : numpy.ndarray
        Multipliers ``lambda_j`` [cost units / t], shape [n].

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray)
        The two bounds per facility, shape [m] each (``inf`` where the other
        facilities cannot reach the cover).
    """
    m = inst.m
    active = inst.demand > 0
    d = inst.demand[active]
    c = inst.unit_cost[:, active]
    lam = lam[active]
    if d.size:
        v, _, _ = _facility_knapsacks(c - lam[None, :], d, inst.capacity)
    else:
        v = np.zeros(m)
    g = inst.fixed_cost + v
    w, r, _ = _cover_grid(inst.capacity, float(d.sum()))
    pre, suf = _cover_tables(g, w, r)
    base = float(lam @ d)
    if_open = np.empty(m)
    if_closed = np.empty(m)
    for i in range(m):
        if_open[i] = base + g[i] + _combine(pre[i], suf[i + 1], max(r - int(w[i]), 0))
        if_closed[i] = base + _combine(pre[i], suf[i + 1], r)
    return if_open, if_closed


def _as_unit_free_vector(name: str, values: object, length: int) -> np.ndarray:
    """1-D finite float array of the given length (sign unrestricted)."""
    arr = np.asarray(values, dtype=float)
    if arr.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite")
    return arr
