"""Real browser (issue #12), on a projector's 1,280 × 720: a sorting line is added through the
Assumptions page's short form in one submit, the page stays on its tab, the line is named in
the user's language and its capex is not 0.  Starts the app and Chromium as
:mod:`tests.test_browser` does (same fixtures; skipped where Chromium or Playwright is missing,
never in CI)."""

from __future__ import annotations

import pytest

from tests.test_browser import _metric, _wait_metric_changes, browser, server  # noqa: F401

pytestmark = pytest.mark.browser

ERROR_ALERT = '[data-testid="stAlertContentError"]'


def _error_texts(page) -> list[str]:
    """The text of every red alert on the page (an assertion names what it said)."""
    return page.locator(ERROR_ALERT).all_inner_texts()


def test_adding_a_line_through_the_form_is_one_submit_at_1280x720(
    server,  # noqa: F811
    browser,  # noqa: F811
    tmp_path,
):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(60_000)  # a loaded machine (the suite runs beside it)
    page.goto(f"{server}/assumptions?lang=ru")
    page.get_by_role("heading", name="Допущения сценария").wait_for()
    page.get_by_role("tab", name="Инфраструктура").click()
    form = page.locator('[data-testid="stForm"]').first
    form.wait_for()
    assert _error_texts(page) == []  # no red on arrival
    before = _metric(page, "Захоронено")

    # 1. the district (the only field a new line needs); the placeholder is Russian
    district = form.locator('[data-testid="stSelectbox"]').first
    assert "Выберите район" in district.inner_html()
    assert "Select..." not in form.inner_html() and "Choose" not in form.inner_html()
    field = district.locator("input")
    field.click()
    field.press_sequentially("Аягоз")
    page.get_by_role("option").filter(has_text="Аягозский район").first.click()
    assert field.input_value() == "Аягозский район (Абайская область)"
    # 2. one submit
    form.get_by_role("button", name="Добавить линию").click()

    added = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="Добавлено")
    added.wait_for()
    assert "«Новая линия: Аягозский район»" in added.inner_text().replace("\u2060", "")
    assert _error_texts(page) == []
    assert field.input_value() == ""  # an empty form for the next facility
    # the page stayed on its tab
    selected = page.get_by_role("tab", selected=True)
    assert selected.inner_text().strip() == "Инфраструктура"
    # the KPI strip above the tabs is recomputed in the same run (its landfill card moved)
    _wait_metric_changes(page, "Захоронено", before)
    page.screenshot(path=str(tmp_path / "added.png"))
    page.close()
