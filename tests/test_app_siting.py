"""AppTest: the siting page — solve, map and tables, budget infeasibility, apply to scenario."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app_session import open_page


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
    at = solve(at)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and "кемінде 2 керек" in errors[0]
