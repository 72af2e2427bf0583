"""Large CFLPs: a K-nearest MILP whose bound is valid for the full problem.

With 2,000 settlements x 200 sites the strong CFLP formulation has 400,000
assignment columns and as many linking rows; HiGHS cannot close its gap in a
minute. Restricting every customer to its ``K`` cheapest sites makes the model
small, but a restricted model's dual bound says nothing about the full problem,
because the optimum may use a pair that was left out.

:func:`solve_cflp_nearest` keeps the small model *and* a valid bound by solving
a **relaxation** of the full problem instead of a restriction:

``R``: the CFLP on each customer's ``K`` cheapest allowed pairs (plus any
further pairs the caller keeps, e.g. :func:`priced_pairs`), plus for every
customer ``j`` an uncapacitated "far" option that needs no open facility and
costs ``phi_j`` per tonne, where ``phi_j`` is the cheapest unit cost among the
pairs left out (the ``(K+1)``-th cheapest when only the K nearest are kept);
the cover cut ``sum_i s_i y_i >= D`` (total demand) over the real facilities
stays in the model.

Any plan ``(y, x)`` of the full problem maps to a plan of ``R`` with the same
open set: flows on kept pairs stay, flows on left-out pairs move to the far
option. Capacity and linking rows still hold (only flows were removed from
facilities), the open capacity still covers ``D``, fixed costs are unchanged,
and each moved tonne costs ``phi_j <= c_ij``. So ``opt(R) <= opt(full)``, and
every lower bound HiGHS proves for ``R`` is a lower bound for the full problem.

The plan returned starts from the open set of ``R``'s incumbent. The tonnes that
went to the far option are re-planned as a small CFLP over **all** pairs (open
facilities offer their spare capacity at no fixed cost, closed ones their
capacity at their fixed cost), customers left without a reachable open facility
get the cheapest one, and capacity is topped up if needed. Each candidate open
set is priced by the exact transportation LP over all allowed pairs and
improved by the local search of :func:`planner.siting.solve_cflp_lagrangian`.
The plan is feasible for the full problem, its cost is recomputed from its
flows, and it passes :func:`planner.siting.check_cflp_solution`. The certified
gap ``(objective - dual_bound) / objective`` therefore holds for the full
problem. When ``R``'s incumbent uses no far option its value is also an upper
bound, so a plan found this way can be proven optimal for the full problem.

Only numpy, scipy and the standard library are used (no UI imports).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.siting.heuristic import HeuristicState, certified_plan
from planner.siting.lagrangian import cflp_lagrangian_bound
from planner.siting.milp import (
    build_model,
    dual_bound,
    extract_flows,
    is_infeasible,
    run_milp,
    solve_cflp,
    solver_options,
    status_label,
)
from planner.siting.problem import (
    CflpProblem,
    CflpSolution,
    SitingInfeasible,
    SitingSolveError,
    classic_problem,
    plan_costs,
)

__all__ = ["far_option_costs", "nearest_pairs", "priced_pairs", "solve_cflp_nearest"]


def nearest_pairs(unit_cost: np.ndarray, k: int) -> np.ndarray:
    """Mask of each customer's ``k`` cheapest allowed pairs.

    Parameters
    ----------
    unit_cost : numpy.ndarray
        Unit costs [cost units / t], shape [m x n]; ``inf`` = forbidden pair.
    k : int
        Pairs kept per customer [-]; ``k >= m`` keeps every allowed pair.

    Returns
    -------
    numpy.ndarray
        Bool [m x n]; ``True`` where the pair is kept (never a forbidden pair).
    """
    m, n = unit_cost.shape
    if k >= m:
        return np.isfinite(unit_cost)
    near = np.argpartition(unit_cost, k - 1, axis=0)[:k]  # [k x n]
    mask = np.zeros((m, n), dtype=bool)
    mask[near, np.arange(n)[None, :]] = True
    return mask & np.isfinite(unit_cost)


def priced_pairs(unit_cost: np.ndarray, multipliers: np.ndarray, margin: float) -> np.ndarray:
    """Pairs cheaper than ``(1 + margin)`` times the customer's Lagrangian price.

    At multipliers ``lambda`` (the price of serving one more tonne of customer
    ``j``, e.g. from :func:`planner.siting.cflp_lagrangian_bound`) the
    Lagrangian subproblem never uses a pair with ``c_ij >= lambda_j`` (its
    reduced cost is not negative), and the far option of a relaxation that
    keeps every pair with ``c_ij < (1 + margin) lambda_j`` costs at least
    ``lambda_j`` too. So that relaxation has the same Lagrangian value at
    ``lambda`` as the full problem, and its optimum is at least that value;
    ``margin`` keeps pairs that become useful once integrality is enforced.

    Parameters
    ----------
    unit_cost : numpy.ndarray
        Unit costs [cost units / t], shape [m x n]; ``inf`` = forbidden pair.
    multipliers : numpy.ndarray
        Lagrangian prices ``lambda_j`` [cost units / t], shape [n].
    margin : float
        Relative margin above the price [-], ``>= 0``.

    Returns
    -------
    numpy.ndarray
        Bool [m x n]; never marks a forbidden pair.
    """
    if not margin >= 0:
        raise ValueError(f"margin must be non-negative, got {margin}")
    price = (1.0 + margin) * np.asarray(multipliers, dtype=float)
    return np.isfinite(unit_cost) & (unit_cost < price[None, :])


def far_option_costs(unit_cost: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Cheapest unit cost among each customer's left-out pairs [cost units / t].

    Parameters
    ----------
    unit_cost : numpy.ndarray
        Unit costs [cost units / t], shape [m x n]; ``inf`` = forbidden pair.
    kept : numpy.ndarray
        Bool [m x n] mask of the kept pairs.

    Returns
    -------
    numpy.ndarray
        Shape [n]; ``inf`` where no allowed pair was left out (the far option
        is then not needed for that customer).
    """
    return np.where(kept, np.inf, unit_cost).min(axis=0)


