"""The facilitator's view of a room: code and QR code for phones, the live board (cards and
a sortable table, refreshed every few seconds by ``st.fragment(run_every=...)``), pin, hide,
close, "compare the pinned ones" and the ZIP export.  Every participant's text is shown as
plain text (:mod:`msw_app.safe_text`; tables show text as it is)."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from typing import Any

import pandas as pd
import streamlit as st

from msw_app import compute, i18n, persist, state, store, turns
from msw_app import room_session as rs
from msw_app.guard import guarded_callback, guarded_fragment
from msw_app.registry import PAGES
from msw_app.safe_text import plain_md
from msw_app.views import room as views
from planner.schema import Names, Scenario

BOARD_REFRESH_S = 3
"""Seconds between two refreshes of the board."""
RANGE_BUDGET_S = 1.0
"""Time a refresh of the board may spend on computing new submissions' ranges [s], after it
has drawn them (the rest follow in the next refreshes: thirty submissions at once do not
stall the board)."""
RANGE_CACHE_ENTRIES = 4096
"""Submissions whose ranges the process keeps (a few hundred bytes each)."""
KEY_PARSED = "msw_room_parsed"
"""Content hash → parsed scenario (a refresh parses only new submissions)."""
W_SORT = "w_room_sort"
W_DESCENDING = "w_room_descending"
W_SHOW_HIDDEN = "w_room_show_hidden"
W_CLEAR_CONFIRM = "w_room_clear_confirm"
COMPARE_MAX = 4
"""The Compare page shows at most four scenarios."""


def join_url(code: str, lang: str) -> str:
    """The address participants open (the QR code): the Seminar page with the room code."""
    spec = next(p for p in PAGES if p.file == "page_room.py")
    return f"{persist.base_url()}/{spec.url_path}?{rs.QP_ROOM}={code}&lang={lang}"


def qr_png(text: str) -> bytes:
    """A QR code of ``text`` as PNG bytes."""
    import qrcode

    image = qrcode.make(text, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def entries(db: store.Store, code: str, include_hidden: bool) -> list[views.Entry]:
    """The room's submissions as board entries (each scenario parsed once per session)."""
    parsed: dict[str, Scenario] = st.session_state.setdefault(KEY_PARSED, {})
    found = []
    for sub in store.board(db, code, include_hidden=include_hidden):
        if sub.content_hash not in parsed:
            parsed[sub.content_hash] = sub.scenario()
        found.append(
            views.Entry(
                submission_id=sub.id, display_name=sub.display_name,
                scenario=parsed[sub.content_hash], created_at=sub.created_at,
                pinned=sub.pinned, hidden=sub.hidden, content_hash=sub.content_hash,
            )
        )  # fmt: skip
    return found


def _digest(entry: views.Entry) -> str:
    return entry.content_hash or store.content_hash(entry.scenario)


_RANGES: dict[str, dict[str, float]] = {}
"""Content hash → the submission's ranges, shared by every session of the process (a plain
store of results, not a Streamlit cache: the board must know which ones are missing to
compute them within its budget; bounded by :data:`RANGE_CACHE_ENTRIES`)."""


def _range_cache() -> dict[str, dict[str, float]]:
    """The process's ranges by content hash (:data:`_RANGES`)."""
    return _RANGES


_RANGE_LOCK = threading.Lock()


def cached_ranges(digest: str) -> dict[str, float] | None:
    """The ranges of the submission with this content hash, when computed already."""
    return _range_cache().get(digest)


def ranges_of(found: list[views.Entry], budget_s: float | None) -> list[dict[str, float] | None]:
    """Each entry's ranges (:func:`msw_app.views.room.submission_ranges`), computed once per
    content hash for the process: the missing ones are computed in this run while it has
    spent less than ``budget_s`` [s] on them (at least one; ``None``: all), the others stay
    ``None`` until a later refresh."""
    cache, out = _range_cache(), []
    started = time.perf_counter()
    computed = 0
    for entry in found:
        digest = _digest(entry)
        ranges = cache.get(digest)
        within = budget_s is None or not computed or time.perf_counter() - started < budget_s
        if ranges is None and within:
            with turns.step_aside():  # ~0.1–0.3 s of draws: the room's runs go on
                ranges = views.submission_ranges(entry.scenario)
            computed += 1
            with _RANGE_LOCK:
                while len(cache) >= RANGE_CACHE_ENTRIES:
                    cache.pop(next(iter(cache)))
                cache[digest] = ranges
        out.append(ranges)
    return out


