"""Year-by-year projection of where each tonne of MSW goes.

:func:`project` is pure: no I/O, no Streamlit.  Each year, for every district and material:

1. generated = population × per-capita generation × composition;
2. collected = generated × collection coverage; the rest is *uncollected*;
3. source-separated = collected × participation × capture; the rest of collected is *mixed*;
4. composting sites take separately collected organics (and wood) up to capacity; the composted
   yield is *composted*, rejects go to landfill;
5. sorting lines take separately collected dry waste first, then mixed waste, up to capacity;
   the recovered share is *recycled*, the residue goes to landfill;
6. everything else collected is *landfilled*: landfills fill in priority order (new landfills
   first, then existing ones in file order); waste above every landfill's remaining capacity
   still goes to the first operating landfill of the district and is reported as over capacity;
7. landfilled waste of a district with no operating landfill in that year is *unplaced*: it goes
   to an explicit "unplanned dump" of the region (``unplanned_dump_<region>``: an uncontrolled
   site with no gate fee and its own methane), and :func:`unplaced_warnings` reports it.

Every generated tonne ends in exactly one fate: uncollected, recycled, composted or landfilled;
every landfilled tonne is deposited in exactly one landfill or unplanned dump, every year.
A facility shared by several districts serves them in proportion to what they offer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from planner import flows as fl
from planner import kpis as kp
from planner.climate import UNPLANNED_DUMP_PREFIX
from planner.resolve import FacilityPlan, Inputs, ResolvedInputs, resolve_inputs
from planner.schema import MATERIALS, Scenario

FLOWS: tuple[str, ...] = (
    "generated",
    "collected",
    "uncollected",
    "source_separated",
    "sorted",
    "recycled",
    "composted",
    "biotreated",
    "landfilled",
)
"""Flow names in the flows table [t/yr].  ``biotreated`` is the input to composting."""

DEPOSIT_ARRAYS: tuple[str, ...] = ("unplaced", "uncontrolled_deposited")
"""Further arrays of :attr:`Projection.arrays` ``[year, district, material]`` [t/yr], not rows of
the flows table: landfilled tonnes with no operating landfill (sent to the region's unplanned
dump), and landfilled tonnes deposited on ``uncontrolled`` landfills or unplanned dumps."""


FATES: tuple[str, ...] = ("uncollected", "recycled", "composted", "landfilled")
"""The flows every generated tonne ends in exactly one of."""

FLOW_COLUMNS = ["scenario", "region", "district", "year", "material", "flow", "tonnes"]
KPI_COLUMNS = ["scenario", "region", "district", "year", "kpi", "value"]

TONNAGE_KPIS = kp.names("projection", ("flow",))
"""Tonnage KPIs [t/yr] (:data:`planner.kpis.KPIS`)."""
RATE_KPIS = kp.names("projection", ("share",))
"""Share KPIs [-] (:data:`planner.kpis.KPIS`)."""


@dataclass(frozen=True)
class LandfillState:
    """What is left of one landfill, year by year."""

    remaining_t: np.ndarray
    """Remaining capacity at the end of each projected year ``[year]`` [t] (never below 0)."""
    over_capacity_t: np.ndarray
    """Deposits above the remaining capacity ``[year]`` [t/yr]."""

    def __getitem__(self, key: str) -> np.ndarray:
        """``state["remaining_t"]``: read access for code written when this was a dict."""
        if key not in ("remaining_t", "over_capacity_t"):
            raise KeyError(key)
        return getattr(self, key)


@dataclass(eq=False)
class Projection:
    """Result of :func:`project`: arrays computed at once, tidy tables built on first use.

    The tidy tables (``flows``, ``kpis``, ``facilities``, ``landfills``) are properties.
    """

    scenario: str
    """Scenario id."""
    inputs: ResolvedInputs
    """The resolved inputs the projection ran on."""
    arrays: dict[str, np.ndarray]
    """Flow arrays ``[year, district, material]`` [t/yr] by flow name in :data:`FLOWS`."""
    kpi_values: dict[str, np.ndarray]
    """KPI arrays ``[year, group]`` by KPI name (:mod:`planner.kpis`); groups in ``groups``."""
    groups: list[tuple[str, str]]
    """``(region, district)`` of each KPI group: districts, then regions (district ``""``),
    then the total (both ``""``)."""
    fac_input: dict[str, np.ndarray]
    """Input ``[year, material]`` [t/yr] by facility id; for landfills what is deposited."""
    landfill_state: dict[str, LandfillState]
    """Remaining and over-capacity tonnes by landfill id."""
    recycled_separate_t: np.ndarray | None = None
    """The part of ``arrays["recycled"]`` sorted from separately collected waste ``[year,
    district, material]`` [t/yr] (the rest was picked from mixed waste); ``None`` counts all
    of it as separately collected."""
    years: list[int] = field(init=False)
    """Projected years."""
    landfill_full_year: dict[str, int | None] = field(init=False)
    """Landfill id → first year at whose end it is full, or ``None``."""

    def __post_init__(self) -> None:
        self.years = self.inputs.years
        self.landfill_full_year = _full_years(self.inputs, self.landfill_state)

    @property
    def lf_state(self) -> dict[str, LandfillState]:
        """The former name of :attr:`landfill_state` (``lf_state[id]["remaining_t"]`` works)."""
        return self.landfill_state

    @cached_property
    def flows(self) -> pd.DataFrame:
        """Tidy flows: ``scenario, region, district, year, material, flow, tonnes`` [t/yr];
        one row per district, year, material and flow in :data:`FLOWS`."""
        return _flows_table(self.scenario, self.inputs, self.arrays)

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """Tidy KPIs: ``scenario, region, district, year, kpi, value``; ``district`` is empty
        on region rows, ``region`` and ``district`` are empty on total rows."""
        return _kpi_table(self.scenario, self.years, self.kpi_values, self.groups)

    @cached_property
    def facilities(self) -> pd.DataFrame:
        """Input of every facility: ``scenario, facility, kind, region, year, material,
        input_t`` [t/yr]; for landfills the input is what is deposited."""
        return _facility_table(self.scenario, self.inputs, self.fac_input)

    @cached_property
    def landfills(self) -> pd.DataFrame:
        """Landfill state: ``scenario, landfill, region, type, year, operating, deposited_t,
        remaining_capacity_t, over_capacity_t, years_left``; remaining at year end
        [t]; rows for a region's unplanned dump when it received waste."""
        return _landfill_table(
            self.scenario, self.inputs, self.fac_input, self.lf_state, self.arrays["unplaced"]
        )

    def kpi(self, name: str, region: str = "", district: str = "") -> np.ndarray:
        """One KPI over the years for a district, a region (``district=""``) or the total."""
        return self.kpi_values[name][:, self.groups.index((region, district))]


