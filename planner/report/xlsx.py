"""The report's workbook (written by :mod:`planner.report.sheets`): one sheet per table,
typed numeric cells, units in the headers, frozen header rows, every text cell neutralised
against formula injection (:func:`planner.export.neutralise_cell`, the CSVs' one rule).

The figures are those of the planner's CSVs (:mod:`planner.export`): the KPI sheet holds the
KPI CSV's region and total rows with one column per KPI, the flows sheet the flows CSV with
one column per material.  A first sheet names the report, the scenarios' SHA-256 and what
each sheet holds, in the report's language; headers are the CSVs' column names with their
units, so a script reads the workbook like the CSVs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from planner.economics import comparison_rows
from planner.export import kpis_frame, landfills_frame, neutralise_cell
from planner.kpis import kpi_spec
from planner.projection import FLOWS
from planner.report.assumptions import all_sources, lever_differences
from planner.report.content import ReportContent, text
from planner.report.ranges import RANGE_KPIS
from planner.report.sheets import Sheet, xlsx_bytes
from planner.schema import MATERIALS

SHEETS = (
    "kpis",
    "flows",
    "landfills",
    "economics",
    "comparison",
    "assumptions",
    "sources",
    "ranges",
)
"""Data sheets, in order (after the contents sheet); their names are these ids (``ranges``
only in a report with ranges)."""

LANDFILL_UNITS = {
    "year": "year",
    "deposited_t": "t/yr",
    "remaining_capacity_t": "t",
    "over_capacity_t": "t/yr",
    "years_left": "yr",
    "full_year": "year",
}


def header(name: str, unit: str = "") -> str:
    """A column header: the CSV's column name and, when it has one, its unit in brackets."""
    return f"{name} [{unit}]" if unit and unit != "-" else name


def cell_value(value: object) -> object:
    """A value as a typed cell: numbers as numbers (NaN and NA empty), texts neutralised."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return neutralise_cell(str(value))


def typed_sheet(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Sheet:
    """A sheet whose header and rows are typed cells (:func:`cell_value`); the header row is
    bold and frozen (:mod:`planner.report.sheets`)."""
    return Sheet(
        title,
        [str(cell_value(name) or "") for name in columns],
        ([cell_value(v) for v in row] for row in rows),
    )


def column_cells(column: pd.Series) -> list[object]:
    """A frame's column as typed cells (:func:`cell_value`), converted a column at a time:
    numbers of a numeric column straight from the array (NaN is left out by the writer)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
        return column.tolist()  # numpy's own types: bool, int, float (NaN left out)
    return [cell_value(v) for v in column.tolist()]


def frame_sheet(title: str, frame: pd.DataFrame) -> Sheet:
    """A sheet of a frame: its column names as the header, its rows as typed cells."""
    columns = [column_cells(frame.iloc[:, k]) for k in range(frame.shape[1])]
    heads = [str(cell_value(str(c)) or "") for c in frame.columns]
    return Sheet(title, heads, zip(*columns, strict=True) if columns else ())


def kpi_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The KPI CSV's region and total rows, one column per KPI in the CSV's order, one row
    per scenario, region (``""``: both regions) and year."""
    data = content.data
    long = kpis_frame(data.projections, data.economics)
    long = long[long["district"] == ""]
    names = list(dict.fromkeys(long["kpi"]))
    keys = ["scenario", "region", "year"]
    order = long[keys].drop_duplicates()
    wide = long.pivot(index=keys, columns="kpi", values="value")[names]
    wide = wide.reindex(pd.MultiIndex.from_frame(order)).reset_index()
    wide.columns = [*keys, *(header(n, kpi_spec(n).unit) for n in names)]
    return wide


def flows_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The flows CSV summed over each region's districts: one row per scenario, region, year
    and flow, one column per material [t/yr].  The districts' rows are in the flows CSV (a
    workbook of every district would hold some 200,000 cells for four scenarios); the sums
    are taken from the projection's arrays, which the CSV's rows list one by one."""
    materials = [m.value for m in MATERIALS]
    rows = []
    for p in content.data.projections:
        regions = np.asarray(p.inputs.region_of_district, dtype=object)
        for region in dict.fromkeys(p.inputs.region_of_district):
            mask = regions == region
            summed = {f: p.arrays[f][:, mask, :].sum(axis=1) for f in FLOWS}  # [year, m]
            for k, year in enumerate(p.years):
                rows += [[p.scenario, region, year, f, *summed[f][k].tolist()] for f in FLOWS]
    columns = ["scenario", "region", "year", "flow", *(header(m, "t/yr") for m in materials)]
    return pd.DataFrame(rows, columns=columns)


