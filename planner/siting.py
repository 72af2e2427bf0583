"""Capacitated facility location (CFLP) for siting waste facilities.

The model chooses which candidate facilities (landfills, sorting plants, transfer
stations, ...) to open and how many tonnes each settlement ("customer") sends to
each open facility, minimising fixed opening cost plus transport cost.

Model
-----
Indices: facilities ``i = 1..m``, customers ``j = 1..n``.

Data: fixed cost ``f_i`` [cost units], capacity ``s_i`` [t], demand ``d_j`` [t],
unit cost ``c_ij`` [cost units / t]. ``c_ij = +inf`` marks a forbidden pair (no
variable is created for it).

Internally the flow is written as ``x_ij = d_j * w_ij`` where ``w_ij`` in [0, 1]
is the share of customer ``j``'s demand served from ``i`` (this keeps the
coefficients well scaled; it is the classic Beasley formulation)::

    min  sum_i f_i y_i + sum_ij c_ij d_j w_ij
    s.t. w_ij <= y_i                       (strong linking, i.e. x_ij <= d_j y_i)
         sum_j d_j w_ij <= s_i y_i         (capacity, i.e. sum_j x_ij <= s_i y_i)
         sum_i w_ij  = 1                   (min_served_share == 1)
         sum_i w_ij <= 1                   (min_served_share < 1)
         sum_ij d_j w_ij >= share * D      (min_served_share < 1; D = total demand)
         sum_i s_i y_i >= share * D        (redundant cover cut; tightens the LP)
         sum_i f_i y_i <= budget           (optional)
         sum_i y_i <= max_open             (optional)
         y_i in {0, 1};  w_ij >= 0, binary if single_source

With ``min_served_share < 1`` unserved demand has **no cost**: the model simply
serves the cheapest ``share * D`` tonnes. With ``single_source=True`` each
customer is then either served entirely by one facility or not at all.

Customers with zero demand get no variables; their flow is zero.

Only numpy, scipy and the standard library are used (no UI imports).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

__all__ = [
    "CflpSolution",
    "SitingInfeasible",
    "SitingSolveError",
    "check_cflp_solution",
    "cflp_lagrangian_bound",
    "cflp_lp_bound",
    "LagrangianFixing",
    "lagrangian_fixing",
    "solve_cflp",
    "solve_cflp_lagrangian",
]

IndexSpec = Sequence[int] | Sequence[bool] | np.ndarray | None

#: Relative tolerance used when verifying solver output.
DEFAULT_TOL = 1e-6


class SitingInfeasible(ValueError):
    """The siting problem has no feasible solution.

    Parameters
    ----------
    reason : str
        Plain-language explanation of why no plan exists.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SitingSolveError(RuntimeError):
    """The solver stopped without a usable solution (e.g. time limit, no incumbent)."""


@dataclass(frozen=True, eq=False)
class CflpSolution:
    """Solution of :func:`solve_cflp`.

    Attributes
    ----------
    open : numpy.ndarray
        Bool array [m]; ``True`` where the facility is opened.
    flow : numpy.ndarray
        Float array [m x n] of tonnes shipped from facility i to customer j [t].
    objective : float
        Fixed plus transport cost recomputed from ``open`` and ``flow`` [cost units].
    fixed_cost_total : float
        Sum of fixed costs of opened facilities [cost units].
    transport_cost_total : float
        Sum of ``unit_cost * flow`` [cost units].
    status : str
        ``"optimal"`` (within ``mip_rel_gap``) or ``"time_limit"`` (feasible
        incumbent returned when the time limit was hit).
    mip_gap : float or None
        Relative gap between incumbent and dual bound reported by HiGHS [-].
    dual_bound : float or None
        Lower bound on the optimal objective reported by HiGHS [cost units].
    solver_objective : float or None
        Objective value as reported by HiGHS [cost units].
    solve_time_s : float
        Wall-clock time of the HiGHS call [s].
    build_time_s : float
        Wall-clock time to validate the input and build the model [s].
    n_variables : int
        Number of MILP columns [-].
    n_constraints : int
        Number of MILP rows [-].
    solver_message : str
        Raw status message from scipy/HiGHS.
    """

    open: np.ndarray
    flow: np.ndarray
    objective: float
    fixed_cost_total: float
    transport_cost_total: float
    status: str
    mip_gap: float | None
    dual_bound: float | None
    solver_objective: float | None
    solve_time_s: float
    build_time_s: float
    n_variables: int
    n_constraints: int
    solver_message: str

    @property
    def served(self) -> np.ndarray:
        """Tonnes delivered per customer [t], shape [n]."""
        return self.flow.sum(axis=0)

    @property
    def load(self) -> np.ndarray:
        """Tonnes received per facility [t], shape [m]."""
        return self.flow.sum(axis=1)

    @property
    def n_open(self) -> int:
        """Number of opened facilities [-]."""
        return int(self.open.sum())


# ---------------------------------------------------------------------------
# Input validation
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Instance:
    """Validated, normalised CFLP data (internal)."""

    fixed_cost: np.ndarray  # [m] cost units
    capacity: np.ndarray  # [m] t
    demand: np.ndarray  # [n] t
    unit_cost: np.ndarray  # [m x n] cost units / t, +inf = forbidden
    single_source: bool
    open_forced: np.ndarray  # bool [m]
    closed_forced: np.ndarray  # bool [m]
    budget: float | None
    max_open: int | None
    min_served_share: float

    @property
    def m(self) -> int:
        return self.fixed_cost.shape[0]

    @property
    def n(self) -> int:
        return self.demand.shape[0]

    @property
    def total_demand(self) -> float:
        return float(self.demand.sum())

    @property
    def required(self) -> float:
        """Tonnes that must be served [t]."""
        return self.min_served_share * self.total_demand

    @property
    def allowed(self) -> np.ndarray:
        """Bool [m x n]: pair may carry flow (finite cost, facility not forced closed)."""
        return np.isfinite(self.unit_cost) & ~self.closed_forced[:, None]


def _as_vector(name: str, values: object, length: int | None = None) -> np.ndarray:
    """Convert to a 1-D float array and reject NaN, infinities and negatives."""
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got shape {arr.shape}")
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} must have length {length}, got {arr.shape[0]}")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN at positions {_first(np.isnan(arr))}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains infinite values at positions {_first(np.isinf(arr))}")
    if (arr < 0).any():
        raise ValueError(f"{name} must be non-negative; negative at positions {_first(arr < 0)}")
    return arr


def _first(mask: np.ndarray, k: int = 5) -> list:
    """First ``k`` indices where ``mask`` is true (for error messages)."""
    idx = np.argwhere(mask)[:k]
    return [tuple(int(v) for v in row) if len(row) > 1 else int(row[0]) for row in idx]


def _as_unit_cost(values: object, m: int, n: int) -> np.ndarray:
    """Validate the [m x n] unit-cost matrix; ``+inf`` is allowed (forbidden pair)."""
    arr = np.asarray(values, dtype=float)
    if arr.shape != (m, n):
        raise ValueError(f"unit_cost must have shape (m, n) = ({m}, {n}), got {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError(f"unit_cost contains NaN at (i, j) = {_first(np.isnan(arr))}")
    if (arr < 0).any():
        raise ValueError(
            f"unit_cost must be non-negative (+inf = forbidden pair); "
            f"negative at (i, j) = {_first(arr < 0)}"
        )
    return arr


def _as_mask(name: str, spec: IndexSpec, m: int) -> np.ndarray:
    """Turn a bool mask or an index list into a bool mask of length ``m``."""
    mask = np.zeros(m, dtype=bool)
    if spec is None:
        return mask
    arr = np.asarray(spec)
    if arr.size == 0:
        return mask
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D bool mask or index list")
    if arr.dtype == bool:
        if arr.shape[0] != m:
            raise ValueError(f"{name} as a bool mask must have length {m}, got {arr.shape[0]}")
        return arr.copy()
    if not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{name} must be a bool mask or a list of integer indices")
    if (arr < 0).any() or (arr >= m).any():
        raise ValueError(f"{name} has indices outside 0..{m - 1}: {arr[(arr < 0) | (arr >= m)]}")
    mask[arr] = True
    return mask


def _validate(
    fixed_cost: object,
    capacity: object,
    demand: object,
    unit_cost: object,
    *,
    single_source: bool,
    open_forced: IndexSpec,
    closed_forced: IndexSpec,
    budget: float | None,
    max_open: int | None,
    min_served_share: float,
) -> _Instance:
    """Check shapes, NaN and signs; return a normalised :class:`_Instance`."""
    f = _as_vector("fixed_cost", fixed_cost)
    m = f.shape[0]
    if m == 0:
        raise ValueError("at least one candidate facility is required")
    s = _as_vector("capacity", capacity, m)
    d = _as_vector("demand", demand)
    c = _as_unit_cost(unit_cost, m, d.shape[0])
    if budget is not None and (not np.isfinite(budget) or budget < 0):
        raise ValueError(f"budget must be a finite non-negative number, got {budget}")
    if max_open is not None and (int(max_open) != max_open or max_open < 0):
        raise ValueError(f"max_open must be a non-negative integer, got {max_open}")
    share = float(min_served_share)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"min_served_share must be in [0, 1], got {min_served_share}")
    return _Instance(
        fixed_cost=f,
        capacity=s,
        demand=d,
        unit_cost=c,
        single_source=bool(single_source),
        open_forced=_as_mask("open_forced", open_forced, m),
        closed_forced=_as_mask("closed_forced", closed_forced, m),
        budget=None if budget is None else float(budget),
        max_open=None if max_open is None else int(max_open),
        min_served_share=share,
    )


