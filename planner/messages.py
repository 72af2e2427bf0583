"""Validation problems in the user's language (Russian, Kazakh, English).

Pydantic reports each problem with a ``type`` and a context; this module turns that into one
sentence that says what is allowed.  No Streamlit here: the UI and the CLI both use it.  The
sentences are in the model's catalog, ``planner/locales/{ru,kk,en}.toml`` (read by
:mod:`planner.i18n`, the mechanism the app's texts use too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from planner.i18n import LANGS, model_catalog

LANGUAGES = LANGS

_CATALOG = model_catalog()
"""The texts of ``planner/locales/{ru,kk,en}.toml``: ``problem.<type>`` templates (they use
the pydantic context keys), ``word.<name>`` context words, ``problem.fallback``."""


def _group(prefix: str) -> Mapping[str, Mapping[str, str]]:
    """``{name: {lang: text}}`` of the catalog keys ``<prefix>.<name>`` (read-only)."""
    return MappingProxyType(
        {key.removeprefix(prefix): _CATALOG[key] for key in _CATALOG if key.startswith(prefix)}
    )


TEMPLATES: Mapping[str, Mapping[str, str]] = _group("problem.")
"""``{type: {lang: template}}`` (``fallback`` included), from the catalog."""

WORDS: Mapping[str, Mapping[str, str]] = _group("word.")
"""Context words that appear inside messages, by language."""


@dataclass(frozen=True)
class Problem:
    """One problem with an input file: which file, which field, what is wrong."""

    file: str
    field: str
    type: str
    message: str
    """English message."""
    context: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The problem as one sentence in ``lang`` (ru, kk or en)."""
        return translate(self.type, self.context, self.message, lang)

    def line(self, lang: str = "en") -> str:
        """``file: field: message`` for command-line output."""
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.text(lang)}"


class ScenarioError(ValueError):
    """A scenario or baseline file that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


def translate(kind: str, context: dict[str, Any], message: str, lang: str) -> str:
    """Render a problem of type ``kind`` in ``lang``; fall back to the English message."""
    lang = lang if lang in LANGUAGES else "en"
    template = _CATALOG.get_text(f"problem.{kind}", lang) if kind != "fallback" else None
    if template is None:
        return _CATALOG.text("problem.fallback", lang, msg=message)
    context = {
        k: WORDS[v][lang] if isinstance(v, str) and v in WORDS and k == "what" else v
        for k, v in context.items()
    }
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return _CATALOG.text("problem.fallback", lang, msg=message)


def warning_text(kind: str, lang: str = "en", **values: Any) -> str:
    """A warning about a valid scenario (``warning.<kind>`` of the catalog) in ``lang``."""
    return _CATALOG.text(f"warning.{kind}", lang if lang in LANGUAGES else "en", **values)
