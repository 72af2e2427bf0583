"""Seminar rooms: a facilitator opens a room, participants join by its code and send their
variants; the board lists the submissions.

Who may do what:

* the facilitator proves the room is theirs with the facilitator key (shown once, stored as
  its hash) or with the workspace key of the browser that opened it; only they pin, hide or
  close;
* a participant is a workspace joined to a room under a display name; they can send new
  submissions and withdraw their own, never change or remove anyone else's.

Every submission is one write transaction that first locks the room's row (``FOR UPDATE`` on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so the limits per participant and per room hold
under concurrent senders, and a unique key on (room, content hash) makes a re-sent variant
one submission, never two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from msw_app.safe_text import one_line
from msw_app.store import keys
from msw_app.store.config import (
    MAX_DISPLAY_NAME_CHARS,
    MAX_SCENARIO_JSON_BYTES,
    MAX_SUBMISSIONS_PER_PARTICIPANT,
    MAX_SUBMISSIONS_PER_ROOM,
    MAX_TITLE_CHARS,
)
from msw_app.store.engine import Store
from msw_app.store.errors import StoreRefusal
from msw_app.store.tables import participants, rooms, submissions
from planner.schema import Scenario


@dataclass(frozen=True)
class Room:
    """A room as stored (without its keys)."""

    code: str
    title: str
    created_at: datetime
    closed_at: datetime | None
    max_per_participant: int
    max_submissions: int
    max_bytes: int

    @property
    def is_open(self) -> bool:
        """Whether participants can still send."""
        return self.closed_at is None


@dataclass(frozen=True)
class OpenedRoom:
    """A new room and its facilitator key (the only time the key is readable)."""

    room: Room
    facilitator_key: str


@dataclass(frozen=True)
class Submission:
    """One variant sent to a room."""

    id: str
    room_code: str
    participant_id: str
    display_name: str
    scenario_json: str
    content_hash: str
    size_bytes: int
    created_at: datetime
    pinned: bool
    hidden: bool

    def scenario(self) -> Scenario:
        """The submitted scenario (validated on the way in)."""
        return Scenario.model_validate_json(self.scenario_json)


@dataclass(frozen=True)
class Sent:
    """What :func:`submit` did: the submission and whether it is new (``False``: the same
    content was already in the room, by ``submission.display_name``)."""

    submission: Submission
    created: bool


def clean_label(text: str, limit: int = MAX_DISPLAY_NAME_CHARS) -> str:
    """A user's label as one line of printable characters, at most ``limit`` of them."""
    printable = "".join(c if c.isprintable() else " " for c in str(text))
    return one_line(printable)[:limit].strip()


def _room(row: Any) -> Room:
    return Room(
        code=row.code,
        title=row.title,
        created_at=keys.as_utc(row.created_at),
        closed_at=keys.as_utc(row.closed_at),
        max_per_participant=row.max_per_participant,
        max_submissions=row.max_submissions,
        max_bytes=row.max_bytes,
    )


def _submission(row: Any) -> Submission:
    return Submission(
        id=row.id,
        room_code=row.room_code,
        participant_id=row.participant_id,
        display_name=row.display_name,
        scenario_json=row.scenario_json,
        content_hash=row.content_hash,
        size_bytes=row.size_bytes,
        created_at=keys.as_utc(row.created_at),
        pinned=bool(row.pinned),
        hidden=bool(row.hidden),
    )


def open_room(
    store: Store,
    title: str = "",
    owner_key: str = "",
    max_per_participant: int = MAX_SUBMISSIONS_PER_PARTICIPANT,
    max_submissions: int = MAX_SUBMISSIONS_PER_ROOM,
    max_bytes: int = MAX_SCENARIO_JSON_BYTES,
) -> OpenedRoom:
    """Open a room with a new short code; the facilitator key is returned once."""
    key = keys.new_key()
    for _ in range(20):  # a code already taken: draw another
        code = keys.new_room_code()
        values = {
            "code": code,
            "title": clean_label(title, MAX_TITLE_CHARS),
            "facilitator_hash": keys.key_hash(key),
            "owner_hash": keys.key_hash(owner_key) if owner_key else "",
            "created_at": keys.now(),
            "closed_at": None,
            "max_per_participant": int(max_per_participant),
            "max_submissions": int(max_submissions),
            "max_bytes": int(max_bytes),
        }
        try:
            with store.write() as conn:
                conn.execute(insert(rooms).values(**values))
        except IntegrityError:
            continue
        return OpenedRoom(room=get_room(store, code), facilitator_key=key)
    raise RuntimeError("no free room code after 20 draws")