# ---------------------------------------------------------------------------
# Cheap infeasibility diagnostics
# ---------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


def _servable_per_customer(inst: _Instance) -> np.ndarray:
    """Upper bound on tonnes each customer can receive [t], ignoring other customers."""
    allowed = inst.allowed
    cap = np.where(allowed, inst.capacity[:, None], 0.0)
    if inst.single_source:
        reach = cap.max(axis=0) if inst.m else np.zeros(inst.n)
        return np.where(reach >= inst.demand, inst.demand, 0.0)
    return np.minimum(inst.demand, cap.sum(axis=0))


def _max_capacity_with_limit(inst: _Instance) -> float:
    """Largest total capacity [t] that can be opened given forced/closed/max_open."""
    free = ~inst.open_forced & ~inst.closed_forced
    forced_cap = float(inst.capacity[inst.open_forced].sum())
    free_caps = np.sort(inst.capacity[free])[::-1]
    if inst.max_open is None:
        return forced_cap + float(free_caps.sum())
    k = max(inst.max_open - int(inst.open_forced.sum()), 0)
    return forced_cap + float(free_caps[:k].sum())


def _cheap_infeasibility_reason(inst: _Instance) -> str | None:
    """Return a plain-language reason if the instance is obviously infeasible."""
    both = inst.open_forced & inst.closed_forced
    if both.any():
        return f"facilities {_first(both)} are both forced open and forced closed"
    n_forced = int(inst.open_forced.sum())
    if inst.max_open is not None and n_forced > inst.max_open:
        return f"{n_forced} facilities are forced open but max_open is {inst.max_open}"
    forced_fixed = float(inst.fixed_cost[inst.open_forced].sum())
    if inst.budget is not None and forced_fixed > inst.budget * (1 + 1e-12):
        return (
            f"the forced-open facilities alone cost {_fmt(forced_fixed)}, "
            f"more than the budget of {_fmt(inst.budget)}"
        )
    required = inst.required
    tol = 1e-9 * max(1.0, inst.total_demand)
    open_cap = float(inst.capacity[~inst.closed_forced].sum())
    if open_cap < required - tol:
        return (
            f"total capacity of the facilities that may open ({_fmt(open_cap)} t) is less "
            f"than the demand that must be served ({_fmt(required)} t)"
        )
    limit_cap = _max_capacity_with_limit(inst)
    if limit_cap < required - tol:
        return (
            f"with max_open = {inst.max_open} the largest capacity that can be opened is "
            f"{_fmt(limit_cap)} t, less than the demand that must be served ({_fmt(required)} t)"
        )
    servable = _servable_per_customer(inst)
    short = servable < inst.demand - 1e-9 * np.maximum(1.0, inst.demand)
    if float(servable.sum()) < required - tol:
        names = _first(short)
        if inst.single_source:
            why = "demand exceeds the capacity of every facility allowed to serve it"
        else:
            why = "demand exceeds the total capacity of the facilities allowed to serve it"
        return (
            f"customers {names} (demand {[_fmt(inst.demand[j]) for j in names]} t) cannot be "
            f"served in full: their {why}; at most {_fmt(float(servable.sum()))} t of the "
            f"required {_fmt(required)} t can be served"
        )
    return None


def _cheapest_cover_cost(inst: _Instance, time_limit_s: float = 5.0) -> float | None:
    """Cheapest fixed cost [cost units] of a facility set with enough capacity.

    Solves the knapsack-like MILP ``min f.y  s.t.  s.y >= required``, respecting
    forced-open, forced-closed and ``max_open``. It ignores assignments, so the
    value is a lower bound on the fixed cost of any feasible plan. Returns the
    HiGHS dual bound (a valid lower bound), or ``None`` if it could not be solved.
    """
    m = inst.m
    rows = [inst.capacity[None, :]]
    lo = [inst.required]
    hi = [np.inf]
    if inst.max_open is not None:
        rows.append(np.ones((1, m)))
        lo.append(-np.inf)
        hi.append(inst.max_open)
    cons = LinearConstraint(np.vstack(rows), np.array(lo), np.array(hi))
    lb = inst.open_forced.astype(float)
    ub = (~inst.closed_forced).astype(float)
    res = _milp_quietly(
        inst.fixed_cost,
        integrality=np.ones(m),
        bounds=Bounds(lb, ub),
        constraints=cons,
        options={"time_limit": time_limit_s, "mip_rel_gap": 1e-9},
    )
    if res.status != 0 or res.x is None:
        return None
    bound = getattr(res, "mip_dual_bound", None)
    return float(bound) if bound is not None and np.isfinite(bound) else float(res.fun)


def _budget_reason(inst: _Instance) -> str | None:
    """Reason string if the budget cannot buy enough capacity, else ``None``."""
    if inst.budget is None:
        return None
    cheapest = _cheapest_cover_cost(inst)
    if cheapest is None:
        return None
    if cheapest > inst.budget * (1 + 1e-9) + 1e-9:
        return (
            f"the budget of {_fmt(inst.budget)} is too small: the cheapest set of facilities "
            f"with enough capacity for the required {_fmt(inst.required)} t costs "
            f"{_fmt(cheapest)}"
        )
    return None


# ---------------------------------------------------------------------------
# Model building
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Model:
    """Sparse MILP in scipy.optimize.milp form (internal)."""

    c: np.ndarray
    integrality: np.ndarray
    bounds: Bounds
    constraints: LinearConstraint
    pair_i: np.ndarray  # facility index of each w column
    pair_j: np.ndarray  # customer index of each w column

    @property
    def n_variables(self) -> int:
        return self.c.shape[0]

    @property
    def n_constraints(self) -> int:
        return self.constraints.A.shape[0]


def _pairs(inst: _Instance) -> tuple[np.ndarray, np.ndarray]:
    """Facility/customer indices of modelled pairs (allowed and positive demand)."""
    mask = inst.allowed & (inst.demand > 0)[None, :]
    pi, pj = np.nonzero(mask)
    return pi.astype(np.int64), pj.astype(np.int64)


def _build_model(inst: _Instance) -> _Model:
    """Build the strong CFLP formulation as one sparse constraint block.

    Columns: ``y_0..y_{m-1}`` then one ``w`` per modelled pair.
    """
    m = inst.m
    pi, pj = _pairs(inst)
    p = pi.shape[0]
    w_col = m + np.arange(p)
    d_p = inst.demand[pj]
    served = np.flatnonzero(inst.demand > 0)
    cust_row = np.full(inst.n, -1, dtype=np.int64)
    cust_row[served] = np.arange(served.shape[0])

    blocks_r: list[np.ndarray] = []
    blocks_c: list[np.ndarray] = []
    blocks_v: list[np.ndarray] = []
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    row0 = 0

    def add(r: np.ndarray, cols: np.ndarray, v: np.ndarray, n_rows: int, lb, ub) -> None:
        nonlocal row0
        blocks_r.append(r + row0)
        blocks_c.append(cols)
        blocks_v.append(v)
        lo.append(np.broadcast_to(np.asarray(lb, dtype=float), (n_rows,)))
        hi.append(np.broadcast_to(np.asarray(ub, dtype=float), (n_rows,)))
        row0 += n_rows

    # strong linking: w_ij - y_i <= 0
    rows = np.arange(p)
    add(
        np.concatenate([rows, rows]),
        np.concatenate([w_col, pi]),
        np.concatenate([np.ones(p), -np.ones(p)]),
        p,
        -np.inf,
        0.0,
    )
    # capacity: sum_j d_j w_ij - s_i y_i <= 0
    add(
        np.concatenate([pi, np.arange(m)]),
        np.concatenate([w_col, np.arange(m)]),
        np.concatenate([d_p, -inst.capacity]),
        m,
        -np.inf,
        0.0,
    )
    # assignment: sum_i w_ij = 1 (or <= 1 with partial service)
    full = inst.min_served_share >= 1.0
    add(cust_row[pj], w_col, np.ones(p), served.shape[0], 1.0 if full else 0.0, 1.0)
    if not full:
        add(np.zeros(p, dtype=np.int64), w_col, d_p, 1, inst.required, np.inf)
    # redundant cover cut: sum_i s_i y_i >= required
    if inst.required > 0:
        add(np.zeros(m, dtype=np.int64), np.arange(m), inst.capacity, 1, inst.required, np.inf)
    if inst.budget is not None:
        add(np.zeros(m, dtype=np.int64), np.arange(m), inst.fixed_cost, 1, -np.inf, inst.budget)
    if inst.max_open is not None:
        add(np.zeros(m, dtype=np.int64), np.arange(m), np.ones(m), 1, -np.inf, inst.max_open)

    a = sp.csr_array(
        (np.concatenate(blocks_v), (np.concatenate(blocks_r), np.concatenate(blocks_c))),
        shape=(row0, m + p),
    )
    cons = LinearConstraint(a, np.concatenate(lo), np.concatenate(hi))
    c = np.concatenate([inst.fixed_cost, inst.unit_cost[pi, pj] * d_p])
    integrality = np.concatenate([np.ones(m), np.full(p, 1.0 if inst.single_source else 0.0)])
    lb = np.concatenate([inst.open_forced.astype(float), np.zeros(p)])
    ub = np.concatenate([(~inst.closed_forced).astype(float), np.ones(p)])
    return _Model(c, integrality, Bounds(lb, ub), cons, pi, pj)


