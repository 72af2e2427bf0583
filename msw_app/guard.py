"""No traceback, ever: an unexpected failure becomes a translated message; details go to the log.

``app.py`` runs the sidebar and the page inside :func:`page_guard`; fragments (which rerun on
their own) are decorated with :func:`guarded_fragment`, widget callbacks with
:func:`guarded_callback`.  The user's work lives in session state, which a failure does not
touch: the message says so, and the next run starts from the same scenarios and variants.

Streamlit's own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) raises
``ScriptControlException``, a ``BaseException``: it passes through, as it must.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st
from streamlit.logger import get_logger

from msw_app import i18n, turns

LOG = get_logger("msw_app")
"""The server console's log (Streamlit's handler): the only place a traceback goes."""

KEY_FAILED_ACTION = "msw_failed_action"
"""Session-state flag: a widget callback failed; the next run says so once."""

F = TypeVar("F", bound=Callable[..., Any])


def _lang() -> str:
    # The sidebar may not have run (it can fail too): read the widget's value directly.
    return i18n.normalize_lang(st.session_state.get("lang"))


def show_failure(key: str = "app.error.unexpected") -> None:
    """The translated failure message: no exception text, no type, no path."""
    st.error(i18n.t(key, _lang()), icon=":material/error:")


@contextmanager
def page_guard() -> Iterator[None]:
    """Run a page body; an exception is logged with its traceback and shown as a translated
    message (what was drawn before it stays on the page)."""
    if st.session_state.pop(KEY_FAILED_ACTION, False):
        show_failure("app.error.action")
    try:
        yield
    except Exception:
        LOG.exception("a page failed; the user sees a translated message")
        show_failure()


def guarded_fragment(fn: F) -> F:
    """A fragment body (or any drawing function) that shows the failure message instead of
    raising: a fragment reruns alone, outside the page's :func:`page_guard`, and takes its
    turn as a page run does (:func:`msw_app.turns.turn`; inside a page run it holds one)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with turns.turn(), page_guard():
            return fn(*args, **kwargs)
        return None

    return wrapper  # type: ignore[return-value]


def guarded_callback(fn: F) -> F:
    """A widget callback that never raises: a failure is logged, and the next run shows
    ``app.error.action`` (a callback cannot draw)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception:
            LOG.exception("a widget callback failed; the user sees a translated message")
            st.session_state[KEY_FAILED_ACTION] = True
            return None

    return wrapper  # type: ignore[return-value]
