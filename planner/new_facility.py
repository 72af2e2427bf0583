"""A facility the user adds: its name in each language, its place and its suggested costs.

One home of the rules the Assumptions page's form and the siting plan share:

- :func:`facility_names`: "Новая линия: г. Семей" / "Жаңа желі: Семей қаласы" / "New line:
  Semey city" — the kind of facility and the place in each language (model catalog keys
  ``facility.<kind>``);
- :func:`district_place`: the region, centre and served districts that follow from a district;
- :func:`load_cost_menu`: capex per unit of capacity and opex per tonne, each with its source
  — the sorting line's capex per t/yr is the siting optimiser's (``siting.toml``), composting
  and landfill capex are in ``scenarios/baseline/new_facilities.toml``, opex per tonne is the
  baseline's ``[economics.costs]``; the capex suggested is never 0 unless the user types 0;
- :func:`new_facility_entry`: the lever entry (``levers.new_*``) of a facility from a district;
- :func:`gas_capture_entry`: a ``levers.landfill_gas_capture`` entry with the defaults.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from planner.i18n import LANGS, model_catalog
from planner.io import SCENARIO_DIR
from planner.schema import Scenario
from planner.siting.options import load_siting_defaults

COST_MENU_FILE = SCENARIO_DIR / "baseline" / "new_facilities.toml"
"""Capex of new composting sites and landfills and the landfill-gas defaults, with sources."""

KINDS: tuple[str, ...] = ("new_sorting_lines", "new_composting_sites", "new_landfills")
"""Lever lists of new facilities."""

CAPACITY_FIELD: dict[str, str] = {
    "new_sorting_lines": "capacity_t_per_yr",
    "new_composting_sites": "capacity_t_per_yr",
    "new_landfills": "remaining_capacity_t",
}
"""The capacity field of each facility lever: [t/yr] input, or [t] of landfill volume."""

ID_PREFIX: dict[str, str] = {
    "new_sorting_lines": "sorting",
    "new_composting_sites": "composting",
    "new_landfills": "landfill",
}
"""Prefix of the ids given to new facilities (``sorting_1``, ``sorting_2``, …)."""

DEFAULT_CAPACITY: dict[str, float] = {
    "new_sorting_lines": 15_000.0,
    "new_composting_sites": 15_000.0,
    "new_landfills": 1_000_000.0,
}
"""Capacity a new facility starts with: the smallest line of the siting menu [t/yr], the
Semey composting site [t/yr], 1 Mt of landfill volume [t]."""


@dataclass(frozen=True)
class CostItem:
    """One figure of the cost menu and where it comes from."""

    value: float
    """The figure in its unit (see the field that holds it)."""
    source: str
    """The source text (English, as in the data files)."""
    confidence: str
    """H, M, L or EST."""


@dataclass(frozen=True)
class GasDefaults:
    """Defaults of gas collection and flaring at one landfill."""

    capture_share: CostItem
    """Share of the generated CH4 collected [-]."""
    start_after_opening_yr: CostItem
    """Years from a landfill's opening (or the first projected year) to the start [yr]."""
    capex_kzt: CostItem
    """Wells, pipes, blower and flare [KZT]."""
    opex_kzt_per_yr: CostItem
    """Operation and maintenance [KZT/yr]."""


@dataclass(frozen=True)
class CostMenu:
    """Suggested costs of a new facility, by lever kind (:data:`KINDS`)."""

    capex_kzt_per_unit: dict[str, CostItem]
    """Capex per unit of capacity: [KZT per t/yr] for lines and sites, [KZT per t] of volume
    for landfills."""
    opex_kzt_per_t: dict[str, CostItem]
    """Operating cost per tonne received [KZT/t] (a sanitary landfill's gate fee)."""
    gas: GasDefaults


def _item(value: Any, sources: Mapping[str, Any], key: str) -> CostItem:
    source = sources.get(key)
    if source is None:
        return CostItem(float(value), "", "EST")
    if isinstance(source, Mapping):
        return CostItem(float(value), str(source["text"]), str(source["confidence"]))
    return CostItem(float(value), source.text, source.confidence)


@cache
def _menu_file(path: Path = COST_MENU_FILE) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def load_cost_menu(scenario: Scenario) -> CostMenu:
    """The cost menu for facilities added to ``scenario`` (its baseline's opex per tonne)."""
    data = _menu_file()
    sources = data.get("sources", {})
    siting = load_siting_defaults()
    costs = scenario.resolved_baseline().economics.costs
    gas = data["landfill_gas"]
    return CostMenu(
        capex_kzt_per_unit={
            "new_sorting_lines": _item(
                siting.capex_kzt_per_t_yr, siting.sources, "capex_kzt_per_t_yr"
            ),
            "new_composting_sites": _item(
                data["composting_capex_kzt_per_t_yr"], sources, "composting_capex_kzt_per_t_yr"
            ),
            "new_landfills": _item(
                data["landfill_capex_kzt_per_t"], sources, "landfill_capex_kzt_per_t"
            ),
        },
        opex_kzt_per_t={
            "new_sorting_lines": _item(costs.sorting_kzt_per_t, costs.sources, "sorting_kzt_per_t"),
            "new_composting_sites": _item(
                costs.composting_kzt_per_t, costs.sources, "composting_kzt_per_t"
            ),
            "new_landfills": _item(
                costs.landfill_kzt_per_t["sanitary"], costs.sources, "landfill_kzt_per_t"
            ),
        },
        gas=GasDefaults(
            **{key: _item(gas[key], sources, f"landfill_gas.{key}") for key in gas},
        ),
    )