# --------------------------------------------------------------------------------------------
# The year loop
# --------------------------------------------------------------------------------------------


def _serve(offered: np.ndarray, idx: np.ndarray, capacity_t: float) -> np.ndarray:
    """Tonnes a facility takes from its districts' offer, proportionally, up to capacity."""
    offer = offered[idx]
    return offer * fl.capacity_share(float(offer.sum()), capacity_t)


def run_flows(
    inputs: ResolvedInputs,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, LandfillState]]:
    """Run the year loop.

    Returns
    -------
    tuple
        Flow arrays ``[year, district, material]`` [t/yr] by flow name, plus
        ``recycled_separate`` (the part of ``recycled`` sorted from separately collected
        waste, which the economics prices and pays EPR on; not a row of the flows table);
        facility input arrays
        ``[year, material]`` [t/yr] by facility id; :class:`LandfillState` by landfill id.
    """
    n_y, n_d, n_m = len(inputs.years), len(inputs.district_ids), len(MATERIALS)
    generated = fl.generation_t_per_yr(
        inputs.population, inputs.generation_t_per_cap_yr, inputs.composition
    )
    collected = generated * inputs.coverage[:, :, None]
    accepts_bio = inputs.composting_yield > 0
    out = {name: np.zeros((n_y, n_d, n_m)) for name in (*FLOWS, "recycled_separate")}
    out["generated"] = generated
    out["collected"] = collected
    out["uncollected"] = generated - collected
    for name in DEPOSIT_ARRAYS:
        out[name] = np.zeros((n_y, n_d, n_m))
    fac_input = {
        p.facility.id: np.zeros((n_y, n_m))
        for p in inputs.sorting + inputs.composting + inputs.landfills
    }
    remaining = {p.facility.id: float(p.landfill.remaining_capacity_t) for p in inputs.landfills}
    lf_state = {
        p.facility.id: LandfillState(np.zeros(n_y), np.zeros(n_y)) for p in inputs.landfills
    }
    for t in range(n_y):
        separated = fl.source_separated_t(collected[t], inputs.participation[t], inputs.capture)
        mixed = collected[t] - separated
        bio = separated * accepts_bio
        dry = separated - bio
        bio_in = np.zeros((n_d, n_m))
        for p in inputs.composting:
            if not p.operating[t]:
                continue
            taken = _serve(bio, p.district_index, p.composting_site.capacity_t_per_yr)
            np.subtract.at(bio, p.district_index, taken)
            np.add.at(bio_in, p.district_index, taken)
            fac_input[p.facility.id][t] = taken.sum(axis=0)
        sorted_sep = np.zeros((n_d, n_m))
        sorted_mix = np.zeros((n_d, n_m))
        for p in inputs.sorting:
            if not p.operating[t]:
                continue
            cap = fl.effective_capacity_t_per_yr(
                p.sorting_line.capacity_t_per_yr, p.sorting_line.utilisation
            )
            take_sep = _serve(dry, p.district_index, cap)
            take_mix = _serve(mixed, p.district_index, cap - float(take_sep.sum()))
            np.subtract.at(dry, p.district_index, take_sep)
            np.subtract.at(mixed, p.district_index, take_mix)
            np.add.at(sorted_sep, p.district_index, take_sep)
            np.add.at(sorted_mix, p.district_index, take_mix)
            fac_input[p.facility.id][t] = (take_sep + take_mix).sum(axis=0)
        recycled_separate = fl.recovered_t(sorted_sep, inputs.recovery_separate)
        recycled = recycled_separate + fl.recovered_t(sorted_mix, inputs.recovery_mixed)
        composted = fl.recovered_t(bio_in, inputs.composting_yield)
        sorted_t = sorted_sep + sorted_mix
        landfilled = mixed + dry + bio + (sorted_t - recycled) + (bio_in - composted)
        out["source_separated"][t] = separated
        out["sorted"][t] = sorted_t
        out["recycled"][t] = recycled
        out["recycled_separate"][t] = recycled_separate
        out["biotreated"][t] = bio_in
        out["composted"][t] = composted
        out["landfilled"][t] = landfilled
        unplaced, uncontrolled = _place_in_landfills(
            landfilled, inputs.landfills, t, remaining, fac_input, lf_state
        )
        out["unplaced"][t] = unplaced
        out["uncontrolled_deposited"][t] = uncontrolled + unplaced
    return out, fac_input, lf_state


