"""planner.uncertainty: the ensemble at its defaults is the deterministic run; probabilities,
quantiles, seeds, common random numbers and Sobol indices behave as stated."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

import planner
from planner.economics import evaluate
from planner.io import scenario_from_dict
from planner.schema import Scenario
from planner.uncertainty import ensemble as en
from planner.uncertainty import sampling as sm
from planner.uncertainty import sensitivity as se
from planner.uncertainty.inputs import UncertainInput, uncertain_inputs
from tests.conftest import ROOT

PRESETS = sorted(p.stem for p in (ROOT / "scenarios").glob("0*.toml"))

DETERMINISTIC_KPIS = {
    "processing_share": "projection",
    "recycling_rate": "projection",
    "diversion_rate": "projection",
    "landfilled_t": "projection",
    "landfill_years_left": "projection",
    "total_cost_kzt": "economics",
    "net_emissions_tco2e": "economics",
}


def load(stem: str) -> Scenario:
    return planner.load_scenario(ROOT / "scenarios" / f"{stem}.toml")


def collapsed_ensemble(scenario: Scenario, n: int = 3) -> en.Ensemble:
    union = en.common_inputs([scenario, en.reference_of(scenario)])
    return en.run_ensembles([scenario], values=np.repeat(sm.defaults(union), n, axis=0))[0]


@pytest.mark.parametrize("stem", PRESETS)
def test_every_quantile_equals_the_deterministic_run_when_ranges_collapse(stem):
    scenario = load(stem)
    ensemble = collapsed_ensemble(scenario)
    projection = planner.project(scenario)
    economics = evaluate(scenario, projection)
    for kpi, source in DETERMINISTIC_KPIS.items():
        q = en.quantiles(ensemble, kpi)
        for j, region in enumerate(ensemble.regions):
            det = (projection if source == "projection" else economics).kpi(kpi, region)
            for k in range(len(en.QUANTILES)):
                np.testing.assert_allclose(q[k, :, j], det, rtol=1e-6, atol=1e-9, err_msg=kpi)


def _region_levelised(scenario: Scenario, region: str) -> float:
    """The levelised cost of diversion of a region against the baseline without levers,
    from two deterministic runs (Δ NPV cost ÷ Δ discounted tonnes diverted)."""
    results = []
    for s in (scenario, en.reference_of(scenario)):
        r = evaluate(s, planner.project(s))
        k = r.regions.index(region)
        results.append((r.kpi("npv_cost_kzt", region)[-1], r.discounted_total(r.diverted_t[:, k])))
    (cost, div), (ref_cost, ref_div) = results
    return (cost - ref_cost) / (div - ref_div)


def test_levelised_cost_at_the_defaults_is_the_deterministic_one():
    scenario = load("04_target_40_by_2030")
    ensemble = collapsed_ensemble(scenario)
    q = en.quantiles(ensemble, "levelised_cost_of_diversion_kzt_per_t")
    for j, region in enumerate(ensemble.regions):
        assert q[2, -1, j] == pytest.approx(_region_levelised(scenario, region), rel=1e-9)
        assert np.isnan(q[2, :-1, j]).all()  # one value over the horizon, in its last year


# --------------------------------------------------------------------------------------------
# Hand cases: one uniform input, a linear KPI
# --------------------------------------------------------------------------------------------


def _without_ranges(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (None if k == "range" else _without_ranges(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_ranges(v) for v in node]
    return node


def only_range(stem: str, set_range) -> Scenario:
    """A preset with every range removed but the one ``set_range(data)`` adds."""
    data = _without_ranges(load(stem).model_dump(mode="json"))
    set_range(data)
    return scenario_from_dict(data, "hand case")


UNIFORM_COLLECTION = {"low": 4000.0, "high": 10000.0, "distribution": "uniform", "reasoning": "x"}


def _collection_range(data: dict) -> None:
    data["baseline"]["economics"]["costs"]["sources"]["collection_kzt_per_t"]["range"] = (
        UNIFORM_COLLECTION
    )


def test_a_linear_kpi_of_one_uniform_input_has_the_known_probability():
    scenario = only_range("01_business_as_usual", _collection_range)
    assert [u.key for u in uncertain_inputs(scenario)] == ["economics.costs.collection_kzt_per_t"]
    ensemble = en.run_ensembles([scenario], 1024, seed=3)[0]
    cost = ensemble.kpi("total_cost_kzt", 2030, "abai")
    collected = planner.project(scenario).kpi("collected_t", "abai")[5]
    base = float(np.median(cost)) - collected * 7000.0  # cost = base + collected × price
    for price, expected in ((5500.0, 0.25), (7000.0, 0.5), (9400.0, 0.9)):
        share = float(np.mean(cost <= base + collected * price))
        assert share == pytest.approx(expected, abs=0.005)


def test_the_chance_of_meeting_the_target_is_the_known_probability():
    """Ulytau's 2030 processing share in business as usual is its one sorting line's capacity
    ÷ generated (the line is full): uniform capacity ⇒ a uniform share, and a target at 30 %
    of the share's range is met in 70 % of the draws."""
    line = "zhezkazgan_existing_sorting"
    low, high = 5000.0, 8000.0

    def capacity_range(data: dict) -> None:
        ulytau = next(r for r in data["baseline"]["regions"] if r["id"] == "ulytau")
        sorting = next(s for s in ulytau["sorting_lines"] if s["id"] == line)
        sorting["sources"]["capacity_t_per_yr"]["range"] = {
            "low": low,
            "high": high,
            "distribution": "uniform",
            "reasoning": "x",
        }

    scenario = only_range("01_business_as_usual", capacity_range)
    projection = planner.project(scenario)
    generated = projection.kpi("generated_t", "ulytau")[5]
    share_default = projection.kpi("processing_share", "ulytau")[5]
    assert share_default == pytest.approx(6800.0 / generated)  # capacity-bound
    ensemble = en.run_ensembles([scenario], 1024, seed=5)[0]
    targets = dict(ensemble.targets)
    targets[2030] = (low + 0.3 * (high - low)) / generated
    ensemble = en.Ensemble(**{**ensemble.__dict__, "targets": targets})
    assert en.probability_target_met(ensemble, 2030, "ulytau") == pytest.approx(0.7, abs=0.005)


