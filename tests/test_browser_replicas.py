"""Real browser against two replicas behind real nginx (``tasks.py seminar``): an edit, a
download served by the replica that holds the session, then that replica stops and a reload
reaches the other one, which opens the same variant from the shared store."""

from __future__ import annotations

from pathlib import Path

import pytest

from msw_app import replicas
from tests.conftest import unavailable
from tests.test_browser_room import LANDFILLED, _move_plastics, _settled_metric, chromium
from tests.test_replicas import _established

pytestmark = pytest.mark.browser
__all__ = ["chromium"]  # the fixture, imported for this module's test

FLOWS_HEADER = "scenario,region,district,year,material,flow,tonnes"


def test_through_nginx_a_download_works_and_a_stopped_replica_hands_the_browser_on(
    chromium, tmp_path: Path
) -> None:
    if replicas.find_nginx() is None:
        unavailable("nginx is not installed (apt-get install -y nginx-light)")
    running = replicas.start(2, env={"MSW_PLANNER_DATA_DIR": str(tmp_path)}, quiet=True)
    try:
        page = chromium.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        ).new_page()
        page.set_default_timeout(90_000)
        page.goto(f"{running.url}/assumptions?lang=en")
        page.get_by_role("heading", name="Scenario assumptions").wait_for()
        preset = _settled_metric(page, LANDFILLED)
        _move_plastics(page)
        edited = _settled_metric(page, LANDFILLED)
        assert edited != preset

        page.get_by_role("link", name="Data & export").click()
        page.get_by_role("heading", name="Data & export").wait_for()
        with page.expect_download() as info:
            page.get_by_role("button", name="Flows (CSV)").first.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0] == FLOWS_HEADER
        assert lines[1].startswith("announced_mine,")

        serving = [i for i, port in enumerate(running.ports) if _established(port) > 0]
        assert len(serving) == 1, serving  # one browser, one replica
        gone = running.servers[serving[0]]
        gone.terminate()
        gone.wait(timeout=20)

        page.reload()  # the address keeps the browser's key (?ws=)
        page.get_by_role("heading", name="Data & export").wait_for()
        page.get_by_role("link", name="Assumptions").click()
        page.get_by_role("heading", name="Scenario assumptions").wait_for()
        assert _settled_metric(page, LANDFILLED, expected=edited) == edited
        other = running.ports[1 - serving[0]]
        assert _established(other) > 0  # nginx moved the browser to the replica still running
    finally:
        running.stop()
