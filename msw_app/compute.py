"""Cached access to the model: presets, projections and economics.

Projections and economics are cached with ``st.cache_data`` keyed by the scenario's JSON
(``scenario.model_dump_json()``, plus the economics overrides' JSON), so a page body never
recomputes one; ``st.cache_data`` hands out copies, so a page cannot change a cached result.
Presets are frozen pydantic models, shared with ``st.cache_resource``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

import planner
from msw_app.views import presenters as views
from planner import economics as ec
from planner.economics_schema import EconomicsOverrides
from planner.export import economics_csv, flows_csv, kpis_csv
from planner.projection import Projection
from planner.schema import Scenario

NO_OVERRIDES = EconomicsOverrides()
"""Economics as the scenario defines it (no page sliders)."""


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


@st.cache_data(show_spinner=False, max_entries=128)
def _evaluate(scenario_json: str, overrides_json: str, _scenario: Scenario) -> ec.EconomicsResult:
    """Economics of ``_scenario``; the cache key is its JSON and the overrides' JSON."""
    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    return ec.evaluate(_scenario, projection(_scenario), overrides)


def economics(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> ec.EconomicsResult:
    """The (cached) economics of a scenario, optionally with page overrides.

    Raises ``ValueError`` (not cached) when the scenario's baseline has no ``[economics]``
    table or its parameters do not fit the scenario.
    """
    overrides = overrides or NO_OVERRIDES
    return _evaluate(scenario.model_dump_json(), overrides.model_dump_json(), scenario)


def economics_or_problem(scenario: Scenario) -> tuple[ec.EconomicsResult | None, str]:
    """The (cached) economics of a scenario, or ``None`` and the reason it has none."""
    try:
        return economics(scenario), ""
    except ValueError as exc:
        return None, str(exc)


def available_economics(scenarios: Sequence[Scenario]) -> list[ec.EconomicsResult]:
    """Economics of those ``scenarios`` that have them (baseline with ``[economics]``)."""
    results = (economics_or_problem(s)[0] for s in scenarios)
    return [r for r in results if r is not None]


def csv_maker(scenarios: Sequence[Scenario], kind: str):
    """A function without arguments that returns the flows, KPI or economics CSV of
    ``scenarios``.

    ``st.download_button`` calls it only when the button is clicked, so the CSV text is
    not built on every rerun; the projections and economics it needs come from the caches.
    The KPI CSV carries the money and emissions KPIs of every scenario whose baseline has an
    ``[economics]`` table; the economics CSV covers only those scenarios.
    """
    if kind not in ("flows", "kpis", "economics"):
        raise ValueError(f"unknown CSV kind {kind!r}")
    results = [projection(s) for s in scenarios] if kind != "economics" else []
    money = available_economics(scenarios) if kind != "flows" else []

    def make() -> str:
        if kind == "flows":
            return flows_csv(results)
        if kind == "kpis":
            return kpis_csv(results, money)
        return economics_csv(money)

    return make
