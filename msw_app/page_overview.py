"""Overview page: each region's verdict on the national target (above the fold), KPI cards by
region, fates over time, Sankey, the districts of the chosen region, map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from msw_app import charts, compute, i18n, state, uncertainty_panel, widgets
from msw_app.guard import guarded_fragment
from msw_app.report_action import report_action
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang, current_region
from msw_app.views.names import region_names
from msw_app.views.overview import district_table
from msw_app.views.regions import (
    ALL,
    districts_of,
    earliest_full,
    notes_in_region,
    projected_target_years,
    region_filter,
    region_label,
    scope_label,
    short_region_label,
    shown_regions,
    verdict_rows,
)
from planner.projection import unplaced_warnings

W_BASEMAP = "w_overview_basemap"
CARD_ROWS = (
    ("processing_share", "recycling_rate", "diversion_rate", "collection_coverage"),
    ("landfilled_t", "banned_landfilled_t", "landfill_years_left"),
)
# The same cards two a row, for "both regions" (each region in half of the page).
REGION_CARD_ROWS = (
    ("processing_share", "recycling_rate"),
    ("diversion_rate", "collection_coverage"),
    ("landfilled_t", "banned_landfilled_t"),
    ("landfill_years_left",),
)

SHARE_COLUMNS = ("collection_coverage", "recycling_rate", "diversion_rate", "processing_share")
TONNE_COLUMNS = ("generated_t", "recycled_t", "landfilled_t")


def district_styler(table: pd.DataFrame, lang: str):
    """The district table with translated headers and numbers formatted for ``lang``."""
    columns = [
        "name_" + lang,
        "region_" + lang,
        "population",
        *TONNE_COLUMNS[:1],
        *SHARE_COLUMNS,
        *TONNE_COLUMNS[1:],
        "landfill_years_left",
    ]
    shown = table[columns].rename(
        columns={
            "name_" + lang: i18n.t("col.district", lang),
            "region_" + lang: i18n.t("col.region", lang),
            "population": i18n.t("col.population", lang),
            **{c: i18n.t(f"kpi.{c}", lang) for c in (*SHARE_COLUMNS, *TONNE_COLUMNS)},
            "landfill_years_left": i18n.t("kpi.landfill_years_left", lang),
        }
    )
    formats = {i18n.t("col.population", lang): lambda v: i18n.number(v, lang)}
    for c in SHARE_COLUMNS:
        formats[i18n.t(f"kpi.{c}", lang)] = lambda v: i18n.percent(v, lang)
    for c in TONNE_COLUMNS:
        formats[i18n.t(f"kpi.{c}", lang)] = lambda v: i18n.number(v, lang)
    formats[i18n.t("kpi.landfill_years_left", lang)] = lambda v: i18n.years(v, lang)
    return shown.style.format(formats)


def verdict_block(scenario, projection, region: str, lang: str) -> None:
    """Each shown region's verdict on the first national target (2030) side by side: the
    official processing share as a bar with the sentence of :mod:`planner.targets`, and the
    real recycling rate as a bar beside it; later target years (2050) as one line each."""
    years = projected_target_years(projection, scenario)
    if not years:
        st.info(i18n.t("targets.none_projected", lang), icon=":material/info:")
        return
    later = {y: verdict_rows(projection, scenario, region, lang, y, plain_md) for y in years[1:]}
    rows = verdict_rows(projection, scenario, region, lang, years[0], plain_md)
    cols = st.columns(max(len(rows), 1))
    for k, (col, row) in enumerate(zip(cols, rows, strict=False)):
        with col, st.container(border=True):
            icon = (
                ":green[:material/check_circle:]" if row.verdict.met else ":red[:material/cancel:]"
            )
            st.progress(row.progress, text=f"{icon} {row.sentence}")
            st.progress(
                row.recycling_progress,
                text=i18n.t(
                    "targets.recycling",
                    lang,
                    recycling=i18n.percent(row.verdict.recycling_rate, lang),
                    target=i18n.percent(row.verdict.target_share, lang, 0),
                ),
            )
            for y in years[1:]:
                st.caption(later[y][k].sentence)
    st.caption(i18n.t("targets.note", lang))


def cards_block(scenario, projection, reference, year: int, region: str, lang: str) -> None:
    """KPI cards with deltas against the baseline: one region's in rows of four, or each
    region's side by side in rows of two; under them the landfill full first, named."""
    regions = shown_regions(region, scenario)
    if region != ALL or len(regions) == 1:
        widgets.kpi_card_grid(
            projection, reference, year, lang, CARD_ROWS, region=region_filter(region)
        )
        earliest_note(scenario, projection, region_filter(region), lang)
        return
    cols = st.columns(len(regions))
    for col, r in zip(cols, regions, strict=True):
        with col:
            st.markdown(f"**{plain_md(short_region_label(r, scenario, lang))}**")
            widgets.kpi_card_grid(projection, reference, year, lang, REGION_CARD_ROWS, region=r)
            earliest_note(scenario, projection, r, lang)


