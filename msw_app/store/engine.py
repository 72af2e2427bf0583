"""The store's engine: embedded SQLite (WAL) or PostgreSQL (psycopg 3), one code path.

SQLite: every connection turns on write-ahead logging (readers never block the writer), a
30 s busy timeout and foreign keys; write transactions start with ``BEGIN IMMEDIATE``, so two
writers queue for the lock at the start instead of failing half-way (pysqlite's own
transaction handling is switched off: the ``begin`` event issues ``BEGIN``).
PostgreSQL: a connection pool with pre-ping; rows that a write must see unchanged are locked
with ``SELECT ... FOR UPDATE`` by the callers.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, create_engine, event

from msw_app.store import tables
from msw_app.store.config import database_url

BUSY_TIMEOUT_MS = 30_000
"""How long an SQLite writer waits for the lock [ms]."""
CONNECT_TIMEOUT_S = 5
"""How long a PostgreSQL connection may take to open [s] (a server that is down must not
stall every rerun of the app for long)."""


WAL_ATTEMPTS = 50
"""Tries to switch a new SQLite file to WAL while other connections open it (0.1 s apart)."""


def _wal_mode(cursor) -> None:
    """``PRAGMA journal_mode=WAL`` on a connection, tried again while the file is locked.

    Switching the journal mode needs the file to itself, and SQLite may answer "database is
    locked" at once instead of waiting (seen when eight replicas opened one new file at the
    same instant); the mode stays in the file, so only the first connection's switch matters.
    """
    for attempt in range(WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.1)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _wal_mode(cursor)
        for pragma in ("foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("msw_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///file`` or ``postgresql+psycopg://...``)."""
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=20,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


@dataclass
class Store:
    """An open store: its engine, migrated to :data:`tables.SCHEMA_VERSION`.

    ``writes`` counts the write transactions opened through this object (the tests and the
    benchmark read it: a rerun that changed nothing must open none).
    """

    engine: Engine
    writes: int = 0
    _count_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed at the end, rolled back on an exception."""
        with self._count_lock:
            self.writes += 1
        with self.engine.connect() as conn:
            conn.execution_options(msw_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (one consistent snapshot on SQLite WAL)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url`` (default: :func:`database_url`)."""
    store = Store(make_engine(url or database_url()))
    with store.write() as conn:
        tables.migrate(conn)
    return store