def get_room(store: Store, code: str) -> Room | None:
    """The room with this code (typed in any case, with spaces), or ``None``."""
    with store.read() as conn:
        row = conn.execute(
            select(rooms).where(rooms.c.code == keys.normalise_room_code(code))
        ).first()
    return _room(row) if row is not None else None


def is_facilitator(store: Store, code: str, key: str = "", owner_key: str = "") -> bool:
    """Whether ``key`` is the room's facilitator key or ``owner_key`` opened the room."""
    with store.read() as conn:
        row = conn.execute(
            select(rooms.c.facilitator_hash, rooms.c.owner_hash).where(
                rooms.c.code == keys.normalise_room_code(code)
            )
        ).first()
    if row is None:
        return False
    return keys.same_hash(row.facilitator_hash, key) or keys.same_hash(row.owner_hash, owner_key)


def _require_facilitator(store: Store, code: str, key: str, owner_key: str) -> str:
    code = keys.normalise_room_code(code)
    if not is_facilitator(store, code, key, owner_key):
        raise StoreRefusal("not_facilitator")
    return code


def _locked_room(conn: Connection, code: str) -> Any:
    row = conn.execute(select(rooms).where(rooms.c.code == code).with_for_update()).first()
    if row is None:
        raise StoreRefusal("no_room", code=code)
    return row


def join_room(store: Store, code: str, owner_key: str, display_name: str) -> str:
    """Join (or re-join, renamed) a room as the workspace ``owner_key``; returns the
    participant id.

    Raises
    ------
    StoreRefusal
        ``no_room``, ``room_closed`` or ``no_name`` (an empty display name).
    """
    code = keys.normalise_room_code(code)
    name = clean_label(display_name)
    if not name:
        raise StoreRefusal("no_name")
    owner_hash = keys.key_hash(owner_key)
    with store.write() as conn:
        room = _locked_room(conn, code)
        if room.closed_at is not None:
            raise StoreRefusal("room_closed", code=code)
        where = and_(participants.c.room_code == code, participants.c.owner_hash == owner_hash)
        found = conn.execute(select(participants.c.id).where(where)).scalar()
        if found is not None:
            conn.execute(update(participants).where(where).values(display_name=name))
            return found
        ident = keys.new_id()
        conn.execute(
            insert(participants).values(
                id=ident, room_code=code, owner_hash=owner_hash, display_name=name,
                created_at=keys.now(),
            )
        )  # fmt: skip
        return ident


def participant(store: Store, code: str, owner_key: str) -> tuple[str, str] | None:
    """``(participant id, display name)`` of the workspace in the room, or ``None``."""
    where = and_(
        participants.c.room_code == keys.normalise_room_code(code),
        participants.c.owner_hash == keys.key_hash(owner_key),
    )
    with store.read() as conn:
        row = conn.execute(
            select(participants.c.id, participants.c.display_name).where(where)
        ).first()
    return (row.id, row.display_name) if row is not None else None


def _count(conn: Connection, *conditions: Any) -> int:
    return int(
        conn.execute(select(func.count()).select_from(submissions).where(*conditions)).scalar()
    )


def _existing(conn: Connection, code: str, digest: str) -> Any:
    where = and_(submissions.c.room_code == code, submissions.c.content_hash == digest)
    return conn.execute(select(submissions).where(where)).first()


