"""planner.schema.economics: the economic parameters are strict and every default has a
source."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner import load_scenario
from planner.schema.economics import EconomicsOverrides, EconomicsParameters, _Sourced
from tests.conftest import ROOT

ANNOUNCED = ROOT / "scenarios" / "02_announced_projects.toml"


def _groups(model):
    if isinstance(model, _Sourced):
        yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if hasattr(type(value), "model_fields"):
            yield from _groups(value)
        elif isinstance(value, dict):
            for v in value.values():
                if hasattr(type(v), "model_fields"):
                    yield from _groups(v)


def test_every_default_has_a_source():
    params = load_scenario(ANNOUNCED).resolved_baseline().economics
    assert params is not None
    for group in _groups(params):
        fields = set(type(group).model_fields) - {"sources"}
        assert set(group.sources) == fields, type(group).__name__
        assert all(s.text and s.confidence for s in group.sources.values())


def test_overrides_are_strict():
    with pytest.raises(ValidationError):
        EconomicsOverrides(epr_realisation=1.5)
    with pytest.raises(ValidationError):
        EconomicsOverrides(gwp="AR4")
    with pytest.raises(ValidationError):
        EconomicsOverrides(colour="green")
    with pytest.raises(ValidationError):
        EconomicsOverrides(discount_rate=float("nan"))


def test_parameters_are_strict():
    data = load_scenario(ANNOUNCED).resolved_baseline().economics.model_dump()
    data["epr"]["realisation"] = -0.1
    with pytest.raises(ValidationError):
        EconomicsParameters.model_validate(data)
    data["epr"]["realisation"] = 0.1
    data["costs"]["sources"]["unknown_field"] = {"text": "x", "confidence": "L"}
    with pytest.raises(ValidationError, match="unknown fields"):
        EconomicsParameters.model_validate(data)
    del data["costs"]["sources"]["unknown_field"]
    del data["climate"]["landfill_gas"]["mcf"]["uncontrolled"]
    with pytest.raises(ValidationError, match="every landfill type"):
        EconomicsParameters.model_validate(data)


def test_old_module_paths_reexport_the_same_models():
    import planner.economics_schema as old
    import planner.schema as schema
    import planner.schema.economics as new

    for name in new.__all__:
        assert getattr(old, name) is getattr(new, name) is getattr(schema, name)
    assert schema.Scenario.model_fields["levers"].annotation is schema.Levers
