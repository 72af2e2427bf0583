"""MSW scenario planner for Kazakhstan (Abai and Ulytau regions): the model layer.

Nothing in this package imports Streamlit.  Main entry points:

- :func:`load_scenario` — read and validate a scenario file (TOML or JSON);
- :func:`project` — project a scenario year by year; the result has ``.flows`` and ``.kpis``.
"""

from planner.io import load_presets, load_scenario, scenario_json
from planner.messages import Problem, ScenarioError
from planner.projection import FATES, FLOWS, Projection, project
from planner.schema import MATERIALS, Baseline, Levers, Material, Scenario

__all__ = [
    "FATES",
    "FLOWS",
    "MATERIALS",
    "Baseline",
    "Levers",
    "Material",
    "Problem",
    "Projection",
    "Scenario",
    "ScenarioError",
    "load_presets",
    "load_scenario",
    "project",
    "scenario_json",
]
