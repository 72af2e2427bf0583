"""AppTest: the data page — downloads, upload (good and bad), methodology."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

import planner
from tests.app_session import open_page
from tests.app_text import shown


def data_page(lang: str = "en") -> AppTest:
    return open_page("page_data.py", lang)


def test_downloads_are_offered():
    at = data_page()
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Flows (CSV)") == 2
    assert labels.count("Indicators (CSV)") == 2
    assert labels.count("Costs and emissions (CSV)") == 2
    assert "Scenario (JSON)" in labels
    assert not at.exception


def test_bad_upload_lists_problems_and_keeps_the_scenario():
    at = data_page("ru")
    before = at.session_state["msw_current"]
    scenario = json.loads(planner.scenario_json(planner.load_presets()["bau"]))
    scenario["levers"] = {"recovery_mixed": {"paper": 1.5}, "capture": {"glass": "много"}}
    scenario["id"] = "Bad Id"
    at.file_uploader(key="w_upload").set_value(
        ("bad.json", json.dumps(scenario).encode(), "application/json")
    ).run()
    assert not at.exception
    assert at.session_state["msw_current"] == before
    errors = shown(" ".join(e.value for e in at.error))
    assert "bad.json" in errors and "не принят" in errors
    (table,) = [d for d in at.dataframe if "Что не так" in d.value.columns]
    fields = list(table.value["Поле"])
    assert "levers.recovery_mixed.paper" in fields
    assert "levers.capture.glass" in fields
    assert "id" in fields
    messages = " ".join(table.value["Что не так"])
    assert "не больше 1" in messages  # Russian text, not pydantic's English


def test_malformed_upload():
    at = data_page("kk")
    at.file_uploader(key="w_upload").set_value(("broken.toml", b"id = [", "text/plain")).run()
    assert at.session_state["msw_current"] == "announced"
    assert any("broken.toml" in shown(e.value) for e in at.error)


def test_good_upload_becomes_the_current_scenario():
    at = data_page()
    text = planner.scenario_json(planner.load_presets()["target_40_2030"])
    at.file_uploader(key="w_upload").set_value(
        ("mine.json", text.encode(), "application/json")
    ).run()
    assert not at.exception
    # The id clashes with the preset, so the upload is kept under a new id.
    assert at.session_state["msw_current"] == "target_40_2030_2"
    assert any("mine.json" in shown(s.value) for s in at.success)
    at.switch_page("msw_app/page_overview.py").run()
    assert not at.exception


def test_methodology_lists_sources():
    at = data_page()
    # The model's defaults, then the economics and climate defaults.
    sources, economics = [d for d in at.dataframe if "Confidence" in d.value.columns]
    assert "Landfill methane (IPCC)" in set(economics.value["Scope"])
    assert len(sources.value) > 100
    assert set(sources.value["Confidence"]) <= {"H", "M", "L", "EST"}
    assert any("Generated" in m.value for m in at.markdown)
