"""Planning model for new sorting lines on top of :func:`planner.siting.solve_cflp`.

Pipeline: *check* the options → *build* candidates, demand and costs from a scenario's
projection → *solve* the capacitated facility-location MILP → *extract* a plan (lines to open,
each district's assignment, costs) → optionally *apply* it to the scenario as new sorting lines.

Demand is each district's collected waste destined for sorting in the design year: collected
minus what goes to composting [t/yr].  Existing sorting lines and (optionally) the scenario's
announced lines are facilities that are already open: they have no fixed cost here and serve only
their own districts.  Candidate sites are every district centre and landfill site, plus sites the
user adds; every site can take lines from a size menu.  Districts are served only by lines in
their own region.

Objective (annual, KZT/yr): capex annuity (capex × annuity factor at the discount rate over the
lifetime) + fixed opex of opened lines + per tonne (sorting cost + transport cost per t·km ×
great-circle distance × circuity factor), optionally net of the recovered-material value and the
avoided landfilling per tonne sorted (clipped at zero per tonne so the solver's costs stay
non-negative).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import Field

from planner.economics import annuity_factor
from planner.io import SCENARIO_DIR, scenario_from_dict
from planner.projection import Projection, project
from planner.schema import (
    MATERIALS,
    Fraction,
    Identifier,
    NonNegative,
    Scenario,
    Sources,
    Strict,
    Year,
)
from planner.siting.milp import solve_cflp
from planner.siting.problem import CflpSolution, SitingInfeasible

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius [km] (IUGG)."""

SITING_DEFAULTS_FILE = SCENARIO_DIR / "baseline" / "siting.toml"


class CandidateSite(Strict):
    """A site where new lines may be built."""

    id: Identifier
    region: Identifier
    name: str = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    """Latitude [°]."""
    lon: float = Field(ge=-180, le=180)
    """Longitude [°]."""


class SitingOptions(Strict):
    """Options and costs of the siting model; defaults in scenarios/baseline/siting.toml."""

    design_year: Year = 2030
    """Year of the projection whose demand the lines must serve."""
    start_year: Year = 2028
    """Start year given to the chosen lines when the plan is applied to a scenario."""
    sizes_t_per_yr: list[NonNegative] = Field(min_length=1)
    """Menu of line capacities [t/yr]."""
    capex_kzt_per_t_yr: NonNegative
    """Investment per unit of capacity [KZT per t/yr]."""
    fixed_opex_share_of_capex_per_yr: Fraction
    """Fixed operating cost per year as a share of capex [1/yr]."""
    sorting_cost_kzt_per_t: NonNegative
    """Variable sorting cost [KZT/t]."""
    transport_kzt_per_t_km: NonNegative
    """Haul cost [KZT/(t·km)]."""
    circuity: float = Field(ge=1.0, le=3.0)
    """Road distance ÷ great-circle distance [-]."""
    discount_rate: float = Field(ge=0.0, le=0.5)
    """Discount rate for the capex annuity [1/yr]."""
    lifetime_yr: int = Field(ge=1, le=60)
    """Economic lifetime of a line [yr]."""
    material_value_kzt_per_t: dict[str, NonNegative] = Field(default_factory=dict)
    """Value of recovered material at the plant gate by material [KZT/t]."""
    avoided_landfill_kzt_per_t: NonNegative = 0.0
    """Landfilling cost avoided per tonne recovered [KZT/t]."""
    net_of_value: bool = False
    """Subtract recovered-material value and avoided landfilling from the per-tonne cost."""
    capex_budget_kzt: NonNegative | None = None
    """Upper bound on the capex of new lines [KZT]."""
    max_new_lines: int | None = Field(default=None, ge=0)
    """Maximum number of new lines [-]."""
    keep_announced: bool = True
    """Treat the scenario's new sorting lines as already decided (open)."""
    min_served_share: Fraction = 1.0
    """Share of the demand that must be served by sorting lines [-]."""
    single_source: bool = False
    """Each district sends all its waste to one line."""
    extra_sites: list[CandidateSite] = Field(default_factory=list)
    """Sites added by the user."""
    time_limit_s: float = Field(default=30.0, gt=0, le=600)
    """Solver time limit [s]."""
    sources: Sources = Field(default_factory=dict)


