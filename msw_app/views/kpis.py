"""KPI cards, series and target progress of a projection (no Streamlit).

Shares are fractions [-], tonnes per year [t/yr], years [yr]; a delta of 0.03 in a share is
3 percentage points."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from msw_app.views.scenarios import year_index
from planner.kpis import kpi_spec, names, progress_to_target
from planner.projection import Projection
from planner.schema import Scenario

CARD_KPIS: tuple[str, ...] = (
    "diversion_rate",
    "processing_share",
    "recycling_rate",
    "collection_coverage",
    "landfilled_t",
    "banned_landfilled_t",
    "landfill_years_left",
)
"""KPIs shown as cards on the overview, in display order."""


COMPARE_KPIS: tuple[str, ...] = (
    "generated_t",
    "collected_t",
    "recycled_t",
    "composted_t",
    "landfilled_t",
    "banned_landfilled_t",
    "diversion_rate",
    "recycling_rate",
    "processing_share",
    "collection_coverage",
    "landfill_years_left",
)
"""KPIs in the side-by-side comparison table, in display order."""


DISPLAY_KIND: dict[str, str] = {
    "flow": "tonnes",
    "share": "share",
    "ratio": "share",
    "years": "years",
}
"""How the app formats each :data:`planner.kpis.KpiKind` of the projection's KPIs:
``tonnes`` [t/yr], ``share`` [-] (a ratio to a target is shown like a share) or ``years``
[yr]."""


def kpi_kind(name: str) -> str:
    """How a projection KPI is formatted (``tonnes``, ``share`` or ``years``), from its kind
    in :data:`planner.kpis.KPIS`."""
    return DISPLAY_KIND[kpi_spec(name).kind]


def higher_is_better(name: str) -> bool | None:
    """Whether a rise of the KPI is an improvement (``None``: neither), from
    :data:`planner.kpis.KPIS` (used to colour deltas)."""
    return kpi_spec(name).higher_is_better


_SHOWN_KPIS = tuple(
    dict.fromkeys(
        [*names("projection", ("flow", "share", "years")), *CARD_KPIS, *COMPARE_KPIS]
        + [progress_to_target(year) for year in (2030, 2050)]
    )
)

KPI_KIND: dict[str, str] = {name: kpi_kind(name) for name in _SHOWN_KPIS}
""":func:`kpi_kind` of every projection KPI (the national target years 2030 and 2050 for the
progress KPIs), read from :data:`planner.kpis.KPIS`."""

HIGHER_IS_BETTER: dict[str, bool | None] = {name: higher_is_better(name) for name in _SHOWN_KPIS}
""":func:`higher_is_better` of the same KPIs, read from :data:`planner.kpis.KPIS`."""


def kpi_cards(
    projection: Projection,
    reference: Projection,
    year: int,
    region: str = "",
    district: str = "",
    kpis: Sequence[str] = CARD_KPIS,
) -> pd.DataFrame:
    """KPI values in the year in focus with their change against a reference projection.

    Parameters
    ----------
    projection : Projection
        The scenario's projection.
    reference : Projection
        The reference, normally the projection of :func:`baseline_scenario`.
    year : int
        Year in focus [yr].
    region, district : str
        The KPI group; empty strings mean the total.
    kpis : sequence of str
        KPI names.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``kpi``; columns ``value``, ``reference``, ``delta`` (value − reference, in
        the KPI's unit: [-] for shares, so a delta of 0.03 is 3 percentage points), ``kind``
        (``share``/``tonnes``/``years``, :func:`kpi_kind`) and ``higher_is_better``
        (:func:`higher_is_better`: ``None`` when neither direction is better).  Undefined
        values are NaN.
    """
    t = year_index(projection, year)
    t_ref = year_index(reference, year)
    rows = []
    for name in kpis:
        value = float(projection.kpi(name, region, district)[t])
        ref = float(reference.kpi(name, region, district)[t_ref])
        rows.append(
            {
                "kpi": name,
                "value": value,
                "reference": ref,
                "delta": value - ref,
                "kind": kpi_kind(name),
                "higher_is_better": higher_is_better(name),
            }
        )
    return pd.DataFrame(rows).set_index("kpi")


def target_progress(projection: Projection, scenario: Scenario) -> pd.DataFrame:
    """Progress towards the national processing-share targets (40 % by 2030, 50 % by 2050).

    Parameters
    ----------
    projection : Projection
        The scenario's projection.
    scenario : Scenario
        The scenario (its baseline holds the targets).

    Returns
    -------
    pandas.DataFrame
        One row per target year: ``year`` [yr], ``target`` [-], ``processing_share`` [-] and
        ``recycling_rate`` [-] in that year, ``progress`` (processing share ÷ target, capped
        at 1) [-], ``met`` (bool: the official indicator, which counts everything sent to
        sorting, reaches the target), ``recycling_progress`` (real recycling rate ÷ target,
        capped at 1) [-] and ``recycling_met`` (bool).  Values are NaN for target years
        outside the horizon.
    """
    targets = scenario.resolved_baseline().parameters.target_processing_share
    rows = []
    total = projection.groups.index(("", ""))
    for year, target in sorted(targets.items()):
        inside = projection.years[0] <= year <= projection.years[-1]
        t = projection.years.index(year) if inside else None
        share = float(projection.kpi_values["processing_share"][t, total]) if inside else np.nan
        recycling = float(projection.kpi_values["recycling_rate"][t, total]) if inside else np.nan
        ratio = share / target if target > 0 else 1.0
        recycling_ratio = recycling / target if target > 0 else 1.0
        rows.append(
            {
                "year": int(year),
                "target": float(target),
                "processing_share": share,
                "recycling_rate": recycling,
                "progress": float(min(ratio, 1.0)) if inside else np.nan,
                "met": bool(inside and share >= target - 1e-12),
                "recycling_progress": float(min(recycling_ratio, 1.0)) if inside else np.nan,
                "recycling_met": bool(inside and recycling >= target - 1e-12),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "target",
            "processing_share",
            "recycling_rate",
            "progress",
            "met",
            "recycling_progress",
            "recycling_met",
        ],
    )


def kpi_series(
    projections: Sequence[Projection], kpi: str, region: str = "", district: str = ""
) -> pd.DataFrame:
    """One KPI over the years for several projections.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``year`` [yr] and ``value`` (the KPI's unit).
    """
    frames = [
        pd.DataFrame(
            {"scenario": p.scenario, "year": p.years, "value": p.kpi(kpi, region, district)}
        )
        for p in projections
    ]
    return pd.concat(frames, ignore_index=True)


def targets_frame(scenario: Scenario) -> pd.DataFrame:
    """The national processing-share targets.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` [yr] and ``share`` [-].
    """
    targets = scenario.resolved_baseline().parameters.target_processing_share
    return pd.DataFrame(
        {"year": [int(y) for y in targets], "share": [float(v) for v in targets.values()]}
    )
