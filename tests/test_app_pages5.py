"""AppTest of the page gaps of issue 12 closed last: percent sliders in the language on the
Assumptions page, table cells that are never empty where a default exists, Compare's levelised
costs per region against the reference, and the siting page's effect per region."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_session import open_page

PERCENT_MARK = {"ru": "52\u00a0%", "kk": "52%", "en": "52%"}
"""How a lever share of 52 % reads on a slider (as the cards write it)."""


def _page(page: str, lang: str) -> AppTest:
    at = open_page(page, lang, timeout=90)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_percent_slider_on_assumptions_reads_in_the_language(lang: str) -> None:
    at = _page("page_assumptions.py", lang)
    # no slider with Streamlit's own format ("52.0%" in every language) is left
    assert not [s.label for s in at.main.slider]
    levers = [s for s in at.select_slider if s.key and s.key.startswith("lv")]
    paths = {s.key.split(":", 1)[1] for s in levers}
    assert {
        "levers.recovery_mixed.plastics",
        "levers.recovery_separate.paper",
        "levers.capture.glass",
        "levers.participation#share",
        "levers.generation_growth_per_yr",
    } <= paths
    for s in levers:
        if s.key.endswith("generation_growth_per_yr"):
            continue
        assert PERCENT_MARK[lang] in s.options, (s.label, s.options[:3])
        if lang != "en":
            assert not any("." in option for option in s.options), s.options[:3]
    (growth,) = [s for s in levers if s.key.endswith("generation_growth_per_yr")]
    one = {"ru": "1,0\u00a0%", "kk": "1,0%", "en": "1.0%"}[lang]
    assert one in growth.options


def test_a_percent_slider_edit_reaches_the_projection_exactly() -> None:
    at = _page("page_assumptions.py", "ru")
    (paper,) = [s for s in at.select_slider if s.key.endswith(":levers.capture.paper")]
    paper.set_value(0.73).run()
    assert not at.exception, at.exception
    variant = at.session_state["msw_variants"]["announced_mine"]
    assert variant.edits["levers.capture.paper"] == 0.73
    assert variant.scenario.levers.capture["paper"] == pytest.approx(0.73)
    (paper,) = [s for s in at.select_slider if s.key.endswith(":levers.capture.paper")]
    assert paper.value == 0.73


# --------------------------------------------------------------------------------------------
# Table cells: never an empty choice (Streamlit's "Select..." is English in every language)
# --------------------------------------------------------------------------------------------


def test_a_campaign_of_all_districts_lists_them_and_goes_back_unchanged() -> None:
    import planner
    from msw_app.views import rows as editor_rows
    from planner import edit

    scenario = planner.load_presets()["separate_collection"]
    ids = [d.id for r in scenario.resolved_baseline().regions for d in r.districts]
    entries = [c.model_dump(mode="json") for c in scenario.levers.awareness_campaigns]
    assert entries[0]["districts"] is None  # the preset's campaign reaches every district
    rows = editor_rows.campaign_rows(entries, ids)
    assert rows[0]["districts"] == ids
    back = editor_rows.campaigns_from_rows(rows, ids)
    assert back[0]["districts"] is None
    same = edit.apply_edits(scenario, {"levers.awareness_campaigns": back})
    assert same.levers.awareness_campaigns == scenario.levers.awareness_campaigns
    # narrowing it to two districts is kept as chosen; clearing the cell still means all
    rows[0]["districts"] = ids[:2]
    assert editor_rows.campaigns_from_rows(rows, ids)[0]["districts"] == ids[:2]
    rows[0]["districts"] = []
    assert editor_rows.campaigns_from_rows(rows, ids)[0]["districts"] is None


def test_a_landfill_row_without_a_type_shows_the_default_type() -> None:
    from msw_app.views import rows as editor_rows

    (row,) = editor_rows.rows_from_entries([{"id": "x", "name": "X"}], "new_landfills", "ru")
    assert row["type"] == editor_rows.DEFAULT_LANDFILL_TYPE == "sanitary"


def _column(editor, name: str) -> dict:
    import json

    return json.loads(editor.proto.columns)[name]


def test_assumption_choice_cells_are_filled_and_new_campaigns_reach_every_district() -> None:
    import planner

    scenario = planner.load_presets()["separate_collection"]
    ids = [d.id for r in scenario.resolved_baseline().regions for d in r.districts]
    at = _page("page_assumptions.py", "ru")
    picker = next(s for s in at.selectbox if s.key and s.key.startswith("w_scenario"))
    picker.set_value("separate_collection").run()
    assert not at.exception, at.exception
    (campaigns,) = [d for d in at.data_editor if ":campaigns:" in (d.key or "")]
    assert [list(cell) for cell in campaigns.value["districts"]] == [ids]
    assert list(_column(campaigns, "districts")["default"]) == ids
    filled = 0
    for editor in at.data_editor:
        for column in ("region", "type"):
            if column in editor.value.columns:
                assert editor.value[column].notna().all(), (editor.key, column)
                filled += 1
    assert filled >= 2
    captions = [c.value for c in at.caption]
    assert any("«Select...»" in c and "Streamlit 1.67" in c for c in captions)


# --------------------------------------------------------------------------------------------
# Compare: levelised costs per region against the reference
# --------------------------------------------------------------------------------------------


def _hand_levelised_from_csv(option: str, reference: str, region: str) -> tuple[float, float]:
    """Levelised costs of diversion [KZT/t] and of abatement [KZT/tCO2e] of ``option``
    against ``reference`` in ``region``, by hand from the KPI CSV's columns: Δ NPV of costs
    (``npv_cost_kzt`` in the last year) ÷ Δ Σ (recycled_t + composted_t)/(1 + r)^(y − y0),
    and ÷ Σ Δ net_emissions_tco2e/(1 + r)^(y − y0) (reference − option)."""
    import io

    import pandas as pd

    import planner
    from planner import economics as ec
    from planner.export import kpis_csv

    presets = planner.load_presets()
    runs = [planner.project(presets[s]) for s in (option, reference)]
    money = [ec.evaluate(presets[s], p) for s, p in zip((option, reference), runs, strict=True)]
    table = pd.read_csv(io.StringIO(kpis_csv(runs, money)), keep_default_na=False)
    rate = presets[option].resolved_baseline().economics.macro.discount_rate

    def column(scenario: str, kpi: str) -> pd.Series:
        rows = table[
            (table.scenario == scenario)
            & (table.region == region)
            & (table.district == "")
            & (table.kpi == kpi)
        ]
        return rows.set_index("year")["value"].astype(float).sort_index()

    def discounted(series: pd.Series) -> float:
        years = series.index.to_numpy()
        return float((series.to_numpy() / (1 + rate) ** (years - years[0])).sum())

    d_cost = column(option, "npv_cost_kzt").iloc[-1] - column(reference, "npv_cost_kzt").iloc[-1]
    diverted = {s: column(s, "recycled_t") + column(s, "composted_t") for s in (option, reference)}
    d_diverted = discounted(diverted[option]) - discounted(diverted[reference])
    abated = discounted(column(reference, "net_emissions_tco2e")) - discounted(
        column(option, "net_emissions_tco2e")
    )
    return d_cost / d_diverted, d_cost / abated


@pytest.mark.parametrize("region", ["abai", "ulytau"])
def test_a_regions_levelised_cost_is_its_own_deltas_by_hand(region: str) -> None:
    import planner
    from msw_app.views.compare import levelised_rows, region_row
    from planner import economics as ec

    presets = planner.load_presets()
    results = [
        ec.evaluate(presets[s], planner.project(presets[s])) for s in ("target_40_2030", "bau")
    ]
    rows = levelised_rows(results, "bau", [region, ""])
    diversion, abatement = _hand_levelised_from_csv("target_40_2030", "bau", region)
    got = rows["target_40_2030"]
    assert got[region_row("levelised_cost_of_diversion_kzt_per_t", region)] == pytest.approx(
        diversion, rel=1e-6
    )
    assert got[region_row("levelised_cost_of_abatement_kzt_per_tco2e", region)] == pytest.approx(
        abatement, rel=1e-6
    )
    # both together are planner.economics.compare's figures, unchanged
    both = ec.compare(results, "bau").set_index("scenario").loc["target_40_2030"]
    assert (
        got["levelised_cost_of_diversion_kzt_per_t"]
        == both["levelised_cost_of_diversion_kzt_per_t"]
    )


def _open(lang: str, region: str, page: str) -> AppTest:
    """The app in ``lang`` with ``?region=``, switched to ``msw_app/<page>``."""
    from tests.app_session import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["region"] = region
    at.run()
    at.switch_page(f"msw_app/{page}").run()
    assert not at.exception, at.exception
    return at


def _compare(lang: str, region: str) -> AppTest:
    return _open(lang, region, "page_compare.py")


def _kzt_per_t(value: float, lang: str, unit: str = "unit.kzt_per_t") -> str:
    from msw_app import i18n

    assert value > 0  # the announced projects cost more than BAU in both regions
    return i18n.quantity(value, i18n.t(unit, lang), lang, 0)


def test_compare_both_shows_each_regions_levelised_cost_beside_the_sum() -> None:
    at = _compare("en", "all")
    differences = at.dataframe[-1].value
    against = "against “Business as usual” (2025–2050)"
    for region, name in (("abai", "Abai"), ("ulytau", "Ulytau")):
        diversion, abatement = _hand_levelised_from_csv("announced", "bau", region)
        row = f"{name} · levelised cost of diversion, {against}"
        assert differences.loc[row, "Announced projects"] == _kzt_per_t(diversion, "en")
        row = f"{name} · levelised cost of abatement, {against}"
        assert differences.loc[row, "Announced projects"] == _kzt_per_t(
            abatement, "en", "unit.kzt_per_tco2e"
        )
    # the sum stays, beside the regions (never only the sum)
    assert f"Levelised cost of diversion, {against}" in differences.index
    captions = [c.value for c in at.caption]
    cheapest = "cheapest per tonne diverted (levelised, against “Business as usual”)"
    for name in ("Abai", "Ulytau"):
        assert f"{name}: {cheapest}: “Announced projects”." in captions


def test_compare_one_region_shows_only_its_own_levelised_cost_in_russian() -> None:
    at = _compare("ru", "ulytau")
    differences = at.dataframe[-1].value
    levelised = [i for i in differences.index if "приведённая стоимость" in i.lower()]
    assert len(levelised) == 2 and all(i.startswith("Улытау · приведённая") for i in levelised)
    diversion, _ = _hand_levelised_from_csv("announced", "bau", "ulytau")
    (row,) = [i for i in levelised if "отведения" in i]
    assert differences.loc[row].item() == _kzt_per_t(diversion, "ru")
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Улытау: дешевле всего на отведённую тонну") for c in captions)
    assert not any(c.startswith("Дешевле всего на отведённую тонну") for c in captions)


def test_cheapest_per_tonne_of_a_region_is_the_least_of_its_own_levelised_costs() -> None:
    import planner
    from msw_app.views.compare import cheapest_against
    from planner import economics as ec

    ids = ("bau", "announced", "separate_collection", "target_40_2030")
    presets = planner.load_presets()
    results = [ec.evaluate(presets[s], planner.project(presets[s])) for s in ids]
    for region in ("abai", "ulytau"):
        costs = {s: _hand_levelised_from_csv(s, "bau", region)[0] for s in ids[1:]}
        finite = {s: c for s, c in costs.items() if c == c}
        assert cheapest_against(results, "bau", region) == min(finite, key=finite.get)
    assert cheapest_against(results, "bau") == ec.cheapest_per_tonne_diverted(
        ec.compare(results, "bau")
    )


# --------------------------------------------------------------------------------------------
# Siting: the plan's effect of the chosen region, or of each region side by side
# --------------------------------------------------------------------------------------------


def _siting(lang: str, region: str) -> AppTest:
    from tests.app_session import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["region"] = region
    at.run()
    at.switch_page("msw_app/page_siting.py").run()
    submit = [b for b in at.button if b.label in ("Solve", "Рассчитать план", "Жоспарды есептеу")]
    submit[0].click()
    at.run()
    assert not at.exception, at.exception
    return at


def _expected_effect(region: str) -> dict:
    """The plan's effect in ``region`` by hand: the default plan applied, both projections'
    KPIs of the region in the design year."""
    import planner
    from msw_app import compute
    from planner.siting.plan import apply_plan, build_problem, solve_problem

    scenario = planner.load_presets()["announced"]
    options = compute.siting_defaults()
    plan = solve_problem(build_problem(scenario, options))
    before, after = planner.project(scenario), planner.project(apply_plan(scenario, plan))
    i = before.years.index(options.design_year)

    def kpi(p, name):
        return float(p.kpi(name, region)[i])

    return {
        "year": options.design_year,
        "diverted_t": kpi(before, "landfilled_t") - kpi(after, "landfilled_t"),
        "processing": (kpi(before, "processing_share"), kpi(after, "processing_share")),
        "recycling": (kpi(before, "recycling_rate"), kpi(after, "recycling_rate")),
    }


def _effect_cards(at: AppTest, lang: str, year: int) -> list[tuple[str, str]]:
    from msw_app import i18n

    labels = {
        i18n.t(f"siting.{k}", lang, year=year) for k in ("diverted", "processing", "recycling")
    }
    return [(m.label, m.value) for m in at.metric if m.label in labels]


def test_siting_effect_cards_show_each_region_side_by_side() -> None:
    from msw_app import i18n

    at = _siting("en", "all")
    expected = {r: _expected_effect(r) for r in ("abai", "ulytau")}
    year = expected["abai"]["year"]
    cards = _effect_cards(at, "en", year)
    assert len(cards) == 6  # three per region, never only the sum
    for k, region in enumerate(("abai", "ulytau")):
        e = expected[region]
        diverted, processing, recycling = (value for _, value in cards[3 * k : 3 * k + 3])
        assert diverted == i18n.number(e["diverted_t"], "en")
        assert processing == " → ".join(i18n.percent(v, "en") for v in e["processing"])
        assert recycling == " → ".join(i18n.percent(v, "en") for v in e["recycling"])
    headers = [m.value for m in at.markdown]
    assert "**Abai**" in headers and "**Ulytau**" in headers
    # the regions' diverted tonnes add up to the plan's total effect
    total = at.session_state["msw_siting_result"]["effect"]["diverted_t"]
    assert sum(expected[r]["diverted_t"] for r in expected) == pytest.approx(total)


def test_siting_effect_cards_of_one_region_in_kazakh() -> None:
    from msw_app import i18n

    at = _siting("kk", "ulytau")
    e = _expected_effect("ulytau")
    cards = _effect_cards(at, "kk", e["year"])
    assert [value for _, value in cards] == [
        i18n.number(e["diverted_t"], "kk"),
        " → ".join(i18n.percent(v, "kk") for v in e["processing"]),
        " → ".join(i18n.percent(v, "kk") for v in e["recycling"]),
    ]


# --------------------------------------------------------------------------------------------
# Done when: four options against a stable reference, in the language
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", "не больше четырёх сценариев"),
        ("kk", "Төрт сценарийден артық"),
        ("en", "At most four scenarios"),
    ],
)
def test_a_fifth_scenario_is_refused_in_the_language_and_the_reference_stays(lang, words):
    at = _compare(lang, "all")
    pick = at.multiselect(key="w_compare_pick")
    assert not pick.proto.max_selections  # Streamlit's own limit says so in English only
    at.selectbox(key="w_compare_ref").set_value("announced").run()
    four = ["announced", "bau", "separate_collection", "target_40_2030"]
    at.multiselect(key="w_compare_pick").set_value(four).run()
    at.multiselect(key="w_compare_pick").set_value([*four, "reformed_epr"]).run()
    assert not at.exception, at.exception
    assert at.multiselect(key="w_compare_pick").value == four
    assert any(words in w.value for w in at.warning)
    assert at.selectbox(key="w_compare_ref").value == "announced"
    assert len(at.dataframe[-1].value.columns) == 3  # the other three against the reference
    at.run()
    assert not any(words in w.value for w in at.warning)  # said once


# --------------------------------------------------------------------------------------------
# Economics: the presets' cost-effectiveness in the chosen region, or in each region
# --------------------------------------------------------------------------------------------


def _economics(lang: str, region: str) -> AppTest:
    return _open(lang, region, "page_economics.py")


def _hand_cheapest(region: str) -> str:
    """The preset with the least levelised cost of diversion in ``region`` against BAU, from
    the KPI CSV by hand (:func:`_hand_levelised_from_csv`)."""
    import planner

    costs = {s: _hand_levelised_from_csv(s, "bau", region)[0] for s in planner.load_presets()}
    finite = {s: c for s, c in costs.items() if s != "bau" and c == c}
    return min(finite, key=finite.get)


def _cheapest_caption(lang: str, region: str, cheapest: str) -> str:
    """The caption the Economics page must show for ``cheapest`` (``region`` ``""``: both)."""
    import planner
    from msw_app import i18n
    from msw_app.safe_text import plain_md
    from msw_app.views.regions import region_label

    presets = planner.load_presets()
    base = plain_md(i18n.name(presets["bau"].name, lang))
    name = plain_md(i18n.name(presets[cheapest].name, lang))
    if not region:
        return i18n.t("cheapest_per_t", lang, base=base, name=name)
    where = plain_md(region_label(region, presets["announced"], lang))
    return i18n.t("pages5.cheapest_in_region", lang, region=where, base=base, name=name)


def _cheapest_both() -> str:
    import planner
    from planner import economics as ec

    results = [ec.evaluate(s, planner.project(s)) for s in planner.load_presets().values()]
    return ec.cheapest_per_tonne_diverted(ec.compare(results, "bau"))


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_economics_both_names_each_regions_cheapest_option_beside_the_sum(lang: str) -> None:
    at = _economics(lang, "all")
    captions = [c.value for c in at.caption]
    for region in ("abai", "ulytau"):
        assert _cheapest_caption(lang, region, _hand_cheapest(region)) in captions, region
    assert _cheapest_caption(lang, "", _cheapest_both()) in captions  # beside, not instead
    keys = {c.proto.id for c in at.get("plotly_chart")}
    assert len(keys) == 7  # costs, payers, tariffs, EPR, margin + one effectiveness a region


def test_economics_one_region_shows_only_its_own_cost_effectiveness() -> None:
    at = _economics("ru", "ulytau")
    captions = [c.value for c in at.caption]
    assert _cheapest_caption("ru", "ulytau", _hand_cheapest("ulytau")) in captions
    assert not any(c.startswith("Абай") and "дешевле всего" in c for c in captions)
    assert _cheapest_caption("ru", "", _cheapest_both()) not in captions
    assert len(at.get("plotly_chart")) == 6
