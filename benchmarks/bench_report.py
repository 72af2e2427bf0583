"""Time of a four-scenario report (PDF + XLSX), the budget of issue #15 being 10 s.

    .venv/bin/python benchmarks/bench_report.py [--repeat 3] [--lang ru] [--draws 256]

Prints, for the presets bau, announced, separate_collection and target_40_2030 against bau:

- the command a user runs, ``python -m planner report … --out … --xlsx … [--draws N]``, in a
  fresh process (imports included): wall and CPU time (user + system), median and maximum
  over ``--repeat`` runs, and the load average before and after;
- the same command's CPU time as a multiple of a fresh ``python -c "import planner"`` (CPU),
  measured alongside: a ratio that depends much less on the machine and on its load than
  seconds do (an idle machine of this kind runs ``import planner`` in about 1 s of CPU);
- in this process, after a warm-up, the median wall and CPU time of each step: the imports
  of a fresh process (its own measurement), the numbers (projections, economics, comparison),
  the ranges (``--draws`` draws of the ensembles), the content in the language, the four
  charts (SVG, as the PDF embeds them), the PDF, the workbook;
- the first ranges of a fresh process (its own measurement, after ``import planner`` and the
  presets): what the ranges cost the command, imports made on first use included (SciPy's
  statistics took 0.5 s there until the Latin hypercube was drawn with numpy alone).

Two cores shared by several jobs make wall times about twice the CPU times (or more);
compare CPU times and ratios between runs, and quote the load average with any figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRESETS = ("bau", "announced", "separate_collection", "target_40_2030")
BUDGET_S = 10.0
IMPORTS = (
    "import planner.cli, planner.report, planner.report.pdf, planner.report.xlsx, "
    "planner.report.charts"
)
"""What the report command imports before it computes."""
FIRST_RANGES = """
import time
import planner
from planner.report import ScenarioInput
from planner.report.ranges import report_ranges

presets = planner.load_presets()
scenarios = [ScenarioInput.from_json(presets[i]).scenario for i in {presets!r}]
wall, cpu = time.perf_counter(), time.process_time()
report_ranges(scenarios, {draws})
print(time.perf_counter() - wall, time.process_time() - cpu)
"""
"""A fresh process's first ranges: prints their wall and CPU time [s]."""


def load() -> float:
    """The 1-minute load average (NaN where the system has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def fresh(command: list[str]) -> tuple[float, float]:
    """Wall and CPU time (user + system) of one fresh process [s]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report_command(lang: str, draws: int, folder: Path) -> list[str]:
    """The command a user runs."""
    return [
        sys.executable,
        "-m",
        "planner",
        "report",
        *PRESETS,
        "--lang",
        lang,
        "--reference",
        "bau",
        "--draws",
        str(draws),
        "--out",
        str(folder / "report.pdf"),
        "--xlsx",
        str(folder / "report.xlsx"),
    ]


def first_ranges_ms(draws: int, repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of the first ranges of a fresh process [ms]."""
    code = FIRST_RANGES.format(presets=PRESETS, draws=draws)
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
        )
        wall, cpu = (float(v) for v in out.stdout.split())
        runs.append((wall, cpu))
    return (
        statistics.median(w for w, _ in runs) * 1e3,
        statistics.median(c for _, c in runs) * 1e3,
    )


def timed(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of ``func()`` over ``repeat`` calls [ms]."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1e3, statistics.median(cpus) * 1e3


def steps_ms(lang: str, draws: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each step of the report [ms]."""
    imports = [fresh([sys.executable, "-c", IMPORTS]) for _ in range(repeat)]
    from planner import load_presets
    from planner.report import ScenarioInput, report_content, report_data
    from planner.report.charts import report_charts
    from planner.report.pdf import render_pdf
    from planner.report.ranges import report_ranges
    from planner.report.xlsx import render_xlsx

    presets = load_presets()
    inputs = [ScenarioInput.from_json(presets[sid]) for sid in PRESETS]
    scenarios = [i.scenario for i in inputs]
    data = report_data(inputs, "bau", draws=draws)
    content = report_content(data, lang)
    svg = report_charts(content, "svg")
    render_pdf(content, svg)  # warm-up: fonts, matplotlib
    return {
        "imports (fresh)": (
            statistics.median(w for w, _ in imports) * 1e3,
            statistics.median(c for _, c in imports) * 1e3,
        ),
        "numbers": timed(lambda: report_data(inputs, "bau"), repeat),
        f"ranges ({draws})": timed(lambda: report_ranges(scenarios, draws), repeat),
        "content": timed(lambda: report_content(data, lang), repeat),
        "charts (svg)": timed(lambda: report_charts(content, "svg"), repeat),
        "pdf": timed(lambda: render_pdf(content, svg), repeat),
        "xlsx": timed(lambda: render_xlsx(content), repeat),
        f"ranges, 1st ({draws})": first_ranges_ms(draws, repeat),
    }


def main() -> None:
    from planner.report.ranges import REPORT_DRAWS

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="ru", choices=["ru", "kk", "en"])
    parser.add_argument("--draws", type=int, default=REPORT_DRAWS)
    args = parser.parse_args()
    print(f"load average (1 min) before: {load():.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        runs, bases = [], []
        for _ in range(args.repeat):
            runs.append(fresh(report_command(args.lang, args.draws, Path(folder))))
            bases.append(fresh([sys.executable, "-c", "import planner"]))
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    base_cpu = statistics.median(c for _, c in bases)
    median, worst = statistics.median(walls), max(walls)
    verdict = "within" if worst <= BUDGET_S else "OVER"
    print(
        f"python -m planner report, 4 presets, PDF + XLSX, {args.lang}, --draws {args.draws}: "
        f"wall median {median:.2f} s, max {worst:.2f} s over {args.repeat} runs ({verdict} the "
        f"{BUDGET_S:.0f} s budget); CPU median {statistics.median(cpus):.2f} s, "
        f"max {max(cpus):.2f} s"
    )
    print(
        f"ratio: report CPU ÷ fresh `import planner` CPU ({base_cpu:.2f} s) = "
        f"{statistics.median(cpus) / base_cpu:.1f}"
    )
    print(f"load average (1 min) after: {load():.2f}")
    print(f"  {'step':<20} {'wall ms':>8} {'CPU ms':>8}")
    for step, (wall_ms, cpu_ms) in steps_ms(args.lang, args.draws, args.repeat).items():
        print(f"  {step:<20} {wall_ms:8.0f} {cpu_ms:8.0f}")
    print(f"load average (1 min) at the end: {load():.2f}")


if __name__ == "__main__":
    main()
