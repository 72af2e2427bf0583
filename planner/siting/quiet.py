"""Silence HiGHS's stray native output, for callers that own the process's stdout.

Some HiGHS builds shipped with scipy print debug lines
(``HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();``)
from C++ straight to file descriptor 1, even with ``disp=False``: a leftover
debug print in HiGHS 1.12, hit when an integer solution of the presolved model
needs repairing in the original one (reported upstream as ERGO-Code/HiGHS
issue 2783, and jump-dev/HiGHS.jl issues 312 and 318). No option switches it
off, and Python's ``sys.stdout`` does not see it. The only remedy
is to point file descriptor 1 at ``os.devnull`` while HiGHS runs, which is
process-wide: it also swallows every other thread's output meanwhile.

So the library never does it. A caller that owns the process's stdout -- the
``site`` command of the CLI, a benchmark script -- wraps its work in
:func:`quiet_native_stdout` once; a server (the Streamlit app) does not, and
keeps its own output and runs its sessions' solves concurrently.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

__all__ = ["quiet_native_stdout"]


@contextlib.contextmanager
def quiet_native_stdout() -> Iterator[None]:
    """Point file descriptor 1 at ``os.devnull`` for the duration of the block.

    Python-level output (``print``, ``sys.stdout``) keeps working: when
    ``sys.stdout`` writes to file descriptor 1 it is replaced, for the block, by
    a text stream on a duplicate of the original descriptor, so only output that
    bypasses Python (native code writing to fd 1) is dropped. Nothing happens if
    the process has no usable file descriptor 1 (e.g. under some test runners).
    """
    try:
        fd = sys.__stdout__.fileno() if sys.__stdout__ else 1
    except (AttributeError, OSError, ValueError):
        yield
        return
    sys.stdout.flush()
    saved = os.dup(fd)
    python_stdout = sys.stdout
    uses_fd = _writes_to_fd(python_stdout, fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            if uses_fd:
                with open(
                    os.dup(saved), "w", encoding=python_stdout.encoding, closefd=True
                ) as keep:
                    sys.stdout = keep
                    try:
                        yield
                    finally:
                        keep.flush()
                        sys.stdout = python_stdout
            else:
                yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def _writes_to_fd(stream: object, fd: int) -> bool:
    """True if the text stream ``stream`` writes to file descriptor ``fd``."""
    try:
        return stream.fileno() == fd  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
