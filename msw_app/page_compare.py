"""Compare page: 2–4 scenarios side by side, curves against the national targets, and
differences against a chosen reference — waste flows, and money and emissions for scenarios
whose baseline has an ``[economics]`` table (figures from :mod:`msw_app.views`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from msw_app import charts, compute, i18n, state, uncertainty_panel
from msw_app.guard import guarded_callback, guarded_fragment
from msw_app.report_action import report_action
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang, current_region
from msw_app.views.compare import (
    COMPARE_ECONOMICS_VS_REFERENCE,
    ECONOMICS_KIND,
    cheapest_against,
    column_widths,
    compare_differences,
    compare_economics_differences,
    compare_economics_table,
    compare_table,
    split_region_row,
)
from msw_app.views.kpis import KPI_KIND, kpi_series, targets_frame
from msw_app.views.regions import (
    ALL,
    projected_target_years,
    region_filter,
    scope_label,
    short_region_label,
    shown_regions,
    verdict_table,
)

W_PICK = "w_compare_pick"
W_REF = "w_compare_ref"
W_KPI = "w_compare_kpi"
CURVE_KPIS = ("diversion_rate", "processing_share", "recycling_rate")


# Set when the user picked a fifth scenario (dropped: at most 4 are compared); read once.
KEY_TOO_MANY = "msw_compare_too_many"
MAX_PICKED = 4


@guarded_callback
def _on_pick() -> None:
    picked = list(st.session_state[W_PICK])
    if len(picked) > MAX_PICKED:
        # the last one picked is not taken (Streamlit's own limit would say so in English)
        st.session_state[KEY_TOO_MANY] = True
    state.set_compare(picked[:MAX_PICKED])


@guarded_callback
def _on_ref() -> None:
    state.set_compare_reference(st.session_state[W_REF])


# Money rows are shown in millions of tenge.  (No bare strings at module level: Streamlit's
# "magic" would print them on the page.)
MONEY_KINDS = {"kzt": "unit.mln_kzt", "kzt_per_yr": "unit.mln_kzt_per_yr"}
MLN = 1e6
# Width of the indicator column [px]; the scenario columns share the rest
# (msw_app.views.compare.column_widths), so 4 scenarios fit a 1,280 px projector.
INDEX_PX = 250


def column_config(frame: pd.DataFrame) -> dict:
    """Widths that fit the page, and each column's full name as its header's tooltip."""
    width = column_widths(len(frame.columns), index_px=INDEX_PX)
    config = {"_index": st.column_config.Column(width=INDEX_PX)}
    for column in frame.columns:
        config[str(column)] = st.column_config.Column(width=width, help=str(column))
    return config


def _digits(value: float) -> int:
    """Decimals for a figure: more for small ones, so that e.g. 0.04 M KZT is not shown as 0."""
    size = abs(value)
    return 2 if size < 10 else 1 if size < 100 else 0


def economics_value(value: float, kind: str, lang: str, signed: bool = False) -> str:
    """A money or emissions figure of :data:`msw_app.views.compare.ECONOMICS_KIND`, with unit."""
    if i18n.number(value, lang) == "—":
        return "—"
    value = float(value)
    if kind in MONEY_KINDS:
        shown, unit = value / MLN, MONEY_KINDS[kind]
        return i18n.quantity(shown, i18n.t(unit, lang), lang, _digits(shown), signed)
    return i18n.quantity(value, i18n.t(f"unit.{kind}", lang), lang, 0, signed)


def cell(value: float, kpi: str, lang: str, signed: bool) -> str:
    """One cell of the comparison: a flow KPI or a money and emissions figure (a levelised
    cost against the reference that is negative is a saving, said in words; its row may
    name a region, :func:`msw_app.views.compare.region_row`)."""
    kpi = split_region_row(kpi)[0]
    if kpi in COMPARE_ECONOMICS_VS_REFERENCE:
        if i18n.number(value, lang) != "—" and float(value) < 0:
            amount = i18n.tenge(-float(value), lang)
            return i18n.t(f"compare.saves.{ECONOMICS_KIND[kpi]}", lang, amount=amount)
        return economics_value(value, ECONOMICS_KIND[kpi], lang, signed=False)
    if kpi in ECONOMICS_KIND:
        return economics_value(value, ECONOMICS_KIND[kpi], lang, signed)
    kind = KPI_KIND[kpi]
    return (
        i18n.delta_of_kind(value, kind, lang) if signed else i18n.value_of_kind(value, kind, lang)
    )


def row_label(
    kpi: str,
    lang: str,
    horizon: tuple[int, int],
    reference: str = "",
    regions: dict[str, str] | None = None,
) -> str:
    """The translated name of a row (money and emissions rows name the horizon, levelised
    costs also the reference they are against and, on a region's row, the region by its
    name in ``regions``)."""
    kpi, region = split_region_row(kpi)
    if region:
        name = (regions or {}).get(region, region)
        return i18n.t(
            f"pages5.econ_region.{kpi}",
            lang,
            region=name,
            start=horizon[0],
            end=horizon[1],
            name=reference,
        )
    if kpi in ECONOMICS_KIND:
        return i18n.t(f"compare.econ.{kpi}", lang, start=horizon[0], end=horizon[1], name=reference)
    return i18n.t(f"kpi.{kpi}", lang)


def formatted(
    table: pd.DataFrame,
    lang: str,
    labels: dict[str, str],
    signed: bool,
    horizon: tuple[int, int] = (0, 0),
    reference: str = "",
    regions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A KPI × scenario table as text in ``lang`` (rows and columns translated; ``reference``
    is the name levelised costs are against, ``regions`` the region names of their rows)."""
    out = {
        labels[str(column)]: [
            cell(value, str(kpi), lang, signed) for kpi, value in table[column].items()
        ]
        for column in table.columns
    }
    index = [row_label(str(k), lang, horizon, reference, regions) for k in table.index]
    frame = pd.DataFrame(out, index=index)
    frame.index.name = i18n.t("compare.indicator", lang)
    return frame


