"""Overview page: KPI cards, national targets, fates over time, Sankey, districts, map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from msw_app import charts, compute, i18n, state, widgets
from msw_app.guard import guarded_fragment
from msw_app.report_action import report_action
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang
from msw_app.views.kpis import target_progress
from msw_app.views.maps import map_points
from msw_app.views.names import region_names
from msw_app.views.overview import district_table, fates_over_time, sankey_links
from planner.projection import unplaced_warnings

W_BASEMAP = "w_overview_basemap"
CARD_ROWS = (
    ("processing_share", "recycling_rate", "diversion_rate", "collection_coverage"),
    ("landfilled_t", "banned_landfilled_t", "landfill_years_left"),
)
W_REGION = "w_overview_region"

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


def targets_block(scenario, projection, lang: str) -> None:
    """Progress towards the 2030 and 2050 targets: the official processing share (which
    counts sorting) and, under it, the real recycling rate against the same target."""
    progress = target_progress(projection, scenario)
    cols = st.columns(max(len(progress), 1))
    for col, row in zip(cols, progress.itertuples(index=False), strict=False):
        with col:
            if pd.isna(row.progress):
                st.progress(0.0, text=i18n.t("targets.outside", lang, year=row.year))
                continue
            target = i18n.percent(row.target, lang, 0)
            status = i18n.t("targets.met" if row.met else "targets.not_met", lang)
            st.progress(
                float(row.progress),
                text=i18n.t(
                    "targets.line",
                    lang,
                    year=row.year,
                    target=target,
                    share=i18n.percent(row.processing_share, lang),
                    status=status,
                ),
            )
            st.progress(
                float(row.recycling_progress),
                text=i18n.t(
                    "targets.recycling",
                    lang,
                    recycling=i18n.percent(row.recycling_rate, lang),
                    target=target,
                ),
            )
    st.caption(i18n.t("targets.note", lang))


@st.fragment
@guarded_fragment
def map_block(scenario, projection, year: int, lang: str) -> None:
    """The map; its background switch reruns only this fragment."""
    basemap = st.toggle(i18n.t("map.basemap", lang), key=W_BASEMAP, value=False)
    points = map_points(scenario, projection, year)
    charts.show(
        charts.facility_map(points, lang, basemap),
        key="chart_map",
        filename=f"map_{scenario.id}_{year}",
    )
    st.caption(i18n.t("map.note", lang))


def unplaced_block(scenario, projection, lang: str) -> None:
    """One warning per region and year whose landfilled waste had no operating landfill
    (:func:`planner.projection.unplaced_warnings`): region, year and tonnes [t]."""
    names = region_names(scenario)
    for w in unplaced_warnings(projection):
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
    """Draw the overview of the scenario in focus."""
    lang = current_lang()
    scenario = state.current()
    year = state.year()
    projection = compute.projection(scenario)
    reference = compute.reference_projection(scenario)

    st.title(i18n.t("overview.title", lang))
    widgets.scenario_badge(scenario, lang)
    report_action([scenario], scenario.id, lang, key="overview")
    unplaced_block(scenario, projection, lang)
    st.subheader(i18n.t("overview.kpis", lang, year=year))
    st.caption(i18n.t("overview.delta_note", lang))
    widgets.kpi_card_grid(projection, reference, year, lang, CARD_ROWS)
    st.info(i18n.t("explain.processing_vs_recycling", lang), icon=":material/info:")

    st.subheader(i18n.t("overview.targets", lang))
    targets_block(scenario, projection, lang)

    left, right = st.columns(2)
    with left:
        charts.show(
            charts.fates_area(fates_over_time(projection), lang),
            key="chart_fates",
            filename=f"fates_{scenario.id}",
        )
    with right:
        charts.show(
            charts.sankey(sankey_links(projection, year), year, lang),
            key="chart_sankey",
            filename=f"sankey_{scenario.id}_{year}",
        )

    st.subheader(i18n.t("overview.districts", lang, year=year))
    table = district_table(projection, scenario, year)
    st.dataframe(district_styler(table, lang), hide_index=True, width="stretch")

    st.subheader(i18n.t("overview.map", lang))
    map_block(scenario, projection, year, lang)


render()
