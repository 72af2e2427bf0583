"""The compare page's tables (no Streamlit): KPIs, money and emissions of several
scenarios side by side and against a reference."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from msw_app.views.economics_frames import HORIZON_OF, horizon_figures, horizon_unit
from msw_app.views.kpis import COMPARE_KPIS
from msw_app.views.scenarios import year_index
from planner.kpis import kpi_spec
from planner.projection import Projection

if TYPE_CHECKING:
    from planner.economics import EconomicsResult

COMPARE_ECONOMICS_YEAR: tuple[str, ...] = (
    "total_cost_kzt",
    "cost_per_t_diverted_kzt",
    "cost_per_resident_month_kzt",
    "epr_incentives_kzt",
    "ch4_landfill_t",
    "net_emissions_tco2e",
)
"""Money and emissions rows of the comparison for the year in focus (KPIs of
:mod:`planner.economics`, totals of all regions)."""


COMPARE_ECONOMICS_HORIZON: tuple[str, ...] = tuple(HORIZON_OF)
"""Money and emissions rows of the comparison over the whole horizon: NPV of the total cost
[KZT], EPR incentives paid, landfill CH4 emitted and net emissions, summed (not discounted)."""


COMPARE_ECONOMICS_VS_REFERENCE: tuple[str, ...] = (
    "levelised_cost_of_diversion_kzt_per_t",
    "levelised_cost_of_abatement_kzt_per_tco2e",
)
"""Rows only the differences against a reference have (:func:`planner.economics.compare`):
the levelised costs of diversion [KZT/t] and of abatement [KZT/t CO2e], Δ discounted cost ÷
Δ discounted tonnes (t CO2e) against the reference."""


VS_REFERENCE_UNIT: dict[str, str] = {
    "levelised_cost_of_diversion_kzt_per_t": "KZT/t",
    "levelised_cost_of_abatement_kzt_per_tco2e": "KZT/tCO2e",
}
"""Units of the :data:`COMPARE_ECONOMICS_VS_REFERENCE` rows (ratios
:func:`planner.economics.compare` computes; they are not KPIs of the KPI CSV)."""


UNIT_KEY: dict[str, str] = {
    "KZT": "kzt",
    "KZT/yr": "kzt_per_yr",
    "KZT/t": "kzt_per_t",
    "KZT/(person·month)": "kzt_per_resident_month",
    "t CH4/yr": "t_ch4_per_yr",
    "t CH4": "t_ch4",
    "tCO2e/yr": "tco2e_per_yr",
    "tCO2e": "tco2e",
    "KZT/tCO2e": "kzt_per_tco2e",
}
"""The app's text key (``unit.<key>`` in the catalogs) of each unit of
:data:`planner.kpis.KPIS` the comparison shows."""


def economics_unit(row: str) -> str:
    """Unit of a money or emissions row of the comparison: a KPI's unit from
    :data:`planner.kpis.KPIS`, a horizon figure's (:func:`horizon_unit`) or a ratio's
    (:data:`VS_REFERENCE_UNIT`)."""
    if row in HORIZON_OF:
        return horizon_unit(row)
    if row in VS_REFERENCE_UNIT:
        return VS_REFERENCE_UNIT[row]
    return kpi_spec(row).unit


ECONOMICS_KIND: dict[str, str] = {
    row: UNIT_KEY[economics_unit(row)]
    for row in (
        *COMPARE_ECONOMICS_YEAR,
        *COMPARE_ECONOMICS_HORIZON,
        *COMPARE_ECONOMICS_VS_REFERENCE,
    )
}
"""Unit key of each money and emissions row of the comparison (:data:`UNIT_KEY` of
:func:`economics_unit`): ``kzt`` [KZT], ``kzt_per_yr`` [KZT/yr], ``kzt_per_t`` [KZT/t],
``kzt_per_resident_month`` [KZT/(person·month)], ``t_ch4_per_yr`` [t CH4/yr], ``t_ch4``
[t CH4], ``tco2e_per_yr`` [t CO2e/yr], ``tco2e`` [t CO2e], ``kzt_per_tco2e`` [KZT/t CO2e]."""


def compare_table(
    projections: Sequence[Projection],
    year: int,
    kpis: Sequence[str] = COMPARE_KPIS,
    region: str = "",
) -> pd.DataFrame:
    """KPIs of several projections side by side in one year, for a region (``""``: totals of
    all regions).

    Parameters
    ----------
    projections : sequence of Projection
        Projections to compare (distinct scenario ids).
    year : int
        Year [yr].
    kpis : sequence of str
        KPI names (rows).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; one column per scenario id, in the given order.
    """
    data = {}
    for p in projections:
        t = year_index(p, year)
        data[p.scenario] = [float(p.kpi(k, region)[t]) for k in kpis]
    frame = pd.DataFrame(data, index=pd.Index(list(kpis), name="kpi"))
    return frame


def compare_differences(
    projections: Sequence[Projection],
    reference_id: str,
    year: int,
    kpis: Sequence[str] = COMPARE_KPIS,
    region: str = "",
) -> pd.DataFrame:
    """Differences of each projection against a chosen reference in one year (of a region,
    ``""`` for all).

    Parameters
    ----------
    projections : sequence of Projection
        Projections to compare; one of them has the id ``reference_id``.
    reference_id : str
        Scenario id of the reference.
    year : int
        Year [yr].
    kpis : sequence of str
        KPI names (rows).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; one column per other scenario: value − reference value (in the KPI's
        unit; shares as fractions, so 0.05 is 5 percentage points).
    """
    table = compare_table(projections, year, kpis, region)
    if reference_id not in table.columns:
        raise KeyError(f"reference scenario {reference_id!r} is not among the projections")
    others = [c for c in table.columns if c != reference_id]
    return table[others].sub(table[reference_id], axis=0)


def economics_figures(result: EconomicsResult, year: int, region: str = "") -> dict[str, float]:
    """The money and emissions rows of the comparison for one scenario.

    Parameters
    ----------
    result : EconomicsResult
        :func:`planner.economics.evaluate` of the scenario.
    year : int
        Year in focus [yr] (clamped to the evaluated years).

    Returns
    -------
    dict
        :data:`COMPARE_ECONOMICS_YEAR` in ``year`` (of ``region``; ``""``: totals of all
        regions) and :data:`COMPARE_ECONOMICS_HORIZON` over all evaluated years (units in
        :data:`ECONOMICS_KIND`).
    """
    years = list(result.years)
    t = years.index(min(max(int(year), years[0]), years[-1]))
    out = {name: float(result.kpi(name, region)[t]) for name in COMPARE_ECONOMICS_YEAR}
    return out | horizon_figures(result, region)


def compare_economics_table(
    results: Sequence[EconomicsResult],
    year: int,
    scenarios: Sequence[str] | None = None,
    region: str = "",
) -> pd.DataFrame:
    """Money and emissions of several scenarios side by side.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios (distinct ids).
    year : int
        Year in focus [yr].
    scenarios : sequence of str, optional
        Column order; ids without a result (e.g. a baseline with no ``[economics]`` table)
        get NaN.  Default: the ids of ``results``.

    Returns
    -------
    pandas.DataFrame
        Index ``kpi`` (:data:`COMPARE_ECONOMICS_YEAR` then :data:`COMPARE_ECONOMICS_HORIZON`);
        one column per scenario id.
    """
    rows = [*COMPARE_ECONOMICS_YEAR, *COMPARE_ECONOMICS_HORIZON]
    by_id = {r.scenario: economics_figures(r, year, region) for r in results}
    columns = list(scenarios) if scenarios is not None else list(by_id)
    data = {sid: [by_id[sid][k] if sid in by_id else np.nan for k in rows] for sid in columns}
    return pd.DataFrame(data, index=pd.Index(rows, name="kpi"), columns=columns, dtype=float)


REGION_ROW = "@"
"""Separates a levelised row's measure from its region: ``<measure>@<region id>``
(:func:`region_row`); a row without it is of both regions together."""


def region_row(measure: str, region: str) -> str:
    """The row name of a levelised ``measure`` in ``region`` (``""``: both regions, the bare
    measure)."""
    return f"{measure}{REGION_ROW}{region}" if region else measure


def split_region_row(row: str) -> tuple[str, str]:
    """``(measure, region)`` of a row of :func:`levelised_rows` (region ``""`` for both)."""
    measure, _, region = str(row).partition(REGION_ROW)
    return measure, region


def levelised_in_region(
    option: EconomicsResult, reference: EconomicsResult, measure: str, region: str
) -> float:
    """One levelised cost of ``option`` against ``reference`` in ``region`` (``""``: both)
    [KZT/t or KZT/tCO2e]: the report's per-region figures
    (:func:`planner.report.data.region_levelised_cost_kzt_per_t`,
    :func:`planner.report.data.region_levelised_abatement_kzt_per_tco2e`), which apply
    :func:`planner.economics.levelised_cost_kzt_per_unit` to the region's own Δ discounted
    cost and Δ discounted tonnes (t CO2e); NaN for the reference itself."""
    from planner.report.data import (
        region_levelised_abatement_kzt_per_tco2e,
        region_levelised_cost_kzt_per_t,
    )

    rule = {
        "levelised_cost_of_diversion_kzt_per_t": region_levelised_cost_kzt_per_t,
        "levelised_cost_of_abatement_kzt_per_tco2e": region_levelised_abatement_kzt_per_tco2e,
    }[measure]
    return float(rule(option, reference, region))


def levelised_rows(
    results: Sequence[EconomicsResult],
    reference_id: str,
    regions: Sequence[str],
    scenarios: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The levelised costs of each other scenario against the reference, region by region.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios; one of them has the id ``reference_id``.
    reference_id : str
        Scenario id of the reference.
    regions : sequence of str
        Region ids, in the order shown; ``""`` is both regions together (the figures of
        :func:`planner.economics.compare`).
    scenarios : sequence of str, optional
        Column order (the reference is left out; ids without a result get NaN).

    Returns
    -------
    pandas.DataFrame
        Index: for each measure of :data:`COMPARE_ECONOMICS_VS_REFERENCE` one row per region
        (:func:`region_row`) [KZT/t, KZT/tCO2e]; one column per other scenario.
    """
    from planner.economics import compare

    by_id = {r.scenario: r for r in results}
    if reference_id not in by_id:
        raise KeyError(f"reference scenario {reference_id!r} has no economics among the results")
    reference = by_id[reference_id]
    columns = [c for c in (scenarios if scenarios is not None else by_id) if c != reference_id]
    together = compare(list(results), reference_id).set_index("scenario") if "" in regions else None

    def value(sid: str, measure: str, region: str) -> float:
        if sid not in by_id:
            return np.nan
        if together is not None and not region:
            return float(together.loc[sid, measure])
        return levelised_in_region(by_id[sid], reference, measure, region)

    index = [region_row(m, r) for m in COMPARE_ECONOMICS_VS_REFERENCE for r in regions]
    data = {sid: [value(sid, *split_region_row(row)) for row in index] for sid in columns}
    return pd.DataFrame(data, index=pd.Index(index, name="kpi"), columns=columns, dtype=float)


