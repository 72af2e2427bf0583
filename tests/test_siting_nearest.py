"""Tests for planner.siting.nearest: the K-nearest relaxation of a large CFLP.

The point of the method is that its dual bound is valid for the FULL problem
(unlike a K-nearest *restriction*), so every test checks
``dual_bound <= full optimum <= objective`` against an exact MILP.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from cflp_cases import ORLIB, euclid_cflp, random_cflps_with_optimum

from benchmarks.orlib import load_problem, parse_capopt
from planner.siting import SitingInfeasible, check_cflp_solution, solve_cflp
from planner.siting.nearest import (
    far_option_costs,
    nearest_pairs,
    priced_pairs,
    solve_cflp_nearest,
)

GAP = 1e-9


def test_nearest_pairs_and_far_costs_by_hand():
    # customer 0: costs 1, 2, 3 -> K = 1 keeps F0; cheapest left out = 2 (F1)
    # customer 1: costs 5, 3, inf -> keeps F1; left out: 5 (F0), F2 forbidden -> 5
    c = np.array([[1.0, 5.0], [2.0, 3.0], [3.0, np.inf]])
    kept = nearest_pairs(c, 1)
    np.testing.assert_array_equal(kept, [[True, False], [False, True], [False, False]])
    np.testing.assert_array_equal(far_option_costs(c, kept), [2.0, 5.0])
    # K >= m keeps every allowed pair and needs no far option
    every = nearest_pairs(c, 3)
    np.testing.assert_array_equal(every, np.isfinite(c))
    assert np.isinf(far_option_costs(c, every)).all()


def test_priced_pairs_by_hand():
    # prices lambda = [2, 4]; margin 0.25 -> keep c < [2.5, 5]
    c = np.array([[1.0, 5.0], [2.4, 4.9], [3.0, np.inf]])
    np.testing.assert_array_equal(
        priced_pairs(c, np.array([2.0, 4.0]), 0.25), [[True, False], [True, True], [False, False]]
    )
    # a non-positive price keeps nothing (every unit cost is >= 0)
    assert not priced_pairs(c, np.array([0.0, -1.0]), 0.2).any()
    with pytest.raises(ValueError, match="margin"):
        priced_pairs(c, np.array([2.0, 4.0]), -0.1)


def test_relaxation_bound_is_valid_where_the_restriction_misleads():
    # f = [100, 5, 1], s = [10, 10, 10] t, d = [1, 1] t,
    # c = [[1, 1], [5, 5], [8, 8]] per t.
    # Full optimum: F1 alone 5 + 5 + 5 = 15 (F0 alone 102, F2 alone 1 + 16 = 17).
    # K = 1 restriction keeps only F0 (the cheapest haul) and would "prove" 102.
    # K = 1 relaxation: far option at phi = [5, 5] (F1's cost), free and
    # uncapacitated, but the cover cut still needs 2 t of open capacity: its
    # optimum opens F2 (fixed 1) and ships both tonnes "far": 1 + 5 + 5 = 11,
    # a valid bound below 15. Repair: the 2 far tonnes as a small CFLP where
    # open F2 offers its 10 t spare at no fixed cost (2 x 8 = 16) and closed F1
    # costs 5 + 2 x 5 = 15 -> F1 opens; the exact transportation LP over
    # {F1, F2} sends everything to F1, F2 carries nothing and is closed: 15.
    f, s, d = [100.0, 5.0, 1.0], [10.0, 10.0, 10.0], [1.0, 1.0]
    c = [[1.0, 1.0], [5.0, 5.0], [8.0, 8.0]]
    only_f0 = [[1.0, 1.0], [np.inf, np.inf], [np.inf, np.inf]]
    assert solve_cflp(f, s, d, only_f0, mip_rel_gap=GAP).objective == pytest.approx(102.0)
    sol = solve_cflp_nearest(f, s, d, c, k_nearest=1, mip_rel_gap=GAP)
    np.testing.assert_array_equal(sol.open, [False, True, False])
    assert sol.objective == pytest.approx(15.0)
    assert sol.dual_bound == pytest.approx(11.0)
    assert sol.mip_gap == pytest.approx(4.0 / 15.0)
    assert sol.status == "time_limit"  # 26.7 % is above the requested gap
    assert check_cflp_solution(sol, f, s, d, c) == []
    # the repair alone (no local search time) finds it; without it the plan would be 17
    no_polish = solve_cflp_nearest(f, s, d, c, k_nearest=1, mip_rel_gap=GAP, polish_time_s=0.0)
    assert no_polish.objective == pytest.approx(15.0)
    # with every pair kept the relaxation is the full problem: proven optimal
    exact = solve_cflp_nearest(f, s, d, c, k_nearest=3, mip_rel_gap=GAP)
    assert exact.objective == pytest.approx(15.0)
    assert exact.dual_bound == pytest.approx(15.0)
    assert exact.status == "optimal"


def test_bound_and_plan_bracket_the_optimum_on_random_instances():
    # every K from 1 to m, zero demands, forbidden pairs, fractional capacities
    checked = 0
    for t, (fixed, cap, demand, cost), opt in random_cflps_with_optimum(5, 30, (2, 7), (1, 12)):
        m = fixed.size
        tol = 1e-7 * max(1.0, opt)
        for k in range(1, m + 1):
            price = 50 if k == 1 else 0  # K = 1 plus the Lagrangian-priced pairs
            sol = solve_cflp_nearest(
                fixed,
                cap,
                demand,
                cost,
                k_nearest=k,
                mip_rel_gap=GAP,
                polish_time_s=0.2,
                price_iterations=price,
            )
            assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
            assert sol.dual_bound <= opt + tol, (t, k)
            assert sol.objective >= opt - tol, (t, k)
            if k == m:  # nothing left out: the relaxation is the full problem
                assert sol.dual_bound == pytest.approx(opt, rel=1e-7, abs=1e-7)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("seed", range(3))
def test_close_to_the_optimum_on_euclidean_instances(seed):
    fixed, cap, demand, cost = euclid_cflp(seed, m=12, n=80)
    opt = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP).objective
    sol = solve_cflp_nearest(fixed, cap, demand, cost, k_nearest=4, mip_rel_gap=GAP)
    assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
    assert opt * (1 - 1e-9) <= sol.objective <= opt * 1.02
    assert opt * (1 - 0.03) <= sol.dual_bound <= opt * (1 + 1e-9)


@pytest.mark.parametrize("name", ["cap71", "cap101", "cap131"])
def test_orlib_known_optimum_with_few_pairs(name):
    opt = parse_capopt((ORLIB / "capopt.txt").read_text())[name]
    inst = load_problem(name, ORLIB)
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    sol = solve_cflp_nearest(*args, k_nearest=8, mip_rel_gap=1e-6)
    assert check_cflp_solution(sol, *args) == []
    # capopt.txt rounds the optima to 3 decimals
    assert sol.objective == pytest.approx(opt, abs=2e-3)
    assert sol.dual_bound <= opt + 1e-3


def test_priced_pairs_tighten_the_bound_on_a_euclidean_instance():
    # the relaxation with K = 1 alone lets most customers take the free far
    # option; adding the Lagrangian-priced pairs makes its bound at least the
    # Lagrangian bound, and both stay below the optimum
    args = euclid_cflp(7, m=12, n=80)
    opt = solve_cflp(*args, mip_rel_gap=GAP).objective
    bare = solve_cflp_nearest(*args, k_nearest=1, mip_rel_gap=GAP)
    priced = solve_cflp_nearest(*args, k_nearest=1, mip_rel_gap=GAP, price_iterations=300)
    assert bare.dual_bound < priced.dual_bound <= opt * (1 + 1e-9)
    assert check_cflp_solution(priced, *args) == []


def test_options_and_edge_cases():
    f, s, d, c = [1.0, 2.0], [5.0, 5.0], [3.0, 4.0], [[1.0, 2.0], [2.0, 1.0]]
    for kw, word in [
        (dict(k_nearest=0), "k_nearest"),
        (dict(k_nearest=1.5), "k_nearest"),
        (dict(polish_time_s=-1.0), "polish_time_s"),
        (dict(price_iterations=-1), "price_iterations"),
        (dict(price_iterations=2.5), "price_iterations"),
        (dict(price_iterations=10, price_time_s=0.0), "price_time_s"),
        (dict(price_margin=-0.5), "price_margin"),
        (dict(extra_pairs=np.ones((3, 2), dtype=bool)), "extra_pairs"),
        (dict(moves_per_round=0), "moves_per_round"),
    ]:
        with pytest.raises(ValueError, match=word):
            solve_cflp_nearest(f, s, d, c, **kw)
    with pytest.raises(ValueError, match="NaN|nan|finite"):
        solve_cflp_nearest(f, s, [np.nan, 1.0], c)
    with pytest.raises(SitingInfeasible, match="total capacity"):
        solve_cflp_nearest([1.0], [5.0], [3.0, 4.0], [[1.0, 1.0]])
    # a zero-capacity site neither breaks the top-up nor warns (divide by zero)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zero = solve_cflp_nearest(
            [0.0, 0.0, 0.0],
            [0.0, 10.0, 10.0],
            [5.0, 5.0],
            [[1.0] * 2, [2.0] * 2, [3.0] * 2],
            k_nearest=1,
            mip_rel_gap=GAP,
        )
    assert zero.objective == pytest.approx(20.0) and not zero.open[0]
    # nothing to serve: nothing opens, bound and plan are 0
    none = solve_cflp_nearest([5.0], [1.0], [0.0, 0.0], [[1.0, 1.0]])
    assert none.objective == 0.0 and none.n_open == 0 and none.status == "optimal"
