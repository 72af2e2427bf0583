"""msw_app.views.overview_page: what the Overview draws, against the KPI CSV, and the session's
memo of scenario JSON (msw_app.compute) that keys every cache."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import planner
from msw_app import compute, i18n
from msw_app.views.overview_page import CARD_ROWS, REGION_CARD_ROWS, overview_model
from msw_app.views.regions import short_region_label
from msw_app.views.scenarios import baseline_scenario
from planner.export import kpis_csv

SCENARIO = planner.load_presets()["announced"]
PROJECTION = planner.project(SCENARIO)
REFERENCE = planner.project(baseline_scenario(SCENARIO))
CSV = pd.read_csv(io.StringIO(kpis_csv([PROJECTION])), keep_default_na=False)


def csv_value(kpi: str, year: int, region: str = "", district: str = "") -> float:
    row = CSV[
        (CSV["kpi"] == kpi)
        & (CSV["year"] == year)
        & (CSV["region"] == region)
        & (CSV["district"] == district)
    ]
    assert len(row) == 1, (kpi, year, region, district)
    return float(row["value"].iloc[0])


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_both_regions_side_by_side_with_the_csv_figures(lang):
    model = overview_model(SCENARIO, PROJECTION, REFERENCE, 2030, "all", lang)
    assert [g.title for g in model.card_groups] == [
        short_region_label(r, SCENARIO, lang) for r in ("abai", "ulytau")
    ]
    for group, region in zip(model.card_groups, ("abai", "ulytau"), strict=True):
        assert [len(row) for row in group.rows] == [len(r) for r in REGION_CARD_ROWS]
        share = group.rows[0][0]
        assert share.label == i18n.t("card.processing_share", lang)
        # Abai 57.5 %, Ulytau 72.1 % in 2030 (the announced preset's official shares).
        assert share.value == i18n.percent(csv_value("processing_share", 2030, region), lang)
    assert len(model.verdicts) == 2
    assert [v.met for v in model.verdicts] == [True, True]


def test_one_region_in_rows_of_four_with_its_districts_only():
    model = overview_model(SCENARIO, PROJECTION, REFERENCE, 2030, "ulytau", "ru")
    (group,) = model.card_groups
    assert group.title == ""
    assert [len(row) for row in group.rows] == [len(r) for r in CARD_ROWS]
    table = model.districts
    assert len(table) == 5  # Ulytau's five districts
    share_column = i18n.t("kpi.processing_share", "ru")
    zhezkazgan = table[table[i18n.t("col.district", "ru")] == "г. Жезказган"]
    assert zhezkazgan[share_column].iloc[0] == i18n.percent(
        csv_value("processing_share", 2030, "ulytau", "zhezkazgan"), "ru"
    )
    assert zhezkazgan[share_column].iloc[0] == "95,0\u00a0%"


def test_a_year_moves_the_cards_and_the_table():
    early = overview_model(SCENARIO, PROJECTION, REFERENCE, 2025, "abai", "en")
    late = overview_model(SCENARIO, PROJECTION, REFERENCE, 2030, "abai", "en")
    assert early.card_groups[0].rows[0][0].value == i18n.percent(
        csv_value("processing_share", 2025, "abai"), "en"
    )
    assert early.card_groups[0].rows[0][0].value != late.card_groups[0].rows[0][0].value
    assert early.verdicts == late.verdicts  # the verdict is the 2030 target's, in any year


def test_scenario_json_is_serialised_once_per_object_and_follows_an_edit():
    first = compute.scenario_json(SCENARIO)
    assert first == SCENARIO.model_dump_json()
    assert compute.scenario_json(SCENARIO) is first  # the memo, not a new text
    edited = SCENARIO.model_copy(update={"end_year": 2040})
    assert compute.scenario_json(edited) == edited.model_dump_json() != first
    assert compute.reference_scenario(SCENARIO) is compute.reference_scenario(SCENARIO)
    assert compute.reference_scenario(edited).end_year == 2040
