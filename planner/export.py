"""Tidy CSV export of projections (flows, KPIs) and of their economics and emissions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from planner.kpis import check_known
from planner.projection import FLOW_COLUMNS, KPI_COLUMNS, Projection

if TYPE_CHECKING:
    from planner.economics import EconomicsResult


def flows_frame(results: Sequence[Projection]) -> pd.DataFrame:
    """Flows of several projections in one tidy table (columns :data:`FLOW_COLUMNS`)."""
    return pd.concat([r.flows for r in results], ignore_index=True)[FLOW_COLUMNS]


def kpis_frame(
    results: Sequence[Projection], economics: Sequence[EconomicsResult] = ()
) -> pd.DataFrame:
    """KPIs of several projections in one tidy table (columns :data:`KPI_COLUMNS`); every name
    is in :data:`planner.kpis.KPIS` (``KeyError`` otherwise).

    ``economics`` (from :func:`planner.economics.evaluate`) adds each scenario's money and
    emissions KPIs right after its projection KPIs (region and total rows).
    """
    extra = {e.scenario: e.kpis for e in economics}
    frames = []
    for r in results:
        frames.append(r.kpis)
        if r.scenario in extra:
            frames.append(extra[r.scenario])
    table = pd.concat(frames, ignore_index=True)[KPI_COLUMNS]
    check_known(table["kpi"].unique())
    return table


def flows_csv(results: Sequence[Projection]) -> str:
    """The flows CSV as text (UTF-8, ``\\n`` line ends)."""
    return flows_frame(results).to_csv(index=False, lineterminator="\n")


def kpis_csv(results: Sequence[Projection], economics: Sequence[EconomicsResult] = ()) -> str:
    """The KPI CSV as text; NaN (undefined, e.g. years left with nothing landfilled) is empty."""
    return kpis_frame(results, economics).to_csv(index=False, lineterminator="\n")


def economics_frame(economics: Sequence[EconomicsResult]) -> pd.DataFrame:
    """Costs by item and payer, memo items and emissions of several scenarios in one tidy table
    (:data:`planner.economics.ECONOMICS_COLUMNS`).  With two or more scenarios, rows with items
    ``vs_baseline:…`` (region and year empty) compare each with the first one."""
    from planner.economics import ECONOMICS_COLUMNS, compare, comparison_rows

    frames = [e.table for e in economics]
    if len(economics) >= 2:
        frames.append(comparison_rows(compare(economics, economics[0].scenario)))
    return pd.concat(frames, ignore_index=True)[ECONOMICS_COLUMNS]


def economics_csv(economics: Sequence[EconomicsResult]) -> str:
    """The economics CSV as text (UTF-8, ``\\n`` line ends)."""
    return economics_frame(economics).to_csv(index=False, lineterminator="\n")


def write_flows_csv(results: Sequence[Projection], path: str | Path) -> None:
    """Write the flows CSV to ``path`` (UTF-8)."""
    Path(path).write_text(flows_csv(results), encoding="utf-8")


def write_kpis_csv(
    results: Sequence[Projection], path: str | Path, economics: Sequence[EconomicsResult] = ()
) -> None:
    """Write the KPI CSV to ``path`` (UTF-8), with the economics KPIs when given."""
    Path(path).write_text(kpis_csv(results, economics), encoding="utf-8")


def write_economics_csv(economics: Sequence[EconomicsResult], path: str | Path) -> None:
    """Write the economics CSV to ``path`` (UTF-8)."""
    Path(path).write_text(economics_csv(economics), encoding="utf-8")


LANDFILL_COLUMNS = [
    "scenario",
    "landfill",
    "region",
    "type",
    "year",
    "operating",
    "deposited_t",
    "remaining_capacity_t",
    "over_capacity_t",
    "years_left",
    "full_year",
]
"""Columns of the landfill CSV; ``full_year`` is the first year at whose end the landfill is
full (empty if never within the horizon)."""


def landfills_frame(results: Sequence[Projection]) -> pd.DataFrame:
    """Landfill state of several projections, with each landfill's full year."""
    frames = []
    for r in results:
        table = r.landfills.copy()
        table["full_year"] = table["landfill"].map(r.landfill_full_year).astype("Int64")
        frames.append(table)
    return pd.concat(frames, ignore_index=True)[LANDFILL_COLUMNS]


def write_landfills_csv(results: Sequence[Projection], path: str | Path) -> None:
    """Write the landfill CSV to ``path`` (UTF-8)."""
    Path(path).write_text(
        landfills_frame(results).to_csv(index=False, lineterminator="\n"), encoding="utf-8"
    )
