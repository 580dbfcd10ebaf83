"""The XPath/XLSForm function library of Pulih's expression engine.

Each function is registered with its name and the number of arguments it takes; ``parse`` checks
both, so a form with ``unknown()`` or ``if(a, b)`` is refused when it is loaded. Most functions get
their arguments evaluated; "lazy" ones (``if``, ``coalesce``, ``jr:choice-name``, ``position``,
``indexed-repeat``) get the argument nodes and evaluate what they need through ``env.value_of``.
Functions that read ``.`` when called without an argument (``string()``, ``string-length()`` ...)
use ``env.ctx.current``. A function never raises anything but ``Fail``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from pulih.forms import xpath_regex
from pulih.forms.xpath_values import (
    NAN,
    DateValue,
    NodeSet,
    date_value,
    days_of,
    moment_of_datetime,
    normalise,
    number_of_text,
    parse_moment,
    to_boolean,
    to_number,
    to_string,
    value_of_moment,
    wall_of_days,
)


class Fail(Exception):
    """An evaluation failure with a catalogue key; the evaluator adds the expression's text."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Function:
    name: str
    min_args: int
    max_args: int | None  # None: any number
    impl: Callable[..., Any]
    lazy: bool = False


FUNCTIONS: dict[str, Function] = {}


def function(name: str, min_args: int = 0, max_args: int | None = -1, *, lazy: bool = False):  # noqa: ANN201
    """Register ``impl(env, args)``; ``max_args=-1`` means exactly ``min_args``."""

    def register(impl: Callable[..., Any]) -> Callable[..., Any]:
        FUNCTIONS[name] = Function(name, min_args, min_args if max_args == -1 else max_args, impl, lazy)
        return impl

    return register


def _items(values: list[Any]) -> list[Any]:
    """Arguments with node-sets spread out."""
    out: list[Any] = []
    for value in values:
        out.extend(value if isinstance(value, NodeSet) else [value])
    return out


def _text(env, args: list[Any], i: int = 0) -> str:  # noqa: ANN001
    """Argument ``i`` as a string, or ``.`` when it is missing."""
    return to_string(args[i] if len(args) > i else normalise(env.ctx.current))


# --- logic ---------------------------------------------------------------------------------------


@function("true")
def _true(env, args):  # noqa: ANN001, ANN202
    return True


@function("false")
def _false(env, args):  # noqa: ANN001, ANN202
    return False


@function("not", 1)
def _not(env, args):  # noqa: ANN001, ANN202
    return not to_boolean(args[0])


@function("boolean", 1)
def _boolean(env, args):  # noqa: ANN001, ANN202
    return to_boolean(args[0])


@function("boolean-from-string", 1)
def _boolean_from_string(env, args):  # noqa: ANN001, ANN202
    return to_string(args[0]) in ("true", "1")


@function("if", 3, lazy=True)
def _if(env, nodes):  # noqa: ANN001, ANN202
    return env.value_of(nodes[1]) if to_boolean(env.value_of(nodes[0])) else env.value_of(nodes[2])


@function("coalesce", 2, None, lazy=True)
def _coalesce(env, nodes):  # noqa: ANN001, ANN202
    for node in nodes:
        value = env.value_of(node)
        if to_string(value) != "":
            return value
    return ""


@function("once", 1)
def _once(env, args):  # noqa: ANN001, ANN202
    return args[0]  # the server evaluates a submission once: once(x) is x


# --- numbers -------------------------------------------------------------------------------------


@function("number", 0, 1)
def _number(env, args):  # noqa: ANN001, ANN202
    return to_number(args[0]) if args else to_number(normalise(env.ctx.current))


@function("int", 1)
def _int(env, args):  # noqa: ANN001, ANN202
    x = to_number(args[0])
    return float(math.trunc(x)) if math.isfinite(x) else x


def _finite(op: Callable[[float], float]) -> Callable[[float], float]:
    return lambda x: float(op(x)) if math.isfinite(x) else x


for _name, _op in (("floor", _finite(math.floor)), ("ceiling", _finite(math.ceil)), ("abs", abs)):
    function(_name, 1)(lambda env, args, op=_op: op(to_number(args[0])))


