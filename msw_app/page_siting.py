# ruff: noqa: E501  -- translations stay one line per language, for translators
"""Siting page: where new sorting lines should go (SciPy MILP), on a map, and "apply to
scenario", which adds the chosen lines to the user's variant.

Every number comes from :mod:`planner.siting.plan`; this page only collects options and draws.
"""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from msw_app import charts, i18n, state
from msw_app.sidebar import current_lang
from planner.siting.plan import (
    CandidateSite,
    PlanInfeasible,
    SitingOptions,
    SitingPlan,
    apply_plan,
    build_problem,
    load_siting_defaults,
    map_frames,
    plan_effect,
    solve_problem,
)

KEY_RESULT = "msw_siting_result"
W = "w_siting_"

TEXTS = {
    "nav.siting": {
        "ru": "Размещение сортировки",
        "kk": "Сұрыптауды орналастыру",
        "en": "Siting of sorting lines",
    },
    "siting.title": {
        "ru": "Где строить новые сортировочные линии",
        "kk": "Жаңа сұрыптау желілерін қайда салу керек",
        "en": "Where new sorting lines should go",
    },
    "siting.intro": {
        "ru": "Оптимизатор (SciPy MILP, HiGHS) выбирает площадки и мощности линий с наименьшими годовыми затратами: аннуитет капвложений + постоянные расходы + сортировка + перевозка. Спрос — собранные отходы района в расчётном году (без компостируемых). Действующие и объявленные линии считаются открытыми.",
        "kk": "Оңтайландырғыш (SciPy MILP, HiGHS) жылдық шығыны ең аз алаңдар мен желі қуаттарын таңдайды: күрделі салым аннуитеті + тұрақты шығындар + сұрыптау + тасымалдау. Сұраныс — есептік жылы аудандағы жиналған қалдықтар (компосттан басқа). Жұмыс істеп тұрған және жарияланған желілер ашық деп есептеледі.",
        "en": "The optimiser (SciPy MILP, HiGHS) chooses sites and line sizes at the least annual cost: capex annuity + fixed opex + sorting + transport. Demand is each district's collected waste in the design year (less what is composted). Existing and announced lines count as open.",
    },
    "siting.params": {"ru": "Параметры", "kk": "Параметрлер", "en": "Parameters"},
    "siting.design_year": {
        "ru": "Расчётный год спроса",
        "kk": "Сұраныстың есептік жылы",
        "en": "Design year of demand",
    },
    "siting.start_year": {
        "ru": "Год запуска новых линий",
        "kk": "Жаңа желілердің іске қосылу жылы",
        "en": "Start year of new lines",
    },
    "siting.transport": {
        "ru": "Перевозка, ₸ за т·км",
        "kk": "Тасымалдау, ₸/т·км",
        "en": "Transport, KZT per t·km",
    },
    "siting.circuity": {
        "ru": "Коэффициент извилистости дорог",
        "kk": "Жолдың иректілік коэффициенті",
        "en": "Road circuity factor",
    },
    "siting.discount": {
        "ru": "Ставка дисконтирования",
        "kk": "Дисконттау мөлшерлемесі",
        "en": "Discount rate",
    },
    "siting.discount_help": {
        "ru": "Для аннуитета капвложений: годовые затраты = капвложения × r / (1 − (1 + r)^−срок).",
        "kk": "Күрделі салым аннуитеті үшін: жылдық шығын = күрделі салым × r / (1 − (1 + r)^−мерзім).",
        "en": "For the capex annuity: annual cost = capex × r / (1 − (1 + r)^−lifetime).",
    },
    "siting.capex": {
        "ru": "Капвложения, ₸ на т/год мощности",
        "kk": "Күрделі салым, ₸ / (т/жыл) қуат",
        "en": "Capex, KZT per t/yr of capacity",
    },
    "siting.sizes": {
        "ru": "Мощности линий, т/год",
        "kk": "Желі қуаттары, т/жыл",
        "en": "Line sizes, t/yr",
    },
    "siting.budget": {
        "ru": "Бюджет капвложений, млн ₸ (0 — без ограничения)",
        "kk": "Күрделі салым бюджеті, млн ₸ (0 — шектеусіз)",
        "en": "Capex budget, M KZT (0 = no limit)",
    },
    "siting.max_lines": {
        "ru": "Макс. число новых линий (0 — без ограничения)",
        "kk": "Жаңа желілердің ең көп саны (0 — шектеусіз)",
        "en": "Max. new lines (0 = no limit)",
    },
    "siting.share": {
        "ru": "Доля спроса, которую нужно обслужить",
        "kk": "Қамтылуы тиіс сұраныс үлесі",
        "en": "Share of demand to serve",
    },
    "siting.single": {
        "ru": "Район — на одну линию",
        "kk": "Аудан — бір желіге",
        "en": "One line per district",
    },
    "siting.single_help": {
        "ru": "Все отходы района идут на одну линию (иначе район может делиться между линиями).",
        "kk": "Ауданның барлық қалдығы бір желіге барады (әйтпесе аудан желілер арасында бөлінуі мүмкін).",
        "en": "All of a district's waste goes to one line (otherwise a district may be split between lines).",
    },
    "siting.keep": {
        "ru": "Оставить объявленные линии",
        "kk": "Жарияланған желілер қалсын",
        "en": "Keep announced lines",
    },
    "siting.keep_help": {
        "ru": "Новые линии, уже заложенные в сценарий, считаются построенными; иначе оптимизатор их не учитывает.",
        "kk": "Сценарийге енгізілген жаңа желілер салынған деп есептеледі; әйтпесе оңтайландырғыш оларды есепке алмайды.",
        "en": "New lines already in the scenario count as built; otherwise the optimiser ignores them.",
    },
    "siting.net": {
        "ru": "Вычесть выручку",
        "kk": "Түсімді шегеру",
        "en": "Net of revenue",
    },
    "siting.net_help": {
        "ru": "Выбирать площадки по затратам за вычетом стоимости вторсырья и избежанного захоронения.",
        "kk": "Алаңдарды қайталама шикізат құны мен болдырмаған көмуді шегергендегі шығын бойынша таңдау.",
        "en": "Choose sites by cost net of recovered-material value and avoided landfilling.",
    },
    "siting.extra": {
        "ru": "Дополнительные площадки-кандидаты: добавьте строку — код, область, широта, долгота.",
        "kk": "Қосымша үміткер алаңдар: жол қосыңыз — код, облыс, ендік, бойлық.",
        "en": "Extra candidate sites: add a row — id, region, latitude, longitude.",
    },
    "siting.col.id": {"ru": "Код площадки", "kk": "Алаң коды", "en": "Site id"},
    "siting.col.id_help": {
        "ru": "Латиница, цифры и _, например new_site_1.",
        "kk": "Латын әріптері, сандар және _, мысалы new_site_1.",
        "en": "Latin letters, digits and _, e.g. new_site_1.",
    },
    "siting.col.region": {"ru": "Область", "kk": "Облыс", "en": "Region"},
    "siting.distances": {
        "ru": "Необязательно: матрица расстояний по дорогам в CSV (строки — коды площадок, столбцы — коды районов, км). Перетащите файл в поле ниже или нажмите кнопку Upload (до 200 МБ); без файла — расстояния по прямой × коэффициент извилистости.",
        "kk": "Міндетті емес: жол қашықтықтарының CSV матрицасы (жолдар — алаң кодтары, бағандар — аудан кодтары, км). Файлды төмендегі аймаққа сүйреңіз немесе Upload түймесін басыңыз (200 МБ дейін); файлсыз — түзу қашықтық × иректілік коэффициенті.",
        "en": "Optional: road distance matrix as CSV (rows: site ids, columns: district ids, km). Drag the file onto the box below or press Upload (up to 200 MB); without it, straight-line distance × the circuity factor.",
    },
    "siting.solve": {"ru": "Рассчитать план", "kk": "Жоспарды есептеу", "en": "Solve"},
    "siting.solving": {
        "ru": "Решаем задачу размещения…",
        "kk": "Орналастыру есебі шешілуде…",
        "en": "Solving the siting problem…",
    },
    "siting.bad_option": {
        "ru": "Недопустимый параметр: {detail}",
        "kk": "Жарамсыз параметр: {detail}",
        "en": "Invalid option: {detail}",
    },
    "siting.bad_csv": {
        "ru": "Не удалось прочитать CSV расстояний: {detail}",
        "kk": "Қашықтық CSV файлы оқылмады: {detail}",
        "en": "Could not read the distance CSV: {detail}",
    },
    "siting.infeasible_budget": {
        "ru": "Бюджета {budget} млн ₸ не хватает, чтобы обслужить {share} спроса; самый дешёвый подходящий набор линий стоит {cheapest} млн ₸.",
        "kk": "{budget} млн ₸ бюджет сұраныстың {share} қамтуға жетпейді; ең арзан жарамды желілер жиынтығы {cheapest} млн ₸ тұрады.",
        "en": "A budget of {budget} M KZT cannot serve {share} of the demand; the cheapest set of lines that does costs {cheapest} M KZT.",
    },
    "siting.infeasible_lines": {
        "ru": "Не более {max_lines} новых линий не хватит, чтобы обслужить {share} спроса (линия обслуживает только свою область); нужно не меньше {needed}.",
        "kk": "Ең көбі {max_lines} жаңа желі сұраныстың {share} қамтуға жетпейді (желі тек өз облысына қызмет етеді); кемінде {needed} керек.",
        "en": "At most {max_lines} new line(s) cannot serve {share} of the demand (a line serves only its own region); at least {needed} are needed.",
    },
    "siting.infeasible": {
        "ru": "Решения нет: {detail}",
        "kk": "Шешім жоқ: {detail}",
        "en": "No feasible plan: {detail}",
    },
    "siting.none_yet": {
        "ru": "Задайте параметры и нажмите «Рассчитать план».",
        "kk": "Параметрлерді беріп, «Жоспарды есептеу» түймесін басыңыз.",
        "en": "Set the parameters and press Solve.",
    },
    "siting.stale": {
        "ru": "План рассчитан для другого сценария или параметров — пересчитайте.",
        "kk": "Жоспар басқа сценарий не параметрлер үшін есептелген — қайта есептеңіз.",
        "en": "The plan was solved for another scenario or settings — solve again.",
    },
    "siting.new_lines": {"ru": "Новых линий", "kk": "Жаңа желілер", "en": "New lines"},
    "siting.capex_total": {
        "ru": "Капвложения, млн ₸",
        "kk": "Күрделі салым, млн ₸",
        "en": "Capex, M KZT",
    },
    "siting.annual": {
        "ru": "Годовые затраты, млн ₸",
        "kk": "Жылдық шығын, млн ₸",
        "en": "Annual cost, M KZT",
    },
    "siting.per_t": {
        "ru": "Затраты на тонну, ₸",
        "kk": "Тоннаға шығын, ₸",
        "en": "Cost per tonne, KZT",
    },
    "siting.net_per_t": {
        "ru": "За вычетом выручки, ₸/т",
        "kk": "Түсімді шегергенде, ₸/т",
        "en": "Net of revenue, KZT/t",
    },
    "siting.served": {"ru": "Обслужено, т/год", "kk": "Қамтылды, т/жыл", "en": "Served, t/yr"},
    "siting.diverted": {
        "ru": "Меньше на полигон в {year}, т",
        "kk": "{year} ж. полигонға аз, т",
        "en": "Less landfilled in {year}, t",
    },
    "siting.processing": {
        "ru": "Офиц. доля переработки {year}: было → стало",
        "kk": "{year} ресми өңдеу үлесі: бұрын → кейін",
        "en": "Official processing share {year}: before → after",
    },
    "siting.processing_help": {
        "ru": "Официальный показатель: всё, что поступило на сортировку и компостирование, — в том числе то, что после сортировки уходит на полигон.",
        "kk": "Ресми көрсеткіш: сұрыптауға және компосттауға түскеннің бәрі — сұрыптаудан кейін полигонға кететіні де.",
        "en": "The official indicator: everything delivered to sorting and composting, including what goes on to landfill after sorting.",
    },
    "siting.recycling": {
        "ru": "Реальная переработка {year}: было → стало",
        "kk": "{year} нақты қайта өңдеу: бұрын → кейін",
        "en": "Real recycling {year}: before → after",
    },
    "siting.recycling_help": {
        "ru": "Только вторсырьё, реально извлечённое на сортировке, в доле от образования отходов.",
        "kk": "Сұрыптауда нақты бөліп алынған қайталама шикізат қана, түзілген қалдықтың үлесі ретінде.",
        "en": "Only the secondary material really recovered by sorting, as a share of waste generated.",
    },
    "siting.solver": {
        "ru": "Статус решателя: {status}, разрыв {gap}, {time} с",
        "kk": "Шешуші күйі: {status}, алшақтық {gap}, {time} с",
        "en": "Solver status: {status}, gap {gap}, {time} s",
    },
    "siting.map": {
        "ru": "Площадки-кандидаты, выбранные линии и закрепление районов",
        "kk": "Үміткер алаңдар, таңдалған желілер және аудандарды бекіту",
        "en": "Candidate sites, chosen lines and district assignments",
    },
    "siting.kind.candidate": {
        "ru": "Площадка-кандидат",
        "kk": "Үміткер алаң",
        "en": "Candidate site",
    },
    "siting.kind.existing": {
        "ru": "Действующая линия",
        "kk": "Жұмыс істеп тұрған желі",
        "en": "Existing line",
    },
    "siting.kind.announced": {
        "ru": "Объявленная линия",
        "kk": "Жарияланған желі",
        "en": "Announced line",
    },
    "siting.kind.new": {
        "ru": "Новая линия (план)",
        "kk": "Жаңа желі (жоспар)",
        "en": "New line (plan)",
    },
    "siting.kind.district": {"ru": "Центр района", "kk": "Аудан орталығы", "en": "District centre"},
    "siting.link": {
        "ru": "Закрепление района",
        "kk": "Ауданды бекіту",
        "en": "District assignment",
    },
    "siting.lines_table": {"ru": "Линии плана", "kk": "Жоспар желілері", "en": "Lines of the plan"},
    "siting.assign_table": {
        "ru": "Закрепление районов за линиями",
        "kk": "Аудандарды желілерге бекіту",
        "en": "Districts assigned to lines",
    },
    "siting.apply": {
        "ru": "Добавить новые линии в мой вариант",
        "kk": "Жаңа желілерді нұсқама қосу",
        "en": "Add the new lines to my variant",
    },
    "siting.applied": {
        "ru": "Добавлено линий: {n}. Обзор и Сравнение уже показывают эффект.",
        "kk": "Қосылған желілер: {n}. Шолу мен Салыстыру әсерді көрсетеді.",
        "en": "{n} line(s) added. Overview and Compare now show the effect.",
    },
    "siting.nothing_to_apply": {
        "ru": "В плане нет новых линий.",
        "kk": "Жоспарда жаңа желі жоқ.",
        "en": "The plan has no new lines.",
    },
    "siting.download": {
        "ru": "Скачать план (CSV)",
        "kk": "Жоспарды жүктеу (CSV)",
        "en": "Download the plan (CSV)",
    },
    "siting.col.site": {"ru": "Площадка", "kk": "Алаң", "en": "Site"},
    "siting.col.status": {"ru": "Статус", "kk": "Күйі", "en": "Status"},
    "siting.col.capacity": {"ru": "Мощность, т/год", "kk": "Қуаты, т/жыл", "en": "Capacity, t/yr"},
    "siting.col.load": {"ru": "Загрузка, т/год", "kk": "Жүктеме, т/жыл", "en": "Load, t/yr"},
    "siting.col.utilisation": {"ru": "Загрузка, %", "kk": "Жүктеме, %", "en": "Utilisation"},
    "siting.col.capex": {
        "ru": "Капвложения, млн ₸",
        "kk": "Күрделі салым, млн ₸",
        "en": "Capex, M KZT",
    },
    "siting.col.district": {"ru": "Район", "kk": "Аудан", "en": "District"},
    "siting.col.tonnes": {"ru": "Тонн в год", "kk": "Жылына тонна", "en": "Tonnes per year"},
    "siting.col.distance": {"ru": "Расстояние, км", "kk": "Қашықтық, км", "en": "Distance, km"},
    "siting.col.transport": {
        "ru": "Перевозка, млн ₸/год",
        "kk": "Тасымалдау, млн ₸/жыл",
        "en": "Transport, M KZT/yr",
    },
}
i18n.register(TEXTS)

