"""What the Overview page draws, as plain values (no Streamlit): :func:`overview_model`.

Every text, number and table cell of the Overview that depends on the scenario, the year, the
region choice and the language is computed here once, so that the page only lays the values
out (verdict bars, KPI cards, captions, the district table).  :func:`msw_app.compute.
overview_model` caches the result keyed by the scenario's JSON, the year, the region and the
language: a rerun that moves nothing (or comes back to a year seen before) draws from the
cache instead of formatting a hundred numbers again.  Texts that go into Markdown are already
escaped (:func:`msw_app.safe_text.plain_md`); the figures are built by
:func:`msw_app.compute.overview_figure`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from msw_app import i18n
from msw_app.safe_text import plain_md
from msw_app.views.kpis import kpi_cards
from msw_app.views.names import region_names
from msw_app.views.overview import district_table
from msw_app.views.regions import (
    ALL,
    districts_of,
    earliest_full,
    notes_in_region,
    projected_target_years,
    region_filter,
    short_region_label,
    shown_regions,
    verdict_rows,
)
from planner.projection import Projection, unplaced_warnings
from planner.schema import Scenario

CARD_ROWS = (
    ("processing_share", "recycling_rate", "diversion_rate", "collection_coverage"),
    ("landfilled_t", "banned_landfilled_t", "landfill_years_left"),
)
"""The KPI cards of one region (or of the total), in rows of four."""
REGION_CARD_ROWS = (
    ("processing_share", "recycling_rate"),
    ("diversion_rate", "collection_coverage"),
    ("landfilled_t", "banned_landfilled_t"),
    ("landfill_years_left",),
)
"""The same cards two a row, for "both regions" (each region in half of the page)."""

SHARE_COLUMNS = ("collection_coverage", "recycling_rate", "diversion_rate", "processing_share")
TONNE_COLUMNS = ("generated_t", "recycled_t", "landfilled_t")


@dataclass(frozen=True)
class Card:
    """One KPI card, ready for ``st.metric``."""

    label: str
    value: str
    delta: str | None
    """The signed change against the baseline; ``None`` when undefined."""
    delta_color: str
    """``"normal"``, ``"inverse"`` or ``"off"`` (no change, or neither direction better)."""
    delta_arrow: str
    """``"auto"`` or ``"off"``."""
    help: str


@dataclass(frozen=True)
class CardGroup:
    """The KPI cards of one region (or of the total) and the note under them."""

    title: str
    """The region's short name as Markdown (``""`` when one region or the total is shown)."""
    rows: tuple[tuple[Card, ...], ...]
    note: str
    """Which landfill of the region is full first, and when (or that none is), as Markdown."""


@dataclass(frozen=True)
class VerdictCard:
    """One region's verdict on the first national target year, ready to draw."""

    met: bool
    sentence: str
    """:func:`planner.targets.verdict_sentence` (the region's name escaped for Markdown)."""
    progress: float
    """Processing share ÷ target, capped at 1 [-]."""
    recycling_progress: float
    """Real recycling rate ÷ target, capped at 1 [-]."""
    recycling_text: str
    later: tuple[str, ...]
    """The sentences of the later target years (2050)."""


@dataclass(frozen=True)
class OverviewModel:
    """Everything the Overview draws for a scenario, a year, a region choice and a language."""

    unplaced: tuple[str, ...]
    """One warning per region and year whose landfilled waste had no operating landfill."""
    verdicts: tuple[VerdictCard, ...]
    """Empty when no national target year lies inside the projection."""
    card_groups: tuple[CardGroup, ...]
    """One group (one region, or the total) or one per region side by side."""
    districts: pd.DataFrame
    """The district table of the chosen region as text in the language
    (:func:`district_display`)."""


def card(name: str, value: float, delta: float, kind: str, better: bool | None, lang: str) -> Card:
    """The card of KPI ``name``: its value and change in the language (tonnes without the
    unit, which is in the label), coloured by whether a rise is better."""
    zero = pd.isna(delta) or abs(float(delta)) < (5e-4 if kind == "share" else 0.5)
    if kind == "tonnes":
        shown = i18n.number(value, lang)
        change = None if pd.isna(delta) else i18n.number(delta, lang, signed=True)
    else:
        shown = i18n.value_of_kind(value, kind, lang)
        change = None if pd.isna(delta) else i18n.delta_of_kind(delta, kind, lang)
    return Card(
        label=i18n.t(f"card.{name}", lang),
        value=shown,
        delta=change,
        delta_color="off" if zero else ("normal" if better else "inverse"),
        delta_arrow="off" if zero else "auto",
        help=i18n.t(f"kpi_help.{name}", lang),
    )


