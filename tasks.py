#!/usr/bin/env python3
"""Set up and run the planner with nothing but Python 3.11+.

    python3 tasks.py app     # start the Streamlit app on the bundled scenarios
    python3 tasks.py test    # run the whole test suite (browser test included)
    python3 tasks.py lint    # ruff
    python3 tasks.py seminar [--replicas 2] [--address 0.0.0.0] [--port 8501]
                             # a room of thirty: app processes behind nginx (README)

On first use it creates a virtual environment in ``.venv`` and installs the pinned versions
from ``requirements.lock`` (app) and ``requirements-dev.lock`` (tests); later runs reuse it and
install only what a changed lock file (or ``pyproject.toml``) asks for; switching between
``app`` and ``test`` installs nothing.  Extra arguments are passed on (to ``streamlit run``
or ``pytest``).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _digest(*files: Path) -> str:
    """Short SHA-256 of the files' bytes (a changed file gives a new stamp)."""
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]


def _stamp(name: str, digest: str) -> Path:
    return VENV / f".installed-{name}-{digest}"


def _mark_installed(name: str, digest: str) -> None:
    for old in VENV.glob(f".installed-{name}-*"):
        old.unlink()
    _stamp(name, digest).touch()


def ensure_env(lock_files: list[str]) -> None:
    """Create ``.venv`` and install what is missing of the locked requirements, and this project
    in editable mode (so ``python -m planner`` works from any folder).

    Each lock file and the project have a stamp of their own, so switching between
    ``tasks.py app`` and ``tasks.py test`` installs nothing; a changed lock file or
    ``pyproject.toml`` installs again.  Locks carry hashes: pip checks every download.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - a clear message on old Pythons
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    missing = [f for f in lock_files if not _stamp(Path(f).stem, _digest(ROOT / f)).exists()]
    if missing:
        print(f"installing {', '.join(missing)} ...", flush=True)
        args = [*pip, "--require-hashes"]
        for f in lock_files:  # all of them: a dev lock is pinned against the runtime lock
            args += ["-r", str(ROOT / f)]
        subprocess.run(args, check=True)
        for f in missing:
            _mark_installed(Path(f).stem, _digest(ROOT / f))
    project = _digest(ROOT / "pyproject.toml")
    if not _stamp("project", project).exists():
        editable = subprocess.run(
            [*pip, "--no-deps", "-e", str(ROOT)], capture_output=True, text=True, check=False
        )
        if editable.returncode != 0:  # show the build backend's chatter only when it failed
            sys.exit(editable.stdout + editable.stderr)
        _mark_installed("project", project)


def main(argv: list[str]) -> int:
    """Dispatch ``app``, ``test``, ``lint`` or ``seminar``."""
    if not argv or argv[0] not in ("app", "test", "lint", "seminar"):
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if extra[:1] == ["--"]:
        extra = extra[1:]  # "tasks.py app -- --server.port 8599" passes the options on
    os.chdir(ROOT)
    if command == "app":
        ensure_env(["requirements.lock"])
        cmd = [str(PYTHON), "-m", "streamlit", "run", "app.py", *extra]
    elif command == "seminar":
        ensure_env(["requirements.lock"])
        # its own options, then "--" and those of every "streamlit run": the "--" stays
        cmd = [str(PYTHON), "-m", "msw_app.replicas", *argv[1:]]
    elif command == "test":
        ensure_env(["requirements.lock", "requirements-dev.lock"])
        # one worker per core (pytest-xdist) unless the caller chose: "-n 0" runs serially
        workers = [] if any(a.startswith("-n") for a in extra) else ["-n", "auto"]
        cmd = [str(PYTHON), "-m", "pytest", *workers, *extra]
    else:
        ensure_env(["requirements.lock", "requirements-dev.lock"])
        cmd = [str(PYTHON), "-m", "ruff", "check", "."]
    with subprocess.Popen(cmd) as proc:
        try:
            return proc.wait()
        except KeyboardInterrupt:  # Ctrl-C reached the child too: let it stop in its own time
            try:
                return proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)
                return proc.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