def _top_up_capacity(
    is_open: np.ndarray, fixed_cost: np.ndarray, capacity: np.ndarray, need_t: float
) -> np.ndarray:
    """Open closed facilities, cheapest fixed cost per tonne first, until the
    open capacity reaches ``need_t`` [t]."""
    is_open = is_open.copy()
    closed = np.flatnonzero(~is_open)
    cap = capacity[closed]
    per_t = np.divide(fixed_cost[closed], cap, out=np.full(cap.shape, np.inf), where=cap > 0)
    order = closed[np.argsort(per_t, kind="stable")]
    for i in order:
        if capacity[is_open].sum() >= need_t:
            break
        is_open[i] = True
    return is_open


def _reachable_open_set(
    is_open: np.ndarray,
    fixed_cost: np.ndarray,
    capacity: np.ndarray,
    allowed: np.ndarray,
    need_t: float,
) -> np.ndarray:
    """Add facilities until every customer has an allowed open facility (cheapest
    fixed cost first) and the open capacity reaches ``need_t`` [t]."""
    is_open = is_open.copy()
    for j in np.flatnonzero(~(allowed & is_open[:, None]).any(axis=0)):
        if (allowed[:, j] & is_open).any():
            continue  # reached by a facility opened for an earlier customer
        reach = np.flatnonzero(allowed[:, j])
        is_open[reach[np.argmin(fixed_cost[reach])]] = True
    return _top_up_capacity(is_open, fixed_cost, capacity, need_t)


@dataclass(frozen=True)
class _Relaxed:
    """HiGHS's answer on the relaxation (internal); facility ``m`` is the far option."""

    open: np.ndarray  # bool [m + 1]
    flow: np.ndarray  # [m + 1 x n] t
    objective: float  # incumbent value of the relaxation [cost units]
    dual_bound: float | None  # [cost units]
    status: str
    message: str
    n_variables: int
    n_constraints: int
    build_time_s: float


