"""AppTest of what the UI review asked for: honest targets, names in the user's language
instead of ids, empty cells instead of "None", rates shown in %, distinct names for the two
"cost per tonne" figures, uncollected-waste dumps named in the methane tables."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import planner
from msw_app.views.names import UNCOLLECTED_DUMPS_NAMES
from tests.app_session import open_app, open_page

LATIN_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


def _page(page: str | None, lang: str) -> AppTest:
    at = open_page(page, lang, timeout=90) if page else open_app(lang, timeout=90)
    assert not at.exception, at.exception
    return at


def _progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


@pytest.mark.parametrize(
    ("lang", "official", "region", "real"),
    [
        # 4.5 % (both regions) before issue #11: lower urban generation (0.28 t/yr) and the
        # 50 kt/yr Zhezkazgan complex raised the announced preset's real recycling to 5.3 %;
        # issue #12 shows each region's own bars (Abai first: 4.9 %), not the sum's.
        ("ru", "официальный показатель", "Абай: ", "Реальная переработка: 4,9\u00a0% из 40\u00a0%"),
        ("kk", "ресми көрсеткіш", "Абай: ", "Нақты қайта өңдеу: 4,9%, мақсат 40%"),
        ("en", "official indicator", "Abai: ", "Real recycling: 4.9% of 40%"),
    ],
)
def test_overview_targets_name_the_official_indicator_and_show_real_recycling(
    lang, official, region, real
):
    at = _page(None, lang)  # the announced preset opens first, both regions
    texts = _progress_texts(at)
    assert len(texts) == 4  # per region (2030): the official indicator, then real recycling
    assert region in texts[0] and "2030" in texts[0]
    assert any(official in c.value for c in at.caption)  # the note names the official bar
    assert texts[1].startswith(real)
    # The official bar is full (target met by counting sorting), the recycling bar is not.
    bars = [p.proto.value for p in at.get("progress")]
    assert bars[0] == 100 and bars[1] < 20


def test_siting_tables_show_names_in_russian():
    at = _page("page_siting.py", "ru")
    at.button(key="FormSubmitter:w_siting_form-Рассчитать план").click().run()
    assert not at.exception, at.exception
    lines, assignments = (d.value for d in at.dataframe[1:3])
    sites = list(lines["Площадка"]) + list(assignments["Площадка"])
    districts = list(assignments["Район"])
    assert "г. Семей" in districts
    for name in sites + districts:
        assert re.search("[А-Яа-яЁё]", name), name
        assert not LATIN_ID.match(name), name
    labels = [m.label for m in at.metric]
    assert any(label.startswith("Реальная переработка 2030") for label in labels)
    assert any(label.startswith("Офиц. доля переработки 2030") for label in labels)


def test_siting_extra_sites_editor_has_translated_headers_and_percent_sliders():
    at = _page("page_siting.py", "kk")
    config = json.loads(at.dataframe[0].proto.columns)
    labels = {column: config[column]["label"] for column in ("id", "region", "lat", "lon")}
    assert labels == {"id": "Алаң коды", "region": "Облыс", "lat": "Ендік, °", "lon": "Бойлық, °"}
    discount = at.select_slider(key="w_siting_discount")
    # marks as Kazakh writes them (issue 12: Streamlit's "percent" format wrote "10.0%")
    assert "10%" in discount.options and not any("." in o for o in discount.options)
    assert 0 < discount.value < 1  # the model still gets a fraction


def test_assumptions_empty_cells_are_numbers_not_none_and_growth_is_in_percent():
    at = _page("page_assumptions.py", "ru")
    # Every editor shows an empty cell as empty (Streamlit's default text is "None").
    assert all(d.proto.HasField("placeholder") and d.proto.placeholder == "" for d in at.dataframe)
    frames = [d.value for d in at.dataframe]
    districts = next(f for f in frames if "coverage_target" in f.columns)
    assert districts["coverage_target"].dtype == float
    assert districts["coverage_year"].dtype == float
    closures = next(f for f in frames if "close_year" in f.columns)
    assert closures["close_year"].dtype == float
    facilities = next(f for f in frames if "districts_served" in f.columns)
    assert list(facilities.columns[:4]) == ["name", "capacity", "start_year", "districts_served"]
    (growth,) = [s for s in at.select_slider if s.key.endswith("levers.generation_growth_per_yr")]
    # in percent with one decimal, written as Russian writes it (issue 12: "1.0%" was English)
    assert "2,0\u00a0%" in growth.options and "-5,0\u00a0%" in growth.options
    assert not any("." in option for option in growth.options)
    growth.set_value(0.02).run()
    assert not at.exception, at.exception
    variant = next(iter(at.session_state["msw_variants"].values()))
    assert variant.current().levers.generation_growth_per_yr == pytest.approx(0.02)


def test_economics_names_instead_of_ids():
    from msw_app import page_economics as pe

    assert pe.tariff_label("almaty_2025", "ru") == "Алматы, 2025"
    assert pe.tariff_label("semey_2019", "kk") == "Семей, 2019 тарифі"
    assert pe.tariff_label("new_town_2026", "en") == "New town 2026"
    presets = planner.load_presets()
    scenario = presets["target_40_2030"]
    result = pe.evaluate(scenario, pe.EconomicsOverrides())
    table = pe.loans_table(result, scenario, "ru")
    facilities = list(table["Объект"])
    assert facilities and not any(LATIN_ID.match(f) for f in facilities)
    # Every tariff benchmark of the baseline has a translation.
    tariffs = scenario.resolved_baseline().economics.tariffs.kzt_per_resident_month
    from msw_app import i18n

    assert all(i18n.has(f"econ.tariff.{k}") for k in tariffs)


def test_economics_cost_per_tonne_figures_have_distinct_names():
    from msw_app import i18n
    from msw_app import page_economics as _  # noqa: F401  (registers the texts)

    for lang in i18n.LANGS:
        card = i18n.t("econ.per_t_diverted", lang, year=2030)
        axis = i18n.t("econ.axis.per_t", lang)
        assert card.split(",")[0] not in axis and axis.split(",")[0] not in card
    at = _page("page_economics.py", "en")
    card = next(m for m in at.metric if m.label.startswith("Diversion cost per t"))
    assert "cost-effectiveness" in card.help
    assert any("not the “diversion cost per t”" in c.value for c in at.caption)
    assert any("same operator runs sorting and the landfill" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_climate_names_the_dumps_of_uncollected_waste(lang):
    at = _page("page_climate.py", lang)
    table = at.dataframe[0].value
    names = list(table.iloc[:, 0])
    dumps = UNCOLLECTED_DUMPS_NAMES[lang]
    assert sum(n.startswith(dumps) for n in names) == 2  # one per region
    assert not any(LATIN_ID.match(n) for n in names)
    captions = " ".join(c.value for c in at.caption)
    assert "not counted" not in captions and "не учтены" not in captions
    assert dumps in captions or UNCOLLECTED_DUMPS_NAMES[lang].split(" (")[0] in captions


def test_chart_titles_wrap_and_map_labels_do_not_share_a_spot():
    from msw_app import charts

    lines = charts.wrap_title("Ш" * 10 + " " + "ы" * 40 + " " + "қ" * 30)
    assert all(len(line) <= charts.TITLE_WRAP for line in lines) and len(lines) == 3
    lat = pd.Series([50.41, 50.41, 47.0])
    lon = pd.Series([80.23, 80.23, 70.0])
    positions = charts.label_positions(lat, lon, ["г. Семей", "район Жанасемей", "X"])
    assert positions[0] != positions[1]
