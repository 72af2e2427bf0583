"""Charts of the uncertainty analysis: fan bands and the tornado (Plotly figures)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from msw_app import i18n
from msw_app.charts import SCENARIO_COLORS, _fade, layout
from msw_app.compute import kept_figure
from msw_app.safe_text import plain_plotly

BANDS = (("p5", "p95", 0.18, "P5–P95"), ("p25", "p75", 0.35, "P25–P75"))
"""The bands: lower and upper quantile, opacity, legend text."""


@kept_figure
def fan_chart(
    frames: dict[str, pd.DataFrame], title: str, lang: str, target: dict[int, float] | None = None
) -> go.Figure:
    """Bands P5–P95 and P25–P75 and the median of a share over the years, one colour per
    scenario (``frames``: label → :func:`msw_app.views.uncertainty.fan_frame`); the national
    targets as markers."""
    fig = go.Figure()
    for k, (label, f) in enumerate(frames.items()):
        color = SCENARIO_COLORS[k % len(SCENARIO_COLORS)]
        name = plain_plotly(label)
        for low, high, alpha, band in (
            ("p5", "p95", 0.18, "P5–P95"),
            ("p25", "p75", 0.35, "P25–P75"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=list(f["year"]) + list(f["year"])[::-1],
                    y=list(f[high]) + list(f[low])[::-1],
                    fill="toself",
                    fillcolor=_fade(color, alpha),
                    line={"width": 0},
                    hoverinfo="skip",
                    name=f"{name} {band}",
                    legendgroup=name,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=f["year"],
                y=f["p50"],
                mode="lines",
                line={"color": color, "width": 2},
                name=f"{name} {i18n.t('unc.median', lang)}",
                legendgroup=name,
                hovertemplate="%{y:.1%}",
            )
        )
    for year, share in (target or {}).items():
        fig.add_trace(
            go.Scatter(
                x=[year],
                y=[share],
                mode="markers",
                marker={"symbol": "x", "size": 10, "color": "#333"},
                name=i18n.t("unc.target", lang, year=year),
                hovertemplate="%{y:.0%}",
            )
        )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return layout(fig, lang, title, height=360)


@kept_figure
def tornado_chart(rows: pd.DataFrame, labels: list[str], title: str, lang: str) -> go.Figure:
    """Horizontal bars from the KPI at each input's low to its high bound, around the default
    (``rows``: tornado rows, widest first; ``labels``: their readers' names)."""
    fig = go.Figure()
    base = float(rows["kpi_default"].iloc[0]) if len(rows) else 0.0
    names = [plain_plotly(x) for x in labels][::-1]
    for column, color, key in (
        ("kpi_at_low", "#3b7dd8", "unc.at_low"),
        ("kpi_at_high", "#e4572e", "unc.at_high"),
    ):
        fig.add_trace(
            go.Bar(
                y=names,
                x=(rows[column] - base).tolist()[::-1],
                base=base,
                orientation="h",
                marker_color=color,
                name=i18n.t(key, lang),
            )
        )
    fig.update_layout(barmode="overlay")
    fig.add_vline(x=base, line_width=1, line_color="#333")
    return layout(fig, lang, title, height=120 + 32 * max(len(rows), 1), wrap=80)
