"""Streamlit-free presenters: the tables, figures and texts the pages draw.

Everything here is pure (pandas in, pandas out) and never imports Streamlit, so tests call
it directly; the pages only lay it out.
"""
