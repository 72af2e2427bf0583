"""The numbers a report states, in no language: projections, economics and the comparison of
the chosen scenarios against a named reference.

Nothing here formats or translates (:mod:`planner.report.content` does).  The caller may hand
in projections and economics it already has (the app's caches); otherwise they are computed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata

import pandas as pd

from planner import economics as ec
from planner.economics import EconomicsResult
from planner.projection import Projection, earliest_full_landfill, project
from planner.report.ranges import REPORT_SEED, ReportRanges, report_ranges
from planner.schema import Scenario
from planner.targets import DEFAULT_TARGET_YEAR, RegionVerdict, region_ids, region_verdicts

DISTRIBUTION = "msw-planner"
"""The distribution name whose version a report names."""


@functools.cache
def planner_version() -> str:
    """The installed planner's version (``pyproject.toml``), ``"unknown"`` when the package
    runs from a checkout that was never installed; read once per process (reading the
    package's metadata takes a few milliseconds, and every chart's source line names it)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - tasks.py installs it editable
        return "unknown"


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 hexadecimal digits."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ScenarioInput:
    """A scenario as the report names it: the scenario, where it came from and its digest."""

    scenario: Scenario
    origin: str
    """The file's name as the user gave it, or ``"JSON"`` for a scenario without a file (an
    edited variant in the app)."""
    digest: str
    """SHA-256 of the file's bytes, or of the scenario's JSON when there is no file."""

    @classmethod
    def from_file(cls, scenario: Scenario, origin: str, data: bytes) -> ScenarioInput:
        """A scenario read from a file with these bytes."""
        return cls(scenario, origin, sha256_hex(data))

    @classmethod
    def from_json(cls, scenario: Scenario) -> ScenarioInput:
        """A scenario without a file: its digest is that of its JSON (baseline inline)."""
        return cls(scenario, "JSON", sha256_hex(scenario.model_dump_json().encode("utf-8")))


@dataclass(frozen=True)
class RegionFigures:
    """What the summary of one region under one scenario states (numbers only)."""

    scenario: str
    region: str
    verdict: RegionVerdict
    """The verdict on the national target of the target year (:mod:`planner.targets`)."""
    earliest_full: tuple[str, int] | None
    """``(landfill id, year)`` of the region's first landfill to fill up, or ``None``."""
    npv_cost_kzt: float
    """Discounted cost over the horizon [KZT]."""
    cost_in_year_kzt: float
    """Total cost net of revenue in the target year [KZT/yr]."""
    levelised_kzt_per_t: float
    """Levelised cost of diversion against the reference [KZT/t]; NaN for the reference or
    when the option diverts no more."""
    abatement_kzt_per_tco2e: float
    """Levelised cost of abatement against the reference [KZT/tCO2e]; NaN for the reference
    or when the option abates nothing."""
    ch4_landfill_t: float
    """Landfill methane emitted in the target year [t CH4/yr]."""
    emissions_tco2e: float
    """Emissions in the target year [tCO2e/yr]."""
    net_emissions_tco2e: float
    """Net emissions in the target year [tCO2e/yr]."""
    net_emissions_horizon_tco2e: float
    """Net emissions summed over the horizon [tCO2e]."""
    epr_paid_kzt: float
    """EPR incentives paid in the target year [KZT/yr]."""
    epr_due_kzt: float
    """EPR incentives due under the rules (ρ = 1) in the target year [KZT/yr]."""
    epr_paid_horizon_kzt: float
    """EPR incentives paid over the horizon [KZT]."""


def region_levelised_cost_kzt_per_t(
    option: EconomicsResult, reference: EconomicsResult, region: str = ""
) -> float:
    """Levelised cost of diversion of ``option`` against ``reference`` in one region (or both,
    ``""``) [KZT/t]: Δ discounted cost ÷ Δ discounted tonnes diverted, the measure of
    :func:`planner.economics.compare` (which gives the ``""`` figure) restricted to a region.
    """
    d_cost = option.npv_cost_kzt(region) - reference.npv_cost_kzt(region)

    def diverted(result: EconomicsResult):
        tonnes = result.diverted_t
        return tonnes.sum(axis=1) if not region else tonnes[:, result.regions.index(region)]

    d_units = option.discounted_total(diverted(option)) - reference.discounted_total(
        diverted(reference)
    )
    if option.scenario == reference.scenario:
        return float("nan")
    return ec.levelised_cost_kzt_per_unit(d_cost, d_units)


def region_levelised_abatement_kzt_per_tco2e(
    option: EconomicsResult, reference: EconomicsResult, region: str = ""
) -> float:
    """Levelised cost of abatement of ``option`` against ``reference`` in one region (or both,
    ``""``) [KZT/tCO2e]: Δ discounted cost ÷ discounted net emissions avoided (reference −
    option), as :func:`planner.economics.compare` computes it for both regions."""
    if option.scenario == reference.scenario:
        return float("nan")
    d_cost = option.npv_cost_kzt(region) - reference.npv_cost_kzt(region)
    abated = reference.discounted_total(
        reference.kpi("net_emissions_tco2e", region)
    ) - option.discounted_total(option.kpi("net_emissions_tco2e", region))
    return ec.levelised_cost_kzt_per_unit(d_cost, abated)


