"""AppTest of the Seminar page and of saved variants: a facilitator opens a room, a
participant joins and sends, the board shows it, pin/hide/close, a participant cannot touch
another's submission; a reload brings the variant back; ``?scenario=`` opens a variant
read-only and an edit copies it; re-uploading a variant makes no duplicate."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from msw_app import store
from tests.app_session import APP

ROOM_PAGE = "msw_app/page_room.py"


def _db() -> store.Store:
    """The store the app in this process uses (the test data folder, see conftest)."""
    return store.open_store(store.database_url())


def _session(page: str | None = None, lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [str(d.value) for d in at.dataframe]
    parts += [s.value for s in at.subheader] + [h.value for h in at.header]
    return "\n".join(parts)


def _open_room(title: str = "Semey seminar") -> tuple[AppTest, str, str]:
    facilitator = _session(ROOM_PAGE)
    facilitator.text_input(key="w_room_open_title").input(title)
    _button(facilitator, "Open a room").click().run()
    assert not facilitator.exception, facilitator.exception
    code = facilitator.query_params["room"]
    key = facilitator.code[0].value  # the facilitator key, shown once
    assert len(code) == 6 and len(key) >= 32
    assert store.is_facilitator(_db(), code, key=key)
    return facilitator, code, key


def _join(code: str, name: str, **params: str) -> AppTest:
    participant = _session(ROOM_PAGE, room=code, **params)
    assert participant.text_input(key="w_room_join_code").value == code
    participant.text_input(key="w_room_join_name").input(name)
    _button(participant, "Join the room").click().run()
    assert not participant.exception, participant.exception
    return participant


def test_room_flow_open_join_send_board_pin_hide_close() -> None:
    facilitator, code, key = _open_room()
    assert any("shown this once" in w.value for w in facilitator.warning)
    assert "Board of room " + code in _texts(facilitator)
    assert facilitator.code[0].value == key
    facilitator.run()  # the key is not shown again
    assert all(c.value != key for c in facilitator.code)

    participant = _join(code, "Group *7* <b>")
    send = _button(participant, "Send to the room: Announced projects")
    send.click().run()
    assert any("on the board" in s.value for s in participant.success)
    (sent,) = store.board(_db(), code)
    assert sent.display_name == "Group *7* <b>"
    _button(participant, "Send to the room: Announced projects").click().run()
    assert any("already on the board" in i.value for i in participant.info)
    assert len(store.board(_db(), code)) == 1

    facilitator.run()
    board = _texts(facilitator)
    assert "1 variant" in board and "Group \\*7\\* \\<b\\>" in board  # plain text
    table = facilitator.dataframe[0].value
    assert list(table["Participant"]) == ["Group *7* <b>"]
    assert "Abai region: processing share 2030" in table.columns
    assert "Ulytau region: 2030 target" in table.columns
    _button(facilitator, "Pin").click().run()
    assert store.board(_db(), code)[0].pinned
    _button(facilitator, "Hide").click().run()
    assert store.board(_db(), code)[0].hidden
    assert "0 variants" in _texts(facilitator)  # hidden ones are off the board by default
    _button(facilitator, "Close the room").click().run()
    assert not store.get_room(_db(), code).is_open

    participant.run()
    _button(participant, "Send to the room: Announced projects").click().run()
    assert any("is closed" in e.value for e in participant.error)


def test_participant_has_no_control_over_others_submissions() -> None:
    _, code, _ = _open_room()
    first = _join(code, "A")
    _button(first, "Send to the room: Announced projects").click().run()
    second = _join(code, "B")
    assert not [b for b in second.button if b.label in ("Pin", "Hide", "Withdraw")]
    assert "Board of room" not in _texts(second)
    (theirs,) = store.board(_db(), code)
    second_key = second.query_params["ws"]
    assert not store.withdraw(_db(), code, second_key, theirs.id)
    try:
        store.set_flags(_db(), code, theirs.id, hidden=True, owner_key=second_key)
    except store.StoreRefusal as exc:
        assert exc.key == "not_facilitator"
    else:  # pragma: no cover - the store must refuse
        raise AssertionError("a participant hid another's submission")
    assert not store.board(_db(), code)[0].hidden
    _button(first, "Withdraw").click().run()
    assert store.board(_db(), code) == []


def test_facilitator_board_reopens_with_the_key_from_another_session() -> None:
    _, code, key = _open_room()
    other = _session(ROOM_PAGE)
    other.text_input(key="w_room_manage_code").input(code.lower())
    other.text_input(key="w_room_manage_key").input(key)
    _button(other, "Open the board").click().run()
    assert "Board of room " + code in _texts(other)
    stranger = _session(ROOM_PAGE)
    stranger.text_input(key="w_room_manage_code").input(code)
    stranger.text_input(key="w_room_manage_key").input("not-the-key")
    _button(stranger, "Open the board").click().run()
    assert any("does not match" in e.value for e in stranger.error)


def _edit_plastics(at: AppTest) -> float:
    at.switch_page("msw_app/page_assumptions.py").run()
    slider = next(s for s in at.select_slider if "Plastics" in s.label)
    value = slider.value + 0.05
    slider.set_value(value).run()
    assert not at.exception, at.exception
    return value


def test_a_reload_brings_back_the_variant_being_edited() -> None:
    first = _session()
    value = _edit_plastics(first)
    workspace = first.query_params["ws"]
    current = first.session_state["msw_current"]
    assert current == "announced_mine"
    reloaded = _session(ws=workspace)  # the same URL in a new session (reload, restart)
    assert reloaded.session_state["msw_current"] == current
    variant = reloaded.session_state["msw_variants"][current]
    assert variant.edits and abs(list(variant.edits.values())[-1] - value) < 1e-9
    fresh = _session()  # another browser: only the presets
    assert fresh.session_state["msw_current"] == "announced"
    assert fresh.query_params["ws"] != workspace


def test_a_link_opens_read_only_and_an_edit_makes_a_copy() -> None:
    owner = _session()
    _edit_plastics(owner)
    link = owner.session_state["msw_saved_ids"]["announced_mine"]
    assert any(link in c.value for c in owner.code)  # the copy-link box in the sidebar
    saved = store.load_variant(_db(), link)

    visitor = _session(scenario=link)
    shared_id = visitor.session_state["msw_current"]
    assert shared_id.startswith("shared_")
    assert visitor.query_params["scenario"] == link
    assert any("read-only" in c.value for c in visitor.caption)
    _edit_plastics(visitor)
    assert visitor.session_state["msw_current"] == shared_id + "_mine"
    assert "scenario" not in visitor.query_params
    after = store.load_variant(_db(), link)
    assert after.content_hash == saved.content_hash  # the owner's variant is unchanged
    mine = visitor.session_state["msw_saved_ids"][shared_id + "_mine"]
    assert mine != link and store.is_owner(_db(), visitor.query_params["ws"], mine)


def test_uploading_a_downloaded_variant_again_makes_no_duplicate() -> None:
    import planner

    at = _session()
    _edit_plastics(at)
    variant = at.session_state["msw_variants"]["announced_mine"]
    data = planner.scenario_json(variant.current()).encode("utf-8")
    at.switch_page("msw_app/page_data.py").run()
    for _ in range(2):  # the downloaded file uploaded twice
        at.file_uploader(key="w_upload").set_value(("mine.json", data, "application/json")).run()
        assert not at.exception, at.exception
    assert list(at.session_state["msw_variants"]) == ["announced_mine"]
    assert at.session_state["msw_current"] == "announced_mine"
    assert len(store.workspace_variants(_db(), at.query_params["ws"])) == 1
    other = planner.load_presets()["bau"]
    at.file_uploader(key="w_upload").set_value(
        ("bau.json", planner.scenario_json(other).encode(), "application/json")
    ).run()
    assert len(at.session_state["msw_variants"]) == 2  # other content: a variant of its own


def test_compare_the_pinned_ones_opens_compare_with_them() -> None:
    facilitator, code, _ = _open_room()
    _button(facilitator, "Compare the pinned ones").click().run()
    assert any("Pin variants" in i.value for i in facilitator.info)  # nothing pinned yet
    for name in ("A", "B"):
        participant = _join(code, name)
        if name == "B":
            participant.switch_page("msw_app/page_overview.py").run()
            participant.selectbox[1].set_value("bau").run()  # another scenario in focus
            participant.switch_page(ROOM_PAGE).run()
        sends = [b for b in participant.button if b.label.startswith("Send to the room")]
        sends[0].click().run()
    facilitator.run()
    while [b for b in facilitator.button if b.label == "Pin"]:
        _button(facilitator, "Pin").click().run()
    assert all(s.pinned for s in store.board(_db(), code))
    _button(facilitator, "Compare the pinned ones").click().run()
    assert not facilitator.exception, facilitator.exception
    assert facilitator.title[0].value == "Compare scenarios"
    picked = facilitator.session_state["msw_compare"]
    assert len(picked) == 2 and all(p.startswith("room_") for p in picked)
    names = {facilitator.session_state["msw_shared"][p].name.en for p in picked}
    assert names == {"A: Announced projects", "B: Business as usual"}
