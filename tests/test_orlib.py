"""Tests for benchmarks.orlib (the OR-Library reader) and solve_cflp on its ``cap`` instances.

The instances are vendored in ``tests/data/orlib-cap``, so none of these tests is skipped.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.orlib import (
    CAPACITY_VALUES,
    VENDORED_DIR,
    iter_problems,
    load_problem,
    orlib_cap_dir,
    parse_cap,
    parse_capopt,
)
from planner.siting import SitingInfeasible, SitingSolveError, check_cflp_solution, solve_cflp

DATA = VENDORED_DIR

SMALL = [f"cap{k}{v}" for k in (4, 6, 7) for v in (1, 2, 3, 4)] + ["cap51"]
SMALL += [f"cap{k}{v}" for k in (8, 9, 10, 11, 12, 13) for v in (1, 2, 3, 4)]

# ---------------------------------------------------------------------------
# Parser on synthetic text (no data needed)
# ---------------------------------------------------------------------------

# 2 facilities, 3 customers; customer 1 has zero demand.
TINY = """
 2 3
 10 5.
 capacity 0.
 4 8. 12.
 0 1. 2.
 2 .00000 3.
"""


def test_parse_cap_word_capacity_and_unit_cost():
    inst = parse_cap(TINY, capacity=7, name="tiny")
    assert (inst.m, inst.n, inst.name) == (2, 3, "tiny")
    np.testing.assert_array_equal(inst.capacity, [10, 7])
    np.testing.assert_array_equal(inst.fixed_cost, [5, 0])
    np.testing.assert_array_equal(inst.demand, [4, 0, 2])
    # allocation_cost is [m x n]: column j holds customer j's costs
    np.testing.assert_array_equal(inst.allocation_cost, [[8, 1, 0], [12, 2, 3]])
    # per tonne = c_ij / d_j; zero-demand customer -> 0 (no division by zero)
    np.testing.assert_array_equal(inst.unit_cost, [[2, 0, 0], [3, 0, 1.5]])


def test_parse_cap_zero_demand_solves():
    # open F0 (5) for 6 t of demand (<= 10 t), costs 8 + 0 -> 13; F1 (free) costs 12 + 3 = 15
    inst = parse_cap(TINY, capacity=7)
    sol = solve_cflp(inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost, mip_rel_gap=0)
    assert sol.objective == pytest.approx(13.0)
    np.testing.assert_array_equal(sol.flow[:, 1], [0, 0])


def test_parse_cap_errors():
    with pytest.raises(ValueError, match="pass capacity="):
        parse_cap(TINY)
    with pytest.raises(ValueError, match="must not be given"):
        parse_cap(TINY.replace("capacity", "9"), capacity=7)
    with pytest.raises(ValueError, match="needs 15 tokens, got 14"):
        parse_cap(TINY.rstrip()[:-2], capacity=7)
    with pytest.raises(ValueError, match="expected a number"):
        parse_cap(TINY.replace("12.", "x"), capacity=7)
    with pytest.raises(ValueError, match="missing 'm n' header"):
        parse_cap("")


def test_parse_capopt_text():
    text = (
        "Data file   Optimal solution value\n"
        "cap41       1040444.375\n"
        "capa        19240822.449 (capacity 8000)\n"
        "            18438046.543 (capacity 10000)\n"
        "\nNote here that different machines may give\n"
    )
    assert parse_capopt(text) == {
        "cap41": 1040444.375,
        "capa-8000": 19240822.449,
        "capa-10000": 18438046.543,
    }


def test_data_dir_is_the_vendored_copy_unless_overridden(monkeypatch, tmp_path):
    # tests read only what the repository holds; MSW_SHARED_DIR is an explicit override
    monkeypatch.setenv("MSW_SHARED_DIR", str(tmp_path))
    assert orlib_cap_dir() == tmp_path / "benchmarks" / "orlib-cap"
    monkeypatch.delenv("MSW_SHARED_DIR")
    assert orlib_cap_dir() == VENDORED_DIR
    names = [p.name for p in iter_problems(VENDORED_DIR)]
    assert len(names) == 49  # the 37 small problems + capa, capb, capc at 4 capacities each
    assert set(parse_capopt((VENDORED_DIR / "capopt.txt").read_text())) >= set(names)
    assert (VENDORED_DIR / "README.md").read_text().count("Beasley") >= 2


# ---------------------------------------------------------------------------
# Real OR-Library files
# ---------------------------------------------------------------------------


def test_capopt_has_49_problems_matching_files():
    opt = parse_capopt((DATA / "capopt.txt").read_text())
    assert len(opt) == 49
    assert opt["cap91"] == 796648.438 and opt["capc-7250"] == 11505767.394
    names = [p.name for p in iter_problems(DATA)]
    assert names == list(opt)
    assert sum(len(v) for v in CAPACITY_VALUES.values()) == 12


def test_cap41_parsed_values():
    inst = load_problem("cap41", DATA)
    assert (inst.m, inst.n) == (16, 50)
    assert (inst.capacity == 5000).all()
    assert inst.fixed_cost[10] == 0 and inst.fixed_cost[0] == 7500
    assert inst.demand[0] == 146 and inst.demand.sum() == 58268
    assert inst.allocation_cost[0, 0] == pytest.approx(6739.725)
    assert inst.unit_cost[0, 0] == pytest.approx(6739.725 / 146)


def test_capa_parsed_with_capacity():
    inst = load_problem("capa-12000", DATA)
    assert (inst.m, inst.n) == (100, 1000)
    assert (inst.capacity == 12000).all()
    assert inst.name == "capa-12000"


@pytest.mark.parametrize("name", SMALL)
def test_small_instances_match_capopt(name):
    opt = parse_capopt((DATA / "capopt.txt").read_text())
    inst = load_problem(name, DATA)
    sol = solve_cflp(inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost, mip_rel_gap=1e-9)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(opt[name], rel=1e-6)
    # objective in the file's terms: sum f_i y_i + sum c_ij * (share of d_j served)
    share = np.divide(sol.flow, inst.demand, out=np.zeros_like(sol.flow), where=inst.demand > 0)
    direct = inst.fixed_cost[sol.open].sum() + (inst.allocation_cost * share).sum()
    assert direct == pytest.approx(opt[name], rel=1e-6)


def test_single_source_infeasible_when_demand_exceeds_capacities():
    # README: largest demand 12912 t > every capacity (5000 t) in cap41
    inst = load_problem("cap41", DATA)
    with pytest.raises(SitingInfeasible, match="capacity of every facility"):
        solve_cflp(inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost, single_source=True)


def test_time_limit_returns_incumbent_or_says_why():
    # capa is 100 x 1000; HiGHS cannot prove optimality in half a second.
    inst = load_problem("capa-8000", DATA)
    try:
        sol = solve_cflp(
            inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost, time_limit_s=0.5
        )
    except SitingSolveError as err:
        assert "time limit" in str(err)
        return
    assert sol.status == "time_limit"
    assert sol.mip_gap is not None and sol.mip_gap > 0
    assert (
        check_cflp_solution(sol, inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost) == []
    )
