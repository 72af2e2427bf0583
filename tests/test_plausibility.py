"""Absurd values are refused with the allowed range; numbers are not coerced from texts or
booleans; texts have length limits (issue #10, "Plausibility")."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.io import SCENARIO_DIR, load_presets, validate_file
from planner.messages import LANGUAGES, ScenarioError, is_translated
from planner.schema import Scenario
from tests.conftest import build


def district(data):
    return data["baseline"]["regions"][0]["districts"][0]


def only_problem(data):
    with pytest.raises(ScenarioError) as info:
        build(data)
    (problem,) = info.value.problems
    assert is_translated(problem)
    return problem


@pytest.mark.parametrize(
    ("where", "key", "value", "shown"),
    [
        ("district", "population", 1e15, "5,000,000"),
        ("district", "population", 1e308, "5,000,000"),
        ("sorting", "capacity_t_per_yr", 1e300, "10,000,000"),
        ("sorting", "capex_kzt", 1e300, "10,000,000,000,000"),
        ("landfill", "remaining_capacity_t", 1e12, "500,000,000"),
    ],
)
def test_magnitudes_have_an_upper_bound_shown_in_the_message(
    one_district, where, key, value, shown
):
    region = one_district["baseline"]["regions"][0]
    target = {
        "district": region["districts"][0],
        "sorting": region["sorting_lines"][0],
        "landfill": region["landfills"][0],
    }[where]
    target[key] = value
    problem = only_problem(one_district)
    assert problem.type == "less_than_equal" and problem.field.endswith(key)
    assert f"at most {shown}" in problem.text("en")
    assert shown.replace(",", "\u202f") in problem.text("ru")  # the user's number format


def test_years_are_within_1990_2100(one_district):
    one_district["end_year"] = 2101
    assert "2100" in only_problem(one_district).text("kk")
    one_district["end_year"] = 2030
    one_district["baseline"]["base_year"] = 1989
    assert "at least 1990" in only_problem(one_district).text("en")


@pytest.mark.parametrize(
    ("path", "value", "kind"),
    [
        (("population",), "75000", "float_type"),
        (("population",), True, "float_type"),
        (("population_year",), "2025", "int_type"),
        (("population_year",), 2025.0, "int_type"),
        (("population_year",), True, "int_type"),
        (("lat",), "50", "float_type"),
        (("collection_coverage",), "0.5", "float_type"),
    ],
)
def test_numbers_are_not_coerced_from_text_or_booleans(one_district, path, value, kind):
    district(one_district)[path[0]] = value
    problem = only_problem(one_district)
    assert problem.type == kind and problem.field.endswith(path[0])


def test_scenario_years_are_not_coerced(one_district):
    one_district["end_year"] = "2040"
    assert only_problem(one_district).type == "int_type"


def test_whole_numbers_are_accepted_where_floats_are_expected(one_district):
    district(one_district)["population"] = 1000  # an int
    district(one_district)["collection_coverage"] = 1
    assert isinstance(build(one_district), Scenario)


def test_year_keys_of_tables_stay_texts_in_files(one_district):
    """TOML and JSON keys are always texts: ``{"2030" = 0.5}`` is a year table."""
    text = json.dumps(one_district)
    assert '"2025": 0.5' in text  # participation = {2025 = 0.5}
    from planner.io import load_scenario_text

    assert load_scenario_text(text, "s.json").resolved_baseline().parameters.participation


@pytest.mark.parametrize(
    ("target", "limit"),
    [("name", 120), ("description", 2000)],
)
def test_texts_have_length_limits(one_district, target, limit):
    one_district[target] = {"ru": "я" * limit, "kk": "a", "en": "a"}
    assert isinstance(build(one_district), Scenario)  # exactly at the limit: fine
    one_district[target]["ru"] = "я" * (limit + 1)
    problem = only_problem(one_district)
    assert problem.type == "string_too_long" and problem.field == f"{target}.ru"
    assert f"at most {limit}" in problem.text("en") and str(limit + 1) in problem.text("en")
    assert "я" * 10 not in problem.text("en")  # the text itself is not repeated


def test_source_texts_and_campaign_names_are_limited(one_district):
    one_district["sources"] = {"capture": {"text": "s" * 2001, "confidence": "EST"}}
    assert only_problem(one_district).type == "string_too_long"
    one_district["sources"] = {}
    one_district["levers"] = {
        "awareness_campaigns": [
            {
                "name": "n" * 121,
                "start_year": 2026,
                "duration_yr": 2,
                "participation_gain_per_yr": 0.1,
                "ceiling": 0.5,
            }
        ]
    }
    assert only_problem(one_district).field == "levers.awareness_campaigns[0].name"


def test_ids_are_pattern_limited(one_district):
    one_district["id"] = "Sup3r Secret"
    assert only_problem(one_district).type == "string_pattern_mismatch"
    one_district["id"] = "x" * 65
    assert only_problem(one_district).type == "string_too_long"


def test_every_bundled_preset_and_baseline_still_validates():
    assert len(load_presets()) == 5
    for path in sorted((SCENARIO_DIR / "baseline").glob("abai_*.toml")):
        assert validate_file(path).id


def test_the_reasons_are_in_the_schema(capsys):
    assert main(["schema"]) == 0
    defs = json.loads(capsys.readouterr().out)["$defs"]
    assert "Almaty" in defs["District"]["properties"]["population"]["description"]
    assert "5 Mt/yr" in defs["SortingLine"]["properties"]["capacity_t_per_yr"]["description"]
    assert "budget" in defs["SortingLine"]["properties"]["capex_kzt"]["description"]
    population = defs["District"]["properties"]["population"]
    assert population.get("maximum") == 5_000_000


def test_range_messages_in_every_language(one_district):
    district(one_district)["population"] = -1
    problem = only_problem(one_district)
    assert all("0" in problem.text(lang) for lang in LANGUAGES)
