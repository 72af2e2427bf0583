"""Costs and emissions over all draws at once, ``[year, draw, region]``.

**Costs.**  The total cost of :func:`planner.economics.evaluate` is a sum of ledger lines.  The
lines that depend on an uncertain figure — collection, sorting and composting opex, gate fees,
the environmental payment, recyclables revenue, and the capex and fixed opex of every facility —
are recomputed here for every draw with the formulas of :mod:`planner.economics.costs` and
:mod:`planner.economics.finance`; the other lines (campaigns, landfill gas, EPR incentives,
which move money between payers and cancel in the total) are taken from the deterministic run.
The split of campaign costs between regions follows the deterministic population (a campaign
reaching both regions is split as in the default run).

**Emissions.**  First-order decay is linear in the deposits, so the methane of every site is
the methane of its projected deposits (:func:`planner.climate.fod_methane_t` run on all draws at
once: its year loop vectorises every other axis) plus the methane of its stated history, which
is computed once by :func:`planner.climate.methane_of_all_sites` and scaled by the drawn
history tonnage.  Open burning (:func:`planner.open_burning.open_burning`), composting and the
recycling credits are per-tonne factors and broadcast over draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner import climate as cl
from planner import landfill_gas as lg
from planner.economics.costs import (
    environmental_payment_kzt,
    fixed_opex_kzt,
    mrp_kzt_by_year,
    per_tonne_cost_kzt,
    recyclable_revenue_kzt,
)
from planner.economics.finance import capex_schedule_kzt, discount_factors
from planner.economics.result import EconomicsResult
from planner.open_burning import open_burning
from planner.resolve import economics_parameters, per_material
from planner.schema import MATERIALS, EconomicsParameters, Scenario
from planner.uncertainty.batch import BatchFlows, BatchInputs
from planner.uncertainty.inputs import UncertainInput

FloatArray = NDArray[np.float64]

RECOMPUTED_ITEMS = (
    "collection",
    "sorting_opex",
    "composting_opex",
    "landfill_gate_fee",
    "environmental_payment",
    "recyclable_revenue",
    *(
        f"{what}_{kind}"
        for what in ("capex", "fixed_opex")
        for kind in ("sorting", "composting", "landfill")
    ),
)
"""Ledger items recomputed per draw; every other item is the deterministic run's."""


@dataclass(frozen=True)
class Draws:
    """The draws of each input by kind and target: ``get(kind, target, default)`` → ``[draw]``."""

    values: dict[tuple[str, str], FloatArray]
    n: int

    def get(self, kind: str, default: float, target: str = "") -> FloatArray:
        """The draws of an input, or its default in every draw when it has no range."""
        found = self.values.get((kind, target))
        return np.full(self.n, float(default)) if found is None else found


def draws_by_kind(uncertain: Sequence[UncertainInput], values: FloatArray) -> Draws:
    """Index the draws ``[draw, input]`` by ``(kind, target)``."""
    return Draws(
        {(u.kind, u.target): values[:, k] for k, u in enumerate(uncertain)}, values.shape[0]
    )


def _defaults(uncertain: Sequence[UncertainInput]) -> dict[tuple[str, str], float]:
    return {(u.kind, u.target): u.default for u in uncertain}


def _factor(d: Draws, defaults: dict, kind: str, target: str = "") -> FloatArray:
    """Draw ÷ default of an input ``[draw]`` (ones without a range)."""
    base = defaults.get((kind, target))
    return np.ones(d.n) if base is None or base == 0 else d.get(kind, base, target) / base


def _scaled(d: Draws, defaults: dict, kind: str, value: float, target: str = "") -> FloatArray:
    """A figure of the parameters in effect, per draw ``[draw]``."""
    return d.get(kind, value, target) if (kind, target) in defaults else np.full(d.n, value)


def mrp_by_draw(p: EconomicsParameters, growth: FloatArray, years: list[int]) -> FloatArray:
    """MRP of each year and draw ``[year, draw]`` [KZT]: :func:`mrp_kzt_by_year` at the
    parameters' growth, regrown after the last known year at each draw's growth."""
    g0 = p.macro.mrp_real_growth_per_yr
    base = mrp_kzt_by_year(p.macro.mrp_kzt, g0, years)
    after = np.maximum(np.asarray(years, dtype=float) - max(p.macro.mrp_kzt), 0.0)
    return base[:, None] * ((1.0 + growth) / (1.0 + g0))[None, :] ** after[:, None]


