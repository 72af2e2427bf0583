"""The uncertain inputs of a scenario: every range its files state, where it applies.

A range lives in the ``sources`` entry of the figure it describes
(:class:`planner.schema.Range`).  :func:`uncertain_inputs` walks a validated scenario and lists
each one as an :class:`UncertainInput`: what it changes (``kind``), on which district, facility
or history (``target``), its default and bounds.  A range whose figure the scenario's levers
replace is left out (the lever is the user's choice, not an uncertain figure), which is why the
economic ranges are read from the parameters *in effect* (:func:`planner.resolve.
economics_parameters` drops the range of an overridden figure).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from planner.resolve import economics_parameters, participation_points
from planner.schema import Range, Scenario
from planner.schema.types import range_default

DISTRICT_KINDS = (
    "population",
    "population_growth_per_yr",
    "generation_t_per_cap_yr",
    "generation_growth_per_yr",
    "collection_coverage",
)
"""District figures the batched projection varies (:mod:`planner.uncertainty.batch`)."""

FACILITY_KINDS = ("remaining_capacity_t", "capacity_t_per_yr", "utilisation", "capex_kzt")
"""Facility figures the batched projection and economics vary."""

PARAMETER_KINDS = (
    "recovery_mixed",
    "recovery_separate",
    "composting_yield",
    "participation",
    "capture",
)
"""Baseline parameters (tables, varied by a factor) the batched projection varies."""

ECONOMIC_KINDS = (
    "costs.collection_kzt_per_t",
    "costs.sorting_kzt_per_t",
    "costs.composting_kzt_per_t",
    "costs.landfill_kzt_per_t",
    "costs.environmental_payment_mrp_per_t",
    "costs.fixed_opex_share_of_capex_per_yr",
    "recyclable_prices.kzt_per_t",
    "recyclable_prices.mixed_price_factor",
    "macro.discount_rate",
    "macro.mrp_real_growth_per_yr",
    "climate.landfill_gas.uncollected_dumped_share",
    "climate.open_burning.burned_share",
    "legacy.t_per_yr",
)
"""Economic and climate figures the batched economics and climate vary."""

NO_EFFECT_KINDS = {
    "epr.realisation": "moves who pays (EPR operator or investors), not the total cost",
    "epr.packaging_share": "changes the EPR incentives only, which move money between payers",
    "finance.concessional_share": "changes loan payments, which are memo lines outside the total",
    "finance.commercial_rate": "changes loan payments, which are memo lines outside the total",
    "climate.open_burning.black_carbon_t_per_t": "black carbon is outside every CO2e total",
}
"""Ranges that none of the KPIs of :mod:`planner.uncertainty` depends on, and why: they are
sampled (so the draws stay the same when a KPI is added) but change no reported figure."""

LEVER_KINDS = {
    "capture": "lever.capture",
    "awareness_campaigns.participation_gain_per_yr": "lever.campaign_gain",
    "economics.epr_realisation": "epr.realisation",
    "economics.concessional_share": "finance.concessional_share",
}
"""Lever paths of a scenario's ``sources`` that may carry a range, and the kind they are."""


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain figure of a scenario."""

    key: str
    """Unique path of the figure, e.g. ``districts.semey.generation_t_per_cap_yr``."""
    kind: str
    """What it changes (a name of :data:`DISTRICT_KINDS` … :data:`LEVER_KINDS`)."""
    target: str
    """District, facility or history id it applies to; ``""`` for a shared figure."""
    default: float
    """The figure in the scenario [its unit]; 1 for a table (the range is a factor)."""
    low: float
    """Lowest value [its unit, or a factor for a table]."""
    high: float
    """Highest value [its unit, or a factor for a table]."""
    distribution: str
    """``triangular``, ``uniform`` or ``pert``."""
    reasoning: str
    """Why these bounds."""

    @property
    def is_factor(self) -> bool:
        """Whether low and high are factors on a table of values (default 1)."""
        return self.kind in PARAMETER_KINDS or self.kind in _FACTOR_KINDS


_FACTOR_KINDS = {
    "costs.landfill_kzt_per_t",
    "recyclable_prices.kzt_per_t",
    "recyclable_prices.mixed_price_factor",
    "epr.packaging_share",
    "lever.capture",
}


def _ranged(model: BaseModel) -> Iterator[tuple[str, object, Range]]:
    """``(field, value, range)`` of every ranged source of a model."""
    for name, source in getattr(model, "sources", {}).items():
        if source.range is not None:
            yield name, getattr(model, name), source.range


def _make(key: str, kind: str, target: str, value: object, rng: Range) -> UncertainInput:
    default = range_default(value)
    if default is None:  # validation refuses this (range_field); kept as a guard
        raise ValueError(f"{key}: a range needs a number or a table of numbers")
    return UncertainInput(
        key, kind, target, default, rng.low, rng.high, rng.distribution, rng.reasoning
    )


def _district_inputs(scenario: Scenario) -> Iterator[UncertainInput]:
    levers = scenario.levers
    for region in scenario.resolved_baseline().regions:
        for d in region.districts:
            for name, value, rng in _ranged(d):
                if name not in DISTRICT_KINDS:
                    continue
                overridden = (
                    name == "generation_t_per_cap_yr"
                    and (
                        d.id in levers.generation_t_per_cap_yr
                        or "*" in levers.generation_t_per_cap_yr
                    )
                ) or (
                    name == "generation_growth_per_yr"
                    and levers.generation_growth_per_yr is not None
                )
                if not overridden:
                    yield _make(f"districts.{d.id}.{name}", name, d.id, value, rng)


def _facility_inputs(scenario: Scenario) -> Iterator[UncertainInput]:
    baseline, levers = scenario.resolved_baseline(), scenario.levers
    facilities = [
        f for r in baseline.regions for f in (*r.landfills, *r.sorting_lines, *r.composting_sites)
    ]
    facilities += [*levers.new_landfills, *levers.new_sorting_lines, *levers.new_composting_sites]
    for f in facilities:
        for name, value, rng in _ranged(f):
            if name in FACILITY_KINDS:
                yield _make(f"facilities.{f.id}.{name}", name, f.id, value, rng)


def _parameter_inputs(scenario: Scenario) -> Iterator[UncertainInput]:
    params, levers = scenario.resolved_baseline().parameters, scenario.levers
    for name, value, rng in _ranged(params):
        if name not in PARAMETER_KINDS:
            continue
        if name == "participation" and set(participation_points(params, levers)).isdisjoint(
            params.participation
        ):
            continue  # the lever replaced every baseline point
        yield _make(f"parameters.{name}", name, "", value, rng)


def _economic_inputs(scenario: Scenario) -> Iterator[UncertainInput]:
    if scenario.resolved_baseline().economics is None:
        return
    p = economics_parameters(scenario)
    groups: list[tuple[str, BaseModel | None]] = [
        ("costs", p.costs),
        ("recyclable_prices", p.recyclable_prices),
        ("macro", p.macro),
        ("epr", p.epr),
        ("finance", p.finance),
        ("climate.landfill_gas", p.climate.landfill_gas),
        ("climate.open_burning", p.climate.open_burning),
    ]
    for prefix, model in groups:
        if model is None:
            continue
        for name, value, rng in _ranged(model):
            kind = f"{prefix}.{name}"
            yield _make(f"economics.{kind}", kind, "", value, rng)
    for site, history in p.climate.legacy.items():
        for name, value, rng in _ranged(history):
            if name == "t_per_yr":
                yield _make(f"legacy.{site}.t_per_yr", "legacy.t_per_yr", site, value, rng)


def _lever_inputs(scenario: Scenario) -> Iterator[UncertainInput]:
    from planner.schema.scenario import lever_fields

    for path, source in scenario.sources.items():
        if source.range is None:
            continue
        if path not in LEVER_KINDS:
            raise ValueError(f"sources.{path}: a range on this lever is not modelled")
        value = lever_fields(scenario.levers, path)[0][0]
        yield _make(f"levers.{path}", LEVER_KINDS[path], "", value, source.range)


def uncertain_inputs(scenario: Scenario) -> list[UncertainInput]:
    """Every range of a scenario that applies to it, in a stable order (file order).

    Parameters
    ----------
    scenario : Scenario
        A validated scenario with its baseline resolved.

    Returns
    -------
    list of UncertainInput
        Districts, facilities, parameters, economics, levers.

    Raises
    ------
    ValueError
        For a range of a kind this package does not model (a guard: a new range must be
        propagated, or named in :data:`NO_EFFECT_KINDS` with the reason).
    """
    found = [
        *_district_inputs(scenario),
        *_facility_inputs(scenario),
        *_parameter_inputs(scenario),
        *_economic_inputs(scenario),
        *_lever_inputs(scenario),
    ]
    known = {*DISTRICT_KINDS, *FACILITY_KINDS, *PARAMETER_KINDS, *ECONOMIC_KINDS}
    known |= set(NO_EFFECT_KINDS) | {"lever.capture", "lever.campaign_gain"}
    unknown = sorted({u.key for u in found if u.kind not in known})
    if unknown:
        raise ValueError(f"ranges of kinds that are not modelled: {', '.join(unknown)}")
    return found


def collapsed(inputs: list[UncertainInput]) -> list[UncertainInput]:
    """The same inputs with every range collapsed to its default (a test and a check)."""
    return [
        UncertainInput(
            u.key, u.kind, u.target, u.default, u.default, u.default, u.distribution, u.reasoning
        )
        for u in inputs
    ]
