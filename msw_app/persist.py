"""Variants that survive a reload and travel by link: the app's side of ``msw_app.store``.

* Each browser has a *workspace key*, kept in the URL as ``?ws=`` (cookie-free: Streamlit can
  read but not set cookies, and query parameters survive a reload; they are re-set on every
  run because a page switch clears them).  Only its hash reaches the store.
* Every change of a variant (:func:`msw_app.state.on_variant_change`) saves it; the first run
  of a session with a known key reads the workspace's variants back and focuses the one
  edited last, so a reload or a server restart loses nothing.
* ``?scenario=<id>`` opens a saved variant: the owner's own, or anyone else's as a read-only
  scenario (an edit makes the visitor's working copy).  While such a scenario is in focus the
  parameter stays in the URL.
* The store is SQLite in the data folder unless ``MSW_PLANNER_DATABASE_URL`` (environment or
  Streamlit secret) names another database.  If it cannot be opened the app still works,
  without saving, and says so once.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

import streamlit as st

from msw_app import compute, i18n, state, store
from msw_app.store import StoreRefusal
from msw_app.store.config import ENV_DATABASE_URL

LOG = logging.getLogger(__name__)

QP_WORKSPACE = "ws"
"""Query parameter of the browser's workspace key."""
QP_SCENARIO = "scenario"
"""Query parameter of a saved variant's id (a link)."""
KEY_WORKSPACE = "msw_workspace_key"
KEY_RESTORED = "msw_restored"
KEY_SAVED_IDS = "msw_saved_ids"
"""Session id of a variant → its id in the store (the link)."""
KEY_LINKED = "msw_linked"
"""Session id of a linked scenario → its id in the store."""
KEY_AUTHOR = "msw_author"
"""Author label of this browser's variants (the display name given in a room)."""
KEY_STORE_PROBLEM = "msw_store_problem"
KEY_LAST_SAVED = "msw_last_saved"
"""Session id of a variant → its :class:`_LastSave` (what this session saved last)."""
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _secret_url() -> str | None:
    try:
        value = st.secrets.get(ENV_DATABASE_URL)
    except Exception:  # noqa: BLE001 - no secrets file is the normal case
        return None
    return str(value) if value else None


def get_store() -> store.Store | None:
    """The app's store (one per process and URL), or ``None`` when it cannot be opened."""
    try:
        return compute.store_at(store.database_url(secret=_secret_url()))
    except Exception:  # noqa: BLE001 - the app keeps working without saving
        LOG.exception("the store could not be opened")
        st.session_state[KEY_STORE_PROBLEM] = True
        return None


def workspace_key() -> str:
    """This browser's workspace key (from ``?ws=`` on the first run, else a new one)."""
    ss = st.session_state
    if KEY_WORKSPACE not in ss:
        given = st.query_params.get(QP_WORKSPACE, "")
        ss[KEY_WORKSPACE] = given if _TOKEN.match(given or "") else store.new_key()
    return ss[KEY_WORKSPACE]


def _lang() -> str:
    return i18n.normalize_lang(st.session_state.get("lang"))


@dataclass(frozen=True)
class _LastSave:
    """What this session saved last for a variant: the texts and what else was written, and
    the objects they were made of (the same objects need no new serialisation)."""

    texts: store.VariantTexts
    meta: tuple[str, str, str]
    """Author label, language, origin."""
    scenario: Any
    start: Any


def _meta(variant: state.Variant) -> tuple[str, str, str]:
    return (st.session_state.get(KEY_AUTHOR, ""), _lang(), variant.origin)


def _unchanged(variant: state.Variant, last: _LastSave | None) -> store.VariantTexts | None:
    """``None`` when the variant equals its last save here (same objects and edits, or the
    same texts), else its texts, each scenario serialised at most once."""
    meta = _meta(variant)
    if last is not None and last.meta == meta and last.scenario is variant.current():
        if last.start is variant.start and store.edits_json(variant.edits) == last.texts.edits_json:
            return None
    start_json = last.texts.start_json if last is not None and last.start is variant.start else None
    texts = store.variant_texts(
        variant.current(), variant.start, variant.edits, start_json=start_json
    )
    if last is not None and last.meta == meta and last.texts == texts:
        return None
    return texts


def _save(variant_id: str, variant: state.Variant | None) -> None:
    """The listener: save (or delete) a changed variant; a variant equal to what this session
    saved last (an edit back to the same value) opens no transaction."""
    db = get_store()
    if db is None:
        return
    ids = st.session_state.setdefault(KEY_SAVED_IDS, {})
    last_saved: dict[str, _LastSave] = st.session_state.setdefault(KEY_LAST_SAVED, {})
    try:
        if variant is None:
            store.delete_variant(db, workspace_key(), variant_id)
            ids.pop(variant_id, None)
            last_saved.pop(variant_id, None)
            return
        texts = _unchanged(variant, last_saved.get(variant_id) if variant_id in ids else None)
        if texts is None:
            return
        meta = _meta(variant)
        ids[variant_id] = store.save_variant(
            db, workspace_key(), variant_id, variant.current(), start=variant.start,
            edits=variant.edits, author=meta[0], lang=meta[1], origin=meta[2], texts=texts,
        )  # fmt: skip
        last_saved[variant_id] = _LastSave(texts, meta, variant.current(), variant.start)
    except StoreRefusal as exc:
        st.session_state[KEY_STORE_PROBLEM] = exc.catalog_key
    except Exception:  # noqa: BLE001 - a failed save must not break the edit
        LOG.exception("saving variant %s failed", variant_id)
        st.session_state[KEY_STORE_PROBLEM] = True


