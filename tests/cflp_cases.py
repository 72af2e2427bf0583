"""Seeded CFLP instances shared by the siting solver tests (not a test module)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from planner.siting import SitingInfeasible, solve_cflp


def euclid_cflp(seed: int, m: int = 8, n: int = 40):
    """Random planar instance: sites and customers in a 100 x 100 box.

    Returns ``(fixed_cost, capacity, demand, unit_cost)``; unit cost is 0.1 per
    tonne per unit of distance.
    """
    rng = np.random.default_rng(seed)
    sites = rng.uniform(0, 100, (m, 2))
    custs = rng.uniform(0, 100, (n, 2))
    cost = 0.1 * np.linalg.norm(sites[:, None] - custs[None], axis=2)
    demand = rng.uniform(1, 20, n)
    cap = rng.choice([60.0, 100.0, 150.0], m)
    fixed = rng.uniform(50, 150, m)
    return fixed, cap, demand, cost


def random_cflps_with_optimum(
    seed: int, count: int, m_range: tuple[int, int], n_range: tuple[int, int]
) -> Iterator[tuple[int, tuple, float]]:
    """Yield ``(t, (fixed, cap, demand, cost), proven optimum)`` for small random CFLPs.

    Mixes zero demands, fractional demands (odd ``t``), fractional capacities
    (``t % 3 == 0``) and forbidden pairs (``t % 4 == 0``); capacity is scaled up to
    cover demand. Instances HiGHS proves infeasible (forbidden pairs) are skipped.
    """
    rng = np.random.default_rng(seed)
    for t in range(count):
        m, n = int(rng.integers(*m_range)), int(rng.integers(*n_range))
        demand = rng.integers(0, 20, n).astype(float) * (rng.uniform(0.5, 1.5, n) if t % 2 else 1)
        cap = rng.uniform(5, 40, m) if t % 3 == 0 else rng.integers(1, 40, m).astype(float)
        if cap.sum() < demand.sum():
            cap = cap * np.ceil(demand.sum() / cap.sum())
        fixed = rng.integers(0, 60, m).astype(float)
        cost = rng.uniform(0, 9, (m, n))
        if t % 4 == 0:
            cost[rng.random((m, n)) < 0.3] = np.inf
        try:
            opt = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=1e-9).objective
        except SitingInfeasible:
            continue
        yield t, (fixed, cap, demand, cost), opt
