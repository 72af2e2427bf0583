"""Issue #11, flows half: no landfilled tonne is lost, open burning, dumps, landfill gas.

Hand cases use the one-district scenario of ``tests/conftest.py`` (2025: 500 t generated, 100 t
uncollected, 360 t landfilled: organics 200, paper 50, plastics 30, glass 40, metals 40).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import climate as cl
from planner import landfill_gas as lg
from planner import load_presets, project
from planner.cli import main
from planner.projection import (
    earliest_full_landfill,
    unplaced_by_region,
    unplaced_warnings,
)
from planner.schema import MATERIALS, OpenBurning
from tests.conftest import build, one_district_data, per_material

M = {m.value: i for i, m in enumerate(MATERIALS)}


@pytest.fixture(scope="module")
def climate():
    """The bundled baseline's climate parameters, without the bundled sites' histories."""
    climate = load_presets()["bau"].resolved_baseline().economics.climate
    return climate.model_copy(update={"legacy": {}})


def _closed(data: dict, year: int) -> dict:
    data["levers"] = {"closed_facilities": {"lf": year}}
    return data


# --------------------------------------------------------------------------------------------
# Mass conservation into landfills
# --------------------------------------------------------------------------------------------


def test_unplanned_dump_hand_case():
    """The only landfill closes in 2026: 2026 and 2027's 360 t go to the unplanned dump."""
    r = project(build(_closed(one_district_data(), 2026)))
    np.testing.assert_allclose(r.kpi("unplaced_landfilled_t"), [0.0, 360.0, 360.0])
    np.testing.assert_allclose(r.kpi("landfilled_t"), [360.0, 360.0, 360.0])
    np.testing.assert_allclose(r.fac_input["lf"].sum(axis=1), [360.0, 0.0, 0.0])
    warnings = unplaced_warnings(r)
    assert [(w.region, w.year, w.districts) for w in warnings] == [
        ("r", 2026, ("d",)),
        ("r", 2027, ("d",)),
    ]
    assert warnings[0].tonnes == pytest.approx(360.0)
    table = r.landfills
    dump = table[table["landfill"] == "unplanned_dump_r"]
    np.testing.assert_allclose(dump["deposited_t"], [0.0, 360.0, 360.0])
    assert set(dump["type"]) == {"uncontrolled"} and not dump["operating"].any()
    # SDG 11.6.1: collected 400 t, of which 360 t went to an uncontrolled (unplanned) dump.
    np.testing.assert_allclose(r.kpi("sdg_11_6_1_controlled_share"), [0.8, 40 / 500, 40 / 500])


def test_unplanned_dump_methane_hand_computed(climate):
    """2026's 360 t on the unplanned dump (MCF 0.4, OX 0): 2027 CH4 = Σ DDOCm·(1−e^−k)·F·16/12
    with DDOCm = W·DOC·DOCf·MCF: organics 200·0.15·0.5·0.4 = 6 t C, paper 50·0.40·0.5·0.4 = 4."""
    r = project(build(_closed(one_district_data(), 2026)))
    e = cl.emissions(
        r.inputs.landfills,
        r.fac_input,
        r.arrays["uncollected"] * 0.0,
        r.inputs.region_of_district,
        ["r"],
        {"r": cl.per_material({m.value: 0.0 for m in MATERIALS})},
        np.zeros((3, 1)),
        np.zeros((3, 1, len(MATERIALS))),
        r.years,
        climate,
        unplaced_by_region(r.inputs, r.arrays["unplaced"]),
    )
    k = e.methane.landfill_ids.index("unplanned_dump_r")
    expected_2027 = (6 * (1 - math.exp(-0.06)) + 4 * (1 - math.exp(-0.04))) * 0.5 * 16 / 12
    assert e.methane.emitted[2, k] == pytest.approx(expected_2027)
    assert e.methane.emitted[1, k] == 0.0  # nothing decays in the deposit year


