"""Chart- and table-ready frames built from projections (no Streamlit here).

The Streamlit layer (``msw_app/``) only formats and draws what these functions return: every ratio,
sum and difference shown to the user is computed here, from :class:`planner.Projection`
arrays.  Frames are small (one row per year, district, KPI or link) and carry ids, never
translated labels; names come as ``name_ru``/``name_kk``/``name_en`` columns where needed.

Units follow the rest of the package: tonnes per year [t/yr], shares as fractions [-],
years [yr].
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from msw_app import i18n
from msw_app.views.economics_frames import horizon_figures
from planner.climate import UNCOLLECTED_DUMPS_PREFIX
from planner.projection import FATES, Projection
from planner.schema import Baseline, Levers, Names, Scenario

if TYPE_CHECKING:
    from planner.economics import EconomicsResult

BASELINE_ID = "baseline"
"""Scenario id of the no-lever baseline built by :func:`baseline_scenario`."""

BASELINE_NAMES = Names(**{lang: i18n.t("names.baseline", lang) for lang in i18n.LANGS})
"""Names of the no-lever baseline (catalog key ``names.baseline``)."""

KPI_KIND: dict[str, str] = {
    "generated_t": "tonnes",
    "collected_t": "tonnes",
    "sorted_t": "tonnes",
    "recycled_t": "tonnes",
    "composted_t": "tonnes",
    "landfilled_t": "tonnes",
    "banned_landfilled_t": "tonnes",
    "diversion_rate": "share",
    "recycling_rate": "share",
    "processing_share": "share",
    "collection_coverage": "share",
    "landfill_years_left": "years",
    "progress_to_target_2030": "share",
    "progress_to_target_2050": "share",
}
"""How each KPI is measured: ``tonnes`` [t/yr], ``share`` [-] or ``years`` [yr]."""

HIGHER_IS_BETTER: dict[str, bool] = {
    "generated_t": False,
    "collected_t": True,
    "sorted_t": True,
    "recycled_t": True,
    "composted_t": True,
    "landfilled_t": False,
    "banned_landfilled_t": False,
    "diversion_rate": True,
    "recycling_rate": True,
    "processing_share": True,
    "collection_coverage": True,
    "landfill_years_left": True,
    "progress_to_target_2030": True,
    "progress_to_target_2050": True,
}
"""Whether a rise of the KPI is an improvement (used to colour deltas)."""

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

COMPARE_ECONOMICS_YEAR: tuple[str, ...] = (
    "total_cost_kzt",
    "cost_per_t_diverted_kzt",
    "cost_per_resident_month_kzt",
    "epr_incentives_kzt",
    "ch4_landfill_t",
    "net_emissions_tco2e",
)
"""Money and emissions rows of the comparison for the year in focus (KPIs of
:mod:`planner.economics`, totals of all regions)."""

COMPARE_ECONOMICS_HORIZON: tuple[str, ...] = (
    "npv_cost_horizon_kzt",
    "epr_incentives_horizon_kzt",
    "ch4_landfill_horizon_t",
    "net_emissions_horizon_tco2e",
)
"""Money and emissions rows of the comparison over the whole horizon: NPV of the total cost
[KZT], EPR incentives paid, landfill CH4 emitted and net emissions, summed (not discounted)."""

COMPARE_ECONOMICS_VS_REFERENCE: tuple[str, ...] = (
    "incremental_cost_per_t_diverted_kzt",
    "abatement_cost_kzt_per_tco2e",
)
"""Rows only the differences against a reference have (:func:`planner.economics.compare`):
ΔNPV ÷ extra tonnes diverted [KZT/t] and ΔNPV ÷ emissions abated [KZT/t CO2e]."""

ECONOMICS_KIND: dict[str, str] = {
    "total_cost_kzt": "kzt_per_yr",
    "cost_per_t_diverted_kzt": "kzt_per_t",
    "cost_per_resident_month_kzt": "kzt_per_resident_month",
    "epr_incentives_kzt": "kzt_per_yr",
    "ch4_landfill_t": "t_ch4_per_yr",
    "net_emissions_tco2e": "tco2e_per_yr",
    "npv_cost_horizon_kzt": "kzt",
    "epr_incentives_horizon_kzt": "kzt",
    "ch4_landfill_horizon_t": "t_ch4",
    "net_emissions_horizon_tco2e": "tco2e",
    "incremental_cost_per_t_diverted_kzt": "kzt_per_t",
    "abatement_cost_kzt_per_tco2e": "kzt_per_tco2e",
}
"""Unit of each money and emissions row of the comparison: ``kzt`` [KZT], ``kzt_per_yr``
[KZT/yr], ``kzt_per_t`` [KZT/t], ``kzt_per_resident_month`` [KZT/(person·month)],
``t_ch4_per_yr`` [t CH4/yr], ``t_ch4`` [t CH4], ``tco2e_per_yr`` [t CO2e/yr], ``tco2e``
[t CO2e], ``kzt_per_tco2e`` [KZT/t CO2e]."""

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


# --------------------------------------------------------------------------------------------
# Scenarios
# --------------------------------------------------------------------------------------------


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


def _district_mask(projection: Projection, region: str = "", district: str = "") -> np.ndarray:
    ids = np.asarray(projection.inputs.district_ids)
    regions = np.asarray(projection.inputs.region_of_district)
    mask = np.ones(len(ids), dtype=bool)
    if region:
        mask &= regions == region
    if district:
        mask &= ids == district
    return mask


def _flow_totals(projection: Projection, mask: np.ndarray) -> dict[str, np.ndarray]:
    """Flow totals over the masked districts and all materials, per year [t/yr]."""
    return {name: arr[:, mask, :].sum(axis=(1, 2)) for name, arr in projection.arrays.items()}


# --------------------------------------------------------------------------------------------
# Overview
# --------------------------------------------------------------------------------------------


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
    totals = _flow_totals(projection, _district_mask(projection, region, district))
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
    mask = _district_mask(projection, region, district)
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
        (``share``/``tonnes``/``years``) and ``higher_is_better``.  Undefined values are NaN.
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
                "kind": KPI_KIND.get(name, "share"),
                "higher_is_better": HIGHER_IS_BETTER.get(name, True),
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


def _names_of_districts(baseline: Baseline) -> dict[str, Names]:
    return {d.id: d.name for r in baseline.regions for d in r.districts}


def _names_of_regions(baseline: Baseline) -> dict[str, Names]:
    return {r.id: r.name for r in baseline.regions}


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
    d_names = _names_of_districts(baseline)
    r_names = _names_of_regions(baseline)
    ids = projection.inputs.district_ids
    regions = projection.inputs.region_of_district
    cols = [projection.groups.index((r, d)) for r, d in zip(regions, ids, strict=True)]
    frame = pd.DataFrame(
        {
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
    )
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
        frame[name] = projection.kpi_values[name][t, cols]
    return frame


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


# --------------------------------------------------------------------------------------------
# Compare
# --------------------------------------------------------------------------------------------


def compare_table(
    projections: Sequence[Projection], year: int, kpis: Sequence[str] = COMPARE_KPIS
) -> pd.DataFrame:
    """KPIs of several projections side by side in one year (totals of all regions).

    Parameters
    ----------
    projections : sequence of Projection
        Projections to compare (distinct scenario ids).
    year : int
        Year [yr].
    kpis : sequence of str
        KPI names (rows).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; one column per scenario id, in the given order.
    """
    data = {}
    for p in projections:
        t = year_index(p, year)
        data[p.scenario] = [float(p.kpi(k)[t]) for k in kpis]
    frame = pd.DataFrame(data, index=pd.Index(list(kpis), name="kpi"))
    return frame


def compare_differences(
    projections: Sequence[Projection],
    reference_id: str,
    year: int,
    kpis: Sequence[str] = COMPARE_KPIS,
) -> pd.DataFrame:
    """Differences of each projection against a chosen reference in one year.

    Parameters
    ----------
    projections : sequence of Projection
        Projections to compare; one of them has the id ``reference_id``.
    reference_id : str
        Scenario id of the reference.
    year : int
        Year [yr].
    kpis : sequence of str
        KPI names (rows).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``; one column per other scenario: value − reference value (in the KPI's
        unit; shares as fractions, so 0.05 is 5 percentage points).
    """
    table = compare_table(projections, year, kpis)
    if reference_id not in table.columns:
        raise KeyError(f"reference scenario {reference_id!r} is not among the projections")
    others = [c for c in table.columns if c != reference_id]
    return table[others].sub(table[reference_id], axis=0)


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


# --------------------------------------------------------------------------------------------
# Compare: money and emissions
# --------------------------------------------------------------------------------------------


def economics_figures(result: EconomicsResult, year: int) -> dict[str, float]:
    """The money and emissions rows of the comparison for one scenario.

    Parameters
    ----------
    result : EconomicsResult
        :func:`planner.economics.evaluate` of the scenario.
    year : int
        Year in focus [yr] (clamped to the evaluated years).

    Returns
    -------
    dict
        :data:`COMPARE_ECONOMICS_YEAR` in ``year`` (totals of all regions) and
        :data:`COMPARE_ECONOMICS_HORIZON` over all evaluated years (units in
        :data:`ECONOMICS_KIND`).
    """
    years = list(result.years)
    t = years.index(min(max(int(year), years[0]), years[-1]))
    out = {name: float(result.kpi(name)[t]) for name in COMPARE_ECONOMICS_YEAR}
    return out | horizon_figures(result)


def compare_economics_table(
    results: Sequence[EconomicsResult], year: int, scenarios: Sequence[str] | None = None
) -> pd.DataFrame:
    """Money and emissions of several scenarios side by side.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios (distinct ids).
    year : int
        Year in focus [yr].
    scenarios : sequence of str, optional
        Column order; ids without a result (e.g. a baseline with no ``[economics]`` table)
        get NaN.  Default: the ids of ``results``.

    Returns
    -------
    pandas.DataFrame
        Index ``kpi`` (:data:`COMPARE_ECONOMICS_YEAR` then :data:`COMPARE_ECONOMICS_HORIZON`);
        one column per scenario id.
    """
    rows = [*COMPARE_ECONOMICS_YEAR, *COMPARE_ECONOMICS_HORIZON]
    by_id = {r.scenario: economics_figures(r, year) for r in results}
    columns = list(scenarios) if scenarios is not None else list(by_id)
    data = {sid: [by_id[sid][k] if sid in by_id else np.nan for k in rows] for sid in columns}
    return pd.DataFrame(data, index=pd.Index(rows, name="kpi"), columns=columns, dtype=float)


def compare_economics_differences(
    results: Sequence[EconomicsResult],
    reference_id: str,
    year: int,
    scenarios: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Money and emissions of each scenario against a chosen reference.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios; one of them has the id ``reference_id``.
    reference_id : str
        Scenario id of the reference.
    year : int
        Year in focus [yr].
    scenarios : sequence of str, optional
        Column order as in :func:`compare_economics_table` (the reference is left out).

    Returns
    -------
    pandas.DataFrame
        Index ``kpi``: the rows of :func:`compare_economics_table` as value − reference
        value, then :data:`COMPARE_ECONOMICS_VS_REFERENCE` from
        :func:`planner.economics.compare` (incremental NPV cost per extra tonne diverted
        [KZT/t] and abatement cost [KZT/t CO2e]; NaN where nothing extra is diverted or
        abated).  One column per other scenario.
    """
    from planner.economics import compare

    if reference_id not in {r.scenario for r in results}:
        raise KeyError(f"reference scenario {reference_id!r} has no economics among the results")
    table = compare_economics_table(results, year, scenarios)
    others = [c for c in table.columns if c != reference_id]
    diff = table[others].sub(table[reference_id], axis=0)
    options = compare(results, reference_id).set_index("scenario")
    extra = pd.DataFrame(
        {
            sid: [
                float(options.loc[sid, "cost_per_t_diverted_kzt"])
                if sid in options.index
                else np.nan,
                float(options.loc[sid, "abatement_cost_kzt_per_tco2e"])
                if sid in options.index
                else np.nan,
            ]
            for sid in others
        },
        index=pd.Index(list(COMPARE_ECONOMICS_VS_REFERENCE), name="kpi"),
        columns=others,
        dtype=float,
    )
    return pd.concat([diff, extra])


