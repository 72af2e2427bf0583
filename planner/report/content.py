"""What a report says, in one language: its title lines, one paragraph per region and
scenario (the verdict on the national target in words, real recycling, the landfill that fills
up first, cost and levelised cost against the reference, methane and net emissions, EPR
money), the KPI tables, the assumptions and the methodology.  The renderers
(:mod:`planner.report.pdf`, :mod:`planner.report.xlsx`) only lay it out.

Texts come from the model's catalog (``planner/locales/<lang>.report.toml``, keys
``report.*``), numbers from :mod:`planner.i18n` (Babel).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from planner import i18n
from planner.report.assumptions import lever_differences, low_confidence_defaults
from planner.report.data import RegionFigures, ReportData, planner_version
from planner.report.formats import kpi_value, mln_kzt, year_text
from planner.report.ranges import RANGE_KPIS, ReportRanges
from planner.schema import Scenario
from planner.targets import verdict_sentence

TABLE_KPIS: tuple[str, ...] = (
    "processing_share",
    "recycling_rate",
    "diversion_rate",
    "collection_coverage",
    "generated_t",
    "recycled_t",
    "landfilled_t",
    "banned_landfilled_t",
    "earliest_landfill_full_year",
    "landfill_years_left",
    "total_cost_kzt",
    "local_budget_kzt",
    "tariff_payers_kzt",
    "epr_incentives_kzt",
    "cost_per_resident_month_kzt",
    "ch4_landfill_t",
    "emissions_tco2e",
    "net_emissions_tco2e",
)
"""KPIs of the KPI CSV a report's tables show for the target year, in this order."""

HORIZON_KPIS: tuple[str, ...] = ("npv_cost_kzt",)
"""KPIs shown at the last projected year (``npv_cost_kzt`` there is the horizon's NPV)."""


def text(key: str, lang: str, **values: object) -> str:
    """A report text of the model's catalog (``report.<key>``) in ``lang``."""
    return i18n.model_catalog().text(f"report.{key}", lang, **values)


def scenario_name(scenario: Scenario, lang: str) -> str:
    """A scenario's name in ``lang`` (its id when the name is empty)."""
    return getattr(scenario.name, lang, "") or scenario.id


def region_name(scenario: Scenario, region: str, lang: str) -> str:
    """A region's name in ``lang`` (``report.both_regions`` for ``""``)."""
    if not region:
        return text("both_regions", lang)
    for r in scenario.resolved_baseline().regions:
        if r.id == region:
            return getattr(r.name, lang, "") or r.id
    return region


def landfill_name(scenario: Scenario, landfill: str, lang: str) -> str:
    """A landfill's name in ``lang``: the baseline's landfills and the scenario's new ones."""
    found = [lf for r in scenario.resolved_baseline().regions for lf in r.landfills]
    for lf in [*found, *scenario.levers.new_landfills]:
        if lf.id == landfill:
            return getattr(lf.name, lang, "") or lf.id
    return landfill


@dataclass(frozen=True)
class KpiRow:
    """One row of a KPI table: a KPI of the KPI CSV in one year, per scenario."""

    kpi: str
    year: int
    label: str
    values: tuple[float, ...]
    """The KPI CSV's values [KPI unit], one per scenario."""
    cells: tuple[str, ...]
    """The values as written (:func:`planner.report.formats.kpi_value`)."""


@dataclass(frozen=True)
class KpiTable:
    """The KPI table of one region: rows of :data:`TABLE_KPIS`, a column per scenario, then
    the levelised cost of diversion against the reference (not a KPI of the CSV)."""

    region: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[KpiRow, ...]
    levelised_label: str
    levelised_cells: tuple[str, ...]
    abatement_label: str = ""
    abatement_cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """The summary of one region under one scenario."""

    region: str
    scenario: str
    heading: str
    """The scenario's name."""
    verdict: str
    """The verdict sentence (:func:`planner.targets.verdict_sentence`)."""
    body: str
    """The sentences after the verdict."""

    @property
    def text(self) -> str:
        """The whole paragraph."""
        return f"{self.verdict}. {self.body}"


