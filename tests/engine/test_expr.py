"""Unit tests of the expression engine: grammar, references, "." and node-sets, every function,
dates, limits and errors. The shared corpus is in test_expr_vectors.py."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from pulih.forms.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    DateValue,
    EvalContext,
    Expression,
    ExpressionError,
    NodeSet,
    evaluate,
    parse,
    to_boolean,
    to_number,
    to_string,
)
from pulih.forms.xpath_functions import FUNCTIONS

NOW = datetime(2025, 5, 3, 10, 30, 15)
ANSWERS = {
    "age": 30,
    "name": "Budi Santoso",
    "empty": None,
    "fruits": "apple baby crimson",
    "birth": "1990-02-01",
    "when": "2025-05-01T08:00:00+07:00",
    "scores": [3, 4.5, "5"],
    "names": ["a", "", "c"],
    "none": [],
    "flag": True,
    "file": {"file_id": 3, "filename": "receipt.jpg"},
}


def ev(text: str, current=None, **kwargs):  # noqa: ANN001, ANN201
    ctx = EvalContext(resolve=ANSWERS.get, current=current, now=kwargs.pop("now", NOW), **kwargs)
    return evaluate(text, ctx)


def s(text: str, **kwargs) -> str:
    return to_string(ev(text, **kwargs))


def n(text: str, **kwargs) -> float:
    return to_number(ev(text, **kwargs))


def b(text: str, **kwargs) -> bool:
    return to_boolean(ev(text, **kwargs))


# --- parsing ---------------------------------------------------------------------------------------


def test_parse_collects_references_and_current__ok():
    expr = parse("${age} >= 18 and selected(${consent}, 'yes') and . != ''")
    assert isinstance(expr, Expression)
    assert expr.references == frozenset({"age", "consent"})
    assert expr.uses_current is True
    assert expr.functions == frozenset({"selected"})
    assert parse("1 + 1").uses_current is False


def test_parse_is_cached__ok():
    assert parse("${a} + 1") is parse("${a} + 1")


def test_parse_bare_names_and_choice_name_field__ok():
    assert parse("district = ${d}").bare_names == frozenset({"district"})
    assert parse("jr:choice-name(${x}, '${x}')").references == frozenset({"x"})


def test_keywords_glued_to_literals__ok():
    assert b("1and 1") and b("'1'or'0'") and n("7mod 4") == 3 and n("8div 2") == 4


def test_hyphenated_function_names_and_minus__ok():
    assert n("count-selected(${fruits})-1") == 2
    assert n("${age}-1") == 29
    assert n("- - 3") == 3


def test_whitespace_and_newlines__ok():
    assert b("${age}\n>=\t18\r\nand true()")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("(. > 3 and", "expr.incomplete"),
        ("1 +", "expr.incomplete"),
        ("if(1, 2", "expr.incomplete"),
        ("1 +* 2", "expr.unexpected"),
        ("1 2", "expr.unexpected"),
        (")", "expr.unexpected"),
        ("${a} # 2", "expr.bad_character"),
        ("'abc", "expr.unclosed_quote"),
        ("1 | 2", "expr.bad_character"),
        ("", "expr.empty"),
        ("   ", "expr.empty"),
        ("..", "expr.parent_path"),
        ("../x + 1", "expr.path"),
        ("/data/age > 3", "expr.path"),
        ("foo(1)", "expr.unknown_function"),
        ("SUM(${a})", "expr.unknown_function"),
        ("if(1, 2)", "expr.arity"),
        ("today(1)", "expr.arity"),
        ("regex(.)", "expr.arity"),
        ("coalesce(1)", "expr.arity"),
        ("regex(., '(a)\\1')", "expr.regex_rejected"),
        ("regex(., '(?=a)')", "expr.regex_rejected"),
        ("regex(., '[a-')", "expr.regex_rejected"),
    ],
)
def test_parse__error(text, key):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.key == key
    assert info.value.message("en") != info.value.message("id")
    assert "{" not in info.value.message("en").replace("${", "")


def test_syntax_error_names_text_and_column__error():
    with pytest.raises(ExpressionError) as info:
        parse("(. > 3 and")
    assert info.value.values["text"] == "(. > 3 and"
    assert info.value.values["column"] == 11
    assert "(. > 3 and" in info.value.message("id")
    with pytest.raises(ExpressionError) as info:
        parse("1 +* 2")
    assert info.value.values["column"] == 4


def test_arity_message__error():
    with pytest.raises(ExpressionError) as info:
        parse("if(1, 2)")
    assert info.value.values == {"text": "if(1, 2)", "name": "if", "expected": "3", "given": 2}
    assert "if()" in info.value.message("en")


def test_too_long__error():
    with pytest.raises(ExpressionError) as info:
        parse("1" + " + 1" * MAX_LENGTH)
    assert info.value.key == "expr.too_long"


def test_too_deep__error():
    text = "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.key == "expr.too_deep"
    assert n("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH) == 1


def test_long_flat_chains_do_not_recurse__ok():
    assert n(" + ".join(["1"] * 1200)) == 1200
    assert n("-" * 2000 + "1") == 1
    assert b(" and ".join(["true()"] * 400))


# --- references, ".", node-sets ---------------------------------------------------------------


def test_reference_values__ok():
    assert n("${age} + 1") == 31
    assert s("${name}") == "Budi Santoso"
    assert s("${age}") == "30"
    assert b("${flag}")
    assert s("${file}") == "receipt.jpg"


def test_empty_and_unknown_references__ok():
    assert s("${empty}") == "" and b("${empty} = ''") and math.isnan(n("${empty}"))
    assert s("${nobody}") == "" and not b("${nobody}")


def test_current_value__ok():
    assert b(". >= 18", current=30)
    assert not b(". >= 18", current="12")
    assert b(". = ''", current=None)
    assert n("string-length()", current="abcd") == 4
    assert s("string()", current=12) == "12"
    assert n("number()", current="2.5") == 2.5


def test_node_sets__ok():
    assert isinstance(ev("${scores}"), NodeSet)
    assert n("sum(${scores})") == 12.5
    assert n("count(${scores})") == 3
    assert n("count(${none})") == 0
    assert n("max(${scores})") == 5 and n("min(${scores})") == 3
    assert s("${scores}") == "3"  # a node-set's string is its first node's
    assert b("${scores} = 5") and not b("${scores} = 6")  # some node equals
    assert b("${scores} > 4") and not b("${none} = ''")
    assert n("count-non-empty(${names})") == 2
    assert s("join(', ', ${names})") == "a, , c"
    assert s("concat(${names})") == "ac"
    assert not b("${none}") and b("${names}")
    assert math.isnan(n("sum(${names})"))  # an empty value is NaN, as in ODK
    assert n("sum(${none})") == 0
    assert math.isnan(n("max(${none})"))


def test_node_set_compared_with_boolean__ok():
    assert b("${scores} = true()") and b("${none} = false()")


def test_indexed_repeat_and_position__ok():
    assert s("indexed-repeat(${scores}, ${rows}, 2)") == "4.5"
    assert s("indexed-repeat(${scores}, ${rows}, 9)") == ""
    assert n("position(..)", position=3) == 3
    assert n("position()", position=2) == 2
    rows = {"x": 5, "all": [1, 2, 3]}
    ctx = EvalContext(resolve=rows.get, resolve_all=lambda name: rows["all"], position=2)
    assert to_string(evaluate("indexed-repeat(${x}, ${r}, position(..) - 1)", ctx)) == "1"


def test_position_outside_repeat__error():
    with pytest.raises(ExpressionError) as info:
        ev("position(..)")
    assert info.value.key == "expr.no_position"


def test_bare_names_read_columns__ok():
    columns = {"district": "serang", "name": "ciruas"}
    assert b("district = 'serang' and name = 'ciruas'", column=columns.get)
    assert not b("district = 'serang'")  # no columns: an empty node-set


# --- functions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("selected(${fruits}, 'baby')", True),
        ("selected(${fruits}, 'bab')", False),
        ("selected(${empty}, 'a')", False),
        ("not(selected(${fruits}, 'x'))", True),
        ("contains(${name}, 'Santo')", True),
        ("starts-with(${name}, 'Budi')", True),
        ("ends-with(${name}, 'oso')", True),
        ("regex(${name}, '^[A-Z][a-z]+ [A-Z]')", True),
        ("regex('3201234567890001', '^[0-9]{16}$')", True),
        ("regex('320123456789000', '^[0-9]{16}$')", False),
        ("regex('081234567890', '^(\\+62|0)8[0-9]{8,11}$')", True),
        ("regex('ABC', '(?i)abc')", True),
        ("boolean('x')", True),
        ("boolean(0)", False),
        ("boolean-from-string('true')", True),
        ("true() and not(false())", True),
        ("if(${age} > 18, true(), false())", True),
    ],
)
def test_boolean_functions__ok(text, expected):
    assert b(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("count-selected(${fruits})", 3),
        ("count-selected('')", 0),
        ("string-length(${name})", 12),
        ("int(-2.7)", -2),
        ("int('12.9')", 12),
        ("number('12')", 12),
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(1234.5678, 2)", 1234.57),
        ("round(1234.5678, -2)", 1200),
        ("floor(-0.5)", -1),
        ("ceiling(0.2)", 1),
        ("abs(-3)", 3),
        ("pow(2, 10)", 1024),
        ("sqrt(16)", 4),
        ("log10(1000)", 3),
        ("exp10(2)", 100),
        ("round(pi(), 2)", 3.14),
        ("round(exp(1), 3)", 2.718),
        ("log(1)", 0),
        ("coalesce(${empty}, 7)", 7),
        ("coalesce(${age}, 7)", 30),
        ("coalesce(${empty}, ${nobody}, 9)", 9),
        ("max(1, ${age}, 3)", 30),
        ("min(1, ${age}, 3)", 1),
        ("10 mod 3", 1),
        ("-10 mod 3", -1),
        ("7 div 2", 3.5),
        ("if('', 1, 2)", 2),
    ],
)
def test_number_functions__ok(text, expected):
    assert n(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("concat('a', 1, true(), ${empty})", "a1true"),
        ("concat(${name}, ' (', ${age}, ')')", "Budi Santoso (30)"),
        ("join('-', 'a', 'b')", "a-b"),
        ("substr('hello', 1, 3)", "el"),
        ("substr('hello', 3)", "lo"),
        ("substr('hello', 9)", ""),
        ("substr('hello', 3, 1)", ""),
        ("substring('hello', 2, 3)", "ell"),
        ("substring-before('a=b', '=')", "a"),
        ("substring-after('a=b', '=')", "b"),
        ("normalize-space('  a   b ')", "a b"),
        ("translate('abc', 'ab', 'AB')", "ABc"),
        ("selected-at(${fruits}, 1)", "baby"),
        ("selected-at(${fruits}, 3)", ""),
        ("string(1 div 3)", "0.3333333333333333"),
        ("string(1000000 * 1000000 * 1000000 * 10000)", "10000000000000000000000"),
        ("string(0.000001)", "0.000001"),
        ("string(0 div 0)", "NaN"),
        ("once(${name})", "Budi Santoso"),
        ("if(${age} > 18, 'adult', 'minor')", "adult"),
    ],
)
def test_string_functions__ok(text, expected):
    assert s(text) == expected


def test_every_registered_function_has_a_test__ok():
    source = open(__file__, encoding="utf-8").read()
    untested = [name for name in FUNCTIONS if f"{name}(" not in source]
    assert untested == []


def test_choice_name__ok():
    labels = {("fruit", "apple"): "Apel", ("fruit", "baby"): "Bayi"}

    def label(field: str, name: str) -> str | None:
        return labels.get((field, name))

    ctx = EvalContext(resolve={"fruit": "apple", "many": "apple baby"}.get, choice_label=label)
    assert to_string(evaluate("jr:choice-name(${fruit}, '${fruit}')", ctx)) == "Apel"
    assert to_string(evaluate("jr:choice-name(${fruit}, ${fruit})", ctx)) == "Apel"
    assert to_string(evaluate("jr:choice-name('baby', '/data/fruit')", ctx)) == "Bayi"
    assert to_string(evaluate("jr:choice-name(selected-at(${many}, 1), '${fruit}')", ctx)) == "Bayi"
    assert to_string(evaluate("jr:choice-name('pear', '${fruit}')", ctx)) == ""
    assert to_string(evaluate("jr:choice-name('apple', '${fruit}')", EvalContext(resolve=dict().get))) == ""


# --- dates -----------------------------------------------------------------------------------


def test_today_and_now__ok():
    today = ev("today()")
    assert isinstance(today, DateValue) and today == "2025-05-03"
    assert s("now()") == "2025-05-03T10:30:15.000"
    assert n("today()") == (datetime(2025, 5, 3) - datetime(1970, 1, 1)).days
    assert s("format-date(now(), '%H:%M:%S')") == "10:30:15"


def test_now_with_time_zone__ok():
    jakarta = timezone(timedelta(hours=7))
    now = datetime(2025, 5, 3, 6, 0, tzinfo=jakarta)
    assert s("today()", now=now) == "2025-05-03"
    assert s("now()", now=now) == "2025-05-03T06:00:00.000+07:00"
    assert n("decimal-date-time(now())", now=now) == n("decimal-date-time('2025-05-02T23:00:00Z')")


def test_default_now_is_the_clock__ok():
    assert s("today()", now=None) == datetime.now().date().isoformat()


def test_date_fields_compare_as_dates__ok():
    assert b("${birth} < today()")
    assert b("today() > ${birth}")
    assert b("${birth} = date('1990-02-01')")
    assert b("${birth} = '1990-02-01'")
    assert not b("${birth} > '2000-01-01'")
    assert b("${when} < now()")


def test_date_arithmetic__ok():
    assert s("date('2025-05-01') + 3") == str((datetime(2025, 5, 4) - datetime(1970, 1, 1)).days)
    assert s("date(date('2025-05-01') + 3)") == "2025-05-04"
    assert s("date(${birth} + 365)") == "1991-02-01"
    assert n("today() - ${birth}") == (datetime(2025, 5, 3) - datetime(1990, 2, 1)).days
    assert n("int((today() - ${birth}) div 365.25)") == 35
    assert s("date-time(0.5)") == "1970-01-01T12:00:00.000"
    assert s("date-time(today())") == "2025-05-03T00:00:00.000" and s("date(now())") == "2025-05-03"
    assert s("date-time('2025-05-01T08:00:00+07:00')") == "2025-05-01T08:00:00.000"
    assert s("date('2025-02-30')") == ""
    assert s("date('nonsense')") == ""
    assert s("date(1 div 0)") == ""


def test_format_date__ok():
    assert s("format-date(${birth}, '%d/%m/%Y')") == "01/02/1990"
    assert s("format-date(${birth}, '%e %b %y (%a)')") == "1 Feb 90 (Thu)"
    assert s("format-date(${when}, '%Y-%m-%d %H:%M %n %h %3 %% %q')") == "2025-05-01 08:00 5 8 000 % %q"
    assert s("format-date-time(date('2025-05-01') + 0.25, '%H')") == "06"
    assert s("format-date('', '%Y')") == ""


def test_decimal_date_time__ok():
    assert n("decimal-date-time('1970-01-02')") == 1
    assert n("decimal-date-time('1970-01-01T12:00:00+06:00')") == 0.25


# --- values and conversions -------------------------------------------------------------------


def test_conversions__ok():
    assert to_string(2.0) == "2" and to_string(-0.0) == "0" and to_string(1e-7) == "0.0000001"
    assert to_string(True) == "true" and to_string(None) == "" and to_string(NodeSet()) == ""
    assert to_number("  1.5 ") == 1.5 and to_number("1e3") == 1000 and math.isnan(to_number(""))
    assert to_number("2025-05-01") == (datetime(2025, 5, 1) - datetime(1970, 1, 1)).days
    assert to_number(10**400) == math.inf and to_string(-(10**400)) == "-Infinity"
    assert to_boolean("false") is True and to_boolean(0.0) is False and to_boolean(math.nan) is False


def test_huge_numbers_are_infinity__ok():
    assert n("pow(10, 400)") == math.inf
    assert n("pow(-10, 401)") == -math.inf
    assert n("exp(10000)") == math.inf
    assert n("99999999999999999999 * 99999999999999999999 * 99999999999999999999") > 1e59
    assert n("1" + "0" * 400) == math.inf
    assert s("pow(10, 400)") == "Infinity"
    assert math.isnan(n("sqrt(-1)")) and n("log(0)") == -math.inf
    assert n("round(1.5, 400)") == 1.5 and n("round(1.5, -400)") == 0


# --- limits and runtime errors --------------------------------------------------------------


def test_huge_strings__error():
    long_text = "x" * 60_000
    ctx = EvalContext(resolve={"t": long_text}.get)
    with pytest.raises(ExpressionError) as info:
        evaluate("concat(${t}, ${t})", ctx)
    assert info.value.key == "expr.result_too_long"


def test_regex_on_hostile_input_is_fast__ok():
    started = datetime.now()
    ctx = EvalContext(resolve={"t": "a" * 3000 + "!"}.get)
    assert to_boolean(evaluate("regex(${t}, '(a+)+$')", ctx)) is False
    assert to_boolean(evaluate("regex(${t}, '(a|aa)*b')", ctx)) is False
    assert (datetime.now() - started).total_seconds() < 2


def test_many_regex_calls_on_long_text__error():
    ctx = EvalContext(resolve={"t": "ab" * 1900}.get)
    text = " or ".join(f"regex(${{t}}, '[ab]*a[ab]{{{n}}}c')" for n in range(100, 140))
    started = datetime.now()
    with pytest.raises(ExpressionError) as info:
        evaluate(text, ctx)
    assert info.value.key == "expr.regex_rejected" and "too much regex work" in info.value.message("en")
    assert (datetime.now() - started).total_seconds() < 5


def test_regex_pattern_from_answer__error():
    ctx = EvalContext(resolve={"p": "(x)\\1"}.get)
    with pytest.raises(ExpressionError) as info:
        evaluate("regex('xx', ${p})", ctx)
    assert info.value.key == "expr.regex_rejected"


def test_failing_resolver_becomes_expression_error__error():
    def broken(name: str) -> None:
        raise KeyError(name)

    with pytest.raises(ExpressionError) as info:
        evaluate("${a} + 1", EvalContext(resolve=broken))
    assert info.value.key == "expr.failed"
    assert "KeyError" in info.value.message("en")


def test_evaluate_accepts_text__ok():
    assert evaluate("1 + 1", EvalContext(resolve=lambda name: None)) == 2.0
