"""Scenarios that every session can read and none can change: the shared presets.

The scenario models are frozen (pydantic ``frozen=True``), but the dicts and lists inside
them are ordinary containers: ``preset.resolved_baseline().parameters.capture["paper"] = 1``
would change the preset in place, for every session that shares it.  :func:`deep_freeze`
replaces every such container in a validated scenario by a :class:`FrozenDict` or
:class:`FrozenList`, which refuse any change (``TypeError``) and read, compare, serialise
and validate as the plain ones.  A copy (``copy.copy``, ``deepcopy``, ``pickle``,
``model_dump``) is a plain, changeable container again: edits go through
:mod:`planner.edit`, which builds a new scenario.

Why share at all: a session used to get its own copy of each preset it read (unpickled,
~1,500 container objects each, 3 ms on a 2-core machine).  Thirty participants kept ~140,000
such objects alive, and Python's cyclic collector walked them all in every full collection:
three of those, ~190 ms each, fell inside thirty simultaneous first visits.  Shared frozen
presets left ~41,000 (measured with ``gc.get_objects`` in the serving process).
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn

from pydantic import BaseModel

REFUSAL = "a shared preset cannot be changed in place; edit it with planner.edit"


def _refuse(self: object, *args: Any, **kwargs: Any) -> NoReturn:
    raise TypeError(REFUSAL)


class FrozenDict(dict):
    """A dict that refuses every change; its copies are plain dicts."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type, tuple[dict]]:
        return dict, (dict(self),)

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}


class FrozenList(list):
    """A list that refuses every change; its copies are plain lists."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse

    def __reduce__(self) -> tuple[type, tuple[list]]:
        return list, (list(self),)

    def __copy__(self) -> list:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list:
        return [copy.deepcopy(v, memo) for v in self]


def _frozen(value: Any) -> Any:
    """``value`` with every dict and list in it frozen (models frozen in place)."""
    if isinstance(value, BaseModel):
        deep_freeze(value)
        return value
    if isinstance(value, dict) and not isinstance(value, FrozenDict):
        return FrozenDict((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list) and not isinstance(value, FrozenList):
        return FrozenList(_frozen(v) for v in value)
    if isinstance(value, tuple):
        return tuple(_frozen(v) for v in value)
    return value


def deep_freeze(model: BaseModel) -> BaseModel:
    """Freeze every dict and list reachable from the fields of ``model`` (a frozen pydantic
    model, changed in place through ``object.__setattr__``); returns ``model``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        frozen = _frozen(value)
        if frozen is not value:
            object.__setattr__(model, name, frozen)
    return model


def mutable_containers(model: BaseModel) -> list[str]:
    """Paths of the plain (changeable) dicts and lists reachable from ``model``; ``[]`` once
    it is deep-frozen."""
    found: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, dict):
            if not isinstance(value, FrozenDict):
                found.append(path)
            for k, v in value.items():
                walk(v, f"{path}[{k!r}]")
        elif isinstance(value, list | tuple):
            if isinstance(value, list) and not isinstance(value, FrozenList):
                found.append(path)
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(model, "")
    return found
