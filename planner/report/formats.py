"""Numbers as a report writes them (Babel through :mod:`planner.i18n`): KPI values by kind,
money in millions of tenge, years as plain digits."""

from __future__ import annotations

from planner import i18n
from planner.kpis import kpi_spec

MLN = 1e6
"""Money in the report's texts and tables is in millions of tenge [KZT per M KZT]."""

PLAIN_YEAR_KPIS = frozenset({"earliest_landfill_full_year"})
"""KPIs whose value is a calendar year: written without a thousands separator."""


def money_digits(value_mln: float) -> int:
    """Decimals for an amount in millions: more for small ones (0.04 M KZT is not 0)."""
    size = abs(value_mln)
    return 2 if size < 10 else 1 if size < 100 else 0


def mln_kzt(value_kzt: float, lang: str) -> str:
    """An amount [KZT] in millions of tenge, without unit: ``1 234,5``; ``—`` when undefined."""
    if i18n.is_missing(value_kzt):
        return "—"
    shown = float(value_kzt) / MLN
    return i18n.number(shown, lang, money_digits(shown))


def year_text(value: float) -> str:
    """A calendar year as digits (``2031``); ``—`` when undefined."""
    return "—" if i18n.is_missing(value) else str(int(round(float(value))))


def kpi_value(name: str, value: float, lang: str) -> str:
    """A KPI value of the KPI CSV as the report's tables write it, by the KPI's kind
    (:mod:`planner.kpis`): shares as percentages with one decimal, tonnes and gases to the
    tonne, money per year in millions of tenge, unit costs to the tenge, years left with one
    decimal, calendar years as digits, ratios to a target as percentages."""
    if name in PLAIN_YEAR_KPIS:
        return year_text(value)
    kind = kpi_spec(name).kind
    if kind in ("share", "ratio"):
        return i18n.percent(value, lang, 1)
    if kind == "money":
        return mln_kzt(value, lang)
    if kind == "years":
        return i18n.number(value, lang, 1)
    return i18n.number(value, lang, 0)
