"""What the pages draw of the uncertainty analysis: one call each.

- :func:`bands_block` — Overview and Compare: a toggle for the fan bands of the processing
  share and, beside them, each region's chance of meeting the national target;
- :func:`render_sensitivity` — the sensitivity page: the tornado per region and KPI and the
  inputs worth measuring first, in words.

Ensembles come from :func:`msw_app.compute.ensembles` (cached by the scenarios' JSON).  The
block is an ``st.fragment`` drawn last: a slider rerun draws the central figures first, the
bands follow under a spinner, and flipping the toggle reruns only the block.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from msw_app import charts, compute, i18n, state, widgets
from msw_app.charts_uncertainty import fan_chart, tornado_chart
from msw_app.guard import guarded_fragment
from msw_app.ranges_panel import ranges_table
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang
from msw_app.views.names import region_names
from msw_app.views.sensitivity_page import RegionSensitivity
from msw_app.views.uncertainty import FAN_KPI, fan_frame, target_chances
from planner.schema import Scenario

W_BANDS = "w_uncertainty_bands_{where}"
"""Key of the bands toggle on a page (``where``: overview, compare)."""


def chance_lines(scenario: Scenario, ensemble, lang: str, label: str = "") -> None:
    """One line per region: the chance of meeting the 2030 (and 2050) target."""
    names = region_names(scenario)
    for year in sorted(ensemble.targets):
        for row in target_chances(ensemble, year).itertuples(index=False):
            region = i18n.name(names.get(row.region, {"en": row.region}), lang)
            st.markdown(
                i18n.t(
                    "unc.chance",
                    lang,
                    scenario=plain_md(label),
                    region=plain_md(region),
                    target=i18n.percent(row.target, lang, 0),
                    year=row.year,
                    percent=i18n.percent(row.probability, lang, 0),
                )
            )


@st.fragment
@guarded_fragment
def bands_block(scenarios: Sequence[Scenario], labels: Sequence[str], where: str) -> None:
    """The bands toggle; when on, fan bands of the processing share per region and each
    region's chance of meeting the target, for every scenario (common draws)."""
    lang = current_lang()
    shown = st.toggle(
        i18n.t("unc.toggle", lang),
        key=W_BANDS.format(where=where),
        value=False,
        help=i18n.t("unc.toggle_help", lang, draws=compute.APP_DRAWS),
    )
    if not shown:
        return
    if any(s.resolved_baseline().economics is None for s in scenarios):
        st.info(i18n.t("unc.no_economics", lang), icon=":material/info:")
        return
    with st.spinner(i18n.t("unc.computing", lang, draws=compute.APP_DRAWS)):
        ensembles = compute.ensembles(scenarios)
    names = region_names(scenarios[0])
    cols = st.columns(len(ensembles[0].regions))
    for col, region in zip(cols, ensembles[0].regions, strict=True):
        with col:
            frames = {
                lab: fan_frame(e, FAN_KPI, region) for lab, e in zip(labels, ensembles, strict=True)
            }
            title = i18n.t(
                "unc.fan_title",
                lang,
                region=i18n.name(names.get(region, {"en": region}), lang),
                draws=compute.APP_DRAWS,
            )
            charts.show(
                fan_chart(frames, title, lang, ensembles[0].targets),
                key=f"chart_fan_{where}_{region}",
                filename=f"fan_{where}_{region}",
            )
    for scenario, label, ensemble in zip(scenarios, labels, ensembles, strict=True):
        chance_lines(scenario, ensemble, lang, label if len(scenarios) > 1 else "")
    st.caption(i18n.t("unc.note", lang))


def _region_tornados(scenario: Scenario, region: RegionSensitivity, lang: str) -> None:
    for tornado in region.tornados:
        charts.show(
            tornado_chart(tornado.rows, list(tornado.labels), tornado.title, lang),
            key=f"chart_tornado_{region.region}_{tornado.kpi}",
            filename=f"tornado_{scenario.id}_{region.region}_{tornado.kpi}",
        )


def render_sensitivity() -> None:
    """The sensitivity page of the scenario in focus."""
    lang = current_lang()
    scenario = state.current()
    st.title(i18n.t("sens.title", lang))
    widgets.scenario_badge(scenario, lang)
    st.markdown(i18n.t("sens.intro", lang))
    if scenario.resolved_baseline().economics is None:
        st.info(i18n.t("unc.no_economics", lang), icon=":material/info:")
        return
    with st.spinner(i18n.t("sens.computing", lang)):
        model = compute.sensitivity_model(scenario, lang)
    st.subheader(i18n.t("sens.measure_first_title", lang))
    for region in model:
        st.markdown(region.measure_first)
    for region in model:
        st.subheader(plain_md(region.name))
        _region_tornados(scenario, region, lang)
    st.caption(i18n.t("sens.note", lang))
    ranges_table(scenario, lang)
