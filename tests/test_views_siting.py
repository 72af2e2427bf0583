"""The siting page's presenter (issue #12): one region's part of the plan, markers that do not
hide each other, named places."""

from __future__ import annotations

import math

import pytest

from msw_app.views import siting as view
from planner import load_presets
from planner.siting.plan import map_frames, plan_sorting_lines

PLAN = plan_sorting_lines(load_presets()["bau"])


def test_region_summaries_add_up_to_the_plan():
    total = view.region_summary(PLAN, view.ALL)
    abai, ulytau = (view.region_summary(PLAN, r) for r in ("abai", "ulytau"))
    for key in ("new_lines", "capex_new_kzt", "annual_cost_kzt", "served_t"):
        assert abai[key] + ulytau[key] == pytest.approx(total[key], rel=1e-9), key
    assert abai["served_t"] > ulytau["served_t"] > 0
    assert abai["cost_per_t_kzt"] == pytest.approx(abai["annual_cost_kzt"] / abai["served_t"])


def test_one_region_keeps_only_its_rows():
    lines = view.in_region(PLAN.lines, "ulytau")
    assert len(lines) and set(lines.region) == {"ulytau"}
    assert len(view.in_region(PLAN.lines, view.ALL)) == len(PLAN.lines)


def test_spread_markers_keeps_apart_what_would_overlap():
    lat, lon = view.spread_markers([50.3, 50.3, 50.31, 47.0], [80.1, 80.1, 80.1, 70.0], 0.12)
    assert (lat[0], lon[0]) == (50.3, 80.1)  # the first stays where it is
    assert (lat[3], lon[3]) == (47.0, 70.0)  # a lone one too
    stretch = 1 / math.cos(math.radians(50.3))
    for i in range(3):
        for j in range(i + 1, 3):
            gap = math.hypot(lat[i] - lat[j], (lon[i] - lon[j]) / stretch)
            assert gap >= 0.12 * (1 - 1e-9)
    assert math.hypot(lat[1] - 50.3, (lon[1] - 80.1) / stretch) == pytest.approx(0.12)


def test_map_layers_place_a_new_line_beside_an_announced_one_and_links_follow():
    plan = plan_sorting_lines(load_presets()["announced"])
    layers = view.map_layers(plan, map_frames(plan), "abai")
    lines = layers["lines"]
    assert set(lines.region) == {"abai"}
    assert list(lines.status) == sorted(lines.status, key=view.STATUS_ORDER.index)
    points = list(zip(lines.map_lat, lines.map_lon, strict=True))
    assert len(set(points)) == len(points)
    # the existing Semey line (50.4° N, 80.25° E) no longer sits under the announced shop
    # (50.3° N, 80.1° E): they are 0.14° apart, a marker is wider than that on the map
    stretch = 1 / math.cos(math.radians(50.3))
    for i, (y1, x1) in enumerate(points):
        for y2, x2 in points[i + 1 :]:
            assert math.hypot(y1 - y2, (x1 - x2) / stretch) >= view.MAP_MIN_DEG * 0.999
    shown = dict(zip(lines.site, points, strict=True))
    links = layers["links"]
    assert all(
        (y, x) == shown[s]
        for s, y, x in zip(links.site, links.site_lat, links.site_lon, strict=True)
    )