def _solve_relaxation(
    fixed_cost: np.ndarray,
    capacity: np.ndarray,
    demand: np.ndarray,
    kept_cost: np.ndarray,
    phi: np.ndarray,
    time_limit_s: float | None,
    mip_rel_gap: float | None,
) -> _Relaxed:
    """Solve the relaxation R with HiGHS (see the module docstring).

    The far option is one extra facility (index ``m``: no fixed cost, capacity
    = total demand, forced open, unit cost ``phi``). The model's cover cut
    ``sum_i s_i y_i >= D`` counts the **real** facilities only: in the full
    problem every tonne, far or near, needs open capacity, so the cut stays
    valid for R and keeps the far option from replacing capacity.
    """
    t0 = time.perf_counter()
    m = fixed_cost.size
    inst = CflpProblem.create(
        np.append(fixed_cost, 0.0),
        np.append(capacity, max(float(demand.sum()), 1.0)),
        demand,
        np.vstack([kept_cost, phi[None, :]]),
        open_forced=[m],
    )
    model = build_model(inst)
    if inst.required > 0:  # the cover cut is the last row: drop the far option from it
        a = model.constraints.A
        lo, hi = a.indptr[-2], a.indptr[-1]
        a.data[lo:hi][a.indices[lo:hi] == m] = 0.0
    build_time = time.perf_counter() - t0
    res, _ = run_milp(model, solver_options(time_limit_s, mip_rel_gap))
    if is_infeasible(res):
        raise SitingInfeasible("no plan serves every customer (the relaxation is infeasible)")
    status = status_label(res)
    is_open, flow = extract_flows(inst, model, np.asarray(res.x))
    fixed, transport = plan_costs(inst.fixed_cost, inst.unit_cost, is_open, flow)
    return _Relaxed(
        is_open,
        flow,
        fixed + transport,
        dual_bound(res),
        status,
        str(res.message),
        model.n_variables,
        model.n_constraints,
        build_time,
    )


def _repair_far_option(
    relaxed: _Relaxed,
    fixed_cost: np.ndarray,
    capacity: np.ndarray,
    unit_cost: np.ndarray,
    time_limit_s: float,
) -> np.ndarray | None:
    """Open set that serves the relaxation's far-option tonnes for real.

    The tonnes each customer sent to the far option are re-planned as a small
    CFLP over **all** pairs: facilities already open offer their spare capacity
    at no fixed cost, closed ones their full capacity at their fixed cost. The
    near flows stay as they are. Returns the union of the open sets, or
    ``None`` if nothing went to the far option or the small CFLP has no plan.
    """
    m = fixed_cost.size
    far_t = relaxed.flow[m]
    who = np.flatnonzero(far_t > 1e-9 * max(1.0, float(far_t.max(initial=0.0))))
    if not who.size:
        return None
    is_open = relaxed.open[:m]
    spare = np.where(is_open, np.maximum(capacity - relaxed.flow[:m].sum(axis=1), 0.0), capacity)
    try:
        sol = solve_cflp(
            np.where(is_open, 0.0, fixed_cost),
            spare,
            far_t[who],
            unit_cost[:, who],
            time_limit_s=max(time_limit_s, 0.1),
            mip_rel_gap=1e-4,
        )
    except (SitingInfeasible, SitingSolveError):
        return None
    return is_open | sol.open


