"""The seminar board and its export, without Streamlit: one row of KPIs per submission, the
order the facilitator chose, and the ZIP of scenario files plus one KPI CSV.

A row holds, for the target year (2030): each region's official processing share and real
recycling rate with the verdict on the national target (:mod:`planner.targets`, the one home
of that rule), then the levelised cost of diversion against the submission's own baseline
without levers [KZT/t], the horizon NPV cost [KZT] and the landfill methane emitted over the
horizon [t CH4].  The export renames each scenario ``room_<code>_<nn>`` so that its files,
the KPI CSV and ``python -m planner run`` on those files name the same scenarios.

The *ranges* (issue #13's ensembles): per region, the 90 % range (p5–p95) of the 2030
processing share and the chance of meeting the 2030 target, over :data:`RANGE_DRAWS` draws
with seed :data:`RANGE_SEED` of the submission alone — what ``python -m planner uncertainty
<file> --draws 100 --seed 1`` prints for the exported file.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from msw_app import i18n
from msw_app.views.scenarios import names_of_regions
from planner import edit
from planner.economics import EconomicsResult, evaluate
from planner.economics.compare import compare
from planner.export import frame_csv, kpis_frame
from planner.io import scenario_json
from planner.projection import Projection, project
from planner.schema import Names, Scenario
from planner.targets import region_verdicts

TARGET_YEAR = 2030
"""Year of the board's shares and verdicts [year]."""
MONEY_COLUMNS = ("levelised_cost_kzt_per_t", "npv_cost_kzt", "ch4_landfill_t")
"""The board's columns after the regions' ones."""
REGION_COLUMNS = ("processing_share", "recycling_rate", "target_met")
"""Per region: ``<column>:<region id>``."""
RANGE_COLUMNS = ("share_p5", "share_p95", "chance_met")
"""Per region, after :data:`REGION_COLUMNS`: ``<column>:<region id>`` (the 2030 processing
share's 5th and 95th percentiles [-], the probability of meeting the 2030 target [-])."""
RANGE_DRAWS = 100
"""Draws of a submission's ranges: a modest, fixed number (about a third of a second a
submission), so that the command line with the same draws and seed gives the same figures."""
RANGE_SEED = 1
"""Seed of a submission's ranges."""
RANGE_CSV_COLUMNS = ("p5", "p95", "target_met_probability")
"""Columns the ZIP's KPI CSV adds after the command line's (filled on the region rows of the
2030 processing share)."""
KPI_CSV = "kpis.csv"
SCENARIO_FOLDER = "scenarios"


@dataclass(frozen=True)
class Entry:
    """One submission as the board and the export see it."""

    submission_id: str
    display_name: str
    scenario: Scenario
    created_at: datetime
    pinned: bool = False
    hidden: bool = False
    content_hash: str = ""
    """The store's content hash of ``scenario`` (the key of its cached figures)."""


def region_columns(region: str) -> list[str]:
    """The row keys of one region: ``processing_share:<region>``, ..."""
    return [f"{c}:{region}" for c in REGION_COLUMNS]


def _nan_to_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def levelised_cost(economics: EconomicsResult | None, reference: EconomicsResult | None) -> float:
    """Levelised cost of diversion [KZT/t] of ``economics`` against ``reference`` (NaN when
    either is missing or nothing more is diverted)."""
    if economics is None or reference is None:
        return float("nan")
    table = compare([reference, economics], reference.scenario)
    return float(table.iloc[1]["levelised_cost_of_diversion_kzt_per_t"])


def submission_kpis(
    scenario: Scenario,
    projection: Projection,
    economics: EconomicsResult | None,
    reference: EconomicsResult | None,
) -> dict[str, Any]:
    """A scenario's board figures: each region's 2030 processing share, real recycling rate
    and verdict, then the money and methane KPIs (``None`` where it has no economics)."""
    row: dict[str, Any] = {}
    targets = scenario.resolved_baseline().parameters.target_processing_share
    for verdict in region_verdicts(projection, targets, TARGET_YEAR):
        share, recycling, met = region_columns(verdict.region)
        row[share] = verdict.processing_share
        row[recycling] = verdict.recycling_rate
        row[met] = verdict.met
    row["levelised_cost_kzt_per_t"] = _nan_to_none(levelised_cost(economics, reference))
    row["npv_cost_kzt"] = economics.npv_cost_kzt() if economics is not None else None
    row["ch4_landfill_t"] = (
        float(economics.kpi("ch4_landfill_t").sum()) if economics is not None else None
    )
    return row


