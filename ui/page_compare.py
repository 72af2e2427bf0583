"""Compare page: 2–4 scenarios side by side, curves against the national targets, and
differences against a chosen reference."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner import views
from ui import charts, compute, i18n, state
from ui.sidebar import current_lang

W_PICK = "w_compare_pick"
W_REF = "w_compare_ref"
W_KPI = "w_compare_kpi"
CURVE_KPIS = ("diversion_rate", "processing_share", "recycling_rate")


def _on_pick() -> None:
    state.set_compare(list(st.session_state[W_PICK]))


def _on_ref() -> None:
    st.session_state[state.KEY_COMPARE_REF] = st.session_state[W_REF]


def formatted(table: pd.DataFrame, lang: str, labels: dict[str, str], signed: bool) -> pd.DataFrame:
    """A KPI × scenario table as text in ``lang`` (rows and columns translated)."""
    out = {}
    for column in table.columns:
        cells = []
        for kpi, value in table[column].items():
            kind = views.KPI_KIND[str(kpi)]
            cells.append(
                i18n.delta_of_kind(value, kind, lang)
                if signed
                else i18n.value_of_kind(value, kind, lang)
            )
        out[labels[str(column)]] = cells
    frame = pd.DataFrame(out, index=[i18n.t(f"kpi.{k}", lang) for k in table.index])
    frame.index.name = i18n.t("compare.indicator", lang)
    return frame


@st.fragment
def curves(projections, labels: dict[str, str], scenario, lang: str) -> None:
    """The KPI curves; choosing another KPI reruns only this fragment."""
    if W_KPI not in st.session_state:
        st.session_state[W_KPI] = CURVE_KPIS[0]
    kpi = (
        st.segmented_control(
            i18n.t("compare.curve_kpi", lang),
            CURVE_KPIS,
            format_func=lambda k: i18n.t(f"kpi.{k}", lang),
            key=W_KPI,
        )
        or CURVE_KPIS[0]
    )
    series = views.kpi_series(projections, kpi)
    fig = charts.scenario_lines(series, labels, views.targets_frame(scenario), kpi, lang)
    charts.show(fig, key="chart_compare", filename=f"compare_{kpi}")
    st.caption(i18n.t("compare.target_note", lang))


def render() -> None:
    """Draw the comparison."""
    lang = current_lang()
    year = state.year()
    st.title(i18n.t("compare.title", lang))
    names = {sid: state.label(sid, lang) for sid in state.choices()}
    if st.session_state.get(W_PICK) != state.compare_ids():
        st.session_state[W_PICK] = state.compare_ids()
    st.multiselect(
        i18n.t("compare.pick", lang),
        list(names),
        format_func=lambda sid: names.get(sid, sid),
        key=W_PICK,
        on_change=_on_pick,
        max_selections=4,
        help=i18n.t("compare.pick_help", lang),
    )
    picked = state.compare_ids()
    if len(picked) < 2:
        st.info(i18n.t("compare.need_two", lang), icon=":material/info:")
        return
    scenarios = [state.scenario(sid) for sid in picked]
    projections = [compute.projection(s) for s in scenarios]
    labels = {
        p.scenario: state.label(sid, lang) for p, sid in zip(projections, picked, strict=True)
    }

    curves(projections, labels, scenarios[0], lang)

    st.subheader(i18n.t("compare.table", lang, year=year))
    table = views.compare_table(projections, year)
    st.dataframe(formatted(table, lang, labels, signed=False), width="stretch")

    st.subheader(i18n.t("compare.differences", lang, year=year))
    ref = st.session_state.get(state.KEY_COMPARE_REF)
    ref = ref if ref in picked else picked[-1]
    if st.session_state.get(W_REF) != ref:
        st.session_state[W_REF] = ref
    reference = st.selectbox(
        i18n.t("compare.reference", lang),
        picked,
        format_func=lambda sid: names.get(sid, sid),
        key=W_REF,
        on_change=_on_ref,
    )
    ref_id = projections[picked.index(reference)].scenario
    differences = views.compare_differences(projections, ref_id, year)
    st.caption(i18n.t("compare.differences_note", lang, name=labels[ref_id]))
    st.dataframe(formatted(differences, lang, labels, signed=True), width="stretch")


render()
