"""Time of the Abai + Ulytau siting problem (build + MILP + extract), per preset.

    .venv/bin/python benchmarks/bench_siting_regions.py [--repeat 5]

Prints the median wall time of :func:`planner.siting.plan.plan_sorting_lines` with the default
options, the MILP size and the HiGHS solve time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import load_presets  # noqa: E402
from planner.siting import quiet_native_stdout  # noqa: E402
from planner.siting.plan import plan_sorting_lines  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'preset':<22} {'total [s]':>10} {'HiGHS [s]':>10} {'columns':>8} {'rows':>6} "
        f"{'new lines':>9} {'status':>8}"
    )
    for sid, scenario in load_presets().items():
        times, plan = [], None
        for _ in range(args.repeat):
            start = time.perf_counter()
            plan = plan_sorting_lines(scenario)
            times.append(time.perf_counter() - start)
        sol = plan.solution
        print(
            f"{sid:<22} {statistics.median(times):>10.3f} {sol.solve_time_s:>10.3f} "
            f"{sol.n_variables:>8} {sol.n_constraints:>6} {plan.summary['new_lines']:>9} "
            f"{plan.summary['status']:>8}"
        )


if __name__ == "__main__":
    with quiet_native_stdout():  # drop HiGHS's native debug lines; print() still works
        main()
