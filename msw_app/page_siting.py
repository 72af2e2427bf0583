"""Siting page: where new sorting lines should go (SciPy MILP), on a map, and "apply to
scenario", which adds the chosen lines to the user's variant.

Every number comes from :mod:`planner.siting.plan`; this page only collects options and draws.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from msw_app import charts, compute, i18n, sidebar, state, widgets
from msw_app.guard import guarded_callback
from msw_app.safe_text import plain_md as plain
from msw_app.sidebar import current_lang
from msw_app.views import siting as view
from msw_app.views.regions import short_region_label
from planner.siting.distances import distance_csv_text, parse_distance_csv
from planner.siting.inputs import InputProblem, Share
from planner.siting.plan import (
    PlanInfeasible,
    SitingInputError,
    SitingOptions,
    SitingPlan,
    apply_plan,
    extended_districts,
    map_frames,
    plan_csv,
    validated_options,
)

KEY_RESULT = "msw_siting_result"
# What the last "add to my variant" did: {"n": lines added, "variant": id}.
KEY_APPLIED = "msw_siting_applied"
W = "w_siting_"
COMPARE_PAGE = "msw_app/page_compare.py"


def _region() -> str:
    """The region chosen in the sidebar (``abai``, ``ulytau`` or ``all``); ``all`` until the
    sidebar offers the choice (``?region=``)."""
    return getattr(sidebar, "current_region", lambda: "all")()


MLN = 1e6


def _year_and_capex_inputs(base: SitingOptions, years: list[int], lang: str) -> dict:
    """Design year, start year and capital cost [KZT per t/yr] (first column)."""
    design = st.selectbox(
        i18n.t("siting.design_year", lang),
        years,
        index=years.index(base.design_year) if base.design_year in years else 0,
        key=W + "design",
    )
    start = st.selectbox(
        i18n.t("siting.start_year", lang),
        years,
        index=years.index(base.start_year) if base.start_year in years else 0,
        key=W + "start",
    )
    capex = st.number_input(
        i18n.t("siting.capex", lang),
        0,
        200_000,
        int(round(base.capex_kzt_per_t_yr)),
        500,
        format="%d",
        key=W + "capex",
    )
    return {
        "design_year": int(design),
        "start_year": int(start),
        "capex_kzt_per_t_yr": float(capex),
    }


def _transport_inputs(base: SitingOptions, lang: str) -> dict:
    """Transport cost [KZT/(t·km)], road circuity [-] and discount rate [-] (second column)."""
    transport = st.slider(
        i18n.t("siting.transport", lang),
        5.0,
        150.0,
        float(base.transport_kzt_per_t_km),
        5.0,
        format="%.0f",
        key=W + "transport",
    )
    circuity = st.slider(
        i18n.t("siting.circuity", lang),
        1.0,
        2.0,
        float(base.circuity),
        0.05,
        key=W + "circuity",
    )
    # marks read in the language ("10 %" in Russian), as the Economics page's discount rate
    discount = widgets.percent_slider(
        i18n.t("siting.discount", lang),
        0.0,
        0.25,
        float(base.discount_rate),
        0.01,
        lang,
        key=W + "discount",
        help=i18n.t("siting.discount_help", lang),
    )
    return {
        "transport_kzt_per_t_km": transport,
        "circuity": circuity,
        "discount_rate": discount,
    }


def _budget_inputs(base: SitingOptions, lang: str) -> dict:
    """Capital budget [mln KZT], most new lines and served share [-] (third column); 0 means
    no limit."""
    budget = st.number_input(
        i18n.t("siting.budget", lang), 0, 1_000_000, 0, 100, format="%d", key=W + "budget"
    )
    max_lines = st.number_input(i18n.t("siting.max_lines", lang), 0, 50, 0, 1, key=W + "max_lines")
    share = widgets.percent_slider(
        i18n.t("siting.share", lang),
        0.0,
        1.0,
        float(base.min_served_share),
        0.05,
        lang,
        key=W + "share",
    )
    return {
        "capex_budget_kzt": float(budget) * MLN if budget > 0 else None,
        "max_new_lines": int(max_lines) if max_lines > 0 else None,
        "min_served_share": share,
    }


def _size_inputs(base: SitingOptions, lang: str) -> dict:
    """Line sizes [t/yr] the solver may build (left of the second row)."""
    sizes = st.multiselect(
        i18n.t("siting.sizes", lang),
        [15000.0, 30000.0, 50000.0, 75000.0, 100000.0, 150000.0],
        default=[float(x) for x in base.sizes_t_per_yr],
        key=W + "sizes",
        format_func=lambda v: i18n.number(v, lang),
    )
    return {"sizes_t_per_yr": sizes or base.sizes_t_per_yr}


def _rule_inputs(base: SitingOptions, lang: str) -> dict:
    """Single sourcing, keeping announced lines, netting material value and letting open lines
    serve their region (right of the second row)."""
    single = st.checkbox(
        i18n.t("siting.single", lang),
        base.single_source,
        key=W + "single",
        help=i18n.t("siting.single_help", lang),
    )
    keep = st.checkbox(
        i18n.t("siting.keep", lang),
        base.keep_announced,
        key=W + "keep",
        help=i18n.t("siting.keep_help", lang),
    )
    net = st.checkbox(
        i18n.t("siting.net", lang),
        base.net_of_value,
        key=W + "net",
        help=i18n.t("siting.net_help", lang),
    )
    share = st.checkbox(
        i18n.t("siting.share_region", lang),
        base.open_lines_serve_region,
        key=W + "share_region",
        help=i18n.t("siting.share_region_help", lang),
    )
    return {
        "single_source": single,
        "keep_announced": keep,
        "net_of_value": net,
        "open_lines_serve_region": share,
    }


def _sites_editor(regions: dict[str, str], lang: str) -> pd.DataFrame:
    """The table of the user's own candidate sites (id, region, lat, lon); a new row's region
    is the one chosen in the sidebar (the first region for both), never an empty choice
    cell (which reads "Select..." in English: Streamlit's own word)."""
    chosen = _region()
    default_region = chosen if chosen in regions else next(iter(regions), None)
    st.caption(i18n.t("siting.extra", lang) + " " + i18n.t("pages5.editor_words", lang))
    return st.data_editor(
        pd.DataFrame(
            {
                "id": pd.Series(dtype=str),
                "region": pd.Series(dtype=str),
                "lat": pd.Series(dtype=float),
                "lon": pd.Series(dtype=float),
            }
        ),
        num_rows="dynamic",
        key=W + "extra",
        width="stretch",
        placeholder="",
        column_config={
            "id": st.column_config.TextColumn(
                i18n.t("siting.col.id", lang), help=i18n.t("siting.col.id_help", lang)
            ),
            "region": st.column_config.SelectboxColumn(
                i18n.t("siting.col.region", lang),
                options=list(regions),
                format_func=regions.get,
                default=default_region,
                required=True,
            ),
            "lat": st.column_config.NumberColumn(i18n.t("axis.lat", lang), format="%.3f"),
            "lon": st.column_config.NumberColumn(i18n.t("axis.lon", lang), format="%.3f"),
        },
    )


def _checked_distances(upload, lang: str) -> tuple[bool, str | None]:
    """``(ok, csv text)`` of an uploaded distance CSV (``None`` without one); its problems are
    shown and ``ok`` is false when it does not validate."""
    if upload is None:
        return True, None
    try:
        parse_distance_csv(upload.getvalue())
        return True, distance_csv_text(upload.getvalue())
    except SitingInputError as exc:
        show_input_problems(exc, lang)
        return False, None


def options_form(scenario, lang: str) -> tuple[SitingOptions, str | None] | None:
    """Draw the parameter form; return the options and distance CSV when submitted."""
    base = compute.siting_defaults()
    years = scenario.years()
    regions = {r.id: i18n.name(r.name, lang) for r in scenario.resolved_baseline().regions}
    values: dict = {}
    with st.form(W + "form"):
        st.subheader(i18n.t("siting.params", lang))
        c1, c2, c3 = st.columns(3)
        with c1:
            values.update(_year_and_capex_inputs(base, years, lang))
        with c2:
            values.update(_transport_inputs(base, lang))
        with c3:
            values.update(_budget_inputs(base, lang))
        c1, c2 = st.columns([2, 1])
        with c1:
            values.update(_size_inputs(base, lang))
        with c2:
            values.update(_rule_inputs(base, lang))
        extra = _sites_editor(regions, lang)
        upload = st.file_uploader(i18n.t("siting.distances", lang), type=["csv"], key=W + "dist")
        submitted = st.form_submit_button(i18n.t("siting.solve", lang), type="primary")
    if not submitted:
        return None
    data = base.model_dump()
    data.update(values)
    data["extra_sites"] = site_rows(extra)
    try:
        options = validated_options(data, scenario)
    except SitingInputError as exc:
        show_input_problems(exc, lang)
        return None
    ok, distances = _checked_distances(upload, lang)
    return (options, distances) if ok else None


def show_input_problems(exc: SitingInputError, lang: str) -> None:
    """One error per problem in ``lang``; the plan on screen is now from the previous settings."""
    for problem in exc.problems:
        key = "siting.bad_csv" if problem.source == "distances" else "siting.bad_option"
        st.error(i18n.t(key, lang, detail=plain(problem.text(lang))))
    mark_stale()


def _text(value) -> str:
    """A cell of the sites editor as text ("" when empty)."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def site_rows(extra: pd.DataFrame) -> list[dict]:
    """The extra-sites editor's non-empty rows as site dicts (checked by the model)."""
    sites = []
    for row in extra.dropna(how="all").itertuples(index=False):
        name = _text(row.id).strip()
        sites.append(
            {
                "id": name.lower(),
                "region": _text(row.region),
                "name": name,
                "lat": None if pd.isna(row.lat) else row.lat,
                "lon": None if pd.isna(row.lon) else row.lon,
            }
        )
    return sites


def _mln(lang: str, value: float) -> str:
    return i18n.number(value / MLN, lang, 1)


def name_of(plan: SitingPlan, ident: str, lang: str, fallback: str = "") -> str:
    """The name of a district, site or line in ``lang`` (the model's names by id)."""
    return i18n.name(plan.problem.names.get(ident, {}), lang) or fallback or ident


def add_link_trace(fig: go.Figure, links: pd.DataFrame, lang: str) -> None:
    """District → line links of a siting plan, as one trace of segments (none when empty)."""
    if len(links):
        xs, ys = [], []
        for r in links.itertuples():
            xs += [r.district_lon, r.site_lon, None]
            ys += [r.district_lat, r.site_lat, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=i18n.t("siting.link", lang),
                line={"color": "#7f8c8d", "width": 1.5},
                hoverinfo="skip",
            )
        )


