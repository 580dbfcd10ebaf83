"""XPath values and their conversions, as ODK/Enketo evaluate XLSForm expressions.

An expression's value is one of:

* ``str``; ``DateValue`` is a ``str`` too (``"2025-05-01"`` or an ISO date-time) that also carries
  ``days``, its number: days since 1970-01-01 UTC, fractional for a date-time;
* ``float`` (integers from answers arrive as ``int`` and are treated as numbers);
* ``bool``;
* ``NodeSet``: a list of the values above, e.g. one field's values across the rows of a repeat.

Conversions follow XPath 1.0 with the peer evaluator's choices (../shared/xpath-vectors/README.md):
numbers print without ".0" and never in exponent form; a string that is a date or date-time converts
to its number of days, so ``${birth_date} < today()`` and ``date('2025-05-01') + 3`` work; empty is
``""`` as a string and NaN as a number. Date-times without an offset are read as wall-clock time
and treated as UTC; with an offset they are converted to UTC.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

NAN = float("nan")
MS_PER_DAY = 86_400_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_EPOCH = datetime(1970, 1, 1)
# Days from 1970-01-01 to 0001-01-01 and to 9999-12-31: the range Python's dates cover.
_MIN_DAYS = date(1, 1, 1).toordinal() - _EPOCH_ORDINAL
_MAX_DAYS = date(9999, 12, 31).toordinal() - _EPOCH_ORDINAL

_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*")
_DATE_RE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DATETIME_RE = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?\s*"
)


class NodeSet(list):
    """The values of a node-set, in document order (e.g. a field across repeat rows)."""


class DateValue(str):
    """A date or date-time: its text is what ``string()`` gives, ``days`` what ``number()`` gives,
    ``wall`` the wall-clock time ``format-date`` shows."""

    days: float
    wall: datetime

    def __new__(cls, text: str, days: float, wall: datetime) -> DateValue:
        obj = super().__new__(cls, text)
        obj.days = days
        obj.wall = wall
        return obj


class Moment(NamedTuple):
    days: float  # days since 1970-01-01 UTC
    wall: datetime  # naive wall-clock time as written
    has_time: bool


def days_of(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, ms: int = 0,
            offset_minutes: int = 0) -> float:
    """Exactly as a browser computes it: whole milliseconds divided by the milliseconds of a day."""
    day = date(y, mo, d).toordinal() - _EPOCH_ORDINAL
    total = day * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset_minutes * 60_000
    return total / MS_PER_DAY


def parse_moment(text: str) -> Moment | None:
    """A date (``YYYY-M-D``) or ISO date-time in ``text``, else None."""
    if len(text) > 64:
        return None
    try:
        if m := _DATE_RE.fullmatch(text):
            y, mo, d = (int(g) for g in m.groups())
            return Moment(days_of(y, mo, d), datetime(y, mo, d), False)
        if m := _DATETIME_RE.fullmatch(text):
            y, mo, d, h, mi = (int(g) for g in m.groups()[:5])
            s = int(m.group(6) or 0)
            ms = int((m.group(7) or "0")[:3].ljust(3, "0"))
            offset = _offset_minutes(m.group(8))
            wall = datetime(y, mo, d, h, mi, s, ms * 1000)
            return Moment(days_of(y, mo, d, h, mi, s, ms, offset), wall, True)
    except ValueError:  # e.g. month 13, hour 25
        return None
    return None


def _offset_minutes(text: str | None) -> int:
    if not text or text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4] or 0))


def moment_of_datetime(value: datetime) -> Moment:
    """A Python datetime (aware: converted to UTC for ``days``; naive: taken as it is)."""
    offset = value.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    days = days_of(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond // 1000, minutes)
    return Moment(days, value.replace(tzinfo=None), True)


def wall_of_days(days: float) -> datetime | None:
    if math.isnan(days) or not _MIN_DAYS <= days <= _MAX_DAYS:
        return None
    try:
        return _EPOCH + timedelta(milliseconds=round(days * MS_PER_DAY))
    except OverflowError:
        return None


def date_value(days: float, *, with_time: bool = False) -> DateValue | str:
    """The date (or date-time) ``days`` after 1970-01-01; "" when it is not a date."""
    wall = wall_of_days(days)
    if wall is None:
        return ""
    text = wall.isoformat(timespec="milliseconds") if with_time else wall.date().isoformat()
    return DateValue(text, days, wall)


def value_of_moment(moment: Moment, *, with_time: bool) -> DateValue:
    wall = moment.wall
    text = wall.isoformat(timespec="milliseconds") if with_time else wall.date().isoformat()
    return DateValue(text, moment.days, wall)


# --- conversions ---------------------------------------------------------------------------------


def normalise(value: Any) -> Any:
    """A Python value (an answer) as an XPath value."""
    if value is None:
        return ""
    if isinstance(value, (str, bool, float, NodeSet)):
        return value
    if isinstance(value, int):
        return _float_of_int(value)
    if isinstance(value, (list, tuple)):
        return NodeSet(normalise(v) for v in value)
    if isinstance(value, datetime):
        return value_of_moment(moment_of_datetime(value), with_time=True)
    if isinstance(value, date):
        return date_value(float(value.toordinal() - _EPOCH_ORDINAL))
    if isinstance(value, dict):  # a stored file: {"file_id": ..., "filename": ...}
        return str(value.get("filename") or value.get("file_id") or "")
    return str(value)


def _float_of_int(value: int) -> float:
    try:
        return float(value)
    except OverflowError:  # beyond a float: infinity, as a browser would make it
        return math.inf if value > 0 else -math.inf


def format_number(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x):
        return str(int(x))
    return format(Decimal(repr(x)), "f")  # shortest digits that round-trip, never exponent form


def to_string(value: Any) -> str:
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value if isinstance(value, float) else _float_of_int(value))
    if isinstance(value, list):
        return to_string(value[0]) if value else ""
    return to_string(normalise(value))


def number_of_text(text: str) -> float:
    if len(text) > 400:
        return NAN
    if _NUMBER_RE.fullmatch(text):
        try:
            return float(text)
        except (ValueError, OverflowError):
            return NAN
    moment = parse_moment(text)
    return moment.days if moment else NAN


def to_number(value: Any) -> float:
    if isinstance(value, DateValue):
        return value.days
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        return _float_of_int(value)
    if isinstance(value, str):
        return number_of_text(value)
    if isinstance(value, list):
        return to_number(value[0]) if value else NAN
    return to_number(normalise(value))


def to_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, (str, list)):
        return len(value) > 0
    return to_boolean(normalise(value))


def is_numeric(value: Any) -> bool:
    """Compared as a number by ``=`` (a date is a number there)."""
    return isinstance(value, DateValue) or (isinstance(value, (int, float)) and not isinstance(value, bool))

