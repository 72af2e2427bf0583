"""Vocabulary and value types shared by the scenario and the economics schema.

Validators raise :func:`fail` errors that :mod:`planner.messages` translates.  Units are carried
in field names (``_t`` tonnes, ``_t_per_yr`` tonnes per year, ``_kzt`` tenge, ``_per_yr`` per
year); shares are fractions in [0, 1].
"""

from __future__ import annotations

import math
from enum import StrEnum
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic import Strict as NoCoercion
from pydantic.fields import FieldInfo
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


Distribution = Literal["triangular", "uniform", "pert"]
"""Shape of a range: triangular or PERT (a beta peaked at the default), or uniform."""


class Range(Strict):
    """The range of an uncertain figure: what :mod:`planner.uncertainty` samples.

    For a single number ``low`` and ``high`` are in the field's own unit and the default (the
    field's value) is the mode: ``low ≤ default ≤ high``, all within the field's bounds.  For a
    table of numbers (per material, per landfill type, a trajectory by year) ``low`` and
    ``high`` are *factors* [-] applied to every value of the table at once, the default being
    factor 1 (``low ≤ 1 ≤ high``); every scaled value must stay within the values' bounds.
    A range chosen by the authors is an assumption: ``reasoning`` says why (EST).
    """

    low: Finite
    """Lowest plausible value (a factor [-] for a table)."""
    high: Finite
    """Highest plausible value (a factor [-] for a table)."""
    distribution: Distribution = "triangular"
    """``triangular`` or ``pert`` (peaked at the default) or ``uniform``."""
    reasoning: LongText
    """Why these bounds: document, URL or the reasoning of an assumption."""

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise fail(
                "range_order",
                "range low {low} is above high {high}",
                low=self.low,
                high=self.high,
            )
        return self


class Source(Strict):
    """Where a figure comes from."""

    text: LongText = Field(description="Source: document, URL or reasoning for an EST")
    confidence: Confidence
    range: Range | None = None
    """Range of the figure for the uncertainty analysis (required for L and EST numbers
    the model uses, see ``planner.uncertainty.inputs``)."""


Sources = dict[str, Source]
"""Sources keyed by the name of the field they document."""


def check_sources_name_fields(model: BaseModel, sources: Sources) -> None:
    """Validator: a ``sources`` table may only name fields of its own model, and the ranges
    it states fit the field (:func:`check_range`)."""
    unknown = sorted(set(sources) - set(type(model).model_fields))
    if unknown:
        raise fail(
            "unknown_source_field", "sources name unknown fields: {names}", names=", ".join(unknown)
        )
    for name, source in sources.items():
        if source.range is not None:
            check_range(name, getattr(model, name), type(model).model_fields[name], source.range)


def _bounds(metadata: list) -> tuple[float, float]:
    """``(ge, le)`` of a field's or a value type's constraints (±inf when absent)."""
    low, high = -math.inf, math.inf
    for item in metadata:
        low = float(getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low)
        high = float(getattr(item, "le", None) if getattr(item, "le", None) is not None else high)
        if isinstance(item, FieldInfo):
            inner_low, inner_high = _bounds(list(item.metadata))
            low, high = max(low, inner_low), min(high, inner_high)
    return low, high


def _value_bounds(annotation: object) -> tuple[float, float]:
    """Bounds of the values of a number or table annotation (unwrapping ``Annotated``,
    ``Optional`` and ``dict``)."""
    low, high = -math.inf, math.inf
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            inner_low, inner_high = _bounds(list(args[1:]))
            low, high = max(low, inner_low), min(high, inner_high)
            annotation = args[0]
        elif origin is dict:
            annotation = get_args(annotation)[1]
        elif origin in (Union, UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return low, high


def range_default(value: object) -> float | None:
    """The default a range is centred on: the number itself, 1 (a factor) for a table of
    numbers, ``None`` for anything else (a text, a year list, a category)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values())
    ):
        return 1.0
    return None


def check_range(name: str, value: object, info: FieldInfo, rng: Range) -> None:
    """Validator: a range centres on the field's default and stays within its bounds.

    Raises ``range_field`` for a field that is not a number or a table of numbers,
    ``range_default`` when ``low ≤ default ≤ high`` fails, ``range_bounds`` when a bound
    (or, for a table, a scaled value) leaves the field's bounds.
    """
    default = range_default(value)
    if default is None:
        raise fail("range_field", "{field} is not a number or a table of numbers", field=name)
    if not rng.low <= default <= rng.high:
        raise fail(
            "range_default",
            "the range {low}–{high} of {field} does not contain its default {default}",
            field=name,
            low=rng.low,
            high=rng.high,
            default=default,
        )
    low, high = _bounds(list(info.metadata))
    vlow, vhigh = _value_bounds(info.annotation)
    low, high = max(low, vlow), min(high, vhigh)
    if isinstance(value, dict):
        scaled = [v * f for v in value.values() for f in (rng.low, rng.high)]
        out = min(scaled) < low or max(scaled) > high
    else:
        out = rng.low < low or rng.high > high
    if out:
        raise fail(
            "range_bounds",
            "the range {low}–{high} of {field} leaves the allowed {min}–{max}",
            field=name,
            low=rng.low,
            high=rng.high,
            min=low,
            max=high,
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
