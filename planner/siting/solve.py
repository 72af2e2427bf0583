"""Solve the siting MILP, explain an infeasible one in the planner's terms and extract the
plan (lines to open, each district's assignment, costs)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.i18n import LANGS
from planner.schema import Scenario
from planner.siting.costs import SitingProblem, build_problem
from planner.siting.inputs import Names, PlanInfeasible
from planner.siting.milp import solve_cflp
from planner.siting.options import SitingOptions, load_siting_defaults
from planner.siting.problem import CflpSolution, SitingInfeasible


@dataclass(frozen=True)
class SitingPlan:
    """Answer of :func:`plan_sorting_lines`.

    Attributes
    ----------
    lines : pandas.DataFrame
        One row per open line: ``site, name, region, lat, lon, status, capacity_t_per_yr,
        capex_kzt, annual_fixed_kzt, load_t, utilisation``.
    assignments : pandas.DataFrame
        One row per (line, district) pair with flow: ``site, status, district, region,
        tonnes, distance_km, transport_kzt``.
    summary : dict
        Totals: ``annual_cost_kzt``, ``capex_new_kzt``, ``fixed_kzt``, ``sorting_kzt``,
        ``transport_kzt``, ``served_t``, ``demand_t``, ``cost_per_t_kzt``,
        ``recovered_value_kzt``, ``net_cost_per_t_kzt``, ``new_lines``, ``status``, ``mip_gap``,
        ``solve_time_s``.
    solution : CflpSolution
        The raw solver answer.
    """

    lines: pd.DataFrame
    assignments: pd.DataFrame
    summary: dict
    solution: CflpSolution
    problem: SitingProblem


def solve_problem(problem: SitingProblem) -> SitingPlan:
    """Solve a built problem and extract the plan."""
    opts = problem.options
    fixed = np.array([f.annual_fixed_kzt for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capex = np.array([f.capex_kzt for f in problem.facilities])
    budget = None
    if opts.capex_budget_kzt is not None:
        # solve_cflp bounds the sum of fixed costs; capex is proportional to annual fixed cost
        # for candidates (same annuity and opex share), so scale the budget to that unit.
        ratio = fixed[~forced].sum() / capex[~forced].sum() if capex[~forced].sum() else 0.0
        budget = opts.capex_budget_kzt * ratio
    max_open = None if opts.max_new_lines is None else opts.max_new_lines + int(forced.sum())
    try:
        sol = solve_cflp(
            fixed,
            capacity,
            problem.demand_t,
            problem.unit_cost_kzt_per_t,
            single_source=opts.single_source,
            open_forced=forced,
            budget=budget,
            max_open=max_open,
            min_served_share=opts.min_served_share,
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-6,
        )
    except SitingInfeasible as exc:
        raise _explain_in_tenge(exc.reason, problem, budget) from None
    return extract_plan(problem, sol)


def _explain_in_tenge(reason: str, problem: SitingProblem, budget: float | None) -> PlanInfeasible:
    """Restate the solver's reason in the planner's terms: too few lines allowed (with the
    least number that works), or too small a capex budget (with the cheapest capex that
    works)."""
    opts = problem.options
    if opts.max_new_lines is not None:
        needed = _min_new_lines(problem)
        if needed is not None and needed > opts.max_new_lines:
            text = (
                f"at most {opts.max_new_lines} new line(s) cannot serve "
                f"{opts.min_served_share:.0%} of the design-year demand (lines serve only "
                f"their own region); at least {needed} are needed"
            )
            context = {
                "max_lines": opts.max_new_lines,
                "share": opts.min_served_share,
                "needed": needed,
            }
            return PlanInfeasible(text, "max_lines", context)
    cheapest = _cheapest_capex_kzt(problem) if opts.capex_budget_kzt is not None else None
    if budget is None or opts.capex_budget_kzt is None or cheapest is None:
        return _unservable(problem) or PlanInfeasible(reason, "solver", {"detail": reason})
    text = (
        f"the capex budget of {opts.capex_budget_kzt:,.0f} KZT cannot serve "
        f"{opts.min_served_share:.0%} of the design-year demand; the cheapest set of new lines "
        f"that does costs {cheapest:,.0f} KZT"
    )
    context = {
        "budget_kzt": opts.capex_budget_kzt,
        "share": opts.min_served_share,
        "cheapest_kzt": cheapest,
    }
    return PlanInfeasible(text, "budget", context)


def _unservable(problem: SitingProblem) -> PlanInfeasible | None:
    """Kind ``"unservable"`` naming the districts whose demand [t/yr] exceeds the capacity of
    the lines allowed to serve them (the largest one when single-sourced, all together
    otherwise) when the required share needs them; ``None`` when there are none."""
    opts = problem.options
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    allowed = np.isfinite(problem.unit_cost_kzt_per_t)
    reach = np.where(allowed, capacity[:, None], 0.0)
    servable = reach.max(axis=0) if opts.single_source else reach.sum(axis=0)
    short = servable < problem.demand_t * (1 - 1e-9)
    if not short.any() or np.minimum(servable, problem.demand_t).sum() >= (
        opts.min_served_share * problem.demand_t.sum()
    ):
        return None
    names = [
        problem.names.get(d, dict.fromkeys(LANGS, d)) for d in np.array(problem.district_ids)[short]
    ]
    text = (
        "the districts "
        + ", ".join(n.get("en", "") for n in names)
        + " cannot be served in full: their demand exceeds what the lines allowed to serve "
        "them can take"
    )
    context = {"districts": Names.of(names), "single": opts.single_source}
    return PlanInfeasible(text, "unservable", context)


def _min_new_lines(problem: SitingProblem) -> int | None:
    """Least number of new lines that can serve the required share (a MILP that counts
    lines: fixed cost 1 per candidate, no other cost); ``None`` when none can."""
    opts = problem.options
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    free = np.where(np.isfinite(problem.unit_cost_kzt_per_t), 0.0, np.inf)
    try:
        sol = solve_cflp(
            (~forced).astype(float),
            capacity,
            problem.demand_t,
            free,
            open_forced=forced,
            min_served_share=opts.min_served_share,
            single_source=opts.single_source,
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-9,
        )
    except (SitingInfeasible, RuntimeError):
        return None
    return int(round(sol.fixed_cost_total))


def _cheapest_capex_kzt(problem: SitingProblem) -> float | None:
    """Least capex of new lines that can serve the required share (a MILP with no transport
    cost and capex as the fixed cost); ``None`` when even unlimited capex cannot."""
    opts = problem.options
    capex = np.array([f.capex_kzt for f in problem.facilities])
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    free = np.where(np.isfinite(problem.unit_cost_kzt_per_t), 0.0, np.inf)
    try:
        sol = solve_cflp(
            capex,
            capacity,
            problem.demand_t,
            free,
            open_forced=forced,
            min_served_share=opts.min_served_share,
            single_source=opts.single_source,
            max_open=None if opts.max_new_lines is None else opts.max_new_lines + int(forced.sum()),
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-6,
        )
    except (SitingInfeasible, RuntimeError):
        return None
    return float(capex[sol.open].sum())


LINE_COLUMNS = [
    "site",
    "name",
    "region",
    "lat",
    "lon",
    "status",
    "capacity_t_per_yr",
    "capex_kzt",
    "annual_fixed_kzt",
    "load_t",
    "utilisation",
]
"""Columns of :attr:`SitingPlan.lines` (also when no line is open)."""

ASSIGNMENT_COLUMNS = [
    "site",
    "status",
    "district",
    "region",
    "tonnes",
    "distance_km",
    "transport_kzt",
]
"""Columns of :attr:`SitingPlan.assignments` (also when nothing is served)."""


def extract_plan(problem: SitingProblem, sol: CflpSolution) -> SitingPlan:
    """Tables and totals from a solver answer."""
    opts = problem.options
    rows, arows = [], []
    for i in np.flatnonzero(sol.open):
        f = problem.facilities[i]
        load = float(sol.flow[i].sum())
        rows.append(
            {
                "site": f.site_id,
                "name": f.name,
                "region": f.region,
                "lat": f.lat,
                "lon": f.lon,
                "status": "new" if f.status == "candidate" else f.status,
                "capacity_t_per_yr": f.capacity_t_per_yr,
                "capex_kzt": f.capex_kzt,
                "annual_fixed_kzt": f.annual_fixed_kzt,
                "load_t": load,
                "utilisation": load / f.capacity_t_per_yr if f.capacity_t_per_yr else 0.0,
            }
        )
        for j in np.flatnonzero(sol.flow[i] > 1e-6):
            t = float(sol.flow[i, j])
            arows.append(
                {
                    "site": f.site_id,
                    "status": rows[-1]["status"],
                    "district": problem.district_ids[j],
                    "region": problem.district_region[j],
                    "tonnes": t,
                    "distance_km": float(problem.distance_km[i, j]),
                    "transport_kzt": t
                    * float(problem.distance_km[i, j])
                    * opts.transport_kzt_per_t_km,
                }
            )
    lines = pd.DataFrame(rows, columns=LINE_COLUMNS)
    assignments = pd.DataFrame(arows, columns=ASSIGNMENT_COLUMNS)
    served = float(sol.flow.sum())
    transport = float(assignments["transport_kzt"].sum()) if len(assignments) else 0.0
    sorting = served * opts.sorting_cost_kzt_per_t
    fixed = float(lines["annual_fixed_kzt"].sum()) if len(lines) else 0.0
    annual = fixed + sorting + transport
    value = served * problem.value_kzt_per_t
    new = lines[lines.status == "new"] if len(lines) else lines
    summary = {
        "annual_cost_kzt": annual,
        "capex_new_kzt": float(new["capex_kzt"].sum()) if len(new) else 0.0,
        "fixed_kzt": fixed,
        "sorting_kzt": sorting,
        "transport_kzt": transport,
        "served_t": served,
        "demand_t": float(problem.demand_t.sum()),
        "cost_per_t_kzt": annual / served if served else float("nan"),
        "recovered_value_kzt": value,
        "net_cost_per_t_kzt": (annual - value) / served if served else float("nan"),
        "new_lines": int(len(new)),
        "status": sol.status,
        "mip_gap": sol.mip_gap,
        "solve_time_s": sol.solve_time_s,
    }
    return SitingPlan(lines, assignments, summary, sol, problem)


def plan_sorting_lines(
    scenario: Scenario,
    options: SitingOptions | None = None,
    distance_km: pd.DataFrame | None = None,
) -> SitingPlan:
    """Cheapest set of new sorting lines that serves the scenario's design-year demand.

    Raises
    ------
    SitingInfeasible
        With a plain-language reason when no plan meets the options.
    """
    options = options or load_siting_defaults()
    return solve_problem(build_problem(scenario, options, distance_km=distance_km))