def rows_of(found: list[views.Entry], lang: str) -> list[dict[str, Any]]:
    """Board rows of the entries (KPIs cached by content hash; the ranges computed so far,
    see :func:`ranges_of`)."""
    ranges = [cached_ranges(_digest(e)) for e in found]
    return [
        views.board_row(e, compute.submission_kpis(_digest(e), e.scenario), lang, r)
        for e, r in zip(found, ranges, strict=True)
    ]


def export_zip(db: store.Store, code: str) -> bytes:
    """The room's ZIP (:func:`msw_app.views.room.export_zip`) with the board's ranges (the
    missing ones computed now)."""
    found = entries(db, code, True)
    return views.export_zip(code, found, ranges_of(found, None))


def column_label(key: str, regions: dict[str, str], lang: str) -> str:
    """The header of a board column in ``lang``."""
    if ":" in key:
        kind, region = key.split(":", 1)
        return i18n.t(f"room.col.{kind}", lang, region=regions.get(region, region))
    return i18n.t(f"room.col.{key}", lang)


def board_frame(rows: list[dict[str, Any]], regions: dict[str, str], lang: str) -> pd.DataFrame:
    """The board's table: one row per submission, formatted for ``lang``."""
    shown = []
    for row in rows:
        out = {}
        for key in views.sort_columns(rows):
            value = row.get(key)
            out[column_label(key, regions, lang)] = _format(key, value, lang)
        out[i18n.t("room.col.pinned", lang)] = "📌" if row["pinned"] else ""
        shown.append(out)
    return pd.DataFrame(shown)


