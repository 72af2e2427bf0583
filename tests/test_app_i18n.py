"""Translations: the language switch and ``?lang=`` change every label; every text exists in
ru, kk and en; numbers follow the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from msw_app import i18n
from tests.app_session import open_app

ROOT = Path(__file__).resolve().parent.parent


def run(lang: str | None = None) -> AppTest:
    return open_app(lang)


def test_russian_is_the_default():
    at = run()
    assert at.title[0].value == "Обзор сценария"
    assert at.selectbox(key="lang").value == "ru"


@pytest.mark.parametrize(
    ("lang", "title", "card"),
    [
        ("kk", "Сценарийге шолу", "Нақты қайта өңдеу"),
        ("en", "Scenario overview", "Real recycling"),
        ("ru", "Обзор сценария", "Реальная переработка"),
    ],
)
def test_lang_query_parameter(lang: str, title: str, card: str):
    at = run(lang)
    assert at.title[0].value == title
    assert card in [m.label for m in at.metric]


def test_unknown_lang_falls_back_to_russian():
    at = run("de")
    assert at.title[0].value == "Обзор сценария"


def test_sidebar_switch_changes_labels_on_every_page():
    at = run()
    at.selectbox(key="lang").set_value("kk").run()
    assert at.title[0].value == "Сценарийге шолу"
    assert at.query_params.get("lang") == "kk"
    at.switch_page("msw_app/page_compare.py").run()
    assert at.title[0].value == "Сценарийлерді салыстыру"
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Compare scenarios"
    at.switch_page("msw_app/page_assumptions.py").run()
    assert at.title[0].value == "Scenario assumptions"
    assert not at.exception


def test_every_used_key_is_translated():
    used: set[str] = set()
    pattern = re.compile(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*)["']""")
    plural = re.compile(r"""\bplural\(\s*["']([a-z_][a-z0-9_.]*)["']""")
    for path in [ROOT / "app.py", *sorted((ROOT / "msw_app").rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "i18n.register(" not in text, path  # texts live in msw_app/locales only
        used |= set(pattern.findall(text))
        used |= {f"{key}.other" for key in plural.findall(text)}
    assert len(used) > 250  # the pattern finds the pages', widgets' and presenters' keys
    # Keys built at run time from model names.
    from msw_app.views.kpis import CARD_KPIS, COMPARE_KPIS
    from msw_app.views.overview import SANKEY_NODES
    from planner import FATES, MATERIALS

    used |= {f"kpi.{k}" for k in COMPARE_KPIS} | {f"card.{k}" for k in CARD_KPIS}
    used |= {f"kpi_help.{k}" for k in CARD_KPIS} | {f"fate.{f}" for f in FATES}
    used |= {f"node.{n}" for n in SANKEY_NODES} | {f"material.{m.value}" for m in MATERIALS}
    missing = sorted(k for k in used if not i18n.has(k))
    assert not missing


def test_texts_are_complete_and_distinct():
    for key in i18n.keys():
        texts = {lang: i18n.t(key, lang) for lang in i18n.LANGS}
        assert all(texts.values()), key
    # Kazakh is not a copy of Russian (a few short words legitimately coincide).
    same = [k for k in i18n.keys() if i18n.t(k, "kk") == i18n.t(k, "ru")]
    assert len(same) < 0.1 * len(i18n.keys()), same


def test_catalog_is_read_only_and_complete():
    assert not i18n.catalog().problems()
    with pytest.raises(TypeError):
        i18n.catalog().table("ru")["nav.overview"] = "x"  # type: ignore[index]
    assert i18n.t("nav.siting", "kk") == "Сұрыптауды орналастыру"
    assert i18n.t("no.such.key", "en") == "no.such.key"
    assert i18n.t("app.quoted", "kk", text="A") == "«A»"
    assert i18n.t("app.quoted", "en", text="A") == "“A”"


def test_number_formats():
    assert i18n.number(1234567.8, "ru", 1) == "1\u202f234\u202f567,8"
    assert i18n.number(1234567.8, "en", 1) == "1,234,567.8"
    assert i18n.percent(0.123, "ru") == "12,3\u00a0%"
    assert i18n.percent(0.123, "kk") == "12,3%"
    assert i18n.percent(0.123, "en") == "12.3%"
    assert i18n.points(-0.031, "ru").startswith("-3,1")
    assert i18n.number(-0.0001, "en", 1) == "0.0"
    assert i18n.years(1, "ru").endswith("год")
    assert i18n.years(3, "ru").endswith("года")
    assert i18n.years(11, "ru").endswith("лет")
    assert i18n.years(float("nan"), "en") == "—"
    assert i18n.tonnes(1500, "kk") == "1\u202f500\u00a0т/жыл"
    assert i18n.plotly_separators("ru") == ",\u202f"
    assert i18n.plotly_separators("en") == ".,"
    assert i18n.years(21, "ru").endswith("год") and i18n.years(2, "en").endswith("years")
    assert i18n.years(1, "en") == "1\u00a0year" and i18n.years(5, "kk") == "5\u00a0жыл"
    assert i18n.number(0, "ru", 0, signed=True) == "+0"
    assert i18n.number(2.675, "en", 2) == f"{2.675:.2f}"  # rounds the float as Python does
    assert i18n.money_mln(1_234_567_890, "ru") == "1\u202f235\u00a0млн ₸"
    assert i18n.tenge(1234.4, "en") == "1,234\u00a0₸" and i18n.tenge(None, "kk") == "—\u00a0₸"
    assert i18n.quantity(-2.5, "t", "ru", 1, signed=True) == "-2,5\u00a0t"