@dataclass(frozen=True)
class RangesTable:
    """The ranges of one region: a row per KPI of :data:`planner.report.ranges.RANGE_KPIS`
    and the chance of meeting the target, a column per scenario."""

    region: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """``(label, cells)``: a cell is ``p5–p95 (p50)`` or the chance as a percentage."""


@dataclass(frozen=True)
class RangesContent:
    """What the report says of the ranges in ``lang``."""

    heading: str
    notes: tuple[str, ...]
    """What the range is (p5–p95 over the draws, seed), the levelised cost's reference, and
    the ``uncertainty`` command that gives the same figures."""
    tables: tuple[RangesTable, ...]
    sentences: dict[str, str]
    """Region id → the summary's sentence on the chance of meeting the target."""


@dataclass(frozen=True)
class ReportContent:
    """What the report says in ``lang`` (the renderers lay it out)."""

    lang: str
    data: ReportData
    title: str
    meta_lines: tuple[str, ...]
    """Date and version, the reference."""
    files: tuple[tuple[str, str, str], ...]
    """``(scenario name, file name, SHA-256)`` per scenario."""
    summary: dict[str, tuple[Paragraph, ...]]
    """Region id → one paragraph per scenario."""
    overall: str
    """The option cheapest per tonne diverted (both regions), in words."""
    tables: tuple[KpiTable, ...]
    differences: pd.DataFrame
    """:func:`planner.report.assumptions.lever_differences`."""
    defaults: pd.DataFrame
    """:func:`planner.report.assumptions.low_confidence_defaults`."""
    methodology: tuple[str, ...]
    ranges: RangesContent | None = None
    """The ranges over the uncertain inputs; ``None`` for a report without them."""

    @property
    def names(self) -> list[str]:
        """Scenario names in ``lang``, in order."""
        return [scenario_name(s, self.lang) for s in self.data.scenarios]


def _levelised_sentence(f: RegionFigures, data: ReportData, reference: str, lang: str) -> str:
    if f.scenario == data.reference:
        return text("para.is_reference", lang)
    if i18n.is_missing(f.levelised_kzt_per_t):
        return text("para.levelised_none", lang, reference=reference)
    value = f.levelised_kzt_per_t
    key = "para.levelised_saving" if value < 0 else "para.levelised"
    return text(key, lang, reference=reference, value=i18n.number(abs(value), lang))


def _landfill_sentence(f: RegionFigures, scenario: Scenario, data: ReportData, lang: str) -> str:
    start, end = data.horizon
    if f.earliest_full is None:
        return text("para.landfill_none", lang, end=end)
    landfill, year = f.earliest_full
    return text(
        "para.landfill",
        lang,
        landfill=landfill_name(scenario, landfill, lang),
        year=year_text(year),
        years=year - start + 1,
    )


def paragraph(data: ReportData, scenario_id: str, region: str, lang: str) -> Paragraph:
    """The summary of ``region`` under one scenario, in words."""
    scenario = data.scenarios[data.ids.index(scenario_id)]
    f = data.figures(scenario_id, region)
    start, end = data.horizon
    reference = scenario_name(data.scenarios[data.ids.index(data.reference)], lang)
    sentences = [
        _landfill_sentence(f, scenario, data, lang),
        text(
            "para.cost",
            lang,
            start=start,
            end=end,
            npv=mln_kzt(f.npv_cost_kzt, lang),
            year=data.year,
            cost=mln_kzt(f.cost_in_year_kzt, lang),
        ),
        _levelised_sentence(f, data, reference, lang),
        text(
            "para.climate",
            lang,
            year=data.year,
            ch4=i18n.number(f.ch4_landfill_t, lang),
            emissions=i18n.number(f.emissions_tco2e, lang),
            net=i18n.number(f.net_emissions_tco2e, lang),
            horizon=i18n.number(f.net_emissions_horizon_tco2e, lang),
            start=start,
            end=end,
        ),
        text(
            "para.epr",
            lang,
            year=data.year,
            paid=mln_kzt(f.epr_paid_kzt, lang),
            due=mln_kzt(f.epr_due_kzt, lang),
            total=mln_kzt(f.epr_paid_horizon_kzt, lang),
            start=start,
            end=end,
        ),
    ]
    verdict = verdict_sentence(f.verdict, region_name(scenario, region, lang), lang)
    return Paragraph(
        region, scenario_id, scenario_name(scenario, lang), verdict, " ".join(sentences)
    )


