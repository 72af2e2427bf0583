"""Economic and climate parameters of a baseline, and their per-scenario overrides.

The baseline's ``[economics]`` table holds every default with its source and confidence
(``sources`` dicts, as in :mod:`planner.schema`); a scenario's ``[levers.economics]`` table
overrides the few values officials argue about (EPR payout realisation, concessional loan
share, GWP set, discount rate, methane recovery, recyclable prices).

Money is in constant base-year tenge (``price_year``, KZT of 2025 by default): per-tonne costs
and prices do not escalate, and MRP-denominated amounts follow ``mrp_real_growth_per_yr``
(0 when MRP indexation just keeps pace with inflation).  Units are carried in field names:
``_kzt`` tenge, ``_kzt_per_t`` tenge per tonne, ``_mrp_per_t`` monthly calculation indices per
tonne, ``_t_per_t`` tonnes of gas per tonne of waste, ``_per_yr`` per year.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic import Strict as NoCoercion

from planner.schema.types import (
    MAX_MAGNITUDE,
    Fraction,
    GrowthRate,
    Identifier,
    Kzt,
    KztPerTonne,
    LandfillType,
    Material,
    NonNegative,
    PartialPerMaterialFraction,
    PerMaterialFraction,
    Sources,
    Strict,
    TonnesPerYear,
    WholeYears,
    Year,
    YearKey,
    check_sources_name_fields,
    complete_materials,
    fail,
    finite,
)

LANDFILL_TYPES: tuple[str, ...] = ("sanitary", "controlled", "uncontrolled")
"""The landfill types of :data:`planner.schema.types.LandfillType`."""

GwpSet = Literal["AR5", "AR6"]
"""IPCC assessment report whose 100-year global warming potentials are used."""

FacilityKind = Literal["landfill", "sorting", "composting"]

PerMaterialNonNegative = Annotated[dict[Material, NonNegative], AfterValidator(complete_materials)]
"""A non-negative number for every material."""

PartialPerMaterialNonNegative = dict[Material, NonNegative]
"""A non-negative number for some materials (an override)."""

HistoryYear = Annotated[int, NoCoercion(), Field(ge=1900, le=2100)]
"""A calendar year of a landfill's history [year], 1900–2100 (old dumps opened before 2000)."""

Rate = Fraction
"""An interest or discount rate [1/yr] in [0, 1]."""

Positive = Annotated[float, NoCoercion(), Field(gt=0, le=MAX_MAGNITUDE), AfterValidator(finite)]
"""A finite number greater than 0, at most :data:`~planner.schema.types.MAX_MAGNITUDE`."""


def _complete_types(value: dict) -> dict:
    missing = [t for t in LANDFILL_TYPES if t not in value]
    if missing:
        raise fail(
            "types_missing",
            "every landfill type needs a value; missing: {names}",
            names=", ".join(missing),
        )
    return value


PerTypeFraction = Annotated[dict[LandfillType, Fraction], AfterValidator(_complete_types)]
"""A fraction [-] for every landfill type (sanitary, controlled, uncontrolled)."""


class _Sourced(Strict):
    """A parameter group whose ``sources`` may only name its own fields."""

    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_known(self) -> _Sourced:
        check_sources_name_fields(self, self.sources)
        return self


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------


class Macro(_Sourced):
    """Price basis, currency, MRP and discounting."""

    price_year: Year = 2025
    """Year whose tenge all money is expressed in [year]."""
    kzt_per_usd: Positive = 500.0
    """Exchange rate [KZT/USD], used to convert USD-based figures."""
    mrp_kzt: dict[YearKey, Kzt] = Field(min_length=1)
    """Monthly calculation index by year [KZT]; years after the last one grow by
    ``mrp_real_growth_per_yr``."""
    mrp_real_growth_per_yr: GrowthRate = 0.0
    """Growth of the MRP above the price level [1/yr]; 0 keeps its real value."""
    discount_rate: Rate = 0.10
    """Real discount rate for net present values [1/yr] (the model is in constant prices)."""
    inflation_per_yr: GrowthRate = 0.0
    """Expected consumer-price inflation [1/yr]; turns the nominal loan rates of
    :class:`Finance` into real ones (Fisher equation, :func:`planner.economics.real_rate`).
    0 treats the loan rates as real."""