def _column(flows: BatchFlows, region: str) -> FloatArray:
    col = np.zeros(len(flows.regions))
    col[flows.regions.index(region)] = 1.0
    return col


def _landfill_costs(b: BatchInputs, flows: BatchFlows, p, d: Draws, defaults: dict) -> FloatArray:
    """Gate fees and the environmental payment ``[year, draw, region]`` [KZT/yr]."""
    fee_f = _factor(d, defaults, "costs.landfill_kzt_per_t")
    env = _scaled(
        d,
        defaults,
        "costs.environmental_payment_mrp_per_t",
        p.costs.environmental_payment_mrp_per_t,
    )
    mrp = mrp_by_draw(
        p,
        _scaled(d, defaults, "macro.mrp_real_growth_per_yr", p.macro.mrp_real_growth_per_yr),
        flows.years,
    )
    mrp_base = mrp_kzt_by_year(p.macro.mrp_kzt, p.macro.mrp_real_growth_per_yr, flows.years)
    rate = env[None, :] * mrp / mrp_base[:, None]  # [y, n]: the rate, regrown per draw
    out = np.zeros_like(flows.by_region["collected"])
    for plan in b.inputs.landfills:
        fac = plan.landfill
        deposited = flows.fac_input[fac.id].sum(axis=2)  # [y, n]
        cost = per_tonne_cost_kzt(deposited, p.costs.landfill_kzt_per_t[fac.type] * fee_f)
        if fac.type in p.costs.environmental_payment_types:
            cost = cost + environmental_payment_kzt(deposited * rate, 1.0, mrp_base)
        out += cost[:, :, None] * _column(flows, plan.region)
    return out


def _capital_costs(b: BatchInputs, flows: BatchFlows, p, d: Draws, defaults: dict) -> FloatArray:
    """Capex and fixed opex of every facility ``[year, draw, region]`` [KZT/yr]."""
    share = _scaled(
        d,
        defaults,
        "costs.fixed_opex_share_of_capex_per_yr",
        p.costs.fixed_opex_share_of_capex_per_yr,
    )
    out = np.zeros_like(flows.by_region["collected"])
    for plan in b.inputs.sorting + b.inputs.composting + b.inputs.landfills:
        fac = plan.facility
        factor = _factor(d, defaults, "capex_kzt", fac.id)
        capex = capex_schedule_kzt(fac.capex_kzt, fac.start_year, flows.years)
        fixed = fixed_opex_kzt(fac.capex_kzt, 1.0, plan.operating)
        yearly = capex[:, None] * factor[None, :] + fixed[:, None] * (factor * share)[None, :]
        out += yearly[:, :, None] * _column(flows, plan.region)
    return out


def _revenue(flows: BatchFlows, p, d: Draws, defaults: dict) -> FloatArray:
    """Recyclables revenue ``[year, draw, region]`` [KZT/yr] (each stream at its price)."""
    prices = (
        per_material(p.recyclable_prices.kzt_per_t)[None, :]
        * _factor(d, defaults, "recyclable_prices.kzt_per_t")[:, None]
    )
    listed = np.array([m in p.recyclable_prices.mixed_price_factor for m in MATERIALS])
    mixed_f = per_material({m: 1.0 for m in MATERIALS}, p.recyclable_prices.mixed_price_factor)[
        None, :
    ] * np.where(
        listed[None, :], _factor(d, defaults, "recyclable_prices.mixed_price_factor")[:, None], 1.0
    )
    separate = flows.by_material["recycled_separate"]
    mixed = flows.by_material["recycled"] - separate
    return recyclable_revenue_kzt(separate, prices[None, :, None, :]) + recyclable_revenue_kzt(
        mixed, (prices * mixed_f)[None, :, None, :]
    )


