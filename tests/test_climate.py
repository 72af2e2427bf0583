"""Climate module: IPCC 2006 first-order decay by hand, steady state, GWP, composting,
legacy waste, and "diverting more never makes more landfill methane"."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import climate as cl
from planner import economics as ec
from planner import load_scenario, project
from planner.economics_schema import EconomicsOverrides
from planner.schema import Scenario
from tests.conftest import ROOT

BAU = ROOT / "scenarios" / "01_business_as_usual.toml"

# One deposit of 1000 t food waste in year 1: DOC 0.15, DOCf 0.5, MCF 1, F 0.5, k 0.06.
# DDOCm = 1000 × 0.15 × 0.5 × 1 = 75 t C; nothing decomposes in the deposit year;
# year 2: 75 (1 − e^−0.06) × 0.5 × 16/12; year 3: 75 e^−0.06 (1 − e^−0.06) × 0.5 × 16/12 …
FOOD = {"doc": 0.15, "docf": 0.5, "mcf": 1.0, "f": 0.5, "k": 0.06}


@pytest.fixture(scope="module")
def bau():
    scenario = load_scenario(BAU)
    return scenario, project(scenario)


def test_fod_single_deposit_hand_computed():
    m = cl.fod_methane_t([1000.0, 0.0, 0.0, 0.0], **FOOD)
    expected = [0.0, 2.911773320787564, 2.742204843354559, 2.5825112652942743]
    np.testing.assert_allclose(m.generated, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(m.emitted, expected, rtol=1e-12, atol=1e-12)
    assert m.recovered.sum() == 0


def test_fod_ddocm_and_decomposition_steps():
    assert cl.ddocm_deposited_t(1000.0, 0.15, 0.5, 1.0) == pytest.approx(75.0)
    dec = cl.fod_decomposed_t([75.0, 0.0, 0.0], 0.06)
    assert dec[0] == 0.0
    assert dec[1] == pytest.approx(75 * (1 - math.exp(-0.06)), rel=1e-12)
    assert dec[2] == pytest.approx(75 * math.exp(-0.06) * (1 - math.exp(-0.06)), rel=1e-12)
    # Mass is conserved: what has not decomposed is still accumulated.
    long = cl.fod_decomposed_t(np.r_[75.0, np.zeros(2000)], 0.06)
    assert long.sum() == pytest.approx(75.0, rel=1e-12)


def test_fod_recovery_and_oxidation():
    m = cl.fod_methane_t([1000.0, 0.0], **FOOD, ox=0.1, recovery=0.5)
    gen = 2.911773320787564
    assert m.generated[1] == pytest.approx(gen)
    assert m.recovered[1] == pytest.approx(gen * 0.5)
    assert m.emitted[1] == pytest.approx(gen * 0.5 * 0.9)


@pytest.mark.parametrize("k", [0.02, 0.06, 0.185])
def test_fod_steady_state(k):
    w = 1234.0
    m = cl.fod_methane_t(np.full(1500, w), doc=0.4, docf=0.5, mcf=0.6, f=0.5, k=k)
    steady = cl.steady_state_ch4_t(w, 0.4, 0.5, 0.6, 0.5)
    assert steady == pytest.approx(w * 0.4 * 0.5 * 0.6 * 0.5 * 16 / 12)
    assert m.generated[-1] == pytest.approx(steady, rel=1e-9)
    assert np.all(np.diff(m.generated) >= -1e-12)  # approaches from below


def test_fod_by_material_axis():
    deposits = np.zeros((3, 2))
    deposits[0] = [1000.0, 1000.0]
    m = cl.fod_methane_t(deposits, doc=[0.15, 0.0], docf=0.5, mcf=1.0, f=0.5, k=[0.06, 0.05])
    assert m.generated[1, 0] == pytest.approx(2.911773320787564)
    assert m.generated[:, 1].sum() == 0


def test_half_life():
    assert cl.half_life_yr(0.06) == pytest.approx(math.log(2) / 0.06)
    with pytest.raises(ValueError, match="k must be > 0"):
        cl.half_life_yr(0.0)


def test_invalid_inputs_raise():
    with pytest.raises(ValueError, match="recovery"):
        cl.ch4_recovered_t([1.0], 1.5)
    with pytest.raises(ValueError, match="k must be"):
        cl.fod_decomposed_t([1.0], -0.1)
    with pytest.raises(ValueError, match="deposits"):
        cl.fod_decomposed_t([-1.0], 0.1)
    with pytest.raises(ValueError, match="emission factor"):
        cl.composting_emissions_t([1.0], -0.1)


deposit_lists = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40)


@given(deposit_lists, st.floats(0, 1), st.floats(0, 1), st.floats(0.001, 0.5))
@settings(max_examples=60, deadline=None)
def test_methane_mass_never_negative(deposits, ox, recovery, k):
    m = cl.fod_methane_t(
        deposits, doc=0.15, docf=0.5, mcf=0.6, f=0.5, k=k, ox=ox, recovery=recovery
    )
    for arr in (m.generated, m.recovered, m.emitted):
        assert np.all(arr >= 0) and np.all(np.isfinite(arr))
    assert np.all(m.emitted <= m.generated + 1e-9)


@given(deposit_lists, st.data())
@settings(max_examples=60, deadline=None)
def test_smaller_deposits_never_more_methane(deposits, data):
    cut = data.draw(st.lists(st.floats(0, 1), min_size=len(deposits), max_size=len(deposits)))
    smaller = np.asarray(deposits) * (1 - np.asarray(cut))
    big = cl.fod_methane_t(deposits, **FOOD).emitted
    small = cl.fod_methane_t(smaller, **FOOD).emitted
    assert np.all(small <= big + 1e-9 * (1 + big))


def test_composting_emissions_per_tonne():
    ch4 = cl.composting_emissions_t(1000.0, 0.004)
    n2o = cl.composting_emissions_t(1000.0, 0.0003)
    assert ch4 == pytest.approx(4.0) and n2o == pytest.approx(0.3)
    # AR5: 4 × 28 + 0.3 × 265 = 191.5 t CO2e per 1000 t, i.e. ≈0.19 t CO2e/t (reference §2.1)
    assert cl.co2e_t(ch4, 28) + cl.co2e_t(n2o, 265) == pytest.approx(191.5)


def test_avoided_emissions_sum_over_materials():
    assert cl.avoided_emissions_tco2e([[10.0, 20.0]], [3.91, 0.31]) == pytest.approx([45.3])


def test_gwp_switch(bau):
    scenario, projection = bau
    gwp = scenario.resolved_baseline().economics.climate.gwp
    assert cl.gwp_factors(gwp, "AR5") == (28.0, 265.0)
    assert cl.gwp_factors(gwp, "AR6") == (27.0, 273.0)
    with pytest.raises(ValueError, match="AR5 or AR6"):
        cl.gwp_factors(gwp, "AR4")
    ar5 = ec.evaluate(scenario, projection)
    ar6 = ec.evaluate(scenario, projection, EconomicsOverrides(gwp="AR6"))
    np.testing.assert_allclose(ar6.kpi("ch4_landfill_t"), ar5.kpi("ch4_landfill_t"))
    np.testing.assert_allclose(
        ar6.kpi("landfill_tco2e"), ar5.kpi("landfill_tco2e") * 27.0 / 28.0, rtol=1e-12
    )


def test_legacy_waste_makes_base_year_methane(bau):
    scenario, projection = bau
    with_history = ec.evaluate(scenario, projection)
    assert with_history.kpi("ch4_landfill_t")[0] > 1000
    assert with_history.methane.first_history_year == 1980
    # Without a history nothing decomposes in the first projected year.
    data = scenario.resolved_baseline().model_dump()
    data["economics"]["climate"]["legacy"] = {}
    bare = Scenario.model_validate({**_shell(scenario), "baseline": data})
    without = ec.evaluate(bare, project(bare))
    assert without.kpi("ch4_landfill_t")[0] == 0.0
    assert without.kpi("ch4_landfill_t")[1] > 0.0
    assert np.all(with_history.kpi("ch4_landfill_t") > without.kpi("ch4_landfill_t"))


def test_legacy_deposits_function():
    years, t = cl.legacy_deposits_t(2020, 500.0, 2025)
    assert years == [2020, 2021, 2022, 2023, 2024]
    np.testing.assert_array_equal(t, [500.0] * 5)
    assert cl.legacy_deposits_t(2025, 500.0, 2025)[0] == []


def test_unknown_legacy_landfill_is_a_clear_error(bau):
    scenario, _ = bau
    data = scenario.resolved_baseline().model_dump()
    data["economics"]["climate"]["legacy"]["nowhere"] = {"start_year": 2000, "t_per_yr": 1}
    bad = Scenario.model_validate({**_shell(scenario), "baseline": data})
    with pytest.raises(ValueError, match="unknown landfills: nowhere"):
        ec.evaluate(bad, project(bad))


def test_methane_recovery_lever(bau):
    scenario, projection = bau
    base = ec.evaluate(scenario, projection)
    captured = ec.evaluate(
        scenario, projection, EconomicsOverrides(methane_recovery={"controlled": 0.5})
    )
    controlled = [t == "controlled" for t in base.methane.types]
    np.testing.assert_allclose(
        captured.methane.emitted[:, controlled], base.methane.emitted[:, controlled] * 0.5
    )
    assert captured.kpi("ch4_recovered_t").sum() > 0


def _shell(scenario: Scenario) -> dict:
    return {"id": scenario.id, "name": scenario.name.model_dump(), "end_year": scenario.end_year}


# Diverting more never shows more landfill methane than the baseline with equal inputs
# (business as usual: every district keeps its own landfill, so less waste cannot move to a
# site with a higher MCF).  "Diverting more" here means levers that never raise the landfilled
# tonnes of any material: higher recovery, composting of separated organics, more sorting
# capacity.  (Capturing more *dry* recyclables is not among them: at a full sorting line the
# separated stream displaces mixed paper, so it can landfill more paper while diverting more
# tonnes in total.)
more = st.floats(0.0, 1.0, allow_nan=False)


@given(
    more,
    st.floats(0.0, 0.95),
    st.floats(0.0, 0.4),
    st.floats(0.0, 50_000.0),
    st.floats(0.0, 30_000.0),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_more_diversion_never_more_landfill_methane(
    bau, organics_capture, extra_recovery, extra_separate, sorting_t, compost_t
):
    scenario, projection = bau
    params = scenario.resolved_baseline().parameters
    recovery = {
        m: min(1.0, params.recovery_mixed[m] + extra_recovery) for m in ("paper", "plastics")
    }
    separate = {
        m: min(1.0, params.recovery_separate[m] + extra_separate) for m in ("paper", "plastics")
    }
    levers = {
        "capture": {"organics": organics_capture},
        "recovery_mixed": recovery,
        "recovery_separate": separate,
        "new_sorting_lines": [
            {
                "id": "test_sorting",
                "region": "abai",
                "name": {"ru": "с", "kk": "с", "en": "s"},
                "lat": 50.4,
                "lon": 80.2,
                "districts_served": ["semey", "kurchatov"],
                "start_year": 2027,
                "capacity_t_per_yr": sorting_t,
            }
        ],
        "new_composting_sites": [
            {
                "id": "test_compost",
                "region": "abai",
                "name": {"ru": "к", "kk": "к", "en": "c"},
                "lat": 50.4,
                "lon": 80.2,
                "districts_served": ["semey"],
                "start_year": 2026,
                "capacity_t_per_yr": compost_t,
            }
        ],
    }
    diverted = Scenario.model_validate(
        {**_shell(scenario), "baseline": scenario.resolved_baseline(), "levers": levers}
    )
    more_div = ec.evaluate(diverted, project(diverted))
    base = ec.evaluate(scenario, projection)
    assert np.all(more_div.kpi("ch4_landfill_t") <= base.kpi("ch4_landfill_t") + 1e-6)
    assert np.all(more_div.methane.emitted <= base.methane.emitted + 1e-6)


def test_uncollected_dumps_hand_computed():
    from planner.climate import uncollected_dumps

    uncollected = np.zeros((2, 3, 8))
    uncollected[:, 0, 0] = 100.0  # district 0 (region a), organics
    uncollected[:, 1, 1] = 40.0  # district 1 (region a), paper
    uncollected[:, 2, 0] = 10.0  # district 2 (region b)
    plans, deposits = uncollected_dumps(uncollected, ["a", "a", "b"], 0.5)
    assert [p.facility.id for p in plans] == ["uncollected_dumps_a", "uncollected_dumps_b"]
    assert all(p.facility.type == "uncontrolled" for p in plans)
    np.testing.assert_allclose(deposits["uncollected_dumps_a"][0, :2], [50.0, 20.0])
    np.testing.assert_allclose(deposits["uncollected_dumps_b"][1, 0], 5.0)
    assert uncollected_dumps(uncollected, ["a", "a", "b"], 0.0) == ([], {})


def test_bundled_baseline_counts_uncollected_dumps():
    from planner import load_presets, project
    from planner.economics import evaluate

    scenario = load_presets()["bau"]
    result = evaluate(scenario, project(scenario))
    ids = set(result.landfill_methane.landfill)
    assert {"uncollected_dumps_abai", "uncollected_dumps_ulytau"} <= ids


def test_emissions_aggregation_adds_up(bau):
    """climate.emissions: gross = landfill + composting + open burning (issue #11); net =
    gross − credits; the regional methane sums the per-landfill FOD results."""
    from planner.economics import evaluate

    scenario, projection = bau
    result = evaluate(scenario, projection)
    e = result.emissions_arrays
    np.testing.assert_allclose(
        e["emissions_tco2e"],
        e["landfill_tco2e"] + e["composting_tco2e"] + e["open_burning_tco2e"],
    )
    assert e["open_burning_tco2e"].min() > 0
    np.testing.assert_allclose(
        e["net_emissions_tco2e"], e["emissions_tco2e"] - e["avoided_emissions_tco2e"]
    )
    np.testing.assert_allclose(
        e["ch4_landfill_t"].sum(axis=1), result.methane.emitted.sum(axis=1), rtol=1e-12
    )
    assert set(e) == set(ec.CLIMATE_KPIS)
