"""Answer types: turning a raw answer (from a widget, JSON, the command line or a CSV/XLSX cell) into
the value Pulih stores, as described in ``model.py``, or an ``AnswerError`` that says what is wrong.

One small function per question type, registered in ``COERCERS``. Empty input (None, "", blanks,
NaN from a spreadsheet, an empty list) is None for every type: "unanswered".
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time
from typing import Any, Callable

from pulih.forms.model import Choice, Field
from pulih.forms.xpath_values import format_number, to_string
from pulih.i18n import Translatable

MAX_TEXT = 10_000
MAX_INTEGER = 999_999_999_999_999  # 15 digits: exact as a float and in JSON everywhere

_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?")
_COMMA_DECIMAL_RE = re.compile(r"[+-]?\d+,\d+")  # "12,5" as typed in Indonesia
_INTEGER_RE = re.compile(r"[+-]?\d{1,30}(?:\.0*)?")
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?")
_ACK_YES = {"ok", "true", "yes", "1", "ya"}
_ACK_NO = {"false", "no", "0", "tidak"}


class AnswerError(Translatable):
    """A bad answer. ``key`` is an ``answer.*`` message; ``message(lang)`` says what to fix."""


def shorten(raw: Any, limit: int = 60) -> str:
    text = raw if isinstance(raw, str) else json.dumps(raw, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


def is_empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, float):
        return math.isnan(raw)
    if isinstance(raw, (list, tuple, dict)):
        return len(raw) == 0
    return False


def tidy_number(x: float) -> int | float:
    """12.0 -> 12, so that numbers look the same in JSON as they were typed."""
    return int(x) if x.is_integer() and abs(x) <= MAX_INTEGER else x


def number_of(raw: Any) -> float | None:
    """The number in ``raw`` (a number, or text like "12", "-3.5", "12,5"), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return float(raw) if abs(raw) <= 10**300 else None
    if isinstance(raw, float):
        return raw if math.isfinite(raw) else None
    if isinstance(raw, str):
        text = raw.strip()
        if _COMMA_DECIMAL_RE.fullmatch(text):
            text = text.replace(",", ".")
        if len(text) <= 40 and _DECIMAL_RE.fullmatch(text):
            value = float(text)
            return value if math.isfinite(value) else None
    return None


def _text(field: Field, raw: Any) -> str:
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    elif isinstance(raw, (int, float)):
        raw = to_string(raw)
    elif isinstance(raw, (date, time)):
        raw = raw.isoformat()
    elif not isinstance(raw, str):
        raise AnswerError("answer.not_text", value=shorten(raw))
    if len(raw) > MAX_TEXT:
        raise AnswerError("answer.too_long", limit=MAX_TEXT)
    return raw


def _integer(field: Field, raw: Any) -> int:
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str) and _INTEGER_RE.fullmatch(raw.strip()):
        value = int(raw.strip().split(".")[0])
    if value is None:
        raise AnswerError("answer.not_integer", value=shorten(raw))
    if abs(value) > MAX_INTEGER:
        raise AnswerError("answer.integer_too_large", value=shorten(raw), limit=MAX_INTEGER)
    return value


def _decimal(field: Field, raw: Any) -> int | float:
    value = number_of(raw)
    if value is None:
        raise AnswerError("answer.not_decimal", value=shorten(raw))
    return tidy_number(value)


def _date(field: Field, raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, str) and (m := _DATE_RE.fullmatch(raw.strip())):
        try:
            return date(*(int(g) for g in m.groups())).isoformat()
        except ValueError:
            pass
    raise AnswerError("answer.not_date", value=shorten(raw))


def _time(field: Field, raw: Any) -> str:
    if isinstance(raw, datetime):
        raw = raw.time()
    if isinstance(raw, time):
        return raw.strftime("%H:%M:%S")
    if isinstance(raw, str) and (m := _TIME_RE.fullmatch(raw.strip())):
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            return f"{hour:02d}:{minute:02d}:{second:02d}"
    raise AnswerError("answer.not_time", value=shorten(raw))


def _datetime(field: Field, raw: Any) -> str:
    value: datetime | None = None
    if isinstance(raw, datetime):
        value = raw
    elif isinstance(raw, date):
        value = datetime(raw.year, raw.month, raw.day)
    elif isinstance(raw, str) and _DATE_RE.fullmatch(text := raw.strip()):
        try:
            value = datetime.fromisoformat(text if len(text) > 10 else text + "T00:00:00")
        except ValueError:
            value = None
    if value is None:
        raise AnswerError("answer.not_datetime", value=shorten(raw))
    return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")


