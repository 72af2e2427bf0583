"""Several app processes behind nginx (msw_app.replicas, ``tasks.py seminar``): the
configuration keeps each client address on one replica and passes websockets on; real nginx
accepts it; through real nginx a phone's websocket from the room's network is accepted and an
upload reaches Streamlit; two real replicas share one room, each serving part of the crowd;
the launcher goes on while a replica is left and stops when none is.  Without nginx the
integration tests are skipped with the reason (a failure in CI)."""

from __future__ import annotations

import asyncio
import base64
import http.client
import os
import socket
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from sqlalchemy import func, select

from benchmarks.load_app import drive, source_address
from msw_app import replicas, store
from msw_app.store import tables
from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parent.parent


def _nginx() -> str:
    found = replicas.find_nginx()
    if found is None:
        unavailable("nginx is not installed (apt-get install -y nginx-light)")
    return str(found)


def test_each_client_address_stays_on_one_replica_and_the_whole_address_counts() -> None:
    conf = replicas.nginx_config("0.0.0.0", 8501, [40001, 40002, 40003], Path("/tmp/x"))
    assert "hash $remote_addr consistent;" in conf
    # ip_hash keys on the first three bytes: a room's Wi-Fi (192.168.1.*) would be one replica
    assert "ip_hash" not in conf
    for port in (40001, 40002, 40003):
        assert f"server 127.0.0.1:{port} " in conf
    assert "listen 0.0.0.0:8501;" in conf


def test_websockets_pass_through_and_stay_open_for_a_seminar() -> None:
    conf = replicas.nginx_config("127.0.0.1", 8600, [40001], Path("/tmp/x"))
    assert "proxy_http_version 1.1;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "proxy_read_timeout 1d;" in conf  # nginx's default of 60 s would cut idle phones
    assert "daemon off;" in conf  # stopped with the launcher, never left behind


def test_uploads_reach_streamlit_which_refuses_the_large_ones_in_the_users_language() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert replicas.MAX_UPLOAD_MB == config["server"]["maxUploadSize"]
    conf = replicas.nginx_config("127.0.0.1", 8600, [40001], Path("/tmp/x"))
    assert f"client_max_body_size {replicas.MAX_UPLOAD_MB + 1}m;" in conf


def test_a_balancer_needs_a_replica() -> None:
    with pytest.raises(ValueError, match="at least one"):
        replicas.nginx_config("127.0.0.1", 8600, [], Path("/tmp/x"))


def test_the_command_line_defaults_and_passes_streamlit_options_on() -> None:
    args, extra = replicas._parse([])
    assert (args.replicas, args.address, args.port, extra) == (2, "0.0.0.0", 8501, [])
    given = ["--replicas", "3", "--port", "8600", "--", "--logger.level", "info"]
    args, extra = replicas._parse(given)
    assert (args.replicas, args.port, extra) == (3, 8600, ["--logger.level", "info"])
    with pytest.raises(SystemExit):
        replicas._parse(["--replicas", "0"])


def test_without_nginx_the_command_says_what_to_install_and_what_works_instead(
    monkeypatch, capsys
) -> None:
    monkeypatch.setattr(replicas, "find_nginx", lambda: None)
    assert replicas.main(["--port", "8600"]) == 1
    said = capsys.readouterr().err
    assert "apt-get install -y nginx-light" in said
    assert "python3 tasks.py app -- --server.address 0.0.0.0 --server.port 8600" in said


def test_real_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = _nginx()
    conf = tmp_path / "nginx.conf"
    port = replicas.free_port()
    conf.write_text(replicas.nginx_config("127.0.0.1", port, [40001, 40002], tmp_path))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr


class _Ended:
    """A stand-in for a process: ``poll()`` gives ``returncode`` (``None``: running)."""

    def __init__(self, returncode: int | None) -> None:
        self.returncode = returncode

    def poll(self) -> int | None:
        return self.returncode


def _running(balancer: int | None, *servers: int | None) -> replicas.Replicas:
    procs = [_Ended(code) for code in servers]
    return replicas.Replicas("http://x:1", [1] * len(procs), procs, _Ended(balancer), Path("/x"))  # type: ignore[arg-type]


def test_a_replica_that_ends_leaves_the_others_serving_and_is_named_once(capsys) -> None:
    announced: set[int] = set()
    assert replicas.check(_running(None, None, None), announced) is None
    assert capsys.readouterr().err == ""
    assert replicas.check(_running(None, None, -9), announced) is None
    assert "app process 2 of 2 ended (exit -9); the others go on serving" in capsys.readouterr().err
    assert replicas.check(_running(None, None, -9), announced) is None
    assert capsys.readouterr().err == ""  # said once
    assert replicas.check(_running(None, 1, -9), announced) == "every app process ended"
    assert replicas.check(_running(0, None, None), set()) == "nginx ended (exit 0)"


