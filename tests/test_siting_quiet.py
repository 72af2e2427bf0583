"""Tests for planner.siting.quiet: HiGHS's native stdout is silenced only where asked."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from cflp_cases import A_C, A_D, A_F, A_S

from planner.siting import solve_cflp

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from planner.siting import quiet_native_stdout
    print("before", flush=True)
    with quiet_native_stdout():
        os.write(1, b"native inside\\n")      # what HiGHS's C++ does
        print("python inside", flush=True)    # the caller's own output stays
        sys.stdout.write("write inside\\n")
    os.write(1, b"native after\\n")
    print("after")
    """
)


def test_quiet_native_stdout_drops_native_writes_only():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [
        "before",
        "python inside",
        "write inside",
        "native after",
        "after",
    ]


def test_library_does_not_touch_file_descriptor_1(capfd):
    # a server process (the app) calls the solver directly: its own native output must pass
    import os

    os.write(1, b"server line\n")
    sol = solve_cflp(A_F, A_S, A_D, A_C, mip_rel_gap=1e-9)
    os.write(1, b"server line 2\n")
    assert sol.objective == 32.0
    out = capfd.readouterr().out
    assert "server line\n" in out and "server line 2\n" in out


def test_solves_in_threads_run_concurrently():
    # no process-wide lock: two threads solving at once both finish, and their wall time
    # overlaps (the old global lock serialised them completely)
    import threading
    import time

    from cflp_cases import euclid_cflp

    fixed, cap, demand, cost = euclid_cflp(0, m=12, n=80)
    spans: list[tuple[float, float]] = []

    def work() -> None:
        t0 = time.perf_counter()
        solve_cflp(fixed, cap, demand, cost, mip_rel_gap=1e-9)
        spans.append((t0, time.perf_counter()))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (a0, a1), (b0, b1) = sorted(spans)
    assert b0 < a1  # the second solve started before the first one ended
