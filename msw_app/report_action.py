"""The "Report" action of the Compare and Overview pages: one button that prepares the PDF and
the XLSX workbook of the scenarios shown (:mod:`planner.report`), with a progress bar, then
two download buttons.  The ranges over the uncertain inputs have the command line's default
draws and seed (:data:`planner.report.ranges.REPORT_DRAWS`, fewer than the bands').  The bytes
are cached in :mod:`msw_app.compute` by the scenarios' JSON, the reference, the language and
the day."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from msw_app import compute, i18n
from msw_app.safe_text import plain_md
from planner.report import ReportInputError
from planner.report.ranges import REPORT_DRAWS
from planner.schema import Scenario

KEY_READY = "msw_report_ready"
"""Session-state key prefix: the report key (:func:`msw_app.compute.report_key`) of the
report this page prepared, so its download buttons stay after a rerun."""


def file_stem(scenarios: Sequence[Scenario]) -> str:
    """The downloads' file name without suffix: ``report_<id>_<id>…`` (ids are identifiers,
    so the name is safe; long lists are cut)."""
    return ("report_" + "_".join(s.id for s in scenarios))[:80]


def _problem_text(exc: ReportInputError, lang: str) -> str:
    if exc.code == "needs_economics":
        return i18n.t("report.needs_economics", lang, ids=plain_md(str(exc.values["ids"])))
    return i18n.t("report.failed", lang, detail=plain_md(exc.code))


def _prepare(scenarios: Sequence[Scenario], reference: str, lang: str) -> bool:
    """Build the report's parts in order with a progress bar; ``False`` (and a message)
    when the scenarios cannot have a report."""
    bar = st.progress(0.0, text=i18n.t("report.progress.numbers", lang))
    try:
        compute.report_numbers(scenarios)
        bar.progress(0.2, text=i18n.t("report.progress.ranges", lang, draws=REPORT_DRAWS))
        compute.report_ensembles(scenarios)
        bar.progress(0.5, text=i18n.t("report.progress.pdf", lang))
        compute.report_pdf(scenarios, reference, lang)
        bar.progress(0.8, text=i18n.t("report.progress.xlsx", lang))
        compute.report_xlsx(scenarios, reference, lang)
    except ReportInputError as exc:
        bar.empty()
        st.warning(_problem_text(exc, lang), icon=":material/warning:")
        return False
    bar.progress(1.0, text=i18n.t("report.progress.done", lang))
    return True


def report_action(scenarios: Sequence[Scenario], reference: str, lang: str, key: str) -> None:
    """The report button of a page (``key`` tells the pages apart): the report of
    ``scenarios`` with levelised costs against the scenario id ``reference``."""
    scenarios = list(scenarios)
    ready_key = f"{KEY_READY}:{key}"
    wanted = compute.report_key(scenarios, reference, lang)
    if st.session_state.get(ready_key) != wanted:
        clicked = st.button(
            i18n.t("report.button", lang),
            key=f"w_report_{key}",
            icon=":material/picture_as_pdf:",
            help=i18n.t("report.button_help", lang),
        )
        if not clicked or not _prepare(scenarios, reference, lang):
            return
        st.session_state[ready_key] = wanted
    stem = file_stem(scenarios)
    left, right = st.columns(2)
    with left:
        st.download_button(
            i18n.t("report.download_pdf", lang),
            data=compute.report_pdf(scenarios, reference, lang),
            file_name=f"{stem}_{lang}.pdf",
            mime="application/pdf",
            key=f"w_report_pdf_{key}",
            icon=":material/download:",
        )
    with right:
        st.download_button(
            i18n.t("report.download_xlsx", lang),
            data=compute.report_xlsx(scenarios, reference, lang),
            file_name=f"{stem}_{lang}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"w_report_xlsx_{key}",
            icon=":material/download:",
        )
