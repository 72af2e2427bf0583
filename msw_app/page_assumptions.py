"""Assumptions page: every lever of the scenario in focus is editable.

A preset is never changed: the first edit copies it into a variant of the user's.  Widgets
write back through callbacks (sliders, number inputs) or, for tables, right after the
editor returns; invalid edits stay in the draft with a message next to the field.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from msw_app import compute, i18n, state, widgets
from msw_app.guard import guarded_callback
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang
from msw_app.views import infrastructure as infra
from msw_app.views import rows as editor_rows
from msw_app.widgets import table_editor
from planner import MATERIALS, edit
from planner import new_facility as nf
from planner.messages import Problem
from planner.schema import Scenario

STRIP_KPIS = ("diversion_rate", "processing_share", "landfilled_t", "landfill_years_left")
# The tab in view, by id (so it stays when the language changes).
KEY_TAB = "msw_assume_tab"
TABS: tuple[str, ...] = ("recovery", "separate", "collection", "infrastructure")
# The last submit of the add-a-facility form: {"kind", and "added" | "problems" | "no_district"}.
KEY_FORM_RESULT = "msw_infra_form_result"
W_KIND = "w_infra_kind"


# --------------------------------------------------------------------------------------------
# Variant box
# --------------------------------------------------------------------------------------------


@guarded_callback
def _on_rename(key: str, lang: str) -> None:
    state.rename_current(lang, st.session_state[key])


def variant_box(lang: str) -> None:
    """Which scenario is edited, and the variant's name and actions."""
    variant = state.current_variant()
    if variant is None:
        st.info(
            i18n.t(
                "assume.preset_note", lang, name=plain_md(state.label(state.current_id(), lang))
            ),
            icon=":material/lightbulb:",
        )
        if st.button(i18n.t("assume.make_variant", lang), icon=":material/content_copy:"):
            state.create_variant()
            st.rerun()
        return
    key = f"w_variant_name{state.epoch()}:{variant.id}"
    if key not in st.session_state:
        st.session_state[key] = i18n.name(variant.current().name, lang)
    cols = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
    with cols[0]:
        st.text_input(
            i18n.t("assume.variant_name", lang), key=key, on_change=_on_rename, args=(key, lang)
        )
        widgets.show_problems(state.rename_problems(), lang, i18n.t("assume.rename_bad", lang))
    with cols[1]:
        if st.button(i18n.t("assume.duplicate", lang), icon=":material/content_copy:"):
            state.create_variant()
            state.bump_epoch()
            st.rerun()
    with cols[2]:
        if st.button(i18n.t("assume.reset", lang), icon=":material/undo:"):
            state.reset_current()
            st.rerun()
    with cols[3]:
        if st.button(i18n.t("assume.delete", lang), icon=":material/delete:"):
            state.delete_current()
            st.rerun()
    origin = variant.origin
    if origin and origin != variant.id and origin in state.choices():
        st.caption(i18n.t("assume.based_on", lang, name=plain_md(state.label(origin, lang))))


# --------------------------------------------------------------------------------------------
# Levers
# --------------------------------------------------------------------------------------------


def per_material_sliders(scenario: Scenario, lever: str, lang: str) -> None:
    """One slider per material for a per-material lever."""
    values = edit.effective_per_material(scenario, lever)
    cols = st.columns(2)
    for i, material in enumerate(MATERIALS):
        with cols[i % 2]:
            widgets.lever_slider(
                f"levers.{lever}.{material.value}",
                i18n.t(f"material.{material.value}", lang),
                values[material.value],
                lang,
            )


@guarded_callback
def _write_trajectory(path: str, share_key: str, year_key: str) -> None:
    share, year = st.session_state.get(share_key), st.session_state.get(year_key)
    if share is None or year is None:
        return
    state.apply_edit(path, {int(year): float(share)})


