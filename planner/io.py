"""Reading scenario files (TOML or JSON) safely, with clear, per-field errors.

Where a scenario's ``baseline`` and ``extends`` may point:

- a **bundled name**: a preset of :data:`SCENARIO_DIR` by file name or stem
  (``extends = "02_announced_projects"``), a baseline of ``scenarios/baseline/`` by file name,
  stem or ``baseline/`` path (``baseline = "abai_ulytau"``);
- from a file loaded from disk (the command line, the bundled presets), also a **relative path
  to a file under that file's folder**, never above it: absolute paths, ``..`` and symbolic
  links that lead out of the folder are refused before anything is read.  Uploaded text
  (:func:`load_scenario_text`) may name bundled files only.

Messages name files only as the user wrote them or by their bundled name, never by a server
path; a missing name lists the bundled names without saying what else exists on disk; a file
that is named but is not a scenario or baseline is called so, without quoting its keys or values.
Text limits (size, encoding, nesting, key counts) are in :mod:`planner.parsing`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from planner.bundled import bundled_scenarios_dir
from planner.messages import Problem, ScenarioError, shown
from planner.parsing import (
    FORMATS,
    MAX_NESTING_DEPTH,
    MAX_SCENARIO_BYTES,
    MAX_VALUES,
    check_size,
    check_structure,
    decode_bytes,
    parse_text,
)
from planner.schema import Baseline, Scenario

__all__ = [
    "MAX_EXTENDS_DEPTH",
    "MAX_NESTING_DEPTH",
    "MAX_SCENARIO_BYTES",
    "MAX_VALUES",
    "SCENARIO_DIR",
    "bundled_baselines",
    "bundled_presets",
    "load_presets",
    "load_scenario",
    "load_scenario_bytes",
    "load_scenario_text",
    "merge_levers",
    "parse_text",
    "preset_paths",
    "problems_from",
    "read_file",
    "resolve_cli_file",
    "scenario_from_dict",
    "scenario_json",
    "validate_baseline",
    "validate_file",
]

SCENARIO_DIR = bundled_scenarios_dir()
"""The bundled preset scenarios."""

MAX_EXTENDS_DEPTH = 5
"""Longest chain of ``extends`` (a preset that extends one that extends ...)."""

MAX_REFERENCE_LENGTH = 200
"""Longest ``baseline`` or ``extends`` name looked up [characters]."""

Kind = Literal["baseline", "scenario"]


# --------------------------------------------------------------------------------------------
# Files and the names users give them
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a scenario or baseline text comes from.

    Attributes
    ----------
    shown : str
        Its name in messages: as the user wrote it, or its bundled name.
    path : Path or None
        The real file (symbolic links resolved); ``None`` for uploaded text.
    folder : Path or None
        The folder whose files it may name; ``None``: bundled names only.
    """

    shown: str
    path: Path | None = None
    folder: Path | None = None


def _bundled_origin(path: Path) -> Origin:
    """The origin of a bundled file, named relative to :data:`SCENARIO_DIR`."""
    real = path.resolve()
    return Origin(real.relative_to(SCENARIO_DIR.resolve()).as_posix(), real, SCENARIO_DIR.resolve())


def preset_paths(directory: Path = SCENARIO_DIR) -> list[Path]:
    """The preset scenario files: TOML/JSON files directly in ``scenarios/``, sorted."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".toml", ".json"))


def bundled_presets() -> dict[str, Path]:
    """The bundled presets by file stem (``02_announced_projects``)."""
    return {p.stem: p for p in preset_paths()}


@functools.cache
def bundled_baselines() -> dict[str, Path]:
    """The bundled baselines (files of ``scenarios/baseline/`` with ``regions``) by stem."""
    found = {}
    for path in preset_paths(SCENARIO_DIR / "baseline"):
        try:
            if "regions" in read_file(path):
                found[path.stem] = path
        except ScenarioError:  # pragma: no cover - the bundled files are checked by tests
            continue
    return found


def _aliases(kind: Kind) -> dict[str, Path]:
    """Every name a file may use for a bundled preset or baseline."""
    table = bundled_baselines() if kind == "baseline" else bundled_presets()
    names: dict[str, Path] = {}
    for stem, path in table.items():
        names[stem] = names[path.name] = path
        if kind == "baseline":
            names[f"baseline/{stem}"] = names[f"baseline/{path.name}"] = path
    return names


def _bundled_list(kind: Kind) -> str:
    """The bundled names of ``kind``, for messages."""
    table = bundled_baselines() if kind == "baseline" else bundled_presets()
    return ", ".join(sorted(table))


def _reference_problem(
    origin: Origin, field: str, problem_type: str, message: str, **ctx: Any
) -> ScenarioError:
    """A :class:`ScenarioError` about ``origin``'s ``field`` (a file name it gives)."""
    return ScenarioError([Problem(origin.shown, field, problem_type, message.format(**ctx), ctx)])