def suggested_capex_kzt(menu: CostMenu, kind: str, capacity: float) -> float:
    """Capex [KZT] of a new facility of ``capacity`` ([t/yr], or [t] for a landfill) at the
    menu's cost per unit."""
    return float(capacity) * menu.capex_kzt_per_unit[kind].value


def facility_names(kind: str, place: Mapping[str, str] | str) -> dict[str, str]:
    """The name of a new facility at ``place`` in each language ("Новая линия: г. Семей").

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    place : mapping or str
        The place's name by language (a missing language falls back to English, then to any
        name given), or one text for every language (a site the user named).
    """
    names = place if isinstance(place, Mapping) else dict.fromkeys(LANGS, place)
    any_name = next((str(n) for n in names.values() if n), "")
    catalog = model_catalog()
    return {
        lang: catalog.text(
            f"facility.{kind}", lang, place=str(names.get(lang) or names.get("en") or any_name)
        )
        for lang in LANGS
    }


def next_id(kind: str, taken: Collection[str]) -> str:
    """The first ``<prefix>_<n>`` (n = 1, 2, …) not in ``taken``."""
    n = 1
    while f"{ID_PREFIX[kind]}_{n}" in taken:
        n += 1
    return f"{ID_PREFIX[kind]}_{n}"


def taken_ids(scenario: Scenario) -> set[str]:
    """Ids of every facility of the scenario (baseline and levers)."""
    baseline = scenario.resolved_baseline()
    ids = {
        f.id
        for r in baseline.regions
        for f in [*r.landfills, *r.sorting_lines, *r.composting_sites]
    }
    for kind in KINDS:
        ids |= {f.id for f in getattr(scenario.levers, kind)}
    return ids


@dataclass(frozen=True)
class Place:
    """Where a facility at a district centre is, and whom it serves by default."""

    district: str
    region: str
    lat: float
    """Latitude [°]."""
    lon: float
    """Longitude [°]."""
    names: dict[str, str]
    """The district's name by language."""


def district_place(scenario: Scenario, district: str) -> Place:
    """The region, centre and names of ``district``.

    Raises
    ------
    KeyError
        When the baseline has no such district.
    """
    for region in scenario.resolved_baseline().regions:
        for d in region.districts:
            if d.id == district:
                return Place(d.id, region.id, float(d.lat), float(d.lon), d.name.model_dump())
    raise KeyError(district)


def new_facility_entry(
    scenario: Scenario,
    kind: str,
    district: str,
    *,
    capacity: float | None,
    start_year: int | None,
    capex_kzt: float | None,
    served: list[str] | None = None,
    lat: float | None = None,
    lon: float | None = None,
    landfill_type: str = "sanitary",
    ident: str | None = None,
) -> dict[str, Any]:
    """The lever entry of a facility at ``district`` (not validated: :mod:`planner.edit` does).

    The region and, unless given, the position and the districts served (the district itself)
    follow from the district; the name is :func:`facility_names` of the district; the id the
    next free ``<prefix>_<n>``.  ``None`` values are left out so that validation names them.
    """
    place = district_place(scenario, district)
    entry: dict[str, Any] = {
        "id": ident or next_id(kind, taken_ids(scenario)),
        "name": facility_names(kind, place.names),
        "region": place.region,
        "districts_served": list(served) if served else [place.district],
        "lat": place.lat if lat is None else float(lat),
        "lon": place.lon if lon is None else float(lon),
        "start_year": None if start_year is None else int(start_year),
        CAPACITY_FIELD[kind]: None if capacity is None else float(capacity),
        "capex_kzt": None if capex_kzt is None else float(capex_kzt),
    }
    if kind == "new_landfills":
        entry["type"] = landfill_type
    return {k: v for k, v in entry.items() if v is not None}


def landfill_opening_year(scenario: Scenario, landfill: str) -> int:
    """The year a landfill of the scenario opens: its start year, else the first projected
    year [yr]."""
    for lf in scenario.levers.new_landfills:
        if lf.id == landfill:
            return int(lf.start_year)
    return scenario.first_year()


def gas_capture_entry(scenario: Scenario, landfill: str, menu: CostMenu) -> dict[str, Any]:
    """A ``levers.landfill_gas_capture`` entry for ``landfill`` with the menu's defaults: the
    share, a start :attr:`GasDefaults.start_after_opening_yr` after opening (within the
    horizon), capex and opex, with their sources."""
    gas = menu.gas
    start = landfill_opening_year(scenario, landfill) + int(gas.start_after_opening_yr.value)
    start = min(start, scenario.end_year)
    items = {
        "capture_share": gas.capture_share,
        "start_year": gas.start_after_opening_yr,
        "capex_kzt": gas.capex_kzt,
        "opex_kzt_per_yr": gas.opex_kzt_per_yr,
    }
    return {
        "landfill": landfill,
        "start_year": start,
        "capture_share": gas.capture_share.value,
        "capex_kzt": gas.capex_kzt.value,
        "opex_kzt_per_yr": gas.opex_kzt_per_yr.value,
        "sources": {
            key: {"text": item.source, "confidence": item.confidence}
            for key, item in items.items()
            if item.source
        },
    }