MLN = 1e6


@st.cache_resource(show_spinner=False)
def defaults() -> SitingOptions:
    """The default siting options (frozen, shared)."""
    return load_siting_defaults()


@st.cache_data(show_spinner=False, max_entries=16)
def _solve(scenario_json: str, options_json: str, distances_csv: str | None, _scenario):
    """Solve once per (scenario, options, distances); raises PlanInfeasible."""
    options = SitingOptions.model_validate_json(options_json)
    distances = pd.read_csv(io.StringIO(distances_csv), index_col=0) if distances_csv else None
    plan = solve_problem(build_problem(_scenario, options, distance_km=distances))
    return plan, plan_effect(_scenario, plan)


def options_form(scenario, lang: str) -> tuple[SitingOptions, str | None] | None:
    """Draw the parameter form; return the options and distance CSV when submitted."""
    base = defaults()
    years = scenario.years()
    regions = {r.id: i18n.name(r.name, lang) for r in scenario.resolved_baseline().regions}
    with st.form(W + "form"):
        st.subheader(i18n.t("siting.params", lang))
        c1, c2, c3 = st.columns(3)
        with c1:
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
        with c2:
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
            discount = st.slider(
                i18n.t("siting.discount", lang),
                0.0,
                0.25,
                float(base.discount_rate),
                0.01,
                format="percent",
                key=W + "discount",
                help=i18n.t("siting.discount_help", lang),
            )
        with c3:
            budget = st.number_input(
                i18n.t("siting.budget", lang), 0, 1_000_000, 0, 100, format="%d", key=W + "budget"
            )
            max_lines = st.number_input(
                i18n.t("siting.max_lines", lang), 0, 50, 0, 1, key=W + "max_lines"
            )
            share = st.slider(
                i18n.t("siting.share", lang),
                0.0,
                1.0,
                float(base.min_served_share),
                0.05,
                format="percent",
                key=W + "share",
            )
        c1, c2 = st.columns([2, 1])
        with c1:
            sizes = st.multiselect(
                i18n.t("siting.sizes", lang),
                [15000.0, 30000.0, 50000.0, 75000.0, 100000.0, 150000.0],
                default=[float(x) for x in base.sizes_t_per_yr],
                key=W + "sizes",
                format_func=lambda v: i18n.number(v, lang),
            )
        with c2:
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
        st.caption(i18n.t("siting.extra", lang))
        extra = st.data_editor(
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
                ),
                "lat": st.column_config.NumberColumn(i18n.t("axis.lat", lang), format="%.3f"),
                "lon": st.column_config.NumberColumn(i18n.t("axis.lon", lang), format="%.3f"),
            },
        )
        upload = st.file_uploader(i18n.t("siting.distances", lang), type=["csv"], key=W + "dist")
        submitted = st.form_submit_button(i18n.t("siting.solve", lang), type="primary")
    if not submitted:
        return None
    data = base.model_dump()
    data.update(
        design_year=int(design),
        start_year=int(start),
        sizes_t_per_yr=sizes or base.sizes_t_per_yr,
        transport_kzt_per_t_km=transport,
        circuity=circuity,
        discount_rate=discount,
        capex_kzt_per_t_yr=float(capex),
        capex_budget_kzt=float(budget) * MLN if budget > 0 else None,
        max_new_lines=int(max_lines) if max_lines > 0 else None,
        min_served_share=share,
        single_source=single,
        keep_announced=keep,
        net_of_value=net,
    )
    sites = []
    for row in extra.dropna(how="all").itertuples(index=False):
        sites.append(
            {
                "id": str(row.id).strip().lower(),
                "region": row.region,
                "name": str(row.id),
                "lat": row.lat,
                "lon": row.lon,
            }
        )
    data["extra_sites"] = sites
    try:
        options = SitingOptions.model_validate(data)
        _ = [CandidateSite.model_validate(s) for s in sites]
    except ValueError as exc:
        st.error(i18n.t("siting.bad_option", lang, detail=str(exc).splitlines()[0]))
        return None
    distances = None
    if upload is not None:
        try:
            text = upload.getvalue().decode("utf-8")
            pd.read_csv(io.StringIO(text), index_col=0).astype(float)
            distances = text
        except (UnicodeDecodeError, ValueError) as exc:
            st.error(i18n.t("siting.bad_csv", lang, detail=str(exc)))
            return None
    return options, distances


