"""Reading and writing scenario files (TOML or JSON) with clear, per-field errors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.bundled import bundled_scenarios_dir
from planner.messages import Problem, ScenarioError
from planner.schema import Baseline, Scenario

SCENARIO_DIR = bundled_scenarios_dir()
"""The bundled preset scenarios."""


def parse_text(text: str, fmt: str, name: str) -> dict[str, Any]:
    """Parse TOML or JSON text into a dict.

    Parameters
    ----------
    text : str
        File contents.
    fmt : {"toml", "json"}
        Format.
    name : str
        File name for error messages.

    Raises
    ------
    ScenarioError
        When the text is not valid TOML/JSON or not a table at the top level.
    """
    try:
        data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ScenarioError(
            [
                Problem(
                    name,
                    "",
                    "malformed",
                    f"the file is not valid {fmt.upper()}: {exc}",
                    {"format": fmt.upper(), "detail": str(exc)},
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    name,
                    "",
                    "malformed",
                    "top level must be a table",
                    {"format": fmt.upper(), "detail": "top level must be a table/object"},
                )
            ]
        )
    return data


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ScenarioError(
            [
                Problem(
                    str(path),
                    "",
                    "unsupported_format",
                    f"unsupported format {suffix}",
                    {"suffix": suffix or "(none)"},
                )
            ]
        )
    return suffix[1:]


def read_file(path: str | Path) -> dict[str, Any]:
    """Read a TOML or JSON file into a dict, with a :class:`ScenarioError` on failure."""
    path = Path(path)
    fmt = _format_of(path)
    if not path.is_file():
        raise ScenarioError(
            [Problem(str(path), "", "file_missing", f"file not found: {path}", {"path": str(path)})]
        )
    return parse_text(path.read_text(encoding="utf-8"), fmt, str(path))


def _loc_text(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class found by walking ``loc`` from ``model`` (best effort)."""
    import typing

    current: Any = model
    for item in loc:
        if isinstance(item, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        info = current.model_fields.get(str(item))
        if info is None:
            return current if item == loc[-1] else None
        current = _inner_model(info.annotation, typing)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any, typing: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg, typing)
        if found is not None:
            return found
    return None


def problems_from(error: ValidationError, file: str, model: type[BaseModel]) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into :class:`Problem` objects."""
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        # Drop pydantic's union/function tags from the path (e.g. "function-after[...]").
        loc = tuple(
            p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("str", "Baseline")))
        )
        context = {k: v for k, v in (err.get("ctx") or {}).items()}
        context.setdefault("input", err.get("input"))
        if err["type"] == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = sorted(parent.model_fields) if parent else []
            context["allowed"] = ", ".join(allowed)
        field = _loc_text(loc)
        if context.get("where"):
            field = str(context["where"])  # cross-checks know the exact path
        problems.append(Problem(file, field, err["type"], err["msg"], context))
    return problems


def validate_baseline(data: dict[str, Any], file: str) -> Baseline:
    """Validate baseline data; raise :class:`ScenarioError` naming the file and fields."""
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from(exc, file, Baseline)) from None


def scenario_from_dict(data: dict[str, Any], file: str, base_dir: Path | None = None) -> Scenario:
    """Build a validated scenario from a dict, resolving a baseline path against ``base_dir``.

    Raises
    ------
    ScenarioError
        With one :class:`Problem` per invalid field, naming the file it is in.
    """
    data = _with_parent(dict(data), file, base_dir or SCENARIO_DIR, depth=0)
    baseline = data.get("baseline")
    if isinstance(baseline, str):
        if base_dir is None:
            base_dir = SCENARIO_DIR
        baseline_path = (base_dir / baseline).resolve()
        try:
            baseline_data = read_file(baseline_path)
        except ScenarioError as exc:
            # The problem is in this file's `baseline` field: say so.
            raise ScenarioError(
                [Problem(file, "baseline", p.type, p.message, p.context) for p in exc.problems]
            ) from None
        data["baseline"] = validate_baseline(baseline_data, str(baseline_path))
    elif isinstance(baseline, dict):
        data["baseline"] = validate_baseline(baseline, f"{file} (baseline)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from(exc, file, Scenario)) from None


MAX_EXTENDS_DEPTH = 5


def merge_levers(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Levers of a child scenario on top of its parent's.

    Lists (new facilities, campaigns) are concatenated, parent first; tables (trajectories,
    per-material values, the per-district tables and ``economics`` with the tables inside it)
    are merged key by key at every depth; other values are replaced.  So a child that sets
    ``collection_coverage."*" = {2035 = 0.9}`` adds a point to the parent's ``"*"`` trajectory,
    as a child that sets ``participation = {2035 = 0.3}`` adds one to the parent's.
    """
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge_tables(old, value)
        else:
            merged[key] = value
    return merged


