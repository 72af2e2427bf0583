"""Where a scenario's levers and overrides meet its baseline: the one home of those rules.

:func:`resolve_inputs` turns a validated scenario into :class:`ResolvedInputs`, the arrays the
projection runs on; :func:`economics_parameters` does the same for the economic parameters.
The small rule functions below are what both use, and what the editor helpers
(:mod:`planner.edit`) and the app's row builders call to show the value in effect:

- a per-district lever applies to the district named, otherwise the ``"*"`` entry applies,
  otherwise the baseline (:func:`district_override`);
- a per-material lever overrides the baseline parameter material by material
  (:func:`per_material`);
- a participation lever replaces the baseline trajectory from its first year on
  (:func:`participation_points`); awareness campaigns then raise it in the districts they
  reach (:func:`campaign_reach`);
- a facility closes at the earlier of its own ``close_year`` and a ``closed_facilities`` lever.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from planner import flows as fl
from planner.schema import (
    MATERIALS,
    AwarenessCampaign,
    Baseline,
    CompostingSite,
    EconomicsOverrides,
    EconomicsParameters,
    Facility,
    Landfill,
    Levers,
    Parameters,
    Scenario,
    SortingLine,
)

PerMaterialLever = Literal["recovery_mixed", "recovery_separate", "capture"]
"""The per-material share levers."""


@dataclass(frozen=True)
class FacilityPlan:
    """A facility as the projection uses it: where it is, whom it serves, when it runs."""

    facility: Facility
    """The facility as validated (a baseline facility or a new one from the levers)."""
    kind: str
    """``"sorting"``, ``"composting"`` or ``"landfill"``."""
    region: str
    """Region id the facility belongs to."""
    district_index: np.ndarray
    """Indices of the districts served, into :attr:`ResolvedInputs.district_ids` [int]."""
    operating: np.ndarray
    """Bool per projected year: the facility operates."""

    @property
    def landfill(self) -> Landfill:
        """The facility as a landfill (``kind == "landfill"``)."""
        if not isinstance(self.facility, Landfill):
            raise TypeError(f"{self.facility.id} is not a landfill")
        return self.facility

    @property
    def sorting_line(self) -> SortingLine:
        """The facility as a sorting line (``kind == "sorting"``)."""
        if not isinstance(self.facility, SortingLine):
            raise TypeError(f"{self.facility.id} is not a sorting line")
        return self.facility

    @property
    def composting_site(self) -> CompostingSite:
        """The facility as a composting site (``kind == "composting"``)."""
        if not isinstance(self.facility, CompostingSite):
            raise TypeError(f"{self.facility.id} is not a composting site")
        return self.facility


@dataclass(frozen=True)
class ResolvedInputs:
    """Scenario inputs resolved to arrays over ``[year, district, material]``."""

    years: list[int]
    """Projected years, first to last."""
    region_of_district: list[str]
    """Region id of each district, in file order."""
    district_ids: list[str]
    """District ids, in file order (axis ``district`` of every array)."""
    population: np.ndarray
    """Residents ``[year, district]`` [persons]."""
    generation_t_per_cap_yr: np.ndarray
    """Per-capita generation ``[year, district]`` [t/(person·yr)]."""
    composition: np.ndarray
    """Mass composition ``[district, material]`` [-]."""
    coverage: np.ndarray
    """Collection coverage ``[year, district]`` [-]."""
    participation: np.ndarray
    """Participation in separate collection after campaigns ``[year, district]`` [-]."""
    capture: np.ndarray
    """Capture share of participating households ``[material]`` [-]."""
    recovery_mixed: np.ndarray
    """Recovery from mixed-waste sorting ``[material]`` [-]."""
    recovery_separate: np.ndarray
    """Recovery from separately collected sorting input ``[material]`` [-]."""
    composting_yield: np.ndarray
    """Composted share of composting input ``[material]`` [-]; 0: not accepted."""
    banned: np.ndarray
    """Bool ``[year, material]``: landfilling banned."""
    sorting: list[FacilityPlan]
    """Sorting lines, baseline first, then new ones."""
    composting: list[FacilityPlan]
    """Composting sites, baseline first, then new ones."""
    landfills: list[FacilityPlan]
    """Landfills in fill priority: new ones first, then the baseline's in file order."""
    campaign_reach: np.ndarray
    """Bool ``[campaign, district]``: the awareness campaign reaches the district (campaigns in
    the order of ``levers.awareness_campaigns``)."""


