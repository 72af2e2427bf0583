"""The app writes a variant to the store once per change and not on a rerun that changed
nothing (issue #14: thirty participants' reruns must stay cheap), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from msw_app import compute, persist, state
from msw_app.store.config import ENV_DATABASE_URL
from tests.app_session import open_page
from tests.conftest import BACKENDS


@pytest.fixture
def app_store(database_url: str, monkeypatch):
    """The store the app opens (``MSW_PLANNER_DATABASE_URL`` names a fresh database)."""
    monkeypatch.setenv(ENV_DATABASE_URL, database_url)
    db = compute.store_at(database_url)
    db.writes = 0  # the count from here on (opening it migrated the schema: one write)
    yield db
    db.close()


def _slider(at, suffix: str):
    (widget,) = [s for s in at.select_slider if s.key and s.key.endswith(suffix)]
    return widget


@BACKENDS
def test_a_rerun_writes_nothing_and_a_slider_move_writes_once(app_store) -> None:
    at = open_page("page_assumptions.py", "en")
    assert app_store.writes == 0  # opening the app saves nothing
    for _ in range(3):
        at.run()
    assert app_store.writes == 0
    slider = _slider(at, "levers.recovery_mixed.paper")
    slider.set_value(round(slider.value + 0.05, 2)).run()
    assert not at.exception
    assert app_store.writes == 1
    ids = at.session_state[persist.KEY_SAVED_IDS]
    assert len(ids) == 1
    at.run()
    at.run()
    assert app_store.writes == 1  # reruns after the edit write nothing either
    slider = _slider(at, "levers.recovery_mixed.paper")
    slider.set_value(round(slider.value + 0.05, 2)).run()
    assert app_store.writes == 2  # one more change, one more write


@pytest.fixture
def bare_session(monkeypatch):
    """Streamlit's session state outside a run (bare mode), emptied before and after."""
    import streamlit as st

    st.session_state.clear()
    yield st.session_state
    st.session_state.clear()


@BACKENDS
def test_the_listener_writes_only_what_changed_since_its_last_save(
    app_store, bare_session, monkeypatch
) -> None:
    from tests.store_cases import named

    monkeypatch.setattr(persist, "get_store", lambda: app_store)
    bare_session[persist.KEY_WORKSPACE] = "workspace-key-of-browser-a-0123456789"
    start = named(1, ident="one_mine")
    variant = state.Variant(id="one_mine", start=start, scenario=named(2, ident="one_mine"))
    variant.edits["levers.x"] = 1
    persist._save(variant.id, variant)
    assert app_store.writes == 1
    ident = bare_session[persist.KEY_SAVED_IDS][variant.id]
    persist._save(variant.id, variant)  # an edit that changed nothing: no transaction
    variant.scenario = named(2, ident="one_mine")  # recomputed, equal
    persist._save(variant.id, variant)
    assert app_store.writes == 1
    variant.edits["levers.x"] = 2  # a draft changed: saved (nothing typed is lost)
    persist._save(variant.id, variant)
    assert app_store.writes == 2
    variant.scenario = named(3, ident="one_mine")
    persist._save(variant.id, variant)
    assert app_store.writes == 3
    from msw_app import store

    saved = store.load_variant(app_store, ident)
    assert saved.scenario() == named(3, ident="one_mine") and saved.edits == {"levers.x": 2}
    bare_session[persist.KEY_AUTHOR] = "Group 7"  # the author label is saved too
    persist._save(variant.id, variant)
    assert app_store.writes == 4
    assert store.load_variant(app_store, ident).author == "Group 7"
    persist._save(variant.id, None)  # deleted
    assert store.load_variant(app_store, ident) is None
    persist._save(variant.id, variant)  # and saved again from scratch
    assert app_store.writes == 6