@function("round", 1, 2)
def _round(env, args):  # noqa: ANN001, ANN202
    """Halves away from zero, negative digits allowed: sign(x) * floor(|x| * 10^d + 0.5) / 10^d."""
    x = to_number(args[0])
    digits = to_number(args[1]) if len(args) > 1 else 0.0
    if math.isnan(x) or math.isnan(digits):
        return NAN
    if math.isinf(x) or digits > 300:
        return x
    if digits < -330:
        return math.copysign(0.0, x)
    scale = 10.0 ** math.trunc(digits)
    result = math.floor(abs(x) * scale + 0.5) / scale
    return -result if x < 0 else result


@function("pow", 2)
def _pow(env, args):  # noqa: ANN001, ANN202
    base, exponent = to_number(args[0]), to_number(args[1])
    try:
        return math.pow(base, exponent)
    except OverflowError:
        odd = exponent == math.trunc(exponent) and exponent % 2 == 1
        return -math.inf if base < 0 and odd else math.inf
    except ValueError:  # 0 to a negative power, or a negative base to a fraction
        return math.inf if base == 0 else NAN


def _safe_math(op: Callable[[float], float]) -> Callable[..., float]:
    def impl(env, args):  # noqa: ANN001, ANN202
        x = to_number(args[0])
        try:
            return op(x)
        except OverflowError:
            return math.inf
        except ValueError:
            return -math.inf if x == 0 else NAN

    return impl


for _name, _op in (("sqrt", math.sqrt), ("exp", math.exp), ("exp10", lambda x: math.pow(10, x)),
                   ("log", math.log), ("log10", math.log10)):
    function(_name, 1)(_safe_math(_op))


@function("pi")
def _pi(env, args):  # noqa: ANN001, ANN202
    return math.pi


# --- node-sets -----------------------------------------------------------------------------------


@function("count", 1)
def _count(env, args):  # noqa: ANN001, ANN202
    return float(len(args[0])) if isinstance(args[0], NodeSet) else 1.0


@function("count-non-empty", 1)
def _count_non_empty(env, args):  # noqa: ANN001, ANN202
    return float(sum(1 for v in _items(args) if to_string(v) != ""))


@function("sum", 1)
def _sum(env, args):  # noqa: ANN001, ANN202
    total = 0.0
    for value in _items(args):
        total += to_number(value)
    return total


def _extreme(pick: Callable[[list[float]], float]) -> Callable[..., float]:
    def impl(env, args):  # noqa: ANN001, ANN202
        numbers = [to_number(v) for v in _items(args)]
        if not numbers or any(math.isnan(n) for n in numbers):
            return NAN
        return pick(numbers)

    return impl


function("min", 1, None)(_extreme(min))
function("max", 1, None)(_extreme(max))


@function("position", 0, 1, lazy=True)
def _position(env, nodes):  # noqa: ANN001, ANN202
    if env.ctx.position is None:
        raise Fail("expr.no_position")
    return float(env.ctx.position)


@function("indexed-repeat", 3, lazy=True)
def _indexed_repeat(env, nodes):  # noqa: ANN001, ANN202
    """indexed-repeat(${field}, ${repeat}, n): the field's value in row n (1-based) of the repeat."""
    node = nodes[0]
    if node[0] == "ref" and env.ctx.resolve_all is not None:
        values = normalise(env.ctx.resolve_all(node[1]))
    else:
        values = env.value_of(node)
    values = values if isinstance(values, NodeSet) else NodeSet([values])
    index = to_number(env.value_of(nodes[2]))
    if math.isnan(index) or index != math.trunc(index) or not 1 <= index <= len(values):
        return ""
    return values[int(index) - 1]


# --- strings -------------------------------------------------------------------------------------


@function("string", 0, 1)
def _string(env, args):  # noqa: ANN001, ANN202
    return _text(env, args)


@function("string-length", 0, 1)
def _string_length(env, args):  # noqa: ANN001, ANN202
    return float(len(_text(env, args)))


@function("normalize-space", 0, 1)
def _normalize_space(env, args):  # noqa: ANN001, ANN202
    return " ".join(_text(env, args).split())


