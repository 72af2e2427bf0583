"""Presenter of the ranges table on the Sensitivity page (Streamlit-free).

Each uncertain input of a scenario (:func:`planner.uncertainty.inputs.uncertain_inputs`) is
one row: its reader's name, default, low, high, distribution, confidence and reasoning.  The
range lives in the ``sources`` entry of its figure; :func:`range_path` names that place as an
edit path (:mod:`planner.edit`), and an edited row becomes one edit that sets the whole range
(``{low, high, distribution, reasoning}``), so the model validates it as it validates a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from msw_app import i18n
from msw_app.views.uncertainty import input_label
from planner.edit import parse_path
from planner.schema import Scenario, Source
from planner.uncertainty.inputs import UncertainInput, uncertain_inputs

DISTRIBUTIONS = ("triangular", "uniform", "pert")
"""The shapes a range may take (:data:`planner.schema.types.Distribution`)."""

EDITABLE = ("low", "high", "distribution")
"""Columns of the table the user may edit."""

_FACILITY_LISTS = ("landfills", "sorting_lines", "composting_sites")


def _baseline_facility_path(scenario: Scenario, ident: str) -> str | None:
    for i, region in enumerate(scenario.resolved_baseline().regions):
        for name in _FACILITY_LISTS:
            for j, f in enumerate(getattr(region, name)):
                if f.id == ident:
                    return f"baseline.regions[{i}].{name}[{j}]"
    return None


def _lever_facility_path(scenario: Scenario, ident: str) -> str | None:
    for name in _FACILITY_LISTS:
        for j, f in enumerate(getattr(scenario.levers, f"new_{name}")):
            if f.id == ident:
                return f"levers.new_{name}[{j}]"
    return None


def _district_path(scenario: Scenario, ident: str) -> str | None:
    for i, region in enumerate(scenario.resolved_baseline().regions):
        for j, d in enumerate(region.districts):
            if d.id == ident:
                return f"baseline.regions[{i}].districts[{j}]"
    return None


def range_path(scenario: Scenario, key: str) -> str:
    """The edit path of the range of an uncertain input (its ``sources`` entry's ``range``).

    Parameters
    ----------
    scenario : Scenario
        The scenario the input belongs to.
    key : str
        :attr:`UncertainInput.key`, e.g. ``districts.semey.generation_t_per_cap_yr``.

    Returns
    -------
    str
        E.g. ``baseline.regions[0].districts[0].sources.generation_t_per_cap_yr.range``;
        ``sources["economics.epr_realisation"].range`` for a lever's range.

    Raises
    ------
    KeyError
        When the key names no figure of the scenario.
    """
    head, _, rest = key.partition(".")
    if head == "levers":
        return f'sources["{rest}"].range'
    if head == "parameters":
        return f"baseline.parameters.sources.{rest}.range"
    if head == "economics":
        group, _, field = rest.rpartition(".")
        return f"baseline.economics.{group}.sources.{field}.range"
    ident, _, field = rest.partition(".")
    if head == "legacy":
        return f"baseline.economics.climate.legacy.{ident}.sources.{field}.range"
    if head == "districts":
        owner = _district_path(scenario, ident)
    elif head == "facilities":
        owner = _baseline_facility_path(scenario, ident) or _lever_facility_path(scenario, ident)
    else:
        owner = None
    if owner is None:
        raise KeyError(key)
    return f"{owner}.sources.{field}.range"


def source_at(scenario: Scenario, path: str) -> Source:
    """The ``sources`` entry a range path (:func:`range_path`) lies in."""
    node: Any = scenario
    for part in parse_path(path)[:-1]:
        if isinstance(part, int):
            node = node[part]
        elif isinstance(node, dict):
            node = node[part]
        elif part == "baseline" and node is scenario:
            node = scenario.resolved_baseline()
        else:
            node = getattr(node, part)
    return node


def distribution_labels(lang: str) -> dict[str, str]:
    """Translated label of each distribution, by its name in the file."""
    return {d: i18n.t(f"ranges.dist.{d}", lang) for d in DISTRIBUTIONS}


def _row(
    scenario: Scenario, u: UncertainInput, drafts: Mapping[str, Any], lang: str
) -> dict[str, Any]:
    path = range_path(scenario, u.key)
    source = source_at(scenario, path)
    draft = drafts.get(path)
    entered = draft if isinstance(draft, Mapping) else {}
    labels = distribution_labels(lang)
    distribution = entered.get("distribution", u.distribution)
    return {
        "path": path,
        "name": input_label(u.key, scenario, lang),
        "default": u.default,
        "factor": u.is_factor,
        "low": entered.get("low", u.low),
        "high": entered.get("high", u.high),
        "distribution": labels.get(distribution, distribution),
        "confidence": i18n.t(f"confidence.{source.confidence.value}", lang),
        "reasoning": u.reasoning,
        "source": source.text,
    }


def range_rows(
    scenario: Scenario, lang: str, drafts: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """One row per uncertain input of the scenario, in the model's order.

    Parameters
    ----------
    scenario : Scenario
        The scenario in focus (the last valid one).
    lang : str
        Language of the names, distribution labels and confidences.
    drafts : mapping of str to object, optional
        The user's edits by path (valid or not): a range the user entered shows as entered,
        so a refused value stays in the table next to its message.

    Returns
    -------
    list of dict
        ``path, name, default, factor, low, high, distribution, confidence, reasoning,
        source``; ``default``, ``low`` and ``high`` in the figure's unit, or factors [-] on a
        table of values when ``factor`` (default 1).
    """
    drafts = drafts or {}
    return [_row(scenario, u, drafts, lang) for u in uncertain_inputs(scenario)]


def _number(value: Any) -> Any:
    """A cell's number as a float; anything else (an empty cell) as it is, for the model to
    refuse with its own message."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def range_edits(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]], lang: str
) -> dict[str, dict[str, Any]]:
    """The edits of the rows the user changed: path → the whole range.

    Parameters
    ----------
    before, after : sequence of mapping
        The rows of :func:`range_rows` and the same rows as the table returns them.
    lang : str
        Language of the distribution labels in the rows.

    Returns
    -------
    dict
        ``{path: {"low", "high", "distribution", "reasoning"}}`` for each changed row.
    """
    names = {label: code for code, label in distribution_labels(lang).items()}
    edits: dict[str, dict[str, Any]] = {}
    for old, new in zip(before, after, strict=True):
        if all(old[c] == new[c] for c in EDITABLE):
            continue
        edits[old["path"]] = {
            "low": _number(new["low"]),
            "high": _number(new["high"]),
            "distribution": names.get(new["distribution"], new["distribution"]),
            "reasoning": old["reasoning"],
        }
    return edits