def trajectory_target(
    path: str, lang: str, share: float, year: int, share_label: str, year_label: str
) -> None:
    """A target share and the year it is reached (a two-point trajectory from today)."""
    share_key = widgets.lever_key(path + "#share")
    year_key = widgets.lever_key(path + "#year")
    draft = state.draft(path, None)
    if isinstance(draft, dict) and draft:
        year, share = max(draft), draft[max(draft)]
    # The widgets' defaults are their values (not pre-set through session state): a browser
    # whose first run was cut short by a rerun mounts them with the default and sends it back
    # with the next rerun, and a default of 0 would be an edit the user never made.
    cols = st.columns([3, 1])
    with cols[0]:
        widgets.percent_slider(
            share_label,
            0.0,
            1.0,
            float(share),
            0.01,
            lang,
            key=share_key,
            on_change=_write_trajectory,
            args=(path, share_key, year_key),
        )
    with cols[1]:
        st.number_input(
            year_label,
            value=int(year),
            step=1,
            key=year_key,
            on_change=_write_trajectory,
            args=(path, share_key, year_key),
        )
    widgets.show_problems(state.problems(path), lang)


@guarded_callback
def _toggle_coverage(key: str, path: str, year: int, share: float) -> None:
    if st.session_state[key]:
        state.apply_edit(path, {int(year): float(share)})
    else:
        state.apply_edit(path, None)


def collection_levers(scenario: Scenario, lang: str) -> None:
    """Coverage target for all districts, generation growth, and the per-district table."""
    path = "levers.collection_coverage.*"
    target = edit.coverage_target(scenario, "*")
    variant = state.current_variant()
    if variant is not None and path in variant.edits:
        enabled = variant.edits[path] is not None
    else:
        enabled = target is not None
    toggle_key = widgets.lever_key(path + "#on")
    year, share = target if target is not None else (2030, 1.0)
    on = st.toggle(
        i18n.t("assume.coverage_toggle", lang),
        value=enabled,  # its default, as in trajectory_target
        key=toggle_key,
        on_change=_toggle_coverage,
        args=(toggle_key, path, year, share),
        help=i18n.t("assume.coverage_help", lang),
    )
    if on:
        trajectory_target(
            path,
            lang,
            share,
            year,
            i18n.t("assume.coverage_share", lang),
            i18n.t("assume.target_year", lang),
        )
    widgets.lever_slider(
        "levers.generation_growth_per_yr",
        i18n.t("assume.generation_growth", lang),
        edit.generation_growth(scenario),
        lang,
        min_value=-0.05,
        max_value=0.05,
        step=0.001,
        help=i18n.t("assume.generation_growth_help", lang),
    )
    st.markdown(f"**{i18n.t('assume.by_district', lang)}**")
    st.caption(i18n.t("assume.by_district_help", lang))
    rows = editor_rows.district_rows(scenario, lang)
    frame = pd.DataFrame(rows).drop(columns=["district"])
    numeric(frame, ("coverage_target", "coverage_year"))
    changed = table_editor(
        "districts",
        frame,
        lang,
        column_config={
            "name": st.column_config.TextColumn(i18n.t("col.district", lang), disabled=True),
            "base_generation_t_per_cap_yr": st.column_config.NumberColumn(
                i18n.t("assume.col.base_generation", lang), disabled=True, format="%.2f"
            ),
            "generation_t_per_cap_yr": st.column_config.NumberColumn(
                i18n.t("assume.col.generation", lang), format="%.2f", step=0.01
            ),
            "base_coverage": st.column_config.NumberColumn(
                i18n.t("assume.col.base_coverage", lang), disabled=True, format="percent"
            ),
            "coverage_target": st.column_config.NumberColumn(
                i18n.t("assume.col.coverage_target", lang), format="percent", step=0.01
            ),
            "coverage_year": st.column_config.NumberColumn(
                i18n.t("assume.col.coverage_year", lang), format="%d", step=1
            ),
        },
        dynamic=False,
    )
    if changed is not None:
        for row, district in zip(changed, [r["district"] for r in rows], strict=True):
            row["district"] = district
        state.apply_edits(editor_rows.district_edits(scenario, changed))
        st.rerun()
    for p in ("levers.generation_t_per_cap_yr", "levers.collection_coverage"):
        widgets.show_problems(state.problems(p), lang)


def numeric(frame: pd.DataFrame, columns) -> None:
    """Give number columns a float dtype, in place, so that an empty cell shows empty (in an
    object column the editor shows the text "None")."""
    for column in columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)


