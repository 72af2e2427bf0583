"""Script runs take turns (msw_app.turns): first come, first served, re-entrant, a long
computation steps aside, a stuck holder delays the others only up to the wait limit."""

from __future__ import annotations

import threading
import time

import pytest

from msw_app import turns
from msw_app.turns import Turns


def test_waiting_runs_get_their_turn_in_arrival_order():
    gate = Turns()
    assert gate.enter(timeout_s=0)
    order: list[int] = []

    def run(i: int) -> None:
        with turns.turn(gate):
            order.append(i)

    threads = []
    for i in range(8):
        thread = threading.Thread(target=run, args=(i,))
        thread.start()
        threads.append(thread)
        deadline = time.monotonic() + 5
        while gate.waiting() < i + 1 and time.monotonic() < deadline:
            time.sleep(0.001)  # the next one arrives only once this one waits
    assert gate.waiting() == 8
    gate.leave()
    for thread in threads:
        thread.join(5)
    assert order == list(range(8))
    assert gate.enter(timeout_s=0)  # every turn was given back: the gate is free again
    gate.leave()


def test_only_one_run_holds_a_turn_at_a_time():
    gate = Turns()
    inside = 0
    most = 0
    lock = threading.Lock()

    def run() -> None:
        nonlocal inside, most
        for _ in range(50):
            with turns.turn(gate) as held:
                assert held
                with lock:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.0002)
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert most == 1


def test_a_turn_is_reentrant_and_given_back_after_an_exception():
    gate = Turns()
    with pytest.raises(RuntimeError):
        with turns.turn(gate):
            with turns.turn(gate) as inner:  # a fragment drawn inside a page run
                assert inner
                assert gate.enter(timeout_s=0) is False  # held: nobody else gets in
                raise RuntimeError("a failing page")
    assert gate.enter(timeout_s=0)
    gate.leave()


def test_a_run_waits_at_most_the_limit_then_goes_ahead_without_a_turn():
    gate = Turns()
    assert gate.enter(timeout_s=0)  # a stuck holder
    started = time.perf_counter()
    with turns.turn(gate, timeout_s=0.05) as held:
        waited = time.perf_counter() - started
        assert held is False
    assert waited >= 0.05
    assert gate.waiting() == 0  # the run that gave up is no longer in the queue
    gate.leave()
    assert gate.enter(timeout_s=0)  # the stuck holder's turn was not given away twice
    assert gate.enter(timeout_s=0) is False


def test_stepping_aside_lets_a_waiting_run_through_and_rejoins():
    gate = Turns()
    seen: list[str] = []
    waiter_done = threading.Event()

    def waiter() -> None:
        with turns.turn(gate):
            seen.append("waiter ran")
        waiter_done.set()

    with turns.turn(gate):
        thread = threading.Thread(target=waiter)
        thread.start()
        while gate.waiting() < 1:
            time.sleep(0.001)
        with turns.step_aside(gate):  # a long computation
            assert waiter_done.wait(5)  # the waiting run went ahead meanwhile
        seen.append("back")
        assert gate.enter(timeout_s=0) is False  # rejoined: the turn is held again
    thread.join(5)
    assert seen == ["waiter ran", "back"]
    assert gate.enter(timeout_s=0)


def test_a_long_job_gives_up_the_turn_for_the_rest_of_the_run():
    gate = Turns()
    calls = []

    @turns.long_job
    def compute(x: int) -> int:
        calls.append(x)
        return 2 * x

    with turns.turn(turns.SCRIPT_TURNS):
        assert turns.SCRIPT_TURNS.enter(timeout_s=0) is False
        assert compute(21) == 42
        assert turns.SCRIPT_TURNS.enter(timeout_s=0)  # free: the long job gave it up
        turns.SCRIPT_TURNS.leave()
    assert turns.SCRIPT_TURNS.enter(timeout_s=0)  # and the run did not give it back twice
    assert turns.SCRIPT_TURNS.enter(timeout_s=0) is False
    turns.SCRIPT_TURNS.leave()
    assert calls == [21]
    assert gate.waiting() == 0


def test_outside_a_run_stepping_aside_and_long_jobs_change_nothing():
    gate = Turns()
    with turns.step_aside(gate):
        pass
    turns.leave_turn(gate)
    assert gate.enter(timeout_s=0)
    assert gate.enter(timeout_s=0) is False


def test_the_app_runs_its_pages_in_a_turn_and_gives_it_back(monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()  # warm: the first run imports and computes
    assert not at.exception
    assert turns.SCRIPT_TURNS.enter(timeout_s=0)  # the run gave its turn back
    monkeypatch.setattr(turns, "MAX_WAIT_S", 0.5)
    try:  # a run of another session holds the turn: this page waits, then goes ahead
        started = time.perf_counter()
        at.slider(key="w_year").set_value(2031).run()
        waited = time.perf_counter() - started
    finally:
        turns.SCRIPT_TURNS.leave()
    assert not at.exception
    assert waited >= 0.5
    started = time.perf_counter()
    at.slider(key="w_year").set_value(2032).run()  # the turn is free: no wait
    assert time.perf_counter() - started < waited
    assert turns.SCRIPT_TURNS.enter(timeout_s=0)
    turns.SCRIPT_TURNS.leave()