# --------------------------------------------------------------------------------------------
# Methodology: defaults with their sources
# --------------------------------------------------------------------------------------------


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{_key_text(k)}: {_value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "model_dump"):
        return _value_text(value.model_dump())
    return str(value)


def _key_text(key: Any) -> str:
    return str(getattr(key, "value", key))


def sources_table(scenario: Scenario) -> pd.DataFrame:
    """Every documented default of the scenario with its source and confidence.

    Walks the baseline (parameters, regions, districts, landfills, sorting lines, composting
    sites), the scenario's new facilities and the scenario's own ``sources``.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (``parameters``, ``region``, ``district``, ``landfill``,
        ``sorting``, ``composting``, ``lever``), ``item`` (id), ``field``, ``value`` (as
        text), ``source`` and ``confidence`` (``H``, ``M``, ``L`` or ``EST``).
    """
    baseline = scenario.resolved_baseline()
    rows: list[dict[str, str]] = []

    def add(scope: str, item: str, model: Any, sources: dict) -> None:
        for field, src in sources.items():
            value = getattr(model, field, None) if model is not None else None
            rows.append(
                {
                    "scope": scope,
                    "item": item,
                    "field": field,
                    "value": "" if value is None else _value_text(value),
                    "source": src.text,
                    "confidence": src.confidence.value,
                }
            )

    add("parameters", baseline.id, baseline.parameters, baseline.parameters.sources)
    for region in baseline.regions:
        add("region", region.id, region, region.sources)
        for d in region.districts:
            add("district", d.id, d, d.sources)
        for lf in region.landfills:
            add("landfill", lf.id, lf, lf.sources)
        for s in region.sorting_lines:
            add("sorting", s.id, s, s.sources)
        for c in region.composting_sites:
            add("composting", c.id, c, c.sources)
    levers = scenario.levers
    for kind, scope in (
        ("new_landfills", "landfill"),
        ("new_sorting_lines", "sorting"),
        ("new_composting_sites", "composting"),
    ):
        for f in getattr(levers, kind):
            add(scope, f.id, f, f.sources)
    for path, src in scenario.sources.items():
        head = path.split(".")[0]
        value = getattr(levers, head, None) if head in Levers.model_fields else None
        rows.append(
            {
                "scope": "lever",
                "item": scenario.id,
                "field": path,
                "value": "" if value in (None, {}, []) else _value_text(value),
                "source": src.text,
                "confidence": src.confidence.value,
            }
        )
    return pd.DataFrame(rows, columns=["scope", "item", "field", "value", "source", "confidence"])


