"""Overview page: each region's verdict on the national target (above the fold), KPI cards by
region, fates over time, Sankey, the districts of the chosen region, map."""

from __future__ import annotations

import streamlit as st

from msw_app import charts, compute, i18n, state, uncertainty_panel, widgets
from msw_app.guard import guarded_fragment
from msw_app.report_action import report_action
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang, current_region
from msw_app.views.overview_page import CardGroup, OverviewModel
from msw_app.views.regions import region_filter, region_label, scope_label

W_BASEMAP = "w_overview_basemap"


def unplaced_block(model: OverviewModel) -> None:
    """One warning per region (of the chosen ones) and year whose landfilled waste had no
    operating landfill: region, year, tonnes."""
    for text in model.unplaced:
        st.warning(text, icon=":material/warning:")


def verdict_block(model: OverviewModel, lang: str) -> None:
    """Each shown region's verdict on the first national target (2030) side by side: the
    official processing share as a bar with the sentence of :mod:`planner.targets`, and the
    real recycling rate as a bar beside it; later target years (2050) as one line each."""
    if not model.verdicts:
        st.info(i18n.t("targets.none_projected", lang), icon=":material/info:")
        return
    for col, verdict in zip(st.columns(len(model.verdicts)), model.verdicts, strict=True):
        with col, st.container(border=True):
            icon = ":green[:material/check_circle:]" if verdict.met else ":red[:material/cancel:]"
            st.progress(verdict.progress, text=f"{icon} {verdict.sentence}")
            st.progress(verdict.recycling_progress, text=verdict.recycling_text)
            for sentence in verdict.later:
                st.caption(sentence)
    st.caption(i18n.t("targets.note", lang))


def card_group(group: CardGroup, where: str) -> None:
    """The KPI cards of one region (or the total), row by row, and the note under them;
    ``where`` names the group on the page (its rows' keys)."""
    if group.title:
        st.markdown(f"**{group.title}**")
    widgets.metric_cards(group.rows, where)
    st.caption(group.note)


def cards_block(model: OverviewModel) -> None:
    """KPI cards with deltas against the baseline: one region's in rows of four, or each
    region's side by side in rows of two; under them the landfill full first, named."""
    if len(model.card_groups) == 1:
        card_group(model.card_groups[0], "g0")
        return
    columns = st.columns(len(model.card_groups))
    for g, (col, group) in enumerate(zip(columns, model.card_groups, strict=True)):
        with col:
            card_group(group, f"g{g}")


def district_block(model: OverviewModel) -> None:
    """The districts of the chosen region, as text in the language, numbers to the right."""
    numeric = list(model.districts.columns[2:])
    st.dataframe(
        model.districts,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.TextColumn(alignment="right") for c in numeric},
    )


@st.fragment
@guarded_fragment
def map_block(scenario, year: int, lang: str) -> None:
    """The map; its background switch reruns only this fragment."""
    basemap = st.toggle(i18n.t("map.basemap", lang), key=W_BASEMAP, value=False)
    kind = "map_basemap" if basemap else "map"
    charts.show(
        compute.overview_figure(kind, scenario, year, "", lang),
        key="chart_map",
        filename=f"map_{scenario.id}_{year}",
    )
    st.caption(i18n.t("map.note", lang))


def render() -> None:
    """Draw the overview of the scenario in focus for the chosen region(s)."""
    lang = current_lang()
    region = current_region()
    scenario = state.current()
    year = state.year()
    model = compute.overview_model(scenario, year, region, lang)
    where = region_filter(region)

    st.title(i18n.t("overview.title", lang))
    widgets.scenario_badge(scenario, lang)
    unplaced_block(model)
    verdict_block(model, lang)
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
    cards_block(model)
    widgets.sanitary_no_capture_notes(scenario, region, lang)
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
    district_block(model)

    st.subheader(i18n.t("overview.map", lang))
    map_block(scenario, year, lang)

    uncertainty_panel.bands_block([scenario], [state.label(scenario.id, lang)], "overview")


render()