# ---------------------------------------------------------------------------
# Solving and extraction
# ---------------------------------------------------------------------------


def _solver_options(time_limit_s: float | None, mip_rel_gap: float | None) -> dict:
    opts: dict = {"disp": False}
    if time_limit_s is not None:
        if time_limit_s <= 0:
            raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
        opts["time_limit"] = float(time_limit_s)
    if mip_rel_gap is not None:
        if mip_rel_gap < 0:
            raise ValueError(f"mip_rel_gap must be non-negative, got {mip_rel_gap}")
        opts["mip_rel_gap"] = float(mip_rel_gap)
    return opts


_NATIVE_STDOUT_LOCK = threading.Lock()


@contextlib.contextmanager
def quiet_native_stdout() -> Iterator[None]:
    """Silence what HiGHS prints from C++ straight to file descriptor 1.

    Some HiGHS builds print debug lines (``HighsMipSolverData::transformNewInteger…``) even
    with ``disp=False``.  The redirect is process-wide, so a lock keeps concurrent solves (e.g.
    two app sessions) from interleaving it; Python-level output is flushed first.
    """
    with _NATIVE_STDOUT_LOCK:
        try:
            fd = sys.__stdout__.fileno() if sys.__stdout__ else 1
        except (AttributeError, OSError, ValueError):
            yield
            return
        sys.stdout.flush()
        saved = os.dup(fd)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), fd)
                yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)


def _milp_quietly(*args, **kwargs):
    """``scipy.optimize.milp`` with HiGHS's stray native output silenced."""
    with quiet_native_stdout():
        return milp(*args, **kwargs)


def _run_milp(model: _Model, options: dict, *, relax: bool = False):
    """Call HiGHS through scipy; return (result, wall time [s])."""
    t0 = time.perf_counter()
    res = _milp_quietly(
        model.c,
        integrality=np.zeros_like(model.integrality) if relax else model.integrality,
        bounds=model.bounds,
        constraints=model.constraints,
        options=options,
    )
    return res, time.perf_counter() - t0


def _is_infeasible(res) -> bool:
    return res.status == 2 or (res.status == 4 and "infeasible" in str(res.message).lower())


def _status_label(res) -> str:
    """Map a scipy milp result to our status string; raise if there is no solution."""
    if res.status == 0 and res.x is not None:
        return "optimal"
    if res.status == 1 and res.x is not None:
        return "time_limit"
    if res.status == 1:
        raise SitingSolveError(
            f"the solver hit its time limit before finding any feasible plan ({res.message})"
        )
    raise SitingSolveError(f"the solver failed with status {res.status}: {res.message}")


def _dual_bound(res) -> float | None:
    """HiGHS dual bound [cost units], capped at the incumbent value.

    HiGHS can report a bound marginally above the incumbent once it has proved
    optimality (objective-integrality rounding); the cap keeps ``bound <= objective``.
    """
    bound = getattr(res, "mip_dual_bound", None)
    if bound is None or not np.isfinite(bound):
        return None
    return float(min(bound, res.fun)) if res.fun is not None else float(bound)


