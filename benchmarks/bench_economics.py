"""Median time of ``planner.economics.evaluate`` on the bundled presets (two regions,
2025–2050, FOD from the first legacy year 1980).

    .venv/bin/python benchmarks/bench_economics.py [--repeat 200]

Prints, per preset: the median time of ``evaluate`` (arrays: costs, payers, loans, margins,
FOD methane, KPI arrays) given a projection, with a ρ override (what a slider move costs), and
of building the tidy ``kpis`` and economics ``table`` on top of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from planner import load_presets, project  # noqa: E402
from planner.economics import evaluate  # noqa: E402
from planner.economics_schema import EconomicsOverrides  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    rho = EconomicsOverrides(epr_realisation=0.5)
    print(f"{'preset':<22} {'evaluate [ms]':>14} {'with ρ [ms]':>12} {'+ tables [ms]':>14}")
    for sid, scenario in load_presets().items():
        projection = project(scenario)
        evaluate(scenario, projection)  # warm-up
        arrays = median_ms(lambda s=scenario, p=projection: evaluate(s, p), args.repeat)
        slider = median_ms(lambda s=scenario, p=projection: evaluate(s, p, rho), args.repeat)

        def with_tables(s=scenario, p=projection):
            r = evaluate(s, p)
            return r.kpis, r.table

        tables = median_ms(with_tables, max(10, args.repeat // 10))
        print(f"{sid:<22} {arrays:>14.2f} {slider:>12.2f} {tables:>14.2f}")


if __name__ == "__main__":
    main()
