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
from pydantic import Strict as NoCoercion
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


# Numbers are strict (pydantic strict mode): ``"75000"``, ``"2040"`` or ``true`` are refused
# rather than silently turned into numbers; a whole number is accepted where a float is
# expected.  Keys of year tables are the exception (:data:`YearKey`): TOML and JSON keys are
# always texts.

MAX_MAGNITUDE = 10**15
"""Largest value of any quantity without a tighter bound [its unit]: no figure of this model
comes near it (the largest, a landfill's capex, is ~10^10 KZT), and far larger numbers
(1e300) overflow sums to infinity."""

MAX_PERSONS = 5_000_000
"""Most residents of one district [persons]: Kazakhstan's largest city, Almaty, has ~2.3
million, its whole population is ~20 million."""

MAX_TONNES_PER_YR = 10_000_000
"""Largest capacity or yearly deposit of one facility [t/yr] (10 Mt/yr): all of Kazakhstan
generates ~5 Mt of MSW a year."""

MAX_TONNES = 500_000_000
"""Largest stock of one facility [t], e.g. a landfill's remaining capacity (500 Mt): 50 years of
the largest allowed yearly intake."""

MAX_KZT = 10**13
"""Largest sum of money [KZT] (10 trillion tenge): about half of Kazakhstan's republican budget
for a year, far above any facility or campaign."""

MAX_KZT_PER_T = 10_000_000
"""Largest price or cost per tonne [KZT/t] (10 million tenge, ~20,000 USD): far above any
recyclable material's price or any treatment cost."""

MAX_NAME_CHARS = 120
"""Longest name [characters]: names label legends, badges and table rows."""

MAX_TEXT_CHARS = 2_000
"""Longest description or source text [characters] (the bundled sources are under 500)."""

Finite = Annotated[
    float, NoCoercion(), Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE), AfterValidator(finite)
]
"""A finite number within ±:data:`MAX_MAGNITUDE`."""
NonNegative = Annotated[float, NoCoercion(), Field(ge=0, le=MAX_MAGNITUDE), AfterValidator(finite)]
"""A finite number from 0 to :data:`MAX_MAGNITUDE`."""
Fraction = Annotated[float, NoCoercion(), Field(ge=0, le=1), AfterValidator(finite)]
"""A share [-] from 0 to 1."""
GrowthRate = Annotated[float, NoCoercion(), Field(ge=-0.2, le=0.2), AfterValidator(finite)]
"""A yearly growth rate [1/yr] from -20 % to +20 %: sustained longer rates are implausible."""
Persons = Annotated[float, NoCoercion(), Field(ge=0, le=MAX_PERSONS), AfterValidator(finite)]
"""Residents [persons], at most :data:`MAX_PERSONS`."""
TonnesPerYear = Annotated[
    float, NoCoercion(), Field(ge=0, le=MAX_TONNES_PER_YR), AfterValidator(finite)
]
"""A capacity or yearly amount [t/yr], at most :data:`MAX_TONNES_PER_YR`."""
Tonnes = Annotated[float, NoCoercion(), Field(ge=0, le=MAX_TONNES), AfterValidator(finite)]
"""A stock [t], at most :data:`MAX_TONNES`."""
Kzt = Annotated[float, NoCoercion(), Field(ge=0, le=MAX_KZT), AfterValidator(finite)]
"""A sum of money [KZT] (or a yearly sum [KZT/yr]), at most :data:`MAX_KZT`."""
KztPerTonne = Annotated[float, NoCoercion(), Field(ge=0, le=MAX_KZT_PER_T), AfterValidator(finite)]
"""A price or cost per tonne [KZT/t], at most :data:`MAX_KZT_PER_T`."""
Latitude = Annotated[float, NoCoercion(), Field(ge=-90, le=90), AfterValidator(finite)]
"""Latitude [°]."""
Longitude = Annotated[float, NoCoercion(), Field(ge=-180, le=180), AfterValidator(finite)]
"""Longitude [°]."""
MIN_YEAR, MAX_YEAR = 1990, 2100
"""Range of calendar years [year]: Kazakhstan's own statistics start in the 1990s and no plan
looks beyond the century (landfill histories go further back: ``HistoryYear``)."""

Year = Annotated[int, NoCoercion(), Field(ge=MIN_YEAR, le=MAX_YEAR)]
"""A calendar year of the projection or its data [year], 1990–2100 (:data:`MIN_YEAR`)."""
YearKey = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
"""A year as the key of a table (``{2030 = 0.4}``) [year], 1990–2100; keys are texts in TOML
and JSON, so ``"2030"`` is read as 2030 here (and only here)."""
WholeYears = Annotated[int, NoCoercion(), Field(ge=1, le=50)]
"""A duration [yr] of 1 to 50 whole years (a campaign, a loan term)."""
Identifier = Annotated[
    str, NoCoercion(), Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64)
]
"""An id: 1–64 lower-case latin letters, digits and ``_`` (ids appear in file names, CSV
cells and URLs)."""
ShortText = Annotated[str, NoCoercion(), Field(min_length=1, max_length=MAX_NAME_CHARS)]
"""A name [characters]: 1 to :data:`MAX_NAME_CHARS`."""
LongText = Annotated[str, NoCoercion(), Field(min_length=1, max_length=MAX_TEXT_CHARS)]
"""A description or source [characters]: 1 to :data:`MAX_TEXT_CHARS`."""


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

    text: LongText = Field(description="Source: document, URL or reasoning for an EST")
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


Trajectory = Annotated[dict[YearKey, Fraction], AfterValidator(sorted_years)]
"""Values of a share [-] at given years; linear in between, flat before the first and after
the last point."""


LandfillType = Literal["sanitary", "controlled", "uncontrolled"]
"""Sanitary landfill / controlled dump / uncontrolled dump."""
