"""The ranges table's presenter (msw_app.views.ranges) and range edits (planner.edit)."""

from __future__ import annotations

import pytest

from msw_app import compute
from msw_app.views.ranges import range_edits, range_path, range_rows, source_at
from planner import edit
from planner.messages import ScenarioError
from planner.uncertainty.inputs import uncertain_inputs


@pytest.fixture(scope="module")
def announced():
    return compute.presets()["announced"]


def test_every_uncertain_input_has_a_row_at_its_source(announced):
    rows = range_rows(announced, "en")
    inputs = uncertain_inputs(announced)
    assert len(rows) == len(inputs) > 10
    for row, u in zip(rows, inputs, strict=True):
        rng = source_at(announced, row["path"]).range
        assert (rng.low, rng.high, rng.distribution) == (u.low, u.high, u.distribution)
        assert (row["low"], row["high"], row["default"]) == (u.low, u.high, u.default)
        assert row["reasoning"] == rng.reasoning
    kinds = {row["path"].split(".")[1].split("[")[0] for row in rows}
    assert {"regions", "parameters", "economics"} <= kinds


def test_names_and_labels_are_translated(announced):
    ru = range_rows(announced, "ru")
    en = range_rows(announced, "en")
    assert {r["distribution"] for r in en} <= {"triangular", "uniform", "PERT"}
    assert any(r["distribution"] == "треугольное" for r in ru)
    assert any("waste per resident" in r["name"] for r in en)
    assert {r["confidence"] for r in en} <= {"H (high)", "M (medium)", "L (low)", "EST (estimate)"}


def test_a_lever_range_path_is_quoted():
    reformed = compute.presets()["reformed_epr"]
    paths = [r["path"] for r in range_rows(reformed, "en")]
    assert 'sources["economics.epr_realisation"].range' in paths
    assert edit.parse_path('sources["economics.epr_realisation"].range.high') == [
        "sources",
        "economics.epr_realisation",
        "range",
        "high",
    ]


def test_an_edited_high_becomes_one_range_edit_the_model_accepts(announced):
    rows = range_rows(announced, "en")
    k = next(i for i, r in enumerate(rows) if r["path"].startswith("baseline.regions"))
    after = [dict(r) for r in rows]
    after[k]["high"] = rows[k]["high"] * 1.5
    after[k]["distribution"] = "uniform"
    edits = range_edits(rows, after, "en")
    assert list(edits) == [rows[k]["path"]]
    assert edits[rows[k]["path"]]["distribution"] == "uniform"
    edited = edit.apply_edits(announced, edits)
    rng = source_at(edited, rows[k]["path"]).range
    assert rng.high == pytest.approx(rows[k]["high"] * 1.5) and rng.distribution == "uniform"
    assert rng.low == rows[k]["low"] and rng.reasoning == rows[k]["reasoning"]
    # the sampled input follows
    (u,) = [x for x in uncertain_inputs(edited) if range_path(edited, x.key) == rows[k]["path"]]
    assert u.high == pytest.approx(rows[k]["high"] * 1.5)
    assert range_edits(rows, [dict(r) for r in rows], "en") == {}


def test_a_high_below_the_default_is_refused_with_the_models_message(announced):
    rows = range_rows(announced, "en")
    row = next(r for r in rows if r["path"].startswith("baseline.regions") and r["default"] > 0)
    after = [dict(r) for r in rows]
    after[rows.index(row)]["high"] = row["default"] * 0.99
    edits = range_edits(rows, after, "en")
    with pytest.raises(ScenarioError) as err:
        edit.apply_edits(announced, edits)
    assert any(p.type == "range_default" for p in err.value.problems)
    result = edit.apply_valid_edits(announced, edits)
    assert list(result.rejected) == [row["path"]]
    assert result.scenario == announced
    drafts = range_rows(announced, "en", edits)
    assert drafts[rows.index(row)]["high"] == row["default"] * 0.99  # the entry is kept


def test_a_bound_outside_the_fields_limits_is_refused(announced):
    rows = range_rows(announced, "en")
    row = next(r for r in rows if r["name"].endswith("collection coverage"))
    after = [dict(r) for r in rows]
    after[rows.index(row)]["high"] = 1.5  # a share above 1
    result = edit.apply_valid_edits(announced, range_edits(rows, after, "en"))
    (problems,) = result.rejected.values()
    assert any(p.type == "range_bounds" for p in problems)


def test_each_refused_range_of_several_is_the_one_its_problem_names(announced):
    rows = range_rows(announced, "en")
    picks = [i for i, r in enumerate(rows) if r["path"].startswith("baseline.regions")][:3]
    after = [dict(r) for r in rows]
    bad = picks[1]
    after[picks[0]]["high"] = rows[picks[0]]["high"] * 1.1 + 0.01
    after[bad]["low"] = rows[bad]["high"] + 1.0  # above the default and the high
    after[bad]["high"] = rows[bad]["high"] + 2.0
    after[picks[2]]["distribution"] = "PERT"
    result = edit.apply_valid_edits(announced, range_edits(rows, after, "en"))
    assert list(result.rejected) == [rows[bad]["path"]]
    assert source_at(result.scenario, rows[picks[2]]["path"]).range.distribution == "pert"


def test_a_range_edit_keeps_the_rest_of_the_baseline_as_it_was(announced):
    (row, *_) = range_rows(announced, "en")
    same = {k: row[k] for k in ("low", "high", "reasoning")}
    rng = source_at(announced, row["path"]).range
    edited = edit.apply_edits(announced, {row["path"]: {**same, "distribution": rng.distribution}})
    assert edited == announced  # the baseline dumped and validated again is the same


@pytest.mark.parametrize("preset", sorted(compute.presets()))
def test_every_presets_ranges_are_found_where_the_file_states_them(preset):
    scenario = compute.presets()[preset]
    for row, u in zip(range_rows(scenario, "kk"), uncertain_inputs(scenario), strict=True):
        rng = source_at(scenario, row["path"]).range
        assert (rng.low, rng.high, rng.reasoning) == (u.low, u.high, u.reasoning), row["path"]