Inputs = ResolvedInputs
"""The former name of :class:`ResolvedInputs` (``planner.projection.Inputs``)."""


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------


def per_material(values: Mapping, override: Mapping | None = None) -> np.ndarray:
    """A per-material parameter with a lever's per-material override on top.

    Parameters
    ----------
    values : mapping of Material to float
        Baseline value of every material.
    override : mapping of Material to float, optional
        Lever values for some materials.

    Returns
    -------
    numpy.ndarray
        ``[material]`` in :data:`planner.schema.MATERIALS` order.
    """
    merged = dict(values)
    merged.update(override or {})
    return np.array([merged[m] for m in MATERIALS], dtype=float)


def district_override(overrides: Mapping[str, Any], district_id: str) -> Any:
    """The lever value for a district: its own entry, else the ``"*"`` entry, else ``None``."""
    if district_id in overrides:
        return overrides[district_id]
    return overrides.get("*")


def generation_per_cap_t(levers: Levers, district_id: str, baseline_t_per_cap_yr: float) -> float:
    """Per-capita generation in the base year in effect for a district [t/(person·yr)]."""
    value = district_override(levers.generation_t_per_cap_yr, district_id)
    return float(baseline_t_per_cap_yr if value is None else value)


def coverage_points(levers: Levers, district_id: str, inherit: bool = True) -> Mapping[int, float]:
    """The coverage lever trajectory [year → share] for a district (empty: none).

    With ``inherit`` the ``"*"`` entry applies to a district without its own; without it only
    the district's own entry counts (what the per-district editor shows).
    """
    if not inherit:
        return levers.collection_coverage.get(district_id) or {}
    return district_override(levers.collection_coverage, district_id) or {}


def participation_points(parameters: Parameters, levers: Levers) -> dict[int, float]:
    """The participation trajectory [year → share] before campaigns.

    The lever replaces the baseline trajectory from the lever's first year on; baseline points
    before it are kept.
    """
    points = dict(parameters.participation)
    if levers.participation is not None:
        first = min(levers.participation)
        points = {y: v for y, v in points.items() if y < first}
        points.update(levers.participation)
    return points


def campaign_reach(campaigns: Sequence[AwarenessCampaign], district_ids: list[str]) -> np.ndarray:
    """Bool ``[campaign, district]``: whom each campaign reaches (``districts=None``: all)."""
    reach = np.zeros((len(campaigns), len(district_ids)), dtype=bool)
    for c, campaign in enumerate(campaigns):
        reach[c] = (
            np.ones(len(district_ids), dtype=bool)
            if campaign.districts is None
            else np.isin(district_ids, campaign.districts)
        )
    return reach


def close_year(facility: Facility, levers: Levers) -> int | None:
    """First year a facility no longer operates: its own ``close_year`` or the lever's,
    whichever is earlier (``None``: never)."""
    close = facility.close_year
    if facility.id in levers.closed_facilities:
        lever_close = levers.closed_facilities[facility.id]
        close = lever_close if close is None else min(close, lever_close)
    return close


def landfill_bans(parameters: Parameters, years: Sequence[int]) -> np.ndarray:
    """Bool ``[year, material]``: landfilling the material is banned in the year."""
    bans = parameters.landfill_ban_year
    return np.array(
        [[m in bans and y >= bans[m] for m in MATERIALS] for y in years],
        dtype=bool,
    ).reshape(len(years), len(MATERIALS))


# --------------------------------------------------------------------------------------------
# Values in effect for one scenario (what the editors start from)
# --------------------------------------------------------------------------------------------


def effective_per_material(scenario: Scenario, lever: PerMaterialLever) -> dict[str, float]:
    """Per-material values [-] the projection uses: baseline parameter, then lever override.

    Returns
    -------
    dict
        Material name → share [-], for every material.
    """
    base = getattr(scenario.resolved_baseline().parameters, lever)
    values = per_material(base, getattr(scenario.levers, lever))
    return {m.value: float(v) for m, v in zip(MATERIALS, values, strict=True)}


