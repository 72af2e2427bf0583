"""Tests for planner.siting.solve_cflp / check_cflp_solution.

Tiny instances have their optimum worked out by hand in the comments; the
hypothesis tests compare against brute-force enumeration.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import numpy as np
import pytest
from cflp_cases import euclid_cflp, random_cflps_with_optimum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from planner import siting
from planner.orlib import load_problem, orlib_cap_dir, parse_capopt
from planner.siting import (
    CflpSolution,
    SitingInfeasible,
    SitingSolveError,
    cflp_lagrangian_bound,
    cflp_lp_bound,
    check_cflp_solution,
    solve_cflp,
    solve_cflp_lagrangian,
)

GAP = 1e-9  # prove optimality on tiny instances

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


def solve_a(**kw) -> CflpSolution:
    return solve_cflp(A_F, A_S, A_D, A_C, mip_rel_gap=GAP, **kw)


def test_tiny_optimum_by_hand():
    sol = solve_a()
    assert sol.status == "optimal"
    np.testing.assert_array_equal(sol.open, [False, True])
    np.testing.assert_allclose(sol.flow, [[0, 0, 0], [3, 4, 2]], atol=1e-9)
    assert sol.objective == pytest.approx(32.0)
    assert sol.fixed_cost_total == pytest.approx(20.0)
    assert sol.transport_cost_total == pytest.approx(12.0)
    assert sol.mip_gap is not None and sol.mip_gap <= 1e-6
    assert sol.dual_bound is not None and sol.dual_bound <= sol.objective + 1e-9
    assert sol.solve_time_s >= 0 and sol.build_time_s >= 0
    np.testing.assert_allclose(sol.served, A_D)
    np.testing.assert_allclose(sol.load, [0, 9])
    assert sol.n_open == 1


def test_solution_is_frozen_and_read_only():
    sol = solve_a()
    with pytest.raises(dataclasses.FrozenInstanceError):
        sol.objective = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        sol.flow[0, 0] = 1.0


@pytest.mark.parametrize("forced", [[0], [True, False], np.array([0])])
def test_forced_open(forced):
    # F0 forced open: 10 + 20 + c0 from F0 (3) + c1, c2 from F1 (4 + 2) = 39
    sol = solve_a(open_forced=forced)
    np.testing.assert_array_equal(sol.open, [True, True])
    np.testing.assert_allclose(sol.flow, [[3, 0, 0], [0, 4, 2]], atol=1e-9)
    assert sol.objective == pytest.approx(39.0)


def test_forced_closed_makes_instance_infeasible():
    # closing F1 leaves 5 t of capacity for 9 t of demand
    with pytest.raises(SitingInfeasible, match=r"total capacity .*5 t.* less than .*9 t"):
        solve_a(closed_forced=[1])


def test_budget_feasible_and_binding():
    # budget 20 still allows F1 alone (32); budget 30 allows both, optimum stays 32
    assert solve_a(budget=20).objective == pytest.approx(32.0)
    assert solve_a(budget=30).objective == pytest.approx(32.0)


def test_budget_too_small_reports_cheapest_cover():
    # 9 t needs F1 (cost 20) or both (30); cheapest cover is 20 > 15
    with pytest.raises(SitingInfeasible, match="cheapest set of facilities with enough capacity"):
        solve_a(budget=15)
    with pytest.raises(SitingInfeasible, match=r"costs 20"):
        solve_a(budget=15)


def test_budget_counts_forced_open():
    # F0 forced (10) + F1 needed (20) = 30 > 25
    with pytest.raises(SitingInfeasible, match=r"costs 30"):
        solve_a(open_forced=[0], budget=25)
    with pytest.raises(SitingInfeasible, match="forced-open facilities alone cost 10"):
        solve_a(open_forced=[0], budget=5)


# Instance B: 3 facilities, 2 customers, ample capacity.
#   f = [1, 1, 1], s = 10 t each, d = [1, 1] t, c = [[0, 10], [10, 0], [4, 4]]
#   free: open F0 and F1 -> 1 + 1 + 0 + 0 = 2
#   max_open = 1: F0 -> 1 + 10 = 11, F1 -> 11, F2 -> 1 + 4 + 4 = 9   <- optimum
B = dict(
    fixed_cost=[1.0, 1.0, 1.0],
    capacity=[10.0, 10.0, 10.0],
    demand=[1.0, 1.0],
    unit_cost=[[0.0, 10.0], [10.0, 0.0], [4.0, 4.0]],
)


def test_max_open():
    free = solve_cflp(**B, mip_rel_gap=GAP)
    assert free.objective == pytest.approx(2.0)
    np.testing.assert_array_equal(free.open, [True, True, False])
    one = solve_cflp(**B, max_open=1, mip_rel_gap=GAP)
    assert one.objective == pytest.approx(9.0)
    np.testing.assert_array_equal(one.open, [False, False, True])


def test_max_open_too_small_for_demand():
    # each facility 5 t, 9 t demand: max_open = 1 cannot work
    with pytest.raises(SitingInfeasible, match=r"max_open = 1 .* 5 t"):
        solve_cflp([1, 1], [5, 5], A_D, A_C, max_open=1)


def test_forced_open_exceeds_max_open():
    with pytest.raises(SitingInfeasible, match="2 facilities are forced open but max_open is 1"):
        solve_cflp(**B, open_forced=[0, 1], max_open=1)


def test_forced_open_and_closed_conflict():
    with pytest.raises(SitingInfeasible, match="both forced open and forced closed"):
        solve_a(open_forced=[1], closed_forced=[1])


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


def test_split_vs_single_source():
    split = solve_cflp(**C, mip_rel_gap=GAP)
    single = solve_cflp(**C, single_source=True, mip_rel_gap=GAP)
    assert split.objective == pytest.approx(13.0)
    assert single.objective == pytest.approx(15.0)
    np.testing.assert_allclose(split.load, [5, 4])
    np.testing.assert_allclose(single.load, [3, 6])
    # every customer served by exactly one facility, in full
    assert ((single.flow > 0).sum(axis=0) == 1).all()
    assert ((split.flow > 1e-9).sum(axis=0) == 2).any()


def test_single_source_customer_larger_than_every_capacity():
    # customer 0 needs 6 t; each facility holds 5 t (split would work: cost 11)
    kw = dict(fixed_cost=[0, 0], capacity=[5, 5], demand=[6, 4], unit_cost=[[1, 3], [2, 1]])
    # split by hand: x00 = a, x01 = 5 - a, x10 = 6 - a, x11 = a - 1, cost 26 - 3a, a = 5 -> 11
    assert solve_cflp(**kw, mip_rel_gap=GAP).objective == pytest.approx(11.0)
    with pytest.raises(SitingInfeasible, match=r"customers \[0\].*capacity of every facility"):
        solve_cflp(**kw, single_source=True)


# min_served_share on instance A (total 9 t):
#   share 0.5 -> 4.5 t required, unserved demand is free.
#   split: F0 alone, c0 3 t x 1 + c1 1.5 t x 2 = 6, plus 10 fixed = 16 (F1 alone >= 20)
#   single source: F0 alone with whole customers totalling >= 4.5 t and <= 5 t:
#   {c0, c2} = 5 t, 3 + 6 = 9 -> 19; F1 alone {c1, c2}: 20 + 6 = 26 -> optimum 19
def test_min_served_share_split():
    sol = solve_a(min_served_share=0.5)
    assert sol.objective == pytest.approx(16.0)
    np.testing.assert_allclose(sol.served, [3.0, 1.5, 0.0], atol=1e-9)


def test_min_served_share_single_source():
    sol = solve_a(min_served_share=0.5, single_source=True)
    assert sol.objective == pytest.approx(19.0)
    np.testing.assert_allclose(sol.served, [3.0, 0.0, 2.0], atol=1e-9)


def test_min_served_share_zero_opens_nothing():
    sol = solve_a(min_served_share=0.0)
    assert sol.objective == pytest.approx(0.0)
    assert not sol.open.any()


def test_zero_demand_customer_gets_no_flow():
    sol = solve_cflp(A_F, A_S, [3.0, 0.0, 4.0, 2.0], [[1, 9, 2, 3], [2, 9, 1, 1]])
    assert sol.objective == pytest.approx(32.0)
    np.testing.assert_array_equal(sol.flow[:, 1], [0.0, 0.0])


def test_forbidden_pairs_are_respected():
    # c2 may only use F0: F1 alone is no longer possible; both open:
    # 30 + c0 at F0 (3) + c1 at F1 (4) + c2 at F0 (2 t x 3 = 6) = 43
    cost = np.array(A_C)
    cost[1, 2] = np.inf
    sol = solve_cflp(A_F, A_S, A_D, cost, mip_rel_gap=GAP)
    assert sol.objective == pytest.approx(43.0)
    assert sol.flow[1, 2] == 0.0


def test_unreachable_customer():
    cost = np.array(A_C)
    cost[:, 1] = np.inf
    with pytest.raises(SitingInfeasible, match=r"customers \[1\].*cannot be served in full"):
        solve_cflp(A_F, A_S, A_D, cost)
    # but it may be left out if the served share allows it: 5 of 9 t
    sol = solve_cflp(A_F, A_S, A_D, cost, min_served_share=5 / 9, mip_rel_gap=GAP)
    assert sol.served[1] == 0.0


def test_structural_infeasibility_found_by_solver():
    # both customers may only use F0 (5 t) but need 8 t; F1 has room but is forbidden.
    # each customer alone fits and total capacity is fine, so only HiGHS can tell.
    cost = [[1.0, 1.0], [np.inf, np.inf]]
    with pytest.raises(SitingInfeasible, match="cannot be satisfied together"):
        solve_cflp([1, 1], [5, 50], [4, 4], cost)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(capacity=[5.0]), "capacity must have length 2"),
        (dict(demand=[[1.0, 2.0]]), "demand must be a 1-D array"),
        (dict(unit_cost=[[1.0, 2.0, 3.0]]), r"unit_cost must have shape \(m, n\) = \(2, 3\)"),
        (dict(unit_cost=[[1.0, np.nan, 3.0], [1, 1, 1]]), "unit_cost contains NaN"),
        (dict(unit_cost=[[1.0, -1.0, 3.0], [1, 1, 1]]), "unit_cost must be non-negative"),
        (dict(unit_cost=[[1.0, -np.inf, 3.0], [1, 1, 1]]), "unit_cost must be non-negative"),
        (dict(demand=[1.0, -2.0, 3.0]), "demand must be non-negative"),
        (dict(demand=[1.0, np.nan, 3.0]), "demand contains NaN"),
        (dict(fixed_cost=[1.0, np.inf]), "fixed_cost contains infinite"),
        (dict(fixed_cost=[]), "at least one candidate facility"),
        (dict(min_served_share=1.5), r"min_served_share must be in \[0, 1\]"),
        (dict(budget=-1.0), "budget must be a finite non-negative"),
        (dict(max_open=1.5), "max_open must be a non-negative integer"),
        (dict(open_forced=[3]), "open_forced has indices outside"),
        (dict(closed_forced=[True]), "closed_forced as a bool mask must have length 2"),
        (dict(time_limit_s=0), "time_limit_s must be positive"),
    ],
)
def test_input_validation(kwargs, match):
    args = dict(fixed_cost=A_F, capacity=A_S, demand=A_D, unit_cost=A_C) | kwargs
    with pytest.raises(ValueError, match=match):
        solve_cflp(**args)


def test_infeasible_is_a_value_error():
    assert issubclass(SitingInfeasible, ValueError)
    err = SitingInfeasible("why")
    assert err.reason == "why" and str(err) == "why"


# ---------------------------------------------------------------------------
# Checker
# ---------------------------------------------------------------------------

A_KW = dict(fixed_cost=A_F, capacity=A_S, demand=A_D, unit_cost=A_C)


def test_checker_accepts_solver_answer():
    assert check_cflp_solution(solve_a(), **A_KW) == []


@pytest.mark.parametrize(
    ("corrupt", "extra", "match"),
    [
        # ship c0 from closed F0: violates linking and the objective
        (lambda s: dict(flow=s.flow + [[3, 0, 0], [-3, 0, 0]]), {}, "open_i"),
        # drop half of customer 1
        (lambda s: dict(flow=s.flow * [[1, 1, 1], [1, 0.5, 1]]), {}, "not fully served"),
        # overload F1 by doubling everything
        (lambda s: dict(flow=s.flow * 2), {}, "capacity exceeded"),
        # negative flow
        (lambda s: dict(flow=s.flow - [[1, 0, 0], [0, 0, 0]]), {}, "negative flow"),
        # lie about the objective
        (lambda s: dict(objective=s.objective - 1), {}, "reported objective"),
        # close everything
        (lambda s: dict(open=np.array([False, False])), {}, "exceeds d_j"),
        # constraints the plan never had to satisfy
        (lambda s: {}, dict(open_forced=[0]), "forced-open facilities \\[0\\] are closed"),
        (lambda s: {}, dict(closed_forced=[1]), "forced-closed facilities \\[1\\] are open"),
        (lambda s: {}, dict(budget=19.0), "exceeds budget"),
        (lambda s: {}, dict(max_open=0), "max_open 0"),
        (lambda s: dict(flow=np.full((2, 3), np.nan)), {}, "non-finite"),
        (lambda s: dict(flow=np.zeros((3, 2))), {}, "flow has shape"),
    ],
)
def test_checker_catches_corruption(corrupt, extra, match):
    sol = solve_a()
    bad = dataclasses.replace(sol, **corrupt(sol))
    problems = check_cflp_solution(bad, **A_KW, **extra)
    assert problems, "corruption not detected"
    assert any(re.search(match, p) for p in problems), problems


def test_checker_single_source_and_forbidden():
    split = solve_cflp(**C, mip_rel_gap=GAP)
    problems = check_cflp_solution(split, **C, single_source=True)
    assert any("served by >1 facility" in p for p in problems)
    cost = np.array(C["unit_cost"])
    cost[1, 0] = np.inf
    args = C | dict(unit_cost=cost)
    flow = np.array(split.flow)
    flow[:, 0] = [0.0, 3.0]
    flow[:, 1] = [3.0, 0.0]
    moved = dataclasses.replace(split, flow=flow, solver_objective=None)
    assert any("forbidden" in p for p in check_cflp_solution(moved, **args))


def test_checker_detects_share_shortfall():
    sol = solve_a(min_served_share=0.5)
    thin = dataclasses.replace(sol, flow=sol.flow * 0.5, solver_objective=None)
    problems = check_cflp_solution(thin, **A_KW, min_served_share=0.5)
    assert any("required" in p for p in problems)


# ---------------------------------------------------------------------------
# Property tests against brute force
# ---------------------------------------------------------------------------


@st.composite
def small_instances(draw, max_m: int = 4, max_n: int = 5):
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    ints = st.integers(0, 20)
    demand = np.array(draw(st.lists(ints, min_size=n, max_size=n)), dtype=float)
    cap = np.array(draw(st.lists(st.integers(1, 40), min_size=m, max_size=m)), dtype=float)
    if cap.sum() < demand.sum():  # keep the split problem feasible
        cap = cap * np.ceil(demand.sum() / cap.sum())
    fixed = np.array(draw(st.lists(st.integers(0, 50), min_size=m, max_size=m)), dtype=float)
    cost = np.array(
        draw(st.lists(st.integers(0, 9), min_size=m * n, max_size=m * n)), dtype=float
    ).reshape(m, n)
    return fixed, cap, demand, cost


def brute_force_split(fixed, cap, demand, cost) -> float:
    """Enumerate open sets; solve the transportation LP for each."""
    m, n = cost.shape
    best = np.inf
    for subset in itertools.product([0, 1], repeat=m):
        is_open = np.array(subset, dtype=bool)
        if cap[is_open].sum() < demand.sum() - 1e-9:
            continue
        idx = np.flatnonzero(is_open)
        k = idx.size
        if k == 0:  # nothing open is only feasible without demand
            best = min(best, 0.0)
            continue
        a_ub = np.kron(np.eye(k), np.ones(n))
        a_eq = np.kron(np.ones(k), np.eye(n))
        res = linprog(
            cost[idx].ravel(),
            A_ub=a_ub,
            b_ub=cap[idx],
            A_eq=a_eq,
            b_eq=demand,
            bounds=(0, None),
            method="highs",
        )
        if res.status == 0:
            best = min(best, fixed[is_open].sum() + res.fun)
    return best


def brute_force_single(fixed, cap, demand, cost) -> float:
    """Enumerate every customer -> facility assignment."""
    m, n = cost.shape
    best = np.inf
    for assign in itertools.product(range(m), repeat=n):
        a = np.array(assign)
        load = np.bincount(a, weights=demand, minlength=m)
        if (load > cap + 1e-9).any():
            continue
        used = np.zeros(m, dtype=bool)
        used[a[demand > 0]] = True
        total = fixed[used].sum() + (cost[a, np.arange(n)] * demand).sum()
        best = min(best, total)
    return best


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_property_split_matches_brute_force(inst):
    fixed, cap, demand, cost = inst
    sol = solve_cflp(fixed, cap, demand, cost, mip_rel_gap=GAP)
    assert check_cflp_solution(sol, fixed, cap, demand, cost) == []
    bound = cflp_lp_bound(fixed, cap, demand, cost)
    assert sol.objective >= bound - 1e-6 * max(1.0, abs(bound))
    assert sol.objective == pytest.approx(brute_force_split(fixed, cap, demand, cost), abs=1e-6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances(max_m=3, max_n=5))
def test_property_single_source_matches_brute_force(inst):
    fixed, cap, demand, cost = inst
    expected = brute_force_single(fixed, cap, demand, cost)
    try:
        sol = solve_cflp(fixed, cap, demand, cost, single_source=True, mip_rel_gap=GAP)
    except SitingInfeasible:
        assert expected == np.inf
        return
    assert check_cflp_solution(sol, fixed, cap, demand, cost, single_source=True) == []
    bound = cflp_lp_bound(fixed, cap, demand, cost, single_source=True)
    assert sol.objective >= bound - 1e-6 * max(1.0, abs(bound))
    assert sol.objective == pytest.approx(expected, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(small_instances(), st.floats(0.0, 1.0), st.integers(0, 4))
def test_property_options_always_checked(inst, share, k):
    fixed, cap, demand, cost = inst
    max_open = min(k, cost.shape[0]) or None
    try:
        sol = solve_cflp(
            fixed, cap, demand, cost, min_served_share=share, max_open=max_open, mip_rel_gap=GAP
        )
    except SitingInfeasible:
        return
    kw = dict(min_served_share=share, max_open=max_open)
    assert check_cflp_solution(sol, fixed, cap, demand, cost, **kw) == []
    assert sol.objective >= cflp_lp_bound(fixed, cap, demand, cost, **kw) - 1e-6


# ---------------------------------------------------------------------------
# Solver status handling (simulated time limit, deterministic)
# ---------------------------------------------------------------------------


def _fake_time_limit(keep_x: bool):
    real = siting.milp

    def fake(*args, **kwargs):
        res = real(*args, **kwargs)
        res.status = 1
        res.message = "Time limit reached. (simulated)"
        res.mip_gap = 0.25
        if not keep_x:
            res.x = None
            res.fun = None
        return res

    return fake


def test_time_limit_with_incumbent_is_returned(monkeypatch):
    monkeypatch.setattr(siting, "milp", _fake_time_limit(keep_x=True))
    sol = solve_a(time_limit_s=5)
    assert sol.status == "time_limit"
    assert sol.mip_gap == 0.25
    assert check_cflp_solution(sol, **A_KW) == []


def test_time_limit_without_incumbent_raises(monkeypatch):
    monkeypatch.setattr(siting, "milp", _fake_time_limit(keep_x=False))
    with pytest.raises(SitingSolveError, match="before finding any feasible plan"):
        solve_a(time_limit_s=5)


def test_wrong_solver_answer_is_never_returned(monkeypatch):
    real = siting.milp

    def lying(*args, **kwargs):
        res = real(*args, **kwargs)
        if res.x is not None and len(res.x) > 2:
            res.x = np.zeros_like(res.x)  # nothing open, nothing served
            res.fun = 0.0
        return res

    monkeypatch.setattr(siting, "milp", lying)
    with pytest.raises(RuntimeError, match="violates constraints"):
        solve_a()


# ---------------------------------------------------------------------------
# Lagrangian lower bound (cflp_lagrangian_bound)
# ---------------------------------------------------------------------------

ORLIB = orlib_cap_dir()
needs_orlib = pytest.mark.skipif(
    not (ORLIB / "capopt.txt").exists(),
    reason=f"OR-Library cap data not found at {ORLIB} (set MSW_SHARED_DIR to the shared folder)",
)


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
        y = siting._min_cover(g, w, r)
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
    w, r, is_exact = siting._cover_grid(cap, required)
    assert is_exact == exact
    # every 0/1 vector meeting the true cover meets the grid cover
    for pick in itertools.product([0, 1], repeat=min(cap.size, 10)):
        y = np.zeros(cap.size, dtype=bool)
        y[: len(pick)] = pick
        if cap[y].sum() >= required:
            assert w[y].sum() >= r


@needs_orlib
@pytest.mark.parametrize("name", ["cap41", "cap71", "cap101", "cap131"])
def test_lagrangian_bound_orlib(name):
    opt = parse_capopt((ORLIB / "capopt.txt").read_text())[name]
    inst = load_problem(name)
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    for ub in (None, opt):
        bound = cflp_lagrangian_bound(*args, upper_bound=ub, time_limit_s=2.0)
        # capopt.txt rounds the optima to 3 decimals
        assert bound <= opt + 1e-3
        assert bound >= opt * (1 - 0.01)


# ---------------------------------------------------------------------------
# Lagrangian heuristic (solve_cflp_lagrangian)
# ---------------------------------------------------------------------------


def _heuristic(fixed, cap, demand, cost, **kw):
    kw.setdefault("time_limit_s", 0.5)
    return solve_cflp_lagrangian(fixed, cap, demand, cost, target_gap=1e-9, **kw)


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


@needs_orlib
@pytest.mark.parametrize("name", ["cap41", "cap71", "cap101", "cap131"])
def test_lagrangian_heuristic_orlib(name):
    opt = parse_capopt((ORLIB / "capopt.txt").read_text())[name]
    inst = load_problem(name)
    args = (inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost)
    sol = solve_cflp_lagrangian(*args, time_limit_s=2.0, target_gap=0.005)
    assert check_cflp_solution(sol, *args) == []
    # capopt.txt rounds the optima to 3 decimals
    assert opt - 1e-3 <= sol.objective <= opt * 1.005
    assert sol.dual_bound <= opt + 1e-3
    assert sol.mip_gap <= 0.005


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
    fix = siting.lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0, 1.0], 32.0)
    assert fix.bound == pytest.approx(32.0)
    np.testing.assert_allclose(fix.bound_if_open, [39.0, 32.0])
    assert fix.bound_if_closed[0] == pytest.approx(32.0) and np.isinf(fix.bound_if_closed[1])
    assert fix.close.tolist() == [True, False]
    assert fix.force_open.tolist() == [False, True]
    # a looser upper bound fixes less: at 40 nothing can be closed
    assert not siting.lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0, 1.0], 40.0).close.any()
    with pytest.raises(ValueError, match="multipliers"):
        siting.lagrangian_fixing(A_F, A_S, A_D, A_C, [2.0, 1.0], 32.0)


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
        fix = siting.lagrangian_fixing(fixed, cap, demand, cost, lam, ub)
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