def add_line_traces(
    fig: go.Figure, lines: pd.DataFrame, name_col: str, per_yr: str, lang: str
) -> None:
    """Open lines of a siting plan, one trace per status (existing, announced, new), sized by
    capacity [t/yr]."""
    colors = {"existing": "#5b6770", "announced": "#f0a202", "new": "#2e8b57"}
    for status, color in colors.items():
        part = lines[lines.status == status] if len(lines) else lines
        if not len(part):
            continue
        fig.add_trace(
            go.Scatter(
                x=part.map_lon if "map_lon" in part else part.lon,
                y=part.map_lat if "map_lat" in part else part.lat,
                mode="markers",
                name=i18n.t(f"siting.kind.{status}", lang),
                marker={
                    "symbol": "diamond",
                    "color": color,
                    "line": {"width": 1, "color": "white"},
                    "size": [
                        10 + 18 * (c / max(lines.capacity_t_per_yr.max(), 1))
                        for c in part.capacity_t_per_yr
                    ],
                },
                hovertext=[
                    f"<b>{html.escape(str(n))}</b><br>{i18n.number(c, lang)}{per_yr}"
                    for n, c in zip(part[name_col], part.capacity_t_per_yr, strict=True)
                ],
                hoverinfo="text",
            )
        )


def siting_map(plan: SitingPlan, lang: str, region: str = view.ALL) -> go.Figure:
    """Candidates, open lines and district → line links of ``region`` on an offline lon/lat
    chart; districts are named, lines that would cover each other sit side by side."""
    frames = view.map_layers(plan, map_frames(plan), region)
    name_col = f"name_{lang}"
    per_yr = i18n.NBSP + i18n.t("unit.t_per_yr", lang)
    fig = go.Figure()
    add_link_trace(fig, frames["links"], lang)
    cands = frames["candidates"]
    fig.add_trace(
        go.Scatter(
            x=cands.lon,
            y=cands.lat,
            mode="markers",
            name=i18n.t("siting.kind.candidate", lang),
            marker={"symbol": "circle-open", "size": 9, "color": "#95a5a6"},
            hovertext=[
                html.escape(str(n)) for n in (cands[name_col] if name_col in cands else cands.name)
            ],
            hoverinfo="text",
        )
    )
    d = frames["districts"]
    fig.add_trace(
        go.Scatter(
            x=d.lon,
            y=d.lat,
            mode="markers+text",
            name=i18n.t("siting.kind.district", lang),
            marker={"size": 6, "color": "#3b7dd8"},
            text=[html.escape(str(n)) for n in d[name_col]],
            textposition="bottom center",
            textfont={"size": 10, "color": "#2c3e50"},
            hovertext=[
                f"{html.escape(str(n))}: {i18n.number(v, lang)}{per_yr}"
                for n, v in zip(d[name_col], d.demand_t, strict=True)
            ],
            hoverinfo="text",
        )
    )
    add_line_traces(fig, frames["lines"], name_col, per_yr, lang)
    charts.plain_map_axes(fig, lang)
    fig.update_layout(plot_bgcolor="#f4f6f3")
    return charts.layout(fig, lang, i18n.t("siting.map", lang), 600, wrap=100)