def shown_reference(name: str) -> str:
    """A ``baseline``/``extends`` value as messages may show it: a name that is a path
    (absolute, a drive, or climbing with ``..``) shows as ``…/`` and its last part, so no
    message ever repeats a server path, even one the user typed."""
    posix = name.replace("\\", "/")
    parts = [p for p in posix.split("/") if p]
    is_path = posix.startswith("/") or ":" in posix[:3] or ".." in parts
    return shown("…/" + parts[-1] if is_path and parts else name)


def resolve_reference(name: Any, kind: Kind, origin: Origin, field: str) -> Origin:
    """The file that ``name`` (a ``baseline`` or ``extends`` value of ``origin``) refers to.

    A file under ``origin.folder`` comes first (when ``origin`` may name files), then a bundled
    name.  Nothing outside the folder is looked at, whether it exists or not.

    Raises
    ------
    ScenarioError
        ``reference_type`` (not a text), ``reference_outside`` (absolute, ``..`` or a link out
        of the folder), ``unknown_baseline`` / ``unknown_preset`` (listing the bundled names).
    """
    if not isinstance(name, str) or not name.strip():
        raise _reference_problem(
            origin,
            field,
            "reference_type",
            "must name a bundled {kind} or a file, got {input}",
            kind=kind,
            input=shown(name),
        )
    plain = len(name) <= MAX_REFERENCE_LENGTH and name.isprintable()
    if plain and origin.folder is not None:
        local = _local_file(name, origin, field)
        if local is not None:
            return local
    bundled = _aliases(kind).get(name) if plain else None
    if bundled is not None:
        return _bundled_origin(bundled)
    unknown = "unknown_baseline" if kind == "baseline" else "unknown_preset"
    raise _reference_problem(
        origin,
        field,
        unknown,
        "{name} is not a bundled {kind}; bundled: {allowed}",
        name=shown_reference(name),
        kind=kind,
        allowed=_bundled_list(kind),
    )


def _local_file(name: str, origin: Origin, field: str) -> Origin | None:
    """The file ``name`` under ``origin.folder``, or ``None`` when there is none."""
    folder = origin.folder
    assert folder is not None
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in name:
        raise _outside(name, origin, field)
    try:
        real = (folder / relative).resolve()
        if not real.is_relative_to(folder.resolve()):
            raise _outside(name, origin, field)
        if not real.is_file():
            return None
    except (OSError, RuntimeError, ValueError):
        return None
    return Origin(name, real, real.parent)


def _outside(name: str, origin: Origin, field: str) -> ScenarioError:
    return _reference_problem(
        origin,
        field,
        "reference_outside",
        "{name} points outside the folder of {file}; name a bundled file or a file beside it",
        name=shown_reference(name),
        file=origin.shown,
    )


