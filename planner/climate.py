"""Greenhouse-gas emissions of MSW management: small pure functions, one quantity each.

Landfill methane follows the IPCC 2006 Guidelines, Vol. 5 Ch. 3 first-order decay (FOD), by
material (eqs 3.4–3.6)::

    DDOCm_d(T)      = W(T) · DOC · DOCf · MCF                  decomposable DOC deposited
    DDOCm_a(T)      = DDOCm_d(T) + DDOCm_a(T−1) · e^(−k)        accumulated at the end of T
    DDOCm_decomp(T) = DDOCm_a(T−1) · (1 − e^(−k))              decomposed in year T
    CH4_gen(T)      = DDOCm_decomp(T) · F · 16/12
    CH4_emit(T)     = (CH4_gen(T) − R(T)) · (1 − OX)

Convention: waste deposited in year T starts to decompose on 1 January of year T+1 (nothing
decomposes in the deposit year), as in the IPCC Waste Model spreadsheet without the 6-month
delay option.  Recovery R is a share of the generated CH4 (gas capture), so R ≤ CH4_gen.

Open burning of uncollected waste follows IPCC 2006 Vol. 5 Ch. 5: fossil CO2 by eq. 5.4,
CH4 and N2O by default emission factors (:mod:`planner.open_burning`); black
carbon is reported in tonnes, outside every CO2e total (as CCAC SWEET does).
Composting process emissions follow IPCC 2006 Vol. 5 Ch. 4 Table 4.1 (per tonne of wet feed);
recycling credits are life-cycle savings per tonne recycled (WARM v16, per metric tonne).
Masses are tonnes of gas [t]; CO2-equivalents [t CO2e] use 100-year GWPs (AR5 or AR6).

:func:`landfill_methane` and :func:`emissions` string these functions together for a
projected scenario (per landfill, and by region); they hold no formula of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from planner.dumps import (
    UNCOLLECTED_DUMPS_PREFIX,
    UNPLANNED_DUMP_PREFIX,
    DumpPlan,
    uncollected_dumps,
    unplanned_dumps,
)
from planner.open_burning import (
    CO2_PER_C,
    OpenBurningEmissions,
    open_burning,
    open_burning_by_region,
    open_burning_co2_t,
    open_burning_gas_t,
)
from planner.schema import MATERIALS, Climate, Gwp, LandfillGas

FloatArray = NDArray[np.float64]

CH4_PER_C = 16.0 / 12.0
"""Molecular-weight ratio CH4/C [t CH4/t C]."""


# --------------------------------------------------------------------------------------------
# First-order decay
# --------------------------------------------------------------------------------------------


def ddocm_deposited_t(
    waste_t: ArrayLike, doc: ArrayLike, docf: float, mcf: ArrayLike
) -> FloatArray:
    """Decomposable degradable organic carbon deposited (IPCC 2006 eq. 3.2).

    Parameters
    ----------
    waste_t : array_like
        Waste deposited [t]; any shape that broadcasts with ``doc`` and ``mcf``.
    doc : array_like
        Degradable organic carbon of the waste, wet weight [t C/t].
    docf : float
        Fraction of DOC that decomposes [-].
    mcf : array_like
        Methane correction factor of the site [-].

    Returns
    -------
    numpy.ndarray
        DDOCm deposited [t C].
    """
    return np.asarray(waste_t, dtype=float) * np.asarray(doc) * docf * np.asarray(mcf)


def fod_decomposed_t(ddocm_deposited: ArrayLike, k_per_yr: ArrayLike) -> FloatArray:
    """DDOCm decomposed in each year by first-order decay (IPCC 2006 eqs 3.4–3.5).

    Parameters
    ----------
    ddocm_deposited : array_like
        DDOCm deposited in each year [t C]; axis 0 is consecutive years, other axes (e.g.
        landfill, material) are independent stocks.
    k_per_yr : array_like
        Decay rate constant [1/yr], broadcasting with one year's slice of ``ddocm_deposited``.

    Returns
    -------
    numpy.ndarray
        DDOCm decomposed in each year [t C], same shape as ``ddocm_deposited``.  A deposit
        starts to decompose in the year after it is made.
    """
    deposited = np.asarray(ddocm_deposited, dtype=float)
    k = np.asarray(k_per_yr, dtype=float)
    if np.any(k < 0):
        raise ValueError("decay constant k must be ≥ 0")
    if np.any(deposited < 0):
        raise ValueError("deposits must be ≥ 0")
    kept = np.exp(-k)
    decomposed = np.zeros_like(deposited)
    accumulated = np.zeros(deposited.shape[1:])
    for t in range(deposited.shape[0]):
        decomposed[t] = accumulated * (1.0 - kept)
        accumulated = deposited[t] + accumulated * kept
    return decomposed


def ch4_generated_t(ddocm_decomposed: ArrayLike, f: float) -> FloatArray:
    """CH4 generated from decomposed DDOCm (IPCC 2006 eq. 3.6).

    Parameters
    ----------
    ddocm_decomposed : array_like
        DDOCm decomposed [t C].
    f : float
        Fraction of CH4 in landfill gas by volume [-].

    Returns
    -------
    numpy.ndarray
        CH4 generated [t CH4].
    """
    return np.asarray(ddocm_decomposed, dtype=float) * f * CH4_PER_C


def ch4_recovered_t(generated_t: ArrayLike, recovery: ArrayLike) -> FloatArray:
    """CH4 recovered by gas capture.

    Parameters
    ----------
    generated_t : array_like
        CH4 generated [t CH4].
    recovery : array_like
        Share of the generated CH4 that is captured [-], in [0, 1].

    Returns
    -------
    numpy.ndarray
        CH4 recovered [t CH4].
    """
    share = np.asarray(recovery, dtype=float)
    if np.any((share < 0) | (share > 1)):
        raise ValueError("recovery must be a share in [0, 1]")
    return np.asarray(generated_t, dtype=float) * share


def ch4_emitted_t(generated_t: ArrayLike, recovered_t: ArrayLike, ox: ArrayLike) -> FloatArray:
    """CH4 emitted after recovery and oxidation in the cover (IPCC 2006 eq. 3.1).

    Parameters
    ----------
    generated_t : array_like
        CH4 generated [t CH4].
    recovered_t : array_like
        CH4 recovered [t CH4], at most ``generated_t``.
    ox : array_like
        Oxidation factor [-], in [0, 1].

    Returns
    -------
    numpy.ndarray
        CH4 emitted [t CH4], never negative.
    """
    net = np.asarray(generated_t, dtype=float) - np.asarray(recovered_t, dtype=float)
    return np.maximum(net, 0.0) * (1.0 - np.asarray(ox, dtype=float))


@dataclass(frozen=True)
class Methane:
    """CH4 of a landfill (or several) by year [t CH4/yr]."""

    generated: FloatArray
    recovered: FloatArray
    emitted: FloatArray


def fod_methane_t(
    deposits_t_by_year: ArrayLike,
    doc: ArrayLike,
    docf: float,
    mcf: ArrayLike,
    f: float,
    k: ArrayLike,
    ox: ArrayLike = 0.0,
    recovery: ArrayLike = 0.0,
) -> Methane:
    """Landfill CH4 generated, recovered and emitted by first-order decay (IPCC 2006).

    Parameters
    ----------
    deposits_t_by_year : array_like
        Waste deposited in consecutive years [t/yr]; axis 0 is the year, the last axis is
        usually the material (``doc`` and ``k`` broadcast along it).
    doc : array_like
        Degradable organic carbon, wet weight [t C/t].
    docf : float
        Fraction of DOC that decomposes [-].
    mcf : array_like
        Methane correction factor [-].
    f : float
        Fraction of CH4 in landfill gas [-].
    k : array_like
        Decay rate constant [1/yr].
    ox : array_like, default 0
        Oxidation factor [-].
    recovery : array_like, default 0
        Share of generated CH4 recovered [-].

    Returns
    -------
    Methane
        ``generated``, ``recovered`` and ``emitted`` [t CH4/yr], shaped like the deposits.
    """
    deposited = ddocm_deposited_t(deposits_t_by_year, doc, docf, mcf)
    generated = ch4_generated_t(fod_decomposed_t(deposited, k), f)
    recovered = ch4_recovered_t(generated, recovery)
    return Methane(generated, recovered, ch4_emitted_t(generated, recovered, ox))


def steady_state_ch4_t(
    waste_t_per_yr: float, doc: float, docf: float, mcf: float, f: float
) -> float:
    """CH4 generated per year once constant yearly deposits have reached steady state.

    Parameters
    ----------
    waste_t_per_yr : float
        Constant deposits [t/yr].
    doc, docf, mcf, f : float
        As in :func:`fod_methane_t` [-].

    Returns
    -------
    float
        ``W · DOC · DOCf · MCF · F · 16/12`` [t CH4/yr].
    """
    return waste_t_per_yr * doc * docf * mcf * f * CH4_PER_C


def half_life_yr(k_per_yr: float) -> float:
    """Half-life of degradable carbon ``ln 2 / k`` [yr]."""
    if k_per_yr <= 0:
        raise ValueError("k must be > 0 for a half-life")
    return float(np.log(2.0) / k_per_yr)


def legacy_deposits_t(
    start_year: int, t_per_yr: float, first_projected_year: int
) -> tuple[list[int], FloatArray]:
    """Stated deposits of a landfill before the projection starts.

    Parameters
    ----------
    start_year : int
        First year of deposits [year].
    t_per_yr : float
        Deposits in each historical year [t/yr].
    first_projected_year : int
        First year of the projection [year]; history ends the year before.

    Returns
    -------
    tuple
        Years ``start_year … first_projected_year − 1`` and deposits in each [t/yr] (empty when
        ``start_year`` is not before the first projected year).
    """
    years = list(range(start_year, first_projected_year))
    return years, np.full(len(years), float(t_per_yr))


# --------------------------------------------------------------------------------------------
# Other sources and CO2e
# --------------------------------------------------------------------------------------------


def composting_emissions_t(input_t: ArrayLike, ef_t_per_t: float) -> FloatArray:
    """Process emission of one gas from composting (IPCC 2006 Vol. 5 eq. 4.1).

    Parameters
    ----------
    input_t : array_like
        Wet waste composted [t].
    ef_t_per_t : float
        Emission factor [t gas/t wet waste] (CH4 0.004, N2O 0.0003 by default).

    Returns
    -------
    numpy.ndarray
        Gas emitted [t].
    """
    if ef_t_per_t < 0:
        raise ValueError("emission factor must be ≥ 0")
    return np.asarray(input_t, dtype=float) * ef_t_per_t


def gwp_factors(gwp: Gwp, use: str | None = None) -> tuple[float, float]:
    """GWP-100 of CH4 and N2O for the chosen set.

    Parameters
    ----------
    gwp : Gwp
        GWP parameters.
    use : {"AR5", "AR6"}, optional
        Set to use; defaults to ``gwp.use``.

    Returns
    -------
    tuple of float
        ``(gwp_ch4, gwp_n2o)`` [t CO2e/t].
    """
    which = use or gwp.use
    if which not in gwp.ch4 or which not in gwp.n2o:
        raise ValueError(f"unknown GWP set {which!r}; use AR5 or AR6")
    return float(gwp.ch4[which]), float(gwp.n2o[which])  # type: ignore[index]


def co2e_t(mass_t: ArrayLike, gwp: float) -> FloatArray:
    """CO2-equivalent of a mass of gas.

    Parameters
    ----------
    mass_t : array_like
        Mass of the gas [t].
    gwp : float
        Its global warming potential [t CO2e/t].

    Returns
    -------
    numpy.ndarray
        [t CO2e].
    """
    return np.asarray(mass_t, dtype=float) * gwp


def avoided_emissions_tco2e(recycled_t: ArrayLike, credit_tco2e_per_t: ArrayLike) -> FloatArray:
    """Emissions avoided by recycling instead of virgin production (WARM-style credit).

    Parameters
    ----------
    recycled_t : array_like
        Tonnes recycled, last axis material [t].
    credit_tco2e_per_t : array_like
        Avoided emissions per tonne recycled by material [t CO2e/t] (positive = saving).

    Returns
    -------
    numpy.ndarray
        Avoided emissions summed over the last axis [t CO2e].
    """
    return (np.asarray(recycled_t, dtype=float) * np.asarray(credit_tco2e_per_t)).sum(axis=-1)


# --------------------------------------------------------------------------------------------
# Orchestration for a projection
# --------------------------------------------------------------------------------------------


def per_material(values: dict) -> FloatArray:
    """A per-material mapping as an array in :data:`planner.MATERIALS` order."""
    return np.array([values[m] for m in MATERIALS], dtype=float)


@dataclass(frozen=True)
class LandfillMethane:
    """FOD results for every landfill of a projection.

    ``years`` are the projected years; arrays are ``[year, landfill]`` [t CH4/yr] over them;
    legacy years are used in the decay but not returned.
    """

    years: list[int]
    landfill_ids: list[str]
    regions: list[str]
    types: list[str]
    generated: FloatArray
    recovered: FloatArray
    emitted: FloatArray
    first_history_year: int


def landfill_deposits_t(
    projected_t: Sequence[FloatArray],
    legacy_t_per_yr: Sequence[float],
    legacy_start: Sequence[int | None],
    legacy_composition: Sequence[FloatArray],
    first_year: int,
) -> tuple[int, FloatArray]:
    """Deposits by landfill and material from the first history year to the horizon.

    Parameters
    ----------
    projected_t : sequence of numpy.ndarray
        Projected deposits of each landfill ``[year, material]`` [t/yr].
    legacy_t_per_yr : sequence of float
        Historical deposits of each landfill [t/yr] (0 when no history is stated).
    legacy_start : sequence of int or None
        First historical year of each landfill [year].
    legacy_composition : sequence of numpy.ndarray
        Composition of each landfill's historical waste [-] by material.
    first_year : int
        First projected year [year].

    Returns
    -------
    tuple
        First year of the array [year] and deposits ``[year, landfill, material]`` [t/yr].
    """
    starts = [s for s in legacy_start if s is not None and s < first_year]
    first = min(starts, default=first_year)
    n_hist = first_year - first
    n_y = projected_t[0].shape[0] if projected_t else 0
    out = np.zeros((n_hist + n_y, len(projected_t), len(MATERIALS)))
    for i, proj in enumerate(projected_t):
        out[n_hist:, i, :] = proj
        start = legacy_start[i]
        if start is None or start >= first_year:
            continue
        _, hist = legacy_deposits_t(start, legacy_t_per_yr[i], first_year)
        out[start - first : n_hist, i, :] = hist[:, None] * legacy_composition[i][None, :]
    return first, out


def recovery_by_year(
    types: Sequence[str],
    ids: Sequence[str],
    recovery_by_type: dict[str, float],
    capture: dict[str, tuple[int, float]],
    first_year: int,
    n_years: int,
) -> FloatArray:
    """CH4 recovery share of every landfill in every year ``[year, landfill]`` [-].

    The type's recovery, replaced from the start year on by the capture share of a landfill
    with a gas-collection lever (``capture``: id → ``(start_year, share)``).
    """
    out = np.tile(np.array([recovery_by_type[t] for t in types], dtype=float), (n_years, 1))
    years = first_year + np.arange(n_years)
    for k, lid in enumerate(ids):
        if lid in capture:
            start, share = capture[lid]
            out[years >= start, k] = share
    return out


def landfill_methane(
    plans: Sequence,
    fac_input: dict[str, FloatArray],
    years: list[int],
    region_composition: dict[str, FloatArray],
    climate: Climate,
    recovery_override: dict[str, float] | None = None,
    capture: dict[str, tuple[int, float]] | None = None,
) -> LandfillMethane:
    """Run the FOD model for every landfill of a projection.

    Parameters
    ----------
    plans : sequence of planner.projection.FacilityPlan
        The projection's landfill plans (``projection.inputs.landfills``).
    fac_input : dict
        Deposits by landfill id ``[year, material]`` [t/yr] (``projection.fac_input``).
    years : list of int
        Projected years.
    region_composition : dict
        Composition [-] by region id, used for historical deposits.
    climate : Climate
        Climate parameters (FOD parameters, legacy histories).
    recovery_override : dict, optional
        Recovery share by landfill type [-], replacing the parameters'.
    capture : dict, optional
        Gas collection by landfill id: ``(start_year, capture share)`` (:func:`recovery_by_year`).

    Returns
    -------
    LandfillMethane
    """
    gas: LandfillGas = climate.landfill_gas
    ids = [p.facility.id for p in plans]
    unknown = sorted(
        i for i in set(climate.legacy) - set(ids) if not i.startswith(UNCOLLECTED_DUMPS_PREFIX)
    )
    if unknown:
        raise ValueError(
            f"economics.climate.legacy names unknown landfills: {', '.join(unknown)}; "
            f"known: {', '.join(ids)}"
        )
    types = [p.facility.type for p in plans]
    regions = [p.region for p in plans]
    recovery_by_type = {**gas.recovery, **(recovery_override or {})}
    legacy = [climate.legacy.get(i) for i in ids]
    first, deposits = landfill_deposits_t(
        [fac_input[i] for i in ids],
        [h.t_per_yr if h else 0.0 for h in legacy],
        [h.start_year if h else None for h in legacy],
        [region_composition[r] for r in regions],
        years[0],
    )
    mcf = np.array([gas.mcf[t] for t in types])[None, :, None]
    methane = fod_methane_t(
        deposits,
        per_material(gas.doc)[None, None, :],
        gas.docf,
        mcf,
        gas.f,
        per_material(gas.k_per_yr)[None, :],
        ox=np.array([gas.ox[t] for t in types])[None, :, None],
        recovery=recovery_by_year(
            types, ids, recovery_by_type, capture or {}, first, deposits.shape[0]
        )[:, :, None],
    )
    n_hist = years[0] - first
    return LandfillMethane(
        years=years,
        landfill_ids=ids,
        regions=regions,
        types=types,
        generated=methane.generated[n_hist:].sum(axis=2),
        recovered=methane.recovered[n_hist:].sum(axis=2),
        emitted=methane.emitted[n_hist:].sum(axis=2),
        first_history_year=first,
    )


# --------------------------------------------------------------------------------------------
# Aggregation for a projected scenario
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Emissions:
    """Emissions of a projected scenario by region (the output of :func:`emissions`)."""

    arrays: dict[str, FloatArray]
    """Quantity → ``[year, region]``, keyed by the climate KPI names
    (``ch4_generated_t`` … ``net_emissions_tco2e``; [t gas/yr] or [t CO2e/yr])."""
    methane: LandfillMethane
    """Per-landfill FOD results (uncollected dumps included when counted)."""


def methane_of_all_sites(
    landfill_plans: Sequence,
    facility_input_t: dict[str, FloatArray],
    uncollected_t: FloatArray,
    region_of_district: Sequence[str],
    region_composition: dict[str, FloatArray],
    years: list[int],
    climate: Climate,
    unplaced_by_region: dict[str, FloatArray] | None = None,
    capture: dict[str, tuple[int, float]] | None = None,
) -> LandfillMethane:
    """Methane of the landfills, uncollected-waste dumps and unplanned dumps (see
    :func:`emissions`)."""
    dump_plans, dump_inputs = uncollected_dumps(
        uncollected_t, region_of_district, climate.landfill_gas.uncollected_dumped_share
    )
    unplanned_plans, unplanned_inputs = unplanned_dumps(unplaced_by_region or {})
    return landfill_methane(
        [*landfill_plans, *dump_plans, *unplanned_plans],
        {**facility_input_t, **dump_inputs, **unplanned_inputs},
        years,
        region_composition,
        climate,
        capture=capture,
    )


def site_region_matrix(site_regions: Sequence[str], regions: Sequence[str]) -> FloatArray:
    """0/1 matrix ``[site, region]`` that sums per-site arrays to regions (``@``) [-]."""
    r_index = {r: i for i, r in enumerate(regions)}
    matrix = np.zeros((len(site_regions), len(regions)))
    matrix[np.arange(len(site_regions)), [r_index[r] for r in site_regions]] = 1
    return matrix


def emission_arrays(
    methane: LandfillMethane,
    lf_regions: FloatArray,
    burning: OpenBurningEmissions,
    biotreated_t: FloatArray,
    recycled_t: FloatArray,
    climate: Climate,
) -> dict[str, FloatArray]:
    """``[year, region]`` arrays of :class:`Emissions` [t/yr, tCO2e/yr]: site methane summed
    to regions by ``lf_regions``, composting, open burning, recycling credits, gross and net."""
    gwp_ch4, gwp_n2o = gwp_factors(climate.gwp)
    ch4_emit = methane.emitted @ lf_regions
    comp_ch4 = composting_emissions_t(biotreated_t, climate.composting.ch4_t_per_t)
    comp_n2o = composting_emissions_t(biotreated_t, climate.composting.n2o_t_per_t)
    landfill_co2e = co2e_t(ch4_emit, gwp_ch4)
    composting_co2e = co2e_t(comp_ch4, gwp_ch4) + co2e_t(comp_n2o, gwp_n2o)
    avoided_co2e = avoided_emissions_tco2e(
        recycled_t, per_material(climate.recycling_credits.tco2e_per_t)
    )
    burning_co2e = burning.co2_t + co2e_t(burning.ch4_t, gwp_ch4) + co2e_t(burning.n2o_t, gwp_n2o)
    gross = landfill_co2e + composting_co2e + burning_co2e
    arrays = {
        "ch4_generated_t": methane.generated @ lf_regions,
        "ch4_recovered_t": methane.recovered @ lf_regions,
        "ch4_landfill_t": ch4_emit,
        "landfill_tco2e": landfill_co2e,
        "composting_ch4_t": comp_ch4,
        "composting_n2o_t": comp_n2o,
        "composting_tco2e": composting_co2e,
        "open_burning_t": burning.burned_t,
        "open_burning_co2_t": burning.co2_t,
        "open_burning_ch4_t": burning.ch4_t,
        "open_burning_n2o_t": burning.n2o_t,
        "open_burning_tco2e": burning_co2e,
        "black_carbon_t": burning.black_carbon_t,
        "emissions_tco2e": gross,
        "avoided_emissions_tco2e": avoided_co2e,
        "net_emissions_tco2e": gross - avoided_co2e,
    }
    return arrays


def emissions(
    landfill_plans: Sequence,
    facility_input_t: dict[str, FloatArray],
    uncollected_t: FloatArray,
    region_of_district: Sequence[str],
    regions: Sequence[str],
    region_composition: dict[str, FloatArray],
    biotreated_t: FloatArray,
    recycled_t: FloatArray,
    years: list[int],
    climate: Climate,
    unplaced_by_region: dict[str, FloatArray] | None = None,
    capture: dict[str, tuple[int, float]] | None = None,
) -> Emissions:
    """Landfill methane, open burning, composting emissions and recycling credits by region.

    Uncollected waste is split by the stated shares: ``uncollected_dumped_share`` goes to the
    region's dumps of uncollected waste (FOD, uncontrolled MCF, with their stated history in
    ``climate.legacy``), ``open_burning.burned_share`` is burned in the open (IPCC 2006 Vol. 5
    Ch. 5), the rest (used at home: fed to animals, composted in yards) emits nothing here.

    Parameters
    ----------
    landfill_plans : sequence of planner.resolve.FacilityPlan
        The projection's landfill plans.
    facility_input_t : dict
        Deposits ``[year, material]`` [t/yr] by facility id (``Projection.fac_input``).
    uncollected_t, biotreated_t, recycled_t : numpy.ndarray
        Uncollected MSW ``[year, district, material]``, composting input ``[year, region]``
        and recycled tonnes ``[year, region, material]`` [t/yr].
    region_of_district, regions : sequence of str
        Region id of each district; the region ids that are the result's columns.
    region_composition : dict
        Composition ``[material]`` [-] by region id (for legacy deposits).
    years : list of int
        Projected years.
    climate : Climate
        Climate parameters in effect.
    unplaced_by_region : dict, optional
        Landfilled waste no operating landfill took, by region ``[year, material]`` [t/yr],
        deposited on the region's unplanned dump (:func:`unplanned_dumps`).
    capture : dict, optional
        Gas collection by landfill id: ``(start_year, capture share)``.

    Returns
    -------
    Emissions
        ``[year, region]`` arrays and the per-landfill methane.
    """
    methane = methane_of_all_sites(
        landfill_plans,
        facility_input_t,
        uncollected_t,
        region_of_district,
        region_composition,
        years,
        climate,
        unplaced_by_region,
        capture,
    )
    lf_regions = site_region_matrix(methane.regions, regions)
    burning = open_burning_by_region(uncollected_t, region_of_district, regions, climate)
    arrays = emission_arrays(methane, lf_regions, burning, biotreated_t, recycled_t, climate)
    return Emissions(arrays, methane)


__all__ = [
    "CH4_PER_C",
    "CO2_PER_C",
    "OpenBurningEmissions",
    "UNCOLLECTED_DUMPS_PREFIX",
    "UNPLANNED_DUMP_PREFIX",
    "open_burning",
    "open_burning_by_region",
    "open_burning_co2_t",
    "open_burning_gas_t",
    "recovery_by_year",
    "unplanned_dumps",
    "DumpPlan",
    "Emissions",
    "uncollected_dumps",
    "LandfillMethane",
    "Methane",
    "avoided_emissions_tco2e",
    "ch4_emitted_t",
    "ch4_generated_t",
    "ch4_recovered_t",
    "co2e_t",
    "composting_emissions_t",
    "ddocm_deposited_t",
    "emissions",
    "fod_decomposed_t",
    "fod_methane_t",
    "gwp_factors",
    "half_life_yr",
    "landfill_deposits_t",
    "landfill_methane",
    "legacy_deposits_t",
    "per_material",
    "steady_state_ch4_t",
]
