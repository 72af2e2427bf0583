"""The app's caches (msw_app.compute): presets shared across sessions cannot be changed by one
session; page results come from compute's caches keyed by JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import planner

ROOT = Path(__file__).resolve().parent.parent


def _mutating_session() -> None:
    import streamlit as st

    from msw_app import compute

    preset = compute.presets()["bau"]
    preset.resolved_baseline().parameters.capture["paper"] = 0.99
    st.write(repr(compute.presets()["bau"].resolved_baseline().parameters.capture["paper"]))


def _reading_session() -> None:
    import streamlit as st

    from msw_app import compute

    st.write(repr(compute.presets()["bau"].resolved_baseline().parameters.capture["paper"]))


def test_a_sessions_preset_change_cannot_reach_another_session():
    original = planner.load_presets()["bau"].resolved_baseline().parameters.capture["paper"]
    assert original != 0.99
    first = AppTest.from_function(_mutating_session, default_timeout=60).run()
    assert not first.exception
    assert first.markdown[0].value == "0.99"  # the change is real, in that session's copy
    second = AppTest.from_function(_reading_session, default_timeout=60).run()
    assert not second.exception
    assert second.markdown[0].value == repr(original)


def test_shared_preset_json_is_immutable_and_parses_to_the_presets():
    from msw_app import compute

    texts = compute.preset_json()
    with pytest.raises(TypeError):
        texts["bau"] = "{}"  # type: ignore[index]
    parsed = compute.parse_presets(texts)
    assert parsed == planner.load_presets()
    assert parsed["bau"] is not compute.parse_presets(texts)["bau"]  # new objects per parse


def test_pages_keep_no_caches():
    for path in [ROOT / "app.py", *sorted((ROOT / "msw_app").rglob("*.py"))]:
        if path.name == "compute.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "st.cache_data" not in text and "st.cache_resource" not in text, path
        assert "lru_cache" not in text and "functools.cache" not in text, path