state.on_variant_change(_save)


def _restored(saved: store.SavedVariant) -> state.Variant:
    """A session variant from a saved one; its edits replayed when they give the saved
    scenario again, else the saved scenario alone (nothing valid is lost)."""
    from planner import edit

    start, scenario = saved.start(), saved.scenario()
    result = edit.apply_valid_edits(start, saved.edits)
    if store.content_hash(result.scenario) == saved.content_hash:
        return state.Variant(
            id=saved.slot, start=start, edits=dict(saved.edits), scenario=result.scenario,
            rejected=result.rejected, origin=saved.origin,
        )  # fmt: skip
    return state.Variant(id=saved.slot, start=scenario, scenario=scenario, origin=saved.origin)


def _restore_workspace(db: store.Store) -> None:
    saved = store.workspace_variants(db, workspace_key())
    ids = st.session_state.setdefault(KEY_SAVED_IDS, {})
    for one in saved:
        if state.is_preset(one.slot):
            continue
        try:
            state.restore_variant(_restored(one))
        except Exception:  # noqa: BLE001 - one unreadable variant must not hide the others
            LOG.exception("variant %s could not be restored", one.id)
            continue
        ids[one.slot] = one.id
    if saved and saved[-1].slot in state.variants():
        state.focus(saved[-1].slot)


def linked_session_id(store_id: str) -> str:
    """The session id of a linked scenario (scenario ids allow only ``[a-z0-9_]``)."""
    return "shared_" + hashlib.sha256(store_id.encode("utf-8")).hexdigest()[:10]


def open_link(db: store.Store, store_id: str) -> str | None:
    """Open the saved variant ``store_id``: the owner's own variant, or a read-only linked
    scenario; returns its session id (``None`` for an unknown id)."""
    saved = store.load_variant(db, store_id)
    if saved is None:
        return None
    if store.is_owner(db, workspace_key(), store_id) and saved.slot in state.variants():
        state.focus(saved.slot)
        return saved.slot
    ident = state.add_shared(linked_session_id(store_id), saved.scenario())
    st.session_state.setdefault(KEY_LINKED, {})[ident] = store_id
    state.focus(ident)
    return ident


def sync() -> None:
    """Once per run, before the sidebar: the workspace key in the URL; on the session's first
    run, its saved variants and the linked scenario of ``?scenario=`` are read back."""
    state.init()
    key = workspace_key()
    if st.query_params.get(QP_WORKSPACE) != key:
        st.query_params[QP_WORKSPACE] = key
    if st.session_state.get(KEY_RESTORED):
        _keep_link_param()
        return
    st.session_state[KEY_RESTORED] = True
    db = get_store()
    if db is None:
        return
    try:
        _restore_workspace(db)
        wanted = st.query_params.get(QP_SCENARIO)
        if wanted and open_link(db, str(wanted)) is None:
            st.session_state[KEY_STORE_PROBLEM] = "store.error.no_link"
    except Exception:  # noqa: BLE001 - the presets stay usable
        LOG.exception("restoring the workspace failed")
        st.session_state[KEY_STORE_PROBLEM] = True
    _keep_link_param()


def _keep_link_param() -> None:
    """``?scenario=<id>`` while a linked scenario is in focus, none otherwise."""
    linked = st.session_state.get(KEY_LINKED, {}).get(state.current_id())
    if linked and st.query_params.get(QP_SCENARIO) != linked:
        st.query_params[QP_SCENARIO] = linked
    elif not linked and QP_SCENARIO in st.query_params:
        del st.query_params[QP_SCENARIO]


def link_id(scenario_id: str) -> str | None:
    """The store id of a scenario in the session (a saved variant or a linked one)."""
    saved = st.session_state.get(KEY_SAVED_IDS, {}).get(scenario_id)
    return saved or st.session_state.get(KEY_LINKED, {}).get(scenario_id)


def share_url(store_id: str, lang: str) -> str:
    """The link that opens a saved variant for anyone: ``<app>/overview?scenario=<id>``."""
    base = base_url()
    return f"{base}/overview?{QP_SCENARIO}={store_id}&lang={lang}"


def base_url() -> str:
    """``scheme://host[:port]`` of the address this browser opened (empty in tests)."""
    url: Any = getattr(st.context, "url", None) or ""
    url = str(url).split("?", 1)[0].rstrip("/")
    if url.count("/") > 2:  # drop the page's own path: keep scheme://host[:port]
        url = "/".join(url.split("/")[:3])
    return url


def render_sidebar_link(lang: str) -> None:
    """In the sidebar: the link to the scenario in focus with its copy button (``st.code``
    has one), or why there is none yet; a note when saving does not work."""
    problem = st.session_state.get(KEY_STORE_PROBLEM)
    with st.sidebar:
        if problem:
            key = problem if isinstance(problem, str) else "store.error.unavailable"
            st.warning(i18n.t(key, lang), icon=":material/cloud_off:")
        ident = link_id(state.current_id())
        if ident is None:
            if not state.is_preset(state.current_id()):
                st.caption(i18n.t("persist.link_after_edit", lang))
            return
        st.caption(i18n.t("persist.link_label", lang))
        st.code(share_url(ident, lang), language=None, wrap_lines=True)
        if state.current_id() in st.session_state.get(KEY_LINKED, {}):
            st.caption(i18n.t("persist.read_only", lang))
