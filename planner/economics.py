"""Money of MSW scenarios: costs, who pays them, EPR incentives, loans, margins, abatement cost.

Small pure functions compute one quantity each (annuity, NPV, EPR incentive, …); the
orchestrator :func:`evaluate` strings them together for a projected scenario and returns an
:class:`EconomicsResult` with tidy tables.  Nothing here imports Streamlit.

Conventions
-----------
- Money is in constant base-year tenge (KZT of ``macro.price_year``); per-tonne costs and prices
  do not escalate; MRP-denominated payments use the MRP of each year
  (:func:`mrp_kzt_by_year`).
- Capex of a new facility is spent in the year before its ``start_year`` (in the first projected
  year when that is earlier; not at all when the facility started before the horizon).
- Net present values discount to the first projected year: ``Σ x_y / (1 + r)^(y − y0)``.

Who pays (allocation rules)
---------------------------
- **Tariff payers** (households and businesses through the maslikhat tariff): collection and
  transport, the landfill gate fee, the environmental payment for disposal (passed through in
  the gate fee), and the operating cost of sorting and composting (tariffs such as Lisakovsk's
  have a sorting component, reference.md §2.9).
- **Local budget** (akimat, with republican transfers): capex and fixed opex of the facility
  kinds in ``finance.budget_kinds`` (landfills by default: the Semey landfill is budget-funded),
  and awareness campaigns.
- **Investors** (private operators): capex and fixed opex of the other kinds (sorting lines,
  composting sites); they receive the revenue from recovered materials and the EPR incentives
  (negative rows).
- **EPR operator** (JSC «Жасыл даму»): the EPR incentives actually paid (``realisation`` ρ times
  what the rules promise).  It also lends at the concessional rate; the interest it forgoes
  against a commercial loan is reported as the memo item ``concessional_loan_subsidy``.

The EPR incentive appears twice with opposite signs (paid by the EPR operator, received by
investors), so the sum over payers is the system cost: ``total_cost_kzt`` = capex + opex +
environmental payment + campaigns − revenue from recovered materials.  Debt service and the
loan subsidy are memo items outside the total (capex is already counted when spent).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from planner import climate as cl
from planner import kpis as kp
from planner.projection import KPI_COLUMNS, Projection
from planner.resolve import economics_parameters, effective_parameters, parameters_of
from planner.schema import EconomicsOverrides, EconomicsParameters, Scenario

FloatArray = NDArray[np.float64]

PAYERS: tuple[str, ...] = ("local_budget", "tariff_payers", "investors", "epr_operator")
"""Who pays: local budget, tariff payers, investors, the EPR operator (Zhasyl Damu)."""

ECONOMICS_COLUMNS = ["scenario", "region", "year", "item", "payer", "value", "unit"]
"""Columns of the economics CSV; ``region`` is empty on total rows, ``payer`` on emissions."""

MONEY_KPIS: tuple[str, ...] = kp.names("economics", ("money", "unit_cost"))
"""Money KPIs added to the KPI table [KZT/yr unless the name says otherwise]; ``npv_cost_kzt``
is the discounted total cost from the first projected year up to the row's year."""

CLIMATE_KPIS: tuple[str, ...] = kp.names("economics", ("gas", "emissions"))
"""Climate KPIs [t/yr of the gas, or t CO2e/yr]; ``ch4_landfill_t`` is CH4 emitted."""


# --------------------------------------------------------------------------------------------
# Discounting, annuities, loans
# --------------------------------------------------------------------------------------------


def annuity_factor(rate: float, years: int) -> float:
    """Capital recovery factor: the yearly payment that repays 1 over ``years`` at ``rate``.

    Parameters
    ----------
    rate : float
        Interest or discount rate [1/yr], > −1.
    years : int
        Number of equal yearly payments [yr], ≥ 1.

    Returns
    -------
    float
        ``r / (1 − (1 + r)^−n)``; ``1 / n`` when ``r = 0`` [1/yr].
    """
    if years < 1:
        raise ValueError("years must be ≥ 1")
    if rate <= -1:
        raise ValueError("rate must be > -1")
    if rate == 0:
        return 1.0 / years
    return rate / (1.0 - (1.0 + rate) ** -years)


def annuity_kzt(principal_kzt: float, rate: float, years: int) -> float:
    """Equal yearly payment repaying ``principal_kzt`` [KZT/yr]; see :func:`annuity_factor`."""
    return principal_kzt * annuity_factor(rate, years)


def discount_factors(years: ArrayLike, rate: float, base_year: int) -> FloatArray:
    """Discount factors ``(1 + r)^−(y − base_year)`` [-] for each year."""
    if rate <= -1:
        raise ValueError("rate must be > -1")
    return (1.0 + rate) ** -(np.asarray(years, dtype=float) - base_year)


def npv_kzt(cashflows_kzt: Mapping[int, float], rate: float, base_year: int) -> float:
    """Net present value of yearly amounts.

    Parameters
    ----------
    cashflows_kzt : mapping of int to float
        Amount in each year [year → KZT]; costs positive.
    rate : float
        Discount rate [1/yr].
    base_year : int
        Year discounted to [year]; its amount is not discounted.

    Returns
    -------
    float
        ``Σ x_y / (1 + r)^(y − base_year)`` [KZT].
    """
    years = np.fromiter(cashflows_kzt.keys(), dtype=float)
    values = np.fromiter(cashflows_kzt.values(), dtype=float)
    return float((values * discount_factors(years, rate, base_year)).sum())


def cumulative_npv_kzt(
    values_kzt: ArrayLike, years: Sequence[int], rate: float, base_year: int
) -> FloatArray:
    """Discounted amounts accumulated from the first year up to each year.

    Parameters
    ----------
    values_kzt : array_like
        Amounts by year along axis 0 [KZT/yr].
    years : sequence of int
        The years of axis 0.
    rate : float
        Discount rate [1/yr].
    base_year : int
        Year discounted to.

    Returns
    -------
    numpy.ndarray
        Running NPV [KZT], same shape; the last row is the horizon NPV.
    """
    values = np.asarray(values_kzt, dtype=float)
    factors = discount_factors(years, rate, base_year).reshape((-1,) + (1,) * (values.ndim - 1))
    return np.cumsum(values * factors, axis=0)


