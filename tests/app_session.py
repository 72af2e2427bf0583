"""Open the app in a fresh AppTest session: the one recipe the app tests share."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
"""The app's entry point."""


def open_app(lang: str | None = None, timeout: float = 60) -> AppTest:
    """A new app session, run once (with ``?lang=`` when ``lang`` is given).

    ``timeout`` [s] bounds each run of the script.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    return at.run()


def open_page(page: str, lang: str | None = "en", timeout: float = 60) -> AppTest:
    """A new app session switched to ``msw_app/<page>`` (e.g. ``page_data.py``), run."""
    return open_app(lang, timeout).switch_page(f"msw_app/{page}").run()