def _place_in_landfills(
    landfilled, plans, t, remaining, fac_input, lf_state
) -> tuple[np.ndarray, np.ndarray]:
    """Deposit one year's landfilled tonnes into landfills in priority order.

    Returns the tonnes no operating landfill could take ``[district, material]`` [t/yr] (they
    go to the region's unplanned dump) and the tonnes deposited on ``uncontrolled`` landfills.
    """
    to_place = landfilled.copy()
    uncontrolled = np.zeros_like(landfilled)
    for p in plans:
        if not p.operating[t]:
            continue
        taken = _serve(to_place, p.district_index, remaining[p.facility.id])
        np.subtract.at(to_place, p.district_index, taken)
        if p.landfill.type == "uncontrolled":
            np.add.at(uncontrolled, p.district_index, taken)
        remaining[p.facility.id] -= float(taken.sum())
        fac_input[p.facility.id][t] += taken.sum(axis=0)
    leftover = to_place.sum(axis=1)
    if leftover.max(initial=0.0) > 0:
        for p in plans:
            if not p.operating[t]:
                continue
            rows = p.district_index[leftover[p.district_index] > 0]
            if rows.size == 0:
                continue
            extra = to_place[rows]
            fac_input[p.facility.id][t] += extra.sum(axis=0)
            lf_state[p.facility.id].over_capacity_t[t] += float(extra.sum())
            if p.landfill.type == "uncontrolled":
                uncontrolled[rows] += extra
            to_place[rows] = 0.0
            leftover[rows] = 0.0
    for p in plans:
        lf_state[p.facility.id].remaining_t[t] = max(remaining[p.facility.id], 0.0)
    return to_place, uncontrolled


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def _flows_table(
    scenario_id: str, inputs: ResolvedInputs, arrays: dict[str, np.ndarray]
) -> pd.DataFrame:
    n_y, n_d, n_m = arrays["generated"].shape
    n_f = len(FLOWS)
    stacked = np.stack([arrays[f] for f in FLOWS], axis=-1)  # [y, d, m, f]
    size = n_y * n_d * n_m * n_f
    years = np.asarray(inputs.years)
    materials = np.array([m.value for m in MATERIALS], dtype=object)
    return pd.DataFrame(
        {
            "scenario": np.full(size, scenario_id, dtype=object),
            "region": np.tile(
                np.repeat(np.array(inputs.region_of_district, dtype=object), n_m * n_f), n_y
            ),
            "district": np.tile(
                np.repeat(np.array(inputs.district_ids, dtype=object), n_m * n_f), n_y
            ),
            "year": np.repeat(years, n_d * n_m * n_f),
            "material": np.tile(np.repeat(materials, n_f), n_y * n_d),
            "flow": np.tile(np.array(FLOWS, dtype=object), n_y * n_d * n_m),
            "tonnes": stacked.reshape(size),
        },
        columns=FLOW_COLUMNS,
    )


