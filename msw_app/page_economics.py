"""Economics page: costs by item and payer, NPV, cost per tonne diverted, cost per resident
against tariffs, EPR incentives with the payout-realisation slider, sorting-line margins, loans,
and the cost-effectiveness of the preset options.

Every number comes from :mod:`planner.economics`; this page only draws it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from msw_app import charts, compute, i18n, state, widgets
from msw_app.compute import kept_figure
from msw_app.safe_text import plain_md, plain_plotly
from msw_app.sidebar import current_lang, current_region
from msw_app.views import economics_frames as frames
from msw_app.views.economics_cards import (
    MARGIN_PARTS,
    economics_cards,
    margin_parts,
    margin_verdict,
)
from msw_app.views.names import facility_names
from msw_app.views.regions import ALL, region_filter, region_label, scope_label, shown_regions
from planner import economics as ec
from planner.economics_schema import EconomicsOverrides
from planner.schema import Scenario

W_RHO = "w_econ_rho"
W_CONC = "w_econ_concessional"
W_RATE = "w_econ_discount"
MLN = 1e6

ITEM_COLORS = {
    "collection": "#3b7dd8",
    "landfill_gate_fee": "#8b5a2b",
    "environmental_payment": "#b5651d",
    "sorting_opex": "#f0a202",
    "composting_opex": "#6ab04c",
    "awareness": "#8e44ad",
    "recyclable_revenue": "#2e8b57",
}
PAYER_COLORS = {
    "tariff_payers": "#3b7dd8",
    "local_budget": "#8e44ad",
    "investors": "#f0a202",
    "epr_operator": "#2e8b57",
}


def evaluate(scenario: Scenario, overrides: EconomicsOverrides) -> ec.EconomicsResult:
    """The (cached) economics of a scenario with page overrides
    (:func:`msw_app.compute.economics`)."""
    return compute.economics(scenario, overrides)


def _label(key: str, lang: str) -> str:
    return i18n.t(key, lang) if i18n.has(key) else key.rsplit(".", 1)[-1]


def _money(value: float, lang: str) -> str:
    return i18n.money_mln(value, lang)


def _layout(fig: go.Figure, lang: str, title: str, y_title: str, height: int = 400) -> go.Figure:
    fig.update_layout(hovermode="x unified")
    return charts.layout(
        fig, lang, title, height, x_title=i18n.t("axis.year", lang), y_title=y_title
    )


@kept_figure
def items_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of cost items (frame from :func:`planner.economics.costs_by_item`)."""
    fig = go.Figure()
    for item, part in frame.groupby("item", sort=False):
        if not part["value"].any():
            continue
        fig.add_bar(
            x=part["year"],
            y=part["value"] / MLN,
            name=_label(f"econ.item.{item}", lang),
            marker_color=ITEM_COLORS.get(str(item)),
        )
    fig.update_layout(barmode="relative")
    return _layout(
        fig, lang, i18n.t("econ.by_item", lang), i18n.t("econ.axis.mln", lang), height=540
    )


@kept_figure
def payers_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of the payers' net burden (from :func:`planner.economics.costs_by_payer`)."""
    fig = go.Figure()
    for payer, part in frame.groupby("payer", sort=False):
        fig.add_bar(
            x=part["year"],
            y=part["value"] / MLN,
            name=_label(f"econ.payer.{payer}", lang),
            marker_color=PAYER_COLORS.get(str(payer)),
        )
    fig.update_layout(barmode="relative")
    return _layout(
        fig, lang, i18n.t("econ.by_payer", lang), i18n.t("econ.axis.mln", lang), height=540
    )


def tariff_label(key: str, lang: str) -> str:
    """A tariff benchmark or model bar by its key (``semey_2019`` → "Семей, тариф 2019");
    a key without a translation reads as words ("new_town_2026" → "New town 2026")."""
    if i18n.has(f"econ.tariff.{key}"):
        return i18n.t(f"econ.tariff.{key}", lang)
    return str(key).replace("_", " ").strip().capitalize()


