"""Speed of the uncertainty analysis, as ratios measured in one run (issue #13).

    .venv/bin/python benchmarks/bench_uncertainty.py [--scenario 04_target_40_by_2030]
        [--draws 1000] [--repeat 3]

Prints, for one preset (both regions, 2025–2050):

- one deterministic run: ``project`` + ``evaluate`` (projection, economics, climate) [ms];
- 1,000 draws of the same chain with a draw axis (``planner.uncertainty.ensemble.
  run_scenario``: batched projection, total cost, net emissions; sampling included) [s] and
  its ratio to the deterministic run (target ≤ 30);
- the Sobol analysis of one KPI (the 2030 processing share per region: the tornado that
  screens the inputs, then ``scipy.stats.sobol_indices``) [s] (target ≤ 10 s).

Medians of ``--repeat`` runs, measured in the same minute, so the ratio holds on a loaded or a
slower machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from planner import load_scenario, project  # noqa: E402
from planner.bundled import bundled_scenarios_dir  # noqa: E402
from planner.economics import evaluate  # noqa: E402
from planner.uncertainty.ensemble import run_scenario  # noqa: E402
from planner.uncertainty.inputs import uncertain_inputs  # noqa: E402
from planner.uncertainty.sampling import sample  # noqa: E402
from planner.uncertainty.sensitivity import sobol  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="04_target_40_by_2030")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = load_scenario(bundled_scenarios_dir() / f"{args.scenario}.toml")
    inputs = uncertain_inputs(scenario)

    def deterministic() -> None:
        evaluate(scenario, project(scenario))

    def ensemble() -> None:
        run_scenario(scenario, inputs, sample(inputs, args.draws, seed=1))

    deterministic()  # warm-up
    det_ms = median_ms(deterministic, 10 * args.repeat)
    ens_ms = median_ms(ensemble, args.repeat)
    det_after_ms = median_ms(deterministic, 10 * args.repeat)
    det_ms = (det_ms + det_after_ms) / 2
    start = time.perf_counter()
    indices = sobol(scenario, "processing_share")
    sobol_s = time.perf_counter() - start
    print(f"scenario {scenario.id}: {len(inputs)} uncertain inputs, {args.draws} draws")
    print(f"one deterministic run (projection + economics + climate): {det_ms:8.1f} ms")
    print(
        f"{args.draws} draws of the same chain:                     {ens_ms / 1e3:8.2f} s"
        f"  = {ens_ms / det_ms:5.1f} x one run (target <= 30)"
    )
    print(
        f"Sobol indices of the 2030 processing share ({len(indices.inputs)} inputs, "
        f"{len(indices.outputs)} regions): {sobol_s:5.2f} s (target <= 10 s)"
    )


if __name__ == "__main__":
    main()