def _kpi_at(data: ReportData, k: int, name: str, region: str, year: int) -> float:
    """One KPI of scenario ``k`` as the KPI CSV holds it (projection or economics)."""
    source = data.projections[k] if name in data.projections[k].kpi_values else data.economics[k]
    return float(source.kpi(name, region)[source.years.index(year)])


def kpi_table(data: ReportData, region: str, lang: str) -> KpiTable:
    """The KPI table of one region for the target year (and the horizon's NPV)."""
    end = data.horizon[1]
    rows = []
    for name, year in [*((n, data.year) for n in TABLE_KPIS), *((n, end) for n in HORIZON_KPIS)]:
        values = tuple(_kpi_at(data, k, name, region, year) for k in range(len(data.ids)))
        label = text(f"kpi.{name}", lang, year=year, start=data.horizon[0], end=end)
        cells = tuple(kpi_value(name, v, lang) for v in values)
        rows.append(KpiRow(name, year, label, values, cells))
    figures = [data.figures(sid, region) for sid in data.ids]
    levelised = [i18n.number(f.levelised_kzt_per_t, lang) for f in figures]
    abatement = [i18n.number(f.abatement_kzt_per_tco2e, lang) for f in figures]
    ref_name = scenario_name(data.scenarios[data.ids.index(data.reference)], lang)
    first = data.scenarios[0]
    return KpiTable(
        region=region,
        title=text("kpis", lang, region=region_name(first, region, lang), year=data.year),
        columns=tuple(scenario_name(s, lang) for s in data.scenarios),
        rows=tuple(rows),
        levelised_label=text("kpi.levelised", lang, reference=ref_name),
        levelised_cells=tuple(levelised),
        abatement_label=text("kpi.abatement", lang, reference=ref_name),
        abatement_cells=tuple(abatement),
    )


def range_value(kpi: str, value: float, lang: str) -> str:
    """One quantile of a ranges KPI as the report writes it (the KPI tables' rules; the
    levelised cost to the tenge)."""
    if kpi.startswith("levelised"):
        return i18n.number(value, lang, 0)
    return kpi_value(kpi, value, lang)


def range_cell(ranges: ReportRanges, scenario: str, region: str, kpi: str, lang: str) -> str:
    """``p5–p95 (p50)`` of a KPI in a region under a scenario; ``—`` when undefined."""
    low, mid, high = (ranges.value(scenario, region, kpi, q) for q in ("p5", "p50", "p95"))
    if i18n.is_missing(low) or i18n.is_missing(high):
        return "—"
    low_t, mid_t, high_t = (range_value(kpi, v, lang) for v in (low, mid, high))
    return f"{low_t}–{high_t} ({mid_t})"


def _command_name(item) -> str:
    """The name the ``uncertainty`` command takes for a scenario: its file, else its id."""
    return item.scenario.id if item.origin == "JSON" else item.origin


