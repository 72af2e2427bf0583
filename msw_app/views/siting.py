"""The siting page's figures for the region in view, and marker positions that do not hide each
other.  Streamlit-free, so tests call it directly.

The plan is solved for both regions (a district is served only within its region, so each
region's part of the plan is the plan for that region); this module cuts the plan's tables and
totals to one region and spreads markers that would cover each other on the map.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planner.siting.plan import SitingPlan

ALL = "all"
"""The region choice that shows both regions."""


def in_region(frame: pd.DataFrame, region: str, column: str = "region") -> pd.DataFrame:
    """The rows of ``frame`` in ``region`` (all rows for :data:`ALL`)."""
    if region == ALL or not len(frame) or column not in frame:
        return frame
    return frame[frame[column] == region]


def region_summary(plan: SitingPlan, region: str) -> dict[str, float]:
    """The plan's totals for one region, with the keys of :attr:`SitingPlan.summary` the page
    shows: ``new_lines`` [-], ``capex_new_kzt`` [KZT], ``annual_cost_kzt`` [KZT/yr],
    ``cost_per_t_kzt``, ``net_cost_per_t_kzt`` [KZT/t], ``served_t`` [t/yr].

    For :data:`ALL` the plan's own summary; otherwise fixed costs of the region's open lines
    + sorting and transport of its districts' tonnes (NaN per tonne when nothing is served).
    """
    s = plan.summary
    if region == ALL:
        return {k: s[k] for k in _SUMMARY_KEYS}
    lines = in_region(plan.lines, region)
    a = in_region(plan.assignments, region)
    new = lines[lines.status == "new"] if len(lines) else lines
    served = float(a.tonnes.sum()) if len(a) else 0.0
    transport = float(a.transport_kzt.sum()) if len(a) else 0.0
    fixed = float(lines.annual_fixed_kzt.sum()) if len(lines) else 0.0
    annual = fixed + served * plan.problem.options.sorting_cost_kzt_per_t + transport
    value = served * plan.problem.value_kzt_per_t
    return {
        "new_lines": int(len(new)),
        "capex_new_kzt": float(new.capex_kzt.sum()) if len(new) else 0.0,
        "annual_cost_kzt": annual,
        "cost_per_t_kzt": annual / served if served else float("nan"),
        "net_cost_per_t_kzt": (annual - value) / served if served else float("nan"),
        "served_t": served,
    }


_SUMMARY_KEYS = (
    "new_lines",
    "capex_new_kzt",
    "annual_cost_kzt",
    "cost_per_t_kzt",
    "net_cost_per_t_kzt",
    "served_t",
)


def spread_markers(
    lat: list[float] | np.ndarray,
    lon: list[float] | np.ndarray,
    min_deg: float = 0.12,
) -> tuple[list[float], list[float]]:
    """Positions [°] at which no two markers are closer than ``min_deg``.

    Points are placed in order; a point too close to one already placed moves onto a ring of
    radius ``min_deg`` around its own position (12 directions, then a ring twice as wide)
    until it is clear, so the later marker (e.g. a new line drawn after an announced one at
    the same site) sits beside the earlier one instead of under it.  Longitudes are stretched
    by 1 / cos(latitude) so that the distance is the same on the map in every direction.
    """
    placed: list[tuple[float, float]] = []
    for y, x in zip(map(float, lat), map(float, lon), strict=True):
        stretch = 1.0 / max(math.cos(math.radians(y)), 0.2)
        spot = (y, x)
        for ring in (0, 1, 2, 3):
            options = [(y, x)] if ring == 0 else _ring(y, x, ring * min_deg, stretch)
            free = [p for p in options if _clear(p, placed, min_deg, stretch)]
            if free:
                spot = free[0]
                break
        placed.append(spot)
    return [p[0] for p in placed], [p[1] for p in placed]


def _ring(y: float, x: float, radius: float, stretch: float) -> list[tuple[float, float]]:
    angles = [math.radians(a) for a in range(45, 405, 30)]
    return [(y + radius * math.sin(a), x + radius * stretch * math.cos(a)) for a in angles]


def _clear(
    p: tuple[float, float], placed: list[tuple[float, float]], min_deg: float, stretch: float
) -> bool:
    return all(
        math.hypot(p[0] - q[0], (p[1] - q[1]) / stretch) >= min_deg * (1 - 1e-9) for q in placed
    )


STATUS_ORDER: tuple[str, ...] = ("existing", "announced", "new")
"""Order in which lines are drawn (and placed): a new line comes last, on top."""


MAP_MIN_DEG = 0.35
"""Least distance between two line markers on the siting map [°]: about a large marker's
width on a 1,280 px screen showing both regions (≈ 45 px per degree)."""


def map_layers(
    plan: SitingPlan,
    frames: dict[str, pd.DataFrame],
    region: str,
    min_deg: float = MAP_MIN_DEG,
) -> dict:
    """The map's frames (from :func:`planner.siting.plan.map_frames`) for ``region``, with the
    lines at positions that do not hide each other (``map_lat``, ``map_lon`` [°], see
    :func:`spread_markers`) and the links ending at those positions."""
    out = {k: in_region(v, region) for k, v in frames.items()}
    lines = out["lines"]
    if len(lines):
        rank = {s: i for i, s in enumerate(STATUS_ORDER)}
        lines = lines.sort_values("status", key=lambda s: s.map(rank), kind="stable")
        lat, lon = spread_markers(lines.lat.to_numpy(), lines.lon.to_numpy(), min_deg)
        lines = lines.assign(map_lat=lat, map_lon=lon)
        out["lines"] = lines
        links = out["links"]
        if len(links):
            shown = dict(zip(lines.site, zip(lat, lon, strict=True), strict=True))
            links = links.assign(
                site_lat=[shown.get(s, (y, x))[0] for s, y, x in _sites(links)],
                site_lon=[shown.get(s, (y, x))[1] for s, y, x in _sites(links)],
            )
            out["links"] = links
    return out


def _sites(links: pd.DataFrame):
    return zip(links.site, links.site_lat, links.site_lon, strict=True)
