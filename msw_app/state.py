"""The user's scenarios in the session: presets, variants, edits, the current choice.

Everything lives under plain session-state keys (not widget keys), so it survives page
switches.  Widgets bind to their own keys and write back through ``on_change`` callbacks
that call :func:`apply_edit` and friends.

A *variant* is the user's own scenario: a starting scenario (a preset copy or an upload),
the edits made to it (path → value, oldest first) and the last valid result.  An edit that
does not validate stays in the draft with its problems, so the widget shows what the user
typed and the message next to it, while the projection keeps using the valid scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import ValidationError

from msw_app import compute, i18n
from msw_app.store.keys import content_hash
from planner import edit
from planner.io import problems_from
from planner.messages import Problem, ScenarioError
from planner.schema import Names, Scenario

KEY_VARIANTS = "msw_variants"
KEY_CURRENT = "msw_current"
KEY_EPOCH = "msw_epoch"
KEY_YEAR = "msw_year"
KEY_COMPARE = "msw_compare"
KEY_COMPARE_REF = "msw_compare_ref"
KEY_UPLOAD = "msw_upload_result"
KEY_NOTICE = "msw_notice"
KEY_COUNTER = "msw_variant_counter"
KEY_PICKER = "msw_picker_version"
KEY_SHARED = "msw_shared"
"""Scenarios opened by link (``?scenario=``) from another browser: read-only, like presets."""
KEY_RENAME_PROBLEMS = "msw_rename_problems"
"""Problems of the last rename of each variant (by variant id), shown under its name."""

MAX_NAME_CHARS = 120
"""A name the app composes (``Variant 2 of <name>``) is cut to this length, so that it stays
within the model's limit on names even when the source's name is already that long."""

DEFAULT_SCENARIO = "announced"
DEFAULT_YEAR = 2030


@dataclass
class Variant:
    """A scenario of the user's."""

    id: str
    start: Scenario
    """What the edits apply to (already renamed to this variant's id and name)."""
    edits: dict[str, Any] = field(default_factory=dict)
    scenario: Scenario | None = None
    """The last valid scenario (start + accepted edits)."""
    rejected: dict[str, list[Problem]] = field(default_factory=dict)
    origin: str = ""
    """Id of the preset or file it started from."""

    def current(self) -> Scenario:
        """The scenario to project."""
        return self.scenario if self.scenario is not None else self.start


def _state() -> Any:
    return st.session_state


VariantListener = Callable[[str, "Variant | None"], None]
_LISTENERS: list[VariantListener] = []


def on_variant_change(listener: VariantListener) -> None:
    """Call ``listener(variant_id, variant)`` whenever a variant is created or changed, and
    ``listener(variant_id, None)`` when it is deleted (the store saves variants so)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _changed(variant_id: str, variant: Variant | None) -> None:
    for listener in _LISTENERS:
        listener(variant_id, variant)


def init() -> None:
    """Create the session keys on first use."""
    ss = _state()
    ss.setdefault(KEY_VARIANTS, {})
    ss.setdefault(KEY_EPOCH, 0)
    ss.setdefault(KEY_COUNTER, 0)
    ss.setdefault(KEY_YEAR, DEFAULT_YEAR)
    if ss.get(KEY_CURRENT) not in choices():
        presets = compute.presets()
        ss[KEY_CURRENT] = DEFAULT_SCENARIO if DEFAULT_SCENARIO in presets else next(iter(presets))


def variants() -> dict[str, Variant]:
    """The user's variants by id."""
    return _state().setdefault(KEY_VARIANTS, {})


def shared() -> dict[str, Scenario]:
    """Scenarios opened by link, by their id in this session (read-only: an edit makes the
    visitor's own working copy, as for a preset)."""
    return _state().setdefault(KEY_SHARED, {})


def choices() -> list[str]:
    """Ids of every scenario the user can pick: presets first, then linked ones, then
    variants."""
    return list(compute.presets()) + list(shared()) + list(variants())