def landfill_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The landfill CSV with units in the headers."""
    table = landfills_frame(content.data.projections)
    table.columns = [header(c, LANDFILL_UNITS.get(c, "")) for c in table.columns]
    return table


def economics_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """Costs by item and payer of the economics CSV, one column per year [KZT/yr] (region
    ``""``: both regions); emissions are in the KPI sheet, the comparison in its own sheet."""
    table = pd.concat([e.table for e in content.data.economics], ignore_index=True)
    money = table[table["unit"] == "KZT"]
    keys = ["scenario", "region", "item", "payer"]
    years = list(dict.fromkeys(money["year"]))
    wide = money.pivot_table(index=keys, columns="year", values="value", sort=False)[years]
    order = money[keys].drop_duplicates()
    wide = wide.reindex(pd.MultiIndex.from_frame(order)).reset_index()
    wide.columns = [*keys, *(header(str(y), "KZT/yr") for y in years)]
    return wide


def comparison_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The comparison against the reference (the economics CSV's ``vs_baseline`` items
    without the prefix), one row per scenario, one column per item with its unit."""
    long = comparison_rows(content.data.comparison)
    long = long.assign(item=long["item"].str.removeprefix("vs_baseline:"))
    items = list(dict.fromkeys(long["item"]))
    units = dict(zip(long["item"], long["unit"], strict=True))
    wide = long.pivot(index="scenario", columns="item", values="value")[items]
    wide = wide.reindex(list(dict.fromkeys(long["scenario"]))).reset_index()
    wide.columns = ["scenario", *(header(i, units[i]) for i in items)]
    return wide


def assumptions_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The levers that differ: one column per scenario id, then source and confidence."""
    ids = content.data.ids
    diff = lever_differences(content.data.scenarios)
    values = pd.DataFrame(diff["values"].tolist(), columns=ids) if len(diff) else None
    out = diff[["lever"]].copy()
    for sid in ids:
        out[sid] = values[sid] if values is not None else []
    return out.assign(source=diff["source"], confidence=diff["confidence"])


def ranges_sheet_frame(content: ReportContent) -> pd.DataFrame | None:
    """The ranges over the uncertain inputs (``None`` without them): one row per scenario
    and region, one column per KPI and quantile with its unit (the uncertainty CSV's values),
    the chance of meeting the target of the year, the draws and the seed."""
    ranges = content.data.ranges
    if ranges is None:
        return None
    q = ranges.quantiles
    names = list(dict.fromkeys(q["quantile"]))
    rows = []
    for (scenario, region), chance in ranges.chances.items():
        part = q[(q["scenario"] == scenario) & (q["region"] == region)]
        keys = zip(part["kpi"], part["quantile"], strict=True)
        values = dict(zip(keys, part["value"], strict=True))
        row: dict[str, object] = {"scenario": scenario, "region": region, "year": ranges.year}
        for kpi, unit in RANGE_KPIS.items():
            for name in names:
                row[header(f"{kpi}:{name}", unit)] = float(values.get((kpi, name), math.nan))
        row["target_met:probability"] = chance
        row["draws"] = ranges.draws
        row["seed"] = ranges.seed
        rows.append(row)
    return pd.DataFrame(rows)


def _contents_rows(content: ReportContent) -> list[list[object]]:
    lang = content.lang
    rows: list[list[object]] = [[content.title, ""], *([line, ""] for line in content.meta_lines)]
    rows.append([text("files", lang), ""])
    rows += [[f"{name} — {origin}", digest] for name, origin, digest in content.files]
    rows.append(["", ""])
    rows += [[sheet, text(f"xlsx.sheet.{sheet}", lang)] for sheet in sheet_names(content)]
    return rows


def sheet_names(content: ReportContent) -> list[str]:
    """The data sheets of this report, in order (:data:`SHEETS`)."""
    return [s for s in SHEETS if s != "ranges" or content.data.ranges is not None]


def render_xlsx(content: ReportContent) -> bytes:
    """The workbook as XLSX bytes."""
    heads = [text("xlsx.contents", content.lang), ""]
    sheets = [typed_sheet("contents", heads, _contents_rows(content))]
    frames = {
        "kpis": kpi_sheet_frame(content),
        "flows": flows_sheet_frame(content),
        "landfills": landfill_sheet_frame(content),
        "economics": economics_sheet_frame(content),
        "comparison": comparison_sheet_frame(content),
        "assumptions": assumptions_sheet_frame(content),
        "sources": all_sources(content.data.scenarios),
        "ranges": ranges_sheet_frame(content),
    }
    for name in sheet_names(content):
        sheets.append(frame_sheet(name, frames[name]))
    return xlsx_bytes(sheets, content.title, content.meta_lines[0])