def _mln(lang: str, value: float) -> str:
    return i18n.number(value / MLN, lang, 1)


def name_of(plan: SitingPlan, ident: str, lang: str, fallback: str = "") -> str:
    """The name of a district, site or line in ``lang`` (the model's names by id)."""
    return i18n.name(plan.problem.names.get(ident, {}), lang) or fallback or ident


def siting_map(plan: SitingPlan, lang: str) -> go.Figure:
    """Candidates, open lines and district → line links on an offline lon/lat chart."""
    frames = map_frames(plan)
    name_col = f"name_{lang}"
    per_yr = i18n.NBSP + i18n.t("unit.t_per_yr", lang)
    fig = go.Figure()
    links = frames["links"]
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
    cands = frames["candidates"]
    fig.add_trace(
        go.Scatter(
            x=cands.lon,
            y=cands.lat,
            mode="markers",
            name=i18n.t("siting.kind.candidate", lang),
            marker={"symbol": "circle-open", "size": 9, "color": "#95a5a6"},
            hovertext=cands[name_col] if name_col in cands else cands.name,
            hoverinfo="text",
        )
    )
    d = frames["districts"]
    fig.add_trace(
        go.Scatter(
            x=d.lon,
            y=d.lat,
            mode="markers",
            name=i18n.t("siting.kind.district", lang),
            marker={"size": 6, "color": "#3b7dd8"},
            hovertext=[
                f"{n}: {i18n.number(v, lang)}{per_yr}"
                for n, v in zip(d[name_col], d.demand_t, strict=True)
            ],
            hoverinfo="text",
        )
    )
    colors = {"existing": "#5b6770", "announced": "#f0a202", "new": "#2e8b57"}
    lines = frames["lines"]
    for status, color in colors.items():
        part = lines[lines.status == status] if len(lines) else lines
        if not len(part):
            continue
        fig.add_trace(
            go.Scatter(
                x=part.lon,
                y=part.lat,
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
                    f"<b>{n}</b><br>{i18n.number(c, lang)}{per_yr}"
                    for n, c in zip(part[name_col], part.capacity_t_per_yr, strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_xaxes(title=i18n.t("axis.lon", lang), showgrid=True, zeroline=False)
    fig.update_yaxes(
        title=i18n.t("axis.lat", lang),
        showgrid=True,
        zeroline=False,
        scaleanchor="x",
        scaleratio=1.5,
    )
    fig.update_layout(plot_bgcolor="#f4f6f3")
    return charts.layout(fig, lang, i18n.t("siting.map", lang), 600, wrap=100)


def lines_table(plan: SitingPlan, lang: str) -> pd.DataFrame:
    """The plan's lines with translated headers; names in ``lang``, capacity right after."""
    t = plan.lines
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


def assignments_table(plan: SitingPlan, lang: str) -> pd.DataFrame:
    """District assignments with translated headers; names in ``lang``."""
    a = plan.assignments
    return pd.DataFrame(
        {
            i18n.t("siting.col.district", lang): [name_of(plan, d, lang) for d in a.district],
            i18n.t("siting.col.site", lang): [name_of(plan, s, lang) for s in a.site],
            i18n.t("siting.col.tonnes", lang): [i18n.number(v, lang) for v in a.tonnes],
            i18n.t("siting.col.distance", lang): [i18n.number(v, lang, 1) for v in a.distance_km],
            i18n.t("siting.col.transport", lang): [_mln(lang, v) for v in a.transport_kzt],
        }
    )


def show_result(scenario, plan: SitingPlan, effect: dict, lang: str) -> None:
    """Summary cards, map, tables, download and the apply button."""
    s = plan.summary
    year = plan.problem.options.design_year
    # Three figures a row, so that no label is cut off (Russian and Kazakh labels run long).
    cols = st.columns(3)
    cols[0].metric(i18n.t("siting.new_lines", lang), s["new_lines"])
    cols[1].metric(i18n.t("siting.capex_total", lang), _mln(lang, s["capex_new_kzt"]))
    cols[2].metric(i18n.t("siting.annual", lang), _mln(lang, s["annual_cost_kzt"]))
    cols = st.columns(3)
    cols[0].metric(i18n.t("siting.per_t", lang), i18n.number(s["cost_per_t_kzt"], lang))
    cols[1].metric(i18n.t("siting.net_per_t", lang), i18n.number(s["net_cost_per_t_kzt"], lang))
    cols[2].metric(i18n.t("siting.served", lang), i18n.number(s["served_t"], lang))
    c1, c2, c3 = st.columns(3)
    c1.metric(i18n.t("siting.diverted", lang, year=year), i18n.number(effect["diverted_t"], lang))
    c2.metric(
        i18n.t("siting.processing", lang, year=year),
        f"{i18n.percent(effect['processing_before'], lang)} → "
        f"{i18n.percent(effect['processing_after'], lang)}",
        help=i18n.t("siting.processing_help", lang),
    )
    c3.metric(
        i18n.t("siting.recycling", lang, year=year),
        f"{i18n.percent(effect['recycling_before'], lang)} → "
        f"{i18n.percent(effect['recycling_after'], lang)}",
        help=i18n.t("siting.recycling_help", lang),
    )
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
    charts.show(siting_map(plan, lang), "chart_siting_map", f"siting_{scenario.id}")
    st.subheader(i18n.t("siting.lines_table", lang))
    st.dataframe(
        lines_table(plan, lang),
        hide_index=True,
        width="stretch",
        # long site names must not push the numbers off the screen
        column_config={i18n.t("siting.col.site", lang): st.column_config.TextColumn(width=300)},
    )
    st.subheader(i18n.t("siting.assign_table", lang))
    st.dataframe(assignments_table(plan, lang), hide_index=True, width="stretch")
    from planner.siting.plan import plan_csv

    st.download_button(
        i18n.t("siting.download", lang),
        plan_csv(plan, scenario.id),
        file_name=f"siting_plan_{scenario.id}.csv",
        mime="text/csv",
        key=W + "download",
    )
    if st.button(i18n.t("siting.apply", lang), type="primary", key=W + "apply"):
        if s["new_lines"] == 0:
            st.info(i18n.t("siting.nothing_to_apply", lang))
            return
        applied = apply_plan(scenario, plan)
        lines = [line.model_dump(mode="json") for line in applied.levers.new_sorting_lines]
        state.apply_edit("levers.new_sorting_lines", lines)
        st.session_state.pop(KEY_RESULT, None)
        st.success(
            i18n.t("siting.applied", lang, n=len(lines) - len(scenario.levers.new_sorting_lines))
        )


def render() -> None:
    """The siting page."""
    lang = current_lang()
    state.init()
    scenario = state.current()
    st.title(i18n.t("siting.title", lang))
    st.caption(i18n.t("siting.intro", lang))
    submitted = options_form(scenario, lang)
    key = None
    if submitted is not None:
        options, distances = submitted
        key = (scenario.model_dump_json(), options.model_dump_json(), distances)
        with st.spinner(i18n.t("siting.solving", lang)):
            try:
                plan, effect = _solve(*key, scenario)
            except PlanInfeasible as exc:
                if exc.kind == "budget":
                    c = exc.context
                    st.error(
                        i18n.t(
                            "siting.infeasible_budget",
                            lang,
                            budget=_mln(lang, c["budget_kzt"]),
                            share=i18n.percent(c["share"], lang, 0),
                            cheapest=_mln(lang, c["cheapest_kzt"]),
                        )
                    )
                elif exc.kind == "max_lines":
                    c = exc.context
                    st.error(
                        i18n.t(
                            "siting.infeasible_lines",
                            lang,
                            max_lines=c["max_lines"],
                            share=i18n.percent(c["share"], lang, 0),
                            needed=c["needed"],
                        )
                    )
                else:
                    st.error(i18n.t("siting.infeasible", lang, detail=exc.reason))
                st.session_state.pop(KEY_RESULT, None)
                return
        st.session_state[KEY_RESULT] = {"scenario": key[0], "plan": plan, "effect": effect}
    result = st.session_state.get(KEY_RESULT)
    if result is None:
        st.info(i18n.t("siting.none_yet", lang))
        return
    if result["scenario"] != scenario.model_dump_json():
        st.warning(i18n.t("siting.stale", lang))
        return
    show_result(scenario, result["plan"], result["effect"], lang)


if __name__ == "__main__":
    render()
