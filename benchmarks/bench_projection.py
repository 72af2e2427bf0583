"""Median time of one projection of the bundled presets (two regions, 2025–2050).

    .venv/bin/python benchmarks/bench_projection.py [--repeat 200]

Prints, per preset: the median time of ``planner.project`` (flow and KPI arrays), and of
building the tidy ``flows`` and ``kpis`` tables on top of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from planner import load_presets, project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    presets = load_presets()
    print(f"{'preset':<22} {'project [ms]':>13} {'+ tidy tables [ms]':>19}")
    for sid, scenario in presets.items():
        project(scenario)  # warm-up
        arrays = median_ms(lambda s=scenario: project(s), args.repeat)

        def with_tables(s=scenario):
            r = project(s)
            return r.flows, r.kpis

        tables = median_ms(with_tables, max(10, args.repeat // 10))
        print(f"{sid:<22} {arrays:>13.2f} {tables:>19.2f}")


if __name__ == "__main__":
    main()
