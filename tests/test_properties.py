"""Property tests: random valid scenarios keep the mass balance and never go negative or NaN."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import FATES, MATERIALS, project
from tests.conftest import build, one_district_data

share = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
tonnes = st.floats(min_value=0.0, max_value=1e6, allow_nan=False)


@st.composite
def compositions(draw):
    raw = draw(st.lists(st.floats(0.0, 1.0), min_size=len(MATERIALS), max_size=len(MATERIALS)))
    total = sum(raw)
    if total == 0:
        raw = [1.0] + [0.0] * (len(MATERIALS) - 1)
        total = 1.0
    values = [x / total for x in raw]
    values[-1] = max(0.0, 1.0 - sum(values[:-1]))
    return {m.value: v for m, v in zip(MATERIALS, values, strict=True)}


@st.composite
def scenarios(draw):
    data = one_district_data()
    data["end_year"] = 2025 + draw(st.integers(0, 8))
    base = data["baseline"]
    params = base["parameters"]
    for key in ("recovery_mixed", "recovery_separate", "composting_yield", "capture"):
        params[key] = {m.value: draw(share) for m in MATERIALS}
    params["participation"] = {2025: draw(share), 2030: draw(share)}
    region = base["regions"][0]
    region["composition"] = draw(compositions())
    d0 = region["districts"][0]
    d0["population"] = draw(tonnes)
    d0["collection_coverage"] = draw(share)
    d0["population_growth_per_yr"] = draw(st.floats(-0.05, 0.05))
    second = dict(d0, id="e", population=draw(tonnes), collection_coverage=draw(share))
    region["districts"].append(second)
    region["sorting_lines"][0]["capacity_t_per_yr"] = draw(tonnes)
    region["sorting_lines"][0]["districts_served"] = draw(
        st.sampled_from([["d"], ["e"], ["d", "e"]])
    )
    region["landfills"][0]["remaining_capacity_t"] = draw(tonnes)
    data["levers"] = {
        "new_composting_sites": [
            {
                "id": "cs",
                "region": "r",
                "name": {"ru": "к", "kk": "к", "en": "c"},
                "lat": 0,
                "lon": 0,
                "districts_served": ["d", "e"],
                "start_year": 2025 + draw(st.integers(0, 5)),
                "capacity_t_per_yr": draw(tonnes),
            }
        ],
        "new_sorting_lines": [
            {
                "id": "s2",
                "region": "r",
                "name": {"ru": "с", "kk": "с", "en": "s"},
                "lat": 0,
                "lon": 0,
                "districts_served": ["e"],
                "start_year": 2025 + draw(st.integers(0, 5)),
                "capacity_t_per_yr": draw(tonnes),
            }
        ],
        "awareness_campaigns": [
            {
                "name": "c",
                "start_year": 2026,
                "duration_yr": draw(st.integers(1, 5)),
                "participation_gain_per_yr": draw(share),
                "ceiling": draw(share),
            }
        ],
    }
    return build(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_random_scenarios_balance_and_stay_finite(scenario):
    r = project(scenario)
    generated = r.arrays["generated"]
    fates = sum(r.arrays[f] for f in FATES)
    np.testing.assert_allclose(fates, generated, rtol=1e-9, atol=1e-6)
    for name, arr in r.arrays.items():
        assert np.isfinite(arr).all(), name
        assert (arr >= -1e-6 * max(1.0, generated.max())).all(), name
    # intermediate flows never exceed what feeds them
    assert (r.arrays["collected"] <= generated + 1e-6).all()
    assert (r.arrays["recycled"] <= r.arrays["sorted"] + 1e-6).all()
    assert (r.arrays["composted"] <= r.arrays["biotreated"] + 1e-6).all()
    # facilities never take more than their capacity
    fac = r.facilities.groupby(["facility", "kind", "year"], as_index=False).input_t.sum()
    caps = {
        "cs": scenario.levers.new_composting_sites[0].capacity_t_per_yr,
        "s2": scenario.levers.new_sorting_lines[0].capacity_t_per_yr,
        "sl": scenario.resolved_baseline().regions[0].sorting_lines[0].capacity_t_per_yr,
    }
    for row in fac.itertuples():
        if row.facility in caps:
            assert row.input_t <= caps[row.facility] * (1 + 1e-9) + 1e-6
    kpis = r.kpis
    rates = kpis[kpis.kpi.isin(["diversion_rate", "recycling_rate", "collection_coverage"])]
    assert ((rates.value >= -1e-12) & (rates.value <= 1 + 1e-9)).all()


@settings(max_examples=30, deadline=None)
@given(scenarios(), st.floats(0.0, 1e5))
def test_more_sorting_capacity_never_landfills_more(scenario, extra_t):
    data = scenario.model_dump(mode="json")
    data["baseline"]["regions"][0]["sorting_lines"][0]["capacity_t_per_yr"] += extra_t
    bigger = build(data)
    before = project(scenario).kpi("landfilled_t")
    after = project(bigger).kpi("landfilled_t")
    assert (after <= before + 1e-6 * max(1.0, before.max())).all()
