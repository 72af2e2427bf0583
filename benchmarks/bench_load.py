"""Load of a seminar: N simulated participants, against embedded SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_load.py --mode app [--users 1,10,30] [--pause 1,3]
                                              [--replicas 1,2]
    .venv/bin/python benchmarks/bench_load.py --mode store [--users 1,10,30] [--sends 3]

``--mode app`` (``benchmarks/load_app.py``): a real ``streamlit run app.py`` on a free local
port; each user speaks Streamlit's websocket protocol (the protobuf messages that ship with
Streamlit, no browser): opens Overview, moves the year slider five times with a random
1–3 s pause, then joins a room on the Seminar page and sends its variant.  Printed per
backend and N: p50/p95/max from message to finished script, errors, how many users saw
their submission confirmed ("on the board", or "already on the board": users who did not
change a lever all send the same preset, which is one submission, one row), the server's
memory (RSS) after the run and its CPU time per rerun.  ``--replicas 2``: two app processes
behind nginx (``msw_app/replicas.py``, as ``tasks.py seminar`` serves a room), each user from
a loopback address of its own, so that nginx spreads them as it spreads phones; memory and
CPU are then the replicas' sums (nginx's own, a few MB and ms, left out).

``--mode store``: the store alone, no Streamlit.

Each participant is a thread with its own workspace key: it joins the room, then sends
``--sends`` different variants of the announced preset (the real size of a submission,
~100 kB of JSON), with a random pause of up to ``--pause`` seconds before each one, and
saves its variant as the app does on every edit (one save per send).  The script prints,
per backend and N: the requests per second, the p50/p95/max latency of a send and of a save
[ms], errors, and whether every submission reached the board (the board is read at the end
and must hold N × sends rows).

PostgreSQL: ``MSW_PLANNER_DATABASE_URL`` if set, else a throwaway cluster of Debian's
``initdb``/``pg_ctl`` (as in the tests), else that backend is skipped with the reason.
What this does not measure: the Streamlit reruns in between (``bench_app_rerun.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import planner  # noqa: E402
from msw_app import store  # noqa: E402
from planner import edit  # noqa: E402
from planner.schema import Names  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _variant(base, user: int, n: int):
    """A variant of ``base`` of its own for each (user, n): another plastics recovery."""
    text = f"User {user} variant {n}"
    value = 0.3 + 0.0005 * (user * 10 + n)
    changed = edit.apply_edits(base, {"levers.recovery_mixed.plastics": value})
    return edit.rename(changed, f"u{user}_v{n}", Names(ru=text, kk=text, en=text))


def run(url: str, users: int, sends: int, pause_s: float) -> dict[str, object]:
    """One load run: ``users`` participants × ``sends`` submissions on the store at ``url``."""
    db = store.open_store(url)
    code = store.open_room(db, max_per_participant=sends, max_submissions=users * sends).room.code
    base = planner.load_presets()["announced"]
    variants = {(u, n): _variant(base, u, n) for u in range(users) for n in range(sends)}
    send_ms: list[float] = []
    save_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    gate = threading.Barrier(users)

    def participant(user: int) -> None:
        key = f"bench-participant-{user:03d}-{os.getpid()}-0123456789"
        store.join_room(db, code, key, f"Group {user}")
        gate.wait()
        for n in range(sends):
            time.sleep(random.uniform(0, pause_s))
            scenario = variants[(user, n)]
            try:
                t0 = time.perf_counter()
                store.save_variant(db, key, "announced_mine", scenario)
                t1 = time.perf_counter()
                store.submit(db, code, key, scenario)
                t2 = time.perf_counter()
            except Exception as exc:  # noqa: BLE001 - counted and printed
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                save_ms.append((t1 - t0) * 1e3)
                send_ms.append((t2 - t1) * 1e3)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(participant, range(users)))
    wall_s = time.perf_counter() - start
    on_board = len(store.board(db, code))
    db.close()
    return {
        "users": users,
        "requests_per_s": (len(send_ms) + len(save_ms)) / wall_s,
        "send_p50_ms": statistics.median(send_ms) if send_ms else float("nan"),
        "send_p95_ms": percentile(send_ms, 0.95) if send_ms else float("nan"),
        "send_max_ms": max(send_ms, default=float("nan")),
        "save_p50_ms": statistics.median(save_ms) if save_ms else float("nan"),
        "save_p95_ms": percentile(save_ms, 0.95) if save_ms else float("nan"),
        "errors": len(errors),
        "complete": on_board == users * sends,
        "first_error": errors[0] if errors else "",
    }


def backends() -> list[tuple[str, str, object]]:
    """``(name, url, cleanup)`` of SQLite and, when available, PostgreSQL."""
    folder = tempfile.mkdtemp(prefix="msw-bench-")
    found: list[tuple[str, str, object]] = [
        ("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", lambda: None)
    ]
    if os.environ.get(store.ENV_DATABASE_URL):
        found.append(("postgresql", os.environ[store.ENV_DATABASE_URL], lambda: None))
        return found
    try:
        from tests.pg_server import start_cluster

        cluster = start_cluster()
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"postgresql skipped: {exc}")
        return found
    found.append(("postgresql", cluster.url, cluster.stop))
    return found


def _proc_stats(pid: int) -> tuple[float, float]:
    """``(CPU seconds used, resident memory [MB])`` of a process, from ``/proc``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu_s = (int(fields[11]) + int(fields[12])) / ticks
    rss_mb = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return cpu_s, rss_mb


