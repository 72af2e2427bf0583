"""Streamlit entry point: page config, language, the shared sidebar, navigation.

Run with ``python3 tasks.py app`` (or ``streamlit run app.py``).  Pages are scripts in
``ui/`` listed in ``ui/registry.py``; everything they show comes from ``planner``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import sidebar  # noqa: E402
from ui.registry import PAGES  # noqa: E402

st.set_page_config(
    page_title="ТБО · Абай / Ұлытау",
    page_icon=":material/recycling:",
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = sidebar.render()
pages = [
    st.Page(
        spec.path,
        title=spec.title(lang),
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec.default,
    )
    for spec in PAGES
]
st.navigation(pages, position="sidebar").run()
