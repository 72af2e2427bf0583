"""Apply the user's lever edits to a scenario and re-validate (no Streamlit here).

An *edit* sets one value in the scenario at a dotted path in the same notation that
:class:`planner.Problem` uses for ``field`` (``levers.recovery_mixed.paper``,
``levers.new_sorting_lines``, ``levers.collection_coverage.*``).  A value of ``None``
removes the key, so the baseline value applies again.  A key that holds dots itself is
quoted: ``sources["economics.epr_realisation"].range``.

A range (:class:`planner.schema.Range`) is edited where the file states it, in the
``sources`` entry of its figure, e.g. ``baseline.regions[0].districts[2].sources.
generation_t_per_cap_yr.range`` or ``levers.new_landfills[0].sources.capex_kzt.range`` (see
:func:`msw_app.views.ranges.range_path`); an edit under ``baseline`` validates the baseline
afresh.

Scenarios are frozen pydantic models: edits work on ``model_dump()`` and the result is
validated afresh (never ``model_copy(update=...)``, which skips validation).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner import resolve
from planner.io import scenario_from_dict
from planner.messages import Problem, ScenarioError
from planner.resolve import (  # noqa: F401  (re-exported: the app imports them from here)
    effective_per_material,
    generation_growth,
    participation_in,
)
from planner.schema import Names, Scenario

_TOKEN = re.compile(r'([^.\[\]"]+)|\[(\d+)\]|\["([^"]+)"\]')


def parse_path(path: str) -> list[str | int]:
    """Split a dotted path into keys and list indices.

    Parameters
    ----------
    path : str
        E.g. ``levers.new_sorting_lines[0].capacity_t_per_yr``.

    Returns
    -------
    list
        ``["levers", "new_sorting_lines", 0, "capacity_t_per_yr"]``; a quoted key
    (``sources["a.b"]``) is one part, dots and all.
    """
    parts: list[str | int] = []
    for name, index, quoted in _TOKEN.findall(path):
        parts.append(int(index) if index else (quoted or name))
    return parts


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set (or, with ``value=None``, remove) the value at ``path`` in nested dicts and lists.

    Parameters
    ----------
    data : dict
        Nested data; changed in place.
    path : str
        Dotted path (see :func:`parse_path`).
    value : object
        New value; ``None`` removes a dict key.

    Returns
    -------
    dict
        ``data``.
    """
    parts = parse_path(path)
    node: Any = data
    for part in parts[:-1]:
        if isinstance(node, dict):
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        else:
            node = node[part]
    last = parts[-1]
    if value is None and isinstance(node, dict):
        node.pop(last, None)
    else:
        node[last] = copy.deepcopy(value)
    return data


def _dump(scenario: Scenario, paths: Iterable[str] = ()) -> dict[str, Any]:
    """The scenario as a dict, with the (already valid) baseline kept as an object unless one
    of ``paths`` edits it (a range of a baseline figure), then as a dict too."""
    data = scenario.model_dump(exclude={"baseline"})
    baseline = scenario.resolved_baseline()
    edits_baseline = any(parse_path(p)[:1] == ["baseline"] for p in paths)
    data["baseline"] = baseline.model_dump() if edits_baseline else baseline
    return data


def apply_edits(scenario: Scenario, edits: Mapping[str, Any], file: str = "edits") -> Scenario:
    """A new scenario with ``edits`` applied, validated.

    Parameters
    ----------
    scenario : Scenario
        The scenario the edits start from (its baseline resolved).
    edits : mapping of str to object
        Path → new value (``None`` removes the key).
    file : str
        Name used in problem reports.

    Returns
    -------
    Scenario
        The edited scenario.

    Raises
    ------
    ScenarioError
        With one problem per invalid field.
    """
    data = _dump(scenario, edits)
    for path, value in edits.items():
        set_path(data, path, value)
        _drop_edited_ranges(data, path)
    return scenario_from_dict(data, file)


def _drop_edited_ranges(data: dict[str, Any], path: str) -> None:
    """An edited lever is the user's value: the range the file stated for the old value (in
    the scenario's ``sources``, keyed by lever path) no longer applies and is dropped."""
    if not path.startswith("levers."):
        return
    lever = path.removeprefix("levers.")
    for key, source in (data.get("sources") or {}).items():
        related = key == lever or key.startswith(lever + ".") or lever.startswith(key + ".")
        if related and isinstance(source, dict) and source.get("range") is not None:
            source["range"] = None


