"""Climate page: landfill methane (IPCC 2006 first-order decay, incl. waste deposited before
2025), composting emissions, emissions avoided by recycling, totals in t CO2e with the AR5/AR6
choice, and the marginal abatement cost curve of the preset options.

Every number comes from :mod:`planner.economics` and :mod:`planner.climate`; this page draws.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from msw_app import charts, compute, i18n, state, widgets
from msw_app.compute import kept_figure
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang, current_region
from msw_app.views import economics_frames as frames
from msw_app.views.methane import (
    methane_by_category,
    methane_by_site,
)
from msw_app.views.regions import region_filter, region_label, scope_label
from planner import economics as ec
from planner.economics_schema import EconomicsOverrides
from planner.schema import Scenario

W_GWP = "w_climate_gwp"
W_CAPTURE = "w_climate_capture"

SOURCE_COLORS = {"landfill": "#8b5a2b", "composting": "#9acd32", "recycling_credit": "#2e8b57"}
TYPE_COLORS = {
    "sanitary": "#3b7dd8",
    "controlled": "#8b5a2b",
    "uncontrolled": "#c0392b",
    "uncollected_dumps": "#7f8c8d",
}


def evaluate(scenario: Scenario, overrides: EconomicsOverrides) -> ec.EconomicsResult:
    """The (cached, shared with the other pages) result for a scenario with page overrides."""
    return compute.economics(scenario, overrides)


def _t(key: str, lang: str) -> str:
    return i18n.t(key, lang) if i18n.has(key) else key.rsplit(".", 1)[-1]


def _layout(
    fig: go.Figure, lang: str, title: str, y_title: str, x_title: str, wrap: int = charts.TITLE_WRAP
) -> go.Figure:
    return charts.layout(fig, lang, title, 420, x_title=x_title, y_title=y_title, wrap=wrap)


@kept_figure
def sources_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Bars by source (credits below zero) and the net line (from ``emissions_by_source``)."""
    fig = go.Figure()
    for source, part in frame.groupby("source", sort=False):
        if source == "net":
            fig.add_scatter(
                x=part["year"],
                y=part["tco2e"],
                name=_t("climate.source.net", lang),
                line={"color": "#111", "width": 3},
            )
        else:
            fig.add_bar(
                x=part["year"],
                y=part["tco2e"],
                name=_t(f"climate.source.{source}", lang),
                marker_color=SOURCE_COLORS.get(str(source)),
            )
    fig.update_layout(barmode="relative", hovermode="x unified")
    return _layout(
        fig,
        lang,
        i18n.t("climate.by_source", lang),
        i18n.t("climate.axis.tco2e", lang),
        i18n.t("axis.year", lang),
    )


@kept_figure
def methane_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked areas of CH4 emitted by landfill type, the dumps of uncollected waste apart
    (frame from :func:`msw_app.views.methane.methane_by_category`)."""
    fig = go.Figure()
    for kind, part in frame.groupby("category", sort=False):
        fig.add_scatter(
            x=part["year"],
            y=part["ch4_t"],
            name=_t(f"climate.type.{kind}", lang),
            stackgroup="ch4",
            line={"color": TYPE_COLORS.get(str(kind))},
        )
    fig.update_layout(hovermode="x unified")
    return _layout(
        fig,
        lang,
        i18n.t("climate.by_type", lang),
        i18n.t("climate.axis.tch4", lang),
        i18n.t("axis.year", lang),
    )


def dumps_note(scenario: Scenario, lang: str) -> str:
    """How the uncollected waste enters the methane (the share dumped on land)."""
    params = ec.effective_parameters(ec.parameters_of(scenario), scenario.levers.economics)
    share = params.climate.landfill_gas.uncollected_dumped_share
    if share <= 0:
        return i18n.t("climate.no_dumps_note", lang)
    return i18n.t(
        "climate.dumps_note",
        lang,
        share=i18n.percent(share, lang, 0),
        type=i18n.t("climate.type.uncollected_dumps", lang),
    )


def sites_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Methane by landfill and dump, translated (frame from
    :func:`msw_app.views.methane.methane_by_site`)."""
    return pd.DataFrame(
        {
            i18n.t("climate.col.site", lang): frame[f"name_{lang}"],
            i18n.t("climate.col.region", lang): frame[f"region_{lang}"],
            i18n.t("climate.col.type", lang): [
                _t(f"climate.type.{c}", lang) for c in frame["category"]
            ],
            i18n.t("climate.col.ch4", lang): [i18n.number(v, lang) for v in frame["ch4_t"]],
        }
    )