def earliest_note(scenario, projection, region: str, lang: str) -> None:
    """The landfill of the region that is full first, with the year (or that none is)."""
    found = earliest_full(projection, scenario, region)
    if found is None:
        st.caption(i18n.t("overview.none_full", lang))
        return
    st.caption(
        i18n.t(
            "overview.earliest_full",
            lang,
            name=plain_md(i18n.name(found.names, lang)),
            year=found.year,
        )
    )


def sanitary_notes_block(scenario, projection, region: str, lang: str) -> None:
    """The climate page's sentence about each sanitary landfill of the region without gas
    capture (nothing for a scenario without economics)."""
    result, _problem = compute.economics_or_problem(scenario)
    if result is None:
        return
    widgets.sanitary_no_capture_notes(result, scenario, projection, region, lang)


@st.fragment
@guarded_fragment
def map_block(scenario, projection, year: int, lang: str) -> None:
    """The map; its background switch reruns only this fragment."""
    basemap = st.toggle(i18n.t("map.basemap", lang), key=W_BASEMAP, value=False)
    kind = "map_basemap" if basemap else "map"
    charts.show(
        compute.overview_figure(kind, scenario, year, "", lang),
        key="chart_map",
        filename=f"map_{scenario.id}_{year}",
    )
    st.caption(i18n.t("map.note", lang))


def unplaced_block(scenario, projection, region: str, lang: str) -> None:
    """One warning per region (of the chosen ones) and year whose landfilled waste had no
    operating landfill (:func:`planner.projection.unplaced_warnings`): region, year, tonnes."""
    names = region_names(scenario)
    for w in notes_in_region(unplaced_warnings(projection), region):
        region = i18n.name(names.get(w.region, {"en": w.region}), lang)
        st.warning(
            i18n.t(
                "overview.unplaced",
                lang,
                region=plain_md(region),
                year=w.year,
                tonnes=i18n.number(w.tonnes, lang),
            ),
            icon=":material/warning:",
        )


def render() -> None:
    """Draw the overview of the scenario in focus for the chosen region(s)."""
    lang = current_lang()
    region = current_region()
    scenario = state.current()
    year = state.year()
    projection = compute.projection(scenario)
    reference = compute.reference_projection(scenario)
    where = region_filter(region)

    st.title(i18n.t("overview.title", lang))
    widgets.scenario_badge(scenario, lang)
    unplaced_block(scenario, projection, region, lang)
    verdict_block(scenario, projection, region, lang)
    report_action([scenario], scenario.id, lang, key="overview")

    st.subheader(
        i18n.t(
            "overview.kpis_in",
            lang,
            year=year,
            region=plain_md(region_label(region, scenario, lang)),
        )
    )
    st.caption(i18n.t("overview.delta_note", lang))
    cards_block(scenario, projection, reference, year, region, lang)
    sanitary_notes_block(scenario, projection, region, lang)
    st.info(i18n.t("explain.processing_vs_recycling", lang), icon=":material/info:")

    left, right = st.columns(2)
    with left:
        charts.show(
            compute.overview_figure("fates", scenario, 0, where, lang),
            key="chart_fates",
            filename=f"fates_{scenario.id}_{region}",
        )
    with right:
        charts.show(
            compute.overview_figure("sankey", scenario, year, where, lang),
            key="chart_sankey",
            filename=f"sankey_{scenario.id}_{region}_{year}",
        )
    st.caption(
        i18n.t("overview.charts_region", lang, region=plain_md(scope_label(region, scenario, lang)))
    )

    st.subheader(i18n.t("overview.districts", lang, year=year))
    table = districts_of(district_table(projection, scenario, year), region)
    st.dataframe(district_styler(table, lang), hide_index=True, width="stretch")

    st.subheader(i18n.t("overview.map", lang))
    map_block(scenario, projection, year, lang)

    uncertainty_panel.bands_block([scenario], [state.label(scenario.id, lang)], "overview")


render()
