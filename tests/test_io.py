"""planner.io: ``extends`` merges a child's levers onto its parent's."""

from __future__ import annotations

from planner.io import merge_levers


def test_lists_concatenate_parent_first():
    parent = {"new_sorting_lines": [{"id": "a"}], "awareness_campaigns": [{"name": "p"}]}
    child = {"new_sorting_lines": [{"id": "b"}]}
    merged = merge_levers(parent, child)
    assert merged["new_sorting_lines"] == [{"id": "a"}, {"id": "b"}]
    assert merged["awareness_campaigns"] == [{"name": "p"}]


def test_tables_merge_key_by_key_at_every_depth():
    parent = {
        "participation": {2025: 0.05, 2030: 0.2},
        "collection_coverage": {"*": {2030: 1.0}, "semey": {2028: 0.95}},
        "recovery_mixed": {"paper": 0.1},
        "economics": {"gwp": "AR5", "methane_recovery": {"sanitary": 0.2}},
    }
    child = {
        "participation": {2035: 0.3},
        "collection_coverage": {"*": {2035: 0.9}, "ayagoz": {2030: 0.8}},
        "recovery_mixed": {"plastics": 0.2},
        "economics": {"methane_recovery": {"controlled": 0.1}, "epr_realisation": 1.0},
    }
    merged = merge_levers(parent, child)
    assert merged["participation"] == {2025: 0.05, 2030: 0.2, 2035: 0.3}
    assert merged["collection_coverage"] == {
        "*": {2030: 1.0, 2035: 0.9},
        "semey": {2028: 0.95},
        "ayagoz": {2030: 0.8},
    }
    assert merged["recovery_mixed"] == {"paper": 0.1, "plastics": 0.2}
    assert merged["economics"] == {
        "gwp": "AR5",
        "methane_recovery": {"sanitary": 0.2, "controlled": 0.1},
        "epr_realisation": 1.0,
    }


def test_other_values_are_replaced_and_inputs_are_not_changed():
    parent = {"generation_growth_per_yr": 0.01, "collection_coverage": {"*": {2030: 1.0}}}
    child = {"generation_growth_per_yr": 0.0, "collection_coverage": {"*": {2030: 0.9}}}
    merged = merge_levers(parent, child)
    assert merged["generation_growth_per_yr"] == 0.0
    assert merged["collection_coverage"] == {"*": {2030: 0.9}}
    assert parent["collection_coverage"] == {"*": {2030: 1.0}}
    assert child == {"generation_growth_per_yr": 0.0, "collection_coverage": {"*": {2030: 0.9}}}
