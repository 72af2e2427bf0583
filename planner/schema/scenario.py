"""Scenario schema: baseline data and levers, validated by pydantic v2.

A *baseline* describes the regions as they are (districts, landfills, sorting lines, composting
sites) and the technical parameters with their sources.  A *scenario* names its baseline and
overrides only what it changes (the *levers*), so that options compare on one base.

Units are carried in field names: ``_t`` tonnes, ``_t_per_yr`` tonnes per year, ``_kzt`` tenge,
``_per_yr`` per year (growth rates as fractions), shares are fractions in [0, 1].
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator
from pydantic import Strict as NoCoercion
from pydantic.fields import FieldInfo

from planner.schema.economics import EconomicsOverrides, EconomicsParameters
from planner.schema.types import (
    Composition,
    Fraction,
    GrowthRate,
    Identifier,
    Kzt,
    LandfillType,
    Latitude,
    Longitude,
    LongText,
    Material,
    NonNegative,
    PartialPerMaterialFraction,
    PerMaterialFraction,
    Persons,
    Range,
    ShortText,
    Source,
    Sources,
    Strict,
    Tonnes,
    TonnesPerYear,
    Trajectory,
    WholeYears,
    Year,
    YearKey,
    check_range,
    check_sources_name_fields,
    fail,
    finite,
    unknown_reference,
)

# --------------------------------------------------------------------------------------------
# Baseline data
# --------------------------------------------------------------------------------------------

PerCapitaGeneration = Annotated[float, NoCoercion(), Field(ge=0, le=2), AfterValidator(finite)]
"""MSW generated per resident [t/(person·yr)], 0–2 (Kazakhstan's cities report 0.2–0.4)."""


class Texts(Strict):
    """A text in Russian, Kazakh and English (a description), each at most
    :data:`~planner.schema.types.MAX_TEXT_CHARS` characters."""

    ru: LongText
    kk: LongText
    en: LongText


class Names(Texts):
    """A name in Russian, Kazakh and English, each at most
    :data:`~planner.schema.types.MAX_NAME_CHARS` characters (names label legends and
    badges)."""

    ru: ShortText
    kk: ShortText
    en: ShortText


class District(Strict):
    """A district or city of regional significance (both count as districts)."""

    id: Identifier
    kind: Literal["city", "district"]
    name: Names
    lat: Latitude
    """Latitude of the district centre [°]."""
    lon: Longitude
    """Longitude of the district centre [°]."""
    population: Persons
    """Residents in ``population_year`` [persons]; at most 5 million: Kazakhstan's largest
    city, Almaty, has ~2.3 million."""
    population_year: Year
    population_growth_per_yr: GrowthRate
    """Annual population growth [1/yr], e.g. -0.008 for -0.8 %/yr."""
    generation_t_per_cap_yr: PerCapitaGeneration
    """MSW generated per resident in the base year [t/(person·yr)]."""
    generation_growth_per_yr: GrowthRate
    """Annual growth of per-capita generation [1/yr]."""
    collection_coverage: Fraction
    """Share of generated MSW that the collection service picks up in the base year [-]."""
    composition: Composition | None = None
    """Mass composition [-]; when omitted the region's composition applies."""
    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_known(self) -> District:
        check_sources_name_fields(self, self.sources)
        return self


class Facility(Strict):
    """Common fields of every facility."""

    id: Identifier
    name: Names
    lat: Latitude
    """Latitude [°]."""
    lon: Longitude
    """Longitude [°]."""
    districts_served: list[Identifier] = Field(min_length=1)
    """Districts whose waste this facility receives."""
    start_year: Year | None = None
    """First year of operation; ``None`` means already operating in the base year."""
    close_year: Year | None = None
    """First year in which the facility no longer operates; ``None`` means never."""
    capex_kzt: Kzt = 0.0
    """Investment spent in the year before ``start_year`` [KZT]; 0 for existing facilities;
    at most 10^13 KZT, about half of Kazakhstan's yearly republican budget."""
    capex_payer: Literal["local_budget", "investors"] | None = None
    """Who pays the capex; ``None`` decides by kind (``economics.finance.budget_kinds``).
    A shop bundled into a budget-funded complex is ``"local_budget"`` (and takes no loan)."""
    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Facility:
        check_sources_name_fields(self, self.sources)
        if len(set(self.districts_served)) != len(self.districts_served):
            raise fail("district_twice", "districts_served lists a district twice")
        if (
            self.start_year is not None
            and self.close_year is not None
            and self.close_year <= self.start_year
        ):
            raise fail("close_before_start", "close_year must be after start_year")
        return self

    def operates_in(self, year: int) -> bool:
        """Whether the facility operates in ``year``."""
        started = self.start_year is None or year >= self.start_year
        closed = self.close_year is not None and year >= self.close_year
        return started and not closed


class Landfill(Facility):
    """A landfill or dump that receives residual waste."""

    type: LandfillType
    remaining_capacity_t: Tonnes
    """Capacity left at the base year (or at opening, for a new landfill) [t]; at most 500 Mt,
    50 years of the largest allowed intake."""


class SortingLine(Facility):
    """A sorting line for mixed and separately collected waste."""

    capacity_t_per_yr: TonnesPerYear
    """Input capacity [t/yr]; at most 10 Mt/yr (all of Kazakhstan generates ~5 Mt/yr)."""
    utilisation: Fraction = 1.0
    """Share of the capacity actually used [-]; 1 means the line runs at its nominal capacity
    (the optimistic default — real lines often run below it, e.g. when their operating margin
    is negative)."""


class CompostingSite(Facility):
    """A composting site for separately collected organics and wood."""

    capacity_t_per_yr: TonnesPerYear
    """Input capacity [t/yr]; at most 10 Mt/yr (all of Kazakhstan generates ~5 Mt/yr)."""


class Region(Strict):
    """A region (oblast) with its districts and facilities."""

    id: Identifier
    name: Names
    composition: Composition
    """Default MSW composition of the region's districts [-]."""
    districts: list[District] = Field(min_length=1)
    landfills: list[Landfill] = Field(default_factory=list)
    sorting_lines: list[SortingLine] = Field(default_factory=list)
    composting_sites: list[CompostingSite] = Field(default_factory=list)
    official_processing_share: dict[YearKey, Fraction] = Field(default_factory=dict)
    """Published official processing shares by year [-], for calibration checks."""
    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Region:
        check_sources_name_fields(self, self.sources)
        ids = [d.id for d in self.districts]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(duplicates))
        return self