def _extract(inst: _Instance, model: _Model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Round the solver vector to a clean (open [m], flow [m x n] in t) pair."""
    m = inst.m
    is_open = x[:m] > 0.5
    w = np.clip(x[m:], 0.0, 1.0)
    if inst.single_source:
        w = np.round(w)
    w = np.where(is_open[model.pair_i], w, 0.0)
    flow = np.zeros((m, inst.n))
    flow[model.pair_i, model.pair_j] = w * inst.demand[model.pair_j]
    return is_open, flow


def _costs(inst_fixed: np.ndarray, unit_cost: np.ndarray, is_open, flow) -> tuple[float, float]:
    """Return (fixed cost total, transport cost total) [cost units]; inf pairs carry 0."""
    fixed = float(inst_fixed[np.asarray(is_open, dtype=bool)].sum())
    used = flow != 0
    transport = float((unit_cost[used] * flow[used]).sum())
    return fixed, transport


def _infeasible_reason(inst: _Instance) -> str:
    """Best plain-language explanation after HiGHS reports infeasibility."""
    reason = _cheap_infeasibility_reason(inst) or _budget_reason(inst)
    if reason is not None:
        return reason
    parts = ["capacities"]
    if inst.budget is not None:
        parts.append(f"budget {_fmt(inst.budget)}")
    if inst.max_open is not None:
        parts.append(f"max_open {inst.max_open}")
    if inst.single_source:
        parts.append("single sourcing")
    if (~np.isfinite(inst.unit_cost)).any():
        parts.append("forbidden customer-facility pairs")
    if inst.open_forced.any() or inst.closed_forced.any():
        parts.append("forced open/closed facilities")
    return (
        f"no plan can serve the required {_fmt(inst.required)} t: the combination of "
        f"{', '.join(parts)} cannot be satisfied together (each check on its own passes)"
    )


def solve_cflp(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
    time_limit_s: float | None = None,
    mip_rel_gap: float | None = None,
) -> CflpSolution:
    """Solve a capacitated facility location problem with HiGHS (scipy.optimize.milp).

    Uses the strong formulation (``x_ij <= d_j y_i`` for every pair plus
    ``sum_j x_ij <= s_i y_i``); see the module docstring for the full model.

    Parameters
    ----------
    fixed_cost : array_like
        Fixed cost of opening each candidate facility, shape [m] [cost units].
    capacity : array_like
        Capacity of each facility, shape [m] [t].
    demand : array_like
        Demand of each customer, shape [n] [t]. Zero-demand customers are allowed.
    unit_cost : array_like
        Cost per tonne shipped from facility i to customer j, shape [m x n]
        [cost units / t]. ``np.inf`` marks a forbidden pair; no variable is created
        for it, so a sparse candidate list (e.g. the K nearest sites per customer)
        keeps large instances small.
    single_source : bool, optional
        If true, each customer is served entirely by one facility [-].
    open_forced : bool mask [m] or sequence of int, optional
        Facilities that must be open (e.g. announced plants).
    closed_forced : bool mask [m] or sequence of int, optional
        Facilities that must stay closed.
    budget : float, optional
        Upper bound on the total fixed cost of opened facilities, forced-open
        ones included [cost units].
    max_open : int, optional
        Maximum number of open facilities [-].
    min_served_share : float, optional
        Share of total demand that must be served [-], in [0, 1]. Below 1,
        customers may be partially unserved (never above their demand) and
        unserved demand has no cost; with ``single_source`` a customer is then
        served entirely or not at all.
    time_limit_s : float, optional
        HiGHS wall-clock limit [s]. If hit with a feasible incumbent, that
        incumbent is returned with ``status == "time_limit"``.
    mip_rel_gap : float, optional
        Relative MIP gap at which HiGHS stops [-]. ``None`` keeps the HiGHS
        default (1e-4); pass e.g. ``1e-9`` for a proven optimum.

    Returns
    -------
    CflpSolution
        Open facilities, flows [t], objective [cost units], status and solver stats.

    Raises
    ------
    ValueError
        On malformed input (shapes, NaN, negative values, bad options).
    SitingInfeasible
        If no plan satisfies the constraints; the message says why when that is
        cheap to tell.
    SitingSolveError
        If the solver stops without any feasible plan (e.g. time limit).
    RuntimeError
        If the solver's answer fails :func:`check_cflp_solution` (never returned).
    """
    t0 = time.perf_counter()
    kw = dict(
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    inst = _validate(fixed_cost, capacity, demand, unit_cost, **kw)
    options = _solver_options(time_limit_s, mip_rel_gap)
    reason = _cheap_infeasibility_reason(inst) or _budget_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)
    model = _build_model(inst)
    build_time = time.perf_counter() - t0

    res, solve_time = _run_milp(model, options)
    if _is_infeasible(res):
        raise SitingInfeasible(_infeasible_reason(inst))
    status = _status_label(res)

    is_open, flow = _extract(inst, model, np.asarray(res.x))
    fixed, transport = _costs(inst.fixed_cost, inst.unit_cost, is_open, flow)
    is_open.setflags(write=False)
    flow.setflags(write=False)
    solution = CflpSolution(
        open=is_open,
        flow=flow,
        objective=fixed + transport,
        fixed_cost_total=fixed,
        transport_cost_total=transport,
        status=status,
        mip_gap=None if res.mip_gap is None else float(res.mip_gap),
        dual_bound=_dual_bound(res),
        solver_objective=None if res.fun is None else float(res.fun),
        solve_time_s=solve_time,
        build_time_s=build_time,
        n_variables=model.n_variables,
        n_constraints=model.n_constraints,
        solver_message=str(res.message),
    )
    violations = check_cflp_solution(
        solution, inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost, **kw
    )
    if violations:
        raise RuntimeError(
            "solver returned a plan that violates constraints: " + "; ".join(violations)
        )
    return solution


def cflp_lp_bound(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
) -> float:
    """Optimal value of the LP relaxation of the strong formulation [cost units].

    Same arguments as :func:`solve_cflp`. Every feasible plan costs at least this.

    Raises
    ------
    SitingInfeasible
        If even the relaxation is infeasible.
    """
    inst = _validate(
        fixed_cost,
        capacity,
        demand,
        unit_cost,
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    model = _build_model(inst)
    res, _ = _run_milp(model, {"disp": False}, relax=True)
    if _is_infeasible(res):
        raise SitingInfeasible("even the LP relaxation is infeasible: " + _infeasible_reason(inst))
    if res.status != 0:
        raise SitingSolveError(f"LP relaxation failed: {res.message}")
    return float(res.fun)


# ---------------------------------------------------------------------------
# Lagrangian lower bound (classic splittable CFLP, numpy only)
# ---------------------------------------------------------------------------

#: Largest number of capacity units used by the exact cover knapsack of the
#: Lagrangian subproblem (see :func:`_cover_grid`).
_COVER_MAX_UNITS = 4000
#: Subgradient iterations without improvement before the step factor is halved.
_PATIENCE = 100


def _cover_grid(capacity: np.ndarray, required: float) -> tuple[np.ndarray, int, bool]:
    """Integer weights for the cover constraint ``sum_i s_i y_i >= required``.

    Returns ``(w, r, exact)`` such that every 0/1 vector ``y`` with
    ``sum_i s_i y_i >= required`` also satisfies ``sum_i w_i y_i >= r``
    (a relaxation). If the capacities are integers whose greatest common
    divisor ``g`` gives at most ``_COVER_MAX_UNITS`` units of demand, the
    weights are ``s_i / g`` and the constraint is unchanged (``exact``);
    otherwise the capacities are rounded up on a grid of ``required / 4000`` t.
    """
    if required <= 0:
        return np.zeros(capacity.shape[0], dtype=np.int64), 0, True
    ints = capacity == np.round(capacity)
    if ints.all() and capacity.max() < 2**53:
        positive = capacity[capacity > 0].astype(np.int64)
        g = int(np.gcd.reduce(positive)) if positive.size else 1
        if required / g <= _COVER_MAX_UNITS:
            w = (capacity / g).astype(np.int64)  # exact: integer quotients
            # sum w y is an integer >= required / g, hence >= ceil(required / g);
            # the factor guards against rounding the quotient up past an integer.
            r = int(np.ceil(required / g * (1.0 - 1e-12)))
            return w, r, True
    q = required / _COVER_MAX_UNITS  # [t per unit]
    w = np.floor(capacity / q).astype(np.int64) + 1  # >= ceil(s_i / q)
    r = int(np.floor(required / q * (1.0 - 1e-12)))  # <= required / q
    return w, r, False


def _min_cover(g: np.ndarray, w: np.ndarray, r: int) -> np.ndarray:
    """Exact ``min g.y  s.t.  w.y >= r, y in {0, 1}`` by dynamic programming.

    Items with ``g_i < 0`` are always taken. Returns the bool vector ``y``.
    The caller guarantees ``w.sum() >= r`` (otherwise the CFLP is infeasible).
    """
    y = g < 0
    rest = r - int(w[y].sum())
    if rest <= 0:
        return y
    items = np.flatnonzero(~y)
    dp = np.full(rest + 1, np.inf)  # dp[u]: cheapest cost reaching >= u units
    dp[0] = 0.0
    take = np.zeros((items.size, rest + 1), dtype=bool)
    for k, i in enumerate(items):
        wi = min(int(w[i]), rest)
        shifted = np.empty_like(dp)
        shifted[:wi] = 0.0  # dp[max(u - w_i, 0)] with dp[0] = 0
        shifted[wi:] = dp[: rest + 1 - wi]
        cand = g[i] + shifted
        better = cand < dp
        take[k] = better
        dp = np.where(better, cand, dp)
    u = rest
    for k in range(items.size - 1, -1, -1):
        if u <= 0:
            break
        if take[k, u]:
            y[items[k]] = True
            u = max(u - int(w[items[k]]), 0)
    return y


def _facility_knapsacks(
    reduced: np.ndarray, demand: np.ndarray, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Continuous knapsack of every facility at once.

    For each facility ``i`` solve ``min sum_j r_ij x_ij`` s.t. ``0 <= x_ij <= d_j``,
    ``sum_j x_ij <= s_i``: fill the customers with negative reduced cost
    ``r_ij`` [cost units / t] in increasing order of ``r_ij`` up to capacity.

    Returns
    -------
    value : numpy.ndarray
        Optimal value per facility, shape [m] [cost units] (<= 0).
    order : numpy.ndarray
        Int array [m x k]: customer indices of row ``i`` in increasing ``r_ij``
        (only the ``k`` entries that can be negative are kept).
    amount : numpy.ndarray
        Optimal ``x_i,order[i, l]``, shape [m x k] [t].
    """
    m, n = reduced.shape
    k = int((reduced < 0).sum(axis=1).max())  # most customers any knapsack can want
    if k == 0:
        return np.zeros(m), np.zeros((m, 0), dtype=np.int64), np.zeros((m, 0))
    if k < n:  # only the k most negative entries of each row can be used
        part = np.argpartition(reduced, k - 1, axis=1)[:, :k]
        sub = np.take_along_axis(reduced, part, axis=1)
        inner = np.argsort(sub, axis=1)
        order = np.take_along_axis(part, inner, axis=1)
        r_sorted = np.take_along_axis(sub, inner, axis=1)
    else:
        order = np.argsort(reduced, axis=1)
        r_sorted = np.take_along_axis(reduced, order, axis=1)
    neg = r_sorted < 0
    d_sorted = np.where(neg, demand[order], 0.0)
    before = np.cumsum(d_sorted, axis=1) - d_sorted
    amount = np.clip(capacity[:, None] - before, 0.0, d_sorted)
    value = (amount * np.where(neg, r_sorted, 0.0)).sum(axis=1)
    return value, order, amount


def _selects_any(spec: IndexSpec) -> bool:
    """True if a bool mask / index list selects at least one facility."""
    if spec is None:
        return False
    arr = np.asarray(spec)
    return bool(arr.any()) if arr.dtype == bool else arr.size > 0


_CLASSIC_OPTIONS = dict(
    single_source=False,
    open_forced=None,
    closed_forced=None,
    budget=None,
    max_open=None,
    min_served_share=1.0,
)
"""The options of the classic splittable CFLP (every customer fully served, no side limits)."""


def _classic_instance(fixed_cost, capacity, demand, unit_cost) -> _Instance:
    """Validate a classic splittable CFLP; raise :class:`SitingInfeasible` when it is
    infeasible for a reason that is cheap to tell."""
    inst = _validate(fixed_cost, capacity, demand, unit_cost, **_CLASSIC_OPTIONS)
    reason = _cheap_infeasibility_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)
    return inst


