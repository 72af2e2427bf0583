"""The CFLP as a MILP for HiGHS: build the strong formulation, solve, extract.

See :mod:`planner.siting` for the model. :func:`solve_cflp` is the exact solver,
:func:`cflp_lp_bound` the LP relaxation's value. HiGHS is called through
:func:`scipy.optimize.milp` with ``disp=False``; some HiGHS builds still print
debug lines from C++ to file descriptor 1, which callers that own their stdout
(the CLI, the benchmarks) silence with
:func:`planner.siting.quiet.quiet_native_stdout`. The library itself never
redirects file descriptors, so a server process keeps its output and its
concurrency.

Only numpy, scipy and the standard library are used (no UI imports).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from planner.siting.check import require_valid_plan
from planner.siting.problem import (
    CflpProblem,
    CflpSolution,
    IndexSpec,
    SitingInfeasible,
    SitingSolveError,
    cheap_infeasibility_reason,
    fmt_num,
    plan_costs,
)


def _cheapest_cover_cost(inst: CflpProblem, time_limit_s: float = 5.0) -> float | None:
    """Cheapest fixed cost [cost units] of a facility set with enough capacity.

    Solves the knapsack-like MILP ``min f.y  s.t.  s.y >= required``, respecting
    forced-open, forced-closed and ``max_open``. It ignores assignments, so the
    value is a lower bound on the fixed cost of any feasible plan. Returns the
    HiGHS dual bound (a valid lower bound), or ``None`` if it could not be solved.
    """
    m = inst.m
    rows = [inst.capacity[None, :]]
    lo = [inst.required]
    hi = [np.inf]
    if inst.max_open is not None:
        rows.append(np.ones((1, m)))
        lo.append(-np.inf)
        hi.append(inst.max_open)
    cons = LinearConstraint(np.vstack(rows), np.array(lo), np.array(hi))
    lb = inst.open_forced.astype(float)
    ub = (~inst.closed_forced).astype(float)
    res = milp(
        inst.fixed_cost,
        integrality=np.ones(m),
        bounds=Bounds(lb, ub),
        constraints=cons,
        options={"time_limit": time_limit_s, "mip_rel_gap": 1e-9},
    )
    if res.status != 0 or res.x is None:
        return None
    bound = getattr(res, "mip_dual_bound", None)
    return float(bound) if bound is not None and np.isfinite(bound) else float(res.fun)


def _budget_reason(inst: CflpProblem) -> str | None:
    """Reason string if the budget cannot buy enough capacity, else ``None``."""
    if inst.budget is None:
        return None
    cheapest = _cheapest_cover_cost(inst)
    if cheapest is None:
        return None
    if cheapest > inst.budget * (1 + 1e-9) + 1e-9:
        return (
            f"the budget of {fmt_num(inst.budget)} is too small: the cheapest set of facilities "
            f"with enough capacity for the required {fmt_num(inst.required)} t costs "
            f"{fmt_num(cheapest)}"
        )
    return None


# ---------------------------------------------------------------------------
# Model building
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Model:
    """Sparse MILP in scipy.optimize.milp form (internal)."""

    c: np.ndarray
    integrality: np.ndarray
    bounds: Bounds
    constraints: LinearConstraint
    pair_i: np.ndarray  # facility index of each w column
    pair_j: np.ndarray  # customer index of each w column

    @property
    def n_variables(self) -> int:
        return self.c.shape[0]

    @property
    def n_constraints(self) -> int:
        return self.constraints.A.shape[0]


def _pairs(inst: CflpProblem) -> tuple[np.ndarray, np.ndarray]:
    """Facility/customer indices of modelled pairs (allowed and positive demand)."""
    mask = inst.allowed & (inst.demand > 0)[None, :]
    pi, pj = np.nonzero(mask)
    return pi.astype(np.int64), pj.astype(np.int64)


def build_model(inst: CflpProblem) -> _Model:
    """Build the strong CFLP formulation as one sparse constraint block.

    Columns: ``y_0..y_{m-1}`` then one ``w`` per modelled pair.
    """
    m = inst.m
    pi, pj = _pairs(inst)
    p = pi.shape[0]
    w_col = m + np.arange(p)
    d_p = inst.demand[pj]
    served = np.flatnonzero(inst.demand > 0)
    cust_row = np.full(inst.n, -1, dtype=np.int64)
    cust_row[served] = np.arange(served.shape[0])

    blocks_r: list[np.ndarray] = []
    blocks_c: list[np.ndarray] = []
    blocks_v: list[np.ndarray] = []
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    row0 = 0

    def add(r: np.ndarray, cols: np.ndarray, v: np.ndarray, n_rows: int, lb, ub) -> None:
        nonlocal row0
        blocks_r.append(r + row0)
        blocks_c.append(cols)
        blocks_v.append(v)
        lo.append(np.broadcast_to(np.asarray(lb, dtype=float), (n_rows,)))
        hi.append(np.broadcast_to(np.asarray(ub, dtype=float), (n_rows,)))
        row0 += n_rows

    # strong linking: w_ij - y_i <= 0
    rows = np.arange(p)
    add(
        np.concatenate([rows, rows]),
        np.concatenate([w_col, pi]),
        np.concatenate([np.ones(p), -np.ones(p)]),
        p,
        -np.inf,
        0.0,
    )
    # capacity: sum_j d_j w_ij - s_i y_i <= 0
    add(
        np.concatenate([pi, np.arange(m)]),
        np.concatenate([w_col, np.arange(m)]),
        np.concatenate([d_p, -inst.capacity]),
        m,
        -np.inf,
        0.0,
    )
    # assignment: sum_i w_ij = 1 (or <= 1 with partial service)
    full = inst.min_served_share >= 1.0
    add(cust_row[pj], w_col, np.ones(p), served.shape[0], 1.0 if full else 0.0, 1.0)
    if not full:
        add(np.zeros(p, dtype=np.int64), w_col, d_p, 1, inst.required, np.inf)
    # redundant cover cut: sum_i s_i y_i >= required
    if inst.required > 0:
        add(np.zeros(m, dtype=np.int64), np.arange(m), inst.capacity, 1, inst.required, np.inf)
    if inst.budget is not None:
        add(np.zeros(m, dtype=np.int64), np.arange(m), inst.fixed_cost, 1, -np.inf, inst.budget)
    if inst.max_open is not None:
        add(np.zeros(m, dtype=np.int64), np.arange(m), np.ones(m), 1, -np.inf, inst.max_open)

    a = sp.csr_array(
        (np.concatenate(blocks_v), (np.concatenate(blocks_r), np.concatenate(blocks_c))),
        shape=(row0, m + p),
    )
    cons = LinearConstraint(a, np.concatenate(lo), np.concatenate(hi))
    c = np.concatenate([inst.fixed_cost, inst.unit_cost[pi, pj] * d_p])
    integrality = np.concatenate([np.ones(m), np.full(p, 1.0 if inst.single_source else 0.0)])
    lb = np.concatenate([inst.open_forced.astype(float), np.zeros(p)])
    ub = np.concatenate([(~inst.closed_forced).astype(float), np.ones(p)])
    return _Model(c, integrality, Bounds(lb, ub), cons, pi, pj)


# ---------------------------------------------------------------------------
# Solving and extraction
# ---------------------------------------------------------------------------


def solver_options(time_limit_s: float | None, mip_rel_gap: float | None) -> dict:
    opts: dict = {"disp": False}
    if time_limit_s is not None:
        if time_limit_s <= 0:
            raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
        opts["time_limit"] = float(time_limit_s)
    if mip_rel_gap is not None:
        if mip_rel_gap < 0:
            raise ValueError(f"mip_rel_gap must be non-negative, got {mip_rel_gap}")
        opts["mip_rel_gap"] = float(mip_rel_gap)
    return opts


def run_milp(model: _Model, options: dict, *, relax: bool = False):
    """Call HiGHS through scipy; return (result, wall time [s]).

    A "Solve error" (status 4, not an infeasibility) is retried once with
    presolve off: HiGHS's presolve fails on some degenerate models (e.g. zero
    fixed costs with partial service and ``max_open``) that it then solves at once.
    """
    t0 = time.perf_counter()
    integrality = np.zeros_like(model.integrality) if relax else model.integrality
    res = milp(
        model.c,
        integrality=integrality,
        bounds=model.bounds,
        constraints=model.constraints,
        options=options,
    )
    if res.status == 4 and not is_infeasible(res) and options.get("presolve", True):
        res = milp(
            model.c,
            integrality=integrality,
            bounds=model.bounds,
            constraints=model.constraints,
            options={**options, "presolve": False},
        )
    return res, time.perf_counter() - t0


def is_infeasible(res) -> bool:
    return res.status == 2 or (res.status == 4 and "infeasible" in str(res.message).lower())


def status_label(res) -> str:
    """Map a scipy milp result to our status string; raise if there is no solution."""
    if res.status == 0 and res.x is not None:
        return "optimal"
    if res.status == 1 and res.x is not None:
        return "time_limit"
    if res.status == 1:
        raise SitingSolveError(
            f"the solver hit its time limit before finding any feasible plan ({res.message})"
        )
    raise SitingSolveError(f"the solver failed with status {res.status}: {res.message}")


def dual_bound(res) -> float | None:
    """HiGHS dual bound [cost units], capped at the incumbent value.

    HiGHS can report a bound marginally above the incumbent once it has proved
    optimality (objective-integrality rounding); the cap keeps ``bound <= objective``.
    """
    bound = getattr(res, "mip_dual_bound", None)
    if bound is None or not np.isfinite(bound):
        return None
    return float(min(bound, res.fun)) if res.fun is not None else float(bound)


def extract_flows(inst: CflpProblem, model: _Model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Round the solver vector to a clean (open [m], flow [m x n] in t) pair."""
    m = inst.m
    is_open = x[:m] > 0.5
    w = np.clip(x[m:], 0.0, 1.0)
    if inst.single_source:
        w = np.round(w)
    w = np.where(is_open[model.pair_i], w, 0.0)
    flow = np.zeros((m, inst.n))
    flow[model.pair_i, model.pair_j] = w * inst.demand[model.pair_j]
    return is_open, flow


