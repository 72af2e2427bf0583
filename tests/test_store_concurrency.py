"""Concurrent writers on the real databases (SQLite WAL and PostgreSQL), no mocks: thirty
participants sending at once lose nothing, a variant sent twice at once is stored once, the
limits hold under the race, and app replicas starting together migrate once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from msw_app import store
from msw_app.store import tables
from tests.conftest import BACKENDS, ROOT
from tests.store_cases import named

PARTICIPANTS = 30


def _all_at_once(n: int, job: Callable[[int], Any]) -> list[Any]:
    """Run ``job(i)`` for ``i < n`` on ``n`` threads released together; results or errors."""
    gate = threading.Barrier(n)

    def run(i: int) -> Any:
        gate.wait()
        try:
            return job(i)
        except Exception as exc:  # noqa: BLE001 - the test counts them
            return exc

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


@BACKENDS
def test_thirty_participants_submitting_at_once_lose_nothing(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db).room.code

    def participant(i: int) -> str:
        key = f"participant-key-{i:02d}-0123456789abcdef"
        store.join_room(db, code, key, f"Group {i}")
        first = store.submit(db, code, key, named(f"{i}a"))
        second = store.submit(db, code, key, named(f"{i}b"))
        return first.submission.id + second.submission.id

    results = _all_at_once(PARTICIPANTS, participant)
    assert [r for r in results if isinstance(r, Exception)] == []
    shown = store.board(db, code)
    assert len(shown) == 2 * PARTICIPANTS
    assert {s.display_name for s in shown} == {f"Group {i}" for i in range(PARTICIPANTS)}
    assert len({s.content_hash for s in shown}) == 2 * PARTICIPANTS
    db.close()


@BACKENDS
def test_the_same_variant_sent_at_once_is_stored_once(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db).room.code
    keys = [f"same-content-key-{i:02d}-0123456789" for i in range(12)]
    for i, key in enumerate(keys):
        store.join_room(db, code, key, f"P{i}")
    results = _all_at_once(len(keys), lambda i: store.submit(db, code, keys[i], named("same")))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(r.created for r in results) == 1
    assert len({r.submission.id for r in results}) == 1
    assert len(store.board(db, code)) == 1
    db.close()


@BACKENDS
def test_the_per_participant_limit_holds_under_a_race(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db, max_per_participant=3).room.code
    key = "one-eager-participant-0123456789"
    store.join_room(db, code, key, "Eager")
    results = _all_at_once(10, lambda i: store.submit(db, code, key, named(f"eager {i}")))
    refused = [r for r in results if isinstance(r, store.StoreRefusal)]
    assert len(refused) == 7 and {r.key for r in refused} == {"limit_participant"}
    assert len(store.board(db, code)) == 3
    db.close()


@BACKENDS
def test_concurrent_saves_of_one_slot_keep_one_variant(database_url: str) -> None:
    db = store.open_store(database_url)
    key = "workspace-of-a-fast-slider-0123456789"
    results = _all_at_once(16, lambda i: store.save_variant(db, key, "mine", named(i)))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len(set(results)) == 1
    assert len(store.workspace_variants(db, key)) == 1
    db.close()


@BACKENDS
def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    opened = _all_at_once(8, lambda i: store.open_store(database_url))
    assert [r for r in opened if isinstance(r, Exception)] == []
    with opened[0].read() as conn:
        assert tables.stored_version(conn) == tables.SCHEMA_VERSION
    for db in opened:
        db.close()


def _process_participant(url: str, code: str, worker: int, count: int) -> int:
    """One app process: its own engine, ``count`` participants each sending one variant."""
    db = store.open_store(url)
    for i in range(count):
        key = f"process-{worker}-participant-{i}-0123456789"
        store.join_room(db, code, key, f"W{worker} P{i}")
        store.submit(db, code, key, named(f"w{worker} p{i}"))
    db.close()
    return count


@BACKENDS
def test_several_processes_write_one_room(database_url: str) -> None:
    """Two app processes (fresh interpreters, their own engines) write one room at once."""
    db = store.open_store(database_url)
    code = store.open_room(db).room.code
    processes, each = 2, 10
    code_text = (
        "import sys; from tests.test_store_concurrency import _process_participant as run; "
        "run(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", code_text, database_url, code, str(w), str(each)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for w in range(processes)
    ]
    for proc in started:
        output, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, output
    assert len(store.board(db, code)) == processes * each
    db.close()


def test_switching_a_new_file_to_wal_waits_while_it_is_locked(monkeypatch) -> None:
    import sqlite3

    import pytest

    from msw_app.store import engine

    monkeypatch.setattr(engine.time, "sleep", lambda s: None)

    class Cursor:
        def __init__(self, failures: int, message: str = "database is locked") -> None:
            self.calls, self.failures, self.message = 0, failures, message

        def execute(self, sql: str) -> None:
            self.calls += 1
            if self.calls <= self.failures:
                raise sqlite3.OperationalError(self.message)

    locked_twice = Cursor(2)
    engine._wal_mode(locked_twice)
    assert locked_twice.calls == 3  # tried again until the file was free
    with pytest.raises(sqlite3.OperationalError):
        engine._wal_mode(Cursor(1, "disk I/O error"))  # any other error at once
    with pytest.raises(sqlite3.OperationalError):
        engine._wal_mode(Cursor(engine.WAL_ATTEMPTS))  # locked for good: said, not hidden
