"""National-scale siting benchmark: 2,000 settlements x 200 candidate sites.

A seeded synthetic instance the size of a Kazakhstan-wide MSW plan:

* settlements: 60 % clustered around 25 regional hubs, 40 % uniform, inside the
  box 40.5-55.5 N, 46.5-87.5 E; demand lognormal (median ~1,100 t/yr, total
  roughly 4-5 Mt/yr, the order of Kazakhstan's MSW);
* candidate sites: 200 settlements picked at random (a facility sits next to a town);
* capacity from a size menu 25k / 50k / 100k / 250k t/yr with annualised fixed
  costs 0.6 / 1.0 / 1.6 / 3.0 M$ per year (economies of scale);
* transport: great-circle distance x 1.3 (road detour factor) x 0.12 $/t-km.

The target (issue #4) is a plan within 0.5 % of the optimum of the FULL problem
(every settlement may use every site: 400,000 pairs) in one minute. Every gap
printed here is certified against a lower bound that is valid for the full
problem; a restricted model's own MIP gap is never reported as the answer.

Default method (``--method nearest``), one call of
:func:`planner.siting.solve_cflp_nearest` (the time counts all of it):

1. ``--price-iterations`` (2,000, about 5 s; capped at ``--price-time``, 8 s)
   subgradient iterations of :func:`planner.siting.cflp_lagrangian_bound` on
   all pairs: a bound and a price ``lambda_j`` per settlement (a fixed count,
   so the run is reproducible up to HiGHS's time limit);
2. a relaxation MILP on each settlement's ``K`` nearest sites (3) plus every
   pair cheaper than ``(1 + margin) lambda_j`` (margin 0.2), with a free,
   uncapacitated "far" option at the cheapest left-out unit cost; its HiGHS
   bound is a lower bound for the full problem (see that module's docstring);
3. the relaxation's open set, made feasible and priced exactly by the
   transportation LP over all pairs, then improved by local search
   (``--polish-time``, 5 s).

Several ``--price-margins`` run one relaxation each in parallel processes and
keep the best plan and the best bound; ``--seeds 2024,1,2,3`` runs several
instances and prints a summary table.

Measured on this 2-core machine (seeds 2024, 1, 2, 3; margin 0.2, single
process): see the README's performance table; the figures vary between runs by
a few tenths of a per cent because the pricing step is time-limited and HiGHS's
heuristics react to the pairs it gets. They depend on the machine's speed: the
pricing step (``--price-time``) and HiGHS (the rest of the minute) are both
time-limited, so a slower or busier machine ends at a much larger gap (seed 2024:
0.37 % with the cores free, 4.0-4.3 % on a machine about 2.5x slower or with
both cores shared by three jobs).

Older methods, kept for comparison:

* ``--method milp``: HiGHS on each settlement's ``K`` nearest sites only (a
  *restriction*; ``--k-nearest 0`` = all pairs, which HiGHS does not close in a
  minute), then ``--bound-time`` seconds of the full-problem Lagrangian bound to
  certify it. Measured (seed 2024, K = 10): 151.40 M$, certified 0.815 % in 54.5 s.
* ``--method lagrangian``: :func:`planner.siting.solve_cflp_lagrangian`, a
  Beasley-style Lagrangian heuristic on all pairs (``--heuristic-time``, 55 s):
  0.94 % measured.
* ``--method fix-milp``: full-problem bound, :func:`planner.siting.lagrangian_fixing`
  of sites, then the K-nearest restricted MILP on the remaining sites; measured
  (seed 2024) 0.96-1.01 %, threshold ``bound / (1 - gap)`` closing 32 sites
  (K = 10: 151.69 M, 1.008 % in 58.8 s; a 12 s heuristic upper bound instead
  closes 11 sites, 0.955 % in 59.1 s).

Usage (from the repo root)::

    .venv/bin/python benchmarks/bench_siting_national.py                  # default method
    .venv/bin/python benchmarks/bench_siting_national.py --seeds 2024,1,2,3
    .venv/bin/python benchmarks/bench_siting_national.py --price-margins 0.1,0.3
    .venv/bin/python benchmarks/bench_siting_national.py --method milp --k-nearest 0,30,10
    .venv/bin/python benchmarks/bench_siting_national.py --method fix-milp --k-nearest 10
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.siting import (  # noqa: E402
    SitingInfeasible,
    SitingSolveError,
    cflp_lagrangian_bound,
    lagrangian_fixing,
    solve_cflp,
    solve_cflp_lagrangian,
)
from planner.siting.nearest import priced_pairs, solve_cflp_nearest  # noqa: E402
from planner.siting.plan import great_circle_km  # noqa: E402
from planner.siting.quiet import quiet_native_stdout  # noqa: E402

DETOUR = 1.3  # road distance / great-circle distance [-]
HAUL_COST = 0.12  # [$ / t-km]
LAT_RANGE = (40.5, 55.5)  # [deg N]
LON_RANGE = (46.5, 87.5)  # [deg E]
SIZE_MENU_T = np.array([25_000.0, 50_000.0, 100_000.0, 250_000.0])  # [t / yr]
SIZE_FIXED = np.array([0.6e6, 1.0e6, 1.6e6, 3.0e6])  # [$ / yr]
WITHIN_S = 60.0  # the "within a minute" [s]


@dataclass(frozen=True)
class NationalInstance:
    """Synthetic instance: arrays in solve_cflp units ($, t/yr, $/t)."""

    fixed_cost: np.ndarray  # [m] $/yr
    capacity: np.ndarray  # [m] t/yr
    demand: np.ndarray  # [n] t/yr
    unit_cost: np.ndarray  # [m x n] $/t
    distance_km: np.ndarray  # [m x n] road km


def make_instance(n: int = 2000, m: int = 200, seed: int = 2024) -> NationalInstance:
    """Generate the seeded synthetic national instance."""
    rng = np.random.default_rng(seed)
    n_hub = int(0.6 * n)
    hubs_lat = rng.uniform(*LAT_RANGE, size=25)
    hubs_lon = rng.uniform(*LON_RANGE, size=25)
    pick = rng.integers(0, 25, size=n_hub)
    lat = np.concatenate(
        [hubs_lat[pick] + rng.normal(0, 0.8, n_hub), rng.uniform(*LAT_RANGE, n - n_hub)]
    )
    lon = np.concatenate(
        [hubs_lon[pick] + rng.normal(0, 1.2, n_hub), rng.uniform(*LON_RANGE, n - n_hub)]
    )
    lat = np.clip(lat, *LAT_RANGE)
    lon = np.clip(lon, *LON_RANGE)
    demand = rng.lognormal(mean=7.0, sigma=1.2, size=n)
    sites = rng.choice(n, size=m, replace=False)
    size = rng.integers(0, SIZE_MENU_T.size, size=m)
    dist = DETOUR * great_circle_km(lat[sites, None], lon[sites, None], lat[None, :], lon[None, :])
    return NationalInstance(
        fixed_cost=SIZE_FIXED[size],
        capacity=SIZE_MENU_T[size],
        demand=demand,
        unit_cost=HAUL_COST * dist,
        distance_km=dist,
    )


def k_nearest_costs(
    inst: NationalInstance, k: int, exclude: np.ndarray | None = None
) -> np.ndarray:
    """Unit costs with every pair outside each settlement's k nearest sites set to inf.

    ``exclude`` (bool [m]) marks sites that are closed anyway: they are skipped when
    picking the k nearest, so every settlement keeps k usable sites.
    """
    dist = inst.distance_km
    if exclude is not None and exclude.any():
        dist = np.where(exclude[:, None], np.inf, dist)
        k = min(k, int((~exclude).sum()))
    if k <= 0 or k >= inst.unit_cost.shape[0]:
        return inst.unit_cost
    nearest = np.argpartition(dist, k - 1, axis=0)[:k]  # [k x n]
    cost = np.full_like(inst.unit_cost, np.inf)
    cols = np.broadcast_to(np.arange(cost.shape[1]), nearest.shape)
    cost[nearest, cols] = inst.unit_cost[nearest, cols]
    return cost


def run(inst: NationalInstance, k: int, time_limit: float, gap: float) -> dict:
    """Solve one variant; return the measured figures."""
    t0 = time.perf_counter()
    cost = k_nearest_costs(inst, k)
    prep = time.perf_counter() - t0
    pairs = int(np.isfinite(cost).sum())
    try:
        sol = solve_cflp(
            inst.fixed_cost,
            inst.capacity,
            inst.demand,
            cost,
            time_limit_s=time_limit,
            mip_rel_gap=gap,
        )
    except (SitingInfeasible, SitingSolveError) as err:
        return dict(k=k, pairs=pairs, prep=prep, error=str(err), wall=time.perf_counter() - t0)
    return dict(
        k=k,
        pairs=pairs,
        prep=prep,
        build=sol.build_time_s,
        solve=sol.solve_time_s,
        wall=time.perf_counter() - t0,
        status=sol.status,
        gap=sol.mip_gap,
        bound=sol.dual_bound,
        objective=sol.objective,
        n_open=sol.n_open,
        rows=sol.n_constraints,
        cols=sol.n_variables,
        mean_km=float((sol.flow * inst.distance_km).sum() / sol.flow.sum()),
    )


def report(r: dict) -> None:
    label = "all pairs" if r["k"] <= 0 else f"K = {r['k']} nearest"
    print(f"\n== {label}: {r['pairs']:,} assignment pairs")
    if "error" in r:
        print(f"   no plan: {r['error']}  (wall {r['wall']:.1f} s)")
        return
    gap = "-" if r["gap"] is None else f"{100 * r['gap']:.3f} %"
    bound = "-" if r["bound"] is None else f"{r['bound']:,.0f}"
    print(f"   model        {r['cols']:,} columns x {r['rows']:,} rows")
    print(f"   build        {r['prep'] + r['build']:.2f} s (K filter {r['prep']:.2f} s)")
    print(f"   solve        {r['solve']:.2f} s   status {r['status']}   MIP gap {gap}")
    print(f"   objective    {r['objective']:,.0f} $/yr   dual bound {bound}")
    print(f"   open sites   {r['n_open']}   mean haul {r['mean_km']:.1f} km")


def full_lagrangian_bound(inst: NationalInstance, upper: float, time_limit: float) -> dict:
    """Lagrangian lower bound on the FULL instance (every pair allowed) [$ / yr]."""
    t0 = time.perf_counter()
    bound = cflp_lagrangian_bound(
        inst.fixed_cost,
        inst.capacity,
        inst.demand,
        inst.unit_cost,
        iterations=10**9,  # stopped by the time limit or convergence
        time_limit_s=time_limit,
        upper_bound=upper,
    )
    return dict(bound=bound, time=time.perf_counter() - t0)


def certify(
    inst: NationalInstance,
    plans: list[dict],
    bound_time: float,
    target: float,
    highs_bound: float | None = None,
) -> None:
    """Print the certified full-problem gap of every plan.

    The lower bound is the Lagrangian bound on the full instance, or the HiGHS
    dual bound of an all-pairs (K = 0) run if that is higher (both are valid).
    """
    best = min(plans, key=lambda r: r["objective"])
    lag = full_lagrangian_bound(inst, best["objective"], bound_time)
    m, n = inst.unit_cost.shape
    print(f"\n== certified gap for the FULL problem ({m * n:,} pairs, Lagrangian bound)")
    print(
        f"   lower bound  {lag['bound']:,.0f} $/yr   in {lag['time']:.2f} s "
        f"(Polyak upper bound: K = {best['k']} plan)"
    )
    bound = lag["bound"]
    if highs_bound is not None and highs_bound > bound:
        bound = highs_bound
        print(f"   (the all-pairs HiGHS dual bound {highs_bound:,.0f} is higher and is used)")
    for r in plans:
        gap = "-" if r["gap"] is None else f"{100 * r['gap']:.3f} %"
        cert = (r["objective"] - bound) / r["objective"]
        total = r["wall"] + lag["time"]
        print(
            f"   K = {r['k']:>3}: plan {r['objective']:,.0f} $/yr, restricted-model gap {gap}, "
            f"certified full-problem gap {100 * cert:.3f} %"
        )
        print(
            f"            time: restricted solve {r['wall']:.2f} s + bound {lag['time']:.2f} s "
            f"= {total:.2f} s"
        )
        if cert <= target and total <= WITHIN_S:
            verdict = (
                f"certified within {100 * target:g} % of the full optimum in {total:.1f} s "
                f"(<= {WITHIN_S:g} s)"
            )
        elif cert <= target:
            verdict = (
                f"certified within {100 * target:g} %, but it took {total:.1f} s (> {WITHIN_S:g} s)"
            )
        else:
            verdict = (
                f"NOT certified to {100 * target:g} %: the plan is proven within "
                f"{100 * cert:.3f} % of the full optimum (in {total:.1f} s)"
            )
        print(f"            {verdict}")


def run_lagrangian(inst: NationalInstance, time_limit: float, target: float) -> None:
    """Lagrangian heuristic on the FULL instance; print plan, bound, certified gap."""
    m, n = inst.unit_cost.shape
    t0 = time.perf_counter()
    sol = solve_cflp_lagrangian(
        inst.fixed_cost,
        inst.capacity,
        inst.demand,
        inst.unit_cost,
        time_limit_s=time_limit,
        target_gap=target,
    )
    wall = time.perf_counter() - t0
    mean_km = float((sol.flow * inst.distance_km).sum() / sol.flow.sum())
    print(
        f"\n== Lagrangian heuristic on the FULL problem ({m * n:,} pairs), budget {time_limit:g} s"
    )
    print(f"   {sol.solver_message}")
    print(
        f"   plan         {sol.objective:,.0f} $/yr   "
        f"({sol.n_open} sites, mean haul {mean_km:.1f} km)"
    )
    print(f"   lower bound  {sol.dual_bound:,.0f} $/yr   (Lagrangian)")
    print(f"   certified full-problem gap {100 * sol.mip_gap:.3f} %   status {sol.status}")
    print(f"   time         {wall:.2f} s (whole call, checker included)")
    if sol.mip_gap <= target and wall <= WITHIN_S:
        verdict = f"certified within {100 * target:g} % of the full optimum in {wall:.1f} s"
    elif sol.mip_gap <= target:
        verdict = (
            f"certified within {100 * target:g} %, but it took {wall:.1f} s (> {WITHIN_S:g} s)"
        )
    else:
        verdict = (
            f"NOT certified to {100 * target:g} %: the plan is proven within "
            f"{100 * sol.mip_gap:.3f} % of the full optimum (in {wall:.1f} s)"
        )
    print(f"   {verdict}")


def run_fix_milp(
    inst: NationalInstance,
    k: int,
    bound_time: float,
    target: float,
    ub_time: float = 0.0,
    margin: float = 1.5,
) -> dict:
    """Full bound -> Lagrangian fixing -> K-nearest MILP on the reduced site set.

    1. :func:`planner.siting.cflp_lagrangian_bound` on the FULL instance for
       ``bound_time`` seconds, keeping its best multipliers.
    2. :func:`planner.siting.lagrangian_fixing` at those multipliers with the
       fixing threshold ``U = bound / (1 - target)``: a site whose bound with
       ``y_i = 1`` exceeds ``U`` is closed, one whose bound with ``y_i = 0``
       exceeds ``U`` is forced open. Every plan costing at most ``U`` -- exactly
       the plans that would certify the target gap against this bound -- respects
       all these fixings (see the function's docstring), so the reduction loses
       no plan that could meet the target. If the optimum is below ``U`` this
       is the classic reduced-cost fixing with a valid upper bound; if the final
       plan costs at most ``U`` that plan itself is such an upper bound.
    3. :func:`planner.siting.solve_cflp` on each settlement's ``k`` nearest
       *remaining* sites with ``closed_forced`` / ``open_forced``, for the rest of
       the minute (minus ``margin`` seconds for the checker and reporting).
       With ``ub_time > 0`` a quick :func:`planner.siting.solve_cflp_lagrangian`
       run of that many seconds comes first, and the threshold is its plan's
       cost instead (a genuine upper bound: the classic, unconditional fixing).
    4. The certified gap is ``(plan - bound) / plan`` with the FULL-problem
       bound of step 1: the plan is feasible for the full problem and the bound
       does not depend on the fixing, so the gap is valid whatever was fixed.
    """
    m, n = inst.unit_cost.shape
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    t0 = time.perf_counter()
    ub = None
    if ub_time > 0:
        ub = solve_cflp_lagrangian(*args, time_limit_s=ub_time, target_gap=0.0).objective
    bound, lam = cflp_lagrangian_bound(
        *args, iterations=10**9, time_limit_s=bound_time, upper_bound=ub, return_multipliers=True
    )
    t_bound = time.perf_counter() - t0
    threshold = bound / (1.0 - target) if ub is None else ub
    fix = lagrangian_fixing(*args, lam, threshold)
    t_fix = time.perf_counter() - t0 - t_bound
    cost = k_nearest_costs(inst, k, exclude=fix.close)
    left = WITHIN_S - (time.perf_counter() - t0) - margin
    out = dict(
        k=k,
        bound=bound,
        threshold=threshold,
        n_closed=fix.n_closed,
        n_forced=fix.n_forced_open,
        t_bound=t_bound,
        t_fix=t_fix,
        pairs=int(np.isfinite(cost[~fix.close]).sum()),
        m=m,
        n=n,
    )
    try:
        sol = solve_cflp(
            *args[:3],
            cost,
            closed_forced=fix.close,
            open_forced=fix.force_open,
            time_limit_s=max(left, 1.0),
            mip_rel_gap=1e-4,
        )
    except (SitingInfeasible, SitingSolveError) as err:
        out.update(error=str(err), wall=time.perf_counter() - t0)
        return out
    wall = time.perf_counter() - t0
    out.update(
        wall=wall,
        t_milp=sol.build_time_s + sol.solve_time_s,
        status=sol.status,
        milp_gap=sol.mip_gap,
        objective=sol.objective,
        n_open=sol.n_open,
        cols=sol.n_variables,
        rows=sol.n_constraints,
        mean_km=float((sol.flow * inst.distance_km).sum() / sol.flow.sum()),
        gap=(sol.objective - bound) / sol.objective,
        ub=ub,
    )
    if ub is not None and ub < sol.objective:  # the heuristic plan is better: keep it
        out.update(gap=(ub - bound) / ub, best="heuristic")
    return out


def report_fix_milp(r: dict, target: float) -> None:
    """Print the figures of :func:`run_fix_milp`."""
    print(f"\n== fix-milp on the FULL problem ({r['m'] * r['n']:,} pairs), K = {r['k']}")
    print(f"   lower bound  {r['bound']:,.0f} $/yr   (Lagrangian, {r['t_bound']:.2f} s incl. UB)")
    print(
        f"   fixing       threshold {r['threshold']:,.0f} $/yr: "
        f"{r['n_closed']} of {r['m']} sites closed, {r['n_forced']} forced open "
        f"({r['t_fix']:.3f} s)"
    )
    if "error" in r:
        print(f"   no plan: {r['error']}  (wall {r['wall']:.1f} s)")
        return
    milp_gap = "-" if r["milp_gap"] is None else f"{100 * r['milp_gap']:.3f} %"
    print(
        f"   MILP         {r['cols']:,} columns x {r['rows']:,} rows, {r['pairs']:,} pairs, "
        f"{r['t_milp']:.2f} s, status {r['status']}, restricted-model gap {milp_gap}"
    )
    print(
        f"   plan         {r['objective']:,.0f} $/yr   ({r['n_open']} sites, "
        f"mean haul {r['mean_km']:.1f} km)"
    )
    valid = "yes" if r["objective"] <= r["threshold"] else "no (plan above the threshold)"
    print(f"   plan <= fixing threshold (fixing valid w.r.t. this plan): {valid}")
    if r.get("best") == "heuristic":
        print(f"   the heuristic plan ({r['ub']:,.0f} $/yr) is cheaper and is the one certified")
    print(f"   certified full-problem gap {100 * r['gap']:.3f} %")
    print(f"   time         {r['wall']:.2f} s (bound + fixing + MILP)")
    print(f"   {_verdict(r['gap'], r['wall'], target)}")


def _verdict(gap: float, wall: float, target: float) -> str:
    if gap <= target and wall <= WITHIN_S:
        return f"certified within {100 * target:g} % of the full optimum in {wall:.1f} s"
    if gap <= target:
        return f"certified within {100 * target:g} %, but it took {wall:.1f} s (> {WITHIN_S:g} s)"
    return (
        f"NOT certified to {100 * target:g} %: the plan is proven within "
        f"{100 * gap:.3f} % of the full optimum (in {wall:.1f} s)"
    )


def _nearest_member(args: tuple, extra: np.ndarray | None, kw: dict):
    """One portfolio member (module level so a worker process can pickle it)."""
    return solve_cflp_nearest(*args, extra_pairs=extra, **kw)


def run_nearest(
    inst: NationalInstance,
    k: int,
    gap: float,
    polish: float,
    price: float,
    price_margins: list[float],
    price_iterations: int = 2000,
    margin: float = 2.0,
) -> dict:
    """Pricing, then one relaxation per price margin (in parallel processes), best plan.

    1. :func:`planner.siting.cflp_lagrangian_bound` on the FULL instance for
       ``price_iterations`` iterations (at most ``price`` seconds; skipped if 0):
       a valid bound and multipliers.
    2. For each margin, :func:`planner.siting.solve_cflp_nearest` with
       each settlement's ``k`` nearest sites plus the
       :func:`planner.siting.priced_pairs` of that margin; with several
       margins they run at once, one worker process each (a portfolio: HiGHS's
       heuristics find different plans on different models).
    3. Best plan = the cheapest member's (each is feasible for the full
       problem); bound = the largest of the Lagrangian bound and the members'
       relaxation bounds (each is valid for the full problem); the certified
       gap is ``(plan - bound) / plan``. The time is everything after the
       instance is generated, worker start-up included.
    """
    m, n = inst.unit_cost.shape
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    t0 = time.perf_counter()
    lag = -np.inf
    extras: list[np.ndarray | None] = [None] * len(price_margins)
    if price_iterations > 0:
        lag, lam = cflp_lagrangian_bound(
            *args, iterations=price_iterations, time_limit_s=price, return_multipliers=True
        )
        extras = [priced_pairs(inst.unit_cost, lam, mg) for mg in price_margins]
    t_price = time.perf_counter() - t0
    limit = WITHIN_S - t_price - polish - margin
    kw = dict(k_nearest=k, time_limit_s=limit, mip_rel_gap=gap, polish_time_s=polish)
    if len(extras) == 1:
        sols = [_nearest_member(args, extras[0], kw)]
    else:
        with ProcessPoolExecutor(max_workers=len(extras)) as pool:
            futures = [pool.submit(_nearest_member, args, e, kw) for e in extras]
            sols = [f.result() for f in futures]
    wall = time.perf_counter() - t0
    best = min(sols, key=lambda sol: sol.objective)
    bound = max([lag] + [sol.dual_bound for sol in sols])
    cert = (best.objective - bound) / best.objective
    mean_km = float((best.flow * inst.distance_km).sum() / best.flow.sum())
    print(f"\n== relaxations of the FULL problem ({m * n:,} pairs), K = {k} nearest")
    if price_iterations > 0:
        print(f"   pricing      Lagrangian bound {lag:,.0f} $/yr in {t_price:.2f} s")
    for mg, e, sol in zip(price_margins, extras, sols, strict=True):
        what = "no priced pairs" if e is None else f"+ pairs below {1 + mg:g} x price"
        print(
            f"   {what:<28} {sol.n_variables:,} cols: plan {sol.objective:,.0f}, "
            f"bound {sol.dual_bound:,.0f}"
        )
        print(f"      {sol.solver_message[:150]}")
    print(
        f"   plan         {best.objective:,.0f} $/yr   ({best.n_open} sites, "
        f"mean haul {mean_km:.1f} km); HiGHS limit {limit:.1f} s, polish {polish:g} s"
    )
    print(f"   lower bound  {bound:,.0f} $/yr   (largest of Lagrangian and relaxation bounds)")
    print(f"   certified full-problem gap {100 * cert:.3f} %")
    print(f"   time         {wall:.2f} s (pricing + relaxations + exact plans + polish + checker)")
    print(f"   {_verdict(cert, wall, gap)}")
    return dict(gap=cert, wall=wall, objective=best.objective, bound=bound)


def run_seeds(args: argparse.Namespace, margins: list[float]) -> int:
    """``--method nearest`` on several seeded instances; print one summary line each."""
    rows = []
    for seed in (int(x) for x in args.seeds.split(",")):
        inst = make_instance(args.settlements, args.sites, seed)
        print(f"\n#### seed {seed}: demand {inst.demand.sum() / 1e6:.2f} Mt/yr")
        for k in args.k_nearest.split(","):
            r = run_nearest(
                inst,
                int(k),
                args.gap,
                args.polish_time,
                args.price_time,
                margins,
                args.price_iterations,
            )
            rows.append((seed, int(k), r))
    print(f"\n== summary (target {100 * args.gap:g} % within {WITHIN_S:g} s)")
    print("   seed    K   plan [$/yr]     bound [$/yr]    certified gap   time")
    for seed, k, r in rows:
        ok = "yes" if r["gap"] <= args.gap and r["wall"] <= WITHIN_S else "no"
        print(
            f"   {seed:>4} {k:>4}   {r['objective']:>13,.0f}   {r['bound']:>13,.0f}   "
            f"{100 * r['gap']:>8.3f} %   {r['wall']:5.1f} s   target met: {ok}"
        )
    met = sum(r["gap"] <= args.gap and r["wall"] <= WITHIN_S for _, _, r in rows)
    print(f"   target met on {met} of {len(rows)} runs")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--settlements", type=int, default=2000)
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--time-limit", type=float, default=40.0, help="MIP time limit [s]")
    ap.add_argument("--gap", type=float, default=0.005, help="relative MIP gap [-]")
    ap.add_argument(
        "--k-nearest",
        default=None,
        help=(
            "comma-separated K values; 0 = all pairs (milp only) "
            "(default: 3 for nearest, 10 otherwise)"
        ),
    )
    ap.add_argument(
        "--bound-time",
        type=float,
        default=20.0,
        help="time for the full-problem Lagrangian bound [s]; 0 = skip (default: 20)",
    )
    ap.add_argument(
        "--method",
        choices=("nearest", "lagrangian", "milp", "fix-milp"),
        default="nearest",
        help=(
            "nearest = priced K-nearest relaxation MILP, bound valid for the full problem "
            "(default); "
            "milp = K-nearest restricted MILP + full-problem Lagrangian bound (0.82 %% "
            "measured); lagrangian = full-problem Lagrangian heuristic (0.94 %% measured); "
            "fix-milp = bound, Lagrangian site fixing, then K-nearest MILP (0.96-1.01 %% measured)"
        ),
    )
    ap.add_argument(
        "--fix-bound-time",
        type=float,
        default=12.0,
        help="fix-milp: time for the full-problem bound before fixing [s] (default: 12)",
    )
    ap.add_argument(
        "--fix-ub-time",
        type=float,
        default=0.0,
        help=(
            "fix-milp: seconds of Lagrangian heuristic for an upper bound before fixing; "
            "0 = fix against bound / (1 - gap) only (default: 0)"
        ),
    )
    ap.add_argument(
        "--heuristic-time",
        type=float,
        default=55.0,
        help="time budget of the Lagrangian heuristic [s] (default: 55)",
    )
    ap.add_argument(
        "--polish-time",
        type=float,
        default=5.0,
        help="nearest: local-search budget after the relaxation [s] (default: 5)",
    )
    ap.add_argument(
        "--price-time",
        type=float,
        default=8.0,
        help="nearest: cap on the Lagrangian pricing before the relaxation [s] (default: 8)",
    )
    ap.add_argument(
        "--price-iterations",
        type=int,
        default=2000,
        help="nearest: subgradient iterations of the pricing; 0 = off (default: 2000, ~5 s)",
    )
    ap.add_argument(
        "--price-margins",
        default="0.2",
        help=(
            "nearest: comma-separated margins; each runs one relaxation keeping pairs "
            "cheaper than (1 + margin) x the price, in parallel (default: 0.2)"
        ),
    )
    ap.add_argument(
        "--seeds",
        default=None,
        help="nearest: comma-separated seeds to run one after another (default: --seed)",
    )
    args = ap.parse_args(argv)
    if args.k_nearest is None:
        args.k_nearest = "3" if args.method == "nearest" else "10"

    margins = [float(x) for x in args.price_margins.split(",")]
    if args.method == "nearest" and args.seeds:
        return run_seeds(args, margins)
    t0 = time.perf_counter()
    inst = make_instance(args.settlements, args.sites, args.seed)
    gen = time.perf_counter() - t0
    print(
        f"{args.settlements} settlements x {args.sites} sites, seed {args.seed}: "
        f"demand {inst.demand.sum() / 1e6:.2f} Mt/yr, capacity {inst.capacity.sum() / 1e6:.2f} "
        f"Mt/yr; instance generated in {gen:.2f} s"
    )
    if args.method == "nearest":
        print(f"target certified gap {100 * args.gap:g} %, everything within {WITHIN_S:g} s")
        for k in args.k_nearest.split(","):
            run_nearest(
                inst,
                int(k),
                args.gap,
                args.polish_time,
                args.price_time,
                margins,
                args.price_iterations,
            )
        return 0
    if args.method == "fix-milp":
        print(f"target certified gap {100 * args.gap:g} %, everything within {WITHIN_S:g} s")
        for k in args.k_nearest.split(","):
            r = run_fix_milp(inst, int(k), args.fix_bound_time, args.gap, args.fix_ub_time)
            report_fix_milp(r, args.gap)
        return 0
    if args.method == "lagrangian":
        print(f"target certified gap {100 * args.gap:g} %")
        run_lagrangian(inst, args.heuristic_time, args.gap)
        return 0
    print(f"target MIP gap {100 * args.gap:g} %, time limit {args.time_limit:g} s")
    results = [run(inst, int(k), args.time_limit, args.gap) for k in args.k_nearest.split(",")]
    for r in results:
        report(r)
    full = [r for r in results if r["k"] <= 0 and (r.get("bound") or 0) > 0]
    if full:
        best = max(r["bound"] for r in full)
        print(f"\nfull-model dual bound {best:,.0f}: gap of each plan against it:")
        for r in results:
            if "objective" in r:
                print(f"   K = {r['k']:>3}: {100 * (r['objective'] - best) / r['objective']:.3f} %")
    elif any(r["k"] <= 0 for r in results):
        print(
            "\nthe all-pairs model produced no positive dual bound within the time limit, so the"
            "\nK-restricted plans are certified only for their restricted models (each K plan is"
            "\nfeasible for the full model, i.e. an upper bound on its optimum)."
        )
    plans = [r for r in results if "objective" in r]
    if plans and args.bound_time > 0:
        highs = max((r["bound"] for r in full), default=None)
        certify(inst, plans, args.bound_time, args.gap, highs)
    return 0


if __name__ == "__main__":
    with quiet_native_stdout():  # drop HiGHS's native debug lines; print() still works
        code = main()
    raise SystemExit(code)