def _merge_tables(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Two tables merged key by key, recursively; the child's value wins elsewhere."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        both_tables = isinstance(old, dict) and isinstance(value, dict)
        merged[key] = _merge_tables(old, value) if both_tables else value
    return merged


def _with_parent(data: dict[str, Any], file: str, base_dir: Path, depth: int) -> dict[str, Any]:
    """Resolve ``extends = "other.toml"``: the parent's levers, then this file's on top."""
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data
    if not isinstance(parent_name, str) or depth >= MAX_EXTENDS_DEPTH:
        raise ScenarioError(
            [
                Problem(
                    file,
                    "extends",
                    "malformed",
                    "extends must name one scenario file",
                    {"format": "extends", "detail": "must name one scenario file (max depth 5)"},
                )
            ]
        )
    parent_path = (base_dir / parent_name).resolve()
    parent = _with_parent(read_file(parent_path), str(parent_path), parent_path.parent, depth + 1)
    merged = {k: v for k, v in parent.items() if k in ("baseline", "start_year", "end_year")}
    if isinstance(merged.get("baseline"), str):
        # Keep the parent's baseline path valid relative to this file's folder.
        merged["baseline"] = str((parent_path.parent / merged["baseline"]).resolve())
    merged.update({k: v for k, v in data.items() if k != "levers"})
    merged["levers"] = merge_levers(parent.get("levers", {}), data.get("levers", {}))
    parent_sources = parent.get("sources", {})
    merged["sources"] = {**parent_sources, **data.get("sources", {})}
    return merged


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (TOML or JSON).

    Parameters
    ----------
    path : str or pathlib.Path
        Scenario file.  Its ``baseline`` is a path relative to the file, or inline data.

    Returns
    -------
    Scenario
        The validated scenario with its baseline resolved.

    Raises
    ------
    ScenarioError
        Listing every problem with its file, field path and what is allowed.
    """
    path = Path(path)
    return scenario_from_dict(read_file(path), str(path), path.resolve().parent)


def load_scenario_text(text: str, name: str) -> Scenario:
    """Load a scenario from uploaded text; the format follows ``name``'s suffix.

    A relative baseline path is resolved against the bundled ``scenarios/`` folder.
    """
    fmt = _format_of(Path(name))
    return scenario_from_dict(parse_text(text, fmt, name), name, SCENARIO_DIR)


def validate_file(path: str | Path) -> Scenario | Baseline:
    """Validate a scenario or baseline file (a baseline has ``regions`` at the top level)."""
    path = Path(path)
    data = read_file(path)
    if "regions" in data:
        return validate_baseline(data, str(path))
    return scenario_from_dict(data, str(path), path.resolve().parent)


def scenario_json(scenario: Scenario) -> str:
    """The scenario with its baseline inline, as JSON that :func:`load_scenario` accepts."""
    return scenario.model_dump_json(indent=2, exclude_defaults=False)


def preset_paths(directory: Path = SCENARIO_DIR) -> list[Path]:
    """The preset scenario files: TOML/JSON files directly in ``scenarios/``, sorted."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".toml", ".json"))


def load_presets(directory: Path = SCENARIO_DIR) -> dict[str, Scenario]:
    """All presets by scenario id, in file order."""
    scenarios = [load_scenario(p) for p in preset_paths(directory)]
    return {s.id: s for s in scenarios}
