"""The report's charts, drawn with matplotlib as SVG (vector; no browser needed): official vs
real target curves, fates, costs by payer and net emissions, one panel per region.

matplotlib is used through its object API (``Figure`` and a canvas of its own), never
``pyplot``: no global figure state, so an app server can draw reports of several sessions.
Text stays text (``svg.fonttype = none``) in DejaVu Sans, matplotlib's own font, which has
every Kazakh letter: the PDF renderer embeds the same font under the same family name, so the
charts' labels are real text (searchable, a third of the size of glyph paths and about twice
as fast to embed).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from planner import i18n
from planner.report.content import ReportContent, region_name, text
from planner.report.formats import MLN

SCENARIO_COLORS = ("#3b7dd8", "#e4572e", "#2e8b57", "#8e44ad", "#f0a202", "#5b6770")
FATE_COLORS = {
    "recycled": "#2e8b57",
    "composted": "#9acd32",
    "landfilled": "#8b5a2b",
    "uncollected": "#c0392b",
}
PAYER_COLORS = {
    "local_budget": "#3b7dd8",
    "tariff_payers": "#f0a202",
    "investors": "#2e8b57",
    "epr_operator": "#8e44ad",
}
WIDTH_IN = 7.1
"""Chart width [in] (180 mm, the text width of the A4 page)."""
PANEL_HEIGHT_IN = 1.8
"""Height of the panels [in]; the legend below adds its own."""
LEGEND_LINE_IN = 0.14
"""Height of one line of the legend [in] (7 pt text and spacing)."""
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.5,
    "axes.axisbelow": True,
}


CHART_FORMATS = ("svg", "png")
"""``svg``: vector drawings (text as paths); ``png``: images at :data:`PNG_DPI`."""
PNG_DPI = 220
"""Resolution of PNG charts [dots per inch]: sharp in print at 180 mm width."""


@dataclass(frozen=True)
class Chart:
    """One chart of the report: its title and the drawing."""

    key: str
    title: str
    data: bytes
    """SVG or PNG bytes (``kind``)."""
    kind: str
    aspect: float
    """Height ÷ width of the drawing."""


def _drawing(fig: Figure, kind: str) -> tuple[bytes, float]:
    """The figure as SVG or PNG bytes and its height ÷ width.  The constrained layout keeps
    labels and the legend inside the figure, so it is drawn once (a tight bounding box would
    draw it twice)."""
    buffer = io.BytesIO()
    metadata = {"Date": None} if kind == "svg" else None
    fig.savefig(buffer, format=kind, dpi=PNG_DPI, metadata=metadata)
    data = buffer.getvalue()
    if kind == "svg":
        data = _without_metadata(data)
        width, height = _svg_size(data)
    else:
        width, height = _png_size(data)
    return data, height / width


def _without_metadata(data: bytes) -> bytes:
    """matplotlib's SVG without its ``<metadata>`` element (which fpdf2 does not read)."""
    start = data.find(b"<metadata")
    end = data.find(b"</metadata>")
    return data if start < 0 or end < 0 else data[:start] + data[end + len(b"</metadata>") :]


def _png_size(data: bytes) -> tuple[float, float]:
    """Width and height [px] of a PNG (its IHDR chunk)."""
    return float(int.from_bytes(data[16:20], "big")), float(int.from_bytes(data[20:24], "big"))


def _svg_size(data: bytes) -> tuple[float, float]:
    """Width and height [pt] of matplotlib's SVG (its root element's attributes)."""
    head = data[: data.index(b">", data.index(b"<svg")) + 1].decode("ascii", "replace")

    def attr(name: str) -> float:
        value = head.split(f'{name}="', 1)[1].split('"', 1)[0]
        return float(value.removesuffix("pt"))

    return attr("width"), attr("height")


def _chart(key: str, title: str, fig: Figure, kind: str) -> Chart:
    data, aspect = _drawing(fig, kind)
    return Chart(key, title, data, kind, aspect)


def _wrapped(label: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def _panels(content: ReportContent) -> tuple[Figure, list[Axes]]:
    regions = content.data.regions
    fig = Figure(figsize=(WIDTH_IN, PANEL_HEIGHT_IN), layout="constrained")
    axes = fig.subplots(1, len(regions), squeeze=False)[0].tolist()
    first = content.data.scenarios[0]
    for ax, region in zip(axes, regions, strict=True):
        ax.set_title(region_name(first, region, content.lang), fontsize=8.5, loc="left")
    return fig, axes


def _legend(fig: Figure, handles, labels, ncol: int = 2) -> None:
    """The legend under the panels, each label whole (wrapped); the figure grows by the
    legend's height [in]."""
    wrapped = [_wrapped(lab) for lab in labels]
    fig.legend(handles, wrapped, loc="outside lower center", ncol=ncol, frameon=False, fontsize=7)
    lines = [
        max(w.count("\n") + 1 for w in wrapped[i : i + ncol]) for i in range(0, len(wrapped), ncol)
    ]
    fig.set_size_inches(WIDTH_IN, PANEL_HEIGHT_IN + LEGEND_LINE_IN * (sum(lines) + 1))


def _percent_axis(ax: Axes, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: i18n.percent(v, lang, 0)))


def _number_axis(ax: Axes, lang: str, scale: float = 1.0) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: i18n.number(v / scale, lang)))


