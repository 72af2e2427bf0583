"""Translations (Russian, Kazakh, English) and number formatting for the Streamlit layer.

Every text of the app is in one catalog, ``msw_app/locales/{ru,kk,en}.toml`` plus per-feature
fragments ``{ru,kk,en}.<part>.toml`` (flat keys,
``"overview.title" = "Обзор сценария"``), read once by :mod:`planner.i18n` — the mechanism
the model's messages use too.  To add a text, add its key to the three files; a test checks
that every key exists, non-empty, in every language, and that every key the code uses exists.

Numbers follow the language (Babel, CLDR data): a narrow no-break space between thousands
and a decimal comma in Russian and Kazakh (``12 345,6``), a comma and a decimal point in
English (``12,345.6``).  No Streamlit here: presenters use it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner import i18n as core
from planner.i18n import LANGS, NBSP, THIN, is_missing

__all__ = ["LANGS", "NBSP", "THIN"]

DEFAULT_LANG = "ru"

LOCALES = Path(__file__).resolve().parent / "locales"
"""Folder of the app's catalog."""


def catalog() -> core.Catalog:
    """The app's catalog (read once per process)."""
    return core.catalog(LOCALES)


def language_name(lang: str) -> str:
    """The name of ``lang`` in that language (the same in every catalog): ``Қазақша``."""
    return t(f"app.lang_name.{lang}", lang)


def has(key: str) -> bool:
    """Whether ``key`` has a translation."""
    return key in catalog()


def keys() -> list[str]:
    """All keys of the catalog."""
    return list(catalog())


def normalize_lang(lang: Any) -> str:
    """``lang`` if it is one of :data:`LANGS`, else the default (Russian)."""
    if isinstance(lang, list | tuple):
        lang = lang[-1] if lang else None
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    An unknown key returns the key itself (visible in the UI, caught by the tests).
    """
    text = catalog().text(key, lang, **values)
    # Typography: "40 %" with a no-break space in Russian, "40%" in Kazakh and English.
    return text.replace(" %", NBSP + "%" if lang == "ru" else "%")


def name(names: Any, lang: str) -> str:
    """A :class:`planner.schema.Names` (or dict) in ``lang``."""
    if isinstance(names, Mapping):
        return str(names.get(lang) or names.get("en") or "")
    return str(getattr(names, lang, None) or getattr(names, "en", ""))


def plural(key: str, count: float, lang: str, **values: Any) -> str:
    """The form of the plural text ``key`` for ``count`` (CLDR rules of ``lang``)."""
    return catalog().plural(key, count, lang, **values)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

number = core.number
percent = core.percent


def quantity(value: Any, unit: str, lang: str, digits: int = 0, signed: bool = False) -> str:
    """A number with its (translated) unit after a no-break space: ``1 234 т CO2e``."""
    return f"{number(value, lang, digits, signed)}{NBSP}{unit}"


def money_mln(value_kzt: Any, lang: str, digits: int = 0) -> str:
    """Money [KZT] in millions of tenge with the unit: ``1 234 млн ₸`` (``— млн ₸`` when
    undefined)."""
    value_mln = None if is_missing(value_kzt) else float(value_kzt) / 1e6
    return quantity(value_mln, t("econ.axis.mln", lang), lang, digits)


def tenge(value_kzt: Any, lang: str, digits: int = 0) -> str:
    """Money [KZT] in tenge with the sign: ``1 234 ₸``."""
    return quantity(value_kzt, t("unit.tenge", lang), lang, digits)


def points(delta_share: Any, lang: str, digits: int = 1) -> str:
    """A difference of two shares [-] in percentage points, signed."""
    if is_missing(delta_share):
        return "—"
    return (
        f"{number(float(delta_share) * 100.0, lang, digits, signed=True)}{NBSP}{t('unit.pp', lang)}"
    )


def tonnes(value: Any, lang: str, signed: bool = False, per_year: bool = True) -> str:
    """Tonnes, rounded to whole tonnes, with the unit (``т/год``, ``т/жыл``, ``t/yr``)."""
    if is_missing(value):
        return "—"
    return quantity(value, t("unit.t_per_yr" if per_year else "unit.t", lang), lang, 0, signed)


def years(value: Any, lang: str, signed: bool = False) -> str:
    """A number of years, rounded to whole years, with the word for "years" in ``lang``."""
    if is_missing(value):
        return "—"
    n = int(round(float(value)))
    word = plural("unit.years", abs(n), lang)
    return f"{number(n, lang, 0, signed)}{NBSP}{word}"


def value_of_kind(value: Any, kind: str, lang: str) -> str:
    """Format a KPI value by its kind (``share``, ``tonnes`` or ``years``)."""
    if kind == "share":
        return percent(value, lang)
    if kind == "years":
        return years(value, lang)
    return tonnes(value, lang)


def delta_of_kind(delta: Any, kind: str, lang: str) -> str:
    """Format a KPI difference by its kind, signed."""
    if kind == "share":
        return points(delta, lang)
    if kind == "years":
        return years(delta, lang, signed=True)
    return tonnes(delta, lang, signed=True)


def compact(value: Any, lang: str) -> str:
    """A large number in the language's short words (CLDR via Babel): ``10 тыс.``,
    ``1,5 млн`` in Russian, ``10 мың`` in Kazakh, ``10K`` in English (``—`` when undefined)."""
    if is_missing(value):
        return "—"
    from babel.numbers import format_compact_decimal

    # Kazakh's short forms abbreviate мың to "м." (read as "million"): its long forms are clear
    kind = "long" if lang == "kk" else "short"
    text = format_compact_decimal(float(value), format_type=kind, locale=lang, fraction_digits=1)
    return text.replace("-", "−").replace(" ", NBSP)


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark, then thousands separator."""
    decimal, group = core.decimal_and_group(lang)
    return decimal + group


def year_text(year: int) -> str:
    """A year without thousands separator."""
    return str(int(year))
