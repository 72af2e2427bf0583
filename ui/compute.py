"""Cached access to the model: presets and projections.

Projections are cached with ``st.cache_data`` keyed by the scenario's JSON
(``scenario.model_dump_json()``), so a page body never recomputes one; ``st.cache_data``
hands out copies, so a page cannot change a cached result.  Presets are frozen pydantic
models, shared with ``st.cache_resource``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

import planner
from planner import views
from planner.export import flows_csv, kpis_csv
from planner.projection import Projection
from planner.schema import Scenario


@st.cache_resource(show_spinner=False)
def presets() -> dict[str, Scenario]:
    """The bundled preset scenarios by id (frozen, shared by all sessions)."""
    return planner.load_presets()


@st.cache_data(show_spinner=False, max_entries=64)
def _project(scenario_json: str, _scenario: Scenario) -> Projection:
    """Projection of ``_scenario``; the cache key is its JSON."""
    return planner.project(_scenario)


def projection(scenario: Scenario) -> Projection:
    """The (cached) projection of a scenario."""
    return _project(scenario.model_dump_json(), scenario)


def reference_projection(scenario: Scenario) -> Projection:
    """The (cached) projection of the scenario's baseline without levers."""
    return projection(views.baseline_scenario(scenario))


def csv_maker(scenarios: Sequence[Scenario], kind: str):
    """A function without arguments that returns the flows or KPI CSV of ``scenarios``.

    ``st.download_button`` calls it only when the button is clicked, so the CSV text is
    not built on every rerun.
    """
    results = [projection(s) for s in scenarios]

    def make() -> str:
        return flows_csv(results) if kind == "flows" else kpis_csv(results)

    return make