@dataclass(frozen=True)
class EditResult:
    """Outcome of :func:`apply_valid_edits`."""

    scenario: Scenario
    """The scenario with every accepted edit applied."""
    rejected: dict[str, list[Problem]] = field(default_factory=dict)
    """Edits left out, by path, with the problems they cause."""


def problem_path(problem: Problem) -> str:
    """The field a problem is about: its ``field``, or the ``where`` of a cross-check."""
    where = problem.context.get("where") if problem.context else None
    if not problem.field and isinstance(where, str):
        return where
    return problem.field


def edit_for_problem(problem: Problem, paths: list[str]) -> str | None:
    """The edit (among ``paths``) that a problem is about, or ``None``.

    An edit matches when its path equals the problem's field or is a prefix of it (an
    edit of a whole table matches a problem in one of its rows), or when it edits a range in
    the ``sources`` of the model the problem is about (a range is checked by its model; a
    baseline's problems name their field from the baseline, without ``baseline.``).
    """
    where = problem_path(problem)
    field_name = problem.context.get("field") if problem.context else None
    named = f"{field_name}." if isinstance(field_name, str) else ""
    best = None
    for path in paths:
        own = path.removeprefix("baseline.") if path.startswith("baseline.") else path
        in_sources = bool(where) and own.startswith(where + ".sources." + named)
        if (
            where == path
            or where.startswith(path + ".")
            or where.startswith(path + "[")
            or in_sources
        ):
            if best is None or len(path) > len(best):
                best = path
    return best


def apply_valid_edits(scenario: Scenario, edits: Mapping[str, Any]) -> EditResult:
    """Apply as many edits as are valid; report the others with their problems.

    Edits whose path a problem names are left out; a problem that names no edit leaves out
    the most recent remaining edit (``edits`` is in the order they were made).

    Parameters
    ----------
    scenario : Scenario
        The scenario the edits start from.
    edits : mapping of str to object
        Path → value, oldest first.

    Returns
    -------
    EditResult
        The scenario with the accepted edits and the rejected ones with their problems.
    """
    pending = dict(edits)
    rejected: dict[str, list[Problem]] = {}
    while True:
        try:
            return EditResult(apply_edits(scenario, pending), rejected)
        except ScenarioError as exc:
            if not pending:
                raise
            paths = list(pending)
            for problem in exc.problems:
                path = edit_for_problem(problem, paths) or paths[-1]
                rejected.setdefault(path, []).append(problem)
                pending.pop(path, None)


def rename(scenario: Scenario, new_id: str, names: Names) -> Scenario:
    """The scenario under another id and name (validated).

    Raises
    ------
    ScenarioError
        When ``new_id`` is not a valid identifier.
    """
    return apply_edits(scenario, {"id": new_id, "name": names.model_dump()}, file=new_id)


def without_levers(scenario: Scenario, new_id: str, names: Names) -> Scenario:
    """The scenario's baseline with no levers, under another id and name."""
    return apply_edits(
        scenario, {"id": new_id, "name": names.model_dump(), "levers": {}, "sources": {}}
    )


# --------------------------------------------------------------------------------------------
# Effective values: what the projection uses, for widgets to start from.  The rules live in
# planner.resolve; effective_per_material, participation_in and generation_growth are
# re-exported from there.
# --------------------------------------------------------------------------------------------


def coverage_target(scenario: Scenario, district: str = "*") -> tuple[int, float] | None:
    """The last point ``(year, share)`` of a district's own coverage lever (or of the ``"*"``
    lever), or ``None`` if there is none."""
    points = resolve.coverage_points(scenario.levers, district, inherit=False)
    if not points:
        return None
    year = max(points)
    return int(year), float(points[year])


def participation_points(scenario: Scenario) -> dict[int, float]:
    """The participation trajectory [year → share] the projection uses (before campaigns)."""
    points = resolve.participation_points(scenario.resolved_baseline().parameters, scenario.levers)
    return dict(sorted(points.items()))