def solve_cflp_nearest(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    k_nearest: int = 20,
    extra_pairs: np.ndarray | None = None,
    price_iterations: int = 0,
    price_time_s: float | None = None,
    price_margin: float = 0.2,
    time_limit_s: float | None = None,
    mip_rel_gap: float | None = None,
    polish_time_s: float = 5.0,
    moves_per_round: int = 30,
) -> CflpSolution:
    """Solve a large classic CFLP through its K-nearest relaxation (see module doc).

    Long because its docstring documents nine public options; the steps are
    helpers (:func:`_kept_pairs`, :func:`_solve_relaxation`, :func:`_polish`,
    :func:`_nearest_solution`).

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        See :class:`CflpProblem` for the common parameters. Classic splittable
        CFLP only: every customer fully served, no side constraints.
    k_nearest : int, optional
        Pairs kept per customer in the relaxation [-] (default 20).
    extra_pairs : numpy.ndarray, optional
        Bool [m x n] mask of further pairs to keep (e.g. from
        :func:`priced_pairs`); forbidden pairs in it are ignored.
    price_iterations : int, optional
        If positive, first run that many subgradient iterations of
        :func:`planner.siting.cflp_lagrangian_bound` on the full problem, keep
        the :func:`priced_pairs` of its best multipliers as well, and use its
        bound if that is higher (default 0: no pricing). A fixed count makes the
        pairs, and so the whole run, reproducible.
    price_time_s : float, optional
        Wall-clock cap on that pricing step [s] (default: none).
    price_margin : float, optional
        ``margin`` of :func:`priced_pairs` [-] (default 0.2).
    time_limit_s : float, optional
        HiGHS wall-clock limit for the relaxation [s].
    mip_rel_gap : float, optional
        Relative MIP gap at which HiGHS stops on the relaxation, and the
        certified gap at which the local search stops [-].
    polish_time_s : float, optional
        Wall-clock budget of the repair and local search that improve the plan
        [s] (checked between transportation LPs); whatever HiGHS leaves unused
        of ``time_limit_s`` is added to it. The search stops early once the
        certified gap reaches ``mip_rel_gap``.
    moves_per_round : int, optional
        Candidate moves evaluated exactly per local-search round [-].

    Returns
    -------
    CflpSolution
        The plan (feasible for the full problem); ``dual_bound`` = the larger
        of HiGHS's bound on the relaxation and the pricing step's Lagrangian
        bound (both lower bounds for the full problem); ``mip_gap`` =
        ``(objective - dual_bound) / objective``, the gap certified for the
        full problem. ``status`` is ``"optimal"`` if that gap is at most
        ``mip_rel_gap`` (1e-4 when ``None``), else ``"time_limit"``.
        ``solver_objective`` equals ``objective``; the relaxation's incumbent
        value and its far-option tonnes are in ``solver_message``;
        ``n_variables`` / ``n_constraints`` describe the relaxation;
        ``solve_time_s`` is the whole call.

    Raises
    ------
    ValueError
        On malformed input or a ``k_nearest`` below 1.
    SitingInfeasible
        If the CFLP is infeasible.
    SitingSolveError
        If HiGHS finds no plan of the relaxation in time.
    RuntimeError
        If the plan fails :func:`planner.siting.check_cflp_solution` (never returned).
    """
    t0 = time.perf_counter()
    _check_nearest_options(
        k_nearest, price_iterations, price_time_s, price_margin, polish_time_s, moves_per_round
    )
    inst = classic_problem(fixed_cost, capacity, demand, unit_cost)
    kept, lagrangian = _kept_pairs(
        inst, int(k_nearest), extra_pairs, price_iterations, price_time_s, price_margin
    )
    f, s, d, c = inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost
    phi = far_option_costs(c, kept)
    t_relax = time.perf_counter()
    relaxed = _solve_relaxation(f, s, d, np.where(kept, c, np.inf), phi, time_limit_s, mip_rel_gap)
    bound = max(relaxed.dual_bound if relaxed.dual_bound is not None else 0.0, lagrangian)
    wanted = 1e-4 if mip_rel_gap is None else mip_rel_gap
    state, is_open, flow = _polish(
        inst,
        relaxed,
        bound,
        wanted,
        t_relax=t_relax,
        time_limit_s=time_limit_s,
        polish_time_s=polish_time_s,
        moves_per_round=int(moves_per_round),
    )
    return _nearest_solution(
        inst, relaxed, state, is_open, flow, bound, wanted, t0=t0, k_nearest=int(k_nearest)
    )


