"""Translations and number formatting for Russian, Kazakh and English (no Streamlit).

One mechanism for the model's messages (:mod:`planner.messages`, ``planner/locales/``) and
the app's texts (``msw_app/locales/``): a folder holds one flat TOML table per language,
``ru.toml``, ``kk.toml`` and ``en.toml``, ``"key" = "text with {placeholders}"``.  A
:class:`Catalog` is read once (:func:`catalog` caches it) and cannot be changed.

Plural texts are keys with a CLDR plural category as the last part
(``unit.years.one``, ``unit.years.few``, ``unit.years.many``, ``unit.years.other``); every
language has the ``.one`` and ``.other`` forms and the forms its CLDR rule needs
(:func:`plural_tags`); a key with a ``.one`` form marks a plural text.

Numbers are formatted by Babel with the CLDR data of the language: decimal comma in Russian
and Kazakh, decimal point in English, ``12,3 %`` in Russian and ``12,3%`` in Kazakh.  The
thousands separator in Russian and Kazakh is the narrow no-break space ``U+202F``
(``12 345``) rather than CLDR's wide no-break space, the project's typographic choice.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale
from babel.numbers import get_group_symbol, parse_pattern

LANGS: tuple[str, ...] = ("ru", "kk", "en")
"""Languages of every catalog."""

PLURAL_TAGS: frozenset[str] = frozenset({"zero", "one", "two", "few", "many", "other"})
"""CLDR plural categories (the last part of a plural key)."""

THIN = "\u202f"
"""Narrow no-break space: thousands separator in ru/kk."""
NBSP = "\u00a0"
"""No-break space: before units."""


def language_files(folder: Path, lang: str) -> list[Path]:
    """The catalog files of one language: ``<lang>.toml``, then the fragments
    ``<lang>.<part>.toml`` (one per feature, e.g. ``ru.seminar.toml``) in name order."""
    return [folder / f"{lang}.toml", *sorted(folder.glob(f"{lang}.*.toml"))]


def _read_language(folder: Path, lang: str) -> dict[str, str]:
    """One language's table merged from its files; a key in two files is an error."""
    table: dict[str, str] = {}
    for path in language_files(folder, lang):
        with path.open("rb") as handle:
            part = tomllib.load(handle)
        bad = [k for k, v in part.items() if not isinstance(v, str)]
        if bad:
            raise ValueError(f"{path.name}: not a text: {', '.join(bad)}")
        twice = sorted(set(part) & set(table))
        if twice:
            raise ValueError(f"{path.name}: keys already defined: {', '.join(twice)}")
        table |= part
    return table


class Catalog(Mapping[str, Mapping[str, str]]):
    """Texts by key and language, read from ``<folder>/<lang>.toml`` and its fragments
    ``<folder>/<lang>.<part>.toml`` (read-only).

    Parameters
    ----------
    folder : Path
        Folder with ``ru.toml``, ``kk.toml`` and ``en.toml`` (flat string tables), and
        optionally per-feature fragments such as ``ru.report.toml``.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        tables: dict[str, MappingProxyType[str, str]] = {}
        for lang in LANGS:
            tables[lang] = MappingProxyType(_read_language(self.folder, lang))
        self._tables = MappingProxyType(tables)
        keys: dict[str, None] = {}
        for lang in LANGS:
            keys |= dict.fromkeys(tables[lang])
        self._keys = tuple(keys)

    def __getitem__(self, key: str) -> Mapping[str, str]:
        if not any(key in table for table in self._tables.values()):
            raise KeyError(key)
        return MappingProxyType({lang: t[key] for lang, t in self._tables.items() if key in t})

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def table(self, lang: str) -> Mapping[str, str]:
        """The read-only table of one language."""
        return self._tables[lang]

    def get_text(self, key: str, lang: str) -> str | None:
        """The raw text of ``key`` in ``lang`` (``None`` when missing)."""
        return self._tables[lang].get(key) if lang in self._tables else None

    def text(self, key: str, lang: str, **values: Any) -> str:
        """The text of ``key`` in ``lang`` with ``{name}`` placeholders filled; the key itself
        when it is missing (visible, and caught by the tests)."""
        text = self.get_text(key, lang)
        if text is None:
            return key
        return text.format(**values) if values else text

    def plural(self, key: str, count: float, lang: str, **values: Any) -> str:
        """The plural form of ``key`` for ``count`` in ``lang`` (CLDR rules), e.g.
        ``plural("unit.years", 3, "ru")`` -> ``года``; falls back to ``<key>.other``."""
        form = f"{key}.{plural_category(count, lang)}"
        if self.get_text(form, lang) is None:
            form = f"{key}.other"
        return self.text(form, lang, **values)

    def problems(self) -> list[str]:
        """Why the catalog is incomplete: keys missing or empty in a language, plural keys
        without a form the language's CLDR rule needs.  Empty when complete."""
        found: list[str] = []
        plural_keys = {k.removesuffix(".one") for k in self._keys if k.endswith(".one")}
        for key in self._keys:
            base, _, last = key.rpartition(".")
            for lang in LANGS:
                text = self._tables[lang].get(key)
                if base in plural_keys and last in PLURAL_TAGS and last != "other":
                    if text is not None and not text:
                        found.append(f"{key} is empty in {lang}")
                    continue
                if not text:
                    found.append(f"{key} is missing or empty in {lang}")
        for base in plural_keys:
            for lang in LANGS:
                for tag in plural_tags(lang):
                    if not self._tables[lang].get(f"{base}.{tag}"):
                        found.append(f"{base}.{tag} is missing in {lang}")
        return found


