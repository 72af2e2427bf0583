"""Tidy CSV export of projections (flows, KPIs) and of their economics and emissions.

Every CSV text goes through :func:`neutralise_frame` (OWASP's advice on CSV injection): a text
cell that a spreadsheet would run as a formula gets a leading ``'``; numbers are untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from planner.kpis import check_known
from planner.projection import FLOW_COLUMNS, KPI_COLUMNS, Projection

if TYPE_CHECKING:
    from planner.economics import EconomicsResult


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def neutralise_cell(value: object) -> object:
    """A cell that no spreadsheet runs as a formula.

    A text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'`` (OWASP's advice), except a number written as text (``-5``, ``+1.5e3``); every other
    value is returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value[0] in "+-" and _is_number(value):
        return value
    return "'" + value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell (and column name) through :func:`neutralise_cell`.

    Numeric columns are untouched; the frame is copied only when a cell changes.
    """
    changed: dict[object, pd.Series] = {}
    for column in frame.columns:
        series = frame[column]
        if series.dtype.kind not in "OSU" and not isinstance(series.dtype, pd.StringDtype):
            continue
        risky = {
            v: neutralise_cell(v)
            for v in pd.unique(series.dropna())
            if isinstance(v, str) and neutralise_cell(v) != v
        }
        if not risky:
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):
            changed[column] = series.cat.rename_categories(lambda c, r=risky: r.get(c, c))
        else:
            cells = [risky.get(v, v) if isinstance(v, str) else v for v in series]
            changed[column] = pd.Series(cells, index=series.index, dtype=series.dtype)
    columns = [neutralise_cell(c) for c in frame.columns]
    if not changed and columns == list(frame.columns):
        return frame
    frame = frame.assign(**{str(k): v for k, v in changed.items()}) if changed else frame.copy()
    frame.columns = columns
    return frame


def frame_csv(frame: pd.DataFrame) -> str:
    """A table as CSV text (UTF-8, ``\\n`` line ends, no index), neutralised against formula
    injection (:func:`neutralise_frame`)."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


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
    return frame_csv(flows_frame(results))


def kpis_csv(results: Sequence[Projection], economics: Sequence[EconomicsResult] = ()) -> str:
    """The KPI CSV as text; NaN (undefined, e.g. years left with nothing landfilled) is empty."""
    return frame_csv(kpis_frame(results, economics))


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
    return frame_csv(economics_frame(economics))


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
    Path(path).write_text(landfills_csv(results), encoding="utf-8")


def landfills_csv(results: Sequence[Projection]) -> str:
    """The landfill CSV as text (UTF-8, ``\\n`` line ends)."""
    return frame_csv(landfills_frame(results))
