"""Pseudo-landfills of waste no planned landfill takes: the dumps of uncollected waste and a
region's unplanned dump, shaped like projection landfill plans so that
:func:`planner.climate.landfill_methane` counts their methane like any landfill's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class _Site:
    id: str
    type: str


@dataclass(frozen=True)
class DumpPlan:
    """A region's illegal dumps of uncollected waste, shaped like a projection landfill plan."""

    facility: _Site
    region: str


UNCOLLECTED_DUMPS_PREFIX = "uncollected_dumps_"
"""Id prefix of the per-region pseudo-landfills that hold the uncollected waste dumped on land
(:func:`uncollected_dumps`); the id is the prefix and the region id."""


def uncollected_dumps(
    uncollected_t: FloatArray, region_of_district: Sequence[str], dumped_share: float
) -> tuple[list[DumpPlan], dict[str, FloatArray]]:
    """Uncollected waste that ends on unmanaged dumps, as one pseudo-landfill per region.

    Parameters
    ----------
    uncollected_t : numpy.ndarray
        Uncollected MSW [t/yr], shape ``[year, district, material]``.
    region_of_district : sequence of str
        Region id of each district.
    dumped_share : float
        Share of uncollected waste dumped on land (the rest is burned or used at home and not
        counted here) [-].

    Returns
    -------
    tuple
        Plans (id ``uncollected_dumps_<region>``, type ``uncontrolled``) and their deposits
        ``[year, material]`` [t/yr] by id; empty when ``dumped_share`` is 0.
    """
    if dumped_share <= 0:
        return [], {}
    regions = np.asarray(region_of_district)
    plans, deposits = [], {}
    for region in dict.fromkeys(region_of_district):
        site_id = f"{UNCOLLECTED_DUMPS_PREFIX}{region}"
        plans.append(DumpPlan(_Site(site_id, "uncontrolled"), region))
        deposits[site_id] = uncollected_t[:, regions == region, :].sum(axis=1) * dumped_share
    return plans, deposits


UNPLANNED_DUMP_PREFIX = "unplanned_dump_"
"""Id prefix of a region's unplanned dump: where landfilled waste goes in a year when no
landfill serving its district operates (the id is the prefix and the region id; see
:func:`planner.projection.unplaced_warnings`)."""


def unplanned_dumps(
    unplaced_by_region: dict[str, FloatArray],
) -> tuple[list[DumpPlan], dict[str, FloatArray]]:
    """Landfilled waste no operating landfill took, as one uncontrolled pseudo-landfill per
    region that received any (no deposit history: nobody planned it).

    Parameters
    ----------
    unplaced_by_region : dict
        Region id → unplaced deposits ``[year, material]`` [t/yr].

    Returns
    -------
    tuple
        Plans (id ``unplanned_dump_<region>``, type ``uncontrolled``) and their deposits.
    """
    plans, deposits = [], {}
    for region, dumped in unplaced_by_region.items():
        if not np.any(dumped > 0):
            continue
        site_id = f"{UNPLANNED_DUMP_PREFIX}{region}"
        plans.append(DumpPlan(_Site(site_id, "uncontrolled"), region))
        deposits[site_id] = dumped
    return plans, deposits


__all__ = [
    "UNCOLLECTED_DUMPS_PREFIX",
    "UNPLANNED_DUMP_PREFIX",
    "DumpPlan",
    "uncollected_dumps",
    "unplanned_dumps",
]
