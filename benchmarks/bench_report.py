"""Time of a four-scenario report (PDF + XLSX), the budget of issue #15 being 10 s.

    .venv/bin/python benchmarks/bench_report.py [--repeat 3] [--lang ru]

Prints, for the presets bau, announced, separate_collection and target_40_2030 against bau:

- the wall time of the command a user runs, ``python -m planner report … --out … --xlsx …``,
  in a fresh process (imports included), median and maximum over ``--repeat`` runs;
- in this process, after a warm-up, the median time of each step: the numbers (projections,
  economics, comparison), the content in the language, the four charts (SVG, and PNG for
  comparison), the PDF, the workbook.

The machine's load is printed too: the figures scale with it (two cores shared by several
jobs give about twice the times of an idle machine).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import median_ms  # noqa: E402

from planner import load_presets  # noqa: E402
from planner.report import ScenarioInput, report_content, report_data  # noqa: E402
from planner.report.charts import report_charts  # noqa: E402
from planner.report.pdf import render_pdf  # noqa: E402
from planner.report.xlsx import render_xlsx  # noqa: E402

PRESETS = ("bau", "announced", "separate_collection", "target_40_2030")
BUDGET_S = 10.0


def cli_seconds(lang: str, folder: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``python -m planner report`` of the four
    presets [s]; the CPU time depends much less on what else the machine runs."""
    command = [
        sys.executable,
        "-m",
        "planner",
        "report",
        *PRESETS,
        "--lang",
        lang,
        "--reference",
        "bau",
        "--out",
        str(folder / "report.pdf"),
        "--xlsx",
        str(folder / "report.xlsx"),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def steps_ms(lang: str, repeat: int) -> dict[str, float]:
    """Median time of each step of the report in this process [ms]."""
    presets = load_presets()
    inputs = [ScenarioInput.from_json(presets[sid]) for sid in PRESETS]
    data = report_data(inputs, "bau")
    content = report_content(data, lang)
    svg = report_charts(content, "svg")
    render_pdf(content, svg)  # warm-up: fonts, matplotlib
    return {
        "numbers": median_ms(lambda: report_data(inputs, "bau"), repeat),
        "content": median_ms(lambda: report_content(data, lang), repeat),
        "charts svg": median_ms(lambda: report_charts(content, "svg"), repeat),
        "charts png": median_ms(lambda: report_charts(content, "png"), repeat),
        "pdf (svg charts)": median_ms(lambda: render_pdf(content, svg), repeat),
        "xlsx": median_ms(lambda: render_xlsx(content), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="ru", choices=["ru", "kk", "en"])
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) before: {load:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        runs = [cli_seconds(args.lang, Path(folder)) for _ in range(args.repeat)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    median, worst = statistics.median(walls), max(walls)
    verdict = "within" if worst <= BUDGET_S else "OVER"
    print(
        f"python -m planner report, 4 presets, PDF + XLSX, {args.lang}: median {median:.2f} s, "
        f"max {worst:.2f} s wall over {args.repeat} runs ({verdict} the {BUDGET_S:.0f} s "
        f"budget); CPU median {statistics.median(cpus):.2f} s, max {max(cpus):.2f} s"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) after: {load:.2f}")
    for step, ms in steps_ms(args.lang, args.repeat).items():
        print(f"  {step:<18} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
