"""The Streamlit-free presenters of issue 12: region choice, verdict rows, abatement steps,
economics cards and sorting-margin parts, localised axis ticks, Sankey node tonnes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import planner
from msw_app import charts, i18n
from msw_app.views import abatement, economics_cards, regions
from msw_app.views.downloads import cli_command, scenario_file_name
from msw_app.views.overview import sankey_links, sankey_node_tonnes
from planner import economics as ec


@pytest.fixture(scope="module")
def announced():
    scenario = planner.load_presets()["announced"]
    return scenario, planner.project(scenario)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abai", "abai"),
        (["all", "ulytau"], "ulytau"),  # the last of repeated parameters counts
        (" Ulytau ", "ulytau"),
        ("semey", "all"),  # a district, not a region
        (None, "all"),
        ([], "all"),
        (42, "all"),
        ("a" * 1000, "all"),
    ],
)
def test_normalize_region(value, expected):
    assert regions.normalize_region(value, ["all", "abai", "ulytau"]) == expected


def test_shown_regions_and_filter(announced):
    scenario, _ = announced
    assert regions.shown_regions("all", scenario) == ["abai", "ulytau"]
    assert regions.shown_regions("ulytau", scenario) == ["ulytau"]
    assert regions.region_filter("all") == "" and regions.region_filter("abai") == "abai"


def test_verdict_rows_are_planner_targets_verdicts(announced):
    from planner.targets import region_verdicts

    scenario, projection = announced
    targets = scenario.resolved_baseline().parameters.target_processing_share
    rows = regions.verdict_rows(projection, scenario, "all", "ru")
    expected = region_verdicts(projection, dict(targets), 2030)
    assert [r.verdict for r in rows] == expected
    for row in rows:
        assert row.sentence.startswith(i18n.t(f"region.short.{row.region}", "ru") + ": ")
        share, target = row.verdict.processing_share, row.verdict.target_share
        assert row.progress == pytest.approx(min(share / target, 1.0))
        assert row.recycling_progress == pytest.approx(row.verdict.recycling_rate / target)
    only = regions.verdict_rows(projection, scenario, "ulytau", "en", 2050)
    assert [r.region for r in only] == ["ulytau"] and only[0].verdict.year == 2050


def test_verdict_cell_rounds_the_shortfall_up():
    from planner.targets import RegionVerdict

    v = RegionVerdict("ulytau", 2030, 0.40, 0.362, 0.05, 100_000.0)  # 3,800 t short
    assert regions.verdict_cell(v, "en") == "36.2% — not met: 3,800 t/yr more"
    v = RegionVerdict("ulytau", 2030, 0.40, 0.36149, 0.05, 100_000.0)  # 3,851 t → 3,900
    assert "3,900" in regions.verdict_cell(v, "en")


def test_districts_of_and_earliest_full(announced):
    scenario, projection = announced
    table = pd.DataFrame({"region": ["abai", "ulytau", "abai"], "x": [1, 2, 3]})
    assert list(regions.districts_of(table, "abai")["x"]) == [1, 3]
    assert len(regions.districts_of(table, "all")) == 3
    from planner.projection import earliest_full_landfill

    for region in ("abai", "ulytau", ""):
        found = regions.earliest_full(projection, scenario, region)
        raw = earliest_full_landfill(projection, region)
        assert (found is None) == (raw is None)
        if found is not None:
            assert (found.landfill, found.year) == raw and found.names["ru"]


def test_preset_parents_follow_extends():
    parents = abatement.preset_parents()
    assert parents["separate_collection"] == "announced"
    assert parents["target_40_2030"] == "announced"
    assert parents["reformed_epr"] == "target_40_2030"
    assert parents["bau"] == "" and parents["announced"] == ""


def test_abatement_steps_are_increments_over_the_parent():
    presets = planner.load_presets()
    results = {sid: ec.evaluate(s, planner.project(s)) for sid, s in presets.items()}
    steps = abatement.abatement_steps(results, abatement.preset_parents(), "bau").set_index(
        "scenario"
    )
    assert "bau" not in steps.index
    assert steps.loc["announced", "parent"] == "bau"
    assert steps.loc["reformed_epr", "parent"] == "target_40_2030"
    # A step's Δ NPV is the difference of the two presets' NPVs (not against BAU).
    npv = {sid: r.npv_cost_kzt() for sid, r in results.items()}
    assert steps.loc["reformed_epr", "delta_npv_kzt"] == pytest.approx(
        npv["reformed_epr"] - npv["target_40_2030"]
    )
    # Steps along a chain add up to the chain's total against BAU (increments, no double count).
    against_bau = ec.compare(list(results.values()), "bau").set_index("scenario")
    chain = steps.loc[["announced", "target_40_2030", "reformed_epr"], "abated_tco2e"].sum()
    assert chain == pytest.approx(against_bau.loc["reformed_epr", "discounted_abated_tco2e"])


def test_economics_cards_and_margin_parts(announced):
    scenario, projection = announced
    from msw_app.views.scenarios import baseline_scenario

    result = ec.evaluate(scenario, projection)
    base = baseline_scenario(scenario)
    reference = ec.evaluate(base, planner.project(base))
    cards = economics_cards.economics_cards(result, reference, 2030, "abai")
    k = result.years.index(2030)
    assert cards.loc["cost_year", "value"] == pytest.approx(result.kpi("total_cost_kzt", "abai")[k])
    assert cards.loc["cost_year", "delta"] == pytest.approx(
        result.kpi("total_cost_kzt", "abai")[k] - reference.kpi("total_cost_kzt", "abai")[k]
    )
    assert cards.loc["npv", "value"] == pytest.approx(result.npv_cost_kzt("abai"))
    parts = economics_cards.margin_parts(result, 2030)
    assert parts is not None
    assert parts["margin_kzt"] == pytest.approx(
        parts["revenue_kzt"]
        + parts["incentive_kzt"]
        - parts["opex_kzt"]
        + parts["avoided_landfill_kzt"]
    )
    assert parts["margin_no_epr_kzt"] == pytest.approx(parts["margin_kzt"] - parts["incentive_kzt"])
    assert parts["margin_kzt"] == pytest.approx(result.kpi("sorting_margin_kzt")[k])
    by_region = [economics_cards.margin_parts(result, 2030, r) for r in ("abai", "ulytau")]
    total_input = sum(p["input_t"] for p in by_region if p is not None)
    assert total_input == pytest.approx(parts["input_t"])
    assert economics_cards.margin_verdict({"margin_kzt": 1.0, "margin_no_epr_kzt": -1.0}) == (
        "epr_only"
    )
    assert economics_cards.margin_verdict({"margin_kzt": -1.0, "margin_no_epr_kzt": -2.0}) == (
        "neither"
    )


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (10_000, "ru", "10\u00a0тыс."),
        (250_000, "ru", "250\u00a0тыс."),
        (10_000, "kk", "10\u00a0мың"),
        (1_500_000, "ru", "1,5\u00a0млн"),
        (10_000, "en", "10K"),
        (2_500, "ru", "2\u202f500"),
    ],
)
def test_tick_labels_follow_the_language(value, lang, text):
    assert charts.tick_label(value, 500.0, lang) == text


def test_localised_ticks_cover_stacks_and_leave_formatted_axes():
    fig = go.Figure()
    fig.add_bar(x=[2025, 2026], y=[120_000, 180_000])
    fig.add_bar(x=[2025, 2026], y=[60_000, -30_000])
    fig.update_layout(barmode="relative")
    charts.localise_ticks(fig, "ru")
    assert max(fig.layout.yaxis.tickvals) >= 180_000  # the stack, not one trace
    assert min(fig.layout.yaxis.tickvals) <= -30_000
    assert "k" not in "".join(fig.layout.yaxis.ticktext)
    shares = go.Figure(go.Scatter(x=[1, 2], y=[0.1, 0.4]))
    shares.update_yaxes(tickformat=".0%")
    charts.localise_ticks(shares, "ru")
    assert shares.layout.yaxis.ticktext is None


def test_sankey_nodes_name_their_tonnes(announced):
    _, projection = announced
    links = sankey_links(projection, 2030)
    tonnes = sankey_node_tonnes(links)
    assert tonnes["generated"] == pytest.approx(tonnes["collected"] + tonnes["uncollected"])
    k = projection.years.index(2030)
    assert tonnes["landfill"] == pytest.approx(float(projection.kpi("landfilled_t")[k]))
    fig = charts.sankey(links, 2030, "ru")
    assert any("т/год" in label for label in fig.data[0].node.label)


def test_cli_hint_names_the_download():
    scenario = planner.load_presets()["announced"]
    assert scenario_file_name(scenario) == "announced.json"
    assert cli_command("announced.json") == (
        ".venv/bin/python -m planner run announced.json --out flows.csv --kpis kpis.csv"
    )


def test_percent_options_are_exact():
    from msw_app.widgets import percent_options

    options = percent_options(0.0, 0.25, 0.01)
    assert len(options) == 26 and options[7] == 0.07 and options[-1] == 0.25
    assert np.all(np.diff(options) > 0)