def submission_ranges(
    scenario: Scenario, n_draws: int = RANGE_DRAWS, seed: int = RANGE_SEED
) -> dict[str, float]:
    """A scenario's ranges on the board: per region ``share_p5:<region>`` and
    ``share_p95:<region>`` (the 2030 processing share [-] over the draws) and
    ``chance_met:<region>`` (the probability [-] of meeting the 2030 target); empty for a
    scenario without economics (the ensembles need them, as the command line does).

    The ensemble of the scenario alone (its own inputs' draws), without the reference run,
    which changes neither the draws nor the share."""
    from planner.uncertainty import probability_target_met, quantiles, run_ensembles
    from planner.uncertainty.ensemble import QUANTILES

    if scenario.resolved_baseline().economics is None:
        return {}
    (ensemble,) = run_ensembles([scenario], n_draws, seed, with_reference=False)
    if TARGET_YEAR not in ensemble.years:
        return {}
    share = quantiles(ensemble, "processing_share")  # [quantile, year, region]
    names, year = list(QUANTILES), ensemble.years.index(TARGET_YEAR)
    ranges: dict[str, float] = {}
    for j, region in enumerate(ensemble.regions):
        low, high, chance = (f"{c}:{region}" for c in RANGE_COLUMNS)
        ranges[low] = float(share[names.index("p5"), year, j])
        ranges[high] = float(share[names.index("p95"), year, j])
        if TARGET_YEAR in ensemble.targets:
            ranges[chance] = probability_target_met(ensemble, TARGET_YEAR, region)
    return ranges


def board_row(
    entry: Entry, kpis: dict[str, Any], lang: str, ranges: dict[str, float] | None = None
) -> dict[str, Any]:
    """One submission's row: its ids, who sent it, its name in ``lang``, then ``kpis``
    (:func:`submission_kpis`), each region's ranges (:func:`submission_ranges`; ``None``
    while they are not computed yet) right after its verdict."""
    row: dict[str, Any] = {
        "submission_id": entry.submission_id,
        "participant": entry.display_name,
        "name": i18n.name(entry.scenario.name, lang),
        "pinned": entry.pinned,
        "hidden": entry.hidden,
        "created_at": entry.created_at,
    }
    for key, value in kpis.items():
        row[key] = value
        kind, _, region = key.partition(":")
        if kind == REGION_COLUMNS[-1]:
            for column in RANGE_COLUMNS:
                name = f"{column}:{region}"
                row[name] = None if ranges is None else ranges.get(name)
    return row


def region_names_of(entries: Sequence[Entry], lang: str) -> dict[str, str]:
    """Region id → name in ``lang`` over every submission's baseline (first one wins)."""
    names: dict[str, str] = {}
    for entry in entries:
        for region, label in names_of_regions(entry.scenario.resolved_baseline()).items():
            names.setdefault(region, i18n.name(label, lang))
    return names


def sort_columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Keys the board can be sorted by: the participant, the name, every KPI column."""
    keys: list[str] = ["participant", "name", "created_at"]
    for row in rows:
        keys += [k for k in row if ":" in k and k not in keys]
    return keys + [k for k in MONEY_COLUMNS if k not in keys]


def sorted_rows(
    rows: Sequence[dict[str, Any]], key: str, descending: bool = False
) -> list[dict[str, Any]]:
    """Rows ordered by ``key`` (pinned ones are not moved); rows without a value go last."""
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    ordered = sorted(present, key=lambda r: _sort_key(r[key]), reverse=descending)
    return ordered + missing


def _sort_key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def export_id(code: str, n: int) -> str:
    """Scenario id of the ``n``-th (1-based) exported submission of room ``code``."""
    return f"room_{code.lower()}_{n:02d}"


def exported_scenarios(code: str, entries: Sequence[Entry]) -> list[Scenario]:
    """The submissions' scenarios renamed :func:`export_id`, names prefixed with the
    participant's display name (plain text)."""
    renamed = []
    for n, entry in enumerate(entries, start=1):
        names = {
            lang: f"{entry.display_name}: {i18n.name(entry.scenario.name, lang)}"[:200]
            for lang in i18n.LANGS
        }
        renamed.append(edit.rename(entry.scenario, export_id(code, n), Names(**names)))
    return renamed