def _check_nearest_options(
    k_nearest: int,
    price_iterations: int,
    price_time_s: float | None,
    price_margin: float,
    polish_time_s: float,
    moves_per_round: int,
) -> None:
    """Raise ``ValueError`` on a bad option of :func:`solve_cflp_nearest` (in this order).

    ``k_nearest`` a positive integer [-], ``price_iterations`` a non-negative
    integer [-], ``price_time_s`` > 0 [s], ``price_margin`` >= 0 [-],
    ``polish_time_s`` >= 0 [s], ``moves_per_round`` a positive integer [-].
    """
    if int(k_nearest) != k_nearest or k_nearest < 1:
        raise ValueError(f"k_nearest must be a positive integer, got {k_nearest}")
    if int(price_iterations) != price_iterations or price_iterations < 0:
        raise ValueError(f"price_iterations must be a non-negative integer, got {price_iterations}")
    if price_time_s is not None and not price_time_s > 0:
        raise ValueError(f"price_time_s must be positive, got {price_time_s}")
    if not price_margin >= 0:
        raise ValueError(f"price_margin must be non-negative, got {price_margin}")
    if not polish_time_s >= 0:
        raise ValueError(f"polish_time_s must be non-negative, got {polish_time_s}")
    if int(moves_per_round) != moves_per_round or moves_per_round < 1:
        raise ValueError(f"moves_per_round must be a positive integer, got {moves_per_round}")


def _kept_pairs(
    inst: CflpProblem,
    k_nearest: int,
    extra_pairs: np.ndarray | None,
    price_iterations: int,
    price_time_s: float | None,
    price_margin: float,
) -> tuple[np.ndarray, float]:
    """Pairs the relaxation keeps, and the pricing step's Lagrangian bound.

    Each customer's ``k_nearest`` cheapest allowed pairs, then (with
    ``price_iterations > 0`` and some demand) the :func:`priced_pairs` of the
    best multipliers of :func:`planner.siting.cflp_lagrangian_bound`, then the
    allowed pairs of ``extra_pairs``.

    Returns
    -------
    tuple of (numpy.ndarray, float)
        Bool [m x n] mask of the kept pairs; the Lagrangian bound [cost units]
        (``-inf`` without pricing).

    Raises
    ------
    ValueError
        If ``extra_pairs`` is not of shape [m x n].
    """
    f, s, d, c = inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost
    kept = nearest_pairs(c, k_nearest)
    lagrangian = -np.inf
    if price_iterations > 0 and d.sum() > 0:
        lagrangian, lam = cflp_lagrangian_bound(
            f,
            s,
            d,
            c,
            iterations=int(price_iterations),
            time_limit_s=price_time_s,
            return_multipliers=True,
        )
        kept |= priced_pairs(c, lam, price_margin)
    if extra_pairs is not None:
        extra = np.asarray(extra_pairs, dtype=bool)
        if extra.shape != c.shape:
            raise ValueError(f"extra_pairs must have shape {c.shape}, got {extra.shape}")
        kept = kept | (extra & np.isfinite(c))
    return kept, lagrangian


