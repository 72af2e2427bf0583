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

from planner.siting.check import check_cflp_solution
from planner.siting.fixing import LagrangianFixing, lagrangian_fixing
from planner.siting.heuristic import solve_cflp_lagrangian
from planner.siting.lagrangian import cflp_lagrangian_bound
from planner.siting.milp import cflp_lp_bound, solve_cflp
from planner.siting.nearest import (
    far_option_costs,
    nearest_pairs,
    priced_pairs,
    solve_cflp_nearest,
)
from planner.siting.problem import (
    DEFAULT_TOL,
    CflpProblem,
    CflpSolution,
    IndexSpec,
    SitingInfeasible,
    SitingSolveError,
)
from planner.siting.quiet import quiet_native_stdout

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
