"""Scenario text to a plain dict, safely: encoding, size, nesting and key-count limits.

Every failure is one :class:`~planner.messages.Problem` the user can act on, never a Python
exception: binary content, UTF-16/UTF-32 text, text that is not UTF-8, a file over
:data:`MAX_SCENARIO_BYTES`, nesting deeper than :data:`MAX_NESTING_DEPTH` (checked on the raw
text *before* the recursive TOML/JSON parsers run, so a file nested 10,000 levels deep cannot
raise ``RecursionError``), more than :data:`MAX_VALUES` keys and list items, keys longer than
:data:`MAX_KEY_LENGTH` characters.  A UTF-8 byte-order mark is stripped and the file accepted
(Windows Notepad writes one; refusing it would only annoy).

The limits are generous for real scenarios: the bundled baseline (every district, facility and
economic parameter of two regions) is 64 kB, nests 7 levels and holds about 1,600 values.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from planner.messages import Problem, ScenarioError

MAX_SCENARIO_BYTES = 2_000_000
"""Largest scenario or baseline file accepted [bytes] (2 MB, ~30 times the bundled baseline);
the app can pass it to its upload widget.  Larger texts are refused before they are parsed."""

MAX_NESTING_DEPTH = 32
"""Deepest nesting of tables and lists accepted (the bundled files nest 7 levels)."""

MAX_VALUES = 20_000
"""Most keys and list items a file may hold in all (the bundled baseline holds ~1,600)."""

MAX_KEY_LENGTH = 200
"""Longest key accepted [characters]; ids are at most 64, source keys are lever paths."""

FORMATS = ("toml", "json")
"""Scenario file formats, by suffix without the dot."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def _fail(name: str, kind: str, message: str, **context: Any) -> ScenarioError:
    """A :class:`ScenarioError` with one problem of ``kind`` about the whole file ``name``."""
    return ScenarioError([Problem(name, "", kind, message.format(**context), context)])


def check_size(size_bytes: int, name: str) -> None:
    """Refuse a text larger than :data:`MAX_SCENARIO_BYTES` (problem ``too_large``)."""
    if size_bytes > MAX_SCENARIO_BYTES:
        raise _fail(
            name,
            "too_large",
            "the file is too large ({size_mb} MB); at most {max_mb} MB",
            size_mb=round(size_bytes / 1e6, 1),
            max_mb=round(MAX_SCENARIO_BYTES / 1e6, 1),
        )


def decode_bytes(data: bytes, name: str) -> str:
    """The text of a scenario file's bytes (UTF-8; a UTF-8 byte-order mark is dropped).

    Raises
    ------
    ScenarioError
        ``too_large``, ``utf16_file`` (UTF-16 or UTF-32, with or without a byte-order mark),
        ``binary_file`` (NUL bytes) or ``not_utf8`` (with the byte offset).
    """
    check_size(len(data), name)
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise _fail(name, "utf16_file", "the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise _fail(name, "binary_file", "the file is binary, not a TOML or JSON text")
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(
            name,
            "not_utf8",
            "the file is not UTF-8 text (byte {offset}); save it as UTF-8",
            offset=exc.start,
        ) from None


def _looks_utf16(data: bytes) -> bool:
    """Whether ``data`` looks like BOM-less UTF-16: NUL in every other byte of its start."""
    head = data[:64]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) >= len(even) * 0.75 or odd.count(0) >= len(odd) * 0.75


def clean_text(text: str, name: str) -> str:
    """Text given as ``str`` (an upload already decoded): size checked, leading BOM dropped."""
    if len(text) > MAX_SCENARIO_BYTES or len(_utf8(text)) > MAX_SCENARIO_BYTES:
        check_size(max(len(text), len(_utf8(text))), name)
    if "\x00" in text:
        raise _fail(name, "binary_file", "the file is binary, not a TOML or JSON text")
    return text.removeprefix("\ufeff")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


_TOML_TOKENS = re.compile(
    r"""
    \"\"\"(?:[^\\]|\\.)*?(?:\"\"\"|\Z)    # multi-line basic string
    | '''.*?(?:'''|\Z)                # multi-line literal string
    | "(?:[^"\\\n]|\\.)*"?            # basic string (ends at the line's end if unclosed)
    | '[^'\n]*'?                      # literal string
    | \#[^\n]*                        # comment
    | [][{},=\n.]                     # structure
    """,
    re.VERBOSE | re.DOTALL,
)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[][{},\n]', re.DOTALL)