def _row_problems(problems: list[Problem], path: str, lang: str, labels: dict[str, str]) -> None:
    """Problems of a table edit, each prefixed with its row number and column label."""
    lines = []
    for p in problems:
        where = edit.problem_path(p)
        rest = where[len(path) :]
        prefix = ""
        parts = edit.parse_path(rest) if rest else []
        if parts and isinstance(parts[0], int):
            prefix = i18n.t("assume.row", lang, n=parts[0] + 1)
            if len(parts) > 1:
                prefix += " · " + plain_md(labels.get(str(parts[1]), str(parts[1])))
            prefix += ": "
        lines.append(prefix + widgets.problem_md(p, lang))
    if lines:
        st.error("\n\n".join(lines), icon=":material/error:")


def _district_options(scenario: Scenario, lang: str) -> tuple[list[str], dict[str, str]]:
    names = {
        d.id: i18n.name(d.name, lang)
        for r in scenario.resolved_baseline().regions
        for d in r.districts
    }
    return list(names), names


def facility_levers(scenario: Scenario, lang: str) -> None:
    """Editable tables of new sorting lines, composting sites and landfills."""
    for kind in editor_rows.FACILITY_LEVERS:
        facility_table(scenario, kind, lang)
    st.caption(i18n.t("pages5.editor_words", lang))


def _facility_columns(scenario: Scenario, kind: str, lang: str) -> tuple[dict, dict]:
    """Labels (by column and by model field, for problems) and the editor's column
    configuration of a facility table; choice cells are never left empty where the model
    has a default (an empty one reads "Select..." in English: Streamlit's own word)."""
    ids, names = _district_options(scenario, lang)
    regions = {r.id: i18n.name(r.name, lang) for r in scenario.resolved_baseline().regions}
    capacity_label = i18n.t(
        "assume.col.volume" if kind == "new_landfills" else "assume.col.capacity", lang
    )
    labels = {
        "id": i18n.t("assume.col.id", lang),
        "name": i18n.t("assume.col.name", lang),
        "region": i18n.t("col.region", lang),
        "districts_served": i18n.t("assume.col.districts", lang),
        "start_year": i18n.t("assume.col.start_year", lang),
        "capacity": capacity_label,
        editor_rows.CAPACITY_FIELD[kind]: capacity_label,
        "capex_kzt": i18n.t("assume.col.capex", lang),
        "lat": i18n.t("axis.lat", lang),
        "lon": i18n.t("axis.lon", lang),
        "type": i18n.t("assume.col.type", lang),
    }
    config = {
        "id": st.column_config.TextColumn(labels["id"], help=i18n.t("assume.id_help", lang)),
        "name": st.column_config.TextColumn(labels["name"]),
        "region": st.column_config.SelectboxColumn(
            labels["region"], options=list(regions), format_func=regions.get, required=True
        ),
        "districts_served": st.column_config.MultiselectColumn(
            labels["districts_served"], options=ids, format_func=names.get, width="medium"
        ),
        "start_year": st.column_config.NumberColumn(labels["start_year"], format="%d", step=1),
        "capacity": st.column_config.NumberColumn(capacity_label, format="%,.0f", step=1000),
        "capex_kzt": st.column_config.NumberColumn(labels["capex_kzt"], format="%,.0f"),
        "lat": st.column_config.NumberColumn(labels["lat"], format="%.3f"),
        "lon": st.column_config.NumberColumn(labels["lon"], format="%.3f"),
        "type": st.column_config.SelectboxColumn(
            labels["type"],
            options=["sanitary", "controlled", "uncontrolled"],
            format_func=lambda v: i18n.t(f"landfill_type.{v}", lang),
            default=editor_rows.DEFAULT_LANDFILL_TYPE,
            required=True,
        ),
    }
    return labels, config


