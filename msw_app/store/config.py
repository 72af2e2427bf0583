"""Where the store lives: the data folder, the database URL and the limits of a room.

No Streamlit here: the app layer reads a Streamlit secret of the same name and passes it in
(:func:`database_url` takes it as ``secret``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_DATA_DIR = "MSW_PLANNER_DATA_DIR"
"""Environment variable that moves the data folder (the SQLite file lives there)."""
ENV_DATABASE_URL = "MSW_PLANNER_DATABASE_URL"
"""Environment variable (or Streamlit secret) naming a database, e.g. PostgreSQL."""
SQLITE_FILE = "planner.sqlite3"
"""File name of the embedded database in the data folder."""

MAX_SCENARIO_JSON_BYTES = 2_000_000
"""Largest scenario JSON the store accepts [bytes] (the upload limit, ``planner.parsing``)."""
MAX_DISPLAY_NAME_CHARS = 60
"""Longest participant display name or author label [characters]."""
MAX_TITLE_CHARS = 120
"""Longest room title [characters]."""
MAX_SUBMISSIONS_PER_PARTICIPANT = 10
"""Default limit of submissions one participant may send to a room."""
MAX_SUBMISSIONS_PER_ROOM = 300
"""Default limit of submissions in one room."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The data folder: ``$MSW_PLANNER_DATA_DIR``, else ``$XDG_DATA_HOME/msw-planner``, else
    ``~/.local/share/msw-planner`` (not created here)."""
    env = os.environ if environ is None else environ
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "msw-planner"


def normalise_url(url: str) -> str:
    """A database URL for SQLAlchemy: ``postgres://`` and ``postgresql://`` use psycopg 3
    (``postgresql+psycopg://``); other URLs stay as they are."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def database_url(environ: Mapping[str, str] | None = None, secret: str | None = None) -> str:
    """The database to use: ``$MSW_PLANNER_DATABASE_URL``, else ``secret`` (the Streamlit
    secret of that name), else the SQLite file in :func:`data_dir` (the folder is created)."""
    env = os.environ if environ is None else environ
    named = env.get(ENV_DATABASE_URL) or secret
    if named:
        return normalise_url(named.strip())
    folder = data_dir(env)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / SQLITE_FILE}"
