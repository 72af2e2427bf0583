"""The board's presenter (``msw_app.views.room``): rows, order, and the ZIP export whose
KPI CSV the command line reproduces from its scenario files."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import planner
from msw_app.views import room
from msw_app.views.scenarios import baseline_scenario
from planner.economics import compare, evaluate
from planner.targets import region_verdicts
from tests.conftest import ROOT

WHEN = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def _entries() -> list[room.Entry]:
    presets = planner.load_presets()
    return [
        room.Entry("s1", "=1+1 Group", presets["announced"], WHEN, pinned=True),
        room.Entry("s2", "Группа 2", presets["target_40_2030"], WHEN),
    ]


def test_a_row_carries_the_regions_verdicts_and_the_money():
    scenario = planner.load_presets()["target_40_2030"]
    projection = planner.project(scenario)
    economics = evaluate(scenario, projection)
    reference_scenario = baseline_scenario(scenario)
    reference = evaluate(reference_scenario, planner.project(reference_scenario))
    kpis = room.submission_kpis(scenario, projection, economics, reference)
    targets = scenario.resolved_baseline().parameters.target_processing_share
    verdicts = region_verdicts(projection, targets, 2030)
    assert [v.region for v in verdicts] == ["abai", "ulytau"]
    for v in verdicts:
        assert kpis[f"processing_share:{v.region}"] == v.processing_share
        assert kpis[f"recycling_rate:{v.region}"] == v.recycling_rate
        assert kpis[f"target_met:{v.region}"] is v.met
    table = compare([reference, economics], reference.scenario)
    assert math.isclose(
        kpis["levelised_cost_kzt_per_t"], table.iloc[1]["levelised_cost_of_diversion_kzt_per_t"]
    )
    assert kpis["npv_cost_kzt"] == economics.npv_cost_kzt() > 0
    assert kpis["ch4_landfill_t"] > 0
    row = room.board_row(_entries()[1], kpis, "ru")
    assert row["participant"] == "Группа 2" and row["name"].startswith("40")
    assert room.sort_columns([row])[:4] == ["participant", "name", "created_at",
                                            "processing_share:abai"]  # fmt: skip


def test_rows_sort_by_any_column_with_missing_values_last():
    rows = [{"k": 2.0, "n": "b"}, {"k": None, "n": "a"}, {"k": 1.0, "n": "C"}]
    assert [r["n"] for r in room.sorted_rows(rows, "k")] == ["C", "b", "a"]
    assert [r["n"] for r in room.sorted_rows(rows, "k", descending=True)] == ["b", "C", "a"]
    assert [r["n"] for r in room.sorted_rows(rows, "n")] == ["a", "b", "C"]


def test_the_export_reruns_with_the_command_line(tmp_path: Path):
    data = room.export_zip("K7QH2M", _entries())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
        names = sorted(archive.namelist())
    assert names == [
        "README.txt", "kpis.csv", "scenarios/room_k7qh2m_01.json",
        "scenarios/room_k7qh2m_02.json", "submissions.csv",
    ]  # fmt: skip
    submissions = (tmp_path / "submissions.csv").read_text(encoding="utf-8").splitlines()
    assert submissions[0] == "scenario,participant,submitted_at,pinned,hidden"
    assert submissions[1].startswith("room_k7qh2m_01,'=1+1 Group,")  # no formula
    files = sorted(str(p) for p in (tmp_path / "scenarios").glob("*.json"))
    done = subprocess.run(
        [sys.executable, "-m", "planner", "run", *files, "--out", str(tmp_path / "flows.csv"),
         "--kpis", str(tmp_path / "again.csv")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    exported = (tmp_path / "kpis.csv").read_text(encoding="utf-8")
    assert (tmp_path / "again.csv").read_text(encoding="utf-8") == exported
    assert "room_k7qh2m_02" in exported and "npv_cost_kzt" in exported
    scenario = planner.load_scenario(files[0])
    assert scenario.name.en == "=1+1 Group: Announced projects"
