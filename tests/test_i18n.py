"""The one translation mechanism (planner.i18n): catalogs are complete in ru, kk and en, read
once and read-only; plurals follow CLDR; numbers follow the language (Babel)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner import i18n
from planner.messages import TEMPLATES, WORDS, Problem
from planner.siting.inputs import TEXTS as SITING_TEXTS


def _family(keys: set[str], prefix: str) -> set[str]:
    return {k.removeprefix(prefix) for k in keys if k.startswith(prefix)}


def _warning_kinds_used() -> set[str]:
    """Kinds passed to ``messages.warning_text("<kind>", ...)`` anywhere in the model."""
    root = Path(i18n.__file__).resolve().parent
    sources = "".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    return set(re.findall(r'warning_text\(\s*"([a-z_]+)"', sources))


def test_model_catalog_is_complete():
    catalog = i18n.model_catalog()
    assert not catalog.problems()
    keys = set(catalog)
    assert _family(keys, "problem.") == set(TEMPLATES)
    assert _family(keys, "word.") == set(WORDS)
    assert _family(keys, "warning.") == _warning_kinds_used() != set()
    assert _family(keys, "siting.") == {k.removeprefix("siting.") for k in SITING_TEXTS}
    assert {k.split(".")[0] for k in keys} <= {
        "problem",
        "word",
        "warning",
        "cli",
        "siting",
        "verdict",
        "facility",
        "uncertainty",
        "report",
    }
    assert i18n.model_catalog() is catalog  # read once


def test_catalog_reports_missing_and_empty_texts(tmp_path):
    (tmp_path / "ru.toml").write_text('"a" = "а"\n"n.one" = "год"\n"n.other" = "лет"\n')
    (tmp_path / "kk.toml").write_text('"a" = ""\n"n.one" = "жыл"\n"n.other" = "жыл"\n')
    (tmp_path / "en.toml").write_text('"n.one" = "year"\n"n.other" = "years"\n')
    problems = i18n.Catalog(tmp_path).problems()
    assert "a is missing or empty in kk" in problems
    assert "a is missing or empty in en" in problems
    assert "n.few is missing in ru" in problems and "n.many is missing in ru" in problems
    assert not [p for p in problems if p.startswith("n.") and not p.endswith("in ru")]


def test_catalog_rejects_tables_and_numbers(tmp_path):
    for lang in i18n.LANGS:
        (tmp_path / f"{lang}.toml").write_text('"a" = 1\n')
    with pytest.raises(ValueError, match="not a text: a"):
        i18n.Catalog(tmp_path)


def test_catalog_merges_feature_fragments_and_rejects_a_key_twice(tmp_path):
    for lang in i18n.LANGS:
        (tmp_path / f"{lang}.toml").write_text(f'"a" = "a-{lang}"\n')
        (tmp_path / f"{lang}.report.toml").write_text(f'"report.b" = "b-{lang}"\n')
    catalog = i18n.Catalog(tmp_path)
    assert catalog.text("report.b", "kk") == "b-kk" and catalog.text("a", "en") == "a-en"
    assert not catalog.problems()
    (tmp_path / "ru.seminar.toml").write_text('"a" = "again"\n')
    with pytest.raises(ValueError, match="ru.seminar.toml: keys already defined: a"):
        i18n.Catalog(tmp_path)


def test_catalog_and_message_tables_are_read_only():
    with pytest.raises(TypeError):
        TEMPLATES["missing"]["en"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        i18n.model_catalog().table("en")["problem.missing"] = "x"  # type: ignore[index]


def test_plural_categories_follow_cldr():
    assert [i18n.plural_category(n, "ru") for n in (1, 3, 5, 11, 21, 22)] == [
        "one",
        "few",
        "many",
        "many",
        "one",
        "few",
    ]
    assert i18n.plural_category(1, "en") == "one" and i18n.plural_category(2, "en") == "other"
    assert i18n.plural_tags("kk") == {"one", "other"}


def test_numbers_follow_the_language():
    assert i18n.number(1234567.8, "ru", 1) == "1\u202f234\u202f567,8"
    assert i18n.number(1234567.8, "kk", 1) == "1\u202f234\u202f567,8"
    assert i18n.number(1234567.8, "en", 1) == "1,234,567.8"
    assert i18n.number(-1234.5, "ru", 0, signed=True) == "-1\u202f234"
    assert i18n.number(12.5, "en", 0, signed=True) == "+12"
    assert i18n.percent(0.5, "ru", 0) == "50\u00a0%"
    assert i18n.percent(-0.0001, "en") == "0.0%"
    assert i18n.number(float("inf"), "en") == "—" and i18n.percent(None, "kk") == "—"
    assert i18n.decimal_and_group("kk") == (",", "\u202f")


def test_problem_line_in_three_languages():
    p = Problem("s.toml", "end_year", "missing", "Field required")
    assert p.line("ru") == "s.toml: end_year: обязательное поле отсутствует"
    assert p.line("kk") == "s.toml: end_year: міндетті өріс жоқ"
    assert p.line("en") == "s.toml: end_year: required field is missing"
    assert Problem("s.toml", "", "odd", "Odd {thing}").line("ru") == "s.toml: ошибка: Odd {thing}"
