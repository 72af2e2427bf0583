"""Table rows for the Assumptions page's editors, and the edits those rows make.

Presentation glue: it turns a scenario into rows the data editors show (names in the user's
language, empty cells for unset values) and edited rows back into lever entries, which
:mod:`planner.edit` validates.  Streamlit-free, so tests call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from planner.edit import coverage_target
from planner.new_facility import (
    CAPACITY_FIELD,
    ID_PREFIX,
    KINDS,
    load_cost_menu,
    suggested_capex_kzt,
)
from planner.resolve import generation_per_cap_t
from planner.schema import Scenario

FACILITY_LEVERS: tuple[str, ...] = KINDS
"""Lever lists of new facilities, editable as tables (:data:`planner.new_facility.KINDS`)."""

DEFAULT_LANDFILL_TYPE = "sanitary"
"""The type of a new landfill whose row leaves it blank (a new landfill is built to the
sanitary standard)."""


def district_rows(scenario: Scenario, lang: str) -> list[dict[str, Any]]:
    """Per-district lever table: generation per person and the coverage target.

    Returns
    -------
    list of dict
        Keys ``district``, ``name`` (in ``lang``), ``base_generation_t_per_cap_yr``
        [t/(person·yr)], ``generation_t_per_cap_yr`` (effective) [t/(person·yr)],
        ``base_coverage`` [-], ``coverage_target`` [-] and ``coverage_year`` [yr] (``None``
        when the district has no target of its own).
    """
    levers = scenario.levers
    rows = []
    for region in scenario.resolved_baseline().regions:
        for d in region.districts:
            per_cap = generation_per_cap_t(levers, d.id, d.generation_t_per_cap_yr)
            target = coverage_target(scenario, d.id)
            rows.append(
                {
                    "district": d.id,
                    "name": getattr(d.name, lang, d.name.en),
                    "base_generation_t_per_cap_yr": float(d.generation_t_per_cap_yr),
                    "generation_t_per_cap_yr": float(per_cap),
                    "base_coverage": float(d.collection_coverage),
                    "coverage_target": None if target is None else target[1],
                    "coverage_year": None if target is None else target[0],
                }
            )
    return rows


def district_edits(scenario: Scenario, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Edits for the per-district table returned by the UI (see :func:`district_rows`).

    A generation value equal to the baseline's leaves no override; a coverage target needs
    both a share and a year, otherwise the district keeps only the all-district target.

    Returns
    -------
    dict
        ``{"levers.generation_t_per_cap_yr": {...}, "levers.collection_coverage": {...}}``.
    """
    base = {d.id: d for r in scenario.resolved_baseline().regions for d in r.districts}
    levers = scenario.levers
    generation: dict[str, float] = {
        k: v for k, v in levers.generation_t_per_cap_yr.items() if k == "*"
    }
    coverage: dict[str, dict[int, float]] = {
        k: dict(v) for k, v in levers.collection_coverage.items() if k == "*"
    }
    inherited = levers.model_copy(update={"generation_t_per_cap_yr": dict(generation)})
    for row in rows:
        d = row["district"]
        value = row.get("generation_t_per_cap_yr")
        default = generation_per_cap_t(inherited, d, base[d].generation_t_per_cap_yr)
        if _present(value) and abs(float(value) - default) > 1e-12:
            generation[d] = float(value)
        share, year = row.get("coverage_target"), row.get("coverage_year")
        if _present(share) and _present(year):
            coverage[d] = {int(year): float(share)}
    return {
        "levers.generation_t_per_cap_yr": generation,
        "levers.collection_coverage": coverage,
    }


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        return not bool(np.isnan(value))
    except TypeError:
        return value != ""


# --------------------------------------------------------------------------------------------
# Facility tables
# --------------------------------------------------------------------------------------------


def facility_rows(scenario: Scenario, kind: str, lang: str) -> list[dict[str, Any]]:
    """The new facilities of one lever list as flat table rows.

    Parameters
    ----------
    scenario : Scenario
        A scenario.
    kind : str
        One of :data:`FACILITY_LEVERS`.
    lang : {"ru", "kk", "en"}
        Language of the ``name`` column.

    Returns
    -------
    list of dict
        Keys ``id``, ``name``, ``region``, ``districts_served`` (list of ids),
        ``start_year`` [yr], ``capacity`` (``capacity_t_per_yr`` [t/yr] or
        ``remaining_capacity_t`` [t] for landfills), ``capex_kzt`` [KZT], ``lat``, ``lon``
        [°] and, for landfills, ``type``.
    """
    entries = [f.model_dump(mode="json") for f in getattr(scenario.levers, kind)]
    return rows_from_entries(entries, kind, lang)


