"""Simulated seminar participants over Streamlit's own websocket protocol (no browser).

Used by ``bench_load.py --mode app``.  Each user opens one websocket to ``/_stcore/stream``
(subprotocol ``streamlit``), sends the ``BackMsg`` protobuf messages a browser sends
(``rerun_script`` with the query, the page and the widget states) and reads ``ForwardMsg``
until ``script_finished``: the latency is from the message sent to the finished script.
It opens Overview, moves the year slider five times with a random 1–3 s pause (the pause is
configurable), then opens the Seminar page with ``?room=``, joins with a name and presses
"Send to the room".  Widgets are found in the deltas by their type and label.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}


@dataclass
class Run:
    """What one script run sent back."""

    latency_s: float
    widgets: dict[str, tuple[str, str, object]] = field(default_factory=dict)
    """Label → (element type, widget id, element proto)."""
    exceptions: int = 0
    alerts: list[str] = field(default_factory=list)
    """Texts of the alerts (success, info, error) the run showed."""


@dataclass
class User:
    """One simulated participant and its measurements."""

    number: int
    latencies_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: bool = False


def _rerun(query: str, page: str, states: list[WidgetState]) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    msg.rerun_script.widget_states.widgets.extend(states)
    return msg.SerializeToString()


async def run_script(ws, query: str, page: str, states: list[WidgetState]) -> Run:
    """Send one rerun and read until its script finished."""
    start = time.perf_counter()
    await ws.send(_rerun(query, page, states))
    widgets: dict[str, tuple[str, str, object]] = {}
    exceptions = 0
    alerts: list[str] = []
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            inner = getattr(element, which) if which else None
            if which == "exception":
                exceptions += 1
            if which == "alert":
                alerts.append(element.alert.body)
            if inner is not None and hasattr(inner, "id") and hasattr(inner, "label"):
                widgets[inner.label] = (which, inner.id, inner)
        elif kind == "script_finished" and msg.script_finished in FINISHED:
            return Run(time.perf_counter() - start, widgets, exceptions, alerts)


def _find(run: Run, kind: str, starts: str) -> tuple[str, object]:
    for label, (which, ident, inner) in run.widgets.items():
        if which == kind and label.startswith(starts):
            return ident, inner
    raise LookupError(f"no {kind} labelled {starts!r}: {sorted(run.widgets)}")


def _state(ident: str, **value: object) -> WidgetState:
    state = WidgetState(id=ident)
    for name, v in value.items():
        if name == "double_array_value":
            state.double_array_value.data.extend(v)  # type: ignore[arg-type]
        else:
            setattr(state, name, v)
    return state


def source_address(user: int) -> str:
    """A loopback address of the user's own (``127.1.x.y``; all of ``127/8`` is this machine),
    so that a balancer that keeps each client address on one replica sees thirty phones."""
    return f"127.1.{user // 250}.{user % 250 + 2}"


async def participant(
    url: str, user: User, code: str, pause_s: tuple[float, float], own_address: bool = False
) -> None:
    """One participant's session: Overview, five slider moves, join and send; from
    :func:`source_address` when ``own_address``."""
    query = "lang=en"
    local = {"local_addr": (source_address(user.number), 0)} if own_address else {}
    try:
        async with websockets.connect(
            url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=60,
            ping_timeout=None,
            **local,
        ) as ws:
            first = await run_script(ws, query, "overview", [])
            user.latencies_s.append(first.latency_s)
            year_id, slider = _find(first, "slider", "Year")
            year = int(slider.default[0])
            for move in range(5):
                await asyncio.sleep(random.uniform(*pause_s))
                year = year + 1 if move % 2 == 0 else year - 1
                moved = [_state(year_id, double_array_value=[float(year)])]
                run = await run_script(ws, query, "overview", moved)
                user.latencies_s.append(run.latency_s)
                if run.exceptions:
                    user.errors.append(f"exception on the overview, move {move}")
            room_query = f"lang=en&room={code}"
            page = await run_script(ws, room_query, "seminar", [])
            name_id, _ = _find(page, "text_input", "Your name")
            join_id, _ = _find(page, "button", "Join the room")
            code_id, _ = _find(page, "text_input", "Room code")
            joined = await run_script(ws, room_query, "seminar", [
                _state(code_id, string_value=code),
                _state(name_id, string_value=f"User {user.number}"),
                _state(join_id, trigger_value=True),
            ])  # fmt: skip
            send_id, _ = _find(joined, "button", "Send to the room")
            sent = await run_script(ws, room_query, "seminar",
                                    [_state(send_id, trigger_value=True)])  # fmt: skip
            user.latencies_s.append(sent.latency_s)
            # the same variant from several users is one submission: "already on the board"
            user.sent = any("on the board" in text for text in sent.alerts)
            if not user.sent:
                user.errors.append(f"not confirmed: {sent.alerts}")
    except Exception as exc:  # noqa: BLE001 - counted and printed
        user.errors.append(repr(exc))


async def drive(
    url: str, users: int, code: str, pause_s: tuple[float, float], own_address: bool = False
) -> list[User]:
    """Run ``users`` participants at once against the websocket ``url`` (each from an address
    of its own when ``own_address``)."""
    crowd = [User(n) for n in range(users)]
    await asyncio.gather(*(participant(url, u, code, pause_s, own_address) for u in crowd))
    return crowd
