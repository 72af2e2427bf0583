"""What a plan does: the scenario with the plan's lines added, its effect on the flows, the
plan as a CSV and the frames of its map."""

from __future__ import annotations

import pandas as pd

from planner.export import neutralise_frame
from planner.io import scenario_from_dict
from planner.new_facility import facility_names
from planner.projection import Projection, project
from planner.schema import Scenario
from planner.siting.solve import SitingPlan
from planner.targets import region_ids


def extended_districts(scenario: Scenario, plan: SitingPlan) -> dict[str, list[str]]:
    """Districts the plan sends to an announced line of the scenario beyond the ones it
    serves: line id → district ids (in the plan's order; lines without any are left out).

    With :attr:`SitingOptions.open_lines_serve_region` an announced line's spare capacity
    serves other districts of its region; applying the plan adds them to the line's
    ``districts_served``.  An existing (baseline) line is not a lever: what the plan sends to
    it from other districts stays in the plan's tables only.
    """
    own = {line.id: set(line.districts_served) for line in scenario.levers.new_sorting_lines}
    a = plan.assignments
    out: dict[str, list[str]] = {}
    for site, district in zip(a.site, a.district, strict=True) if len(a) else []:
        if site in own and district not in own[site]:
            districts = out.setdefault(site, [])
            if district not in districts:
                districts.append(district)
    return out


def apply_plan(scenario: Scenario, plan: SitingPlan, start_year: int | None = None) -> Scenario:
    """The scenario with the plan's new lines added as sorting lines from ``start_year``.

    Each new line serves the districts the plan assigns to it and is named in each language
    after its place (:func:`planner.new_facility.facility_names`: "Новая линия: г. Семей").
    Lines at one site are merged into one line of their summed capacity.  Announced lines
    also serve the districts the plan sends to them (:func:`extended_districts`).
    """
    start = start_year or plan.problem.options.start_year
    data = scenario.model_dump(mode="json")
    extended = extended_districts(scenario, plan)
    for line in data["levers"]["new_sorting_lines"]:
        line["districts_served"] += extended.get(line["id"], [])
    existing = {s["id"] for s in data["levers"]["new_sorting_lines"]}
    new = plan.lines[plan.lines.status == "new"] if len(plan.lines) else plan.lines
    capex_kzt_per_t = plan.problem.options.capex_kzt_per_t_yr
    names = {f.site_id: f.name for f in plan.problem.facilities}
    for site, group in new.groupby("site", sort=False) if len(new) else []:
        served = (
            plan.assignments[(plan.assignments.site == site) & (plan.assignments.status == "new")]
            .district.unique()
            .tolist()
        )
        if not served:
            continue
        line_id = f"planned_{site}"
        suffix = 2
        while line_id in existing:
            line_id, suffix = f"planned_{site}_{suffix}", suffix + 1
        existing.add(line_id)
        capacity = float(group.capacity_t_per_yr.sum())
        first = group.iloc[0]
        place = plan.problem.names.get(site) or names.get(site, site)
        data["levers"]["new_sorting_lines"].append(
            {
                "id": line_id,
                "region": first.region,
                "name": facility_names("new_sorting_lines", place),
                "lat": float(first.lat),
                "lon": float(first.lon),
                "districts_served": served,
                "start_year": start,
                "capacity_t_per_yr": capacity,
                "capex_kzt": capacity * capex_kzt_per_t,
                "sources": {
                    "capacity_t_per_yr": {
                        "text": "Chosen by the siting optimiser (planner.siting.plan)",
                        "confidence": "EST",
                    }
                },
            }
        )
    return scenario_from_dict(data, scenario.id)


PLAN_CSV_COLUMNS = [
    "scenario",
    "site",
    "status",
    "region",
    "lat",
    "lon",
    "capacity_t_per_yr",
    "district",
    "tonnes",
    "distance_km",
    "transport_kzt",
]
"""Columns of :func:`plan_csv` (a header only when the plan serves nothing)."""


def plan_csv(plan: SitingPlan, scenario_id: str) -> str:
    """The plan as a tidy CSV: one row per (line, district) assignment; text cells
    neutralised against spreadsheet formulas (:func:`planner.export.neutralise_frame`)."""
    lines = plan.lines.set_index("site") if len(plan.lines) else None
    rows = []
    for a in plan.assignments.itertuples():
        line = lines.loc[a.site] if lines is not None else None
        if isinstance(line, pd.DataFrame):
            line = line.iloc[0]
        rows.append(
            {
                "scenario": scenario_id,
                "site": a.site,
                "status": a.status,
                "region": a.region,
                "lat": line.lat,
                "lon": line.lon,
                "capacity_t_per_yr": float(
                    plan.lines[plan.lines.site == a.site].capacity_t_per_yr.sum()
                ),
                "district": a.district,
                "tonnes": a.tonnes,
                "distance_km": a.distance_km,
                "transport_kzt": a.transport_kzt,
            }
        )
    frame = pd.DataFrame(rows, columns=PLAN_CSV_COLUMNS)
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