def confidence_counts(sources: pd.DataFrame) -> pd.Series:
    """Number of documented figures per confidence level (``H``, ``M``, ``L``, ``EST``)."""
    order = ["H", "M", "L", "EST"]
    return sources["confidence"].value_counts().reindex(order, fill_value=0)


ECONOMICS_SOURCE_GROUPS: tuple[str, ...] = (
    "macro",
    "costs",
    "recyclable_prices",
    "epr",
    "finance",
    "tariffs",
    "landfill_gas",
    "composting",
    "gwp",
    "recycling_credits",
    "legacy",
)
"""Groups of the baseline's ``[economics]`` table, in the order of
:func:`economics_sources_table` (``legacy`` is the deposit history of each landfill)."""


def economics_sources_table(scenario: Scenario) -> pd.DataFrame:
    """Every documented economics and climate default of the baseline with its source.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (one of :data:`ECONOMICS_SOURCE_GROUPS`), ``item`` (the landfill id
        for ``legacy``, else empty), ``field``, ``value`` (as text), ``source`` and
        ``confidence`` (``H``, ``M``, ``L`` or ``EST``): one row per entry of the groups'
        ``sources``.  Empty when the baseline has no ``[economics]`` table.
    """
    columns = ["scope", "item", "field", "value", "source", "confidence"]
    econ = scenario.resolved_baseline().economics
    if econ is None:
        return pd.DataFrame(columns=columns)
    climate = econ.climate
    groups: list[tuple[str, str, Any]] = [
        ("macro", "", econ.macro),
        ("costs", "", econ.costs),
        ("recyclable_prices", "", econ.recyclable_prices),
        ("epr", "", econ.epr),
        ("finance", "", econ.finance),
        ("tariffs", "", econ.tariffs),
        ("landfill_gas", "", climate.landfill_gas),
        ("composting", "", climate.composting),
        ("gwp", "", climate.gwp),
        ("recycling_credits", "", climate.recycling_credits),
        *(("legacy", lid, history) for lid, history in climate.legacy.items()),
    ]
    rows = [
        {
            "scope": scope,
            "item": item,
            "field": field,
            "value": _value_text(getattr(model, field, "")),
            "source": src.text,
            "confidence": src.confidence.value,
        }
        for scope, item, model in groups
        for field, src in model.sources.items()
    ]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------
