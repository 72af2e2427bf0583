"""Benchmark solve_cflp (scipy.optimize.milp / HiGHS) on the 49 OR-Library cap problems.

For each problem prints the known optimum from ``capopt.txt``, our objective, the
gap to the known optimum [%], the HiGHS status and its own MIP gap [%], and the
solve time [s]. If PuLP is installed, the same strong formulation is also solved
with PuLP + CBC side by side.

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_orlib.py                       # all 49, 60 s limit
    .venv/bin/python benchmarks/bench_orlib.py --only 'cap4*,capa-8000' --time-limit 30
    .venv/bin/python benchmarks/bench_orlib.py --no-pulp
    .venv/bin/python benchmarks/bench_orlib.py --method nearest --only 'cap[abc]-*'

``--only`` takes comma-separated names or shell patterns (``cap1??``, ``capb-*``).
Times are wall-clock; HiGHS time is the ``milp`` call only (model build is
reported separately), PuLP time covers ``prob.solve`` (writing the MPS file and
running CBC), not building the PuLP model in Python.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.orlib import (  # noqa: E402
    CapInstance,
    OrlibProblem,
    iter_problems,
    load_problem,
    orlib_cap_dir,
    parse_capopt,
)
from planner.siting import (  # noqa: E402  # noqa: E402
    SitingInfeasible,
    SitingSolveError,
    quiet_native_stdout,
    solve_cflp,
    solve_cflp_lagrangian,
    solve_cflp_nearest,
)

try:
    import pulp
except ImportError:  # optional dependency ("bench" extra)
    pulp = None


@dataclass
class Result:
    """One solver run: objective [cost units], status, own MIP gap [-], times [s]."""

    objective: float | None
    status: str
    mip_gap: float | None
    solve_time_s: float
    build_time_s: float = 0.0


def run_highs(inst: CapInstance, time_limit: float, gap: float) -> Result:
    """Solve with planner.siting.solve_cflp."""
    t0 = time.perf_counter()
    try:
        sol = solve_cflp(
            inst.fixed_cost,
            inst.capacity,
            inst.demand,
            inst.unit_cost,
            time_limit_s=time_limit,
            mip_rel_gap=gap,
        )
    except (SitingInfeasible, SitingSolveError) as err:
        return Result(None, f"error: {err}"[:40], None, time.perf_counter() - t0)
    return Result(sol.objective, sol.status, sol.mip_gap, sol.solve_time_s, sol.build_time_s)


def run_lagrangian(inst: CapInstance, time_limit: float, gap: float) -> Result:
    """Solve with planner.siting.solve_cflp_lagrangian (stops at ``max(gap, 1e-6)``)."""
    t0 = time.perf_counter()
    sol = solve_cflp_lagrangian(
        inst.fixed_cost,
        inst.capacity,
        inst.demand,
        inst.unit_cost,
        time_limit_s=time_limit,
        target_gap=max(gap, 1e-6),
    )
    return Result(sol.objective, sol.status, sol.mip_gap, time.perf_counter() - t0)


def run_nearest(inst: CapInstance, time_limit: float, gap: float, k: int = 10) -> Result:
    """Solve with planner.siting.solve_cflp_nearest: the K-nearest relaxation
    plus Lagrangian-priced pairs; its bound is valid for the full problem.

    ``time_limit`` covers the whole call: 2,000 subgradient iterations (at most
    10 % of it and 5 s) price pairs, 5 %
    (at most 3 s) polishes the plan, the rest is the HiGHS limit.
    """
    t0 = time.perf_counter()
    price = min(0.1 * time_limit, 5.0)
    polish = min(0.05 * time_limit, 3.0)
    try:
        sol = solve_cflp_nearest(
            inst.fixed_cost,
            inst.capacity,
            inst.demand,
            inst.unit_cost,
            k_nearest=k,
            price_iterations=2000,
            price_time_s=price,
            time_limit_s=time_limit - price - polish,
            polish_time_s=polish,
            mip_rel_gap=gap,
        )
    except (SitingInfeasible, SitingSolveError) as err:
        return Result(None, f"error: {err}"[:40], None, time.perf_counter() - t0)
    return Result(sol.objective, sol.status, sol.mip_gap, time.perf_counter() - t0)


def run_pulp(inst: CapInstance, time_limit: float, gap: float) -> Result:
    """Solve the same strong formulation (share variables w_ij) with PuLP + CBC."""
    t0 = time.perf_counter()
    m, n = inst.m, inst.n
    prob = pulp.LpProblem("cap", pulp.LpMinimize)
    y = [pulp.LpVariable(f"y{i}", cat="Binary") for i in range(m)]
    w = [[pulp.LpVariable(f"w{i}_{j}", 0, 1) for j in range(n)] for i in range(m)]
    cost = inst.allocation_cost
    prob += pulp.LpAffineExpression(
        [(y[i], inst.fixed_cost[i]) for i in range(m)]
        + [(w[i][j], cost[i, j]) for i in range(m) for j in range(n)]
    )
    for j in range(n):
        prob += pulp.LpAffineExpression([(w[i][j], 1.0) for i in range(m)]) == 1
    for i in range(m):
        load = [(w[i][j], inst.demand[j]) for j in range(n)] + [(y[i], -inst.capacity[i])]
        prob += pulp.LpAffineExpression(load) <= 0
        for j in range(n):
            prob += w[i][j] - y[i] <= 0
    build = time.perf_counter() - t0
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=gap)
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prob.solve(solver)
    elapsed = time.perf_counter() - t1
    sol_status = getattr(prob, "sol_status", None)
    if sol_status == pulp.LpSolutionIntegerFeasible:
        status = "time_limit"
    elif prob.status == pulp.LpStatusOptimal:
        status = "optimal"
    else:  # no integer solution: CBC's variable values are not a plan
        return Result(None, "no_sol", None, elapsed, build)
    obj = pulp.value(prob.objective)
    return Result(None if obj is None else float(obj), status, None, elapsed, build)


def select(problems: list[OrlibProblem], only: str | None) -> list[OrlibProblem]:
    """Keep problems whose name matches one of the comma-separated patterns."""
    if not only:
        return problems
    pats = [p.strip() for p in only.split(",") if p.strip()]
    return [p for p in problems if any(fnmatch.fnmatch(p.name, pat) for pat in pats)]


def pct(obj: float | None, ref: float) -> str:
    return "-" if obj is None else f"{100 * (obj - ref) / ref:+.5f}"


def fmt_obj(obj: float | None) -> str:
    return "-" if obj is None else f"{obj:,.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--time-limit", type=float, default=60.0, help="per-solve limit [s]")
    ap.add_argument("--gap", type=float, default=1e-9, help="relative MIP gap to stop at [-]")
    ap.add_argument("--only", default=None, help="comma-separated names/patterns")
    ap.add_argument("--no-pulp", action="store_true", help="skip PuLP + CBC")
    ap.add_argument(
        "--method",
        choices=("milp", "lagrangian", "nearest"),
        default="milp",
        help="milp = solve_cflp (HiGHS MILP); lagrangian = solve_cflp_lagrangian (heuristic "
        "with a certified bound); nearest = solve_cflp_nearest (10-nearest + priced-pairs "
        "relaxation MILP, bound valid for the full problem)",
    )
    ap.add_argument(
        "--pulp-only",
        default="cap[0-9]*",
        help="patterns of problems also solved with CBC (default: the 37 small ones; CBC "
        "ignores the time limit during the root LP of the 100x1000 problems; '*' = all)",
    )
    args = ap.parse_args(argv)

    folder = orlib_cap_dir()
    if not (folder / "capopt.txt").exists():
        print(f"OR-Library data not found at {folder} (set MSW_SHARED_DIR)")
        return 1
    known = parse_capopt((folder / "capopt.txt").read_text())
    problems = select(list(iter_problems(folder)), args.only)
    use_pulp = pulp is not None and not args.no_pulp
    if pulp is None:
        print("PuLP is not installed: CBC comparison skipped (pip install pulp).")
    print(
        f"time limit {args.time_limit:g} s, mip_rel_gap {args.gap:g}; "
        f"gap % = 100 (objective - known) / known; 'own gap' = solver's proven MIP gap"
    )

    head = f"{'instance':<11}{'m x n':>10}{'known opt':>17}{'HiGHS obj':>17}{'gap %':>11}"
    head += f"{'status':>11}{'own gap %':>10}{'time s':>8}"
    if use_pulp:
        head += f"{'CBC obj':>17}{'gap %':>11}{'status':>11}{'time s':>8}"
    print(head)
    print("-" * len(head))

    rows = []
    for prob in problems:
        inst = load_problem(prob, folder)
        ref = known[prob.name]
        runner = {"milp": run_highs, "lagrangian": run_lagrangian, "nearest": run_nearest}[
            args.method
        ]
        hi = runner(inst, args.time_limit, args.gap)
        own = "-" if hi.mip_gap is None else f"{100 * hi.mip_gap:.4f}"
        line = f"{prob.name:<11}{f'{inst.m}x{inst.n}':>10}{ref:>17,.3f}{fmt_obj(hi.objective):>17}"
        line += f"{pct(hi.objective, ref):>11}{hi.status:>11}{own:>10}{hi.solve_time_s:>8.2f}"
        cb = None
        if use_pulp and select([prob], args.pulp_only):
            cb = run_pulp(inst, args.time_limit, args.gap)
            line += f"{fmt_obj(cb.objective):>17}{pct(cb.objective, ref):>11}"
            line += f"{cb.status:>11}{cb.solve_time_s:>8.2f}"
        elif use_pulp:
            line += f"{'(skipped, see --pulp-only)':>47}"
        print(line, flush=True)
        rows.append((prob.name, ref, hi, cb))

    summarise(rows, use_pulp)
    return 0


def summarise(rows: list, use_pulp: bool) -> None:
    """Print counts of matches, worst gaps and total times."""
    if not rows:
        print("no problems selected")
        return
    print()
    for label, idx in [("HiGHS", 2)] + ([("CBC", 3)] if use_pulp else []):
        res = [(r[1], r[idx]) for r in rows if r[idx] is not None]
        if not res:
            continue
        rel = np.array(
            [abs(x.objective - ref) / ref if x.objective is not None else np.inf for ref, x in res]
        )
        opt = sum(x.status == "optimal" for _, x in res)
        total = sum(x.solve_time_s for _, x in res)
        print(
            f"{label}: {int((rel <= 1e-6).sum())}/{len(res)} match capopt to 1e-6 rel, "
            f"{opt} proven optimal, worst gap {100 * rel.max():.5f} %, "
            f"total solve time {total:.1f} s, max {max(x.solve_time_s for _, x in res):.1f} s"
        )


if __name__ == "__main__":
    with quiet_native_stdout():  # drop HiGHS's native debug lines; print() still works
        code = main()
    raise SystemExit(code)