@dataclass
class ReportData:
    """Everything a report states, computed once (no language).

    Attributes
    ----------
    inputs : list of ScenarioInput
        The scenarios in the order the user chose them.
    projections, economics : list
        Their projections and economics, in the same order.
    reference : str
        Id of the reference scenario of the levelised costs.
    comparison : pandas.DataFrame
        :func:`planner.economics.compare` against ``reference``.
    year : int
        The target year the summary and the KPI tables speak of [year].
    ranges : ReportRanges or None
        The ranges over the uncertain inputs (:mod:`planner.report.ranges`); ``None`` for a
        report without them (``--draws 0``).
    """

    inputs: list[ScenarioInput]
    projections: list[Projection]
    economics: list[EconomicsResult]
    reference: str
    comparison: pd.DataFrame
    year: int
    ranges: ReportRanges | None = None

    @property
    def scenarios(self) -> list[Scenario]:
        """The scenarios, in order."""
        return [i.scenario for i in self.inputs]

    @property
    def ids(self) -> list[str]:
        """The scenario ids, in order."""
        return [s.id for s in self.scenarios]

    @property
    def regions(self) -> list[str]:
        """Region ids of the first scenario's baseline, in its order."""
        return region_ids(self.projections[0])

    @property
    def horizon(self) -> tuple[int, int]:
        """First and last projected year [year]."""
        years = self.projections[0].years
        return years[0], years[-1]

    def economics_of(self, scenario_id: str) -> EconomicsResult:
        """The economics of one scenario."""
        return self.economics[self.ids.index(scenario_id)]

    def cheapest(self) -> str | None:
        """The option cheapest per tonne diverted (both regions) against the reference."""
        return ec.cheapest_per_tonne_diverted(self.comparison)

    def figures(self, scenario_id: str, region: str) -> RegionFigures:
        """The summary's numbers of one region under one scenario."""
        k = self.ids.index(scenario_id)
        projection, result = self.projections[k], self.economics[k]
        targets = self.scenarios[k].resolved_baseline().parameters.target_processing_share
        verdict = next(
            v for v in region_verdicts(projection, targets, self.year) if v.region == region
        )
        at = projection.years.index(self.year)

        def kpi(name: str) -> float:
            return float(result.kpi(name, region)[at])

        return RegionFigures(
            scenario=scenario_id,
            region=region,
            verdict=verdict,
            earliest_full=earliest_full_landfill(projection, region),
            npv_cost_kzt=result.npv_cost_kzt(region),
            cost_in_year_kzt=kpi("total_cost_kzt"),
            levelised_kzt_per_t=region_levelised_cost_kzt_per_t(
                result, self.economics_of(self.reference), region
            ),
            abatement_kzt_per_tco2e=region_levelised_abatement_kzt_per_tco2e(
                result, self.economics_of(self.reference), region
            ),
            ch4_landfill_t=kpi("ch4_landfill_t"),
            emissions_tco2e=kpi("emissions_tco2e"),
            net_emissions_tco2e=kpi("net_emissions_tco2e"),
            net_emissions_horizon_tco2e=float(result.kpi("net_emissions_tco2e", region).sum()),
            epr_paid_kzt=kpi("epr_incentives_kzt"),
            epr_due_kzt=kpi("epr_incentives_due_kzt"),
            epr_paid_horizon_kzt=float(result.kpi("epr_incentives_kzt", region).sum()),
        )


class ReportInputError(ValueError):
    """Why no report can be made of these scenarios (a code and its values, for a translated
    message: ``needs_economics`` with ``ids``, ``unknown_reference`` with ``reference`` and
    ``ids``, ``no_target_year`` with ``year``, ``no_scenarios``)."""

    def __init__(self, code: str, **values: object):
        super().__init__(f"{code}: {values}")
        self.code = code
        self.values = values


def report_data(
    inputs: Sequence[ScenarioInput],
    reference: str | None = None,
    projections: Sequence[Projection] | None = None,
    economics: Sequence[EconomicsResult] | None = None,
    year: int = DEFAULT_TARGET_YEAR,
    draws: int = 0,
    seed: int = REPORT_SEED,
    ensembles: Sequence | None = None,
) -> ReportData:
    """The numbers of a report of ``inputs`` against ``reference`` (the first scenario when
    ``None``).

    Parameters
    ----------
    inputs : sequence of ScenarioInput
        One to four (or more) scenarios over the same baseline years.
    reference : str, optional
        Id of the reference scenario of the levelised costs.
    projections, economics : sequence, optional
        Results the caller already has (same order as ``inputs``); computed when ``None``.
    year : int
        Target year of the summary [year].
    draws, seed : int
        Draws and seed of the ranges over the uncertain inputs (none for ``draws = 0``;
        :data:`planner.report.ranges.REPORT_DRAWS` is the command line's default).
    ensembles : sequence of Ensemble, optional
        Ensembles of ``inputs``' scenarios run with ``seed`` that the caller already has
        (the app's cache), used instead of new draws.

    Raises
    ------
    ReportInputError
        No scenario, a baseline without an ``[economics]`` table, a reference that is not
        among the scenarios, or a target year outside the projection or the targets.
    """
    if not inputs:
        raise ReportInputError("no_scenarios")
    scenarios = [i.scenario for i in inputs]
    ids = [s.id for s in scenarios]
    missing = [s.id for s in scenarios if s.resolved_baseline().economics is None]
    if missing:
        raise ReportInputError("needs_economics", ids=", ".join(missing))
    reference = ids[0] if reference is None else reference
    if reference not in ids:
        raise ReportInputError("unknown_reference", reference=reference, ids=", ".join(ids))
    runs = list(projections) if projections is not None else [project(s) for s in scenarios]
    if economics is None:
        economics = [ec.evaluate(s, p) for s, p in zip(scenarios, runs, strict=True)]
    targets = scenarios[0].resolved_baseline().parameters.target_processing_share
    if year not in runs[0].years or year not in targets:
        raise ReportInputError("no_target_year", year=year)
    comparison = ec.compare(list(economics), reference)
    ranges = report_ranges(scenarios, draws, seed, year, ensembles)
    return ReportData(list(inputs), runs, list(economics), reference, comparison, year, ranges)