@pytest.fixture(scope="module")
def balanced(tmp_path_factory) -> Iterator[tuple[replicas.Replicas, str]]:
    """Two real replicas behind real nginx, one SQLite store: (running, store URL)."""
    _nginx()
    folder = tmp_path_factory.mktemp("replicas")
    url = f"sqlite:///{folder / 'planner.sqlite3'}"
    env = {"MSW_PLANNER_DATA_DIR": str(folder), store.ENV_DATABASE_URL: url}
    running = replicas.start(2, env=env, quiet=True)
    try:
        yield running, url
    finally:
        running.stop()
    assert all(p.poll() is not None for p in running.processes())
    assert not running.folder.exists()


def _port(running: replicas.Replicas) -> int:
    return int(running.url.rsplit(":", 1)[1])


def test_a_phone_on_the_rooms_network_gets_its_websocket_through_nginx(balanced) -> None:
    """A browser at ``http://10.9.9.9:<port>`` sends that as Origin and Host; Streamlit
    accepts the websocket only when the Host it sees keeps the port (nginx's ``$host`` drops
    it: 403, and no page for any phone where Streamlit cannot guess the machine's address)."""
    running, _ = balanced
    port = _port(running)
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            f"GET /_stcore/stream HTTP/1.1\r\nHost: 10.9.9.9:{port}\r\n"
            f"Origin: http://10.9.9.9:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: streamlit\r\n\r\n".encode()
        )
        status = sock.recv(4096).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 101 Switching Protocols"


def test_an_upload_larger_than_nginxs_default_buffer_reaches_streamlit(balanced) -> None:
    """100 kB (nginx keeps 16 kB in memory by default and writes the rest to its folder, where
    its workers, "nobody" under root, may not write: 500).  Streamlit answers it: no XSRF
    token here, so 403 with its own message."""
    running, _ = balanced
    conn = http.client.HTTPConnection("127.0.0.1", _port(running), timeout=30)
    conn.request("PUT", "/_stcore/upload_file/session/file", body=b"x" * 100_000,
                 headers={"Content-Type": "application/octet-stream"})  # fmt: skip
    response = conn.getresponse()
    assert (response.status, response.read()) == (403, b"XSRF token missing or invalid")


def _established(port: int) -> int:
    """Open TCP connections to ``127.0.0.1:port`` (Linux ``/proc/net/tcp``)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        count += int(local.split(":")[1], 16) == port and state == "01"
    return count


async def _spread(ws_url: str, ports: list[int], clients: int) -> list[int]:
    """How many of ``clients`` websockets, each from an address of its own, reach each port."""
    opened = [
        await websockets.connect(
            ws_url, subprotocols=["streamlit"], local_addr=(source_address(n), 0)
        )  # fmt: skip
        for n in range(clients)
    ]
    try:
        await asyncio.sleep(0.3)
        return [_established(p) for p in ports]
    finally:
        for ws in opened:
            await ws.close()


def test_two_replicas_behind_nginx_share_one_room_and_each_serves_part_of_the_crowd(
    balanced,
) -> None:
    if not Path("/proc/net/tcp").exists():
        unavailable("counting connections per replica needs Linux's /proc/net/tcp")
    running, url = balanced
    db = store.open_store(url)
    try:
        ws_url = running.url.replace("http://", "ws://") + "/_stcore/stream"
        spread = asyncio.run(_spread(ws_url, running.ports, 30))
        assert sum(spread) == 30 and min(spread) > 0, spread  # both replicas got phones
        code = store.open_room(db).room.code
        crowd = asyncio.run(drive(ws_url, 30, code, (0.0, 0.0), own_address=True))
        assert [e for u in crowd for e in u.errors] == []
        assert all(u.sent for u in crowd)
        with db.read() as conn:
            joined = conn.execute(
                select(func.count()).where(tables.participants.c.room_code == code)
            ).scalar()
        assert joined == 30  # participants of both replicas, in the one store
        assert len(store.board(db, code)) == 1  # nobody moved a lever: one variant, one row
    finally:
        db.close()


def _children(pid: int) -> list[int]:
    """The direct children of a process (Linux ``/proc``)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_the_launcher_stops_nginx_and_every_replica_on_ctrl_c_sigterm_and_a_closed_terminal(
    signum: str, tmp_path: Path
) -> None:
    import signal
    import time
    import urllib.request

    _nginx()
    port = replicas.free_port()
    env = {**os.environ, "MSW_PLANNER_DATA_DIR": str(tmp_path)}
    launcher = subprocess.Popen(
        [sys.executable, "-m", "msw_app.replicas", "--replicas", "1",
         "--address", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert launcher.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        started = _children(launcher.pid)
        assert len(started) == 2  # one replica and nginx
        launcher.send_signal(getattr(signal, signum))
        assert launcher.wait(timeout=30) == 0, launcher.stdout.read()
        assert not any(_alive(pid) for pid in started)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
