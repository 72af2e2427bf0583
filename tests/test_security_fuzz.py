"""Fuzzing the loader: whatever the bytes, the answer is a valid scenario or the project's own,
translated problem list, never another exception (issue #10).

Derandomised in CI by the ``ci`` profile of ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io import SCENARIO_DIR, load_scenario, load_scenario_text, read_file
from planner.messages import TEMPLATES, ScenarioError, is_translated
from planner.schema import Scenario

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PRESET = read_file(SCENARIO_DIR / "03_separate_collection_campaign.toml")
"""A preset that extends another, as plain data: the base that mutations start from."""


def accept(call, *args) -> None:
    """``call(*args)`` returns a Scenario or raises a ScenarioError of known, translated
    problems; any other exception fails the test."""
    try:
        result = call(*args)
    except ScenarioError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.type in TEMPLATES, problem
            assert is_translated(problem), problem
        return
    assert isinstance(result, Scenario)


def on_disk(data: bytes, name: str) -> None:
    """The same through :func:`load_scenario` on a temporary file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        accept(load_scenario, path)


# -- values and documents ----------------------------------------------------------------------

KEYS = st.one_of(
    st.sampled_from(
        ["id", "name", "baseline", "extends", "levers", "sources", "end_year", "ru", "2030"]
    ),
    st.text(max_size=12),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["abai_ulytau", "../pyproject.toml", "/etc/passwd", "02_announced_projects"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)


def toml_value(value: Any) -> str:
    """A TOML literal (inline form) for ``value``; ``None`` has no TOML form: an empty table."""
    if value is None:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(data: dict) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in data.items())


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["a.toml", "a.json"]))
def test_random_bytes(data, name):
    accept(load_scenario_text, data, name)
    on_disk(data, name)


@FUZZ
@given(st.dictionaries(KEYS, DOCUMENTS, max_size=6))
def test_random_json_and_toml_documents(data):
    text = json.dumps(data)
    accept(load_scenario_text, text, "a.json")
    on_disk(text.encode("utf-8", errors="surrogatepass"), "a.json")
    toml = toml_document(data)
    accept(load_scenario_text, toml, "a.toml")
    on_disk(toml.encode("utf-8", errors="surrogatepass"), "a.toml")


@FUZZ
@given(
    st.integers(min_value=0, max_value=3000),
    st.sampled_from(["[", "{", "a."]),
    st.sampled_from(["toml", "json"]),
)
def test_random_nesting(depth, opener, fmt):
    if opener == "a.":
        text = "a" + ".a" * depth + " = 1\n"
    elif fmt == "json":
        closer = "]" if opener == "[" else "}"
        inner = opener + ('"k": ' if opener == "{" else "")
        text = '{"id": ' + inner * depth + ("1" if opener == "[" else "1") + closer * depth + "}"
    else:
        inner = "[" if opener == "[" else "{k = "
        text = "id = " + inner * depth + "1" + ("]" if opener == "[" else "}") * depth + "\n"
    accept(load_scenario_text, text, f"a.{fmt}")
    on_disk(text.encode(), f"a.{fmt}")


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


PRESET_PATHS = [p for p in _paths(PRESET) if p]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PRESET_PATHS), DOCUMENTS), min_size=1, max_size=3))
def test_mutated_presets(mutations):
    """A real preset with some values replaced by random ones (the likeliest upload)."""
    data = json.loads(json.dumps(PRESET))
    for path, value in mutations:
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(data)
    accept(load_scenario_text, text, "m.json")
    accept(load_scenario_text, toml_document(data), "m.toml")