def submit(store: Store, code: str, owner_key: str, scenario: Scenario) -> Sent:
    """Send ``scenario`` to the room as the workspace's participant.

    The same content already in the room is not stored again: the existing submission comes
    back with ``created=False``.

    Raises
    ------
    StoreRefusal
        ``no_room``, ``room_closed``, ``not_joined``, ``too_large``, ``limit_participant``
        or ``limit_room``.
    """
    code = keys.normalise_room_code(code)
    text = scenario.model_dump_json()
    digest = keys.content_hash(scenario)
    for attempt in range(3):  # the unique key fired: another sender won the race
        try:
            with store.write() as conn:
                return _submit_in(conn, code, owner_key, text, digest)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _submit_in(conn: Connection, code: str, owner_key: str, text: str, digest: str) -> Sent:
    room = _locked_room(conn, code)
    if room.closed_at is not None:
        raise StoreRefusal("room_closed", code=code)
    who = conn.execute(
        select(participants).where(
            participants.c.room_code == code,
            participants.c.owner_hash == keys.key_hash(owner_key),
        )
    ).first()
    if who is None:
        raise StoreRefusal("not_joined", code=code)
    same = _existing(conn, code, digest)
    if same is not None:
        return Sent(_submission(same), created=False)
    size = len(text.encode("utf-8"))
    if size > room.max_bytes:
        raise StoreRefusal("too_large", limit_bytes=room.max_bytes)
    if _count(conn, submissions.c.participant_id == who.id) >= room.max_per_participant:
        raise StoreRefusal("limit_participant", limit=room.max_per_participant)
    if _count(conn, submissions.c.room_code == code) >= room.max_submissions:
        raise StoreRefusal("limit_room", limit=room.max_submissions)
    values = {
        "id": keys.new_id(), "room_code": code, "participant_id": who.id,
        "display_name": who.display_name, "scenario_json": text, "content_hash": digest,
        "size_bytes": size, "created_at": keys.now(), "pinned": False, "hidden": False,
    }  # fmt: skip
    conn.execute(insert(submissions).values(**values))
    return Sent(Submission(**values), created=True)


def board(store: Store, code: str, include_hidden: bool = True) -> list[Submission]:
    """The room's submissions, oldest first (hidden ones only with ``include_hidden``)."""
    query = select(submissions).where(submissions.c.room_code == keys.normalise_room_code(code))
    if not include_hidden:
        query = query.where(submissions.c.hidden.is_(False))
    with store.read() as conn:
        rows = conn.execute(query.order_by(submissions.c.created_at, submissions.c.id))
        return [_submission(row) for row in rows]


def own_submissions(store: Store, code: str, owner_key: str) -> list[Submission]:
    """The submissions the workspace sent to the room, oldest first."""
    found = participant(store, code, owner_key)
    if found is None:
        return []
    return [s for s in board(store, code) if s.participant_id == found[0]]


def set_flags(
    store: Store,
    code: str,
    submission_id: str,
    *,
    pinned: bool | None = None,
    hidden: bool | None = None,
    key: str = "",
    owner_key: str = "",
) -> None:
    """Pin/unpin or hide/show a submission (facilitator only)."""
    code = _require_facilitator(store, code, key, owner_key)
    values = {k: v for k, v in (("pinned", pinned), ("hidden", hidden)) if v is not None}
    if not values:
        return
    where = and_(submissions.c.room_code == code, submissions.c.id == submission_id)
    with store.write() as conn:
        conn.execute(update(submissions).where(where).values(**values))


def close_room(store: Store, code: str, *, key: str = "", owner_key: str = "") -> None:
    """Close the room to new participants and submissions (facilitator only)."""
    code = _require_facilitator(store, code, key, owner_key)
    with store.write() as conn:
        conn.execute(update(rooms).where(rooms.c.code == code).values(closed_at=keys.now()))


def reopen_room(store: Store, code: str, *, key: str = "", owner_key: str = "") -> None:
    """Open a closed room again (facilitator only)."""
    code = _require_facilitator(store, code, key, owner_key)
    with store.write() as conn:
        conn.execute(update(rooms).where(rooms.c.code == code).values(closed_at=None))


def clear_room(store: Store, code: str, *, key: str = "", owner_key: str = "") -> int:
    """Delete every submission and participant of the room (facilitator only); returns the
    number of submissions deleted.  The room and its code stay."""
    code = _require_facilitator(store, code, key, owner_key)
    with store.write() as conn:
        gone = conn.execute(delete(submissions).where(submissions.c.room_code == code)).rowcount
        conn.execute(delete(participants).where(participants.c.room_code == code))
    return int(gone)


def withdraw(store: Store, code: str, owner_key: str, submission_id: str) -> bool:
    """Withdraw one's own submission; another participant's is left alone (``False``)."""
    found = participant(store, code, owner_key)
    if found is None:
        return False
    where = and_(
        submissions.c.room_code == keys.normalise_room_code(code),
        submissions.c.id == submission_id,
        submissions.c.participant_id == found[0],
    )
    with store.write() as conn:
        return conn.execute(delete(submissions).where(where)).rowcount > 0
