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

Modules
-------
``problem``     :class:`CflpProblem` (data + options, validated), :class:`CflpSolution`,
                errors and the cheap infeasibility diagnostics
``milp``        the strong formulation for HiGHS: :func:`solve_cflp`, :func:`cflp_lp_bound`
``lagrangian``  :func:`cflp_lagrangian_bound` and the one subgradient engine
``fixing``      :func:`lagrangian_fixing` (Lagrangian reduced-cost fixing)
``transport``   the exact transportation LP of one open set
``heuristic``   :func:`solve_cflp_lagrangian` (Lagrangian heuristic + certified gap)
``nearest``     :func:`solve_cflp_nearest` (K-nearest relaxation for large instances)
``check``       :func:`check_cflp_solution` (independent verification)
``quiet``       :func:`quiet_native_stdout` (for callers that own their stdout)
``plan``        the planning model on a scenario (new sorting lines); re-exports the names of
                ``options`` (options, user sites), ``distances`` (great-circle distance, the
                road-distance CSV), ``inputs`` (translated problems with the user's inputs),
                ``costs`` (building the MILP), ``solve`` (solving, explaining infeasibility)
                and ``effects`` (applying a plan, its CSVs and map frames)
``cli``         the ``site`` command of ``python -m planner``

The solver modules use only numpy, scipy and the standard library (no UI imports).
"""

import importlib

_EXPORTS = {
    "check_cflp_solution": "planner.siting.check",
    "LagrangianFixing": "planner.siting.fixing",
    "lagrangian_fixing": "planner.siting.fixing",
    "solve_cflp_lagrangian": "planner.siting.heuristic",
    "cflp_lagrangian_bound": "planner.siting.lagrangian",
    "cflp_lp_bound": "planner.siting.milp",
    "solve_cflp": "planner.siting.milp",
    "far_option_costs": "planner.siting.nearest",
    "nearest_pairs": "planner.siting.nearest",
    "priced_pairs": "planner.siting.nearest",
    "solve_cflp_nearest": "planner.siting.nearest",
    "DEFAULT_TOL": "planner.siting.problem",
    "CflpProblem": "planner.siting.problem",
    "CflpSolution": "planner.siting.problem",
    "IndexSpec": "planner.siting.problem",
    "SitingInfeasible": "planner.siting.problem",
    "SitingSolveError": "planner.siting.problem",
    "quiet_native_stdout": "planner.siting.quiet",
}
"""Public name → the module that defines it (imported on first use: the solvers pull in
SciPy, which the other commands of ``python -m planner`` do not need)."""

__all__ = [
    "DEFAULT_TOL",
    "CflpProblem",
    "CflpSolution",
    "IndexSpec",
    "LagrangianFixing",
    "SitingInfeasible",
    "SitingSolveError",
    "cflp_lagrangian_bound",
    "cflp_lp_bound",
    "check_cflp_solution",
    "far_option_costs",
    "lagrangian_fixing",
    "nearest_pairs",
    "priced_pairs",
    "quiet_native_stdout",
    "solve_cflp",
    "solve_cflp_lagrangian",
    "solve_cflp_nearest",
]


def __getattr__(name: str) -> object:
    """A public name (or a submodule) of the package, imported on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
