"""The app's rerun against a bare Streamlit script, and a click to a finished page in Chromium.

    .venv/bin/python benchmarks/bench_app_ratio.py [--repeats 15] [--clicks 10] [--pause 0.5]
                                                   [--no-browser]

Prints two figures (issue 12; goals ≤ 1.5× and ≤ 0.5 s median; no test times them):

- **rerun ratio**: the Overview's rerun after the year slider moves (AppTest, caches warm),
  divided by the rerun of ``benchmarks/bare_page.py``, which draws every element the
  Overview draws, in its order, from data computed beforehand (so only Streamlit's own work
  is left); the ratio against its charts, cards, bars and table alone (the yardstick of
  session 5, which left out 38 of the page's 83 elements) is printed beside it;
- **click to finished page**: ``streamlit run app.py`` in Chromium (Playwright,
  ``/usr/bin/chromium``) at 1,280 × 720: the time from a click on a region in the sidebar to
  the finished page: that region's verdict shown, Streamlit's "running" indicator gone, no
  element left stale from the run before, every chart drawn.  Measured in the page, from the
  click's ``pointerdown`` to the first animation frame that sees the page finished; the time
  from Playwright's ``click()`` call (which first checks that the button is visible, stable
  and enabled, tens of milliseconds more) is printed beside it.  Between clicks the page rests
  ``--pause`` seconds, as a person's next click comes after reading.
"""

from __future__ import annotations

import argparse
import os
import pickle
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CHROMIUM = Path("/usr/bin/chromium")