# --------------------------------------------------------------------------------------------
# Quantiles, seeds, common random numbers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_options() -> list[en.Ensemble]:
    return en.run_ensembles([load("02_announced_projects"), load("04_target_40_by_2030")], 128, 1)


def test_quantiles_are_ordered(two_options):
    for e in two_options:
        for kpi in en.KPIS:
            q = en.quantiles(e, kpi)
            finite = np.isfinite(q).all(axis=0)
            assert (np.diff(q, axis=0)[:, finite] >= -1e-9).all(), kpi


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others(two_options):
    again = en.run_ensembles([load("02_announced_projects")], 128, 1)[0]
    other = en.run_ensembles([load("02_announced_projects")], 128, 2)[0]
    for kpi in en.KPIS:
        np.testing.assert_array_equal(again.kpis[kpi], two_options[0].kpis[kpi])
    assert not np.allclose(other.kpis["total_cost_kzt"], again.kpis["total_cost_kzt"])


def test_options_share_their_draws(two_options):
    a, b = two_options
    keys_b = [u.key for u in b.inputs]
    shared = [(k, keys_b.index(u.key)) for k, u in enumerate(a.inputs) if u.key in keys_b]
    assert len(shared) > 100
    for i, j in shared:
        np.testing.assert_array_equal(a.values[:, i], b.values[:, j])


def test_probability_of_beating_another_option(two_options):
    a, b = two_options
    for kpi in ("processing_share", "total_cost_kzt"):
        for region in a.regions:
            ab = en.probability_better(a, b, kpi, 2030, region)
            ba = en.probability_better(b, a, kpi, 2030, region)
            assert 0 <= ab <= 1 and ab + ba <= 1 + 1e-12
            assert en.probability_better(a, a, kpi, 2030, region) == 0.0
    # the 40 % preset adds a line and full coverage to the announced projects: it sorts more
    assert en.probability_better(b, a, "processing_share", 2030, "ulytau") > 0.95


def test_probabilities_of_the_target_are_shares_of_draws(two_options):
    for e in two_options:
        for region in e.regions:
            p = en.probability_target_met(e, 2030, region)
            assert p * e.n_draws == pytest.approx(round(p * e.n_draws))


# --------------------------------------------------------------------------------------------
# Sampling
# --------------------------------------------------------------------------------------------


@given(
    low=st.floats(-100, 100),
    width=st.floats(0.01, 100),
    at=st.floats(0, 1),
    u=st.lists(st.floats(1e-9, 1 - 1e-9), min_size=1, max_size=20),
    distribution=st.sampled_from(["triangular", "uniform", "pert"]),
)
def test_ppf_stays_in_range_and_increases(low, width, at, u, distribution):
    mode = low + at * width
    points = np.sort(np.array(u))
    values = sm.ppf(points, low, mode, low + width, distribution)
    assert (values >= low - 1e-9).all() and (values <= low + width + 1e-9).all()
    assert (np.diff(values) >= -1e-9).all()


@given(at=st.floats(0, 1), u=st.floats(1e-9, 1 - 1e-9))
def test_triangular_ppf_is_scipys(at, u):
    ours = sm.triangular_ppf(np.array([u]), 2.0, 2.0 + 3.0 * at, 5.0)[0]
    assert ours == pytest.approx(stats.triang.ppf(u, at, loc=2.0, scale=3.0), abs=1e-9)