def capex_schedule_kzt(
    capex_kzt: float, start_year: int | None, years: Sequence[int]
) -> FloatArray:
    """Capex by year: spent in the year before the facility starts.

    Parameters
    ----------
    capex_kzt : float
        Investment [KZT].
    start_year : int or None
        First operating year; ``None`` (existing facility) spends nothing.
    years : sequence of int
        Projected years.

    Returns
    -------
    numpy.ndarray
        Capex in each year [KZT/yr]: in ``start_year − 1``, or in the first projected year when
        that is later but the facility has not started yet; nothing for a facility that started
        before the horizon or whose spending year is after it.
    """
    out = np.zeros(len(years))
    if start_year is None or capex_kzt == 0 or start_year < years[0]:
        return out
    spend = max(start_year - 1, years[0])
    if spend <= years[-1]:
        out[spend - years[0]] = capex_kzt
    return out


def loan_payments_kzt(
    principal_kzt: float, rate: float, term_yr: int, first_year: int, years: Sequence[int]
) -> FloatArray:
    """Yearly debt service of an annuity loan.

    Parameters
    ----------
    principal_kzt : float
        Amount borrowed [KZT].
    rate : float
        Interest rate [1/yr].
    term_yr : int
        Number of yearly payments [yr].
    first_year : int
        Year of the first payment [year].
    years : sequence of int
        Projected years.

    Returns
    -------
    numpy.ndarray
        Payment in each projected year [KZT/yr] (payments outside the horizon are dropped).
    """
    y = np.asarray(years)
    paying = (y >= first_year) & (y < first_year + term_yr)
    return np.where(paying, annuity_kzt(principal_kzt, rate, term_yr), 0.0)


def blended_rate(concessional_rate: float, commercial_rate: float, concessional_share: float):
    """Average interest rate of a loan mix [1/yr], weighted by the concessional share [-]."""
    return concessional_share * concessional_rate + (1 - concessional_share) * commercial_rate


# --------------------------------------------------------------------------------------------
# Unit money quantities
# --------------------------------------------------------------------------------------------


def mrp_kzt_by_year(
    mrp_points: Mapping[int, float], real_growth_per_yr: float, years: Sequence[int]
) -> FloatArray:
    """Monthly calculation index in each year.

    Parameters
    ----------
    mrp_points : mapping of int to float
        Known MRP values [year → KZT].
    real_growth_per_yr : float
        Growth after the last known year [1/yr].
    years : sequence of int
        Years to evaluate.

    Returns
    -------
    numpy.ndarray
        The latest known value at or before each year, grown by ``real_growth_per_yr`` per year
        after the last known year; the first known value before it [KZT].
    """
    known = sorted(mrp_points.items())
    last_year, last_value = known[-1]
    out = []
    for y in years:
        if y >= last_year:
            out.append(last_value * (1.0 + real_growth_per_yr) ** (y - last_year))
        else:
            before = [v for k, v in known if k <= y]
            out.append(before[-1] if before else known[0][1])
    return np.array(out, dtype=float)


def per_tonne_cost_kzt(tonnes: ArrayLike, kzt_per_t: ArrayLike) -> FloatArray:
    """Cost proportional to tonnage: ``tonnes × kzt_per_t`` [KZT]."""
    return np.asarray(tonnes, dtype=float) * np.asarray(kzt_per_t, dtype=float)


def fixed_opex_kzt(capex_kzt: float, share_per_yr: float, operating: ArrayLike) -> FloatArray:
    """Fixed operating cost of a facility: ``capex × share`` in each operating year [KZT/yr].

    Parameters
    ----------
    capex_kzt : float
        Investment [KZT].
    share_per_yr : float
        Fixed opex as a share of capex [1/yr].
    operating : array_like of bool
        Whether the facility operates in each year.
    """
    return np.asarray(operating, dtype=float) * capex_kzt * share_per_yr


def environmental_payment_kzt(
    deposited_t: ArrayLike, rate_mrp_per_t: float, mrp_kzt: ArrayLike
) -> FloatArray:
    """Payment for placing waste on a landfill.

    Parameters
    ----------
    deposited_t : array_like
        Tonnes deposited, axis 0 the year [t/yr].
    rate_mrp_per_t : float
        Rate [MRP/t].
    mrp_kzt : array_like
        MRP of each year [KZT], broadcasting along axis 0.

    Returns
    -------
    numpy.ndarray
        [KZT/yr].
    """
    dep = np.asarray(deposited_t, dtype=float)
    mrp = np.asarray(mrp_kzt, dtype=float).reshape((-1,) + (1,) * (dep.ndim - 1))
    return dep * rate_mrp_per_t * mrp


def recyclable_revenue_kzt(recycled_t: ArrayLike, price_kzt_per_t: ArrayLike) -> FloatArray:
    """Revenue from selling recovered materials, summed over the last (material) axis [KZT]."""
    return (np.asarray(recycled_t, dtype=float) * np.asarray(price_kzt_per_t)).sum(axis=-1)