class UnitCosts(_Sourced):
    """Operating costs per tonne and fixed costs."""

    collection_kzt_per_t: KztPerTonne
    """Collection and transport of collected MSW [KZT/t]."""
    sorting_kzt_per_t: KztPerTonne
    """Sorting-line operation per tonne of input [KZT/t]."""
    composting_kzt_per_t: KztPerTonne
    """Composting operation per tonne of input [KZT/t]."""
    landfill_kzt_per_t: dict[LandfillType, KztPerTonne]
    """Landfilling (gate fee) per tonne deposited, by landfill type [KZT/t]."""
    environmental_payment_mrp_per_t: NonNegative
    """Payment for the negative environmental impact of placing MSW on a landfill [MRP/t]."""
    environmental_payment_types: list[LandfillType] = Field(
        default_factory=lambda: ["sanitary", "controlled"]
    )
    """Landfill types whose operators pay the environmental payment (dumps do not)."""
    fixed_opex_share_of_capex_per_yr: Fraction = 0.0
    """Fixed operating cost of a new facility per year, as a share of its capex [1/yr]."""

    @model_validator(mode="after")
    def _all_types(self) -> UnitCosts:
        _complete_types(self.landfill_kzt_per_t)
        return self


class RecyclablePrices(_Sourced):
    """Prices of recovered materials sold to recyclers."""

    kzt_per_t: PerMaterialNonNegative
    """Price of sorted, baled material at the plant gate [KZT/t], for clean material from
    separate collection."""
    mixed_price_factor: PartialPerMaterialFraction = Field(default_factory=dict)
    """Price of material picked from mixed waste as a share of :attr:`kzt_per_t` (wet,
    contaminated bales sell at a discount) [-]; materials not listed sell at the full price."""


class EprRates(_Sourced):
    """EPR incentive payments of the operator (JSC «Жасыл даму») per tonne, and how much of
    them is actually paid."""

    collection_mrp_per_t: PerMaterialNonNegative
    """Payment per tonne collected [MRP/t]."""
    transport_mrp_per_t: PerMaterialNonNegative
    """Payment per tonne transported [MRP/t]."""
    processing_mrp_per_t: PerMaterialNonNegative
    """Payment per tonne processed [MRP/t]."""
    realisation: Fraction
    """Payout realisation ρ: share of the due payments actually paid [-]."""
    packaging_share: PartialPerMaterialFraction = Field(default_factory=dict)
    """Share of each recovered material that is packaging, the only part the EPR rates pay
    for [-]; materials not listed count in full."""
    mixed_stream_rates: list[Literal["collection", "transport", "processing"]] = Field(
        default_factory=lambda: ["collection", "transport", "processing"]
    )
    """Which of the three rates are paid for packaging picked from mixed waste (collected and
    hauled under the tariff already); separately collected packaging earns all three."""


class Finance(_Sourced):
    """Loans for new facilities."""

    concessional_rate: Rate
    """Nominal interest rate of the concessional loans (Industry Development Fund, from the
    utilisation payment) [1/yr]; made real with ``macro.inflation_per_yr``."""
    commercial_rate: Rate
    """Nominal commercial bank lending rate [1/yr]; made real with ``macro.inflation_per_yr``."""
    loan_term_yr: WholeYears
    """Repayment term of both loans [yr]."""
    concessional_grace_yr: Annotated[int, Field(ge=0, le=10)] = 0
    """Years at the start of the concessional loan in which only interest is paid [yr]; must
    be shorter than ``loan_term_yr``."""
    concessional_share: Fraction
    """Share of eligible capex financed by concessional loans; the rest commercially [-]."""
    eligible_kinds: list[FacilityKind] = Field(default_factory=lambda: ["sorting", "composting"])
    """Facility kinds eligible for concessional loans (privately built)."""
    budget_kinds: list[FacilityKind] = Field(default_factory=lambda: ["landfill"])
    """Facility kinds whose capex the local (and republican) budget pays; the others are
    paid by investors (a facility's ``capex_payer`` overrides its kind)."""

    @model_validator(mode="after")
    def _grace_within_term(self) -> Finance:
        if self.concessional_grace_yr >= self.loan_term_yr:
            raise fail("grace_too_long", "concessional_grace_yr must be below loan_term_yr")
        return self


