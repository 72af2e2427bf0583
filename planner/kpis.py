"""Every KPI the KPI CSV can hold: name, unit, kind, direction and meaning, in one table.

The projection (:mod:`planner.projection`) computes the tonnage, share and landfill KPIs, the
economics (:mod:`planner.economics`) the money and climate KPIs; both take their name lists
from :data:`KPIS`, and the CSV writers check every name against it.  ``progress_to_target_YYYY``
is one entry (:data:`PROGRESS_TO_TARGET`) standing for one KPI per target year of the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

KpiKind = Literal["flow", "share", "years", "ratio", "money", "unit_cost", "gas", "emissions"]
"""What a KPI measures: tonnes of waste, a share of tonnes, years, a ratio to a target, money,
money per unit, tonnes of a gas, CO2-equivalents."""

KpiSource = Literal["projection", "economics"]
"""Which model computes the KPI (economics KPIs need an ``[economics]`` table)."""


@dataclass(frozen=True)
class Kpi:
    """One KPI of the KPI CSV."""

    name: str
    """Name in the ``kpi`` column (``YYYY`` in a pattern entry stands for a year)."""
    unit: str
    """Unit of the value in a yearly row, e.g. ``t/yr``, ``-``, ``KZT/yr``, ``tCO2e/yr``."""
    kind: KpiKind
    """What the KPI measures."""
    higher_is_better: bool | None
    """``True`` when more is better, ``False`` when less is, ``None`` when neither."""
    description: str
    """What the number is (English; the app's texts translate the names)."""
    source: KpiSource
    """Which model computes it."""


def _kpi(
    name: str,
    unit: str,
    kind: KpiKind,
    higher_is_better: bool | None,
    description: str,
    source: KpiSource = "projection",
) -> Kpi:
    return Kpi(name, unit, kind, higher_is_better, description, source)


def _money(name: str, unit: str, kind: KpiKind, better: bool | None, text: str) -> Kpi:
    return _kpi(name, unit, kind, better, text, "economics")


PROGRESS_TO_TARGET = "progress_to_target_YYYY"
"""The pattern entry for ``progress_to_target_2030``, ``progress_to_target_2050``…"""

KPIS: tuple[Kpi, ...] = (
    _kpi("generated_t", "t/yr", "flow", None, "MSW generated"),
    _kpi("collected_t", "t/yr", "flow", True, "MSW picked up by the collection service"),
    _kpi("sorted_t", "t/yr", "flow", True, "input to sorting lines (separate + mixed)"),
    _kpi("recycled_t", "t/yr", "flow", True, "recovered by sorting and sold for recycling"),
    _kpi("composted_t", "t/yr", "flow", True, "composted output counted as diverted"),
    _kpi("landfilled_t", "t/yr", "flow", False, "sent to landfill, incl. residues and rejects"),
    _kpi(
        "banned_landfilled_t",
        "t/yr",
        "flow",
        False,
        "landfilled tonnes of fractions whose landfilling the Ecological Code bans",
    ),
    _kpi(
        "unplaced_landfilled_t",
        "t/yr",
        "flow",
        False,
        "landfilled tonnes of districts with no operating landfill that year, sent to the "
        "region's unplanned dump (uncontrolled-dump methane, no gate fee); should be 0",
    ),
    _kpi("diversion_rate", "-", "share", True, "(recycled + composted) / generated"),
    _kpi("recycling_rate", "-", "share", True, "recycled / generated"),
    _kpi(
        "processing_share",
        "-",
        "share",
        True,
        "official indicator: (sorted + biotreated) / generated; counts sorting, not recycling",
    ),
    _kpi("collection_coverage", "-", "share", True, "collected / generated"),
    _kpi(
        "sdg_11_6_1_controlled_share",
        "-",
        "share",
        True,
        "SDG 11.6.1: MSW collected and managed in controlled facilities / generated (collected "
        "minus what went to uncontrolled landfills and unplanned dumps)",
    ),
    _kpi(
        "landfill_years_left",
        "yr",
        "years",
        True,
        "remaining capacity of the operating landfills serving the group / what they received "
        "that year (empty when nothing is landfilled)",
    ),
    _kpi(
        "earliest_landfill_full_year",
        "year",
        "years",
        None,
        "first calendar year at whose end one of the group's landfills is full (empty when none "
        "fills up by the horizon); planner.projection.earliest_full_landfill names it",
    ),
    _kpi(
        PROGRESS_TO_TARGET,
        "-",
        "ratio",
        True,
        "processing share / national target of year YYYY; 1 = target met",
    ),
    _money("capex_kzt", "KZT/yr", "money", False, "investment spent"),
    _money("opex_kzt", "KZT/yr", "money", False, "operating costs"),
    _money("revenue_kzt", "KZT/yr", "money", True, "revenue from recovered materials"),
    _money("total_cost_kzt", "KZT/yr", "money", False, "total cost net of revenue"),
    _money(
        "npv_cost_kzt",
        "KZT",
        "money",
        False,
        "discounted total cost from the first projected year up to the row's year",
    ),
    _money("epr_incentives_kzt", "KZT/yr", "money", None, "EPR incentives actually paid (x rho)"),
    _money("epr_incentives_due_kzt", "KZT/yr", "money", None, "EPR incentives due (rho = 1)"),
    _money("local_budget_kzt", "KZT/yr", "money", False, "paid by the local budget"),
    _money("tariff_payers_kzt", "KZT/yr", "money", False, "paid by tariff payers"),
    _money("investors_kzt", "KZT/yr", "money", False, "paid by investors, net of income"),
    _money("epr_operator_kzt", "KZT/yr", "money", False, "paid by the EPR operator"),
    _money(
        "cost_per_t_diverted_kzt",
        "KZT/t",
        "unit_cost",
        False,
        "per-year average: this year's cost of sorting, composting and campaigns net of "
        "revenue / this year's tonnes recycled + composted (not against a reference; to rank "
        "options use the levelised cost of diversion of the comparison)",
    ),
    _money(
        "cost_per_resident_month_kzt",
        "KZT/(person·month)",
        "unit_cost",
        False,
        "total cost per resident and month",
    ),
    _money(
        "tariff_cost_per_resident_month_kzt",
        "KZT/(person·month)",
        "unit_cost",
        False,
        "the part tariff payers carry, per resident and month",
    ),
    _money("sorting_margin_kzt", "KZT/yr", "money", True, "sorting lines' operating margin"),
    _money(
        "sorting_margin_no_epr_kzt",
        "KZT/yr",
        "money",
        True,
        "sorting lines' operating margin without EPR incentives",
    ),
    _money("debt_service_kzt", "KZT/yr", "money", False, "loan payments of investors (memo)"),
    _money(
        "concessional_loan_subsidy_kzt",
        "KZT/yr",
        "money",
        None,
        "interest forgone on concessional loans against commercial rates (memo)",
    ),
    _money("ch4_generated_t", "t CH4/yr", "gas", False, "landfill methane generated"),
    _money("ch4_recovered_t", "t CH4/yr", "gas", True, "landfill methane captured"),
    _money("ch4_landfill_t", "t CH4/yr", "gas", False, "landfill methane emitted"),
    _money("landfill_tco2e", "tCO2e/yr", "emissions", False, "landfill methane emitted"),
    _money("composting_ch4_t", "t CH4/yr", "gas", False, "composting process CH4"),
    _money("composting_n2o_t", "t N2O/yr", "gas", False, "composting process N2O"),
    _money("composting_tco2e", "tCO2e/yr", "emissions", False, "composting process emissions"),
    _money("open_burning_t", "t/yr", "gas", False, "uncollected waste burned in the open (wet)"),
    _money(
        "open_burning_co2_t",
        "t CO2/yr",
        "gas",
        False,
        "fossil CO2 of open burning (IPCC 2006 Vol. 5 eq. 5.4, oxidation 58 %)",
    ),
    _money("open_burning_ch4_t", "t CH4/yr", "gas", False, "CH4 of open burning"),
    _money("open_burning_n2o_t", "t N2O/yr", "gas", False, "N2O of open burning"),
    _money(
        "open_burning_tco2e",
        "tCO2e/yr",
        "emissions",
        False,
        "open burning: fossil CO2 + CH4 + N2O (black carbon not included)",
    ),
    _money(
        "black_carbon_t",
        "t BC/yr",
        "gas",
        False,
        "black carbon of open burning, reported apart: not in any CO2e total",
    ),
    _money(
        "emissions_tco2e",
        "tCO2e/yr",
        "emissions",
        False,
        "landfill (incl. dumps) + composting + open burning emissions",
    ),
    _money("avoided_emissions_tco2e", "tCO2e/yr", "emissions", True, "credits from recycling"),
    _money("net_emissions_tco2e", "tCO2e/yr", "emissions", False, "emissions - credits"),
)
"""Every KPI, in the order the KPI CSV lists them."""

BY_NAME: dict[str, Kpi] = {k.name: k for k in KPIS}

_YEAR = re.compile(r"_(\d{4})$")


def kpi_spec(name: str) -> Kpi:
    """The table entry of a KPI name (``progress_to_target_2030`` → the pattern entry).

    Raises
    ------
    KeyError
        For a name the table does not hold.
    """
    if name in BY_NAME:
        return BY_NAME[name]
    pattern = _YEAR.sub("_YYYY", name)
    if pattern != name and pattern in BY_NAME:
        return BY_NAME[pattern]
    raise KeyError(f"unknown KPI {name!r}; add it to planner.kpis.KPIS")


def progress_to_target(year: int) -> str:
    """Name of the progress KPI for a target year."""
    return PROGRESS_TO_TARGET.replace("YYYY", str(year))


def names(source: KpiSource, kind: tuple[KpiKind, ...] | None = None) -> tuple[str, ...]:
    """KPI names a model computes, in table order, optionally of some kinds only."""
    return tuple(k.name for k in KPIS if k.source == source and (kind is None or k.kind in kind))


def csv_unit(name: str) -> str:
    """The unit of a KPI as the economics CSV's ``unit`` column writes it: yearly rows carry
    the amount of the year, so ``/yr`` is left out (``t CH4/yr`` → ``t CH4``)."""
    return kpi_spec(name).unit.removesuffix("/yr")


def check_known(kpi_names) -> None:
    """Raise ``KeyError`` when a KPI name is not in the table (the writers call this)."""
    for name in dict.fromkeys(kpi_names):
        kpi_spec(name)


__all__ = [
    "BY_NAME",
    "KPIS",
    "PROGRESS_TO_TARGET",
    "Kpi",
    "KpiKind",
    "KpiSource",
    "check_known",
    "csv_unit",
    "kpi_spec",
    "names",
    "progress_to_target",
]