def load_siting_defaults(path: Path = SITING_DEFAULTS_FILE) -> SitingOptions:
    """The default siting options with their sources."""
    with path.open("rb") as f:
        return SitingOptions.model_validate(tomllib.load(f))


def great_circle_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance by the haversine formula.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : array_like
        Coordinates [°]; broadcast against each other.

    Returns
    -------
    numpy.ndarray
        Distance [km].
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def recovered_value_kzt_per_t(
    composition: np.ndarray, recovery: np.ndarray, value_kzt_per_t: np.ndarray, avoided: float
) -> float:
    """Value of what one tonne of sorted mixed waste yields.

    Parameters
    ----------
    composition : numpy.ndarray
        Mass share per material of the sorted waste [-].
    recovery : numpy.ndarray
        Recovered share per material [-].
    value_kzt_per_t : numpy.ndarray
        Value per tonne of recovered material [KZT/t].
    avoided : float
        Landfilling cost avoided per tonne recovered [KZT/t].

    Returns
    -------
    float
        Σ share × recovery × (value + avoided) [KZT per t sorted].
    """
    return float(np.sum(composition * recovery * (value_kzt_per_t + avoided)))


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facility:
    """A facility of the MILP: an existing/announced line or a (site, size) candidate."""

    site_id: str
    name: str
    region: str
    lat: float
    lon: float
    capacity_t_per_yr: float
    capex_kzt: float
    annual_fixed_kzt: float
    status: str  # "existing" | "announced" | "candidate"
    districts: tuple[str, ...] | None  # None: any district of the region


@dataclass(frozen=True)
class SitingProblem:
    """Arrays for :func:`planner.siting.solve_cflp` and what they mean."""

    facilities: list[Facility]
    district_ids: list[str]
    district_region: list[str]
    district_names: list[str]
    district_lat: np.ndarray
    district_lon: np.ndarray
    demand_t: np.ndarray
    distance_km: np.ndarray
    unit_cost_kzt_per_t: np.ndarray
    value_kzt_per_t: float
    options: SitingOptions
    names: dict[str, dict[str, str]]
    """Names of districts, sites and lines by id, in ru/kk/en."""


def demand_for_sorting_t(projection: Projection, year: int) -> np.ndarray:
    """Each district's collected waste not sent to composting in ``year`` [t/yr]."""
    t = projection.years.index(year)
    collected = projection.arrays["collected"][t].sum(axis=1)
    biotreated = projection.arrays["biotreated"][t].sum(axis=1)
    return np.maximum(collected - biotreated, 0.0)


def candidate_sites(scenario: Scenario, options: SitingOptions) -> list[CandidateSite]:
    """District centres and landfill sites (deduplicated by position), plus the user's sites."""
    baseline = scenario.resolved_baseline()
    sites: list[CandidateSite] = []
    seen: set[tuple[float, float]] = set()

    def add(site: CandidateSite) -> None:
        key = (round(site.lat, 3), round(site.lon, 3))
        if key not in seen:
            seen.add(key)
            sites.append(site)

    for region in baseline.regions:
        for d in region.districts:
            add(CandidateSite(id=d.id, region=region.id, name=d.name.en, lat=d.lat, lon=d.lon))
        for lf in region.landfills:
            add(CandidateSite(id=lf.id, region=region.id, name=lf.name.en, lat=lf.lat, lon=lf.lon))
    for lf in scenario.levers.new_landfills:
        add(CandidateSite(id=lf.id, region=lf.region, name=lf.name.en, lat=lf.lat, lon=lf.lon))
    for site in options.extra_sites:
        add(site)
    return sites


def _fixed_facilities(scenario: Scenario, options: SitingOptions) -> list[Facility]:
    baseline = scenario.resolved_baseline()
    out = []
    for region in baseline.regions:
        for line in region.sorting_lines:
            if line.id in scenario.levers.closed_facilities:
                continue
            out.append(
                Facility(
                    line.id,
                    line.name.en,
                    region.id,
                    line.lat,
                    line.lon,
                    line.capacity_t_per_yr * line.utilisation,
                    0.0,
                    0.0,
                    "existing",
                    tuple(line.districts_served),
                )
            )
    if options.keep_announced:
        for line in scenario.levers.new_sorting_lines:
            out.append(
                Facility(
                    line.id,
                    line.name.en,
                    line.region,
                    line.lat,
                    line.lon,
                    line.capacity_t_per_yr * line.utilisation,
                    0.0,
                    0.0,
                    "announced",
                    tuple(line.districts_served),
                )
            )
    return out


