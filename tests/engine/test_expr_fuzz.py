"""Hostile and random input: parse and evaluate only ever return a value or raise ExpressionError,
quickly, whatever the text. The regex matcher agrees with Python's ``re`` on what it accepts."""

from __future__ import annotations

import re
import time
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulih.forms import xpath_regex
from pulih.forms.expr import MAX_DEPTH, EvalContext, ExpressionError, NodeSet, evaluate, parse
from pulih.forms.xpath_functions import FUNCTIONS

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANSWER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2025-05-01", "2025-05-01T10:00:00+07:00", "a b c", "", "12", "-0", "1e400"]),
    st.lists(st.one_of(st.integers(-100, 100), st.text(max_size=5), st.none()), max_size=5),
)


def _check(text: str, answers: dict, current: object = None) -> None:
    try:
        expr = parse(text)
    except ExpressionError as exc:
        assert exc.message("id") and exc.message("en")
        return
    ctx = EvalContext(resolve=answers.get, current=current, position=1, column=answers.get,
                      choice_label=lambda field, name: name.upper())
    try:
        value = evaluate(expr, ctx)
    except ExpressionError as exc:
        assert exc.message("en")
        return
    assert isinstance(value, (str, float, bool, NodeSet))


TOKENS = st.sampled_from([
    "1", "0", "-", "+", "*", " div ", " mod ", "=", "!=", "<", "<=", ">", ">=", " and ", " or ", "(", ")",
    ",", ".", "..", "'a'", '"b"', "${x}", "${y}", "${z}", "today()", "now()", "if(", "concat(", "regex(",
    "selected(", "sum(", "count(", "substr(", "round(", "pow(", "date(", "format-date(", "'", '"', "/", "|",
    "[", "]", "$", "{", "}", "e", "x", " ", "\n", "9999999999999999999999", ".5", "jr:choice-name(",
])


@FUZZ
@given(st.text(max_size=80))
def test_random_text__ok(text):
    _check(text, {})


@FUZZ
@given(st.lists(TOKENS, max_size=40).map("".join), st.dictionaries(st.sampled_from("xyz"), ANSWER_VALUES))
def test_random_token_soup__ok(text, answers):
    _check(text, answers, current=answers.get("x"))


LEAVES = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda f: repr(f) if "e" not in repr(f) else "1.5"),
    st.text(alphabet="abc 12-:", max_size=8).map(lambda s: f"'{s}'"),
    st.sampled_from(["${x}", "${y}", "${z}", ".", "today()", "now()", "true()", "false()", "''"]),
)
OPERATORS = ["+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=", "and", "or"]


def _call(args: list[str], name: str) -> str:
    func = FUNCTIONS[name]
    count = func.min_args if func.max_args == func.min_args else min(len(args), func.max_args or 9)
    count = max(count, func.min_args)
    chosen = (args * (count + 1))[:count] if args else ["1"] * count
    if name == "position":
        chosen = ["..", ][:count]
    return f"{name}({', '.join(chosen)})"


EXPRESSIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(OPERATORS), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"-{e}"),
        st.tuples(st.lists(inner, min_size=1, max_size=4), st.sampled_from(sorted(FUNCTIONS))).map(
            lambda t: _call(*t)),
    ),
    max_leaves=25,
)


@FUZZ
@given(EXPRESSIONS, st.dictionaries(st.sampled_from("xyz"), ANSWER_VALUES), ANSWER_VALUES)
def test_well_formed_expressions__ok(text, answers, current):
    started = time.monotonic()
    _check(text, answers, current)
    assert time.monotonic() - started < 2


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3 * MAX_DEPTH), st.sampled_from(["({})", "not({})", "concat({}, 'a')", "-({})", "if({}, 1, 2)"]))
def test_deep_nesting__ok(depth, wrapper):
    text = "1"
    for _ in range(depth):
        text = wrapper.format(text)
    try:
        parse(text)
    except ExpressionError as exc:
        assert depth > MAX_DEPTH and exc.key == "expr.too_deep"
        return
    assert depth <= MAX_DEPTH
    _check(text, {})


PATTERN = st.text(alphabet="ab()*+?|[]{}^$\\.,0123-dwsBSim\n ", max_size=14)


@settings(max_examples=300, deadline=None)
@given(PATTERN, st.text(alphabet="abAB01 -\n_", max_size=12))
def test_regex_matcher_agrees_with_re__ok(pattern, subject):
    try:
        ours = xpath_regex.search(pattern, subject)
    except xpath_regex.RegexRejected:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = bool(re.search(pattern, subject))
    assert ours == expected, (pattern, subject)
