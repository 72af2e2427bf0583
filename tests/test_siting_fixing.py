"""Tests for planner.siting.fixing: lagrangian_fixing."""

from __future__ import annotations

import numpy as np
import pytest
from cflp_cases import (
    A_C,
    A_D,
    A_F,
    A_S,
    GAP,
)

from planner.siting import (
    SitingInfeasible,
    cflp_lagrangian_bound,
    lagrangian_fixing,
    solve_cflp,
)

# ---------------------------------------------------------------------------
# Lagrangian reduced-cost fixing
# ---------------------------------------------------------------------------


def test_lagrangian_fixing_instance_a_by_hand():
    # Instance A at lambda = [2, 1, 1]: sum lambda_j d_j = 12, g = [7, 20]
    # (see test_lagrangian_bound_instance_a_by_hand); cover w = [1, 2] (5 t units), r = 2.
    #   F0 open:   12 + 7 + (F1 still needed for the 2nd unit: 20) = 39 > 32 -> close F0
    #              (39 is also the true forced-open-F0 optimum)
    #   F0 closed: 12 + 20 = 32 (= OPT, not > 32: not forced open)
    #   F1 open:   12 + 20 + 0 = 32
    #   F1 closed: F0 alone cannot cover 9 t -> inf > 32 -> force F1 open
    fix = lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0, 1.0], 32.0)
    assert fix.bound == pytest.approx(32.0)
    np.testing.assert_allclose(fix.bound_if_open, [39.0, 32.0])
    assert fix.bound_if_closed[0] == pytest.approx(32.0) and np.isinf(fix.bound_if_closed[1])
    assert fix.close.tolist() == [True, False]
    assert fix.force_open.tolist() == [False, True]
    # a looser upper bound fixes less: at 40 nothing can be closed
    assert not lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0, 1.0], 40.0).close.any()
    with pytest.raises(ValueError, match="multipliers"):
        lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0], 32.0)


def test_lagrangian_fixing_is_safe_on_random_small_instances():
    # With UB = OPT + tiny epsilon, fixing never closes a site the proven optimum
    # opens, never forces open a site it keeps closed; and each one-site bound is
    # below the true optimum with that site forced open / closed.
    rng = np.random.default_rng(11)
    n_fixed = 0
    for t in range(25):
        m, n = int(rng.integers(2, 6)), int(rng.integers(2, 9))
        demand = rng.integers(0, 20, n).astype(float)
        cap = rng.integers(5, 40, m).astype(float) if t % 2 else rng.uniform(5, 40, m)
        if cap.sum() < demand.sum():
            cap = cap * np.ceil(demand.sum() / cap.sum())
        fixed = rng.integers(0, 60, m).astype(float)
        cost = rng.uniform(0, 9, (m, n))
        if t % 4 == 0:
            cost[rng.random((m, n)) < 0.3] = np.inf
        try:
            opt = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP)
        except SitingInfeasible:
            continue
        ub = opt.objective * (1 + 1e-7) + 1e-7
        _, lam = cflp_lagrangian_bound(
            fixed, cap, demand, cost, iterations=300, upper_bound=ub, return_multipliers=True
        )
        fix = lagrangian_fixing(fixed, cap, demand, cost, lam, ub)
        assert not (fix.close & opt.open).any()
        assert not (fix.force_open & ~opt.open).any()
        n_fixed += fix.n_closed + fix.n_forced_open
        for i in range(m):
            tol = 1e-6 * max(1.0, opt.objective)
            for kw, lb in (
                ("open_forced", fix.bound_if_open),
                ("closed_forced", fix.bound_if_closed),
            ):
                try:
                    val = solve_cflp(
                        fixed, cap, demand, cost, mip_rel_gap=GAP, **{kw: [i]}
                    ).objective
                except SitingInfeasible:
                    continue
                assert lb[i] <= val + tol
    assert n_fixed > 0  # the test exercises actual fixing