def participation_in(scenario: Scenario, year: int) -> float:
    """Participation in separate collection in ``year`` before campaigns [-]."""
    points = participation_points(scenario.resolved_baseline().parameters, scenario.levers)
    return float(fl.trajectory_values(points, [year])[0])


def generation_growth(scenario: Scenario) -> float:
    """Growth of per-capita generation [1/yr]: the lever, or the baseline's mean rate (the
    projection uses each district's own rate when there is no lever)."""
    if scenario.levers.generation_growth_per_yr is not None:
        return float(scenario.levers.generation_growth_per_yr)
    rates = [
        d.generation_growth_per_yr
        for r in scenario.resolved_baseline().regions
        for d in r.districts
    ]
    return float(np.mean(rates))


# --------------------------------------------------------------------------------------------
# Resolving a scenario
# --------------------------------------------------------------------------------------------


def facility_plans(
    scenario: Scenario, years: list[int], district_ids: list[str]
) -> tuple[list[FacilityPlan], list[FacilityPlan], list[FacilityPlan]]:
    """Sorting, composting and landfill plans (baseline and new facilities)."""
    baseline = scenario.resolved_baseline()
    levers = scenario.levers
    index = {d: i for i, d in enumerate(district_ids)}
    year_arr = np.asarray(years)

    def plan(facility: Facility, kind: str, region: str) -> FacilityPlan:
        close = close_year(facility, levers)
        start = facility.start_year
        operating = np.ones(len(years), dtype=bool)
        if start is not None:
            operating &= year_arr >= start
        if close is not None:
            operating &= year_arr < close
        idx = np.array([index[d] for d in facility.districts_served], dtype=int)
        return FacilityPlan(facility, kind, region, idx, operating)

    regions = baseline.regions
    sorting = [plan(s, "sorting", r.id) for r in regions for s in r.sorting_lines]
    sorting += [plan(s, "sorting", s.region) for s in levers.new_sorting_lines]
    composting = [plan(c, "composting", r.id) for r in regions for c in r.composting_sites]
    composting += [plan(c, "composting", c.region) for c in levers.new_composting_sites]
    # New landfills come first: they replace the old dumps they serve alongside.
    landfills = [plan(lf, "landfill", lf.region) for lf in levers.new_landfills]
    landfills += [plan(lf, "landfill", r.id) for r in regions for lf in r.landfills]
    return sorting, composting, landfills


def _participation(scenario: Scenario, years: list[int], reach: np.ndarray) -> np.ndarray:
    """Participation ``[year, district]`` [-]: the trajectory, raised by each campaign."""
    levers = scenario.levers
    points = participation_points(scenario.resolved_baseline().parameters, levers)
    base = fl.trajectory_values(points, years)
    participation = np.repeat(base[:, None], reach.shape[1], axis=1)
    for campaign, reached in zip(levers.awareness_campaigns, reach, strict=True):
        boosted = fl.campaign_participation(
            participation,
            years,
            campaign.start_year,
            campaign.duration_yr,
            campaign.participation_gain_per_yr,
            campaign.ceiling,
        )
        participation = np.where(reached[None, :], boosted, participation)
    return participation