def card_rows(
    projection: Projection,
    reference: Projection,
    year: int,
    lang: str,
    rows: Sequence[Sequence[str]],
    region: str = "",
) -> tuple[tuple[Card, ...], ...]:
    """KPI cards of ``region`` (``""``: all regions) in ``year`` [yr], row by row, with their
    change against ``reference`` (the baseline without levers)."""
    frame = kpi_cards(projection, reference, year, region=region, kpis=[k for r in rows for k in r])
    return tuple(
        tuple(
            card(
                name,
                frame.at[name, "value"],
                frame.at[name, "delta"],
                frame.at[name, "kind"],
                frame.at[name, "higher_is_better"],
                lang,
            )
            for name in row
        )
        for row in rows
    )


def earliest_text(projection: Projection, scenario: Scenario, region: str, lang: str) -> str:
    """The landfill of ``region`` (``""``: all) that is full first, with the year, as
    Markdown; or that none is full within the horizon."""
    found = earliest_full(projection, scenario, region)
    if found is None:
        return i18n.t("overview.none_full", lang)
    return i18n.t(
        "overview.earliest_full", lang, name=plain_md(i18n.name(found.names, lang)), year=found.year
    )


def card_groups(
    projection: Projection,
    reference: Projection,
    scenario: Scenario,
    year: int,
    region: str,
    lang: str,
) -> tuple[CardGroup, ...]:
    """One region's cards in rows of four, or each region's side by side in rows of two."""
    regions = shown_regions(region, scenario)
    if region != ALL or len(regions) == 1:
        where = region_filter(region)
        rows = card_rows(projection, reference, year, lang, CARD_ROWS, where)
        return (CardGroup("", rows, earliest_text(projection, scenario, where, lang)),)
    return tuple(
        CardGroup(
            plain_md(short_region_label(r, scenario, lang)),
            card_rows(projection, reference, year, lang, REGION_CARD_ROWS, r),
            earliest_text(projection, scenario, r, lang),
        )
        for r in regions
    )


def verdict_cards(projection: Projection, scenario: Scenario, region: str, lang: str):
    """Each shown region's verdict on the first target year inside the projection (2030),
    with the real recycling rate beside it and the later years' sentences (2050)."""
    years = projected_target_years(projection, scenario)
    if not years:
        return ()
    later = {y: verdict_rows(projection, scenario, region, lang, y, plain_md) for y in years[1:]}
    rows = verdict_rows(projection, scenario, region, lang, years[0], plain_md)
    return tuple(
        VerdictCard(
            met=row.verdict.met,
            sentence=row.sentence,
            progress=row.progress,
            recycling_progress=row.recycling_progress,
            recycling_text=i18n.t(
                "targets.recycling",
                lang,
                recycling=i18n.percent(row.verdict.recycling_rate, lang),
                target=i18n.percent(row.verdict.target_share, lang, 0),
            ),
            later=tuple(later[y][k].sentence for y in years[1:]),
        )
        for k, row in enumerate(rows)
    )


def unplaced_texts(projection: Projection, scenario: Scenario, region: str, lang: str):
    """One warning text per region (of the chosen ones) and year whose landfilled waste had
    no operating landfill (:func:`planner.projection.unplaced_warnings`)."""
    names = region_names(scenario)
    return tuple(
        i18n.t(
            "overview.unplaced",
            lang,
            region=plain_md(i18n.name(names.get(w.region, {"en": w.region}), lang)),
            year=w.year,
            tonnes=i18n.number(w.tonnes, lang),
        )
        for w in notes_in_region(unplaced_warnings(projection), region)
    )


def district_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The district table as text in ``lang``: translated headers; population and tonnes as
    numbers, shares as percents, years left in words (the cards' formats)."""
    shown: dict[str, list[str]] = {
        i18n.t("col.district", lang): list(table["name_" + lang]),
        i18n.t("col.region", lang): list(table["region_" + lang]),
        i18n.t("col.population", lang): [i18n.number(v, lang) for v in table["population"]],
    }
    for name in (*TONNE_COLUMNS[:1], *SHARE_COLUMNS, *TONNE_COLUMNS[1:]):
        as_text = i18n.percent if name in SHARE_COLUMNS else i18n.number
        shown[i18n.t(f"kpi.{name}", lang)] = [as_text(v, lang) for v in table[name]]
    shown[i18n.t("kpi.landfill_years_left", lang)] = [
        i18n.years(v, lang) for v in table["landfill_years_left"]
    ]
    return pd.DataFrame(shown)


def overview_model(
    scenario: Scenario,
    projection: Projection,
    reference: Projection,
    year: int,
    region: str,
    lang: str,
) -> OverviewModel:
    """What the Overview draws for ``scenario`` (projected as ``projection``, against the
    baseline projection ``reference``) in ``year`` [yr] for the region choice ``region``
    (a region id or :data:`ALL`) in ``lang``."""
    table = districts_of(district_table(projection, scenario, year), region)
    return OverviewModel(
        unplaced=unplaced_texts(projection, scenario, region, lang),
        verdicts=verdict_cards(projection, scenario, region, lang),
        card_groups=card_groups(projection, reference, scenario, year, region, lang),
        districts=district_display(table, lang),
    )
