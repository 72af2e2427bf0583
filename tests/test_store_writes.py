"""A save serialises the variant once and writes once per change; nothing changed, nothing
written (issue #14: a rerun must be cheap), on embedded SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json

from msw_app import store
from msw_app.store import keys
from tests.conftest import BACKENDS
from tests.store_cases import named

WS = "workspace-key-of-browser-a-0123456789"


def _old_canonical(scenario) -> str:
    """The canonical content as the store has always computed it (rows written before keep
    their hashes, so a re-upload still finds its twin)."""
    data = json.loads(scenario.model_dump_json(exclude={"id"}))
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_the_hash_from_the_json_is_the_hash_of_the_scenario() -> None:
    for scenario in (named(1), named(2, ident="other_id")):
        old = hashlib.sha256(_old_canonical(scenario).encode("utf-8")).hexdigest()
        assert keys.content_hash(scenario) == old
        assert keys.content_hash_of_json(scenario.model_dump_json()) == old
        assert keys.canonical_content(scenario) == _old_canonical(scenario)
    assert keys.content_hash(named(1)) == keys.content_hash(named(1, ident="renamed"))


def test_variant_texts_serialise_each_scenario_once(monkeypatch) -> None:
    scenario, start = named(1), named(2)
    calls: list[str] = []
    original = type(scenario).model_dump_json

    def counting(self, *args, **kwargs):
        calls.append(self.id)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(scenario), "model_dump_json", counting)
    texts = store.variant_texts(scenario, scenario, {"levers.x": 1})
    assert len(calls) == 1 and texts.start_json == texts.scenario_json
    calls.clear()
    again = store.variant_texts(scenario, start, {}, start_json=texts.start_json)
    assert len(calls) == 1 and again.start_json == texts.start_json  # the start's text reused
    calls.clear()
    store.variant_texts(scenario, start)
    assert len(calls) == 2
    assert json.loads(texts.edits_json) == {"levers.x": 1}


@BACKENDS
def test_one_write_transaction_per_save_and_the_same_save_changes_nothing(
    database_url: str,
) -> None:
    db = store.open_store(database_url)
    before = db.writes
    ident = store.save_variant(db, WS, "slot", named(1), edits={"levers.x": 1})
    assert db.writes == before + 1
    first = store.load_variant(db, ident)
    assert store.save_variant(db, WS, "slot", named(1), edits={"levers.x": 1}) == ident
    assert db.writes == before + 2  # the store checks the row in one transaction...
    assert store.load_variant(db, ident).updated_at == first.updated_at  # ...and keeps it
    texts = store.variant_texts(named(3), named(1), {"levers.x": 3})
    store.save_variant(db, WS, "slot", named(3), start=named(1), edits={"levers.x": 3}, texts=texts)
    saved = store.load_variant(db, ident)
    assert db.writes == before + 3
    assert saved.scenario() == named(3) and saved.edits == {"levers.x": 3}
    assert saved.content_hash == keys.content_hash(named(3))
    assert saved.updated_at >= first.updated_at
    db.close()