def build_problem(
    scenario: Scenario,
    options: SitingOptions,
    projection: Projection | None = None,
    distance_km: pd.DataFrame | None = None,
) -> SitingProblem:
    """Candidates, demand and per-tonne costs for the siting MILP.

    Parameters
    ----------
    scenario : Scenario
        The scenario whose design-year demand the lines must serve.  With ``keep_announced``
        off, its new sorting lines are left out of the projection too.
    options : SitingOptions
        Costs and options.
    projection : Projection, optional
        The projection to take demand from (computed when omitted).
    distance_km : pandas.DataFrame, optional
        Road distances [km] with site ids as index and district ids as columns; replaces
        great-circle × circuity for the pairs it covers.
    """
    if not options.keep_announced and scenario.levers.new_sorting_lines:
        data = scenario.model_dump(mode="json")
        data["levers"]["new_sorting_lines"] = []
        scenario = scenario_from_dict(data, scenario.id)
        projection = None
    if projection is None:
        projection = project(scenario)
    if options.design_year not in projection.years:
        raise SitingInfeasible(
            f"design year {options.design_year} is outside the projection "
            f"({projection.years[0]}–{projection.years[-1]})"
        )
    baseline = scenario.resolved_baseline()
    districts = [(r.id, d) for r in baseline.regions for d in r.districts]
    facilities = _fixed_facilities(scenario, options)
    annuity = annuity_factor(options.discount_rate, options.lifetime_yr)
    for site in candidate_sites(scenario, options):
        for size in options.sizes_t_per_yr:
            capex = size * options.capex_kzt_per_t_yr
            annual = capex * (annuity + options.fixed_opex_share_of_capex_per_yr)
            facilities.append(
                Facility(
                    site.id,
                    site.name,
                    site.region,
                    site.lat,
                    site.lon,
                    size,
                    capex,
                    annual,
                    "candidate",
                    None,
                )
            )
    lat = np.array([d.lat for _, d in districts])
    lon = np.array([d.lon for _, d in districts])
    f_lat = np.array([f.lat for f in facilities])[:, None]
    f_lon = np.array([f.lon for f in facilities])[:, None]
    dist = great_circle_km(f_lat, f_lon, lat[None, :], lon[None, :]) * options.circuity
    if distance_km is not None:
        for i, f in enumerate(facilities):
            if f.site_id in distance_km.index:
                for j, (_, d) in enumerate(districts):
                    if d.id in distance_km.columns and pd.notna(distance_km.at[f.site_id, d.id]):
                        dist[i, j] = float(distance_km.at[f.site_id, d.id])
    composition = _sorted_composition(projection, options.design_year)
    values = np.array([options.material_value_kzt_per_t.get(m.value, 0.0) for m in MATERIALS])
    recovery = np.array([baseline.parameters.recovery_mixed[m] for m in MATERIALS], dtype=float)
    for m, v in scenario.levers.recovery_mixed.items():
        recovery[list(MATERIALS).index(m)] = v
    value = recovered_value_kzt_per_t(
        composition, recovery, values, options.avoided_landfill_kzt_per_t
    )
    per_t = options.sorting_cost_kzt_per_t + options.transport_kzt_per_t_km * dist
    if options.net_of_value:
        per_t = np.maximum(per_t - value, 0.0)
    allowed = np.array(
        [
            [
                f.region == region and (f.districts is None or d.id in f.districts)
                for region, d in districts
            ]
            for f in facilities
        ]
    )
    per_t = np.where(allowed, per_t, np.inf)
    return SitingProblem(
        facilities=facilities,
        district_ids=[d.id for _, d in districts],
        district_region=[r for r, _ in districts],
        district_names=[d.name.en for _, d in districts],
        district_lat=lat,
        district_lon=lon,
        demand_t=demand_for_sorting_t(projection, options.design_year),
        distance_km=dist,
        unit_cost_kzt_per_t=per_t,
        value_kzt_per_t=value,
        options=options,
        names=names_by_id(scenario, options),
    )


