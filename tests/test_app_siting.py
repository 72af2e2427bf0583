"""AppTest: the siting page — solve, map and tables, budget infeasibility, apply to scenario."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_session import open_page
from tests.app_text import shown


def siting_page(lang: str = "en") -> AppTest:
    return open_page("page_siting.py", lang, timeout=90)


def solve(at: AppTest) -> AppTest:
    submit = [b for b in at.button if b.label in ("Solve", "Рассчитать план", "Жоспарды есептеу")]
    submit[0].click()
    return at.run()


def test_page_runs_and_asks_to_solve():
    at = siting_page()
    assert not at.exception
    assert any("press Solve" in i.value for i in at.info)


def test_solve_shows_plan_and_apply_adds_lines():
    at = siting_page()
    at = solve(at)
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "New lines" in labels and "Cost per tonne, KZT" in labels
    new_lines = int(next(m for m in at.metric if m.label == "New lines").value)
    assert new_lines > 0
    assert len(at.dataframe) == 3  # extra-sites editor, lines, assignments
    before = len(at.session_state["msw_variants"])
    at.button(key="w_siting_apply").click().run()
    assert not at.exception
    assert len(at.session_state["msw_variants"]) == before + 1
    variant = next(iter(at.session_state["msw_variants"].values()))
    planned = [s for s in variant.current().levers.new_sorting_lines if s.id.startswith("planned_")]
    assert planned
    # the overview now projects the variant with the planned lines: more is sorted
    at.switch_page("msw_app/page_overview.py").run()
    assert not at.exception


def test_budget_too_small_explains_in_russian():
    at = siting_page("ru")
    at.number_input(key="w_siting_budget").set_value(1.0)
    at = solve(at)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and "самый дешёвый" in errors[0]


def test_too_few_lines_explains_how_many_in_kazakh():
    at = siting_page("kk")
    at.number_input(key="w_siting_max_lines").set_value(1)
    # with open lines serving their region (issue #12) one new line would do
    at.checkbox(key="w_siting_share_region").uncheck()
    at = solve(at)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and "кемінде 2 керек" in errors[0]


# The discount-rate and served-share sliders read in the language (issue #12): Streamlit's own
# "percent" format wrote "10.0%" in every language.
PERCENT_MARKS = {
    "ru": ("10\u00a0%", "100\u00a0%"),
    "kk": ("10%", "100%"),
    "en": ("10%", "100%"),
}


@pytest.mark.parametrize("lang", sorted(PERCENT_MARKS))
def test_discount_and_share_sliders_read_in_the_language(lang):
    at = siting_page(lang)
    assert not at.exception
    discount = at.select_slider(key="w_siting_discount")
    share = at.select_slider(key="w_siting_share")
    ten, hundred = PERCENT_MARKS[lang]
    assert ten in discount.options and hundred in share.options
    assert not any("." in mark for mark in (*discount.options, *share.options))
    # the model still gets fractions, the defaults of the siting options
    assert discount.value == pytest.approx(0.1) and share.value == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------
# Bad inputs (issue #10): a translated message, never a traceback; a stale plan is marked
# --------------------------------------------------------------------------------------------

STALE = {
    "en": "This plan is from the previous settings",
    "ru": "Этот план рассчитан для прежних настроек",
    "kk": "Бұл жоспар алдыңғы баптаулар үшін есептелген",
}


def upload(at: AppTest, content: bytes) -> AppTest:
    at.file_uploader(key="w_siting_dist").set_value(("d.csv", content, "text/csv"))
    return at


def test_served_share_zero_is_explained_not_a_crash_and_stays_so_on_revisit():
    at = siting_page()
    at.select_slider(key="w_siting_share").set_value(0.0)
    at = solve(at)
    assert not at.exception
    assert any("serves no demand" in i.value for i in at.info)
    at.switch_page("msw_app/page_overview.py").run()
    at = at.switch_page("msw_app/page_siting.py").run()
    assert not at.exception
    assert any("serves no demand" in i.value for i in at.info)


def test_bad_distance_csv_marks_the_previous_plan_stale_in_russian():
    at = solve(siting_page("ru"))
    assert not at.exception and not at.warning
    at = solve(upload(at, b"site,semey\nsemey,-1\nsemey,5\n"))
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "повторяются: «г. Семей»" in shown(errors[0])
    assert any(STALE["ru"] in w.value for w in at.warning)
    assert any(m.label == "Новых линий" for m in at.metric)  # the previous plan is still there


def test_binary_distance_file_is_one_message_in_kazakh():
    at = solve(upload(siting_page("kk"), b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "мәтін емес" in errors[0]
    assert not at.warning  # no earlier plan to mark


def test_infeasible_solve_after_a_plan_marks_it_stale():
    at = solve(siting_page())
    at.number_input(key="w_siting_budget").set_value(1.0)
    at = solve(at)
    assert not at.exception
    assert at.error and "cheapest" in at.error[0].value
    assert any(STALE["en"] in w.value for w in at.warning)
    # a good solve clears the note
    at.number_input(key="w_siting_budget").set_value(0.0)
    at = solve(at)
    assert not at.exception and not any(STALE["en"] in w.value for w in at.warning)


def test_bad_extra_site_from_the_form_is_one_translated_line():
    import pandas as pd

    from msw_app.page_siting import site_rows
    from planner import load_presets
    from planner.siting.plan import SitingInputError, load_siting_defaults, validated_options

    editor = pd.DataFrame(
        {
            "id": ["Новый пункт", "x2"],
            "region": [None, "abai"],
            "lat": [50.0, 99.0],
            "lon": [80.0, None],
        }
    )
    data = {**load_siting_defaults().model_dump(), "extra_sites": site_rows(editor)}
    try:
        validated_options(data, load_presets()["bau"])
    except SitingInputError as exc:
        lines = exc.lines("ru")
    else:
        raise AssertionError("bad sites accepted")
    assert len(lines) == 4
    assert "площадка «Новый пункт»: id может содержать только" in lines[0]
    assert "неизвестная область «—»" in lines[1]
    assert "широта 99° вне Казахстана" in lines[2] and "долгота должна быть числом" in lines[3]
    assert not any("validation error" in line for line in lines)


def test_markdown_in_a_distance_file_shows_literally():
    at = solve(upload(siting_page(), b"site,semey\n![px](http://host/p.png),5\n"))
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "«![px](http://host/p.png)»" in shown(errors[0])
    assert r"\!\[px\]" in errors[0]  # escaped in the Markdown the page sends


# --------------------------------------------------------------------------------------------
# Issue #12: names in the user's language, Compare offered, the region in view, named places
# --------------------------------------------------------------------------------------------


def test_apply_names_lines_in_russian_and_offers_compare_with_the_variant():
    at = solve(siting_page("ru"))
    at.button(key="w_siting_apply").click().run()
    assert not at.exception
    variant_id = at.session_state["msw_current"]
    variant = at.session_state["msw_variants"][variant_id]
    planned = [s for s in variant.current().levers.new_sorting_lines if s.id.startswith("planned_")]
    assert planned and all(s.name.ru.startswith("Новая линия: ") for s in planned)
    assert not any("city" in s.name.ru or "District" in s.name.ru for s in planned)
    # the announced Semey shop takes the districts the plan sends to it
    shop = next(
        s for s in variant.current().levers.new_sorting_lines if s.id == "semey_sorting_shop"
    )
    assert {"kurchatov", "beskaragai"} <= set(shop.districts_served)
    # Compare is offered, with the new variant selected first and the preset beside it
    assert at.session_state["msw_compare"][:2] == [variant_id, "announced"]
    assert any("Сравнить" in s for s in _page_links(at))
    at.switch_page("msw_app/page_compare.py").run()
    assert not at.exception
    assert at.multiselect(key="w_compare_pick").value[:2] == [variant_id, "announced"]


def _page_links(at: AppTest) -> list[str]:
    return [el.proto.label for el in at.get("page_link")]


def test_the_page_shows_the_region_chosen_in_the_sidebar(monkeypatch):
    from msw_app import sidebar

    monkeypatch.setattr(sidebar, "current_region", lambda: "ulytau", raising=False)
    at = solve(siting_page())
    assert not at.exception
    assert any("Region shown: Ulytau region" in c.value for c in at.caption)
    lines, assignments = at.dataframe[1].value, at.dataframe[2].value
    assert "Zhezkazgan sorting plant (DD-jol)" in set(lines["Site"])
    assert not any("Semey" in str(s) for s in lines["Site"])
    assert set(assignments["District"]) <= {
        "Zhezkazgan city",
        "Satpayev city",
        "Karazhal city",
        "Ulytau District",
        "Zhanaarka District",
    }


def test_the_map_names_the_districts():
    from msw_app.page_siting import siting_map
    from planner import load_presets
    from planner.siting.plan import plan_sorting_lines

    plan = plan_sorting_lines(load_presets()["announced"])
    fig = siting_map(plan, "ru")
    (districts,) = [t for t in fig.data if t.mode == "markers+text"]
    assert "г. Семей" in districts.text and "Аягозский район" in districts.text
