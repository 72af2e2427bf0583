"""The command line: run, validate, schema."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from planner.cli import main
from planner.io import preset_paths
from tests.conftest import ROOT


def test_run_every_preset_writes_both_csvs(tmp_path):
    flows, kpis = tmp_path / "flows.csv", tmp_path / "kpis.csv"
    paths = [str(p) for p in preset_paths()]
    assert main(["run", *paths, "--out", str(flows), "--kpis", str(kpis)]) == 0
    with flows.open(encoding="utf-8") as f:
        reader = csv.reader(f)
        assert next(reader) == [
            "scenario",
            "region",
            "district",
            "year",
            "material",
            "flow",
            "tonnes",
        ]
        rows = list(reader)
    assert {r[0] for r in rows} == {
        "bau",
        "announced",
        "separate_collection",
        "target_40_2030",
        "reformed_epr",
    }
    with kpis.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["scenario", "region", "district", "year", "kpi", "value"]
        krows = list(reader)
    totals = [r for r in krows if r["region"] == "" and r["district"] == ""]
    regions = [r for r in krows if r["region"] != "" and r["district"] == ""]
    assert totals and regions
    assert {r["kpi"] for r in totals} >= {"diversion_rate", "processing_share", "landfilled_t"}


def test_run_as_module_subprocess(tmp_path):
    out = tmp_path / "f.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "planner", "run", str(preset_paths()[0]), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith(
        "scenario,region,district,year,material,flow,tonnes\n"
    )


def test_validate_ok(capsys):
    assert main(["validate", str(preset_paths()[1])]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_baseline_file():
    assert main(["validate", str(ROOT / "scenarios" / "baseline" / "abai_ulytau.toml")]) == 0


def test_validate_broken_file_lists_each_problem(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    text = (ROOT / "scenarios" / "02_announced_projects.toml").read_text(encoding="utf-8")
    text = text.replace("capacity_t_per_yr = 75000", "capacity_t_per_yr = -75000")
    text = text.replace(
        'baseline = "baseline/abai_ulytau.toml"',
        'baseline = "abai_ulytau"',  # a bundled baseline by name (absolute paths are refused)
    )
    text = text.replace("end_year = 2050", 'end_year = 2050\ncolour = "green"')
    bad.write_text(text, encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert all(line.startswith(str(bad)) for line in err)
    assert any(
        "levers.new_sorting_lines[0].capacity_t_per_yr" in line and "at least 0" in line
        for line in err
    )
    assert any("colour" in line and "allowed fields" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_validate_in_russian(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{broken", encoding="utf-8")
    assert main(["--lang", "ru", "validate", str(bad)]) == 1
    assert "файл не читается как JSON" in capsys.readouterr().err


def test_validate_missing_file(capsys):
    assert main(["validate", "does/not/exist.toml"]) == 1
    assert "not found" in capsys.readouterr().err


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "levers" in schema["properties"]


def test_schema_carries_field_descriptions_with_units(capsys):
    """Field docstrings reach the JSON Schema, so editors show what a field is and its unit."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    defs = schema["$defs"]
    district = defs["District"]["properties"]
    assert district["population"]["description"].startswith(
        "Residents in ``population_year`` [persons]; at most 5 million"
    )
    assert "[t/(person·yr)]" in district["generation_t_per_cap_yr"]["description"]
    assert "[KZT/t]" in defs["UnitCosts"]["properties"]["collection_kzt_per_t"]["description"]
    assert (
        "[1/yr]"
        in defs["AwarenessCampaign"]["properties"]["participation_gain_per_yr"]["description"]
    )
    assert "description" in schema["properties"]["end_year"]


def test_site_subcommand_is_registered(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["site", "--help"])
    assert exc.value.code == 0
    assert "--max-lines" in capsys.readouterr().out


def test_run_with_bad_scenario_fails_cleanly(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 3\n", encoding="utf-8")
    assert main(["run", str(bad), "--out", str(tmp_path / "x.csv")]) == 1
    assert not (tmp_path / "x.csv").exists()
    assert "bad.toml" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["frobnicate"]])
def test_usage_errors_exit_nonzero(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_run_writes_landfill_csv_with_full_year(tmp_path):
    out = tmp_path / "lf.csv"
    path = str(ROOT / "scenarios" / "01_business_as_usual.toml")
    assert main(["run", path, "--out", str(tmp_path / "f.csv"), "--landfills", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [
        "scenario",
        "landfill",
        "region",
        "type",
        "year",
        "operating",
        "deposited_t",
        "remaining_capacity_t",
        "over_capacity_t",
        "years_left",
        "full_year",
    ]
    semey = [r for r in rows if r["landfill"] == "semey_city_landfill"]
    full = {r["full_year"] for r in semey}
    assert len(full) == 1 and full.pop().isdigit()  # the old Semey landfill fills in BAU


def test_validate_several_files_reports_each(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    good = str(preset_paths()[0])
    assert main(["validate", good, str(bad)]) == 1
    captured = capsys.readouterr()
    assert "valid" in captured.out and str(bad) in captured.err
    assert main(["validate", *[str(p) for p in preset_paths()]]) == 0
