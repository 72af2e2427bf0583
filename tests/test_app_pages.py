"""AppTest: every page of the Streamlit app runs without an exception, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["ui/page_overview.py", "ui/page_assumptions.py", "ui/page_compare.py", "ui/page_data.py"]


def fresh(lang: str | None = None) -> AppTest:
    """A new app session, run once (optionally with ``?lang=``)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_page_runs(lang: str) -> None:
    at = fresh(lang)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page
        assert not at.error, (page, [e.value for e in at.error])
