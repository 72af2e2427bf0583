"""Landfill methane by category and by site for the climate page (no Streamlit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from msw_app.views.names import facility_names
from msw_app.views.scenarios import names_of_regions
from planner.climate import UNCOLLECTED_DUMPS_PREFIX
from planner.schema import Scenario

if TYPE_CHECKING:
    from planner.economics import EconomicsResult
    from planner.landfill_gas import MethaneNote
    from planner.projection import Projection

METHANE_CATEGORIES = ("sanitary", "controlled", "uncontrolled", "uncollected_dumps")
"""Categories of :func:`methane_by_category`: the three landfill types, and the dumps of
uncollected waste (type ``uncontrolled`` in the model) shown apart."""


def _methane_category(landfill: str, kind: str) -> str:
    return "uncollected_dumps" if str(landfill).startswith(UNCOLLECTED_DUMPS_PREFIX) else kind


def methane_by_category(result: EconomicsResult, region: str = "") -> pd.DataFrame:
    """CH4 emitted per year by landfill type in a region (``""``: all), with the dumps of
    uncollected waste apart.

    Returns
    -------
    pandas.DataFrame
        ``year, category, ch4_t`` [t CH4/yr]; ``category`` from :data:`METHANE_CATEGORIES`
        (only those present), in that order.
    """
    m = result.landfill_methane
    if region:
        m = m[m["region"] == region]
    frame = pd.DataFrame(
        {
            "year": m["year"].to_numpy(),
            "category": [
                _methane_category(lf, kind)
                for lf, kind in zip(m["landfill"], m["type"], strict=True)
            ],
            "ch4_t": m["ch4_emitted_t"].to_numpy(dtype=float),
        }
    )
    out = frame.groupby(["category", "year"], as_index=False, sort=False)["ch4_t"].sum()
    order = {c: i for i, c in enumerate(METHANE_CATEGORIES)}
    out["_order"] = out["category"].map(order).fillna(len(order))
    out = out.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


def methane_by_site(result: EconomicsResult, scenario: Scenario, year: int) -> pd.DataFrame:
    """CH4 emitted by each landfill and dump in ``year``, largest first.

    Returns
    -------
    pandas.DataFrame
        ``landfill, region, category, name_ru, name_kk, name_en, region_ru, region_kk,
        region_en, ch4_t`` [t CH4/yr]; ``category`` as in :func:`methane_by_category`.
    """
    m = result.landfill_methane
    years = sorted(set(m["year"]))
    part = m[m["year"] == min(max(int(year), years[0]), years[-1])]
    names = facility_names(scenario)
    regions = names_of_regions(scenario.resolved_baseline())
    rows = []
    for r in part.itertuples(index=False):
        own = names.get(str(r.landfill), {})
        region = regions.get(str(r.region))
        rows.append(
            {
                "landfill": r.landfill,
                "region": r.region,
                "category": _methane_category(r.landfill, r.type),
                **{f"name_{lang}": own.get(lang, str(r.landfill)) for lang in ("ru", "kk", "en")},
                **{
                    f"region_{lang}": getattr(region, lang) if region else str(r.region)
                    for lang in ("ru", "kk", "en")
                },
                "ch4_t": float(r.ch4_emitted_t),
            }
        )
    columns = [
        "landfill",
        "region",
        "category",
        "name_ru",
        "name_kk",
        "name_en",
        "region_ru",
        "region_kk",
        "region_en",
        "ch4_t",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("ch4_t", ascending=False, kind="stable").reset_index(drop=True)


def uncaptured_sanitary_notes(
    result: EconomicsResult, scenario: Scenario, projection: Projection
) -> list[MethaneNote]:
    """The :func:`planner.landfill_gas.methane_notes` of the sanitary landfills with no gas
    collection in any projected year: CH4 emitted over the horizon against the same deposits
    on a dump [t CH4], with the climate parameters of ``result``."""
    from planner import climate as cl
    from planner import landfill_gas as lg

    composition = {
        r.id: cl.per_material({m: float(v) for m, v in r.composition.items()})
        for r in scenario.resolved_baseline().regions
    }
    notes = lg.methane_notes(
        projection.inputs.landfills,
        projection.fac_input,
        projection.years,
        composition,
        result.params.climate,
        lg.capture_by_landfill(scenario),
    )
    return [n for n in notes if n.sanitary_without_capture]
