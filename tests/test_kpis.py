"""planner.kpis: the KPI table covers exactly what the KPI CSVs hold."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from planner import kpis as kp
from planner import load_presets
from planner.economics import CLIMATE_KPIS, MONEY_KPIS
from planner.export import kpis_frame
from planner.projection import RATE_KPIS, TONNAGE_KPIS
from tests.golden_cases import GOLDEN, PRESETS


def _golden_kpi_names() -> set[str]:
    names: set[str] = set()
    for preset in PRESETS:
        with gzip.open(GOLDEN / f"{preset.stem}.kpis.csv.gz", "rt", encoding="utf-8") as f:
            names |= set(pd.read_csv(f, usecols=["kpi"])["kpi"])
    return names


@pytest.fixture(scope="module")
def presets():
    return load_presets()


def test_every_preset_kpi_is_in_the_table_and_vice_versa():
    names = _golden_kpi_names()
    for name in names:
        kp.kpi_spec(name)
    patterns = {kp.kpi_spec(n).name for n in names}
    assert patterns == {k.name for k in kp.KPIS}


def test_fresh_kpi_csv_names_are_in_the_table(presets):
    from planner import project
    from planner.economics import evaluate

    scenario = presets["reformed_epr"]
    projection = project(scenario)
    table = kpis_frame([projection], [evaluate(scenario, projection)])
    assert {kp.kpi_spec(n).name for n in table["kpi"].unique()} == {k.name for k in kp.KPIS}


def test_unknown_kpi_is_refused():
    with pytest.raises(KeyError, match="unknown KPI"):
        kp.kpi_spec("happiness_t")
    with pytest.raises(KeyError):
        kp.check_known(["generated_t", "progress_to_target"])
    assert kp.kpi_spec(kp.progress_to_target(2030)).name == kp.PROGRESS_TO_TARGET


def test_name_lists_come_from_the_table():
    assert TONNAGE_KPIS[0] == "generated_t" and all(n.endswith("_t") for n in TONNAGE_KPIS)
    assert set(RATE_KPIS) == {
        "diversion_rate",
        "recycling_rate",
        "processing_share",
        "collection_coverage",
        "sdg_11_6_1_controlled_share",
    }
    assert len(MONEY_KPIS) == 18 and len(CLIMATE_KPIS) == 16  # + 6 open-burning KPIs (#11)
    assert all(kp.kpi_spec(n).source == "economics" for n in MONEY_KPIS + CLIMATE_KPIS)


def test_units_and_directions():
    assert kp.csv_unit("ch4_landfill_t") == "t CH4"
    assert kp.csv_unit("composting_n2o_t") == "t N2O"
    assert kp.csv_unit("net_emissions_tco2e") == "tCO2e"
    for k in kp.KPIS:
        assert k.unit and k.description
        if k.name.endswith("_kzt"):
            assert k.unit.startswith("KZT")
        if k.name.endswith("_tco2e"):
            assert k.unit == "tCO2e/yr"
    assert kp.kpi_spec("landfilled_t").higher_is_better is False
    assert kp.kpi_spec("diversion_rate").higher_is_better is True
