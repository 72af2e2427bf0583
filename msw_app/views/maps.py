"""Points to draw on a map: districts and facilities in the year in focus (no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from msw_app.views.scenarios import year_index
from planner.projection import Projection
from planner.schema import Names, Scenario


def map_points(scenario: Scenario, projection: Projection, year: int) -> pd.DataFrame:
    """Districts and facilities to draw on a map in the year in focus.

    Parameters
    ----------
    scenario : Scenario
        The scenario (baseline facilities and the new ones among its levers).
    projection : Projection
        Its projection (for generated tonnes and which facilities operate).
    year : int
        Year in focus [yr].

    Returns
    -------
    pandas.DataFrame
        Columns ``kind`` (``district``, ``landfill``, ``sorting``, ``composting``), ``id``,
        ``region``, ``name_ru``/``name_kk``/``name_en``, ``lat``, ``lon`` [°], ``value``
        (generated [t/yr] for districts, capacity [t/yr] for sorting and composting,
        remaining capacity at year end [t] for landfills), ``operating`` (bool) and ``new``
        (bool: built by the scenario).
    """
    t = year_index(projection, year)
    baseline = scenario.resolved_baseline()
    rows: list[dict[str, Any]] = []
    generated = projection.arrays["generated"][t].sum(axis=1)
    index = {d: i for i, d in enumerate(projection.inputs.district_ids)}
    for region in baseline.regions:
        for d in region.districts:
            rows.append(
                _point("district", d.id, region.id, d.name, d.lat, d.lon)
                | {"value": float(generated[index[d.id]]), "operating": True, "new": False}
            )
    new_ids = {
        f.id
        for kind in ("new_sorting_lines", "new_composting_sites", "new_landfills")
        for f in getattr(scenario.levers, kind)
    }
    for plan in projection.inputs.sorting + projection.inputs.composting:
        f = plan.facility
        rows.append(
            _point(plan.kind, f.id, plan.region, f.name, f.lat, f.lon)
            | {
                "value": float(f.capacity_t_per_yr),  # type: ignore[attr-defined]
                "operating": bool(plan.operating[t]),
                "new": f.id in new_ids,
            }
        )
    for plan in projection.inputs.landfills:
        f = plan.facility
        remaining = float(projection.lf_state[f.id]["remaining_t"][t])
        rows.append(
            _point("landfill", f.id, plan.region, f.name, f.lat, f.lon)
            | {"value": remaining, "operating": bool(plan.operating[t]), "new": f.id in new_ids}
        )
    return pd.DataFrame(rows)


def _point(kind: str, ident: str, region: str, name: Names, lat: float, lon: float) -> dict:
    return {
        "kind": kind,
        "id": ident,
        "region": region,
        "name_ru": name.ru,
        "name_kk": name.kk,
        "name_en": name.en,
        "lat": float(lat),
        "lon": float(lon),
    }
