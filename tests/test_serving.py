"""The serving process's one-time settings (msw_app.serving): TCP_NODELAY on the server's
connections, including those made from a listening socket with ``proto`` 0 as Streamlit makes
it, and the warm heap frozen for the garbage collector."""

from __future__ import annotations

import asyncio
import gc
import socket
from asyncio import base_events
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from msw_app import serving

ROOT = Path(__file__).resolve().parent.parent


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _listening_proto0() -> socket.socket:
    """A listening socket made as Streamlit's server makes it: ``socket.socket(family)``."""
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    assert sock.proto == 0
    return sock


async def _accepted_nodelay() -> int:
    """TCP_NODELAY of the server side of one connection to an asyncio server on a proto-0
    listening socket."""
    seen: list[int] = []
    done = asyncio.Event()

    async def on_connect(reader, writer):
        seen.append(_nodelay(writer.transport.get_extra_info("socket")))
        writer.close()
        done.set()

    server = await asyncio.start_server(on_connect, sock=_listening_proto0())
    port = server.sockets[0].getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    await asyncio.wait_for(done.wait(), 10)
    writer.close()
    server.close()
    await server.wait_closed()
    return seen[0]


@pytest.fixture
def original_asyncio():
    """asyncio's own ``_set_nodelay`` during the test, and whatever was there after it."""
    before = base_events._set_nodelay
    original = getattr(before, "_msw_original", before)
    base_events._set_nodelay = original
    yield original
    base_events._set_nodelay = before


def test_asyncio_alone_leaves_nagle_on_for_a_proto0_listening_socket(original_asyncio):
    # the mechanism of the 40 ms stalls: asyncio checks sock.proto, which is 0 here
    accepted = _listening_proto0()
    client = socket.create_connection(accepted.getsockname())
    conn, _ = accepted.accept()
    try:
        assert conn.proto == 0
        original_asyncio(conn)
        assert _nodelay(conn) == 0
        assert serving.set_nodelay(conn) is True
        assert _nodelay(conn) == 1
    finally:
        for s in (conn, client, accepted):
            s.close()


def test_patched_asyncio_turns_nagle_off_on_accepted_connections(original_asyncio):
    assert asyncio.run(_accepted_nodelay()) == 0  # as Streamlit 1.67 serves without the patch
    assert serving.patch_asyncio() is True
    assert serving.patch_asyncio() is True  # twice is once
    assert asyncio.run(_accepted_nodelay()) == 1


def test_connections_open_before_the_patch_are_fixed_on_the_loop(original_asyncio):
    async def scenario() -> tuple[int, int, int]:
        server_socks: list[socket.socket] = []
        ready = asyncio.Event()

        async def on_connect(reader, writer):
            server_socks.append(writer.transport.get_extra_info("socket"))
            ready.set()
            await reader.read()  # keep it open until the client closes

        server = await asyncio.start_server(on_connect, sock=_listening_proto0())
        port = server.sockets[0].getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.wait_for(ready.wait(), 10)
        before = _nodelay(server_socks[0])
        fixed = serving.fix_open_connections(asyncio.get_running_loop())
        after = _nodelay(server_socks[0])
        writer.close()
        server.close()
        await server.wait_closed()
        return before, fixed, after

    before, fixed, after = asyncio.run(scenario())
    assert (before, after) == (0, 1)
    assert fixed >= 2  # the server's side and the client's side of the connection


def test_non_tcp_sockets_are_left_alone():
    left, right = socket.socketpair(socket.AF_UNIX)
    try:
        assert serving.is_tcp(left) is False
        assert serving.set_nodelay(left) is False
    finally:
        left.close()
        right.close()


def test_freezing_moves_the_live_heap_to_the_permanent_generation():
    gc.unfreeze()
    try:
        held = [object() for _ in range(10)]  # noqa: F841 - alive across the freeze
        frozen = serving.freeze_warm_heap()
        assert frozen == gc.get_freeze_count() > 1000  # imports alone are thousands
        assert len(gc.get_objects()) < frozen / 10  # what collections still walk
    finally:
        gc.unfreeze()


def test_each_step_runs_once_per_process(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(serving, "_STEPS_DONE", set())
    for _ in range(3):
        serving._once("a", lambda: calls.append("a"))
    serving._once("b", lambda: calls.append("b"))
    assert calls == ["a", "b"]


def test_the_app_takes_both_steps_on_its_first_run(monkeypatch):
    taken: list[str] = []
    monkeypatch.setattr(serving, "_STEPS_DONE", set())
    monkeypatch.setattr(serving, "ensure_nodelay", lambda: taken.append("nodelay"))
    monkeypatch.setattr(serving, "freeze_warm_heap", lambda: taken.append("freeze"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    at.run()
    assert taken == ["nodelay", "freeze"]  # before and after the first page, then never again
