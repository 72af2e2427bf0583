"""Ensembles: every KPI of a scenario over all draws, their quantiles and probabilities.

:func:`run_ensembles` samples the uncertain inputs of all the scenarios once (the union of
their ranges, keyed by path: **common random numbers**, so that two options see the same
draws of the figures they share) and runs the batched projection, costs and emissions
(:mod:`~planner.uncertainty.batch`, :mod:`~planner.uncertainty.money`) for each.  The
levelised cost of diversion of an option is taken against its baseline without levers (the
business-as-usual reference of ``01_business_as_usual``), run on the same draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner import flows as fl
from planner.economics import evaluate
from planner.economics.compare import levelised_costs_kzt_per_unit
from planner.edit import without_levers
from planner.projection import project
from planner.schema import Names, Scenario
from planner.targets import meets_target
from planner.uncertainty.batch import BatchFlows, BatchInputs, batch_inputs, run_batch
from planner.uncertainty.inputs import UncertainInput, uncertain_inputs
from planner.uncertainty.money import discount_by_draw, net_emissions_tco2e, total_cost_kzt
from planner.uncertainty.sampling import Method, sample

FloatArray = NDArray[np.float64]

QUANTILES: dict[str, float] = {"p5": 0.05, "p25": 0.25, "p50": 0.50, "p75": 0.75, "p95": 0.95}
"""Quantiles reported, by name."""

KPIS: tuple[str, ...] = (
    "diversion_rate",
    "recycling_rate",
    "processing_share",
    "landfilled_t",
    "landfill_years_left",
    "total_cost_kzt",
    "levelised_cost_of_diversion_kzt_per_t",
    "net_emissions_tco2e",
)
"""KPIs of an ensemble (names of :mod:`planner.kpis`; the levelised cost is one value per
draw over the horizon, stored in its last year)."""

HIGHER_IS_BETTER = {"diversion_rate", "recycling_rate", "processing_share", "landfill_years_left"}
"""KPIs where more is better (for the others — tonnes, money, emissions — less is)."""

REFERENCE_ID = "reference_without_levers"
"""Id of the reference run (the baseline with no levers)."""


@dataclass(frozen=True)
class Ensemble:
    """The KPIs of one scenario over all draws."""

    scenario: str
    years: list[int]
    regions: list[str]
    kpis: dict[str, FloatArray]
    """KPI → ``[year, draw, region]``; the levelised cost is NaN except in the last year."""
    targets: dict[int, float]
    """National processing targets by year [-] (the baseline's)."""
    inputs: list[UncertainInput]
    values: FloatArray
    """The draws ``[draw, input]``."""

    @property
    def n_draws(self) -> int:
        """Number of draws."""
        return self.values.shape[0]

    def kpi(self, name: str, year: int, region: str) -> FloatArray:
        """One KPI over the draws ``[draw]``."""
        return self.kpis[name][self.years.index(year), :, self.regions.index(region)]


@dataclass(frozen=True)
class Run:
    """A batched run of one scenario: its flows and money, before KPIs."""

    flows: BatchFlows
    cost_kzt: FloatArray
    """``[year, draw, region]`` [KZT/yr]."""
    emissions_tco2e: FloatArray
    """``[year, draw, region]`` [t CO2e/yr]."""
    discount: FloatArray
    """``[year, draw]`` [-]."""


def run_scenario(
    scenario: Scenario, uncertain: Sequence[UncertainInput], values: FloatArray
) -> Run:
    """Projection, costs and emissions of a scenario for draws ``[draw, input]``."""
    b: BatchInputs = batch_inputs(scenario, uncertain, values)
    flows = run_batch(b)
    det = evaluate(scenario, project(scenario))
    return Run(
        flows,
        total_cost_kzt(scenario, det, b, flows, uncertain, values),
        net_emissions_tco2e(scenario, b, flows, uncertain, values),
        discount_by_draw(scenario, uncertain, values, flows.years),
    )


def _years_left(flows: BatchFlows, scenario: Scenario) -> FloatArray:
    """Landfill years left of each region ``[year, draw, region]`` [yr] (as the projection's
    ``landfill_years_left``: capacity left of the operating landfills ÷ their intake)."""
    from planner.resolve import resolve_inputs

    inputs = resolve_inputs(scenario)
    shape = flows.by_region["landfilled"].shape
    remaining, deposited = np.zeros(shape), np.zeros(shape)
    for p in inputs.landfills:
        k = flows.regions.index(p.region)
        on = p.operating[:, None]
        remaining[:, :, k] += np.where(on, flows.remaining_t[p.facility.id], 0.0)
        deposited[:, :, k] += np.where(on, flows.fac_input[p.facility.id].sum(axis=2), 0.0)
    if not inputs.landfills:
        return np.full(shape, np.nan)
    return fl.years_left(remaining, deposited)


def levelised_cost(run: Run, reference: Run) -> FloatArray:
    """Levelised cost of diversion against the reference ``[draw, region]`` [KZT/t]:
    Δ discounted cost ÷ Δ discounted tonnes diverted, draw by draw."""

    def discounted(values: FloatArray, r: Run) -> FloatArray:
        return (values * r.discount[:, :, None]).sum(axis=0)

    def diverted(r: Run) -> FloatArray:
        return r.flows.by_region["recycled"] + r.flows.by_region["composted"]

    d_cost = discounted(run.cost_kzt, run) - discounted(reference.cost_kzt, reference)
    d_div = discounted(diverted(run), run) - discounted(diverted(reference), reference)
    return levelised_costs_kzt_per_unit(d_cost, d_div)


def kpi_arrays(scenario: Scenario, run: Run, reference: Run | None) -> dict[str, FloatArray]:
    """The :data:`KPIS` of a run ``[year, draw, region]``."""
    reg = run.flows.by_region
    generated = reg["generated"]
    levelised = np.full_like(generated, np.nan)
    if reference is not None:
        levelised[-1] = levelised_cost(run, reference)
    return {
        "diversion_rate": fl.share_of(reg["recycled"] + reg["composted"], generated),
        "recycling_rate": fl.share_of(reg["recycled"], generated),
        "processing_share": fl.share_of(reg["sorted"] + reg["biotreated"], generated),
        "landfilled_t": reg["landfilled"],
        "landfill_years_left": _years_left(run.flows, scenario),
        "total_cost_kzt": run.cost_kzt,
        "levelised_cost_of_diversion_kzt_per_t": levelised,
        "net_emissions_tco2e": run.emissions_tco2e,
    }


def reference_of(scenario: Scenario) -> Scenario:
    """The scenario's baseline without levers, over the same years (the reference)."""
    names = Names(ru="Без мер", kk="Шарасыз", en="No levers")
    ref = without_levers(scenario, REFERENCE_ID, names)
    return ref


def common_inputs(scenarios: Sequence[Scenario]) -> list[UncertainInput]:
    """The union of the scenarios' uncertain inputs, keyed by path, in first-seen order."""
    seen: dict[str, UncertainInput] = {}
    for s in scenarios:
        for u in uncertain_inputs(s):
            seen.setdefault(u.key, u)
    return list(seen.values())


def columns_for(
    scenario: Scenario, union: Sequence[UncertainInput], values: FloatArray
) -> tuple[list[UncertainInput], FloatArray]:
    """The scenario's own inputs and their columns of the common draws."""
    own = uncertain_inputs(scenario)
    keys = [u.key for u in union]
    return own, values[:, [keys.index(u.key) for u in own]]


def run_ensembles(
    scenarios: Sequence[Scenario],
    n_draws: int = 1000,
    seed: int = 1,
    method: Method = "lhs",
    values: FloatArray | None = None,
    with_reference: bool = True,
) -> list[Ensemble]:
    """Ensembles of the scenarios on common draws.

    Parameters
    ----------
    scenarios : sequence of Scenario
        Validated scenarios with their baselines resolved (all on the same baseline for a
        comparison to mean anything).
    n_draws : int
        Number of draws.
    seed : int
        Seed of the sampler: the same seed gives the same numbers.
    method : {"lhs", "sobol"}
        Sampler of :mod:`scipy.stats.qmc` (:func:`planner.uncertainty.sampling.unit_points`).
    values : numpy.ndarray, optional
        Draws ``[draw, input]`` of :func:`common_inputs` to use instead of sampling.
    with_reference : bool
        Run the reference too (needed for the levelised cost, NaN without it).

    Returns
    -------
    list of Ensemble
        One per scenario, in order.
    """
    references = [reference_of(s) for s in scenarios]
    union = common_inputs([*scenarios, *references])
    if values is None:
        values = sample(union, n_draws, seed, method)
    out = []
    ref_runs: dict[str, Run] = {}
    for scenario, ref in zip(scenarios, references, strict=True):
        key = ref.model_dump_json(exclude={"description"})  # the same reference run once
        is_reference = not scenario.levers.model_dump(exclude_defaults=True)
        if with_reference and not is_reference and key not in ref_runs:
            ref_runs[key] = run_scenario(ref, *columns_for(ref, union, values))
        own, columns = columns_for(scenario, union, values)
        run = run_scenario(scenario, own, columns)
        kpis = kpi_arrays(scenario, run, ref_runs.get(key))
        out.append(
            Ensemble(
                scenario.id,
                list(run.flows.years),
                list(run.flows.regions),
                kpis,
                dict(scenario.resolved_baseline().parameters.target_processing_share),
                own,
                columns,
            )
        )
    return out


def quantiles(ensemble: Ensemble, kpi: str, year: int | None = None) -> FloatArray:
    """Quantiles :data:`QUANTILES` of a KPI ``[quantile, year, region]`` (NaN draws left
    out; NaN where every draw is NaN); only ``year``'s, ``[quantile, 1, region]``, when
    given (each year's quantiles are computed on their own, so they are the same numbers)."""
    values = ensemble.kpis[kpi]
    if year is not None:
        k = ensemble.years.index(year)
        values = values[k : k + 1]
    with np.errstate(all="ignore"), _quiet():
        return np.nanquantile(values, list(QUANTILES.values()), axis=1)


class _quiet:
    """Silence numpy's "All-NaN slice" warning (a year with no value is NaN, on purpose)."""

    def __enter__(self):
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


def probability_target_met(ensemble: Ensemble, year: int, region: str) -> float:
    """Probability [-] that a region meets the national target of ``year`` (the share of
    draws whose processing share meets it, :func:`planner.targets.meets_target`)."""
    share = ensemble.kpi("processing_share", year, region)
    return float(meets_target(share, ensemble.targets[year]).mean())


def probability_better(a: Ensemble, b: Ensemble, kpi: str, year: int, region: str) -> float:
    """Probability [-] that option ``a`` beats ``b`` on a KPI in ``year`` and ``region``, draw
    by draw on common draws (higher is better for :data:`HIGHER_IS_BETTER`, lower otherwise;
    a tie or a NaN is not a win)."""
    if a.n_draws != b.n_draws:
        raise ValueError("the ensembles must share their draws (run them together)")
    x, y = a.kpi(kpi, year, region), b.kpi(kpi, year, region)
    wins = x > y if kpi in HIGHER_IS_BETTER else x < y
    return float(np.mean(wins))