def total_cost_kzt(
    scenario: Scenario,
    det: EconomicsResult,
    b: BatchInputs,
    flows: BatchFlows,
    uncertain: Sequence[UncertainInput],
    values: FloatArray,
) -> FloatArray:
    """Total cost ``[year, draw, region]`` [KZT/yr] (see the module docstring).

    Parameters
    ----------
    scenario : Scenario
        The scenario.
    det : EconomicsResult
        ``planner.economics.evaluate`` of the scenario at its defaults.
    b, flows : BatchInputs, BatchFlows
        The batched inputs and flows.
    uncertain, values : sequence of UncertainInput, numpy.ndarray
        The inputs and their draws ``[draw, input]``.
    """
    p = economics_parameters(scenario)
    d, defaults = draws_by_kind(uncertain, values), _defaults(uncertain)
    kept = sum(
        (v for (item, _), v in det.items.items() if item not in RECOMPUTED_ITEMS),
        np.zeros((len(flows.years), len(flows.regions))),
    )
    reg = flows.by_region

    def per_t(name: str, kind: str, value: float) -> FloatArray:
        return per_tonne_cost_kzt(reg[name], _scaled(d, defaults, kind, value)[None, :, None])

    return (
        kept[:, None, :]
        + per_t("collected", "costs.collection_kzt_per_t", p.costs.collection_kzt_per_t)
        + per_t("sorted", "costs.sorting_kzt_per_t", p.costs.sorting_kzt_per_t)
        + per_t("biotreated", "costs.composting_kzt_per_t", p.costs.composting_kzt_per_t)
        + _landfill_costs(b, flows, p, d, defaults)
        + _capital_costs(b, flows, p, d, defaults)
        - _revenue(flows, p, d, defaults)
    )


def discount_by_draw(scenario: Scenario, uncertain, values, years: list[int]) -> FloatArray:
    """Discount factors ``[year, draw]`` [-] at each draw's discount rate."""
    p = economics_parameters(scenario)
    d, defaults = draws_by_kind(uncertain, values), _defaults(uncertain)
    rate = _scaled(d, defaults, "macro.discount_rate", p.macro.discount_rate)
    return discount_factors(np.asarray(years)[:, None], rate[None, :], years[0])


# --------------------------------------------------------------------------------------------
# Emissions
# --------------------------------------------------------------------------------------------


def _sites(b: BatchInputs, flows: BatchFlows, dumped: FloatArray, decays: FloatArray):
    """Sites (landfills, uncollected dumps, unplanned dumps) with their ids, regions, types
    and projected deposits ``[year, draw, material]`` [t/yr] of the materials that decay."""
    sites = []
    for plan in b.inputs.landfills:
        deposits = flows.fac_input[plan.facility.id][:, :, decays]
        sites.append((plan.facility.id, plan.region, plan.landfill.type, deposits))
    for k, region in enumerate(flows.regions):
        uncollected = flows.by_material["uncollected"][:, :, k, decays] * dumped[None, :, None]
        sites.append(
            (f"{cl.UNCOLLECTED_DUMPS_PREFIX}{region}", region, "uncontrolled", uncollected)
        )
        sites.append(
            (
                f"{cl.UNPLANNED_DUMP_PREFIX}{region}",
                region,
                "uncontrolled",
                flows.by_material["unplaced"][:, :, k, decays],
            )
        )
    return sites


def _grouped(sites, recovery: FloatArray) -> tuple[list, FloatArray]:
    """Sites with the same region, type and CH4 recovery in every year, their deposits summed
    ``[year, draw, group, material]``: first-order decay is linear, so the methane of a sum is
    the sum of the methanes."""
    groups: dict[tuple, list[int]] = {}
    for j, (_, region, kind, _) in enumerate(sites):
        groups.setdefault((region, kind, recovery[:, j].tobytes()), []).append(j)
    keys = list(groups)
    deposits = np.stack([sum(sites[j][3] for j in groups[key]) for key in keys], axis=2)
    first = [groups[key][0] for key in keys]
    return [(sites[j][1], sites[j][2], recovery[:, j]) for j in first], deposits


