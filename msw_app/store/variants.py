"""Saved variants: a browser's own scenarios, kept as they are edited.

A variant belongs to a *workspace* (a browser's random key; only its hash is stored) and
fills one *slot* there (the variant's id in the session, e.g. ``announced_mine``).  A save
stores the validated scenario as JSON, what its edits started from and the edits themselves
(rejected drafts included, so nothing typed is lost), its name in the user's language, an
author label, the language, created/updated times and a content hash.  Each saved variant
has an unguessable id: the link ``?scenario=<id>`` opens it for anyone (read-only).

The same content under the same name in one workspace is one variant: saving it into a new
slot returns the existing id instead of a second copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from msw_app.store import keys
from msw_app.store.config import MAX_DISPLAY_NAME_CHARS, MAX_SCENARIO_JSON_BYTES
from msw_app.store.engine import Store
from msw_app.store.errors import StoreRefusal
from msw_app.store.tables import variants
from planner.schema import Scenario


@dataclass(frozen=True)
class SavedVariant:
    """One saved variant as read back from the store."""

    id: str
    slot: str
    name: str
    author: str
    lang: str
    origin: str
    content_hash: str
    created_at: datetime
    updated_at: datetime
    scenario_json: str
    start_json: str
    edits: dict[str, Any]

    def scenario(self) -> Scenario:
        """The saved (validated) scenario, validated again on the way in."""
        return Scenario.model_validate_json(self.scenario_json)

    def start(self) -> Scenario:
        """What the saved edits apply to."""
        return Scenario.model_validate_json(self.start_json)


def _saved(row: Any) -> SavedVariant:
    return SavedVariant(
        id=row.id,
        slot=row.slot,
        name=row.name,
        author=row.author,
        lang=row.lang,
        origin=row.origin,
        content_hash=row.content_hash,
        created_at=keys.as_utc(row.created_at),
        updated_at=keys.as_utc(row.updated_at),
        scenario_json=row.scenario_json,
        start_json=row.start_json,
        edits=json.loads(row.edits_json),
    )


def _checked_json(scenario: Scenario, text: str | None = None) -> str:
    """The scenario's JSON (``text`` when the caller has it already), within the size limit."""
    text = scenario.model_dump_json() if text is None else text
    if len(text.encode("utf-8")) > MAX_SCENARIO_JSON_BYTES:
        raise StoreRefusal("too_large", limit_bytes=MAX_SCENARIO_JSON_BYTES)
    return text


def edits_json(edits: dict[str, Any]) -> str:
    """The edits as the store keeps them (JSON; values it cannot encode as text)."""
    return json.dumps(edits, ensure_ascii=False, default=str)


@dataclass(frozen=True)
class VariantTexts:
    """A variant serialised once: what a save writes and what tells whether it changed."""

    scenario_json: str
    start_json: str
    edits_json: str


def variant_texts(
    scenario: Scenario,
    start: Scenario | None = None,
    edits: dict[str, Any] | None = None,
    *,
    start_json: str | None = None,
) -> VariantTexts:
    """The texts of a variant: each scenario serialised once (the start not at all when it is
    the scenario itself or ``start_json`` is given).

    Raises
    ------
    StoreRefusal
        ``too_large`` when a scenario's JSON exceeds the size limit.
    """
    text = _checked_json(scenario)
    if start is None or start is scenario:
        start_text = text
    else:
        start_text = _checked_json(start, start_json)
    return VariantTexts(text, start_text, edits_json(edits or {}))


def _row_values(
    texts: VariantTexts, *, name: str, author: str, lang: str, origin: str
) -> dict[str, Any]:
    return {
        "name": name[:200],
        "author": author.strip()[:MAX_DISPLAY_NAME_CHARS],
        "lang": lang[:8],
        "origin": origin[:64],
        "scenario_json": texts.scenario_json,
        "start_json": texts.start_json,
        "edits_json": texts.edits_json,
        "content_hash": keys.content_hash_of_json(texts.scenario_json),
    }


