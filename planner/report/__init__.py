"""The report an akimat takes away: a PDF to print and an Excel workbook to reuse, of one
scenario or a comparison, in Russian, Kazakh or English (no Streamlit).

- :mod:`~planner.report.data` — the numbers (projections, economics, the comparison against
  a named reference), in no language;
- :mod:`~planner.report.content` — what the report says in a language: each region's verdict
  on the national target in words, the KPI tables, the assumptions, the methodology;
- :mod:`~planner.report.ranges` — the ranges over the uncertain inputs (quantiles and the
  chance of meeting the target, the ``uncertainty`` command's figures), in no language;
- :mod:`~planner.report.assumptions` — levers that differ, low-confidence figures (from
  :mod:`planner.sources`);
- :mod:`~planner.report.formats` — numbers as the report writes them (Babel);
- renderers: :mod:`~planner.report.charts` (matplotlib, vector), :mod:`~planner.report.pdf`
  (fpdf2), :mod:`~planner.report.xlsx` (the sheets, written by
  :mod:`~planner.report.sheets`); :mod:`~planner.report.cli` is ``python -m planner report``.
"""

from planner.report.content import ReportContent, report_content
from planner.report.data import (
    ReportData,
    ReportInputError,
    ScenarioInput,
    planner_version,
    report_data,
)

__all__ = [
    "ReportContent",
    "ReportData",
    "ReportInputError",
    "ScenarioInput",
    "planner_version",
    "report_content",
    "report_data",
]
