"""Several app processes behind one address, for a room of thirty on a multi-core machine.

    python3 tasks.py seminar --replicas 2 --address 0.0.0.0 --port 8501

Streamlit runs every session of a server in one Python process, and Python runs one thread at
a time, so one server uses one core however many the machine has.  This starts ``--replicas``
servers (``streamlit run app.py`` on free ports of ``127.0.0.1``, so only the balancer faces
the network) and Debian's nginx in front of them on ``--address:--port``.  They share one store
(the data folder's SQLite file, which several processes may write, or the PostgreSQL database
``MSW_PLANNER_DATABASE_URL`` names), so a variant saved through one replica opens through the
other and every replica's participants reach the same board.

**One browser always reaches the same replica** (``hash $remote_addr consistent``): a
Streamlit session lives in the process that holds its websocket, and the files it offers for
download are served by that process only.  The key is the whole address, not nginx's
``ip_hash`` (which hashes the first three bytes of an IPv4 address and so sends a whole room's
Wi-Fi, ``192.168.1.*``, to one replica).  Phones behind one NAT share an address and so one
replica: then the room gains nothing from a second one, but loses nothing either.  If a
replica stops, its browsers move to another and come back on their variants (``?ws=``).

nginx passes the browser's ``Host`` with its port (``$http_host``): Streamlit accepts a
websocket only when its ``Origin`` matches that host and port, so ``$host`` (no port) would shut
phones out on a network where the machine's own address cannot be guessed (an offline hotspot,
two network cards).  Request bodies (uploads, at most :data:`MAX_UPLOAD_MB`) stay in nginx's
memory, so its workers (``nobody`` when started as root) never need the temporary folder, which
holds its configuration, pid and error log and is removed on stop.  The replicas share one
cookie secret (random per start; Streamlit signs its cookies with it).  When one replica ends,
the others go on serving (the command says so); when nginx or the last replica ends, everything
stops.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from msw_app.uploads import MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parent.parent

MAX_UPLOAD_MB = math.ceil(MAX_UPLOAD_BYTES / 2**20)
"""The app's upload limit in whole MB (``server.maxUploadSize``) [MB]; nginx lets a little more
through, so that the app (not nginx) answers an oversized upload, in the user's language."""

START_TIMEOUT_S = 90.0
"""Longest wait for a replica to answer its health check [s]."""

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
"""Where nginx is looked for when it is not on ``PATH`` (Debian puts it in ``/usr/sbin``)."""


def find_nginx() -> str | None:
    """Path of the nginx program, or ``None`` when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((p for p in NGINX_CANDIDATES if os.access(p, os.X_OK)), None)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def nginx_config(address: str, port: int, upstream_ports: Sequence[int], folder: Path) -> str:
    """nginx's configuration: listen on ``address:port``, pass every request (websockets
    included) to one of the replicas on ``127.0.0.1:<upstream_ports>``, the same one for the
    same client address; pid, logs and buffers in ``folder``.

    Parameters
    ----------
    address, port
        Where participants connect (``0.0.0.0`` for the room's network).
    upstream_ports
        The replicas' ports on ``127.0.0.1``, at least one.
    folder
        A folder of nginx's own (its pid file, error log and temporary files).
    """
    if not upstream_ports:
        raise ValueError("at least one replica port is needed")
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstream_ports)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""\
# Written by msw_app/replicas.py for one run; nothing here is kept.
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{
    worker_connections 4096;
}}
http {{
    access_log off;
{temp}
    client_max_body_size {MAX_UPLOAD_MB + 1}m;
    # uploads stay in memory: as root nginx's workers are "nobody", who may not write here
    client_body_buffer_size {MAX_UPLOAD_MB + 1}m;
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    upstream planner {{
        # the same browser (client address) reaches the same replica: its session and its
        # downloads live there
        hash $remote_addr consistent;
{servers}
    }}
    server {{
        listen {address}:{port};
        location / {{
            proxy_pass http://planner;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            # with its port: Streamlit compares a websocket's Origin with this host and port
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
        }}
    }}
}}
"""


class Stopped(Exception):
    """SIGTERM or SIGHUP reached the launcher (a service manager, a closed terminal)."""


def _raise_stopped(signum: int, _frame: object) -> None:
    raise Stopped(signal.Signals(signum).name)


def end_processes(procs: Sequence[subprocess.Popen[bytes]], timeout_s: float = 20.0) -> None:
    """Ask each process to stop (SIGTERM; nginx's master then stops its workers), wait for
    all of them within one deadline of ``timeout_s`` [s], then kill the process group of any
    left (each child is started in a session of its own, so that takes nginx's workers too)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + timeout_s
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Replicas:
    """The running servers and their balancer."""

    url: str
    """Where browsers connect, ``http://address:port``."""
    ports: list[int]
    """The replicas' ports on ``127.0.0.1``."""
    servers: list[subprocess.Popen[bytes]]
    balancer: subprocess.Popen[bytes]
    folder: Path
    """nginx's folder (configuration, pid, error log)."""

    def processes(self) -> list[subprocess.Popen[bytes]]:
        """Every process started, the balancer first."""
        return [self.balancer, *self.servers]

    def stop(self, timeout_s: float = 20.0) -> None:
        """Stop the balancer and the replicas (within ``timeout_s`` [s] in all), and remove
        nginx's folder."""
        end_processes(self.processes(), timeout_s)
        shutil.rmtree(self.folder, ignore_errors=True)


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Health checks go straight to this machine, whatever ``http_proxy`` says."""


def wait_healthy(url: str, procs: Sequence[subprocess.Popen[bytes]], timeout_s: float) -> None:
    """Wait until ``url`` answers; raise when a process ended or the time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ended = [p for p in procs if p.poll() is not None]
        if ended:
            code = ended[0].returncode
            raise RuntimeError(f"a process ended before {url} answered (exit {code})")
        try:
            with _NO_PROXY.open(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s")


def start_server(
    port: int, env: dict[str, str], streamlit_args: Sequence[str] = (), quiet: bool = False
) -> subprocess.Popen[bytes]:
    """``streamlit run app.py`` on ``127.0.0.1:port`` in a session of its own (the launcher
    alone stops it); its standard output dropped (its "You can now view your app at
    127.0.0.1:<port>" would send people past the balancer), its errors kept unless ``quiet``."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port), *streamlit_args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None, start_new_session=True,
    )  # fmt: skip


def start(
    replicas: int,
    address: str = "127.0.0.1",
    port: int | None = None,
    streamlit_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    quiet: bool = False,
) -> Replicas:
    """Start ``replicas`` app servers and nginx in front of them; return once all answer.

    Raises
    ------
    FileNotFoundError
        nginx is not installed.
    RuntimeError
        A replica or nginx did not start.
    """
    if replicas < 1:
        raise ValueError("replicas must be at least 1")
    nginx = find_nginx()
    if nginx is None:
        raise FileNotFoundError("nginx")
    port = free_port(address if address != "0.0.0.0" else "127.0.0.1") if port is None else port
    shared = {
        **os.environ,
        **(env or {}),
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }
    errors = subprocess.DEVNULL if quiet else None
    ports: list[int] = []
    servers: list[subprocess.Popen[bytes]] = []
    balancer: subprocess.Popen[bytes] | None = None
    folder = Path(tempfile.mkdtemp(prefix="msw-nginx-"))
    try:
        for _ in range(replicas):
            ports.append(free_port())
            servers.append(start_server(ports[-1], shared, streamlit_args, quiet))
        for p in ports:
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", servers, START_TIMEOUT_S)
        conf = folder / "nginx.conf"
        conf.write_text(nginx_config(address, port, ports, folder), encoding="utf-8")
        balancer = subprocess.Popen(
            [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
            stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
        )  # fmt: skip
        host = "127.0.0.1" if address == "0.0.0.0" else address
        wait_healthy(f"http://{host}:{port}/_stcore/health", [balancer], 15.0)
    except BaseException:
        end_processes([*([balancer] if balancer else []), *servers], timeout_s=10.0)
        if (folder / "error.log").exists() and not quiet:
            sys.stderr.write((folder / "error.log").read_text(encoding="utf-8", errors="replace"))
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Replicas(f"http://{address}:{port}", ports, servers, balancer, folder)


def network_address() -> str | None:
    """This machine's IPv4 address on the room's network (the one a packet to the outside
    would leave from; nothing is sent), or ``None`` when there is no such network."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.255.255.255", 1))
            found = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if found.startswith("127.") else found