@kept_figure
def tariff_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: model cost per resident per month and tariff benchmarks."""
    labels = [plain_plotly(tariff_label(str(r.label), lang)) for r in frame.itertuples()]
    colors = ["#e4572e" if k != "tariff" else "#9aa5ad" for k in frame["kind"]]
    fig = go.Figure(
        go.Bar(x=frame["value"], y=labels, orientation="h", marker_color=colors, hoverinfo="x")
    )
    return charts.layout(
        fig, lang, i18n.t("econ.tariffs", lang), 400, x_title=i18n.t("econ.axis.kzt", lang)
    )


@kept_figure
def epr_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """EPR incentives due and paid over time (from :func:`planner.economics.epr_flows`)."""
    fig = go.Figure()
    fig.add_scatter(
        x=frame["year"],
        y=frame["due_kzt"] / MLN,
        name=i18n.t("econ.epr_due", lang),
        line={"dash": "dash", "color": "#5b6770"},
    )
    fig.add_scatter(
        x=frame["year"],
        y=frame["paid_kzt"] / MLN,
        name=i18n.t("econ.epr_paid_line", lang),
        line={"color": "#2e8b57", "width": 3},
        fill="tozeroy",
    )
    return _layout(fig, lang, i18n.t("econ.epr", lang), i18n.t("econ.axis.mln", lang))


@kept_figure
def margin_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Sorting margin per tonne with and without EPR incentives."""
    fig = go.Figure()
    fig.add_scatter(
        x=frame["year"],
        y=frame["with_epr_kzt_per_t"],
        name=i18n.t("econ.margin_with", lang),
        line={"color": "#2e8b57", "width": 3},
    )
    fig.add_scatter(
        x=frame["year"],
        y=frame["without_epr_kzt_per_t"],
        name=i18n.t("econ.margin_without", lang),
        line={"color": "#c0392b", "dash": "dash"},
    )
    fig.add_hline(y=0, line_color="#111", line_width=1)
    return _layout(fig, lang, i18n.t("econ.margin", lang), i18n.t("econ.axis.kzt", lang))


@kept_figure
def effectiveness_chart(table: pd.DataFrame, base: str, lang: str, where: str = "") -> go.Figure:
    """Options: levelised cost of diversion against extra tonnes diverted (in the region
    named ``where``, if one is); one point per option, named in the legend (labels next to
    points overlap when points are close)."""
    options = table[table["scenario"] != base]
    fig = go.Figure()
    unit = i18n.t("econ.axis.kzt", lang) + "/" + i18n.t("unit.t", lang)
    for i, row in enumerate(options.itertuples(index=False)):
        fig.add_scatter(
            x=[row.delta_diverted_t / 1000],
            y=[row.levelised_cost_of_diversion_kzt_per_t],
            mode="markers",
            name=plain_plotly(state.label(row.scenario, lang)),
            # shrinking sizes: options with the same point (e.g. one that only changes who
            # pays) stay visible as concentric markers
            marker={
                "size": max(22 - 5 * i, 7),
                "color": charts.SCENARIO_COLORS[i % len(charts.SCENARIO_COLORS)],
                "line": {"width": 1, "color": "white"},
            },
            hovertemplate="%{y:,.0f} " + unit + "<extra>%{fullData.name}</extra>",
        )
    fig.add_hline(y=0, line_color="#111", line_width=1)
    fig.update_xaxes(rangemode="tozero")
    title = i18n.t("econ.effectiveness", lang, base=plain_plotly(state.label(base, lang)))
    return charts.layout(
        fig,
        lang,
        f"{plain_plotly(where)}: {title}" if where else title,
        460,
        x_title=i18n.t("econ.axis.diverted", lang),
        y_title=i18n.t("econ.axis.per_t", lang),
    )


def effectiveness_notes(
    table: pd.DataFrame, base: str, horizon: tuple[int, int], lang: str, where: str = ""
) -> None:
    """The notes under the cost-effectiveness chart: what it shows over ``horizon`` [yr] and
    the option cheapest per tonne diverted (levelised, against ``base``; in the region named
    ``where``, if one is)."""
    st.caption(
        i18n.t(
            "econ.effectiveness_note",
            lang,
            start=horizon[0],
            end=horizon[1],
            base=plain_md(state.label(base, lang)),
        )
    )
    cheapest_caption(table, base, lang, where)


def cheapest_caption(table: pd.DataFrame, base: str, lang: str, where: str = "") -> None:
    """The option cheapest per tonne diverted in ``table`` (against ``base``), prefixed by the
    region named ``where`` if one is; nothing when no option diverts more."""
    cheapest = ec.cheapest_per_tonne_diverted(table)
    if cheapest is None:
        return
    base_name, name = plain_md(state.label(base, lang)), plain_md(state.label(cheapest, lang))
    if where:
        text = i18n.t("pages5.cheapest_in_region", lang, region=plain_md(where), base=base_name,
                      name=name)  # fmt: skip
    else:
        text = i18n.t("cheapest_per_t", lang, base=base_name, name=name)
    st.caption(text)