def _classic_only(
    caller: str,
    *,
    single_source: bool,
    open_forced: IndexSpec,
    closed_forced: IndexSpec,
    budget: float | None,
    max_open: int | None,
    min_served_share: float,
) -> None:
    """Raise ``ValueError`` naming every side option the classic-CFLP routines lack."""
    unsupported = {
        "single_source": single_source,
        "open_forced": _selects_any(open_forced),
        "closed_forced": _selects_any(closed_forced),
        "budget": budget is not None,
        "max_open": max_open is not None,
        "min_served_share < 1": min_served_share != 1.0,
    }
    asked = [name for name, flag in unsupported.items() if flag]
    if asked:
        raise ValueError(
            f"{caller} supports only the classic splittable CFLP (all demand "
            f"served, no side constraints); unsupported option(s): {', '.join(asked)}"
        )


def cflp_lagrangian_bound(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    iterations: int = 1000,
    time_limit_s: float | None = None,
    upper_bound: float | None = None,
    return_multipliers: bool = False,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
) -> float | tuple[float, np.ndarray]:
    """Lagrangian lower bound for the classic splittable CFLP [cost units].

    Pure numpy (no LP/MILP solver), so it scales to instances whose LP
    relaxation HiGHS cannot solve in time, e.g. 200 sites x 2,000 settlements
    with every pair allowed. Memory is a handful of [m x n] float arrays.

    **Scope.** Only the classic problem is supported: every customer fully
    served, split deliveries allowed, no budget, no ``max_open``, nothing forced
    open or closed. The option arguments exist only so that a call with
    :func:`solve_cflp`'s keywords fails loudly: any non-default value raises
    ``ValueError``. (Forbid pairs with ``unit_cost = inf`` instead.)

    **Relaxation.** With multipliers ``lambda_j`` [cost units / t] on the demand
    constraints ``sum_i x_ij = d_j``, let ``r_ij = c_ij - lambda_j`` and::

        L(lambda) = sum_j lambda_j d_j + min  sum_i f_i y_i + sum_ij r_ij x_ij
                    s.t. 0 <= x_ij <= d_j y_i,  sum_j x_ij <= s_i y_i,
                         x_ij = 0 on forbidden pairs (c_ij = inf),
                         sum_i w_i y_i >= r,  y_i in {0, 1}

    where ``sum_i w_i y_i >= r`` is the aggregate cover constraint
    ``sum_i s_i y_i >= D`` (``D = sum_j d_j``) written on an integer grid (see
    below). For fixed ``y`` the problem separates by facility: an open
    facility contributes ``g_i = f_i + v_i`` with ``v_i`` the value of the
    continuous knapsack ``min sum_j r_ij x_ij, 0 <= x_ij <= d_j,
    sum_j x_ij <= s_i`` (customers with ``r_ij < 0`` taken in increasing
    order of ``r_ij`` up to capacity), a closed one contributes 0. What remains
    is the 0/1 min-cost cover knapsack ``min g.y s.t. w.y >= r``, solved exactly
    by dynamic programming over at most 4,000 capacity units.

    **Validity for every lambda (weak duality).** Let ``(x, y)`` be any
    feasible plan of the CFLP. Then (i) ``x_ij <= d_j y_i``,
    ``sum_j x_ij <= s_i y_i`` and ``x_ij = 0`` on forbidden pairs hold;
    (ii) ``sum_i s_i y_i >= sum_ij x_ij = D``, so the cover holds, and so does
    its grid version: either the capacities are integers with common divisor
    ``g`` and ``w_i = s_i / g``, ``r = ceil(D / g)`` (``sum_i w_i y_i`` is an
    integer ``>= D / g``), or ``w_i >= s_i / q`` and ``r <= D / q`` for a grid
    step ``q`` (rounding weights up and the right-hand side down only enlarges
    the feasible set). So ``(x, y)`` is feasible for the inner minimisation, and
    because ``sum_i x_ij = d_j`` the penalty term vanishes::

        cost(x, y) = sum_j lambda_j d_j + sum_i f_i y_i + sum_ij (c_ij - lambda_j) x_ij
                  >= L(lambda).

    Hence ``L(lambda) <= OPT`` for every ``lambda``, whichever multipliers the
    subgradient method visits; the function returns the largest ``L`` seen.
    The inner minimum is computed exactly (the knapsacks are solved to
    optimality), so the only error is floating-point rounding, of relative
    order 1e-12 of the objective.

    **Multipliers.** Start at ``lambda_j = min_i (c_ij + f_i / s_i)`` and move
    along the subgradient ``g_j = d_j - sum_i x_ij`` with the Polyak step
    ``theta * (UB - L) / ||g||^2``, ``UB`` = ``upper_bound`` when given, else
    a target 1 % above the best bound; ``theta`` starts at 2 and halves after
    100 iterations without improvement; the loop stops when it falls below 1e-6.

    Parameters
    ----------
    fixed_cost : array_like
        Fixed cost of each candidate facility, shape [m] [cost units].
    capacity : array_like
        Capacity of each facility, shape [m] [t].
    demand : array_like
        Demand of each customer, shape [n] [t].
    unit_cost : array_like
        Cost per tonne, shape [m x n] [cost units / t]; ``np.inf`` = forbidden pair.
    iterations : int, optional
        Maximum number of subgradient iterations [-].
    time_limit_s : float, optional
        Wall-clock limit [s]; the best bound so far is returned when it is hit
        (checked once per iteration, so it may overrun by one iteration).
    upper_bound : float, optional
        Cost of any feasible plan [cost units], used in the Polyak step; the
        iteration also stops once the bound is within 1e-9 of it.
    return_multipliers : bool, optional
        If true, also return the multipliers at which the bound was reached
        (e.g. for :func:`lagrangian_fixing`).
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        Not supported; any value other than the default raises ``ValueError``.

    Returns
    -------
    float
        Lower bound on the optimal CFLP objective [cost units].
    numpy.ndarray
        Only with ``return_multipliers``: ``lambda`` [cost units / t], shape [n],
        with ``L(lambda)`` equal to the returned bound (0 for zero-demand customers).

    Raises
    ------
    ValueError
        On malformed input or an unsupported option.
    SitingInfeasible
        If the CFLP is obviously infeasible (too little capacity, or a customer
        with demand and no allowed facility); no finite bound exists then.
    """
    t0 = time.perf_counter()
    _classic_only(
        "cflp_lagrangian_bound",
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    if int(iterations) != iterations or iterations < 1:
        raise ValueError(f"iterations must be a positive integer, got {iterations}")
    if time_limit_s is not None and not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
    if upper_bound is not None and not np.isfinite(upper_bound):
        raise ValueError(f"upper_bound must be finite, got {upper_bound}")
    inst = _classic_instance(fixed_cost, capacity, demand, unit_cost)

    f, s, d = inst.fixed_cost, inst.capacity, inst.demand
    active = d > 0
    d = d[active]
    c = inst.unit_cost[:, active]
    if d.size == 0:
        return (0.0, np.zeros(inst.n)) if return_multipliers else 0.0
    w, r, _ = _cover_grid(s, float(d.sum()))
    # lambda_j = cheapest cost per tonne including the fixed cost spread over capacity
    per_t = np.divide(f, s, out=np.full_like(f, np.inf), where=s > 0)
    lam = np.min(c + per_t[:, None], axis=0)
    lam = np.where(np.isfinite(lam), lam, np.min(c, axis=0))  # zero-capacity sites only
    reduced = np.empty_like(c)

    best = -np.inf
    best_lam = lam.copy()
    theta = 2.0
    stall = 0
    for _ in range(int(iterations)):
        np.subtract(c, lam[None, :], out=reduced)  # inf stays inf: never chosen
        v, order, amount = _facility_knapsacks(reduced, d, s)
        g = f + v
        y = _min_cover(g, w, r)
        value = float(lam @ d) + float(g[y].sum())
        if not best > -np.inf or value > best + 1e-12 * abs(best):
            best = value
            best_lam = lam.copy()
            stall = 0
        else:
            stall += 1
            if stall >= _PATIENCE:
                theta *= 0.5
                stall = 0
        if upper_bound is not None and best >= upper_bound - 1e-9 * max(1.0, abs(upper_bound)):
            break
        if time_limit_s is not None and time.perf_counter() - t0 >= time_limit_s:
            break
        if theta < 1e-6:
            break
        served = np.bincount(order[y].ravel(), weights=amount[y].ravel(), minlength=d.size)
        sub = d - served  # [t]
        norm2 = float(sub @ sub)
        if norm2 <= 1e-18 * float(d @ d):
            break  # x satisfies every demand: L(lambda) is the optimum
        target = upper_bound if upper_bound is not None else best + 0.01 * max(abs(best), 1.0)
        lam = lam + theta * max(target - value, 0.0) / norm2 * sub
    if return_multipliers:
        full = np.zeros(inst.n)
        full[active] = best_lam
        return best, full
    return best


# ---------------------------------------------------------------------------
# Lagrangian reduced-cost fixing (classic splittable CFLP)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LagrangianFixing:
    """Result of :func:`lagrangian_fixing`.

    Attributes
    ----------
    bound : float
        ``L(lambda)``, a lower bound on the optimum [cost units].
    bound_if_open : numpy.ndarray
        ``L(lambda | y_i = 1)`` per facility, shape [m] [cost units]: a lower
        bound on every plan that opens ``i`` (``inf`` if none is possible).
    bound_if_closed : numpy.ndarray
        ``L(lambda | y_i = 0)`` per facility, shape [m] [cost units]: a lower
        bound on every plan that keeps ``i`` closed (``inf`` if none is possible).
    close : numpy.ndarray
        Bool [m]: ``bound_if_open > upper_bound`` -- no plan opening ``i`` is
        as cheap as the known plan, so ``i`` can be closed.
    force_open : numpy.ndarray
        Bool [m]: ``bound_if_closed > upper_bound`` -- ``i`` can be forced open.
    upper_bound : float
        The upper bound the tests used [cost units].
    """

    bound: float
    bound_if_open: np.ndarray
    bound_if_closed: np.ndarray
    close: np.ndarray
    force_open: np.ndarray
    upper_bound: float

    @property
    def n_closed(self) -> int:
        """Number of facilities that can be closed [-]."""
        return int(self.close.sum())

    @property
    def n_forced_open(self) -> int:
        """Number of facilities that can be forced open [-]."""
        return int(self.force_open.sum())


def _cover_tables(g: np.ndarray, w: np.ndarray, r: int) -> tuple[np.ndarray, np.ndarray]:
    """Prefix and suffix tables of the cover knapsack ``min g.y, w.y >= u``.

    ``pre[k, u]`` is the cheapest cost of a subset of items ``0..k-1`` with
    ``w.y >= u`` (``u = 0..r``), ``suf[k, u]`` the same over items ``k..m-1``;
    ``inf`` where no subset reaches ``u``. Both are non-decreasing in ``u``.
    """
    m = g.shape[0]
    pre = np.full((m + 1, r + 1), np.inf)
    suf = np.full((m + 1, r + 1), np.inf)
    pre[0, 0] = suf[m, 0] = 0.0

    def step(dp: np.ndarray, gi: float, wi: int) -> np.ndarray:
        wi = min(int(wi), r)
        shifted = np.empty_like(dp)
        shifted[:wi] = dp[0]  # reaching >= u <= w_i needs the rest to reach >= 0
        shifted[wi:] = dp[: r + 1 - wi]
        return np.minimum(dp, gi + shifted)

    for k in range(m):
        pre[k + 1] = step(pre[k], g[k], w[k])
        j = m - 1 - k
        suf[j] = step(suf[j + 1], g[j], w[j])
    return pre, suf


def _combine(a: np.ndarray, b: np.ndarray, need: int) -> float:
    """``min_u a[u] + b[need - u]`` over ``u = 0..need``: cheapest union reaching ``need``."""
    return float(np.min(a[: need + 1] + b[need::-1]))


def lagrangian_fixing(
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    multipliers: Sequence[float] | np.ndarray,
    upper_bound: float,
) -> LagrangianFixing:
    """Lagrangian reduced-cost fixing: facilities that can be closed or forced open.

    For the classic splittable CFLP (all demand served, no side options), with
    the relaxation ``L(lambda)`` of :func:`cflp_lagrangian_bound` at the given
    multipliers (e.g. its ``return_multipliers=True`` output) and the cost
    ``upper_bound`` of any feasible plan.

    **Bounds with one facility fixed.** With ``g_i = f_i + v_i`` (fixed cost
    plus the facility's knapsack value at reduced costs ``c_ij - lambda_j``) and
    the cover knapsack ``w.y >= r``::

        L(lambda | y_i = 1) = sum_j lambda_j d_j + g_i + min {g.y : w.y >= r - w_i, y_i = 0}
        L(lambda | y_i = 0) = sum_j lambda_j d_j +       min {g.y : w.y >= r,       y_i = 0}

    (the minimum runs over the other facilities; ``inf`` if they cannot reach
    the cover). Both are computed exactly for every ``i`` from prefix/suffix
    tables of the cover dynamic programme, in ``O(m r)``.

    **Validity.** Adding ``y_i = 1`` (resp. ``y_i = 0``) to both the CFLP and
    its relaxation, the weak-duality argument of :func:`cflp_lagrangian_bound`
    applies unchanged: every feasible plan with ``y_i = 1`` satisfies the
    relaxed constraints with ``y_i = 1``, and its penalty term vanishes, so its
    cost is at least ``L(lambda | y_i = 1)``; the same for ``y_i = 0``. Now let
    ``OPT <= upper_bound`` (there is a plan costing ``upper_bound``).

    * If ``L(lambda | y_i = 1) > upper_bound`` then every plan opening ``i``
      costs more than ``upper_bound >= OPT``: no optimal plan opens ``i``, and
      ``i`` can be **closed**.
    * If ``L(lambda | y_i = 0) > upper_bound`` then every plan keeping ``i``
      closed costs more than ``OPT``: every optimal plan opens ``i``, and ``i``
      can be **forced open**.

    Each statement holds for *every* optimal plan, so all the fixings hold
    together: closing all ``close`` sites and opening all ``force_open`` sites at
    once keeps every optimal plan (and every plan costing at most
    ``upper_bound``). The fixing does not change the lower bound: ``L(lambda)``
    and any other bound of the unrestricted problem stay valid for it. A
    relative margin of 1e-9 on ``upper_bound`` absorbs floating-point rounding
    (the bounds are exact up to about 1e-12 relative).

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        As in :func:`cflp_lagrangian_bound` ([cost units], [t], [t],
        [cost units / t]; ``np.inf`` = forbidden pair).
    multipliers : array_like
        ``lambda_j`` [cost units / t], shape [n]; any values give valid bounds,
        good ones (near the Lagrangian dual optimum) fix more.
    upper_bound : float
        Cost of a feasible plan [cost units] (an upper bound on the optimum).

    Returns
    -------
    LagrangianFixing
        The per-facility bounds and the ``close`` / ``force_open`` masks.

    Raises
    ------
    ValueError
        On malformed input.
    SitingInfeasible
        If the CFLP is obviously infeasible.
    """
    inst = _validate(fixed_cost, capacity, demand, unit_cost, **_CLASSIC_OPTIONS)
    lam = _as_unit_free_vector("multipliers", multipliers, inst.n)
    if not np.isfinite(upper_bound):
        raise ValueError(f"upper_bound must be finite, got {upper_bound}")
    reason = _cheap_infeasibility_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)
    m = inst.m
    active = inst.demand > 0
    d = inst.demand[active]
    c = inst.unit_cost[:, active]
    lam = lam[active]
    if d.size:
        v, _, _ = _facility_knapsacks(c - lam[None, :], d, inst.capacity)
    else:
        v = np.zeros(m)
    g = inst.fixed_cost + v
    w, r, _ = _cover_grid(inst.capacity, float(d.sum()))
    pre, suf = _cover_tables(g, w, r)
    base = float(lam @ d)
    if_open = np.empty(m)
    if_closed = np.empty(m)
    for i in range(m):
        if_open[i] = base + g[i] + _combine(pre[i], suf[i + 1], max(r - int(w[i]), 0))
        if_closed[i] = base + _combine(pre[i], suf[i + 1], r)
    bound = float(np.minimum(if_open, if_closed).min())
    margin = 1e-9 * max(1.0, abs(float(upper_bound)))
    for arr in (if_open, if_closed):
        arr.setflags(write=False)
    return LagrangianFixing(
        bound=bound,
        bound_if_open=if_open,
        bound_if_closed=if_closed,
        close=if_open > upper_bound + margin,
        force_open=if_closed > upper_bound + margin,
        upper_bound=float(upper_bound),
    )


