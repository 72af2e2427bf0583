"""The region choice and what each page shows for it (no Streamlit).

The sidebar offers "both regions" or one region of the scenario in focus; the choice lives in
the URL as ``?region=abai|ulytau|all``.  A value that is not a region of the scenario (a typo,
a hostile link, a region of another upload) falls back to :data:`ALL`.  "Both" never means
the sum only: :func:`shown_regions` lists each region, and the pages draw them side by side.

Each region's verdict on the national target comes from :mod:`planner.targets` (the one home
of that rule); :func:`verdict_rows` only puts it into the shape the pages draw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from msw_app import i18n
from msw_app.views.scenarios import names_of_regions
from planner.projection import Projection
from planner.schema import Scenario
from planner.targets import (
    RegionVerdict,
    region_verdicts,
    rounded_shortfall_t,
    target_years,
    verdict_sentence,
)

ALL = "all"
"""The region choice "both regions" (``?region=all``)."""

MAX_REGION_CHARS = 40
"""A ``?region=`` value longer than this is not even compared (it cannot be an id)."""


def region_ids_of(scenario: Scenario) -> list[str]:
    """Region ids of a scenario in the baseline's order."""
    return [r.id for r in scenario.resolved_baseline().regions]


def normalize_region(value: Any, region_ids: Sequence[str]) -> str:
    """``value`` if it is one of ``region_ids`` (or :data:`ALL`), else :data:`ALL`.

    Accepts what ``st.query_params.get_all`` returns (a list: the last value counts), a
    string or nothing; never raises, whatever a URL carries.
    """
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if not isinstance(value, str) or len(value) > MAX_REGION_CHARS:
        return ALL
    value = value.strip().lower()
    return value if value in region_ids else ALL


def region_options(scenario: Scenario) -> list[str]:
    """The sidebar's choices: :data:`ALL` first, then each region of the scenario."""
    return [ALL, *region_ids_of(scenario)]


def shown_regions(choice: str, scenario: Scenario) -> list[str]:
    """Region ids a page draws for the choice: every region for :data:`ALL`, else the one."""
    ids = region_ids_of(scenario)
    return ids if choice not in ids else [choice]


def region_filter(choice: str) -> str:
    """The ``region`` argument of the presenters for a choice: ``""`` (all) for :data:`ALL`."""
    return "" if choice == ALL else choice


def region_label(region: str, scenario: Scenario, lang: str) -> str:
    """A region's name in ``lang`` (the words for "both regions" for :data:`ALL` or ``""``)."""
    if region in ("", ALL):
        return i18n.t("region.all", lang)
    names = names_of_regions(scenario.resolved_baseline())
    return i18n.name(names[region], lang) if region in names else region


def scope_label(region: str, scenario: Scenario, lang: str) -> str:
    """What a chart of the choice adds up: the region's name, or "both regions together"."""
    if region in ("", ALL):
        return i18n.t("region.sum", lang)
    return region_label(region, scenario, lang)


def short_region_label(region: str, scenario: Scenario, lang: str) -> str:
    """A region's short name for cards and headers: "Abai" for "Abai region" (the catalog's
    ``region.short.<id>`` when there is one, else the full name)."""
    key = f"region.short.{region}"
    return i18n.t(key, lang) if i18n.has(key) else region_label(region, scenario, lang)


@dataclass(frozen=True)
class VerdictRow:
    """One region's verdict on one target year, ready to draw."""

    region: str
    """Region id."""
    verdict: RegionVerdict
    sentence: str
    """:func:`planner.targets.verdict_sentence` in the page's language."""
    progress: float
    """Processing share ÷ target, capped at 1 [-] (the official bar)."""
    recycling_progress: float
    """Real recycling rate ÷ target, capped at 1 [-] (the bar beside it)."""


def _capped_ratio(value: float, target: float) -> float:
    if target <= 0:
        return 1.0
    return float(np.clip(value / target, 0.0, 1.0))


def projected_target_years(projection: Projection, scenario: Scenario) -> list[int]:
    """The national target years inside the projection, in order [yr] (2030, 2050)."""
    targets = scenario.resolved_baseline().parameters.target_processing_share
    return [y for y in target_years(dict(targets)) if y in projection.years]


