"""Lagrangian lower bound of the classic splittable CFLP (numpy only).

The demand constraints are relaxed; what is left separates into one
continuous knapsack per facility plus a 0/1 cover knapsack over the facilities
(:func:`cflp_lagrangian_bound`). :class:`SubgradientEngine` is the one
subgradient method of the package; the reduced-cost fixing of
:mod:`planner.siting.fixing` and the heuristic of :mod:`planner.siting.heuristic`
reuse its subproblem solvers.

**Relaxation.** With multipliers ``lambda_j`` [cost units / t] on the demand
constraints ``sum_i x_ij = d_j``, let ``r_ij = c_ij - lambda_j`` and::

    L(lambda) = sum_j lambda_j d_j + min  sum_i f_i y_i + sum_ij r_ij x_ij
                s.t. 0 <= x_ij <= d_j y_i,  sum_j x_ij <= s_i y_i,
                     x_ij = 0 on forbidden pairs (c_ij = inf),
                     sum_i w_i y_i >= r,  y_i in {0, 1}

where ``sum_i w_i y_i >= r`` is the aggregate cover constraint
``sum_i s_i y_i >= D`` (``D = sum_j d_j``) written on an integer grid (see
below). For fixed ``y`` the problem separates by facility: an open
facility contributes ``g_i = f_i + v_i`` with ``v_i`` the value of the
continuous knapsack ``min sum_j r_ij x_ij, 0 <= x_ij <= d_j,
sum_j x_ij <= s_i`` (customers with ``r_ij < 0`` taken in increasing
order of ``r_ij`` up to capacity), a closed one contributes 0. What remains
is the 0/1 min-cost cover knapsack ``min g.y s.t. w.y >= r``, solved exactly
by dynamic programming over at most 4,000 capacity units.

**Validity for every lambda (weak duality).** Let ``(x, y)`` be any
feasible plan of the CFLP. Then (i) ``x_ij <= d_j y_i``,
``sum_j x_ij <= s_i y_i`` and ``x_ij = 0`` on forbidden pairs hold;
(ii) ``sum_i s_i y_i >= sum_ij x_ij = D``, so the cover holds, and so does
its grid version: either the capacities are integers with common divisor
``g`` and ``w_i = s_i / g``, ``r = ceil(D / g)`` (``sum_i w_i y_i`` is an
integer ``>= D / g``), or ``w_i >= s_i / q`` and ``r <= D / q`` for a grid
step ``q`` (rounding weights up and the right-hand side down only enlarges
the feasible set). So ``(x, y)`` is feasible for the inner minimisation, and
because ``sum_i x_ij = d_j`` the penalty term vanishes::

    cost(x, y) = sum_j lambda_j d_j + sum_i f_i y_i + sum_ij (c_ij - lambda_j) x_ij
              >= L(lambda).

Hence ``L(lambda) <= OPT`` for every ``lambda``, whichever multipliers the
subgradient method visits; :func:`cflp_lagrangian_bound` returns the largest
``L`` seen. The inner minimum is computed exactly (the knapsacks are solved to
optimality), so the only error is floating-point rounding, of relative
order 1e-12 of the objective.

Only numpy and the standard library are used (no UI imports).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from planner.siting.problem import CflpProblem, IndexSpec, classic_problem, require_classic

#: Largest number of capacity units used by the exact cover knapsack of the
#: Lagrangian subproblem (see :func:`_cover_grid`).
_COVER_MAX_UNITS = 4000
#: Subgradient iterations without improvement before the step factor is halved.
_PATIENCE = 100


def _cover_grid(capacity: np.ndarray, required: float) -> tuple[np.ndarray, int, bool]:
    """Integer weights for the cover constraint ``sum_i s_i y_i >= required``.

    Returns ``(w, r, exact)`` such that every 0/1 vector ``y`` with
    ``sum_i s_i y_i >= required`` also satisfies ``sum_i w_i y_i >= r``
    (a relaxation). If the capacities are integers whose greatest common
    divisor ``g`` gives at most ``_COVER_MAX_UNITS`` units of demand, the
    weights are ``s_i / g`` and the constraint is unchanged (``exact``);
    otherwise the capacities are rounded up on a grid of ``required / 4000`` t.
    """
    if required <= 0:
        return np.zeros(capacity.shape[0], dtype=np.int64), 0, True
    ints = capacity == np.round(capacity)
    if ints.all() and capacity.max() < 2**53:
        positive = capacity[capacity > 0].astype(np.int64)
        g = int(np.gcd.reduce(positive)) if positive.size else 1
        if required / g <= _COVER_MAX_UNITS:
            w = (capacity / g).astype(np.int64)  # exact: integer quotients
            # sum w y is an integer >= required / g, hence >= ceil(required / g);
            # the factor guards against rounding the quotient up past an integer.
            r = int(np.ceil(required / g * (1.0 - 1e-12)))
            return w, r, True
    q = required / _COVER_MAX_UNITS  # [t per unit]
    w = np.floor(capacity / q).astype(np.int64) + 1  # >= ceil(s_i / q)
    r = int(np.floor(required / q * (1.0 - 1e-12)))  # <= required / q
    return w, r, False


def _min_cover(g: np.ndarray, w: np.ndarray, r: int) -> np.ndarray:
    """Exact ``min g.y  s.t.  w.y >= r, y in {0, 1}`` by dynamic programming.

    Items with ``g_i < 0`` are always taken. Returns the bool vector ``y``.
    The caller guarantees ``w.sum() >= r`` (otherwise the CFLP is infeasible).
    """
    y = g < 0
    rest = r - int(w[y].sum())
    if rest <= 0:
        return y
    items = np.flatnonzero(~y)
    dp = np.full(rest + 1, np.inf)  # dp[u]: cheapest cost reaching >= u units
    dp[0] = 0.0
    take = np.zeros((items.size, rest + 1), dtype=bool)
    for k, i in enumerate(items):
        wi = min(int(w[i]), rest)
        shifted = np.empty_like(dp)
        shifted[:wi] = 0.0  # dp[max(u - w_i, 0)] with dp[0] = 0
        shifted[wi:] = dp[: rest + 1 - wi]
        cand = g[i] + shifted
        better = cand < dp
        take[k] = better
        dp = np.where(better, cand, dp)
    u = rest
    for k in range(items.size - 1, -1, -1):
        if u <= 0:
            break
        if take[k, u]:
            y[items[k]] = True
            u = max(u - int(w[items[k]]), 0)
    return y


def _facility_knapsacks(
    reduced: np.ndarray, demand: np.ndarray, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Continuous knapsack of every facility at once.

    For each facility ``i`` solve ``min sum_j r_ij x_ij`` s.t. ``0 <= x_ij <= d_j``,
    ``sum_j x_ij <= s_i``: fill the customers with negative reduced cost
    ``r_ij`` [cost units / t] in increasing order of ``r_ij`` up to capacity.

    Returns
    -------
    value : numpy.ndarray
        Optimal value per facility, shape [m] [cost units] (<= 0).
    order : numpy.ndarray
        Int array [m x k]: customer indices of row ``i`` in increasing ``r_ij``
        (only the ``k`` entries that can be negative are kept).
    amount : numpy.ndarray
        Optimal ``x_i,order[i, l]``, shape [m x k] [t].
    """
    m, n = reduced.shape
    k = int((reduced < 0).sum(axis=1).max())  # most customers any knapsack can want
    if k == 0:
        return np.zeros(m), np.zeros((m, 0), dtype=np.int64), np.zeros((m, 0))
    if k < n:  # only the k most negative entries of each row can be used
        part = np.argpartition(reduced, k - 1, axis=1)[:, :k]
        sub = np.take_along_axis(reduced, part, axis=1)
        inner = np.argsort(sub, axis=1)
        order = np.take_along_axis(part, inner, axis=1)
        r_sorted = np.take_along_axis(sub, inner, axis=1)
    else:
        order = np.argsort(reduced, axis=1)
        r_sorted = np.take_along_axis(reduced, order, axis=1)
    neg = r_sorted < 0
    d_sorted = np.where(neg, demand[order], 0.0)
    before = np.cumsum(d_sorted, axis=1) - d_sorted
    amount = np.clip(capacity[:, None] - before, 0.0, d_sorted)
    value = (amount * np.where(neg, r_sorted, 0.0)).sum(axis=1)
    return value, order, amount