def lines_table(plan: SitingPlan, lang: str, region: str = view.ALL) -> pd.DataFrame:
    """The plan's lines of ``region`` with translated headers; names in ``lang``, capacity
    right after."""
    t = view.in_region(plan.lines, region)
    return pd.DataFrame(
        {
            i18n.t("siting.col.site", lang): [
                name_of(plan, site, lang, name) for site, name in zip(t.site, t.name, strict=True)
            ],
            i18n.t("siting.col.capacity", lang): [
                i18n.number(v, lang) for v in t.capacity_t_per_yr
            ],
            i18n.t("siting.col.status", lang): [i18n.t(f"siting.kind.{s}", lang) for s in t.status],
            i18n.t("siting.col.load", lang): [i18n.number(v, lang) for v in t.load_t],
            i18n.t("siting.col.utilisation", lang): [
                i18n.percent(v, lang, 0) for v in t.utilisation
            ],
            i18n.t("siting.col.capex", lang): [_mln(lang, v) for v in t.capex_kzt],
        }
    )


def assignments_table(plan: SitingPlan, lang: str, region: str = view.ALL) -> pd.DataFrame:
    """District assignments of ``region`` with translated headers; names in ``lang``."""
    a = view.in_region(plan.assignments, region)
    return pd.DataFrame(
        {
            i18n.t("siting.col.district", lang): [name_of(plan, d, lang) for d in a.district],
            i18n.t("siting.col.site", lang): [name_of(plan, s, lang) for s in a.site],
            i18n.t("siting.col.tonnes", lang): [i18n.number(v, lang) for v in a.tonnes],
            i18n.t("siting.col.distance", lang): [i18n.number(v, lang, 1) for v in a.distance_km],
            i18n.t("siting.col.transport", lang): [_mln(lang, v) for v in a.transport_kzt],
        }
    )


