"""Ranges in scenario files: every L and EST number the model uses has one with its reasoning;
``validate`` checks them with translated messages; a lever that replaces a figure drops it."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

import planner
from planner.cli import main
from planner.edit import apply_edits
from planner.io import scenario_from_dict
from planner.messages import ScenarioError
from planner.resolve import economics_parameters
from planner.uncertainty.inputs import (
    DISTRICT_KINDS,
    FACILITY_KINDS,
    NO_EFFECT_KINDS,
    PARAMETER_KINDS,
    uncertain_inputs,
)
from tests.conftest import ROOT

EXEMPT_FIELDS = {
    "lat": "coordinates feed only the siting model",
    "lon": "coordinates feed only the siting model",
    "type": "a category (landfill type)",
    "environmental_payment_types": "a list of categories",
    "mixed_stream_rates": "a list of categories",
    "start_year": "a calendar year",
    "price_year": "a calendar year",
    "composition": "shares that must sum to 1 (would need a Dirichlet draw)",
}
"""L and EST figures that carry no range, and why (README 'Uncertainty')."""

LEVER_NOTES = {
    "landfill_gas_capture",
    "ulytau_regional_landfill",
    "awareness_campaigns",
    "new_composting_sites.semey_composting",
    "new_sorting_lines.karazhal_sorting",
}
"""Scenario-level sources that describe a whole lever or an idea, not one number (their
numbers carry their own ranges, e.g. ``awareness_campaigns.participation_gain_per_yr``)."""


def _sources(node: Any, path: str = ""):
    """``(path, field, source)`` of every source entry in a parsed TOML file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, dict):
                for name, source in value.items():
                    yield path, name, source
            else:
                yield from _sources(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _sources(item, f"{path}[{i}]")


FILES = sorted(
    [*(ROOT / "scenarios").glob("0*.toml"), ROOT / "scenarios/baseline/abai_ulytau.toml"]
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_low_confidence_number_has_a_range_with_its_reasoning(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    missing = []
    for where, name, source in _sources(data):
        if source["confidence"] not in ("L", "EST"):
            continue
        if name in EXEMPT_FIELDS or (where == "" and name in LEVER_NOTES):
            continue
        rng = source.get("range")
        if rng is None or not rng.get("reasoning"):
            missing.append(f"{where}.{name}")
    assert not missing


def test_the_ranges_of_the_presets_are_all_modelled():
    kinds = {*DISTRICT_KINDS, *FACILITY_KINDS, *PARAMETER_KINDS}
    for path in FILES[:-1]:
        for u in uncertain_inputs(planner.load_scenario(path)):
            assert u.low <= u.default <= u.high, u.key
            assert u.kind in kinds or "." in u.kind or u.kind in NO_EFFECT_KINDS


def _baseline_dict() -> dict:
    return planner.load_scenario(ROOT / "scenarios/01_business_as_usual.toml").model_dump(
        mode="json"
    )


def _semey(data: dict) -> dict:
    return data["baseline"]["regions"][0]["districts"][0]["sources"]


@pytest.mark.parametrize(
    ("range_", "kind", "ru"),
    [
        (
            {"low": 0.3, "high": 0.2},
            "range_order",
            "нижняя граница диапазона 0.3 больше верхней 0.2",
        ),
        ({"low": 0.29, "high": 0.33}, "range_default", "не содержит значение по умолчанию 0.28"),
        ({"low": 0.2, "high": 3.0}, "range_bounds", "выходит за допустимые пределы 0.0–2.0"),
    ],
)
def test_a_bad_range_is_one_translated_problem(range_, kind, ru):
    data = _baseline_dict()
    _semey(data)["generation_t_per_cap_yr"]["range"] = {**range_, "reasoning": "x"}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data, "s.toml")
    problem = err.value.problems[0]
    assert problem.type == kind
    assert ru in problem.text("ru")
    assert problem.text("kk") != problem.text("en") != problem.text("ru")


def test_a_factor_range_must_keep_every_value_within_its_bounds():
    data = _baseline_dict()
    data["baseline"]["parameters"]["sources"]["capture"]["range"]["high"] = 2.5  # 0.5 × 2.5 > 1
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data, "s.toml")
    assert err.value.problems[0].type == "range_bounds"


def test_a_range_on_a_text_is_refused():
    data = _baseline_dict()
    data["baseline"]["regions"][0]["landfills"][0]["sources"]["type"]["range"] = {
        "low": 0,
        "high": 1,
        "reasoning": "x",
    }
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data, "s.toml")
    assert err.value.problems[0].type == "range_field"


def test_validate_reports_a_bad_range_in_the_chosen_language(tmp_path, capsys):
    text = (ROOT / "scenarios/baseline/abai_ulytau.toml").read_text(encoding="utf-8")
    (tmp_path / "baseline").mkdir()
    bad = text.replace("low = 0.23, high = 0.33", "low = 0.29, high = 0.33", 1)
    (tmp_path / "baseline/abai_ulytau.toml").write_text(bad, encoding="utf-8")
    scenario = (ROOT / "scenarios/01_business_as_usual.toml").read_text(encoding="utf-8")
    (tmp_path / "s.toml").write_text(scenario, encoding="utf-8")
    assert main(["--lang", "kk", "validate", str(tmp_path / "s.toml")]) == 1
    err = capsys.readouterr().err
    assert "әдепкі мәнді 0.28 қамтымайды" in err and "Traceback" not in err


def test_a_lever_that_replaces_a_figure_drops_its_range():
    epr = planner.load_scenario(ROOT / "scenarios/05_reformed_epr.toml")
    assert epr.sources["economics.epr_realisation"].range is not None
    edited = apply_edits(epr, {"levers.economics.epr_realisation": 0.2})
    assert edited.sources["economics.epr_realisation"].range is None
    params = economics_parameters(edited)  # the baseline's 0–0.5 range no longer applies
    assert params.epr.realisation == 0.2 and params.epr.sources["realisation"].range is None
    keys = {u.key for u in uncertain_inputs(edited)}
    assert "levers.economics.epr_realisation" not in keys
    assert "economics.epr.realisation" not in keys
