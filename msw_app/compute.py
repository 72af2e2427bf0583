"""Cached access to the model: presets, projections, economics, preset comparisons, siting.

The one home of the app's caches (pages keep none).  Results are cached with
``st.cache_data`` keyed by the scenario's JSON (``scenario.model_dump_json()``, plus the
overrides' or options' JSON), so a page body never recomputes one; ``st.cache_data`` hands
out copies, so a page cannot change a cached result.

What all sessions share (``st.cache_resource``) is immutable: the presets' and the siting
defaults' JSON text.  Each session parses its own preset objects once (kept in its session
state), so changing a preset's nested dict in one session cannot reach another session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import pandas as pd
import streamlit as st

import planner
from msw_app import store
from msw_app.views import room
from msw_app.views.scenarios import baseline_scenario
from planner import economics as ec
from planner.economics_schema import EconomicsOverrides
from planner.export import economics_csv, flows_csv, kpis_csv
from planner.projection import Projection
from planner.report import ReportContent, ScenarioInput, report_content, report_data
from planner.schema import Scenario
from planner.siting.distances import parse_distance_csv
from planner.siting.plan import (
    SitingOptions,
    SitingPlan,
    build_problem,
    load_siting_defaults,
    plan_effect,
    solve_problem,
)

NO_OVERRIDES = EconomicsOverrides()
"""Economics as the scenario defines it (no page sliders)."""


KEY_PRESETS = "msw_presets"
"""Session-state key of the session's own preset objects."""


@st.cache_resource(show_spinner=False)
def preset_json() -> Mapping[str, str]:
    """The bundled presets' JSON by id: read once, shared by all sessions (immutable)."""
    return MappingProxyType({sid: s.model_dump_json() for sid, s in planner.load_presets().items()})


def parse_presets(texts: Mapping[str, str]) -> Mapping[str, Scenario]:
    """Preset scenarios by id from their JSON (new objects on every call)."""
    return MappingProxyType(
        {sid: Scenario.model_validate_json(text) for sid, text in texts.items()}
    )


def presets() -> Mapping[str, Scenario]:
    """The bundled preset scenarios by id: this session's own objects, parsed once per session
    from :func:`preset_json` (about 40 ms), so that no object is shared between sessions."""
    own = st.session_state.get(KEY_PRESETS)
    if own is None:
        own = st.session_state[KEY_PRESETS] = parse_presets(preset_json())
    return own


@st.cache_data(show_spinner=False, max_entries=64)
def _project(scenario_json: str, _scenario: Scenario) -> Projection:
    """Projection of ``_scenario``; the cache key is its JSON."""
    return planner.project(_scenario)


def projection(scenario: Scenario) -> Projection:
    """The (cached) projection of a scenario."""
    return _project(scenario.model_dump_json(), scenario)


def reference_projection(scenario: Scenario) -> Projection:
    """The (cached) projection of the scenario's baseline without levers."""
    return projection(baseline_scenario(scenario))


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