@functools.cache
def catalog(folder: str | Path) -> Catalog:
    """The catalog in ``folder``, read once per process."""
    return Catalog(Path(folder).resolve())


MODEL_LOCALES = Path(__file__).resolve().parent / "locales"
"""Folder of the model's catalog (validation messages)."""


def model_catalog() -> Catalog:
    """The model's catalog (:mod:`planner.messages` texts)."""
    return catalog(MODEL_LOCALES)


# --------------------------------------------------------------------------------------------
# Plurals and numbers (Babel, CLDR)
# --------------------------------------------------------------------------------------------


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_tags(lang: str) -> frozenset[str]:
    """The CLDR plural categories of ``lang`` (``{"one", "other"}`` in English)."""
    return frozenset(_locale(lang).plural_form.tags) | {"other"}


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (``one``, ``few``, ``many``...)."""
    return _locale(lang).plural_form(abs(count))


def is_missing(value: Any) -> bool:
    """Whether ``value`` is not a finite number (``None``, NaN, infinity, text)."""
    try:
        return value is None or math.isnan(float(value)) or math.isinf(float(value))
    except (TypeError, ValueError):
        return True


@functools.cache
def _pattern(lang: str, kind: str, digits: int):
    formats = _locale(lang).percent_formats if kind == "percent" else _locale(lang).decimal_formats
    pattern = parse_pattern(formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return pattern


@functools.cache
def _group_symbol(lang: str) -> str:
    return get_group_symbol(_locale(lang))


def _apply(value: float, lang: str, kind: str, digits: int, signed: bool) -> str:
    # Round the float first (as Python's format does) so that Babel's decimal rounding of
    # the shortest repr cannot round a different way.
    scale = 100.0 if kind == "percent" else 1.0
    rounded = round(value * scale, digits)
    if rounded == 0:
        rounded = 0.0
    text = _pattern(lang, kind, digits).apply(rounded / scale, _locale(lang))
    if _group_symbol(lang) == NBSP:
        text = text.replace(NBSP + "%", "\0").replace(NBSP, THIN).replace("\0", NBSP + "%")
    text = text.replace("\u2212", "-")
    if signed and rounded >= 0:
        text = "+" + text
    return text


def number(value: Any, lang: str, digits: int = 0, signed: bool = False) -> str:
    """A number in the language's format; ``—`` when undefined.

    ``signed`` puts ``+`` before positive numbers (the minus sign is always ASCII ``-`` so
    that ``st.metric`` colours a delta correctly).
    """
    if is_missing(value):
        return "—"
    return _apply(float(value), lang, "decimal", digits, signed)


def percent(share: Any, lang: str, digits: int = 1, signed: bool = False) -> str:
    """A share [-] as a percentage: ``12,3 %`` (ru), ``12,3%`` (kk), ``12.3%`` (en)."""
    if is_missing(share):
        return "—"
    return _apply(float(share), lang, "percent", digits, signed)


def decimal_and_group(lang: str) -> tuple[str, str]:
    """The decimal mark and the thousands separator of ``lang``."""
    sample = number(1000.5, lang, 1)
    return sample[-2], sample[1]
