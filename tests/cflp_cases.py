"""Seeded CFLP instances shared by the siting solver tests (not a test module)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from benchmarks.orlib import VENDORED_DIR
from planner.siting import CflpSolution, SitingInfeasible, solve_cflp

GAP = 1e-9  # prove optimality on tiny instances

#: The OR-Library files vendored in tests/data (a plain clone has them).
ORLIB = VENDORED_DIR

# ---------------------------------------------------------------------------
# Instance A: 2 facilities x 3 customers
#   f = [10, 20], s = [5, 10] t, d = [3, 4, 2] t (total 9 t)
#   c = [[1, 2, 3],      cost per tonne from F0
#        [2, 1, 1]]      cost per tonne from F1
# F0 alone (5 t) cannot carry 9 t, so F1 must open.
#   F1 alone: 20 + 3*2 + 4*1 + 2*1 = 32                 <- optimum
#   F0 + F1:  30 + 3*1 (c0 at F0) + 4*1 + 2*1 = 39       (forced-open F0 optimum)
# ---------------------------------------------------------------------------
A_F = [10.0, 20.0]
A_S = [5.0, 10.0]
A_D = [3.0, 4.0, 2.0]
A_C = [[1.0, 2.0, 3.0], [2.0, 1.0, 1.0]]
A_KW = dict(fixed_cost=A_F, capacity=A_S, demand=A_D, unit_cost=A_C)


def solve_a(**kw) -> CflpSolution:
    return solve_cflp(A_F, A_S, A_D, A_C, mip_rel_gap=GAP, **kw)


# Instance C: split vs single source.
#   f = [0, 0], s = [5, 10] t, d = [3, 3, 3] t, c = [[1, 1, 1], [2, 2, 2]]
#   split: F0 full (5 t x 1) + 4 t x 2 at F1 = 13
#   single source: F0 fits one customer (two would be 6 t > 5 t): 3 x 1 + 6 x 2 = 15
C = dict(
    fixed_cost=[0.0, 0.0],
    capacity=[5.0, 10.0],
    demand=[3.0, 3.0, 3.0],
    unit_cost=[[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]],
)


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
