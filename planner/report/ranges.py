"""The ranges of a report (issue #13's uncertainty analysis): per region and scenario, the
quantiles of the key KPIs over the input ranges and the chance of meeting the national target,
in no language.

The figures are those of ``python -m planner uncertainty`` run on the same scenarios with the
same ``--draws`` and ``--seed``: the ensembles come from
:func:`planner.uncertainty.run_ensembles`, the quantiles from
:func:`planner.uncertainty.tables.quantile_rows` and the chances from
:func:`planner.uncertainty.probability_target_met`, the functions that write its CSV.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from planner.schema import Scenario

REPORT_DRAWS = 100
"""Draws of a report's ranges by default (command line and app): a four-scenario report took
8–10 s with 64–128 draws and 11–12 s with 256 on the 2-core machine at load ≈ 1, so 100 kept
the 10 s budget (since the draws need no SciPy, the whole report takes 2.3–3.7 s of CPU there;
256 draws add about 0.2 s, 1000 about 0.8 s); p5 and p95 are then the 5th and 96th of 100
sorted values.  The app's bands
use more (``msw_app.compute.APP_DRAWS``), so their figures differ slightly from the report's;
``python -m planner uncertainty --draws 100`` gives the report's."""
REPORT_SEED = 1
"""Seed of a report's draws by default (the ``uncertainty`` command's and the app's)."""

RANGE_KPIS: dict[str, str] = {
    "processing_share": "-",
    "recycling_rate": "-",
    "total_cost_kzt": "KZT/yr",
    "net_emissions_tco2e": "tCO2e/yr",
    "levelised_cost_of_diversion_kzt_per_t": "KZT/t",
}
"""KPIs of an ensemble the report gives ranges of, with their units (the levelised cost is
one value over the horizon, against the scenario's baseline without levers)."""
SHOWN_QUANTILES = ("p5", "p50", "p95")
"""Quantiles the PDF shows: the 90 % range p5–p95 and the median."""
LOW_CHANCE = 0.10
"""A chance of meeting the target at or below this is called low [-]."""
HIGH_CHANCE = 0.90
"""A chance of meeting the target at or above this is called high [-]."""


@dataclass(frozen=True, eq=False)
class ReportRanges:
    """The ranges of a report.

    Attributes
    ----------
    draws, seed : int
        Number of draws and the sampler's seed (``python -m planner uncertainty --draws
        --seed`` gives the same figures).
    year : int
        The target year of the ranges [year] (the levelised cost is in the horizon's last
        year, as in the uncertainty CSV).
    quantiles : pandas.DataFrame
        Rows of the uncertainty CSV (``scenario, region, year, kpi, quantile, value``) of
        :data:`RANGE_KPIS` in ``year`` (levelised: the last year), every quantile.
    chances : dict
        ``(scenario id, region id)`` → probability [-] of meeting the national target of
        ``year`` (the CSV's ``target_met`` rows).
    target : float
        The national processing target of ``year`` [-].
    """

    draws: int
    seed: int
    year: int
    quantiles: pd.DataFrame
    chances: dict[tuple[str, str], float]
    target: float

    def value(self, scenario: str, region: str, kpi: str, quantile: str) -> float:
        """One quantile of a KPI [the KPI's unit] (NaN when the table has none)."""
        return self._values.get((scenario, region, kpi, quantile), float("nan"))

    @functools.cached_property
    def _values(self) -> dict[tuple[str, str, str, str], float]:
        q = self.quantiles
        keys = zip(q["scenario"], q["region"], q["kpi"], q["quantile"], strict=True)
        return dict(zip(keys, q["value"].astype(float), strict=True))

    def chance_word(self, scenario: str, region: str) -> str:
        """``low``, ``high`` or ``middle``: how the chance of meeting the target reads."""
        p = self.chances[(scenario, region)]
        return "low" if p <= LOW_CHANCE else "high" if p >= HIGH_CHANCE else "middle"


def ensemble_rows(ensemble, year: int) -> pd.DataFrame:
    """The uncertainty CSV's quantile rows of :data:`RANGE_KPIS` of one ensemble in ``year``
    (the levelised cost in the last year): the values of
    :func:`planner.uncertainty.tables.quantile_rows` for these KPIs and years only (that
    function's tables of every KPI, year and quantile take ten times as long)."""
    from planner.uncertainty import QUANTILES, quantiles

    rows = []
    for kpi in RANGE_KPIS:
        at = ensemble.years[-1] if kpi.startswith("levelised") else year
        q = quantiles(ensemble, kpi, at)[:, 0, :]  # [quantile, region]
        for k, name in enumerate(QUANTILES):
            for j, region in enumerate(ensemble.regions):
                rows.append((ensemble.scenario, region, at, kpi, name, float(q[k, j])))
    return pd.DataFrame(rows, columns=["scenario", "region", "year", "kpi", "quantile", "value"])


def report_ranges(
    scenarios: Sequence[Scenario],
    draws: int = REPORT_DRAWS,
    seed: int = REPORT_SEED,
    year: int = 2030,
    ensembles: Sequence | None = None,
) -> ReportRanges | None:
    """The ranges of a report of ``scenarios`` (``None`` for ``draws = 0`` without
    ``ensembles``).

    Parameters
    ----------
    scenarios : sequence of Scenario
        The report's scenarios, in its order.
    draws, seed : int
        Draws and seed of :func:`planner.uncertainty.run_ensembles`.
    year : int
        The target year [year].
    ensembles : sequence of Ensemble, optional
        Ensembles the caller already has, run on ``scenarios`` with ``seed`` (the app's
        cache); ``draws`` is then their number of draws.
    """
    from planner.uncertainty import probability_target_met, run_ensembles

    if ensembles is None:
        if draws <= 0:
            return None
        ensembles = run_ensembles(list(scenarios), draws, seed)
    ensembles = list(ensembles)
    first = ensembles[0]
    quantiles = pd.concat([ensemble_rows(e, year) for e in ensembles], ignore_index=True)
    chances = {
        (e.scenario, r): probability_target_met(e, year, r) for e in ensembles for r in e.regions
    }
    return ReportRanges(first.n_draws, seed, year, quantiles, chances, float(first.targets[year]))