def resolve_inputs(scenario: Scenario) -> ResolvedInputs:
    """Resolve a scenario (baseline + levers) to arrays.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    ResolvedInputs
        Arrays over years, districts and materials.
    """
    baseline: Baseline = scenario.resolved_baseline()
    levers = scenario.levers
    params = baseline.parameters
    years = scenario.years()
    base_year = baseline.base_year
    pairs = [(r, d) for r in baseline.regions for d in r.districts]
    district_ids = [d.id for _, d in pairs]

    population = np.column_stack(
        [
            fl.compound_growth(d.population, d.population_growth_per_yr, d.population_year, years)
            for _, d in pairs
        ]
    )
    growth = levers.generation_growth_per_yr
    gpc = []
    coverage = []
    for _, d in pairs:
        per_cap = generation_per_cap_t(levers, d.id, d.generation_t_per_cap_yr)
        rate = d.generation_growth_per_yr if growth is None else growth
        gpc.append(fl.compound_growth(per_cap, rate, base_year, years))
        cov = fl.continue_trajectory(
            base_year, d.collection_coverage, coverage_points(levers, d.id)
        )
        coverage.append(fl.trajectory_values(cov, years))
    composition = np.array(
        [per_material(d.composition or r.composition) for r, d in pairs], dtype=float
    )
    reach = campaign_reach(levers.awareness_campaigns, district_ids)
    sorting, composting, landfills = facility_plans(scenario, years, district_ids)
    return ResolvedInputs(
        years=years,
        region_of_district=[r.id for r, _ in pairs],
        district_ids=district_ids,
        population=population,
        generation_t_per_cap_yr=np.column_stack(gpc),
        composition=composition,
        coverage=np.column_stack(coverage),
        participation=_participation(scenario, years, reach),
        capture=per_material(params.capture, levers.capture),
        recovery_mixed=per_material(params.recovery_mixed, levers.recovery_mixed),
        recovery_separate=per_material(params.recovery_separate, levers.recovery_separate),
        composting_yield=per_material(params.composting_yield),
        banned=landfill_bans(params, years),
        sorting=sorting,
        composting=composting,
        landfills=landfills,
        campaign_reach=reach,
    )


# --------------------------------------------------------------------------------------------
# Economic parameters in effect
# --------------------------------------------------------------------------------------------


def parameters_of(scenario: Scenario) -> EconomicsParameters:
    """The baseline's economic parameters; raises ``ValueError`` when it has none."""
    params = scenario.resolved_baseline().economics
    if params is None:
        raise ValueError(
            f"scenario {scenario.id!r}: its baseline has no [economics] table; add one "
            "(see scenarios/baseline/abai_ulytau.toml) to compute costs and emissions"
        )
    return params


def effective_parameters(
    params: EconomicsParameters, *overrides: EconomicsOverrides | None
) -> EconomicsParameters:
    """Baseline economic parameters with scenario overrides applied (later ones win).

    The result is validated again (``model_copy`` would skip validation).
    """
    active = [o for o in overrides if o is not None]
    if not active:
        return params
    data = params.model_dump()

    def replace(table: str, name: str, value: float) -> None:
        # The baseline's range describes the baseline figure, not the lever's value.
        data[table][name] = value
        source = data[table].get("sources", {}).get(name)
        if source is not None:
            source["range"] = None

    for o in active:
        if o.epr_realisation is not None:
            replace("epr", "realisation", o.epr_realisation)
        if o.concessional_share is not None:
            replace("finance", "concessional_share", o.concessional_share)
        if o.discount_rate is not None:
            replace("macro", "discount_rate", o.discount_rate)
        if o.mrp_real_growth_per_yr is not None:
            replace("macro", "mrp_real_growth_per_yr", o.mrp_real_growth_per_yr)
        if o.gwp is not None:
            data["climate"]["gwp"]["use"] = o.gwp
        data["climate"]["landfill_gas"]["recovery"].update(o.methane_recovery)
        data["recyclable_prices"]["kzt_per_t"].update(o.recyclable_prices_kzt_per_t)
    return EconomicsParameters.model_validate(data)


def economics_parameters(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> EconomicsParameters:
    """The economic parameters in effect: baseline, the scenario's ``levers.economics``, then
    ``overrides`` (e.g. a slider in the app); raises ``ValueError`` without an
    ``[economics]`` table."""
    return effective_parameters(parameters_of(scenario), scenario.levers.economics, overrides)


__all__ = [
    "FacilityPlan",
    "Inputs",
    "ResolvedInputs",
    "campaign_reach",
    "close_year",
    "coverage_points",
    "district_override",
    "economics_parameters",
    "effective_parameters",
    "effective_per_material",
    "facility_plans",
    "generation_growth",
    "generation_per_cap_t",
    "landfill_bans",
    "parameters_of",
    "participation_in",
    "participation_points",
    "per_material",
    "resolve_inputs",
]
