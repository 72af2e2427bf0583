"""AppTest: moving a lever changes the KPIs in the expected direction; edits survive page
switches; invalid edits show a message next to the field and keep the other edits."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app_session import open_app, open_page


def assumptions() -> AppTest:
    return open_page("page_assumptions.py")


def metric_values(at: AppTest, label: str) -> list[float]:
    """The values of every card with ``label`` (one per region on the overview)."""
    texts = [m.value for m in at.metric if m.label == label]
    return [float(t.replace(",", "").replace("%", "").split("\u00a0")[0]) for t in texts]


def metric(at: AppTest, label: str) -> float:
    """A card's value as a number (English formatting: 1,234.5 / 12.3% / 39 years)."""
    (card,) = [m for m in at.metric if m.label == label]
    text = card.value.replace(",", "").replace("%", "").split("\u00a0")[0]
    return float(text)


def picker(at: AppTest):
    """The sidebar's scenario picker (its key carries a version)."""
    (found,) = [s for s in at.selectbox if s.key and s.key.startswith("w_scenario")]
    return found


def slider(at: AppTest, path: str):
    (found,) = [s for s in at.select_slider if s.key and s.key.endswith(":" + path)]
    return found


def test_higher_recovery_means_less_landfilled():
    at = assumptions()
    before = metric(at, "Landfilled, t/yr")
    diversion = metric(at, "Diversion")
    slider(at, "levers.recovery_mixed.plastics").set_value(0.9).run()
    assert not at.exception
    assert metric(at, "Landfilled, t/yr") < before
    assert metric(at, "Diversion") > diversion
    # The preset stayed as it was: the edit created the user's variant, now in focus.
    assert at.session_state["msw_current"] == "announced_mine"
    assert picker(at).value == "announced_mine"
    assert any(o.startswith("My changes: Announced") for o in picker(at).options)


def test_more_sorting_capacity_means_less_landfilled():
    at = assumptions()
    before = metric(at, "Landfilled, t/yr")
    (editor,) = [d for d in at.data_editor if ":new_sorting_lines:" in (d.key or "")]
    at.session_state[editor.key] = {
        "edited_rows": {},
        "added_rows": [
            {
                "name": "Ayagoz line",
                "districts_served": ["ayagoz", "aksuat", "abai_district"],
                "start_year": 2027,
                "capacity": 20000,
            }
        ],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Landfilled, t/yr") < before
    variant = at.session_state["msw_variants"]["announced_mine"]
    lines = variant.scenario.levers.new_sorting_lines
    assert [line.id for line in lines][-1] == "sorting_1"
    assert not variant.rejected


def test_lower_participation_target_means_more_landfilled():
    at = assumptions()
    before = metric(at, "Landfilled, t/yr")
    (share,) = [
        s for s in at.select_slider if s.key and s.key.endswith("levers.participation#share")
    ]
    share.set_value(0.6).run()
    assert metric(at, "Landfilled, t/yr") < before


def test_invalid_edit_shows_message_and_keeps_other_edits():
    at = assumptions()
    slider(at, "levers.recovery_mixed.plastics").set_value(0.9).run()
    landfilled = metric(at, "Landfilled, t/yr")
    (year,) = [n for n in at.number_input if n.key and n.key.endswith("levers.participation#year")]
    year.set_value(1800).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("at least 1990" in e for e in errors), errors
    assert at.warning, "the page says that an edit is not applied"
    # The earlier, valid edit still counts, and the bad year is still shown as typed.
    assert metric(at, "Landfilled, t/yr") == landfilled
    assert slider(at, "levers.recovery_mixed.plastics").value == 0.9
    (year,) = [n for n in at.number_input if n.key and n.key.endswith("levers.participation#year")]
    assert year.value == 1800
    variant = at.session_state["msw_variants"]["announced_mine"]
    assert set(variant.rejected) == {"levers.participation"}


def test_edits_survive_page_switches():
    at = assumptions()
    slider(at, "levers.recovery_mixed.plastics").set_value(0.9).run()
    edited = metric(at, "Landfilled, t/yr")
    at.switch_page("msw_app/page_overview.py").run()
    # issue 12: the overview shows each region's cards side by side; they add up to the total
    regions = metric_values(at, "Landfilled, t/yr")
    assert len(regions) == 2 and abs(sum(regions) - edited) <= 1.0  # whole tonnes rounded
    at.switch_page("msw_app/page_compare.py").run()
    at.switch_page("msw_app/page_assumptions.py").run()
    assert slider(at, "levers.recovery_mixed.plastics").value == 0.9
    assert metric(at, "Landfilled, t/yr") == edited


def test_switching_scenario_updates_widgets():
    at = assumptions()
    picker(at).set_value("separate_collection").run()
    assert slider(at, "levers.capture.paper").value == 0.6
    picker(at).set_value("bau").run()
    assert slider(at, "levers.capture.paper").value == 0.5


def test_year_in_focus_changes_the_cards():
    at = open_app("en")
    at.slider(key="w_year").set_value(2026).run()
    early = metric_values(at, "Processing (official)")[0]  # Abai's card (issue 12: by region)
    at.slider(key="w_year").set_value(2030).run()
    # the announced lines open in 2027
    assert metric_values(at, "Processing (official)")[0] > early


def test_reset_and_delete_variant():
    at = assumptions()
    slider(at, "levers.recovery_mixed.plastics").set_value(0.9).run()
    reset = [b for b in at.button if b.label == "Reset"]
    reset[0].click().run()
    assert slider(at, "levers.recovery_mixed.plastics").value == 0.25
    delete = [b for b in at.button if b.label == "Delete"]
    delete[0].click().run()
    assert at.session_state["msw_current"] == "announced"
    assert not at.session_state["msw_variants"]


def test_edits_of_a_preset_go_to_its_working_copy_and_duplicates_are_numbered():
    at = assumptions()
    slider(at, "levers.recovery_mixed.plastics").set_value(0.9).run()
    picker(at).set_value("announced").run()
    assert slider(at, "levers.recovery_mixed.plastics").value == 0.25  # the preset is intact
    slider(at, "levers.recovery_mixed.glass").set_value(0.5).run()
    assert at.session_state["msw_current"] == "announced_mine"
    variant = at.session_state["msw_variants"]["announced_mine"]
    assert list(variant.edits) == ["levers.recovery_mixed.plastics", "levers.recovery_mixed.glass"]
    [b for b in at.button if b.label == "Duplicate"][0].click().run()
    assert at.session_state["msw_current"] == "variant_1"
    assert slider(at, "levers.recovery_mixed.glass").value == 0.5
    assert set(at.session_state["msw_variants"]) == {"announced_mine", "variant_1"}
