"""AppTest of issue #13: the sensitivity page (tornado, what to measure first) and the bands
toggle of Overview and Compare with each region's chance of meeting the target."""

from __future__ import annotations

from msw_app import compute
from msw_app.registry import PAGES
from tests.app_session import open_app, open_page


def _chances(at) -> list[str]:
    return [m.value for m in at.markdown if "chance of reaching" in m.value]


def test_the_sensitivity_page_names_what_to_measure_first_per_region():
    assert any(p.url_path == "sensitivity" for p in PAGES)
    at = open_page("page_sensitivity.py", "en", timeout=180)
    assert not at.exception
    assert at.title[0].value == "What to measure first"
    firsts = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any("Abai" in m for m in firsts) and any("Ulytau" in m for m in firsts)
    assert any("capacity" in m for m in firsts if "Ulytau" in m)


def test_the_sensitivity_page_in_kazakh():
    at = open_page("page_sensitivity.py", "kk", timeout=180)
    assert not at.exception
    assert at.title[0].value == "Ең алдымен нені өлшеу керек"


def test_the_overview_toggle_shows_each_regions_chance():
    at = open_app("en", timeout=180)
    assert not _chances(at)  # off by default: no cost on a slider rerun
    at.toggle(key="w_uncertainty_bands_overview").set_value(True).run()
    assert not at.exception
    lines = _chances(at)
    assert any("Abai region" in x and "2030" in x for x in lines)
    assert any("Ulytau region" in x and "2030" in x for x in lines)
    assert compute.APP_DRAWS >= 100


def test_the_compare_toggle_shows_the_chance_of_every_option():
    at = open_page("page_compare.py", "en", timeout=180)
    at.toggle(key="w_uncertainty_bands_compare").set_value(True).run()
    assert not at.exception
    lines = _chances(at)
    assert len(lines) >= 2 * 2 * 2  # two options × two regions × two target years