def compare_economics_differences(
    results: Sequence[EconomicsResult],
    reference_id: str,
    year: int,
    scenarios: Sequence[str] | None = None,
    region: str = "",
    levelised_regions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Money and emissions of each scenario against a chosen reference (the rows of a region,
    ``""`` for all; the levelised costs of ``levelised_regions``, by default of ``region``:
    a region's own costs and tonnes, never only the sum).

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios; one of them has the id ``reference_id``.
    reference_id : str
        Scenario id of the reference.
    year : int
        Year in focus [yr].
    scenarios : sequence of str, optional
        Column order as in :func:`compare_economics_table` (the reference is left out).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``: the rows of :func:`compare_economics_table` as value − reference
        value, then :func:`levelised_rows` of ``levelised_regions`` (levelised costs of
        diversion [KZT/t] and of abatement [KZT/t CO2e]; for ``""`` those of
        :func:`planner.economics.compare`; NaN where nothing extra is diverted or abated).
        One column per other scenario.
    """
    if reference_id not in {r.scenario for r in results}:
        raise KeyError(f"reference scenario {reference_id!r} has no economics among the results")
    table = compare_economics_table(results, year, scenarios, region)
    others = [c for c in table.columns if c != reference_id]
    diff = table[others].sub(table[reference_id], axis=0)
    wanted = [region] if levelised_regions is None else list(levelised_regions)
    extra = levelised_rows(results, reference_id, wanted, others)
    return pd.concat([diff, extra])


def cheapest_against(
    results: Sequence[EconomicsResult], reference_id: str, region: str = ""
) -> str | None:
    """Id of the option with the lowest levelised cost of diversion [KZT/t] against
    ``reference_id`` in ``region`` (``""``: both regions together), by the one rule
    :func:`planner.economics.cheapest_per_tonne_diverted`; ``None`` if no option diverts
    more than the reference there."""
    from planner import economics as ec

    if not region:
        return ec.cheapest_per_tonne_diverted(ec.compare(results, reference_id))
    measure = "levelised_cost_of_diversion_kzt_per_t"
    costs = levelised_rows(results, reference_id, [region]).loc[region_row(measure, region)]
    return ec.cheapest_per_tonne_diverted(
        pd.DataFrame({"scenario": costs.index, measure: costs.to_numpy()})
    )


def column_widths(n_scenarios: int, content_px: int = 816, index_px: int = 250) -> int:
    """Width of each scenario column [px] so that the index and 2–4 scenario columns fit a
    1,280 px projector with the sidebar open (``content_px`` of room: the table is 820 px
    wide there, less its borders), at least 130 px."""
    return max(130, (content_px - index_px) // max(n_scenarios, 1))