# One card: its label, its value as text and its help (or None).  (No bare string here:
# Streamlit's "magic" would print it on the page.)
Card = tuple[str, str, str | None]


def card_row(cards: list[Card]) -> None:
    """One row of cards side by side (the one shape of every card on this page)."""
    for col, (label, value, help_text) in zip(st.columns(len(cards)), cards, strict=True):
        col.metric(label, value, help=help_text)


def summary_cards(plan: SitingPlan, region: str, lang: str) -> None:
    """The plan's cost and service figures for ``region``, three a row (so that no label is
    cut off: Russian and Kazakh labels run long)."""
    s = view.region_summary(plan, region)

    def card(key: str, value: str) -> Card:
        return i18n.t(key, lang), value, None

    card_row(
        [
            card("siting.new_lines", str(s["new_lines"])),
            card("siting.capex_total", _mln(lang, s["capex_new_kzt"])),
            card("siting.annual", _mln(lang, s["annual_cost_kzt"])),
        ]
    )
    card_row(
        [
            card("siting.per_t", i18n.number(s["cost_per_t_kzt"], lang)),
            card("siting.net_per_t", i18n.number(s["net_cost_per_t_kzt"], lang)),
            card("siting.served", i18n.number(s["served_t"], lang)),
        ]
    )


def effect_row(effect: dict, year: int, lang: str) -> list[Card]:
    """The cards of what the plan changes in one region (or both) in the design year: tonnes
    diverted [t/yr], the official processing share and the real recycling rate before →
    after [-]."""

    def before_after(kind: str) -> str:
        before, after = effect[f"{kind}_before"], effect[f"{kind}_after"]
        return f"{i18n.percent(before, lang)} → {i18n.percent(after, lang)}"

    return [
        (i18n.t("siting.diverted", lang, year=year), i18n.number(effect["diverted_t"], lang), None),
        *(
            (
                i18n.t(f"siting.{kind}", lang, year=year),
                before_after(kind),
                i18n.t(f"siting.{kind}_help", lang),
            )
            for kind in ("processing", "recycling")
        ),
    ]


