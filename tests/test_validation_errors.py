"""Bad input gets a clear, specific error: which file, which field, what is allowed."""

from __future__ import annotations

import json

import pytest

from planner.io import load_scenario, load_scenario_text
from planner.messages import ScenarioError
from tests.conftest import build


def problems(data):
    with pytest.raises(ScenarioError) as info:
        build(data)
    return info.value.problems


def district(data):
    return data["baseline"]["regions"][0]["districts"][0]


def test_nan_is_rejected(one_district):
    district(one_district)["population"] = float("nan")
    (p,) = problems(one_district)
    assert p.field.endswith("districts[0].population")
    assert p.type == "finite_number"
    assert "finite" in p.text("en")
    assert "NaN" in p.text("ru")


def test_negative_tonnage_is_rejected(one_district):
    one_district["baseline"]["regions"][0]["landfills"][0]["remaining_capacity_t"] = -5
    (p,) = problems(one_district)
    assert p.field.endswith("landfills[0].remaining_capacity_t")
    assert "at least 0" in p.text("en")
    assert "не меньше 0" in p.text("ru")


def test_share_above_one_is_rejected(one_district):
    district(one_district)["collection_coverage"] = 1.5
    (p,) = problems(one_district)
    assert p.field.endswith("collection_coverage")
    assert "at most 1" in p.text("en")


def test_composition_must_sum_to_one(one_district):
    one_district["baseline"]["regions"][0]["composition"]["paper"] = 0.3
    (p,) = problems(one_district)
    assert p.type == "composition_sum"
    assert p.field.endswith("regions[0].composition")
    assert "1.1" in p.text("en")
    assert "сумме" in p.text("ru")


def test_unknown_field_is_rejected_with_allowed_list(one_district):
    district(one_district)["populaton"] = 5
    (p,) = problems(one_district)
    assert p.type == "extra_forbidden"
    assert p.field.endswith("districts[0].populaton")
    assert "population" in p.text("en")  # the allowed fields are listed


def test_unknown_lever_field_is_rejected(one_district):
    one_district["levers"] = {"recovery": {"paper": 0.5}}
    (p,) = problems(one_district)
    assert p.field == "levers.recovery"
    assert "recovery_mixed" in p.text("en")


def test_facility_serving_unknown_district(one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["districts_served"] = ["nowhere"]
    (p,) = problems(one_district)
    assert p.type == "unknown_reference"
    assert "nowhere" in p.text("en") and "allowed: d" in p.text("en")


def test_new_facility_serving_unknown_district(one_district):
    one_district["levers"] = {
        "new_sorting_lines": [
            {
                "id": "x",
                "region": "r",
                "name": {"ru": "x", "kk": "x", "en": "x"},
                "lat": 1,
                "lon": 1,
                "districts_served": ["zz"],
                "start_year": 2026,
                "capacity_t_per_yr": 5,
            }
        ]
    }
    (p,) = problems(one_district)
    assert p.field == "levers.new_sorting_lines[0].districts_served"
    assert "zz" in p.text("ru")


def test_unknown_material_is_rejected(one_district):
    one_district["levers"] = {"capture": {"gold": 0.5}}
    (p,) = problems(one_district)
    assert "gold" in p.field or "gold" in str(p.context)


def test_several_problems_are_all_reported(one_district):
    district(one_district)["population"] = -1
    district(one_district)["collection_coverage"] = 2
    assert len(problems(one_district)) == 2


def test_malformed_toml_names_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "x"\nname = {ru = "a"', encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (p,) = info.value.problems
    assert p.file == str(path) and p.type == "malformed"
    assert "TOML" in p.line("en")


def test_malformed_json_upload():
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("{not json", "upload.json")
    assert info.value.problems[0].type == "malformed"
    assert "JSON" in info.value.problems[0].text("kk")


def test_unsupported_suffix():
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("x", "scenario.yaml")
    assert ".toml, .json" in info.value.problems[0].text("en")


def test_missing_baseline_file(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        'id = "s"\nname = {ru = "a", kk = "a", en = "a"}\nbaseline = "nope.toml"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    # Not "file not found": a missing name must not tell what else exists on disk.
    assert info.value.problems[0].type == "unknown_baseline"
    assert "abai_ulytau" in info.value.problems[0].text("en")  # the bundled names are listed


def test_baseline_error_names_the_baseline_file(tmp_path, one_district):
    baseline = one_district.pop("baseline")
    baseline["base_year"] = "soon"
    (tmp_path / "base.json").write_text(json.dumps(baseline), encoding="utf-8")
    one_district["baseline"] = "base.json"
    (tmp_path / "s.json").write_text(json.dumps(one_district), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "s.json")
    (p,) = info.value.problems
    assert p.file.endswith("base.json") and p.field == "base_year"


def test_json_nan_literal_is_rejected(one_district):
    text = json.dumps(one_district).replace('"population": 1000', '"population": NaN')
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "nan.json")
    assert info.value.problems[0].type == "finite_number"


def test_all_problem_types_have_three_languages():
    from planner.messages import LANGUAGES, TEMPLATES

    for kind, texts in TEMPLATES.items():
        assert set(texts) == set(LANGUAGES), kind


def test_unknown_reference_is_fully_translated_and_has_the_field(one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["districts_served"] = ["nowhere"]
    (p,) = problems(one_district)
    assert p.field == "regions[r].sorting_lines[0].districts_served"
    assert p.text("ru") == "неизвестные районы: nowhere; допустимо: d"
    assert "аудандар" in p.text("kk")


def test_end_before_start_names_the_field(one_district):
    one_district["end_year"] = 2020
    (p,) = problems(one_district)
    assert p.field == "end_year" and "2020" in p.text("ru")


def test_missing_baseline_names_the_scenario_field(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        'id = "s"\nname = {ru = "a", kk = "a", en = "a"}\nbaseline = "nope.toml"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (p,) = info.value.problems
    assert p.file == str(path) and p.field == "baseline" and "nope.toml" in p.text("en")