def kpi_groups(inputs: ResolvedInputs) -> tuple[list[tuple[str, str]], np.ndarray]:
    """KPI groups and their membership matrix.

    Returns
    -------
    tuple
        ``(region, district)`` per group (districts, regions, total) and a 0/1 matrix
        ``[group, district]``.
    """
    n_d = len(inputs.district_ids)
    regions = list(dict.fromkeys(inputs.region_of_district))
    groups = list(zip(inputs.region_of_district, inputs.district_ids, strict=True))
    groups += [(r, "") for r in regions] + [("", "")]
    member = np.zeros((len(groups), n_d))
    member[np.arange(n_d), np.arange(n_d)] = 1.0
    region_arr = np.array(inputs.region_of_district)
    for k, r in enumerate(regions):
        member[n_d + k] = region_arr == r
    member[-1] = 1.0
    return groups, member


def kpi_arrays(
    inputs: ResolvedInputs,
    arrays: dict[str, np.ndarray],
    fac_input: dict[str, np.ndarray],
    lf_state: dict[str, LandfillState],
    targets: dict[int, float],
    member: np.ndarray,
) -> dict[str, np.ndarray]:
    """Every KPI as an array ``[year, group]``.

    Rates are ratios of summed tonnes (not averages of district rates).
    ``landfill_years_left`` is the remaining capacity of the operating landfills that serve the
    group's districts divided by what they received that year (NaN when nothing).
    """
    s = {f: arrays[f].sum(axis=2) @ member.T for f in FLOWS}  # [y, g]
    banned = (arrays["landfilled"] * inputs.banned[:, None, :]).sum(axis=2) @ member.T
    processing = fl.share_of(s["sorted"] + s["biotreated"], s["generated"])
    values = {
        "generated_t": s["generated"],
        "collected_t": s["collected"],
        "sorted_t": s["sorted"],
        "recycled_t": s["recycled"],
        "composted_t": s["composted"],
        "landfilled_t": s["landfilled"],
        "banned_landfilled_t": banned,
        "diversion_rate": fl.share_of(s["recycled"] + s["composted"], s["generated"]),
        "recycling_rate": fl.share_of(s["recycled"], s["generated"]),
        "processing_share": processing,
        "collection_coverage": fl.share_of(s["collected"], s["generated"]),
        "unplaced_landfilled_t": arrays["unplaced"].sum(axis=2) @ member.T,
        "sdg_11_6_1_controlled_share": fl.share_of(
            s["collected"] - arrays["uncontrolled_deposited"].sum(axis=2) @ member.T,
            s["generated"],
        ),
    }
    n_y = len(inputs.years)
    if inputs.landfills:
        serves = np.zeros((len(inputs.landfills), member.shape[1]))
        remaining = np.zeros((n_y, len(inputs.landfills)))
        deposited = np.zeros((n_y, len(inputs.landfills)))
        for k, p in enumerate(inputs.landfills):
            serves[k, p.district_index] = 1.0
            remaining[:, k] = np.where(p.operating, lf_state[p.facility.id].remaining_t, 0)
            deposited[:, k] = np.where(p.operating, fac_input[p.facility.id].sum(axis=1), 0)
        reach = ((member @ serves.T) > 0).astype(float)  # [g, l]
        values["landfill_years_left"] = fl.years_left(remaining @ reach.T, deposited @ reach.T)
        values["earliest_landfill_full_year"] = _earliest_full_year(inputs, lf_state, reach, n_y)
    else:
        values["landfill_years_left"] = np.full((n_y, member.shape[0]), np.nan)
        values["earliest_landfill_full_year"] = np.full((n_y, member.shape[0]), np.nan)
    for year, target in sorted(targets.items()):
        values[kp.progress_to_target(year)] = (
            processing / target if target > 0 else (np.ones_like(processing))
        )
    return values