def _infeasible_reason(inst: CflpProblem) -> str:
    """Best plain-language explanation after HiGHS reports infeasibility."""
    reason = cheap_infeasibility_reason(inst) or _budget_reason(inst)
    if reason is not None:
        return reason
    parts = ["capacities"]
    if inst.budget is not None:
        parts.append(f"budget {fmt_num(inst.budget)}")
    if inst.max_open is not None:
        parts.append(f"max_open {inst.max_open}")
    if inst.single_source:
        parts.append("single sourcing")
    if (~np.isfinite(inst.unit_cost)).any():
        parts.append("forbidden customer-facility pairs")
    if inst.open_forced.any() or inst.closed_forced.any():
        parts.append("forced open/closed facilities")
    return (
        f"no plan can serve the required {fmt_num(inst.required)} t: the combination of "
        f"{', '.join(parts)} cannot be satisfied together (each check on its own passes)"
    )


def solve_cflp(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
    time_limit_s: float | None = None,
    mip_rel_gap: float | None = None,
) -> CflpSolution:
    """Solve a capacitated facility location problem with HiGHS (scipy.optimize.milp).

    Uses the strong formulation (``x_ij <= d_j y_i`` for every pair plus
    ``sum_j x_ij <= s_i y_i``); see the module docstring for the full model.

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        The data: [m] [cost units], [m] [t], [n] [t], [m x n] [cost units / t]
        (``np.inf`` = forbidden pair). See :class:`CflpProblem` for the common parameters.
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        The side options ([-], facility masks or indices, [cost units], [-], [-]);
        see :class:`CflpProblem`.
    time_limit_s : float, optional
        HiGHS wall-clock limit [s]. If hit with a feasible incumbent, that
        incumbent is returned with ``status == "time_limit"``.
    mip_rel_gap : float, optional
        Relative MIP gap at which HiGHS stops [-]. ``None`` keeps the HiGHS
        default (1e-4); pass e.g. ``1e-9`` for a proven optimum.

    Returns
    -------
    CflpSolution
        Open facilities, flows [t], objective [cost units], status and solver stats.

    Raises
    ------
    ValueError
        On malformed input (shapes, NaN, negative values, bad options).
    SitingInfeasible
        If no plan satisfies the constraints; the message says why when that is
        cheap to tell.
    SitingSolveError
        If the solver stops without any feasible plan (e.g. time limit).
    RuntimeError
        If the solver's answer fails :func:`check_cflp_solution` (never returned).
    """
    t0 = time.perf_counter()
    inst = CflpProblem.create(
        fixed_cost,
        capacity,
        demand,
        unit_cost,
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    options = solver_options(time_limit_s, mip_rel_gap)
    _raise_if_cheaply_infeasible(inst)
    model = build_model(inst)
    build_time = time.perf_counter() - t0
    res, solve_time = run_milp(model, options)
    if is_infeasible(res):
        raise SitingInfeasible(_infeasible_reason(inst))
    return _verified_solution(inst, model, res, solve_time_s=solve_time, build_time_s=build_time)


def _raise_if_cheaply_infeasible(inst: CflpProblem) -> None:
    """Raise :class:`SitingInfeasible` when a cheap check (capacity, forced sets,
    ``max_open``, reachability, budget) proves that no plan exists."""
    reason = cheap_infeasibility_reason(inst) or _budget_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)


