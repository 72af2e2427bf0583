"""The overview page's frames (no Streamlit): fates over time, Sankey links, the district
table [t/yr, -, yr]."""

from __future__ import annotations

import numpy as np
import pandas as pd

from msw_app.views.scenarios import (
    district_mask,
    flow_totals,
    names_of_districts,
    names_of_regions,
    year_index,
)
from planner.projection import FATES, Projection
from planner.schema import Scenario

SANKEY_NODES: tuple[str, ...] = (
    "generated",
    "collected",
    "uncollected",
    "sorting",
    "composting",
    "recycled",
    "composted",
    "landfill",
)
"""Node ids of :func:`sankey_links`, in display order."""


def fates_over_time(projection: Projection, region: str = "", district: str = "") -> pd.DataFrame:
    """Where the generated waste ends, year by year.

    Parameters
    ----------
    projection : Projection
        A projection.
    region, district : str
        Restrict to a region or a district; empty means all.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` [yr], ``fate`` (one of :data:`planner.FATES`), ``tonnes`` [t/yr]; the
        fates of one year sum to the generated tonnes.
    """
    totals = flow_totals(projection, district_mask(projection, region, district))
    years = np.asarray(projection.years)
    return pd.DataFrame(
        {
            "year": np.tile(years, len(FATES)),
            "fate": np.repeat(np.array(FATES, dtype=object), len(years)),
            "tonnes": np.concatenate([totals[f] for f in FATES]),
        }
    )


def sankey_links(
    projection: Projection, year: int, region: str = "", district: str = ""
) -> pd.DataFrame:
    """Flows of one year as Sankey links between the nodes in :data:`SANKEY_NODES`.

    Generated waste is collected or not; collected waste goes to sorting, to composting or
    straight to landfill; sorting yields recycled material and a residue to landfill;
    composting yields compost and rejects to landfill.

    Parameters
    ----------
    projection : Projection
        A projection.
    year : int
        Year in focus [yr] (clamped to the projected range).
    region, district : str
        Restrict to a region or a district; empty means all.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target`` (node ids) and ``tonnes`` [t/yr]; links with no tonnes
        are left out.  What enters the ``landfill`` node equals the landfilled flow.
    """
    t = year_index(projection, year)
    mask = district_mask(projection, region, district)
    s = {name: float(arr[t][mask].sum()) for name, arr in projection.arrays.items()}
    links = [
        ("generated", "collected", s["collected"]),
        ("generated", "uncollected", s["uncollected"]),
        ("collected", "sorting", s["sorted"]),
        ("collected", "composting", s["biotreated"]),
        ("collected", "landfill", s["collected"] - s["sorted"] - s["biotreated"]),
        ("sorting", "recycled", s["recycled"]),
        ("sorting", "landfill", s["sorted"] - s["recycled"]),
        ("composting", "composted", s["composted"]),
        ("composting", "landfill", s["biotreated"] - s["composted"]),
    ]
    frame = pd.DataFrame(links, columns=["source", "target", "tonnes"])
    frame["tonnes"] = frame["tonnes"].clip(lower=0.0)
    return frame[frame["tonnes"] > 1e-9].reset_index(drop=True)


def sankey_node_tonnes(links: pd.DataFrame) -> dict[str, float]:
    """Tonnes through each node of :func:`sankey_links` [t/yr]: what flows in, or for a node
    with no inflow (``generated``) what flows out."""
    inflow = links.groupby("target")["tonnes"].sum()
    outflow = links.groupby("source")["tonnes"].sum()
    return {
        n: float(inflow.get(n, 0.0)) if n in inflow.index else float(outflow.get(n, 0.0))
        for n in SANKEY_NODES
    }


def district_table(projection: Projection, scenario: Scenario, year: int) -> pd.DataFrame:
    """Per-district figures in the year in focus.

    Parameters
    ----------
    projection : Projection
        The scenario's projection.
    scenario : Scenario
        The scenario (for district and region names).
    year : int
        Year in focus [yr].

    Returns
    -------
    pandas.DataFrame
        One row per district: ``region``, ``district``, ``name_ru``/``name_kk``/``name_en``,
        ``region_ru``/``region_kk``/``region_en``, ``population`` [persons], ``generated_t``,
        ``landfilled_t``, ``recycled_t`` [t/yr], ``collection_coverage``,
        ``recycling_rate``, ``diversion_rate``, ``processing_share`` [-] and
        ``landfill_years_left`` [yr].
    """
    t = year_index(projection, year)
    baseline = scenario.resolved_baseline()
    d_names = names_of_districts(baseline)
    r_names = names_of_regions(baseline)
    ids = projection.inputs.district_ids
    regions = projection.inputs.region_of_district
    cols = [projection.groups.index((r, d)) for r, d in zip(regions, ids, strict=True)]
    columns = {
        "region": regions,
        "district": ids,
        "name_ru": [d_names[d].ru for d in ids],
        "name_kk": [d_names[d].kk for d in ids],
        "name_en": [d_names[d].en for d in ids],
        "region_ru": [r_names[r].ru for r in regions],
        "region_kk": [r_names[r].kk for r in regions],
        "region_en": [r_names[r].en for r in regions],
        "population": projection.inputs.population[t],
    }
    for name in (
        "generated_t",
        "landfilled_t",
        "recycled_t",
        "collection_coverage",
        "recycling_rate",
        "diversion_rate",
        "processing_share",
        "landfill_years_left",
    ):
        columns[name] = projection.kpi_values[name][t, cols]
    frame = pd.DataFrame(columns)  # built once: no column-by-column inserts on every rerun
    return frame