def _as_unit_free_vector(name: str, values: object, length: int) -> np.ndarray:
    """1-D finite float array of the given length (sign unrestricted)."""
    arr = np.asarray(values, dtype=float)
    if arr.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite")
    return arr


# ---------------------------------------------------------------------------
# Lagrangian heuristic (classic splittable CFLP): plan + certified bound
# ---------------------------------------------------------------------------

#: Nearest open facilities per customer in the first restricted transportation LP.
_TRANSPORT_K = 5
#: Pricing rounds of the restricted transportation LP before the full LP is solved.
_TRANSPORT_ROUNDS = 8


@dataclass(frozen=True, eq=False)
class _Transport:
    """Optimal transportation plan for one open set (internal)."""

    cost: float  # transport cost [cost units]
    flow: np.ndarray  # [k x n] t, rows = open facilities in index order
    v: np.ndarray  # [n] demand duals [cost units / t]
    u: np.ndarray  # [k] capacity prices >= 0 [cost units / t]
    support: np.ndarray  # bool [k x n] columns of the last LP
    n_cols: int
    n_rows: int


def _transport_lp(c: np.ndarray, s: np.ndarray, d: np.ndarray, mask: np.ndarray):
    """``min sum c x`` over the pairs in ``mask`` s.t. demand met, capacity kept."""
    k, n = c.shape
    rows, cols = np.nonzero(mask)
    p = rows.size
    col = np.arange(p)
    a_eq = sp.csr_array((np.ones(p), (cols, col)), shape=(n, p))
    a_ub = sp.csr_array((np.ones(p), (rows, col)), shape=(k, p))
    res = linprog(
        c[rows, cols], A_ub=a_ub, b_ub=s, A_eq=a_eq, b_eq=d, bounds=(0, None), method="highs"
    )
    return res, rows, cols


