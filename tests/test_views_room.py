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

import pandas as pd
import pytest

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
    again = (tmp_path / "again.csv").read_text(encoding="utf-8")
    # the command line's table, column for column, then the range columns after it
    extra = "," + ",".join(room.RANGE_CSV_COLUMNS)
    assert exported.splitlines()[0] == again.splitlines()[0] + extra
    assert len(exported.splitlines()) == len(again.splitlines())
    for mine, theirs in zip(exported.splitlines(), again.splitlines(), strict=True):
        assert mine.startswith(theirs + ",") and mine.count(",") == theirs.count(",") + 3
    assert "room_k7qh2m_02" in exported and "npv_cost_kzt" in exported
    scenario = planner.load_scenario(files[0])
    assert scenario.name.en == "=1+1 Group: Announced projects"


def _cli_quantiles(tmp_path: Path, file: str) -> pd.DataFrame:
    out = tmp_path / (Path(file).stem + ".quantiles.csv")
    done = subprocess.run(
        [sys.executable, "-m", "planner", "uncertainty", file, "--draws", str(room.RANGE_DRAWS),
         "--seed", str(room.RANGE_SEED), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out)
    return table[table["year"] == 2030]


def test_the_ranges_are_what_the_uncertainty_command_gives(tmp_path: Path):
    """The board's ranges of each submission and the export's range columns are the
    ``python -m planner uncertainty <file> --draws 100 --seed 1`` figures of its file."""
    data = room.export_zip("K7QH2M", _entries())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    assert "--draws 100 --seed 1" in (tmp_path / "README.txt").read_text(encoding="utf-8")
    kpis = pd.read_csv(tmp_path / "kpis.csv", keep_default_na=False, na_values=[""])
    filled = kpis.dropna(subset=["p5"])
    assert len(filled) == 4  # two submissions × two regions
    assert set(filled["kpi"]) == {"processing_share"} and set(filled["year"]) == {2030}
    assert (filled["district"].isna() | (filled["district"] == "")).all()
    for n, entry in enumerate(_entries(), start=1):
        ident = room.export_id("K7QH2M", n)
        cli = _cli_quantiles(tmp_path, str(tmp_path / "scenarios" / f"{ident}.json"))
        board = room.submission_ranges(entry.scenario)
        for region in ("abai", "ulytau"):
            share = cli[(cli["region"] == region) & (cli["kpi"] == "processing_share")]
            p5 = share.loc[share["quantile"] == "p5", "value"].item()
            p95 = share.loc[share["quantile"] == "p95", "value"].item()
            met = cli[(cli["region"] == region) & (cli["kpi"] == "target_met")]["value"].item()
            assert board[f"share_p5:{region}"] == pytest.approx(p5, abs=1e-12)
            assert board[f"share_p95:{region}"] == pytest.approx(p95, abs=1e-12)
            assert board[f"chance_met:{region}"] == pytest.approx(met, abs=1e-12)
            row = filled[(filled["scenario"] == ident) & (filled["region"] == region)]
            assert row["p5"].item() == pytest.approx(p5, abs=1e-12)
            assert row["p95"].item() == pytest.approx(p95, abs=1e-12)
            assert row["target_met_probability"].item() == pytest.approx(met, abs=1e-12)
            assert 0 <= p5 <= p95 <= 1 and 0 <= met <= 1


def test_a_row_carries_each_regions_range_after_its_verdict():
    entry = _entries()[1]
    ranges = room.submission_ranges(entry.scenario)
    assert set(ranges) == {f"{c}:{r}" for c in room.RANGE_COLUMNS for r in ("abai", "ulytau")}
    kpis = {"processing_share:abai": 0.5, "recycling_rate:abai": 0.1, "target_met:abai": True,
            "processing_share:ulytau": 0.3, "recycling_rate:ulytau": 0.1,
            "target_met:ulytau": False, "npv_cost_kzt": 1.0}  # fmt: skip
    row = room.board_row(entry, kpis, "en", ranges)
    columns = room.sort_columns([row])
    at = columns.index("target_met:abai")
    assert columns[at + 1 : at + 4] == ["share_p5:abai", "share_p95:abai", "chance_met:abai"]
    assert row["share_p95:ulytau"] == ranges["share_p95:ulytau"]
    pending = room.board_row(entry, kpis, "en")  # not computed yet: empty cells, sorted last
    assert pending["share_p5:abai"] is None
    ordered = room.sorted_rows([pending, row], "share_p5:abai")
    assert ordered[0] is row
    # the same draws and seed give the same figures (what the board states)
    assert room.submission_ranges(entry.scenario) == ranges
    assert room.submission_ranges(entry.scenario, seed=2) != ranges


def test_a_scenario_without_economics_has_no_ranges():
    scenario = planner.load_presets()["announced"]
    bare = scenario.model_copy(
        update={"baseline": scenario.resolved_baseline().model_copy(update={"economics": None})}
    )
    assert bare.resolved_baseline().economics is None
    assert room.submission_ranges(bare) == {}
