"""Each region's verdict on the national processing target: met or not, and by how much.

One home for the rule the pages, the CLI and the report state in words: in the target year
``Y`` a region meets the target ``T`` when its official processing share (sorted +
biotreated) / generated is at least ``T``; when it does not, the shortfall is the tonnage
that would have to be sorted or composted in addition that year,
``(T − share) × generated`` [t/yr].  The real recycling rate (recycled / generated) is
reported beside it, because the official share counts sorting, not recycling.

A figure for both regions never replaces each region's own: :func:`region_verdicts` returns
one verdict per region, in the baseline's order, and the total only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from planner import i18n
from planner.projection import Projection

DEFAULT_TARGET_YEAR = 2030
"""The target year the pages open on (the national 40 % target)."""


@dataclass(frozen=True)
class RegionVerdict:
    """One region's result against the national target of one year."""

    region: str
    """Region id; ``""`` for the total of all regions."""
    year: int
    """Target year [year]."""
    target_share: float
    """National target for the processing share [-]."""
    processing_share: float
    """Official processing share (sorted + biotreated) / generated [-]."""
    recycling_rate: float
    """Real recycling rate recycled / generated [-]."""
    generated_t_per_yr: float
    """Waste generated in the region that year [t/yr]."""

    @property
    def met(self) -> bool:
        """Whether the processing share reaches the target (to 1e-9, :func:`meets_target`)."""
        return bool(meets_target(self.processing_share, self.target_share))

    @property
    def shortfall_t_per_yr(self) -> float:
        """Extra tonnes to sort or compost that year to reach the target [t/yr]; 0 when met."""
        gap = self.target_share - self.processing_share
        return 0.0 if self.met else float(gap * self.generated_t_per_yr)


TARGET_TOLERANCE = 1e-9
"""A share this close below the target counts as meeting it [-] (rounding of sums)."""


def meets_target(processing_share: ArrayLike, target_share: float) -> np.ndarray:
    """Whether a processing share [-] meets the target (the rule of :attr:`RegionVerdict.met`);
    element by element for an array (e.g. one share per draw of :mod:`planner.uncertainty`)."""
    return np.asarray(processing_share, dtype=float) >= target_share - TARGET_TOLERANCE


def target_years(targets: dict[int, float]) -> list[int]:
    """Years with a national target, in order [year]."""
    return sorted(targets)


def region_ids(projection: Projection) -> list[str]:
    """Region ids of a projection in the baseline's order (the KPI groups' order)."""
    return [r for r, d in projection.groups if r and not d]


def region_verdict(
    projection: Projection, region: str, year: int, target_share: float
) -> RegionVerdict:
    """The verdict of one region (``""`` for the total) against ``target_share`` in ``year``.

    Raises
    ------
    ValueError
        When ``year`` is outside the projection.
    """
    if year not in projection.years:
        raise ValueError(
            f"year {year} is outside the projection {projection.years[0]}–{projection.years[-1]}"
        )
    k = projection.years.index(year)

    def at(name: str) -> float:
        value = float(projection.kpi(name, region)[k])
        return 0.0 if np.isnan(value) else value

    return RegionVerdict(
        region=region,
        year=year,
        target_share=float(target_share),
        processing_share=at("processing_share"),
        recycling_rate=at("recycling_rate"),
        generated_t_per_yr=at("generated_t"),
    )


def region_verdicts(
    projection: Projection,
    targets: dict[int, float],
    year: int = DEFAULT_TARGET_YEAR,
    include_total: bool = False,
) -> list[RegionVerdict]:
    """Each region's verdict against the national target of ``year`` (then the total, when
    ``include_total``); empty when ``targets`` has no such year or the projection does not
    reach it.

    Parameters
    ----------
    projection : Projection
        A projection of the scenario.
    targets : dict[int, float]
        National processing targets by year [-] (the baseline's ``target_processing_share``).
    year : int
        Target year [year].
    include_total : bool
        Add the total of all regions last (``region == ""``).
    """
    if year not in targets or year not in projection.years:
        return []
    regions = region_ids(projection) + ([""] if include_total else [])
    return [region_verdict(projection, r, year, targets[year]) for r in regions]


def verdict_sentence(verdict: RegionVerdict, region_name: str, lang: str) -> str:
    """The verdict in words, e.g. «Абай: 58,7 % при цели 40 % — достигнута» or «Улытау:
    36,2 % при цели 40 % — не достигнута: нужно ещё 3 500 т/год сортировки или
    компостирования»; the real recycling rate follows in its own clause."""
    values = {
        "region": region_name,
        "year": verdict.year,
        "share": i18n.percent(verdict.processing_share, lang, 1),
        "target": i18n.percent(verdict.target_share, lang, 0),
        "recycling": i18n.percent(verdict.recycling_rate, lang, 1),
        "shortfall": i18n.number(rounded_shortfall_t(verdict.shortfall_t_per_yr), lang),
    }
    key = "verdict.met" if verdict.met else "verdict.not_met"
    return i18n.model_catalog().text(key, lang, **values)


def rounded_shortfall_t(tonnes: float) -> float:
    """Tonnes rounded for a sentence: to 100 t above 1,000 t, else to 10 t [t]."""
    step = 100.0 if tonnes >= 1000 else 10.0
    return float(np.ceil(tonnes / step - 1e-9) * step)  # up, so a gap is never understated