def is_preset(scenario_id: str) -> bool:
    """Whether the id names a preset."""
    return scenario_id in compute.presets()


def scenario(scenario_id: str) -> Scenario:
    """A preset's, a linked scenario's or a variant's current scenario."""
    presets = compute.presets()
    if scenario_id in presets:
        return presets[scenario_id]
    if scenario_id in shared():
        return shared()[scenario_id]
    return variants()[scenario_id].current()


def current_id() -> str:
    """Id of the scenario in focus."""
    return _state()[KEY_CURRENT]


def current() -> Scenario:
    """The scenario in focus (the last valid one, for variants)."""
    return scenario(current_id())


def current_variant() -> Variant | None:
    """The variant in focus, or ``None`` for a preset."""
    return variants().get(current_id())


def epoch() -> int:
    """Counter that changes whenever the scenario in focus is replaced, not edited.

    Lever widget keys include it, so widgets start afresh from the new scenario.
    """
    return int(_state().get(KEY_EPOCH, 0))


def bump_epoch() -> None:
    """Start lever widgets afresh on the next run."""
    _state()[KEY_EPOCH] = epoch() + 1


def picker_version() -> int:
    """Counter that changes whenever the code (not the sidebar picker) changes the focus.

    The picker's widget key includes it, so a stale value from the browser can never switch
    the focus back.
    """
    return int(_state().get(KEY_PICKER, 0))


def _focus(scenario_id: str) -> None:
    _state()[KEY_CURRENT] = scenario_id
    _state()[KEY_PICKER] = picker_version() + 1


def focus(scenario_id: str) -> None:
    """Put a scenario in focus from code (a restored variant, a link), widgets afresh."""
    if scenario_id in choices():
        _focus(scenario_id)
        bump_epoch()


def add_shared(ident: str, linked: Scenario, names: Names | None = None) -> str:
    """Add a scenario opened by link (or from a seminar room) under the session id ``ident``,
    optionally renamed ``names``; returns ``ident``."""
    shared()[ident] = edit.rename(linked, ident, names or linked.name)
    return ident


def restore_variant(variant: Variant) -> None:
    """Put a variant read back from the store into the session (no listener is called)."""
    variants()[variant.id] = variant


def set_current(scenario_id: str) -> None:
    """Focus another scenario."""
    if scenario_id not in choices():
        return
    if scenario_id != _state().get(KEY_CURRENT):
        _state()[KEY_CURRENT] = scenario_id
        bump_epoch()


def label(scenario_id: str, lang: str) -> str:
    """Display name of a scenario in ``lang`` (a preset's without parsing it)."""
    names = compute.preset_names()
    if scenario_id in names:
        return i18n.name(names[scenario_id], lang)
    return i18n.name(scenario(scenario_id).name, lang)


def year() -> int:
    """Year in focus."""
    return int(_state().get(KEY_YEAR, DEFAULT_YEAR))


def set_year(value: int) -> None:
    """Change the year in focus."""
    _state()[KEY_YEAR] = int(value)


# --------------------------------------------------------------------------------------------
# Variants
# --------------------------------------------------------------------------------------------


def _new_variant_id() -> str:
    ss = _state()
    taken = set(choices())
    n = int(ss.get(KEY_COUNTER, 0))
    while True:
        n += 1
        ident = f"variant_{n}"
        if ident not in taken:
            ss[KEY_COUNTER] = n
            return ident


def fit_name(text: str) -> str:
    """A composed name cut to :data:`MAX_NAME_CHARS` (with "…" when cut)."""
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1] + "…"


def _variant_names(n_label: str, source: Scenario) -> Names:
    return Names(
        **{
            lang: fit_name(
                i18n.t("variant.name", lang, n=n_label, source=i18n.name(source.name, lang))
            )
            for lang in i18n.LANGS
        }
    )


