"""Uncertainty of a scenario's results: ranges → seeded draws → every KPI over all draws.

Streamlit-free.  The modules, in the order the data flows:

- :mod:`~planner.uncertainty.inputs` — the ranges a scenario's files state, as uncertain inputs;
- :mod:`~planner.uncertainty.sampling` — seeded Sobol / Latin-hypercube draws through each
  distribution's ``ppf``;
- :mod:`~planner.uncertainty.batch` — the projection with a draw axis;
- :mod:`~planner.uncertainty.money` — costs and emissions with a draw axis;
- :mod:`~planner.uncertainty.ensemble` — KPIs, quantiles, the chance of meeting the target and
  of one option beating another (common random numbers);
- :mod:`~planner.uncertainty.sensitivity` — tornado and Sobol indices;
- :mod:`~planner.uncertainty.tables` — tidy tables and the ``uncertainty`` command.
"""

from planner.uncertainty.ensemble import (
    KPIS,
    QUANTILES,
    Ensemble,
    probability_better,
    probability_target_met,
    quantiles,
    run_ensembles,
)
from planner.uncertainty.inputs import UncertainInput, uncertain_inputs
from planner.uncertainty.sampling import sample

__all__ = [
    "KPIS",
    "QUANTILES",
    "Ensemble",
    "UncertainInput",
    "probability_better",
    "probability_target_met",
    "quantiles",
    "run_ensembles",
    "sample",
    "uncertain_inputs",
]