def _height(frame: pd.DataFrame) -> int:
    """Pixel height that shows every row of a table without scrolling."""
    return 38 + 35 * len(frame)


def economics_of(scenarios, picked: list[str], lang: str):
    """Economics of the picked scenarios that have them, and a note for the others."""
    results, missing = [], []
    for sid, scenario in zip(picked, scenarios, strict=True):
        result, problem = compute.economics_or_problem(scenario)
        if result is not None:
            results.append(result)
        elif scenario.resolved_baseline().economics is None:
            missing.append(plain_md(state.label(sid, lang)))
        else:
            st.warning(
                i18n.t(
                    "compare.econ_failed",
                    lang,
                    name=plain_md(state.label(sid, lang)),
                    detail=plain_md(problem),
                ),
                icon=":material/warning:",
            )
    if missing:
        names = ", ".join(i18n.t("app.quoted", lang, text=n) for n in missing)
        st.info(i18n.t("compare.econ_missing", lang, names=names), icon=":material/info:")
    return results


def picker(names: dict[str, str], lang: str) -> None:
    """The scenarios to compare (2–4, no "select all") and, beside them, the reference."""
    if st.session_state.get(W_PICK) != state.compare_ids():
        st.session_state[W_PICK] = state.compare_ids()
    # the reference gets room for a long name ("Инерционный сценарий (без изменений)")
    left, right = st.columns([3, 2])
    left.multiselect(
        i18n.t("compare.pick", lang),
        list(names),
        format_func=lambda sid: names.get(sid, sid),
        key=W_PICK,
        on_change=_on_pick,
        select_all=False,
        placeholder=i18n.t("compare.pick_placeholder", lang),
        help=i18n.t("compare.pick_help", lang),
    )
    if st.session_state.pop(KEY_TOO_MANY, False):
        left.warning(i18n.t("pages5.compare_four", lang), icon=":material/warning:")
    picked = state.compare_ids()
    if len(picked) < 2:
        return
    ref = state.compare_reference()
    if st.session_state.get(W_REF) != ref:
        st.session_state[W_REF] = ref
    right.selectbox(
        i18n.t("compare.reference", lang),
        picked,
        format_func=lambda sid: names.get(sid, sid),
        key=W_REF,
        on_change=_on_ref,
    )


def verdicts_block(projections, scenarios, labels, region: str, lang: str) -> None:
    """Each scenario's verdict on the first target year in each shown region."""
    years = projected_target_years(projections[0], scenarios[0])
    if not years:
        return
    st.subheader(i18n.t("compare.verdicts", lang, year=years[0]))
    table = verdict_table(projections, scenarios, labels, region, lang)
    st.dataframe(table, width="stretch", height=_height(table))
    st.caption(i18n.t("compare.verdicts_note", lang))