def create_variant(source_id: str | None = None, focus: bool = True) -> Variant:
    """A new variant starting from a scenario (by default the one in focus), with its edits.

    The new variant keeps the source's edits as its own starting point.
    """
    source_id = source_id or current_id()
    source = scenario(source_id)
    ident = _new_variant_id()
    names = _variant_names(ident.rsplit("_", 1)[-1], source)
    start = edit.rename(source, ident, names)
    variant = Variant(id=ident, start=start, scenario=start, origin=source_id)
    old = variants().get(source_id)
    if old is not None:
        # Carry over rejected (draft) edits too, so nothing the user typed is lost.
        variant.edits = {p: v for p, v in old.edits.items() if p in old.rejected}
        if variant.edits:
            _recompute(variant)
    variants()[ident] = variant
    _changed(ident, variant)
    if focus:
        _focus(ident)
    return variant


def working_copy_id(preset_id: str) -> str:
    """Id of the user's working copy of a preset (one per preset)."""
    return f"{preset_id}_mine"


def ensure_variant() -> Variant:
    """The variant in focus; edits of a preset go to the preset's working copy.

    The working copy has a fixed id per preset, so two quick edits that race each other
    (e.g. arrow keys on a slider) end in the same variant.  Does not bump the epoch: the
    copy equals the preset plus edits, so widgets stay as they are.
    """
    variant = current_variant()
    if variant is not None:
        return variant
    preset_id = current_id()
    ident = working_copy_id(preset_id)
    if ident not in variants():
        source = scenario(preset_id)
        names = Names(
            **{
                lang: fit_name(
                    i18n.t("variant.working_copy", lang, source=i18n.name(source.name, lang))
                )
                for lang in i18n.LANGS
            }
        )
        start = edit.rename(source, ident, names)
        variants()[ident] = Variant(id=ident, start=start, scenario=start, origin=preset_id)
    _focus(ident)
    return variants()[ident]


def _recompute(variant: Variant) -> None:
    result = edit.apply_valid_edits(variant.start, variant.edits)
    variant.scenario = result.scenario
    variant.rejected = result.rejected
    _changed(variant.id, variant)


def apply_edit(path: str, value: Any) -> None:
    """Record an edit of the scenario in focus (a preset becomes a variant first)."""
    variant = ensure_variant()
    variant.edits.pop(path, None)
    variant.edits[path] = value
    _recompute(variant)


def apply_edits(changes: dict[str, Any]) -> None:
    """Record several edits at once."""
    variant = ensure_variant()
    for path, value in changes.items():
        variant.edits.pop(path, None)
        variant.edits[path] = value
    _recompute(variant)


def draft(path: str, default: Any) -> Any:
    """What the user last entered at ``path`` (valid or not), else ``default``."""
    variant = current_variant()
    if variant is not None and path in variant.edits:
        return variant.edits[path]
    return default


def problems(path: str) -> list[Problem]:
    """Problems of the user's edit at ``path`` (empty when it is valid)."""
    variant = current_variant()
    if variant is None:
        return []
    return list(variant.rejected.get(path, []))


def all_problems() -> dict[str, list[Problem]]:
    """Every rejected edit of the variant in focus with its problems."""
    variant = current_variant()
    return dict(variant.rejected) if variant is not None else {}


def reset_current() -> None:
    """Drop every edit of the variant in focus."""
    variant = current_variant()
    if variant is None:
        return
    variant.edits = {}
    variant.scenario = variant.start
    variant.rejected = {}
    _changed(variant.id, variant)
    bump_epoch()


def delete_current() -> None:
    """Delete the variant in focus and focus its origin (or the default preset)."""
    variant = current_variant()
    if variant is None:
        return
    del variants()[variant.id]
    _changed(variant.id, None)
    _focus(variant.origin if variant.origin in choices() else choices()[0])
    compare = _state().get(KEY_COMPARE)
    if compare:
        _state()[KEY_COMPARE] = [c for c in compare if c != variant.id]
    bump_epoch()


