"""Extended producer responsibility: the incentives the EPR operator (JSC «Жасыл даму») owes
and pays per tonne recovered (reference.md §3.4 item 2) [KZT].

Eligibility (:func:`packaging_rates_by_stream_mrp_per_t`): the rates pay for *packaging* waste,
so only the packaging share of each recovered material earns them; packaging sorted from
separately collected waste earns the collection, transport and processing rates, packaging
picked from mixed waste only the rates of ``epr.mixed_stream_rates`` (processing, by default
in the baseline: its collection and haul were already paid by the tariff).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from planner.resolve import per_material
from planner.schema import MATERIALS, EprRates

FloatArray = NDArray[np.float64]


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


def epr_rates_mrp_per_t(epr: EprRates) -> FloatArray:
    """Sum of the collection, transport and processing rates by material [MRP/t]."""
    return (
        per_material(epr.collection_mrp_per_t)
        + per_material(epr.transport_mrp_per_t)
        + per_material(epr.processing_mrp_per_t)
    )


def packaging_rates_by_stream_mrp_per_t(epr: EprRates) -> tuple[FloatArray, FloatArray]:
    """EPR rates per tonne *recovered* by stream, counting only the packaging share [MRP/t].

    The rates of the Government schedule (reference.md §3.3) are for packaging waste, so a
    recovered tonne of a material earns them on its ``packaging_share`` only.  Separately
    collected packaging earns the collection, transport and processing rates; packaging
    picked from mixed waste (collected and hauled under the tariff) earns only the rates
    listed in ``mixed_stream_rates``.

    Returns
    -------
    tuple of numpy.ndarray
        ``[material]`` rates for separately collected and for mixed-waste tonnes [MRP/t].
    """
    share = per_material({m: 1.0 for m in MATERIALS}, epr.packaging_share)
    parts = {
        "collection": per_material(epr.collection_mrp_per_t),
        "transport": per_material(epr.transport_mrp_per_t),
        "processing": per_material(epr.processing_mrp_per_t),
    }
    separate = share * sum(parts.values())
    mixed = share * sum((parts[k] for k in epr.mixed_stream_rates), np.zeros(len(MATERIALS)))
    return separate, mixed
