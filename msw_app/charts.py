"""Plotly figures for the pages: they draw frames from :mod:`msw_app.views`, translated.

Figures are built with ``plotly.graph_objects`` (faster than plotly express).  Every chart is
shown through :func:`show`, which keeps the mode bar visible with a PNG download button.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from msw_app import i18n, state
from msw_app.compute import kept_figure
from msw_app.safe_text import plain_plotly
from msw_app.sidebar import current_lang
from msw_app.views.overview import SANKEY_NODES, sankey_node_tonnes
from planner.projection import FATES
from planner.report import planner_version

FATE_COLORS = {
    "recycled": "#2e8b57",
    "composted": "#9acd32",
    "landfilled": "#8b5a2b",
    "uncollected": "#c0392b",
}
NODE_COLORS = {
    "generated": "#5b6770",
    "collected": "#3b7dd8",
    "uncollected": "#c0392b",
    "sorting": "#f0a202",
    "composting": "#6ab04c",
    "recycled": "#2e8b57",
    "composted": "#9acd32",
    "landfill": "#8b5a2b",
}
KIND_STYLE = {
    "landfill": ("square", "#8b5a2b"),
    "sorting": ("diamond", "#f0a202"),
    "composting": ("triangle-up", "#6ab04c"),
    "district": ("circle-open", "#3b7dd8"),
}
"""Marker per kind; districts last, as rings drawn over the facilities at their centres."""
SCENARIO_COLORS = ["#3b7dd8", "#e4572e", "#2e8b57", "#8e44ad"]


TITLE_WRAP = 46
"""Characters per title line for a chart in half of the page (wider charts pass more)."""


def wrap_title(title: str, width: int = TITLE_WRAP) -> list[str]:
    """Split a chart title into lines of at most ``width`` characters (at spaces), so that a
    long title (Kazakh titles run long) never runs under the mode bar."""
    return textwrap.wrap(title, width=width, break_long_words=False) or [""]


def layout(
    fig: go.Figure,
    lang: str,
    title: str,
    height: int = 380,
    *,
    x_title: str | None = None,
    y_title: str | None = None,
    wrap: int = TITLE_WRAP,
    bottom: int = 10,
) -> go.Figure:
    """The shared layout of every chart.

    * the title is wrapped onto as many lines as it needs and the top margin grows with it;
    * the mode bar stands vertically in the right margin, clear of the title;
    * the legend is anchored to the bottom of the figure (container coordinates), so Plotly
      makes room for it under the axis title instead of drawing over it;
    * numbers use the language's separators.
    """
    lines = wrap_title(title, wrap)
    fig.update_layout(
        title={
            "text": "<br>".join(lines),
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12},
            "font": {"size": 15},
        },
        separators=i18n.plotly_separators(lang),
        height=height + 20 * (len(lines) - 1),
        margin={"l": 10, "r": 44, "t": 36 + 20 * len(lines), "b": bottom},
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
        },
        hoverlabel={"namelength": -1},
        modebar={"orientation": "v"},
    )
    if x_title is not None:
        fig.update_xaxes(title=x_title)
    if y_title is not None:
        fig.update_yaxes(title=y_title)
    localise_ticks(fig, lang)
    return fig


COMPACT_FROM = 10_000
"""Tick labels from this size on are compact words of the language: «10 тыс.», «10 мың»,
"10K" (CLDR via Babel), never Plotly's own "10k" in every language."""


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10^k) for about ``ticks`` intervals over ``span``."""
    if not span > 0:
        return 1.0
    raw = span / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)


def tick_label(value: float, step: float, lang: str) -> str:
    """A tick's text in ``lang``: compact words from :data:`COMPACT_FROM`, else the number
    with as many decimals as the step needs."""
    if abs(value) >= COMPACT_FROM:
        return i18n.compact(value, lang)
    digits = 0 if step >= 1 else min(3, max(0, -math.floor(math.log10(step))))
    return i18n.number(value, lang, digits)


def _trace_values(trace) -> tuple[str, np.ndarray, np.ndarray] | None:
    """``(axis, categories, values)`` of a bar or scatter trace along its value axis."""
    if trace.type not in ("bar", "scatter"):
        return None
    horizontal = getattr(trace, "orientation", None) == "h"
    values, cats = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
    if values is None:
        return None
    try:
        v = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return None
    c = np.asarray(cats if cats is not None else np.arange(len(v)), dtype=object)
    return ("x" if horizontal else "y"), c, v


def value_extent(fig: go.Figure) -> dict[str, tuple[float, float]]:
    """Lowest and highest value each value axis (``x``/``y``) shows, stacks summed: areas
    of one ``stackgroup``, and bars when ``barmode`` stacks them (positives and negatives
    apart, as Plotly's ``relative`` mode draws them); 0 always included."""
    stacked_bars = fig.layout.barmode in ("stack", "relative")
    extent: dict[str, list[float]] = {}
    stacks: dict[tuple[str, str], dict[object, list[float]]] = {}
    for trace in fig.data:
        got = _trace_values(trace)
        if got is None or (trace.xaxis or "x") != "x" or (trace.yaxis or "y") != "y":
            continue
        axis, cats, values = got
        group = getattr(trace, "stackgroup", None) or (
            "bars" if trace.type == "bar" and stacked_bars else None
        )
        if group is None:
            finite = values[np.isfinite(values)]
            if finite.size:
                extent.setdefault(axis, []).extend([float(finite.min()), float(finite.max())])
            continue
        sums = stacks.setdefault((axis, str(group)), {})
        for c, v in zip(cats, values, strict=False):
            if np.isfinite(v):
                pos_neg = sums.setdefault(c, [0.0, 0.0])
                pos_neg[0 if v >= 0 else 1] += float(v)
    for (axis, _group), sums in stacks.items():
        for pos, neg in sums.values():
            extent.setdefault(axis, []).extend([pos, neg])
    return {a: (min(0.0, *v), max(0.0, *v)) for a, v in extent.items() if v}


def localise_ticks(fig: go.Figure, lang: str) -> None:
    """Tick labels of the value axes in ``lang`` (:func:`tick_label`), unless the axis
    already has its own format (shares in %, years) or labels."""
    for axis, (lo, hi) in value_extent(fig).items():
        layout_axis = fig.layout.xaxis if axis == "x" else fig.layout.yaxis
        if (
            layout_axis.tickformat
            or layout_axis.ticktext is not None
            or layout_axis.type
            in (
                "category",
                "log",
                "date",
            )
        ):
            continue
        step = nice_step(hi - lo)
        first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
        values = [k * step for k in range(first, last + 1)]
        update = fig.update_xaxes if axis == "x" else fig.update_yaxes
        update(
            tickmode="array", tickvals=values, ticktext=[tick_label(v, step, lang) for v in values]
        )


EXPORT_WIDTH_PX = 1200
"""Width of a downloaded chart PNG [px] (at scale 2): wide enough that every legend entry
stays whole, whatever the chart's width on the page."""
EXPORT_LEGEND_PX = 80
"""Height added to a downloaded PNG for the legend's rows [px]."""
SOURCE_LINE_PX = 18
"""Height of the source line under a chart's title [px]."""


def source_line(scenario: str, lang: str, today: dt.date | None = None) -> str:
    """The line under every chart's title, in the PNG download too: the scenario (the user's
    text, shown as plain text), the date and the source."""
    return source_line_plain(plain_plotly(scenario), lang, today)


def source_line_plain(scenario_plain: str, lang: str, today: dt.date | None = None) -> str:
    """:func:`source_line` for a scenario text already made plain (:func:`plain_plotly`)."""
    return i18n.t(
        "chart.source_line",
        lang,
        scenario=scenario_plain,
        date=(today or dt.date.today()).isoformat(),
        version=planner_version(),
    )


SOURCE_SPAN = "<span style='font-size:11px;color:#666'>"
"""How the source line starts in a chart's title (:func:`with_source_line`)."""


def with_source_line(fig: go.Figure, scenario_plain: str, lang: str) -> go.Figure:
    """``fig`` with :func:`source_line` as a small grey line under its title (the top margin
    and the height grow by one line).  A figure that has that line already is left as it is;
    one that has another source line (a figure kept between reruns whose scenario was
    renamed, or shown on another day) gets the new line in place of the old one."""
    line = source_line_plain(scenario_plain, lang)
    span = f"{SOURCE_SPAN}{line}</span>"
    title = fig.layout.title.text or ""
    if title.endswith(span):
        return fig
    if title.startswith(SOURCE_SPAN) or f"<br>{SOURCE_SPAN}" in title:
        base = title.split(SOURCE_SPAN, 1)[0].removesuffix("<br>")
        fig.update_layout(title={"text": f"{base}<br>{span}" if base else span})
        return fig
    margin = fig.layout.margin.t or 0
    fig.update_layout(
        title={"text": f"{title}<br>{span}" if title else span},
        margin={"t": margin + SOURCE_LINE_PX},
        height=(fig.layout.height or 450) + SOURCE_LINE_PX,
    )
    return fig


def scenario_of(fig: go.Figure) -> str:
    """The scenario a chart shows, as plain text: the names a figure carries in
    ``layout.meta`` (a chart of several scenarios, already plain), else the scenario in
    focus."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("scenario"):
        return str(meta["scenario"])
    return plain_plotly(state.label(state.current_id(), current_lang()))


def show(fig: go.Figure, key: str, filename: str) -> None:
    """Draw a figure with the mode bar always visible and a PNG download named ``filename``;
    the figure carries its title, the scenario, the date and the source
    (:func:`with_source_line`), and the PNG is :data:`EXPORT_WIDTH_PX` wide so its legend is
    whole."""
    lang = current_lang()
    if SOURCE_SPAN not in (fig.layout.title.text or ""):  # a shared figure has it already
        fig = with_source_line(fig, scenario_of(fig), lang)
    st.plotly_chart(
        fig,
        key=key,
        width="stretch",
        config={
            "displaylogo": False,
            "displayModeBar": True,
            "toImageButtonOptions": {
                "format": "png",
                "filename": filename,
                "scale": 2,
                "width": EXPORT_WIDTH_PX,
                "height": int(fig.layout.height) + EXPORT_LEGEND_PX,
            },
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        },
    )


def _tonnes_hover(lang: str) -> str:
    return "%{y:,.0f}" + i18n.NBSP + i18n.t("unit.t_per_yr", lang)


@kept_figure
def fates_area(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked area of fates over years (frame from
    :func:`msw_app.views.overview.fates_over_time`)."""
    fig = go.Figure()
    for fate in ("recycled", "composted", "landfilled", "uncollected"):
        part = frame[frame["fate"] == fate]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["tonnes"],
                name=i18n.t(f"fate.{fate}", lang),
                stackgroup="fates",
                mode="lines",
                line={"width": 0.5, "color": FATE_COLORS[fate]},
                hovertemplate=_tonnes_hover(lang),
            )
        )
    assert set(FATES) == set(FATE_COLORS)
    fig.update_xaxes(title=i18n.t("axis.year", lang), dtick=5)
    fig.update_yaxes(title=i18n.t("unit.t_per_yr", lang))
    fig.update_layout(hovermode="x unified")
    return layout(fig, lang, i18n.t("chart.fates", lang))


