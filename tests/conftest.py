"""Shared fixtures: small hand-checkable scenarios built from plain dicts."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from planner.io import scenario_from_dict
from planner.schema import Scenario

ROOT = Path(__file__).resolve().parent.parent

# In CI property tests draw the same examples every run (a red CI is then reproducible);
# locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ZERO = {
    m: 0.0
    for m in ("organics", "paper", "plastics", "glass", "metals", "textiles", "wood", "other")
}


def per_material(**values: float) -> dict[str, float]:
    """A full per-material table: the given values, 0 elsewhere."""
    return {**ZERO, **values}


def one_district_data() -> dict[str, Any]:
    """One district, 1000 residents × 0.5 t = 500 t/yr, 80 % collected, one sorting line.

    Composition: organics 0.5, paper 0.2, plastics/glass/metals 0.1 each.
    """
    return {
        "id": "one",
        "name": {"ru": "Один", "kk": "Бір", "en": "One"},
        "end_year": 2027,
        "baseline": {
            "id": "tiny",
            "name": {"ru": "Т", "kk": "Т", "en": "T"},
            "base_year": 2025,
            "parameters": {
                "recovery_mixed": per_material(paper=0.5, plastics=0.5),
                "recovery_separate": per_material(paper=0.75),
                "composting_yield": per_material(organics=0.8),
                "participation": {2025: 0.5},
                "capture": per_material(paper=0.5),
                "landfill_ban_year": {"metals": 2016, "organics": 2030},
                "target_processing_share": {2030: 0.4},
            },
            "regions": [
                {
                    "id": "r",
                    "name": {"ru": "Р", "kk": "Р", "en": "R"},
                    "composition": per_material(
                        organics=0.5, paper=0.2, plastics=0.1, glass=0.1, metals=0.1
                    ),
                    "districts": [
                        {
                            "id": "d",
                            "kind": "city",
                            "name": {"ru": "Д", "kk": "Д", "en": "D"},
                            "lat": 50.0,
                            "lon": 80.0,
                            "population": 1000,
                            "population_year": 2025,
                            "population_growth_per_yr": 0.0,
                            "generation_t_per_cap_yr": 0.5,
                            "generation_growth_per_yr": 0.0,
                            "collection_coverage": 0.8,
                        }
                    ],
                    "landfills": [
                        {
                            "id": "lf",
                            "name": {"ru": "П", "kk": "П", "en": "L"},
                            "lat": 50.0,
                            "lon": 80.1,
                            "districts_served": ["d"],
                            "type": "controlled",
                            "remaining_capacity_t": 1000,
                        }
                    ],
                    "sorting_lines": [
                        {
                            "id": "sl",
                            "name": {"ru": "С", "kk": "С", "en": "S"},
                            "lat": 50.0,
                            "lon": 80.0,
                            "districts_served": ["d"],
                            "capacity_t_per_yr": 210,
                        }
                    ],
                }
            ],
        },
    }


def build(data: dict[str, Any]) -> Scenario:
    """Validate a scenario dict (baseline inline)."""
    return scenario_from_dict(copy.deepcopy(data), "test.toml")


@pytest.fixture
def one_district() -> dict[str, Any]:
    """The one-district scenario as a dict, to modify in a test."""
    return one_district_data()