def names_by_id(scenario: Scenario, options: SitingOptions) -> dict[str, dict[str, str]]:
    """Names in ru/kk/en of every district, facility and user site, by id."""
    baseline = scenario.resolved_baseline()
    names: dict[str, dict[str, str]] = {}
    for region in baseline.regions:
        for item in [*region.districts, *region.landfills, *region.sorting_lines]:
            names[item.id] = item.name.model_dump()
    for item in [*scenario.levers.new_landfills, *scenario.levers.new_sorting_lines]:
        names[item.id] = item.name.model_dump()
    for site in options.extra_sites:
        names[site.id] = {"ru": site.name, "kk": site.name, "en": site.name}
    return names


def _sorted_composition(projection: Projection, year: int) -> np.ndarray:
    t = projection.years.index(year)
    collected = projection.arrays["collected"][t].sum(axis=0)
    total = collected.sum()
    return collected / total if total > 0 else np.zeros_like(collected)


# --------------------------------------------------------------------------------------------
# Solve and extract
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitingPlan:
    """Answer of :func:`plan_sorting_lines`.

    Attributes
    ----------
    lines : pandas.DataFrame
        One row per open line: ``site, name, region, lat, lon, status, capacity_t_per_yr,
        capex_kzt, annual_fixed_kzt, load_t, utilisation``.
    assignments : pandas.DataFrame
        One row per (line, district) pair with flow: ``site, status, district, region,
        tonnes, distance_km, transport_kzt``.
    summary : dict
        Totals: ``annual_cost_kzt``, ``capex_new_kzt``, ``fixed_kzt``, ``sorting_kzt``,
        ``transport_kzt``, ``served_t``, ``demand_t``, ``cost_per_t_kzt``,
        ``recovered_value_kzt``, ``net_cost_per_t_kzt``, ``new_lines``, ``status``, ``mip_gap``,
        ``solve_time_s``.
    solution : CflpSolution
        The raw solver answer.
    """

    lines: pd.DataFrame
    assignments: pd.DataFrame
    summary: dict
    solution: CflpSolution
    problem: SitingProblem