def test_gap_between_old_and_new_landfill_in_the_bundled_data():
    """Closing the Semey city landfill in 2026 with the new one opening in 2027 loses nothing:
    2026's Semey and Zhanasemey waste goes to Abai's unplanned dump, with no gate fee."""
    from planner.economics import evaluate

    announced = load_presets()["announced"]
    levers = announced.levers.model_copy(
        update={"closed_facilities": {"semey_city_landfill": 2026}}
    )
    scenario = announced.model_copy(update={"levers": levers})
    r = project(scenario)
    t = r.years.index(2026)
    unplaced = r.kpi("unplaced_landfilled_t", "abai")[t]
    assert unplaced > 50_000
    deposited = sum(r.fac_input[p.facility.id][t].sum() for p in r.inputs.landfills)
    assert deposited + unplaced == pytest.approx(
        r.kpi("landfilled_t", "abai")[t] + r.kpi("landfilled_t", "ulytau")[t]
    )
    econ = evaluate(scenario, r)
    base = evaluate(announced, project(announced))
    fee = econ.items[("landfill_gate_fee", "tariff_payers")][t, 0]
    fee_base = base.items[("landfill_gate_fee", "tariff_payers")][t, 0]
    assert fee < fee_base  # the unplanned dump charges nothing
    assert "unplanned_dump_abai" in econ.methane.landfill_ids


def test_validate_warns_but_passes(tmp_path, capsys):
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    text = (root / "scenarios" / "02_announced_projects.toml").read_text(encoding="utf-8")
    text = text.replace("semey_city_landfill = 2027", "semey_city_landfill = 2026")
    text = text.replace('baseline = "baseline/abai_ulytau.toml"', 'baseline = "abai_ulytau"')
    path = tmp_path / "gap.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "warning: abai 2026" in out and "unplanned dump" in out
    assert main(["--lang", "ru", "validate", str(path)]) == 0
    assert "предупреждение: abai 2026" in capsys.readouterr().out


years_st = st.integers(2025, 2031)


@st.composite
def landfill_scenarios(draw):
    data = one_district_data()
    data["end_year"] = 2031
    region = data["baseline"]["regions"][0]
    second = dict(region["districts"][0], id="e", collection_coverage=draw(st.floats(0, 1)))
    region["districts"].append(second)
    lf = region["landfills"][0]
    lf["remaining_capacity_t"] = draw(st.floats(0, 5000))
    lf["districts_served"] = draw(st.sampled_from([["d"], ["e"], ["d", "e"]]))
    start = draw(st.one_of(st.none(), years_st))
    if start is not None:
        lf["start_year"] = start
    close = draw(st.one_of(st.none(), years_st))
    if close is not None and (start is None or close > start):
        lf["close_year"] = close
    new_start = draw(years_st)
    new = {
        "id": "lf2",
        "region": "r",
        "name": {"ru": "Н", "kk": "Н", "en": "N"},
        "lat": 50.0,
        "lon": 80.0,
        "districts_served": draw(st.sampled_from([["d"], ["e"], ["d", "e"]])),
        "type": draw(st.sampled_from(["sanitary", "controlled", "uncontrolled"])),
        "start_year": new_start,
        "remaining_capacity_t": draw(st.floats(0, 5000)),
    }
    new_close = draw(st.one_of(st.none(), years_st))
    if new_close is not None and new_close > new_start:
        new["close_year"] = new_close
    data["levers"] = {"new_landfills": [new]}
    return build(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landfill_scenarios())
def test_deposits_equal_landfilled_flows_every_year(scenario):
    """Invariant: in every year and region, what landfills and unplanned dumps receive equals
    the landfilled flow, whatever the facilities' start and closure years."""
    r = project(scenario)
    landfilled = r.arrays["landfilled"].sum(axis=(1, 2))
    deposited = sum(f.sum(axis=1) for f in r.fac_input.values() if f.shape[1] == len(MATERIALS))
    deposited = sum(r.fac_input[p.facility.id].sum(axis=1) for p in r.inputs.landfills)
    unplaced = r.arrays["unplaced"].sum(axis=(1, 2))
    np.testing.assert_allclose(deposited + unplaced, landfilled, rtol=1e-9, atol=1e-6)
    table = r.landfills.groupby("year")["deposited_t"].sum().to_numpy()
    np.testing.assert_allclose(table, landfilled, rtol=1e-9, atol=1e-6)
    # unplaced only where no landfill serving the district operates
    for t in range(len(r.years)):
        for i in range(len(r.inputs.district_ids)):
            served = any(p.operating[t] and i in p.district_index for p in r.inputs.landfills)
            if served:
                assert r.arrays["unplaced"][t, i].sum() == 0.0
            else:
                assert r.arrays["unplaced"][t, i].sum() == pytest.approx(
                    r.arrays["landfilled"][t, i].sum()
                )


