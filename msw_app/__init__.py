"""Streamlit layer of the MSW planner: pages, widgets, charts, translations."""
