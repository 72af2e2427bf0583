"""Tests for planner.siting.lagrangian: cflp_lagrangian_bound and its subgradient engine."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from cflp_cases import (
    A_C,
    A_D,
    A_F,
    A_S,
    GAP,
    ORLIB,
    euclid_cflp,
    random_cflps_with_optimum,
)

from benchmarks.orlib import load_problem, parse_capopt
from planner.siting import (
    SitingInfeasible,
    cflp_lagrangian_bound,
    cflp_lp_bound,
    solve_cflp,
)
from planner.siting.heuristic import HeuristicState
from planner.siting.lagrangian import SubgradientEngine, _cover_grid, _min_cover

# ---------------------------------------------------------------------------
# Lagrangian lower bound (cflp_lagrangian_bound)
# ---------------------------------------------------------------------------


def test_lagrangian_bound_one_facility_by_hand():
    # One site (f = 10, s = 10 t) must open for d = [3, 4] t at c = [1, 2]/t:
    # OPT = 10 + 3*1 + 4*2 = 21. The start lambda_j = c_j + f/s = [2, 3] gives
    # r = [-1, -1], knapsack value -7, g = 3, and the cover (10 t >= 7 t) opens
    # it: L = 2*3 + 3*4 + 3 = 21 = OPT at the first iteration.
    assert cflp_lagrangian_bound([10.0], [10.0], [3.0, 4.0], [[1.0, 2.0]]) == pytest.approx(21.0)


def test_lagrangian_bound_instance_a_by_hand():
    # Instance A (OPT 32, F1 alone). At lambda = [2, 1, 1] (F1's costs):
    #   F0: r = [-1, 1, 2], knapsack takes 3 t of c0 -> v = -3, g0 = 10 - 3 = 7
    #   F1: r = [0, 0, 0] -> v = 0, g1 = 20
    #   cover: 9 t needs F1 (10 t) or both -> F1 alone, cost 20
    #   L = 2*3 + 1*4 + 1*2 + 20 = 32 = OPT (without the cover it would be 12).
    assert cflp_lagrangian_bound(A_F, A_S, A_D, A_C, upper_bound=32.0) == pytest.approx(32.0)
    assert cflp_lagrangian_bound(A_F, A_S, A_D, A_C) == pytest.approx(32.0)


def test_lagrangian_bound_valid_on_random_small_instances():
    # Validity for every multiplier path: never above the proven MILP optimum.
    # Mixes integer and fractional capacities (exact and rounded cover grid),
    # zero demands and forbidden pairs.
    checked = 0
    for _, (fixed, cap, demand, cost), opt in random_cflps_with_optimum(7, 60, (1, 6), (1, 10)):
        tol = 1e-9 * max(1.0, opt)
        assert cflp_lagrangian_bound(fixed, cap, demand, cost, iterations=300) <= opt + tol
        bound = cflp_lagrangian_bound(fixed, cap, demand, cost, iterations=300, upper_bound=opt)
        assert bound <= opt + tol
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize("seed", range(6))
def test_lagrangian_bound_close_on_random_instances(seed):
    fixed, cap, demand, cost = euclid_cflp(seed)
    opt = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP).objective
    for ub in (None, opt):
        bound = cflp_lagrangian_bound(fixed, cap, demand, cost, upper_bound=ub)
        assert opt * (1 - 0.04) <= bound <= opt * (1 + 1e-9)


def test_lagrangian_bound_at_least_lp_bound_on_average():
    # the integer cover knapsack makes the Lagrangian dual at least the LP bound;
    # the subgradient gets close to it (checked loosely, 0.5 %)
    for seed in (2, 5):
        fixed, cap, demand, cost = euclid_cflp(seed)
        lp = cflp_lp_bound(fixed, cap, demand, cost)
        assert cflp_lagrangian_bound(fixed, cap, demand, cost) >= lp * (1 - 0.005)


def test_lagrangian_bound_time_limit_and_options():
    fixed, cap, demand, cost = euclid_cflp(0)
    quick = cflp_lagrangian_bound(fixed, cap, demand, cost, time_limit_s=1e-9)
    assert np.isfinite(quick)  # one iteration is always done
    assert quick <= solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP).objective
    for kw, word in [
        (dict(single_source=True), "single_source"),
        (dict(budget=100.0), "budget"),
        (dict(max_open=2), "max_open"),
        (dict(open_forced=[0]), "open_forced"),
        (dict(closed_forced=[1]), "closed_forced"),
        (dict(min_served_share=0.9), "min_served_share"),
        (dict(iterations=0), "iterations must be a positive integer"),
        (dict(time_limit_s=0), "time_limit_s must be positive"),
        (dict(upper_bound=np.inf), "upper_bound must be finite"),
    ]:
        with pytest.raises(ValueError, match=word):
            cflp_lagrangian_bound(fixed, cap, demand, cost, **kw)
    with pytest.raises(SitingInfeasible, match="total capacity"):
        cflp_lagrangian_bound([1.0], [5.0], [3.0, 4.0], [[1.0, 1.0]])
    with pytest.raises(SitingInfeasible, match="cannot be"):
        cflp_lagrangian_bound([1.0, 1.0], [9.0, 9.0], [3.0, 4.0], [[1.0, np.inf], [1.0, np.inf]])
    # nothing to serve: zero bound
    assert cflp_lagrangian_bound([5.0], [1.0], [0.0, 0.0], [[1.0, 1.0]]) == 0.0


def test_min_cover_matches_enumeration():
    rng = np.random.default_rng(3)
    for _ in range(200):
        m = int(rng.integers(1, 8))
        g = rng.normal(0, 5, m)
        w = rng.integers(0, 6, m)
        r = int(rng.integers(0, w.sum() + 1))
        y = _min_cover(g, w, r)
        best = min(
            g[np.array(pick, dtype=bool)].sum()
            for pick in itertools.product([0, 1], repeat=m)
            if w[np.array(pick, dtype=bool)].sum() >= r
        )
        assert w[y].sum() >= r
        assert g[y].sum() == pytest.approx(best, abs=1e-9)


@pytest.mark.parametrize(
    ("cap", "required", "exact"),
    [
        ([25e3, 50e3, 250e3], 4.5e6, True),
        ([5000.0] * 16, 58268.0, True),
        ([7.3, 11.9], 15.0, False),
    ],
)
def test_cover_grid_is_a_relaxation(cap, required, exact):
    cap = np.array(cap)
    w, r, is_exact = _cover_grid(cap, required)
    assert is_exact == exact
    # every 0/1 vector meeting the true cover meets the grid cover
    for pick in itertools.product([0, 1], repeat=min(cap.size, 10)):
        y = np.zeros(cap.size, dtype=bool)
        y[: len(pick)] = pick
        if cap[y].sum() >= required:
            assert w[y].sum() >= r


@pytest.mark.parametrize("name", ["cap41", "cap71", "cap101", "cap131"])
def test_lagrangian_bound_orlib(name):
    opt = parse_capopt((ORLIB / "capopt.txt").read_text())[name]
    inst = load_problem(name, ORLIB)
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    for ub in (None, opt):
        bound = cflp_lagrangian_bound(*args, upper_bound=ub, time_limit_s=2.0)
        # capopt.txt rounds the optima to 3 decimals
        assert bound <= opt + 1e-3
        assert bound >= opt * (1 - 0.01)


# ---------------------------------------------------------------------------
# One subgradient engine for the bound and the heuristic
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("iterations", [1, 7, 60])
def test_bound_and_heuristic_follow_the_same_multiplier_path(iterations):
    # Before any plan is known the heuristic's subgradient phase has no upper bound, exactly
    # like cflp_lagrangian_bound without one: the same engine must visit the same multipliers.
    fixed, cap, demand, cost = euclid_cflp(3, m=10, n=60)
    bound, lam = cflp_lagrangian_bound(
        fixed, cap, demand, cost, iterations=iterations, return_multipliers=True
    )
    state = HeuristicState(fixed, cap, demand, cost, deadline=np.inf, target_gap=0.0)
    state.subgradient(np.inf, max_iterations=iterations)
    assert state.dual.iterations == iterations
    assert state.bound == bound
    np.testing.assert_array_equal(state.dual.best_lam, lam)
    # and the engine run on its own gives the same
    engine = SubgradientEngine(fixed, cap, demand, cost)
    engine.run(max_iterations=iterations)
    assert engine.bound == bound
    np.testing.assert_array_equal(engine.best_lam, lam)


def test_heuristic_uses_the_engine_with_its_best_plan_as_target():
    fixed, cap, demand, cost = euclid_cflp(4, m=10, n=60)
    state = HeuristicState(fixed, cap, demand, cost, deadline=np.inf, target_gap=0.0)
    state.subgradient(np.inf, max_iterations=30)
    state.initial_plans()
    assert np.isfinite(state.best_cost)
    engine = SubgradientEngine(fixed, cap, demand, cost)
    engine.run(max_iterations=30)
    engine.run(max_iterations=40, upper_bound=state.best_cost)
    state.subgradient(np.inf, max_iterations=40)
    assert state.dual.iterations == engine.iterations == 70
    assert state.dual.bound == engine.bound
    np.testing.assert_array_equal(state.dual.best_lam, engine.best_lam)
    np.testing.assert_array_equal(state.dual.lam, engine.lam)


def test_engine_step_is_scaled_per_customer_share():
    # one facility, two customers of very different size: the Polyak step in the share space
    # moves lambda_j by theta * (T - L) / ||h||^2 * h_j / d_j
    f, s = np.array([10.0]), np.array([100.0])
    d, c = np.array([1.0, 50.0]), np.array([[1.0, 2.0]])
    engine = SubgradientEngine(f, s, d, c)
    lam0 = engine.lam.copy()
    np.testing.assert_allclose(lam0, [1.1, 2.1])  # c_ij + f_i / s_i
    engine.run(max_iterations=1)
    # at lam0 the knapsack takes both customers (reduced costs -0.1 each, 51 t <= 100 t);
    # g = 10 - 0.1 - 5 = 4.9 >= 0, and the cover (51 t) needs the facility: L = lam0.d + 4.9
    value = float(lam0 @ d) + 4.9
    assert engine.bound == pytest.approx(value)
    # x serves every demand, so the subgradient vanishes and lambda stays where it is
    np.testing.assert_array_equal(engine.lam, lam0)