# --------------------------------------------------------------------------------------------
# Landfill years left, per landfill
# --------------------------------------------------------------------------------------------


def test_earliest_full_landfill_is_named():
    data = one_district_data()
    data["end_year"] = 2030
    r = project(build(data))  # 1000 t capacity, 360 t/yr: full at the end of 2027
    assert earliest_full_landfill(r) == ("lf", 2027)
    assert earliest_full_landfill(r, "r") == ("lf", 2027)
    np.testing.assert_allclose(r.kpi("earliest_landfill_full_year", "r"), 2027.0)
    data["baseline"]["regions"][0]["landfills"][0]["remaining_capacity_t"] = (
        4e8  # within the 500 Mt bound
    )
    r = project(build(data))
    assert earliest_full_landfill(r) is None
    assert np.isnan(r.kpi("earliest_landfill_full_year")).all()


def test_bau_semey_is_the_first_full_landfill_of_abai():
    r = project(load_presets()["bau"])
    name, year = earliest_full_landfill(r, "abai")
    assert name == "semey_city_landfill"
    assert r.kpi("earliest_landfill_full_year", "abai")[0] == year


# --------------------------------------------------------------------------------------------
# Open burning (IPCC 2006 Vol. 5 Ch. 5)
# --------------------------------------------------------------------------------------------


def _burning(share: float = 0.5) -> OpenBurning:
    return OpenBurning(
        burned_share=share,
        dry_matter=per_material(
            organics=0.4,
            paper=0.9,
            plastics=1.0,
            glass=1.0,
            metals=1.0,
            textiles=0.8,
            wood=0.85,
            other=0.9,
        ),
        carbon_fraction=per_material(
            organics=0.38, paper=0.46, plastics=0.75, textiles=0.5, wood=0.5, other=0.03
        ),
        fossil_carbon_fraction=per_material(paper=0.01, plastics=1.0, textiles=0.2, other=1.0),
    )


def test_open_burning_hand_computed():
    """50 t burned (organics 25, paper 10, plastics 5, glass 5, metals 5):
    fossil CO2 = (10·0.9·0.46·0.01 + 5·1·0.75·1)·0.58·44/12 = 8.0631 t;
    CH4 = 50·0.0065 = 0.325 t; dry = 25·0.4 + 10·0.9 + 15 = 34 t, N2O = 34·0.00015 = 0.0051 t;
    black carbon = 50·0.00065 = 0.0325 t."""
    burned = np.array([[25.0, 10.0, 5.0, 5.0, 5.0, 0.0, 0.0, 0.0]])
    e = cl.open_burning(burned, _burning())
    co2 = (10 * 0.9 * 0.46 * 0.01 + 5 * 0.75) * 0.58 * 44 / 12
    assert e.co2_t[0] == pytest.approx(co2) and co2 == pytest.approx(8.0631, abs=1e-4)
    assert e.ch4_t[0] == pytest.approx(0.325)
    assert e.n2o_t[0] == pytest.approx(0.0051)
    assert e.black_carbon_t[0] == pytest.approx(0.0325)
    assert e.burned_t[0] == pytest.approx(50.0)