#: Smallest step factor ``theta``; the ascent stops below it.
_THETA_MIN = 1e-6


class SubgradientEngine:
    """Subgradient ascent on ``L(lambda)`` of the classic CFLP (internal).

    The one multiplier path of the package: :func:`cflp_lagrangian_bound` and
    the Lagrangian heuristic (:func:`planner.siting.solve_cflp_lagrangian`, and
    through it :func:`planner.siting.solve_cflp_nearest`'s local search) both
    run it, so on one instance and for one iteration budget they visit the same
    multipliers and reach the same bound.

    Works on the customers with positive demand only: ``f`` [m] fixed costs
    [cost units], ``s`` [m] capacities [t], ``d`` [n'] demands [t] (all
    positive), ``c`` [m x n'] unit costs [cost units / t] (``inf`` = forbidden).

    **Step.** Start at ``lambda_j = min_i (c_ij + f_i / s_i)``. Each iteration
    solves the subproblem (see the module docstring), giving
    ``L(lambda)`` and the tonnes ``x_ij`` it ships, and moves along the
    subgradient in the share space, ``h_j = (d_j - sum_i x_ij) / d_j`` [-] (the
    multiplier ``mu_j = lambda_j d_j`` of ``sum_i w_ij = 1``), with the Polyak
    step ``lambda_j += theta * (T - L) / ||h||^2 * h_j / d_j``. The target ``T``
    is the upper bound when one is known (a plan's cost), else 1 % above the
    best bound. ``theta`` starts at 2 and halves after ``_PATIENCE`` iterations
    without improvement; the ascent stops when it falls below 1e-6 or when the
    subgradient vanishes (``L(lambda)`` is then the optimum).

    Attributes
    ----------
    lam : numpy.ndarray
        Current multipliers [cost units / t], shape [n'].
    bound : float
        Best ``L(lambda)`` seen [cost units] (``-inf`` before the first iteration).
    best_lam : numpy.ndarray
        Multipliers at which ``bound`` was reached [cost units / t].
    g : numpy.ndarray
        Lagrangian cost ``g_i = f_i + v_i`` of each facility at ``best_lam`` [cost units].
    freq : numpy.ndarray
        Exponentially decayed share of iterations with ``y_i = 1`` [-].
    iterations : int
        Iterations done over all runs [-].
    """

    def __init__(self, f: np.ndarray, s: np.ndarray, d: np.ndarray, c: np.ndarray) -> None:
        self.f, self.s, self.d, self.c = f, s, d, c
        self.w, self.r, _ = _cover_grid(s, float(d.sum()))
        # lambda_j = cheapest cost per tonne including the fixed cost spread over capacity
        per_t = np.divide(f, s, out=np.full_like(f, np.inf), where=s > 0)
        lam = np.min(c + per_t[:, None], axis=0)
        self.lam = np.where(np.isfinite(lam), lam, np.min(c, axis=0))  # zero-capacity sites only
        self.bound = -np.inf
        self.best_lam = self.lam.copy()
        self.g = np.zeros(f.shape[0])
        self.freq = np.zeros(f.shape[0])
        self.theta = 2.0
        self.stall = 0
        self.iterations = 0

    def run(
        self,
        *,
        max_iterations: int | None = None,
        until: float | None = None,
        upper_bound: float | None = None,
        stop: Callable[[], bool] | None = None,
        at_least_one: bool = False,
    ) -> None:
        """Iterate until a limit is hit; the state carries over to the next run.

        Parameters
        ----------
        max_iterations : int, optional
            Iterations in this run [-].
        until : float, optional
            ``time.perf_counter()`` deadline [s], checked before each iteration.
        upper_bound : float, optional
            Cost of a feasible plan [cost units]: the Polyak target, and the run
            stops once the bound is within 1e-9 of it.
        stop : callable, optional
            Checked before each iteration; true stops the run.
        at_least_one : bool, optional
            Do the first iteration even if ``until`` has passed.
        """
        d, c = self.d, self.c
        reduced = np.empty_like(c)
        done = 0
        while self.theta >= _THETA_MIN:
            if max_iterations is not None and done >= max_iterations:
                break
            timed = until is not None and (done or not at_least_one)
            if timed and time.perf_counter() >= until:
                break
            if stop is not None and stop():
                break
            np.subtract(c, self.lam[None, :], out=reduced)  # inf stays inf: never chosen
            v, order, amount = _facility_knapsacks(reduced, d, self.s)
            g = self.f + v
            y = _min_cover(g, self.w, self.r)
            value = float(self.lam @ d) + float(g[y].sum())
            done += 1
            self.iterations += 1
            self.freq = 0.98 * self.freq + 0.02 * y
            if not self.bound > -np.inf or value > self.bound + 1e-12 * abs(self.bound):
                self.bound = value
                self.best_lam = self.lam.copy()
                self.g = g
                self.stall = 0
            else:
                self.stall += 1
                if self.stall >= _PATIENCE:
                    self.theta *= 0.5
                    self.stall = 0
            if upper_bound is not None and self.bound >= upper_bound - 1e-9 * max(
                1.0, abs(upper_bound)
            ):
                break
            served = np.bincount(order[y].ravel(), weights=amount[y].ravel(), minlength=d.size)
            share = (d - served) / d  # subgradient in the share space [-]
            norm2 = float(share @ share)
            if norm2 <= 1e-18 * d.size:
                break  # x satisfies every demand: L(lambda) is the optimum
            if upper_bound is not None:
                target = upper_bound
            else:
                target = self.bound + 0.01 * max(abs(self.bound), 1.0)
            self.lam = self.lam + self.theta * max(target - value, 0.0) / norm2 * share / d