def verdict_rows(
    projection: Projection,
    scenario: Scenario,
    choice: str,
    lang: str,
    year: int | None = None,
    quote: Callable[[str], str] = str,
) -> list[VerdictRow]:
    """Each shown region's verdict on the national target of ``year`` (by default the first
    target year inside the projection: 2030), in the baseline's order; ``quote`` escapes the
    region's name for the place the sentence goes (e.g. :func:`msw_app.safe_text.plain_md`).

    Returns
    -------
    list of VerdictRow
        One per region of :func:`shown_regions`; empty when no target year is projected.
    """
    targets = dict(scenario.resolved_baseline().parameters.target_processing_share)
    if year is None:
        inside = projected_target_years(projection, scenario)
        if not inside:
            return []
        year = inside[0]
    wanted = set(shown_regions(choice, scenario))
    rows = []
    for v in region_verdicts(projection, targets, year):
        if v.region not in wanted:
            continue
        rows.append(
            VerdictRow(
                region=v.region,
                verdict=v,
                sentence=verdict_sentence(
                    v, quote(short_region_label(v.region, scenario, lang)), lang
                ),
                progress=_capped_ratio(v.processing_share, v.target_share),
                recycling_progress=_capped_ratio(v.recycling_rate, v.target_share),
            )
        )
    return rows


def districts_of(table: pd.DataFrame, choice: str) -> pd.DataFrame:
    """The rows of a district table (with a ``region`` column) in the chosen region."""
    if choice == ALL:
        return table
    return table[table["region"] == choice].reset_index(drop=True)


@dataclass(frozen=True)
class EarliestFull:
    """The landfill of a region that is full first, named."""

    region: str
    """Region id (``""`` for all regions)."""
    landfill: str
    """Landfill id."""
    names: dict[str, str]
    """Its names in ru/kk/en."""
    year: int
    """The year it is full, at the end of that year [yr] (KPI ``earliest_landfill_full_year``)."""


def earliest_full(projection: Projection, scenario: Scenario, region: str) -> EarliestFull | None:
    """:func:`planner.projection.earliest_full_landfill` of ``region`` (``""``: all) with the
    landfill's names; ``None`` when no landfill of the region fills up in the horizon."""
    from msw_app.views.names import facility_names
    from planner.projection import earliest_full_landfill

    found = earliest_full_landfill(projection, region)
    if found is None:
        return None
    landfill, year = found
    names = facility_names(scenario).get(landfill, {lang: landfill for lang in i18n.LANGS})
    return EarliestFull(region=region, landfill=landfill, names=dict(names), year=int(year))


def notes_in_region(notes: Sequence[Any], choice: str) -> list[Any]:
    """The notes (anything with a ``region`` attribute, e.g. a
    :class:`planner.landfill_gas.MethaneNote`) about the chosen region."""
    return [n for n in notes if choice == ALL or n.region == choice]


def verdict_cell(verdict: RegionVerdict, lang: str) -> str:
    """A verdict in a table cell: "57.5% — met" or "36.2% — not met: 3,500 t/yr more"
    (catalog keys ``compare.verdict.met`` and ``compare.verdict.not_met``)."""
    share = i18n.percent(verdict.processing_share, lang)
    if verdict.met:
        return i18n.t("compare.verdict.met", lang, share=share)
    # rounded as planner.targets rounds it in its sentence (up, so a gap is never understated)
    shortfall = i18n.number(rounded_shortfall_t(verdict.shortfall_t_per_yr), lang)
    return i18n.t("compare.verdict.not_met", lang, share=share, shortfall=shortfall)


def verdict_table(
    projections: Sequence[Projection],
    scenarios: Sequence[Scenario],
    labels: dict[str, str],
    choice: str,
    lang: str,
) -> pd.DataFrame:
    """Each scenario's verdict per shown region on its first projected target year (2030).

    Returns
    -------
    pandas.DataFrame
        Index: the scenarios' labels (``labels`` by scenario id); one column per region of
        :func:`shown_regions` (its short name); cells from :func:`verdict_cell`.
    """
    data: dict[str, list[str]] = {}
    regions = shown_regions(choice, scenarios[0]) if scenarios else []
    for r in regions:
        column = short_region_label(r, scenarios[0], lang)
        data[column] = []
        for p, s in zip(projections, scenarios, strict=True):
            rows = [row for row in verdict_rows(p, s, r, lang) if row.region == r]
            data[column].append(verdict_cell(rows[0].verdict, lang) if rows else "—")
    index = pd.Index([labels.get(p.scenario, p.scenario) for p in projections])
    return pd.DataFrame(data, index=index)
