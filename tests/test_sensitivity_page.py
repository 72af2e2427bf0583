"""msw_app.views.sensitivity_page: the Sensitivity page's values from the tornado table."""

from __future__ import annotations

import planner
from msw_app import i18n
from msw_app.views.sensitivity_page import TORNADO_ROWS, sensitivity_model
from msw_app.views.uncertainty import input_label
from planner.uncertainty.sensitivity import SENSITIVITY_KPIS, tornado


def test_each_region_gets_its_widest_swings_labelled_in_the_language():
    scenario = planner.load_presets()["announced"]
    table = tornado(scenario)
    model = sensitivity_model(table, scenario, "ru")
    assert [r.region for r in model] == list(dict.fromkeys(table["region"]))
    for region in model:
        assert region.name in region.measure_first
        assert [t.kpi for t in region.tornados] == [
            k for k in SENSITIVITY_KPIS if k in set(table[table["region"] == region.region]["kpi"])
        ]
        for chart in region.tornados:
            rows = table[(table["kpi"] == chart.kpi) & (table["region"] == region.region)]
            widest = rows["swing"].sort_values(ascending=False).head(TORNADO_ROWS)
            assert list(chart.rows["swing"]) == list(widest)
            expected = tuple(input_label(k, scenario, "ru") for k in chart.rows["input"])
            assert chart.labels == expected
            assert i18n.t(f"sens.kpi.{chart.kpi}", "ru") in chart.title
