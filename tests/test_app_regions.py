"""AppTest of the region choice (issue 12): each region's verdict as the KPI CSV has it, for
every preset and language; ``?region=`` on every page that shows it, bad values falling
back to both regions; the comparison's reference that stays; the Data page's CLI hint."""

from __future__ import annotations

import io
import shlex
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import planner
from msw_app import state
from msw_app.views.regions import short_region_label
from planner.export import kpis_csv
from planner.targets import RegionVerdict, verdict_sentence
from tests.app_session import APP
from tests.conftest import ROOT

PAGES = ("page_overview.py", "page_compare.py", "page_economics.py", "page_climate.py")
ICONS = (":green[:material/check_circle:] ", ":red[:material/cancel:] ")


def _session(lang: str, region: str | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    if region is not None:
        at.query_params["region"] = region
    at.run()
    if page is not None and page != "page_overview.py":
        at.switch_page(f"msw_app/{page}").run()
    assert not at.exception, at.exception
    return at


def _expected_verdicts(scenario, lang: str) -> list[tuple[str, bool]]:
    """Each region's 2030 sentence and met flag from the KPI CSV (not from the page's code)."""
    csv = kpis_csv([planner.project(scenario)])
    kpis = pd.read_csv(io.StringIO(csv), keep_default_na=False)
    at_2030 = kpis[(kpis["year"] == 2030) & (kpis["district"] == "") & (kpis["region"] != "")]
    target = scenario.resolved_baseline().parameters.target_processing_share[2030]
    out = []
    for region in [r.id for r in scenario.resolved_baseline().regions]:
        rows = at_2030[at_2030["region"] == region].set_index("kpi")["value"].astype(float)
        verdict = RegionVerdict(
            region=region,
            year=2030,
            target_share=target,
            processing_share=rows["processing_share"],
            recycling_rate=rows["recycling_rate"],
            generated_t_per_yr=rows["generated_t"],
        )
        name = short_region_label(region, scenario, lang)
        out.append(
            (verdict_sentence(verdict, name, lang), rows["processing_share"] >= target - 1e-9)
        )
    return out


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_each_region_verdict_matches_the_kpi_csv_for_every_preset(lang):
    at = _session(lang)
    presets = planner.load_presets()
    for preset, scenario in presets.items():
        at.session_state[state.KEY_CURRENT] = preset
        at.run()
        assert not at.exception, (preset, at.exception)
        official = [p.proto.text for p in at.get("progress")][0::2]  # then real recycling
        expected = _expected_verdicts(scenario, lang)
        assert len(official) == len(expected) == 2, (preset, official)
        for shown, (sentence, met) in zip(official, expected, strict=True):
            icon = ICONS[0] if met else ICONS[1]
            assert shown == icon + sentence, (preset, lang, shown, sentence)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("abai", "abai"),
        ("ulytau", "ulytau"),
        ("all", "all"),
        ("ABAI", "abai"),
        ("../../etc/passwd", "all"),
        ("<script>alert(1)</script>", "all"),
        ("x" * 5000, "all"),
        ("", "all"),
    ],
)
def test_region_query_parameter_on_every_page(page, given, expected):
    at = _session("en", given, page)
    assert at.query_params["region"] in ([expected], expected)
    text = " ".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [p.proto.text for p in at.get("progress")]
    )
    assert "<script>" not in text
    if page in ("page_economics.py", "page_climate.py"):
        bold = {m.value for m in at.markdown if m.value.startswith("**") and "region" in m.value}
        wanted = {"all": {"**Abai region**", "**Ulytau region**"}, "abai": set(), "ulytau": set()}
        assert bold == wanted[expected], bold
        shown = " ".join(c.value for c in at.caption)
        named = {"all": "both regions together", "abai": "Abai region", "ulytau": "Ulytau region"}
        assert named[expected] in shown
    if page == "page_overview.py":
        official = [p.proto.text for p in at.get("progress")][0::2]
        regions = {"all": ["Abai", "Ulytau"], "abai": ["Abai"], "ulytau": ["Ulytau"]}
        names = [t.split("] ", 1)[1].split(":")[0] for t in official]  # after the icon
        assert names == regions[expected]
    if page == "page_compare.py":
        verdicts = at.dataframe[0].value
        columns = {"all": ["Abai", "Ulytau"], "abai": ["Abai"], "ulytau": ["Ulytau"]}
        assert list(verdicts.columns) == columns[expected]


