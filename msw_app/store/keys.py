"""Ids, secrets and hashes of the store.

Ids of saved variants and submissions are unguessable (``secrets.token_urlsafe``); keys that
prove who may change something (a browser's workspace key, a facilitator key) are stored only
as their SHA-256 (they are long random tokens, so a plain hash cannot be reversed by trying).
Room codes are short and readable on a projector; they are not secrets.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime

from planner.schema import Scenario

ROOM_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits of room codes, without the look-alikes 0/O, 1/I."""
ROOM_CODE_LENGTH = 6
"""Characters of a room code (32^6 ≈ 1.1e9 codes)."""
ID_BYTES = 12
"""Random bytes of an id (16 URL-safe characters)."""
KEY_BYTES = 24
"""Random bytes of a key (32 URL-safe characters)."""


def new_id() -> str:
    """An unguessable id for a saved variant, a participant or a submission."""
    return secrets.token_urlsafe(ID_BYTES)


def new_key() -> str:
    """A new secret key (workspace or facilitator)."""
    return secrets.token_urlsafe(KEY_BYTES)


def new_room_code() -> str:
    """A short random room code, e.g. ``K7QH2M``."""
    return "".join(secrets.choice(ROOM_CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def normalise_room_code(text: str) -> str:
    """A typed room code in canonical form: capitals, without spaces or dashes."""
    return "".join(c for c in str(text).upper() if c.isalnum())


def key_hash(key: str) -> str:
    """SHA-256 of a key (hex) — what the store keeps instead of the key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def same_hash(stored: str, key: str) -> bool:
    """Whether ``key`` hashes to ``stored`` (constant-time comparison); never for empty."""
    return bool(stored) and bool(key) and hmac.compare_digest(stored, key_hash(key))


def canonical_content(scenario: Scenario) -> str:
    """The scenario as canonical JSON without its id (sorted keys, no spaces): two scenarios
    with the same levers, baseline and names give the same text whatever their ids.

    Built from pydantic's JSON (about 5 times faster than ``model_dump`` here)."""
    return canonical_content_of_json(scenario.model_dump_json())


def canonical_content_of_json(scenario_json: str) -> str:
    """:func:`canonical_content` from the scenario's own JSON (``model_dump_json()``), for a
    caller that has serialised it already (a save serialises the scenario once)."""
    data = json.loads(scenario_json)
    data.pop("id", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(scenario: Scenario) -> str:
    """SHA-256 (hex) of :func:`canonical_content`."""
    return content_hash_of_json(scenario.model_dump_json())


def content_hash_of_json(scenario_json: str) -> str:
    """:func:`content_hash` from the scenario's own JSON (``model_dump_json()``)."""
    text = canonical_content_of_json(scenario_json)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as UTC (SQLite hands back naive times, which are UTC here)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