def _start_app(url: str, folder: str):
    """``streamlit run app.py`` on a free port with the store at ``url``: (process, ws URL)."""
    from msw_app import replicas

    port = replicas.free_port()
    env = {**os.environ, "MSW_PLANNER_DATA_DIR": folder, store.ENV_DATABASE_URL: url}
    proc = replicas.start_server(port, env, quiet=True)
    try:
        replicas.wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", [proc], 90.0)
    except RuntimeError:
        replicas.end_processes([proc])
        raise
    return proc, f"ws://127.0.0.1:{port}/_stcore/stream"


class _Served:
    """The app under load: one ``streamlit run``, or ``replicas`` of them behind nginx
    (``msw_app/replicas.py``), each user then connecting from an address of its own."""

    def __init__(self, url: str, replicas: int) -> None:
        folder = tempfile.mkdtemp(prefix="msw-bench-app-")
        self.own_address = replicas > 1
        if replicas == 1:
            proc, self.ws_url = _start_app(url, folder)
            self.pids, self.direct = [proc.pid], [self.ws_url]
            self._stop = lambda: (proc.terminate(), proc.wait(timeout=20))
            return
        from msw_app import replicas as balancer

        env = {"MSW_PLANNER_DATA_DIR": folder, store.ENV_DATABASE_URL: url}
        running = balancer.start(replicas, env=env, quiet=True)
        self.ws_url = running.url.replace("http://", "ws://") + "/_stcore/stream"
        self.pids = [p.pid for p in running.servers]
        self.direct = [f"ws://127.0.0.1:{p}/_stcore/stream" for p in running.ports]
        self._stop = running.stop

    def cpu_rss(self) -> tuple[float, float]:
        """CPU seconds used and resident memory [MB], summed over the servers."""
        stats = [_proc_stats(pid) for pid in self.pids]
        return sum(c for c, _ in stats), sum(m for _, m in stats)

    def stop(self) -> None:
        self._stop()


def run_app(url: str, counts: list[int], pause: tuple[float, float], name: str,
            replicas: int = 1) -> None:  # fmt: skip
    """The app mode for one backend: one server (or ``replicas`` behind nginx), one room per
    N, one line per N."""
    import asyncio

    from benchmarks.load_app import drive

    served = _Served(url, replicas)
    name = name if replicas == 1 else f"{name}×{replicas}"
    db = store.open_store(url)
    try:
        for direct in served.direct:  # each replica's first run, straight to it
            warm = asyncio.run(drive(direct, 1, store.open_room(db).room.code, (0.0, 0.0)))
            first_ms = warm[0].latencies_s[0] * 1e3
            print(f"{name:<13}warm-up: first run {first_ms:.0f} ms (not counted)")
        for users in counts:
            code = store.open_room(db).room.code
            cpu_before, _ = served.cpu_rss()
            crowd = asyncio.run(drive(served.ws_url, users, code, pause, served.own_address))
            cpu_after, rss_mb = served.cpu_rss()
            latencies = [t * 1e3 for u in crowd for t in u.latencies_s]
            errors = [e for u in crowd for e in u.errors]
            reruns = users * 9  # overview, 5 moves, seminar page, join, send
            cpu_ms = (cpu_after - cpu_before) / reruns * 1e3
            on_board = len(store.board(db, code))
            confirmed = sum(u.sent for u in crowd)
            print(
                f"{name:<13}{users:>4}{statistics.median(latencies):>9.0f}"
                f"{percentile(latencies, 0.95):>8.0f}{max(latencies):>8.0f}{len(errors):>8}"
                f"{confirmed:>6}/{users:<3}{on_board:>4}{rss_mb:>8.0f}{cpu_ms:>10.0f}"
                + (f"  {errors[0]}" if errors else "")
            )  # fmt: skip
    finally:
        db.close()
        served.stop()


def main() -> None:
    """Run the load for every backend and N; print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("app", "store"), default="app")
    parser.add_argument("--users", default="1,10,30")
    parser.add_argument("--sends", type=int, default=3, help="store mode: sends per user")
    parser.add_argument(
        "--pause", default="", help="pause between moves/sends [s]: 'lo,hi' (app 1,3; store 0,0)"
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--replicas", default="1", help="app mode: app processes behind nginx, e.g. '1,2'"
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.users.split(",")]
    lo, hi = (float(v) for v in (args.pause or ("1,3" if args.mode == "app" else "0,0")).split(","))
    wanted = set(args.backends.split(","))
    if args.mode == "app":
        print(f"{'backend':<13}{'N':>4}{'p50 ms':>9}{'p95':>8}{'max':>8}{'errors':>8}"
              f"{'sent':>10}{'rows':>4}{'RSS MB':>8}{'CPU ms/rerun':>13}")  # fmt: skip
        for name, url, cleanup in backends():
            if name in wanted:
                try:
                    for replicas in (int(k) for k in args.replicas.split(",")):
                        run_app(url, counts, (lo, hi), name, replicas)
                finally:
                    cleanup()
        return
    print(f"{'backend':<11}{'N':>4}{'req/s':>8}{'send p50':>10}{'p95':>8}{'max':>8}"
          f"{'save p50':>10}{'p95':>8}{'errors':>8}  all on board")  # fmt: skip
    for name, url, cleanup in backends():
        if name not in wanted:
            cleanup()
            continue
        try:
            for users in counts:
                r = run(url, users, args.sends, hi)
                print(
                    f"{name:<11}{users:>4}{r['requests_per_s']:>8.0f}{r['send_p50_ms']:>10.1f}"
                    f"{r['send_p95_ms']:>8.1f}{r['send_max_ms']:>8.1f}{r['save_p50_ms']:>10.1f}"
                    f"{r['save_p95_ms']:>8.1f}{r['errors']:>8}  {r['complete']}"
                    + (f"  {r['first_error']}" if r["first_error"] else "")
                )
        finally:
            cleanup()


if __name__ == "__main__":
    main()