def _earliest_full_year(
    inputs: ResolvedInputs, lf_state: dict[str, LandfillState], reach: np.ndarray, n_y: int
) -> np.ndarray:
    """First year one of each group's landfills is full, repeated over the years
    ``[year, group]`` [year]; NaN for a group none of whose landfills fills up."""
    full = _full_years(inputs, lf_state)
    years = np.array(
        [np.nan if full[p.facility.id] is None else full[p.facility.id] for p in inputs.landfills]
    )
    masked = np.where(reach > 0, years[None, :], np.nan)  # [g, l]
    with np.errstate(all="ignore"):
        first = np.array([np.nanmin(row) if np.isfinite(row).any() else np.nan for row in masked])
    return np.tile(first, (n_y, 1))


def _kpi_table(
    scenario_id: str,
    years: list[int],
    kpi_values: dict[str, np.ndarray],
    groups: list[tuple[str, str]],
) -> pd.DataFrame:
    names = list(kpi_values)
    n_y, n_g, n_k = len(years), len(groups), len(names)
    stacked = np.stack([kpi_values[k] for k in names])  # [k, y, g]
    stacked = stacked.transpose(2, 0, 1)  # [g, k, y]
    size = n_g * n_k * n_y
    regions = np.array([g[0] for g in groups], dtype=object)
    districts = np.array([g[1] for g in groups], dtype=object)
    return pd.DataFrame(
        {
            "scenario": np.full(size, scenario_id, dtype=object),
            "region": np.repeat(regions, n_k * n_y),
            "district": np.repeat(districts, n_k * n_y),
            "year": np.tile(np.asarray(years), n_g * n_k),
            "kpi": np.tile(np.repeat(np.array(names, dtype=object), n_y), n_g),
            "value": stacked.reshape(size),
        },
        columns=KPI_COLUMNS,
    )


