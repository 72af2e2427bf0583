"""Options of the sorting-line siting model and the candidate sites a user may add.

Defaults (with their sources) are in ``scenarios/baseline/siting.toml``.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from planner.io import SCENARIO_DIR, problems_from
from planner.schema import Fraction, Identifier, NonNegative, Scenario, Sources, Strict, Year
from planner.siting.inputs import InputProblem, Names, SitingInputError, raise_if_any

SITING_DEFAULTS_FILE = SCENARIO_DIR / "baseline" / "siting.toml"


class CandidateSite(Strict):
    """A site where new lines may be built."""

    id: Identifier
    region: Identifier
    name: str = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    """Latitude [°]."""
    lon: float = Field(ge=-180, le=180)
    """Longitude [°]."""


class SitingOptions(Strict):
    """Options and costs of the siting model; defaults in scenarios/baseline/siting.toml."""

    design_year: Year = 2030
    """Year of the projection whose demand the lines must serve."""
    start_year: Year = 2028
    """Start year given to the chosen lines when the plan is applied to a scenario."""
    sizes_t_per_yr: list[NonNegative] = Field(min_length=1)
    """Menu of line capacities [t/yr]."""
    capex_kzt_per_t_yr: NonNegative
    """Investment per unit of capacity [KZT per t/yr]."""
    fixed_opex_share_of_capex_per_yr: Fraction
    """Fixed operating cost per year as a share of capex [1/yr]."""
    sorting_cost_kzt_per_t: NonNegative
    """Variable sorting cost [KZT/t]."""
    transport_kzt_per_t_km: NonNegative
    """Haul cost [KZT/(t·km)]."""
    circuity: float = Field(ge=1.0, le=3.0)
    """Road distance ÷ great-circle distance [-]."""
    discount_rate: float = Field(ge=0.0, le=0.5)
    """Discount rate for the capex annuity [1/yr]."""
    lifetime_yr: int = Field(ge=1, le=60)
    """Economic lifetime of a line [yr]."""
    material_value_kzt_per_t: dict[str, NonNegative] = Field(default_factory=dict)
    """Value of recovered material at the plant gate by material [KZT/t]."""
    avoided_landfill_kzt_per_t: NonNegative = 0.0
    """Landfilling cost avoided per tonne recovered [KZT/t]."""
    net_of_value: bool = False
    """Subtract recovered-material value and avoided landfilling from the per-tonne cost."""
    capex_budget_kzt: NonNegative | None = None
    """Upper bound on the capex of new lines [KZT]."""
    max_new_lines: int | None = Field(default=None, ge=0)
    """Maximum number of new lines [-]."""
    keep_announced: bool = True
    """Treat the scenario's new sorting lines as already decided (open)."""
    open_lines_serve_region: bool = True
    """Existing and announced lines may also serve the other districts of their region (at
    transport cost), so their spare capacity is used before new lines are built; off, each
    serves only its own ``districts_served``."""
    min_served_share: Fraction = 1.0
    """Share of the demand that must be served by sorting lines [-]."""
    single_source: bool = False
    """Each district sends all its waste to one line."""
    extra_sites: list[CandidateSite] = Field(default_factory=list)
    """Sites added by the user."""
    time_limit_s: float = Field(default=30.0, gt=0, le=600)
    """Solver time limit [s]."""
    sources: Sources = Field(default_factory=dict)


def load_siting_defaults(path: Path = SITING_DEFAULTS_FILE) -> SitingOptions:
    """The default siting options with their sources."""
    with path.open("rb") as f:
        return SitingOptions.model_validate(tomllib.load(f))


# --------------------------------------------------------------------------------------------
# The user's sites and options, checked with messages in the user's language
# --------------------------------------------------------------------------------------------

LAT_RANGE = (40.0, 56.0)
"""Latitudes a site in Kazakhstan may have [°N] (the country spans 40.6–55.4°N)."""
LON_RANGE = (46.0, 88.0)
"""Longitudes a site in Kazakhstan may have [°E] (the country spans 46.5–87.3°E)."""

ID_PATTERN = re.compile(r"^[a-z0-9_]{1,64}$")
"""A site id: lower-case latin letters, digits and ``_``, at most 64 characters (as
:data:`planner.schema.Identifier`)."""


def _coordinate(value: Any) -> float | None:
    """A finite coordinate [°], or ``None`` when ``value`` is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def site_problems(sites: list[Mapping[str, Any]], scenario: Scenario) -> list[InputProblem]:
    """What is wrong with the user's extra sites for ``scenario``.

    Each site (``id``, ``region``, ``lat``, ``lon``, optional ``name``) needs a well-formed id
    that no other site, district or line of the scenario has, a region of the scenario, and
    coordinates in Kazakhstan (:data:`LAT_RANGE`, :data:`LON_RANGE`).  Problems name the site
    by what the user typed.
    """
    baseline = scenario.resolved_baseline()
    regions = {r.id: r.name.model_dump() for r in baseline.regions}
    taken = set(names_of_places(scenario))
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for site in sites:
        site_id = str(site.get("id") or "").strip()
        label = Names.of([str(site.get("name") or site_id)[:80]])

        def add(kind: str, label: Names = label, **context: Any) -> None:
            problems.append(InputProblem("site", f"site.{kind}", {"site": label, **context}))

        if not ID_PATTERN.match(site_id):
            add("bad_id" if len(site_id) <= 64 else "long_id", limit=64)
        elif site_id in taken or site_id in seen:
            add("id_taken")
        seen.add(site_id)
        region = str(site.get("region") or "")
        if region not in regions:
            shown = Names.of([region[:40]]) if region else Names.of(["—"])
            add("unknown_region", region=shown, allowed=Names.of(regions.values()))
        for key, (low, high) in (("lat", LAT_RANGE), ("lon", LON_RANGE)):
            value = _coordinate(site.get(key))
            if value is None:
                add(f"{key}_not_number")
            elif not low <= value <= high:
                add(f"{key}_range", value=value, low=low, high=high)
    return problems


def names_of_places(scenario: Scenario) -> dict[str, dict[str, str]]:
    """Names in ru/kk/en of every district, landfill and sorting line of ``scenario``, by id."""
    baseline = scenario.resolved_baseline()
    names: dict[str, dict[str, str]] = {}
    for region in baseline.regions:
        for item in [*region.districts, *region.landfills, *region.sorting_lines]:
            names[item.id] = item.name.model_dump()
    for item in [*scenario.levers.new_landfills, *scenario.levers.new_sorting_lines]:
        names[item.id] = item.name.model_dump()
    return names


def options_problems(error: ValidationError) -> list[InputProblem]:
    """The problems of a ``SitingOptions`` validation error, one sentence each (translated by
    :mod:`planner.messages`), naming the option."""
    return [
        InputProblem("options", "option", {"option": p.field, "problem": p})
        for p in problems_from(error, "options", SitingOptions)
    ]


def validated_options(data: Mapping[str, Any], scenario: Scenario) -> SitingOptions:
    """``SitingOptions`` from ``data`` with the extra sites checked against ``scenario``.

    Raises
    ------
    SitingInputError
        With one translated problem per bad site or option (never pydantic's text).
    """
    sites = list(data.get("extra_sites") or [])
    problems = site_problems(sites, scenario)
    raise_if_any(problems)
    try:
        return SitingOptions.model_validate(dict(data))
    except ValidationError as exc:
        raise SitingInputError(options_problems(exc)) from None
