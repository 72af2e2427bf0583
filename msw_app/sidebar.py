"""The sidebar shared by every page: language, scenario in focus, year in focus."""

from __future__ import annotations

import streamlit as st

from msw_app import i18n, state
from msw_app.guard import guarded_callback

W_LANG = "lang"
"""Widget key of the language selector, kept in sync with the ``?lang=`` query parameter."""
W_SCENARIO = "w_scenario"
"""Prefix of the scenario picker's widget key (see :func:`msw_app.state.picker_version`)."""
W_YEAR = "w_year"


def current_lang() -> str:
    """The language chosen in the sidebar (Russian until the sidebar has run)."""
    return i18n.normalize_lang(st.session_state.get(W_LANG))


@guarded_callback
def _on_scenario(key: str) -> None:
    state.set_current(st.session_state[key])


@guarded_callback
def _on_year() -> None:
    state.set_year(st.session_state[W_YEAR])


def render() -> str:
    """Draw the sidebar; returns the language code."""
    state.init()
    with st.sidebar:
        if W_LANG not in st.session_state:
            st.session_state[W_LANG] = i18n.normalize_lang(st.query_params.get_all("lang"))
        lang = i18n.normalize_lang(
            st.selectbox(
                i18n.t("app.language", i18n.DEFAULT_LANG),  # the same in every language
                i18n.LANGS,
                format_func=i18n.language_name,
                key=W_LANG,
            )
        )
        if st.query_params.get("lang") != lang:
            st.query_params["lang"] = lang
        labels = {sid: state.label(sid, lang) for sid in state.choices()}
        key = f"{W_SCENARIO}:{state.picker_version()}"
        st.selectbox(
            i18n.t("sidebar.scenario", lang),
            list(labels),
            index=list(labels).index(state.current_id()),
            format_func=lambda sid: labels.get(sid, sid),
            key=key,
            on_change=_on_scenario,
            args=(key,),
            help=i18n.t("sidebar.scenario_help", lang),
        )
        scenario = state.current()
        years = scenario.years()
        if W_YEAR not in st.session_state or not years[0] <= st.session_state[W_YEAR] <= years[-1]:
            st.session_state[W_YEAR] = min(max(state.year(), years[0]), years[-1])
        st.slider(
            i18n.t("sidebar.year", lang),
            min_value=years[0],
            max_value=years[-1],
            step=1,
            key=W_YEAR,
            on_change=_on_year,
        )
        state.set_year(st.session_state[W_YEAR])
        variant = state.current_variant()
        if variant is not None and variant.rejected:
            st.warning(i18n.t("sidebar.has_problems", lang), icon=":material/warning:")
        st.caption(i18n.t("sidebar.caption", lang))
    return lang
