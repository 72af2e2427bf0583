"""Open burning of uncollected waste (IPCC 2006 Vol. 5 Ch. 5): small pure functions.

Fossil CO2 by eq. 5.4 from the dry matter, carbon and fossil carbon fractions of each material
(Vol. 5 Ch. 2 Table 2.4) and the oxidation factor of open burning (58 %, Ch. 5 Table 5.2); CH4
(6,500 g/t wet waste, §5.4.2) and N2O (150 g/t dry waste, Table 5.6) by default emission
factors; black carbon (0.65 g/kg, Akagi et al. 2011, as in CCAC SWEET) in tonnes, outside every
CO2e total.  :func:`planner.climate.emissions` adds the CO2e to the scenario's emissions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from planner.resolve import per_material
from planner.schema import Climate, OpenBurning

FloatArray = NDArray[np.float64]

CO2_PER_C = 44.0 / 12.0
"""Molecular-weight ratio CO2/C [t CO2/t C]."""


def open_burning_co2_t(
    burned_t: ArrayLike,
    dry_matter: ArrayLike,
    carbon_fraction: ArrayLike,
    fossil_carbon_fraction: ArrayLike,
    oxidation_factor: float,
) -> FloatArray:
    """Fossil CO2 of open burning (IPCC 2006 Vol. 5 Ch. 5 eq. 5.4)::

        CO2 = Σ_j MSW_j · dm_j · CF_j · FCF_j · OF · 44/12

    Parameters
    ----------
    burned_t : array_like
        Wet waste burned [t], last axis material.
    dry_matter : array_like
        Dry matter content ``dm`` [-] by material (Vol. 5 Ch. 2 Table 2.4).
    carbon_fraction : array_like
        Total carbon content of the dry matter ``CF`` [-] by material (Table 2.4).
    fossil_carbon_fraction : array_like
        Fossil share of the carbon ``FCF`` [-] by material (Table 2.4).
    oxidation_factor : float
        ``OF`` [-]; 0.58 for open burning (Ch. 5 Table 5.2).

    Returns
    -------
    numpy.ndarray
        Fossil CO2 [t CO2], summed over the last axis.  Biogenic CO2 is not counted.
    """
    fossil_c = np.asarray(dry_matter) * np.asarray(carbon_fraction)
    fossil_c = fossil_c * np.asarray(fossil_carbon_fraction)
    burned = np.asarray(burned_t, dtype=float)
    return (burned * fossil_c).sum(axis=-1) * oxidation_factor * CO2_PER_C


def open_burning_gas_t(amount_t: ArrayLike, ef_t_per_t: float) -> FloatArray:
    """A gas (or black carbon) from open burning by a default emission factor.

    IPCC 2006 Vol. 5 Ch. 5: CH4 by eq. 5.12 with 6,500 g CH4/t wet waste (§5.4.2); N2O by
    eq. 5.16 with 150 g N2O/t dry waste (Table 5.6).  Black carbon (not an IPCC gas): 0.65 g/kg
    wet waste (garbage burning, Akagi et al. 2011, the factor CCAC SWEET uses).

    Parameters
    ----------
    amount_t : array_like
        Waste burned [t] (wet or dry, as the factor is stated).
    ef_t_per_t : float
        Emission factor [t gas/t waste].

    Returns
    -------
    numpy.ndarray
        Gas emitted [t].
    """
    if ef_t_per_t < 0:
        raise ValueError("emission factor must be ≥ 0")
    return np.asarray(amount_t, dtype=float) * ef_t_per_t


@dataclass(frozen=True)
class OpenBurningEmissions:
    """Open burning of uncollected waste ``[year, region]``."""

    burned_t: FloatArray
    """Wet waste burned [t/yr]."""
    co2_t: FloatArray
    """Fossil CO2 [t CO2/yr]."""
    ch4_t: FloatArray
    """CH4 [t CH4/yr]."""
    n2o_t: FloatArray
    """N2O [t N2O/yr]."""
    black_carbon_t: FloatArray
    """Black carbon [t BC/yr] (in no CO2e total)."""


def open_burning(burned_t: FloatArray, ob: OpenBurning) -> OpenBurningEmissions:
    """Emissions of waste burned in the open, ``burned_t`` ``[..., material]`` [t/yr]."""
    dm = per_material(ob.dry_matter)
    dry_t = (burned_t * dm).sum(axis=-1)
    wet_t = burned_t.sum(axis=-1)
    return OpenBurningEmissions(
        burned_t=wet_t,
        co2_t=open_burning_co2_t(
            burned_t,
            dm,
            per_material(ob.carbon_fraction),
            per_material(ob.fossil_carbon_fraction),
            ob.oxidation_factor,
        ),
        ch4_t=open_burning_gas_t(wet_t, ob.ch4_t_per_t_wet),
        n2o_t=open_burning_gas_t(dry_t, ob.n2o_t_per_t_dry),
        black_carbon_t=open_burning_gas_t(wet_t, ob.black_carbon_t_per_t),
    )


def open_burning_by_region(
    uncollected_t: FloatArray,
    region_of_district: Sequence[str],
    regions: Sequence[str],
    climate: Climate,
) -> OpenBurningEmissions:
    """Open burning of the burned share of uncollected waste, ``[year, region]``; zeros when
    the parameters have no ``open_burning`` table."""
    to_region = (np.asarray(region_of_district)[:, None] == np.asarray(regions)[None, :]) * 1.0
    by_region = np.einsum("ydm,dr->yrm", uncollected_t, to_region)
    ob = climate.open_burning
    if ob is None:
        zero = np.zeros(by_region.shape[:2])
        return OpenBurningEmissions(zero, zero, zero, zero, zero)
    return open_burning(by_region * ob.burned_share, ob)


__all__ = [
    "CO2_PER_C",
    "OpenBurningEmissions",
    "open_burning",
    "open_burning_by_region",
    "open_burning_co2_t",
    "open_burning_gas_t",
]
