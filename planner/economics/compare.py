"""Comparing options against a named reference scenario: levelised cost of diversion and of
abatement, the marginal abatement cost curve, and the comparison as economics-CSV rows.

One cost-effectiveness measure
------------------------------
The **levelised cost of diversion** of an option is ``Δ discounted cost ÷ Δ discounted tonnes
diverted`` against the reference scenario (:func:`levelised_cost_kzt_per_unit`): both the
cost and the tonnes (recycled + composted) are discounted to the first projected year at the
discount rate, so a tonne diverted in 2045 weighs as little as a tenge spent then.  This is
the ratio of the option's extra equivalent annual cost to its extra equivalent annual
tonnes, the same for any horizon length.  The **levelised cost of abatement** divides the
same Δ discounted cost by the discounted net emissions avoided (reference − option): tonnes
of CO2e are discounted too, so cost and effect are on one time basis (an undiscounted
denominator would favour options that abate late).  A negative value is a saving: the option
costs less than the reference and diverts (abates) more.  NaN where the option diverts
(abates) no more than the reference.

The older columns are kept for compatibility and documented as what they are:
``cost_per_t_diverted_kzt`` and ``abatement_cost_kzt_per_tco2e`` divide the Δ discounted cost
by *undiscounted* tonnes (mixed basis, about 2–3× lower than the levelised figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

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
        Emissions avoided (baseline − option) [t CO2e]: cumulative for the legacy column,
        discounted for the levelised cost.

    Returns
    -------
    float
        ``delta_cost / abated``; NaN when nothing is abated (≤ 0).
    """
    return float(delta_cost_kzt / abated_tco2e) if abated_tco2e > 0 else float("nan")


def levelised_cost_kzt_per_unit(delta_npv_cost_kzt: float, delta_discounted_units: float) -> float:
    """Levelised cost of an option against a reference [KZT per unit].

    Parameters
    ----------
    delta_npv_cost_kzt : float
        Discounted cost of the option minus that of the reference [KZT].
    delta_discounted_units : float
        Discounted tonnes diverted (or t CO2e abated) of the option minus those of the
        reference [t or t CO2e], discounted at the same rate as the cost.

    Returns
    -------
    float
        ``Δcost / Δunits`` [KZT/t or KZT/t CO2e]; negative is a saving; NaN when the option
        achieves no more than the reference (``Δunits ≤ 0``).
    """
    return float(levelised_costs_kzt_per_unit(delta_npv_cost_kzt, delta_discounted_units))


def levelised_costs_kzt_per_unit(delta_npv_cost_kzt: ArrayLike, delta_units: ArrayLike):
    """:func:`levelised_cost_kzt_per_unit` element by element (e.g. one value per draw)
    [KZT per unit]; NaN where ``delta_units ≤ 0``."""
    cost = np.asarray(delta_npv_cost_kzt, dtype=float)
    units = np.asarray(delta_units, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(units > 0, cost / np.where(units > 0, units, 1.0), np.nan)


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
    "reference_scenario",
    "discounted_diverted_t",
    "delta_discounted_diverted_t",
    "discounted_abated_tco2e",
    "levelised_cost_of_diversion_kzt_per_t",
    "levelised_cost_of_abatement_kzt_per_tco2e",
]
"""Columns of :func:`compare`; the first nine are the original ones (kept, see the module
docstring), the rest carry the levelised measure and the reference it is against."""

LEVELISED = ("levelised_cost_of_diversion_kzt_per_t", "levelised_cost_of_abatement_kzt_per_tco2e")
"""The two cost-effectiveness figures of record."""


def _row(sid: str, t: dict[str, float], base: dict[str, float], reference: str) -> dict:
    d_cost = t["npv_cost_kzt"] - base["npv_cost_kzt"]
    d_div = t["diverted_t"] - base["diverted_t"]
    abated = base["net_emissions_tco2e"] - t["net_emissions_tco2e"]
    d_div_disc = t["discounted_diverted_t"] - base["discounted_diverted_t"]
    abated_disc = base["discounted_net_emissions_tco2e"] - t["discounted_net_emissions_tco2e"]
    is_ref = sid == reference
    nan = float("nan")
    return {
        "scenario": sid,
        "npv_cost_kzt": t["npv_cost_kzt"],
        "diverted_t": t["diverted_t"],
        "net_emissions_tco2e": t["net_emissions_tco2e"],
        "delta_npv_cost_kzt": d_cost,
        "delta_diverted_t": d_div,
        "abated_tco2e": abated,
        "cost_per_t_diverted_kzt": nan if is_ref else float(cost_per_tonne_kzt(d_cost, d_div)),
        "abatement_cost_kzt_per_tco2e": nan
        if is_ref
        else abatement_cost_kzt_per_tco2e(d_cost, abated),
        "reference_scenario": reference,
        "discounted_diverted_t": t["discounted_diverted_t"],
        "delta_discounted_diverted_t": d_div_disc,
        "discounted_abated_tco2e": abated_disc,
        "levelised_cost_of_diversion_kzt_per_t": nan
        if is_ref
        else levelised_cost_kzt_per_unit(d_cost, d_div_disc),
        "levelised_cost_of_abatement_kzt_per_tco2e": nan
        if is_ref
        else levelised_cost_kzt_per_unit(d_cost, abated_disc),
    }