def rename_current(lang: str, text: str) -> None:
    """Rename the variant in focus in ``lang`` (other languages keep their names).

    A name the model refuses (e.g. too long) leaves the variant as it was; the problems are
    kept for :func:`rename_problems`.
    """
    variant = current_variant()
    text = text.strip()
    if variant is None or not text:
        return
    names = variant.start.name.model_dump()
    names[lang] = text
    renamed = _state().setdefault(KEY_RENAME_PROBLEMS, {})
    try:
        variant.start = edit.rename(variant.start, variant.id, Names(**names))
    except ScenarioError as exc:
        renamed[variant.id] = list(exc.problems)
        return
    except ValidationError as exc:  # the names themselves (``Names``) refused
        renamed[variant.id] = problems_from(exc, variant.id, Names)
        return
    renamed.pop(variant.id, None)
    _recompute(variant)


def rename_problems() -> list[Problem]:
    """Problems of the last rename of the variant in focus (empty when it was accepted)."""
    variant = current_variant()
    if variant is None:
        return []
    return list(_state().get(KEY_RENAME_PROBLEMS, {}).get(variant.id, []))


def same_variant(candidate: Scenario) -> str | None:
    """Id of a variant whose current scenario has the same content and name as
    ``candidate`` (ids aside), or ``None``."""
    digest = content_hash(candidate)
    return next((i for i, v in variants().items() if content_hash(v.current()) == digest), None)


def add_uploaded(uploaded: Scenario) -> str:
    """Add an uploaded scenario as a variant and focus it; returns its id.

    A file with the same content and name as one of the variants (a downloaded variant
    uploaded again) makes no second variant: that one is focused.
    """
    same = same_variant(uploaded)
    if same is not None:
        _focus(same)
        bump_epoch()
        return same
    ident = uploaded.id
    taken = set(choices())
    if ident in taken:
        n = 2
        while f"{uploaded.id}_{n}" in taken:
            n += 1
        ident = f"{uploaded.id}_{n}"
        uploaded = edit.rename(uploaded, ident, uploaded.name)
    variants()[ident] = Variant(id=ident, start=uploaded, scenario=uploaded, origin=ident)
    _changed(ident, variants()[ident])
    _focus(ident)
    bump_epoch()
    return ident


# --------------------------------------------------------------------------------------------
# Compare selection
# --------------------------------------------------------------------------------------------


def compare_ids() -> list[str]:
    """Scenarios picked for comparison (2–4), defaulting to the one in focus and BAU."""
    ss = _state()
    valid = [c for c in ss.get(KEY_COMPARE) or [] if c in choices()]
    if len(valid) < 1:
        first = current_id()
        second = "bau" if first != "bau" and "bau" in choices() else None
        if second is None:
            second = next((c for c in choices() if c != first), first)
        valid = [first, second] if second != first else [first]
    ss[KEY_COMPARE] = valid[:4]
    return list(ss[KEY_COMPARE])


def set_compare(ids: list[str]) -> None:
    """Change the comparison selection."""
    _state()[KEY_COMPARE] = [c for c in ids if c in choices()][:4]


def compare_reference() -> str:
    """The reference of the comparison's differences: the one the user chose while it stays
    picked; otherwise business as usual when picked, else the first scenario picked.

    Chosen once and kept: adding or removing another scenario never moves it (the default
    is stored on first use, so it does not follow the last scenario added).
    """
    ss = _state()
    picked = compare_ids()
    ref = ss.get(KEY_COMPARE_REF)
    if ref not in picked:
        ref = "bau" if "bau" in picked else picked[0]
        ss[KEY_COMPARE_REF] = ref
    return ref


def set_compare_reference(scenario_id: str) -> None:
    """Choose the comparison's reference (ignored unless it is picked)."""
    if scenario_id in compare_ids():
        _state()[KEY_COMPARE_REF] = scenario_id
