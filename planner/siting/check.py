"""Independent verification of a CFLP plan, straight from its tonnes.

:func:`check_cflp_solution` re-derives every constraint from ``open`` and
``flow`` without the MILP matrix; every solver of :mod:`planner.siting` runs it
on its answer before returning it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from planner.siting.problem import (
    DEFAULT_TOL,
    CflpProblem,
    CflpSolution,
    IndexSpec,
    first_at,
    fmt_num,
    plan_costs,
)


def _slack(tol: float, scale: np.ndarray | float) -> np.ndarray | float:
    """Absolute slack [same unit as scale] for relative tolerance ``tol``."""
    return tol * np.maximum(1.0, np.abs(scale))


def _check_shapes(solution: CflpSolution, m: int, n: int) -> list[str]:
    out = []
    if np.shape(solution.open) != (m,):
        out.append(f"open has shape {np.shape(solution.open)}, expected ({m},)")
    if np.shape(solution.flow) != (m, n):
        out.append(f"flow has shape {np.shape(solution.flow)}, expected ({m}, {n})")
    return out


def _check_flow_values(flow, is_open, inst: CflpProblem, tol: float) -> list[str]:
    """Non-negativity, forbidden pairs, linking and capacity."""
    out = []
    if not np.isfinite(flow).all():
        return [f"flow has non-finite entries at (i, j) = {first_at(~np.isfinite(flow))}"]
    neg = flow < -_slack(tol, inst.demand)[None, :]
    if neg.any():
        out.append(f"negative flow at (i, j) = {first_at(neg)}")
    forbidden = ~np.isfinite(inst.unit_cost) & (np.abs(flow) > 0)
    if forbidden.any():
        out.append(f"flow on forbidden pairs (unit_cost = inf) at (i, j) = {first_at(forbidden)}")
    link = flow > inst.demand[None, :] * is_open[:, None] + _slack(tol, inst.demand)[None, :]
    if link.any():
        out.append(f"flow exceeds d_j * open_i (closed facility or > demand) at {first_at(link)}")
    load = flow.sum(axis=1)
    over = load > inst.capacity * is_open + _slack(tol, inst.capacity)
    if over.any():
        idx = first_at(over)
        out.append(
            f"capacity exceeded at facilities {idx}: load {load[idx].tolist()} t > "
            f"capacity {(inst.capacity * is_open)[idx].tolist()} t"
        )
    return out


def _check_service(flow, inst: CflpProblem, tol: float) -> list[str]:
    """Per-customer service, total served share and single sourcing."""
    out = []
    served = flow.sum(axis=0)
    slack_d = _slack(tol, inst.demand)
    over = served > inst.demand + slack_d
    if over.any():
        out.append(f"customers {first_at(over)} receive more than their demand")
    if inst.min_served_share >= 1.0:
        under = served < inst.demand - slack_d
        if under.any():
            out.append(f"customers {first_at(under)} are not fully served")
    total = float(served.sum())
    if total < inst.required - float(_slack(tol, inst.total_demand)):
        out.append(
            f"served {fmt_num(total)} t < required {fmt_num(inst.required)} t "
            f"(min_served_share {inst.min_served_share})"
        )
    if inst.single_source:
        used = np.abs(flow) > slack_d[None, :]
        multi = used.sum(axis=0) > 1
        if multi.any():
            out.append(f"single-source customers {first_at(multi)} are served by >1 facility")
        partial = (served > slack_d) & (np.abs(served - inst.demand) > slack_d)
        if partial.any():
            out.append(f"single-source customers {first_at(partial)} are only partly served")
    return out


def _check_choices(is_open, inst: CflpProblem, tol: float) -> list[str]:
    """Forced open/closed, budget and max_open."""
    out = []
    missing = inst.open_forced & ~is_open
    if missing.any():
        out.append(f"forced-open facilities {first_at(missing)} are closed")
    wrong = inst.closed_forced & is_open
    if wrong.any():
        out.append(f"forced-closed facilities {first_at(wrong)} are open")
    fixed = float(inst.fixed_cost[is_open].sum())
    if inst.budget is not None and fixed > inst.budget + float(_slack(tol, inst.budget)):
        out.append(f"fixed cost {fmt_num(fixed)} exceeds budget {fmt_num(inst.budget)}")
    if inst.max_open is not None and int(is_open.sum()) > inst.max_open:
        out.append(f"{int(is_open.sum())} facilities open > max_open {inst.max_open}")
    return out


def _check_objective(solution: CflpSolution, inst: CflpProblem, tol: float) -> list[str]:
    """Recompute the objective and compare with the reported values."""
    fixed, transport = plan_costs(inst.fixed_cost, inst.unit_cost, solution.open, solution.flow)
    total = fixed + transport
    out = []
    if abs(solution.objective - total) > _slack(tol, total):
        out.append(f"reported objective {solution.objective!r} != recomputed {total!r}")
    solver_obj = getattr(solution, "solver_objective", None)
    if solver_obj is not None and abs(solver_obj - total) > _slack(tol, total):
        out.append(f"solver objective {solver_obj!r} != recomputed {total!r}")
    return out


def check_cflp_solution(
    solution: CflpSolution,
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
    tol: float = DEFAULT_TOL,
) -> list[str]:
    """Re-derive every constraint from ``solution.open`` and ``solution.flow``.

    Independent of the MILP matrix: works directly on tonnes.

    Parameters
    ----------
    solution : CflpSolution
        Plan to verify (only ``open``, ``flow``, ``objective`` and
        ``solver_objective`` are read).
    fixed_cost, capacity, demand, unit_cost
        As in :func:`solve_cflp` ([cost units], [t], [t], [cost units / t]).
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        As in :func:`solve_cflp`.
    tol : float, optional
        Relative tolerance [-]; each check allows ``tol * max(1, |scale|)`` of
        slack, where scale is the demand, capacity, budget or objective involved.

    Returns
    -------
    list of str
        One message per violated constraint; empty if the plan is feasible and
        its objective matches the recomputed cost.
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
    return check_plan(solution, inst, tol)


def check_plan(solution: CflpSolution, inst: CflpProblem, tol: float = DEFAULT_TOL) -> list[str]:
    """:func:`check_cflp_solution` on an already validated problem (see there)."""
    shape_errors = _check_shapes(solution, inst.m, inst.n)
    if shape_errors:
        return shape_errors
    is_open = np.asarray(solution.open, dtype=bool)
    flow = np.asarray(solution.flow, dtype=float)
    out = _check_flow_values(flow, is_open, inst, tol)
    if out and out[0].startswith("flow has non-finite"):
        return out
    out += _check_service(flow, inst, tol)
    out += _check_choices(is_open, inst, tol)
    out += _check_objective(solution, inst, tol)
    return out


def require_valid_plan(solution: CflpSolution, inst: CflpProblem, culprit: str) -> CflpSolution:
    """Return ``solution`` if :func:`check_plan` finds no violation, else raise.

    Parameters
    ----------
    solution : CflpSolution
        The plan a solver is about to return.
    inst : CflpProblem
        The problem it was solved for.
    culprit : str
        Start of the error message, e.g. ``"solver returned"``.

    Raises
    ------
    RuntimeError
        ``"<culprit> a plan that violates constraints: <violations>"``.
    """
    violations = check_plan(solution, inst)
    if violations:
        raise RuntimeError(f"{culprit} a plan that violates constraints: " + "; ".join(violations))
    return solution