def _parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="tasks.py seminar", description=__doc__.splitlines()[0],
        epilog="Options after '--' go to every 'streamlit run'.",
    )  # fmt: skip
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--address", default="0.0.0.0", help="where to listen (default 0.0.0.0)")
    parser.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    argv = list(argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    args = parser.parse_args(own)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return args, extra


def check(running: Replicas, announced: set[int]) -> str | None:
    """One look at the processes: why everything must stop (nginx or every replica ended),
    or ``None`` while the room is served; says once for each replica that ended that the
    others go on (``announced``: the replicas already named)."""
    if running.balancer.poll() is not None:
        return f"nginx ended (exit {running.balancer.returncode})"
    if all(p.poll() is not None for p in running.servers):
        return "every app process ended"
    for number, proc in enumerate(running.servers, start=1):
        if proc.poll() is not None and number not in announced:
            announced.add(number)
            print(
                f"app process {number} of {len(running.servers)} ended (exit {proc.returncode});"
                " the others go on serving, and its browsers reconnect to them",
                file=sys.stderr,
                flush=True,
            )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Start the replicas and nginx, print where to connect, serve until interrupted
    (Ctrl-C, SIGTERM, SIGHUP) or until nginx or the last replica ends."""
    args, extra = _parse(sys.argv[1:] if argv is None else argv)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stopped)
    try:
        running = start(args.replicas, args.address, args.port, extra)
    except FileNotFoundError:
        print(
            "nginx is not installed (Debian/Ubuntu: sudo apt-get install -y nginx-light).\n"
            "Without it, one process serves the room: python3 tasks.py app -- "
            f"--server.address {args.address} --server.port {args.port}",
            file=sys.stderr,
        )
        return 1
    except RuntimeError as exc:
        print(f"could not start: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Stopped):
        return 0
    host = (network_address() or "localhost") if args.address == "0.0.0.0" else args.address
    print(f"{args.replicas} app processes behind nginx on {args.address}:{args.port}.")
    print(f"  participants: http://{host}:{args.port}/")
    print(f"  facilitator:  http://{host}:{args.port}/seminar")
    print("Ctrl-C stops everything.", flush=True)
    problem: str | None = None
    announced: set[int] = set()
    try:
        while problem is None:
            time.sleep(0.5)
            problem = check(running, announced)
    except (KeyboardInterrupt, Stopped):
        pass
    for signum in (signal.SIGTERM, signal.SIGHUP):  # a second signal must not cut the stop short
        signal.signal(signum, signal.SIG_IGN)
    running.stop()
    if problem:
        print(f"{problem}; stopped the others", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