def solve_problem(problem: SitingProblem) -> SitingPlan:
    """Solve a built problem and extract the plan."""
    opts = problem.options
    fixed = np.array([f.annual_fixed_kzt for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capex = np.array([f.capex_kzt for f in problem.facilities])
    budget = None
    if opts.capex_budget_kzt is not None:
        # solve_cflp bounds the sum of fixed costs; capex is proportional to annual fixed cost
        # for candidates (same annuity and opex share), so scale the budget to that unit.
        ratio = fixed[~forced].sum() / capex[~forced].sum() if capex[~forced].sum() else 0.0
        budget = opts.capex_budget_kzt * ratio
    max_open = None if opts.max_new_lines is None else opts.max_new_lines + int(forced.sum())
    try:
        sol = solve_cflp(
            fixed,
            capacity,
            problem.demand_t,
            problem.unit_cost_kzt_per_t,
            single_source=opts.single_source,
            open_forced=forced,
            budget=budget,
            max_open=max_open,
            min_served_share=opts.min_served_share,
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-6,
        )
    except SitingInfeasible as exc:
        raise _explain_in_tenge(exc.reason, problem, budget) from None
    return extract_plan(problem, sol)


class PlanInfeasible(SitingInfeasible):
    """No plan meets the options; ``kind`` and ``context`` let the UI translate the reason.

    Kinds: ``"budget"`` (context ``budget_kzt``, ``share``, ``cheapest_kzt``), ``"max_lines"``
    (context ``max_lines``, ``share``, ``needed``) and ``"solver"`` (context ``detail``: the
    solver-level reason in English).
    """

    def __init__(self, reason: str, kind: str, context: dict) -> None:
        super().__init__(reason)
        self.kind = kind
        self.context = context


def _explain_in_tenge(reason: str, problem: SitingProblem, budget: float | None) -> PlanInfeasible:
    """Restate the solver's reason in the planner's terms: too few lines allowed (with the
    least number that works), or too small a capex budget (with the cheapest capex that
    works)."""
    opts = problem.options
    if opts.max_new_lines is not None:
        needed = _min_new_lines(problem)
        if needed is not None and needed > opts.max_new_lines:
            text = (
                f"at most {opts.max_new_lines} new line(s) cannot serve "
                f"{opts.min_served_share:.0%} of the design-year demand (lines serve only "
                f"their own region); at least {needed} are needed"
            )
            context = {
                "max_lines": opts.max_new_lines,
                "share": opts.min_served_share,
                "needed": needed,
            }
            return PlanInfeasible(text, "max_lines", context)
    cheapest = _cheapest_capex_kzt(problem) if opts.capex_budget_kzt is not None else None
    if budget is None or opts.capex_budget_kzt is None or cheapest is None:
        return PlanInfeasible(reason, "solver", {"detail": reason})
    text = (
        f"the capex budget of {opts.capex_budget_kzt:,.0f} KZT cannot serve "
        f"{opts.min_served_share:.0%} of the design-year demand; the cheapest set of new lines "
        f"that does costs {cheapest:,.0f} KZT"
    )
    context = {
        "budget_kzt": opts.capex_budget_kzt,
        "share": opts.min_served_share,
        "cheapest_kzt": cheapest,
    }
    return PlanInfeasible(text, "budget", context)


def _min_new_lines(problem: SitingProblem) -> int | None:
    """Least number of new lines that can serve the required share (a MILP that counts
    lines: fixed cost 1 per candidate, no other cost); ``None`` when none can."""
    opts = problem.options
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    free = np.where(np.isfinite(problem.unit_cost_kzt_per_t), 0.0, np.inf)
    try:
        sol = solve_cflp(
            (~forced).astype(float),
            capacity,
            problem.demand_t,
            free,
            open_forced=forced,
            min_served_share=opts.min_served_share,
            single_source=opts.single_source,
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-9,
        )
    except (SitingInfeasible, RuntimeError):
        return None
    return int(round(sol.fixed_cost_total))


def _cheapest_capex_kzt(problem: SitingProblem) -> float | None:
    """Least capex of new lines that can serve the required share (a MILP with no transport
    cost and capex as the fixed cost); ``None`` when even unlimited capex cannot."""
    opts = problem.options
    capex = np.array([f.capex_kzt for f in problem.facilities])
    forced = np.array([f.status != "candidate" for f in problem.facilities])
    capacity = np.array([f.capacity_t_per_yr for f in problem.facilities])
    free = np.where(np.isfinite(problem.unit_cost_kzt_per_t), 0.0, np.inf)
    try:
        sol = solve_cflp(
            capex,
            capacity,
            problem.demand_t,
            free,
            open_forced=forced,
            min_served_share=opts.min_served_share,
            single_source=opts.single_source,
            max_open=None if opts.max_new_lines is None else opts.max_new_lines + int(forced.sum()),
            time_limit_s=opts.time_limit_s,
            mip_rel_gap=1e-6,
        )
    except (SitingInfeasible, RuntimeError):
        return None
    return float(capex[sol.open].sum())


def extract_plan(problem: SitingProblem, sol: CflpSolution) -> SitingPlan:
    """Tables and totals from a solver answer."""
    opts = problem.options
    rows, arows = [], []
    for i in np.flatnonzero(sol.open):
        f = problem.facilities[i]
        load = float(sol.flow[i].sum())
        rows.append(
            {
                "site": f.site_id,
                "name": f.name,
                "region": f.region,
                "lat": f.lat,
                "lon": f.lon,
                "status": "new" if f.status == "candidate" else f.status,
                "capacity_t_per_yr": f.capacity_t_per_yr,
                "capex_kzt": f.capex_kzt,
                "annual_fixed_kzt": f.annual_fixed_kzt,
                "load_t": load,
                "utilisation": load / f.capacity_t_per_yr if f.capacity_t_per_yr else 0.0,
            }
        )
        for j in np.flatnonzero(sol.flow[i] > 1e-6):
            t = float(sol.flow[i, j])
            arows.append(
                {
                    "site": f.site_id,
                    "status": rows[-1]["status"],
                    "district": problem.district_ids[j],
                    "region": problem.district_region[j],
                    "tonnes": t,
                    "distance_km": float(problem.distance_km[i, j]),
                    "transport_kzt": t
                    * float(problem.distance_km[i, j])
                    * opts.transport_kzt_per_t_km,
                }
            )
    lines = pd.DataFrame(rows)
    assignments = pd.DataFrame(arows)
    served = float(sol.flow.sum())
    transport = float(assignments["transport_kzt"].sum()) if len(assignments) else 0.0
    sorting = served * opts.sorting_cost_kzt_per_t
    fixed = float(lines["annual_fixed_kzt"].sum()) if len(lines) else 0.0
    annual = fixed + sorting + transport
    value = served * problem.value_kzt_per_t
    new = lines[lines.status == "new"] if len(lines) else lines
    summary = {
        "annual_cost_kzt": annual,
        "capex_new_kzt": float(new["capex_kzt"].sum()) if len(new) else 0.0,
        "fixed_kzt": fixed,
        "sorting_kzt": sorting,
        "transport_kzt": transport,
        "served_t": served,
        "demand_t": float(problem.demand_t.sum()),
        "cost_per_t_kzt": annual / served if served else float("nan"),
        "recovered_value_kzt": value,
        "net_cost_per_t_kzt": (annual - value) / served if served else float("nan"),
        "new_lines": int(len(new)),
        "status": sol.status,
        "mip_gap": sol.mip_gap,
        "solve_time_s": sol.solve_time_s,
    }
    return SitingPlan(lines, assignments, summary, sol, problem)


def plan_sorting_lines(
    scenario: Scenario,
    options: SitingOptions | None = None,
    distance_km: pd.DataFrame | None = None,
) -> SitingPlan:
    """Cheapest set of new sorting lines that serves the scenario's design-year demand.

    Raises
    ------
    SitingInfeasible
        With a plain-language reason when no plan meets the options.
    """
    options = options or load_siting_defaults()
    return solve_problem(build_problem(scenario, options, distance_km=distance_km))


# --------------------------------------------------------------------------------------------
# Apply
# --------------------------------------------------------------------------------------------


def apply_plan(scenario: Scenario, plan: SitingPlan, start_year: int | None = None) -> Scenario:
    """The scenario with the plan's new lines added as sorting lines from ``start_year``.

    Each new line serves the districts the plan assigns to it.  Lines at one site are merged
    into one line of their summed capacity.
    """
    start = start_year or plan.problem.options.start_year
    data = scenario.model_dump(mode="json")
    existing = {s["id"] for s in data["levers"]["new_sorting_lines"]}
    new = plan.lines[plan.lines.status == "new"] if len(plan.lines) else plan.lines
    capex_kzt_per_t = plan.problem.options.capex_kzt_per_t_yr
    names = {f.site_id: f.name for f in plan.problem.facilities}
    for site, group in new.groupby("site", sort=False) if len(new) else []:
        served = (
            plan.assignments[(plan.assignments.site == site) & (plan.assignments.status == "new")]
            .district.unique()
            .tolist()
        )
        if not served:
            continue
        line_id = f"planned_{site}"
        suffix = 2
        while line_id in existing:
            line_id, suffix = f"planned_{site}_{suffix}", suffix + 1
        existing.add(line_id)
        capacity = float(group.capacity_t_per_yr.sum())
        first = group.iloc[0]
        label = names.get(site, site)
        data["levers"]["new_sorting_lines"].append(
            {
                "id": line_id,
                "region": first.region,
                "name": {
                    "ru": f"Новая линия: {label}",
                    "kk": f"Жаңа желі: {label}",
                    "en": f"New line: {label}",
                },
                "lat": float(first.lat),
                "lon": float(first.lon),
                "districts_served": served,
                "start_year": start,
                "capacity_t_per_yr": capacity,
                "capex_kzt": capacity * capex_kzt_per_t,
                "sources": {
                    "capacity_t_per_yr": {
                        "text": "Chosen by the siting optimiser (planner.siting.plan)",
                        "confidence": "EST",
                    }
                },
            }
        )
    return scenario_from_dict(data, scenario.id)


def plan_csv(plan: SitingPlan, scenario_id: str) -> str:
    """The plan as a tidy CSV: one row per (line, district) assignment."""
    lines = plan.lines.set_index("site") if len(plan.lines) else None
    rows = []
    for a in plan.assignments.itertuples():
        line = lines.loc[a.site] if lines is not None else None
        if isinstance(line, pd.DataFrame):
            line = line.iloc[0]
        rows.append(
            {
                "scenario": scenario_id,
                "site": a.site,
                "status": a.status,
                "region": a.region,
                "lat": line.lat,
                "lon": line.lon,
                "capacity_t_per_yr": float(
                    plan.lines[plan.lines.site == a.site].capacity_t_per_yr.sum()
                ),
                "district": a.district,
                "tonnes": a.tonnes,
                "distance_km": a.distance_km,
                "transport_kzt": a.transport_kzt,
            }
        )
    return pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")


def plan_effect(scenario: Scenario, plan: SitingPlan, start_year: int | None = None) -> dict:
    """What applying the plan does in the design year.

    Returns
    -------
    dict
        ``landfilled_before_t``, ``landfilled_after_t``, ``diverted_t`` (less landfilled),
        ``recycled_extra_t``, ``processing_before``, ``processing_after``,
        ``recycling_before``, ``recycling_after`` [-] (totals over both regions, design year).
    """
    year = plan.problem.options.design_year
    before = project(scenario)
    after = project(apply_plan(scenario, plan, start_year))
    i = before.years.index(year)
    lb, la = before.kpi("landfilled_t")[i], after.kpi("landfilled_t")[i]
    return {
        "landfilled_before_t": float(lb),
        "landfilled_after_t": float(la),
        "diverted_t": float(lb - la),
        "recycled_extra_t": float(after.kpi("recycled_t")[i] - before.kpi("recycled_t")[i]),
        "processing_before": float(before.kpi("processing_share")[i]),
        "processing_after": float(after.kpi("processing_share")[i]),
        "recycling_before": float(before.kpi("recycling_rate")[i]),
        "recycling_after": float(after.kpi("recycling_rate")[i]),
    }


def map_frames(plan: SitingPlan) -> dict[str, pd.DataFrame]:
    """Frames for a map: ``candidates`` (sites), ``lines`` (open lines, merged per site),
    ``districts`` (with demand [t/yr]) and ``links`` (district → line, with tonnes)."""
    prob = plan.problem
    cands = pd.DataFrame(
        [
            (f.site_id, f.name, f.region, f.lat, f.lon)
            for f in prob.facilities
            if f.status == "candidate"
        ],
        columns=["site", "name", "region", "lat", "lon"],
    ).drop_duplicates("site")
    lines = (
        plan.lines.groupby(["site", "name", "region", "lat", "lon", "status"], as_index=False).agg(
            capacity_t_per_yr=("capacity_t_per_yr", "sum"), load_t=("load_t", "sum")
        )
        if len(plan.lines)
        else plan.lines
    )
    districts = pd.DataFrame(
        {
            "district": prob.district_ids,
            "name": prob.district_names,
            "region": prob.district_region,
            "lat": prob.district_lat,
            "lon": prob.district_lon,
            "demand_t": prob.demand_t,
        }
    )
    pos = {f.site_id: (f.lat, f.lon) for f in prob.facilities}
    dpos = dict(
        zip(prob.district_ids, zip(prob.district_lat, prob.district_lon, strict=True), strict=True)
    )
    links = plan.assignments.copy()
    if len(links):
        links["site_lat"] = [pos[s][0] for s in links.site]
        links["site_lon"] = [pos[s][1] for s in links.site]
        links["district_lat"] = [dpos[d][0] for d in links.district]
        links["district_lon"] = [dpos[d][1] for d in links.district]
    for frame, key in ((cands, "site"), (lines, "site"), (districts, "district")):
        if len(frame):
            for lang in ("ru", "kk", "en"):
                frame[f"name_{lang}"] = [
                    prob.names.get(k, {}).get(lang, n)
                    for k, n in zip(frame[key], frame["name"], strict=True)
                ]
    return {"candidates": cands, "lines": lines, "districts": districts, "links": links}


__all__ = [
    "CandidateSite",
    "PlanInfeasible",
    "map_frames",
    "plan_effect",
    "SitingOptions",
    "SitingPlan",
    "annuity_factor",
    "apply_plan",
    "build_problem",
    "great_circle_km",
    "load_siting_defaults",
    "plan_csv",
    "plan_sorting_lines",
    "solve_problem",
]
