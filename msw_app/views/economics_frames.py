"""Economics and climate frames for the pages: pure pandas tables the pages draw without
arithmetic of their own (presentation, so it lives beside the pages, not in the model)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.economics import CLIMATE_KPIS, MONEY_KPIS, EconomicsResult, cost_per_tonne_kzt
from planner.kpis import csv_unit


def _in_region(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    """The rows of a frame with a ``region`` column in ``region`` (all for ``""``)."""
    return frame if not region else frame[frame["region"] == region]


def costs_by_item(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """Cost items of a region (``""``: summed over regions) and payers: ``year, item, value``
    [KZT/yr]; the EPR incentive (a transfer) is left out, revenue is negative."""
    costs = _in_region(result.costs, region)
    costs = costs[costs["item"] != "epr_incentive"]
    return costs.groupby(["year", "item"], as_index=False, sort=False)["value"].sum()


def costs_by_payer(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """Net burden of each payer in a region (``""``: all): ``year, payer, value`` [KZT/yr]
    (sums to the region's total cost)."""
    if not region:
        return result.by_payer
    costs = _in_region(result.costs, region)
    return costs.groupby(["year", "payer"], as_index=False)["value"].sum()


def tariff_comparison(result: EconomicsResult, year: int, region: str = "") -> pd.DataFrame:
    """Cost per resident per month in ``year`` (of a region, ``""``: all) next to the tariff
    benchmarks.

    Returns
    -------
    pandas.DataFrame
        ``label, kind, value`` [KZT/(person·month)]: ``kind`` is ``model_total`` (all costs,
        net of revenue), ``model_tariff`` (what tariff payers bear) or ``tariff`` (a benchmark
        from the parameters, nominal KZT of the year in its label).
    """
    i = result.years.index(year)
    rows = [
        ("total", "model_total", float(result.kpi("cost_per_resident_month_kzt", region)[i])),
        (
            "tariff_share",
            "model_tariff",
            float(result.kpi("tariff_cost_per_resident_month_kzt", region)[i]),
        ),
    ]
    rows += [
        (label, "tariff", float(v))
        for label, v in result.params.tariffs.kzt_per_resident_month.items()
    ]
    return pd.DataFrame(rows, columns=["label", "kind", "value"])


def epr_flows(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """EPR incentives over time in a region (``""``: all): ``year, due_kzt, paid_kzt`` (due
    at ρ = 1, paid at ρ)."""
    return pd.DataFrame(
        {
            "year": result.years,
            "due_kzt": result.kpi("epr_incentives_due_kzt", region),
            "paid_kzt": result.kpi("epr_incentives_kzt", region),
        }
    )


def margins_over_time(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """Sorting lines' operating margin summed over the lines of a region (``""``: all):
    ``year, with_epr_kzt, without_epr_kzt, input_t, with_epr_kzt_per_t,
    without_epr_kzt_per_t``."""
    with_epr = result.kpi("sorting_margin_kzt", region)
    without = result.kpi("sorting_margin_no_epr_kzt", region)
    frame = _in_region(result.sorting_margins, region)
    input_t = (
        frame.groupby("year")["input_t"].sum().reindex(result.years, fill_value=0.0).to_numpy()
        if len(frame)
        else np.zeros(len(result.years))
    )
    return pd.DataFrame(
        {
            "year": result.years,
            "with_epr_kzt": with_epr,
            "without_epr_kzt": without,
            "input_t": input_t,
            "with_epr_kzt_per_t": cost_per_tonne_kzt(with_epr, input_t),
            "without_epr_kzt_per_t": cost_per_tonne_kzt(without, input_t),
        }
    )


def emissions_by_source(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """``year, source, tco2e`` of a region (``""``: all): landfill and dump CH4, composting
    (CH4 + N2O), open burning of uncollected waste (fossil CO2 + CH4 + N2O) and recycling
    credits (negative), plus ``net`` [t CO2e/yr]; the parts add up to ``net``."""
    parts = {
        "landfill": result.kpi("landfill_tco2e", region),
        "composting": result.kpi("composting_tco2e", region),
        "open_burning": result.kpi("open_burning_tco2e", region),
        "recycling_credit": -result.kpi("avoided_emissions_tco2e", region),
        "net": result.kpi("net_emissions_tco2e", region),
    }
    return pd.DataFrame(
        {
            "year": np.tile(np.asarray(result.years), len(parts)),
            "source": np.repeat(list(parts), len(result.years)),
            "tco2e": np.concatenate(list(parts.values())),
        }
    )


def methane_by_type(result: EconomicsResult) -> pd.DataFrame:
    """CH4 emitted by landfill type: ``year, type, ch4_t`` [t CH4/yr]."""
    return (
        result.landfill_methane.groupby(["year", "type"], as_index=False)["ch4_emitted_t"]
        .sum()
        .rename(columns={"ch4_emitted_t": "ch4_t"})
    )


HORIZON_OF: dict[str, str] = {
    "npv_cost_horizon_kzt": "npv_cost_kzt",
    "epr_incentives_horizon_kzt": "epr_incentives_kzt",
    "ch4_landfill_horizon_t": "ch4_landfill_t",
    "net_emissions_horizon_tco2e": "net_emissions_tco2e",
}
"""The KPI of :data:`planner.kpis.KPIS` each :func:`horizon_figures` figure sums (or, for the
NPV, takes at the last year); its unit is that KPI's without ``/yr``."""


def horizon_unit(name: str) -> str:
    """Unit of a :func:`horizon_figures` figure, e.g. ``KZT``, ``t CH4``, ``tCO2e``."""
    return csv_unit(HORIZON_OF[name])


def horizon_figures(result: EconomicsResult, region: str = "") -> dict[str, float]:
    """Figures over the whole evaluated horizon, one name each wherever they are shown (the
    economics page's cards and the comparison tables), for a region or all (``""``).

    Returns
    -------
    dict
        ``npv_cost_horizon_kzt`` (NPV of the total cost [KZT]), ``epr_incentives_horizon_kzt``
        (EPR incentives paid [KZT]), ``ch4_landfill_horizon_t`` (landfill CH4 emitted [t CH4])
        and ``net_emissions_horizon_tco2e`` ([tCO2e]); sums are not discounted.
    """
    if not region:
        totals = result.totals()
        return {
            "npv_cost_horizon_kzt": totals["npv_cost_kzt"],
            "epr_incentives_horizon_kzt": totals["epr_incentives_kzt"],
            "ch4_landfill_horizon_t": float(result.kpi("ch4_landfill_t").sum()),
            "net_emissions_horizon_tco2e": totals["net_emissions_tco2e"],
        }
    return {
        "npv_cost_horizon_kzt": result.npv_cost_kzt(region),
        "epr_incentives_horizon_kzt": float(result.kpi("epr_incentives_kzt", region).sum()),
        "ch4_landfill_horizon_t": float(result.kpi("ch4_landfill_t", region).sum()),
        "net_emissions_horizon_tco2e": float(result.kpi("net_emissions_tco2e", region).sum()),
    }


def focus_year_figures(result: EconomicsResult, year: int, region: str = "") -> dict[str, float]:
    """Headline numbers for a page: KPI values in ``year`` of a region (``""``: all regions)
    and the :func:`horizon_figures`."""
    i = result.years.index(year)
    out = {k: float(result.kpi(k, region)[i]) for k in (*MONEY_KPIS, *CLIMATE_KPIS)}
    return out | horizon_figures(result, region)


def region_effectiveness(
    results: dict[str, EconomicsResult], base: str, region: str
) -> pd.DataFrame:
    """Cost-effectiveness of each option in one region against ``base`` (its own region's
    figures, not both regions'): ``scenario``, ``delta_diverted_t`` (extra tonnes diverted
    over the horizon [t]) and ``levelised_cost_of_diversion_kzt_per_t`` (Δ discounted cost ÷ Δ
    discounted tonnes diverted in the region [KZT/t], NaN for the reference and where nothing
    more is diverted), as :func:`planner.report.data.region_levelised_cost_kzt_per_t`.
    """
    from planner.report.data import region_levelised_cost_kzt_per_t

    reference = results[base]
    column = reference.regions.index(region)
    base_t = float(reference.diverted_t[:, column].sum())
    rows = [
        {
            "scenario": sid,
            "delta_diverted_t": float(result.diverted_t[:, column].sum()) - base_t,
            "levelised_cost_of_diversion_kzt_per_t": region_levelised_cost_kzt_per_t(
                result, reference, region
            ),
        }
        for sid, result in results.items()
    ]
    return pd.DataFrame(rows)
