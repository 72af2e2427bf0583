"""The climate page's abatement chart as steps between nested presets (no Streamlit).

The presets build on each other (``extends``): "announced" adds projects to business as
usual, the campaign and "40 % by 2030" each add to "announced", "reformed EPR" adds to
"40 % by 2030".  A classic marginal-abatement-cost curve lines the options up along one
axis of tonnes, which counts the tonnes of "announced" again inside every option built on
it.  Here each bar is one *step*: the extra discounted cost per extra discounted t CO2e of
a preset over the preset it builds on (:func:`planner.economics.compare` of the two).
Steps that build on the same preset are alternatives: their tonnes do not add up, so the
chart has no cumulative axis.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from planner.economics import EconomicsResult

STEP_COLUMNS = ("scenario", "parent", "cost_kzt_per_tco2e", "abated_tco2e", "delta_npv_kzt")
"""Columns of :func:`abatement_steps`."""


def preset_parents(paths: list[Path] | None = None) -> dict[str, str]:
    """The preset each bundled preset extends, by scenario id (``""`` for none).

    Parameters
    ----------
    paths : list of Path, optional
        Preset files (default: :func:`planner.io.preset_paths`); only TOML files name what
        they extend.
    """
    from planner.io import preset_paths

    files = paths if paths is not None else preset_paths()
    ids: dict[str, str] = {}
    extends: dict[str, str] = {}
    for path in files:
        if path.suffix != ".toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        sid = str(data.get("id", path.stem))
        ids[path.stem] = sid
        extends[sid] = Path(str(data.get("extends", ""))).stem
    return {sid: ids.get(stem, "") for sid, stem in extends.items()}


def abatement_steps(
    results: Mapping[str, EconomicsResult], parents: Mapping[str, str], reference: str
) -> pd.DataFrame:
    """Each preset's step over the preset it builds on (the reference when it builds on none).

    Parameters
    ----------
    results : mapping of str to EconomicsResult
        Economics of the presets by id, the reference among them.
    parents : mapping of str to str
        :func:`preset_parents`.
    reference : str
        Id of the preset at the root (business as usual).

    Returns
    -------
    pandas.DataFrame
        :data:`STEP_COLUMNS`: ``parent`` (id), ``cost_kzt_per_tco2e`` (levelised cost of
        abatement of the step [KZT/t CO2e], NaN when it abates nothing), ``abated_tco2e``
        (discounted t CO2e the step abates; ≤ 0 when it emits more), ``delta_npv_kzt``
        (Δ NPV of costs [KZT]); steps in the presets' order, the reference left out.
    """
    from planner import economics as ec

    rows = []
    for sid, result in results.items():
        if sid == reference:
            continue
        parent = parents.get(sid) or reference
        if parent not in results or parent == sid:
            parent = reference
        table = ec.compare([result, results[parent]], parent).set_index("scenario")
        row = table.loc[sid]
        rows.append(
            {
                "scenario": sid,
                "parent": parent,
                "cost_kzt_per_tco2e": float(row["levelised_cost_of_abatement_kzt_per_tco2e"]),
                "abated_tco2e": float(row["discounted_abated_tco2e"]),
                "delta_npv_kzt": float(row["delta_npv_cost_kzt"]),
            }
        )
    return pd.DataFrame(rows, columns=list(STEP_COLUMNS))
