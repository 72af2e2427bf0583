"""Script runs take turns: first come, first served, one at a time.

Streamlit runs every session's script in a thread of its own, all in one process.  Python
runs one thread at a time (the GIL), so thirty scripts started in the same second share the
processor: each runs ~5 ms, then the next, and all of them finish together, after the whole
queue's work.  Measured on a 2-core machine with ``benchmarks/bench_load.py``: thirty first
visits sent at once (~60 ms of CPU each there) all finished after 1.8–2.3 s.

Taking turns serves the same work in arrival order: the first visitor sees the page after
one script's time, the tenth after ten, the last after the whole queue (no later than
before).  Nothing runs faster; the waiting is ordered.  The same queue of thirty then gave a
median of ~1 s instead of ~2.2 s (``bench_load.py`` prints the p50 and p95).

:func:`turn` wraps a script run (``app.py``, and every fragment rerun through
:func:`msw_app.guard.guarded_fragment`); it is re-entrant, so a fragment drawn inside a page
run waits for nothing.  A long computation (a report, an ensemble of draws, the siting
optimiser) steps aside for its duration (:func:`step_aside`), so that one participant's
report does not hold the room's sliders.  A run that waits longer than :data:`MAX_WAIT_S`
goes ahead without a turn, as it would without this module: a stuck run can slow the others
down, never stop them.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAX_WAIT_S = 5.0
"""Longest wait for a turn [s]; then the run goes ahead without one."""


class Turns:
    """A first-come-first-served gate: at most ``at_once`` holders; a leaving holder hands
    its turn to the longest waiter directly (no newcomer can take it first)."""

    def __init__(self, at_once: int = 1) -> None:
        if at_once < 1:
            raise ValueError("at_once must be at least 1")
        self._lock = threading.Lock()
        self._free = at_once
        self._waiting: deque[threading.Event] = deque()

    def enter(self, timeout_s: float) -> bool:
        """Wait for a turn; ``True`` once it is held, ``False`` after ``timeout_s`` without
        one (the caller then holds nothing and must not :meth:`leave`)."""
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            handed = threading.Event()
            self._waiting.append(handed)
        if handed.wait(timeout_s):
            return True
        with self._lock:
            if handed.is_set():  # handed over just as the wait ended: it is ours
                return True
            self._waiting.remove(handed)
            return False

    def leave(self) -> None:
        """Give the turn to the longest waiter, or free it."""
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1

    def waiting(self) -> int:
        """How many runs wait for a turn now."""
        with self._lock:
            return len(self._waiting)


SCRIPT_TURNS = Turns(at_once=1)
"""The gate of this process's script runs."""

_HELD = threading.local()


def _depth() -> int:
    return getattr(_HELD, "depth", 0)


@contextlib.contextmanager
def turn(turns: Turns = SCRIPT_TURNS, timeout_s: float | None = None) -> Iterator[bool]:
    """Run the body in this thread's turn (waiting for it unless the thread holds one, at
    most ``timeout_s`` [s], default :data:`MAX_WAIT_S`); yields whether a turn is held."""
    if _depth():
        _HELD.depth += 1
        try:
            yield True
        finally:
            _HELD.depth = max(0, _HELD.depth - 1)  # 0 if a step aside lost the turn
        return
    _HELD.depth = 1 if turns.enter(MAX_WAIT_S if timeout_s is None else timeout_s) else 0
    try:
        yield bool(_HELD.depth)
    finally:
        if _depth():  # still held (a step aside that timed out holds none)
            _HELD.depth = 0
            turns.leave()


@contextlib.contextmanager
def step_aside(turns: Turns = SCRIPT_TURNS, timeout_s: float | None = None) -> Iterator[None]:
    """Run the body (a long computation) without a turn, then wait for one again; does
    nothing in a thread that holds none (the command line, tests, a run that timed out)."""
    depth = _depth()
    if not depth:
        yield
        return
    leave_turn(turns)
    try:
        yield
    finally:
        held = turns.enter(MAX_WAIT_S if timeout_s is None else timeout_s)
        _HELD.depth = depth if held else 0


def leave_turn(turns: Turns = SCRIPT_TURNS) -> None:
    """Give up this thread's turn for the rest of its run (nothing if it holds none): the
    run goes on as it would without turns."""
    if _depth():
        _HELD.depth = 0
        turns.leave()


def long_job(fn: F) -> F:
    """A long computation that gives up its run's turn when it starts (:func:`leave_turn`)
    and does not ask for it again.

    For the body of a function Streamlit caches: Streamlit holds that value's lock while
    the body runs, and a session waiting for the same value may hold the turn, so the body
    must never wait for one (:func:`step_aside` would).  Outside a cached body, prefer
    :func:`step_aside`.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        leave_turn()
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
