"""Tidy tables of ensembles, and the ``python -m planner uncertainty`` command.

The quantile table has the columns :data:`UNCERTAINTY_COLUMNS`
(``scenario, region, year, kpi, quantile, value``):

- ``quantile`` ``p5`` … ``p95``: the quantile of a KPI of :data:`~planner.uncertainty.ensemble.
  KPIS` in a region and year over the draws (the levelised cost of diversion is one value over
  the horizon, in the horizon's last year);
- ``kpi = target_met``, ``quantile = probability``: the probability [-] that the region meets
  the national processing target of that year (40 % in 2030, 50 % in 2050);
- ``quantile = p_beats:<other>``: with several scenarios, the probability [-] that the row's
  scenario beats the other one on that KPI in the target years (same draws for both).

``python -m planner uncertainty SCENARIO... --draws 1000 --seed 1 --out quantiles.csv
[--sensitivity tornado.csv]`` writes it (and the tornado of :mod:`~planner.uncertainty.
sensitivity` of every scenario).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from planner.export import neutralise_frame
from planner.i18n import model_catalog
from planner.io import load_scenario, resolve_cli_file
from planner.messages import ScenarioError, shown
from planner.uncertainty.ensemble import (
    KPIS,
    QUANTILES,
    Ensemble,
    probability_better,
    probability_target_met,
    quantiles,
    run_ensembles,
)

UNCERTAINTY_COLUMNS = ["scenario", "region", "year", "kpi", "quantile", "value"]
"""Columns of the quantile table."""

_TEXTS = model_catalog()


def quantile_rows(ensemble: Ensemble) -> pd.DataFrame:
    """Quantile rows of every KPI, region and year of one ensemble."""
    frames = []
    for kpi in KPIS:
        q = quantiles(ensemble, kpi)  # [q, y, r]
        years = ensemble.years[-1:] if kpi.startswith("levelised") else ensemble.years
        for k, name in enumerate(QUANTILES):
            for j, region in enumerate(ensemble.regions):
                values = q[k, [ensemble.years.index(y) for y in years], j]
                frames.append(
                    pd.DataFrame(
                        {
                            "scenario": ensemble.scenario,
                            "region": region,
                            "year": years,
                            "kpi": kpi,
                            "quantile": name,
                            "value": values,
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)


def target_years(ensemble: Ensemble) -> list[int]:
    """The target years inside the ensemble's horizon [year]."""
    return [y for y in sorted(ensemble.targets) if y in ensemble.years]


def probability_rows(ensembles: Sequence[Ensemble]) -> pd.DataFrame:
    """Rows of the probabilities: meeting the target, and each option beating each other."""
    rows = []
    for e in ensembles:
        for year in target_years(e):
            for region in e.regions:
                p = probability_target_met(e, year, region)
                rows.append((e.scenario, region, year, "target_met", "probability", p))
    for a in ensembles:
        for b in ensembles:
            if a is b:
                continue
            for kpi in KPIS:
                years = [a.years[-1]] if kpi.startswith("levelised") else target_years(a)
                for year in years:
                    for region in a.regions:
                        p = probability_better(a, b, kpi, year, region)
                        rows.append((a.scenario, region, year, kpi, f"p_beats:{b.scenario}", p))
    return pd.DataFrame(rows, columns=UNCERTAINTY_COLUMNS)


def uncertainty_table(ensembles: Sequence[Ensemble]) -> pd.DataFrame:
    """The tidy table of :data:`UNCERTAINTY_COLUMNS` (quantiles, then probabilities)."""
    parts = [quantile_rows(e) for e in ensembles] + [probability_rows(ensembles)]
    table = pd.concat(parts, ignore_index=True)[UNCERTAINTY_COLUMNS]
    table["year"] = table["year"].astype(int)
    table["value"] = table["value"].astype(float)
    return table


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``uncertainty`` sub-command."""
    p = sub.add_parser(
        "uncertainty",
        help="quantiles of the KPIs over the input ranges, chance of meeting the target",
    )
    p.add_argument("scenarios", nargs="+", help="scenario files or bundled presets")
    p.add_argument("--draws", type=int, default=1000, help="number of draws (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="seed of the sampler (default 1)")
    p.add_argument("--out", required=True, type=Path, help="quantile CSV to write")
    p.add_argument("--sensitivity", type=Path, help="tornado CSV to write")
    p.set_defaults(handler=cmd_uncertainty)


def _say(key: str, lang: str, **values: object) -> str:
    return _TEXTS.text(key, lang, **values)


def _write(table: pd.DataFrame, path: Path) -> None:
    neutralise_frame(table).to_csv(path, index=False)


def cmd_uncertainty(args: argparse.Namespace) -> int:
    """Load the scenarios, run their ensembles on common draws, write the CSVs."""
    if args.draws < 1:
        print(_say("uncertainty.bad_draws", args.lang, draws=args.draws), file=sys.stderr)
        return 2
    scenarios, failed = [], False
    for arg in args.scenarios:
        try:
            scenarios.append(load_scenario(*resolve_cli_file(arg)))
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem.line(args.lang), file=sys.stderr)
            failed = True
    if failed:
        return 1
    missing = [s.id for s in scenarios if s.resolved_baseline().economics is None]
    if missing:
        print(_say("cli.needs_economics", args.lang, ids=", ".join(missing)), file=sys.stderr)
        return 1
    try:
        ensembles = run_ensembles(scenarios, args.draws, args.seed)
    except ValueError as exc:
        print(_say("cli.error", args.lang, detail=shown(str(exc))), file=sys.stderr)
        return 1
    _write(uncertainty_table(ensembles), args.out)
    print(_say("cli.wrote", args.lang, file=args.out) + f" ({len(ensembles)})")
    for e in ensembles:
        for region in e.regions:
            for year in target_years(e):
                p = probability_target_met(e, year, region)
                print(
                    _say(
                        "uncertainty.chance",
                        args.lang,
                        scenario=e.scenario,
                        region=region,
                        year=year,
                        percent=f"{100 * p:.0f}",
                    )
                )
    if args.sensitivity:
        from planner.uncertainty.sensitivity import tornado

        _write(pd.concat([tornado(s) for s in scenarios], ignore_index=True), args.sensitivity)
        print(_say("cli.wrote", args.lang, file=args.sensitivity))
    return 0


__all__ = [
    "UNCERTAINTY_COLUMNS",
    "cmd_uncertainty",
    "np",
    "probability_rows",
    "quantile_rows",
    "register",
    "uncertainty_table",
]
