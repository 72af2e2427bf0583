"""Sensitivity page: the tornado of each region's KPIs and the inputs to measure first."""

from __future__ import annotations

from msw_app.uncertainty_panel import render_sensitivity

render_sensitivity()
