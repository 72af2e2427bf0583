"""A bare Streamlit script: the Overview's elements drawn from precomputed data.

The yardstick of ``bench_app_ratio.py``: no model, no presenters, no catalog — only the
widgets, cards, bars, charts and table the Overview shows, from a pickle written by the
benchmark (path in the ``MSW_BARE_DATA`` environment variable), so that the ratio of the
app's rerun to this script's rerun says how much the app adds to Streamlit's own cost.
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