class Parameters(Strict):
    """Technical parameters shared by all regions of a baseline."""

    recovery_mixed: PerMaterialFraction
    """Share of each material in mixed-waste sorting input that is recovered for recycling [-]."""
    recovery_separate: PerMaterialFraction
    """Share of each material in separately collected sorting input that is recovered [-]."""
    composting_yield: PerMaterialFraction
    """Share of each material delivered to composting that is composted; the rest is rejected
    to landfill [-].  Materials with 0 are not accepted at composting sites."""
    participation: Trajectory
    """Share of households that separate waste at source [-] (before awareness campaigns)."""
    capture: PerMaterialFraction
    """Share of each material that participating households put into separate collection [-]."""
    landfill_ban_year: dict[Material, Year] = Field(default_factory=dict)
    """First year in which landfilling the material is banned by the Ecological Code."""
    target_processing_share: dict[YearKey, Fraction] = Field(default_factory=dict)
    """National targets for the processing share [-] by year (e.g. 0.40 in 2030)."""
    national_reference: dict[Identifier, NonNegative] = Field(default_factory=dict)
    """National statistics the model is checked against, not used by the projection (names
    carry units, e.g. ``collected_2024_t`` [t], ``population_2025`` [persons])."""
    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_known(self) -> Parameters:
        check_sources_name_fields(self, self.sources)
        return self


