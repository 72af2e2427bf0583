"""Translations (Russian, Kazakh, English) and number formatting for the Streamlit layer.

Texts live in dictionaries ``{key: {"ru": ..., "kk": ..., "en": ...}}``.  The core texts are
in :mod:`msw_app.texts`; a new page registers its own with :func:`register`::

    from msw_app import i18n
    i18n.register({"siting.title": {"ru": "Размещение", "kk": "Орналастыру", "en": "Siting"}})

Numbers follow the language: a narrow no-break space between thousands and a decimal comma
in Russian and Kazakh (``12 345,6``), a comma and a decimal point in English (``12,345.6``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

LANGS: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_LANG = "ru"
LANG_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}

THIN = "\u202f"
"""Narrow no-break space: thousands separator in ru/kk and before units."""
NBSP = "\u00a0"

_TEXTS: dict[str, dict[str, str]] = {}


def register(texts: Mapping[str, Mapping[str, str]], *, replace: bool = False) -> None:
    """Add translations.

    Parameters
    ----------
    texts : mapping
        ``{key: {"ru": ..., "kk": ..., "en": ...}}``; every key needs all three languages.
    replace : bool
        Allow overriding keys that exist already (otherwise a clash raises ``ValueError``).
    """
    for key, variants in texts.items():
        missing = [lang for lang in LANGS if not variants.get(lang)]
        if missing:
            raise ValueError(f"translation {key!r} lacks {', '.join(missing)}")
        if key in _TEXTS and not replace and dict(variants) != _TEXTS[key]:
            raise ValueError(f"translation {key!r} is registered already")
        _TEXTS[key] = {lang: variants[lang] for lang in LANGS}


def has(key: str) -> bool:
    """Whether ``key`` has a translation."""
    return key in _TEXTS


def keys() -> list[str]:
    """All registered keys."""
    return list(_TEXTS)


def normalize_lang(lang: Any) -> str:
    """``lang`` if it is one of :data:`LANGS`, else the default (Russian)."""
    if isinstance(lang, list | tuple):
        lang = lang[-1] if lang else None
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    An unknown key returns the key itself (visible in the UI, caught by the tests).
    """
    text = _TEXTS.get(key, {}).get(lang)
    if text is None:
        return key
    text = text.format(**values) if values else text
    # Typography: "40 %" with a no-break space in Russian, "40%" in Kazakh and English.
    return text.replace(" %", NBSP + "%" if lang == "ru" else "%")


def name(names: Any, lang: str) -> str:
    """A :class:`planner.schema.Names` (or dict) in ``lang``."""
    if isinstance(names, Mapping):
        return str(names.get(lang) or names.get("en") or "")
    return str(getattr(names, lang, None) or getattr(names, "en", ""))


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    try:
        return value is None or math.isnan(float(value)) or math.isinf(float(value))
    except (TypeError, ValueError):
        return True


def number(value: Any, lang: str, digits: int = 0, signed: bool = False) -> str:
    """A number in the language's format; ``—`` when undefined.

    ``signed`` puts ``+`` before positive numbers (the minus sign is always ASCII ``-`` so
    that ``st.metric`` colours the delta correctly).
    """
    if _missing(value):
        return "—"
    value = float(value)
    if round(value, digits) == 0:
        value = 0.0
    text = f"{value:{'+' if signed else ''},.{digits}f}"
    if lang in ("ru", "kk"):
        text = text.replace(",", THIN).replace(".", ",")
    return text


def percent(share: Any, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A share [-] as a percentage: ``12,3 %`` (ru), ``12,3%`` (kk), ``12.3%`` (en)."""
    if _missing(share):
        return "—"
    text = number(float(share) * 100.0, lang, digits, signed)
    return f"{text}{NBSP}%" if lang == "ru" else f"{text}%"


def points(delta_share: Any, lang: str, digits: int = 1) -> str:
    """A difference of two shares [-] in percentage points, signed."""
    if _missing(delta_share):
        return "—"
    return (
        f"{number(float(delta_share) * 100.0, lang, digits, signed=True)}{NBSP}{t('unit.pp', lang)}"
    )


def tonnes(value: Any, lang: str, signed: bool = False, per_year: bool = True) -> str:
    """Tonnes, rounded to whole tonnes, with the unit (``т/год``, ``т/жыл``, ``t/yr``)."""
    if _missing(value):
        return "—"
    unit = t("unit.t_per_yr" if per_year else "unit.t", lang)
    return f"{number(value, lang, 0, signed)}{NBSP}{unit}"


def years(value: Any, lang: str, signed: bool = False) -> str:
    """A number of years, rounded to whole years, with the word for "years" in ``lang``."""
    if _missing(value):
        return "—"
    n = int(round(float(value)))
    word = t("unit.years", lang)
    if lang == "ru":
        word = _ru_plural(abs(n), "год", "года", "лет")
    elif lang == "en" and abs(n) == 1:
        word = "year"
    return f"{number(n, lang, 0, signed)}{NBSP}{word}"


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


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


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators``: decimal mark, then thousands separator."""
    return "," + THIN if lang in ("ru", "kk") else ".,"


def year_text(year: int) -> str:
    """A year without thousands separator."""
    return str(int(year))


from msw_app import texts as _core  # noqa: E402  (core texts register themselves on import)

register(_core.TEXTS)
