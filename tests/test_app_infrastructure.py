"""AppTest (issue #12): the Assumptions page's infrastructure tab — a facility is added through
a short form in one submit, named in the user's language and costed from the cost menu; the
tab in view stays; the landfill-gas table reaches the model."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner import landfill_gas as lg
from planner import project
from planner.economics import evaluate
from tests.app_session import open_page
from tests.app_text import shown

INFRA_TAB = {"en": "Infrastructure", "ru": "Инфраструктура"}


def assumptions(lang: str = "en") -> AppTest:
    return open_page("page_assumptions.py", lang)


def metric(at: AppTest, label: str) -> float:
    (card,) = [m for m in at.metric if m.label == label]
    return float(card.value.replace(",", "").replace("%", "").split("\u00a0")[0])


def form_widget(at: AppTest, kind: str, field: str):
    key = f"infra0:{kind}:{field}"
    for widgets in (at.selectbox, at.number_input, at.text_input, at.multiselect):
        found = [w for w in widgets if w.key == key]
        if found:
            return found[0]
    raise AssertionError(f"no widget {key}")


def submit(at: AppTest, label: str) -> AppTest:
    (button,) = [b for b in at.button if b.label == label]
    return button.click().run()


def variant(at: AppTest):
    return at.session_state["msw_variants"]["announced_mine"]


def test_adding_a_line_is_one_submit_named_and_costed():
    at = assumptions("en")
    before = metric(at, "Landfilled, t/yr")
    form_widget(at, "new_sorting_lines", "district").set_value("ayagoz")
    form_widget(at, "new_sorting_lines", "capacity").set_value(20_000.0)
    at = submit(at, "Add the line")  # the one run that adds it
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    line = variant(at).scenario.levers.new_sorting_lines[-1]
    assert line.id == "sorting_1"
    assert line.name.en == "New line: Ayagoz District"
    assert line.name.ru == "Новая линия: Аягозский район"
    assert line.region == "abai" and line.districts_served == ["ayagoz"]
    assert line.capacity_t_per_yr == 20_000 and line.start_year == 2028
    assert line.capex_kzt == pytest.approx(20_000 * 12_500)  # the siting menu, not 0
    assert "25 US$ per t/yr" in line.sources["capex_kzt"].text
    assert not variant(at).rejected
    assert metric(at, "Landfilled, t/yr") < before
    assert any("New line: Ayagoz District" in shown(s.value) for s in at.success)
    # the form is empty again for the next facility
    assert form_widget(at, "new_sorting_lines", "district").value is None


def test_a_typed_zero_capex_stays_zero_and_russian_names_the_line_in_russian():
    at = assumptions("ru")
    form_widget(at, "new_sorting_lines", "district").set_value("semey")
    form_widget(at, "new_sorting_lines", "capex").set_value(0.0)
    at = submit(at, "Добавить линию")
    assert not at.exception and not at.error
    line = variant(at).scenario.levers.new_sorting_lines[-1]
    assert line.name.ru == "Новая линия: г. Семей" and line.capex_kzt == 0.0
    assert any("Новая линия: г. Семей" in shown(s.value) for s in at.success)


def test_no_red_errors_before_submit_and_one_message_without_a_district():
    at = assumptions("ru")
    assert not at.error  # a fresh form shows no errors
    at = submit(at, "Добавить линию")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "Выберите район" in errors[0]
    assert "announced_mine" not in at.session_state["msw_variants"]  # nothing was added
    # the districts picker speaks the user's language, never Streamlit's "Select..."
    assert form_widget(at, "new_sorting_lines", "district").proto.placeholder == "Выберите район"
    served = form_widget(at, "new_sorting_lines", "served")
    assert served.proto.placeholder == "Только выбранный район"


def test_a_bad_value_is_named_after_its_field_on_submit_only():
    at = assumptions("en")
    form_widget(at, "new_sorting_lines", "district").set_value("semey")
    form_widget(at, "new_sorting_lines", "capacity").set_value(2e7)  # above 10 Mt/yr
    at = submit(at, "Add the line")
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("Capacity, t/yr: value 2"), errors
    assert "announced_mine" not in at.session_state["msw_variants"]


def test_composting_site_from_the_form_gets_its_menu_capex():
    at = assumptions("en")
    at.radio(key="w_infra_kind").set_value("new_composting_sites").run()
    form_widget(at, "new_composting_sites", "district").set_value("zhezkazgan")
    at = submit(at, "Add the site")
    assert not at.exception and not at.error
    site = variant(at).scenario.levers.new_composting_sites[-1]
    assert site.name.en == "New composting site: Zhezkazgan city" and site.region == "ulytau"
    assert site.capex_kzt == pytest.approx(15_000 * 40_000)


def test_the_tab_in_view_stays_after_edits():
    at = assumptions("en")
    key = "w_assume_tabs:en"
    at.session_state[key] = INFRA_TAB["en"]
    at.run()
    form_widget(at, "new_sorting_lines", "district").set_value("ayagoz")
    at = submit(at, "Add the line")  # the page changes above the tabs: a variant now
    assert not at.exception
    assert at.session_state[key] == INFRA_TAB["en"]
    assert [t.label for t in at.tabs][3] == INFRA_TAB["en"]
    # a second edit (a slider in another tab's content) keeps it as well
    (slider,) = [s for s in at.select_slider if s.key.endswith("levers.recovery_mixed.plastics")]
    slider.set_value(0.9).run()
    assert at.session_state[key] == INFRA_TAB["en"]


def _gas_editor(at: AppTest):
    (editor,) = [d for d in at.data_editor if ":landfill_gas:" in (d.key or "")]
    return editor


def test_gas_capture_lever_reaches_the_model():
    at = assumptions("en")
    editor = _gas_editor(at)
    ids = list(editor.value["landfill"])
    row = ids.index("semey_regional_landfill")
    at.session_state[editor.key] = {
        "edited_rows": {row: {"on": True, "capture_share": 0.6}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    scenario = variant(at).scenario
    (gas,) = scenario.levers.landfill_gas_capture
    assert gas.landfill == "semey_regional_landfill"
    assert gas.capture_share == 0.6 and gas.start_year == 2030
    assert gas.capex_kzt == 1.65e9 and gas.opex_kzt_per_yr == 80e6  # defaults with sources
    assert "README 'Landfill gas'" in gas.sources["capex_kzt"].text
    assert lg.capture_by_landfill(scenario) == {"semey_regional_landfill": (2030, 0.6)}
    econ = evaluate(scenario, project(scenario))
    capex = econ.items[("capex_landfill_gas", "local_budget")][:, 0]
    assert capex.sum() == 1.65e9
    k = econ.methane.landfill_ids.index("semey_regional_landfill")
    assert econ.methane.recovered[:, k].sum() > 0
    # switching it off again removes the lever
    editor = _gas_editor(at)
    at.session_state[editor.key] = {
        "edited_rows": {row: {"on": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not variant(at).scenario.levers.landfill_gas_capture
