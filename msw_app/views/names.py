"""Names in ru/kk/en of a scenario's facilities, the dumps of uncollected waste included
(no Streamlit)."""

from __future__ import annotations

from msw_app import i18n
from planner.climate import UNCOLLECTED_DUMPS_PREFIX
from planner.schema import Scenario

UNCOLLECTED_DUMPS_NAMES = {lang: i18n.t("names.uncollected_dumps", lang) for lang in i18n.LANGS}
"""Names of the dumps of uncollected waste (catalog key ``names.uncollected_dumps``)."""


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


def region_names(scenario: Scenario) -> dict[str, dict[str, str]]:
    """Names in ru/kk/en of the regions of a scenario's baseline, by region id."""
    return {r.id: r.name.model_dump() for r in scenario.resolved_baseline().regions}