@st.fragment
@guarded_fragment
def curves(projections, labels: dict[str, str], scenario, region: str, lang: str) -> None:
    """The KPI curves of a region (``""``: all); choosing another KPI reruns only this
    fragment."""
    if W_KPI not in st.session_state:
        st.session_state[W_KPI] = CURVE_KPIS[0]
    kpi = (
        st.segmented_control(
            i18n.t("compare.curve_kpi", lang),
            CURVE_KPIS,
            format_func=lambda k: i18n.t(f"kpi.{k}", lang),
            key=W_KPI,
        )
        or CURVE_KPIS[0]
    )
    series = kpi_series(projections, kpi, region)
    fig = charts.scenario_lines(series, labels, targets_frame(scenario), kpi, lang)
    charts.show(fig, key="chart_compare", filename=f"compare_{kpi}")
    st.caption(i18n.t("compare.target_note", lang))


def cheapest_captions(
    money, ref_id: str, regions: list[str], labels: dict[str, str], names: dict[str, str], lang
) -> None:
    """The option cheapest per tonne diverted against the reference, one caption per region
    of ``regions`` (``""``: both regions together, the wording of the Economics page)."""
    for r in regions:
        cheapest = cheapest_against(money, ref_id, r)
        if cheapest is None:
            continue
        base, name = plain_md(labels[ref_id]), plain_md(labels[cheapest])
        if r:
            text = i18n.t(
                "pages5.cheapest_in_region", lang, region=plain_md(names[r]), base=base, name=name
            )
        else:
            text = i18n.t("cheapest_per_t", lang, base=base, name=name)
        st.caption(text)


def render() -> None:
    """Draw the comparison for the chosen region(s)."""
    lang = current_lang()
    region = current_region()
    where = region_filter(region)
    year = state.year()
    st.title(i18n.t("compare.title", lang))
    names = {sid: state.label(sid, lang) for sid in state.choices()}
    picker(names, lang)
    picked = state.compare_ids()
    if len(picked) < 2:
        st.info(i18n.t("compare.need_two", lang), icon=":material/info:")
        return
    scenarios = [state.scenario(sid) for sid in picked]
    projections = [compute.projection(s) for s in scenarios]
    labels = {
        p.scenario: state.label(sid, lang) for p, sid in zip(projections, picked, strict=True)
    }
    verdicts_block(projections, scenarios, labels, region, lang)
    curves(projections, labels, scenarios[0], where, lang)

    ids = [p.scenario for p in projections]
    money = economics_of(scenarios, picked, lang)
    horizon = (projections[0].years[0], projections[0].years[-1])
    where_label = scope_label(region, scenarios[0], lang)
    st.subheader(i18n.t("compare.table", lang, year=year) + " · " + plain_md(where_label))
    table = compare_table(projections, year, region=where)
    if money:
        table = pd.concat([table, compare_economics_table(money, year, ids, where)])
    shown = formatted(table, lang, labels, signed=False, horizon=horizon)
    st.dataframe(shown, width="stretch", height=_height(shown), column_config=column_config(shown))
    if money:
        st.caption(i18n.t("compare.econ_note", lang))
    if region != ALL:
        st.caption(i18n.t("compare.region_note", lang, region=plain_md(where_label)))

    st.subheader(i18n.t("compare.differences", lang, year=year))
    reference = state.compare_reference()
    ref_id = projections[picked.index(reference)].scenario
    regions = shown_regions(region, scenarios[0])
    region_names = {r: short_region_label(r, scenarios[0], lang) for r in regions}
    # the levelised costs of each shown region, and for "both" also of both together
    levelised_regions = [*regions, ""] if region == ALL else regions
    differences = compare_differences(projections, ref_id, year, region=where)
    has_reference = any(r.scenario == ref_id for r in money)
    if has_reference:
        extra = compare_economics_differences(
            money, ref_id, year, ids, where, levelised_regions=levelised_regions
        )
        differences = pd.concat([differences, extra])
    elif money:
        st.info(
            i18n.t("compare.econ_ref_missing", lang, name=plain_md(labels[ref_id])),
            icon=":material/info:",
        )
    st.caption(i18n.t("compare.differences_note", lang, name=plain_md(labels[ref_id])))
    shown = formatted(
        differences,
        lang,
        labels,
        signed=True,
        horizon=horizon,
        reference=labels[ref_id],
        regions=region_names,
    )
    st.dataframe(shown, width="stretch", height=_height(shown), column_config=column_config(shown))
    if has_reference:
        cheapest_captions(money, ref_id, levelised_regions, labels, region_names, lang)
    uncertainty_panel.bands_block(scenarios, [labels[p.scenario] for p in projections], "compare")
    report_action(scenarios, ref_id, lang, key="compare")


render()
