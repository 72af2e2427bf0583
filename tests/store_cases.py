"""Small scenarios for the storage tests: the one-district scenario under many names."""

from __future__ import annotations

from planner import edit
from planner.schema import Names, Scenario
from tests.conftest import build, one_district_data

_BASE: list[Scenario] = []


def base_scenario() -> Scenario:
    """The one-district scenario (validated once per process)."""
    if not _BASE:
        _BASE.append(build(one_district_data()))
    return _BASE[0]


def named(n: int | str, ident: str = "one") -> Scenario:
    """The one-district scenario named ``Variant <n>`` (a different content hash per ``n``)."""
    text = f"Variant {n}"
    return edit.rename(base_scenario(), ident, Names(ru=text, kk=text, en=text))