def epr_incentive_kzt(
    tonnes: ArrayLike, rates_mrp_per_t: ArrayLike, mrp_kzt: ArrayLike, realisation: float
) -> FloatArray:
    """EPR incentive payments actually paid (reference.md §3.4 item 2).

    Parameters
    ----------
    tonnes : array_like
        Tonnes qualifying, last axis material [t/yr]; axis 0 the year when ``mrp_kzt`` varies.
    rates_mrp_per_t : array_like
        Sum of the collection, transport and processing rates by material [MRP/t].
    mrp_kzt : array_like
        MRP [KZT]: a scalar or one value per year (axis 0).
    realisation : float
        Payout realisation ρ [-], in [0, 1].

    Returns
    -------
    numpy.ndarray
        ``Σ_m t_m × rate_m × MRP × ρ`` [KZT/yr], the material axis summed.
    """
    if not 0 <= realisation <= 1:
        raise ValueError("realisation must be in [0, 1]")
    t = np.asarray(tonnes, dtype=float)
    per_mrp = (t * np.asarray(rates_mrp_per_t, dtype=float)).sum(axis=-1)
    mrp = np.asarray(mrp_kzt, dtype=float)
    if mrp.ndim == 1 and per_mrp.ndim >= 1:
        mrp = mrp.reshape((-1,) + (1,) * (per_mrp.ndim - 1))
    return per_mrp * mrp * realisation


def campaign_cost_kzt(
    cost_kzt_per_yr: float, start_year: int, duration_yr: int, years: Sequence[int]
) -> FloatArray:
    """Cost of an awareness campaign in each projected year [KZT/yr]."""
    y = np.asarray(years)
    return np.where((y >= start_year) & (y < start_year + duration_yr), cost_kzt_per_yr, 0.0)