def cflp_lagrangian_bound(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    iterations: int = 1000,
    time_limit_s: float | None = None,
    upper_bound: float | None = None,
    return_multipliers: bool = False,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
) -> float | tuple[float, np.ndarray]:
    """Lagrangian lower bound for the classic splittable CFLP [cost units].

    Pure numpy (no LP/MILP solver), so it scales to instances whose LP
    relaxation HiGHS cannot solve in time, e.g. 200 sites x 2,000 settlements
    with every pair allowed. Memory is a handful of [m x n] float arrays.
    Only the classic problem: every customer fully served, split deliveries
    allowed, no budget, no ``max_open``, nothing forced open or closed (forbid
    pairs with ``unit_cost = inf`` instead). The relaxation and why every
    ``L(lambda)`` is a valid bound: see :mod:`planner.siting.lagrangian`; the
    multipliers are those of :class:`SubgradientEngine` (the same path as the
    Lagrangian heuristic's). At least one iteration is always done.

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        See :class:`CflpProblem` for the common parameters.
    iterations : int, optional
        Maximum number of subgradient iterations [-].
    time_limit_s : float, optional
        Wall-clock limit [s]; the best bound so far is returned when it is hit
        (checked once per iteration, so it may overrun by one iteration).
    upper_bound : float, optional
        Cost of any feasible plan [cost units], used in the Polyak step; the
        iteration also stops once the bound is within 1e-9 of it.
    return_multipliers : bool, optional
        If true, also return the multipliers at which the bound was reached
        (e.g. for :func:`lagrangian_fixing`).
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        Not supported (they exist so that a call with :func:`solve_cflp`'s
        keywords fails loudly); any value other than the default raises ``ValueError``.

    Returns
    -------
    float
        Lower bound on the optimal CFLP objective [cost units].
    numpy.ndarray
        Only with ``return_multipliers``: ``lambda`` [cost units / t], shape [n],
        with ``L(lambda)`` equal to the returned bound (0 for zero-demand customers).

    Raises
    ------
    ValueError
        On malformed input or an unsupported option.
    SitingInfeasible
        If the CFLP is obviously infeasible (too little capacity, or a customer
        with demand and no allowed facility); no finite bound exists then.
    """
    t0 = time.perf_counter()
    require_classic(
        "cflp_lagrangian_bound",
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    _check_bound_options(iterations, time_limit_s, upper_bound)
    inst = classic_problem(fixed_cost, capacity, demand, unit_cost)
    deadline = None if time_limit_s is None else t0 + float(time_limit_s)
    best, multipliers = _best_bound(inst, int(iterations), deadline, upper_bound)
    return (best, multipliers) if return_multipliers else best


def _check_bound_options(
    iterations: int, time_limit_s: float | None, upper_bound: float | None
) -> None:
    """Raise ``ValueError`` on a non-positive ``iterations`` [-] or ``time_limit_s`` [s],
    or a non-finite ``upper_bound`` [cost units] (in this order)."""
    if int(iterations) != iterations or iterations < 1:
        raise ValueError(f"iterations must be a positive integer, got {iterations}")
    if time_limit_s is not None and not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
    if upper_bound is not None and not np.isfinite(upper_bound):
        raise ValueError(f"upper_bound must be finite, got {upper_bound}")


def _best_bound(
    inst: CflpProblem, iterations: int, deadline: float | None, upper_bound: float | None
) -> tuple[float, np.ndarray]:
    """Run :class:`SubgradientEngine` on the customers with demand.

    Parameters
    ----------
    inst : CflpProblem
        A classic CFLP (no side options).
    iterations : int
        Maximum number of iterations [-] (at least one is done).
    deadline : float or None
        ``time.perf_counter()`` deadline [s].
    upper_bound : float or None
        Cost of a feasible plan [cost units] (the Polyak target).

    Returns
    -------
    tuple of (float, numpy.ndarray)
        The best ``L(lambda)`` [cost units] and its multipliers ``lambda``
        [cost units / t], shape [n] (0 for zero-demand customers).
    """
    active = inst.demand > 0
    d = inst.demand[active]
    if d.size == 0:
        return 0.0, np.zeros(inst.n)
    engine = SubgradientEngine(inst.fixed_cost, inst.capacity, d, inst.unit_cost[:, active])
    engine.run(
        max_iterations=iterations,
        until=deadline,
        upper_bound=upper_bound,
        at_least_one=True,
    )
    full = np.zeros(inst.n)
    full[active] = engine.best_lam
    return engine.bound, full
