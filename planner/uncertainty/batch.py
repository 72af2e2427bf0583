"""The projection over many draws at once: every array carries a draw axis.

:func:`batch_inputs` starts from the scenario's resolved inputs (:func:`planner.resolve.
resolve_inputs`, the deterministic run) and applies each draw of the uncertain inputs as a
change of the arrays it touches, e.g. ``population[year, draw, district]``.  :func:`run_batch`
is :func:`planner.projection.run_flows` with a draw axis: the same steps in the same order
(collection, separation, composting, sorting, landfilling in priority order, over-capacity and
unplaced waste), with the per-draw arithmetic vectorised and only the years (each depends on
the landfill capacity left by the year before) and the facilities (each takes what the one
before left) looped.  Flows are summed to regions inside the loop, so memory grows with
``years × draws × regions``, not with districts.

Array layout: ``[year, draw, ...]``; the year first, as in the projection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner import flows as fl
from planner.resolve import (
    ResolvedInputs,
    coverage_points,
    participation_points,
    resolve_inputs,
)
from planner.schema import MATERIALS, Scenario
from planner.uncertainty.inputs import UncertainInput

FloatArray = NDArray[np.float64]

REGION_FLOWS = (
    "generated",
    "collected",
    "sorted",
    "recycled",
    "composted",
    "biotreated",
    "landfilled",
)
"""Flows summed to regions ``[year, draw, region]`` [t/yr] (materials summed)."""

MATERIAL_FLOWS = ("recycled", "recycled_separate", "uncollected", "unplaced")
"""Flows kept by material ``[year, draw, region, material]`` [t/yr] for economics and climate."""


@dataclass(frozen=True)
class BatchInputs:
    """Resolved inputs with a draw axis."""

    inputs: ResolvedInputs
    """The deterministic inputs (facilities, years, bans, districts)."""
    n_draws: int
    population: FloatArray
    """Residents ``[year, draw, district]`` [persons]."""
    generation_t_per_cap_yr: FloatArray
    """``[year, draw, district]`` [t/(person·yr)]."""
    coverage: FloatArray
    """``[year, draw, district]`` [-]."""
    participation: FloatArray
    """After campaigns ``[year, draw, district]`` [-]."""
    capture: FloatArray
    """``[draw, material]`` [-]."""
    recovery_mixed: FloatArray
    """``[draw, material]`` [-]."""
    recovery_separate: FloatArray
    """``[draw, material]`` [-]."""
    composting_yield: FloatArray
    """``[draw, material]`` [-]."""
    capacity_t_per_yr: dict[str, FloatArray]
    """Effective capacity of each sorting line and composting site ``[draw]`` [t/yr]."""
    remaining_capacity_t: dict[str, FloatArray]
    """Remaining capacity of each landfill at the start ``[draw]`` [t]."""


def _tile(values: FloatArray, n: int) -> FloatArray:
    """``[year, district]`` → ``[year, draw, district]`` (a copy)."""
    return np.repeat(values[:, None, :], n, axis=1)


def _offsets(years: Sequence[int], from_year: int) -> FloatArray:
    return np.asarray(years, dtype=float) - from_year


def _district_changes(
    scenario: Scenario, b: dict, inputs: Sequence[UncertainInput], values: FloatArray
) -> None:
    """Apply district draws to ``population``, ``generation`` and ``coverage`` in ``b``."""
    baseline = scenario.resolved_baseline()
    years = b["inputs"].years
    index = {d: i for i, d in enumerate(b["inputs"].district_ids)}
    district = {d.id: d for r in baseline.regions for d in r.districts}
    for k, u in enumerate(inputs):
        if u.kind not in (
            "population",
            "population_growth_per_yr",
            "generation_t_per_cap_yr",
            "generation_growth_per_yr",
            "collection_coverage",
        ):
            continue
        d, j, v = district[u.target], index[u.target], values[:, k]
        if u.kind == "population":
            b["population"][:, :, j] *= (v / u.default)[None, :]
        elif u.kind == "population_growth_per_yr":
            ratio = (1.0 + v) / (1.0 + u.default)
            b["population"][:, :, j] *= (
                ratio[None, :] ** _offsets(years, d.population_year)[:, None]
            )
        elif u.kind == "generation_t_per_cap_yr":
            b["generation"][:, :, j] *= (v / u.default)[None, :]
        elif u.kind == "generation_growth_per_yr":
            ratio = (1.0 + v) / (1.0 + u.default)
            b["generation"][:, :, j] *= (
                ratio[None, :] ** _offsets(years, baseline.base_year)[:, None]
            )
        else:
            points = coverage_points(scenario.levers, d.id)
            weight = fl.trajectory_values(
                fl.continue_trajectory(baseline.base_year, 1.0, {y: 0.0 for y in points}), years
            )
            b["coverage"][:, :, j] += weight[:, None] * (v - u.default)[None, :]


def _participation(
    scenario: Scenario, inputs: ResolvedInputs, factor: FloatArray, gain: FloatArray | None
) -> FloatArray:
    """Participation ``[year, draw, district]``: the baseline points of the trajectory times
    ``factor`` ``[draw]``, then the campaigns (their gain per draw when ``gain`` is given)."""
    params, levers = scenario.resolved_baseline().parameters, scenario.levers
    points = participation_points(params, levers)
    lever_years = set(levers.participation or {})
    baseline_only = {y: (v if y not in lever_years else 0.0) for y, v in points.items()}
    base = fl.trajectory_values(points, inputs.years)
    from_baseline = fl.trajectory_values(baseline_only, inputs.years)
    before = base[:, None] + from_baseline[:, None] * (factor - 1.0)[None, :]
    n_d = len(inputs.district_ids)
    participation = np.repeat(before[:, :, None], n_d, axis=2)
    for campaign, reached in zip(levers.awareness_campaigns, inputs.campaign_reach, strict=True):
        boosted = fl.campaign_participation(
            participation,
            inputs.years,
            campaign.start_year,
            campaign.duration_yr,
            campaign.participation_gain_per_yr if gain is None else gain,
            campaign.ceiling,
        )
        participation = np.where(reached[None, None, :], boosted, participation)
    return participation


def _per_material(
    scenario: Scenario, name: str, det: FloatArray, base_f: FloatArray, lever_f: FloatArray
) -> FloatArray:
    """``[draw, material]``: the baseline's materials times ``base_f``, the lever's times
    ``lever_f`` (both ``[draw]``)."""
    lever = getattr(scenario.levers, name, None) or {}
    in_lever = np.array([m in lever for m in MATERIALS])
    factor = np.where(in_lever[None, :], lever_f[:, None], base_f[:, None])
    return det[None, :] * factor


def _factor(inputs: Sequence[UncertainInput], values: FloatArray, kind: str) -> FloatArray:
    """The draws ``[draw]`` of the one input of ``kind`` (ones when there is none)."""
    for k, u in enumerate(inputs):
        if u.kind == kind:
            return values[:, k].copy()
    return np.ones(values.shape[0])


def _facility_changes(
    inputs: ResolvedInputs, uncertain: Sequence[UncertainInput], values: FloatArray
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """Effective capacities and remaining landfill capacities per draw."""
    n = values.shape[0]
    draws: dict[tuple[str, str], FloatArray] = {
        (u.target, u.kind): values[:, k] for k, u in enumerate(uncertain) if u.target
    }
    capacity = {}
    for p in inputs.sorting + inputs.composting:
        f = p.facility
        cap = np.full(n, float(f.capacity_t_per_yr))
        cap = draws.get((f.id, "capacity_t_per_yr"), cap)
        if p.kind == "sorting":
            use = draws.get((f.id, "utilisation"), np.full(n, float(f.utilisation)))
            cap = fl.effective_capacity_t_per_yr(cap, use)
        capacity[f.id] = np.asarray(cap, dtype=float)
    remaining = {
        p.facility.id: np.asarray(
            draws.get(
                (p.facility.id, "remaining_capacity_t"),
                np.full(n, float(p.landfill.remaining_capacity_t)),
            ),
            dtype=float,
        )
        for p in inputs.landfills
    }
    return capacity, remaining


def batch_inputs(
    scenario: Scenario, uncertain: Sequence[UncertainInput], values: FloatArray
) -> BatchInputs:
    """The scenario's resolved inputs with one index of the draw axis per row of ``values``.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario with its baseline resolved.
    uncertain : sequence of UncertainInput
        The inputs (:func:`planner.uncertainty.inputs.uncertain_inputs`).
    values : numpy.ndarray
        Draws ``[draw, input]`` [each input's unit].
    """
    inputs = resolve_inputs(scenario)
    n = values.shape[0]
    b = {
        "inputs": inputs,
        "population": _tile(inputs.population, n),
        "generation": _tile(inputs.generation_t_per_cap_yr, n),
        "coverage": _tile(inputs.coverage, n),
    }
    _district_changes(scenario, b, uncertain, values)
    has_gain = any(u.kind == "lever.campaign_gain" for u in uncertain)
    gain = _factor(uncertain, values, "lever.campaign_gain") if has_gain else None
    capacity, remaining = _facility_changes(inputs, uncertain, values)
    ones = np.ones(n)
    return BatchInputs(
        inputs=inputs,
        n_draws=n,
        population=b["population"],
        generation_t_per_cap_yr=b["generation"],
        coverage=np.clip(b["coverage"], 0.0, 1.0),
        participation=_participation(
            scenario, inputs, _factor(uncertain, values, "participation"), gain
        ),
        capture=np.clip(
            _per_material(
                scenario,
                "capture",
                inputs.capture,
                _factor(uncertain, values, "capture"),
                _factor(uncertain, values, "lever.capture"),
            ),
            0.0,
            1.0,
        ),
        recovery_mixed=_per_material(
            scenario,
            "recovery_mixed",
            inputs.recovery_mixed,
            _factor(uncertain, values, "recovery_mixed"),
            ones,
        ),
        recovery_separate=_per_material(
            scenario,
            "recovery_separate",
            inputs.recovery_separate,
            _factor(uncertain, values, "recovery_separate"),
            ones,
        ),
        composting_yield=inputs.composting_yield[None, :]
        * _factor(uncertain, values, "composting_yield")[:, None],
        capacity_t_per_yr=capacity,
        remaining_capacity_t=remaining,
    )


# --------------------------------------------------------------------------------------------
# The year loop with a draw axis
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFlows:
    """What :func:`run_batch` returns: flows by region and draw, facility inputs by draw."""

    years: list[int]
    regions: list[str]
    """Region ids in the baseline's order (axis ``region``)."""
    to_region: FloatArray
    """0/1 ``[district, region]``."""
    by_region: dict[str, FloatArray]
    """:data:`REGION_FLOWS` ``[year, draw, region]`` [t/yr]."""
    by_material: dict[str, FloatArray]
    """:data:`MATERIAL_FLOWS` ``[year, draw, region, material]`` [t/yr]."""
    fac_input: dict[str, FloatArray]
    """Input of each facility ``[year, draw, material]`` [t/yr]; landfills: deposited."""
    remaining_t: dict[str, FloatArray]
    """Remaining capacity of each landfill at year end ``[year, draw]`` [t]."""
    population: FloatArray
    """Residents ``[year, draw, region]`` [persons]."""


def _serve(offered: FloatArray, idx: FloatArray, capacity_t: FloatArray) -> FloatArray:
    """What a facility takes from its districts' offer ``[served, material, draw]``,
    proportionally, up to its capacity ``[draw]`` (:func:`planner.flows.capacity_shares`)."""
    offer = offered[idx]
    return offer * fl.capacity_shares(offer.sum(axis=(0, 1)), capacity_t)


def _place(
    landfilled: FloatArray, b: BatchInputs, t: int, remaining: dict, fac_input: dict
) -> FloatArray:
    """Deposit one year's landfilled tonnes ``[district, material, draw]`` in priority order;
    over-capacity waste goes to the district's first operating landfill; returns the unplaced
    tonnes (no operating landfill)."""
    to_place = landfilled.copy()
    plans = [p for p in b.inputs.landfills if p.operating[t]]
    for p in plans:
        lid = p.facility.id
        taken = _serve(to_place, p.district_index, np.maximum(remaining[lid], 0.0))
        to_place[p.district_index] -= taken
        remaining[lid] = remaining[lid] - taken.sum(axis=(0, 1))
        fac_input[lid][t] += taken.sum(axis=0)
    leftover = to_place.sum(axis=1) > 0  # [district, draw]
    for p in plans:
        rows = leftover[p.district_index]  # [served, draw]
        if not rows.any():
            continue
        extra = to_place[p.district_index] * rows[:, None, :]
        fac_input[p.facility.id][t] += extra.sum(axis=0)
        to_place[p.district_index] -= extra
        leftover[p.district_index] &= ~rows
    return to_place


def _regions(inputs: ResolvedInputs) -> tuple[list[str], FloatArray]:
    regions = list(dict.fromkeys(inputs.region_of_district))
    to_region = (np.asarray(inputs.region_of_district)[:, None] == np.asarray(regions)) * 1.0
    return regions, to_region


def _served(plans) -> np.ndarray:
    """Indices of the districts some of ``plans`` serve [int], sorted."""
    served = [p.district_index for p in plans]
    return np.unique(np.concatenate(served)) if served else np.zeros(0, dtype=int)


def _treat(b: BatchInputs, t: int, collected: FloatArray, fac_input: dict) -> dict:
    """Separation, composting and sorting of one year ``[district, material, draw]``."""
    inputs = b.inputs
    # fl.source_separated_t, draws last: collected × participation × capture
    separated = collected * b.participation[t].T[:, None, :] * b.capture.T[None, :, :]
    mixed = collected - separated
    bio = separated * (inputs.composting_yield > 0)[:, None]
    dry = separated - bio
    bio_in = np.zeros(collected.shape)
    for p in inputs.composting:
        if p.operating[t]:
            taken = _serve(bio, p.district_index, b.capacity_t_per_yr[p.facility.id])
            bio[p.district_index] -= taken
            bio_in[p.district_index] += taken
            fac_input[p.facility.id][t] = taken.sum(axis=0)
    sorted_sep, sorted_mix = np.zeros(collected.shape), np.zeros(collected.shape)
    for p in inputs.sorting:
        if p.operating[t]:
            cap = b.capacity_t_per_yr[p.facility.id]
            take_sep = _serve(dry, p.district_index, cap)
            take_mix = _serve(mixed, p.district_index, cap - take_sep.sum(axis=(0, 1)))
            dry[p.district_index] -= take_sep
            mixed[p.district_index] -= take_mix
            sorted_sep[p.district_index] += take_sep
            sorted_mix[p.district_index] += take_mix
            fac_input[p.facility.id][t] = (take_sep + take_mix).sum(axis=0)
    # only the districts a sorting line or composting site serves recover anything
    rows = _served(inputs.sorting)
    recycled_separate, recycled = np.zeros(collected.shape), np.zeros(collected.shape)
    recycled_separate[rows] = fl.recovered_t(sorted_sep[rows], b.recovery_separate.T)
    recycled[rows] = recycled_separate[rows] + fl.recovered_t(sorted_mix[rows], b.recovery_mixed.T)
    rows = _served(inputs.composting)
    composted = np.zeros(collected.shape)
    composted[rows] = fl.recovered_t(bio_in[rows], b.composting_yield.T)
    sorted_t = sorted_sep + sorted_mix
    return {
        "sorted": sorted_t,
        "recycled": recycled,
        "recycled_separate": recycled_separate,
        "biotreated": bio_in,
        "composted": composted,
        "landfilled": mixed + dry + bio + (sorted_t - recycled) + (bio_in - composted),
    }


def run_batch(b: BatchInputs) -> BatchFlows:
    """Run the year loop for every draw at once (see the module docstring).

    Returns
    -------
    BatchFlows
        Flows by region and draw, facility inputs and landfill capacity by draw.
    """
    inputs, n = b.inputs, b.n_draws
    n_y, n_m = len(inputs.years), len(MATERIALS)
    regions, to_region = _regions(inputs)
    n_r = len(regions)
    by_region = {f: np.zeros((n_y, n_r, n)) for f in REGION_FLOWS}
    by_material = {f: np.zeros((n_y, n_r, n_m, n)) for f in MATERIAL_FLOWS}
    plans = inputs.sorting + inputs.composting + inputs.landfills
    fac_input = {p.facility.id: np.zeros((n_y, n_m, n)) for p in plans}
    remaining = {k: v.copy() for k, v in b.remaining_capacity_t.items()}
    remaining_t = {p.facility.id: np.zeros((n_y, n)) for p in inputs.landfills}
    for t in range(n_y):
        # fl.generation_t_per_yr, draws last: population × per-capita generation × composition
        per_district = (b.population[t] * b.generation_t_per_cap_yr[t]).T
        generated = per_district[:, None, :] * inputs.composition[:, :, None]
        collected = generated * b.coverage[t].T[:, None, :]
        year = _treat(b, t, collected, fac_input)
        year["generated"], year["collected"] = generated, collected
        year["uncollected"] = generated - collected
        year["unplaced"] = _place(year["landfilled"], b, t, remaining, fac_input)
        for f in MATERIAL_FLOWS:
            by_material[f][t] = np.tensordot(to_region, year[f], axes=(0, 0))  # [r, m, n]
        for f in REGION_FLOWS:
            if f in MATERIAL_FLOWS:
                by_region[f][t] = by_material[f][t].sum(axis=1)
            else:
                by_region[f][t] = to_region.T @ year[f].sum(axis=1)
        for lid, left in remaining.items():
            remaining_t[lid][t] = np.maximum(left, 0.0)
    return BatchFlows(
        inputs.years,
        regions,
        to_region,
        {f: np.ascontiguousarray(v.transpose(0, 2, 1)) for f, v in by_region.items()},
        {f: np.ascontiguousarray(v.transpose(0, 3, 1, 2)) for f, v in by_material.items()},
        {k: np.ascontiguousarray(v.transpose(0, 2, 1)) for k, v in fac_input.items()},
        remaining_t,
        b.population @ to_region,
    )
