"""Comparing options: cost-effectiveness against a baseline, the marginal abatement cost
curve, and the comparison as economics-CSV rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from planner.economics.costs import cost_per_tonne_kzt
from planner.economics.result import ECONOMICS_COLUMNS

if TYPE_CHECKING:
    from planner.economics.result import EconomicsResult


def abatement_cost_kzt_per_tco2e(delta_cost_kzt: float, abated_tco2e: float) -> float:
    """Abatement cost of an option against its baseline [KZT/t CO2e].

    Parameters
    ----------
    delta_cost_kzt : float
        Extra cost of the option (NPV, option − baseline) [KZT].
    abated_tco2e : float
        Emissions avoided (baseline − option, cumulative over the horizon) [t CO2e].

    Returns
    -------
    float
        ``delta_cost / abated``; NaN when nothing is abated (≤ 0).
    """
    return float(delta_cost_kzt / abated_tco2e) if abated_tco2e > 0 else float("nan")


COMPARISON_COLUMNS = [
    "scenario",
    "npv_cost_kzt",
    "diverted_t",
    "net_emissions_tco2e",
    "delta_npv_cost_kzt",
    "delta_diverted_t",
    "abated_tco2e",
    "cost_per_t_diverted_kzt",
    "abatement_cost_kzt_per_tco2e",
]


def compare(results: Sequence[EconomicsResult], baseline: str) -> pd.DataFrame:
    """Cost-effectiveness of options against a baseline scenario.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios over the same years, including the baseline.
    baseline : str
        Id of the baseline scenario (e.g. ``"bau"``).

    Returns
    -------
    pandas.DataFrame
        One row per scenario (:data:`COMPARISON_COLUMNS`): horizon NPV cost [KZT], tonnes
        diverted over the horizon [t], cumulative net emissions [t CO2e], their differences to
        the baseline, incremental cost per tonne diverted ``ΔNPV / Δdiverted`` [KZT/t] and
        abatement cost ``ΔNPV / abated`` [KZT/t CO2e] (NaN for the baseline and where nothing is
        diverted or abated).  Tonnes and emissions are not discounted.
    """
    by_id = {r.scenario: r.totals() for r in results}
    if baseline not in by_id:
        raise ValueError(f"baseline {baseline!r} is not among the results: {sorted(by_id)}")
    base = by_id[baseline]
    rows = []
    for sid, t in by_id.items():
        d_cost = t["npv_cost_kzt"] - base["npv_cost_kzt"]
        d_div = t["diverted_t"] - base["diverted_t"]
        abated = base["net_emissions_tco2e"] - t["net_emissions_tco2e"]
        rows.append(
            {
                "scenario": sid,
                "npv_cost_kzt": t["npv_cost_kzt"],
                "diverted_t": t["diverted_t"],
                "net_emissions_tco2e": t["net_emissions_tco2e"],
                "delta_npv_cost_kzt": d_cost,
                "delta_diverted_t": d_div,
                "abated_tco2e": abated,
                "cost_per_t_diverted_kzt": float(cost_per_tonne_kzt(d_cost, d_div))
                if sid != baseline
                else float("nan"),
                "abatement_cost_kzt_per_tco2e": abatement_cost_kzt_per_tco2e(d_cost, abated)
                if sid != baseline
                else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def mac_curve(comparison: pd.DataFrame) -> pd.DataFrame:
    """Marginal abatement cost curve from :func:`compare`.

    Options that abate something are sorted by abatement cost (cheapest first); each is a bar
    of width ``abated_tco2e`` starting where the previous ended.

    Returns
    -------
    pandas.DataFrame
        ``scenario, abatement_cost_kzt_per_tco2e, abated_tco2e, start_tco2e, end_tco2e``.
    """
    rows = comparison[comparison["abated_tco2e"] > 0].sort_values("abatement_cost_kzt_per_tco2e")
    end = rows["abated_tco2e"].cumsum()
    return pd.DataFrame(
        {
            "scenario": rows["scenario"].to_numpy(),
            "abatement_cost_kzt_per_tco2e": rows["abatement_cost_kzt_per_tco2e"].to_numpy(),
            "abated_tco2e": rows["abated_tco2e"].to_numpy(),
            "start_tco2e": (end - rows["abated_tco2e"]).to_numpy(),
            "end_tco2e": end.to_numpy(),
        }
    )


def comparison_rows(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as economics-CSV rows (:data:`ECONOMICS_COLUMNS`; region and year
    empty, payer empty)."""
    units = {
        "npv_cost_kzt": "KZT",
        "diverted_t": "t",
        "net_emissions_tco2e": "tCO2e",
        "delta_npv_cost_kzt": "KZT",
        "delta_diverted_t": "t",
        "abated_tco2e": "tCO2e",
        "cost_per_t_diverted_kzt": "KZT/t",
        "abatement_cost_kzt_per_tco2e": "KZT/tCO2e",
    }
    long = comparison.melt(id_vars="scenario", var_name="item", value_name="value")
    long["item"] = "vs_baseline:" + long["item"]
    return long.assign(
        region="", year=pd.NA, payer="", unit=long["item"].str.split(":").str[1].map(units)
    )[ECONOMICS_COLUMNS]
