"""Problems with the user's siting inputs, in the user's language (Russian, Kazakh, English).

A problem names districts and sites by their names in the language of the message, never by
index.  The sentences are in the model's catalog (``planner/locales/{ru,kk,en}.toml``, keys
``siting.<kind>``, section "siting inputs"); a context value that is a :class:`Names` (a name in
each language) or a list of them is written in the message's language, a bounded list ("and M
more") when long.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.i18n import LANGS, model_catalog, number, percent
from planner.siting.problem import SitingInfeasible

_CATALOG = model_catalog()

TEXTS: frozenset[str] = frozenset(key for key in _CATALOG if key.startswith("siting."))
"""The siting keys of the model's catalog (``siting.<kind>``; the rest are
:mod:`planner.messages`' ``problem.`` and ``word.`` keys)."""

MAX_LISTED = 5
"""Names listed in one message before "and M more"."""


@dataclass(frozen=True)
class Names:
    """Names of one or more things in each language: ``{lang: [name, ...]}``."""

    by_lang: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, names: Iterable[Mapping[str, str] | str]) -> Names:
        """From per-language name dicts (``{"ru": …, "kk": …, "en": …}``) or plain texts."""
        items = [n if isinstance(n, Mapping) else dict.fromkeys(LANGS, n) for n in names]
        return cls(
            {lang: tuple(str(n.get(lang) or n.get("en") or "") for n in items) for lang in LANGS}
        )

    def text(self, lang: str) -> str:
        """The names in ``lang``, quoted, comma-separated, at most :data:`MAX_LISTED` of them."""
        names = self.by_lang.get(lang) or self.by_lang.get("en", ())
        shown = ", ".join(f"«{n}»" for n in names[:MAX_LISTED])
        rest = len(names) - MAX_LISTED
        if rest > 0:
            shown += _CATALOG.text("siting.and_more", lang, n=rest)
        return shown


@dataclass(frozen=True)
class Share:
    """A share [-] written as a percentage of the message's language."""

    value: float

    def text(self, lang: str) -> str:
        """``12 %`` (ru), ``12%`` (kk, en)."""
        return percent(self.value, lang, 0)


@dataclass(frozen=True)
class InputProblem:
    """One problem with a siting input.

    Attributes
    ----------
    source : str
        Which input: ``"distances"``, ``"site"``, ``"options"`` or ``"plan"``.
    kind : str
        The catalog key after ``siting.`` (e.g. ``"distances.negative"``).
    context : dict
        Values of the message's placeholders; :class:`Names` values are written in the
        message's language, floats as numbers of that language.
    """

    source: str
    kind: str
    context: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The problem as one sentence in ``lang``."""
        lang = lang if lang in LANGS else "en"
        values = {k: _value_text(v, lang) for k, v in self.context.items()}
        return _CATALOG.text(f"siting.{self.kind}", lang, **values)


def _value_text(value: Any, lang: str) -> Any:
    if callable(getattr(value, "text", None)):  # Names, planner.messages.Problem
        return value.text(lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return number(value, lang, 0 if value.is_integer() or abs(value) >= 1000 else 2)
    return value


class SitingInputError(ValueError):
    """Siting inputs that cannot be used, with every problem found."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__("; ".join(p.text("en") for p in problems))

    def lines(self, lang: str = "en") -> list[str]:
        """One sentence per problem in ``lang``."""
        return [p.text(lang) for p in self.problems]


def raise_if_any(problems: list[InputProblem]) -> None:
    """Raise :class:`SitingInputError` when ``problems`` is not empty."""
    if problems:
        raise SitingInputError(problems)


class PlanInfeasible(SitingInfeasible):
    """No plan meets the options; ``kind`` and ``context`` let the UI translate the reason.

    Kinds: ``"budget"`` (context ``budget_kzt``, ``share``, ``cheapest_kzt``), ``"max_lines"``
    (context ``max_lines``, ``share``, ``needed``), ``"design_year"`` (``year``, ``first``,
    ``last``), ``"unreachable"`` (``districts``: districts no allowed site can reach),
    ``"unservable"`` (``districts``, ``single``: districts whose demand exceeds what the lines
    allowed to serve them can take) and ``"solver"`` (context ``detail``: the solver-level
    reason in English).  ``reason`` is the English sentence.
    """

    def __init__(self, reason: str, kind: str, context: dict) -> None:
        super().__init__(reason)
        self.kind = kind
        self.context = context

    def text(self, lang: str = "en") -> str:
        """The reason as one sentence in ``lang`` (shares as percentages)."""
        lang = lang if lang in LANGS else "en"
        values = {
            k: percent(v, lang, 0) if k == "share" else _value_text(v, lang)
            for k, v in self.context.items()
        }
        return _CATALOG.text(f"siting.infeasible.{self.kind}", lang, **values)

    def line(self, lang: str = "en") -> str:
        """``infeasible: <reason>`` in ``lang``, for the command line."""
        return _CATALOG.text("siting.infeasible", lang, reason=self.text(lang))
