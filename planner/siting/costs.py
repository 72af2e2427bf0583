"""Build the siting MILP from a scenario: candidates, existing and announced lines, demand,
distances and per-tonne costs (:func:`build_problem`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.economics import annuity_factor
from planner.i18n import LANGS
from planner.io import scenario_from_dict
from planner.projection import Projection, project
from planner.schema import MATERIALS, District, Scenario
from planner.siting.distances import check_distances, great_circle_km
from planner.siting.inputs import Names, PlanInfeasible, raise_if_any
from planner.siting.options import CandidateSite, SitingOptions, names_of_places, site_problems


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
    """The districts the line serves in the scenario (``None`` for a candidate); with
    :attr:`SitingOptions.open_lines_serve_region` it may serve the others of its region too."""


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
        first, last = projection.years[0], projection.years[-1]
        raise PlanInfeasible(
            f"design year {options.design_year} is outside the projection ({first}–{last})",
            "design_year",
            {"year": options.design_year, "first": first, "last": last},
        )
    raise_if_any(site_problems([s.model_dump() for s in options.extra_sites], scenario))
    baseline = scenario.resolved_baseline()
    districts = [(r.id, d) for r in baseline.regions for d in r.districts]
    facilities = _fixed_facilities(scenario, options)
    facilities += _candidate_facilities(scenario, options)
    lat = np.array([d.lat for _, d in districts])
    lon = np.array([d.lon for _, d in districts])
    f_lat = np.array([f.lat for f in facilities])[:, None]
    f_lon = np.array([f.lon for f in facilities])[:, None]
    dist = great_circle_km(f_lat, f_lon, lat[None, :], lon[None, :]) * options.circuity
    if distance_km is not None:
        dist = _with_road_distances(dist, distance_km, facilities, districts, scenario, options)
    value = _value_per_t_sorted(scenario, projection, options)
    per_t = options.sorting_cost_kzt_per_t + options.transport_kzt_per_t_km * dist
    if options.net_of_value:
        per_t = np.maximum(per_t - value, 0.0)
    allowed = allowed_pairs(facilities, districts, options.open_lines_serve_region)
    per_t = np.where(allowed, per_t, np.inf)
    demand = demand_for_sorting_t(projection, options.design_year)
    _check_reachable(per_t, demand, [d for _, d in districts])
    return SitingProblem(
        facilities=facilities,
        district_ids=[d.id for _, d in districts],
        district_region=[r for r, _ in districts],
        district_names=[d.name.en for _, d in districts],
        district_lat=lat,
        district_lon=lon,
        demand_t=demand,
        distance_km=dist,
        unit_cost_kzt_per_t=per_t,
        value_kzt_per_t=value,
        options=options,
        names=names_by_id(scenario, options),
    )


def allowed_pairs(
    facilities: list[Facility], districts: list[tuple[str, District]], whole_region: bool
) -> np.ndarray:
    """Which facility may serve which district: ``[facility, district]`` booleans.

    A district is served only by facilities of its own region.  A candidate may serve any of
    them; an existing or announced line only its own districts unless ``whole_region`` (then
    its spare capacity serves the region's other districts at transport cost).
    """
    return np.array(
        [
            [
                f.region == region and (whole_region or f.districts is None or d.id in f.districts)
                for region, d in districts
            ]
            for f in facilities
        ],
        dtype=bool,
    ).reshape(len(facilities), len(districts))


def _candidate_facilities(scenario: Scenario, options: SitingOptions) -> list[Facility]:
    """One facility per (candidate site, line size), with its capex [KZT] and annual fixed cost
    (capex annuity + fixed opex) [KZT/yr]."""
    annuity = annuity_factor(options.discount_rate, options.lifetime_yr)
    out = []
    for site in candidate_sites(scenario, options):
        for size in options.sizes_t_per_yr:
            capex = size * options.capex_kzt_per_t_yr
            annual = capex * (annuity + options.fixed_opex_share_of_capex_per_yr)
            out.append(
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
    return out


def _value_per_t_sorted(
    scenario: Scenario, projection: Projection, options: SitingOptions
) -> float:
    """Recovered-material value and avoided landfilling per tonne sorted in the design year
    [KZT/t] (:func:`recovered_value_kzt_per_t` with the scenario's mixed-waste recovery)."""
    baseline = scenario.resolved_baseline()
    composition = _sorted_composition(projection, options.design_year)
    values = np.array([options.material_value_kzt_per_t.get(m.value, 0.0) for m in MATERIALS])
    recovery = np.array([baseline.parameters.recovery_mixed[m] for m in MATERIALS], dtype=float)
    for m, v in scenario.levers.recovery_mixed.items():
        recovery[list(MATERIALS).index(m)] = v
    return recovered_value_kzt_per_t(
        composition, recovery, values, options.avoided_landfill_kzt_per_t
    )


def names_by_id(scenario: Scenario, options: SitingOptions) -> dict[str, dict[str, str]]:
    """Names in ru/kk/en of every district, facility and user site, by id."""
    names = names_of_places(scenario)
    for site in options.extra_sites:
        names[site.id] = {"ru": site.name, "kk": site.name, "en": site.name}
    return names


def _with_road_distances(
    dist: np.ndarray,
    road_km: pd.DataFrame,
    facilities: list[Facility],
    districts: list,
    scenario: Scenario,
    options: SitingOptions,
) -> np.ndarray:
    """``dist`` [km] with the pairs of the user's road-distance matrix replaced.

    Raises
    ------
    SitingInputError
        When the matrix names unknown sites or districts, repeats one, or has empty, NaN,
        negative or implausible distances (:func:`planner.siting.distances.check_distances`).
    """
    # every place is a known site: a landfill at a district centre's position is the same
    # candidate as that centre, so its row is accepted and not used
    sites = names_by_id(scenario, options)
    for f in facilities:
        sites.setdefault(f.site_id, dict.fromkeys(LANGS, f.name))
    raise_if_any(check_distances(road_km, sites, {d.id: d.name.model_dump() for _, d in districts}))
    dist = dist.copy()
    columns = {str(c): k for k, c in enumerate(road_km.columns)}
    rows = {str(i): k for k, i in enumerate(road_km.index)}
    km = road_km.to_numpy(dtype=float)
    for i, f in enumerate(facilities):
        if f.site_id in rows:
            for j, (_, d) in enumerate(districts):
                if d.id in columns:
                    dist[i, j] = float(km[rows[f.site_id], columns[d.id]])
    return dist


def _check_reachable(per_t: np.ndarray, demand_t: np.ndarray, districts: list) -> None:
    """Raise :class:`PlanInfeasible` (kind ``"unreachable"``) naming the districts with demand
    that no line or candidate site allowed to serve them can reach (every cost infinite, e.g.
    ``inf`` for every site of their region in the road-distance matrix)."""
    cut = (demand_t > 0) & ~np.isfinite(per_t).any(axis=0)
    if cut.any():
        lost = [d for d, c in zip(districts, cut, strict=True) if c]
        raise PlanInfeasible(
            "no line or candidate site of their region can reach districts "
            + ", ".join(d.name.en for d in lost)
            + " (every distance to them is infinite)",
            "unreachable",
            {"districts": Names.of(d.name.model_dump() for d in lost)},
        )


def _sorted_composition(projection: Projection, year: int) -> np.ndarray:
    t = projection.years.index(year)
    collected = projection.arrays["collected"][t].sum(axis=0)
    total = collected.sum()
    return collected / total if total > 0 else np.zeros_like(collected)