class Tariffs(_Sourced):
    """Household MSW tariffs to compare the cost per resident with."""

    kzt_per_resident_month: dict[Identifier, Kzt] = Field(min_length=1)
    """Tariff by place and year label [KZT/(person·month)]."""


# --------------------------------------------------------------------------------------------
# Climate
# --------------------------------------------------------------------------------------------


class LandfillGas(_Sourced):
    """IPCC 2006 first-order-decay parameters (Vol. 5 Ch. 3)."""

    doc: PerMaterialFraction
    """Degradable organic carbon, wet weight [t C/t]."""
    docf: Fraction
    """Fraction of DOC that decomposes [-]."""
    f: Fraction
    """Fraction of CH4 in landfill gas by volume [-]."""
    k_per_yr: PerMaterialNonNegative
    """Decay rate constant [1/yr]."""
    mcf: PerTypeFraction
    """Methane correction factor by landfill type [-]."""
    ox: PerTypeFraction
    """Oxidation factor of the cover by landfill type [-]."""
    recovery: PerTypeFraction
    """Share of the generated CH4 recovered (captured and flared/used) by landfill type [-]."""
    uncollected_dumped_share: Fraction = 0.0
    """Share of uncollected waste dumped on land, counted as an uncontrolled dump [-]; 0 leaves
    uncollected waste out of the methane balance."""


class Composting(_Sourced):
    """Process emissions of composting (IPCC 2006 Vol. 5 Ch. 4 Table 4.1)."""

    ch4_t_per_t: Fraction
    """CH4 per tonne of wet feed [t/t]."""
    n2o_t_per_t: Fraction
    """N2O per tonne of wet feed [t/t]."""


class Gwp(_Sourced):
    """100-year global warming potentials and the set in use."""

    use: GwpSet = "AR5"
    """Which set applies."""
    ch4: dict[GwpSet, NonNegative]
    """GWP of (biogenic) CH4 by set [t CO2e/t]."""
    n2o: dict[GwpSet, NonNegative]
    """GWP of N2O by set [t CO2e/t]."""

    @model_validator(mode="after")
    def _both_sets(self) -> Gwp:
        for name in ("ch4", "n2o"):
            missing = [s for s in ("AR5", "AR6") if s not in getattr(self, name)]
            if missing:
                raise fail("gwp_missing", "{name} needs AR5 and AR6 values", name=name)
        return self


class RecyclingCredits(_Sourced):
    """Emissions avoided per tonne recycled instead of produced from virgin material."""

    tco2e_per_t: PerMaterialNonNegative
    """Avoided emissions per tonne recycled [t CO2e/t] (positive = saving)."""


class LegacyHistory(_Sourced):
    """What a landfill received before the projection starts (a stated history, mostly EST).

    Deposits are ``t_per_yr`` in every year from ``start_year`` to the year before the first
    projected year; the waste has the composition of the landfill's region.
    """

    start_year: HistoryYear
    """First year of deposits [year]."""
    t_per_yr: TonnesPerYear
    """Deposits in each historical year [t/yr]; at most 10 Mt/yr (all of Kazakhstan generates
    ~5 Mt/yr)."""