def targets_chart(content: ReportContent, kind: str = "svg") -> Chart:
    """Official processing share (solid) and real recycling (dashed) per scenario and region,
    with the national targets as stars."""
    data, lang = content.data, content.lang
    fig, axes = _panels(content)
    targets = data.scenarios[0].resolved_baseline().parameters.target_processing_share
    handles = []
    for ax, region in zip(axes, data.regions, strict=True):
        for k, projection in enumerate(data.projections):
            color = SCENARIO_COLORS[k % len(SCENARIO_COLORS)]
            years = projection.years
            (line,) = ax.plot(years, projection.kpi("processing_share", region), color=color)
            ax.plot(years, projection.kpi("recycling_rate", region), color=color, ls="--", lw=1)
            if ax is axes[0]:
                handles.append(line)
        star = ax.scatter(list(targets), list(targets.values()), marker="*", s=70, c="#111")
        ax.set_ylim(bottom=0)
        _percent_axis(ax, lang)
    _legend(fig, [*handles, star], [*content.names, text("chart.target", lang)])
    return _chart("targets", text("chart.targets", lang), fig, kind)


def _stacked_bars(
    ax: Axes, names: list[str], parts: dict[str, list[float]], colors: dict[str, str]
) -> dict:
    """Horizontal stacked bars, one per scenario; negative parts stack to the left."""
    handles = {}
    positive = [0.0] * len(names)
    negative = [0.0] * len(names)
    rows = list(range(len(names)))
    for key, values in parts.items():
        left = [n if v < 0 else p for v, p, n in zip(values, positive, negative, strict=True)]
        handles[key] = ax.barh(rows, values, left=left, color=colors[key], height=0.6)
        for i, v in enumerate(values):
            if v < 0:
                negative[i] += v
            else:
                positive[i] += v
    ax.set_yticks(rows, [_wrapped(n, 24) for n in names])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    return handles


def _bar_chart(
    content: ReportContent,
    key: str,
    parts_of: Callable[[int, str], dict[str, float]],
    colors: dict[str, str],
    scale: float,
    label_prefix: str,
    kind: str,
) -> Chart:
    data, lang = content.data, content.lang
    fig, axes = _panels(content)
    handles: dict = {}
    for ax, region in zip(axes, data.regions, strict=True):
        per_scenario = [parts_of(k, region) for k in range(len(data.ids))]
        parts = {name: [p[name] / scale for p in per_scenario] for name in colors}
        handles = _stacked_bars(ax, content.names, parts, colors)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: i18n.number(v, lang)))
        if ax is not axes[0]:
            ax.set_yticklabels([])
    labels = [text(f"{label_prefix}.{name}", lang) for name in handles]
    _legend(fig, list(handles.values()), labels, ncol=len(labels))
    return _chart(key, text(f"chart.{key}", lang, year=data.year), fig, kind)


def fates_chart(content: ReportContent, kind: str = "svg") -> Chart:
    """Where the waste goes in the target year [t/yr], per scenario and region."""
    data = content.data

    def parts(k: int, region: str) -> dict[str, float]:
        p = data.projections[k]
        at = p.years.index(data.year)

        def kpi(name: str) -> float:
            return float(p.kpi(name, region)[at])

        return {
            "recycled": kpi("recycled_t"),
            "composted": kpi("composted_t"),
            "landfilled": kpi("landfilled_t"),
            "uncollected": kpi("generated_t") - kpi("collected_t"),
        }

    return _bar_chart(content, "fates", parts, FATE_COLORS, 1.0, "fate", kind)


def payers_chart(content: ReportContent, kind: str = "svg") -> Chart:
    """Who pays in the target year [M KZT/yr], per scenario and region (investors receive
    revenue and incentives: their part may be negative)."""
    data = content.data

    def parts(k: int, region: str) -> dict[str, float]:
        e = data.economics[k]
        at = e.years.index(data.year)
        return {payer: float(e.kpi(f"{payer}_kzt", region)[at]) for payer in PAYER_COLORS}

    return _bar_chart(content, "payers", parts, PAYER_COLORS, MLN, "payer", kind)


def emissions_chart(content: ReportContent, kind: str = "svg") -> Chart:
    """Net emissions per year [tCO2e/yr], per scenario and region."""
    data, lang = content.data, content.lang
    fig, axes = _panels(content)
    handles = []
    for ax, region in zip(axes, data.regions, strict=True):
        for k, result in enumerate(data.economics):
            color = SCENARIO_COLORS[k % len(SCENARIO_COLORS)]
            (line,) = ax.plot(result.years, result.kpi("net_emissions_tco2e", region), color=color)
            if ax is axes[0]:
                handles.append(line)
        _number_axis(ax, lang)
    _legend(fig, handles, content.names)
    return _chart("emissions", text("chart.emissions", lang), fig, kind)


def report_charts(content: ReportContent, kind: str = "svg") -> list[Chart]:
    """The report's four charts, in order, as SVG (vector) or PNG (``kind``)."""
    if kind not in CHART_FORMATS:
        raise ValueError(f"chart format {kind!r} is not one of {CHART_FORMATS}")
    with matplotlib.rc_context(STYLE):
        return [
            targets_chart(content, kind),
            fates_chart(content, kind),
            payers_chart(content, kind),
            emissions_chart(content, kind),
        ]
