"""Median rerun time of the app after a slider change, measured with Streamlit's AppTest.

    .venv/bin/python benchmarks/bench_app_rerun.py [--repeats 15]

Two measurements (target: well under 0.25 s each on a 2-core machine):

- overview: the year-in-focus slider moves, the overview page reruns (cards, targets, fates
  chart, Sankey, district table and map are rebuilt; the projection comes from the cache);
- assumptions: a recovery slider moves to a value not seen before, so the scenario is
  re-validated and projected afresh, and the page with its KPI strip reruns.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _time(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def overview_reruns(repeats: int) -> list[float]:
    """Rerun times of the overview after moving the year slider [s]."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    years = [2030, 2031]
    for year in years:  # warm the caches once, as a live session would be
        at.slider(key="w_year").set_value(year).run()
    times = []
    for i in range(repeats):
        slider = at.slider(key="w_year").set_value(years[i % 2])
        times.append(_time(slider.run))
        assert not at.exception, at.exception
    return times


def assumption_reruns(repeats: int) -> list[float]:
    """Rerun times of the assumptions page after a lever change needing a new projection [s]."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("msw_app/page_assumptions.py").run()
    times = []
    for i in range(repeats + 1):
        (slider,) = [
            s for s in at.slider if s.key and s.key.endswith("levers.recovery_mixed.plastics")
        ]
        slider.set_value(round(0.30 + 0.01 * i, 2))
        elapsed = _time(at.run)
        assert not at.exception, at.exception
        if i:  # the first edit also creates the variant
            times.append(elapsed)
    return times


def main() -> None:
    """Print the median rerun times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    overview = overview_reruns(args.repeats)
    assumptions = assumption_reruns(args.repeats)
    print(
        f"overview rerun after a slider change: median {statistics.median(overview):.3f} s "
        f"(min {min(overview):.3f}, max {max(overview):.3f}, n={len(overview)})"
    )
    print(
        f"assumptions rerun after a lever change (new projection): median "
        f"{statistics.median(assumptions):.3f} s (min {min(assumptions):.3f}, "
        f"max {max(assumptions):.3f}, n={len(assumptions)})"
    )


if __name__ == "__main__":
    main()