def allocate_kzt(total_kzt: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Split yearly amounts over columns in proportion to weights.

    Parameters
    ----------
    total_kzt : array_like
        Amount per year ``[year]`` [KZT/yr].
    weights : array_like
        Non-negative weights ``[year, column]`` (e.g. population reached per region).

    Returns
    -------
    numpy.ndarray
        ``[year, column]`` [KZT/yr]; a year with zero weight splits evenly.
    """
    w = np.asarray(weights, dtype=float)
    sums = w.sum(axis=1, keepdims=True)
    share = np.where(sums > 0, w / np.where(sums > 0, sums, 1.0), 1.0 / w.shape[1])
    return np.asarray(total_kzt, dtype=float)[:, None] * share


def cost_per_tonne_kzt(cost_kzt: ArrayLike, tonnes: ArrayLike) -> FloatArray:
    """Cost per tonne [KZT/t]; NaN where no tonnes."""
    c = np.asarray(cost_kzt, dtype=float)
    t = np.asarray(tonnes, dtype=float)
    return np.divide(c, t, out=np.full(np.broadcast(c, t).shape, np.nan), where=t > 0)


def cost_per_resident_month_kzt(cost_kzt_per_yr: ArrayLike, population: ArrayLike) -> FloatArray:
    """Cost per resident per month: ``cost / population / 12`` [KZT/(person·month)]."""
    return cost_per_tonne_kzt(np.asarray(cost_kzt_per_yr, dtype=float) / 12.0, population)


def sorting_margin_kzt(
    revenue_kzt: ArrayLike,
    incentive_kzt: ArrayLike,
    opex_kzt: ArrayLike,
    avoided_landfill_kzt: ArrayLike,
) -> FloatArray:
    """Operating margin of a sorting line (reference.md §3.4 item 4).

    ``margin = revenue(recyclables) + EPR incentive − opex(sorting) + avoided landfilling fee``
    [KZT/yr]; pass ``incentive_kzt = 0`` for the margin without incentives.  The tariff's
    sorting component is not counted as income (the line must live off materials, incentives
    and the landfill fee it saves).
    """
    return (
        np.asarray(revenue_kzt, dtype=float)
        + np.asarray(incentive_kzt, dtype=float)
        - np.asarray(opex_kzt, dtype=float)
        + np.asarray(avoided_landfill_kzt, dtype=float)
    )


def recovery_ratio(recycled_t: ArrayLike, sorted_t: ArrayLike) -> FloatArray:
    """Share of sorted tonnes recovered [-], 0 where nothing was sorted."""
    r = np.asarray(recycled_t, dtype=float)
    s = np.asarray(sorted_t, dtype=float)
    return np.divide(r, s, out=np.zeros(np.broadcast(r, s).shape), where=s > 0)


def abatement_cost_kzt_per_tco2e(delta_cost_kzt: float, abated_tco2e: float) -> float:
    """Abatement cost of an option against its baseline [KZT/t CO2e].

    Parameters
    ----------
    delta_cost_kzt : float
        Extra cost of the option (NPV, option − baseline) [KZT].
    abated_tco2e : float
        Emissions avoided (baseline − option, cumulative over the horizon) [t CO2e].

    Returns
    -------
    float
        ``delta_cost / abated``; NaN when nothing is abated (≤ 0).
    """
    return float(delta_cost_kzt / abated_tco2e) if abated_tco2e > 0 else float("nan")


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


@dataclass
class EconomicsResult:
    """Result of :func:`evaluate` for one scenario.

    Attributes
    ----------
    scenario : str
        Scenario id.
    years : list of int
        Projected years.
    regions : list of str
        Region ids (columns of the ``[year, region]`` arrays).
    params : EconomicsParameters
        Parameters in effect (baseline + overrides).
    items : dict
        ``(item, payer) → [year, region]`` [KZT/yr]; sums to the total cost.
    memo : dict
        ``(item, payer) → [year, region]`` [KZT/yr] outside the total (debt service, loan
        subsidy, EPR incentives due at ρ = 1).
    emissions_arrays : dict
        Climate quantity → ``[year, region]`` (names of :data:`CLIMATE_KPIS`).
    diverted_t, population : numpy.ndarray
        ``[year, region]``: tonnes recycled + composted [t/yr]; residents [persons].
    kpi_values : dict
        KPI name → ``[year, group]``; groups are the regions then the total.
    methane : planner.climate.LandfillMethane
        Per-landfill FOD results.
    sorting : dict
        Per sorting line: dict of arrays over years (``input_t``, ``recovered_t``,
        ``revenue_kzt``, ``incentive_kzt``, ``opex_kzt``, ``avoided_landfill_kzt``,
        ``debt_service_kzt``, ``margin_kzt``, ``margin_no_epr_kzt``) plus ``region``.
    financing : list of dict
        Per loan-financed facility: ``facility, kind, region, capex_kzt, concessional_share,
        rate, payment_concessional_kzt_per_yr, payment_commercial_kzt_per_yr, subsidy_npv_kzt``.
    """

    scenario: str
    years: list[int]
    regions: list[str]
    params: EconomicsParameters
    items: dict[tuple[str, str], FloatArray]
    memo: dict[tuple[str, str], FloatArray]
    emissions_arrays: dict[str, FloatArray]
    diverted_t: FloatArray
    population: FloatArray
    kpi_values: dict[str, FloatArray]
    methane: cl.LandfillMethane
    sorting: dict[str, dict] = field(default_factory=dict)
    financing: list[dict] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, str]]:
        """``(region, district)`` of each KPI column: regions, then the total."""
        return [(r, "") for r in self.regions] + [("", "")]

    def kpi(self, name: str, region: str = "") -> FloatArray:
        """One KPI over the years for a region or the total (``region=""``)."""
        return self.kpi_values[name][:, self.groups.index((region, ""))]

    def npv_cost_kzt(self, region: str = "") -> float:
        """NPV of the total cost over the horizon [KZT]."""
        return float(self.kpi("npv_cost_kzt", region)[-1])

    @cached_property
    def costs(self) -> pd.DataFrame:
        """Costs: ``scenario, region, year, item, payer, value, unit`` [KZT/yr]; region rows
        only (sum them for the total).  Revenue and received incentives are negative."""
        return _tidy_items(self.scenario, self.years, self.regions, self.items, "KZT")

    @cached_property
    def emissions(self) -> pd.DataFrame:
        """Emissions: ``scenario, region, year, item, value, unit`` (region and total rows)."""
        frames = []
        for name in CLIMATE_KPIS:
            frames.append(_tidy_kpi(self, name, kp.csv_unit(name)))
        out = pd.concat(frames, ignore_index=True)
        return out.rename(columns={"kpi": "item"})[
            ["scenario", "region", "year", "item", "value", "unit"]
        ]

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """Money and climate KPIs in the KPI table layout (:data:`KPI_COLUMNS`); region rows
        (district ``""``) and total rows (region and district ``""``)."""
        return _kpi_frame(self)

    @cached_property
    def table(self) -> pd.DataFrame:
        """The economics CSV (:data:`ECONOMICS_COLUMNS`): cost items by payer, memo items,
        emissions (payer ``""``), for regions and the total (region ``""``)."""
        money = pd.concat(
            [
                _tidy_items(self.scenario, self.years, self.regions, self.items, "KZT", True),
                _tidy_items(self.scenario, self.years, self.regions, self.memo, "KZT", True),
            ],
            ignore_index=True,
        )
        em = self.emissions.assign(payer="")
        return pd.concat([money, em[ECONOMICS_COLUMNS]], ignore_index=True)[ECONOMICS_COLUMNS]

    @cached_property
    def by_payer(self) -> pd.DataFrame:
        """Cost by payer and year summed over regions: ``year, payer, value`` [KZT/yr]."""
        costs = self.costs
        return costs.groupby(["year", "payer"], as_index=False)["value"].sum()

    @cached_property
    def sorting_margins(self) -> pd.DataFrame:
        """Per sorting line and year: ``scenario, facility, region, year`` and the arrays of
        :attr:`sorting` [t/yr, KZT/yr]."""
        rows = []
        for fid, d in self.sorting.items():
            frame = pd.DataFrame({k: v for k, v in d.items() if k != "region"})
            frame.insert(0, "year", self.years)
            frame.insert(0, "region", d["region"])
            frame.insert(0, "facility", fid)
            frame.insert(0, "scenario", self.scenario)
            rows.append(frame)
        return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()

    @cached_property
    def landfill_methane(self) -> pd.DataFrame:
        """Per landfill and year: ``scenario, landfill, region, type, year, ch4_generated_t,
        ch4_recovered_t, ch4_emitted_t`` [t CH4/yr]."""
        m = self.methane
        n_y, n_l = m.emitted.shape
        return pd.DataFrame(
            {
                "scenario": self.scenario,
                "landfill": np.repeat(np.array(m.landfill_ids, dtype=object), n_y),
                "region": np.repeat(np.array(m.regions, dtype=object), n_y),
                "type": np.repeat(np.array(m.types, dtype=object), n_y),
                "year": np.tile(np.asarray(self.years), n_l),
                "ch4_generated_t": m.generated.T.reshape(-1),
                "ch4_recovered_t": m.recovered.T.reshape(-1),
                "ch4_emitted_t": m.emitted.T.reshape(-1),
            }
        )

    def totals(self) -> dict[str, float]:
        """Horizon totals used to compare options: NPV cost [KZT], tonnes diverted [t],
        net and gross emissions [t CO2e], EPR incentives paid [KZT]."""
        return {
            "npv_cost_kzt": self.npv_cost_kzt(),
            "total_cost_kzt": float(self.kpi("total_cost_kzt").sum()),
            "diverted_t": float(self.diverted_t.sum()),
            "net_emissions_tco2e": float(self.kpi("net_emissions_tco2e").sum()),
            "emissions_tco2e": float(self.kpi("emissions_tco2e").sum()),
            "epr_incentives_kzt": float(self.kpi("epr_incentives_kzt").sum()),
        }


def _tidy_items(
    scenario: str,
    years: list[int],
    regions: list[str],
    items: dict[tuple[str, str], FloatArray],
    unit: str,
    with_total: bool = False,
) -> pd.DataFrame:
    keys = list(items)
    if not keys:
        return pd.DataFrame(columns=ECONOMICS_COLUMNS)
    cols = list(regions) + ([""] if with_total else [])
    stacked = np.stack(
        [
            np.column_stack([items[k], items[k].sum(axis=1)]) if with_total else items[k]
            for k in keys
        ]
    )  # [item, year, col]
    n_k, n_y, n_c = stacked.shape
    return pd.DataFrame(
        {
            "scenario": scenario,
            "region": np.tile(np.array(cols, dtype=object), n_k * n_y),
            "year": np.tile(np.repeat(np.asarray(years), n_c), n_k),
            "item": np.repeat(np.array([k[0] for k in keys], dtype=object), n_y * n_c),
            "payer": np.repeat(np.array([k[1] for k in keys], dtype=object), n_y * n_c),
            "value": stacked.reshape(-1),
            "unit": unit,
        },
        columns=ECONOMICS_COLUMNS,
    )


def _tidy_kpi(result: EconomicsResult, name: str, unit: str) -> pd.DataFrame:
    values = result.kpi_values[name]  # [y, g]
    n_y, n_g = values.shape
    return pd.DataFrame(
        {
            "scenario": result.scenario,
            "region": np.repeat(np.array([g[0] for g in result.groups], dtype=object), n_y),
            "year": np.tile(np.asarray(result.years), n_g),
            "kpi": name,
            "value": values.T.reshape(-1),
            "unit": unit,
        }
    )


def _kpi_frame(result: EconomicsResult) -> pd.DataFrame:
    names = list(result.kpi_values)
    stacked = np.stack([result.kpi_values[k] for k in names]).transpose(2, 0, 1)  # [g, k, y]
    n_g, n_k, n_y = stacked.shape
    groups = result.groups
    return pd.DataFrame(
        {
            "scenario": result.scenario,
            "region": np.repeat(np.array([g[0] for g in groups], dtype=object), n_k * n_y),
            "district": "",
            "year": np.tile(np.asarray(result.years), n_g * n_k),
            "kpi": np.tile(np.repeat(np.array(names, dtype=object), n_y), n_g),
            "value": stacked.reshape(-1),
        },
        columns=KPI_COLUMNS,
    )


# --------------------------------------------------------------------------------------------
# Orchestrator
# --------------------------------------------------------------------------------------------


def _with_total(values: FloatArray) -> FloatArray:
    """``[year, region]`` → ``[year, region + total]`` (plumbing: a column sum)."""
    return np.column_stack([values, values.sum(axis=1)])


def _with_total_ratio(num: FloatArray, den: FloatArray, fn) -> FloatArray:
    return fn(_with_total(num), _with_total(den))


def evaluate(
    scenario: Scenario, projection: Projection, overrides: EconomicsOverrides | None = None
) -> EconomicsResult:
    """Costs, payers, EPR incentives, loans, margins and emissions of a projected scenario.

    Parameters
    ----------
    scenario : Scenario
        The scenario (its baseline must have an ``[economics]`` table).
    projection : Projection
        ``planner.project(scenario)``.
    overrides : EconomicsOverrides, optional
        Applied on top of the scenario's ``levers.economics`` (e.g. a UI slider for ρ); the
        projection does not depend on them, so it need not be recomputed.

    Returns
    -------
    EconomicsResult
        Arrays and tidy tables; see the module docstring for the allocation rules.

    Raises
    ------
    ValueError
        When the baseline has no economic parameters, or the legacy history names an unknown
        landfill.
    """
    baseline = scenario.resolved_baseline()
    p = economics_parameters(scenario, overrides)
    inputs = projection.inputs
    years = list(projection.years)
    regions = list(dict.fromkeys(r.id for r in baseline.regions))
    r_index = {r: i for i, r in enumerate(regions)}
    n_y, n_r = len(years), len(regions)
    to_region = np.zeros((len(inputs.district_ids), n_r))
    to_region[
        np.arange(len(inputs.district_ids)), [r_index[r] for r in inputs.region_of_district]
    ] = 1
    flows = projection.arrays

    def regional(arr3: FloatArray) -> FloatArray:  # [y, d, m] → [y, r, m]
        return np.einsum("ydm,dr->yrm", arr3, to_region)

    mrp = mrp_kzt_by_year(p.macro.mrp_kzt, p.macro.mrp_real_growth_per_yr, years)
    prices = cl.per_material(p.recyclable_prices.kzt_per_t)
    epr_rates = (
        cl.per_material(p.epr.collection_mrp_per_t)
        + cl.per_material(p.epr.transport_mrp_per_t)
        + cl.per_material(p.epr.processing_mrp_per_t)
    )
    fin = p.finance
    recycled_r = regional(flows["recycled"])
    collected_r = regional(flows["collected"]).sum(axis=2)
    sorted_r = regional(flows["sorted"]).sum(axis=2)
    biotreated_r = regional(flows["biotreated"]).sum(axis=2)
    composted_r = regional(flows["composted"]).sum(axis=2)
    population = inputs.population @ to_region

    items: dict[tuple[str, str], FloatArray] = {}
    memo: dict[tuple[str, str], FloatArray] = {}

    def add(store: dict, item: str, payer: str, values: FloatArray) -> None:
        key = (item, payer)
        store[key] = store.get(key, np.zeros((n_y, n_r))) + values

    # Capex, fixed opex, loans
    diversion_capital = np.zeros((n_y, n_r))
    financing: list[dict] = []
    debt_by_facility: dict[str, FloatArray] = {}
    for plan in inputs.sorting + inputs.composting + inputs.landfills:
        fac = plan.facility
        col = np.zeros(n_r)
        col[r_index[plan.region]] = 1.0
        payer = "local_budget" if plan.kind in fin.budget_kinds else "investors"
        capex = capex_schedule_kzt(fac.capex_kzt, fac.start_year, years)
        if capex.any():
            add(items, f"capex_{plan.kind}", payer, capex[:, None] * col)
        fixed = fixed_opex_kzt(
            fac.capex_kzt, p.costs.fixed_opex_share_of_capex_per_yr, plan.operating
        )
        if fixed.any():
            add(items, f"fixed_opex_{plan.kind}", payer, fixed[:, None] * col)
        if plan.kind in ("sorting", "composting") and capex.any():
            annual = (
                loan_payments_kzt(
                    fac.capex_kzt, p.macro.discount_rate, fin.loan_term_yr, fac.start_year, years
                )
                * plan.operating
            )
            diversion_capital += (annual + fixed)[:, None] * col
        if plan.kind in fin.eligible_kinds and plan.kind not in fin.budget_kinds and capex.any():
            share = fin.concessional_share
            conc = loan_payments_kzt(
                fac.capex_kzt * share,
                fin.concessional_rate,
                fin.loan_term_yr,
                fac.start_year,
                years,
            )
            comm = loan_payments_kzt(
                fac.capex_kzt * (1 - share),
                fin.commercial_rate,
                fin.loan_term_yr,
                fac.start_year,
                years,
            )
            all_comm = loan_payments_kzt(
                fac.capex_kzt, fin.commercial_rate, fin.loan_term_yr, fac.start_year, years
            )
            debt = conc + comm
            subsidy = all_comm - debt
            debt_by_facility[fac.id] = debt
            add(memo, "debt_service", "investors", debt[:, None] * col)
            add(memo, "concessional_loan_subsidy", "epr_operator", subsidy[:, None] * col)
            financing.append(
                {
                    "facility": fac.id,
                    "kind": plan.kind,
                    "region": plan.region,
                    "start_year": fac.start_year,
                    "capex_kzt": fac.capex_kzt,
                    "concessional_share": share,
                    "rate": blended_rate(fin.concessional_rate, fin.commercial_rate, share),
                    "payment_kzt_per_yr": annuity_kzt(
                        fac.capex_kzt * share, fin.concessional_rate, fin.loan_term_yr
                    )
                    + annuity_kzt(
                        fac.capex_kzt * (1 - share), fin.commercial_rate, fin.loan_term_yr
                    ),
                    "payment_all_commercial_kzt_per_yr": annuity_kzt(
                        fac.capex_kzt, fin.commercial_rate, fin.loan_term_yr
                    ),
                    "subsidy_npv_kzt": float(
                        cumulative_npv_kzt(subsidy, years, p.macro.discount_rate, years[0])[-1]
                    ),
                }
            )

    # Operating costs paid through the tariff
    add(
        items,
        "collection",
        "tariff_payers",
        per_tonne_cost_kzt(collected_r, p.costs.collection_kzt_per_t),
    )
    sorting_opex = per_tonne_cost_kzt(sorted_r, p.costs.sorting_kzt_per_t)
    composting_opex = per_tonne_cost_kzt(biotreated_r, p.costs.composting_kzt_per_t)
    add(items, "sorting_opex", "tariff_payers", sorting_opex)
    add(items, "composting_opex", "tariff_payers", composting_opex)
    gate_fee = np.zeros((n_y, n_r))
    env_payment = np.zeros((n_y, n_r))
    deposited_r = np.zeros((n_y, n_r))
    for plan in inputs.landfills:
        fac = plan.facility
        deposited = projection.fac_input[fac.id].sum(axis=1)
        i = r_index[plan.region]
        deposited_r[:, i] += deposited
        gate_fee[:, i] += per_tonne_cost_kzt(deposited, p.costs.landfill_kzt_per_t[fac.type])
        if fac.type in p.costs.environmental_payment_types:
            env_payment[:, i] += environmental_payment_kzt(
                deposited, p.costs.environmental_payment_mrp_per_t, mrp
            )
    add(items, "landfill_gate_fee", "tariff_payers", gate_fee)
    add(items, "environmental_payment", "tariff_payers", env_payment)

    # Awareness campaigns, split over regions by the population they reach
    awareness = np.zeros((n_y, n_r))
    for campaign, reached in zip(
        scenario.levers.awareness_campaigns, inputs.campaign_reach, strict=True
    ):
        cost = campaign_cost_kzt(
            campaign.cost_kzt_per_yr, campaign.start_year, campaign.duration_yr, years
        )
        awareness += allocate_kzt(cost, (inputs.population * reached) @ to_region)
    if awareness.any():
        add(items, "awareness", "local_budget", awareness)

    # Revenue and EPR incentives
    revenue = recyclable_revenue_kzt(recycled_r, prices)
    add(items, "recyclable_revenue", "investors", -revenue)
    incentive = epr_incentive_kzt(recycled_r, epr_rates, mrp, p.epr.realisation)
    incentive_due = epr_incentive_kzt(recycled_r, epr_rates, mrp, 1.0)
    add(items, "epr_incentive", "epr_operator", incentive)
    add(items, "epr_incentive", "investors", -incentive)
    add(memo, "epr_incentive_due", "epr_operator", incentive_due)

    # Sorting lines: recovered tonnes, margins with and without incentives
    avg_gate_fee = cost_per_tonne_kzt(gate_fee, deposited_r)  # [y, r]
    fallback_fee = float(np.mean(list(p.costs.landfill_kzt_per_t.values())))
    avg_gate_fee = np.where(np.isnan(avg_gate_fee), fallback_fee, avg_gate_fee)
    sorting: dict[str, dict] = {}
    margin_r = np.zeros((n_y, n_r))
    margin_no_epr_r = np.zeros((n_y, n_r))
    for plan in inputs.sorting:
        fac = plan.facility
        i = r_index[plan.region]
        served = plan.district_index
        ratio = recovery_ratio(
            flows["recycled"][:, served, :].sum(axis=1), flows["sorted"][:, served, :].sum(axis=1)
        )
        line_in = projection.fac_input[fac.id]
        recovered = line_in * ratio
        line_revenue = recyclable_revenue_kzt(recovered, prices)
        line_incentive = epr_incentive_kzt(recovered, epr_rates, mrp, p.epr.realisation)
        line_opex = per_tonne_cost_kzt(line_in.sum(axis=1), p.costs.sorting_kzt_per_t)
        avoided = per_tonne_cost_kzt(recovered.sum(axis=1), avg_gate_fee[:, i])
        margin = sorting_margin_kzt(line_revenue, line_incentive, line_opex, avoided)
        margin_no_epr = sorting_margin_kzt(line_revenue, 0.0, line_opex, avoided)
        debt = debt_by_facility.get(fac.id, np.zeros(n_y))
        sorting[fac.id] = {
            "region": plan.region,
            "input_t": line_in.sum(axis=1),
            "recovered_t": recovered.sum(axis=1),
            "revenue_kzt": line_revenue,
            "incentive_kzt": line_incentive,
            "opex_kzt": line_opex,
            "avoided_landfill_kzt": avoided,
            "margin_kzt": margin,
            "margin_no_epr_kzt": margin_no_epr,
            "debt_service_kzt": debt,
            "margin_after_debt_kzt": margin - debt,
            "margin_per_t_kzt": cost_per_tonne_kzt(margin, line_in.sum(axis=1)),
            "margin_no_epr_per_t_kzt": cost_per_tonne_kzt(margin_no_epr, line_in.sum(axis=1)),
        }
        margin_r[:, i] += margin
        margin_no_epr_r[:, i] += margin_no_epr

    # Climate
    climate = p.climate
    region_composition = {
        r.id: cl.per_material({m: float(v) for m, v in r.composition.items()})
        for r in baseline.regions
    }
    dump_plans, dump_inputs = cl.uncollected_dumps(
        projection.arrays["uncollected"],
        inputs.region_of_district,
        climate.landfill_gas.uncollected_dumped_share,
    )
    methane = cl.landfill_methane(
        [*inputs.landfills, *dump_plans],
        {**projection.fac_input, **dump_inputs},
        years,
        region_composition,
        climate,
    )
    gwp_ch4, gwp_n2o = cl.gwp_factors(climate.gwp)
    lf_regions = np.zeros((len(methane.landfill_ids), n_r))
    lf_regions[np.arange(len(methane.landfill_ids)), [r_index[r] for r in methane.regions]] = 1
    ch4_gen = methane.generated @ lf_regions
    ch4_rec = methane.recovered @ lf_regions
    ch4_emit = methane.emitted @ lf_regions
    comp_ch4 = cl.composting_emissions_t(biotreated_r, climate.composting.ch4_t_per_t)
    comp_n2o = cl.composting_emissions_t(biotreated_r, climate.composting.n2o_t_per_t)
    landfill_co2e = cl.co2e_t(ch4_emit, gwp_ch4)
    composting_co2e = cl.co2e_t(comp_ch4, gwp_ch4) + cl.co2e_t(comp_n2o, gwp_n2o)
    avoided_co2e = cl.avoided_emissions_tco2e(
        recycled_r, cl.per_material(climate.recycling_credits.tco2e_per_t)
    )
    gross = landfill_co2e + composting_co2e
    emissions_arrays = {
        "ch4_generated_t": ch4_gen,
        "ch4_recovered_t": ch4_rec,
        "ch4_landfill_t": ch4_emit,
        "landfill_tco2e": landfill_co2e,
        "composting_ch4_t": comp_ch4,
        "composting_n2o_t": comp_n2o,
        "composting_tco2e": composting_co2e,
        "emissions_tco2e": gross,
        "avoided_emissions_tco2e": avoided_co2e,
        "net_emissions_tco2e": gross - avoided_co2e,
    }

    # KPIs [year, region + total]
    def by_payer(payer: str) -> FloatArray:
        return sum((v for (_, who), v in items.items() if who == payer), np.zeros((n_y, n_r)))

    capex = sum((v for (k, _), v in items.items() if k.startswith("capex_")), np.zeros((n_y, n_r)))
    total = sum(items.values(), np.zeros((n_y, n_r)))
    opex = total - capex + revenue - awareness
    diverted = regional(flows["recycled"]).sum(axis=2) + composted_r
    diversion_cost = sorting_opex + composting_opex + diversion_capital + awareness - revenue
    tariff = by_payer("tariff_payers")
    kpi_values = {
        "capex_kzt": _with_total(capex),
        "opex_kzt": _with_total(opex),
        "revenue_kzt": _with_total(revenue),
        "total_cost_kzt": _with_total(total),
        "npv_cost_kzt": cumulative_npv_kzt(
            _with_total(total), years, p.macro.discount_rate, years[0]
        ),
        "epr_incentives_kzt": _with_total(incentive),
        "epr_incentives_due_kzt": _with_total(incentive_due),
        "local_budget_kzt": _with_total(by_payer("local_budget")),
        "tariff_payers_kzt": _with_total(tariff),
        "investors_kzt": _with_total(by_payer("investors")),
        "epr_operator_kzt": _with_total(by_payer("epr_operator")),
        "cost_per_t_diverted_kzt": _with_total_ratio(diversion_cost, diverted, cost_per_tonne_kzt),
        "cost_per_resident_month_kzt": _with_total_ratio(
            total, population, cost_per_resident_month_kzt
        ),
        "tariff_cost_per_resident_month_kzt": _with_total_ratio(
            tariff, population, cost_per_resident_month_kzt
        ),
        "sorting_margin_kzt": _with_total(margin_r),
        "sorting_margin_no_epr_kzt": _with_total(margin_no_epr_r),
        "debt_service_kzt": _with_total(
            memo.get(("debt_service", "investors"), np.zeros((n_y, n_r)))
        ),
        "concessional_loan_subsidy_kzt": _with_total(
            memo.get(("concessional_loan_subsidy", "epr_operator"), np.zeros((n_y, n_r)))
        ),
    }
    kpi_values.update({k: _with_total(v) for k, v in emissions_arrays.items()})
    return EconomicsResult(
        scenario=scenario.id,
        years=years,
        regions=regions,
        params=p,
        items=items,
        memo=memo,
        emissions_arrays=emissions_arrays,
        diverted_t=diverted,
        population=population,
        kpi_values=kpi_values,
        methane=methane,
        sorting=sorting,
        financing=financing,
    )


# --------------------------------------------------------------------------------------------
# Comparing options
# --------------------------------------------------------------------------------------------

COMPARISON_COLUMNS = [
    "scenario",
    "npv_cost_kzt",
    "diverted_t",
    "net_emissions_tco2e",
    "delta_npv_cost_kzt",
    "delta_diverted_t",
    "abated_tco2e",
    "cost_per_t_diverted_kzt",
    "abatement_cost_kzt_per_tco2e",
]


def compare(results: Sequence[EconomicsResult], baseline: str) -> pd.DataFrame:
    """Cost-effectiveness of options against a baseline scenario.

    Parameters
    ----------
    results : sequence of EconomicsResult
        Evaluated scenarios over the same years, including the baseline.
    baseline : str
        Id of the baseline scenario (e.g. ``"bau"``).

    Returns
    -------
    pandas.DataFrame
        One row per scenario (:data:`COMPARISON_COLUMNS`): horizon NPV cost [KZT], tonnes
        diverted over the horizon [t], cumulative net emissions [t CO2e], their differences to
        the baseline, incremental cost per tonne diverted ``ΔNPV / Δdiverted`` [KZT/t] and
        abatement cost ``ΔNPV / abated`` [KZT/t CO2e] (NaN for the baseline and where nothing is
        diverted or abated).  Tonnes and emissions are not discounted.
    """
    by_id = {r.scenario: r.totals() for r in results}
    if baseline not in by_id:
        raise ValueError(f"baseline {baseline!r} is not among the results: {sorted(by_id)}")
    base = by_id[baseline]
    rows = []
    for sid, t in by_id.items():
        d_cost = t["npv_cost_kzt"] - base["npv_cost_kzt"]
        d_div = t["diverted_t"] - base["diverted_t"]
        abated = base["net_emissions_tco2e"] - t["net_emissions_tco2e"]
        rows.append(
            {
                "scenario": sid,
                "npv_cost_kzt": t["npv_cost_kzt"],
                "diverted_t": t["diverted_t"],
                "net_emissions_tco2e": t["net_emissions_tco2e"],
                "delta_npv_cost_kzt": d_cost,
                "delta_diverted_t": d_div,
                "abated_tco2e": abated,
                "cost_per_t_diverted_kzt": float(cost_per_tonne_kzt(d_cost, d_div))
                if sid != baseline
                else float("nan"),
                "abatement_cost_kzt_per_tco2e": abatement_cost_kzt_per_tco2e(d_cost, abated)
                if sid != baseline
                else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def mac_curve(comparison: pd.DataFrame) -> pd.DataFrame:
    """Marginal abatement cost curve from :func:`compare`.

    Options that abate something are sorted by abatement cost (cheapest first); each is a bar
    of width ``abated_tco2e`` starting where the previous ended.

    Returns
    -------
    pandas.DataFrame
        ``scenario, abatement_cost_kzt_per_tco2e, abated_tco2e, start_tco2e, end_tco2e``.
    """
    rows = comparison[comparison["abated_tco2e"] > 0].sort_values("abatement_cost_kzt_per_tco2e")
    end = rows["abated_tco2e"].cumsum()
    return pd.DataFrame(
        {
            "scenario": rows["scenario"].to_numpy(),
            "abatement_cost_kzt_per_tco2e": rows["abatement_cost_kzt_per_tco2e"].to_numpy(),
            "abated_tco2e": rows["abated_tco2e"].to_numpy(),
            "start_tco2e": (end - rows["abated_tco2e"]).to_numpy(),
            "end_tco2e": end.to_numpy(),
        }
    )


def comparison_rows(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as economics-CSV rows (:data:`ECONOMICS_COLUMNS`; region and year
    empty, payer empty)."""
    units = {
        "npv_cost_kzt": "KZT",
        "diverted_t": "t",
        "net_emissions_tco2e": "tCO2e",
        "delta_npv_cost_kzt": "KZT",
        "delta_diverted_t": "t",
        "abated_tco2e": "tCO2e",
        "cost_per_t_diverted_kzt": "KZT/t",
        "abatement_cost_kzt_per_tco2e": "KZT/tCO2e",
    }
    long = comparison.melt(id_vars="scenario", var_name="item", value_name="value")
    long["item"] = "vs_baseline:" + long["item"]
    return long.assign(
        region="", year=pd.NA, payer="", unit=long["item"].str.split(":").str[1].map(units)
    )[ECONOMICS_COLUMNS]


__all__ = [
    "CLIMATE_KPIS",
    "COMPARISON_COLUMNS",
    "ECONOMICS_COLUMNS",
    "MONEY_KPIS",
    "PAYERS",
    "EconomicsResult",
    "abatement_cost_kzt_per_tco2e",
    "allocate_kzt",
    "annuity_factor",
    "annuity_kzt",
    "blended_rate",
    "campaign_cost_kzt",
    "capex_schedule_kzt",
    "compare",
    "comparison_rows",
    "cost_per_resident_month_kzt",
    "cost_per_tonne_kzt",
    "cumulative_npv_kzt",
    "discount_factors",
    "effective_parameters",
    "environmental_payment_kzt",
    "epr_incentive_kzt",
    "evaluate",
    "fixed_opex_kzt",
    "loan_payments_kzt",
    "mac_curve",
    "mrp_kzt_by_year",
    "npv_kzt",
    "parameters_of",
    "per_tonne_cost_kzt",
    "recovery_ratio",
    "recyclable_revenue_kzt",
    "sorting_margin_kzt",
]
