"""The economics page's headline cards with their change against a reference, and the
sorting margin with and without EPR in parts (no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from msw_app.views.economics_frames import focus_year_figures

if TYPE_CHECKING:
    from planner.economics import EconomicsResult


@dataclass(frozen=True)
class CardSpec:
    """One headline card of the economics page."""

    name: str
    """Card id (catalog key ``econ.<name>``)."""
    figure: str
    """Key of :func:`msw_app.views.economics_frames.focus_year_figures`."""
    unit: str
    """``mln`` (millions of tenge) or ``tenge`` (tenge) [KZT]."""
    lower_is_better: bool | None
    """Whether a fall is an improvement (``None``: neither, e.g. incentives paid)."""


ECONOMICS_CARDS: tuple[CardSpec, ...] = (
    CardSpec("npv", "npv_cost_horizon_kzt", "mln", True),
    CardSpec("cost_year", "total_cost_kzt", "mln", True),
    CardSpec("epr_paid", "epr_incentives_kzt", "mln", None),
    CardSpec("per_resident", "cost_per_resident_month_kzt", "tenge", True),
    CardSpec("per_t_diverted", "cost_per_t_diverted_kzt", "tenge", True),
)
"""The cards in display order."""


def economics_cards(
    result: EconomicsResult,
    reference: EconomicsResult | None,
    year: int,
    region: str = "",
) -> pd.DataFrame:
    """The headline figures of a region (``""``: all) and their change against a reference.

    Parameters
    ----------
    result, reference : EconomicsResult
        The scenario's economics and the reference's (normally the baseline without levers,
        with the same page settings); ``reference`` may be ``None`` (no deltas).
    year : int
        Year in focus [yr], within the evaluated years.

    Returns
    -------
    pandas.DataFrame
        Indexed by card name: ``value``, ``reference``, ``delta`` [KZT, KZT/yr or
        KZT/(person·month), KZT/t as :data:`ECONOMICS_CARDS` says], ``unit`` and
        ``lower_is_better``; NaN where a figure is undefined.
    """
    figures = focus_year_figures(result, year, region)
    ref_figures = focus_year_figures(reference, year, region) if reference is not None else {}
    rows = []
    for spec in ECONOMICS_CARDS:
        value = float(figures[spec.figure])
        ref = float(ref_figures.get(spec.figure, np.nan))
        rows.append(
            {
                "card": spec.name,
                "value": value,
                "reference": ref,
                "delta": value - ref,
                "unit": spec.unit,
                "lower_is_better": spec.lower_is_better,
            }
        )
    return pd.DataFrame(rows).set_index("card")


MARGIN_PARTS: tuple[str, ...] = (
    "recovered_separate_t",
    "recovered_mixed_t",
    "revenue_kzt",
    "mixed_price_discount_kzt",
    "incentive_kzt",
    "opex_kzt",
    "avoided_landfill_kzt",
    "margin_kzt",
    "margin_no_epr_kzt",
)
"""Fields of :class:`planner.economics.result.SortingLineEconomics` summed by
:func:`margin_parts`."""


def margin_parts(result: EconomicsResult, year: int, region: str = "") -> dict[str, float] | None:
    """The sorting lines' margin in ``year`` in parts, summed over the lines of a region.

    ``margin = sales + EPR incentives − sorting opex + avoided landfill fee`` and the margin
    without EPR leaves out the incentives (:func:`planner.economics.costs.sorting_margin_kzt`).

    Returns
    -------
    dict or None
        :data:`MARGIN_PARTS` [t/yr, KZT/yr] plus ``input_t`` [t/yr]; ``None`` when no line of
        the region sorts anything that year.
    """
    k = result.years.index(year)
    lines = [ln for ln in result.sorting.values() if not region or ln.region == region]
    input_t = float(sum(ln.input_t[k] for ln in lines))
    if input_t <= 0:
        return None
    out = {"input_t": input_t}
    for name in MARGIN_PARTS:
        values = [getattr(ln, name) for ln in lines]
        out[name] = float(sum(v[k] for v in values if v is not None))
    return out


def margin_verdict(parts: dict[str, float]) -> str:
    """Which of the four cases the margin is in: ``both`` (profitable without EPR too),
    ``epr_only`` (profitable only with the incentives), ``neither`` (a loss even with them)
    or ``epr_loss`` (the odd case of a loss only with them)."""
    with_epr = parts["margin_kzt"] >= 0
    without = parts["margin_no_epr_kzt"] >= 0
    if with_epr and without:
        return "both"
    if with_epr:
        return "epr_only"
    return "epr_loss" if without else "neither"