def rows_from_entries(entries: list[dict[str, Any]], kind: str, lang: str) -> list[dict[str, Any]]:
    """Table rows (see :func:`facility_rows`) from lever entries (dicts, possibly invalid)."""
    rows = []
    for entry in entries:
        names = entry.get("name") or {}
        row = {
            "id": entry.get("id"),
            "name": names.get(lang) or names.get("en") if isinstance(names, dict) else names,
            "region": entry.get("region"),
            "districts_served": list(entry.get("districts_served") or []),
            "start_year": entry.get("start_year"),
            "capacity": entry.get(CAPACITY_FIELD[kind]),
            "capex_kzt": entry.get("capex_kzt"),
            "lat": entry.get("lat"),
            "lon": entry.get("lon"),
        }
        if kind == "new_landfills":
            # the model's default, shown (an empty choice cell reads "Select..." in English)
            row["type"] = entry.get("type") or DEFAULT_LANDFILL_TYPE
        rows.append(row)
    return rows


def facilities_from_rows(
    scenario: Scenario, kind: str, rows: list[dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    """Lever entries (dicts for validation) from edited table rows.

    Rows keep the other languages' names and the sources of a facility whose id is
    unchanged.  Blank ids become ``<kind>_<n>``; blank names the id; a missing region is
    taken from the first district served; missing coordinates are the mean of the served
    districts' centres; a blank capex is the cost menu's for the capacity
    (:func:`planner.new_facility.suggested_capex_kzt`; 0 only when the user types 0).
    Nothing is range-checked here: validation reports the problems.

    Parameters
    ----------
    scenario : Scenario
        The scenario being edited.
    kind : str
        One of :data:`FACILITY_LEVERS`.
    rows : list of dict
        Rows as from :func:`facility_rows`, possibly edited, added or removed.
    lang : {"ru", "kk", "en"}
        Language of the ``name`` column.

    Returns
    -------
    list of dict
        Entries for ``levers.<kind>``.
    """
    existing = {f.id: f for f in getattr(scenario.levers, kind)}
    baseline = scenario.resolved_baseline()
    region_of = {d.id: r.id for r in baseline.regions for d in r.districts}
    centre = {d.id: (d.lat, d.lon) for r in baseline.regions for d in r.districts}
    used = {str(r.get("id") or "") for r in rows}
    menu = load_cost_menu(scenario)
    out = []
    counter = 1
    for row in rows:
        ident = str(row.get("id") or "").strip()
        if not ident:
            while f"{ID_PREFIX[kind]}_{counter}" in used:
                counter += 1
            ident = f"{ID_PREFIX[kind]}_{counter}"
            used.add(ident)
        served = [str(d) for d in (row.get("districts_served") or []) if d]
        old = existing.get(ident)
        name_text = str(row.get("name") or "").strip() or ident
        names = old.name.model_dump() if old is not None else {"ru": "", "kk": "", "en": ""}
        names = {k: (v or name_text) for k, v in names.items()}
        names[lang] = name_text
        region = row.get("region") or (region_of.get(served[0]) if served else None)
        points = [centre[d] for d in served if d in centre]
        lat, lon = row.get("lat"), row.get("lon")
        if not _present(lat) and points:
            lat = float(np.mean([p[0] for p in points]))
        if not _present(lon) and points:
            lon = float(np.mean([p[1] for p in points]))
        entry: dict[str, Any] = {
            "id": ident,
            "name": names,
            "region": region,
            "districts_served": served,
            "start_year": _int_or_none(row.get("start_year")),
            CAPACITY_FIELD[kind]: _float_or_none(row.get("capacity")),
            "capex_kzt": _capex_or_suggested(row, kind, menu),
            "lat": _float_or_none(lat),
            "lon": _float_or_none(lon),
        }
        if kind == "new_landfills":
            entry["type"] = row.get("type") or DEFAULT_LANDFILL_TYPE
        if old is not None:
            entry["sources"] = {k: v.model_dump() for k, v in old.sources.items()}
            entry["close_year"] = old.close_year
            entry["capex_payer"] = old.capex_payer
        out.append({k: v for k, v in entry.items() if v is not None})
    return out


def _capex_or_suggested(row: dict[str, Any], kind: str, menu: Any) -> float:
    """The row's capex [KZT]; when blank, the cost menu's for the row's capacity (0 without
    a capacity, which validation then names)."""
    capex = _float_or_none(row.get("capex_kzt"))
    if capex is not None:
        return capex
    capacity = _float_or_none(row.get("capacity"))
    return 0.0 if capacity is None else suggested_capex_kzt(menu, kind, capacity)


def _int_or_none(value: Any) -> int | None:
    return int(value) if _present(value) else None


def _float_or_none(value: Any) -> float | None:
    return float(value) if _present(value) else None


# --------------------------------------------------------------------------------------------
# Awareness campaigns and closures
# --------------------------------------------------------------------------------------------

CAMPAIGN_COLUMNS: tuple[str, ...] = (
    "name",
    "start_year",
    "duration_yr",
    "participation_gain_per_yr",
    "ceiling",
    "districts",
    "cost_kzt_per_yr",
)
"""Columns of the campaign table: [yr], [yr], [1/yr], [-], district ids, [KZT/yr]."""


def campaign_rows(
    entries: list[dict[str, Any]], all_districts: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Campaign table rows from lever entries (``districts`` as a list; empty = all).

    With ``all_districts`` (the scenario's district ids), a campaign of all districts lists
    them, so that its cell says what it means instead of being empty (an empty choice cell
    of Streamlit's table reads "Select..." in English in every language).
    """
    rows = []
    for entry in entries:
        row = {c: entry.get(c) for c in CAMPAIGN_COLUMNS}
        row["districts"] = list(entry.get("districts") or all_districts)
        rows.append(row)
    return rows


def campaigns_from_rows(
    rows: list[dict[str, Any]], all_districts: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Lever entries from edited campaign rows; an empty district list, or one that names
    every district of ``all_districts``, means all districts (``None``).

    Blank names become ``campaign <n>``; blank numbers are left out so that validation
    names the missing field.
    """
    out = []
    for n, row in enumerate(rows, start=1):
        entry: dict[str, Any] = {"name": str(row.get("name") or "").strip() or f"campaign {n}"}
        for column, cast in (
            ("start_year", _int_or_none),
            ("duration_yr", _int_or_none),
            ("participation_gain_per_yr", _float_or_none),
            ("ceiling", _float_or_none),
            ("cost_kzt_per_yr", _float_or_none),
        ):
            value = cast(row.get(column))
            if value is not None:
                entry[column] = value
        districts = [str(d) for d in (row.get("districts") or []) if d]
        every = bool(all_districts) and set(districts) == set(all_districts)
        entry["districts"] = None if every or not districts else districts
        out.append(entry)
    return out


def closure_rows(scenario: Scenario, lang: str) -> list[dict[str, Any]]:
    """Baseline facilities with the year the scenario closes them (``None``: stays open).

    Returns
    -------
    list of dict
        Keys ``id``, ``kind`` (``landfill``, ``sorting``, ``composting``), ``name``
        (in ``lang``), ``region`` and ``close_year`` [yr].
    """
    closed = scenario.levers.closed_facilities
    rows = []
    for region in scenario.resolved_baseline().regions:
        for kind, facilities in (
            ("landfill", region.landfills),
            ("sorting", region.sorting_lines),
            ("composting", region.composting_sites),
        ):
            for f in facilities:
                rows.append(
                    {
                        "id": f.id,
                        "kind": kind,
                        "name": getattr(f.name, lang, f.name.en),
                        "region": region.id,
                        "close_year": closed.get(f.id),
                    }
                )
    return rows


def closures_from_rows(rows: list[dict[str, Any]]) -> dict[str, int]:
    """``levers.closed_facilities`` from edited closure rows (blank year: stays open)."""
    return {str(r["id"]): int(r["close_year"]) for r in rows if _present(r.get("close_year"))}