@kept_figure
def sankey(links: pd.DataFrame, year: int, lang: str) -> go.Figure:
    """Sankey of one year's flows (frame from :func:`msw_app.views.overview.sankey_links`)."""
    index = {n: i for i, n in enumerate(SANKEY_NODES)}
    unit = i18n.t("unit.t_per_yr", lang)
    tonnes = sankey_node_tonnes(links)
    # Every node names its tonnes, so the flows read without hovering (a projector).
    labels = [
        f"{i18n.t(f'node.{n}', lang)}: {i18n.number(tonnes[n], lang)}{i18n.NBSP}{unit}"
        if tonnes.get(n, 0.0) > 0
        else i18n.t(f"node.{n}", lang)
        for n in SANKEY_NODES
    ]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",.0f",
            valuesuffix=i18n.NBSP + unit,
            node={
                "label": labels,
                "color": [NODE_COLORS[n] for n in SANKEY_NODES],
                "pad": 18,
                "thickness": 16,
            },
            link={
                "source": [index[s] for s in links["source"]],
                "target": [index[s] for s in links["target"]],
                "value": links["tonnes"].tolist(),
                "color": [_fade(NODE_COLORS[t]) for t in links["target"]],
            },
        )
    )
    # Room under the lowest node: its label is centred on a thin node at the bottom edge.
    return layout(fig, lang, i18n.t("chart.sankey", lang, year=year), 400, bottom=30)