def compare(results: Sequence[EconomicsResult], baseline: str) -> pd.DataFrame:
    """Cost-effectiveness of options against a reference scenario.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios over the same years, including the reference.
    baseline : str
        Id of the reference scenario (e.g. ``"bau"``), named in ``reference_scenario``.

    Returns
    -------
    pandas.DataFrame
        One row per scenario (:data:`COMPARISON_COLUMNS`): horizon NPV cost [KZT], tonnes
        diverted over the horizon [t], cumulative net emissions [t CO2e], their differences to
        the reference, the discounted tonnes diverted and t CO2e abated, and the levelised
        costs of diversion [KZT/t] and of abatement [KZT/t CO2e] (the measure of record; NaN
        for the reference and where nothing more is diverted or abated).  The legacy
        ``cost_per_t_diverted_kzt`` and ``abatement_cost_kzt_per_tco2e`` divide by
        undiscounted tonnes.
    """
    by_id = {r.scenario: r.totals() for r in results}
    if baseline not in by_id:
        raise ValueError(f"baseline {baseline!r} is not among the results: {sorted(by_id)}")
    base = by_id[baseline]
    rows = [_row(sid, t, base, baseline) for sid, t in by_id.items()]
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def cheapest_per_tonne_diverted(comparison: pd.DataFrame) -> str | None:
    """Id of the option with the lowest levelised cost of diversion, ``None`` if no option
    diverts more than the reference."""
    col = comparison["levelised_cost_of_diversion_kzt_per_t"].dropna()
    return None if col.empty else str(comparison.loc[col.idxmin(), "scenario"])


def mac_curve(comparison: pd.DataFrame, levelised: bool = True) -> pd.DataFrame:
    """Marginal abatement cost curve from :func:`compare`.

    Options that abate something are sorted by abatement cost (cheapest first); each is a bar
    starting where the previous ended.  By default heights are the levelised cost of
    abatement and widths the discounted t CO2e abated, so a bar's area is the option's
    Δ discounted cost; ``levelised=False`` gives the legacy curve (ΔNPV ÷ undiscounted
    t CO2e, undiscounted widths).

    Returns
    -------
    pandas.DataFrame
        The curve in use: ``scenario, abatement_cost_kzt_per_tco2e`` (bar height),
        ``abated_tco2e`` (bar width), ``start_tco2e, end_tco2e``; then both measures by name,
        ``levelised_cost_of_abatement_kzt_per_tco2e, discounted_abated_tco2e,
        legacy_abatement_cost_kzt_per_tco2e, undiscounted_abated_tco2e``.
    """
    cost, width_col = (
        ("levelised_cost_of_abatement_kzt_per_tco2e", "discounted_abated_tco2e")
        if levelised
        else ("abatement_cost_kzt_per_tco2e", "abated_tco2e")
    )
    rows = comparison[comparison[width_col] > 0].sort_values(cost)
    width = rows[width_col]
    end = width.cumsum()
    return pd.DataFrame(
        {
            "scenario": rows["scenario"].to_numpy(),
            "abatement_cost_kzt_per_tco2e": rows[cost].to_numpy(),
            "abated_tco2e": width.to_numpy(),
            "start_tco2e": (end - width).to_numpy(),
            "end_tco2e": end.to_numpy(),
            "levelised_cost_of_abatement_kzt_per_tco2e": rows[
                "levelised_cost_of_abatement_kzt_per_tco2e"
            ].to_numpy(),
            "discounted_abated_tco2e": rows["discounted_abated_tco2e"].to_numpy(),
            "legacy_abatement_cost_kzt_per_tco2e": rows["abatement_cost_kzt_per_tco2e"].to_numpy(),
            "undiscounted_abated_tco2e": rows["abated_tco2e"].to_numpy(),
        }
    )


_UNITS = {
    "npv_cost_kzt": "KZT",
    "diverted_t": "t",
    "net_emissions_tco2e": "tCO2e",
    "delta_npv_cost_kzt": "KZT",
    "delta_diverted_t": "t",
    "abated_tco2e": "tCO2e",
    "cost_per_t_diverted_kzt": "KZT/t",
    "abatement_cost_kzt_per_tco2e": "KZT/tCO2e",
    "discounted_diverted_t": "t",
    "delta_discounted_diverted_t": "t",
    "discounted_abated_tco2e": "tCO2e",
    "levelised_cost_of_diversion_kzt_per_t": "KZT/t",
    "levelised_cost_of_abatement_kzt_per_tco2e": "KZT/tCO2e",
}


def comparison_rows(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as economics-CSV rows (:data:`ECONOMICS_COLUMNS`; region and year
    empty, payer empty).

    Items are ``vs_baseline:<column>``; the two levelised figures name their reference
    scenario in a third part, ``vs_baseline:levelised_cost_of_diversion_kzt_per_t:<ref>``.
    """
    values = comparison.drop(columns="reference_scenario")
    long = values.melt(id_vars="scenario", var_name="item", value_name="value")
    ref = comparison.set_index("scenario")["reference_scenario"]
    suffix = long["scenario"].map(ref).where(long["item"].isin(LEVELISED))
    unit = long["item"].map(_UNITS)
    long["item"] = "vs_baseline:" + long["item"] + (":" + suffix).fillna("")
    return long.assign(region="", year=pd.NA, payer="", unit=unit)[ECONOMICS_COLUMNS]


def summary_lines(comparison: pd.DataFrame) -> list[str]:
    """One line per option for the command line: levelised costs against the reference."""
    lines = []
    for row in comparison.itertuples(index=False):
        if row.scenario == row.reference_scenario:
            continue
        lines.append(
            f"{row.scenario} vs {row.reference_scenario}: levelised cost of diversion "
            f"{row.levelised_cost_of_diversion_kzt_per_t:,.0f} KZT/t, of abatement "
            f"{row.levelised_cost_of_abatement_kzt_per_tco2e:,.0f} KZT/tCO2e (negative = saving)"
        )
    return lines
