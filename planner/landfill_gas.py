"""Landfill gas collection and flaring: the lever's costs, and what the pages say about methane.

A scenario's ``levers.landfill_gas_capture`` lists, per landfill, a capture share, a start year,
capex and opex.  :func:`capture_by_landfill` hands the climate model (:mod:`planner.climate`)
the recovery; :func:`capture_costs_kzt` gives the economics its cost lines (``capex_landfill_gas``
and ``opex_landfill_gas``, paid by the local budget).  :func:`methane_notes` says, per landfill,
whether it is sanitary without capture and how much more methane it makes than a dump would:
the data behind the words on the Climate and Overview pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner import climate as cl
from planner.schema import Climate, Scenario

FloatArray = NDArray[np.float64]


def capture_by_landfill(scenario: Scenario) -> dict[str, tuple[int, float]]:
    """Landfill id → ``(start year, capture share)`` of the scenario's gas-collection levers."""
    levers = scenario.levers.landfill_gas_capture
    return {g.landfill: (g.start_year, g.capture_share) for g in levers}


def capture_costs_kzt(
    start_year: int, capex_kzt: float, opex_kzt_per_yr: float, years: Sequence[int]
) -> tuple[FloatArray, FloatArray]:
    """Capex and opex of one gas-collection system by year.

    Parameters
    ----------
    start_year : int
        First year of capture [year]; the capex is spent in it.
    capex_kzt : float
        Investment [KZT].
    opex_kzt_per_yr : float
        Operation and maintenance [KZT/yr], from the start year on.
    years : sequence of int
        Projected years.

    Returns
    -------
    tuple of numpy.ndarray
        Capex and opex ``[year]`` [KZT/yr]; a start before the first projected year spends no
        capex in the horizon (it is sunk) but pays the opex.
    """
    y = np.asarray(years)
    capex = np.where(y == start_year, float(capex_kzt), 0.0)
    opex = np.where(y >= start_year, float(opex_kzt_per_yr), 0.0)
    return capex, opex


@dataclass(frozen=True)
class MethaneNote:
    """What the pages say about one landfill's methane over the horizon."""

    landfill: str
    """Landfill id."""
    region: str
    """Region id."""
    type: str
    """Landfill type (``sanitary``, ``controlled``, ``uncontrolled``)."""
    sanitary_without_capture: bool
    """A sanitary landfill with no gas collection in any projected year."""
    captured: bool
    """Gas collection operates in at least one projected year."""
    ch4_emitted_t: float
    """CH4 emitted over the projected years [t CH4]."""
    ch4_as_dump_t: float
    """CH4 the same deposits (with their history) would emit on an uncontrolled dump (its MCF,
    no oxidation, no capture) [t CH4]."""
    extra_vs_dump_t: float
    """``ch4_emitted_t − ch4_as_dump_t`` [t CH4]: positive when the landfill emits more."""
    ch4_recovered_t: float
    """CH4 captured over the projected years [t CH4]."""


def methane_notes(
    plans: Sequence,
    facility_input_t: dict[str, FloatArray],
    years: list[int],
    region_composition: dict[str, FloatArray],
    climate: Climate,
    capture: dict[str, tuple[int, float]] | None = None,
) -> list[MethaneNote]:
    """Per landfill: its methane, and what a dump with the same deposits would emit.

    Why a sanitary landfill without capture emits more than a dump (IPCC 2006 Vol. 5 Ch. 3): it
    is deep and compacted, so almost all its degradable carbon decays without air (MCF 1.0
    against 0.4 for a shallow unmanaged dump); the cover oxidises only 10 % (OX 0.1).  Without
    gas collection that methane reaches the air; capture of a share ``c`` cuts it by ``c``.

    Parameters
    ----------
    plans : sequence of planner.resolve.FacilityPlan
        The projection's landfill plans.
    facility_input_t, years, region_composition, climate :
        As for :func:`planner.climate.landfill_methane`.
    capture : dict, optional
        Gas collection by landfill id (:func:`capture_by_landfill`).

    Returns
    -------
    list of MethaneNote
        One per landfill, in plan order.
    """
    capture = capture or {}
    actual = cl.landfill_methane(
        plans, facility_input_t, years, region_composition, climate, capture=capture
    )
    dump_type = "uncontrolled"
    gas = climate.landfill_gas
    as_dump_gas = gas.model_copy(
        update={
            "mcf": {t: gas.mcf[dump_type] for t in gas.mcf},
            "ox": {t: gas.ox[dump_type] for t in gas.ox},
            "recovery": {t: 0.0 for t in gas.recovery},
        }
    )
    as_dump = cl.landfill_methane(
        plans,
        facility_input_t,
        years,
        region_composition,
        climate.model_copy(update={"landfill_gas": as_dump_gas}),
    )
    notes = []
    for k, plan in enumerate(plans):
        recovered = float(actual.recovered[:, k].sum())
        emitted = float(actual.emitted[:, k].sum())
        dump = float(as_dump.emitted[:, k].sum())
        lid = plan.facility.id
        captured = recovered > 0
        notes.append(
            MethaneNote(
                landfill=lid,
                region=plan.region,
                type=plan.facility.type,
                sanitary_without_capture=plan.facility.type == "sanitary" and not captured,
                captured=captured,
                ch4_emitted_t=emitted,
                ch4_as_dump_t=dump,
                extra_vs_dump_t=emitted - dump,
                ch4_recovered_t=recovered,
            )
        )
    return notes


__all__ = ["MethaneNote", "capture_by_landfill", "capture_costs_kzt", "methane_notes"]
