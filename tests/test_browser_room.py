"""Real-browser test of the seminar room: two Chromium contexts (facilitator, participant)
against ``streamlit run app.py``; the participant joins by code and sends, the board shows
it within 5 s; the server restarts; the board and the participant's variant are still there;
the variant's shared link opens the same numbers in a third browser.  Skipped with the
reason without Chromium or Playwright, a failure in CI (see ``tests/test_browser.py``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_browser import (
    CHROMIUM,
    ROOT,
    _free_port,
    _metric,
    _unavailable,
    _wait_metric_changes,
)

pytestmark = pytest.mark.browser
LANDFILLED = "Landfilled, t/yr"


class Server:
    """``streamlit run app.py`` on a fixed port and data folder, restartable."""

    def __init__(self, data_dir: Path) -> None:
        self.port = _free_port()
        self.data_dir = data_dir
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "MSW_PLANNER_DATA_DIR": str(self.data_dir)}
        env.pop("MSW_PLANNER_DATABASE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.headless", "true", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("streamlit did not start:\n" + (self.proc.stdout.read() or ""))
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def chromium():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (install Debian's chromium package)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def _page(browser):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(90_000)  # three sessions and a restart on a shared 2-core machine
    return page


def _move_plastics(page) -> None:
    before = _metric(page, LANDFILLED)
    slider = (
        page.locator('[data-testid="stSlider"]').filter(has_text="Plastics").first
    ).get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    _wait_metric_changes(page, LANDFILLED, before)


IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    || !document.querySelector('[data-testid="stStatusWidget"]').innerText.trim()"""
"""True when Streamlit shows no "running" indicator (the script run has finished)."""


def _settled_metric(page, label: str, expected: str | None = None, timeout_s: float = 15) -> str:
    """A card's value once the page's run has finished; with ``expected``, read again until
    it shows that value or ``timeout_s`` passes (a page that switches scenario on its first
    run keeps the previous run's cards on screen until the second run replaces them)."""
    page.wait_for_function(IDLE)
    deadline = time.monotonic() + timeout_s
    value = _metric(page, label)
    while expected is not None and value != expected and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        page.wait_for_function(IDLE)
        value = _metric(page, label)
    return value


def _board_shows(page, text: str, timeout_ms: int) -> None:
    page.get_by_role("cell", name=text).or_(page.get_by_text(text)).first.wait_for(
        timeout=timeout_ms
    )


def _what_each_shows(pages: dict) -> str:
    """What each page shows (address, sidebar, every KPI card): the message of a failed
    comparison, so that a rare mismatch can be read rather than guessed (this is how the one
    failure of session 7 was explained: another card had been read, see ``_metric``)."""
    lines = []
    for who, page in pages.items():
        sidebar = page.locator('[data-testid="stSidebar"]').first.inner_text()
        cards = page.locator('[data-testid="stMetric"]').all_inner_texts()
        lines.append(
            f"{who}: {page.url}\n  sidebar: {' '.join(sidebar.split())[:600]}"
            f"\n  cards: {[' '.join(c.split()) for c in cards]}"
        )
    return "\n".join(lines)


def test_room_survives_a_restart_and_the_link_opens_the_same_numbers(chromium, tmp_path):
    server = Server(tmp_path / "data")
    server.start()
    try:
        participant = _page(chromium)
        participant.goto(f"{server.url}/assumptions?lang=en")
        participant.get_by_role("heading", name="Scenario assumptions").wait_for()
        _move_plastics(participant)
        edited = _metric(participant, LANDFILLED)
        facilitator = _page(chromium)
        facilitator.goto(f"{server.url}/seminar?lang=en")
        facilitator.get_by_role("tab", name="I am the facilitator").click()
        facilitator.get_by_role("button", name="Open a room").click()
        facilitator.get_by_text("shown this once").wait_for()
        facilitator.wait_for_url(re.compile(r"room=[A-Z0-9]{6}"))
        code = re.search(r"room=([A-Z0-9]{6})", facilitator.url).group(1)

        participant.get_by_role("link", name="Seminar").click()
        participant.get_by_role("textbox", name="Room code").first.fill(code)
        participant.get_by_role("textbox", name="Your name or group").fill("Team Zhezkazgan")
        participant.get_by_role("button", name="Join the room").click()
        participant.get_by_role("button", name=re.compile("^Send to the room")).click()
        participant.get_by_text("The variant is on the board").wait_for()

        start = time.monotonic()
        _board_shows(facilitator, "Team Zhezkazgan", 5_000)  # the live board, no reload
        assert time.monotonic() - start < 5.5

        server.stop()
        server.start()
        facilitator.reload()
        facilitator.get_by_text(f"Board of room {code}").wait_for()
        _board_shows(facilitator, "Team Zhezkazgan", 15_000)
        participant.goto(re.sub(r"/seminar", "/assumptions", participant.url))
        participant.get_by_role("heading", name="Scenario assumptions").wait_for()
        assert _metric(participant, LANDFILLED) == edited  # the variant came back

        link = participant.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first
        shared = link.inner_text().strip()
        assert "?scenario=" in shared and "ws=" not in shared
        participant.goto(re.sub(r"/assumptions", "/overview", participant.url))
        participant.get_by_role("heading", name="Scenario overview").wait_for()
        own = _settled_metric(participant, LANDFILLED)
        visitor = _page(chromium)
        visitor.goto(shared)
        visitor.get_by_role("heading", name="Scenario overview").wait_for()
        visitor.get_by_text("read-only").first.wait_for()
        seen = _settled_metric(visitor, LANDFILLED, own)
        assert seen == own, _what_each_shows({"owner": participant, "visitor": visitor})
    finally:
        server.stop()
