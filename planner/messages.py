"""Validation problems in the user's language (Russian, Kazakh, English).

Pydantic reports each problem with a ``type`` and a context; this module turns that into one
sentence that says what is allowed.  No Streamlit here: the UI and the CLI both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("ru", "kk", "en")

# {type: {lang: template}}; templates use the pydantic context keys.
TEMPLATES: dict[str, dict[str, str]] = {
    "greater_than_equal": {
        "ru": "значение {input} меньше допустимого: должно быть не меньше {ge}",
        "kk": "{input} мәні рұқсат етілгеннен аз: кемінде {ge} болуы керек",
        "en": "value {input} is too small: must be at least {ge}",
    },
    "greater_than": {
        "ru": "значение {input} должно быть больше {gt}",
        "kk": "{input} мәні {gt} мәнінен үлкен болуы керек",
        "en": "value {input} must be greater than {gt}",
    },
    "less_than_equal": {
        "ru": "значение {input} больше допустимого: должно быть не больше {le}",
        "kk": "{input} мәні рұқсат етілгеннен көп: {le} мәнінен аспауы керек",
        "en": "value {input} is too large: must be at most {le}",
    },
    "less_than": {
        "ru": "значение {input} должно быть меньше {lt}",
        "kk": "{input} мәні {lt} мәнінен кіші болуы керек",
        "en": "value {input} must be less than {lt}",
    },
    "not_finite": {
        "ru": "нужно конечное число (NaN и бесконечность не допускаются)",
        "kk": "шекті сан керек (NaN және шексіздікке рұқсат жоқ)",
        "en": "must be a finite number (NaN and infinity are not allowed)",
    },
    "finite_number": {
        "ru": "нужно конечное число (NaN и бесконечность не допускаются)",
        "kk": "шекті сан керек (NaN және шексіздікке рұқсат жоқ)",
        "en": "must be a finite number (NaN and infinity are not allowed)",
    },
    "extra_forbidden": {
        "ru": "неизвестное поле; допустимые поля: {allowed}",
        "kk": "белгісіз өріс; рұқсат етілген өрістер: {allowed}",
        "en": "unknown field; allowed fields: {allowed}",
    },
    "missing": {
        "ru": "обязательное поле отсутствует",
        "kk": "міндетті өріс жоқ",
        "en": "required field is missing",
    },
    "composition_sum": {
        "ru": "доли состава должны в сумме давать 1, сейчас сумма {total}",
        "kk": "құрам үлестерінің қосындысы 1 болуы керек, қазір {total}",
        "en": "composition shares must sum to 1, they sum to {total}",
    },
    "materials_missing": {
        "ru": "нужно значение для каждого материала; не хватает: {names}",
        "kk": "әр материалға мән керек; жетіспейді: {names}",
        "en": "every material needs a value; missing: {names}",
    },
    "unknown_reference": {
        "ru": "неизвестные {what}: {names}; допустимо: {allowed}",
        "kk": "белгісіз {what}: {names}; рұқсат етілген: {allowed}",
        "en": "unknown {what} {names}; allowed: {allowed}",
    },
    "ids_repeated": {
        "ru": "идентификаторы повторяются: {names}",
        "kk": "идентификаторлар қайталанады: {names}",
        "en": "ids are repeated: {names}",
    },
    "trajectory_empty": {
        "ru": "траектории нужен хотя бы один пункт «год = значение»",
        "kk": "траекторияға кемінде бір «жыл = мән» нүктесі керек",
        "en": "a trajectory needs at least one year: value point",
    },
    "district_twice": {
        "ru": "район указан дважды в districts_served",
        "kk": "аудан districts_served тізімінде екі рет көрсетілген",
        "en": "districts_served lists a district twice",
    },
    "close_before_start": {
        "ru": "год закрытия должен быть позже года запуска",
        "kk": "жабылу жылы іске қосылу жылынан кейін болуы керек",
        "en": "close_year must be after start_year",
    },
    "end_before_start": {
        "ru": "последний год {end} раньше первого года {first}",
        "kk": "соңғы жыл {end} бірінші жылдан {first} ерте",
        "en": "end_year {end} is before the first year {first}",
    },
    "unknown_source_field": {
        "ru": "источники указаны для неизвестных полей: {names}",
        "kk": "белгісіз өрістерге дереккөз көрсетілген: {names}",
        "en": "sources name unknown fields: {names}",
    },
    "float_type": {
        "ru": "нужно число, получено {input}",
        "kk": "сан керек, алынғаны {input}",
        "en": "must be a number, got {input}",
    },
    "float_parsing": {
        "ru": "нужно число, получено {input}",
        "kk": "сан керек, алынғаны {input}",
        "en": "must be a number, got {input}",
    },
    "int_type": {
        "ru": "нужно целое число, получено {input}",
        "kk": "бүтін сан керек, алынғаны {input}",
        "en": "must be a whole number, got {input}",
    },
    "int_parsing": {
        "ru": "нужно целое число, получено {input}",
        "kk": "бүтін сан керек, алынғаны {input}",
        "en": "must be a whole number, got {input}",
    },
    "literal_error": {
        "ru": "недопустимое значение {input}; допустимо: {expected}",
        "kk": "жарамсыз мән {input}; рұқсат етілген: {expected}",
        "en": "value {input} is not allowed; allowed: {expected}",
    },
    "enum": {
        "ru": "недопустимое значение {input}; допустимо: {expected}",
        "kk": "жарамсыз мән {input}; рұқсат етілген: {expected}",
        "en": "value {input} is not allowed; allowed: {expected}",
    },
    "string_pattern_mismatch": {
        "ru": "идентификатор {input} может содержать только строчные латинские буквы, цифры и _",
        "kk": "{input} идентификаторында тек кіші латын әріптері, сандар және _ болуы мүмкін",
        "en": "id {input} may only contain lower-case latin letters, digits and _",
    },
    "too_short": {
        "ru": "список или текст слишком короткий (минимум {min_length})",
        "kk": "тізім немесе мәтін тым қысқа (кемінде {min_length})",
        "en": "list or text is too short (at least {min_length})",
    },
    "malformed": {
        "ru": "файл не читается как {format}: {detail}",
        "kk": "файл {format} ретінде оқылмайды: {detail}",
        "en": "the file is not valid {format}: {detail}",
    },
    "file_missing": {
        "ru": "файл не найден: {path}",
        "kk": "файл табылмады: {path}",
        "en": "file not found: {path}",
    },
    "unsupported_format": {
        "ru": "неподдерживаемый формат файла {suffix}; допустимо: .toml, .json",
        "kk": "қолдау көрсетілмейтін файл пішімі {suffix}; рұқсат етілген: .toml, .json",
        "en": "unsupported file format {suffix}; allowed: .toml, .json",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "district": {"ru": "районы", "kk": "аудандар", "en": "district"},
    "region": {"ru": "области", "kk": "облыстар", "en": "region"},
    "facility": {"ru": "объекты", "kk": "нысандар", "en": "facility"},
}
"""Context words that appear inside messages, by language."""

FALLBACK = {
    "ru": "ошибка: {msg}",
    "kk": "қате: {msg}",
    "en": "{msg}",
}


@dataclass(frozen=True)
class Problem:
    """One problem with an input file: which file, which field, what is wrong."""

    file: str
    field: str
    type: str
    message: str
    """English message."""
    context: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The problem as one sentence in ``lang`` (ru, kk or en)."""
        return translate(self.type, self.context, self.message, lang)

    def line(self, lang: str = "en") -> str:
        """``file: field: message`` for command-line output."""
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.text(lang)}"


class ScenarioError(ValueError):
    """A scenario or baseline file that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.line() for p in problems))


def translate(kind: str, context: dict[str, Any], message: str, lang: str) -> str:
    """Render a problem of type ``kind`` in ``lang``; fall back to the English message."""
    lang = lang if lang in LANGUAGES else "en"
    template = TEMPLATES.get(kind, {}).get(lang)
    if template is None:
        return FALLBACK[lang].format(msg=message)
    context = {
        k: WORDS[v][lang] if isinstance(v, str) and v in WORDS and k == "what" else v
        for k, v in context.items()
    }
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return FALLBACK[lang].format(msg=message)
