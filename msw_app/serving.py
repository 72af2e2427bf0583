"""What the process that serves the app sets once: replies sent at once, a lighter collector.

**Replies at once: ``TCP_NODELAY`` on every connection.**  Streamlit 1.67 serves through
uvicorn on a listening socket it makes itself with ``socket.socket(family=...)``, whose
``proto`` is 0.  asyncio turns Nagle's algorithm off on an accepted connection only when
``sock.proto == IPPROTO_TCP`` (``asyncio.base_events._set_nodelay``), so every connection of
the app keeps it: a small message (a delta, "script finished") written while an earlier one
is still unacknowledged waits for the browser's delayed acknowledgement, 40 ms on Linux.
Tornado, which Streamlit used before, turned it off.  Measured on a 2-core machine over
Streamlit's own websocket protocol: a one-line script reran in 44 ms (3.5 ms of CPU), with
``TCP_NODELAY`` in 5.7 ms; the Overview in 48 ms against 23 ms.  :func:`ensure_nodelay`
replaces asyncio's check by one that looks at the socket's type, not its ``proto``, for the
connections accepted from then on, and turns Nagle off on those already open (the browser
whose visit started the server).

**A lighter collector: the warm heap frozen.**  Python's cyclic garbage collector walks every
live container object in a full collection; the server holds the imported libraries
(plotly's validators, pydantic's schemas, pandas), the caches and every session, and a full
collection took 160–740 ms there while thirty participants opened the app, holding the
interpreter all that time.  :func:`freeze_warm_heap` collects once after the first page has
been drawn and moves what survives (imports and warm caches, which live as long as the
process) to the collector's permanent generation (``gc.freeze``), which later collections skip.
Objects made later (sessions, new results) are collected as before.

:func:`prepare` (called by ``app.py`` on every run, a no-op after the first) does the first;
:func:`after_first_page` the second.  If a later Streamlit or Python changes the private names
used here, they do nothing and the app works as before, only slower.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import socket
import threading
from asyncio import base_events
from collections.abc import Callable

_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_STEPS_DONE: set[str] = set()


def is_tcp(sock: socket.socket) -> bool:
    """Whether ``sock`` is a TCP stream socket (IPv4 or IPv6), whatever its ``proto``."""
    return sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM


def set_nodelay(sock: socket.socket) -> bool:
    """Turn Nagle's algorithm off on a TCP socket; ``True`` if it is off now.

    Other sockets (Unix, UDP) and a socket that refuses the option are left as they are.
    """
    if not is_tcp(sock):
        return False
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        return False
    return True


def patch_asyncio() -> bool:
    """Make asyncio turn Nagle off on every TCP connection it accepts or opens from now on
    (not only on sockets made with ``proto=IPPROTO_TCP``); ``False`` if asyncio has no such
    hook any more."""
    if not hasattr(base_events, "_set_nodelay") or not hasattr(socket, "TCP_NODELAY"):
        return False
    if getattr(base_events._set_nodelay, "_msw_any_proto", False):
        return True

    def _set_nodelay(sock: socket.socket) -> None:
        set_nodelay(sock)

    _set_nodelay._msw_any_proto = True  # type: ignore[attr-defined]
    _set_nodelay._msw_original = base_events._set_nodelay  # type: ignore[attr-defined]
    base_events._set_nodelay = _set_nodelay
    return True


def open_connection_sockets(loop: asyncio.AbstractEventLoop) -> list[socket.socket]:
    """The TCP sockets of the transports ``loop`` has open now (a selector event loop keeps
    them by file descriptor); ``[]`` for a loop that does not say."""
    transports = getattr(loop, "_transports", None)
    if transports is None:
        return []
    found = []
    for transport in list(transports.values()):
        sock = transport.get_extra_info("socket") if transport is not None else None
        if sock is not None and is_tcp(sock):
            found.append(sock)
    return found


def fix_open_connections(loop: asyncio.AbstractEventLoop) -> int:
    """Turn Nagle off on the connections ``loop`` has open; how many were set."""
    return sum(set_nodelay(sock) for sock in open_connection_sockets(loop))


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop Streamlit's server runs on, if there is one in this process."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return None
        return Runtime.instance()._get_async_objs().eventloop
    except Exception:  # noqa: BLE001 - a changed private API: do without
        return None


def ensure_nodelay() -> None:
    """Patch asyncio (:func:`patch_asyncio`) and, on the server's loop, fix the connections
    already open (:func:`fix_open_connections`)."""
    if not patch_asyncio():
        _LOG.info("asyncio has no _set_nodelay hook: connections keep Nagle's algorithm")
        return
    loop = _server_loop()
    if loop is not None and not loop.is_closed():
        loop.call_soon_threadsafe(fix_open_connections, loop)


def freeze_warm_heap() -> int:
    """Collect, then move every object alive now to the collector's permanent generation
    (``gc.freeze``); how many objects it holds."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def _once(step: str, action: Callable[[], object]) -> None:
    """Run ``action`` the first time ``step`` is asked for in this process (every later call
    returns at once, without the lock)."""
    if step in _STEPS_DONE:
        return
    with _LOCK:
        if step in _STEPS_DONE:
            return
        _STEPS_DONE.add(step)
    action()


def prepare() -> None:
    """Once per process, before the first page: :func:`ensure_nodelay`."""
    _once("nodelay", ensure_nodelay)


def after_first_page() -> None:
    """Once per process, after the first page was drawn: :func:`freeze_warm_heap`."""
    _once("freeze", freeze_warm_heap)
