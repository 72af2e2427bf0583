"""The CFLP's data, options and results: one validated problem type.

:class:`CflpProblem` holds the data of a capacitated facility location problem
(fixed costs [cost units], capacities [t], demands [t], unit costs
[cost units / t]) and its options; :meth:`CflpProblem.create` validates and
normalises them. :class:`CflpSolution` is what every solver returns. The cheap
infeasibility diagnostics (capacity, forced sets, ``max_open``, reachability)
live here too because they only read the problem.

Only numpy and the standard library are used (no UI imports).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
class CflpProblem:
    """A validated, normalised capacitated facility location problem.

    The one problem type of :mod:`planner.siting`: every solver, bound and checker
    builds one with :meth:`CflpProblem.create` and works on it.

    **The common parameters.** The solvers and bounds (:func:`solve_cflp`,
    :func:`cflp_lp_bound`, :func:`cflp_lagrangian_bound`,
    :func:`solve_cflp_lagrangian`, :func:`solve_cflp_nearest`,
    :func:`lagrangian_fixing`, :func:`check_cflp_solution`) take these
    attributes as their parameters of the same names, in raw form: the data as
    array_like, ``open_forced`` / ``closed_forced`` as a bool mask [m] or a
    sequence of int indices. :meth:`create` validates and normalises them; the
    solvers' docstrings refer here instead of repeating them.

    Attributes
    ----------
    fixed_cost : numpy.ndarray
        Fixed cost of opening each candidate facility, shape [m] [cost units].
    capacity : numpy.ndarray
        Capacity of each facility, shape [m] [t].
    demand : numpy.ndarray
        Demand of each customer, shape [n] [t]. Zero-demand customers are allowed.
    unit_cost : numpy.ndarray
        Cost per tonne shipped from facility i to customer j, shape [m x n]
        [cost units / t]. ``+inf`` (``np.inf``) marks a forbidden pair; no
        variable is created for it, so a sparse candidate list (e.g. the K
        nearest sites per customer) keeps large instances small.
    single_source : bool
        If true, each customer is served entirely by one facility [-].
    open_forced, closed_forced : numpy.ndarray
        Bool [m] masks of the facilities that must be open (e.g. announced
        plants) / must stay closed.
    budget : float or None
        Upper bound on the total fixed cost of opened facilities, forced-open
        ones included [cost units].
    max_open : int or None
        Maximum number of open facilities [-].
    min_served_share : float
        Share of total demand that must be served [-], in [0, 1]. Below 1,
        customers may be partially unserved (never above their demand) and
        unserved demand has no cost; with ``single_source`` a customer is then
        served entirely or not at all.
    """

    fixed_cost: np.ndarray  # [m] cost units
    capacity: np.ndarray  # [m] t
    demand: np.ndarray  # [n] t
    unit_cost: np.ndarray  # [m x n] cost units / t, +inf = forbidden
    single_source: bool = False
    open_forced: np.ndarray | None = None  # bool [m]
    closed_forced: np.ndarray | None = None  # bool [m]
    budget: float | None = None
    max_open: int | None = None
    min_served_share: float = 1.0

    @classmethod
    def create(
        cls,
        fixed_cost: object,
        capacity: object,
        demand: object,
        unit_cost: object,
        *,
        single_source: bool = False,
        open_forced: IndexSpec = None,
        closed_forced: IndexSpec = None,
        budget: float | None = None,
        max_open: int | None = None,
        min_served_share: float = 1.0,
    ) -> CflpProblem:
        """Check shapes, NaN, signs and options; return the normalised problem.

        Parameters are those of :func:`planner.siting.solve_cflp` ([cost units],
        [t], [t], [cost units / t]; ``np.inf`` = forbidden pair; the index
        specs are bool masks [m] or integer index lists).

        Raises
        ------
        ValueError
            On malformed input.
        """
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
        return cls(
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

    def __post_init__(self) -> None:
        m = self.fixed_cost.shape[0]
        for name in ("open_forced", "closed_forced"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, np.zeros(m, dtype=bool))

    @property
    def m(self) -> int:
        """Number of candidate facilities [-]."""
        return self.fixed_cost.shape[0]

    @property
    def n(self) -> int:
        """Number of customers [-]."""
        return self.demand.shape[0]

    @property
    def total_demand(self) -> float:
        """Total demand [t]."""
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
        raise ValueError(f"{name} contains NaN at positions {first_at(np.isnan(arr))}")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains infinite values at positions {first_at(np.isinf(arr))}")
    if (arr < 0).any():
        raise ValueError(f"{name} must be non-negative; negative at positions {first_at(arr < 0)}")
    return arr


def first_at(mask: np.ndarray, k: int = 5) -> list:
    """First ``k`` indices where ``mask`` is true (for error messages)."""
    idx = np.argwhere(mask)[:k]
    return [tuple(int(v) for v in row) if len(row) > 1 else int(row[0]) for row in idx]


def _as_unit_cost(values: object, m: int, n: int) -> np.ndarray:
    """Validate the [m x n] unit-cost matrix; ``+inf`` is allowed (forbidden pair)."""
    arr = np.asarray(values, dtype=float)
    if arr.shape != (m, n):
        raise ValueError(f"unit_cost must have shape (m, n) = ({m}, {n}), got {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError(f"unit_cost contains NaN at (i, j) = {first_at(np.isnan(arr))}")
    if (arr < 0).any():
        raise ValueError(
            f"unit_cost must be non-negative (+inf = forbidden pair); "
            f"negative at (i, j) = {first_at(arr < 0)}"
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


# ---------------------------------------------------------------------------
# Cheap infeasibility diagnostics
# ---------------------------------------------------------------------------


def fmt_num(x: float) -> str:
    """Number for messages: 6 significant digits, thousands separated."""
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


def _servable_per_customer(inst: CflpProblem) -> np.ndarray:
    """Upper bound on tonnes each customer can receive [t], ignoring other customers."""
    allowed = inst.allowed
    cap = np.where(allowed, inst.capacity[:, None], 0.0)
    if inst.single_source:
        reach = cap.max(axis=0) if inst.m else np.zeros(inst.n)
        return np.where(reach >= inst.demand, inst.demand, 0.0)
    return np.minimum(inst.demand, cap.sum(axis=0))


def _max_capacity_with_limit(inst: CflpProblem) -> float:
    """Largest total capacity [t] that can be opened given forced/closed/max_open."""
    free = ~inst.open_forced & ~inst.closed_forced
    forced_cap = float(inst.capacity[inst.open_forced].sum())
    free_caps = np.sort(inst.capacity[free])[::-1]
    if inst.max_open is None:
        return forced_cap + float(free_caps.sum())
    k = max(inst.max_open - int(inst.open_forced.sum()), 0)
    return forced_cap + float(free_caps[:k].sum())


def cheap_infeasibility_reason(inst: CflpProblem) -> str | None:
    """Return a plain-language reason if the instance is obviously infeasible."""
    both = inst.open_forced & inst.closed_forced
    if both.any():
        return f"facilities {first_at(both)} are both forced open and forced closed"
    n_forced = int(inst.open_forced.sum())
    if inst.max_open is not None and n_forced > inst.max_open:
        return f"{n_forced} facilities are forced open but max_open is {inst.max_open}"
    forced_fixed = float(inst.fixed_cost[inst.open_forced].sum())
    if inst.budget is not None and forced_fixed > inst.budget * (1 + 1e-12):
        return (
            f"the forced-open facilities alone cost {fmt_num(forced_fixed)}, "
            f"more than the budget of {fmt_num(inst.budget)}"
        )
    required = inst.required
    tol = 1e-9 * max(1.0, inst.total_demand)
    open_cap = float(inst.capacity[~inst.closed_forced].sum())
    if open_cap < required - tol:
        return (
            f"total capacity of the facilities that may open ({fmt_num(open_cap)} t) is less "
            f"than the demand that must be served ({fmt_num(required)} t)"
        )
    limit_cap = _max_capacity_with_limit(inst)
    if limit_cap < required - tol:
        return (
            f"with max_open = {inst.max_open} the largest capacity that can be opened is "
            f"{fmt_num(limit_cap)} t, less than the demand that must be served "
            f"({fmt_num(required)} t)"
        )
    servable = _servable_per_customer(inst)
    short = servable < inst.demand - 1e-9 * np.maximum(1.0, inst.demand)
    if float(servable.sum()) < required - tol:
        names = first_at(short)
        if inst.single_source:
            why = "demand exceeds the capacity of every facility allowed to serve it"
        else:
            why = "demand exceeds the total capacity of the facilities allowed to serve it"
        return (
            f"customers {names} (demand {[fmt_num(inst.demand[j]) for j in names]} t) cannot be "
            f"served in full: their {why}; at most {fmt_num(float(servable.sum()))} t of the "
            f"required {fmt_num(required)} t can be served"
        )
    return None


# ---------------------------------------------------------------------------
# The classic splittable CFLP (Lagrangian routines)
# ---------------------------------------------------------------------------


def _selects_any(spec: IndexSpec) -> bool:
    """True if a bool mask / index list selects at least one facility."""
    if spec is None:
        return False
    arr = np.asarray(spec)
    return bool(arr.any()) if arr.dtype == bool else arr.size > 0


def classic_problem(fixed_cost, capacity, demand, unit_cost) -> CflpProblem:
    """Validate a classic splittable CFLP; raise :class:`SitingInfeasible` when it is
    infeasible for a reason that is cheap to tell."""
    inst = CflpProblem.create(fixed_cost, capacity, demand, unit_cost)
    reason = cheap_infeasibility_reason(inst)
    if reason is not None:
        raise SitingInfeasible(reason)
    return inst


def require_classic(
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


def plan_costs(fixed_cost: np.ndarray, unit_cost: np.ndarray, is_open, flow) -> tuple[float, float]:
    """Return (fixed cost total, transport cost total) [cost units]; inf pairs carry 0."""
    fixed = float(fixed_cost[np.asarray(is_open, dtype=bool)].sum())
    used = flow != 0
    transport = float((unit_cost[used] * flow[used]).sum())
    return fixed, transport
