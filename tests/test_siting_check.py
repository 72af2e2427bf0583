"""Tests for planner.siting.check: check_cflp_solution finds every violation."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from cflp_cases import (
    A_KW,
    GAP,
    C,
    solve_a,
)

from planner.siting import (
    check_cflp_solution,
    solve_cflp,
)

# ---------------------------------------------------------------------------
# Checker
# ---------------------------------------------------------------------------


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