# Names of facilities, landfill methane by site
# --------------------------------------------------------------------------------------------

UNCOLLECTED_DUMPS_NAMES = {lang: i18n.t("names.uncollected_dumps", lang) for lang in i18n.LANGS}
"""Names of the dumps of uncollected waste (catalog key ``names.uncollected_dumps``)."""

METHANE_CATEGORIES = ("sanitary", "controlled", "uncontrolled", "uncollected_dumps")
"""Categories of :func:`methane_by_category`: the three landfill types, and the dumps of
uncollected waste (type ``uncontrolled`` in the model) shown apart."""


def facility_names(scenario: Scenario) -> dict[str, dict[str, str]]:
    """Names in ru/kk/en of every facility of a scenario, by id.

    Covers the baseline's landfills, sorting lines and composting sites, the new facilities
    of the levers and the per-region dumps of uncollected waste
    (``uncollected_dumps_<region>``: "Illegal dumps (uncollected waste), <region>").
    """
    baseline = scenario.resolved_baseline()
    names: dict[str, dict[str, str]] = {}
    for region in baseline.regions:
        for f in [*region.landfills, *region.sorting_lines, *region.composting_sites]:
            names[f.id] = f.name.model_dump()
        names[UNCOLLECTED_DUMPS_PREFIX + region.id] = {
            lang: f"{UNCOLLECTED_DUMPS_NAMES[lang]}, {getattr(region.name, lang)}"
            for lang in ("ru", "kk", "en")
        }
    for kind in ("new_sorting_lines", "new_composting_sites", "new_landfills"):
        for f in getattr(scenario.levers, kind):
            names[f.id] = f.name.model_dump()
    return names


def _methane_category(landfill: str, kind: str) -> str:
    return "uncollected_dumps" if str(landfill).startswith(UNCOLLECTED_DUMPS_PREFIX) else kind


def methane_by_category(result: EconomicsResult) -> pd.DataFrame:
    """CH4 emitted per year by landfill type, with the dumps of uncollected waste apart.

    Returns
    -------
    pandas.DataFrame
        ``year, category, ch4_t`` [t CH4/yr]; ``category`` from :data:`METHANE_CATEGORIES`
        (only those present), in that order.
    """
    m = result.landfill_methane
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
    regions = _names_of_regions(scenario.resolved_baseline())
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
