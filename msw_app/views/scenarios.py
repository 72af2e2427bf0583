"""The scenario's no-lever baseline and the helpers every presenter shares (no Streamlit):
the year index, district masks and flow totals, district and region names."""

from __future__ import annotations

import numpy as np

from msw_app import i18n
from planner.projection import Projection
from planner.schema import Baseline, Levers, Names, Scenario

BASELINE_ID = "baseline"
"""Scenario id of the no-lever baseline built by :func:`baseline_scenario`."""


BASELINE_NAMES = Names(**{lang: i18n.t("names.baseline", lang) for lang in i18n.LANGS})
"""Names of the no-lever baseline (catalog key ``names.baseline``)."""


def baseline_scenario(scenario: Scenario) -> Scenario:
    """The scenario's baseline with no levers: the reference for KPI deltas.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    Scenario
        Id :data:`BASELINE_ID`, the same baseline and horizon, empty :class:`Levers`.
    """
    return Scenario(
        id=BASELINE_ID,
        name=BASELINE_NAMES,
        baseline=scenario.resolved_baseline(),
        start_year=scenario.start_year,
        end_year=scenario.end_year,
        levers=Levers(),
    )


def year_index(projection: Projection, year: int) -> int:
    """Index of ``year`` in the projection, clamped to the projected range.

    Parameters
    ----------
    projection : Projection
        A projection.
    year : int
        Year [yr].

    Returns
    -------
    int
        Index into ``projection.years``.
    """
    years = projection.years
    clamped = min(max(int(year), years[0]), years[-1])
    return years.index(clamped)


def district_mask(projection: Projection, region: str = "", district: str = "") -> np.ndarray:
    ids = np.asarray(projection.inputs.district_ids)
    regions = np.asarray(projection.inputs.region_of_district)
    mask = np.ones(len(ids), dtype=bool)
    if region:
        mask &= regions == region
    if district:
        mask &= ids == district
    return mask


def flow_totals(projection: Projection, mask: np.ndarray) -> dict[str, np.ndarray]:
    """Flow totals over the masked districts and all materials, per year [t/yr]."""
    return {name: arr[:, mask, :].sum(axis=(1, 2)) for name, arr in projection.arrays.items()}


def names_of_districts(baseline: Baseline) -> dict[str, Names]:
    return {d.id: d.name for r in baseline.regions for d in r.districts}


def names_of_regions(baseline: Baseline) -> dict[str, Names]:
    return {r.id: r.name for r in baseline.regions}
