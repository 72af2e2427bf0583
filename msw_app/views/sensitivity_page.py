"""What the Sensitivity page draws of the tornado, as plain values (no Streamlit).

:func:`sensitivity_model` turns the tornado table of a scenario
(:func:`planner.uncertainty.sensitivity.tornado`) into, per region: the inputs worth
measuring first, in words, and the rows, labels and title of each KPI's tornado chart.
:func:`msw_app.compute.sensitivity_model` caches it keyed by the scenario's JSON and the
language, so a rerun of the page (a range edited below, a language switch back) does not
sort and label the table again.  Texts for Markdown are already escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from msw_app import i18n
from msw_app.safe_text import plain_md
from msw_app.views.names import region_names
from msw_app.views.uncertainty import input_label, measure_first, top_drivers
from planner.schema import Scenario
from planner.uncertainty.sensitivity import SENSITIVITY_KPIS

TORNADO_ROWS = 8
"""Inputs shown in a tornado chart (the widest swings)."""


@dataclass(frozen=True)
class Tornado:
    """One KPI's tornado chart of a region."""

    kpi: str
    rows: pd.DataFrame
    """The :data:`TORNADO_ROWS` tornado rows with the widest swing."""
    labels: tuple[str, ...]
    """A reader's name of each row's input (:func:`msw_app.views.uncertainty.input_label`)."""
    title: str


@dataclass(frozen=True)
class RegionSensitivity:
    """What the page shows of one region."""

    region: str
    name: str
    """The region's name in the language (plain text, for a subheader)."""
    measure_first: str
    """The sentence naming the inputs worth measuring first (Markdown, escaped)."""
    tornados: tuple[Tornado, ...]


def region_tornados(table: pd.DataFrame, scenario: Scenario, region: str, name: str, lang: str):
    """The tornado charts of ``region``, one per KPI of
    :data:`planner.uncertainty.sensitivity.SENSITIVITY_KPIS` that has rows."""
    found = []
    for kpi in SENSITIVITY_KPIS:
        rows = top_drivers(table, kpi, region, TORNADO_ROWS)
        if rows.empty:
            continue
        title = i18n.t("sens.chart_title", lang, region=name, kpi=i18n.t(f"sens.kpi.{kpi}", lang))
        labels = tuple(input_label(key, scenario, lang) for key in rows["input"])
        found.append(Tornado(kpi, rows.reset_index(drop=True), labels, title))
    return tuple(found)


def sensitivity_model(
    table: pd.DataFrame, scenario: Scenario, lang: str
) -> tuple[RegionSensitivity, ...]:
    """Per region of the tornado ``table`` (in its order): the measure-first sentence and the
    tornado charts, in ``lang``."""
    names = region_names(scenario)
    out = []
    for region in dict.fromkeys(table["region"]):
        name = i18n.name(names.get(region, {"en": region}), lang)
        first = measure_first(table, scenario, region, lang)
        sentence = i18n.t(
            "sens.measure_first", lang, region=plain_md(name), names=plain_md("; ".join(first))
        )
        out.append(
            RegionSensitivity(
                region, name, sentence, region_tornados(table, scenario, region, name, lang)
            )
        )
    return tuple(out)
