"""The Assumptions page's infrastructure tab: the short form that adds a facility, and the
landfill-gas table.  Streamlit-free, so tests call it directly.

The form's rules come from :mod:`planner.new_facility` (names in each language, the place a
district gives, the cost menu with sources); this module turns the form's values into the lever
list to validate and the gas table's rows into ``levers.landfill_gas_capture``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from msw_app import i18n
from planner import new_facility as nf
from planner.schema import Scenario
from planner.siting.options import load_siting_defaults


@dataclass(frozen=True)
class FormValues:
    """What the user entered in the form (``None``: left empty, the default applies)."""

    kind: str
    """One of :data:`planner.new_facility.KINDS`."""
    district: str | None
    capacity: float | None
    """[t/yr], or [t] of volume for a landfill."""
    start_year: int | None
    capex_kzt: float | None
    """[KZT]; ``None``: the cost menu's suggestion for the capacity."""
    name: str = ""
    """Empty: "New line: <district>" in each language (see `facility_names`)."""
    served: list[str] = field(default_factory=list)
    """Empty: the district itself."""
    lat: float | None = None
    lon: float | None = None
    landfill_type: str = "sanitary"


def district_options(scenario: Scenario, lang: str) -> dict[str, str]:
    """District id → "district (region)" in ``lang``, region by region."""
    out = {}
    for region in scenario.resolved_baseline().regions:
        region_name = i18n.name(region.name, lang)
        for d in region.districts:
            out[d.id] = f"{i18n.name(d.name, lang)} ({region_name})"
    return out


def capex_hint(menu: nf.CostMenu, kind: str, lang: str) -> str:
    """The capex field's placeholder: "suggested: 12 500 ₸ per t/yr × capacity"."""
    unit = "t" if kind == "new_landfills" else "t_per_yr"
    return i18n.t(
        f"infra.capex_hint.{unit}",
        lang,
        value=i18n.number(menu.capex_kzt_per_unit[kind].value, lang),
    )


def cost_line(menu: nf.CostMenu, kind: str, lang: str) -> str:
    """The capex per unit and the opex per tonne with their confidence, in one short line (the
    sources are in :func:`cost_note`)."""
    capex, opex = menu.capex_kzt_per_unit[kind], menu.opex_kzt_per_t[kind]
    unit = "t" if kind == "new_landfills" else "t_per_yr"
    return i18n.t(
        f"infra.cost_line.{unit}",
        lang,
        capex=i18n.number(capex.value, lang),
        capex_confidence=capex.confidence,
        opex=i18n.number(opex.value, lang),
        opex_confidence=opex.confidence,
    )


def cost_note(menu: nf.CostMenu, kind: str, lang: str) -> str:
    """The capex per unit and the opex per tonne with their sources (plain text)."""
    capex, opex = menu.capex_kzt_per_unit[kind], menu.opex_kzt_per_t[kind]
    unit = "t" if kind == "new_landfills" else "t_per_yr"
    return i18n.t(
        f"infra.cost_note.{unit}",
        lang,
        capex=i18n.number(capex.value, lang),
        capex_source=capex.source,
        capex_confidence=capex.confidence,
        opex=i18n.number(opex.value, lang),
        opex_source=opex.source,
        opex_confidence=opex.confidence,
    )


def default_start_year(scenario: Scenario) -> int:
    """Start year the form offers: the siting optimiser's, within the horizon [yr]."""
    start = load_siting_defaults().start_year
    return min(max(start, scenario.first_year()), scenario.end_year)


def form_entry(scenario: Scenario, values: FormValues, menu: nf.CostMenu) -> dict[str, Any]:
    """The lever entry of the form's facility (validated by :mod:`planner.edit` on submit).

    The capex is the user's figure when typed (0 included), else the menu's cost per unit ×
    the capacity; a name typed by the user is used in every language.
    """
    capex = values.capex_kzt
    if capex is None and values.capacity is not None:
        capex = nf.suggested_capex_kzt(menu, values.kind, values.capacity)
    entry = nf.new_facility_entry(
        scenario,
        values.kind,
        str(values.district),
        capacity=values.capacity,
        start_year=values.start_year,
        capex_kzt=capex,
        served=[d for d in values.served if d],
        lat=values.lat,
        lon=values.lon,
        landfill_type=values.landfill_type,
    )
    name = values.name.strip()
    if name:
        entry["name"] = dict.fromkeys(i18n.LANGS, name)
    capex_item = menu.capex_kzt_per_unit[values.kind]
    if values.capex_kzt is None and capex_item.source:
        entry["sources"] = {
            "capex_kzt": {"text": capex_item.source, "confidence": capex_item.confidence}
        }
    return entry


def entries_with(scenario: Scenario, kind: str, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The scenario's ``levers.<kind>`` entries with ``entry`` appended."""
    return [f.model_dump(mode="json") for f in getattr(scenario.levers, kind)] + [entry]


# --------------------------------------------------------------------------------------------
# Landfill gas
# --------------------------------------------------------------------------------------------

GAS_COLUMNS: tuple[str, ...] = (
    "landfill",
    "name",
    "on",
    "capture_share",
    "start_year",
    "capex_kzt",
    "opex_kzt_per_yr",
)
"""Columns of the gas table: id, name, capture on/off, [-], [yr], [KZT], [KZT/yr]."""


def landfills_of(scenario: Scenario, lang: str) -> list[tuple[str, str]]:
    """``(id, name in lang)`` of every landfill: the baseline's, then the scenario's new ones."""
    out = [
        (lf.id, i18n.name(lf.name, lang))
        for r in scenario.resolved_baseline().regions
        for lf in r.landfills
    ]
    out += [(lf.id, i18n.name(lf.name, lang)) for lf in scenario.levers.new_landfills]
    return out


def gas_rows(scenario: Scenario, lang: str, menu: nf.CostMenu) -> list[dict[str, Any]]:
    """One row per landfill: its capture lever, or the menu's defaults with ``on`` false."""
    levers = {g.landfill: g for g in scenario.levers.landfill_gas_capture}
    rows = []
    for ident, name in landfills_of(scenario, lang):
        lever = levers.get(ident)
        values = (
            lever.model_dump(mode="json")
            if lever is not None
            else nf.gas_capture_entry(scenario, ident, menu)
        )
        rows.append(
            {
                "landfill": ident,
                "name": name,
                "on": lever is not None,
                **{c: values[c] for c in GAS_COLUMNS[3:]},
            }
        )
    return rows


def gas_entries(
    scenario: Scenario, rows: list[dict[str, Any]], menu: nf.CostMenu
) -> list[dict[str, Any]]:
    """``levers.landfill_gas_capture`` from the gas table's rows: one entry per row that is on.

    A row's empty cell takes the menu's default; an entry that was already on keeps its
    sources, a new one gets the defaults' sources.  Nothing is range-checked here: validation
    reports the problems.
    """
    levers = {g.landfill: g for g in scenario.levers.landfill_gas_capture}
    out = []
    for row in rows:
        if not row.get("on"):
            continue
        ident = str(row["landfill"])
        default = nf.gas_capture_entry(scenario, ident, menu)
        entry = dict(default)
        for column in GAS_COLUMNS[3:]:
            value = row.get(column)
            if value is not None and value == value:  # not empty, not NaN
                entry[column] = int(value) if column == "start_year" else float(value)
        old = levers.get(ident)
        if old is not None:
            entry["sources"] = {k: v.model_dump() for k, v in old.sources.items()}
        out.append(entry)
    return out
