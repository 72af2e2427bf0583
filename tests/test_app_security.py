"""AppTest, issue #10 (the app half): a room of strangers.

* markup in names, descriptions and district names shows literally on every page;
* a failure anywhere becomes a translated message, no exception, the variants kept;
* uploads: too large, binary, UTF-16, wrong ending, many problems, a path to a server file —
  each a translated message, the current scenario and the variants kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import planner
from msw_app import charts, compute, i18n, state, uploads
from tests.app_text import all_text, markdown_texts, plotly_strings, shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
EVIL = (
    '![px](http://host/pixel.png) <a href="http://x">link</a> **bold** <img src=x onerror=alert(1)>'
)
FILE_NAME = "evil **name** <img src=x>.json"
UNESCAPED = re.compile(r"(?<!\\)(!\[|\]\(|<a\b|<img|\*\*bold|https?://|www\.)", re.IGNORECASE)
"""Markup of :data:`EVIL` that would take effect in Markdown."""
PLOTLY_TAGS = re.compile(r"<(a|img)\b", re.IGNORECASE)
PAGES = [
    "page_overview.py",
    "page_assumptions.py",
    "page_compare.py",
    "page_economics.py",
    "page_climate.py",
    "page_data.py",
]
"""Every page but siting (hardened on its own branch, tested in test_app_siting.py)."""


def data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    return at.switch_page("msw_app/page_data.py").run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    value = (name, data, "application/octet-stream")
    return at.file_uploader(key="w_upload").set_value(value).run()


def evil_scenario() -> bytes:
    """The business-as-usual preset under the id ``evil`` with :data:`EVIL` as its name,
    description, first district's and first landfill's name, in every language."""
    data = json.loads(planner.scenario_json(planner.load_presets()["bau"]))
    names = {lang: EVIL for lang in i18n.LANGS}
    data.update(id="evil", name=names, description=names)
    region = data["baseline"]["regions"][0]
    region["districts"][0]["name"] = names
    region["landfills"][0]["name"] = names
    return json.dumps(data).encode()


def assert_plain(at: AppTest, page: str) -> None:
    for text in markdown_texts(at):
        assert not UNESCAPED.search(text), (page, text)
    for text in plotly_strings(at):
        assert not PLOTLY_TAGS.search(text), (page, text)


@pytest.fixture(scope="module")
def evil_app() -> AppTest:
    at = upload(data_page(), FILE_NAME, evil_scenario())
    assert not at.exception
    assert at.session_state["msw_current"] == "evil"
    return at


@pytest.mark.parametrize("page", PAGES)
def test_markup_in_names_shows_literally(evil_app, page):
    at = evil_app
    at.session_state["msw_compare"] = ["evil", "bau"]
    at.switch_page(f"msw_app/{page}").run()
    assert not at.exception
    assert_plain(at, page)
    shown_texts = [shown(t) for t in markdown_texts(at)]
    if page == "page_assumptions.py":  # the variant's name is in its (plain) text input
        assert EVIL in [t.value for t in at.text_input]
    elif page != "page_compare.py":  # the compare page names scenarios in tables and charts
        assert any(EVIL in t for t in shown_texts), page  # the scenario badge
    # Options of the sidebar picker are plain text: the name as it is, no backslashes.
    (picker,) = [s for s in at.sidebar.selectbox if s.label == "Scenario"]
    assert EVIL in picker.options
    if page == "page_compare.py":
        legend = [t for t in plotly_strings(at) if "pixel" in t]
        assert legend and all("&lt;a href" in t for t in legend)
    if page == "page_overview.py":
        map_texts = [t for t in plotly_strings(at) if "pixel" in t]
        assert map_texts and all("&lt;img" in t for t in map_texts)


def test_markup_in_an_upload_message_shows_literally(evil_app):
    at = evil_app.switch_page("msw_app/page_data.py").run()
    ok = shown(" ".join(s.value for s in at.success))
    assert FILE_NAME in ok
    assert_plain(at, "data")


# --------------------------------------------------------------------------------------------
# No traceback
# --------------------------------------------------------------------------------------------


def _boom(*args, **kwargs):
    raise RuntimeError("secret detail at /srv/private/file.py")


def _with_variant(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("msw_app/page_assumptions.py").run()
    (button,) = [b for b in at.button if b.label == i18n.t("assume.make_variant", lang)]
    button.click().run()
    assert at.session_state["msw_current"] == "variant_1"
    return at


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_failing_page_shows_a_translated_message_and_keeps_the_variants(monkeypatch, lang):
    at = _with_variant(lang)
    monkeypatch.setattr(compute, "projection", _boom)
    at.switch_page("msw_app/page_overview.py").run()
    assert not at.exception
    assert i18n.t("app.error.unexpected", lang) in [e.value for e in at.error]
    text = all_text(at)
    assert "secret" not in text and "RuntimeError" not in text and "/srv" not in text
    assert "variant_1" in at.session_state["msw_variants"]
    assert at.session_state["msw_current"] == "variant_1"
    monkeypatch.undo()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["msw_current"] == "variant_1"


def test_a_failing_fragment_shows_the_message_and_the_rest_of_the_page(monkeypatch):
    monkeypatch.setattr(charts, "facility_map", _boom)
    compute.figure_store().clear()  # a map another test built would be shared, not rebuilt
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [i18n.t("app.error.unexpected", "en")]
    assert at.get("plotly_chart")  # the charts above the map are drawn


def test_a_failing_callback_is_reported_on_the_next_run(monkeypatch):
    at = _with_variant("kk")
    monkeypatch.setattr(state, "set_year", _boom)
    at.sidebar.slider(key="w_year").set_value(2040).run()
    assert not at.exception
    assert i18n.t("app.error.action", "kk") in [e.value for e in at.error]
    assert "secret" not in all_text(at)
    assert "variant_1" in at.session_state["msw_variants"]


def test_a_refused_rename_keeps_the_name_and_says_why_in_plain_text():
    # The model refuses names over 120 characters (planner.schema.types.ShortText): the page
    # keeps the old name and shows the model's translated reason as plain text.
    at = _with_variant("en")
    before = at.session_state["msw_variants"]["variant_1"].current().name.en
    (name_input,) = [t for t in at.text_input if t.label == "Variant name"]
    name_input.set_value(EVIL + "x" * 500).run()
    assert not at.exception
    assert at.session_state["msw_variants"]["variant_1"].current().name.en == before
    errors = [shown(e.value) for e in at.error]
    assert any("120" in e for e in errors), errors
    assert_plain(at, "assumptions")


# --------------------------------------------------------------------------------------------
# Uploads
# --------------------------------------------------------------------------------------------


def _refused(lang: str, name: str, data: bytes) -> AppTest:
    """Upload a bad file after a good one: the good one (in focus) and its variant stay."""
    at = data_page(lang)
    good = planner.scenario_json(planner.load_presets()["target_40_2030"]).encode()
    upload(at, "good.json", good)
    assert at.session_state["msw_current"] == "target_40_2030_2"
    variants = set(at.session_state["msw_variants"])
    upload(at, name, data)
    assert not at.exception
    assert at.session_state["msw_current"] == "target_40_2030_2"
    assert set(at.session_state["msw_variants"]) == variants
    return at


def _error(at: AppTest) -> str:
    (error,) = at.error
    return shown(error.value)


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("big.toml", b"#" * (uploads.MAX_UPLOAD_BYTES + 1), "data.upload_too_big"),
        ("picture.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "data.upload_binary"),
        ("utf16.toml", 'id = "x"\n'.encode("utf-16"), "data.upload_utf16"),
        ("table.csv", b"a,b\n1,2\n", "data.upload_wrong_type"),
    ],
)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_refused_upload_says_why_in_the_users_language(name, data, key, lang):
    at = _refused(lang, name, data)
    text = _error(at)
    expected = re.escape(i18n.t(key, lang, file="@@", size="@@", limit="@@", position="@@"))
    assert re.fullmatch(expected.replace("@@", ".+?"), text), text
    assert name in text
    assert "files are not allowed" not in all_text(at)


def test_the_upload_limit_is_in_the_label():
    at = data_page("ru")
    (uploader,) = at.get("file_uploader")
    assert "2 МБ" in uploader.proto.label.replace(i18n.NBSP, " ")


def test_many_problems_are_listed_twenty_and_counted():
    data = json.loads(planner.scenario_json(planner.load_presets()["bau"]))
    data.update({f"unknown_{i}": i for i in range(60)})
    at = _refused("en", "many.json", json.dumps(data).encode())
    (table,) = [d for d in at.dataframe if "Problem" in " ".join(d.value.columns)]
    assert len(table.value) == uploads.MAX_PROBLEMS_SHOWN
    assert any("more problems" in c.value for c in at.caption)


def _baseline_upload(baseline: str) -> bytes:
    data = json.loads(planner.scenario_json(planner.load_presets()["bau"]))
    data["baseline"] = baseline
    data["id"] = "probe"
    return json.dumps(data).encode()


PYPROJECT_WORDS = ("build-system", "setuptools", "requires-python", "[project]")


def _leaks(at: AppTest) -> list[str]:
    text = all_text(at)
    return [w for w in (str(ROOT), *PYPROJECT_WORDS) if w in text or w in shown(text)]


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_a_baseline_path_to_a_server_file_leaks_nothing(where):
    path = "../pyproject.toml" if where == "relative" else str(ROOT / "pyproject.toml")
    at = _refused("en", "probe.json", _baseline_upload(path))
    assert _leaks(at) == []
