"""Tidy CSV export of projections."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from planner.projection import FLOW_COLUMNS, KPI_COLUMNS, Projection


def flows_frame(results: Sequence[Projection]) -> pd.DataFrame:
    """Flows of several projections in one tidy table (columns :data:`FLOW_COLUMNS`)."""
    return pd.concat([r.flows for r in results], ignore_index=True)[FLOW_COLUMNS]


def kpis_frame(results: Sequence[Projection]) -> pd.DataFrame:
    """KPIs of several projections in one tidy table (columns :data:`KPI_COLUMNS`)."""
    return pd.concat([r.kpis for r in results], ignore_index=True)[KPI_COLUMNS]


def flows_csv(results: Sequence[Projection]) -> str:
    """The flows CSV as text (UTF-8, ``\\n`` line ends)."""
    return flows_frame(results).to_csv(index=False, lineterminator="\n")


def kpis_csv(results: Sequence[Projection]) -> str:
    """The KPI CSV as text; NaN (undefined, e.g. years left with nothing landfilled) is empty."""
    return kpis_frame(results).to_csv(index=False, lineterminator="\n")


def write_flows_csv(results: Sequence[Projection], path: str | Path) -> None:
    """Write the flows CSV to ``path`` (UTF-8)."""
    Path(path).write_text(flows_csv(results), encoding="utf-8")


def write_kpis_csv(results: Sequence[Projection], path: str | Path) -> None:
    """Write the KPI CSV to ``path`` (UTF-8)."""
    Path(path).write_text(kpis_csv(results), encoding="utf-8")