class Baseline(Strict):
    """Baseline data: the regions as they are, and the technical parameters."""

    id: Identifier
    name: Names
    base_year: Year
    """First projected year; district data are brought to it by their growth rates."""
    regions: list[Region] = Field(min_length=1)
    parameters: Parameters
    economics: EconomicsParameters | None = None
    """Economic and climate parameters (:mod:`planner.schema.economics`); optional."""

    @model_validator(mode="after")
    def _check(self) -> Baseline:
        region_ids = [r.id for r in self.regions]
        district_ids = [d.id for r in self.regions for d in r.districts]
        repeated = sorted({i for i in district_ids if district_ids.count(i) > 1})
        if len(set(region_ids)) != len(region_ids):
            raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(region_ids))
        if repeated:
            raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(repeated))
        facility_ids: list[str] = []
        for region in self.regions:
            known = {d.id for d in region.districts}
            for kind, facilities in _facility_lists(region):
                for i, facility in enumerate(facilities):
                    facility_ids.append(facility.id)
                    unknown = [d for d in facility.districts_served if d not in known]
                    if unknown:
                        raise unknown_reference(
                            f"regions[{region.id}].{kind}[{i}].districts_served",
                            "district",
                            unknown,
                            known,
                        )
        repeated_f = sorted({i for i in facility_ids if facility_ids.count(i) > 1})
        if repeated_f:
            raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(repeated_f))
        return self

    def district_ids(self) -> list[str]:
        """All district ids in file order."""
        return [d.id for r in self.regions for d in r.districts]


def _facility_lists(region: Region) -> list[tuple[str, list[Facility]]]:
    return [
        ("landfills", list(region.landfills)),
        ("sorting_lines", list(region.sorting_lines)),
        ("composting_sites", list(region.composting_sites)),
    ]


# --------------------------------------------------------------------------------------------
# Levers and scenarios
# --------------------------------------------------------------------------------------------


class AwarenessCampaign(Strict):
    """A public awareness campaign that raises participation in separate collection.

    Participation rises by ``participation_gain_per_yr`` in each campaign year, up to
    ``ceiling``; the gain is kept after the campaign ends (an assumption, see README).
    """

    name: ShortText
    """Name of the campaign, at most 120 characters (it labels legends)."""
    start_year: Year
    duration_yr: WholeYears
    """Number of campaign years [yr]."""
    participation_gain_per_yr: Fraction
    """Added share of households separating at source per campaign year [1/yr]."""
    ceiling: Fraction
    """Participation the campaign cannot push beyond [-]."""
    districts: list[Identifier] | None = None
    """Districts reached; ``None`` means all districts."""
    cost_kzt_per_yr: Kzt = 0.0
    """Campaign cost in each campaign year [KZT/yr], at most 10^13 KZT/yr."""


class NewLandfill(Landfill):
    """A new landfill; ``region`` names the region it is built in."""

    region: Identifier
    start_year: Year  # type: ignore[assignment]


class NewSortingLine(SortingLine):
    """A new sorting line; ``region`` names the region it is built in."""

    region: Identifier
    start_year: Year  # type: ignore[assignment]


class NewCompostingSite(CompostingSite):
    """A new composting site; ``region`` names the region it is built in."""

    region: Identifier
    start_year: Year  # type: ignore[assignment]


class LandfillGasCapture(Strict):
    """Gas collection and flaring at one landfill, from ``start_year`` on.

    From its start year the landfill's CH4 recovery is ``capture_share`` of the CH4 generated
    (replacing the type's default recovery), also after the landfill closes; the capex is spent
    in the start year and the opex in every year from then on (local budget).
    """

    landfill: Identifier
    """Id of a baseline landfill or of a new landfill of the scenario."""
    start_year: Year
    """First year of capture [year]."""
    capture_share: Fraction
    """Share of the generated CH4 collected and flared [-]."""
    capex_kzt: Kzt = 0.0
    """Wells, pipes, blower and flare [KZT], spent in ``start_year``."""
    opex_kzt_per_yr: Kzt = 0.0
    """Operation and maintenance in every year from ``start_year`` [KZT/yr]."""
    sources: Sources = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_known(self) -> LandfillGasCapture:
        check_sources_name_fields(self, self.sources)
        return self