def _time(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def precomputed(years: list[int]) -> dict:
    """What the Overview draws in each year, computed once (for :mod:`bare_page`) as plain
    values; the figures from the builders themselves (``__wrapped__``: no session, no shared
    store)."""
    import dataclasses

    import planner
    from msw_app import charts
    from msw_app.views.kpis import kpi_cards
    from msw_app.views.maps import map_points
    from msw_app.views.overview import district_table, fates_over_time, sankey_links
    from msw_app.views.overview_page import overview_model
    from msw_app.views.regions import verdict_rows
    from msw_app.views.scenarios import baseline_scenario

    presets = planner.load_presets()
    scenario = presets["announced"]
    projection = planner.project(scenario)
    reference = planner.project(baseline_scenario(scenario))
    data: dict = {"scenarios": [s.name.ru for s in presets.values()]}
    for year in years:
        bars = []
        for row in verdict_rows(projection, scenario, "all", "ru"):
            bars.append((row.sentence, row.progress))
        cards = []
        for region in ("abai", "ulytau"):
            frame = kpi_cards(projection, reference, year, region=region)
            cards += [
                [(k, f"{frame.loc[k, 'value']:.3f}", f"{frame.loc[k, 'delta']:+.3f}") for k in pair]
                for pair in (frame.index[0:2], frame.index[2:4], frame.index[4:6])
            ]
        model = overview_model(scenario, projection, reference, year, "all", "ru")
        data[year] = {
            "title": "Обзор сценария",
            "bars": bars,
            "cards": cards,
            "verdicts": [dataclasses.asdict(v) for v in model.verdicts],
            "groups": [dataclasses.asdict(g) for g in model.card_groups],
            "districts": model.districts,
            "fates": charts.fates_area.__wrapped__(fates_over_time(projection), "ru"),
            "sankey": charts.sankey.__wrapped__(sankey_links(projection, year), year, "ru"),
            "table": district_table(projection, scenario, year),
            "map": charts.facility_map.__wrapped__(
                map_points(scenario, projection, year), "ru", False
            ),
        }
    return data


def share_script_cache() -> None:
    """Let AppTest compile each script once, as ``streamlit run`` does.

    AppTest makes a new :class:`ScriptCache` on every run, so it compiles (and rewrites for
    Streamlit's "magic") the main script and the page on every rerun, which a server does
    once per process; that cost grows with the script's length and would count against the
    app, not the bare script.
    """
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    local_runner.ScriptCache = lambda: shared


CPU_TIMES: list[float] = []
"""Thread CPU time of each script run since the last :func:`reruns` began [s]."""


def count_script_cpu() -> None:
    """Record the CPU time of each script run (its own thread's) in :data:`CPU_TIMES`: what a
    rerun costs the server's process, whatever else the machine runs."""
    from streamlit.runtime.scriptrunner import script_runner

    run = script_runner.ScriptRunner._run_script

    def timed(self, *args, **kwargs):
        start = time.thread_time()
        try:
            return run(self, *args, **kwargs)
        finally:
            CPU_TIMES.append(time.thread_time() - start)

    script_runner.ScriptRunner._run_script = timed


def reruns(
    script: Path, repeats: int, env: dict[str, str] | None = None
) -> tuple[list[float], list[float]]:
    """Wall and script-thread CPU times of ``script``'s reruns after moving the year slider
    between two years [s]."""
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        at = AppTest.from_file(str(script), default_timeout=120).run()
        years = [2030, 2031]
        for year in years:  # warm the caches once, as a live session would be
            at.slider(key="w_year").set_value(year).run()
        times = []
        CPU_TIMES.clear()
        for i in range(repeats):
            slider = at.slider(key="w_year").set_value(years[i % 2])
            times.append(_time(slider.run))
            assert not at.exception, at.exception
        return times, list(CPU_TIMES)
    finally:
        os.environ.clear()
        os.environ.update(old)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


FINISHED_JS = """(name) => {
    const bars = [...document.querySelectorAll('[data-testid="stProgress"]')];
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    const busy = running && running.innerText.trim().length > 0;
    const stale = document.querySelector('[data-stale="true"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    const drawn = charts.length > 0 && charts.every((c) => c.querySelector('.main-svg'));
    const done = !busy && !stale && drawn && bars.length === 2 && bars[0].innerText.includes(name);
    return done && (performance.now() - window.__clickAt) / 1000;
}"""
"""In the page: seconds since the last ``pointerdown`` once the page shows ``name``'s verdict,
nothing runs, nothing is stale and every chart is drawn; else ``false``."""

CLICK_CLOCK_JS = """() => {
    window.__clickAt = performance.now();
    document.addEventListener('pointerdown', () => { window.__clickAt = performance.now(); }, true);
}"""


def click_times(clicks: int, pause_s: float) -> tuple[list[float], list[float]]:
    """Seconds from a click on a region to the finished page, in Chromium at 1,280 × 720:
    measured in the page from the click, and from Playwright's ``click()`` call."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.set_default_timeout(180_000)
            page.goto(f"{url}/overview?lang=en&region=all")
            page.locator('[data-testid="stProgress"]').first.wait_for()
            page.evaluate(CLICK_CLOCK_JS)
            in_page, from_call = [], []
            for i in range(clicks + 1):
                name = ("Abai", "Ulytau")[i % 2]
                button = page.locator('[data-testid="stSidebar"] button').filter(has_text=name)
                time.sleep(pause_s)
                start = time.perf_counter()
                button.first.click()
                seconds = page.wait_for_function(FINISHED_JS, arg=name, polling="raf").json_value()
                if i:  # the first click also warms the caches
                    from_call.append(time.perf_counter() - start)
                    in_page.append(float(seconds))
            browser.close()
        return in_page, from_call
    finally:
        server.terminate()
        server.wait(timeout=10)


def _summary(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):.3f} s (min {min(times):.3f}, "
        f"max {max(times):.3f}, n={len(times)})"
    )


def main() -> None:
    """Print the rerun ratio and the click-to-page time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.5, help="rest between clicks [s]")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    share_script_cache()
    count_script_cpu()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bare.pickle"
        path.write_bytes(pickle.dumps(precomputed([2030, 2031])))
        bare_page = ROOT / "benchmarks" / "bare_page.py"
        bare, bare_cpu = reruns(bare_page, args.repeats, {"MSW_BARE_DATA": str(path)})
        thin, thin_cpu = reruns(
            bare_page, args.repeats, {"MSW_BARE_DATA": str(path), "MSW_BARE_ELEMENTS": "charts"}
        )
    app, app_cpu = reruns(ROOT / "app.py", args.repeats)
    ratio = statistics.median(app) / statistics.median(bare)
    cpu_ratio = statistics.median(app_cpu) / statistics.median(bare_cpu)
    print(f"app overview rerun after a slider move: {_summary(app)}")
    print(f"bare script, every Overview element from precomputed data: {_summary(bare)}")
    print(f"rerun ratio app / bare: {ratio:.2f}x (goal <= 1.5x)")
    print(
        f"script CPU per rerun: app median {1000 * statistics.median(app_cpu):.0f} ms, bare"
        f" {1000 * statistics.median(bare_cpu):.0f} ms, ratio {cpu_ratio:.2f}x"
    )
    print(
        f"  against the bare charts, cards, bars and table alone (the session-5 yardstick,"
        f" 45 of the 83 deltas it drew then): {_summary(thin)}, ratio"
        f" {statistics.median(app) / statistics.median(thin):.2f}x, CPU"
        f" {1000 * statistics.median(thin_cpu):.0f} ms,"
        f" ratio {statistics.median(app_cpu) / statistics.median(thin_cpu):.2f}x"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.no_browser or not CHROMIUM.exists():
        print("click to finished page: skipped (no browser)")
        return
    in_page, from_call = click_times(args.clicks, args.pause)
    print(
        f"click on a region to finished page in Chromium 1280x720: {_summary(in_page)}"
        " (goal <= 0.5 s)"
    )
    print(f"  the same from Playwright's click() call: {_summary(from_call)}")
    print(f"load average after the clicks: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
