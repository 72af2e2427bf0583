"""Data & export page: CSV and scenario downloads (flows, KPIs with money and emissions,
economics), scenario upload, methodology (incl. the economics and climate defaults)."""

from __future__ import annotations

import streamlit as st

import planner
from msw_app import compute, i18n, state, uploads, widgets
from msw_app.safe_text import plain_md
from msw_app.sidebar import current_lang
from msw_app.views.downloads import cli_command, scenario_file_name
from msw_app.views.sources import confidence_counts
from planner.messages import Problem, ScenarioError

KEY_LAST_UPLOAD = "msw_last_upload_id"
W_UPLOAD = "w_upload"


def economics_button(scenarios, file_name: str, key: str, lang: str) -> None:
    """Download of the economics CSV of ``scenarios`` (those with an ``[economics]`` table);
    disabled, with a note, when none has one.  The CSV is built only on click."""
    has = any(s.resolved_baseline().economics is not None for s in scenarios)
    st.download_button(
        i18n.t("data.economics_csv", lang),
        data=compute.csv_maker(scenarios, "economics") if has else "",
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/payments:",
        key=key,
        disabled=not has,
        help=i18n.t("data.economics_help" if has else "data.economics_none", lang),
    )


def downloads(lang: str) -> None:
    """Download buttons: CSVs of the current and the compared scenarios, the scenario file."""
    current = state.current()
    compared_ids = list(dict.fromkeys([state.current_id(), *state.compare_ids()]))
    compared = [state.scenario(sid) for sid in compared_ids]
    st.subheader(i18n.t("data.downloads", lang))
    cols = st.columns(3)
    with cols[0]:
        current_name = plain_md(state.label(state.current_id(), lang))
        st.markdown(f"**{i18n.t('data.current', lang, name=current_name)}**")
        st.download_button(
            i18n.t("data.flows_csv", lang),
            data=compute.csv_maker([current], "flows"),
            file_name=f"flows_{current.id}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            key="dl_flows",
        )
        st.download_button(
            i18n.t("data.kpis_csv", lang),
            data=compute.csv_maker([current], "kpis"),
            file_name=f"kpis_{current.id}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            key="dl_kpis",
            help=i18n.t("data.kpis_help", lang),
        )
        economics_button([current], f"economics_{current.id}.csv", "dl_economics", lang)
    with cols[1]:
        names = ", ".join(state.label(sid, lang) for sid in compared_ids)
        st.markdown(f"**{i18n.t('data.compared', lang)}**")
        st.caption(plain_md(names))
        st.download_button(
            i18n.t("data.flows_csv", lang),
            data=compute.csv_maker(compared, "flows"),
            file_name="flows_compared.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            key="dl_flows_all",
        )
        st.download_button(
            i18n.t("data.kpis_csv", lang),
            data=compute.csv_maker(compared, "kpis"),
            file_name="kpis_compared.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/table:",
            key="dl_kpis_all",
            help=i18n.t("data.kpis_help", lang),
        )
        economics_button(compared, "economics_compared.csv", "dl_economics_all", lang)
    with cols[2]:
        st.markdown(f"**{i18n.t('data.scenario_file', lang)}**")
        st.download_button(
            i18n.t("data.scenario_json", lang),
            data=planner.scenario_json(current),
            file_name=scenario_file_name(current),
            mime="application/json",
            on_click="ignore",
            icon=":material/description:",
            key="dl_json",
        )
        st.caption(i18n.t("data.cli_note", lang))
        st.code(
            cli_command(scenario_file_name(current)),
            language="bash",
            wrap_lines=True,
        )


def _read_upload(uploaded) -> None:
    """Check and validate an uploaded scenario in memory (:func:`msw_app.uploads.read_upload`);
    a good one becomes a variant in focus, a bad one leaves every scenario as it was."""
    result = uploads.read_upload(uploaded.name, uploaded.getvalue())
    if result.scenario is not None:
        try:
            ident = state.add_uploaded(result.scenario)
        except ScenarioError as exc:  # e.g. its id, made unique, no longer fits the rules
            result = uploads.UploadResult(
                result.file,
                problems=tuple(exc.problems[: uploads.MAX_PROBLEMS_SHOWN]),
                n_problems=len(exc.problems),
            )
        else:
            st.session_state[state.KEY_UPLOAD] = {"name": result.file, "ok": ident}
            return
    st.session_state[state.KEY_UPLOAD] = {
        "name": result.file,
        "refused": result.refused,
        "problems": list(result.problems),
        "n_problems": result.n_problems,
    }


def refusal_text(refused: uploads.UploadRefused, file: str, lang: str) -> str:
    """Why a file was refused before parsing, in ``lang`` (Markdown, the file name plain)."""
    values = dict(refused.values)
    mb = i18n.t("unit.mb", lang)
    if "size_mb" in values:
        values["size"] = i18n.quantity(values.pop("size_mb"), mb, lang, 1)
        values["limit"] = i18n.quantity(values.pop("limit_mb"), mb, lang, 0)
    if "position" in values:
        values["position"] = i18n.number(values["position"], lang)
    return i18n.t(refused.key, lang, file=plain_md(file), **values)