def _format(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    kind = key.split(":", 1)[0]
    if kind in ("processing_share", "recycling_rate", *views.RANGE_COLUMNS):
        return i18n.percent(value, lang)
    if kind == "target_met":
        return i18n.t("room.met" if value else "room.not_met", lang)
    if kind == "created_at":
        return value.strftime("%H:%M:%S")
    if kind == "npv_cost_kzt":
        return i18n.money_mln(value, lang)
    if kind == "levelised_cost_kzt_per_t":
        return i18n.tenge(value, lang)
    if kind == "ch4_landfill_t":
        return i18n.quantity(value, "t CH4", lang)
    return str(value)


@guarded_callback
def _flag(db: store.Store, code: str, submission_id: str, **flags: bool) -> None:
    store.set_flags(db, code, submission_id, **flags, **rs.credentials(code))


def card(db: store.Store, code: str, row: dict[str, Any], regions: dict[str, str], lang: str):
    """One submission as a card: name, who sent it, the figures, pin and hide."""
    with st.container(border=True):
        pin = "📌 " if row["pinned"] else ""
        st.markdown(f"{pin}**{plain_md(row['name'])}**")
        st.caption(plain_md(row["participant"]) + " · " + row["created_at"].strftime("%H:%M"))
        lines = [
            f"{column_label(k, regions, lang)}: {_format(k, row.get(k), lang)}"
            for k in views.sort_columns([row])[3:]
        ]
        st.text("\n".join(lines))
        left, right = st.columns(2)
        sid = row["submission_id"]
        left.button(
            i18n.t("room.unpin" if row["pinned"] else "room.pin", lang),
            key=f"room_pin_{sid}",
            on_click=_flag,
            args=(db, code, sid),
            kwargs={"pinned": not row["pinned"]},
        )
        right.button(
            i18n.t("room.show" if row["hidden"] else "room.hide", lang),
            key=f"room_hide_{sid}",
            on_click=_flag,
            args=(db, code, sid),
            kwargs={"hidden": not row["hidden"]},
        )


@st.fragment(run_every=BOARD_REFRESH_S)
@guarded_fragment
def live_board(db: store.Store, code: str, lang: str) -> None:
    """The board: re-read from the store every :data:`BOARD_REFRESH_S` seconds."""
    found = entries(db, code, st.session_state.get(W_SHOW_HIDDEN, False))
    rows = rows_of(found, lang)
    regions = views.region_names_of(found, lang)
    st.subheader(i18n.plural("room.count", len(rows), lang, n=len(rows)))
    if not rows:
        st.info(i18n.t("room.empty", lang))
        return
    keys = views.sort_columns(rows)
    left, mid, right = st.columns([3, 1, 1])
    sort_key = left.selectbox(
        i18n.t("room.sort_by", lang),
        keys,
        format_func=lambda k: column_label(k, regions, lang),
        key=W_SORT,
    )
    descending = mid.toggle(i18n.t("room.descending", lang), key=W_DESCENDING)
    right.toggle(i18n.t("room.show_hidden", lang), key=W_SHOW_HIDDEN)
    ordered = views.sorted_rows(rows, sort_key or "created_at", descending)
    st.dataframe(board_frame(ordered, regions, lang), hide_index=True, width="stretch")
    pending = sum(1 for row in rows if _ranges_pending(row))
    st.caption(
        i18n.t("room.ranges_note", lang, draws=views.RANGE_DRAWS, seed=views.RANGE_SEED)
        + (" " + i18n.t("room.ranges_pending", lang, n=pending) if pending else "")
    )
    columns = st.columns(3)
    for n, row in enumerate(ordered):
        with columns[n % 3]:
            card(db, code, row, regions, lang)
    if pending:  # after drawing: a new submission is on the board at once, its ranges next
        ranges_of(found, RANGE_BUDGET_S)


def _ranges_pending(row: dict[str, Any]) -> bool:
    """Whether a row's ranges are still to be computed (all its range cells empty)."""
    cells = [v for k, v in row.items() if k.split(":", 1)[0] in views.RANGE_COLUMNS]
    return bool(cells) and all(v is None for v in cells)


def shared_id(submission_id: str) -> str:
    """Session id of a submission opened in this session (Compare)."""
    return "room_" + hashlib.sha256(submission_id.encode("utf-8")).hexdigest()[:10]


def compare_pinned(db: store.Store, code: str) -> list[str]:
    """Open the pinned submissions (at most four) as linked scenarios and select them for
    Compare; returns their session ids."""
    pinned = [e for e in entries(db, code, True) if e.pinned][:COMPARE_MAX]
    ids = []
    for entry in pinned:
        names = Names(
            **{
                lang: state.fit_name(
                    f"{entry.display_name}: {i18n.name(entry.scenario.name, lang)}"
                )
                for lang in i18n.LANGS
            }
        )
        ident = shared_id(entry.submission_id)
        state.add_shared(ident, entry.scenario, names)
        ids.append(ident)
    state.set_compare(ids)
    return ids


def facilitator_view(db: store.Store, room: store.Room, lang: str) -> None:
    """Everything the facilitator sees for ``room``."""
    code = room.code
    st.header(i18n.t("room.board_title", lang, code=code))
    if room.title:
        st.markdown(plain_md(room.title))
    url = join_url(code, lang)
    left, right = st.columns([1, 2])
    left.image(qr_png(url), width=220)
    with right:
        st.caption(i18n.t("room.join_at", lang))
        st.code(url, language=None, wrap_lines=True)
        if "localhost" in url or "127.0.0.1" in url:
            st.caption(i18n.t("room.localhost_note", lang))
        if not room.is_open:
            st.warning(i18n.t("room.closed_note", lang))
    live_board(db, code, lang)
    controls(db, room, lang)


def controls(db: store.Store, room: store.Room, lang: str) -> None:
    """Compare the pinned ones, export, close or reopen, clear, leave."""
    code = room.code
    a, b, c, d = st.columns(4)
    if a.button(i18n.t("room.compare_pinned", lang), key="room_compare"):
        if compare_pinned(db, code):
            page = next(p.file for p in PAGES if p.url_path == "compare")
            st.switch_page(f"msw_app/{page}", query_params={"lang": lang})
        rs.say("info", "room.nothing_pinned")
        st.rerun()
    b.download_button(
        i18n.t("room.export", lang),
        data=lambda: export_zip(db, code),
        file_name=f"room_{code.lower()}.zip",
        mime="application/zip",
        key="room_export",
    )
    if room.is_open:
        c.button(
            i18n.t("room.close", lang),
            key="room_close",
            on_click=guarded_callback(store.close_room),
            args=(db, code),
            kwargs=rs.credentials(code),
        )
    else:
        c.button(
            i18n.t("room.reopen", lang),
            key="room_reopen",
            on_click=guarded_callback(store.reopen_room),
            args=(db, code),
            kwargs=rs.credentials(code),
        )
    d.button(
        i18n.t("room.leave_board", lang), key="room_leave", on_click=guarded_callback(rs.leave_room)
    )
    with st.expander(i18n.t("room.clear", lang)):
        st.checkbox(i18n.t("room.clear_confirm", lang), key=W_CLEAR_CONFIRM)
        if st.button(
            i18n.t("room.clear_go", lang),
            key="room_clear",
            disabled=not st.session_state.get(W_CLEAR_CONFIRM),
        ):
            store.clear_room(db, code, **rs.credentials(code))
            rs.say("success", "room.cleared")
            st.rerun()
