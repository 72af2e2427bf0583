"""Vocabulary and value types shared by the scenario and the economics schema.

Validators raise :func:`fail` errors that :mod:`planner.messages` translates.  Units are carried
in field names (``_t`` tonnes, ``_t_per_yr`` tonnes per year, ``_kzt`` tenge, ``_per_yr`` per
year); shares are fractions in [0, 1].
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError


def fail(kind: str, message: str, **context: object) -> PydanticCustomError:
    """Build a validation error of type ``kind``; ``planner.messages`` translates it.

    ``message`` is the English text with ``{name}`` placeholders filled from ``context``.
    """
    return PydanticCustomError(kind, message, context)


def unknown_reference(
    where: str, what: str, names: list[str], allowed: set[str]
) -> PydanticCustomError:
    """Error for a field that refers to ids that do not exist."""
    return fail(
        "unknown_reference",
        "{where} names unknown {what} {names}; allowed: {allowed}",
        where=where,
        what=what,
        names=", ".join(names),
        allowed=", ".join(sorted(allowed)),
    )


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


class Material(StrEnum):
    """Material fractions of MSW."""

    ORGANICS = "organics"  #: food and garden organics
    PAPER = "paper"  #: paper and cardboard
    PLASTICS = "plastics"
    GLASS = "glass"
    METALS = "metals"
    TEXTILES = "textiles"
    WOOD = "wood"
    OTHER = "other"  #: other / inert (ash, fines, mixed residue)


MATERIALS: tuple[Material, ...] = tuple(Material)

COMPOSITION_TOLERANCE = 1e-6
"""Allowed deviation of a composition's sum from 1 [-]."""


def finite(value: float) -> float:
    """Validator: refuse NaN and infinity (``not_finite``)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise fail("not_finite", "must be a finite number (NaN and infinity are not allowed)")
    return value


Finite = Annotated[float, AfterValidator(finite)]
NonNegative = Annotated[float, Field(ge=0), AfterValidator(finite)]
Fraction = Annotated[float, Field(ge=0, le=1), AfterValidator(finite)]
GrowthRate = Annotated[float, Field(ge=-0.2, le=0.2), AfterValidator(finite)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64)]


class Strict(BaseModel):
    """Base model: unknown fields are rejected, instances are frozen.

    A field's docstring (the string literal under it, with its unit in brackets) becomes its
    ``description`` in the JSON Schema (``python -m planner schema``), so editors show it.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        validate_default=True,
        allow_inf_nan=False,
        use_attribute_docstrings=True,
    )


class Confidence(StrEnum):
    """Confidence of a figure, as in the shared reference notes."""

    HIGH = "H"
    MEDIUM = "M"
    LOW = "L"
    ESTIMATE = "EST"  #: our own estimate / assumption, with its reasoning


class Source(Strict):
    """Where a figure comes from."""

    text: str = Field(min_length=1, description="Source: document, URL or reasoning for an EST")
    confidence: Confidence


Sources = dict[str, Source]
"""Sources keyed by the name of the field they document."""


def check_sources_name_fields(model: BaseModel, sources: Sources) -> None:
    """Validator: a ``sources`` table may only name fields of its own model."""
    unknown = sorted(set(sources) - set(type(model).model_fields))
    if unknown:
        raise fail(
            "unknown_source_field", "sources name unknown fields: {names}", names=", ".join(unknown)
        )


def composition_sums_to_one(value: dict[Material, float]) -> dict[Material, float]:
    """Validator: composition shares sum to 1 within :data:`COMPOSITION_TOLERANCE`."""
    total = sum(value.values())
    if abs(total - 1.0) > COMPOSITION_TOLERANCE:
        raise fail(
            "composition_sum",
            "composition shares must sum to 1, they sum to {total}",
            total=round(total, 6),
        )
    return value


def complete_materials(value: dict[Material, float]) -> dict[Material, float]:
    """Validator: a per-material table names every material."""
    missing = [m.value for m in MATERIALS if m not in value]
    if missing:
        raise fail(
            "materials_missing",
            "every material needs a value; missing: {names}",
            names=", ".join(missing),
        )
    return value


Composition = Annotated[
    dict[Material, Fraction],
    AfterValidator(complete_materials),
    AfterValidator(composition_sums_to_one),
]
"""Mass share of each material in MSW [-], summing to 1."""

PerMaterialFraction = Annotated[dict[Material, Fraction], AfterValidator(complete_materials)]
"""A fraction [-] for every material."""

PartialPerMaterialFraction = dict[Material, Fraction]
"""A fraction [-] for some materials (an override)."""


def sorted_years(value: dict[int, float]) -> dict[int, float]:
    """Validator: a trajectory has at least one point; its years come out sorted."""
    if not value:
        raise fail("trajectory_empty", "a trajectory needs at least one year: value point")
    return dict(sorted(value.items()))


Trajectory = Annotated[dict[Year, Fraction], AfterValidator(sorted_years)]
"""Values of a share [-] at given years; linear in between, flat before the first and after
the last point."""


LandfillType = Literal["sanitary", "controlled", "uncontrolled"]
"""Sanitary landfill / controlled dump / uncontrolled dump."""