def _solve_transport(
    c: np.ndarray, s: np.ndarray, d: np.ndarray, hint: np.ndarray | None = None
) -> _Transport | None:
    """Exact transportation problem of an open set by column generation.

    ``c`` [k x n] unit costs of the open facilities (``inf`` = forbidden),
    ``s`` [k] capacities, ``d`` [n] demands (all positive). Starts from each
    customer's ``_TRANSPORT_K`` cheapest open facilities (plus ``hint``, e.g.
    the previous plan's support) and adds every pair with negative reduced cost
    ``c_ij + u_i - v_j`` until none is left, so the result is the optimum of the
    full transportation LP. Returns ``None`` if the open set cannot serve ``d``.
    """
    k, n = c.shape
    finite = np.isfinite(c)
    if float(s.sum()) < float(d.sum()) * (1 - 1e-12) or not finite.any(axis=0).all():
        return None
    kk = min(_TRANSPORT_K, k)
    mask = np.zeros((k, n), dtype=bool)
    near = np.argpartition(c, kk - 1, axis=0)[:kk] if kk < k else np.arange(k)[:, None]
    mask[near, np.arange(n)[None, :]] = True
    if hint is not None:
        mask |= hint
    mask &= finite
    for attempt in range(_TRANSPORT_ROUNDS + 1):
        if attempt == _TRANSPORT_ROUNDS:
            mask = finite.copy()
        res, rows, cols = _transport_lp(c, s, d, mask)
        if res.status == 2:  # the restricted pairs cannot carry the demand
            if mask.sum() == finite.sum():
                return None
            mask = finite.copy()
            continue
        if res.status != 0:
            raise SitingSolveError(f"transportation LP failed: {res.message}")
        v = np.asarray(res.eqlin.marginals)
        u = np.maximum(-np.asarray(res.ineqlin.marginals), 0.0)
        with np.errstate(invalid="ignore"):
            rc = c + u[:, None] - v[None, :]
        tol = 1e-9 * np.maximum(1.0, np.abs(v))[None, :]
        price = finite & ~mask & (rc < -tol)
        if not price.any():
            flow = np.zeros((k, n))
            flow[rows, cols] = np.clip(res.x, 0.0, None)
            flow = _fix_demand(flow, d)
            cost = float((c[rows, cols] * flow[rows, cols]).sum())
            return _Transport(cost, flow, v, u, mask, int(rows.size), k + n)
        mask |= price
    raise SitingSolveError("transportation LP did not converge")  # pragma: no cover