def test_a_collapsed_range_gives_its_default():
    u = UncertainInput("k", "population", "d", 7.0, 7.0, 7.0, "pert", "x")
    assert (sm.sample([u], 16, seed=1) == 7.0).all()


def test_draws_fill_the_range_evenly():
    u = UncertainInput("k", "population", "d", 0.5, 0.0, 1.0, "uniform", "x")
    values = sm.sample([u], 1024, seed=1)[:, 0]
    counts = np.histogram(values, bins=8, range=(0, 1))[0]
    assert counts.min() == counts.max() == 128  # a Latin hypercube fills each eighth alike


# --------------------------------------------------------------------------------------------
# Sensitivity
# --------------------------------------------------------------------------------------------


def test_sobol_indices_of_an_additive_function_are_the_analytic_ones():
    coefficients = np.array([1.0, 2.0, 3.0])
    inputs = [
        UncertainInput(f"x{i}", "population", "", 0.5, 0.0, 1.0, "uniform", "x") for i in range(3)
    ]
    first, total = se.sobol_of(lambda x: (x @ coefficients)[:, None], inputs, n=4096, seed=1)
    expected = coefficients**2 / (coefficients**2).sum()
    np.testing.assert_allclose(first[0], expected, atol=0.03)
    np.testing.assert_allclose(total[0], expected, atol=0.03)


def test_tornado_names_the_zhezkazgan_plant_first_for_ulytaus_processing_share():
    table = se.tornado(load("04_target_40_by_2030"))
    rows = table[(table["region"] == "ulytau") & (table["kpi"] == "processing_share")]
    assert rows.iloc[0]["input"] == "facilities.zhezkazgan_sorting_plant.capacity_t_per_yr"
    assert (rows["swing"].diff().dropna() <= 1e-12).all()
    first = rows.iloc[0]
    assert first["kpi_at_low"] < first["kpi_default"] == pytest.approx(first["kpi_at_high"])
    assert set(se.SENSITIVITY_KPIS) == set(table["kpi"])


def test_sobol_of_a_scenario_kpi_names_its_inputs_and_regions():
    scenario = load("04_target_40_by_2030")
    indices = se.sobol(scenario, "processing_share", n=32, top=3)
    assert len(indices.inputs) == 3 and indices.outputs == ["abai", "ulytau"]
    assert indices.first_order.shape == indices.total_order.shape == (2, 3)
    ulytau = indices.total_order[1]
    assert indices.inputs[int(np.argmax(ulytau))].endswith(
        "zhezkazgan_sorting_plant.capacity_t_per_yr"
    )


def test_an_inputs_draws_do_not_depend_on_the_other_inputs():
    a = UncertainInput("a", "population", "d", 0.5, 0.0, 1.0, "uniform", "x")
    b = UncertainInput("b", "population", "e", 0.5, 0.0, 1.0, "uniform", "x")
    np.testing.assert_array_equal(sm.sample([a], 64, 1)[:, 0], sm.sample([b, a], 64, 1)[:, 1])
    sobol = sm.sample([a, b], 64, 1, method="sobol")
    assert sobol.shape == (64, 2) and len(np.unique(sobol[:, 0])) == 64


def test_every_drawn_tonne_ends_in_one_fate_and_one_site():
    """Away from the defaults too: generated = uncollected + recycled + composted +
    landfilled, and every landfilled tonne is deposited on a landfill or an unplanned dump."""
    from planner.uncertainty.batch import batch_inputs, run_batch

    scenario = load("03_separate_collection_campaign")
    inputs = uncertain_inputs(scenario)
    b = batch_inputs(scenario, inputs, sm.sample(inputs, 64, seed=7))
    flows = run_batch(b)
    reg, mat = flows.by_region, flows.by_material
    fates = mat["uncollected"].sum(axis=3) + reg["recycled"] + reg["composted"] + reg["landfilled"]
    np.testing.assert_allclose(fates, reg["generated"], rtol=1e-9)
    deposited = sum(flows.fac_input[p.facility.id].sum(axis=2) for p in b.inputs.landfills)
    placed = deposited + mat["unplaced"].sum(axis=(2, 3))
    np.testing.assert_allclose(placed, reg["landfilled"].sum(axis=2), rtol=1e-9)
    assert (reg["sorted"] >= 0).all() and (reg["recycled"] <= reg["sorted"] + 1e-9).all()
    for p in b.inputs.sorting:
        intake = flows.fac_input[p.facility.id].sum(axis=2)
        assert (intake <= b.capacity_t_per_yr[p.facility.id][None, :] * (1 + 1e-9)).all()