def _by_slot(conn: Connection, owner_hash: str, slot: str) -> Any:
    where = and_(variants.c.owner_hash == owner_hash, variants.c.slot == slot)
    return conn.execute(select(variants).where(where).with_for_update()).first()


def _same_content(conn: Connection, owner_hash: str, name: str, digest: str) -> Any:
    where = and_(
        variants.c.owner_hash == owner_hash,
        variants.c.name == name,
        variants.c.content_hash == digest,
    )
    return conn.execute(select(variants.c.id).where(where).limit(1)).first()


def save_variant(
    store: Store,
    owner_key: str,
    slot: str,
    scenario: Scenario,
    *,
    start: Scenario | None = None,
    edits: dict[str, Any] | None = None,
    name: str = "",
    author: str = "",
    lang: str = "ru",
    origin: str = "",
    texts: VariantTexts | None = None,
) -> str:
    """Save the workspace's variant in ``slot`` (insert or update); returns its id.

    ``name`` defaults to the scenario's name in ``lang``.  A new slot whose content and name
    equal another variant of the workspace returns that variant's id and stores nothing.
    ``texts``: the variant serialised by :func:`variant_texts` already (of these same
    ``scenario``, ``start`` and ``edits``), so that a save serialises nothing twice.

    Raises
    ------
    StoreRefusal
        ``too_large`` when the scenario's JSON exceeds the size limit.
    """
    owner_hash = keys.key_hash(owner_key)
    name = name or str(getattr(scenario.name, lang, "") or scenario.name.en)
    texts = texts or variant_texts(scenario, start, edits)
    values = _row_values(texts, name=name, author=author, lang=lang, origin=origin)
    for attempt in range(2):  # a concurrent first save of the same slot: update it instead
        try:
            with store.write() as conn:
                return _upsert(conn, owner_hash, slot, values)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _upsert(conn: Connection, owner_hash: str, slot: str, values: dict[str, Any]) -> str:
    row = _by_slot(conn, owner_hash, slot)
    moment = keys.now()
    if row is not None:
        changed = any(getattr(row, k) != v for k, v in values.items())
        if changed:
            conn.execute(
                update(variants).where(variants.c.id == row.id).values(**values, updated_at=moment)
            )
        return row.id
    same = _same_content(conn, owner_hash, values["name"], values["content_hash"])
    if same is not None:
        return same.id
    ident = keys.new_id()
    conn.execute(
        insert(variants).values(
            id=ident, owner_hash=owner_hash, slot=slot, created_at=moment, updated_at=moment,
            **values,
        )
    )  # fmt: skip
    return ident


def load_variant(store: Store, variant_id: str) -> SavedVariant | None:
    """The saved variant with this id, or ``None`` (unknown id)."""
    with store.read() as conn:
        row = conn.execute(select(variants).where(variants.c.id == str(variant_id))).first()
    return _saved(row) if row is not None else None


def is_owner(store: Store, owner_key: str, variant_id: str) -> bool:
    """Whether the workspace of ``owner_key`` owns the saved variant ``variant_id``."""
    with store.read() as conn:
        owner = conn.execute(
            select(variants.c.owner_hash).where(variants.c.id == str(variant_id))
        ).scalar()
    return owner is not None and keys.same_hash(owner, owner_key)


def workspace_variants(store: Store, owner_key: str) -> list[SavedVariant]:
    """The workspace's saved variants, least recently updated first (the last one is the
    variant the user was editing)."""
    query = (
        select(variants)
        .where(variants.c.owner_hash == keys.key_hash(owner_key))
        .order_by(variants.c.updated_at, variants.c.created_at)
    )
    with store.read() as conn:
        return [_saved(row) for row in conn.execute(query)]


def delete_variant(store: Store, owner_key: str, slot: str) -> bool:
    """Delete the workspace's variant in ``slot``; whether there was one."""
    where = and_(variants.c.owner_hash == keys.key_hash(owner_key), variants.c.slot == slot)
    with store.write() as conn:
        return conn.execute(delete(variants).where(where)).rowcount > 0