def effect_cards(effect: dict, year: int, region: str, scenario, lang: str) -> None:
    """What applying the plan changes in the design year: in the chosen region, or for both
    regions each region's own cards, one region a row (never only the sum)."""
    by_region = effect.get("regions") or {}
    shown = [region] if region in by_region else list(by_region)
    if not shown:  # a plan computed before effects had regions: the totals
        card_row(effect_row(effect, year, lang))
        return
    for r in shown:
        if region not in by_region:
            st.markdown(f"**{plain(short_region_label(r, scenario, lang))}**")
        card_row(effect_row(by_region[r], year, lang))


def show_result(scenario, plan: SitingPlan, effect: dict, lang: str) -> None:
    """Summary cards, map, tables, download and the apply button (for the chosen region)."""
    s = plan.summary
    region = _region()
    year = plan.problem.options.design_year
    if region != view.ALL:
        names = {r.id: i18n.name(r.name, lang) for r in scenario.resolved_baseline().regions}
        st.caption(i18n.t("siting.region_note", lang, region=plain(names.get(region, region))))
    summary_cards(plan, region, lang)
    effect_cards(effect, year, region, scenario, lang)
    if s["served_t"] <= 0:
        share = Share(plan.problem.options.min_served_share)
        st.info(InputProblem("plan", "empty_plan", {"share": share}).text(lang))
        return
    gap = "–" if s["mip_gap"] is None else i18n.percent(s["mip_gap"], lang, 2)
    st.caption(
        i18n.t(
            "siting.solver",
            lang,
            status=s["status"],
            gap=gap,
            time=i18n.number(s["solve_time_s"], lang, 2),
        )
    )
    charts.show(siting_map(plan, lang, region), "chart_siting_map", f"siting_{scenario.id}")
    st.subheader(i18n.t("siting.lines_table", lang))
    st.dataframe(
        lines_table(plan, lang, region),
        hide_index=True,
        width="stretch",
        # long site names must not push the numbers off the screen
        column_config={i18n.t("siting.col.site", lang): st.column_config.TextColumn(width=300)},
    )
    st.subheader(i18n.t("siting.assign_table", lang))
    st.dataframe(assignments_table(plan, lang, region), hide_index=True, width="stretch")
    st.download_button(
        i18n.t("siting.download", lang),
        plan_csv(plan, scenario.id),
        file_name=f"siting_plan_{scenario.id}.csv",
        mime="text/csv",
        key=W + "download",
    )
    st.button(i18n.t("siting.apply", lang), type="primary", key=W + "apply", on_click=_on_apply)


