"""Core texts of the app in Russian, Kazakh and English (registered by :mod:`msw_app.i18n`)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- navigation, sidebar
    "nav.overview": {"ru": "Обзор", "kk": "Шолу", "en": "Overview"},
    "nav.assumptions": {"ru": "Допущения", "kk": "Болжамдар", "en": "Assumptions"},
    "nav.compare": {"ru": "Сравнение", "kk": "Салыстыру", "en": "Compare"},
    "nav.data": {"ru": "Данные и экспорт", "kk": "Деректер және экспорт", "en": "Data & export"},
    "sidebar.scenario": {"ru": "Сценарий", "kk": "Сценарий", "en": "Scenario"},
    "sidebar.scenario_help": {
        "ru": "Готовые сценарии и ваши варианты. Изменения на странице «Допущения» "
        "сохраняются как ваш вариант.",
        "kk": "Дайын сценарийлер және сіздің нұсқаларыңыз. «Болжамдар» бетіндегі өзгерістер "
        "сіздің нұсқаңыз ретінде сақталады.",
        "en": "Presets and your own variants. Changes on the Assumptions page are kept as "
        "your variant.",
    },
    "sidebar.year": {"ru": "Год в фокусе", "kk": "Назардағы жыл", "en": "Year in focus"},
    "sidebar.has_problems": {
        "ru": "Часть изменений не применена — см. «Допущения».",
        "kk": "Кейбір өзгерістер қолданылмады — «Болжамдар» бетін қараңыз.",
        "en": "Some edits are not applied — see Assumptions.",
    },
    "sidebar.caption": {
        "ru": "Твёрдые бытовые отходы (ТБО) областей Абай и Улытау: сценарии до 2050 года.",
        "kk": "Абай және Ұлытау облыстарының қатты тұрмыстық қалдықтары (ҚТҚ): "
        "2050 жылға дейінгі сценарийлер.",
        "en": "Municipal solid waste (MSW) of Abai and Ulytau regions: scenarios to 2050.",
    },
    "page.scenario": {"ru": "Сценарий", "kk": "Сценарий", "en": "Scenario"},
    "variant.name": {
        "ru": "Мой вариант {n} (на основе: {source})",
        "kk": "Менің нұсқам {n} (негізі: {source})",
        "en": "My variant {n} (based on: {source})",
    },
    "variant.working_copy": {
        "ru": "Мои изменения: {source}",
        "kk": "Менің өзгерістерім: {source}",
        "en": "My changes: {source}",
    },
    # ---------------------------------------------------------------- units and axes
    "unit.t_per_yr": {"ru": "т/год", "kk": "т/жыл", "en": "t/yr"},
    "unit.t": {"ru": "т", "kk": "т", "en": "t"},
    "unit.years": {"ru": "лет", "kk": "жыл", "en": "years"},
    "unit.pp": {"ru": "п. п.", "kk": "п.т.", "en": "pp"},
    "axis.year": {"ru": "Год", "kk": "Жыл", "en": "Year"},
    "axis.lat": {"ru": "Широта, °", "kk": "Ендік, °", "en": "Latitude, °"},
    "axis.lon": {"ru": "Долгота, °", "kk": "Бойлық, °", "en": "Longitude, °"},
    "col.district": {"ru": "Район / город", "kk": "Аудан / қала", "en": "District / city"},
    "col.region": {"ru": "Область", "kk": "Облыс", "en": "Region"},
    "col.population": {"ru": "Население, чел.", "kk": "Халық саны, адам", "en": "Population"},
    # ---------------------------------------------------------------- KPIs
    "kpi.generated_t": {
        "ru": "Образовано отходов, т/год",
        "kk": "Түзілген қалдықтар, т/жыл",
        "en": "Waste generated, t/yr",
    },
    "kpi.collected_t": {"ru": "Собрано, т/год", "kk": "Жиналды, т/жыл", "en": "Collected, t/yr"},
    "kpi.sorted_t": {
        "ru": "Поступило на сортировку, т/год",
        "kk": "Сұрыптауға түсті, т/жыл",
        "en": "Sent to sorting, t/yr",
    },
    "kpi.recycled_t": {
        "ru": "Переработано (вторсырьё), т/год",
        "kk": "Қайта өңделді (қайталама шикізат), т/жыл",
        "en": "Recycled, t/yr",
    },
    "kpi.composted_t": {
        "ru": "Компостировано, т/год",
        "kk": "Компосталды, т/жыл",
        "en": "Composted, t/yr",
    },
    "kpi.landfilled_t": {
        "ru": "Захоронено на полигонах, т/год",
        "kk": "Полигондарға көмілді, т/жыл",
        "en": "Landfilled, t/yr",
    },
    "kpi.banned_landfilled_t": {
        "ru": "Запрещённые фракции на полигоне, т/год",
        "kk": "Полигонға түскен тыйым салынған фракциялар, т/жыл",
        "en": "Banned fractions landfilled, t/yr",
    },
    "kpi.diversion_rate": {
        "ru": "Отвод от захоронения",
        "kk": "Көмуден бұрылған үлес",
        "en": "Diversion from landfill",
    },
    "kpi.recycling_rate": {
        "ru": "Реальная переработка",
        "kk": "Нақты қайта өңдеу",
        "en": "Real recycling rate",
    },
    "kpi.processing_share": {
        "ru": "Доля переработки (официальная)",
        "kk": "Қайта өңдеу үлесі (ресми)",
        "en": "Processing share (official)",
    },
    "kpi.collection_coverage": {
        "ru": "Охват вывозом",
        "kk": "Шығарумен қамту",
        "en": "Collection coverage",
    },
    "kpi.landfill_years_left": {
        "ru": "Полигонов хватит на",
        "kk": "Полигондар жетеді",
        "en": "Landfill life left",
    },
    "kpi.progress_to_target_2030": {
        "ru": "Прогресс к цели 2030",
        "kk": "2030 мақсатына жақындау",
        "en": "Progress to the 2030 target",
    },
    "kpi.progress_to_target_2050": {
        "ru": "Прогресс к цели 2050",
        "kk": "2050 мақсатына жақындау",
        "en": "Progress to the 2050 target",
    },
    "card.diversion_rate": {
        "ru": "Отвод от захоронения",
        "kk": "Көмуден бұру",
        "en": "Diversion",
    },
    "card.processing_share": {
        "ru": "Офиц. доля переработки",
        "kk": "Ресми өңдеу үлесі",
        "en": "Processing (official)",
    },
    "card.recycling_rate": {
        "ru": "Реальная переработка",
        "kk": "Нақты қайта өңдеу",
        "en": "Real recycling",
    },
    "card.collection_coverage": {
        "ru": "Охват вывозом",
        "kk": "Шығарумен қамту",
        "en": "Collection coverage",
    },
    "card.landfilled_t": {
        "ru": "Захоронено, т/год",
        "kk": "Көмілді, т/жыл",
        "en": "Landfilled, t/yr",
    },
    "card.banned_landfilled_t": {
        "ru": "Запрещённое на полигоне, т/год",
        "kk": "Тыйым салынғаны көмілді, т/жыл",
        "en": "Banned but landfilled, t/yr",
    },
    "card.landfill_years_left": {
        "ru": "Полигонов хватит на",
        "kk": "Полигондар жетеді",
        "en": "Landfill life left",
    },
    "kpi_help.diversion_rate": {
        "ru": "Доля образованных отходов, которая не попала на полигон и не осталась "
        "несобранной: переработанное вторсырьё плюс компост.",
        "kk": "Түзілген қалдықтардың полигонға түспеген және жиналмай қалмаған үлесі: "
        "қайта өңделген шикізат пен компост.",
        "en": "Share of generated waste that neither goes to landfill nor stays uncollected: "
        "recycled material plus compost.",
    },
    "kpi_help.processing_share": {
        "ru": "Официальный показатель: всё, что поступило на сортировку или компостирование, "
        "в доле от образования. Цель — 40 % к 2030 и 50 % к 2050 году.",
        "kk": "Ресми көрсеткіш: сұрыптауға немесе компостауға түскеннің бәрі, түзілген "
        "қалдықтың үлесі ретінде. Мақсат — 2030 жылға қарай 40 %, 2050 жылға қарай 50 %.",
        "en": "The official indicator: everything delivered to sorting or composting, as a "
        "share of generation. Target: 40 % by 2030 and 50 % by 2050.",
    },
    "kpi_help.recycling_rate": {
        "ru": "Только то, что извлечено на сортировке как вторсырьё, в доле от образования.",
        "kk": "Сұрыптауда қайталама шикізат ретінде бөліп алынғаны ғана, түзілген "
        "қалдықтың үлесі ретінде.",
        "en": "Only what sorting recovers as secondary material, as a share of generation.",
    },
    "kpi_help.collection_coverage": {
        "ru": "Доля образованных отходов, которую вывозит служба сбора.",
        "kk": "Түзілген қалдықтардың жинау қызметі шығаратын үлесі.",
        "en": "Share of generated waste picked up by the collection service.",
    },
    "kpi_help.landfilled_t": {
        "ru": "Собранные отходы, ушедшие на полигоны, включая остатки сортировки и "
        "компостирования.",
        "kk": "Полигондарға кеткен жиналған қалдықтар, сұрыптау мен компостау "
        "қалдықтарын қоса алғанда.",
        "en": "Collected waste sent to landfills, including sorting and composting residues.",
    },
    "kpi_help.banned_landfilled_t": {
        "ru": "Металлы, пластик, бумага, стекло и пищевые отходы, которые Экологический "
        "кодекс запрещает захоранивать, но они всё ещё попадают на полигон.",
        "kk": "Экологиялық кодекс көмуге тыйым салған, бірақ әлі де полигонға түсетін "
        "металдар, пластик, қағаз, шыны және тамақ қалдықтары.",
        "en": "Metals, plastics, paper, glass and food waste that the Ecological Code bans "
        "from landfill but that still end up there.",
    },
    "kpi_help.landfill_years_left": {
        "ru": "Оставшаяся вместимость действующих полигонов, делённая на годовой объём "
        "захоронения.",
        "kk": "Жұмыс істеп тұрған полигондардың қалған сыйымдылығы жылдық көму көлеміне бөлінген.",
        "en": "Remaining capacity of the operating landfills divided by the tonnes landfilled "
        "that year.",
    },
    "explain.processing_vs_recycling": {
        "ru": "**Сортировка ≠ переработка.** Официальная доля переработки считает всё, что "
        "поступило на сортировку или компостирование. Реальная переработка — только то, что "
        "извлечено как вторсырьё; остальное после сортировки всё равно уходит на полигон.",
        "kk": "**Сұрыптау ≠ қайта өңдеу.** Ресми қайта өңдеу үлесі сұрыптауға немесе "
        "компостауға түскеннің бәрін есептейді. Нақты қайта өңдеу — тек қайталама шикізат "
        "ретінде бөліп алынғаны; сұрыптаудан кейінгі қалғаны бәрібір полигонға кетеді.",
        "en": "**Sorting is not recycling.** The official processing share counts everything "
        "delivered to sorting or composting. The real recycling rate counts only what is "
        "recovered as secondary material; the rest of the sorted waste still goes to landfill.",
    },
    # ---------------------------------------------------------------- fates, Sankey, materials
    "fate.uncollected": {
        "ru": "Не собрано (стихийные свалки)",
        "kk": "Жиналмаған (стихиялық үйінділер)",
        "en": "Not collected (illegal dumping)",
    },
    "fate.recycled": {"ru": "Переработано", "kk": "Қайта өңделді", "en": "Recycled"},
    "fate.composted": {"ru": "Компостировано", "kk": "Компосталды", "en": "Composted"},
    "fate.landfilled": {"ru": "Захоронено", "kk": "Көмілді", "en": "Landfilled"},
    "node.generated": {"ru": "Образовано", "kk": "Түзілді", "en": "Generated"},
    "node.collected": {"ru": "Собрано", "kk": "Жиналды", "en": "Collected"},
    "node.uncollected": {"ru": "Не собрано", "kk": "Жиналмады", "en": "Not collected"},
    "node.sorting": {"ru": "Сортировка", "kk": "Сұрыптау", "en": "Sorting"},
    "node.composting": {"ru": "Компостирование", "kk": "Компостау", "en": "Composting"},
    "node.recycled": {"ru": "Вторсырьё", "kk": "Қайталама шикізат", "en": "Recycled"},
    "node.composted": {"ru": "Компост", "kk": "Компост", "en": "Compost"},
    "node.landfill": {"ru": "Полигон", "kk": "Полигон", "en": "Landfill"},
    "material.organics": {"ru": "Органика", "kk": "Органика", "en": "Organics"},
    "material.paper": {"ru": "Бумага и картон", "kk": "Қағаз және картон", "en": "Paper & card"},
    "material.plastics": {"ru": "Пластик", "kk": "Пластик", "en": "Plastics"},
    "material.glass": {"ru": "Стекло", "kk": "Шыны", "en": "Glass"},
    "material.metals": {"ru": "Металлы", "kk": "Металдар", "en": "Metals"},
    "material.textiles": {"ru": "Текстиль", "kk": "Тоқыма", "en": "Textiles"},
    "material.wood": {"ru": "Древесина", "kk": "Ағаш", "en": "Wood"},
    "material.other": {"ru": "Прочее", "kk": "Басқалары", "en": "Other"},
    # ---------------------------------------------------------------- charts
    "chart.fates": {
        "ru": "Куда уходят отходы, т/год",
        "kk": "Қалдықтар қайда кетеді, т/жыл",
        "en": "Where the waste goes, t/yr",
    },
    "chart.sankey": {
        "ru": "Потоки отходов в {year} году",
        "kk": "{year} жылғы қалдық ағындары",
        "en": "Waste flows in {year}",
    },
    "chart.map": {
        "ru": "Районы и объекты обращения с отходами",
        "kk": "Аудандар және қалдықтармен жұмыс нысандары",
        "en": "Districts and waste facilities",
    },
    "chart.compare": {
        "ru": "{kpi}: сравнение сценариев",
        "kk": "{kpi}: сценарийлерді салыстыру",
        "en": "{kpi}: scenarios compared",
    },
    # ---------------------------------------------------------------- overview
    "overview.title": {
        "ru": "Обзор сценария",
        "kk": "Сценарийге шолу",
        "en": "Scenario overview",
    },
    "overview.kpis": {
        "ru": "Ключевые показатели, {year} год",
        "kk": "Негізгі көрсеткіштер, {year} жыл",
        "en": "Key indicators, {year}",
    },
    "overview.delta_note": {
        "ru": "Стрелки — изменение к базовой линии (те же исходные данные, без мер сценария).",
        "kk": "Бағдаршалар — базалық деңгейге қатысты өзгеріс (сол бастапқы деректер, "
        "сценарий шараларынсыз).",
        "en": "Arrows show the change against the baseline (same data, none of the "
        "scenario's levers).",
    },
    "overview.targets": {
        "ru": "Национальные цели: 40 % к 2030 году, 50 % к 2050 году",
        "kk": "Ұлттық мақсаттар: 2030 жылға қарай 40 %, 2050 жылға қарай 50 %",
        "en": "National targets: 40 % by 2030, 50 % by 2050",
    },
    "targets.line": {
        "ru": "{year}, официальный показатель: {share} при цели {target} — {status}.",
        "kk": "{year}, ресми көрсеткіш: {share}, мақсат {target} — {status}.",
        "en": "{year}, official indicator: {share} against a target of {target} — {status}.",
    },
    "targets.met": {
        "ru": "выполнено (сортировка засчитывается)",
        "kk": "орындалды (сұрыптау есептеледі)",
        "en": "met (sorting counts)",
    },
    "targets.not_met": {
        "ru": "не выполнено",
        "kk": "орындалмады",
        "en": "not met",
    },
    "targets.recycling": {
        "ru": "Реальная переработка: {recycling} из {target}.",
        "kk": "Нақты қайта өңдеу: {recycling}, мақсат {target}.",
        "en": "Real recycling: {recycling} of {target}.",
    },
    "targets.note": {
        "ru": "Верхняя полоса — официальный показатель (всё, что поступило на сортировку и "
        "компостирование), нижняя — вторсырьё, реально извлечённое на сортировке.",
        "kk": "Жоғарғы жолақ — ресми көрсеткіш (сұрыптауға және компосттауға түскеннің бәрі), "
        "төменгісі — сұрыптауда нақты бөліп алынған қайталама шикізат.",
        "en": "Upper bar: the official indicator (everything delivered to sorting and "
        "composting); lower bar: secondary material really recovered by sorting.",
    },
    "targets.outside": {
        "ru": "{year}: за горизонтом сценария",
        "kk": "{year}: сценарий көкжиегінен тыс",
        "en": "{year}: beyond the scenario horizon",
    },
    "overview.districts": {
        "ru": "Районы и города, {year} год",
        "kk": "Аудандар мен қалалар, {year} жыл",
        "en": "Districts and cities, {year}",
    },
    "overview.map": {"ru": "Карта", "kk": "Карта", "en": "Map"},
    "map.basemap": {
        "ru": "Подложка OpenStreetMap (нужен интернет)",
        "kk": "OpenStreetMap картасы (интернет қажет)",
        "en": "OpenStreetMap background (needs internet)",
    },
    "map.note": {
        "ru": "Без подложки карта работает офлайн. Координаты многих объектов — оценочные "
        "(см. методику).",
        "kk": "Картаның негізінсіз офлайн жұмыс істейді. Көптеген нысандардың координаттары "
        "бағалау болып табылады (әдістемені қараңыз).",
        "en": "Without the background the map works offline. Many facility locations are "
        "estimates (see the methodology).",
    },
    "map.new": {"ru": "новый", "kk": "жаңа", "en": "new"},
    "map.not_operating": {
        "ru": "не работает в этом году",
        "kk": "биыл жұмыс істемейді",
        "en": "not operating this year",
    },
    "map.generated": {
        "ru": "образование, т/год",
        "kk": "түзілу, т/жыл",
        "en": "generated, t/yr",
    },
    "map.remaining": {
        "ru": "остаток вместимости, т",
        "kk": "қалған сыйымдылық, т",
        "en": "capacity left, t",
    },
    "map.capacity": {"ru": "мощность, т/год", "kk": "қуаты, т/жыл", "en": "capacity, t/yr"},
    "map.kind.district": {
        "ru": "Районы и города",
        "kk": "Аудандар мен қалалар",
        "en": "Districts and cities",
    },
    "map.kind.landfill": {"ru": "Полигоны", "kk": "Полигондар", "en": "Landfills"},
    "map.kind.sorting": {
        "ru": "Сортировочные линии",
        "kk": "Сұрыптау желілері",
        "en": "Sorting lines",
    },
    "map.kind.composting": {
        "ru": "Площадки компостирования",
        "kk": "Компост алаңдары",
        "en": "Composting sites",
    },
    # ---------------------------------------------------------------- assumptions
    "assume.title": {
        "ru": "Допущения сценария",
        "kk": "Сценарий болжамдары",
        "en": "Scenario assumptions",
    },
    "assume.preset_note": {
        "ru": "Сейчас выбран готовый сценарий «{name}». Любое изменение попадёт в ваш "
        "вариант «Мои изменения: {name}» — готовый сценарий останется без изменений.",
        "kk": "Қазір «{name}» дайын сценарийі таңдалған. Кез келген өзгеріс «Менің "
        "өзгерістерім: {name}» нұсқаңызға түседі — дайын сценарий өзгеріссіз қалады.",
        "en": "A preset is in focus: “{name}”. Any change goes to your variant “My changes: "
        "{name}” — the preset stays as it is.",
    },
    "assume.make_variant": {
        "ru": "Создать вариант",
        "kk": "Нұсқа жасау",
        "en": "Create a variant",
    },
    "assume.variant_name": {
        "ru": "Название варианта",
        "kk": "Нұсқаның атауы",
        "en": "Variant name",
    },
    "assume.duplicate": {"ru": "Копировать", "kk": "Көшірме жасау", "en": "Duplicate"},
    "assume.reset": {"ru": "Сбросить", "kk": "Қалпына келтіру", "en": "Reset"},
    "assume.delete": {"ru": "Удалить", "kk": "Жою", "en": "Delete"},
    "assume.based_on": {"ru": "Основа: {name}", "kk": "Негізі: {name}", "en": "Based on: {name}"},
    "assume.strip": {
        "ru": "Результат в {year} году (изменение к базовой линии без мер):",
        "kk": "{year} жылғы нәтиже (шараларсыз базалық деңгейге қатысты өзгеріс):",
        "en": "Result in {year} (change against the baseline without levers):",
    },
    "assume.rejected": {
        "ru": "Не применено изменений: {n}. Исправьте поля с сообщениями об ошибке — "
        "расчёт пока использует последние допустимые значения.",
        "kk": "Қолданылмаған өзгерістер саны: {n}. Қате туралы хабары бар өрістерді түзетіңіз — "
        "есеп әзірге соңғы жарамды мәндерді пайдаланады.",
        "en": "Edits not applied: {n}. Fix the fields with an error message — the projection "
        "uses the last valid values meanwhile.",
    },
    "assume.tab.recovery": {
        "ru": "Сортировка и извлечение",
        "kk": "Сұрыптау және бөліп алу",
        "en": "Sorting recovery",
    },
    "assume.tab.separate": {
        "ru": "Раздельный сбор",
        "kk": "Бөлек жинау",
        "en": "Separate collection",
    },
    "assume.tab.collection": {
        "ru": "Вывоз и образование",
        "kk": "Шығару және түзілу",
        "en": "Collection & generation",
    },
    "assume.tab.infrastructure": {
        "ru": "Инфраструктура",
        "kk": "Инфрақұрылым",
        "en": "Infrastructure",
    },
    "assume.recovery_help": {
        "ru": "Какая доля каждого материала, поступившего на сортировку, извлекается как "
        "вторсырьё. Остальное уходит на полигон.",
        "kk": "Сұрыптауға түскен әр материалдың қандай үлесі қайталама шикізат ретінде "
        "бөлініп алынады. Қалғаны полигонға кетеді.",
        "en": "Share of each material entering sorting that is recovered for recycling. "
        "The rest goes to landfill.",
    },
    "assume.recovery_mixed": {
        "ru": "Из смешанных отходов",
        "kk": "Аралас қалдықтардан",
        "en": "From mixed waste",
    },
    "assume.recovery_separate": {
        "ru": "Из раздельно собранных",
        "kk": "Бөлек жиналғаннан",
        "en": "From separately collected waste",
    },
    "assume.separate_help": {
        "ru": "Участие — доля домохозяйств, которые сортируют отходы дома; улавливание — "
        "какую часть каждого материала они кладут в отдельный контейнер.",
        "kk": "Қатысу — қалдықтарды үйде сұрыптайтын үй шаруашылықтарының үлесі; ұстау — "
        "олар әр материалдың қандай бөлігін бөлек контейнерге салады.",
        "en": "Participation is the share of households that separate waste at home; capture "
        "is how much of each material they put into the separate container.",
    },
    "assume.participation": {
        "ru": "Участие в раздельном сборе (без учёта кампаний)",
        "kk": "Бөлек жинауға қатысу (науқандарсыз)",
        "en": "Participation in separate collection (before campaigns)",
    },
    "assume.target_year": {"ru": "К году", "kk": "Жылға қарай", "en": "By year"},
    "assume.capture": {
        "ru": "Улавливание по материалам",
        "kk": "Материалдар бойынша ұстау",
        "en": "Capture by material",
    },
    "assume.campaigns": {
        "ru": "Информационные кампании",
        "kk": "Ақпараттық науқандар",
        "en": "Awareness campaigns",
    },
    "assume.campaigns_help": {
        "ru": "Каждый год кампании участие растёт на заданный прирост, но не выше потолка; "
        "достигнутое сохраняется. Строки можно добавлять и удалять.",
        "kk": "Науқанның әр жылында қатысу берілген өсімге артады, бірақ шектен аспайды; "
        "қол жеткізілгені сақталады. Жолдарды қосуға және жоюға болады.",
        "en": "Each campaign year raises participation by the gain, up to the ceiling; the "
        "gain is kept afterwards. Rows can be added and deleted.",
    },
    "campaign.col.name": {"ru": "Название", "kk": "Атауы", "en": "Name"},
    "campaign.col.start_year": {"ru": "Начало, год", "kk": "Басталуы, жыл", "en": "Start year"},
    "campaign.col.duration_yr": {
        "ru": "Длительность, лет",
        "kk": "Ұзақтығы, жыл",
        "en": "Duration, years",
    },
    "campaign.col.participation_gain_per_yr": {
        "ru": "Прирост участия в год",
        "kk": "Қатысудың жылдық өсімі",
        "en": "Participation gain per year",
    },
    "campaign.col.ceiling": {"ru": "Потолок участия", "kk": "Қатысу шегі", "en": "Ceiling"},
    "campaign.col.districts": {
        "ru": "Районы (пусто — все)",
        "kk": "Аудандар (бос — барлығы)",
        "en": "Districts (empty = all)",
    },
    "campaign.col.cost_kzt_per_yr": {
        "ru": "Стоимость, тг/год",
        "kk": "Құны, теңге/жыл",
        "en": "Cost, KZT/yr",
    },
    "campaign.districts_help": {
        "ru": "Оставьте пустым, чтобы кампания шла во всех районах.",
        "kk": "Науқан барлық аудандарда өтуі үшін бос қалдырыңыз.",
        "en": "Leave empty for a campaign in every district.",
    },
    "assume.coverage_toggle": {
        "ru": "Задать цель охвата вывозом для всех районов",
        "kk": "Барлық аудандар үшін шығарумен қамту мақсатын қою",
        "en": "Set a collection coverage target for all districts",
    },
    "assume.coverage_help": {
        "ru": "Охват растёт линейно от сегодняшнего уровня района до цели в указанном году. "
        "Национальная цель — 100 % к 2030 году.",
        "kk": "Қамту ауданның бүгінгі деңгейінен көрсетілген жылғы мақсатқа дейін сызықтық "
        "өседі. Ұлттық мақсат — 2030 жылға қарай 100 %.",
        "en": "Coverage rises linearly from each district's level today to the target in the "
        "given year. The national target is 100 % by 2030.",
    },
    "assume.coverage_share": {
        "ru": "Цель охвата вывозом",
        "kk": "Шығарумен қамту мақсаты",
        "en": "Coverage target",
    },
    "assume.generation_growth": {
        "ru": "Рост образования на человека, доля в год",
        "kk": "Бір адамға шаққандағы түзілудің өсімі, жылына үлес",
        "en": "Growth of waste per person, fraction per year",
    },
    "assume.generation_growth_help": {
        "ru": "0,010 — это +1 % в год для всех районов (по умолчанию у каждого района своё "
        "значение).",
        "kk": "0,010 — барлық аудандар үшін жылына +1 % (әдепкіде әр ауданның өз мәні бар).",
        "en": "0.010 means +1 % per year in every district (by default each district has its "
        "own rate).",
    },
    "assume.by_district": {
        "ru": "По районам: образование на человека и цель охвата",
        "kk": "Аудандар бойынша: бір адамға шаққандағы түзілу және қамту мақсаты",
        "en": "By district: waste per person and coverage target",
    },
    "assume.by_district_help": {
        "ru": "Изменяйте значения в таблице; цель охвата района действует, если заданы и "
        "доля, и год.",
        "kk": "Кестедегі мәндерді өзгертіңіз; аудан үшін қамту мақсаты үлес те, жыл да "
        "берілгенде қолданылады.",
        "en": "Edit the values in the table; a district's coverage target applies when both "
        "the share and the year are set.",
    },
    "assume.col.base_generation": {
        "ru": "Сейчас, т/чел./год",
        "kk": "Қазір, т/адам/жыл",
        "en": "Today, t/person/yr",
    },
    "assume.col.generation": {
        "ru": "В сценарии, т/чел./год",
        "kk": "Сценарийде, т/адам/жыл",
        "en": "Scenario, t/person/yr",
    },
    "assume.col.base_coverage": {
        "ru": "Охват сейчас",
        "kk": "Қазіргі қамту",
        "en": "Coverage today",
    },
    "assume.col.coverage_target": {
        "ru": "Цель охвата",
        "kk": "Қамту мақсаты",
        "en": "Coverage target",
    },
    "assume.col.coverage_year": {"ru": "К году", "kk": "Жылға қарай", "en": "By year"},
    "assume.infrastructure_help": {
        "ru": "Новые объекты сценария. Добавляйте строки (+), меняйте мощность, год запуска и "
        "обслуживаемые районы; пустой идентификатор будет создан автоматически.",
        "kk": "Сценарийдің жаңа нысандары. Жол қосыңыз (+), қуатты, іске қосу жылын және "
        "қызмет көрсетілетін аудандарды өзгертіңіз; бос идентификатор автоматты түрде жасалады.",
        "en": "The scenario's new facilities. Add rows (+), change capacity, start year and "
        "districts served; a blank id is filled in automatically.",
    },
    "assume.new_sorting_lines": {
        "ru": "Новые сортировочные линии",
        "kk": "Жаңа сұрыптау желілері",
        "en": "New sorting lines",
    },
    "assume.new_composting_sites": {
        "ru": "Новые площадки компостирования",
        "kk": "Жаңа компост алаңдары",
        "en": "New composting sites",
    },
    "assume.new_landfills": {
        "ru": "Новые полигоны",
        "kk": "Жаңа полигондар",
        "en": "New landfills",
    },
    "assume.closures": {
        "ru": "Закрытие действующих объектов (год, с которого объект не принимает отходы)",
        "kk": "Жұмыс істеп тұрған нысандарды жабу (нысан қалдық қабылдамайтын жыл)",
        "en": "Closing existing facilities (first year without deliveries)",
    },
    "assume.col.id": {"ru": "Идентификатор", "kk": "Идентификатор", "en": "Id"},
    "assume.id_help": {
        "ru": "Латинские строчные буквы, цифры и _, например semey_sorting_2.",
        "kk": "Кіші латын әріптері, сандар және _, мысалы semey_sorting_2.",
        "en": "Lower-case latin letters, digits and _, e.g. semey_sorting_2.",
    },
    "assume.col.name": {"ru": "Название", "kk": "Атауы", "en": "Name"},
    "assume.col.districts": {
        "ru": "Обслуживаемые районы",
        "kk": "Қызмет көрсетілетін аудандар",
        "en": "Districts served",
    },
    "assume.col.start_year": {"ru": "Запуск, год", "kk": "Іске қосу, жыл", "en": "Start year"},
    "assume.col.capacity": {"ru": "Мощность, т/год", "kk": "Қуаты, т/жыл", "en": "Capacity, t/yr"},
    "assume.col.volume": {"ru": "Вместимость, т", "kk": "Сыйымдылығы, т", "en": "Capacity, t"},
    "assume.col.capex": {"ru": "Инвестиции, тг", "kk": "Инвестиция, теңге", "en": "Capex, KZT"},
    "assume.col.type": {"ru": "Тип", "kk": "Түрі", "en": "Type"},
    "assume.col.kind": {"ru": "Вид объекта", "kk": "Нысан түрі", "en": "Kind"},
    "assume.col.close_year": {
        "ru": "Закрыть с года",
        "kk": "Жабылу жылы",
        "en": "Close from year",
    },
    "assume.row": {"ru": "Строка {n}", "kk": "{n}-жол", "en": "Row {n}"},
    "landfill_type.sanitary": {
        "ru": "санитарный полигон",
        "kk": "санитарлық полигон",
        "en": "sanitary landfill",
    },
    "landfill_type.controlled": {
        "ru": "контролируемая свалка",
        "kk": "бақыланатын үйінді",
        "en": "controlled dump",
    },
    "landfill_type.uncontrolled": {
        "ru": "неконтролируемая свалка",
        "kk": "бақыланбайтын үйінді",
        "en": "uncontrolled dump",
    },
    # ---------------------------------------------------------------- compare
    "compare.title": {
        "ru": "Сравнение сценариев",
        "kk": "Сценарийлерді салыстыру",
        "en": "Compare scenarios",
    },
    "compare.pick": {
        "ru": "Сценарии для сравнения (2–4)",
        "kk": "Салыстыруға арналған сценарийлер (2–4)",
        "en": "Scenarios to compare (2–4)",
    },
    "compare.pick_help": {
        "ru": "Готовые сценарии и ваши варианты.",
        "kk": "Дайын сценарийлер және сіздің нұсқаларыңыз.",
        "en": "Presets and your own variants.",
    },
    "compare.need_two": {
        "ru": "Выберите хотя бы два сценария.",
        "kk": "Кемінде екі сценарий таңдаңыз.",
        "en": "Pick at least two scenarios.",
    },
    "compare.curve_kpi": {"ru": "Показатель", "kk": "Көрсеткіш", "en": "Indicator"},
    "compare.target_marker": {
        "ru": "Национальная цель (доля переработки)",
        "kk": "Ұлттық мақсат (қайта өңдеу үлесі)",
        "en": "National target (processing share)",
    },
    "compare.target_note": {
        "ru": "Звёзды — национальные цели по официальной доле переработки: 40 % к 2030 и "
        "50 % к 2050 году.",
        "kk": "Жұлдызшалар — ресми қайта өңдеу үлесі бойынша ұлттық мақсаттар: 2030 жылға "
        "қарай 40 %, 2050 жылға қарай 50 %.",
        "en": "Stars mark the national targets for the official processing share: 40 % by "
        "2030 and 50 % by 2050.",
    },
    "compare.table": {
        "ru": "Показатели, {year} год",
        "kk": "Көрсеткіштер, {year} жыл",
        "en": "Indicators, {year}",
    },
    "compare.indicator": {"ru": "Показатель", "kk": "Көрсеткіш", "en": "Indicator"},
    "compare.differences": {
        "ru": "Разница с выбранной основой, {year} год",
        "kk": "Таңдалған негізбен айырмашылық, {year} жыл",
        "en": "Difference against a chosen reference, {year}",
    },
    "compare.reference": {
        "ru": "Основа для сравнения",
        "kk": "Салыстыру негізі",
        "en": "Reference scenario",
    },
    "compare.differences_note": {
        "ru": "Значение сценария минус значение «{name}»; доли — в процентных пунктах.",
        "kk": "Сценарий мәнінен «{name}» мәнін алып тастағанда; үлестер — пайыздық тармақпен.",
        "en": "Scenario value minus the value of “{name}”; shares in percentage points.",
    },
    # ---------------------------------------------------------------- data & export
    "data.title": {"ru": "Данные и экспорт", "kk": "Деректер және экспорт", "en": "Data & export"},
    "data.downloads": {"ru": "Скачать", "kk": "Жүктеп алу", "en": "Downloads"},
    "data.current": {
        "ru": "Текущий сценарий: {name}",
        "kk": "Ағымдағы сценарий: {name}",
        "en": "Current scenario: {name}",
    },
    "data.compared": {
        "ru": "Текущий и сравниваемые сценарии",
        "kk": "Ағымдағы және салыстырылатын сценарийлер",
        "en": "Current and compared scenarios",
    },
    "data.flows_csv": {
        "ru": "Потоки (CSV)",
        "kk": "Ағындар (CSV)",
        "en": "Flows (CSV)",
    },
    "data.kpis_csv": {
        "ru": "Показатели (CSV)",
        "kk": "Көрсеткіштер (CSV)",
        "en": "Indicators (CSV)",
    },
    "data.scenario_file": {
        "ru": "Файл сценария",
        "kk": "Сценарий файлы",
        "en": "Scenario file",
    },
    "data.scenario_json": {
        "ru": "Сценарий (JSON)",
        "kk": "Сценарий (JSON)",
        "en": "Scenario (JSON)",
    },
    "data.cli_note": {
        "ru": "Файл принимает командная строка планировщика:",
        "kk": "Бұл файлды жоспарлаушының командалық жолы қабылдайды:",
        "en": "The planner's command line accepts this file:",
    },
    "data.upload": {
        "ru": "Загрузить сценарий",
        "kk": "Сценарийді жүктеу",
        "en": "Upload a scenario",
    },
    "data.upload_help": {
        "ru": "Файл TOML или JSON (например, скачанный выше). Он будет проверен; при ошибках "
        "текущий сценарий останется выбранным.",
        "kk": "TOML немесе JSON файлы (мысалы, жоғарыда жүктелген). Ол тексеріледі; қате "
        "болса, ағымдағы сценарий таңдалған күйінде қалады.",
        "en": "A TOML or JSON file (e.g. one downloaded above). It is validated; if it has "
        "problems, the current scenario stays selected.",
    },
    "data.upload_label": {
        "ru": "Файл сценария (.toml или .json): перетащите его в поле ниже или нажмите "
        "кнопку Upload (до 200 МБ)",
        "kk": "Сценарий файлы (.toml не .json): оны төмендегі аймаққа сүйреңіз немесе Upload "
        "түймесін басыңыз (200 МБ дейін)",
        "en": "Scenario file (.toml or .json): drag it onto the box below or press Upload "
        "(up to 200 MB)",
    },
    "data.upload_ok": {
        "ru": "Файл {file} загружен как «{name}» и выбран.",
        "kk": "{file} файлы «{name}» ретінде жүктелді және таңдалды.",
        "en": "{file} was loaded as “{name}” and is now in focus.",
    },
    "data.upload_gone": {
        "ru": "Файл {file} был загружен ранее.",
        "kk": "{file} файлы бұрын жүктелген.",
        "en": "{file} was loaded earlier.",
    },
    "data.upload_bad": {
        "ru": "Файл {file} не принят: проблем — {n}. Текущий сценарий не изменён: «{name}».",
        "kk": "{file} файлы қабылданбады: мәселелер саны — {n}. Ағымдағы сценарий "
        "өзгерген жоқ: «{name}».",
        "en": "{file} was not accepted: {n} problem(s). The current scenario is unchanged: "
        "“{name}”.",
    },
    "data.col.field": {"ru": "Поле", "kk": "Өріс", "en": "Field"},
    "data.col.problem": {"ru": "Что не так", "kk": "Не дұрыс емес", "en": "Problem"},
    "data.methodology": {"ru": "Методика", "kk": "Әдістеме", "en": "Methodology"},
    "method.equations": {
        "ru": (
            "Расчёт идёт по годам, для каждого района и материала:\n\n"
            "1. **Образование** = население × образование на человека × доля материала в "
            "составе отходов. Население и образование на человека меняются на свой годовой "
            "темп роста.\n"
            "2. **Собрано** = образование × охват вывозом; остальное — **не собрано** "
            "(стихийные свалки, сжигание).\n"
            "3. **Раздельно собрано** = собрано × участие домохозяйств × улавливание "
            "материала; остальное собранное — смешанные отходы. Кампании повышают участие "
            "каждый год на прирост, но не выше потолка.\n"
            "4. **Компостирование** принимает раздельно собранную органику и древесину в "
            "пределах мощности; выход компоста — по коэффициенту, отсев — на полигон.\n"
            "5. **Сортировка** принимает сначала раздельно собранное сухое вторсырьё, затем "
            "смешанные отходы, в пределах мощности. Извлечённая доля — **переработано**, "
            "остаток — на полигон.\n"
            "6. Всё прочее собранное **захоранивается**; полигоны заполняются по очереди "
            "(сначала новые). Срок службы = остаток вместимости ÷ годовой объём захоронения.\n\n"
            "**Показатели:** официальная доля переработки = (на сортировку + на "
            "компостирование) ÷ образование; реальная переработка = переработано ÷ "
            "образование; отвод от захоронения = (переработано + компост) ÷ образование."
        ),
        "kk": (
            "Есеп жыл сайын, әр аудан мен материал бойынша жүргізіледі:\n\n"
            "1. **Түзілу** = халық саны × бір адамға шаққандағы түзілу × материалдың "
            "қалдықтар құрамындағы үлесі. Халық саны мен бір адамға шаққандағы түзілу өз "
            "жылдық өсу қарқынымен өзгереді.\n"
            "2. **Жиналды** = түзілу × шығарумен қамту; қалғаны — **жиналмаған** "
            "(стихиялық үйінділер, өртеу).\n"
            "3. **Бөлек жиналды** = жиналды × үй шаруашылықтарының қатысуы × материалды "
            "ұстау; жиналғанның қалғаны — аралас қалдықтар. Науқандар қатысуды жыл сайын "
            "өсім шамасына арттырады, бірақ шектен асырмайды.\n"
            "4. **Компостау** бөлек жиналған органика мен ағашты қуаты шегінде қабылдайды; "
            "компост шығымы коэффициент бойынша, қалдығы — полигонға.\n"
            "5. **Сұрыптау** алдымен бөлек жиналған құрғақ шикізатты, содан кейін аралас "
            "қалдықтарды қуаты шегінде қабылдайды. Бөліп алынған үлес — **қайта өңделді**, "
            "қалғаны — полигонға.\n"
            "6. Жиналғанның қалғаны **көміледі**; полигондар кезекпен толады (алдымен "
            "жаңалары). Қызмет мерзімі = қалған сыйымдылық ÷ жылдық көму көлемі.\n\n"
            "**Көрсеткіштер:** ресми қайта өңдеу үлесі = (сұрыптауға + компостауға) ÷ "
            "түзілу; нақты қайта өңдеу = қайта өңделгені ÷ түзілу; көмуден бұрылған үлес = "
            "(қайта өңделгені + компост) ÷ түзілу."
        ),
        "en": (
            "The projection runs year by year, for every district and material:\n\n"
            "1. **Generated** = population × waste per person × the material's share of the "
            "composition. Population and waste per person change at their annual growth "
            "rates.\n"
            "2. **Collected** = generated × collection coverage; the rest is **not "
            "collected** (illegal dumping, burning).\n"
            "3. **Separately collected** = collected × household participation × capture of "
            "the material; the rest of the collected waste is mixed. Campaigns raise "
            "participation each year by their gain, up to their ceiling.\n"
            "4. **Composting** takes separately collected organics and wood up to its "
            "capacity; compost comes out at the yield, rejects go to landfill.\n"
            "5. **Sorting** takes separately collected dry recyclables first, then mixed "
            "waste, up to its capacity. The recovered share is **recycled**, the residue goes "
            "to landfill.\n"
            "6. Everything else collected is **landfilled**; landfills fill in turn (new "
            "ones first). Life left = remaining capacity ÷ tonnes landfilled that year.\n\n"
            "**Indicators:** official processing share = (to sorting + to composting) ÷ "
            "generated; real recycling rate = recycled ÷ generated; diversion = (recycled + "
            "compost) ÷ generated."
        ),
    },
    "method.sources": {
        "ru": "Исходные значения, их источники и достоверность",
        "kk": "Бастапқы мәндер, олардың дереккөздері және сенімділігі",
        "en": "Default values, their sources and confidence",
    },
    "method.confidence_legend": {
        "ru": "Достоверность: H — высокая (официальные или два совпадающих источника), M — "
        "средняя, L — низкая (старые или косвенные данные), EST — наша оценка с "
        "обоснованием. Тексты источников — на английском языке.",
        "kk": "Сенімділік: H — жоғары (ресми немесе сәйкес келетін екі дереккөз), M — орташа, "
        "L — төмен (ескі немесе жанама деректер), EST — негіздемесі бар біздің бағалауымыз. "
        "Дереккөз мәтіндері ағылшын тілінде.",
        "en": "Confidence: H high (official or two matching sources), M medium, L low (old or "
        "indirect), EST our own estimate with its reasoning.",
    },
    "confidence.H": {"ru": "H (высокая)", "kk": "H (жоғары)", "en": "H (high)"},
    "confidence.M": {"ru": "M (средняя)", "kk": "M (орташа)", "en": "M (medium)"},
    "confidence.L": {"ru": "L (низкая)", "kk": "L (төмен)", "en": "L (low)"},
    "confidence.EST": {"ru": "EST (оценка)", "kk": "EST (бағалау)", "en": "EST (estimate)"},
    "method.col.scope": {"ru": "Раздел", "kk": "Бөлім", "en": "Scope"},
    "method.col.item": {"ru": "Объект", "kk": "Нысан", "en": "Item"},
    "method.col.field": {"ru": "Поле", "kk": "Өріс", "en": "Field"},
    "method.col.value": {"ru": "Значение", "kk": "Мәні", "en": "Value"},
    "method.col.source": {"ru": "Источник", "kk": "Дереккөз", "en": "Source"},
    "method.col.confidence": {"ru": "Достоверность", "kk": "Сенімділік", "en": "Confidence"},
    "method.scope.parameters": {"ru": "Параметры", "kk": "Параметрлер", "en": "Parameters"},
    "method.scope.region": {"ru": "Область", "kk": "Облыс", "en": "Region"},
    "method.scope.district": {"ru": "Район", "kk": "Аудан", "en": "District"},
    "method.scope.landfill": {"ru": "Полигон", "kk": "Полигон", "en": "Landfill"},
    "method.scope.sorting": {"ru": "Сортировка", "kk": "Сұрыптау", "en": "Sorting"},
    "method.scope.composting": {"ru": "Компостирование", "kk": "Компостау", "en": "Composting"},
    "method.scope.lever": {"ru": "Мера сценария", "kk": "Сценарий шарасы", "en": "Lever"},
    # ---------------------------------------------------------------- money and emissions units
    "unit.mln_kzt": {"ru": "млн ₸", "kk": "млн ₸", "en": "M KZT"},
    "unit.mln_kzt_per_yr": {"ru": "млн ₸/год", "kk": "млн ₸/жыл", "en": "M KZT/yr"},
    "unit.kzt_per_t": {"ru": "₸/т", "kk": "₸/т", "en": "KZT/t"},
    "unit.kzt_per_resident_month": {
        "ru": "₸/чел. в мес.",
        "kk": "₸/адам/ай",
        "en": "KZT/person/month",
    },
    "unit.t_ch4_per_yr": {"ru": "т CH4/год", "kk": "т CH4/жыл", "en": "t CH4/yr"},
    "unit.t_ch4": {"ru": "т CH4", "kk": "т CH4", "en": "t CH4"},
    "unit.tco2e_per_yr": {"ru": "т CO2-экв/год", "kk": "т CO2-экв/жыл", "en": "t CO2e/yr"},
    "unit.tco2e": {"ru": "т CO2-экв", "kk": "т CO2-экв", "en": "t CO2e"},
    "unit.kzt_per_tco2e": {"ru": "₸/т CO2-экв", "kk": "₸/т CO2-экв", "en": "KZT/t CO2e"},
    # ---------------------------------------------------------------- compare: money, emissions
    "compare.econ.total_cost_kzt": {
        "ru": "Затраты за год (за вычетом выручки)",
        "kk": "Жылдық шығындар (түсімді шегергенде)",
        "en": "Cost in the year (net of revenue)",
    },
    "compare.econ.cost_per_t_diverted_kzt": {
        "ru": "Цена отвода 1 т (меры отвода за год)",
        "kk": "1 т бұру құны (жылдағы бұру шаралары)",
        "en": "Diversion cost per t (the year's diversion activities)",
    },
    "compare.econ.cost_per_resident_month_kzt": {
        "ru": "Затраты на жителя в месяц",
        "kk": "Бір тұрғынға айлық шығын",
        "en": "Cost per resident per month",
    },
    "compare.econ.epr_incentives_kzt": {
        "ru": "Выплаченные стимулы РОП",
        "kk": "Төленген ӨКЖ ынталандыруы",
        "en": "EPR incentives paid",
    },
    "compare.econ.ch4_landfill_t": {
        "ru": "Выбросы метана полигонов",
        "kk": "Полигондардың метан шығарындысы",
        "en": "Landfill methane emitted",
    },
    "compare.econ.net_emissions_tco2e": {
        "ru": "Нетто-выбросы парниковых газов",
        "kk": "Парниктік газдардың таза шығарындысы",
        "en": "Net greenhouse-gas emissions",
    },
    "compare.econ.npv_cost_horizon_kzt": {
        "ru": "ЧПС затрат за {start}–{end}",
        "kk": "{start}–{end} шығындарының ТКҚ",
        "en": "NPV of costs {start}–{end}",
    },
    "compare.econ.epr_incentives_horizon_kzt": {
        "ru": "Стимулы РОП за {start}–{end}",
        "kk": "{start}–{end} ӨКЖ ынталандыруы",
        "en": "EPR incentives paid {start}–{end}",
    },
    "compare.econ.ch4_landfill_horizon_t": {
        "ru": "Метан полигонов за {start}–{end}",
        "kk": "{start}–{end} полигон метаны",
        "en": "Landfill methane {start}–{end}",
    },
    "compare.econ.net_emissions_horizon_tco2e": {
        "ru": "Нетто-выбросы за {start}–{end}",
        "kk": "{start}–{end} таза шығарынды",
        "en": "Net emissions {start}–{end}",
    },
    "compare.econ.incremental_cost_per_t_diverted_kzt": {
        "ru": "Доп. ЧПС затрат на доп. отведённую тонну ({start}–{end})",
        "kk": "Қосымша бұрылған тоннаға қосымша ТКҚ ({start}–{end})",
        "en": "Extra NPV of costs per extra tonne diverted ({start}–{end})",
    },
    "compare.econ.abatement_cost_kzt_per_tco2e": {
        "ru": "Стоимость сокращения выбросов ({start}–{end})",
        "kk": "Шығарындыны азайту құны ({start}–{end})",
        "en": "Abatement cost ({start}–{end})",
    },
    "compare.econ_note": {
        "ru": "Деньги — в постоянных ценах 2025 г.; ЧПС дисконтирована, тонны и выбросы за период "
        "— простые суммы. Стоимость сокращения = доп. ЧПС затрат ÷ сокращённые т CO2-экв "
        "относительно основы; «—» — нечего сокращать или отводить.",
        "kk": "Ақша — 2025 ж. тұрақты бағасымен; ТКҚ дисконтталған, кезеңдегі тонна мен "
        "шығарынды — қарапайым қосынды. Азайту құны = қосымша ТКҚ ÷ негізге қарағанда "
        "азайтылған т CO2-экв; «—» — азайтатын не бұратын ештеңе жоқ.",
        "en": "Money in constant 2025 tenge; the NPV is discounted, tonnes and emissions over the "
        "horizon are plain sums. Abatement cost = extra NPV of costs ÷ t CO2e abated against "
        "the reference; “—” where nothing is abated or diverted.",
    },
    "compare.econ_missing": {
        "ru": "Затраты и выбросы не показаны для: {names} — в базовых данных нет раздела "
        "[economics].",
        "kk": "Шығындар мен шығарындылар көрсетілмеген: {names} — базалық деректерде "
        "[economics] бөлімі жоқ.",
        "en": "Money and emissions are not shown for {names}: the baseline has no [economics] "
        "table.",
    },
    "compare.econ_failed": {
        "ru": "Затраты и выбросы для «{name}» не рассчитаны: {detail}",
        "kk": "«{name}» үшін шығындар мен шығарындылар есептелмеді: {detail}",
        "en": "Money and emissions of “{name}” could not be computed: {detail}",
    },
    "compare.econ_ref_missing": {
        "ru": "У основы «{name}» нет расчёта затрат и выбросов — их разница не показана.",
        "kk": "«{name}» негізінде шығындар мен шығарындылар есебі жоқ — олардың "
        "айырмашылығы көрсетілмеген.",
        "en": "The reference “{name}” has no money and emissions figures, so their "
        "differences are not shown.",
    },
    # ---------------------------------------------------------------- data: money, emissions
    "data.economics_csv": {
        "ru": "Затраты и выбросы (CSV)",
        "kk": "Шығындар мен шығарындылар (CSV)",
        "en": "Costs and emissions (CSV)",
    },
    "data.kpis_help": {
        "ru": "Показатели потоков, а также денежные и климатические показатели (затраты, ЧПС, "
        "РОП, выбросы) — для сценариев с разделом [economics].",
        "kk": "Ағын көрсеткіштері, сондай-ақ ақшалай және климаттық көрсеткіштер (шығындар, "
        "ТКҚ, ӨКЖ, шығарындылар) — [economics] бөлімі бар сценарийлер үшін.",
        "en": "Flow indicators plus the money and climate indicators (costs, NPV, EPR, "
        "emissions) for scenarios with an [economics] table.",
    },
    "data.economics_help": {
        "ru": "Столбцы scenario, region, year, item, payer, value, unit: затраты по статьям и "
        "плательщикам, выбросы; строки vs_baseline:… сравнивают каждый сценарий с первым.",
        "kk": "Бағандар scenario, region, year, item, payer, value, unit: баптар мен "
        "төлеушілер бойынша шығындар, шығарындылар; vs_baseline:… жолдары әр сценарийді "
        "біріншісімен салыстырады.",
        "en": "Columns scenario, region, year, item, payer, value, unit: costs by item and "
        "payer, emissions; rows vs_baseline:… compare each scenario with the first one.",
    },
    "data.economics_none": {
        "ru": "Нет расчёта затрат и выбросов: в базовых данных нет раздела [economics].",
        "kk": "Шығындар мен шығарындылар есебі жоқ: базалық деректерде [economics] бөлімі жоқ.",
        "en": "No money and emissions figures: the baseline has no [economics] table.",
    },
    # ---------------------------------------------------------------- methodology: economics
    "method.economics_title": {
        "ru": "Затраты, РОП и выбросы",
        "kk": "Шығындар, ӨКЖ және шығарындылар",
        "en": "Costs, EPR and emissions",
    },
    "method.economics": {
        "ru": (
            "**Деньги** — в постоянных тенге 2025 года. **Затраты за год** = капвложения "
            "нового объекта (в год перед его пуском) + постоянные расходы (доля капвложений в "
            "год) + сбор и вывоз за тонну собранного + сортировка и компостирование за тонну "
            "входа + захоронение (плата за тонну по типу полигона и плата за негативное "
            "воздействие в МРП за тонну на санитарных и контролируемых полигонах) + "
            "информкампании − выручка от вторсырья (цена тонны по материалу). **ЧПС** = сумма "
            "затрат года ÷ (1 + r)^(год − первый год). **Цена отвода 1 т** (меры "
            "отвода одного года) = (сортировка и компост с аннуитетом капвложений + кампании − "
            "выручка) ÷ (переработано + компост). **На жителя в месяц** = затраты ÷ население "
            "÷ 12.\n\n"
            "**Кто платит:** плательщики тарифа — сбор, захоронение, плата за размещение и "
            "работа сортировки и компостирования; местный бюджет — капвложения в полигоны и "
            "кампании; инвесторы — капвложения в сортировку и компостирование (они получают "
            "выручку и стимулы РОП); оператор РОП «Жасыл даму» — стимулы.\n\n"
            "**Стимулы РОП** = тонны собранного, перевезённого и переработанного по материалам "
            "× ставка (МРП/т) × МРП года (₸) × доля фактической выплаты ρ (от 0 до 1). "
            "Льготные займы «Жасыл даму» под 3 % покрывают долю капвложений в сортировку и "
            "компостирование, остальное — по коммерческой ставке; недополученные проценты — "
            "льгота по займу.\n\n"
            "**Метан полигонов** — метод затухания первого порядка МГЭИК 2006 (т. 5, гл. 3): "
            "отходы года несут разлагаемый углерод = тонны × DOC материала × DOCf × MCF типа "
            "полигона; каждый год разлагается доля 1 − e^(−k) накопленного углерода (k по "
            "материалу, бореальная/умеренная сухая зона), начиная со следующего года после "
            "размещения; метан = разложившийся углерод × F × 16/12; выброс = (образовавшийся − "
            "уловленный) × (1 − OX). Отходы, размещённые до 2025 г., учтены по оценочной "
            "истории. Часть несобранных отходов (по умолчанию половина, EST) считается "
            "выброшенной на землю: по одной стихийной свалке на область (MCF 0,4). "
            "Компостирование выделяет CH4 и N2O на тонну сырья (МГЭИК, табл. 4.1); "
            "переработка предотвращает выбросы на тонну (коэффициенты WARM). Итог — в т "
            "CO2-экв с ПГП AR5 или AR6; нетто = выбросы − предотвращённые. **Стоимость "
            "сокращения** = доп. ЧПС затрат ÷ сокращённые за период т CO2-экв относительно "
            "основы."
        ),
        "kk": (
            "**Ақша** — 2025 жылғы тұрақты теңгемен. **Жылдық шығындар** = жаңа нысанның "
            "күрделі салымы (іске қосылғанға дейінгі жылы) + тұрақты шығындар (жылына күрделі "
            "салымның үлесі) + жиналған тоннаға жинау және тасу + кіріс тоннасына сұрыптау "
            "мен компосттау + көму (полигон түрі бойынша тоннаға төлем және санитарлық әрі "
            "бақыланатын полигондарда тоннаға АЕК-пен теріс әсер үшін төлем) + ақпараттық "
            "науқандар − қайталама шикізат түсімі (материал бойынша тонна бағасы). **ТКҚ** = "
            "жыл шығындарының сомасы ÷ (1 + r)^(жыл − бірінші жыл). **1 т бұру құны** (бір "
            "жылдың бұру шаралары) = (күрделі салым аннуитетімен сұрыптау мен компост + "
            "науқандар − "
            "түсім) ÷ (қайта өңделгені + компост). **Бір тұрғынға айына** = шығындар ÷ халық "
            "саны ÷ 12.\n\n"
            "**Кім төлейді:** тариф төлеушілер — жинау, көму, орналастыру төлемі және "
            "сұрыптау мен компосттаудың жұмысы; жергілікті бюджет — полигондарға күрделі салым "
            "және науқандар; инвесторлар — сұрыптау мен компосттауға күрделі салым (олар "
            "түсім мен ӨКЖ ынталандыруын алады); ӨКЖ операторы «Жасыл даму» — ынталандыру.\n\n"
            "**ӨКЖ ынталандыруы** = материал бойынша жиналған, тасылған және өңделген тонна × "
            "мөлшерлеме (АЕК/т) × жылдың АЕК-і (₸) × нақты төлем үлесі ρ (0-ден 1-ге дейін). "
            "«Жасыл даму» 3 % жеңілдікті несиелері сұрыптау мен компосттауға күрделі салымның "
            "бір бөлігін қаржыландырады, қалғаны — коммерциялық мөлшерлемемен; алынбаған "
            "пайыз — несие жеңілдігі.\n\n"
            "**Полигон метаны** — IPCC 2006 бірінші ретті ыдырау әдісі (5-т., 3-т.): жыл "
            "қалдықтары ыдырайтын көміртекті әкеледі = тонна × материалдың DOC × DOCf × "
            "полигон түрінің MCF; жинақталған көміртектің 1 − e^(−k) үлесі жыл сайын ыдырайды "
            "(k материал бойынша, бореалдық/қоңыржай құрғақ аймақ), орналастырудан кейінгі "
            "жылдан бастап; метан = ыдыраған көміртек × F × 16/12; шығарынды = (түзілген − "
            "ұсталған) × (1 − OX). 2025 ж. дейін орналастырылған қалдықтар бағалау тарихы "
            "бойынша есептелген. Жиналмаған қалдықтардың бір бөлігі (әдепкі бойынша жартысы, "
            "EST) жерге тасталады деп есептеледі: әр облысқа бір стихиялық үйінді (MCF 0,4). "
            "Компосттау шикізат тоннасына CH4 және N2O шығарады (IPCC, "
            "4.1-кесте); қайта өңдеу тоннаға шығарындының алдын алады (WARM коэффициенттері). "
            "Қорытынды — AR5 немесе AR6 ЖЖӘ-мен т CO2-экв; таза = шығарынды − алдын алынғаны. "
            "**Азайту құны** = қосымша ТКҚ ÷ негізге қарағанда кезеңде азайтылған т CO2-экв."
        ),
        "en": (
            "**Money** is in constant 2025 tenge. **Cost per year** = capex of a new facility "
            "(in the year before it starts) + fixed opex (a share of capex per year) + "
            "collection and transport per tonne collected + sorting and composting per tonne "
            "of input + landfilling (gate fee per tonne by site type, plus the environmental "
            "payment in MRP per tonne at sanitary and controlled sites) + awareness campaigns "
            "− revenue from recovered materials (price per tonne by material). **NPV** = sum "
            "of each year's cost ÷ (1 + r)^(year − first year). **Diversion cost per t** (one "
            "year's diversion activities) "
            "= (sorting and composting with their capex as an annuity + campaigns − revenue) "
            "÷ (tonnes recycled + composted). **Per resident per month** = cost ÷ residents ÷ "
            "12.\n\n"
            "**Who pays:** tariff payers — collection, landfilling, the environmental payment "
            "and the operation of sorting and composting; the local budget — landfill capex "
            "and campaigns; investors — capex of sorting lines and composting sites (they "
            "receive the revenue and the EPR incentives); the EPR operator Zhasyl Damu — the "
            "incentives.\n\n"
            "**EPR incentives** = tonnes collected, transported and processed by material × "
            "rate (MRP/t) × the year's MRP (KZT) × payout realisation ρ (the share actually "
            "paid, 0 to 1). Zhasyl Damu's concessional loans at 3 % finance a share of the "
            "capex of sorting and composting, the rest at a commercial rate; the interest "
            "forgone is the loan subsidy.\n\n"
            "**Landfill methane** follows the IPCC 2006 first-order-decay method (Vol. 5 "
            "Ch. 3): each year's deposits bring decomposable carbon = tonnes × the material's "
            "DOC × DOCf × the site type's MCF; each year a share 1 − e^(−k) of the carbon "
            "accumulated decays (k by material, boreal/temperate dry zone), from the year "
            "after deposit; methane = decayed carbon × F × 16/12; emitted = (generated − "
            "recovered) × (1 − OX). Waste deposited before 2025 enters from an estimated "
            "history. A share of the uncollected waste (half by default, EST) is taken to be "
            "dumped on land: one uncontrolled dump per region (MCF 0.4). Composting emits "
            "CH4 and N2O per tonne of feed (IPCC Table 4.1); "
            "recycling avoids emissions per tonne recycled (WARM factors). Totals in t CO2e "
            "with AR5 or AR6 GWPs; net = emissions − avoided. **Abatement cost** = extra NPV "
            "of costs ÷ t CO2e abated over the horizon against a reference."
        ),
    },
    "method.economics_sources": {
        "ru": "Экономические и климатические параметры, их источники и достоверность",
        "kk": "Экономикалық және климаттық параметрлер, дереккөздері және сенімділігі",
        "en": "Economic and climate defaults, their sources and confidence",
    },
    "method.econ_scope.macro": {
        "ru": "Макро (цены, МРП, дисконт)",
        "kk": "Макро (бағалар, АЕК, дисконт)",
        "en": "Macro (prices, MRP, discounting)",
    },
    "method.econ_scope.costs": {
        "ru": "Удельные затраты",
        "kk": "Меншікті шығындар",
        "en": "Unit costs",
    },
    "method.econ_scope.recyclable_prices": {
        "ru": "Цены вторсырья",
        "kk": "Қайталама шикізат бағасы",
        "en": "Recyclable prices",
    },
    "method.econ_scope.epr": {
        "ru": "Стимулы РОП",
        "kk": "ӨКЖ ынталандыруы",
        "en": "EPR incentives",
    },
    "method.econ_scope.finance": {"ru": "Займы", "kk": "Несиелер", "en": "Loans"},
    "method.econ_scope.tariffs": {"ru": "Тарифы", "kk": "Тарифтер", "en": "Tariffs"},
    "method.econ_scope.landfill_gas": {
        "ru": "Метан полигонов (МГЭИК)",
        "kk": "Полигон метаны (IPCC)",
        "en": "Landfill methane (IPCC)",
    },
    "method.econ_scope.composting": {
        "ru": "Выбросы компостирования",
        "kk": "Компосттау шығарындысы",
        "en": "Composting emissions",
    },
    "method.econ_scope.gwp": {"ru": "ПГП (AR5/AR6)", "kk": "ЖЖӘ (AR5/AR6)", "en": "GWP (AR5/AR6)"},
    "method.econ_scope.recycling_credits": {
        "ru": "Предотвращённые выбросы",
        "kk": "Алдын алынған шығарынды",
        "en": "Recycling credits",
    },
    "method.econ_scope.legacy": {
        "ru": "История полигона до 2025 г.",
        "kk": "Полигонның 2025 ж. дейінгі тарихы",
        "en": "Landfill history before 2025",
    },
}
