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

from planner.i18n import LANGS, model_catalog, number

LANGUAGES = LANGS

MAX_PROBLEMS = 20
"""Most problems a :class:`ScenarioError` lists; the rest are counted in one last problem
("... and 99,980 more problems"), so a file with 100,000 bad keys gives a short answer."""

MAX_SHOWN_CHARS = 60
"""Longest excerpt of a user's value quoted in a message [characters]."""

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
    """A scenario or baseline file that cannot be used, with the problems found.

    ``problems`` holds at most :data:`MAX_PROBLEMS` problems and, when there were more, a
    last problem of type ``more_problems`` that counts the others; ``total`` is the count of
    all problems found.
    """

    def __init__(self, problems: list[Problem]):
        problems = list(problems)
        self.total = len(problems)
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [
                Problem(
                    problems[0].file,
                    "",
                    "more_problems",
                    f"... and {more} more problems",
                    {"count": more},
                )
            ]
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


def shown(value: Any) -> str:
    """A user's value as quoted in a message: control characters escaped (no terminal escape
    sequences), surrogates replaced, at most :data:`MAX_SHOWN_CHARS` characters."""
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    text = "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text[: MAX_SHOWN_CHARS * 2]
    )
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


_BOUND_KEYS = ("ge", "gt", "le", "lt")
"""Context keys of pydantic's bound errors: shown as numbers in the user's language."""


def _bound(value: Any, lang: str) -> Any:
    """A bound as the language writes it (``10 000 000`` in Russian), small ones unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) < 10_000:
        return value
    return number(value, lang, 0 if float(value).is_integer() else 2)


def translate(kind: str, context: dict[str, Any], message: str, lang: str) -> str:
    """Render a problem of type ``kind`` in ``lang``; fall back to the English message."""
    lang = lang if lang in LANGUAGES else "en"
    text = _render(kind, context, lang)
    return _CATALOG.text("problem.fallback", lang, msg=message) if text is None else text


def _render(kind: str, context: dict[str, Any], lang: str) -> str | None:
    """The catalog text of ``kind`` in ``lang`` with ``context`` filled; ``None`` when the
    catalog has no such text or the context lacks a value it needs."""
    template = _CATALOG.get_text(f"problem.{kind}", lang) if kind != "fallback" else None
    if template is None:
        return None
    context = {
        k: WORDS[v][lang] if isinstance(v, str) and v in WORDS and k == "what" else v
        for k, v in context.items()
    }
    context |= {k: _bound(context[k], lang) for k in _BOUND_KEYS if k in context}
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def is_translated(problem: Problem) -> bool:
    """Whether ``problem`` has a catalog text that renders in every language (not the English
    fallback): the project's own problems all do."""
    return all(_render(problem.type, problem.context, lang) is not None for lang in LANGUAGES)


def warning_text(kind: str, lang: str = "en", **values: Any) -> str:
    """A warning about a valid scenario (``warning.<kind>`` of the catalog) in ``lang``."""
    return _CATALOG.text(f"warning.{kind}", lang if lang in LANGUAGES else "en", **values)
