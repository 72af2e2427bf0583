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
from msw_app.safe_text import plain_md, plain_plotly
from msw_app.sidebar import current_lang
from msw_app.views import economics_frames as frames
from msw_app.views.methane import (
    methane_by_category,
    methane_by_site,
    uncaptured_sanitary_notes,
)
from msw_app.views.names import facility_names
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


def mac_chart(curve: pd.DataFrame, base: str, lang: str) -> go.Figure:
    """Marginal abatement cost curve: bars as wide as the tonnes abated, cheapest first."""
    # One bar per option, named in the legend: narrow bars have no room for a label.
    fig = go.Figure()
    unit = i18n.t("climate.axis.cost", lang)
    for i, row in enumerate(curve.itertuples(index=False)):
        fig.add_bar(
            x=[(row.start_tco2e + row.abated_tco2e / 2) / 1000],
            width=[row.abated_tco2e / 1000],
            y=[row.abatement_cost_kzt_per_tco2e],
            name=plain_plotly(state.label(row.scenario, lang)),
            marker_color=charts.SCENARIO_COLORS[i % len(charts.SCENARIO_COLORS)],
            marker_line={"color": "#fff", "width": 1},
            hovertemplate="%{y:,.0f} " + unit + "<extra>%{fullData.name}</extra>",
        )
    fig.add_hline(y=0, line_color="#111", line_width=1)
    fig.update_layout(showlegend=True, barmode="overlay")
    return _layout(
        fig,
        lang,
        i18n.t("climate.mac", lang, base=plain_plotly(state.label(base, lang))),
        i18n.t("climate.axis.cost", lang),
        i18n.t("climate.axis.abated", lang),
        wrap=100,
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
    capture = c2.slider(
        i18n.t("climate.capture", lang),
        0.0,
        0.9,
        float(base.climate.landfill_gas.recovery["sanitary"]),
        0.05,
        format="percent",
        key=f"{W_CAPTURE}_{scenario.id}",
        help=i18n.t("climate.capture_help", lang),
    )
    return EconomicsOverrides(gwp=gwp, methane_recovery={"sanitary": capture})


def sanitary_notes_block(result: ec.EconomicsResult, scenario: Scenario, lang: str) -> None:
    """One sentence per sanitary landfill without gas capture: its CH4 over the horizon [t]
    against the same deposits on a dump, and that the gas-capture lever would lower it."""
    names = facility_names(scenario)
    notes = uncaptured_sanitary_notes(result, scenario, compute.projection(scenario))
    for note in notes:
        name = i18n.name(names.get(note.landfill, {"en": note.landfill}), lang)
        st.caption(
            i18n.t(
                "climate.sanitary_no_capture",
                lang,
                name=plain_md(name),
                start=result.years[0],
                end=result.years[-1],
                emitted=i18n.number(note.ch4_emitted_t, lang),
                dump=i18n.number(note.ch4_as_dump_t, lang),
            )
        )


def render() -> None:
    """Draw the emissions of the scenario in focus."""
    lang = current_lang()
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
    f = frames.focus_year_figures(result, year)
    t_co2e = i18n.t("climate.axis.tco2e", lang)
    # Two cards a row: values carry their unit (t CO2e) and must not be cut off.
    top, bottom = st.columns(2), st.columns(2)
    top[0].metric(
        i18n.t("climate.ch4", lang, year=year),
        i18n.quantity(f["ch4_landfill_t"], i18n.t("climate.axis.tch4", lang), lang),
        border=True,
    )
    top[1].metric(
        i18n.t("climate.net", lang, year=year),
        i18n.quantity(f["net_emissions_tco2e"], t_co2e, lang),
        border=True,
    )
    bottom[0].metric(
        i18n.t("climate.avoided", lang, year=year),
        i18n.quantity(f["avoided_emissions_tco2e"], t_co2e, lang),
        border=True,
    )
    bottom[1].metric(
        i18n.t("climate.cumulative", lang, start=result.years[0], end=result.years[-1]),
        i18n.quantity(f["net_emissions_horizon_tco2e"], t_co2e, lang),
        border=True,
    )
    left, right = st.columns(2)
    with left:
        charts.show(
            sources_chart(frames.emissions_by_source(result), lang),
            "chart_climate_sources",
            f"emissions_{scenario.id}",
        )
    with right:
        charts.show(
            methane_chart(methane_by_category(result), lang),
            "chart_climate_ch4",
            f"methane_{scenario.id}",
        )
    st.caption(i18n.t("climate.fod_note", lang) + " " + dumps_note(scenario, lang))
    sanitary_notes_block(result, scenario, lang)
    with st.expander(i18n.t("climate.by_site", lang, year=year)):
        st.dataframe(
            sites_table(methane_by_site(result, scenario, year), lang),
            hide_index=True,
            width="stretch",
        )

    base, curve = compute.preset_mac(overrides)
    if curve.empty:
        st.info(i18n.t("climate.mac_none", lang), icon=":material/info:")
    else:
        charts.show(mac_chart(curve, base, lang), "chart_climate_mac", "mac_curve")


# Streamlit runs page scripts as ``__main__``; importing the module (e.g. from a test) only
# defines its functions.
if __name__ == "__main__":
    render()