def effectiveness_block(scenario: Scenario, region: str, horizon: tuple[int, int], lang: str):
    """The presets' cost-effectiveness in the chosen region, or in each region one under the
    other (each its own tonnes and costs), with the option cheapest in both together named
    under them (beside, never instead of, each region's)."""
    regions = shown_regions(region, scenario)
    for r in regions:
        base, table = compute.preset_region_comparison(r)
        where = region_label(r, scenario, lang)
        charts.show(
            effectiveness_chart(table, base, lang, where),
            f"chart_econ_effectiveness_{r}",
            f"cost_effectiveness_{r}",
        )
        effectiveness_notes(table, base, horizon, lang, where)
    if len(regions) > 1:
        base, table = compute.preset_comparison()
        cheapest_caption(table, base, lang)


def loans_table(result: ec.EconomicsResult, scenario: Scenario, lang: str) -> pd.DataFrame:
    """The loans as a translated, formatted table (facilities by name, in ``lang``)."""
    names = facility_names(scenario)
    return pd.DataFrame(
        {
            i18n.t("econ.col.facility", lang): [
                i18n.name(names[f["facility"]], lang) if f["facility"] in names else f["facility"]
                for f in result.financing
            ],
            i18n.t("econ.col.capex", lang): [
                i18n.number(f["capex_kzt"] / MLN, lang, 0) for f in result.financing
            ],
            i18n.t("econ.col.payment", lang): [
                i18n.number(f["payment_kzt_per_yr"] / MLN, lang, 1) for f in result.financing
            ],
            i18n.t("econ.col.commercial", lang): [
                i18n.number(f["payment_all_commercial_kzt_per_yr"] / MLN, lang, 1)
                for f in result.financing
            ],
            i18n.t("econ.col.subsidy", lang): [
                i18n.number(f["subsidy_npv_kzt"] / MLN, lang, 1) for f in result.financing
            ],
        }
    )


def _card_value(value: float, unit: str, lang: str, signed: bool = False) -> str:
    if unit == "mln":
        shown = None if pd.isna(value) else float(value) / MLN
        return i18n.quantity(shown, i18n.t("econ.axis.mln", lang), lang, 0, signed)
    return i18n.quantity(value, i18n.t("unit.tenge", lang), lang, 0, signed)


def _card_label(name: str, result: ec.EconomicsResult, year: int, lang: str) -> str:
    return i18n.t(f"econ.{name}", lang, year=year, end=result.years[-1])


CARD_HELP = {
    "npv": "econ.npv_help",
    "epr_paid": "econ.epr_paid_help",
    "per_resident": "econ.per_resident_help",
    "per_t_diverted": "econ.per_t_diverted_help",
}


def card_grid(table: pd.DataFrame, result: ec.EconomicsResult, year: int, lang: str, per_row: int):
    """The headline cards of :func:`msw_app.views.economics_cards.economics_cards`, ``per_row``
    a row, each with its change against the baseline without levers."""
    names = list(table.index)
    start, end = result.years[0], result.years[-1]
    for i in range(0, len(names), per_row):
        cols = st.columns(per_row)
        for col, name in zip(cols, names[i : i + per_row], strict=False):
            card = table.loc[name]
            delta = card["delta"]
            zero = pd.isna(delta) or abs(float(delta)) < (0.5 if card["unit"] == "tenge" else 5e4)
            better = card["lower_is_better"]
            help_key = CARD_HELP.get(name)
            col.metric(
                _card_label(name, result, year, lang),
                _card_value(card["value"], card["unit"], lang),
                delta=None if pd.isna(delta) else _card_value(delta, card["unit"], lang, True),
                delta_color="off" if zero or better is None else "inverse",
                delta_arrow="off" if zero else "auto",
                help=i18n.t(help_key, lang, start=start, end=end, year=year) if help_key else None,
                border=True,
            )


def cards(result, reference, year: int, region: str, scenario: Scenario, lang: str) -> None:
    """The headline figures with their change against the baseline without levers: one
    region's (or both regions' together) three a row, or each region's side by side."""
    regions = shown_regions(region, scenario)
    st.caption(i18n.t("econ.delta_note", lang))
    if region != ALL or len(regions) == 1:
        table = economics_cards(result, reference, year, region_filter(region))
        card_grid(table, result, year, lang, per_row=3)
        return
    cols = st.columns(len(regions))
    for col, r in zip(cols, regions, strict=True):
        with col:
            st.markdown(f"**{plain_md(region_label(r, scenario, lang))}**")
            card_grid(economics_cards(result, reference, year, r), result, year, lang, per_row=2)


