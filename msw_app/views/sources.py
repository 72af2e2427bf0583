"""Methodology: every documented default with its source and confidence (no Streamlit).

The tables moved to :mod:`planner.sources` so that the report (:mod:`planner.report`) shows
the same rows; the names stay importable from here.
"""

from planner.sources import (
    ECONOMICS_SOURCE_GROUPS,
    confidence_counts,
    economics_sources_table,
    sources_table,
)

__all__ = [
    "ECONOMICS_SOURCE_GROUPS",
    "confidence_counts",
    "economics_sources_table",
    "sources_table",
]
