"""What a report says about its assumptions: the levers that differ between the scenarios, and
every low-confidence default (L or EST) the scenarios use, with source and confidence.

The rows come from the scenarios' own ``sources`` through :mod:`planner.sources`, the same
tables the app's methodology section shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.schema import Levers, Scenario
from planner.sources import economics_sources_table, sources_table, value_text

LOW_CONFIDENCE = ("L", "EST")
"""Confidence levels a report lists one by one."""

FACILITY_FIELDS = (
    "region",
    "start_year",
    "capacity_t_per_yr",
    "remaining_capacity_t",
    "capex_kzt",
    "capture_share",
    "landfill",
)
"""Fields that describe a new facility or capture in a line (the rest is in the workbook)."""

DIFFERENCE_COLUMNS = ["lever", "values", "source", "confidence"]
"""Columns of :func:`lever_differences`; ``values`` holds one text per scenario."""


def _facility_text(item: dict[str, Any]) -> str:
    shown = {k: item[k] for k in FACILITY_FIELDS if item.get(k) is not None}
    return value_text(shown)


def lever_texts(scenario: Scenario) -> dict[str, str]:
    """The levers a scenario sets, by path, as one line of text each.

    Paths follow the scenario files' ``sources`` keys: a lever's name
    (``collection_coverage``), a new facility or gas capture by id
    (``new_sorting_lines.karazhal_sorting``) and economic levers by name
    (``economics.epr_realisation``).
    """
    dumped = scenario.levers.model_dump(mode="json", exclude_defaults=True)
    out: dict[str, str] = {}
    for name, value in dumped.items():
        if name == "economics" and isinstance(value, dict):
            out |= {f"economics.{k}": value_text(v) for k, v in value.items()}
        elif isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value):
            out |= {f"{name}.{v['id']}": _facility_text(v) for v in value}
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for k, v in enumerate(value):
                key = v.get("landfill") or v.get("region") or str(k + 1)
                out[f"{name}.{key}"] = _facility_text(v) or value_text(v)
        else:
            out[name] = value_text(value)
    return out


def _source_of(scenario: Scenario, path: str) -> tuple[str, str]:
    """Source text and confidence of a lever path (the scenario's ``sources`` entry, else the
    first source of the new facility it names); empty when none is recorded."""
    head, _, rest = path.partition(".")
    for key in (path, head):
        if key in scenario.sources:
            src = scenario.sources[key]
            return src.text, src.confidence.value
    if head in Levers.model_fields and rest:
        for item in getattr(scenario.levers, head, None) or []:
            sources = getattr(item, "sources", None) or {}
            if getattr(item, "id", None) == rest and sources:
                src = next(iter(sources.values()))
                return src.text, src.confidence.value
    return "", ""


def lever_differences(scenarios: Sequence[Scenario]) -> pd.DataFrame:
    """The levers whose value is not the same in every scenario.

    Returns
    -------
    pandas.DataFrame
        :data:`DIFFERENCE_COLUMNS`: the lever's path, a tuple with its value text in each
        scenario (``""`` where the scenario does not set it), and the source and confidence
        recorded by the first scenario that sets it.  Empty for a single scenario.
    """
    texts = [lever_texts(s) for s in scenarios]
    paths = list(dict.fromkeys(p for t in texts for p in t))
    rows = []
    for path in paths:
        values = tuple(t.get(path, "") for t in texts)
        if len(set(values)) <= 1:
            continue
        owner = next(s for s, t in zip(scenarios, texts, strict=True) if path in t)
        source, confidence = _source_of(owner, path)
        rows.append({"lever": path, "values": values, "source": source, "confidence": confidence})
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def all_sources(scenarios: Sequence[Scenario]) -> pd.DataFrame:
    """Every documented figure of the scenarios with source and confidence: each scenario's
    :func:`planner.sources.sources_table` and its baseline's
    :func:`planner.sources.economics_sources_table`, with a ``scenario`` column first; a row
    the scenarios share is listed once (under the first scenario that has it)."""
    frames = []
    for s in scenarios:
        frames += [sources_table(s), economics_sources_table(s)]
        frames[-2].insert(0, "scenario", s.id)
        frames[-1].insert(0, "scenario", s.id)
    table = pd.concat(frames, ignore_index=True)
    key = ["scope", "item", "field", "value", "source", "confidence"]
    return table.drop_duplicates(subset=key).reset_index(drop=True)


def low_confidence_defaults(scenarios: Sequence[Scenario]) -> pd.DataFrame:
    """The L and EST figures of :func:`all_sources`, one row per field and source: ``scope,
    field, items`` (the ids that share that source, in order), ``value`` (of the first),
    ``source, confidence``."""
    table = all_sources(scenarios)
    low = table[table["confidence"].isin(LOW_CONFIDENCE)]
    grouped = low.groupby(["scope", "field", "source", "confidence"], sort=False)
    out = grouped.agg(
        items=("item", lambda s: tuple(dict.fromkeys(i for i in s if i))),
        value=("value", "first"),
    ).reset_index()
    return out[["scope", "field", "items", "value", "source", "confidence"]]