@function("concat", 0, None)
def _concat(env, args):  # noqa: ANN001, ANN202
    return "".join(to_string(v) for v in _items(args))


@function("join", 1, None)
def _join(env, args):  # noqa: ANN001, ANN202
    return to_string(args[0]).join(to_string(v) for v in _items(args[1:]))


@function("contains", 2)
def _contains(env, args):  # noqa: ANN001, ANN202
    return to_string(args[1]) in to_string(args[0])


@function("starts-with", 2)
def _starts_with(env, args):  # noqa: ANN001, ANN202
    return to_string(args[0]).startswith(to_string(args[1]))


@function("ends-with", 2)
def _ends_with(env, args):  # noqa: ANN001, ANN202
    return to_string(args[0]).endswith(to_string(args[1]))


@function("substring-before", 2)
def _substring_before(env, args):  # noqa: ANN001, ANN202
    text, part = to_string(args[0]), to_string(args[1])
    return text.split(part, 1)[0] if part in text else ""


@function("substring-after", 2)
def _substring_after(env, args):  # noqa: ANN001, ANN202
    text, part = to_string(args[0]), to_string(args[1])
    return text.split(part, 1)[1] if part in text else ""


def _index(value: Any, default: int, size: int) -> int:
    x = to_number(value)
    if math.isnan(x):
        return default
    return int(max(0.0, min(float(size), math.trunc(x) if math.isfinite(x) else x)))


@function("substr", 2, 3)
def _substr(env, args):  # noqa: ANN001, ANN202
    """ODK's substr(text, start, end): 0-based, end excluded."""
    text = to_string(args[0])
    start = _index(args[1], 0, len(text))
    end = _index(args[2], len(text), len(text)) if len(args) > 2 else len(text)
    return text[start:end] if start < end else ""


@function("substring", 2, 3)
def _substring(env, args):  # noqa: ANN001, ANN202
    """XPath 1.0 substring(text, start, length): 1-based, positions rounded."""
    text = to_string(args[0])

    def xround(x: float) -> float:
        return math.floor(x + 0.5) if math.isfinite(x) else x

    first = xround(to_number(args[1]))
    last = first + xround(to_number(args[2])) if len(args) > 2 else math.inf
    return "".join(ch for i, ch in enumerate(text, 1) if first <= i < last)


@function("translate", 3)
def _translate(env, args):  # noqa: ANN001, ANN202
    text, source, target = (to_string(a) for a in args)
    table: dict[int, int | None] = {}
    for i, ch in enumerate(source):
        table.setdefault(ord(ch), ord(target[i]) if i < len(target) else None)
    return text.translate(table)


REGEX_BUDGET = 10_000_000  # characters x pattern states one evaluation may spend on regex(): two worst-case calls


@function("regex", 2)
def _regex(env, args):  # noqa: ANN001, ANN202
    """Does the pattern occur in the text (search, not anchored)? On the non-backtracking matcher,
    with a budget per evaluation so that many regex() calls on long texts cannot add up to a hang."""
    pattern, text = to_string(args[1]), to_string(args[0])
    try:
        compiled = xpath_regex.compile_pattern(pattern)
        env.regex_cost += (len(text) + 1) * compiled.size
        if env.regex_cost > REGEX_BUDGET:
            raise xpath_regex.RegexRejected("too much regex work in one expression")
        return compiled.search(text)
    except xpath_regex.RegexRejected as exc:
        raise Fail("expr.regex_rejected", pattern=pattern, reason=str(exc)) from None


# --- choices -------------------------------------------------------------------------------------


@function("selected", 2)
def _selected(env, args):  # noqa: ANN001, ANN202
    return to_string(args[1]).strip() in to_string(args[0]).split()


@function("count-selected", 1)
def _count_selected(env, args):  # noqa: ANN001, ANN202
    return float(len(to_string(args[0]).split()))


@function("selected-at", 2)
def _selected_at(env, args):  # noqa: ANN001, ANN202
    """The n-th (0-based) choice of a select_multiple answer, "" when there is none."""
    names = to_string(args[0]).split()
    n = to_number(args[1])
    if math.isnan(n) or n != math.trunc(n) or not 0 <= n < len(names):
        return ""
    return names[int(n)]