FACILITY_COLUMNS = ["scenario", "facility", "kind", "region", "year", "material", "input_t"]


def _facility_table(scenario_id: str, inputs: ResolvedInputs, fac_input: dict) -> pd.DataFrame:
    plans = inputs.sorting + inputs.composting + inputs.landfills
    if not plans:
        return pd.DataFrame(columns=FACILITY_COLUMNS)
    n_y, n_m, n_p = len(inputs.years), len(MATERIALS), len(plans)
    per = n_y * n_m
    return pd.DataFrame(
        {
            "scenario": scenario_id,
            "facility": np.repeat(np.array([p.facility.id for p in plans], dtype=object), per),
            "kind": np.repeat(np.array([p.kind for p in plans], dtype=object), per),
            "region": np.repeat(np.array([p.region for p in plans], dtype=object), per),
            "year": np.tile(np.repeat(inputs.years, n_m), n_p),
            "material": np.tile(np.array([m.value for m in MATERIALS], dtype=object), n_y * n_p),
            "input_t": np.concatenate([fac_input[p.facility.id].reshape(-1) for p in plans]),
        },
        columns=FACILITY_COLUMNS,
    )


def _full_years(
    inputs: ResolvedInputs, lf_state: dict[str, LandfillState]
) -> dict[str, int | None]:
    full_year: dict[str, int | None] = {}
    for p in inputs.landfills:
        remaining = lf_state[p.facility.id].remaining_t
        full = np.flatnonzero(p.operating & (remaining <= 1e-9))
        full_year[p.facility.id] = int(inputs.years[full[0]]) if full.size else None
    return full_year


def _landfill_table(
    scenario_id: str,
    inputs: ResolvedInputs,
    fac_input: dict[str, np.ndarray],
    lf_state: dict[str, LandfillState],
    unplaced_t: np.ndarray,
) -> pd.DataFrame:
    """One block of rows per landfill; then one per region whose unplanned dump received
    waste (type ``uncontrolled``, never operating, no capacity)."""
    rows = []
    for p in inputs.landfills:
        lid = p.facility.id
        deposited = fac_input[lid].sum(axis=1)
        remaining = lf_state[lid].remaining_t
        rows.append(
            pd.DataFrame(
                {
                    "scenario": scenario_id,
                    "landfill": lid,
                    "region": p.region,
                    "type": p.landfill.type,
                    "year": inputs.years,
                    "operating": p.operating,
                    "deposited_t": deposited,
                    "remaining_capacity_t": remaining,
                    "over_capacity_t": lf_state[lid].over_capacity_t,
                    "years_left": np.where(
                        p.operating, fl.years_left(remaining, deposited), np.nan
                    ),
                }
            )
        )
    for region, dumped in unplaced_by_region(inputs, unplaced_t).items():
        if not dumped.any():
            continue
        rows.append(
            pd.DataFrame(
                {
                    "scenario": scenario_id,
                    "landfill": UNPLANNED_DUMP_PREFIX + region,
                    "region": region,
                    "type": "uncontrolled",
                    "year": inputs.years,
                    "operating": False,
                    "deposited_t": dumped.sum(axis=1),
                    "remaining_capacity_t": 0.0,
                    "over_capacity_t": 0.0,
                    "years_left": np.nan,
                }
            )
        )
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def unplaced_by_region(inputs: ResolvedInputs, unplaced_t: np.ndarray) -> dict[str, np.ndarray]:
    """Deposits of each region's unplanned dump.

    Parameters
    ----------
    inputs : ResolvedInputs
        The projection's inputs.
    unplaced_t : numpy.ndarray
        Unplaced landfilled tonnes ``[year, district, material]`` [t/yr].

    Returns
    -------
    dict
        Region id → deposits ``[year, material]`` [t/yr], for every region.
    """
    regions = np.asarray(inputs.region_of_district)
    return {
        r: unplaced_t[:, regions == r, :].sum(axis=1)
        for r in dict.fromkeys(inputs.region_of_district)
    }


