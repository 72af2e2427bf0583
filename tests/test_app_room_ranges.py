"""The facilitator's board shows each submission's uncertainty ranges (issue #14 with #13):
computed once per content hash for the process, within a budget per refresh, never again on
the board's live refreshes; the caption states the draws and the seed."""

from __future__ import annotations

from datetime import UTC, datetime

import planner
from msw_app import room_board
from msw_app.views import room as views
from tests.test_app_room import _button, _join, _open_room, _texts

WHEN = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def test_the_board_shows_the_ranges_and_computes_them_once(monkeypatch) -> None:
    calls: list[str] = []
    original = views.submission_ranges

    def counting(scenario, *args, **kwargs):
        calls.append(scenario.id)
        return original(scenario, *args, **kwargs)

    monkeypatch.setattr(views, "submission_ranges", counting)
    room_board._range_cache().clear()  # another test of this process may have sent the same
    facilitator, code, _ = _open_room()
    participant = _join(code, "Group 3")
    _button(participant, "Send to the room: Announced projects").click().run()
    assert calls == []  # sending stays cheap: the board computes the ranges
    facilitator.run()  # the new row at once, its ranges computed after drawing...
    assert not facilitator.exception, facilitator.exception
    assert len(calls) == 1
    table = facilitator.dataframe[0].value
    assert table["Abai region: processing share 2030, 5th percentile"].item() == "—"
    assert "Ranges still being computed: 1." in _texts(facilitator)
    facilitator.run()  # ...and shown by the next refresh
    table = facilitator.dataframe[0].value
    for region in ("Abai region", "Ulytau region"):
        for label in (
            "processing share 2030, 5th percentile",
            "processing share 2030, 95th percentile",
            "chance of the 2030 target",
        ):
            assert f"{region}: {label}" in table.columns  # fmt: skip
    low = table["Abai region: processing share 2030, 5th percentile"].item()
    assert low.endswith("%") and low != "—"
    assert "over 100 draws of the inputs with seed 1" in _texts(facilitator)
    assert "--draws 100 --seed 1" in _texts(facilitator)
    assert len(calls) == 1
    facilitator.run()  # a refresh: read from the cache
    facilitator.run()
    assert len(calls) == 1
    sort = facilitator.selectbox(key=room_board.W_SORT)
    sort.select("chance_met:abai").run()
    assert not facilitator.exception
    assert len(calls) == 1


def test_a_refresh_computes_new_ranges_within_its_budget(monkeypatch) -> None:
    presets = planner.load_presets()
    found = [
        views.Entry(f"s{n}", f"G{n}", presets[name], WHEN, content_hash=f"budget-test-{n}")
        for n, name in enumerate(("announced", "target_40_2030", "announced"))
    ]
    done: list[str] = []
    monkeypatch.setattr(
        views, "submission_ranges", lambda s, *a, **k: done.append(s.id) or {"share_p5:abai": 0.1}
    )
    first = room_board.ranges_of(found, budget_s=0.0)  # at least one per refresh
    assert first[0] == {"share_p5:abai": 0.1} and first[1:] == [None, None]
    second = room_board.ranges_of(found, budget_s=0.0)
    assert second[:2] == [{"share_p5:abai": 0.1}] * 2 and second[2] is None
    assert room_board.ranges_of(found, budget_s=None) == [{"share_p5:abai": 0.1}] * 3
    assert len(done) == 3  # each content hash once
    assert room_board.cached_ranges("budget-test-1") == {"share_p5:abai": 0.1}
    pending = views.board_row(found[0], {"target_met:abai": True}, "en")
    assert room_board._ranges_pending(pending)
    computed = views.board_row(found[0], {"target_met:abai": True}, "en", first[0])
    assert not room_board._ranges_pending(computed)