def _verified_solution(
    inst: CflpProblem, model: _Model, res, *, solve_time_s: float, build_time_s: float
) -> CflpSolution:
    """Turn HiGHS's feasible answer into a frozen, checked :class:`CflpSolution`.

    Parameters
    ----------
    inst : CflpProblem
        The problem solved.
    model : _Model
        Its MILP (column layout and size).
    res : scipy.optimize.OptimizeResult
        HiGHS's result; not infeasible.
    solve_time_s, build_time_s : float
        Wall-clock times of the HiGHS call and of validation plus model building [s].

    Raises
    ------
    SitingSolveError
        If the result holds no feasible plan (see :func:`status_label`).
    RuntimeError
        If the plan fails :func:`check_cflp_solution`.
    """
    status = status_label(res)
    is_open, flow = extract_flows(inst, model, np.asarray(res.x))
    fixed, transport = plan_costs(inst.fixed_cost, inst.unit_cost, is_open, flow)
    is_open.setflags(write=False)
    flow.setflags(write=False)
    solution = CflpSolution(
        open=is_open,
        flow=flow,
        objective=fixed + transport,
        fixed_cost_total=fixed,
        transport_cost_total=transport,
        status=status,
        mip_gap=None if res.mip_gap is None else float(res.mip_gap),
        dual_bound=dual_bound(res),
        solver_objective=None if res.fun is None else float(res.fun),
        solve_time_s=solve_time_s,
        build_time_s=build_time_s,
        n_variables=model.n_variables,
        n_constraints=model.n_constraints,
        solver_message=str(res.message),
    )
    return require_valid_plan(solution, inst, "solver returned")


def cflp_lp_bound(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
) -> float:
    """Optimal value of the LP relaxation of the strong formulation [cost units].

    Same arguments as :func:`solve_cflp`. Every feasible plan costs at least this.

    Raises
    ------
    SitingInfeasible
        If even the relaxation is infeasible.
    """
    inst = CflpProblem.create(
        fixed_cost,
        capacity,
        demand,
        unit_cost,
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    model = build_model(inst)
    res, _ = run_milp(model, {"disp": False}, relax=True)
    if is_infeasible(res):
        raise SitingInfeasible("even the LP relaxation is infeasible: " + _infeasible_reason(inst))
    if res.status != 0:
        raise SitingSolveError(f"LP relaxation failed: {res.message}")
    return float(res.fun)
