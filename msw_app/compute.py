"""Cached access to the model: presets, projections, economics, preset comparisons, siting.

The one home of the app's caches (pages keep none).  Results are cached with
``st.cache_data`` keyed by the scenario's JSON (``scenario.model_dump_json()``, plus the
overrides' or options' JSON), so a page body never recomputes one; ``st.cache_data`` hands
out copies, so a page cannot change a cached result.

What all sessions share (``st.cache_resource`` or, for what takes no argument, a plain
per-process ``functools.cache``) is immutable: the presets' JSON text and names, the siting
defaults' JSON text, and the read-only figures of the :class:`FigureStore`.  Each session
parses its own preset objects (kept in its session state), so changing a preset's nested
dict in one session cannot reach another session.  A session also keeps the page models it
drew last (:func:`session_memo`), so a rerun that draws the same again skips the hashing and
unpickling of ``st.cache_data``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import planner
from msw_app import store, turns
from msw_app.figures import (  # noqa: F401 - part of compute's interface
    MAX_SHARED_FIGURES,
    FigureStore,
    NoFingerprint,
    SharedFigure,
    fingerprint,
    shared,
)
from msw_app.frozen import deep_freeze
from msw_app.views import room
from msw_app.views.methane import uncaptured_sanitary_notes
from msw_app.views.scenarios import baseline_scenario
from planner import economics as ec
from planner.economics_schema import EconomicsOverrides
from planner.export import economics_csv, flows_csv, kpis_csv
from planner.projection import Projection
from planner.report import ReportContent, ScenarioInput, report_content, report_data
from planner.schema import Names, Scenario
from planner.siting.distances import parse_distance_csv
from planner.siting.plan import (
    SitingOptions,
    SitingPlan,
    build_problem,
    load_siting_defaults,
    plan_effect,
    solve_problem,
)

T = TypeVar("T")

NO_OVERRIDES = EconomicsOverrides()
"""Economics as the scenario defines it (no page sliders)."""


KEY_PRESETS = "msw_presets"
"""Session-state key of the presets as the session reads them (:class:`SessionPresets`)."""


@functools.cache
def preset_json() -> Mapping[str, str]:
    """The bundled presets' JSON by id: read once, shared by all sessions (immutable; a
    plain per-process cache: ``st.cache_resource`` hashes its arguments on every call, and
    every label in the picker asks)."""
    return MappingProxyType({sid: s.model_dump_json() for sid, s in planner.load_presets().items()})


@functools.cache
def preset_names() -> Mapping[str, Names]:
    """The bundled presets' names by id, shared by all sessions (frozen models of strings):
    the scenario picker lists every preset by name without parsing one."""
    return MappingProxyType({sid: s.name for sid, s in planner.load_presets().items()})


def parse_presets(texts: Mapping[str, str]) -> Mapping[str, Scenario]:
    """Preset scenarios by id from their JSON (new objects on every call)."""
    return MappingProxyType(
        {sid: Scenario.model_validate_json(text) for sid, text in texts.items()}
    )


@functools.cache
def shared_preset(scenario_id: str) -> Scenario:
    """The bundled preset ``scenario_id``, validated from its shared JSON once per process and
    deep-frozen (:func:`msw_app.frozen.deep_freeze`): one object that every session reads and
    none can change (a change in place raises ``TypeError``; edits make new scenarios)."""
    return deep_freeze(Scenario.model_validate_json(preset_json()[scenario_id]))


class SessionPresets(Mapping[str, Scenario]):
    """The bundled presets as one session sees them: ids from the shared :func:`preset_json`,
    each scenario looked up the first time the session reads it, then kept.

    With ``lookup`` (the app: :func:`shared_preset`) every session reads the same
    deep-frozen object; without it, the session parses its own from the JSON.  Thirty
    participants used to keep a copy each of every preset they read (~1,500 container
    objects, 3 ms to unpickle on a 2-core machine), which the garbage collector then walked
    again and again; shared frozen presets cost nothing per session.
    """

    def __init__(
        self, texts: Mapping[str, str], lookup: Callable[[str], Scenario] | None = None
    ) -> None:
        self._texts = texts
        self._lookup = lookup
        self._parsed: dict[str, Scenario] = {}

    def __getitem__(self, scenario_id: str) -> Scenario:
        scenario = self._parsed.get(scenario_id)
        if scenario is None:
            text = self._texts[scenario_id]
            if self._lookup is None:
                scenario = Scenario.model_validate_json(text)
            else:
                scenario = self._lookup(scenario_id)
            self._parsed[scenario_id] = scenario
            _remember(scenario, text)  # its JSON is the text it came from: not dumped again
        return scenario

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def parsed(self) -> list[str]:
        """Ids of the presets this session has read so far."""
        return list(self._parsed)


def presets() -> SessionPresets:
    """The bundled preset scenarios by id, as this session reads them: the shared
    deep-frozen objects (:func:`shared_preset`), looked up when first read."""
    own = st.session_state.get(KEY_PRESETS)
    if own is None:
        own = st.session_state[KEY_PRESETS] = SessionPresets(preset_json(), shared_preset)
    return own


KEY_PAGE_MEMO = "msw_page_memo"
"""Session-state key of the session's memo of page models (:func:`session_memo`)."""
MAX_PAGE_MEMO = 32
"""Page models a session keeps (the newest)."""


