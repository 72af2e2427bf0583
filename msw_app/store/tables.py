"""The store's schema (SQLAlchemy Core) and its migrations, with a version table.

The app creates the schema on first use and migrates it forward: :data:`SCHEMA_VERSION` is
the version this code writes; :data:`MIGRATIONS` holds one step per later version (a function
of the open transaction).  On PostgreSQL the migration holds an advisory lock, so several app
replicas starting at once migrate once.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)

SCHEMA_VERSION = 1
"""Version of the schema this code creates and expects."""
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}
"""Step to each version after the first: ``MIGRATIONS[2](connection)`` turns 1 into 2."""
_LOCK_ID = 7_342_019
"""PostgreSQL advisory-lock number held while the schema is created or migrated."""

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

variants = Table(
    "variants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner_hash", String(64), nullable=False, index=True),
    Column("slot", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("author", String(80), nullable=False, default=""),
    Column("lang", String(8), nullable=False),
    Column("origin", String(64), nullable=False, default=""),
    Column("scenario_json", Text, nullable=False),
    Column("start_json", Text, nullable=False),
    Column("edits_json", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("owner_hash", "slot", name="uq_variant_slot"),
)

rooms = Table(
    "rooms",
    metadata,
    Column("code", String(12), primary_key=True),
    Column("title", String(200), nullable=False, default=""),
    Column("facilitator_hash", String(64), nullable=False),
    Column("owner_hash", String(64), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("max_per_participant", Integer, nullable=False),
    Column("max_submissions", Integer, nullable=False),
    Column("max_bytes", Integer, nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("room_code", String(12), ForeignKey("rooms.code", ondelete="CASCADE"), index=True),
    Column("owner_hash", String(64), nullable=False),
    Column("display_name", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("room_code", "owner_hash", name="uq_participant"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("room_code", String(12), ForeignKey("rooms.code", ondelete="CASCADE"), index=True),
    Column("participant_id", String(32), ForeignKey("participants.id", ondelete="CASCADE")),
    Column("display_name", String(80), nullable=False),
    Column("scenario_json", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("pinned", Boolean, nullable=False, default=False),
    Column("hidden", Boolean, nullable=False, default=False),
    UniqueConstraint("room_code", "content_hash", name="uq_submission_content"),
)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer version of the app."""


def stored_version(conn: Connection) -> int | None:
    """The schema version recorded in the database (``None`` before the first migration)."""
    return conn.execute(select(schema_version.c.version)).scalar()


def migrate(conn: Connection) -> int:
    """Create the schema in a new database, or run the steps from its recorded version up to
    :data:`SCHEMA_VERSION`, in the open (write) transaction ``conn``; returns the version.

    Raises
    ------
    SchemaTooNew
        When the database carries a later version than this code knows.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
    schema_version.create(conn, checkfirst=True)
    version = stored_version(conn)
    if version is None:  # a new database: every table at this version
        metadata.create_all(conn, checkfirst=True)
        conn.execute(insert(schema_version).values(id=1, version=SCHEMA_VERSION))
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"database schema {version} is newer than {SCHEMA_VERSION}")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn)
        conn.execute(update(schema_version).values(version=step))
    return SCHEMA_VERSION
