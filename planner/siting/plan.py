"""Planning model for new sorting lines on top of :func:`planner.siting.solve_cflp`.

Pipeline: *check* the options → *build* candidates, demand and costs from a scenario's
projection → *solve* the capacitated facility-location MILP → *extract* a plan (lines to open,
each district's assignment, costs) → optionally *apply* it to the scenario as new sorting lines.

Demand is each district's collected waste destined for sorting in the design year: collected
minus what goes to composting [t/yr].  Existing sorting lines and (optionally) the scenario's
announced lines are facilities that are already open: they have no fixed cost here, and their
spare capacity may serve any district of their region at transport cost
(``open_lines_serve_region``, on by default; off, they serve only their own districts), so the
plan fills them before it builds.  Candidate sites are every district centre and landfill
site, plus sites the user adds; every site can take lines from a size menu.  Districts are
served only by lines in their own region.

Objective (annual, KZT/yr): capex annuity (capex × annuity factor at the discount rate over the
lifetime) + fixed opex of opened lines + per tonne (sorting cost + transport cost per t·km ×
great-circle distance × circuity factor), optionally net of the recovered-material value and the
avoided landfilling per tonne sorted (clipped at zero per tonne so the solver's costs stay
non-negative).

The model lives in modules along its concerns; this module re-exports their public names
(``from planner.siting.plan import X`` keeps working):

``options``    :class:`SitingOptions`, :class:`CandidateSite`, :func:`load_siting_defaults`
``distances``  :func:`great_circle_km` and the road-distance CSV
``inputs``     the checks of the user's inputs, with translated messages
``costs``      :func:`build_problem` (candidates, demand, per-tonne costs)
``solve``      :func:`solve_problem`, :func:`plan_sorting_lines`, :class:`PlanInfeasible`
``effects``    :func:`apply_plan`, :func:`plan_effect`, :func:`plan_csv`, :func:`lines_csv`,
               :func:`map_frames`
"""

from __future__ import annotations

from planner.economics import annuity_factor
from planner.siting.costs import (
    Facility,
    SitingProblem,
    allowed_pairs,
    build_problem,
    candidate_sites,
    demand_for_sorting_t,
    names_by_id,
    recovered_value_kzt_per_t,
)
from planner.siting.distances import EARTH_RADIUS_KM, great_circle_km
from planner.siting.effects import (
    apply_plan,
    extended_districts,
    lines_csv,
    map_frames,
    plan_csv,
    plan_effect,
)
from planner.siting.inputs import PlanInfeasible, SitingInputError
from planner.siting.options import (
    SITING_DEFAULTS_FILE,
    CandidateSite,
    SitingOptions,
    load_siting_defaults,
    validated_options,
)
from planner.siting.solve import (
    SitingPlan,
    extract_plan,
    plan_sorting_lines,
    solve_problem,
)

__all__ = [
    "EARTH_RADIUS_KM",
    "SITING_DEFAULTS_FILE",
    "CandidateSite",
    "Facility",
    "PlanInfeasible",
    "SitingOptions",
    "SitingPlan",
    "SitingInputError",
    "SitingProblem",
    "allowed_pairs",
    "annuity_factor",
    "apply_plan",
    "extended_districts",
    "build_problem",
    "candidate_sites",
    "demand_for_sorting_t",
    "extract_plan",
    "great_circle_km",
    "lines_csv",
    "load_siting_defaults",
    "map_frames",
    "names_by_id",
    "plan_csv",
    "plan_effect",
    "plan_sorting_lines",
    "recovered_value_kzt_per_t",
    "solve_problem",
    "validated_options",
]
