"""Reading an uploaded scenario file: in memory, checked before it is parsed.

The order is: the name's ending (``.toml``/``.json``), the size (:data:`MAX_UPLOAD_BYTES`),
the bytes (empty, binary, UTF-16, a byte order mark, not UTF-8), and only then the model's
parser and validation (:func:`planner.io.load_scenario_text`).  A refusal before parsing is an
:class:`UploadRefused` with a catalog key (translated by the page); a problem of the file's
content is the model's :class:`planner.messages.Problem` list, of which the page lists the
first :data:`MAX_PROBLEMS_SHOWN`.  The bytes are never written anywhere: Streamlit keeps an
upload in memory, and this module only decodes it.  No Streamlit here.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from planner.io import MAX_SCENARIO_BYTES, load_scenario_text
from planner.messages import Problem, ScenarioError
from planner.schema import Scenario

MAX_UPLOAD_BYTES = MAX_SCENARIO_BYTES
"""Largest scenario file the app reads [bytes]: the bundled ones are a few tens of kB.
The same limit as ``server.maxUploadSize`` (2, in MB of 1024 × 1024 bytes) in
``.streamlit/config.toml``."""
SUFFIXES = (".toml", ".json")
"""File endings of scenario files."""
MAX_PROBLEMS_SHOWN = 20
"""Problems listed for a rejected file; the others are counted ("and N more")."""
MAX_FILE_NAME_CHARS = 120
"""A longer uploaded file name is shortened in messages (the name is the user's text)."""


@dataclass
class UploadRefused(Exception):
    """An upload refused before parsing: a catalog key of the app and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadResult:
    """What became of an upload: a scenario, a refusal, or the (bounded) problems."""

    file: str
    """The file's name as shown (its last part, shortened)."""
    scenario: Scenario | None = None
    refused: UploadRefused | None = None
    problems: tuple[Problem, ...] = ()
    """The first :data:`MAX_PROBLEMS_SHOWN` problems."""
    n_problems: int = 0
    """How many problems there were in all."""


def shown_name(name: str) -> str:
    """The last part of an uploaded file's name, at most :data:`MAX_FILE_NAME_CHARS` long."""
    last = PurePath(str(name).replace("\\", "/")).name or str(name)
    if len(last) > MAX_FILE_NAME_CHARS:
        return last[: MAX_FILE_NAME_CHARS - 1] + "…"
    return last


def check_name_and_size(name: str, size_bytes: int) -> None:
    """Refuse a file that is not a scenario file by its ending, or too large [bytes]."""
    if PurePath(name).suffix.lower() not in SUFFIXES:
        raise UploadRefused("data.upload_wrong_type")
    if size_bytes > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            "data.upload_too_big",
            {"size_mb": size_bytes / 1024 / 1024, "limit_mb": MAX_UPLOAD_BYTES / 1024 / 1024},
        )


def decode(data: bytes) -> str:
    """The text of a scenario file's bytes (UTF-8), or an :class:`UploadRefused` that says
    why it cannot be read: empty, UTF-16, a byte order mark, binary data, not UTF-8."""
    if not data.strip():
        raise UploadRefused("data.upload_empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadRefused("data.upload_utf16")
    if data.startswith(codecs.BOM_UTF8):
        raise UploadRefused("data.upload_bom")
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte order mark has a zero in every other byte of ASCII text.
        zeros = head[1::2].count(0) + head[0::2].count(0)
        ascii_utf16 = zeros * 2 >= len(head) * 0.8
        raise UploadRefused("data.upload_utf16" if ascii_utf16 else "data.upload_binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRefused("data.upload_not_utf8", {"position": exc.start + 1}) from None


def read_upload(name: str, data: bytes) -> UploadResult:
    """Check, decode and validate an uploaded scenario file, all in memory.

    Parameters
    ----------
    name : str
        The file's name as the browser sent it.
    data : bytes
        The file's content.

    Returns
    -------
    UploadResult
        The scenario, or why it was refused, or its first problems and their count.
    """
    file = shown_name(name)
    try:
        check_name_and_size(file, len(data))
        text = decode(data)
        scenario = load_scenario_text(text, file)
    except UploadRefused as refused:
        return UploadResult(file, refused=refused)
    except ScenarioError as exc:
        problems = tuple(exc.problems[:MAX_PROBLEMS_SHOWN])
        return UploadResult(file, problems=problems, n_problems=exc.total)
    return UploadResult(file, scenario=scenario)
