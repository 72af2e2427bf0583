"""Presenters of the uncertainty analysis (Streamlit-free): fan bands, the chance of meeting
the target, the tornado's drivers and their labels."""

from __future__ import annotations

import pandas as pd

from msw_app import i18n
from msw_app.views.names import facility_names, region_names
from planner.dumps import UNCOLLECTED_DUMPS_PREFIX
from planner.schema import Scenario
from planner.targets import DEFAULT_TARGET_YEAR
from planner.uncertainty import QUANTILES, Ensemble, probability_target_met, quantiles

FAN_KPI = "processing_share"
"""The KPI drawn with fan bands on the Overview and Compare pages (the target's indicator)."""


def fan_frame(ensemble: Ensemble, kpi: str, region: str) -> pd.DataFrame:
    """``year, p5, p25, p50, p75, p95`` of a KPI in a region over the draws."""
    q = quantiles(ensemble, kpi)[:, :, ensemble.regions.index(region)]
    return pd.DataFrame({"year": ensemble.years, **dict(zip(QUANTILES, q, strict=True))})


def target_chances(ensemble: Ensemble, year: int = DEFAULT_TARGET_YEAR) -> pd.DataFrame:
    """``region, year, target, probability`` of every region for the target of ``year``
    (empty when the baseline has no target that year or the horizon misses it)."""
    if year not in ensemble.targets or year not in ensemble.years:
        return pd.DataFrame(columns=["region", "year", "target", "probability"])
    return pd.DataFrame(
        [
            (region, year, ensemble.targets[year], probability_target_met(ensemble, year, region))
            for region in ensemble.regions
        ],
        columns=["region", "year", "target", "probability"],
    )


def input_label(key: str, scenario: Scenario, lang: str) -> str:
    """A reader's name of an uncertain input: what it is and where
    (``districts.semey.generation_t_per_cap_yr`` → "Semey city: waste per resident")."""
    parts = key.split(".")
    field = parts[-1]
    what = i18n.t(f"unc.field.{field}", lang) if i18n.has(f"unc.field.{field}") else field
    if parts[0] == "districts":
        names = {d.id: d.name for r in scenario.resolved_baseline().regions for d in r.districts}
        return f"{i18n.name(names.get(parts[1], parts[1]), lang)}: {what}"
    if parts[0] in ("facilities", "legacy"):
        names = facility_names(scenario)
        where = names.get(parts[1])
        if where is None and parts[1].startswith(UNCOLLECTED_DUMPS_PREFIX):
            region = parts[1].removeprefix(UNCOLLECTED_DUMPS_PREFIX)
            where = region_names(scenario).get(region)
        label = i18n.name(where, lang) if where else parts[1]
        return f"{label}: {what}"
    return what


def top_drivers(table: pd.DataFrame, kpi: str, region: str, n: int = 3) -> pd.DataFrame:
    """The ``n`` tornado rows of a KPI and region with the widest swing."""
    rows = table[(table["kpi"] == kpi) & (table["region"] == region)]
    return rows.sort_values("swing", ascending=False, kind="stable").head(n)


def measure_first(table: pd.DataFrame, scenario: Scenario, region: str, lang: str) -> list[str]:
    """Names of the inputs worth measuring first in a region: the widest swings of the 2030
    processing share and of real recycling, in that order, without repeats."""
    names: list[str] = []
    for kpi in ("processing_share", "recycling_rate", "levelised_cost_of_diversion_kzt_per_t"):
        for key in top_drivers(table, kpi, region, 2)["input"]:
            label = input_label(key, scenario, lang)
            if label not in names:
                names.append(label)
    return names[:4]
