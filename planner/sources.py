"""Methodology: every documented default with its source and confidence, one home for the app's
methodology section and the report (no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.schema import Levers, Scenario


def value_text(value: Any) -> str:
    """A field's value as one line of text (dicts as ``key: value`` pairs, lists joined)."""
    if isinstance(value, dict):
        return ", ".join(f"{_key_text(k)}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "model_dump"):
        return value_text(value.model_dump())
    return str(value)


def _key_text(key: Any) -> str:
    return str(getattr(key, "value", key))


def sources_table(scenario: Scenario) -> pd.DataFrame:
    """Every documented default of the scenario with its source and confidence.

    Walks the baseline (parameters, regions, districts, landfills, sorting lines, composting
    sites), the scenario's new facilities and the scenario's own ``sources``.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (``parameters``, ``region``, ``district``, ``landfill``,
        ``sorting``, ``composting``, ``lever``), ``item`` (id), ``field``, ``value`` (as
        text), ``source`` and ``confidence`` (``H``, ``M``, ``L`` or ``EST``).
    """
    baseline = scenario.resolved_baseline()
    rows: list[dict[str, str]] = []

    def add(scope: str, item: str, model: Any, sources: dict) -> None:
        for field, src in sources.items():
            value = getattr(model, field, None) if model is not None else None
            rows.append(
                {
                    "scope": scope,
                    "item": item,
                    "field": field,
                    "value": "" if value is None else value_text(value),
                    "source": src.text,
                    "confidence": src.confidence.value,
                }
            )

    add("parameters", baseline.id, baseline.parameters, baseline.parameters.sources)
    for region in baseline.regions:
        add("region", region.id, region, region.sources)
        for d in region.districts:
            add("district", d.id, d, d.sources)
        for lf in region.landfills:
            add("landfill", lf.id, lf, lf.sources)
        for s in region.sorting_lines:
            add("sorting", s.id, s, s.sources)
        for c in region.composting_sites:
            add("composting", c.id, c, c.sources)
    levers = scenario.levers
    for kind, scope in (
        ("new_landfills", "landfill"),
        ("new_sorting_lines", "sorting"),
        ("new_composting_sites", "composting"),
    ):
        for f in getattr(levers, kind):
            add(scope, f.id, f, f.sources)
    for path, src in scenario.sources.items():
        head = path.split(".")[0]
        value = getattr(levers, head, None) if head in Levers.model_fields else None
        rows.append(
            {
                "scope": "lever",
                "item": scenario.id,
                "field": path,
                "value": "" if value in (None, {}, []) else value_text(value),
                "source": src.text,
                "confidence": src.confidence.value,
            }
        )
    return pd.DataFrame(rows, columns=["scope", "item", "field", "value", "source", "confidence"])


def confidence_counts(sources: pd.DataFrame) -> pd.Series:
    """Number of documented figures per confidence level (``H``, ``M``, ``L``, ``EST``)."""
    order = ["H", "M", "L", "EST"]
    return sources["confidence"].value_counts().reindex(order, fill_value=0)


ECONOMICS_SOURCE_GROUPS: tuple[str, ...] = (
    "macro",
    "costs",
    "recyclable_prices",
    "epr",
    "finance",
    "tariffs",
    "landfill_gas",
    "composting",
    "gwp",
    "recycling_credits",
    "legacy",
)
"""Groups of the baseline's ``[economics]`` table, in the order of
:func:`economics_sources_table` (``legacy`` is the deposit history of each landfill)."""


def economics_sources_table(scenario: Scenario) -> pd.DataFrame:
    """Every documented economics and climate default of the baseline with its source.

    Parameters
    ----------
    scenario : Scenario
        A scenario with its baseline resolved.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope`` (one of :data:`ECONOMICS_SOURCE_GROUPS`), ``item`` (the landfill id
        for ``legacy``, else empty), ``field``, ``value`` (as text), ``source`` and
        ``confidence`` (``H``, ``M``, ``L`` or ``EST``): one row per entry of the groups'
        ``sources``.  Empty when the baseline has no ``[economics]`` table.
    """
    columns = ["scope", "item", "field", "value", "source", "confidence"]
    econ = scenario.resolved_baseline().economics
    if econ is None:
        return pd.DataFrame(columns=columns)
    climate = econ.climate
    groups: list[tuple[str, str, Any]] = [
        ("macro", "", econ.macro),
        ("costs", "", econ.costs),
        ("recyclable_prices", "", econ.recyclable_prices),
        ("epr", "", econ.epr),
        ("finance", "", econ.finance),
        ("tariffs", "", econ.tariffs),
        ("landfill_gas", "", climate.landfill_gas),
        ("composting", "", climate.composting),
        ("gwp", "", climate.gwp),
        ("recycling_credits", "", climate.recycling_credits),
        *(("legacy", lid, history) for lid, history in climate.legacy.items()),
    ]
    rows = [
        {
            "scope": scope,
            "item": item,
            "field": field,
            "value": value_text(getattr(model, field, "")),
            "source": src.text,
            "confidence": src.confidence.value,
        }
        for scope, item, model in groups
        for field, src in model.sources.items()
    ]
    return pd.DataFrame(rows, columns=columns)