def with_ranges(
    table: pd.DataFrame, scenarios: Sequence[Scenario], ranges: Sequence[dict[str, float]]
) -> pd.DataFrame:
    """The KPI table with :data:`RANGE_CSV_COLUMNS` after its own: on each scenario's region
    rows of the 2030 processing share, the ranges of :func:`submission_ranges` (empty
    elsewhere, and where a scenario has none)."""
    out = table.copy()
    for column in RANGE_CSV_COLUMNS:
        out[column] = float("nan")
    rows = (out["kpi"] == "processing_share") & (out["year"] == TARGET_YEAR)
    rows &= out["district"].fillna("") == ""
    for scenario, found in zip(scenarios, ranges, strict=True):
        for key, value in found.items():
            column, region = key.split(":", 1)
            at = rows & (out["scenario"] == scenario.id) & (out["region"] == region)
            out.loc[at, RANGE_CSV_COLUMNS[RANGE_COLUMNS.index(column)]] = value
    return out


def export_zip(
    code: str, entries: Sequence[Entry], ranges: Sequence[dict[str, float]] | None = None
) -> bytes:
    """The room as a ZIP: ``scenarios/<id>.json`` per submission, ``kpis.csv`` (what
    ``python -m planner run scenarios/*.json --out flows.csv --kpis kpis.csv`` writes: the
    same projections, and the economics when every scenario has them, as the CLI does; then
    the range columns :data:`RANGE_CSV_COLUMNS`, which ``python -m planner uncertainty
    <file> --draws 100 --seed 1`` gives for each file), ``submissions.csv`` (who sent what,
    when) and ``README.txt``.  ``ranges``: each entry's :func:`submission_ranges` when the
    caller has them (computed here otherwise)."""
    scenarios = exported_scenarios(code, entries)
    projections = [project(s) for s in scenarios]
    economics: list[EconomicsResult] = []
    if all(s.resolved_baseline().economics is not None for s in scenarios):
        economics = [evaluate(s, r) for s, r in zip(scenarios, projections, strict=True)]
    if ranges is None:
        ranges = [submission_ranges(e.scenario) for e in entries]
    table = with_ranges(kpis_frame(projections, economics), scenarios, ranges)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for scenario in scenarios:
            archive.writestr(f"{SCENARIO_FOLDER}/{scenario.id}.json", scenario_json(scenario))
        archive.writestr(KPI_CSV, frame_csv(table))
        archive.writestr("submissions.csv", frame_csv(submissions_frame(scenarios, entries)))
        archive.writestr("README.txt", readme_text(code))
    return buffer.getvalue()


def submissions_frame(scenarios: Sequence[Scenario], entries: Sequence[Entry]) -> pd.DataFrame:
    """Who sent which exported scenario, when, and whether it was pinned or hidden."""
    return pd.DataFrame(
        {
            "scenario": [s.id for s in scenarios],
            "participant": [e.display_name for e in entries],
            "submitted_at": [e.created_at.isoformat() for e in entries],
            "pinned": [e.pinned for e in entries],
            "hidden": [e.hidden for e in entries],
        }
    )


def readme_text(code: str) -> str:
    """How to re-run the export with the command line (English, for analysts)."""
    return (
        f"Seminar room {code}: every submission as a scenario file (scenarios/*.json) and\n"
        "their KPIs (kpis.csv). Reproduce the KPI table with the planner's command line:\n\n"
        "    python -m planner run scenarios/*.json --out flows.csv --kpis kpis.csv\n\n"
        f"Its last columns ({', '.join(RANGE_CSV_COLUMNS)}) are the 90 % range of each\n"
        "region's 2030 processing share and the chance of meeting the 2030 target, over\n"
        f"{RANGE_DRAWS} draws with seed {RANGE_SEED}; for one scenario file:\n\n"
        f"    python -m planner uncertainty scenarios/<file>.json --draws {RANGE_DRAWS} "
        f"--seed {RANGE_SEED} --out quantiles.csv\n\n"
        "submissions.csv says who sent each scenario and when (names are as typed).\n"
    )
