"""planner.economics.compare: cost-effectiveness against a baseline, the MAC curve."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planner import economics as ec
from planner import load_presets, project


@pytest.fixture(scope="module")
def presets():
    return {sid: ec.evaluate(s, project(s)) for sid, s in load_presets().items()}


def test_abatement_cost():
    assert ec.abatement_cost_kzt_per_tco2e(1e6, 100.0) == 1e4
    assert math.isnan(ec.abatement_cost_kzt_per_tco2e(1e6, 0.0))


def test_compare_and_mac_curve(presets):
    table = ec.compare(list(presets.values()), "bau")
    base = table.set_index("scenario").loc["bau"]
    assert base["delta_npv_cost_kzt"] == 0 and math.isnan(base["abatement_cost_kzt_per_tco2e"])
    row = table.set_index("scenario").loc["separate_collection"]
    assert row["cost_per_t_diverted_kzt"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["delta_diverted_t"]
    )
    assert row["abatement_cost_kzt_per_tco2e"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["abated_tco2e"]
    )
    mac = ec.mac_curve(table, levelised=False)  # the legacy curve: undiscounted widths
    assert list(mac["abatement_cost_kzt_per_tco2e"]) == sorted(mac["abatement_cost_kzt_per_tco2e"])
    np.testing.assert_allclose(mac["end_tco2e"] - mac["start_tco2e"], mac["abated_tco2e"])
    with pytest.raises(ValueError, match="baseline"):
        ec.compare(list(presets.values()), "nope")


def test_levelised_cost_by_hand():
    """Two years, 10 %/yr: an option costing 110 KZT more in year 1 and diverting 11 t more
    in year 1 and 0 in year 0 has Δcost 100 (discounted), Δtonnes 10 (discounted): 10 KZT/t;
    the legacy mixed basis gives 100 / 11."""
    assert ec.levelised_cost_kzt_per_unit(110 / 1.1, 11 / 1.1) == pytest.approx(10.0)
    assert ec.levelised_cost_kzt_per_unit(-50.0, 5.0) == -10.0  # a saving
    assert math.isnan(ec.levelised_cost_kzt_per_unit(100.0, 0.0))


def test_levelised_columns_and_one_answer(presets):
    table = ec.compare(list(presets.values()), "bau").set_index("scenario")
    assert set(table["reference_scenario"]) == {"bau"}
    assert math.isnan(table.loc["bau", "levelised_cost_of_diversion_kzt_per_t"])
    for sid, result in presets.items():
        rate = result.params.macro.discount_rate
        factors = (1 + rate) ** -(np.asarray(result.years) - result.years[0])
        disc = float((result.diverted_t.sum(axis=1) * factors).sum())
        assert table.loc[sid, "discounted_diverted_t"] == pytest.approx(disc)
    row = table.loc["separate_collection"]
    assert row["levelised_cost_of_diversion_kzt_per_t"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["delta_discounted_diverted_t"]
    )
    assert row["levelised_cost_of_abatement_kzt_per_tco2e"] == pytest.approx(
        row["delta_npv_cost_kzt"] / row["discounted_abated_tco2e"]
    )
    # discounting the tonnes too: the levelised figure exceeds the legacy mixed-basis one
    assert row["levelised_cost_of_diversion_kzt_per_t"] > 2 * row["cost_per_t_diverted_kzt"]
    cheapest = ec.cheapest_per_tonne_diverted(table.reset_index())
    assert cheapest == table["levelised_cost_of_diversion_kzt_per_t"].idxmin()
    mac = ec.mac_curve(table.reset_index())
    np.testing.assert_allclose(
        mac["end_tco2e"] - mac["start_tco2e"], mac["discounted_abated_tco2e"]
    )
    levels = list(mac["levelised_cost_of_abatement_kzt_per_tco2e"])
    assert levels == sorted(levels)
    # the drawing columns carry the curve in use (pages draw them unchanged)
    np.testing.assert_allclose(mac["abatement_cost_kzt_per_tco2e"], levels)
    np.testing.assert_allclose(mac["abated_tco2e"], mac["discounted_abated_tco2e"])


def test_comparison_rows_name_the_reference(presets):
    rows = ec.comparison_rows(ec.compare(list(presets.values()), "bau"))
    items = set(rows["item"])
    assert "vs_baseline:levelised_cost_of_diversion_kzt_per_t:bau" in items
    assert "vs_baseline:levelised_cost_of_abatement_kzt_per_tco2e:bau" in items
    assert "vs_baseline:cost_per_t_diverted_kzt" in items  # the legacy item is kept
    lev = rows[rows["item"].str.startswith("vs_baseline:levelised_cost_of_diversion")]
    assert set(lev["unit"]) == {"KZT/t"}