def lines_csv(plan: SitingPlan, scenario_id: str) -> str:
    """The plan's open lines as a CSV: ``scenario`` and the columns of :attr:`SitingPlan.lines`
    (text cells neutralised against spreadsheet formulas: site names are the user's text)."""
    lines = plan.lines.copy()
    lines.insert(0, "scenario", scenario_id)
    return neutralise_frame(lines).to_csv(index=False, lineterminator="\n")


def plan_effect(scenario: Scenario, plan: SitingPlan, start_year: int | None = None) -> dict:
    """What applying the plan does in the design year.

    Returns
    -------
    dict
        ``landfilled_before_t``, ``landfilled_after_t``, ``diverted_t`` (less landfilled),
        ``recycled_extra_t`` [t/yr], ``processing_before``, ``processing_after``,
        ``recycling_before``, ``recycling_after`` [-] (totals over both regions, design year),
        and ``regions``: the same figures of each region, by region id in the baseline's
        order (a region's own shares, not its part of the total).
    """
    year = plan.problem.options.design_year
    before = project(scenario)
    after = project(apply_plan(scenario, plan, start_year))
    i = before.years.index(year)
    effect: dict = effect_in_region(before, after, i)
    effect["regions"] = {r: effect_in_region(before, after, i, r) for r in region_ids(before)}
    return effect


def effect_in_region(
    before: Projection, after: Projection, i: int, region: str = ""
) -> dict[str, float]:
    """The figures of :func:`plan_effect` of one region (``""``: both) in the year at index
    ``i``: tonnes landfilled before and after [t/yr], diverted (less landfilled) and recycled
    in addition [t/yr], processing share and recycling rate before and after [-]."""

    def kpi(projection: Projection, name: str) -> float:
        return float(projection.kpi(name, region)[i])

    lb, la = kpi(before, "landfilled_t"), kpi(after, "landfilled_t")
    return {
        "landfilled_before_t": lb,
        "landfilled_after_t": la,
        "diverted_t": lb - la,
        "recycled_extra_t": kpi(after, "recycled_t") - kpi(before, "recycled_t"),
        "processing_before": kpi(before, "processing_share"),
        "processing_after": kpi(after, "processing_share"),
        "recycling_before": kpi(before, "recycling_rate"),
        "recycling_after": kpi(after, "recycling_rate"),
    }


def map_frames(plan: SitingPlan) -> dict[str, pd.DataFrame]:
    """Frames for a map: ``candidates`` (sites), ``lines`` (open lines, merged per site),
    ``districts`` (with demand [t/yr]) and ``links`` (district → line, with tonnes)."""
    prob = plan.problem
    cands = pd.DataFrame(
        [
            (f.site_id, f.name, f.region, f.lat, f.lon)
            for f in prob.facilities
            if f.status == "candidate"
        ],
        columns=["site", "name", "region", "lat", "lon"],
    ).drop_duplicates("site")
    lines = (
        plan.lines.groupby(["site", "name", "region", "lat", "lon", "status"], as_index=False).agg(
            capacity_t_per_yr=("capacity_t_per_yr", "sum"), load_t=("load_t", "sum")
        )
        if len(plan.lines)
        else plan.lines
    )
    districts = pd.DataFrame(
        {
            "district": prob.district_ids,
            "name": prob.district_names,
            "region": prob.district_region,
            "lat": prob.district_lat,
            "lon": prob.district_lon,
            "demand_t": prob.demand_t,
        }
    )
    pos = {f.site_id: (f.lat, f.lon) for f in prob.facilities}
    dpos = dict(
        zip(prob.district_ids, zip(prob.district_lat, prob.district_lon, strict=True), strict=True)
    )
    links = plan.assignments.copy()
    if len(links):
        links["site_lat"] = [pos[s][0] for s in links.site]
        links["site_lon"] = [pos[s][1] for s in links.site]
        links["district_lat"] = [dpos[d][0] for d in links.district]
        links["district_lon"] = [dpos[d][1] for d in links.district]
    for frame, key in ((cands, "site"), (lines, "site"), (districts, "district")):
        if len(frame):
            for lang in ("ru", "kk", "en"):
                frame[f"name_{lang}"] = [
                    prob.names.get(k, {}).get(lang, n)
                    for k, n in zip(frame[key], frame["name"], strict=True)
                ]
    return {"candidates": cands, "lines": lines, "districts": districts, "links": links}