def nesting_depth(text: str, fmt: str) -> int:
    """Deepest ``[``/``{`` nesting of TOML or JSON text, outside strings and comments.

    One regular-expression scan, no recursion; strings are skipped as the format defines them
    (TOML also has ``'literal'`` strings, triple-quoted strings and ``#`` comments), so
    brackets inside texts do not count.  The dots of a dotted TOML key (``a.b.c = 1``) count
    as levels too: the parser nests them, slowly (a 5,000-part key takes seconds).  Exact
    enough to bound the parsers' recursion and work.
    """
    depth = deepest = dots = 0
    tokens = _TOML_TOKENS if fmt == "toml" else _JSON_TOKENS
    for found in tokens.finditer(text):
        ch = found.group()[0]
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
        if ch == ".":
            dots += 1
            deepest = max(deepest, depth + dots)
        elif ch in "[]{},=\n":
            dots = 0
    return deepest


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


_TOML_END = "(at end of document)"


def _parse_error(exc: Exception, fmt: str, name: str, source: str) -> ScenarioError:
    """A translated ``malformed`` problem with the line and column the parser reports."""
    if isinstance(exc, json.JSONDecodeError):
        detail, line, column = exc.msg, exc.lineno, exc.colno
    else:
        text = str(exc)
        found = _TOML_POSITION.search(text)
        detail = _TOML_POSITION.sub("", text).replace(_TOML_END, "").strip()
        detail = detail or type(exc).__name__
        if found:
            line, column = int(found[1]), int(found[2])
        else:  # at the end of the text (or a number too long to convert): its last character
            lines = source.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
    return _fail(
        name,
        "malformed",
        "the file is not valid {format} (line {line}, column {column}): {detail}",
        format=fmt.upper(),
        line=line,
        column=column,
        detail=detail[:200],
    )


def parse_text(text: str, fmt: str, name: str) -> dict[str, Any]:
    """Parse TOML or JSON text into a dict, within the limits of this module.

    Parameters
    ----------
    text : str
        File contents.
    fmt : {"toml", "json"}
        Format.
    name : str
        File name for error messages (the name the user gave, never a server path).

    Raises
    ------
    ScenarioError
        One problem: ``too_large``, ``binary_file``, ``too_deep``, ``malformed``,
        ``not_a_table``, ``too_many_values`` or ``key_too_long``.
    """
    text = clean_text(text, name)
    check_depth(nesting_depth(text, fmt), name)
    try:
        data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except RecursionError:  # pragma: no cover - the depth scan runs first
        raise _fail(
            name, "too_deep", _TOO_DEEP, depth=MAX_NESTING_DEPTH + 1, max=MAX_NESTING_DEPTH
        ) from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # ValueError: e.g. a 5,000-digit int
        raise _parse_error(exc, fmt, name, text) from None
    if not isinstance(data, dict):
        raise _fail(name, "not_a_table", "the top level must be a table (an object in JSON)")
    check_structure(data, name)
    return data


_TOO_DEEP = "tables and lists are nested {depth} levels deep; at most {max}"


def check_depth(depth: int, name: str) -> None:
    """Refuse nesting deeper than :data:`MAX_NESTING_DEPTH` (problem ``too_deep``)."""
    if depth > MAX_NESTING_DEPTH:
        raise _fail(name, "too_deep", _TOO_DEEP, depth=depth, max=MAX_NESTING_DEPTH)


def check_structure(data: Any, name: str) -> None:
    """Refuse data nested too deep, with too many values or too long keys (no recursion).

    Dotted TOML keys (``a.b.c = 1``) nest without brackets, and dicts may come from code
    rather than text: this walk checks the parsed data itself.
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = list(value.values())
            long_keys = [k for k in value if isinstance(k, str) and len(k) > MAX_KEY_LENGTH]
            if long_keys:
                raise _fail(
                    name,
                    "key_too_long",
                    "a key is {length} characters long; at most {max}",
                    length=len(long_keys[0]),
                    max=MAX_KEY_LENGTH,
                )
        elif isinstance(value, (list, tuple)):
            children = list(value)
        else:
            continue
        check_depth(depth + 1, name)
        count += len(children)
        if count > MAX_VALUES:
            raise _fail(
                name,
                "too_many_values",
                "the file holds more than {max} keys and list items",
                max=MAX_VALUES,
            )
        stack.extend((child, depth + 1) for child in children)
