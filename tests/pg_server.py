"""A throwaway PostgreSQL server for the storage tests: Debian's ``initdb`` + ``pg_ctl`` on a
free local port in a temporary folder, or the server that ``MSW_PLANNER_TEST_DATABASE_URL``
names.

``initdb`` refuses to run as root, so as root (CI in a container) the cluster belongs to the
``postgres`` user the Debian package creates (else ``nobody``) and every command runs through
``runuser``; a developer's own account runs them directly.  Each test gets a database of its
own (``CREATE DATABASE``), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ENV_TEST_URL = "MSW_PLANNER_TEST_DATABASE_URL"
"""A PostgreSQL server to use instead of a throwaway cluster (its role may create databases)."""


def find_bin(name: str) -> str | None:
    """Path of a PostgreSQL program: on ``PATH``, else Debian's newest
    ``/usr/lib/postgresql/<version>/bin``."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates.sort(key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return candidates[-1] if candidates else None


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> list[str]:
    """The command prefix that runs PostgreSQL's programs as a user that is not root."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run initdb")


@dataclass
class Cluster:
    """A running throwaway cluster."""

    folder: Path
    port: int
    prefix: list[str]
    pg_ctl: str

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the cluster's ``postgres`` database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        subprocess.run(
            [*self.prefix, self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate",
             "-w", "stop"],
            capture_output=True, check=False,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """``initdb`` a new cluster in a temporary folder and start it on a free port.

    Raises
    ------
    FileNotFoundError
        When ``initdb`` or ``pg_ctl`` is not installed.
    RuntimeError
        When the cluster cannot be created or started (with PostgreSQL's output).
    """
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise FileNotFoundError("initdb/pg_ctl not found (install Debian's postgresql package)")
    prefix = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="msw-pg-"))
    if prefix:
        shutil.chown(folder, user=prefix[2])
    data, port = folder / "data", free_port()
    steps = [
        [initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
        [pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o",
         f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
         "-c max_connections=200", "start"],
    ]  # fmt: skip
    for step in steps:
        done = subprocess.run([*prefix, *step], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"{Path(step[0]).name} failed:\n{done.stdout}{done.stderr}{log}")
    return Cluster(folder=folder, port=port, prefix=prefix, pg_ctl=pg_ctl)