def facility_table(scenario: Scenario, kind: str, lang: str) -> None:
    """The editable table of one lever list of new facilities (no table when it is empty:
    facilities are added with the form above)."""
    path = f"levers.{kind}"
    st.markdown(f"**{i18n.t(f'assume.{kind}', lang)}**")
    draft = state.draft(path, None)
    rows = (
        editor_rows.rows_from_entries(draft, kind, lang)
        if isinstance(draft, list)
        else editor_rows.facility_rows(scenario, kind, lang)
    )
    # What is edited most comes first (a narrow screen shows it without scrolling).
    columns = [
        "name",
        "capacity",
        "start_year",
        "districts_served",
        "region",
        *(["type"] if kind == "new_landfills" else []),
        "capex_kzt",
        "id",
        "lat",
        "lon",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    numeric(frame, ("capacity", "start_year", "capex_kzt", "lat", "lon"))
    frame["districts_served"] = frame["districts_served"].apply(
        lambda v: list(v) if isinstance(v, list) else []
    )
    labels, config = _facility_columns(scenario, kind, lang)
    if frame.empty:
        st.caption(i18n.t("infra.none_yet", lang))
        return
    # rows are added with the form above: a new blank row here would show an error per
    # empty field before the user has typed anything
    changed = table_editor(kind, frame, lang, config, num_rows="delete")
    if changed is not None:
        state.apply_edit(path, editor_rows.facilities_from_rows(scenario, kind, changed, lang))
        st.rerun()
    _row_problems(state.problems(path), path, lang, labels)


# --------------------------------------------------------------------------------------------
# Adding a facility: one short form, validated on submit
# --------------------------------------------------------------------------------------------


def _form_key(kind: str, field: str) -> str:
    return f"infra{state.epoch()}:{kind}:{field}"


def _form_values(kind: str) -> infra.FormValues:
    """What the form's widgets hold (read in the submit callback)."""
    ss = st.session_state

    def get(field: str) -> Any:
        return ss.get(_form_key(kind, field))

    return infra.FormValues(
        kind=kind,
        district=get("district"),
        capacity=get("capacity"),
        start_year=get("start_year"),
        capex_kzt=get("capex"),
        name=get("name") or "",
        served=list(get("served") or []),
        lat=get("lat"),
        lon=get("lon"),
        landfill_type=get("type") or "sanitary",
    )


@guarded_callback
def _on_add_facility(kind: str, lang: str) -> None:
    """Submit: validate the new facility with the scenario's others; apply it when valid."""
    values = _form_values(kind)
    if not values.district:
        st.session_state[KEY_FORM_RESULT] = {"kind": kind, "no_district": True}
        return
    scenario = state.current()
    entry = infra.form_entry(scenario, values, nf.load_cost_menu(scenario))
    path = f"levers.{kind}"
    entries = infra.entries_with(scenario, kind, entry)
    result = edit.apply_valid_edits(scenario, {path: entries})
    if result.rejected:
        st.session_state[KEY_FORM_RESULT] = {"kind": kind, "problems": result.rejected[path]}
        return
    state.apply_edit(path, entries)
    # an empty form for the next facility (values set, not dropped: the browser shows them)
    empty = {"district": None, "name": "", "capex": None, "served": [], "lat": None, "lon": None}
    for field, value in empty.items():
        st.session_state[_form_key(kind, field)] = value
    st.session_state[KEY_FORM_RESULT] = {"kind": kind, "added": entry["name"][lang]}


def add_facility_form(scenario: Scenario, lang: str) -> None:
    """The short form that adds a sorting line, composting site or landfill in one submit."""
    st.markdown(f"**{i18n.t('infra.add_title', lang)}**")
    kinds = list(editor_rows.FACILITY_LEVERS)
    kind = st.radio(
        i18n.t("infra.kind", lang),
        kinds,
        format_func=lambda k: i18n.t(f"infra.kind.{k}", lang),
        horizontal=True,
        key=W_KIND,
        label_visibility="collapsed",
    )
    menu = nf.load_cost_menu(scenario)
    districts = infra.district_options(scenario, lang)
    years = scenario.years()
    landfill = kind == "new_landfills"
    with st.form(f"infra_form:{kind}", border=True, enter_to_submit=False):
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.selectbox(
            i18n.t("infra.district", lang),
            list(districts),
            index=None,
            format_func=districts.get,
            placeholder=i18n.t("infra.pick_district", lang),
            key=_form_key(kind, "district"),
        )
        c2.number_input(
            i18n.t("assume.col.volume" if landfill else "assume.col.capacity", lang),
            min_value=0.0,
            value=nf.DEFAULT_CAPACITY[kind],
            step=100_000.0 if landfill else 1_000.0,
            format="%.0f",
            key=_form_key(kind, "capacity"),
        )
        c3.number_input(
            i18n.t("assume.col.start_year", lang),
            min_value=years[0],
            max_value=years[-1],
            value=infra.default_start_year(scenario),
            step=1,
            key=_form_key(kind, "start_year"),
        )
        c1, c2 = st.columns([2, 2])
        c1.number_input(
            i18n.t("assume.col.capex", lang),
            min_value=0.0,
            value=None,
            step=1e6,
            format="%.0f",
            placeholder=infra.capex_hint(menu, kind, lang),
            key=_form_key(kind, "capex"),
            help=plain_md(infra.cost_note(menu, kind, lang)),
        )
        c2.text_input(
            i18n.t("assume.col.name", lang),
            placeholder=i18n.t(f"infra.name_hint.{kind}", lang),
            key=_form_key(kind, "name"),
        )
        _form_adjustments(kind, districts, lang)
        st.caption(
            plain_md(infra.cost_line(menu, kind, lang)),
            help=plain_md(infra.cost_note(menu, kind, lang)),
        )
        st.form_submit_button(
            i18n.t(f"infra.add.{kind}", lang),
            type="primary",
            icon=":material/add:",
            on_click=_on_add_facility,
            args=(kind, lang),
        )
    _form_result(kind, lang)


def _form_adjustments(kind: str, districts: dict[str, str], lang: str) -> None:
    """The form's optional fields: districts served, position, landfill type."""
    with st.expander(i18n.t("infra.more", lang)):
        st.multiselect(
            i18n.t("assume.col.districts", lang),
            list(districts),
            format_func=districts.get,
            placeholder=i18n.t("infra.served_hint", lang),
            key=_form_key(kind, "served"),
        )
        c1, c2, c3 = st.columns(3)
        for col, field, label in ((c1, "lat", "axis.lat"), (c2, "lon", "axis.lon")):
            col.number_input(
                i18n.t(label, lang),
                value=None,
                format="%.3f",
                step=0.01,
                placeholder=i18n.t("infra.centre_hint", lang),
                key=_form_key(kind, field),
            )
        if kind == "new_landfills":
            c3.selectbox(
                i18n.t("assume.col.type", lang),
                ["sanitary", "controlled", "uncontrolled"],
                format_func=lambda v: i18n.t(f"landfill_type.{v}", lang),
                key=_form_key(kind, "type"),
            )


def _form_result(kind: str, lang: str) -> None:
    """What the last submit of the form did: added (a success line) or its problems."""
    result = st.session_state.get(KEY_FORM_RESULT) or {}
    if result.get("kind") != kind:
        return
    if result.get("no_district"):
        st.error(i18n.t("infra.no_district", lang), icon=":material/error:")
    elif result.get("problems"):
        _form_problems(result["problems"], kind, lang)
    elif result.get("added"):
        text = i18n.t("infra.added", lang, name=plain_md(result["added"]))
        st.success(text, icon=":material/check:")


def _form_problems(problems: list[Problem], kind: str, lang: str) -> None:
    """The problems of the form's facility, each after the label of its field."""
    labels = _form_labels(kind, lang)
    lines = []
    for p in problems:
        parts = edit.parse_path(edit.problem_path(p)[len(f"levers.{kind}") :] or "")
        field = str(parts[1]) if len(parts) > 1 else ""
        prefix = f"{plain_md(labels[field])}: " if field in labels else ""
        lines.append(prefix + widgets.problem_md(p, lang))
    st.error("\n\n".join(lines), icon=":material/error:")


def _form_labels(kind: str, lang: str) -> dict[str, str]:
    """Field → label of the form, for its problems ("Capacity, t/yr: …")."""
    capacity_key = "assume.col.volume" if kind == "new_landfills" else "assume.col.capacity"
    return {
        "name": i18n.t("assume.col.name", lang),
        "districts_served": i18n.t("assume.col.districts", lang),
        "start_year": i18n.t("assume.col.start_year", lang),
        nf.CAPACITY_FIELD[kind]: i18n.t(capacity_key, lang),
        "capex_kzt": i18n.t("assume.col.capex", lang),
        "lat": i18n.t("axis.lat", lang),
        "lon": i18n.t("axis.lon", lang),
    }


# --------------------------------------------------------------------------------------------
# Landfill gas
# --------------------------------------------------------------------------------------------


def gas_levers(scenario: Scenario, lang: str) -> None:
    """Gas collection and flaring per landfill: on/off, share, start year, capex and opex
    (defaults from the cost menu, with their sources)."""
    path = "levers.landfill_gas_capture"
    st.markdown(f"**{i18n.t('infra.gas_title', lang)}**")
    st.caption(i18n.t("infra.gas_help", lang))
    menu = nf.load_cost_menu(scenario)
    frame = pd.DataFrame(infra.gas_rows(scenario, lang, menu), columns=list(infra.GAS_COLUMNS))
    numeric(frame, ("capture_share", "start_year", "capex_kzt", "opex_kzt_per_yr"))
    labels = {c: i18n.t(f"infra.gas.{c}", lang) for c in infra.GAS_COLUMNS}
    config = {
        "landfill": None,
        "name": st.column_config.TextColumn(labels["name"], disabled=True),
        "on": st.column_config.CheckboxColumn(labels["on"]),
        "capture_share": st.column_config.NumberColumn(
            labels["capture_share"], format="percent", step=0.05, min_value=0.0, max_value=1.0
        ),
        "start_year": st.column_config.NumberColumn(labels["start_year"], format="%d", step=1),
        "capex_kzt": st.column_config.NumberColumn(labels["capex_kzt"], format="%,.0f"),
        "opex_kzt_per_yr": st.column_config.NumberColumn(labels["opex_kzt_per_yr"], format="%,.0f"),
    }
    changed = table_editor("landfill_gas", frame, lang, config, dynamic=False)
    if changed is not None:
        state.apply_edit(path, infra.gas_entries(scenario, changed, menu))
        st.rerun()
    _row_problems(state.problems(path), path, lang, labels)
    gas = menu.gas
    st.caption(
        i18n.t(
            "infra.gas_sources",
            lang,
            share=gas.capture_share.source,
            start=gas.start_after_opening_yr.source,
            capex=gas.capex_kzt.source,
            opex=gas.opex_kzt_per_yr.source,
        )
    )


def campaign_levers(scenario: Scenario, lang: str) -> None:
    """Editable table of awareness campaigns."""
    path = "levers.awareness_campaigns"
    ids, names = _district_options(scenario, lang)
    draft = state.draft(path, None)
    entries = (
        draft
        if isinstance(draft, list)
        else [c.model_dump(mode="json") for c in scenario.levers.awareness_campaigns]
    )
    frame = pd.DataFrame(
        editor_rows.campaign_rows(entries, ids), columns=list(editor_rows.CAMPAIGN_COLUMNS)
    )
    numeric(frame, [c for c in editor_rows.CAMPAIGN_COLUMNS if c not in ("name", "districts")])
    frame["districts"] = frame["districts"].apply(lambda v: list(v) if isinstance(v, list) else [])
    labels = {c: i18n.t(f"campaign.col.{c}", lang) for c in editor_rows.CAMPAIGN_COLUMNS}
    config = {
        "name": st.column_config.TextColumn(labels["name"]),
        "start_year": st.column_config.NumberColumn(labels["start_year"], format="%d", step=1),
        "duration_yr": st.column_config.NumberColumn(labels["duration_yr"], format="%d", step=1),
        "participation_gain_per_yr": st.column_config.NumberColumn(
            labels["participation_gain_per_yr"], format="percent", step=0.01
        ),
        "ceiling": st.column_config.NumberColumn(labels["ceiling"], format="percent", step=0.01),
        "districts": st.column_config.MultiselectColumn(
            labels["districts"],
            options=ids,
            format_func=names.get,
            help=i18n.t("campaign.districts_help", lang),
            width="medium",
            default=ids,  # a new campaign reaches every district until the user narrows it
        ),
        "cost_kzt_per_yr": st.column_config.NumberColumn(labels["cost_kzt_per_yr"], format="%,.0f"),
    }
    changed = table_editor("campaigns", frame, lang, config)
    if changed is not None:
        state.apply_edit(path, editor_rows.campaigns_from_rows(changed, ids))
        st.rerun()
    _row_problems(state.problems(path), path, lang, labels)
    st.caption(i18n.t("pages5.editor_words", lang))


def closure_levers(scenario: Scenario, lang: str) -> None:
    """Closing existing facilities (a year from which they stop receiving waste)."""
    path = "levers.closed_facilities"
    rows = editor_rows.closure_rows(scenario, lang)
    draft = state.draft(path, None)
    if isinstance(draft, dict):
        for row in rows:
            row["close_year"] = draft.get(row["id"])
    frame = pd.DataFrame(rows)[["id", "kind", "name", "close_year"]]
    numeric(frame, ("close_year",))
    frame["kind"] = [i18n.t(f"map.kind.{k}", lang) for k in frame["kind"]]
    config = {
        "id": None,
        "kind": st.column_config.TextColumn(i18n.t("assume.col.kind", lang), disabled=True),
        "name": st.column_config.TextColumn(i18n.t("assume.col.name", lang), disabled=True),
        "close_year": st.column_config.NumberColumn(
            i18n.t("assume.col.close_year", lang), format="%d", step=1
        ),
    }
    changed = table_editor("closures", frame, lang, config, dynamic=False)
    if changed is not None:
        for row, original in zip(changed, rows, strict=True):
            row["id"] = original["id"]
        state.apply_edit(path, editor_rows.closures_from_rows(changed))
        st.rerun()
    widgets.show_problems(state.problems(path), lang)


@guarded_callback
def _on_tab(key: str, labels: list[str]) -> None:
    label = st.session_state.get(key)
    if label in labels:
        st.session_state[KEY_TAB] = TABS[labels.index(label)]


def assumption_tabs(lang: str) -> list[Any]:
    """The four tabs; the one in view stays after every edit and rerun (its id is kept in
    session state; the widget's key carries the language, whose labels it shows)."""
    labels = [i18n.t(f"assume.tab.{t}", lang) for t in TABS]
    current = st.session_state.get(KEY_TAB, TABS[0])
    key = f"w_assume_tabs:{lang}"
    return list(
        st.tabs(
            labels,
            default=labels[TABS.index(current)] if current in TABS else labels[0],
            key=key,
            on_change=_on_tab,
            args=(key, labels),
        )
    )


def render() -> None:
    """Draw the assumptions of the scenario in focus."""
    lang = current_lang()
    st.title(i18n.t("assume.title", lang))
    variant_box(lang)
    scenario = state.current()
    year = state.year()
    projection = compute.projection(scenario)
    reference = compute.reference_projection(scenario)
    st.caption(i18n.t("assume.strip", lang, year=year))
    widgets.kpi_card_grid(projection, reference, year, lang, [STRIP_KPIS])
    notice = st.container()  # always there: the tabs below keep their place on the page
    rejected = state.all_problems()
    if rejected:
        notice.warning(i18n.t("assume.rejected", lang, n=len(rejected)), icon=":material/warning:")
    tabs = assumption_tabs(lang)
    with tabs[0]:
        st.caption(i18n.t("assume.recovery_help", lang))
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{i18n.t('assume.recovery_mixed', lang)}**")
            per_material_sliders(scenario, "recovery_mixed", lang)
        with right:
            st.markdown(f"**{i18n.t('assume.recovery_separate', lang)}**")
            per_material_sliders(scenario, "recovery_separate", lang)
    with tabs[1]:
        st.caption(i18n.t("assume.separate_help", lang))
        target_year = 2030
        trajectory_target(
            "levers.participation",
            lang,
            edit.participation_in(scenario, target_year),
            target_year,
            i18n.t("assume.participation", lang),
            i18n.t("assume.target_year", lang),
        )
        st.markdown(f"**{i18n.t('assume.capture', lang)}**")
        per_material_sliders(scenario, "capture", lang)
        st.markdown(f"**{i18n.t('assume.campaigns', lang)}**")
        st.caption(i18n.t("assume.campaigns_help", lang))
        campaign_levers(scenario, lang)
    with tabs[2]:
        collection_levers(scenario, lang)
    with tabs[3]:
        st.caption(i18n.t("assume.infrastructure_help", lang))
        add_facility_form(scenario, lang)
        facility_levers(scenario, lang)
        gas_levers(scenario, lang)
        st.markdown(f"**{i18n.t('assume.closures', lang)}**")
        closure_levers(scenario, lang)


render()
