"""Reusable pieces of the pages: KPI cards, problem messages, lever widgets.

Lever widgets own their widget key (which includes the state epoch, so they start afresh
when another scenario comes into focus), initialise it from the draft value of the
scenario, and write back through ``on_change``.  Problems of an edit appear right under its
widget, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from msw_app import compute, i18n, state
from msw_app.guard import guarded_callback
from msw_app.safe_text import plain_md
from msw_app.views.names import facility_names
from msw_app.views.overview_page import Card, card_rows
from msw_app.views.regions import notes_in_region
from planner.economics_schema import EconomicsOverrides
from planner.messages import Problem
from planner.projection import Projection
from planner.schema import Scenario

PROJECTOR_CSS = """<style>
/* Issue 12, a projector at 1,280 x 720: KPI labels and values wrap onto a second line
   instead of being cut with an ellipsis ("Офиц. доля перера..."). */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; max-height: none !important;
  -webkit-line-clamp: unset !important; overflow-wrap: anywhere;
}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricValue"] { font-size: 1.9rem; line-height: 1.2; }
/* A row of KPI cards (metric_cards): cards of equal width, as columns were; on a phone one
   card a line, as columns stack there. */
[class*="st-key-kpi_row_"] > div { flex: 1 1 0 !important; min-width: 0; }
@media (max-width: 640px) {
  [class*="st-key-kpi_row_"] { flex-direction: column !important; }
  [class*="st-key-kpi_row_"] > div { flex: 1 1 auto !important; width: 100% !important; }
}
/* Less empty space above the title, so the per-region verdict stays above the fold. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>"""
"""Static style of the app (no user text): whole KPI labels, a tighter top margin."""


KEY_EDITOR_VERSION = "msw_editor_version"
"""Session key of each table editor's version (:func:`table_editor`)."""


def projector_style() -> None:
    """Apply :data:`PROJECTOR_CSS` (a style-only ``st.html`` takes no room on the page)."""
    st.html(PROJECTOR_CSS)


def problem_text(problem: Problem, lang: str) -> str:
    """A problem in ``lang`` (the model translates its context words too), as plain text: for
    tables; Markdown places use :func:`problem_md` (a message quotes what the user wrote)."""
    return problem.text(lang)


def problem_md(problem: Problem, lang: str) -> str:
    """A problem in ``lang`` escaped for Markdown (shown literally)."""
    return plain_md(problem_text(problem, lang))


def show_problems(problems: Sequence[Problem], lang: str, where: str = "") -> None:
    """Show problems as one error box (nothing when there are none); ``where`` is a plain
    text too (escaped)."""
    if not problems:
        return
    lines = [problem_md(p, lang) for p in problems]
    head = f"**{plain_md(where)}** — " if where else ""
    st.error(head + "\n\n".join(lines), icon=":material/error:")


def table_editor(
    name: str,
    frame: pd.DataFrame,
    lang: str,
    column_config: dict[str, Any],
    dynamic: bool = True,
    num_rows: str | None = None,
) -> list[dict[str, Any]] | None:
    """A data editor; returns the edited rows when the user changed something, else None.

    The editor's key carries a version that moves on after each applied change, so the
    editor starts from the updated scenario instead of replaying its old edits.  ``num_rows``
    (``"delete"``: edit and delete, no blank new rows) overrides ``dynamic``.
    """
    versions = st.session_state.setdefault(KEY_EDITOR_VERSION, {})
    key = f"ed{state.epoch()}:{name}:{versions.get(name, 0)}"
    result = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        num_rows=num_rows or ("dynamic" if dynamic else "fixed"),
        column_config=column_config,
        width="stretch",
        placeholder="",  # an empty cell shows empty, not "None"
    )
    edits = st.session_state.get(key) or {}
    if not any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return None
    versions[name] = versions.get(name, 0) + 1
    records = result.astype(object).where(pd.notna(result), None).to_dict("records")
    return records


def metric_cards(rows: Sequence[Sequence[Card]], where: str) -> None:
    """KPI cards (:class:`msw_app.views.overview_page.Card`), row by row, each row one
    horizontal container of cards of equal width (one block a row, where ``st.columns`` sent
    one block a card more: the Overview drew 89 elements, each a message to every visitor).
    ``where`` names the group on its page: row ``r`` is the container ``kpi_row_{where}_{r}``
    (the key is its CSS class)."""
    for r, row in enumerate(rows):
        with st.container(horizontal=True, gap="small", key=f"kpi_row_{where}_{r}"):
            for card in row:
                st.metric(
                    card.label,
                    card.value,
                    delta=card.delta,
                    delta_color=card.delta_color,
                    delta_arrow=card.delta_arrow,
                    help=card.help,
                    border=True,
                    width="stretch",
                )


def kpi_card_grid(
    projection: Projection,
    reference: Projection,
    year: int,
    lang: str,
    rows: Sequence[Sequence[str]],
    region: str = "",
) -> None:
    """KPI cards of ``region`` (``""``: all regions), row by row, with deltas against the
    reference (the baseline without levers), as the Overview draws them."""
    metric_cards(card_rows(projection, reference, year, lang, rows, region), f"grid{region}")


def lever_key(path: str) -> str:
    """Widget key of the lever at ``path`` (changes with the state epoch)."""
    return f"lv{state.epoch()}:{path}"


@guarded_callback
def _write_share(path: str, key: str) -> None:
    state.apply_edit(path, round(float(st.session_state[key]), 10))


def lever_slider(
    path: str,
    label: str,
    value: float,
    lang: str,
    *,
    min_value: float = 0.0,
    max_value: float = 1.0,
    step: float = 0.01,
    help: str | None = None,
) -> None:
    """A slider for one lever share [-] whose marks read in the language ("52 %" in Russian,
    "52%" in English, as the cards: :func:`percent_slider`); it starts from the draft value,
    which is also its default, and writes back on change; problems of its edit appear under
    it."""
    key = lever_key(path)
    percent_slider(
        label,
        min_value,
        max_value,
        float(state.draft(path, value)),
        step,
        lang,
        key=key,
        help=help,
        on_change=_write_share,
        args=(path, key),
    )
    show_problems(state.problems(path), lang)


def percent_options(min_value: float, max_value: float, step: float) -> list[float]:
    """The values of a percent slider, ``min_value`` to ``max_value`` by ``step`` [-]."""
    n = int(round((max_value - min_value) / step))
    return [round(min_value + k * step, 10) for k in range(n + 1)]


def percent_slider(
    label: str,
    min_value: float,
    max_value: float,
    value: float,
    step: float,
    lang: str,
    *,
    key: str,
    help: str | None = None,
    container: Any = None,
    on_change: Callable[..., None] | None = None,
    args: tuple = (),
) -> float:
    """A slider of a share [-] whose marks read as the cards do (``52,3 %`` in Russian,
    ``52,3%`` in Kazakh): a select slider over :func:`percent_options` (Streamlit's own
    ``format`` writes ``52.3%`` in every language).  ``on_change(*args)`` runs when the user
    moves it (a lever writing back: :func:`lever_slider`).  Returns the value [-]."""
    options = percent_options(min_value, max_value, step)
    nearest = min(options, key=lambda v: abs(v - float(value)))
    # The default is the value, not pre-set through session state: a browser whose first run
    # was cut short mounts the slider with its default and sends it back as an edit.
    current = st.session_state.get(key)
    if key in st.session_state and current not in options:
        st.session_state[key] = nearest
    digits = 0 if step >= 0.01 - 1e-12 else 1
    marks = compute.percent_marks(tuple(options), lang, digits)
    place = container if container is not None else st
    chosen = place.select_slider(
        label,
        options=options,
        value=current if current in options else nearest,  # the default is the value
        format_func=marks.__getitem__,
        key=key,
        help=help,
        on_change=on_change,
        args=args,
    )
    return float(chosen)


def scenario_badge(scenario: Scenario, lang: str) -> None:
    """The scenario name and description as the page's subtitle."""
    description = i18n.name(scenario.description, lang) if scenario.description else ""
    st.caption(
        f"**{i18n.t('page.scenario', lang)}:** {plain_md(i18n.name(scenario.name, lang))}"
        + (f" — {plain_md(description)}" if description else "")
    )


def sanitary_no_capture_notes(
    scenario: Scenario, region: str, lang: str, overrides: EconomicsOverrides | None = None
) -> None:
    """One caption per sanitary landfill of ``region`` without gas capture (Overview and
    Climate): its CH4 over the horizon [t] against the same deposits on a dump, and that the
    gas-capture lever would lower it; with the climate parameters of the scenario's economics
    under ``overrides`` (the Climate page's GWP and capture), nothing without economics."""
    try:
        notes, start, end = compute.sanitary_notes(scenario, overrides)
    except ValueError:  # no [economics]: the pages say so where the money is
        return
    names = facility_names(scenario)
    for note in notes_in_region(notes, region):
        name = i18n.name(names.get(note.landfill, {"en": note.landfill}), lang)
        st.caption(
            i18n.t(
                "climate.sanitary_no_capture",
                lang,
                name=plain_md(name),
                start=start,
                end=end,
                emitted=i18n.number(note.ch4_emitted_t, lang),
                dump=i18n.number(note.ch4_as_dump_t, lang),
            )
        )