class OpenBurning(_Sourced):
    """Open burning of uncollected waste (IPCC 2006 Vol. 5 Ch. 5).

    Fossil CO2 by eq. 5.4 from the waste's dry matter, carbon and fossil carbon fractions (Vol. 5
    Ch. 2 Table 2.4) and the oxidation factor of open burning (58 %, Ch. 5 Table 5.2); CH4 and
    N2O by default emission factors per tonne of waste (Ch. 5 §5.4.2 and Table 5.6).  Black
    carbon is reported in tonnes and left out of every CO2e total.
    """

    burned_share: Fraction
    """Share of uncollected waste burned in the open (yards, stoves, dumps set alight) [-]."""
    oxidation_factor: Fraction = 0.58
    """Share of the carbon oxidised in open burning [-]."""
    dry_matter: PerMaterialFraction
    """Dry matter content of each material, share of wet weight [-]."""
    carbon_fraction: PerMaterialFraction
    """Total carbon content, share of dry matter [-]."""
    fossil_carbon_fraction: PerMaterialFraction
    """Fossil share of the total carbon [-]."""
    ch4_t_per_t_wet: Fraction = 0.0065
    """CH4 emission factor [t CH4/t wet waste burned]."""
    n2o_t_per_t_dry: Fraction = 0.00015
    """N2O emission factor [t N2O/t dry waste burned]."""
    black_carbon_t_per_t: Fraction = 0.00065
    """Black-carbon emission factor [t BC/t wet waste burned]."""


class Climate(Strict):
    """Climate parameters."""

    landfill_gas: LandfillGas
    composting: Composting
    gwp: Gwp
    recycling_credits: RecyclingCredits
    legacy: dict[Identifier, LegacyHistory] = Field(default_factory=dict)
    """Deposit history before the base year by landfill id (the ids of a region's dumps of
    uncollected waste, ``uncollected_dumps_<region>``, are allowed too)."""
    open_burning: OpenBurning | None = None
    """Open burning of uncollected waste; ``None`` leaves it out of the balance."""

    @model_validator(mode="after")
    def _uncollected_shares(self) -> Climate:
        burned = self.open_burning.burned_share if self.open_burning else 0.0
        total = burned + self.landfill_gas.uncollected_dumped_share
        if total > 1.0 + 1e-9:
            raise fail(
                "uncollected_shares",
                "burned_share + uncollected_dumped_share must be at most 1, they sum to {total}",
                total=round(total, 6),
            )
        return self


# --------------------------------------------------------------------------------------------
# Top level
# --------------------------------------------------------------------------------------------


class EconomicsParameters(Strict):
    """Economic and climate parameters of a baseline (``[economics]`` table)."""

    macro: Macro
    costs: UnitCosts
    recyclable_prices: RecyclablePrices
    epr: EprRates
    finance: Finance
    tariffs: Tariffs
    climate: Climate


class EconomicsOverrides(Strict):
    """Per-scenario economic levers (``[levers.economics]``); ``None`` keeps the baseline."""

    epr_realisation: Fraction | None = None
    """EPR payout realisation ρ [-] (e.g. 0.001 "2024 reality", 1 "reformed EPR")."""
    concessional_share: Fraction | None = None
    """Share of eligible capex financed by concessional loans [-]."""
    discount_rate: Rate | None = None
    """Discount rate [1/yr]."""
    gwp: GwpSet | None = None
    """GWP set (AR5 or AR6)."""
    methane_recovery: dict[LandfillType, Fraction] = Field(default_factory=dict)
    """Share of generated landfill CH4 recovered, by landfill type [-]."""
    recyclable_prices_kzt_per_t: PartialPerMaterialNonNegative = Field(default_factory=dict)
    """Prices of recovered materials [KZT/t] for some materials."""
    mrp_real_growth_per_yr: GrowthRate | None = None
    """Real growth of the MRP [1/yr]."""


__all__ = [
    "Climate",
    "Composting",
    "EconomicsOverrides",
    "EconomicsParameters",
    "EprRates",
    "Finance",
    "Gwp",
    "LandfillGas",
    "OpenBurning",
    "LegacyHistory",
    "Macro",
    "RecyclablePrices",
    "RecyclingCredits",
    "Tariffs",
    "UnitCosts",
]
