"""Seminar page: participants join a room by its code and send their variant; the facilitator
opens a room and watches the board (``msw_app/room_board.py``)."""

from __future__ import annotations

import streamlit as st

from msw_app import i18n, persist, room_board, state, store
from msw_app import room_session as rs
from msw_app.guard import guarded_callback
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang
from msw_app.store import StoreRefusal

W_JOIN_CODE = "w_room_join_code"
W_JOIN_NAME = "w_room_join_name"
W_OPEN_TITLE = "w_room_open_title"
W_MANAGE_CODE = "w_room_manage_code"
W_MANAGE_KEY = "w_room_manage_key"


@guarded_callback
def _join(db: store.Store) -> None:
    code = store.normalise_room_code(st.session_state.get(W_JOIN_CODE, ""))
    name = st.session_state.get(W_JOIN_NAME, "")
    try:
        store.join_room(db, code, persist.workspace_key(), name)
    except StoreRefusal as exc:
        rs.say_refusal(exc)
        return
    rs.set_room(code)
    st.session_state[persist.KEY_AUTHOR] = store.rooms.clean_label(name)
    rs.say("success", "room.joined", code=code)


@guarded_callback
def _send(db: store.Store, code: str) -> None:
    rs.send_current(db, code)


@guarded_callback
def _withdraw(db: store.Store, code: str, submission_id: str) -> None:
    store.withdraw(db, code, persist.workspace_key(), submission_id)


@guarded_callback
def _open(db: store.Store) -> None:
    title = st.session_state.get(W_OPEN_TITLE, "")
    opened = store.open_room(db, title, owner_key=persist.workspace_key())
    code = opened.room.code
    rs.remember_key(code, opened.facilitator_key)
    st.session_state[rs.KEY_SHOW_ONCE] = (code, opened.facilitator_key)
    rs.set_room(code)


@guarded_callback
def _manage(db: store.Store) -> None:
    code = store.normalise_room_code(st.session_state.get(W_MANAGE_CODE, ""))
    key = str(st.session_state.get(W_MANAGE_KEY, "")).strip()
    if not store.is_facilitator(db, code, key=key):
        rs.say("error", "store.error.not_facilitator")
        return
    rs.remember_key(code, key)
    rs.set_room(code)


def participant_section(db: store.Store, code: str, lang: str) -> None:
    """Join a room, send the variant in focus, see (and withdraw) one's own submissions."""
    me = store.participant(db, code, persist.workspace_key()) if code else None
    if me is None:
        if code and W_JOIN_CODE not in st.session_state:
            st.session_state[W_JOIN_CODE] = code
        with st.form("room_join"):
            st.text_input(i18n.t("room.code", lang), key=W_JOIN_CODE, max_chars=12)
            st.text_input(
                i18n.t("room.display_name", lang),
                key=W_JOIN_NAME,
                max_chars=store.config.MAX_DISPLAY_NAME_CHARS,
                help=i18n.t("room.display_name_help", lang),
            )
            st.form_submit_button(i18n.t("room.join", lang), on_click=_join, args=(db,))
        return
    st.markdown(i18n.t("room.you_are", lang, code=code, name=plain_md(me[1])))
    name = plain_md(state.label(state.current_id(), lang))
    st.button(
        i18n.t("room.send", lang, name=name),
        type="primary",
        on_click=_send,
        args=(db, code),
        key="room_send",
    )
    mine = store.own_submissions(db, code, persist.workspace_key())
    if mine:
        st.subheader(i18n.t("room.mine", lang))
    for n, sub in enumerate(mine):
        left, right = st.columns([4, 1])
        left.text(i18n.name(sub.scenario().name, lang))
        right.button(
            i18n.t("room.withdraw", lang),
            key=f"room_withdraw_{n}",
            on_click=_withdraw,
            args=(db, code, sub.id),
        )
    st.button(i18n.t("room.leave", lang), on_click=guarded_callback(rs.leave_room))


def facilitator_entry(db: store.Store, lang: str) -> None:
    """Open a new room, or manage an existing one with its facilitator key."""
    with st.form("room_open"):
        st.text_input(
            i18n.t("room.title_input", lang),
            key=W_OPEN_TITLE,
            max_chars=store.config.MAX_TITLE_CHARS,
        )
        st.form_submit_button(i18n.t("room.open", lang), on_click=_open, args=(db,))
    with st.expander(i18n.t("room.manage", lang)):
        with st.form("room_manage"):
            st.text_input(i18n.t("room.code", lang), key=W_MANAGE_CODE, max_chars=12)
            st.text_input(i18n.t("room.key", lang), key=W_MANAGE_KEY, type="password")
            st.form_submit_button(i18n.t("room.manage_go", lang), on_click=_manage, args=(db,))


def show_key_once(lang: str) -> None:
    """The facilitator key of the room just opened: shown on this run only."""
    once = st.session_state.pop(rs.KEY_SHOW_ONCE, None)
    if once:
        code, key = once
        st.success(i18n.t("room.opened", lang, code=code))
        st.warning(i18n.t("room.key_once", lang))
        st.code(key, language=None)


def main() -> None:
    """Draw the page."""
    lang = current_lang()
    st.title(i18n.t("room.page_title", lang))
    st.caption(i18n.t("room.intro", lang))
    db = persist.get_store()
    if db is None:
        st.error(i18n.t("store.error.unavailable", lang))
        return
    code = rs.room_code()
    rs.show_message(lang)
    show_key_once(lang)
    room = store.get_room(db, code) if code else None
    if code and room is None:
        st.warning(i18n.t("store.error.no_room", lang, code=plain_md(code)))
        rs.leave_room()
        code = ""
    if room is not None and rs.is_facilitator(db, code):
        room_board.facilitator_view(db, room, lang)
        return
    participant_tab, facilitator_tab = st.tabs(
        [i18n.t("room.tab.participant", lang), i18n.t("room.tab.facilitator", lang)]
    )
    with participant_tab:
        if room is not None and not room.is_open:
            st.info(i18n.t("store.error.room_closed", lang, code=code))
        participant_section(db, code, lang)
    with facilitator_tab:
        facilitator_entry(db, lang)


main()