class Levers(Strict):
    """What a scenario changes against its baseline.  Every field is optional."""

    collection_coverage: dict[str, Trajectory] = Field(default_factory=dict)
    """Coverage trajectories [-] by district id; the key ``"*"`` applies to all districts not
    named.  Before the first point the baseline coverage holds."""
    generation_t_per_cap_yr: dict[str, PerCapitaGeneration] = Field(default_factory=dict)
    """Per-capita generation in the base year [t/(person·yr)] by district id or ``"*"``."""
    generation_growth_per_yr: GrowthRate | None = None
    """Annual growth of per-capita generation for all districts [1/yr]."""
    participation: Trajectory | None = None
    """Participation in separate collection [-], replacing the baseline trajectory."""
    capture: PartialPerMaterialFraction = Field(default_factory=dict)
    """Capture share per material for participating households [-]."""
    recovery_mixed: PartialPerMaterialFraction = Field(default_factory=dict)
    """Recovery from mixed-waste sorting per material [-]."""
    recovery_separate: PartialPerMaterialFraction = Field(default_factory=dict)
    """Recovery from separately collected waste per material [-]."""
    awareness_campaigns: list[AwarenessCampaign] = Field(default_factory=list)
    new_sorting_lines: list[NewSortingLine] = Field(default_factory=list)
    new_composting_sites: list[NewCompostingSite] = Field(default_factory=list)
    new_landfills: list[NewLandfill] = Field(default_factory=list)
    closed_facilities: dict[Identifier, Year] = Field(default_factory=dict)
    landfill_gas_capture: list[LandfillGasCapture] = Field(default_factory=list)
    """Gas collection and flaring by landfill (at most one entry per landfill)."""
    """Baseline facilities closed from the given year, by facility id."""
    economics: EconomicsOverrides | None = None
    """Economic levers (EPR payout realisation, loans, GWP…), see :mod:`planner.economics`."""


class Scenario(Strict):
    """A named scenario: a baseline plus levers.

    ``baseline`` is either a name (a bundled baseline, or from a file on disk a file under its
    folder: see :mod:`planner.io`) or the baseline itself; :func:`planner.io.load_scenario`
    resolves names, and the projection needs it resolved.
    """

    id: Identifier
    name: Names
    description: Texts | None = None
    """What the scenario does, in three languages (at most 2,000 characters each)."""
    baseline: str | Baseline
    start_year: Year | None = None
    """First projected year; defaults to the baseline's base year."""
    end_year: Year = 2050
    """Last projected year (the horizon)."""
    levers: Levers = Field(default_factory=Levers)
    sources: dict[str, Source] = Field(default_factory=dict)
    """Sources of the lever values, keyed by lever path (e.g. ``new_sorting_lines.semey``)."""

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        if isinstance(self.baseline, Baseline):
            _check_levers_against_baseline(self.levers, self.baseline)
            first = self.first_year()
            if self.end_year < first:
                raise fail(
                    "end_before_start",
                    "end_year {end} is before the first year {first}",
                    end=self.end_year,
                    first=first,
                    where="end_year",
                )
        return self

    @model_validator(mode="after")
    def _lever_ranges(self) -> Scenario:
        for path, source in self.sources.items():
            if source.range is not None:
                check_lever_range(self.levers, path, source.range)
        return self

    def resolved_baseline(self) -> Baseline:
        """The baseline; raises if it is still a path."""
        if not isinstance(self.baseline, Baseline):
            raise ValueError(
                f"scenario {self.id!r}: baseline {self.baseline!r} is a path; "
                "load the scenario with planner.load_scenario"
            )
        return self.baseline

    def first_year(self) -> int:
        """First projected year [year]."""
        baseline = self.resolved_baseline()
        return self.start_year if self.start_year is not None else baseline.base_year

    def years(self) -> list[int]:
        """Projected years, first to ``end_year`` inclusive."""
        return list(range(self.first_year(), self.end_year + 1))