def _fade(hex_color: str, alpha: float = 0.35) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _map_hover(part: pd.DataFrame, kind: str, lang: str) -> list[str]:
    """Hover texts of one kind of map point: bold name, "new" / "not operating" marks and the
    point's value (generation [t/yr], remaining volume [t] or capacity [t/yr])."""
    name_col = f"name_{lang}"
    new = i18n.t("map.new", lang)
    closed = i18n.t("map.not_operating", lang)
    value_fmt = {
        "district": i18n.t("map.generated", lang),
        "landfill": i18n.t("map.remaining", lang),
    }.get(kind, i18n.t("map.capacity", lang))
    names = [plain_plotly(n) for n in part[name_col]]  # the user's names: no markup
    labels = [
        f"<b>{n}</b>" + (f" ({new})" if is_new else "") + ("" if op else f" — {closed}")
        for n, is_new, op in zip(names, part["new"], part["operating"], strict=True)
    ]
    values = [i18n.number(v, lang) for v in part["value"]]
    return [f"{lab}<br>{value_fmt}: {v}" for lab, v in zip(labels, values, strict=True)]


def _basemap_trace(part: pd.DataFrame, kind: str, legend: str, hover: list[str]) -> go.Scattermap:
    """One kind of map point on OpenStreetMap tiles."""
    _symbol, color = KIND_STYLE[kind]
    return go.Scattermap(
        lat=part["lat"],
        lon=part["lon"],
        mode="markers",
        name=legend,
        marker={"size": 12 if kind == "district" else 11, "color": color},
        hovertext=hover,
        hoverinfo="text",
    )


