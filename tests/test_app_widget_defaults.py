"""The Assumptions page's target widgets carry their value as their default.

A browser whose first run is cut short by a rerun (a tab clicked while the page still draws)
mounts a widget of the next run with the proto's *default* and sends it back with the next
rerun; a default that differs from the value is then an edit the user never made (the
participation year became 0 and was rejected, "значение 0 меньше допустимого", in a CI run of
the form's browser test).  So the default must be the value the widget shows.
"""

from __future__ import annotations

from tests.app_session import open_page


def _page():
    at = open_page("page_assumptions.py", "en")
    assert not at.exception
    return at


def _default_index(slider) -> list[int]:
    """The option index a select slider shows (its proto default is an index)."""
    return [list(slider.proto.options).index(slider.format_func(slider.value))]


def _by_suffix(widgets, suffix: str):
    (widget,) = [w for w in widgets if w.key and w.key.endswith(suffix)]
    return widget


def test_the_participation_target_widgets_default_to_their_values():
    at = _page()
    year = _by_suffix(at.number_input, "levers.participation#year")
    share = _by_suffix(at.select_slider, "levers.participation#share")
    assert year.value >= 2024
    assert year.proto.default == year.value
    assert list(share.proto.default) == _default_index(share)
    assert 0 < share.value <= 1


def test_the_defaults_follow_an_edit():
    at = _page()
    _by_suffix(at.number_input, "levers.participation#year").set_value(2033).run()
    _by_suffix(at.select_slider, "levers.participation#share").set_value(0.55).run()
    year = _by_suffix(at.number_input, "levers.participation#year")
    share = _by_suffix(at.select_slider, "levers.participation#share")
    assert (year.value, year.proto.default) == (2033, 2033)
    assert share.value == 0.55
    assert list(share.proto.default) == _default_index(share)


def test_the_coverage_toggle_and_its_target_default_to_their_values():
    at = _page()
    toggle = _by_suffix(at.toggle, "levers.collection_coverage.*#on")
    assert toggle.proto.default == toggle.value
    toggle.set_value(not toggle.value).run()
    toggle = _by_suffix(at.toggle, "levers.collection_coverage.*#on")
    assert toggle.proto.default == toggle.value
    if toggle.value:
        year = _by_suffix(at.number_input, "levers.collection_coverage.*#year")
        assert year.proto.default == year.value >= 2024


def _mismatches(at) -> list[str]:
    """Sliders, select sliders, number inputs and toggles whose proto default is not their
    value (the form's fields are left out: a submit sets them, not the browser's fallback)."""
    found = []
    for widget in [*at.slider, *at.select_slider, *at.number_input, *at.toggle]:
        key = widget.key or widget.label
        if key.startswith("infra"):
            continue
        proto = widget.proto
        default = list(proto.default) if hasattr(proto.default, "__len__") else proto.default
        if type(widget).__name__ == "SelectSlider":
            value = [list(proto.options).index(widget.format_func(widget.value))]
        elif isinstance(default, list):
            value = [widget.value] if not isinstance(widget.value, tuple) else list(widget.value)
        else:
            value = widget.value
        if default != value:
            found.append(f"{key}: default {default} != value {value}")
    return found


def test_the_page_s_own_target_widgets_have_no_other_default() -> None:
    at = _page()
    mine = [m for m in _mismatches(at) if "#" in m]  # this page's trajectory/toggle widgets
    assert mine == []


def test_every_slider_of_the_page_and_the_sidebar_defaults_to_its_value() -> None:
    assert _mismatches(_page()) == []
