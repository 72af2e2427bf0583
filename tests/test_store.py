"""The seminar store (``msw_app.store``) on real databases: embedded SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from msw_app import store
from msw_app.store import config, keys, tables
from tests.conftest import BACKENDS
from tests.store_cases import named

WS = "workspace-key-of-browser-a-0123456789"
OTHER = "workspace-key-of-browser-b-0123456789"


def test_data_folder_default_and_override(tmp_path: Path) -> None:
    assert config.data_dir({"HOME": "/h"}).parts[-1] == "msw-planner"
    assert config.data_dir({"XDG_DATA_HOME": "/x"}) == Path("/x/msw-planner")
    assert config.data_dir({config.ENV_DATA_DIR: str(tmp_path)}) == tmp_path
    url = config.database_url({config.ENV_DATA_DIR: str(tmp_path / "new")})
    assert url == f"sqlite:///{tmp_path / 'new' / 'planner.sqlite3'}"
    assert (tmp_path / "new").is_dir()


def test_database_url_names_postgresql_by_env_or_secret(tmp_path: Path) -> None:
    env = {config.ENV_DATA_DIR: str(tmp_path)}
    assert config.database_url(env, secret="postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    named_env = {**env, config.ENV_DATABASE_URL: "postgres://a@b/c"}
    assert config.database_url(named_env, secret="postgresql://u@h/db") == (
        "postgresql+psycopg://a@b/c"
    )
    assert config.normalise_url("sqlite:///x.db") == "sqlite:///x.db"


@BACKENDS
def test_schema_is_created_once_and_versioned(database_url: str) -> None:
    first = store.open_store(database_url)
    again = store.open_store(database_url)  # a second replica: nothing to do
    with again.read() as conn:
        assert tables.stored_version(conn) == tables.SCHEMA_VERSION
        assert conn.execute(select(tables.schema_version)).all() == [(1, tables.SCHEMA_VERSION)]
    with first.write() as conn:
        conn.execute(update(tables.schema_version).values(version=tables.SCHEMA_VERSION + 1))
    with pytest.raises(tables.SchemaTooNew):
        store.open_store(database_url)
    first.close()
    again.close()


@BACKENDS
def test_a_later_version_migrates_step_by_step(database_url: str, monkeypatch) -> None:
    from sqlalchemy import inspect

    store.open_store(database_url).close()  # version 1, with data
    ran: list[int] = []

    def add_note(conn) -> None:
        ran.append(2)
        conn.exec_driver_sql("ALTER TABLE rooms ADD COLUMN note TEXT")

    monkeypatch.setattr(tables, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(tables, "MIGRATIONS", {2: add_note})
    migrated = store.open_store(database_url)
    store.open_store(database_url).close()  # already at 2: the step does not run again
    assert ran == [2]
    with migrated.read() as conn:
        assert tables.stored_version(conn) == 2
        assert "note" in {c["name"] for c in inspect(conn).get_columns("rooms")}
    migrated.close()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    opened = store.open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    with opened.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    assert opened.dialect == "sqlite"


@BACKENDS
def test_variant_saved_with_metadata_and_read_back(database_url: str) -> None:
    db = store.open_store(database_url)
    scenario = named(1)
    ident = store.save_variant(db, WS, "one_mine", scenario, author="Group 3", lang="en")
    saved = store.load_variant(db, ident)
    assert saved is not None
    assert len(ident) >= 16 and ident != store.save_variant(db, WS, "other", named(2))
    assert saved.scenario() == scenario
    assert (saved.name, saved.author, saved.lang, saved.slot) == (
        "Variant 1", "Group 3", "en", "one_mine",
    )  # fmt: skip
    assert saved.content_hash == keys.content_hash(scenario) and len(saved.content_hash) == 64
    assert saved.created_at.tzinfo is not None and saved.updated_at >= saved.created_at
    assert store.load_variant(db, "no-such-id") is None
    db.close()


@BACKENDS
def test_edits_update_the_same_variant_and_keep_its_id(database_url: str) -> None:
    db = store.open_store(database_url)
    ident = store.save_variant(db, WS, "slot", named(1), edits={"levers.x": 1})
    first = store.load_variant(db, ident)
    again = store.save_variant(db, WS, "slot", named(5), start=named(1), edits={"levers.x": 2})
    assert again == ident
    saved = store.load_variant(db, ident)
    assert saved.scenario() == named(5) and saved.start() == named(1)
    assert saved.edits == {"levers.x": 2}
    assert saved.updated_at >= first.updated_at and saved.created_at == first.created_at
    assert [v.id for v in store.workspace_variants(db, WS)] == [ident]
    db.close()


@BACKENDS
def test_same_content_under_the_same_name_is_no_duplicate(database_url: str) -> None:
    db = store.open_store(database_url)
    first = store.save_variant(db, WS, "upload", named(1))
    assert store.save_variant(db, WS, "upload_2", named(1)) == first  # re-uploaded file
    assert store.save_variant(db, WS, "upload_2", named(1, ident="renamed_id")) == first
    assert len(store.workspace_variants(db, WS)) == 1
    assert store.save_variant(db, WS, "upload_3", named(3)) != first  # other content
    assert store.save_variant(db, OTHER, "upload", named(1)) != first  # other browser
    assert len(store.workspace_variants(db, WS)) == 2
    db.close()


@BACKENDS
def test_workspaces_are_separate_and_ordered_by_last_edit(database_url: str) -> None:
    db = store.open_store(database_url)
    a = store.save_variant(db, WS, "a", named("a"))
    b = store.save_variant(db, WS, "b", named("b"))
    store.save_variant(db, WS, "a", named("a2"))  # edited last
    assert [v.id for v in store.workspace_variants(db, WS)] == [b, a]
    assert store.workspace_variants(db, OTHER) == []
    assert store.is_owner(db, WS, a) and not store.is_owner(db, OTHER, a)
    assert not store.is_owner(db, "", a)
    assert store.delete_variant(db, WS, "b") and not store.delete_variant(db, OTHER, "a")
    assert [v.id for v in store.workspace_variants(db, WS)] == [a]
    with db.read() as conn:  # the workspace key itself is never stored
        hashes = set(conn.execute(select(tables.variants.c.owner_hash)).scalars())
    assert hashes == {keys.key_hash(WS)}
    db.close()


def test_too_large_a_variant_is_refused(tmp_path: Path, monkeypatch) -> None:
    from msw_app.store import variants

    db = store.open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    monkeypatch.setattr(variants, "MAX_SCENARIO_JSON_BYTES", 100)
    with pytest.raises(store.StoreRefusal) as info:
        store.save_variant(db, WS, "big", named(1))
    assert info.value.catalog_key == "store.error.too_large"
    assert store.workspace_variants(db, WS) == []


@BACKENDS
def test_room_code_and_facilitator_key_stored_hashed(database_url: str) -> None:
    db = store.open_store(database_url)
    opened = store.open_room(db, "Семинар\nв Семее <b>", owner_key=WS)
    code, key = opened.room.code, opened.facilitator_key
    assert len(code) == 6 and set(code) <= set(keys.ROOM_CODE_ALPHABET)
    assert opened.room.title == "Семинар в Семее <b>" and opened.room.is_open
    assert store.get_room(db, code.lower()[:3] + " " + code.lower()[3:]) == opened.room
    with db.read() as conn:
        row = conn.execute(select(tables.rooms)).one()
    assert key not in str(tuple(row)) and row.facilitator_hash == keys.key_hash(key)
    assert store.is_facilitator(db, code, key=key)
    assert store.is_facilitator(db, code, owner_key=WS)
    assert not store.is_facilitator(db, code, key="guess", owner_key=OTHER)
    assert not store.is_facilitator(db, code)
    assert store.get_room(db, "NOROOM") is None
    db.close()


@BACKENDS
def test_submissions_reach_the_board_once(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db).room.code
    with pytest.raises(store.StoreRefusal, match="not_joined"):
        store.submit(db, code, WS, named(1))
    with pytest.raises(store.StoreRefusal, match="no_name"):
        store.join_room(db, code, WS, " \n\t ")
    me = store.join_room(db, code, WS, "  Group\n1  ")
    assert store.join_room(db, code, WS, "Group 1") == me  # joining again: same participant
    assert store.participant(db, code, WS) == (me, "Group 1")
    sent = store.submit(db, code, WS, named(1))
    assert sent.created and sent.submission.display_name == "Group 1"
    again = store.submit(db, code, WS, named(1, ident="other_id"))  # the same content
    assert not again.created and again.submission.id == sent.submission.id
    store.join_room(db, code, OTHER, "Group 2")
    store.submit(db, code, OTHER, named(2))
    shown = store.board(db, code)
    assert [s.display_name for s in shown] == ["Group 1", "Group 2"]
    assert shown[0].scenario() == named(1)
    assert [s.id for s in store.own_submissions(db, code, OTHER)] == [shown[1].id]
    db.close()


@BACKENDS
def test_only_the_facilitator_pins_hides_and_closes(database_url: str) -> None:
    db = store.open_store(database_url)
    opened = store.open_room(db)
    code, key = opened.room.code, opened.facilitator_key
    store.join_room(db, code, WS, "A")
    first = store.submit(db, code, WS, named(1)).submission
    for credential in ({"owner_key": WS}, {"key": "wrong"}, {}):
        with pytest.raises(store.StoreRefusal, match="not_facilitator"):
            store.set_flags(db, code, first.id, pinned=True, **credential)
        with pytest.raises(store.StoreRefusal, match="not_facilitator"):
            store.close_room(db, code, **credential)
    store.set_flags(db, code, first.id, pinned=True, key=key)
    store.set_flags(db, code, first.id, hidden=True, key=key)
    (shown,) = store.board(db, code)
    assert shown.pinned and shown.hidden
    assert store.board(db, code, include_hidden=False) == []
    store.close_room(db, code, key=key)
    assert not store.get_room(db, code).is_open
    with pytest.raises(store.StoreRefusal, match="room_closed"):
        store.submit(db, code, WS, named(2))
    with pytest.raises(store.StoreRefusal, match="room_closed"):
        store.join_room(db, code, OTHER, "B")
    store.reopen_room(db, code, key=key)
    assert store.submit(db, code, WS, named(2)).created
    assert store.clear_room(db, code, key=key) == 2 and store.board(db, code) == []
    db.close()


@BACKENDS
def test_participants_cannot_remove_others_submissions(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db).room.code
    store.join_room(db, code, WS, "A")
    store.join_room(db, code, OTHER, "B")
    mine = store.submit(db, code, WS, named(1)).submission
    theirs = store.submit(db, code, OTHER, named(2)).submission
    assert not store.withdraw(db, code, WS, theirs.id)
    assert not store.withdraw(db, code, "stranger", theirs.id)
    assert store.withdraw(db, code, WS, mine.id)
    assert [s.id for s in store.board(db, code)] == [theirs.id]
    db.close()


@BACKENDS
def test_room_limits_per_participant_room_and_size(database_url: str) -> None:
    db = store.open_store(database_url)
    code = store.open_room(db, max_per_participant=2, max_submissions=3).room.code
    store.join_room(db, code, WS, "A")
    store.join_room(db, code, OTHER, "B")
    store.submit(db, code, WS, named(1))
    store.submit(db, code, WS, named(2))
    with pytest.raises(store.StoreRefusal) as info:
        store.submit(db, code, WS, named(3))
    assert (info.value.key, info.value.values) == ("limit_participant", {"limit": 2})
    store.submit(db, code, OTHER, named(4))
    with pytest.raises(store.StoreRefusal, match="limit_room"):
        store.submit(db, code, OTHER, named(5))
    small = store.open_room(db, max_bytes=1000).room.code
    store.join_room(db, small, WS, "A")
    with pytest.raises(store.StoreRefusal, match="too_large"):
        store.submit(db, small, WS, named(1))
    assert len(store.board(db, code)) == 3 and store.board(db, small) == []
    long_name = store.join_room(db, small, OTHER, "x" * 500)
    assert store.participant(db, small, OTHER) == (long_name, "x" * config.MAX_DISPLAY_NAME_CHARS)
    db.close()


def test_without_postgresql_the_tests_skip_except_in_ci(monkeypatch) -> None:
    from tests import pg_server
    from tests.conftest import unavailable

    monkeypatch.setattr(pg_server.shutil, "which", lambda name: None)
    monkeypatch.setattr(pg_server.glob, "glob", lambda pattern: [])
    with pytest.raises(FileNotFoundError, match="initdb"):
        pg_server.start_cluster()
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no server"):
        unavailable("no server")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="may not be skipped"):
        unavailable("no server")


def test_debian_postgresql_programs_are_found_by_version(monkeypatch) -> None:
    from tests import pg_server

    found = ["/usr/lib/postgresql/9/bin/initdb", "/usr/lib/postgresql/15/bin/initdb"]
    monkeypatch.setattr(pg_server.shutil, "which", lambda name: None)
    monkeypatch.setattr(pg_server.glob, "glob", lambda pattern: list(found))
    assert pg_server.find_bin("initdb") == "/usr/lib/postgresql/15/bin/initdb"