def test_region_choice_in_the_sidebar_writes_the_url_and_the_pages_follow():
    at = _session("ru")
    assert "region" not in at.query_params  # the plain URL means both regions
    at.sidebar.button_group(key="region").set_value("ulytau").run()
    assert not at.exception
    assert at.query_params["region"] in ("ulytau", ["ulytau"])
    official = [p.proto.text for p in at.get("progress")][0::2]
    assert len(official) == 1 and "Улытау" in official[0]
    at.switch_page("msw_app/page_compare.py").run()
    assert list(at.dataframe[0].value.columns) == ["Улытау"]
    at.sidebar.button_group(key="region").set_value("all").run()
    assert at.query_params["region"] in ("all", ["all"])  # "both" after a region shows too


def test_compare_reference_is_explicit_and_stays_when_scenarios_are_added():
    at = _session("en", page="page_compare.py")
    pick = at.multiselect(key="w_compare_pick")
    assert pick.proto.select_all is False or not pick.proto.select_all
    assert pick.proto.placeholder == "Choose scenarios…"
    assert at.selectbox(key="w_compare_ref").value == "bau"
    at.selectbox(key="w_compare_ref").set_value("announced").run()
    at.multiselect(key="w_compare_pick").set_value(
        ["announced", "bau", "separate_collection"]
    ).run()
    assert at.selectbox(key="w_compare_ref").value == "announced"
    at.multiselect(key="w_compare_pick").set_value(
        ["announced", "bau", "separate_collection", "target_40_2030"]
    ).run()
    assert not at.exception
    assert at.selectbox(key="w_compare_ref").value == "announced"
    differences = at.dataframe[-1].value
    assert "Announced projects" not in differences.columns
    assert len(differences.columns) == 3
    # Removing the reference falls back to BAU (picked), never to the last one added.
    at.multiselect(key="w_compare_pick").set_value(
        ["bau", "separate_collection", "target_40_2030"]
    ).run()
    assert at.selectbox(key="w_compare_ref").value == "bau"


def test_economics_cards_show_the_change_against_the_baseline():
    at = _session("en", "abai", "page_economics.py")
    deltas = {m.label: m.proto.delta for m in at.metric}
    npv = next(d for label, d in deltas.items() if label.startswith("NPV of costs"))
    assert npv.startswith(("+", "-", "−")) and "M KZT" in npv


def test_data_page_cli_hint_runs_as_written(tmp_path, monkeypatch):
    from streamlit.runtime.media_file_manager import MediaFileManager

    names: dict[str, str] = {}  # media URL -> the file name the browser saves
    original = MediaFileManager.add

    def spy(self, path_or_data, mimetype, coordinates, file_name=None, *args, **kwargs):
        url = original(self, path_or_data, mimetype, coordinates, file_name, *args, **kwargs)
        names[url] = file_name
        return url

    monkeypatch.setattr(MediaFileManager, "add", spy)
    at = _session("en", page="page_data.py")
    saved = names[at.download_button(key="dl_json").proto.url]
    (hint,) = [c.value for c in at.code if "planner run" in c.value]
    words = shlex.split(hint)
    assert words[:4] == [".venv/bin/python", "-m", "planner", "run"]
    assert words[4] == "announced.json"
    assert saved == words[4]  # the hint names the file the download saves
    (tmp_path / words[4]).write_text(planner.scenario_json(planner.load_presets()["announced"]))
    # The README's interpreter is .venv/bin/python in the project folder; this one stands in.
    done = subprocess.run(
        [sys.executable, *words[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kpis.csv").stat().st_size > 0
