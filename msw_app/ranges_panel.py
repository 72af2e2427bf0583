"""The ranges table of the Sensitivity page: each uncertain input's range, editable.

Rows and edits come from :mod:`msw_app.views.ranges`; an edit goes through
:func:`msw_app.state.apply_edits` like any other (a preset gets its working copy), and a range
the model refuses stays in the table as entered, with the model's message under it.  The
tornado and the bands follow by themselves: their cache key is the scenario's JSON.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from msw_app import i18n, state, widgets
from msw_app.views.ranges import distribution_labels, range_edits, range_rows
from planner.schema import Scenario


def _column_config(lang: str) -> dict:
    def label(name: str) -> str:
        return i18n.t(f"ranges.col.{name}", lang)

    return {
        "path": None,
        "name": st.column_config.TextColumn(label("name"), disabled=True),
        "default": st.column_config.NumberColumn(label("default"), disabled=True, format="%g"),
        "factor": st.column_config.CheckboxColumn(label("factor"), disabled=True),
        "low": st.column_config.NumberColumn(label("low"), format="%g"),
        "high": st.column_config.NumberColumn(label("high"), format="%g"),
        "distribution": st.column_config.SelectboxColumn(
            label("distribution"), options=list(distribution_labels(lang).values()), required=True
        ),
        "confidence": st.column_config.TextColumn(label("confidence"), disabled=True),
        "reasoning": st.column_config.TextColumn(label("reasoning"), disabled=True),
        "source": st.column_config.TextColumn(label("source"), disabled=True),
    }


def ranges_table(scenario: Scenario, lang: str) -> None:
    """The table of the scenario's ranges, the edits it makes and the problems of refused
    ones (translated, as plain text)."""
    st.subheader(i18n.t("ranges.title", lang))
    variant = state.current_variant()
    drafts = variant.edits if variant is not None else {}
    rows = range_rows(scenario, lang, drafts)
    if not rows:
        st.info(i18n.t("ranges.none", lang), icon=":material/info:")
        return
    st.caption(i18n.t("ranges.intro", lang))
    frame = pd.DataFrame(rows)
    changed = widgets.table_editor("ranges", frame, lang, _column_config(lang), dynamic=False)
    if changed is not None:
        edits = range_edits(rows, changed, lang)
        if edits:
            state.apply_edits(edits)
            st.rerun()
    for row in rows:
        widgets.show_problems(
            state.problems(row["path"]), lang, i18n.t("ranges.refused", lang, name=row["name"])
        )