def overrides_block(scenario: Scenario, lang: str) -> EconomicsOverrides:
    """GWP choice and gas capture at sanitary landfills, starting from the scenario's values."""
    base = ec.effective_parameters(ec.parameters_of(scenario), scenario.levers.economics)
    c1, c2 = st.columns(2)
    gwp = c1.radio(
        i18n.t("climate.gwp", lang),
        ["AR5", "AR6"],
        index=["AR5", "AR6"].index(base.climate.gwp.use),
        horizontal=True,
        key=f"{W_GWP}_{scenario.id}",
        help=i18n.t("climate.gwp_help", lang),
    )
    capture = widgets.percent_slider(
        i18n.t("climate.capture", lang),
        0.0,
        0.9,
        float(base.climate.landfill_gas.recovery["sanitary"]),
        0.05,
        lang,
        key=f"{W_CAPTURE}_{scenario.id}",
        help=i18n.t("climate.capture_help", lang),
        container=c2,
    )
    return EconomicsOverrides(gwp=gwp, methane_recovery={"sanitary": capture})


def render() -> None:
    """Draw the emissions of the scenario in focus for the chosen region (both: their sum
    in the cards and charts, each site by region in the table)."""
    lang = current_lang()
    region = current_region()
    where = region_filter(region)
    scenario = state.current()
    st.title(i18n.t("climate.title", lang))
    widgets.scenario_badge(scenario, lang)
    try:
        overrides = overrides_block(scenario, lang)
        result = evaluate(scenario, overrides)
    except ValueError as exc:
        st.error(i18n.t("climate.no_params", lang, detail=plain_md(exc)), icon=":material/error:")
        return
    year = min(max(state.year(), result.years[0]), result.years[-1])
    st.caption(
        i18n.t("econ.charts_region", lang, region=plain_md(scope_label(region, scenario, lang)))
    )
    cards_block(result, scenario, year, region, lang)
    left, right = st.columns(2)
    with left:
        charts.show(
            sources_chart(frames.emissions_by_source(result, where), lang),
            "chart_climate_sources",
            f"emissions_{scenario.id}_{region}",
        )
    with right:
        charts.show(
            methane_chart(methane_by_category(result, where), lang),
            "chart_climate_ch4",
            f"methane_{scenario.id}_{region}",
        )
    st.caption(i18n.t("climate.fod_note", lang) + " " + dumps_note(scenario, lang))
    widgets.sanitary_no_capture_notes(scenario, region, lang, overrides)
    with st.expander(i18n.t("climate.by_site", lang, year=year)):
        sites = methane_by_site(result, scenario, year)
        if where:
            sites = sites[sites["region"] == where]
        st.dataframe(sites_table(sites, lang), hide_index=True, width="stretch")

    _base, steps = compute.preset_abatement_steps(overrides)
    labels = {sid: state.label(sid, lang) for sid in set(steps["scenario"]) | set(steps["parent"])}
    if not (steps["abated_tco2e"] > 0).any():
        st.info(i18n.t("climate.mac_none", lang), icon=":material/info:")
    else:
        charts.show(charts.abatement_steps(steps, labels, lang), "chart_climate_mac", "abatement")
        st.caption(i18n.t("climate.steps_note", lang, start=result.years[0], end=result.years[-1]))


def climate_cards(result, year: int, region: str, lang: str, per_row: int) -> None:
    """The four emission cards of a region (``""``: all), ``per_row`` a row."""
    f = frames.focus_year_figures(result, year, region)
    t_co2e = i18n.t("climate.axis.tco2e", lang)
    cards = [
        (
            i18n.t("climate.ch4", lang, year=year),
            i18n.quantity(f["ch4_landfill_t"], i18n.t("climate.axis.tch4", lang), lang),
        ),
        (
            i18n.t("climate.net", lang, year=year),
            i18n.quantity(f["net_emissions_tco2e"], t_co2e, lang),
        ),
        (
            i18n.t("climate.avoided", lang, year=year),
            i18n.quantity(f["avoided_emissions_tco2e"], t_co2e, lang),
        ),
        (
            i18n.t("climate.cumulative", lang, start=result.years[0], end=result.years[-1]),
            i18n.quantity(f["net_emissions_horizon_tco2e"], t_co2e, lang),
        ),
    ]
    for i in range(0, len(cards), per_row):
        for col, (label, value) in zip(st.columns(per_row), cards[i : i + per_row], strict=False):
            col.metric(label, value, border=True)


def cards_block(result, scenario: Scenario, year: int, region: str, lang: str) -> None:
    """The emission cards of the chosen region, two a row (values carry their unit and must
    not be cut off); for both regions each region's side by side, one a row."""
    if region_filter(region):
        climate_cards(result, year, region, lang, per_row=2)
        return
    regions = [g for g, d in result.groups if g and not d]
    for col, r in zip(st.columns(len(regions)), regions, strict=True):
        with col:
            st.markdown(f"**{plain_md(region_label(r, scenario, lang))}**")
            climate_cards(result, year, r, lang, per_row=1)


# Streamlit runs page scripts as ``__main__``; importing the module (e.g. from a test) only
# defines its functions.
if __name__ == "__main__":
    render()
