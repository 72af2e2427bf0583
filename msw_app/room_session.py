"""The seminar room in this browser session: which room, as whom, with which keys.

Shared by the Seminar page and its board (``msw_app/page_room.py``, ``msw_app/room_board.py``).
The room code travels in the URL as ``?room=`` (a QR code or a typed link opens the page with
it); the facilitator key of a room opened here stays in the session only, and is shown once.
"""

from __future__ import annotations

import streamlit as st

from msw_app import compute, i18n, persist, state, store
from msw_app.safe_text import plain_md
from msw_app.store import StoreRefusal

QP_ROOM = "room"
"""Query parameter of the room code."""
KEY_CODE = "msw_room_code"
KEY_FAC_KEYS = "msw_room_facilitator_keys"
"""Room code → facilitator key typed or received in this session."""
KEY_SHOW_ONCE = "msw_room_show_key"
"""Room code and key to show once, right after the room was opened."""
KEY_MESSAGE = "msw_room_message"


def room_code() -> str:
    """The room of this session: the one chosen here, else ``?room=`` of the URL."""
    ss = st.session_state
    if not ss.get(KEY_CODE):
        given = store.normalise_room_code(st.query_params.get(QP_ROOM, ""))
        if given:
            ss[KEY_CODE] = given
    code = ss.get(KEY_CODE, "")
    if code and st.query_params.get(QP_ROOM) != code:
        st.query_params[QP_ROOM] = code
    return code


def set_room(code: str) -> None:
    """Make ``code`` the session's room (and the URL's)."""
    st.session_state[KEY_CODE] = store.normalise_room_code(code)
    st.query_params[QP_ROOM] = st.session_state[KEY_CODE]


def leave_room() -> None:
    """Forget the room in this session (the store keeps everything)."""
    st.session_state.pop(KEY_CODE, None)
    if QP_ROOM in st.query_params:
        del st.query_params[QP_ROOM]


def facilitator_key(code: str) -> str:
    """The facilitator key this session holds for ``code`` (empty when none)."""
    return st.session_state.get(KEY_FAC_KEYS, {}).get(code, "")


def remember_key(code: str, key: str) -> None:
    """Keep a facilitator key for the session."""
    st.session_state.setdefault(KEY_FAC_KEYS, {})[code] = key


def credentials(code: str) -> dict[str, str]:
    """Keyword arguments that prove this session facilitates ``code``."""
    return {"key": facilitator_key(code), "owner_key": persist.workspace_key()}


def is_facilitator(db: store.Store, code: str) -> bool:
    """Whether this session may manage room ``code``."""
    return bool(code) and store.is_facilitator(db, code, **credentials(code))


def say(kind: str, key: str, **values: object) -> None:
    """Keep a message (``success``/``info``/``warning``/``error``) for the next run."""
    st.session_state[KEY_MESSAGE] = (kind, key, values)


def say_refusal(exc: StoreRefusal) -> None:
    """Keep the translated reason of a refusal for the next run."""
    say("error", exc.catalog_key, **exc.values)


def show_message(lang: str) -> None:
    """Show (once) the message kept by :func:`say`."""
    kept = st.session_state.pop(KEY_MESSAGE, None)
    if kept:
        kind, key, values = kept
        safe = {k: plain_md(v) for k, v in values.items()}
        getattr(st, kind)(i18n.t(key, lang, **safe))


def send_current(db: store.Store, code: str) -> None:
    """Send the scenario in focus to the room as this session's participant."""
    try:
        sent = store.submit(db, code, persist.workspace_key(), state.current())
    except StoreRefusal as exc:
        say_refusal(exc)
        return
    if sent.created:
        # The board's figures, computed now in the sender's run: the cache is shared by the
        # sessions, so the facilitator's next refresh only reads and draws.
        compute.submission_kpis(sent.submission.content_hash, state.current())
        say("success", "room.sent")
    else:
        say("info", "room.sent_already", name=sent.submission.display_name)