def _plain_trace(
    part: pd.DataFrame, kind: str, legend: str, hover: list[str], lang: str
) -> go.Scatter:
    """One kind of map point on a plain longitude/latitude chart (districts labelled, points
    of facilities not operating faded)."""
    symbol, color = KIND_STYLE[kind]
    name_col = f"name_{lang}"
    district = kind == "district"
    return go.Scatter(
        x=part["lon"],
        y=part["lat"],
        mode="markers+text" if district else "markers",
        name=legend,
        text=[plain_plotly(n) for n in part[name_col]] if district else None,
        textposition=label_positions(part["lat"], part["lon"], part[name_col])
        if district
        else "top center",
        textfont={"size": 10, "color": "#555"},
        marker={
            "symbol": symbol,
            "size": 18 if district else 10,
            "color": color,
            "opacity": [1.0 if op else 0.35 for op in part["operating"]],
            "line": {
                "width": 2 if district else 1,
                "color": color if district else "white",
            },
        },
        hovertext=hover,
        hoverinfo="text",
    )


def plain_map_axes(fig: go.Figure, lang: str) -> None:
    """Longitude/latitude axes of a map drawn without tiles, with degrees of latitude 1.5
    times as long as degrees of longitude (≈ 1 / cos(48°): degrees of longitude are shorter
    here)."""
    fig.update_xaxes(title=i18n.t("axis.lon", lang), showgrid=True, zeroline=False)
    fig.update_yaxes(
        title=i18n.t("axis.lat", lang),
        showgrid=True,
        zeroline=False,
        scaleanchor="x",
        scaleratio=1.5,
    )


@kept_figure
def facility_map(points: pd.DataFrame, lang: str, basemap: bool) -> go.Figure:
    """Districts and facilities (frame from :func:`msw_app.views.maps.map_points`).

    Without ``basemap`` the map is a plain longitude/latitude chart that needs no internet
    (seminar rooms are often offline); with it, OpenStreetMap tiles are drawn under the
    points.
    """
    fig = go.Figure()
    for kind in KIND_STYLE:
        part = points[points["kind"] == kind]
        if part.empty:
            continue
        hover = _map_hover(part, kind, lang)
        legend = i18n.t(f"map.kind.{kind}", lang)
        if basemap:
            fig.add_trace(_basemap_trace(part, kind, legend, hover))
        else:
            fig.add_trace(_plain_trace(part, kind, legend, hover, lang))
    title = i18n.t("chart.map", lang)
    if basemap:
        fig.update_layout(
            map={
                "style": "open-street-map",
                "center": {"lat": float(points["lat"].mean()), "lon": float(points["lon"].mean())},
                "zoom": 4.6,
            }
        )
    else:
        plain_map_axes(fig, lang)
        fig.update_layout(plot_bgcolor="#f4f6f3")
    return layout(fig, lang, title, 560, wrap=100)


LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")
LABEL_CHAR_DEG = 0.095
"""Width of one label character in degrees of longitude on the full-width map (≈ 5.5 px at
font size 10, ≈ 58 px per degree)."""
LABEL_HEIGHT_DEG = 0.2
"""Height of a label line in degrees of latitude (≈ 13 px and some air, ≈ 70 px per degree)."""
MARKER_DEG = (0.2, 0.14)
"""Half size of a district ring in degrees of longitude and latitude."""