def test_open_burning_in_the_emissions_total(climate):
    """One district: burned = 100 t uncollected × 0.5; CO2e = CO2 + 28·CH4 + 265·N2O, and black
    carbon stays out of the total."""
    r = project(build(one_district_data()))
    climate = climate.model_copy(update={"open_burning": _burning(0.5)})
    zero = np.zeros((3, 1))
    args = (
        r.inputs.landfills,
        r.fac_input,
        r.arrays["uncollected"],
        r.inputs.region_of_district,
        ["r"],
        {"r": cl.per_material(per_material(organics=1.0))},
        zero,
        np.zeros((3, 1, len(MATERIALS))),
        r.years,
    )
    e = cl.emissions(*args, climate).arrays
    burned = r.arrays["uncollected"][0, 0] * 0.5  # organics 25, paper 10, 5 each of the rest
    expected = cl.open_burning(burned[None, :], _burning(0.5))
    tco2e = expected.co2_t[0] + 28 * expected.ch4_t[0] + 265 * expected.n2o_t[0]
    assert e["open_burning_tco2e"][0, 0] == pytest.approx(tco2e)
    assert e["emissions_tco2e"][0, 0] == pytest.approx(
        e["landfill_tco2e"][0, 0] + e["composting_tco2e"][0, 0] + tco2e
    )
    assert e["black_carbon_t"][0, 0] == pytest.approx(50 * 0.00065)


def test_burned_and_dumped_shares_cannot_exceed_one(climate):
    with pytest.raises(ValueError, match="at most 1"):
        type(climate).model_validate(
            {**climate.model_dump(), "open_burning": {**_burning(0.9).model_dump()}}
        )


def _collection_effect(climate, burned: float, dumped: float) -> float:
    """Total CO2e 2025–2027 at 100 % coverage minus at 80 % (one district)."""
    gas = climate.landfill_gas.model_copy(update={"uncollected_dumped_share": dumped})
    climate = climate.model_copy(update={"open_burning": _burning(burned), "landfill_gas": gas})
    totals = []
    for coverage in (0.8, 1.0):
        data = one_district_data()
        data["baseline"]["regions"][0]["districts"][0]["collection_coverage"] = coverage
        data["baseline"]["regions"][0]["landfills"][0]["remaining_capacity_t"] = 1e6
        r = project(build(data))
        e = cl.emissions(
            r.inputs.landfills,
            r.fac_input,
            r.arrays["uncollected"],
            r.inputs.region_of_district,
            ["r"],
            {"r": cl.per_material(per_material(organics=1.0))},
            np.zeros((3, 1)),
            np.zeros((3, 1, len(MATERIALS))),
            r.years,
            climate,
        )
        totals.append(float(e.arrays["emissions_tco2e"].sum()))
    return totals[1] - totals[0]


def test_collection_effect_follows_from_the_stated_shares(climate):
    """By hand: 100 t/yr more collected go to the controlled landfill (MCF 0.6), where they
    start to decay a year later.  If uncollected waste were all burned, collecting it saves
    each year's burning at once (≈0.45 t CO2e/t here: plastics 10 % fossil CO2 0.16, CH4
    6.5 kg·28 = 0.18, N2O) ⇒ fewer emissions.  If it were all dumped (MCF 0.4), collecting
    moves it to a site with a higher MCF ⇒ more methane, so more emissions."""
    assert _collection_effect(climate, burned=1.0, dumped=0.0) < 0
    assert _collection_effect(climate, burned=0.0, dumped=1.0) > 0


# --------------------------------------------------------------------------------------------
# Landfill gas collection
# --------------------------------------------------------------------------------------------


def test_capture_costs_by_hand():
    capex, opex = lg.capture_costs_kzt(2027, 1000.0, 100.0, [2025, 2026, 2027, 2028])
    np.testing.assert_allclose(capex, [0, 0, 1000, 0])
    np.testing.assert_allclose(opex, [0, 0, 100, 100])