def upload_limit(lang: str) -> str:
    """The upload size limit with its unit: ``2 МБ``."""
    return i18n.quantity(uploads.MAX_UPLOAD_BYTES / 1024 / 1024, i18n.t("unit.mb", lang), lang)


def upload(lang: str) -> None:
    """Upload of a scenario file, checked and validated; problems listed per field.

    Any file type is accepted by the widget (Streamlit's own refusal is English): the ending,
    the size and the encoding are checked by :mod:`msw_app.uploads`, with translated messages.
    """
    st.subheader(i18n.t("data.upload", lang))
    st.caption(i18n.t("data.upload_help", lang))
    uploaded = st.file_uploader(
        i18n.t("data.upload_label", lang, limit=upload_limit(lang)), key=W_UPLOAD
    )
    if uploaded is not None and st.session_state.get(KEY_LAST_UPLOAD) != uploaded.file_id:
        st.session_state[KEY_LAST_UPLOAD] = uploaded.file_id
        _read_upload(uploaded)
        if "ok" in st.session_state[state.KEY_UPLOAD]:
            st.rerun()
    result = st.session_state.get(state.KEY_UPLOAD)
    if not result:
        return
    file = plain_md(result["name"])
    if "ok" in result:
        st.success(
            i18n.t(
                "data.upload_ok", lang, file=file, name=plain_md(state.label(result["ok"], lang))
            )
            if result["ok"] in state.choices()
            else i18n.t("data.upload_gone", lang, file=file),
            icon=":material/check_circle:",
        )
        return
    if result.get("refused") is not None:
        st.error(refusal_text(result["refused"], result["name"], lang), icon=":material/error:")
        return
    upload_problems(result, lang)


def upload_problems(result: dict, lang: str) -> None:
    """The problems of a rejected file: a message, then the first ones as a plain table
    (field, what is wrong) and how many more there are."""
    problems: list[Problem] = result["problems"]
    n_problems = int(result.get("n_problems", len(problems)))
    st.error(
        i18n.t(
            "data.upload_bad",
            lang,
            file=plain_md(result["name"]),
            n=n_problems,
            name=plain_md(state.label(state.current_id(), lang)),
        ),
        icon=":material/error:",
    )
    st.dataframe(
        {
            i18n.t("data.col.field", lang): [p.field or "—" for p in problems],
            i18n.t("data.col.problem", lang): [widgets.problem_text(p, lang) for p in problems],
        },
        hide_index=True,
        width="stretch",
    )
    if n_problems > len(problems):
        more = n_problems - len(problems)
        st.caption(i18n.t("data.upload_more", lang, n=more, shown=len(problems)))


def sources_block(sources, scope_keys: str, lang: str, widths: dict[str, str]) -> None:
    """A table of defaults with their source and confidence, the count per confidence above
    it; ``scope_keys`` is the catalog family of the scope names."""
    counts = confidence_counts(sources)
    st.caption(
        " · ".join(f"{i18n.t(f'confidence.{k}', lang)}: {int(v)}" for k, v in counts.items())
    )
    shown = sources.rename(columns={c: i18n.t(f"method.col.{c}", lang) for c in sources.columns})
    shown[i18n.t("method.col.scope", lang)] = [
        i18n.t(f"{scope_keys}.{s}", lang) for s in sources["scope"]
    ]
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            i18n.t(f"method.col.{c}", lang): st.column_config.Column(width=w)
            for c, w in widths.items()
        },
    )


def methodology(lang: str) -> None:
    """The equations in words and every default with its source and confidence."""
    st.subheader(i18n.t("data.methodology", lang))
    st.markdown(i18n.t("method.equations", lang))
    st.markdown(f"**{i18n.t('method.sources', lang)}**")
    st.caption(i18n.t("method.confidence_legend", lang))
    sources_block(compute.sources(state.current()), "method.scope", lang, {})
    economics_methodology(lang)


def economics_methodology(lang: str) -> None:
    """Costs, EPR and the IPCC first-order decay in words, and the economics and climate
    defaults of the baseline with their sources and confidence."""
    st.markdown(f"#### {i18n.t('method.economics_title', lang)}")
    st.markdown(i18n.t("method.economics", lang))
    sources = compute.sources(state.current(), "economics")
    if sources.empty:
        st.info(i18n.t("data.economics_none", lang), icon=":material/info:")
        return
    st.markdown(f"**{i18n.t('method.economics_sources', lang)}**")
    widths = {"item": "medium", "value": "medium", "source": "large"}
    sources_block(sources, "method.econ_scope", lang, widths)


def render() -> None:
    """Draw the data and export page."""
    lang = current_lang()
    st.title(i18n.t("data.title", lang))
    widgets.scenario_badge(state.current(), lang)
    downloads(lang)
    st.divider()
    upload(lang)
    st.divider()
    methodology(lang)


render()
