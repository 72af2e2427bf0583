"""Lagrangian heuristic (after Beasley 1988) for the classic splittable CFLP.

:func:`solve_cflp_lagrangian` gives a plan and a certified gap without a MILP:
the bound comes from the shared :class:`planner.siting.lagrangian.SubgradientEngine`,
the plans from the Lagrangian subproblem, priced exactly by the transportation
LP and improved by local search (:class:`HeuristicState`, which
:func:`planner.siting.solve_cflp_nearest` reuses).

**Lower bound.** The subgradient method of
:func:`planner.siting.cflp_lagrangian_bound` (demand constraints relaxed,
capacity-cover knapsack kept; the same
:class:`~planner.siting.lagrangian.SubgradientEngine`), with the Polyak
target set to the best plan found so far once there is one.
Every ``L(lambda)`` is a valid lower bound (see :mod:`planner.siting.lagrangian`);
the largest one is ``dual_bound``.

**Plans.** Open sets are taken from the Lagrangian subproblem (facilities
with ``y_i = 1``; ones opened in at least a share ``q`` of the recent
iterations, for several ``q``), repaired to enough capacity by adding
facilities in increasing order of their Lagrangian cost ``g_i``, and each is
evaluated **exactly** by the transportation LP (HiGHS via
:func:`scipy.optimize.linprog`, column generation from each customer's
nearest open facilities until no pair has a negative reduced cost, so the
flow is optimal for that open set). The best one is improved by a local
search: single drop/add moves ranked by an estimate from the transportation
duals (see :func:`_move_estimates`), the best ``moves_per_round`` evaluated
exactly, the best improving one applied, until no candidate improves or the
time is up. Facilities left without load are closed. The plan's cost is
recomputed from its flows, so ``objective`` is exact whatever the heuristic
did.

Only numpy, scipy and the standard library are used (no UI imports).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from planner.siting.check import require_valid_plan
from planner.siting.lagrangian import SubgradientEngine, _facility_knapsacks, _min_cover
from planner.siting.problem import (
    CflpProblem,
    CflpSolution,
    IndexSpec,
    classic_problem,
    plan_costs,
    require_classic,
)
from planner.siting.transport import Transport, solve_transport


def _move_estimates(
    c: np.ndarray, f: np.ndarray, s: np.ndarray, d: np.ndarray, is_open: np.ndarray, tr: Transport
) -> np.ndarray:
    """Estimated objective change [cost units] of flipping each facility.

    Open ``i`` (drop): ``-f_i`` plus re-routing each of its tonnes to the
    cheapest other open facility at prices ``c_kj + u_k``. Closed ``k`` (add):
    ``f_k`` plus the knapsack value of ``min sum_j (c_kj - v_j) x_kj``,
    ``x_kj <= d_j``, ``sum_j x_kj <= s_k`` (the Lagrangian value at ``lambda = v``).
    """
    idx = np.flatnonzero(is_open)
    est = np.full(f.shape[0], np.inf)  # inf = infeasible or not estimated
    priced = c[idx] + tr.u[:, None]
    if idx.size > 1:
        two = np.partition(priced, 1, axis=0)[:2]
        spare = float(s[idx].sum() - d.sum())  # [t] capacity left after serving all
        for row, i in enumerate(idx):
            if s[i] > spare:
                continue  # dropping it leaves too little capacity: est stays inf
            load = tr.flow[row]
            used = load > 0
            if not used.any():
                est[i] = -f[i]
                continue
            alt = np.where(priced[row, used] <= two[0, used], two[1, used], two[0, used])
            extra = np.maximum(alt - tr.v[used], 0.0)
            est[i] = -f[i] + float((load[used] * np.where(np.isfinite(extra), extra, 1e30)).sum())
    closed = np.flatnonzero(~is_open)
    if closed.size:
        value, _, _ = _facility_knapsacks(c[closed] - tr.v[None, :], d, s[closed])
        est[closed] = f[closed] + value
    return est


def solve_cflp_lagrangian(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    time_limit_s: float = 60.0,
    target_gap: float = 0.005,
    bound_share: float = 0.3,
    moves_per_round: int = 30,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
) -> CflpSolution:
    """Lagrangian heuristic (after Beasley 1988): a plan and a certified gap.

    For the classic splittable CFLP only (like :func:`cflp_lagrangian_bound`;
    any side option raises ``ValueError``). Needs no MILP, so it scales to
    instances such as 200 sites x 2,000 settlements with every pair allowed.
    The lower bound and the plans are described in the module docstring
    (:mod:`planner.siting.heuristic`).

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        See :class:`CflpProblem` for the common parameters.
    time_limit_s : float, optional
        Wall-clock budget [s] (checked between LP solves, so it may overrun by
        one transportation LP).
    target_gap : float, optional
        Stop once ``(objective - dual_bound) / objective <= target_gap`` [-].
    bound_share : float, optional
        Share of the time limit spent on the first subgradient phase [-]; the
        bound is improved again at the end with whatever time is left.
    moves_per_round : int, optional
        Candidate moves evaluated exactly per local-search round [-].
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        Not supported; any value other than the default raises ``ValueError``.

    Returns
    -------
    CflpSolution
        ``status`` is ``"gap_reached"`` or ``"time_limit"``; ``dual_bound`` is
        the Lagrangian bound, ``mip_gap`` the certified relative gap
        ``(objective - dual_bound) / objective``; ``n_variables`` /
        ``n_constraints`` describe the last transportation LP; ``solve_time_s``
        is the whole run.

    Raises
    ------
    ValueError
        On malformed input or an unsupported option.
    SitingInfeasible
        If the CFLP is obviously infeasible.
    RuntimeError
        If the plan fails :func:`check_cflp_solution` (never returned).
    """
    t0 = time.perf_counter()
    require_classic(
        "solve_cflp_lagrangian",
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    _check_heuristic_options(time_limit_s, target_gap, bound_share, moves_per_round)
    inst = classic_problem(fixed_cost, capacity, demand, unit_cost)
    deadline = t0 + float(time_limit_s)
    build_time = time.perf_counter() - t0
    bound_until = t0 + bound_share * float(time_limit_s)
    state, flow = _run_heuristic(inst, bound_until, deadline, target_gap, int(moves_per_round))
    return _heuristic_solution(inst, state, flow, target_gap, t0=t0, build_time_s=build_time)


def _check_heuristic_options(
    time_limit_s: float, target_gap: float, bound_share: float, moves_per_round: int
) -> None:
    """Raise ``ValueError`` on a bad option of :func:`solve_cflp_lagrangian`.

    Checked in this order: ``time_limit_s`` > 0 [s], ``target_gap`` >= 0 [-],
    ``bound_share`` in (0, 1) [-], ``moves_per_round`` a positive integer [-].
    """
    if not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
    if not target_gap >= 0:
        raise ValueError(f"target_gap must be non-negative, got {target_gap}")
    if not 0 < bound_share < 1:
        raise ValueError(f"bound_share must be in (0, 1), got {bound_share}")
    if int(moves_per_round) != moves_per_round or moves_per_round < 1:
        raise ValueError(f"moves_per_round must be a positive integer, got {moves_per_round}")


def _run_heuristic(
    inst: CflpProblem,
    bound_until: float,
    deadline: float,
    target_gap: float,
    moves_per_round: int,
) -> tuple[HeuristicState, np.ndarray]:
    """Bound, initial plans, local search, bound again; on the customers with demand.

    Parameters
    ----------
    inst : CflpProblem
        A classic CFLP (no side options).
    bound_until : float
        ``time.perf_counter()`` end of the first subgradient phase [s].
    deadline : float
        ``time.perf_counter()`` end of the whole run [s].
    target_gap : float
        Certified relative gap at which the search stops [-].
    moves_per_round : int
        Candidate moves evaluated exactly per local-search round [-].

    Returns
    -------
    tuple of (HeuristicState, numpy.ndarray)
        The final state (best plan, bound, counters) and the best plan's
        flow [t], shape [m x n] (zero for zero-demand customers).
    """
    f, s = inst.fixed_cost, inst.capacity
    active = inst.demand > 0
    d = inst.demand[active]
    c = inst.unit_cost[:, active]
    m = inst.m
    state = HeuristicState(f, s, d, c, deadline, target_gap)
    if d.size:
        state.subgradient(bound_until)
        state.initial_plans()
        state.local_search(moves_per_round)
        state.subgradient(deadline)
    else:
        state.best_open = np.zeros(m, dtype=bool)
        state.best_cost = 0.0
        state.best_flow = np.zeros((m, 0))
        state.known_bound = 0.0
    flow = np.zeros((m, inst.n))
    flow[:, active] = state.best_flow
    return state, flow


def _heuristic_solution(
    inst: CflpProblem,
    state: HeuristicState,
    flow: np.ndarray,
    target_gap: float,
    *,
    t0: float,
    build_time_s: float,
) -> CflpSolution:
    """The checked :class:`CflpSolution` of :func:`solve_cflp_lagrangian`.

    ``flow`` [t] is the best plan's, shape [m x n]; ``target_gap`` [-] decides
    ``"gap_reached"``; ``t0`` is the ``time.perf_counter()`` start [s] and
    ``build_time_s`` the validation time [s].
    """
    return certified_plan(
        inst,
        state.best_open.copy(),
        flow,
        state.bound,
        target_gap=target_gap,
        reached="gap_reached",
        t0=t0,
        build_time_s=build_time_s,
        n_variables=state.n_cols,
        n_constraints=state.n_rows,
        message=(
            f"Lagrangian heuristic: {state.dual.iterations} subgradient iterations, "
            f"{state.n_lp} transportation LPs, {state.n_moves} improving moves"
        ),
        who="Lagrangian heuristic",
    )


def certified_plan(
    inst: CflpProblem,
    is_open: np.ndarray,
    flow: np.ndarray,
    bound: float,
    *,
    target_gap: float,
    reached: str,
    t0: float,
    build_time_s: float,
    n_variables: int,
    n_constraints: int,
    message: str,
    who: str,
) -> CflpSolution:
    """Freeze a heuristic plan with its certified gap; check it before it is returned.

    The objective is recomputed from ``is_open`` and ``flow`` [t]; ``bound``
    [cost units] (a valid lower bound) is capped at it; ``status`` is
    ``reached`` if the gap is at most ``target_gap`` [-], else ``"time_limit"``.
    Raises ``RuntimeError`` (naming ``who``) if :func:`check_cflp_solution`
    finds a violation.
    """
    fixed, transport = plan_costs(inst.fixed_cost, inst.unit_cost, is_open, flow)
    objective = fixed + transport
    bound = min(bound, objective)
    gap = (objective - bound) / objective if objective > 0 else 0.0
    is_open.setflags(write=False)
    flow.setflags(write=False)
    solution = CflpSolution(
        open=is_open,
        flow=flow,
        objective=objective,
        fixed_cost_total=fixed,
        transport_cost_total=transport,
        status=reached if gap <= target_gap else "time_limit",
        mip_gap=float(gap),
        dual_bound=float(bound),
        solver_objective=objective,
        solve_time_s=time.perf_counter() - t0,
        build_time_s=build_time_s,
        n_variables=n_variables,
        n_constraints=n_constraints,
        solver_message=message,
    )
    return require_valid_plan(solution, inst, f"{who} built")


class HeuristicState:
    """Mutable state of :func:`solve_cflp_lagrangian` (internal).

    Works on the customers with positive demand only.
    """

    def __init__(self, f, s, d, c, deadline: float, target_gap: float) -> None:
        self.f, self.s, self.d, self.c = f, s, d, c
        self.deadline = deadline
        self.target_gap = target_gap
        self.dual = SubgradientEngine(f, s, d, c)
        self.known_bound = -np.inf  # a lower bound from elsewhere [cost units]
        self.best_open: np.ndarray | None = None
        self.best_cost = np.inf
        self.best_flow: np.ndarray | None = None
        self.best_tr: Transport | None = None
        self.seen: dict[bytes, float] = {}
        self.n_lp = 0
        self.n_moves = 0
        self.n_cols = 0
        self.n_rows = 0

    # -- bound ---------------------------------------------------------------
    @property
    def bound(self) -> float:
        """Best lower bound [cost units]: the subgradient's or ``known_bound``."""
        return max(self.dual.bound, self.known_bound)

    @property
    def g(self) -> np.ndarray:
        """Lagrangian cost of each facility at the best multipliers [cost units]."""
        return self.dual.g

    def done(self) -> bool:
        if time.perf_counter() >= self.deadline:
            return True
        return bool(
            np.isfinite(self.best_cost)
            and self.best_cost - self.bound <= self.target_gap * self.best_cost
        )

    def subgradient(self, until: float, max_iterations: int | None = None) -> None:
        """Run the shared :class:`SubgradientEngine`, targeting the best plan's cost."""
        self.dual.run(
            max_iterations=max_iterations,
            until=until,
            upper_bound=self.best_cost if np.isfinite(self.best_cost) else None,
            stop=self.done,
        )

    # -- plans ---------------------------------------------------------------
    def evaluate(self, is_open: np.ndarray) -> float:
        """Exact cost of an open set (transportation LP); keeps the best plan."""
        key = np.packbits(is_open).tobytes()
        if key in self.seen:
            return self.seen[key]
        idx = np.flatnonzero(is_open)
        if not idx.size:  # demand is positive here: nothing open serves nothing
            self.seen[key] = np.inf
            return np.inf
        hint = None
        if self.best_tr is not None and self.best_open is not None:
            old = np.flatnonzero(self.best_open)
            pos = np.searchsorted(idx, old)
            keep = (pos < idx.size) & (idx[np.minimum(pos, idx.size - 1)] == old)
            hint = np.zeros((idx.size, self.d.size), dtype=bool)
            hint[pos[keep]] = self.best_tr.flow[keep] > 0
        tr = solve_transport(self.c[idx], self.s[idx], self.d, hint)
        self.n_lp += 1
        if tr is None:
            self.seen[key] = np.inf
            return np.inf
        self.n_cols, self.n_rows = tr.n_cols, tr.n_rows
        used = tr.flow.sum(axis=1) > 0
        if not used.all():  # an unused facility only costs its fixed cost: close it
            is_open = is_open.copy()
            is_open[idx[~used]] = False
            tr = Transport(
                tr.cost, tr.flow[used], tr.v, tr.u[used], tr.support[used], tr.n_cols, tr.n_rows
            )
        cost = float(self.f[is_open].sum()) + tr.cost
        self.seen[key] = cost
        if cost < self.best_cost:
            self.best_cost = cost
            self.best_open = is_open.copy()
            self.best_tr = tr
            full = np.zeros((self.f.shape[0], self.d.size))
            full[np.flatnonzero(is_open)] = tr.flow
            self.best_flow = full
        return cost

    def repair(self, is_open: np.ndarray, slack: float) -> np.ndarray:
        """Add facilities (cheapest Lagrangian cost ``g_i`` first) up to ``slack`` x demand."""
        is_open = is_open.copy()
        need = slack * float(self.d.sum())
        for i in np.argsort(self.g):
            if float(self.s[is_open].sum()) >= need:
                break
            is_open[i] = True
        return is_open

    def initial_plans(self) -> None:
        y = _min_cover(self.g, self.dual.w, self.dual.r)
        candidates = [self.repair(y, slack) for slack in (1.0, 1.05, 1.1, 1.2)]
        for q in (0.5, 0.2, 0.05):
            candidates += [self.repair(self.dual.freq >= q, slack) for slack in (1.0, 1.1)]
        for cand in candidates:
            if self.done():
                break
            self.evaluate(cand)
        if self.best_open is None:
            # Out of time before any plan (a busy machine), or no candidate was feasible:
            # every site open is feasible whenever the instance is.
            self.evaluate(np.ones(self.f.shape[0], dtype=bool))

    def local_search(self, moves_per_round: int) -> None:
        """Flip, then swap moves ranked by :func:`_move_estimates` (first improvement).

        A round evaluates up to ``moves_per_round`` single flips (drop an open
        facility or add a closed one) in increasing order of their estimate,
        then, if none improved, as many swaps (drop ``i`` + add ``k``, ranked by
        the sum of the two estimates); it restarts from the first improvement.
        """
        while self.best_open is not None and not self.done():
            base = self.best_open.copy()
            est = _move_estimates(self.c, self.f, self.s, self.d, base, self.best_tr)
            if not (self.try_moves(base, [(i,) for i in np.argsort(est)], moves_per_round)):
                if not self.try_moves(base, _swaps(est, base, moves_per_round), moves_per_round):
                    return
            self.n_moves += 1

    def try_moves(self, base: np.ndarray, moves, limit: int) -> bool:
        """Evaluate up to ``limit`` new open sets; True at the first improvement."""
        start = self.best_cost
        tried = 0
        for move in moves:
            if tried >= limit or self.done():
                break
            cand = base.copy()
            cand[list(move)] = ~cand[list(move)]
            if np.packbits(cand).tobytes() in self.seen:
                continue
            tried += 1
            if self.evaluate(cand) < start * (1 - 1e-12):
                return True
        return False


def _swaps(est: np.ndarray, is_open: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Most promising (drop, add) pairs by the sum of their single-flip estimates."""
    k = max(int(np.ceil(np.sqrt(4 * limit))), 2)
    drops = np.flatnonzero(is_open)
    adds = np.flatnonzero(~is_open)
    drops = drops[np.argsort(est[drops])[:k]]
    adds = adds[np.argsort(est[adds])[:k]]
    pairs = [(int(i), int(j)) for i in drops for j in adds]
    pairs.sort(key=lambda ij: est[ij[0]] + est[ij[1]])
    return pairs