def session_memo(key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """``make()`` (a call of an ``st.cache_data`` function) for ``key``, kept in this session.

    A rerun that draws what the session drew before (a slider moved back, a year seen, another
    page and back) gets the session's own object again instead of Streamlit hashing the
    arguments (a scenario's JSON is ~100 kB) and unpickling a fresh copy; the newest
    :data:`MAX_PAGE_MEMO` are kept.  Only page models go here, which pages only read; each
    session has its own objects (unpickled from the shared cache once), none is shared.
    """
    memo: dict[tuple[Hashable, ...], Any] = st.session_state.setdefault(KEY_PAGE_MEMO, {})
    if key in memo:
        value = memo[key] = memo.pop(key)  # newest last
        return value
    value = make()
    memo[key] = value
    while len(memo) > MAX_PAGE_MEMO:
        memo.pop(next(iter(memo)))
    return value


KEY_MEMO = "msw_scenario_memo"
"""Session-state key of the session's memo of scenario JSON texts and baselines."""
MAX_MEMO = 64
"""Scenario objects whose JSON and baseline a session remembers (the newest)."""


def _memo() -> dict[int, tuple[Scenario, str, Scenario | None]]:
    return st.session_state.setdefault(KEY_MEMO, {})


def _remember(scenario: Scenario, text: str | None = None) -> tuple[Scenario, str, Scenario | None]:
    """The memo entry of ``scenario`` (object, JSON, baseline or ``None``), made on first use
    (with ``text`` as its JSON when the caller has it: a preset parsed from its own JSON).

    Scenarios are frozen models and no code changes one in place (an edit makes a new
    object, :mod:`planner.edit`), so an object's JSON never changes: it is serialised once
    per session instead of once per cache lookup (a scenario's JSON takes 2–3 ms, and a page
    looks up several caches).  The entry keeps the object itself, so its ``id`` is not reused
    while the entry lives; each session has its own memo.
    """
    memo = _memo()
    entry = memo.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        entry = (scenario, scenario.model_dump_json() if text is None else text, None)
        memo[id(scenario)] = entry
        while len(memo) > MAX_MEMO:
            memo.pop(next(iter(memo)))
    return entry


def scenario_json(scenario: Scenario) -> str:
    """The scenario's JSON (``scenario.model_dump_json()``), the key of every cache here;
    serialised once per scenario object and session (:func:`_remember`)."""
    return _remember(scenario)[1]


def reference_scenario(scenario: Scenario) -> Scenario:
    """The scenario's baseline without levers (:func:`baseline_scenario`), built once per
    scenario object and session, so that its JSON is serialised once too."""
    entry = _remember(scenario)
    if entry[2] is None:
        entry = (entry[0], entry[1], baseline_scenario(scenario))
        _memo()[id(scenario)] = entry
    return entry[2]


@st.cache_data(show_spinner=False, max_entries=64)
def _project(scenario_json: str, _scenario: Scenario) -> Projection:
    """Projection of ``_scenario``; the cache key is its JSON."""
    return planner.project(_scenario)


def projection(scenario: Scenario) -> Projection:
    """The (cached) projection of a scenario."""
    return _project(scenario_json(scenario), scenario)


def reference_projection(scenario: Scenario) -> Projection:
    """The (cached) projection of the scenario's baseline without levers."""
    return projection(reference_scenario(scenario))


@st.cache_data(show_spinner=False, max_entries=128)
def _evaluate(scenario_json: str, overrides_json: str, _scenario: Scenario) -> ec.EconomicsResult:
    """Economics of ``_scenario``; the cache key is its JSON and the overrides' JSON."""
    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    return ec.evaluate(_scenario, _project(scenario_json, _scenario), overrides)


def economics(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> ec.EconomicsResult:
    """The (cached) economics of a scenario, optionally with page overrides.

    Raises ``ValueError`` (not cached) when the scenario's baseline has no ``[economics]``
    table or its parameters do not fit the scenario.
    """
    overrides = overrides or NO_OVERRIDES
    return _evaluate(scenario_json(scenario), overrides.model_dump_json(), scenario)


def reference_economics(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> ec.EconomicsResult | None:
    """The (cached) economics of the scenario's baseline without levers, with the same page
    overrides: the reference of the economics cards' deltas (as the Overview's KPI cards);
    ``None`` when it has none."""
    try:
        return economics(reference_scenario(scenario), overrides)
    except ValueError:
        return None


def economics_or_problem(scenario: Scenario) -> tuple[ec.EconomicsResult | None, str]:
    """The (cached) economics of a scenario, or ``None`` and the reason it has none."""
    try:
        return economics(scenario), ""
    except ValueError as exc:
        return None, str(exc)


@st.cache_data(show_spinner=False, max_entries=64)
def _sanitary_notes(
    scenario_json: str, overrides_json: str, _scenario: Scenario
) -> tuple[list, int, int]:
    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    result = economics(_scenario, overrides)
    notes = uncaptured_sanitary_notes(result, _scenario, projection(_scenario))
    return notes, int(result.years[0]), int(result.years[-1])


def sanitary_notes(
    scenario: Scenario, overrides: EconomicsOverrides | None = None
) -> tuple[list, int, int]:
    """The (cached) methane notes of the scenario's sanitary landfills without gas capture
    (:func:`msw_app.views.methane.uncaptured_sanitary_notes`) with the climate parameters of
    its economics under ``overrides``, and the horizon's first and last year [yr].

    Raises ``ValueError`` (not cached) when the scenario has no economics (see
    :func:`economics`)."""
    overrides = overrides or NO_OVERRIDES
    key = (scenario_json(scenario), overrides.model_dump_json())
    return session_memo(("sanitary", *key), lambda: _sanitary_notes(*key, scenario))


def available_economics(scenarios: Sequence[Scenario]) -> list[ec.EconomicsResult]:
    """Economics of those ``scenarios`` that have them (baseline with ``[economics]``)."""
    results = (economics_or_problem(s)[0] for s in scenarios)
    return [r for r in results if r is not None]


def _money_or_none(scenario_json_text: str, scenario: Scenario) -> ec.EconomicsResult | None:
    """The cached economics of a scenario given its JSON, ``None`` when it has none."""
    try:
        return _evaluate(scenario_json_text, NO_OVERRIDES.model_dump_json(), scenario)
    except ValueError:
        return None


def csv_maker(scenarios: Sequence[Scenario], kind: str):
    """A function without arguments that returns the flows, KPI or economics CSV of
    ``scenarios``.

    ``st.download_button`` calls it only when the button is clicked, in a worker thread of
    the server (no session there), so neither the CSV text nor the results it needs are
    touched on a rerun: the function holds the scenarios and their JSON, and reads the
    projections and economics from the caches when it runs.  The KPI CSV carries the money
    and emissions KPIs of every scenario whose baseline has an ``[economics]`` table; the
    economics CSV covers only those scenarios.
    """
    if kind not in ("flows", "kpis", "economics"):
        raise ValueError(f"unknown CSV kind {kind!r}")
    items = [(scenario_json(s), s) for s in scenarios]

    def make() -> str:
        results = [_project(text, s) for text, s in items] if kind != "economics" else []
        money = [_money_or_none(text, s) for text, s in items] if kind != "flows" else []
        money = [m for m in money if m is not None]
        if kind == "flows":
            return flows_csv(results)
        if kind == "kpis":
            return kpis_csv(results, money)
        return economics_csv(money)

    return make


@st.cache_data(show_spinner=False, max_entries=32)
def _sources(scenario_json_text: str, kind: str, _scenario: Scenario) -> pd.DataFrame:
    from msw_app.views.sources import economics_sources_table, sources_table

    return (sources_table if kind == "flows" else economics_sources_table)(_scenario)


def sources(scenario: Scenario, kind: str = "flows") -> pd.DataFrame:
    """The (cached) defaults of the scenario with their sources and confidence: the flow
    model's (``kind="flows"``, :func:`planner.sources.sources_table`) or the economics and
    climate ones (``"economics"``, :func:`planner.sources.economics_sources_table`)."""
    if kind not in ("flows", "economics"):
        raise ValueError(f"unknown sources kind {kind!r}")
    return _sources(scenario_json(scenario), kind, scenario)


# --------------------------------------------------------------------------------------------
# Figures of the overview
# --------------------------------------------------------------------------------------------


OVERVIEW_FIGURES = ("fates", "sankey", "map", "map_basemap")
"""The overview's figures :func:`overview_figure` builds and keeps."""


@st.cache_data(show_spinner=False, max_entries=256)
def _overview_model(scenario_json: str, year: int, region: str, lang: str, _scenario: Scenario):
    from msw_app.views.overview_page import overview_model as build

    return build(
        _scenario, projection(_scenario), reference_projection(_scenario), year, region, lang
    )


def overview_model(scenario: Scenario, year: int, region: str, lang: str):
    """What the Overview draws (:func:`msw_app.views.overview_page.overview_model`) for a
    scenario, year [yr], region choice and language; cached by the scenario's JSON and the
    other three (a few kB each)."""
    key = (scenario_json(scenario), int(year), region, lang)
    return session_memo(("overview", *key), lambda: _overview_model(*key, scenario))


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
    (``""``: all) and language, with its source line, from the :class:`FigureStore` (built
    once for all sessions)."""
    if kind not in OVERVIEW_FIGURES:
        raise ValueError(f"unknown overview figure {kind!r}")
    key = ("overview", kind, scenario_json(scenario), int(year), region, lang, source_context())

    def build() -> go.Figure:
        return with_source(_build_overview_figure(kind, scenario, int(year), region, lang))

    return figure_store().get_or_build(key, build)


# --------------------------------------------------------------------------------------------
# Figures kept between reruns, keyed by what they are built from
# --------------------------------------------------------------------------------------------


@functools.cache
def figure_store() -> FigureStore:
    """The process's :class:`FigureStore`, shared by all sessions (one per process)."""
    return FigureStore()


def source_context() -> tuple[str, str, str]:
    """What a chart's source line says besides its data: the label of the scenario in
    focus, the language and the day (part of every :class:`FigureStore` key)."""
    from msw_app.sidebar import current_lang

    lang = current_lang()
    return (state_label(lang), lang, dt.date.today().isoformat())


def state_label(lang: str) -> str:
    """The label of the scenario in focus in ``lang`` (:func:`msw_app.state.label`)."""
    from msw_app import state

    return state.label(state.current_id(), lang)


def with_source(figure: go.Figure) -> go.Figure:
    """``figure`` with its source line (:func:`msw_app.charts.with_source_line`), added once
    when it is built, before it is shared."""
    from msw_app import charts

    return charts.with_source_line(figure, charts.scenario_of(figure), source_context()[1])


def kept_figure(build: Callable[..., go.Figure]) -> Callable[..., go.Figure]:
    """Decorate a figure builder so that each figure is built once for all sessions.

    The decorated builder returns the :class:`FigureStore`'s figure keyed by the builder,
    the :func:`fingerprint` of its arguments (the data, the language, ...) and the
    :func:`source_context`, building it (with its source line) the first time.  Arguments
    without a fingerprint mean the figure is built, with its source line, every time; outside
    a script run (a test or a script calling the builder) it is the builder itself.
    """
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def keeper(*args: Any, **kwargs: Any) -> go.Figure:
        if get_script_run_ctx() is None:  # outside the app (a test, a script): no session
            return build(*args, **kwargs)
        try:
            key = (name, fingerprint(args), fingerprint(dict(sorted(kwargs.items()))))
        except NoFingerprint:
            return with_source(build(*args, **kwargs))
        key = (*key, source_context())
        return figure_store().get_or_build(key, lambda: with_source(build(*args, **kwargs)))

    return keeper


@functools.lru_cache(maxsize=64)
def percent_marks(options: tuple[float, ...], lang: str, digits: int) -> Mapping[float, str]:
    """Each option of a percent slider [-] as it reads in ``lang``
    (:func:`msw_app.widgets.percent_slider`), formatted once per process and shared (read
    only): a slider of 0–60 % by 0.1 % has 601 marks, and a page may show several."""
    from msw_app import i18n

    return MappingProxyType({v: i18n.percent(v, lang, digits) for v in options})


# --------------------------------------------------------------------------------------------
# Preset comparisons (economics and climate pages)
# --------------------------------------------------------------------------------------------


def _reference_id(ids: Sequence[str]) -> str:
    """The comparison reference: business as usual, or the first preset."""
    return "bau" if "bau" in ids else ids[0]


@st.cache_data(show_spinner=False, max_entries=16)
@turns.long_job
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
@turns.long_job
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
@turns.long_job
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
    return _siting_plan(scenario_json(scenario), options.model_dump_json(), distances_csv, scenario)


# --------------------------------------------------------------------------------------------
# Uncertainty (issue #13): ensembles and the tornado, cached by the scenarios' JSON
# --------------------------------------------------------------------------------------------

APP_DRAWS = 256
"""Draws of an ensemble in the app: about a second for a scenario and its reference on this
machine (the command line defaults to 1,000)."""

APP_SEED = 1
"""Seed of the app's draws (the same bands on every rerun and in every session)."""


@st.cache_data(show_spinner=False, max_entries=32)
@turns.long_job
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
    return _ensembles(tuple(scenario_json(s) for s in items), items, n_draws, APP_SEED)


@st.cache_data(show_spinner=False, max_entries=16)
@turns.long_job
def _tornado(scenario_json: str, _scenario: Scenario) -> pd.DataFrame:
    """Tornado table of ``_scenario``; the cache key is its JSON."""
    from planner.uncertainty.sensitivity import tornado as tornado_table

    return tornado_table(_scenario)


def tornado(scenario: Scenario) -> pd.DataFrame:
    """The (cached) tornado of a scenario (:func:`planner.uncertainty.sensitivity.tornado`)."""
    return _tornado(scenario_json(scenario), scenario)


@st.cache_data(show_spinner=False, max_entries=32)
def _sensitivity_model(scenario_json_text: str, lang: str, _scenario: Scenario) -> tuple:
    from msw_app.views.sensitivity_page import sensitivity_model as build

    return build(_tornado(scenario_json_text, _scenario), _scenario, lang)


def sensitivity_model(scenario: Scenario, lang: str) -> tuple:
    """What the Sensitivity page draws of the tornado
    (:func:`msw_app.views.sensitivity_page.sensitivity_model`), cached by the scenario's JSON
    and the language."""
    return _sensitivity_model(scenario_json(scenario), lang, scenario)


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
@turns.long_job
def _report_pdf(
    scenarios_json: tuple[str, ...], reference: str, lang: str, day: str, _scenarios: tuple
) -> bytes:
    from planner.report.pdf import render_pdf

    return render_pdf(_report_content(_scenarios, reference, lang, day))


@st.cache_data(show_spinner=False, max_entries=8)
@turns.long_job
def _report_xlsx(
    scenarios_json: tuple[str, ...], reference: str, lang: str, day: str, _scenarios: tuple
) -> bytes:
    from planner.report.xlsx import render_xlsx

    return render_xlsx(_report_content(_scenarios, reference, lang, day))


def report_key(scenarios: Sequence[Scenario], reference: str, lang: str) -> tuple:
    """The cache key of a report: the scenarios' JSON, the reference, the language and the
    day (a report states its date)."""
    return (
        tuple(scenario_json(s) for s in scenarios),
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


@st.cache_data(show_spinner=False, max_entries=32)
@turns.long_job
def _preset_region_comparison(overrides_json: str, region: str) -> tuple[str, pd.DataFrame]:
    from msw_app.views.economics_frames import region_effectiveness

    overrides = EconomicsOverrides.model_validate_json(overrides_json)
    scenarios = parse_presets(preset_json())
    results = {sid: economics(s, overrides) for sid, s in scenarios.items()}
    base = _reference_id(list(scenarios))
    return base, region_effectiveness(results, base, region)


def preset_region_comparison(
    region: str, overrides: EconomicsOverrides | None = None
) -> tuple[str, pd.DataFrame]:
    """Cost-effectiveness of the presets in one ``region`` (its own tonnes and costs) against
    business as usual: ``(reference id, table)`` of
    :func:`msw_app.views.economics_frames.region_effectiveness`; ``""`` gives both regions
    together (:func:`preset_comparison`)."""
    if not region:
        return preset_comparison(overrides)
    return _preset_region_comparison((overrides or NO_OVERRIDES).model_dump_json(), region)