def _polish(
    inst: CflpProblem,
    relaxed: _Relaxed,
    bound: float,
    wanted: float,
    *,
    t_relax: float,
    time_limit_s: float | None,
    polish_time_s: float,
    moves_per_round: int,
) -> tuple[HeuristicState, np.ndarray, np.ndarray]:
    """Plan for the full problem from the relaxation's open set.

    Plans are evaluated by the exact transportation LP over ALL pairs (never
    dearer than the relaxation's own flows for the same open set): the far
    option's tonnes re-planned (:func:`_repair_far_option`), the relaxation's
    open set made to reach every customer, every site open as a last resort;
    then improved by the drop/add/swap local search of
    :func:`planner.siting.solve_cflp_lagrangian` until the certified gap
    ``wanted`` [-] is reached or the polishing time is spent.

    Parameters
    ----------
    inst : CflpProblem
        The classic CFLP.
    relaxed : _Relaxed
        HiGHS's answer on the relaxation.
    bound : float
        A lower bound on the optimum [cost units].
    wanted : float
        Certified relative gap at which the search stops [-].
    t_relax : float
        ``time.perf_counter()`` when the relaxation's solve started [s].
    time_limit_s : float or None
        HiGHS's limit on the relaxation [s]; what it left unused goes to the polish.
    polish_time_s : float
        The polish budget [s]; half of it caps the far-option repair's MILP.
    moves_per_round : int
        Candidate moves evaluated exactly per local-search round [-].

    Returns
    -------
    tuple of (HeuristicState, numpy.ndarray, numpy.ndarray)
        The search state, the open set (bool [m]) and its flow [t], shape [m x n].

    Raises
    ------
    SitingInfeasible
        If no open set serving every customer is found.
    """
    f, s, d, c = inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost
    far = f.size
    active = d > 0
    da, ca = d[active], c[:, active]
    start = _reachable_open_set(relaxed.open[:far], f, s, np.isfinite(ca), float(da.sum()))
    deadline = time.perf_counter() + polish_time_s
    if time_limit_s is not None:  # time HiGHS left unused goes to the polish
        deadline = max(deadline, t_relax + time_limit_s + polish_time_s)
    state = HeuristicState(f, s, da, ca, deadline, wanted)
    state.known_bound = bound
    is_open = np.zeros(f.size, dtype=bool)
    flow = np.zeros((f.size, d.size))
    if da.size:
        repaired = _repair_far_option(relaxed, f, s, c, polish_time_s / 2)
        if repaired is not None:
            state.evaluate(_reachable_open_set(repaired, f, s, np.isfinite(ca), float(da.sum())))
        if not np.isfinite(state.evaluate(start)) and state.best_open is None:
            state.evaluate(np.ones(f.size, dtype=bool))
        state.local_search(moves_per_round)
        if state.best_open is None:
            raise SitingInfeasible("no open set found that serves every customer")
        is_open = state.best_open.copy()
        flow[:, active] = state.best_flow
    return state, is_open, flow


def _nearest_solution(
    inst: CflpProblem,
    relaxed: _Relaxed,
    state: HeuristicState,
    is_open: np.ndarray,
    flow: np.ndarray,
    bound: float,
    wanted: float,
    *,
    t0: float,
    k_nearest: int,
) -> CflpSolution:
    """The checked :class:`CflpSolution` of :func:`solve_cflp_nearest`.

    ``is_open`` (bool [m]) and ``flow`` [t] are the polished plan, ``bound``
    [cost units] the certified lower bound, ``wanted`` [-] the gap for
    ``status == "optimal"``, ``t0`` the ``time.perf_counter()`` start [s].
    """
    far_t = float(relaxed.flow[inst.m].sum())
    return certified_plan(
        inst,
        is_open,
        flow,
        bound,
        target_gap=wanted,
        reached="optimal",
        t0=t0,
        build_time_s=relaxed.build_time_s,
        n_variables=relaxed.n_variables,
        n_constraints=relaxed.n_constraints,
        message=(
            f"K = {k_nearest} relaxation: {relaxed.status}, incumbent "
            f"{relaxed.objective:.6g} with {far_t:.6g} t on the far option; "
            f"{state.n_lp} transportation LPs, {state.n_moves} improving moves; "
            f"HiGHS: {relaxed.message}"
        ),
        who="K-nearest relaxation",
    )
