"""Streamlit entry point (interim): the projection of the default scenario as a table and chart."""

import plotly.express as px
import streamlit as st

from planner import load_presets, project

st.set_page_config(page_title="ТБО: сценарии — Абай и Улытау", layout="wide")
presets = load_presets()
choice = st.sidebar.selectbox("Сценарий", list(presets), format_func=lambda k: presets[k].name.ru)
result = project(presets[choice])
kpis = result.kpis[(result.kpis.region == "") & (result.kpis.kpi == "processing_share")]
st.title(presets[choice].name.ru)
st.plotly_chart(px.line(kpis, x="year", y="value", title="Доля переработки (официальная)"))
st.dataframe(result.kpis[result.kpis.region == ""].pivot(index="year", columns="kpi", values="value"))
