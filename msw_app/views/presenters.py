"""Compatibility: every presenter name importable from one module, as before the split.

The presenters live in modules by page and concern — :mod:`~msw_app.views.scenarios` (the
no-lever baseline, shared helpers), :mod:`~msw_app.views.kpis`, :mod:`~msw_app.views.overview`,
:mod:`~msw_app.views.maps`, :mod:`~msw_app.views.compare`, :mod:`~msw_app.views.sources`
(methodology: defaults with their sources), :mod:`~msw_app.views.names` and
:mod:`~msw_app.views.methane`; the app imports from those.  This module only re-exports them
for code written against ``msw_app.views.presenters`` (no Streamlit here either).
"""

from __future__ import annotations

from msw_app.views.compare import (
    COMPARE_ECONOMICS_HORIZON,
    COMPARE_ECONOMICS_VS_REFERENCE,
    COMPARE_ECONOMICS_YEAR,
    ECONOMICS_KIND,
    compare_differences,
    compare_economics_differences,
    compare_economics_table,
    compare_table,
    economics_figures,
)
from msw_app.views.kpis import (
    CARD_KPIS,
    COMPARE_KPIS,
    HIGHER_IS_BETTER,
    KPI_KIND,
    kpi_cards,
    kpi_series,
    target_progress,
    targets_frame,
)
from msw_app.views.maps import (
    map_points,
)
from msw_app.views.methane import (
    METHANE_CATEGORIES,
    methane_by_category,
    methane_by_site,
)
from msw_app.views.names import (
    UNCOLLECTED_DUMPS_NAMES,
    facility_names,
)
from msw_app.views.overview import (
    SANKEY_NODES,
    district_table,
    fates_over_time,
    sankey_links,
)
from msw_app.views.scenarios import (
    BASELINE_ID,
    BASELINE_NAMES,
    baseline_scenario,
    district_mask,
    flow_totals,
    names_of_districts,
    names_of_regions,
    year_index,
)
from msw_app.views.sources import (
    ECONOMICS_SOURCE_GROUPS,
    confidence_counts,
    economics_sources_table,
    sources_table,
)

__all__ = [
    "BASELINE_ID",
    "BASELINE_NAMES",
    "CARD_KPIS",
    "COMPARE_ECONOMICS_HORIZON",
    "COMPARE_ECONOMICS_VS_REFERENCE",
    "COMPARE_ECONOMICS_YEAR",
    "COMPARE_KPIS",
    "ECONOMICS_KIND",
    "ECONOMICS_SOURCE_GROUPS",
    "HIGHER_IS_BETTER",
    "KPI_KIND",
    "METHANE_CATEGORIES",
    "SANKEY_NODES",
    "UNCOLLECTED_DUMPS_NAMES",
    "baseline_scenario",
    "compare_differences",
    "compare_economics_differences",
    "compare_economics_table",
    "compare_table",
    "confidence_counts",
    "district_mask",
    "district_table",
    "economics_figures",
    "economics_sources_table",
    "facility_names",
    "fates_over_time",
    "flow_totals",
    "kpi_cards",
    "kpi_series",
    "map_points",
    "methane_by_category",
    "methane_by_site",
    "names_of_districts",
    "names_of_regions",
    "sankey_links",
    "sources_table",
    "target_progress",
    "targets_frame",
    "year_index",
]