def reference_economics(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> ec.EconomicsResult | None:
    """The (cached) economics of the scenario's baseline without levers, with the same page
    overrides: the reference of the economics cards' deltas (as the Overview's KPI cards);
    ``None`` when it has none."""
    try:
        return economics(baseline_scenario(scenario), overrides)
    except ValueError:
        return None


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


# --------------------------------------------------------------------------------------------
# Figures of the overview
# --------------------------------------------------------------------------------------------


OVERVIEW_FIGURES = ("fates", "sankey", "map", "map_basemap")
"""The overview's figures :func:`overview_figure` builds and keeps."""


KEY_FIGURES = "msw_overview_figures"
"""Session-state key of the session's kept overview figures (newest last)."""
MAX_FIGURES = 24
"""Figures a session keeps (a few years × regions × languages of the scenario in focus)."""


def _build_overview_figure(kind: str, scenario: Scenario, year: int, region: str, lang: str):
    from msw_app import charts
    from msw_app.views.maps import map_points
    from msw_app.views.overview import fates_over_time, sankey_links

    result = projection(scenario)
    if kind == "fates":
        return charts.fates_area(fates_over_time(result, region), lang)
    if kind == "sankey":
        return charts.sankey(sankey_links(result, year, region), year, lang)
    return charts.facility_map(map_points(scenario, result, year), lang, kind == "map_basemap")


def overview_figure(kind: str, scenario: Scenario, year: int, region: str, lang: str):
    """One of the overview's :data:`OVERVIEW_FIGURES` for a scenario, year [yr], region
    (``""``: all) and language, built once per session and kept.

    Building a Plotly figure validates every property (about 0.3–0.8 s for the map on this
    machine), and a pickled copy (``st.cache_data``) costs as much to restore, so the
    session keeps the figure object itself, the :data:`MAX_FIGURES` used last; each session
    has its own (no figure object is shared between sessions), and no page changes a figure
    after building it (:func:`msw_app.charts.show` only reads it).
    """
    if kind not in OVERVIEW_FIGURES:
        raise ValueError(f"unknown overview figure {kind!r}")
    kept = st.session_state.setdefault(KEY_FIGURES, {})
    key = (kind, scenario.model_dump_json(), int(year), region, lang)
    figure = kept.pop(key, None)
    if figure is None:
        figure = _build_overview_figure(kind, scenario, int(year), region, lang)
    kept[key] = figure  # newest last
    while len(kept) > MAX_FIGURES:
        kept.pop(next(iter(kept)))
    return figure


# --------------------------------------------------------------------------------------------
# Preset comparisons (economics and climate pages)
# --------------------------------------------------------------------------------------------


def _reference_id(ids: Sequence[str]) -> str:
    """The comparison reference: business as usual, or the first preset."""
    return "bau" if "bau" in ids else ids[0]


@st.cache_data(show_spinner=False, max_entries=16)
def _preset_comparison(overrides_json: str) -> tuple[str, pd.DataFrame]:
    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    scenarios = parse_presets(preset_json())  # the shared JSON, not a session's objects
    results = [economics(s, overrides) for s in scenarios.values()]
    base = _reference_id(list(scenarios))
    return base, ec.compare(results, base)


def preset_comparison(
    overrides: EconomicsOverrides | None = None,
) -> tuple[str, pd.DataFrame]:
    """Cost-effectiveness of the presets (each with its own levers, the same ``overrides``)
    against business as usual (or the first preset): ``(reference id, ec.compare table)``;
    cached by the overrides' JSON (the presets' shared JSON is fixed for the process)."""
    return _preset_comparison((overrides or NO_OVERRIDES).model_dump_json())


@st.cache_data(show_spinner=False, max_entries=16)
def _preset_steps(overrides_json: str) -> tuple[str, pd.DataFrame]:
    from msw_app.views.abatement import abatement_steps, preset_parents

    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    scenarios = parse_presets(preset_json())
    results = {sid: economics(s, overrides) for sid, s in scenarios.items()}
    base = _reference_id(list(scenarios))
    return base, abatement_steps(results, preset_parents(), base)


def preset_abatement_steps(overrides: EconomicsOverrides) -> tuple[str, pd.DataFrame]:
    """Each preset's abatement step over the preset it builds on
    (:func:`msw_app.views.abatement.abatement_steps`) with ``overrides`` (the climate page's
    GWP and capture): ``(root reference id, steps)``; cached by the overrides' JSON."""
    return _preset_steps(overrides.model_dump_json())


def preset_mac(overrides: EconomicsOverrides) -> tuple[str, pd.DataFrame]:
    """Marginal abatement cost curve of the presets with ``overrides`` (the climate page's GWP
    and capture) against business as usual: ``(reference id, ec.mac_curve table)``."""
    base, table = preset_comparison(overrides)
    return base, ec.mac_curve(table)


# --------------------------------------------------------------------------------------------
# Siting
# --------------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _siting_defaults_json() -> str:
    return load_siting_defaults().model_dump_json()


def siting_defaults() -> SitingOptions:
    """The default siting options (a new object per call, parsed from shared JSON)."""
    return SitingOptions.model_validate_json(_siting_defaults_json())


@st.cache_data(show_spinner=False, max_entries=16)
def _siting_plan(
    scenario_json: str, options_json: str, distances_csv: str | None, _scenario: Scenario
) -> tuple[SitingPlan, dict]:
    options = SitingOptions.model_validate_json(options_json)
    distances = parse_distance_csv(distances_csv) if distances_csv else None
    plan = solve_problem(build_problem(_scenario, options, distance_km=distances))
    return plan, plan_effect(_scenario, plan)


def siting_plan(
    scenario: Scenario, options: SitingOptions, distances_csv: str | None = None
) -> tuple[SitingPlan, dict]:
    """The (cached) siting plan of ``scenario`` with ``options`` and its effect on the flows;
    cached by the scenario's, the options' JSON and the distance CSV text.

    Raises :class:`planner.siting.plan.PlanInfeasible` (not cached) when no plan fits and
    :class:`planner.siting.plan.SitingInputError` when the distance CSV or the extra sites do
    not fit the scenario.
    """
    return _siting_plan(
        scenario.model_dump_json(), options.model_dump_json(), distances_csv, scenario
    )


# --------------------------------------------------------------------------------------------
# Uncertainty (issue #13): ensembles and the tornado, cached by the scenarios' JSON
# --------------------------------------------------------------------------------------------

APP_DRAWS = 256
"""Draws of an ensemble in the app: about a second for a scenario and its reference on this
machine (the command line defaults to 1,000)."""

APP_SEED = 1
"""Seed of the app's draws (the same bands on every rerun and in every session)."""


@st.cache_data(show_spinner=False, max_entries=32)
def _ensembles(
    scenarios_json: tuple[str, ...], _scenarios: tuple[Scenario, ...], n_draws: int, seed: int
) -> list:
    """Ensembles of ``_scenarios`` on common draws; the cache key is their JSON."""
    from planner.uncertainty import run_ensembles

    return run_ensembles(list(_scenarios), n_draws, seed)


def ensembles(scenarios: Sequence[Scenario], n_draws: int = APP_DRAWS) -> list:
    """The (cached) ensembles of scenarios on common draws
    (:func:`planner.uncertainty.run_ensembles`)."""
    items = tuple(scenarios)
    return _ensembles(tuple(s.model_dump_json() for s in items), items, n_draws, APP_SEED)


@st.cache_data(show_spinner=False, max_entries=16)
def _tornado(scenario_json: str, _scenario: Scenario) -> pd.DataFrame:
    """Tornado table of ``_scenario``; the cache key is its JSON."""
    from planner.uncertainty.sensitivity import tornado as tornado_table

    return tornado_table(_scenario)


def tornado(scenario: Scenario) -> pd.DataFrame:
    """The (cached) tornado of a scenario (:func:`planner.uncertainty.sensitivity.tornado`)."""
    return _tornado(scenario.model_dump_json(), scenario)


# --------------------------------------------------------------------------------------------
# Seminar board
# --------------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=1024)
def _submission_kpis(content_hash: str, _scenario: Scenario) -> dict:
    economics_of, _ = economics_or_problem(_scenario)
    reference, _ = economics_or_problem(baseline_scenario(_scenario))
    return room.submission_kpis(_scenario, projection(_scenario), economics_of, reference)


def submission_kpis(content_hash: str, scenario: Scenario) -> dict:
    """The board figures of a submitted scenario (:func:`msw_app.views.room.submission_kpis`),
    cached by its content hash: a board that refreshes every few seconds computes each
    submission once."""
    return _submission_kpis(content_hash, scenario)


@st.cache_resource(show_spinner=False)
def store_at(url: str) -> store.Store:
    """The store at ``url``, opened (and migrated) once per process and shared by all
    sessions: its engine pools the connections."""
    return store.open_store(url)


# --------------------------------------------------------------------------------------------
# Report (PDF and XLSX, planner.report)
# --------------------------------------------------------------------------------------------


def report_numbers(scenarios: Sequence[Scenario]) -> None:
    """Compute (and cache) the projections and economics a report of ``scenarios`` needs, so
    that the report's own step is only layout (the page shows the steps as progress)."""
    for scenario in scenarios:
        economics_or_problem(scenario)


def _report_content(
    scenarios: Sequence[Scenario], reference: str, lang: str, day: str
) -> ReportContent:
    """What the report of ``scenarios`` says in ``lang``, from the cached results.

    Raises :class:`planner.report.ReportInputError` (e.g. a baseline without
    ``[economics]``)."""
    runs = [projection(s) for s in scenarios]
    try:
        money = [economics(s) for s in scenarios]
    except ValueError:  # report_data names the scenarios without economics
        money = None
    inputs = [ScenarioInput.from_json(s) for s in scenarios]
    bands = report_ensembles(scenarios) if money is not None else None
    data = report_data(inputs, reference, runs, money, ensembles=bands, seed=APP_SEED)
    return report_content(data, lang, dt.date.fromisoformat(day))


def report_ensembles(scenarios: Sequence[Scenario]) -> list:
    """The (cached) ensembles of a report's ranges: the command line's default draws
    (:data:`planner.report.ranges.REPORT_DRAWS`) and the app's seed, so the app's report
    states the numbers of ``report`` on the command line."""
    from planner.report.ranges import REPORT_DRAWS

    return ensembles(scenarios, REPORT_DRAWS)


@st.cache_data(show_spinner=False, max_entries=8)
def _report_pdf(
    scenarios_json: tuple[str, ...], reference: str, lang: str, day: str, _scenarios: tuple
) -> bytes:
    from planner.report.pdf import render_pdf

    return render_pdf(_report_content(_scenarios, reference, lang, day))


@st.cache_data(show_spinner=False, max_entries=8)
def _report_xlsx(
    scenarios_json: tuple[str, ...], reference: str, lang: str, day: str, _scenarios: tuple
) -> bytes:
    from planner.report.xlsx import render_xlsx

    return render_xlsx(_report_content(_scenarios, reference, lang, day))


def report_key(scenarios: Sequence[Scenario], reference: str, lang: str) -> tuple:
    """The cache key of a report: the scenarios' JSON, the reference, the language and the
    day (a report states its date)."""
    return (
        tuple(s.model_dump_json() for s in scenarios),
        reference,
        lang,
        dt.date.today().isoformat(),
    )


def report_pdf(scenarios: Sequence[Scenario], reference: str, lang: str) -> bytes:
    """The (cached) PDF report of ``scenarios`` against ``reference`` in ``lang``."""
    return _report_pdf(*report_key(scenarios, reference, lang), tuple(scenarios))


def report_xlsx(scenarios: Sequence[Scenario], reference: str, lang: str) -> bytes:
    """The (cached) XLSX workbook of the same report."""
    return _report_xlsx(*report_key(scenarios, reference, lang), tuple(scenarios))