def _fix_demand(flow: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Rescale each column so it sums to ``d_j`` exactly (HiGHS rounding only)."""
    got = flow.sum(axis=0)
    return flow * np.divide(d, got, out=np.ones_like(d), where=got > 0)[None, :]


def _move_estimates(
    c: np.ndarray, f: np.ndarray, s: np.ndarray, d: np.ndarray, is_open: np.ndarray, tr: _Transport
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

    **Lower bound.** The subgradient method of :func:`cflp_lagrangian_bound`
    (demand constraints relaxed, capacity-cover knapsack kept), with the step
    scaled per customer share (multiplier ``mu_j = lambda_j d_j`` on
    ``sum_i w_ij = 1``) and the Polyak target set to the best plan found so far.
    Every ``L(lambda)`` is a valid lower bound (see that function); the largest
    one is ``dual_bound``.

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

    Parameters
    ----------
    fixed_cost, capacity, demand, unit_cost
        As in :func:`solve_cflp` ([cost units], [t], [t], [cost units / t];
        ``np.inf`` = forbidden pair).
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
    _classic_only(
        "solve_cflp_lagrangian",
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    if not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, got {time_limit_s}")
    if not target_gap >= 0:
        raise ValueError(f"target_gap must be non-negative, got {target_gap}")
    if not 0 < bound_share < 1:
        raise ValueError(f"bound_share must be in (0, 1), got {bound_share}")
    if int(moves_per_round) != moves_per_round or moves_per_round < 1:
        raise ValueError(f"moves_per_round must be a positive integer, got {moves_per_round}")
    inst = _classic_instance(fixed_cost, capacity, demand, unit_cost)
    deadline = t0 + float(time_limit_s)
    build_time = time.perf_counter() - t0

    f, s = inst.fixed_cost, inst.capacity
    active = inst.demand > 0
    d = inst.demand[active]
    c = inst.unit_cost[:, active]
    m = inst.m
    state = _HeuristicState(f, s, d, c, deadline, target_gap)
    if d.size:
        state.subgradient(t0 + bound_share * float(time_limit_s))
        state.initial_plans()
        state.local_search(int(moves_per_round))
        state.subgradient(deadline)
    else:
        state.best_open = np.zeros(m, dtype=bool)
        state.best_cost = 0.0
        state.best_flow = np.zeros((m, 0))
        state.bound = 0.0

    flow = np.zeros((m, inst.n))
    flow[:, active] = state.best_flow
    return _certified_plan(
        inst,
        state.best_open.copy(),
        flow,
        state.bound,
        target_gap=target_gap,
        reached="gap_reached",
        t0=t0,
        build_time_s=build_time,
        n_variables=state.n_cols,
        n_constraints=state.n_rows,
        message=(
            f"Lagrangian heuristic: {state.iterations} subgradient iterations, "
            f"{state.n_lp} transportation LPs, {state.n_moves} improving moves"
        ),
        who="Lagrangian heuristic",
    )


def _certified_plan(
    inst: _Instance,
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
    fixed, transport = _costs(inst.fixed_cost, inst.unit_cost, is_open, flow)
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
    violations = check_cflp_solution(
        solution, inst.fixed_cost, inst.capacity, inst.demand, inst.unit_cost
    )
    if violations:
        raise RuntimeError(
            f"{who} built a plan that violates constraints: " + "; ".join(violations)
        )
    return solution


class _HeuristicState:
    """Mutable state of :func:`solve_cflp_lagrangian` (internal).

    Works on the customers with positive demand only.
    """

    def __init__(self, f, s, d, c, deadline: float, target_gap: float) -> None:
        self.f, self.s, self.d, self.c = f, s, d, c
        self.deadline = deadline
        self.target_gap = target_gap
        self.w, self.r, _ = _cover_grid(s, float(d.sum()))
        per_t = np.divide(f, s, out=np.full_like(f, np.inf), where=s > 0)
        lam = np.min(c + per_t[:, None], axis=0)
        self.lam = np.where(np.isfinite(lam), lam, np.min(c, axis=0))
        self.bound = -np.inf
        self.best_lam = self.lam.copy()
        self.theta = 2.0
        self.stall = 0
        self.iterations = 0
        self.freq = np.zeros(f.shape[0])  # decayed count of y_i = 1
        self.g = np.zeros(f.shape[0])  # Lagrangian cost at the best multipliers
        self.best_open: np.ndarray | None = None
        self.best_cost = np.inf
        self.best_flow: np.ndarray | None = None
        self.best_tr: _Transport | None = None
        self.seen: dict[bytes, float] = {}
        self.n_lp = 0
        self.n_moves = 0
        self.n_cols = 0
        self.n_rows = 0

    # -- bound ---------------------------------------------------------------
    def done(self) -> bool:
        if time.perf_counter() >= self.deadline:
            return True
        return bool(
            np.isfinite(self.best_cost)
            and self.best_cost - self.bound <= self.target_gap * self.best_cost
        )

    def subgradient(self, until: float) -> None:
        f, s, d, c = self.f, self.s, self.d, self.c
        reduced = np.empty_like(c)
        while time.perf_counter() < until and self.theta >= 1e-6 and not self.done():
            np.subtract(c, self.lam[None, :], out=reduced)
            v, order, amount = _facility_knapsacks(reduced, d, s)
            g = f + v
            y = _min_cover(g, self.w, self.r)
            value = float(self.lam @ d) + float(g[y].sum())
            self.iterations += 1
            self.freq = 0.98 * self.freq + 0.02 * y
            if not self.bound > -np.inf or value > self.bound + 1e-12 * abs(self.bound):
                self.bound = value
                self.best_lam = self.lam.copy()
                self.g = g
                self.stall = 0
            else:
                self.stall += 1
                if self.stall >= _PATIENCE:
                    self.theta *= 0.5
                    self.stall = 0
            served = np.bincount(order[y].ravel(), weights=amount[y].ravel(), minlength=d.size)
            share = (d - served) / d  # subgradient in the share space [-]
            norm2 = float(share @ share)
            if norm2 <= 1e-18 * d.size:
                break  # x satisfies every demand: L(lambda) is the optimum
            if np.isfinite(self.best_cost):
                target = self.best_cost
            else:
                target = self.bound + 0.01 * max(abs(self.bound), 1.0)
            self.lam = self.lam + self.theta * max(target - value, 0.0) / norm2 * share / d

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
        tr = _solve_transport(self.c[idx], self.s[idx], self.d, hint)
        self.n_lp += 1
        if tr is None:
            self.seen[key] = np.inf
            return np.inf
        self.n_cols, self.n_rows = tr.n_cols, tr.n_rows
        used = tr.flow.sum(axis=1) > 0
        if not used.all():  # an unused facility only costs its fixed cost: close it
            is_open = is_open.copy()
            is_open[idx[~used]] = False
            tr = _Transport(
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
        y = _min_cover(self.g, self.w, self.r)
        candidates = [self.repair(y, slack) for slack in (1.0, 1.05, 1.1, 1.2)]
        for q in (0.5, 0.2, 0.05):
            candidates += [self.repair(self.freq >= q, slack) for slack in (1.0, 1.1)]
        for cand in candidates:
            if self.done():
                return
            self.evaluate(cand)

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


# ---------------------------------------------------------------------------
# Independent verification
# ---------------------------------------------------------------------------


def _slack(tol: float, scale: np.ndarray | float) -> np.ndarray | float:
    """Absolute slack [same unit as scale] for relative tolerance ``tol``."""
    return tol * np.maximum(1.0, np.abs(scale))


def _check_shapes(solution: CflpSolution, m: int, n: int) -> list[str]:
    out = []
    if np.shape(solution.open) != (m,):
        out.append(f"open has shape {np.shape(solution.open)}, expected ({m},)")
    if np.shape(solution.flow) != (m, n):
        out.append(f"flow has shape {np.shape(solution.flow)}, expected ({m}, {n})")
    return out


def _check_flow_values(flow, is_open, inst: _Instance, tol: float) -> list[str]:
    """Non-negativity, forbidden pairs, linking and capacity."""
    out = []
    if not np.isfinite(flow).all():
        return [f"flow has non-finite entries at (i, j) = {_first(~np.isfinite(flow))}"]
    neg = flow < -_slack(tol, inst.demand)[None, :]
    if neg.any():
        out.append(f"negative flow at (i, j) = {_first(neg)}")
    forbidden = ~np.isfinite(inst.unit_cost) & (np.abs(flow) > 0)
    if forbidden.any():
        out.append(f"flow on forbidden pairs (unit_cost = inf) at (i, j) = {_first(forbidden)}")
    link = flow > inst.demand[None, :] * is_open[:, None] + _slack(tol, inst.demand)[None, :]
    if link.any():
        out.append(f"flow exceeds d_j * open_i (closed facility or > demand) at {_first(link)}")
    load = flow.sum(axis=1)
    over = load > inst.capacity * is_open + _slack(tol, inst.capacity)
    if over.any():
        idx = _first(over)
        out.append(
            f"capacity exceeded at facilities {idx}: load {load[idx].tolist()} t > "
            f"capacity {(inst.capacity * is_open)[idx].tolist()} t"
        )
    return out


def _check_service(flow, inst: _Instance, tol: float) -> list[str]:
    """Per-customer service, total served share and single sourcing."""
    out = []
    served = flow.sum(axis=0)
    slack_d = _slack(tol, inst.demand)
    over = served > inst.demand + slack_d
    if over.any():
        out.append(f"customers {_first(over)} receive more than their demand")
    if inst.min_served_share >= 1.0:
        under = served < inst.demand - slack_d
        if under.any():
            out.append(f"customers {_first(under)} are not fully served")
    total = float(served.sum())
    if total < inst.required - float(_slack(tol, inst.total_demand)):
        out.append(
            f"served {_fmt(total)} t < required {_fmt(inst.required)} t "
            f"(min_served_share {inst.min_served_share})"
        )
    if inst.single_source:
        used = np.abs(flow) > slack_d[None, :]
        multi = used.sum(axis=0) > 1
        if multi.any():
            out.append(f"single-source customers {_first(multi)} are served by >1 facility")
        partial = (served > slack_d) & (np.abs(served - inst.demand) > slack_d)
        if partial.any():
            out.append(f"single-source customers {_first(partial)} are only partly served")
    return out


def _check_choices(is_open, inst: _Instance, tol: float) -> list[str]:
    """Forced open/closed, budget and max_open."""
    out = []
    missing = inst.open_forced & ~is_open
    if missing.any():
        out.append(f"forced-open facilities {_first(missing)} are closed")
    wrong = inst.closed_forced & is_open
    if wrong.any():
        out.append(f"forced-closed facilities {_first(wrong)} are open")
    fixed = float(inst.fixed_cost[is_open].sum())
    if inst.budget is not None and fixed > inst.budget + float(_slack(tol, inst.budget)):
        out.append(f"fixed cost {_fmt(fixed)} exceeds budget {_fmt(inst.budget)}")
    if inst.max_open is not None and int(is_open.sum()) > inst.max_open:
        out.append(f"{int(is_open.sum())} facilities open > max_open {inst.max_open}")
    return out


def _check_objective(solution: CflpSolution, inst: _Instance, tol: float) -> list[str]:
    """Recompute the objective and compare with the reported values."""
    fixed, transport = _costs(inst.fixed_cost, inst.unit_cost, solution.open, solution.flow)
    total = fixed + transport
    out = []
    if abs(solution.objective - total) > _slack(tol, total):
        out.append(f"reported objective {solution.objective!r} != recomputed {total!r}")
    solver_obj = getattr(solution, "solver_objective", None)
    if solver_obj is not None and abs(solver_obj - total) > _slack(tol, total):
        out.append(f"solver objective {solver_obj!r} != recomputed {total!r}")
    return out


def check_cflp_solution(
    solution: CflpSolution,
    fixed_cost: Sequence[float] | np.ndarray,
    capacity: Sequence[float] | np.ndarray,
    demand: Sequence[float] | np.ndarray,
    unit_cost: Sequence[Sequence[float]] | np.ndarray,
    *,
    single_source: bool = False,
    open_forced: IndexSpec = None,
    closed_forced: IndexSpec = None,
    budget: float | None = None,
    max_open: int | None = None,
    min_served_share: float = 1.0,
    tol: float = DEFAULT_TOL,
) -> list[str]:
    """Re-derive every constraint from ``solution.open`` and ``solution.flow``.

    Independent of the MILP matrix: works directly on tonnes.

    Parameters
    ----------
    solution : CflpSolution
        Plan to verify (only ``open``, ``flow``, ``objective`` and
        ``solver_objective`` are read).
    fixed_cost, capacity, demand, unit_cost
        As in :func:`solve_cflp` ([cost units], [t], [t], [cost units / t]).
    single_source, open_forced, closed_forced, budget, max_open, min_served_share
        As in :func:`solve_cflp`.
    tol : float, optional
        Relative tolerance [-]; each check allows ``tol * max(1, |scale|)`` of
        slack, where scale is the demand, capacity, budget or objective involved.

    Returns
    -------
    list of str
        One message per violated constraint; empty if the plan is feasible and
        its objective matches the recomputed cost.
    """
    inst = _validate(
        fixed_cost,
        capacity,
        demand,
        unit_cost,
        single_source=single_source,
        open_forced=open_forced,
        closed_forced=closed_forced,
        budget=budget,
        max_open=max_open,
        min_served_share=min_served_share,
    )
    shape_errors = _check_shapes(solution, inst.m, inst.n)
    if shape_errors:
        return shape_errors
    is_open = np.asarray(solution.open, dtype=bool)
    flow = np.asarray(solution.flow, dtype=float)
    out = _check_flow_values(flow, is_open, inst, tol)
    if out and out[0].startswith("flow has non-finite"):
        return out
    out += _check_service(flow, inst, tol)
    out += _check_choices(is_open, inst, tol)
    out += _check_objective(solution, inst, tol)
    return out
