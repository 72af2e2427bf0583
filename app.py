"""Streamlit entry point: page config, language, the shared sidebar, navigation.

Run with ``python3 tasks.py app`` (or ``streamlit run app.py``).  Pages are scripts in
``msw_app/`` listed in ``msw_app/registry.py``; everything they show comes from ``planner``.
The sidebar and the page run inside :func:`msw_app.guard.page_guard`: a failure becomes a
translated message, its traceback goes to the server's log, the session's scenarios stay.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from msw_app import guard, i18n, persist, serving, sidebar, turns  # noqa: E402
from msw_app.registry import PAGES  # noqa: E402

serving.prepare()  # every reply at once, not 40 ms later (msw_app.serving)

st.set_page_config(
    page_title=i18n.t("app.page_title", i18n.DEFAULT_LANG),  # the same in every language
    # An emoji, not ":material/recycling:": Streamlit draws an emoji favicon in the browser,
    # but fetches a Material one from fonts.gstatic.com (a request to another host, and none
    # at all in an offline seminar room).
    page_icon="♻️",
    layout="wide",
    initial_sidebar_state="expanded",
)


def _root() -> None:
    """The app's root URL: go to the home page at its own path (``/overview``), keeping the
    query (``?lang=kk``), so that every page, the home page included, has one stable URL."""
    st.switch_page(home, query_params=st.query_params.to_dict())


# One script run at a time, in arrival order (msw_app.turns): thirty first visits in the same
# second are served one after another instead of all finishing together at the end.
with turns.turn():
    with guard.page_guard():
        persist.sync()  # saved variants back after a reload, ?scenario= links (issue #14)
        sidebar.render()
    lang = sidebar.current_lang()
    with guard.page_guard():
        persist.render_sidebar_link(lang)
    pages = [
        st.Page(spec.path, title=spec.title(lang), icon=spec.icon, url_path=spec.url_path)
        for spec in PAGES
    ]
    home = next((p for p, spec in zip(pages, PAGES, strict=True) if spec.default), pages[0])
    root = st.Page(_root, title=home.title, url_path="start", default=True, visibility="hidden")
    navigation = st.navigation([root, *pages], position="sidebar")
    with guard.page_guard():
        navigation.run()
serving.after_first_page()  # the warm heap frozen: shorter collections (msw_app.serving)
