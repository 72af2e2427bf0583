"""The sidebar shared by every page: language, region, scenario in focus, year in focus.

The language and the region are kept in the URL (``?lang=ru|kk|en``, ``?region=abai|ulytau|all``),
so a link opens the same view; a value the app does not know falls back to the default.
"""

from __future__ import annotations

import streamlit as st

from msw_app import i18n, state, widgets
from msw_app.guard import guarded_callback
from msw_app.views.regions import ALL, normalize_region, region_options, short_region_label

W_LANG = "lang"
"""Widget key of the language selector, kept in sync with the ``?lang=`` query parameter."""
W_SCENARIO = "w_scenario"
"""Prefix of the scenario picker's widget key (see :func:`msw_app.state.picker_version`)."""
W_YEAR = "w_year"
W_REGION = "region"
"""Widget key of the region choice, kept in sync with the ``?region=`` query parameter."""


def current_lang() -> str:
    """The language chosen in the sidebar (Russian until the sidebar has run)."""
    return i18n.normalize_lang(st.session_state.get(W_LANG))


def current_region() -> str:
    """The region chosen in the sidebar: a region id of the scenario in focus (``"abai"``,
    ``"ulytau"``) or ``"all"`` for both (also before the sidebar has run, and for any value
    that is not a region of the scenario in focus)."""
    state.init()
    return normalize_region(st.session_state.get(W_REGION), region_options(state.current()))


@guarded_callback
def _on_region() -> None:
    if st.session_state.get(W_REGION) is None:  # a second click on a pill unselects it
        st.session_state[W_REGION] = ALL


def _region_control(lang: str) -> None:
    """The region choice; its value follows ``?region=`` on the first run and writes back."""
    options = region_options(state.current())
    if W_REGION in st.session_state and st.session_state[W_REGION] not in options:
        st.session_state[W_REGION] = ALL
    chosen = st.session_state.get(W_REGION) or normalize_region(
        st.query_params.get_all("region"), options
    )
    scenario = state.current()
    st.segmented_control(
        i18n.t("sidebar.region", lang),
        options,
        default=chosen,  # the default is the value (see widgets.percent_slider)
        format_func=lambda r: short_region_label(r, scenario, lang),
        key=W_REGION,
        on_change=_on_region,
        help=i18n.t("sidebar.region_help", lang),
    )
    region = current_region()
    # Written when it says something: a chosen region, or a URL that already names one
    # (so that "both" after "Abai" shows in the URL); the plain URL means both.
    if st.query_params.get("region") != region and (region != ALL or "region" in st.query_params):
        st.query_params["region"] = region


@guarded_callback
def _on_scenario(key: str) -> None:
    state.set_current(st.session_state[key])


@guarded_callback
def _on_year() -> None:
    state.set_year(st.session_state[W_YEAR])


def render() -> str:
    """Draw the sidebar; returns the language code."""
    state.init()
    widgets.projector_style()
    with st.sidebar:
        wanted = st.session_state.get(W_LANG) or i18n.normalize_lang(
            st.query_params.get_all("lang")
        )
        lang = i18n.normalize_lang(
            st.selectbox(
                i18n.t("app.language", i18n.DEFAULT_LANG),  # the same in every language
                i18n.LANGS,
                index=list(i18n.LANGS).index(i18n.normalize_lang(wanted)),
                format_func=i18n.language_name,
                key=W_LANG,
            )
        )
        if st.query_params.get("lang") != lang:
            st.query_params["lang"] = lang
        _region_control(lang)
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
        year = min(max(state.year(), years[0]), years[-1])
        if W_YEAR in st.session_state and not years[0] <= st.session_state[W_YEAR] <= years[-1]:
            st.session_state[W_YEAR] = year
        st.slider(
            i18n.t("sidebar.year", lang),
            min_value=years[0],
            max_value=years[-1],
            value=year,  # the default is the value (see widgets.percent_slider)
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