def test_gas_capture_lever_by_hand():
    """Capture 0.6 from 2029 at the Semey city landfill (controlled, OX 0): from 2029 its CH4
    emitted is 0.4 × generated, recovered 0.6 × generated; before, nothing changes; the cost
    lines carry the capex in 2029 and the opex from then on, paid by the local budget."""
    from planner.economics import evaluate

    bau = load_presets()["bau"]
    gas = {
        "landfill": "semey_city_landfill",
        "start_year": 2029,
        "capture_share": 0.6,
        "capex_kzt": 1.5e9,
        "opex_kzt_per_yr": 75e6,
    }
    levers = type(bau.levers).model_validate(
        {**bau.levers.model_dump(), "landfill_gas_capture": [gas]}
    )
    scenario = bau.model_copy(update={"levers": levers})
    r = project(scenario)
    base, econ = evaluate(bau, r), evaluate(scenario, r)
    k = econ.methane.landfill_ids.index("semey_city_landfill")
    t = r.years.index(2029)
    gen = econ.methane.generated[:, k]
    np.testing.assert_allclose(gen, base.methane.generated[:, k])
    np.testing.assert_allclose(econ.methane.emitted[t:, k], 0.4 * gen[t:])
    np.testing.assert_allclose(econ.methane.recovered[t:, k], 0.6 * gen[t:])
    np.testing.assert_allclose(econ.methane.emitted[:t, k], base.methane.emitted[:t, k])
    capex = econ.items[("capex_landfill_gas", "local_budget")][:, 0]
    opex = econ.items[("opex_landfill_gas", "local_budget")][:, 0]
    assert capex[t] == 1.5e9 and capex.sum() == 1.5e9
    assert opex[t:].tolist() == [75e6] * (len(r.years) - t) and opex[:t].sum() == 0
    assert econ.kpi("capex_kzt", "abai")[t] - base.kpi("capex_kzt", "abai")[t] == 1.5e9


def test_unknown_gas_capture_landfill_is_refused():
    data = one_district_data()
    data["levers"] = {
        "landfill_gas_capture": [{"landfill": "nope", "start_year": 2026, "capture_share": 0.5}]
    }
    with pytest.raises(ValueError, match="nope"):
        build(data)


def test_methane_notes_sanitary_without_capture(climate):
    """A sanitary landfill (MCF 1.0, OX 0.1) without capture emits 1.0·0.9/0.4 = 2.25 × what
    the same deposits emit on a dump; capture of 0.6 brings it to 0.4 × 2.25 = 0.9 ×."""
    data = one_district_data()
    data["baseline"]["regions"][0]["landfills"][0]["type"] = "sanitary"
    data["baseline"]["regions"][0]["landfills"][0]["remaining_capacity_t"] = 1e6
    r = project(build(data))
    args = (r.inputs.landfills, r.fac_input, r.years, {"r": np.zeros(len(MATERIALS))}, climate)
    (note,) = lg.methane_notes(*args)
    assert note.sanitary_without_capture and not note.captured
    assert note.ch4_emitted_t == pytest.approx(2.25 * note.ch4_as_dump_t)
    assert note.extra_vs_dump_t == pytest.approx(1.25 * note.ch4_as_dump_t)
    (captured,) = lg.methane_notes(*args, capture={"lf": (2025, 0.6)})
    assert captured.captured and not captured.sanitary_without_capture
    assert captured.ch4_emitted_t == pytest.approx(0.9 * note.ch4_as_dump_t)


def test_collection_effect_in_the_base_year_by_hand(climate):
    """One year only (2025): nothing decays in its deposit year, so the 100 t collected more go
    to the landfill without methane yet, while the 100 t no longer uncollected stop burning:
    the change is −(burned share × the open-burning CO2e of 100 t of the region's mix)."""
    gas = climate.landfill_gas.model_copy(update={"uncollected_dumped_share": 0.5})
    climate = climate.model_copy(update={"open_burning": _burning(0.4), "landfill_gas": gas})
    totals = []
    for coverage in (0.8, 1.0):
        data = one_district_data()
        data["end_year"] = 2025
        data["baseline"]["regions"][0]["districts"][0]["collection_coverage"] = coverage
        r = project(build(data))
        e = cl.emissions(
            r.inputs.landfills,
            r.fac_input,
            r.arrays["uncollected"],
            r.inputs.region_of_district,
            ["r"],
            {"r": cl.per_material(per_material(organics=1.0))},
            np.zeros((1, 1)),
            np.zeros((1, 1, len(MATERIALS))),
            r.years,
            climate,
        )
        totals.append(float(e.arrays["emissions_tco2e"].sum()))
    # 40 t burned: organics 20, paper 8, plastics 4, glass 4, metals 4
    co2 = (8 * 0.9 * 0.46 * 0.01 + 4 * 0.75) * 0.58 * 44 / 12
    dry = 20 * 0.4 + 8 * 0.9 + 12
    burned_co2e = co2 + 28 * 40 * 0.0065 + 265 * dry * 0.00015
    assert totals[1] - totals[0] == pytest.approx(-burned_co2e)
