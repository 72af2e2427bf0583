"""App warnings of issue #11: the Overview names the regions and years whose landfilled waste
had no operating landfill; the Climate page explains the methane of sanitary landfills
without gas capture."""

from __future__ import annotations

import json

import planner
from planner.projection import unplaced_warnings
from tests.app_session import open_page


def _semey_closed_in_2026() -> bytes:
    """The announced preset with the Semey city landfill closed in 2026 (the new Semey
    landfill opens in 2027): a year of Abai waste without a landfill."""
    data = json.loads(planner.scenario_json(planner.load_presets()["announced"]))
    data["levers"]["closed_facilities"] = {"semey_city_landfill": 2026}
    data["id"] = "semey_gap"
    data["name"] = {"ru": "Разрыв", "kk": "Үзіліс", "en": "Semey gap"}
    return json.dumps(data).encode()


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def _picker(at):
    """The sidebar's scenario picker (its key carries a version)."""
    (found,) = [s for s in at.selectbox if s.key and s.key.startswith("w_scenario")]
    return found


def test_overview_warns_of_waste_without_a_landfill():
    at = open_page("page_data.py")
    at.file_uploader(key="w_upload").set_value(
        ("semey_gap.json", _semey_closed_in_2026(), "application/json")
    ).run()
    assert at.session_state["msw_current"] == "semey_gap"
    at.switch_page("msw_app/page_overview.py").run()
    assert not at.exception
    (warning,) = [w for w in _warnings(at) if "no operating landfill" in w]
    assert warning.startswith("Abai region, 2026: "), warning
    tonnes = warning.split(": ", 1)[1].split(" t ")[0]
    assert float(tonnes.replace(",", "")) > 50_000, warning


def test_overview_of_the_presets_has_no_unplaced_warning():
    presets = planner.load_presets()
    at = open_page("page_overview.py")
    for sid in presets:
        assert unplaced_warnings(planner.project(presets[sid])) == []
        _picker(at).set_value(sid).run()
        assert not at.exception
        assert not [w for w in _warnings(at) if "no operating landfill" in w], sid


def test_climate_explains_the_methane_of_the_new_semey_landfill():
    at = open_page("page_climate.py")  # the announced preset is in focus
    assert not at.exception
    (note,) = [c.value for c in at.caption if "without gas capture" in c.value]
    # The name is user text, escaped for Markdown (plain_md).
    assert note.startswith(r"“New Semey regional landfill \(Maximsan\)” is a sanitary landfill")
    emitted, dump = (
        float(note.split(part)[1].split("\u00a0")[0].split(" ")[0].replace(",", ""))
        for part in (" it emits ", ", against ")
    )
    assert emitted > 2 * dump > 0, note
    assert "`landfill_gas_capture`" in note


def test_climate_of_bau_has_no_sanitary_note():
    at = open_page("page_climate.py")
    _picker(at).set_value("bau").run()
    assert not at.exception
    assert not [c.value for c in at.caption if "without gas capture" in c.value]


def test_overview_carries_the_same_sanitary_landfill_note_as_climate():
    # One widget (msw_app.widgets.sanitary_no_capture_notes) draws it on both pages.
    notes = {}
    for page in ("page_overview.py", "page_climate.py"):
        at = open_page(page)  # the announced preset is in focus, both regions
        assert not at.exception
        notes[page] = [c.value for c in at.caption if "without gas capture" in c.value]
    assert len(notes["page_overview.py"]) == 1
    assert notes["page_overview.py"] == notes["page_climate.py"]