def _format_of(name: str, origin_shown: str | None = None, field: str = "") -> str:
    """``toml`` or ``json`` from the suffix of ``name``."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix[1:] not in FORMATS:
        raise ScenarioError(
            [
                Problem(
                    origin_shown or name,
                    field,
                    "unsupported_format",
                    f"unsupported format {suffix}",
                    {"suffix": shown(suffix or "(none)")},
                )
            ]
        )
    return suffix[1:]


def _read_bytes(path: Path, name: str) -> bytes:
    """The bytes of ``path``, refusing a file over the size limit before reading it."""
    try:
        with path.open("rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size, name)
            data = handle.read(MAX_SCENARIO_BYTES + 1)
    except OSError:
        raise ScenarioError(
            [Problem(name, "", "file_unreadable", "the file cannot be read", {"name": name})]
        ) from None
    check_size(len(data), name)
    return data


def read_origin(origin: Origin) -> dict[str, Any]:
    """The parsed data of a file (see :func:`read_file`)."""
    assert origin.path is not None
    fmt = _format_of(origin.path.name, origin.shown)
    text = decode_bytes(_read_bytes(origin.path, origin.shown), origin.shown)
    return parse_text(text, fmt, origin.shown)


def read_file(path: str | Path, name: str | None = None) -> dict[str, Any]:
    """Read a TOML or JSON file the caller chose into a dict.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    name : str, optional
        Its name in messages; ``path`` as given by default.

    Raises
    ------
    ScenarioError
        ``unsupported_format``, ``file_missing``, ``file_unreadable`` or a problem of
        :func:`planner.parsing.parse_text`.
    """
    path = Path(path)
    name = str(path) if name is None else name
    if not path.is_file():
        raise ScenarioError(
            [
                Problem(
                    name,
                    "",
                    "file_missing",
                    f"file not found: {name}",
                    {"path": name, "allowed": _bundled_list("scenario")},
                )
            ]
        )
    _format_of(path.name, name)
    return read_origin(Origin(name, path.resolve(), path.resolve().parent))


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


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
        raw = err.get("input")
        context["input"] = shown(raw)
        if isinstance(raw, str):
            context["length"] = len(raw)
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


def _looks_like(data: dict[str, Any], model: type[BaseModel], required: str) -> bool:
    """Whether ``data`` is shaped as ``model`` (its keys are fields, ``required`` is one)."""
    allowed = set(model.model_fields) | ({"extends"} if model is Scenario else set())
    return required in data and set(data) <= allowed


def _referenced_data(origin: Origin, kind: Kind, referrer: Origin, field: str) -> dict[str, Any]:
    """The data of a referenced file; ``not_a_baseline`` / ``not_a_scenario`` when it is not
    one (its keys and values are then never shown)."""
    try:
        data = read_origin(origin)
    except ScenarioError as exc:
        # The problem is in the referring file's field: say so.
        raise ScenarioError(
            [Problem(referrer.shown, field, p.type, p.message, p.context) for p in exc.problems]
        ) from None
    model, required = (Baseline, "regions") if kind == "baseline" else (Scenario, "id")
    if not _looks_like(data, model, required):
        kind_type = "not_a_baseline" if kind == "baseline" else "not_a_scenario"
        raise _reference_problem(
            referrer, field, kind_type, "{name} is not a {kind} file", name=origin.shown, kind=kind
        )
    return data


def _baseline_at(name: Any, referrer: Origin) -> Baseline:
    """The validated baseline that ``referrer``'s ``baseline = name`` refers to."""
    origin = resolve_reference(name, "baseline", referrer, "baseline")
    return validate_baseline(
        _referenced_data(origin, "baseline", referrer, "baseline"), origin.shown
    )


def scenario_from_dict(data: dict[str, Any], file: str, base_dir: Path | None = None) -> Scenario:
    """Build a validated scenario from a dict.

    Parameters
    ----------
    data : dict
        The scenario's data (``baseline`` a name or inline data, optionally ``extends``).
    file : str
        Its name in messages.
    base_dir : pathlib.Path, optional
        The folder whose files ``baseline`` and ``extends`` may name (see the module
        docstring); by default bundled names only.

    Raises
    ------
    ScenarioError
        With one :class:`Problem` per invalid field, naming the file it is in.
    """
    folder = None if base_dir is None else Path(base_dir).resolve()
    return _scenario_at(data, Origin(file, None, folder))


