"""A bare Streamlit script: the Overview's elements drawn from precomputed data.

The yardstick of ``bench_app_ratio.py``: no model, no presenters, no catalog, no session
state of the app's own — only Streamlit's calls for what the Overview shows, from a pickle
written by the benchmark (path in the ``MSW_BARE_DATA`` environment variable), so that the
ratio of the app's rerun to this script's rerun says how much the app adds to Streamlit's own
cost.

``MSW_BARE_ELEMENTS=all`` (the default) draws every element the Overview draws, in its order
(69 deltas since session 7, when a row of KPI cards became one horizontal container instead
of a column per card; 83 before): navigation of the app's pages; the sidebar's style,
language and scenario pickers, region control, year slider and caption; title, subtitle,
both regions' verdict bars in bordered boxes, the report button, headings and captions, the
KPI cards of both regions in rows of two (one container a row), the info box, the two
charts, the district table, the map with its toggle, the bands toggle.
``MSW_BARE_ELEMENTS=charts`` draws only the year slider, the region control, the bars, cards,
charts and table (45 deltas: the session-5 yardstick).
"""

from __future__ import annotations

import os
import pickle

import streamlit as st


@st.cache_resource
def _data(path: str) -> dict:
    with open(path, "rb") as handle:
        return pickle.load(handle)


DATA = _data(os.environ["MSW_BARE_DATA"])
ALL = os.environ.get("MSW_BARE_ELEMENTS", "all") != "charts"
CAPTION = "Подпись к разделу страницы: что показано и откуда, одной-двумя строками текста."


def charts_only() -> None:
    """The session-5 yardstick: slider, region, bars, cards, charts, table, map."""
    year = st.sidebar.slider("Year", 2025, 2050, 2030, key="w_year")
    st.sidebar.segmented_control("Region", ["all", "abai", "ulytau"], default="all", key="region")
    page = DATA[year]
    st.title(page["title"])
    for column, (text, value) in zip(st.columns(len(page["bars"])), page["bars"], strict=True):
        with column:
            st.progress(value, text=text)
    for row in page["cards"]:
        for column, (label, value, delta) in zip(st.columns(len(row)), row, strict=True):
            column.metric(label, value, delta=delta, border=True)
    left, right = st.columns(2)
    left.plotly_chart(page["fates"], key="fates")
    right.plotly_chart(page["sankey"], key="sankey")
    st.dataframe(page["table"], hide_index=True)
    st.plotly_chart(page["map"], key="map")


def sidebar() -> int:
    """The sidebar as the app draws it; the year chosen."""
    st.html("<style>.stApp h1 { letter-spacing: 0; }</style>")
    with st.sidebar:
        st.selectbox("Язык · Тіл · Language", ["ru", "kk", "en"], key="w_lang")
        st.segmented_control("Регион", ["all", "abai", "ulytau"], default="all", key="region")
        st.selectbox("Сценарий", DATA["scenarios"], key="w_scenario")
        year = st.slider("Год", 2025, 2050, 2030, key="w_year")
        st.caption(CAPTION)
    return year


@st.fragment
def map_block(page: dict) -> None:
    st.toggle("Подложка карты", key="w_basemap", value=False)
    st.plotly_chart(page["map"], key="map")
    st.caption(CAPTION)


def overview() -> None:
    """Every element of the Overview, in its order."""
    page = DATA[sidebar()]
    st.title(page["title"])
    st.caption(CAPTION)
    for col, verdict in zip(st.columns(len(page["verdicts"])), page["verdicts"], strict=True):
        with col, st.container(border=True):
            st.progress(verdict["progress"], text=verdict["sentence"])
            st.progress(verdict["recycling_progress"], text=verdict["recycling_text"])
            for sentence in verdict["later"]:
                st.caption(sentence)
    st.caption(CAPTION)
    st.button("Отчёт (PDF и Excel)", key="report")
    st.subheader("Показатели")
    st.caption(CAPTION)
    columns = st.columns(len(page["groups"]))
    for g, (col, group) in enumerate(zip(columns, page["groups"], strict=True)):
        with col:
            st.markdown(f"**{group['title']}**")
            for r, row in enumerate(group["rows"]):
                with st.container(horizontal=True, gap="small", key=f"kpi_row_g{g}_{r}"):
                    for card in row:
                        st.metric(
                            card["label"],
                            card["value"],
                            delta=card["delta"],
                            delta_color=card["delta_color"],
                            help=card["help"],
                            border=True,
                            width="stretch",
                        )
            st.caption(group["note"])
    st.caption(CAPTION)  # a sanitary landfill without gas capture
    st.info(CAPTION, icon=":material/info:")
    left, right = st.columns(2)
    left.plotly_chart(page["fates"], key="fates")
    right.plotly_chart(page["sankey"], key="sankey")
    st.caption(CAPTION)
    st.subheader("Районы")
    st.dataframe(page["districts"], hide_index=True, width="stretch")
    st.subheader("Карта")
    map_block(page)
    with st.container():
        st.toggle("Диапазоны неопределённости", key="w_bands", value=False)


if ALL:
    pages = [st.Page(overview, title="Обзор", url_path="overview", default=True)]
    pages += [st.Page(charts_only, title=f"Страница {n}", url_path=f"p{n}") for n in range(10)]
    st.navigation(pages, position="sidebar").run()
else:
    charts_only()