_REF_IN_TEXT = re.compile(r"\s*\$\{([^}]*)\}\s*")


def field_named_by(node: tuple) -> str | None:
    """The field jr:choice-name's second argument names: '${fruit}', ${fruit} or '/data/fruit'."""
    if node[0] == "ref":
        return node[1]
    if node[0] == "str":
        m = _REF_IN_TEXT.fullmatch(node[1])
        return m.group(1) if m else node[1].strip().rstrip("/").rsplit("/", 1)[-1]
    return None


@function("jr:choice-name", 2, lazy=True)
def _choice_name(env, nodes):  # noqa: ANN001, ANN202
    value = to_string(env.value_of(nodes[0])).strip()
    field = field_named_by(nodes[1])
    if field is None:
        text = to_string(env.value_of(nodes[1]))
        field = field_named_by(("str", text))
    if not value or env.ctx.choice_label is None:
        return ""
    return env.ctx.choice_label(field, value) or ""


# --- dates ---------------------------------------------------------------------------------------


def _now(env) -> datetime:  # noqa: ANN001
    return env.ctx.now or datetime.now()


@function("today")
def _today(env, args):  # noqa: ANN001, ANN202
    day = _now(env).date()
    return date_value(days_of(day.year, day.month, day.day))


@function("now")
def _now_value(env, args):  # noqa: ANN001, ANN202
    now = _now(env)
    moment = moment_of_datetime(now)
    return DateValue(now.isoformat(timespec="milliseconds"), moment.days, moment.wall)


def _as_date(value: Any, *, with_time: bool) -> DateValue | str:
    if isinstance(value, NodeSet):
        value = value[0] if value else ""
    if isinstance(value, DateValue):  # keep its number; show it as a date or a date-time
        text = value.wall.isoformat(timespec="milliseconds") if with_time else value.wall.date().isoformat()
        return DateValue(text, value.days, value.wall)
    if isinstance(value, str):
        moment = parse_moment(value)
        if moment is not None:
            return value_of_moment(moment, with_time=with_time)
        number = number_of_text(value)
        return "" if math.isnan(number) else date_value(number, with_time=with_time)
    return date_value(to_number(value), with_time=with_time)


@function("date", 1)
def _date(env, args):  # noqa: ANN001, ANN202
    return _as_date(args[0], with_time=False)


@function("date-time", 1)
def _date_time(env, args):  # noqa: ANN001, ANN202
    return _as_date(args[0], with_time=True)


@function("decimal-date-time", 1)
def _decimal_date_time(env, args):  # noqa: ANN001, ANN202
    return to_number(args[0])


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_WEEKDAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
_FORMATS: dict[str, Callable[[datetime], str]] = {
    "Y": lambda w: f"{w.year:04d}", "y": lambda w: f"{w.year % 100:02d}",
    "m": lambda w: f"{w.month:02d}", "n": lambda w: str(w.month), "b": lambda w: _MONTHS[w.month - 1],
    "d": lambda w: f"{w.day:02d}", "e": lambda w: str(w.day), "a": lambda w: _WEEKDAYS[w.weekday()],
    "H": lambda w: f"{w.hour:02d}", "h": lambda w: str(w.hour), "M": lambda w: f"{w.minute:02d}",
    "S": lambda w: f"{w.second:02d}", "3": lambda w: f"{w.microsecond // 1000:03d}", "%": lambda w: "%",
}


def _format(env, args):  # noqa: ANN001, ANN202
    """format-date(value, "%Y-%m-%d"): ODK's % codes; "" when the value is not a date."""
    value = args[0][0] if isinstance(args[0], NodeSet) and args[0] else args[0]
    if isinstance(value, DateValue):
        wall = value.wall
    elif isinstance(value, str) and (moment := parse_moment(value)) is not None:
        wall = moment.wall
    else:
        wall = wall_of_days(to_number(value))
    if wall is None:
        return ""
    return re.sub(r"%(.)", lambda m: _FORMATS[m.group(1)](wall) if m.group(1) in _FORMATS else m.group(0),
                  to_string(args[1]))


function("format-date", 2)(_format)
function("format-date-time", 2)(_format)