def margin_words(result: ec.EconomicsResult, year: int, region: str, lang: str) -> None:
    """The sorting margin with and without EPR explained in words for the year in focus."""
    parts = margin_parts(result, year, region_filter(region))
    if parts is None:
        st.caption(i18n.t("econ.margin_words.none", lang, year=year))
        return
    money = {k: i18n.money_mln(parts[k], lang, 1) for k in MARGIN_PARTS if k.endswith("_kzt")}
    st.markdown(
        i18n.t(
            "econ.margin_words.parts",
            lang,
            year=year,
            input=i18n.number(parts["input_t"], lang),
            separate=i18n.number(parts["recovered_separate_t"], lang),
            mixed=i18n.number(parts["recovered_mixed_t"], lang),
            sales=money["revenue_kzt"],
            discount=money["mixed_price_discount_kzt"],
            incentives=money["incentive_kzt"],
            opex=money["opex_kzt"],
            avoided=money["avoided_landfill_kzt"],
            with_epr=money["margin_kzt"],
            without_epr=money["margin_no_epr_kzt"],
        )
        + " "
        + i18n.t(f"econ.margin_words.{margin_verdict(parts)}", lang)
    )


def overrides_block(scenario: Scenario, lang: str) -> EconomicsOverrides:
    """The page's what-if sliders, starting from the scenario's values."""
    base = ec.effective_parameters(ec.parameters_of(scenario), scenario.levers.economics)
    with st.expander(i18n.t("econ.levers", lang), expanded=True):
        c1, c2, c3 = st.columns(3)
        rho = widgets.percent_slider(
            i18n.t("econ.rho", lang),
            0.0,
            1.0,
            float(base.epr.realisation),
            0.01,
            lang,
            key=f"{W_RHO}_{scenario.id}",
            help=i18n.t("econ.rho_help", lang),
            container=c1,
        )
        conc = widgets.percent_slider(
            i18n.t("econ.concessional", lang),
            0.0,
            1.0,
            float(base.finance.concessional_share),
            0.05,
            lang,
            key=f"{W_CONC}_{scenario.id}",
            container=c2,
        )
        rate = widgets.percent_slider(
            i18n.t("econ.discount", lang),
            0.0,
            0.25,
            float(base.macro.discount_rate),
            0.01,
            lang,
            key=f"{W_RATE}_{scenario.id}",
            container=c3,
        )
    return EconomicsOverrides(epr_realisation=rho, concessional_share=conc, discount_rate=rate)


def render() -> None:
    """Draw the economics of the scenario in focus for the chosen region(s)."""
    lang = current_lang()
    region = current_region()
    where = region_filter(region)
    scenario = state.current()
    year = state.year()
    st.title(i18n.t("econ.title", lang))
    widgets.scenario_badge(scenario, lang)
    try:
        overrides = overrides_block(scenario, lang)
        result = evaluate(scenario, overrides)
    except ValueError as exc:
        st.error(i18n.t("econ.no_params", lang, detail=plain_md(exc)), icon=":material/error:")
        return
    year = min(max(year, result.years[0]), result.years[-1])
    reference = compute.reference_economics(scenario, overrides)

    cards(result, reference, year, region, scenario, lang)
    st.caption(i18n.t("econ.confidence", lang))
    st.caption(
        i18n.t("econ.charts_region", lang, region=plain_md(scope_label(region, scenario, lang)))
    )

    left, right = st.columns(2)
    with left:
        charts.show(
            items_chart(frames.costs_by_item(result, where), lang),
            "chart_econ_items",
            f"costs_{scenario.id}_{region}",
        )
    with right:
        charts.show(
            payers_chart(frames.costs_by_payer(result, where), lang),
            "chart_econ_payers",
            f"payers_{scenario.id}_{region}",
        )
    left, right = st.columns(2)
    with left:
        charts.show(
            tariff_chart(frames.tariff_comparison(result, year, where), lang),
            "chart_econ_tariffs",
            f"tariffs_{scenario.id}_{region}_{year}",
        )
        st.caption(i18n.t("econ.tariffs_note", lang) + " " + i18n.t("econ.tariff_sources", lang))
    with right:
        charts.show(
            epr_chart(frames.epr_flows(result, where), lang),
            "chart_econ_epr",
            f"epr_{scenario.id}_{region}",
        )
    left, right = st.columns(2)
    with left:
        charts.show(
            margin_chart(frames.margins_over_time(result, where), lang),
            "chart_econ_margin",
            f"margin_{scenario.id}_{region}",
        )
        st.caption(i18n.t("econ.margin_note", lang))
        margin_words(result, year, region, lang)
    with right:
        effectiveness_block(scenario, region, (result.years[0], result.years[-1]), lang)
    st.subheader(i18n.t("econ.loans", lang))
    if result.financing:
        st.dataframe(loans_table(result, scenario, lang), hide_index=True, width="stretch")
    else:
        st.info(i18n.t("econ.no_loans", lang), icon=":material/info:")


# Streamlit runs page scripts as ``__main__``; importing the module (e.g. from a test) only
# defines its functions.
if __name__ == "__main__":
    render()