def _legacy_ch4(scenario: Scenario, b: BatchInputs, p, years: list[int], ids) -> FloatArray:
    """CH4 emitted from each site's stated history alone ``[year, site]`` [t CH4/yr]."""
    inputs = b.inputs
    n_y, n_m = len(years), len(MATERIALS)
    zeros = {plan.facility.id: np.zeros((n_y, n_m)) for plan in inputs.landfills}
    composition = {
        r.id: cl.per_material({m: float(v) for m, v in r.composition.items()})
        for r in scenario.resolved_baseline().regions
    }
    methane = cl.methane_of_all_sites(
        inputs.landfills,
        zeros,
        np.zeros((n_y, len(inputs.district_ids), n_m)),
        inputs.region_of_district,
        composition,
        years,
        p.climate,
        None,
        lg.capture_by_landfill(scenario),
    )
    out = np.zeros((n_y, len(ids)))
    for j, lid in enumerate(methane.landfill_ids):
        if lid in ids:
            out[:, ids.index(lid)] = methane.emitted[:, j]
    return out


def net_emissions_tco2e(
    scenario: Scenario,
    b: BatchInputs,
    flows: BatchFlows,
    uncertain: Sequence[UncertainInput],
    values: FloatArray,
) -> FloatArray:
    """Net emissions ``[year, draw, region]`` [t CO2e/yr]: landfill and dump methane, open
    burning and composting, less the recycling credits (as :func:`planner.climate.emissions`)."""
    p = economics_parameters(scenario)
    climate, gas = p.climate, p.climate.landfill_gas
    d, defaults = draws_by_kind(uncertain, values), _defaults(uncertain)
    dumped = _scaled(
        d, defaults, "climate.landfill_gas.uncollected_dumped_share", gas.uncollected_dumped_share
    )
    decays = per_material(gas.doc) > 0  # materials without DOC make no methane
    sites = _sites(b, flows, dumped, decays)
    ids, types = [x[0] for x in sites], [x[2] for x in sites]
    recovery = cl.recovery_by_year(
        types,
        ids,
        dict(gas.recovery),
        lg.capture_by_landfill(scenario),
        flows.years[0],
        len(flows.years),
    )
    groups, deposits = _grouped(sites, recovery)
    methane = cl.fod_methane_t(
        deposits,
        per_material(gas.doc)[decays],
        gas.docf,
        np.array([gas.mcf[kind] for _, kind, _ in groups])[:, None],
        gas.f,
        per_material(gas.k_per_yr)[decays],
        ox=np.array([gas.ox[kind] for _, kind, _ in groups])[:, None],
        recovery=np.stack([rec for _, _, rec in groups], axis=1)[:, None, :, None],
    )
    group_regions = [region for region, _, _ in groups]
    legacy = _legacy_ch4(scenario, b, p, flows.years, ids)
    legacy_f = np.stack([_factor(d, defaults, "legacy.t_per_yr", i) for i in ids], axis=1)
    site_regions = cl.site_region_matrix([x[1] for x in sites], flows.regions)
    ch4 = methane.emitted.sum(axis=3) @ cl.site_region_matrix(group_regions, flows.regions)
    ch4 = ch4 + (legacy[:, None, :] * legacy_f[None, :, :]) @ site_regions
    gwp_ch4, gwp_n2o = cl.gwp_factors(climate.gwp)
    biotreated = flows.by_region["biotreated"]
    composting = cl.co2e_t(
        cl.composting_emissions_t(biotreated, climate.composting.ch4_t_per_t), gwp_ch4
    ) + cl.co2e_t(cl.composting_emissions_t(biotreated, climate.composting.n2o_t_per_t), gwp_n2o)
    burning = 0.0
    if climate.open_burning is not None:
        ob = climate.open_burning
        share = _scaled(d, defaults, "climate.open_burning.burned_share", ob.burned_share)
        e = open_burning(flows.by_material["uncollected"] * share[None, :, None, None], ob)
        burning = e.co2_t + cl.co2e_t(e.ch4_t, gwp_ch4) + cl.co2e_t(e.n2o_t, gwp_n2o)
    avoided = cl.avoided_emissions_tco2e(
        flows.by_material["recycled"], per_material(climate.recycling_credits.tco2e_per_t)
    )
    return cl.co2e_t(ch4, gwp_ch4) + composting + burning - avoided