@guarded_callback
def _on_apply() -> None:
    """Add the plan's new lines (and the districts it sends to announced lines) to the user's
    variant, and offer Compare with that variant selected."""
    result = st.session_state.get(KEY_RESULT)
    if result is None:
        return
    scenario, plan = state.current(), result["plan"]
    if plan.summary["new_lines"] == 0 and not extended_districts(scenario, plan):
        st.session_state[KEY_APPLIED] = {"n": 0}
        return
    origin = state.current_id()
    applied = apply_plan(scenario, plan)
    lines = [line.model_dump(mode="json") for line in applied.levers.new_sorting_lines]
    state.apply_edit("levers.new_sorting_lines", lines)
    variant = state.current_id()
    others = [c for c in state.compare_ids() if c not in (variant, origin)]
    state.set_compare([variant, *([origin] if origin != variant else []), *others])
    st.session_state.pop(KEY_RESULT, None)
    n = len(lines) - len(scenario.levers.new_sorting_lines)
    st.session_state[KEY_APPLIED] = {"n": n, "variant": variant}


def show_applied(lang: str) -> None:
    """What "add to my variant" did, with a link to Compare (the variant is selected there)."""
    applied = st.session_state.get(KEY_APPLIED)
    if not applied:
        return
    if not applied.get("variant"):
        st.info(i18n.t("siting.nothing_to_apply", lang))
        return
    st.success(i18n.t("siting.applied", lang, n=applied["n"]))
    st.page_link(
        COMPARE_PAGE,
        label=i18n.t("siting.to_compare", lang, name=plain(state.label(applied["variant"], lang))),
        icon=":material/compare_arrows:",
    )


def infeasible_text(exc: PlanInfeasible, lang: str) -> str:
    """Why no plan fits, in ``lang`` (budgets in M KZT)."""
    c = exc.context
    if exc.kind == "budget":
        return i18n.t(
            "siting.infeasible_budget",
            lang,
            budget=_mln(lang, c["budget_kzt"]),
            share=i18n.percent(c["share"], lang, 0),
            cheapest=_mln(lang, c["cheapest_kzt"]),
        )
    if exc.kind == "max_lines":
        return i18n.t(
            "siting.infeasible_lines",
            lang,
            max_lines=c["max_lines"],
            share=i18n.percent(c["share"], lang, 0),
            needed=c["needed"],
        )
    return i18n.t("siting.infeasible", lang, detail=plain(exc.text(lang)))


def mark_stale() -> None:
    """Mark the shown plan as coming from the previous settings (the last solve failed)."""
    result = st.session_state.get(KEY_RESULT)
    if result is not None:
        st.session_state[KEY_RESULT] = {**result, "failed": True}


def render() -> None:
    """The siting page."""
    lang = current_lang()
    state.init()
    scenario = state.current()
    st.title(i18n.t("siting.title", lang))
    st.caption(i18n.t("siting.intro", lang))
    submitted = options_form(scenario, lang)
    show_applied(lang)
    if submitted is not None:
        st.session_state.pop(KEY_APPLIED, None)
        options, distances = submitted
        with st.spinner(i18n.t("siting.solving", lang)):
            try:
                plan, effect = compute.siting_plan(scenario, options, distances)
            except PlanInfeasible as exc:
                st.error(infeasible_text(exc, lang))
                plan = None
            except SitingInputError as exc:
                show_input_problems(exc, lang)
                plan = None
        if plan is None:
            mark_stale()
        else:
            st.session_state[KEY_RESULT] = {
                "scenario": scenario.model_dump_json(),
                "plan": plan,
                "effect": effect,
            }
    result = st.session_state.get(KEY_RESULT)
    if result is None:
        st.info(i18n.t("siting.none_yet", lang))
        return
    if result["scenario"] != scenario.model_dump_json():
        st.warning(i18n.t("siting.stale", lang))
        return
    if result.get("failed"):
        st.warning(i18n.t("siting.stale_failed", lang))
    show_result(scenario, result["plan"], result["effect"], lang)


if __name__ == "__main__":
    render()
