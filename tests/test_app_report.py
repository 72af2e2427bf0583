"""AppTest: the Report action of Overview and Compare produces a PDF and a workbook."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import planner
from tests.app_session import open_page


@pytest.fixture
def downloads(monkeypatch):
    """The bytes the app hands to download buttons, by MIME type."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            seen[mimetype] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return seen


def _text(data: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_overview_report_button_gives_a_pdf_in_kazakh(downloads):
    at = open_page("page_overview.py", "kk", timeout=180)
    assert not at.get("download_button")  # nothing to download before the click
    at.button(key="w_report_overview").click().run(timeout=180)
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PDF жүктеу", "Excel жүктеу"]
    pdf = downloads["application/pdf"]
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "Қаттытұрмыстыққалдықтар:сценарийбойыншаесеп" in text
    assert "Абайоблысы:" in text and "Ұлытауоблысы:" in text  # each region's verdict
    xlsx = downloads["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    assert xlsx.startswith(b"PK")
    at.run(timeout=180)  # a rerun keeps the downloads, without a new click
    assert len(at.get("download_button")) == 2


def test_compare_report_names_the_compared_scenarios_and_the_reference(downloads):
    at = open_page("page_compare.py", "en", timeout=180)
    at.button(key="w_report_compare").click().run(timeout=180)
    assert not at.exception
    text = _text(downloads["application/pdf"])
    assert "Municipalsolidwaste:comparisonofscenarios" in text
    assert "Levelisedcostsareagainstthereferencescenario«" in text
    # the ranges over the uncertain inputs, with the command line's default draws and seed
    assert "Rangesovertheuncertaininputs" in text
    assert "--draws100--seed1" in text


def test_every_chart_carries_title_scenario_date_and_source_for_its_png():
    import datetime as dt
    import json

    at = open_page("page_overview.py", "ru", timeout=180)
    charts = at.get("plotly_chart")
    assert charts
    today = dt.date.today().isoformat()
    focus = planner.load_presets()[at.session_state["msw_current"]].name.ru
    for chart in charts:
        figure = json.loads(chart.proto.spec)
        title = figure["layout"]["title"]["text"]
        assert "Источник: планировщик сценариев ТБО" in title and today in title
        assert f"Сценарий: {focus}" in title  # the scenario in focus
        options = json.loads(chart.proto.config)["toImageButtonOptions"]
        assert options["format"] == "png" and options["width"] == 1200
        assert options["height"] >= figure["layout"]["height"] + 60  # room for the legend


def test_source_line_shows_a_participants_name_as_plain_text():
    from msw_app.charts import source_line

    line = source_line("<b>x</b>", "en")
    assert "<b>" not in line and "MSW scenario planner" in line


def test_the_apps_report_ranges_have_the_command_lines_defaults(monkeypatch):
    """The app's report runs its ensembles with the report command's default draws and seed,
    so the app's PDF and ``python -m planner report`` state the same ranges."""
    from msw_app import compute
    from planner.report.ranges import REPORT_DRAWS, REPORT_SEED

    seen = []
    monkeypatch.setattr(compute, "ensembles", lambda s, n: seen.append((list(s), n)) or [])
    scenarios = [planner.load_presets()["bau"]]
    assert compute.report_ensembles(scenarios) == []
    assert seen == [(scenarios, REPORT_DRAWS)] and compute.APP_SEED == REPORT_SEED