def _scenario_at(data: dict[str, Any], origin: Origin) -> Scenario:
    check_structure(data, origin.shown)
    data = _with_parent(dict(data), origin, chain=(origin,))
    baseline = data.get("baseline")
    if isinstance(baseline, str):
        data["baseline"] = _baseline_at(baseline, origin)
    elif isinstance(baseline, dict):
        data["baseline"] = validate_baseline(baseline, f"{origin.shown} (baseline)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from(exc, origin.shown, Scenario)) from None


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


def _same_file(a: Origin, b: Origin) -> bool:
    return a.path is not None and a.path == b.path


def _with_parent(data: dict[str, Any], origin: Origin, chain: tuple[Origin, ...]) -> dict[str, Any]:
    """Resolve ``extends = "other"``: the parent's levers, then this file's on top.

    The parent's own ``baseline`` name is resolved where the parent is (so a bundled preset's
    ``baseline/abai_ulytau.toml`` works from any child); a cycle is named as one.
    """
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data
    parent_origin = resolve_reference(parent_name, "scenario", origin, "extends")
    if any(_same_file(parent_origin, seen) for seen in chain):
        names = [o.shown for o in chain] + [parent_origin.shown]
        raise _reference_problem(
            chain[0],
            "extends",
            "extends_cycle",
            "extends goes round in a circle: {cycle}",
            cycle=" extends ".join(names),
        )
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise _reference_problem(
            origin,
            "extends",
            "extends_too_deep",
            "too many extends levels; at most {max}",
            max=MAX_EXTENDS_DEPTH,
        )
    parent = _referenced_data(parent_origin, "scenario", origin, "extends")
    parent = _with_parent(parent, parent_origin, (*chain, parent_origin))
    merged = {k: v for k, v in parent.items() if k in ("baseline", "start_year", "end_year")}
    if isinstance(merged.get("baseline"), str) and "baseline" not in data:
        merged["baseline"] = _baseline_at(merged["baseline"], parent_origin)
    merged.update({k: v for k, v in data.items() if k != "levers"})
    parent_levers, levers = parent.get("levers", {}), data.get("levers", {})
    both = isinstance(parent_levers, dict) and isinstance(levers, dict)
    merged["levers"] = merge_levers(parent_levers, levers) if both else levers
    parent_sources, sources = parent.get("sources", {}), data.get("sources", {})
    both = isinstance(parent_sources, dict) and isinstance(sources, dict)
    merged["sources"] = {**parent_sources, **sources} if both else sources
    return merged


def load_scenario(path: str | Path, name: str | None = None) -> Scenario:
    """Load and validate a scenario file (TOML or JSON).

    Parameters
    ----------
    path : str or pathlib.Path
        Scenario file.  Its ``baseline`` and ``extends`` are bundled names or files under its
        folder (see the module docstring), or ``baseline`` is inline data.
    name : str, optional
        The file's name in messages; ``path`` as given by default.

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
    name = str(path) if name is None else name
    data = read_file(path, name)
    return _scenario_at(data, _file_origin(path, name))


def _file_origin(path: Path, name: str) -> Origin:
    """The origin of a file given on the command line (a bundled one keeps its bundled name)."""
    real = path.resolve()
    if real.is_relative_to(SCENARIO_DIR.resolve()):
        bundled = _bundled_origin(real)
        return Origin(name, bundled.path, bundled.folder)
    return Origin(name, real, real.parent)


def load_scenario_text(text: str | bytes, name: str) -> Scenario:
    """Load a scenario from uploaded text; the format follows ``name``'s suffix.

    ``text`` may be the uploaded bytes (decoded here: see :func:`planner.parsing.decode_bytes`)
    or a ``str``.  ``baseline`` and ``extends`` may name bundled files only.

    Raises
    ------
    ScenarioError
        Every problem, the file named ``name``.
    """
    fmt = _format_of(name)
    if isinstance(text, bytes):
        text = decode_bytes(text, name)
    return _scenario_at(parse_text(text, fmt, name), Origin(name))


def load_scenario_bytes(data: bytes, name: str) -> Scenario:
    """Load an uploaded scenario from its bytes (:func:`load_scenario_text` with bytes)."""
    return load_scenario_text(data, name)


def validate_file(path: str | Path, name: str | None = None) -> Scenario | Baseline:
    """Validate a scenario or baseline file (a baseline has ``regions`` at the top level)."""
    path = Path(path)
    name = str(path) if name is None else name
    data = read_file(path, name)
    if "regions" in data:
        return validate_baseline(data, name)
    return _scenario_at(data, _file_origin(path, name))


def resolve_cli_file(arg: str | Path) -> tuple[Path, str]:
    """The file a command-line argument names, and its name in messages.

    An existing file is itself; otherwise a bundled preset by file stem, file name or scenario
    id (``02_announced_projects``, ``announced``) or a bundled baseline by stem.  Anything else
    is returned unchanged, for :func:`read_file` to report it missing.
    """
    path, text = Path(arg), str(arg)
    if path.is_file():
        return path, text
    for kind in ("scenario", "baseline"):
        found = _aliases(kind).get(text)  # type: ignore[arg-type]
        if found is not None:
            return found, text
    for preset in bundled_presets().values():
        if _preset_id(preset) == text:
            return preset, text
    return path, text


def _preset_id(path: Path) -> str | None:
    try:
        value = read_file(path).get("id")
    except ScenarioError:  # pragma: no cover - the bundled files are checked by tests
        return None
    return value if isinstance(value, str) else None


def scenario_json(scenario: Scenario) -> str:
    """The scenario with its baseline inline, as JSON that :func:`load_scenario` accepts."""
    return scenario.model_dump_json(indent=2, exclude_defaults=False)


def load_presets(directory: Path = SCENARIO_DIR) -> dict[str, Scenario]:
    """All presets by scenario id, in file order."""
    scenarios = [load_scenario(p, p.name) for p in preset_paths(directory)]
    return {s.id: s for s in scenarios}