def _choice_name(raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise AnswerError("answer.not_choice", value=shorten(raw))
    return raw.strip() if isinstance(raw, str) else to_string(raw)


def _select_one(field: Field, raw: Any) -> str:
    if isinstance(raw, (list, tuple)):
        if len(raw) != 1:
            raise AnswerError("answer.one_choice_only", value=shorten(raw))
        raw = raw[0]
    name = _choice_name(raw)
    if len(name.split()) > 1:
        raise AnswerError("answer.one_choice_only", value=shorten(raw))
    return name


def _select_multiple(field: Field, raw: Any) -> str | None:
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    names: list[str] = []
    for item in items:
        for name in _choice_name(item).split():
            if name not in names:
                names.append(name)
    if not names:
        return None
    low, high = _limit(field, "min"), _limit(field, "max")
    if low is not None and len(names) < low:
        raise AnswerError("answer.too_few_selected", min=low)
    if high is not None and len(names) > high:
        raise AnswerError("answer.too_many_selected", max=high)
    return " ".join(names)


def _limit(field: Field, name: str) -> int | None:
    """select_multiple's ``parameters``: min=1 max=3 (how many choices may be ticked)."""
    value = number_of(field.parameters.get(name)) if field.parameters.get(name) is not None else None
    return int(value) if value is not None else None


def _acknowledge(field: Field, raw: Any) -> str | None:
    text = str(raw).strip().lower() if isinstance(raw, (str, bool, int)) else None
    if text in _ACK_YES:
        return "OK"
    if text in _ACK_NO:
        return None
    raise AnswerError("answer.not_acknowledged", value=shorten(raw))


def range_parameters(field: Field) -> tuple[float, float, float]:
    """start, end and step of a range (ODK defaults 1, 10, 1)."""

    def param(name: str, default: float) -> float:
        value = number_of(field.parameters.get(name, default))
        return default if value is None else value

    step = param("step", 1.0)
    return param("start", 1.0), param("end", 10.0), (abs(step) or 1.0)


def _range(field: Field, raw: Any) -> int | float:
    value = number_of(raw)
    if value is None:
        raise AnswerError("answer.not_decimal", value=shorten(raw))
    start, end, step = range_parameters(field)
    low, high = min(start, end), max(start, end)
    if not low <= value <= high:
        raise AnswerError("answer.out_of_range", value=format_number(value),
                          start=format_number(low), end=format_number(high))
    steps = (value - start) / step
    if abs(steps - round(steps)) > 1e-9:
        raise AnswerError("answer.off_step", value=format_number(value), step=format_number(step),
                          start=format_number(start))
    return tidy_number(value)


def _file(field: Field, raw: Any) -> Any:
    if isinstance(raw, dict) and (raw.get("file_id") is not None or raw.get("filename")):
        return raw
    if isinstance(raw, str):
        return raw.strip()
    raise AnswerError("answer.not_file", value=shorten(raw))


def _computed(field: Field, raw: Any) -> Any:
    """calculate and hidden: text or a number, as computed or given."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        value = number_of(raw)
        return tidy_number(value) if value is not None else None
    return _text(field, raw)


COERCERS: dict[str, Callable[[Field, Any], Any]] = {
    "text": _text, "integer": _integer, "decimal": _decimal, "date": _date, "time": _time,
    "datetime": _datetime, "select_one": _select_one, "select_multiple": _select_multiple,
    "acknowledge": _acknowledge, "range": _range, "file": _file, "image": _file,
    "calculate": _computed, "hidden": _computed,
}


def check_choices(field: Field, value: str | None, choices: list[Choice]) -> None:
    """Every chosen name of a select answer is among ``choices`` (after its choice_filter)."""
    if value is None or field.type not in ("select_one", "select_multiple"):
        return
    names = {c.name for c in choices}
    for name in value.split():
        if name not in names:
            offered = ", ".join(c.name for c in choices[:12]) + (", …" if len(choices) > 12 else "")
            raise AnswerError("answer.not_in_choices", value=shorten(name), choices=offered or "-")


def coerce(field: Field, raw: Any, choices: list[Choice] | None = None) -> Any:
    """The stored value of ``raw`` for ``field``, None when empty; raises ``AnswerError``.

    ``"12"`` -> 12 for an integer, ``"a b"`` or ``["a", "b"]`` -> ``"a b"`` for a select_multiple,
    ``"2025-05-01"`` stays a string for a date. Given ``choices``, select answers must be among them.
    Types that are never stored (note, group, repeat, unsupported) give None.
    """
    coercer = COERCERS.get(field.type)
    if coercer is None or is_empty(raw):
        return None
    value = coercer(field, raw)
    if choices is not None:
        check_choices(field, value, choices)
    return value
