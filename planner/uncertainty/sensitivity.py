"""Which uncertain inputs matter: a tornado and Sobol indices.

- :func:`tornado` moves each input to its low and to its high bound with every other input at
  its default — all ``2 × inputs + 1`` cases in one batched run — and reports the KPI at both
  ends, sorted by the swing ``|KPI(high) − KPI(low)|``;
- :func:`sobol` estimates first-order and total Sobol indices with
  :func:`scipy.stats.sobol_indices` (Saltelli 2010).  It costs ``n × (inputs + 2)`` runs, so
  it is computed for the inputs with the widest tornado swings (``top``), the others held at
  their defaults: the indices are shares of the variance those inputs cause.

The KPIs studied (:data:`SENSITIVITY_KPIS`) are the 2030 processing share, the real recycling
rate of 2030 and the levelised cost of diversion over the horizon, per region.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from planner.schema import Scenario
from planner.uncertainty.ensemble import (
    Ensemble,
    common_inputs,
    reference_of,
    run_ensembles,
)
from planner.uncertainty.inputs import UncertainInput
from planner.uncertainty.sampling import defaults

FloatArray = NDArray[np.float64]

SENSITIVITY_KPIS = ("processing_share", "recycling_rate", "levelised_cost_of_diversion_kzt_per_t")
"""KPIs of the tornado and the Sobol indices."""

SENSITIVITY_YEAR = 2030
"""Year of the share KPIs (the national 40 % target year) [year]."""

TORNADO_COLUMNS = [
    "scenario",
    "region",
    "kpi",
    "year",
    "input",
    "low",
    "high",
    "kpi_default",
    "kpi_at_low",
    "kpi_at_high",
    "swing",
]
"""Columns of the tornado table (``low``/``high`` in the input's unit, or factors)."""


def kpi_year(ensemble: Ensemble, kpi: str, year: int = SENSITIVITY_YEAR) -> int:
    """The year a sensitivity KPI is read in: ``year`` for shares, the horizon's last year
    for the levelised cost (one value over the horizon)."""
    return ensemble.years[-1] if kpi.startswith("levelised") else year


def _union(scenario: Scenario) -> list[UncertainInput]:
    return common_inputs([scenario, reference_of(scenario)])


def tornado_cases(inputs: Sequence[UncertainInput]) -> FloatArray:
    """Draws ``[2 × inputs + 1, input]``: the defaults, then each input at low and at high."""
    base = defaults(inputs)
    cases = np.repeat(base, 2 * len(inputs) + 1, axis=0)
    for k, u in enumerate(inputs):
        cases[1 + 2 * k, k] = u.low
        cases[2 + 2 * k, k] = u.high
    return cases


def tornado(scenario: Scenario, year: int = SENSITIVITY_YEAR) -> pd.DataFrame:
    """Each input at its low and high bound, the rest at their defaults.

    Returns
    -------
    pandas.DataFrame
        :data:`TORNADO_COLUMNS`, one row per region, KPI and input, widest swing first
        within each region and KPI (inputs that change nothing are left out).
    """
    inputs = _union(scenario)
    ensemble = run_ensembles([scenario], values=tornado_cases(inputs))[0]
    own = {u.key for u in ensemble.inputs}
    rows = []
    for kpi in SENSITIVITY_KPIS:
        y = kpi_year(ensemble, kpi, year)
        for region in ensemble.regions:
            v = ensemble.kpi(kpi, y, region)
            for k, u in enumerate(inputs):
                lo, hi = v[1 + 2 * k], v[2 + 2 * k]
                swing = abs(hi - lo)
                if u.key in own or not np.isnan(swing):
                    rows.append(
                        (scenario.id, region, kpi, y, u.key, u.low, u.high, v[0], lo, hi, swing)
                    )
    table = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    table = table[table["swing"].fillna(0) > 0]
    return table.sort_values(
        ["region", "kpi", "swing"], ascending=[True, True, False], kind="stable"
    ).reset_index(drop=True)


def frozen_distribution(u: UncertainInput):
    """The input's distribution as a frozen :mod:`scipy.stats` distribution (with ``ppf``)."""
    width = u.high - u.low
    if u.distribution == "uniform":
        return stats.uniform(loc=u.low, scale=width)
    if u.distribution == "triangular":
        return stats.triang((u.default - u.low) / width, loc=u.low, scale=width)
    a = 1 + 4 * (u.default - u.low) / width
    b = 1 + 4 * (u.high - u.default) / width
    return stats.beta(a, b, loc=u.low, scale=width)


@dataclass(frozen=True)
class SobolIndices:
    """First-order and total Sobol indices ``[output, input]`` [-]."""

    inputs: list[str]
    outputs: list[str]
    first_order: FloatArray
    total_order: FloatArray


def sobol_of(
    func: Callable[[FloatArray], FloatArray],
    inputs: Sequence[UncertainInput],
    n: int = 256,
    seed: int = 1,
) -> tuple[FloatArray, FloatArray]:
    """Sobol indices of a vectorised function of the inputs.

    Parameters
    ----------
    func : callable
        Values ``[draw, input]`` → outputs ``[draw, output]``.
    inputs : sequence of UncertainInput
        Inputs with a non-empty range.
    n : int
        Base sample size, a power of two; the function sees ``n × (inputs + 2)`` draws.
    seed : int
        Seed of the sampler.

    Returns
    -------
    tuple of numpy.ndarray
        First-order and total indices ``[output, input]`` [-].
    """
    result = stats.sobol_indices(
        func=lambda x: np.asarray(func(x.T), dtype=float).T,
        n=n,
        dists=[frozen_distribution(u) for u in inputs],
        rng=np.random.default_rng(seed),
    )
    return np.atleast_2d(result.first_order), np.atleast_2d(result.total_order)


def sobol(
    scenario: Scenario,
    kpi: str,
    n: int = 128,
    seed: int = 1,
    top: int = 10,
    year: int = SENSITIVITY_YEAR,
    screen: pd.DataFrame | None = None,
) -> SobolIndices:
    """Sobol indices of one KPI per region for the ``top`` inputs of the tornado.

    Parameters
    ----------
    scenario : Scenario
        The scenario.
    kpi : str
        One of :data:`SENSITIVITY_KPIS`.
    n : int
        Base sample size (a power of two).
    seed : int
        Seed.
    top : int
        Inputs studied: the widest tornado swings of this KPI in any region.
    year : int
        Year of a share KPI [year].
    screen : pandas.DataFrame, optional
        A :func:`tornado` table to choose the inputs from (computed when omitted).
    """
    union = _union(scenario)
    table = tornado(scenario, year) if screen is None else screen
    ranked = table[table["kpi"] == kpi].sort_values("swing", ascending=False, kind="stable")
    keys = list(dict.fromkeys(ranked["input"]))[:top]
    index = [next(k for k, u in enumerate(union) if u.key == key) for key in keys]
    base = defaults(union)
    state: dict = {}

    def evaluate(x: FloatArray) -> FloatArray:
        values = np.repeat(base, x.shape[0], axis=0)
        values[:, index] = x
        ensemble = run_ensembles(
            [scenario], values=values, with_reference=kpi.startswith("levelised")
        )[0]
        y = kpi_year(ensemble, kpi, year)
        state["regions"] = ensemble.regions
        return np.column_stack([ensemble.kpi(kpi, y, r) for r in ensemble.regions])

    first, total = sobol_of(evaluate, [union[k] for k in index], n, seed)
    return SobolIndices(keys, list(state["regions"]), first, total)