def _label_box(lat: float, lon: float, chars: int, position: str) -> tuple[float, ...]:
    w, h = chars * LABEL_CHAR_DEG, LABEL_HEIGHT_DEG
    mx, my = MARKER_DEG
    if position == "top center":
        return lon - w / 2, lon + w / 2, lat + my, lat + my + h
    if position == "bottom center":
        return lon - w / 2, lon + w / 2, lat - my - h, lat - my
    if position == "middle right":
        return lon + mx, lon + mx + w, lat - h / 2, lat + h / 2
    return lon - mx - w, lon - mx, lat - h / 2, lat + h / 2


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dx = min(a[1], b[1]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[2], b[2])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def label_positions(lat: pd.Series, lon: pd.Series, texts) -> list[str]:
    """Text positions for point labels on the map so that they do not overlap.

    Greedy: each label in turn takes the first of :data:`LABEL_POSITIONS` whose box (sized
    from the text length) overlaps neither a label placed before nor another point's
    marker; if every position collides, the one with the least overlap.  A town and the
    district around it can share coordinates (Semey and Zhanasemey): one label goes above
    the marker, the other below.
    """
    points = list(zip(lat.astype(float), lon.astype(float), strict=True))
    markers = [(x - MARKER_DEG[0], x + MARKER_DEG[0], y - MARKER_DEG[1], y + MARKER_DEG[1])
               for y, x in points]  # fmt: skip
    placed: list[tuple[float, ...]] = []
    out = []
    for i, ((y, x), text) in enumerate(zip(points, texts, strict=True)):
        others = markers[:i] + markers[i + 1 :]
        best, best_cost = LABEL_POSITIONS[0], float("inf")
        for position in LABEL_POSITIONS:
            box = _label_box(y, x, len(str(text)), position)
            cost = sum(_overlap(box, b) for b in placed) + sum(_overlap(box, m) for m in others)
            if cost < best_cost:
                best, best_cost = position, cost
            if cost == 0:
                break
        placed.append(_label_box(y, x, len(str(text)), best))
        out.append(best)
    return out


@kept_figure
def scenario_lines(
    series: pd.DataFrame,
    labels: dict[str, str],
    targets: pd.DataFrame,
    kpi: str,
    lang: str,
) -> go.Figure:
    """One KPI over the years for several scenarios, with the national targets as markers."""
    fig = go.Figure()
    for i, (scenario_id, part) in enumerate(series.groupby("scenario", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["value"],
                name=plain_plotly(labels.get(str(scenario_id), str(scenario_id))),
                mode="lines",
                line={"width": 2.5, "color": SCENARIO_COLORS[i % len(SCENARIO_COLORS)]},
                hovertemplate="%{y:.1%}",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=targets["year"],
            y=targets["share"],
            name=i18n.t("compare.target_marker", lang),
            mode="markers+text",
            marker={"symbol": "star", "size": 16, "color": "#111"},
            text=[i18n.percent(v, lang, 0) for v in targets["share"]],
            textposition="top center",
            hovertemplate="%{y:.0%}",
        )
    )
    fig.update_xaxes(title=i18n.t("axis.year", lang), dtick=5)
    fig.update_yaxes(title=i18n.t(f"kpi.{kpi}", lang), tickformat=".0%", rangemode="tozero")
    fig.update_layout(hovermode="x unified")
    title = i18n.t("chart.compare", lang, kpi=i18n.t(f"kpi.{kpi}", lang))
    names = ", ".join(plain_plotly(n) for n in labels.values())
    fig.update_layout(meta={"scenario": names})  # for the source line, as plain text
    return layout(fig, lang, title, wrap=100)


@kept_figure
def abatement_steps(steps: pd.DataFrame, labels: dict[str, str], lang: str) -> go.Figure:
    """One bar per step between nested presets (frame from
    :func:`msw_app.views.abatement.abatement_steps`): height the levelised cost of the step
    [KZT/t CO2e], the discounted t CO2e it abates written on it; no cumulative tonnes axis
    (steps built on the same preset are alternatives)."""
    shown = steps[steps["abated_tco2e"] > 0]
    names = [
        plain_plotly(i18n.t("climate.step", lang, name=labels.get(s, s), parent=labels.get(p, p)))
        for s, p in zip(shown["scenario"], shown["parent"], strict=True)
    ]
    abated = [i18n.number(v / 1000.0, lang, 0) for v in shown["abated_tco2e"]]
    unit = i18n.t("climate.axis.cost", lang)
    kt = i18n.t("climate.kt_co2e", lang)
    fig = go.Figure(
        go.Bar(
            x=["<br>".join(wrap_title(n, 28)) for n in names],
            y=shown["cost_kzt_per_tco2e"],
            text=[f"{a}{i18n.NBSP}{kt}" for a in abated],
            textposition="outside",
            marker_color=[SCENARIO_COLORS[i % len(SCENARIO_COLORS)] for i in range(len(shown))],
            hovertemplate="%{y:,.0f} " + unit + "<extra></extra>",
        )
    )
    fig.add_hline(y=0, line_color="#111", line_width=1)
    fig.update_layout(showlegend=False)
    fig.update_yaxes(title=unit)
    return layout(fig, lang, i18n.t("climate.steps_title", lang), 440, wrap=100, bottom=10)
