"""Each region's verdict on the national target (planner.targets)."""

from __future__ import annotations

import math

import pytest

import planner
from planner import targets as tg
from planner.bundled import bundled_scenarios_dir


@pytest.fixture(scope="module")
def bau():
    scenario = planner.load_scenario(bundled_scenarios_dir() / "01_business_as_usual.toml")
    return scenario, planner.project(scenario)


def _kpi(projection, name, region, year):
    k = projection.kpis
    row = k[(k.kpi == name) & (k.region == region) & (k.district == "") & (k.year == year)]
    return float(row.value.iloc[0])


def test_each_region_gets_its_own_verdict_from_the_kpi_table(bau):
    scenario, projection = bau
    targets = scenario.resolved_baseline().parameters.target_processing_share
    verdicts = tg.region_verdicts(projection, targets, 2030)
    assert [v.region for v in verdicts] == ["abai", "ulytau"]  # never only the sum
    for v in verdicts:
        share = _kpi(projection, "processing_share", v.region, 2030)
        generated = _kpi(projection, "generated_t", v.region, 2030)
        assert v.processing_share == pytest.approx(share, abs=1e-12)
        assert v.recycling_rate == pytest.approx(_kpi(projection, "recycling_rate", v.region, 2030))
        assert v.target_share == 0.40
        assert v.met is (share >= 0.40)
        expected = 0.0 if v.met else (0.40 - share) * generated
        assert v.shortfall_t_per_yr == pytest.approx(expected, rel=1e-12)
    total = tg.region_verdicts(projection, targets, 2030, include_total=True)[-1]
    assert total.region == "" and len(tg.region_verdicts(projection, targets, 2030, True)) == 3


def test_hand_case_shortfall_and_sentence():
    v = tg.RegionVerdict("ulytau", 2030, 0.40, 0.362, 0.05, 100_000.0)
    assert not v.met
    assert v.shortfall_t_per_yr == pytest.approx(3_800.0)  # (0.40 − 0.362) × 100 000 t/yr
    text = tg.verdict_sentence(v, "Улытау", "ru")
    assert text.startswith("Улытау: 36,2\u00a0% в 2030 году при цели 40\u00a0% — не достигнута")
    assert "3\u202f800 т/год" in text and "5,0\u00a0%" in text
    assert "not met: 3,800 t/yr more" in tg.verdict_sentence(v, "Ulytau", "en")
    assert "орындалмады" in tg.verdict_sentence(v, "Ұлытау", "kk")


def test_met_exactly_at_the_target_has_no_shortfall():
    v = tg.RegionVerdict("abai", 2050, 0.5, 0.5, 0.1, 1e5)
    assert v.met and v.shortfall_t_per_yr == 0.0
    assert "— достигнута" in tg.verdict_sentence(v, "Абай", "ru")


def test_no_verdict_for_a_year_without_target_or_outside_the_projection(bau):
    scenario, projection = bau
    assert tg.region_verdicts(projection, {2030: 0.4}, 2031) == []
    assert tg.region_verdicts(projection, {2200: 0.4}, 2200) == []
    with pytest.raises(ValueError, match="outside the projection"):
        tg.region_verdict(projection, "abai", 1990, 0.4)
    assert not math.isnan(tg.region_verdict(projection, "abai", 2050, 0.5).processing_share)
