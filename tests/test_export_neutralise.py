"""CSV exports neutralise formula injection as OWASP recommends (issue #10, "Exports")."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import planner.export as export
from planner.export import neutralise_cell, neutralise_frame


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://x")', "+cmd", "-cmd", "@SUM(A1)", "\tx", "\rx", "-", "+"]
)
def test_formula_starts_get_a_quote(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-5", "+1.5e3", "-0.25", "abc", "", "a=b", "'=x", 5, -5.0, None])
def test_numbers_and_plain_texts_are_unchanged(value):
    assert neutralise_cell(value) == value


def test_nan_is_unchanged():
    assert math.isnan(neutralise_cell(float("nan")))


def test_a_frame_keeps_its_numbers_and_is_not_changed_in_place():
    frame = pd.DataFrame(
        {"name": ["=cmd", "ok", None, "-x"], "value": [-1.0, 2.0, 3.0, 4.0], "n": [1, 2, 3, -4]}
    )
    before = frame.copy()
    out = neutralise_frame(frame)
    assert list(out["name"].fillna("")) == ["'=cmd", "ok", "", "'-x"]
    assert out["name"].isna().tolist() == [False, False, True, False]
    pd.testing.assert_series_equal(out["value"], frame["value"])
    pd.testing.assert_series_equal(out["n"], frame["n"])
    pd.testing.assert_frame_equal(frame, before)


def test_a_clean_frame_is_returned_as_is():
    frame = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    assert neutralise_frame(frame) is frame


def test_categorical_and_header_cells_are_neutralised():
    frame = pd.DataFrame({"=h": pd.Categorical(["@a", "b"])})
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=h"] and list(out["'=h"]) == ["'@a", "b"]


def test_every_csv_writer_neutralises(monkeypatch, tmp_path):
    """flows, KPIs, economics and landfills: each CSV text passes through neutralise_frame."""
    import planner
    from planner.economics import evaluate

    scenario = planner.load_presets()["announced"]
    result = planner.project(scenario)
    economics = [evaluate(scenario, result)]
    seen: list[int] = []
    original = export.neutralise_frame

    def spy(frame):
        seen.append(len(frame))
        return original(frame)

    monkeypatch.setattr(export, "neutralise_frame", spy)
    export.write_flows_csv([result], tmp_path / "f.csv")
    export.write_kpis_csv([result], tmp_path / "k.csv", economics)
    export.write_economics_csv(economics, tmp_path / "e.csv")
    export.write_landfills_csv([result], tmp_path / "l.csv")
    assert len(seen) == 4 and all(seen)


def test_an_injected_cell_is_written_quoted(tmp_path):
    frame = pd.DataFrame({"scenario": ["=cmd|' /C calc'!A0"], "value": [-1.5]})
    text = export.frame_csv(frame)
    assert text.splitlines()[1].startswith("'=cmd|") and text.splitlines()[1].endswith(",-1.5")
