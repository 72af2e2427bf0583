"""The seminar store: saved variants, rooms and submissions (no Streamlit here).

SQLAlchemy 2 over an embedded SQLite file (WAL) in the data folder by default, or PostgreSQL
when ``MSW_PLANNER_DATABASE_URL`` names one.  Modules: ``config`` (where, limits), ``tables``
(schema and migrations), ``engine`` (connections and transactions), ``keys`` (ids, hashes),
``variants`` (a browser's own variants), ``rooms`` (rooms, participants, submissions),
``errors`` (refusals with a catalog key).
"""

from msw_app.store.config import ENV_DATA_DIR, ENV_DATABASE_URL, data_dir, database_url
from msw_app.store.engine import Store, open_store
from msw_app.store.errors import StoreRefusal
from msw_app.store.keys import content_hash, new_key, normalise_room_code
from msw_app.store.rooms import (
    OpenedRoom,
    Room,
    Sent,
    Submission,
    board,
    clear_room,
    close_room,
    get_room,
    is_facilitator,
    join_room,
    open_room,
    own_submissions,
    participant,
    reopen_room,
    set_flags,
    submit,
    withdraw,
)
from msw_app.store.variants import (
    SavedVariant,
    VariantTexts,
    delete_variant,
    edits_json,
    is_owner,
    load_variant,
    save_variant,
    variant_texts,
    workspace_variants,
)

__all__ = [
    "ENV_DATABASE_URL",
    "ENV_DATA_DIR",
    "OpenedRoom",
    "Room",
    "SavedVariant",
    "Sent",
    "Store",
    "StoreRefusal",
    "Submission",
    "board",
    "clear_room",
    "close_room",
    "content_hash",
    "data_dir",
    "database_url",
    "delete_variant",
    "edits_json",
    "get_room",
    "is_facilitator",
    "is_owner",
    "join_room",
    "load_variant",
    "new_key",
    "normalise_room_code",
    "open_room",
    "open_store",
    "own_submissions",
    "participant",
    "reopen_room",
    "save_variant",
    "set_flags",
    "submit",
    "variant_texts",
    "VariantTexts",
    "withdraw",
    "workspace_variants",
]
