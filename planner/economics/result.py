"""The result of :func:`planner.economics.evaluate` and its tidy tables."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from planner import climate as cl
from planner import kpis as kp
from planner.projection import KPI_COLUMNS
from planner.schema import EconomicsParameters
from planner.schema.economics import Macro

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


class _ItemAccess:
    """Read-only ``record["field"]`` access, for code written when these were dicts."""

    def __getitem__(self, key: str):
        if key not in {f.name for f in fields(self)}:  # type: ignore[arg-type]  (a dataclass)
            raise KeyError(key)
        return getattr(self, key)


@dataclass(frozen=True)
class SortingLineEconomics(_ItemAccess):
    """Money of one sorting line, each array over the projected years."""

    region: str
    """Region id of the line."""
    input_t: FloatArray
    """Input [t/yr]."""
    recovered_t: FloatArray
    """Tonnes recovered for recycling [t/yr]."""
    revenue_kzt: FloatArray
    """Revenue from recovered materials [KZT/yr]."""
    incentive_kzt: FloatArray
    """EPR incentives paid for its recovered tonnes [KZT/yr]."""
    opex_kzt: FloatArray
    """Operating cost [KZT/yr]."""
    avoided_landfill_kzt: FloatArray
    """Landfill gate fees its recovered tonnes avoid [KZT/yr]."""
    margin_kzt: FloatArray
    """Operating margin with incentives [KZT/yr]."""
    margin_no_epr_kzt: FloatArray
    """Operating margin without incentives [KZT/yr]."""
    debt_service_kzt: FloatArray
    """Loan payments [KZT/yr] (0 without a loan)."""
    margin_after_debt_kzt: FloatArray
    """Margin with incentives minus debt service [KZT/yr]."""
    margin_per_t_kzt: FloatArray
    """Margin per tonne of input [KZT/t]; NaN without input."""
    margin_no_epr_per_t_kzt: FloatArray
    """Margin without incentives per tonne of input [KZT/t]; NaN without input."""
    recovered_separate_t: FloatArray | None = None
    """Of :attr:`recovered_t`, sorted from separately collected waste [t/yr]."""
    recovered_mixed_t: FloatArray | None = None
    """Of :attr:`recovered_t`, picked from mixed waste [t/yr]."""
    mixed_price_discount_kzt: FloatArray | None = None
    """Sales lost because mixed-waste fractions sell below clean prices [KZT/yr] (revenue at
    clean prices − :attr:`revenue_kzt`)."""

    def arrays(self) -> dict[str, FloatArray]:
        """The arrays by name, in field order (every field but ``region``; optional ones only
        when set)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "region" and getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class LoanFinancing(_ItemAccess):
    """The loans of one facility whose capex investors borrow."""

    facility: str
    """Facility id."""
    kind: str
    """``"sorting"`` or ``"composting"`` (the kinds eligible for concessional loans)."""
    region: str
    """Region id."""
    start_year: int | None
    """First operating year; the first payment falls in it."""
    capex_kzt: float
    """Investment borrowed [KZT]."""
    concessional_share: float
    """Share financed by the concessional loan [-]."""
    rate: float
    """Blended interest rate [1/yr]."""
    payment_kzt_per_yr: float
    """Yearly payment of the loan mix [KZT/yr]."""
    payment_all_commercial_kzt_per_yr: float
    """Yearly payment were it all borrowed commercially [KZT/yr]."""
    subsidy_npv_kzt: float
    """Discounted interest the concessional lender forgoes over the horizon [KZT]."""


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
    sorting : dict of str to SortingLineEconomics
        Per sorting line id: its arrays over years (``line["margin_kzt"]`` still works).
    financing : list of LoanFinancing
        Per loan-financed facility (``loan["capex_kzt"]`` still works).
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
    sorting: dict[str, SortingLineEconomics] = field(default_factory=dict)
    financing: list[LoanFinancing] = field(default_factory=list)

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
        for fid, line in self.sorting.items():
            frame = pd.DataFrame(line.arrays())
            frame.insert(0, "year", self.years)
            frame.insert(0, "region", line.region)
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

    def discounted_total(self, values: FloatArray) -> float:
        """A yearly quantity summed over the horizon, discounted like the costs:
        ``Σ x_y / (1 + r)^(y − y0)`` at ``macro.discount_rate`` (tonnes or t CO2e); a result
        built without parameters uses the schema's default rate."""
        rate = (
            Macro.model_fields["discount_rate"].default
            if self.params is None
            else self.params.macro.discount_rate
        )
        factors = (1.0 + rate) ** -(np.asarray(self.years, dtype=float) - self.years[0])
        return float((np.asarray(values, dtype=float) * factors).sum())

    def totals(self) -> dict[str, float]:
        """Horizon totals used to compare options: NPV cost [KZT], tonnes diverted [t],
        net and gross emissions [t CO2e], EPR incentives paid [KZT], and the discounted
        tonnes diverted and net emissions that levelised costs divide by."""
        return {
            "discounted_diverted_t": self.discounted_total(self.diverted_t.sum(axis=1)),
            "discounted_net_emissions_tco2e": self.discounted_total(
                self.kpi("net_emissions_tco2e")
            ),
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
