"""Tests for planner.siting.heuristic: solve_cflp_lagrangian."""

from __future__ import annotations

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
    check_cflp_solution,
    solve_cflp,
    solve_cflp_lagrangian,
)

# ---------------------------------------------------------------------------
# Lagrangian heuristic (solve_cflp_lagrangian)
# ---------------------------------------------------------------------------


def _heuristic(fixed, cap, demand, cost, **kw):
    kw.setdefault("time_limit_s", 0.5)
    return solve_cflp_lagrangian(fixed, cap, demand, cost, target_gap=1e-9, **kw)


def test_lagrangian_heuristic_returns_a_plan_past_its_deadline():
    # A busy machine can use up the whole time limit before the first plan: the heuristic
    # still evaluates its first candidate (it once returned no plan and crashed on None).
    for _, (fixed, cap, demand, cost), opt in random_cflps_with_optimum(5, 3, (3, 7), (4, 12)):
        sol = _heuristic(fixed, cap, demand, cost, time_limit_s=1e-9)
        assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
        assert sol.objective >= opt - 1e-7 * max(1.0, opt)


def test_lagrangian_heuristic_instance_a_by_hand():
    # OPT 32 (F1 alone); the bound reaches it too (see the bound test above)
    sol = _heuristic(A_F, A_S, A_D, A_C)
    np.testing.assert_array_equal(sol.open, [False, True])
    assert sol.objective == pytest.approx(32.0)
    assert sol.dual_bound == pytest.approx(32.0)
    assert sol.status == "gap_reached" and sol.mip_gap == pytest.approx(0.0, abs=1e-9)
    assert check_cflp_solution(sol, A_F, A_S, A_D, A_C) == []


def test_lagrangian_heuristic_brackets_milp_optimum_on_random_instances():
    # plan feasible and >= OPT, bound <= OPT; mixes zero demands, forbidden
    # pairs and fractional capacities
    checked = 0
    for _, (fixed, cap, demand, cost), opt in random_cflps_with_optimum(11, 25, (1, 7), (1, 12)):
        sol = _heuristic(fixed, cap, demand, cost, time_limit_s=0.2)
        tol = 1e-7 * max(1.0, opt)
        assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
        assert sol.objective >= opt - tol
        assert sol.dual_bound <= opt + tol
        assert sol.mip_gap == pytest.approx(
            (sol.objective - sol.dual_bound) / max(sol.objective, 1)
        )
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("seed", range(3))
def test_lagrangian_heuristic_close_on_euclidean_instances(seed):
    fixed, cap, demand, cost = euclid_cflp(seed, m=10, n=60)
    opt = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP).objective
    sol = _heuristic(fixed, cap, demand, cost)
    assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
    assert opt * (1 - 1e-9) <= sol.objective <= opt * 1.02
    assert opt * (1 - 0.04) <= sol.dual_bound <= opt * (1 + 1e-9)
    assert sol.status in ("gap_reached", "time_limit")


def test_lagrangian_heuristic_options_and_edge_cases():
    fixed, cap, demand, cost = euclid_cflp(0)
    for kw, word in [
        (dict(single_source=True), "single_source"),
        (dict(budget=100.0), "budget"),
        (dict(max_open=2), "max_open"),
        (dict(open_forced=[0]), "open_forced"),
        (dict(closed_forced=[1]), "closed_forced"),
        (dict(min_served_share=0.9), "min_served_share"),
        (dict(time_limit_s=0), "time_limit_s must be positive"),
        (dict(target_gap=-1), "target_gap"),
        (dict(bound_share=1.0), "bound_share"),
        (dict(moves_per_round=0), "moves_per_round"),
    ]:
        with pytest.raises(ValueError, match=word):
            solve_cflp_lagrangian(fixed, cap, demand, cost, **kw)
    with pytest.raises(SitingInfeasible, match="total capacity"):
        solve_cflp_lagrangian([1.0], [5.0], [3.0, 4.0], [[1.0, 1.0]])
    # nothing to serve: nothing opens
    sol = solve_cflp_lagrangian([5.0], [1.0], [0.0, 0.0], [[1.0, 1.0]])
    assert sol.objective == 0.0 and sol.n_open == 0 and sol.status == "gap_reached"
    # a target gap reached at once stops early with the gap reported
    loose = solve_cflp_lagrangian(fixed, cap, demand, cost, target_gap=0.5, time_limit_s=5)
    assert loose.status == "gap_reached" and loose.mip_gap <= 0.5


@pytest.mark.parametrize("name", ["cap41", "cap71", "cap101", "cap131"])
def test_lagrangian_heuristic_orlib(name):
    opt = parse_capopt((ORLIB / "capopt.txt").read_text())[name]
    inst = load_problem(name, ORLIB)
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    # 2 s suffice alone; a loaded machine (the suite on shared cores) needs more iterations
    sol = solve_cflp_lagrangian(*args, time_limit_s=10.0, target_gap=0.005)
    assert check_cflp_solution(sol, *args) == []
    # capopt.txt rounds the optima to 3 decimals
    assert opt - 1e-3 <= sol.objective <= opt * 1.005
    assert sol.dual_bound <= opt + 1e-3
    assert sol.mip_gap <= 0.005