@dataclass(frozen=True)
class UnplacedWarning:
    """Landfilled waste of a region that no operating landfill took in one year."""

    region: str
    """Region id."""
    year: int
    """Year [year]."""
    tonnes: float
    """Tonnes sent to the region's unplanned dump [t/yr]."""
    districts: tuple[str, ...]
    """Districts with no operating landfill that year."""


def unplaced_warnings(projection: Projection, tol_t: float = 1e-6) -> list[UnplacedWarning]:
    """Every region and year whose landfilled waste had no operating landfill.

    Such tonnes go to the region's unplanned dump (uncontrolled-dump methane, no gate fee, no
    environmental payment); a scenario with any is most likely missing a landfill (e.g. an old
    one closed before the new one opens).  ``python -m planner validate`` prints these.

    Returns
    -------
    list of UnplacedWarning
        By region, then year; empty when every landfilled tonne had a landfill.
    """
    inputs = projection.inputs
    unplaced = projection.arrays["unplaced"].sum(axis=2)  # [y, d]
    out = []
    for region in dict.fromkeys(inputs.region_of_district):
        cols = [i for i, r in enumerate(inputs.region_of_district) if r == region]
        for t, year in enumerate(inputs.years):
            tonnes = float(unplaced[t, cols].sum())
            if tonnes > tol_t:
                names = tuple(inputs.district_ids[i] for i in cols if unplaced[t, i] > tol_t)
                out.append(UnplacedWarning(region, int(year), tonnes, names))
    return out


def earliest_full_landfill(projection: Projection, region: str = "") -> tuple[str, int] | None:
    """The landfill of a region (or of all regions for ``""``) that is full first.

    Returns
    -------
    tuple or None
        ``(landfill id, year)`` of the first landfill to be full at the end of a year
        (:attr:`Projection.landfill_full_year`; ties: file order), ``None`` when none fills up.
        The KPI ``earliest_landfill_full_year`` is this year.
    """
    best: tuple[str, int] | None = None
    for p in projection.inputs.landfills:
        year = projection.landfill_full_year[p.facility.id]
        if year is None or (region and p.region != region):
            continue
        if best is None or year < best[1]:
            best = (p.facility.id, year)
    return best


def project(scenario: Scenario) -> Projection:
    """Project a scenario year by year.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario whose baseline is resolved (see :func:`planner.load_scenario`).

    Returns
    -------
    Projection
        Flow and KPI arrays for every projected year; tidy tables on demand.
    """
    inputs = resolve_inputs(scenario)
    arrays, fac_input, lf_state = run_flows(inputs)
    recycled_separate = arrays.pop("recycled_separate")
    groups, member = kpi_groups(inputs)
    targets = scenario.resolved_baseline().parameters.target_processing_share
    kpis = kpi_arrays(inputs, arrays, fac_input, lf_state, targets, member)
    return Projection(
        scenario.id, inputs, arrays, kpis, groups, fac_input, lf_state, recycled_separate
    )


__all__ = [
    "FATES",
    "FLOWS",
    "FLOW_COLUMNS",
    "KPI_COLUMNS",
    "FacilityPlan",
    "Inputs",
    "DEPOSIT_ARRAYS",
    "UNPLANNED_DUMP_PREFIX",
    "LandfillState",
    "Projection",
    "UnplacedWarning",
    "earliest_full_landfill",
    "unplaced_by_region",
    "unplaced_warnings",
    "ResolvedInputs",
    "project",
    "resolve_inputs",
    "run_flows",
]
