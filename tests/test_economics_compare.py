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
    mac = ec.mac_curve(table)
    assert list(mac["abatement_cost_kzt_per_tco2e"]) == sorted(mac["abatement_cost_kzt_per_tco2e"])
    np.testing.assert_allclose(mac["end_tco2e"] - mac["start_tco2e"], mac["abated_tco2e"])
    with pytest.raises(ValueError, match="baseline"):
        ec.compare(list(presets.values()), "nope")
