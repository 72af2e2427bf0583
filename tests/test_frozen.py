"""Shared presets cannot change (msw_app.frozen): every container refuses a change, reads and
serialises as the plain one, and its copies are plain again."""

from __future__ import annotations

import copy
import pickle

import pytest

import planner
from msw_app.frozen import REFUSAL, FrozenDict, FrozenList, deep_freeze, mutable_containers
from planner import edit
from planner.projection import project
from planner.schema import Scenario


@pytest.fixture(scope="module")
def pair() -> tuple[Scenario, Scenario]:
    """A preset as validated, and the same preset deep-frozen."""
    plain = planner.load_presets()["announced"]
    return plain, deep_freeze(Scenario.model_validate_json(plain.model_dump_json()))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.__setitem__("k", 1),
        lambda d: d.__delitem__("a"),
        lambda d: d.update(k=1),
        lambda d: d.pop("a"),
        lambda d: d.popitem(),
        lambda d: d.setdefault("k", 1),
        lambda d: d.clear(),
        lambda d: d.__ior__({"k": 1}),
    ],
)
def test_a_frozen_dict_refuses_every_change(change):
    d = FrozenDict(a=1)
    with pytest.raises(TypeError, match="cannot be changed in place"):
        change(d)
    assert d == {"a": 1}


@pytest.mark.parametrize(
    "change",
    [
        lambda v: v.append(1),
        lambda v: v.extend([1]),
        lambda v: v.insert(0, 1),
        lambda v: v.remove(1),
        lambda v: v.pop(),
        lambda v: v.clear(),
        lambda v: v.sort(),
        lambda v: v.reverse(),
        lambda v: v.__setitem__(0, 9),
        lambda v: v.__delitem__(0),
        lambda v: v.__iadd__([1]),
        lambda v: v.__imul__(2),
    ],
)
def test_a_frozen_list_refuses_every_change(change):
    v = FrozenList([1, 2])
    with pytest.raises(TypeError, match="cannot be changed in place"):
        change(v)
    assert v == [1, 2]


def test_copies_of_frozen_containers_are_plain_and_changeable():
    d, v = FrozenDict(a=[1]), FrozenList([{"b": 2}])
    for made in (copy.copy(d), copy.deepcopy(d), pickle.loads(pickle.dumps(d)), d | {}):
        assert type(made) is dict and made == {"a": [1]}
    for made in (copy.copy(v), copy.deepcopy(v), pickle.loads(pickle.dumps(v)), v + []):
        assert type(made) is list and made == [{"b": 2}]


def test_a_frozen_scenario_reads_serialises_and_projects_as_the_plain_one(pair):
    plain, frozen = pair
    assert mutable_containers(plain) != [] and mutable_containers(frozen) == []
    assert frozen == plain
    assert frozen.model_dump_json() == plain.model_dump_json()
    assert frozen.model_dump() == plain.model_dump()
    assert project(frozen).flows.equals(project(plain).flows)
    with pytest.raises(TypeError, match="cannot be changed in place"):
        frozen.resolved_baseline().parameters.capture["paper"] = 0.99
    assert REFUSAL in str(pytest.raises(TypeError, frozen.resolved_baseline().regions.append, 1))


def test_a_copy_or_an_edit_of_a_frozen_scenario_is_the_users_own(pair):
    plain, frozen = pair
    copied = pickle.loads(pickle.dumps(frozen))
    assert copied == plain and mutable_containers(copied) != []
    edited = edit.apply_edits(frozen, {"levers.recovery_mixed.plastics": 0.31})
    assert edited.levers.recovery_mixed["plastics"] == 0.31
    assert frozen.levers.recovery_mixed.get("plastics") != 0.31  # the shared one is unchanged