def _ranges_table(data: ReportData, region: str, lang: str) -> RangesTable:
    ranges = data.ranges
    labels = {
        kpi: text(f"kpi.{kpi}", lang)
        if kpi != "levelised_cost_of_diversion_kzt_per_t"
        else text("ranges.levelised", lang)
        for kpi in RANGE_KPIS
    }
    rows = [
        (labels[kpi], tuple(range_cell(ranges, sid, region, kpi, lang) for sid in data.ids))
        for kpi in RANGE_KPIS
    ]
    target = i18n.percent(ranges.target, lang, 0)
    chances = tuple(i18n.percent(ranges.chances[(sid, region)], lang, 0) for sid in data.ids)
    rows.append((text("ranges.chance", lang, target=target, year=ranges.year), chances))
    first = data.scenarios[0]
    return RangesTable(
        region=region,
        title=text("ranges.title", lang, region=region_name(first, region, lang), year=data.year),
        columns=tuple(scenario_name(s, lang) for s in data.scenarios),
        rows=tuple(rows),
    )


def _chance_sentence(data: ReportData, region: str, lang: str) -> str:
    ranges = data.ranges
    items = "; ".join(
        text(
            "ranges.item",
            lang,
            name=scenario_name(s, lang),
            percent=i18n.percent(ranges.chances[(s.id, region)], lang, 0),
            word=text(f"ranges.word.{ranges.chance_word(s.id, region)}", lang),
        )
        for s in data.scenarios
    )
    return text(
        "ranges.sentence",
        lang,
        draws=ranges.draws,
        target=i18n.percent(ranges.target, lang, 0),
        year=ranges.year,
        items=items,
    )


def ranges_content(data: ReportData, lang: str) -> RangesContent | None:
    """What the report says of the ranges in ``lang`` (``None`` without ranges)."""
    ranges = data.ranges
    if ranges is None:
        return None
    names = " ".join(_command_name(i) for i in data.inputs)
    notes = (
        text("ranges.note", lang, draws=ranges.draws, seed=ranges.seed),
        text("ranges.reproduce", lang, names=names, draws=ranges.draws, seed=ranges.seed),
    )
    return RangesContent(
        heading=text("ranges.heading", lang),
        notes=notes,
        tables=tuple(_ranges_table(data, r, lang) for r in data.regions),
        sentences={r: _chance_sentence(data, r, lang) for r in data.regions},
    )


def _overall(data: ReportData, lang: str) -> str:
    reference = scenario_name(data.scenarios[data.ids.index(data.reference)], lang)
    cheapest = data.cheapest()
    if cheapest is None:
        return text("cheapest_none", lang, reference=reference)
    name = scenario_name(data.scenarios[data.ids.index(cheapest)], lang)
    return text("cheapest", lang, reference=reference, name=name)


def report_content(data: ReportData, lang: str, today: dt.date | None = None) -> ReportContent:
    """Everything the report says about ``data`` in ``lang`` (``today`` is the date printed;
    the system's date by default)."""
    today = today or dt.date.today()
    scenarios = data.scenarios
    ref_name = scenario_name(scenarios[data.ids.index(data.reference)], lang)
    regions = ", ".join(region_name(scenarios[0], r, lang) for r in data.regions)
    key = "title_one" if len(scenarios) == 1 else "title_many"
    meta = (
        text("prepared", lang, date=today.isoformat(), version=planner_version()),
        text("regions", lang, regions=regions, start=data.horizon[0], end=data.horizon[1]),
        text("reference", lang, name=ref_name),
    )
    files = tuple((scenario_name(i.scenario, lang), i.origin, i.digest) for i in data.inputs)
    summary = {r: tuple(paragraph(data, sid, r, lang) for sid in data.ids) for r in data.regions}
    return ReportContent(
        lang=lang,
        data=data,
        title=text(key, lang),
        meta_lines=meta,
        files=files,
        summary=summary,
        overall=_overall(data, lang),
        tables=tuple(kpi_table(data, r, lang) for r in data.regions),
        differences=lever_differences(scenarios),
        defaults=low_confidence_defaults(scenarios),
        methodology=tuple(text(f"method.{k}", lang) for k in range(1, 5)),
        ranges=ranges_content(data, lang),
    )