def _check_levers_against_baseline(levers: Levers, baseline: Baseline) -> None:
    """Raise ``ValueError`` naming the lever that refers to something unknown."""
    districts = set(baseline.district_ids())
    by_region = {r.id: {d.id for d in r.districts} for r in baseline.regions}
    facilities = {f.id for r in baseline.regions for _, fs in _facility_lists(r) for f in fs}
    for field in ("collection_coverage", "generation_t_per_cap_yr"):
        unknown = sorted(set(getattr(levers, field)) - districts - {"*"})
        if unknown:
            raise unknown_reference(f"levers.{field}", "district", unknown, districts | {"*"})
    for i, campaign in enumerate(levers.awareness_campaigns):
        unknown = sorted(set(campaign.districts or []) - districts)
        if unknown:
            raise unknown_reference(
                f"levers.awareness_campaigns[{i}].districts", "district", unknown, districts
            )
    new_ids: list[str] = []
    for kind in ("new_sorting_lines", "new_composting_sites", "new_landfills"):
        for i, facility in enumerate(getattr(levers, kind)):
            new_ids.append(facility.id)
            if facility.region not in by_region:
                raise unknown_reference(
                    f"levers.{kind}[{i}].region", "region", [facility.region], set(by_region)
                )
            unknown = [d for d in facility.districts_served if d not in by_region[facility.region]]
            if unknown:
                raise unknown_reference(
                    f"levers.{kind}[{i}].districts_served",
                    "district",
                    unknown,
                    by_region[facility.region],
                )
    clash = sorted(set(new_ids) & facilities) + sorted({i for i in new_ids if new_ids.count(i) > 1})
    if clash:
        raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(clash))
    unknown_closed = sorted(set(levers.closed_facilities) - facilities)
    if unknown_closed:
        raise unknown_reference("levers.closed_facilities", "facility", unknown_closed, facilities)
    landfills = {f.id for r in baseline.regions for f in r.landfills} | {
        f.id for f in levers.new_landfills
    }
    gas_ids = [g.landfill for g in levers.landfill_gas_capture]
    unknown_gas = sorted(set(gas_ids) - landfills)
    if unknown_gas:
        raise unknown_reference("levers.landfill_gas_capture", "facility", unknown_gas, landfills)
    twice = sorted({i for i in gas_ids if gas_ids.count(i) > 1})
    if twice:
        raise fail("ids_repeated", "ids are repeated: {names}", names=", ".join(twice))


def lever_fields(levers: Levers, path: str) -> list[tuple[object, FieldInfo]]:
    """The values a lever path names, with the field they are in (``[]``: none).

    ``capture`` names a lever, ``economics.epr_realisation`` a field of a lever table and
    ``awareness_campaigns.participation_gain_per_yr`` that field of every campaign.
    """
    found: list[tuple[object, FieldInfo]] = []

    def walk(node: object, parts: list[str]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, parts)
            return
        if not isinstance(node, BaseModel) or parts[0] not in type(node).model_fields:
            return
        value = getattr(node, parts[0])
        if len(parts) == 1:
            found.append((value, type(node).model_fields[parts[0]]))
        elif value is not None:
            walk(value, parts[1:])

    walk(levers, path.split("."))
    return found


def check_lever_range(levers: Levers, path: str, rng: Range) -> None:
    """Validator: a range in a scenario's ``sources`` names a lever value and fits it
    (:func:`~planner.schema.types.check_range`)."""
    fields = lever_fields(levers, path)
    if not fields or any(value is None for value, _ in fields):
        raise fail("range_field", "{field} is not a number or a table of numbers", field=path)
    for value, info in fields:
        check_range(path, value, info, rng)
