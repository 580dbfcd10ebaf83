"""XLSForm expressions: a lark grammar and an evaluator of our own (never Python ``eval``).

    from pulih.forms.expr import parse, evaluate, EvalContext
    expr = parse("${age} >= 18 and selected(${consent}, 'yes')")
    expr.references            # frozenset({'age', 'consent'})
    evaluate(expr, EvalContext(resolve=answers.get))   # True / False

Supported: ``${name}``; ``.`` (the current answer); bare names (a column of the choices sheet in a
choice_filter, see ``EvalContext.column``); number and string literals; unary ``-``; ``+ - * div
mod``; ``= != < <= > >=``; ``and or``; function calls (the library in ``xpath_functions``, arity
checked when parsing); ``..`` only as ``position(..)``. Semantics are XPath 1.0 as ODK and Enketo
apply them (values and conversions in ``xpath_values``), pinned by the 541 vectors in
``../shared/xpath-vectors``.

Limits, so that no form text can hang or crash the server: an expression has at most
``MAX_LENGTH`` characters and ``MAX_DEPTH`` levels of parentheses; a string result over
``MAX_STRING`` characters is an error; ``regex()`` runs on a matcher that cannot backtrack. Every
problem is an ``ExpressionError`` (a ``Translatable``: ``.message(lang)``), never another exception.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Callable

from lark import Lark, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from pulih.forms import xpath_regex
from pulih.forms.xpath_functions import FUNCTIONS, Fail, field_named_by
from pulih.forms.xpath_values import (  # noqa: F401 - re-exported: the engine's public value API
    NAN,
    DateValue,
    NodeSet,
    is_numeric,
    normalise,
    to_boolean,
    to_number,
    to_string,
)
from pulih.i18n import Translatable

MAX_LENGTH = 5000
MAX_DEPTH = 64
MAX_STRING = 100_000

GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr | and_expr (_OR and_expr)+ -> or_
?and_expr: eq_expr | eq_expr (_AND eq_expr)+ -> and_
?eq_expr: rel_expr | rel_expr (EQ_OP rel_expr)+ -> binary
?rel_expr: add_expr | add_expr (REL_OP add_expr)+ -> binary
?add_expr: mul_expr | mul_expr ((PLUS | MINUS) mul_expr)+ -> binary
?mul_expr: unary | unary (MUL_OP unary)+ -> binary
?unary: primary | MINUS+ primary -> negate
?primary: NUMBER -> number
    | STRING -> string
    | REF -> ref
    | "." -> current
    | ".." -> parent
    | NAME "(" [or_expr ("," or_expr)*] ")" -> call
    | NAME -> bare
    | "(" or_expr ")"
_OR: "or"
_AND: "and"
EQ_OP: "=" | "!="
REL_OP: "<=" | ">=" | "<" | ">"
PLUS: "+"
MINUS: "-"
MUL_OP: "*" | "div" | "mod"
NUMBER: /\d+(\.\d*)?|\.\d+/
STRING: /"[^"]*"|'[^']*'/
REF: /\$\{[^\s{}]+\}/
NAME: /[A-Za-z_][\w.\-]*(:[A-Za-z_][\w.\-]*)?/
%ignore /\s+/
"""


class ExpressionError(Translatable):
    """A syntax error, an unknown function, a wrong number of arguments, a limit passed or a
    failure while evaluating. ``values`` hold ``text`` (the expression) and, for syntax errors,
    ``column`` (1-based)."""


# AST: tuples. ("num", float) ("str", text) ("ref", name) ("cur",) ("parent",) ("bare", name)
# ("call", name, args) ("neg", count, node) ("bin", first, ((op, node), ...)) ("or"|"and", nodes)
class _Build(Transformer):
    """Applied by the LALR parser as it reduces (no recursion over the tree)."""

    def number(self, c):  # noqa: ANN001, ANN201
        return ("num", float(c[0]))

    def string(self, c):  # noqa: ANN001, ANN201
        return ("str", str(c[0])[1:-1])

    def ref(self, c):  # noqa: ANN001, ANN201
        return ("ref", str(c[0])[2:-1])

    def current(self, c):  # noqa: ANN001, ANN201
        return ("cur",)

    def parent(self, c):  # noqa: ANN001, ANN201
        return ("parent",)

    def bare(self, c):  # noqa: ANN001, ANN201
        return ("bare", str(c[0]))

    def call(self, c):  # noqa: ANN001, ANN201
        args = tuple(a for a in c[1:] if a is not None)
        return ("call", str(c[0]), args)

    def negate(self, c):  # noqa: ANN001, ANN201
        return ("neg", len(c) - 1, c[-1])

    def binary(self, c):  # noqa: ANN001, ANN201
        return ("bin", c[0], tuple((str(c[i]), c[i + 1]) for i in range(1, len(c), 2)))

    def or_(self, c):  # noqa: ANN001, ANN201
        return ("or", tuple(c))

    def and_(self, c):  # noqa: ANN001, ANN201
        return ("and", tuple(c))


_PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual", transformer=_Build(), maybe_placeholders=True)


@dataclass(frozen=True, eq=False)
class Expression:
    text: str
    tree: tuple
    references: frozenset[str]  # the ${names} used (and the field jr:choice-name names)
    uses_current: bool  # uses "."
    bare_names: frozenset[str]  # bare names (choice columns in a choice_filter)
    functions: frozenset[str]

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


@dataclass
class EvalContext:
    resolve: Callable[[str], Any]  # value of ${name}: None/str/int/float/bool, or a list (a node-set)
    current: Any = None  # value of "."
    now: datetime | None = None  # for today()/now(); default datetime.now()
    choice_label: Callable[[str, str], str | None] | None = None  # (field, choice name) -> label
    position: int | None = None  # 1-based row in the current repeat, for position(..)
    column: Callable[[str], Any] | None = None  # value of a bare name, e.g. a choice's column
    resolve_all: Callable[[str], Any] | None = None  # ${name} across all rows (indexed-repeat)


def _error(key: str, text: str, **values: object) -> ExpressionError:
    return ExpressionError(key, text=_shorten(text), **values)


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _paren_depth(text: str) -> int:
    depth = deepest = 0
    quote = ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest


def _syntax_error(text: str, exc: LarkError) -> ExpressionError:
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        return _error("expr.incomplete", text, column=len(text) + 1)
    column = getattr(exc, "column", 0) or 0
    if isinstance(exc, UnexpectedCharacters):
        token = text[exc.pos_in_stream]
        if token in "'\"":
            return _error("expr.unclosed_quote", text, column=column, token=token)
        if token == "/":
            return _error("expr.path", text, column=column)
        return _error("expr.bad_character", text, column=column, token=token)
    if isinstance(exc, UnexpectedToken):
        return _error("expr.unexpected", text, column=column, token=str(exc.token))
    return _error("expr.syntax", text, column=column)


def parse(text: str) -> Expression:
    """The parsed expression (cached); raises ExpressionError."""
    if not isinstance(text, str) or not text.strip():
        raise _error("expr.empty", text if isinstance(text, str) else "")
    return _parse(text)


@lru_cache(maxsize=4096)
def _parse(text: str) -> Expression:
    if len(text) > MAX_LENGTH:
        raise _error("expr.too_long", text, limit=MAX_LENGTH)
    if _paren_depth(text) > MAX_DEPTH:
        raise _error("expr.too_deep", text, limit=MAX_DEPTH)
    try:
        tree = _PARSER.parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    except (LarkError, RecursionError) as exc:
        raise _error("expr.syntax", text, column=0) from exc
    refs: set[str] = set()
    bare: set[str] = set()
    funcs: set[str] = set()
    uses_current = _check(tree, text, refs, bare, funcs)
    return Expression(text, tree, frozenset(refs), uses_current, frozenset(bare), frozenset(funcs))


def _check(tree: tuple, text: str, refs: set[str], bare: set[str], funcs: set[str]) -> bool:
    """Check function names, argument counts, ``..`` and literal regex patterns; collect names."""
    uses_current = False
    stack: list[tuple[tuple, str | None]] = [(tree, None)]
    while stack:
        node, parent_call = stack.pop()
        kind = node[0]
        if kind == "ref":
            refs.add(node[1])
        elif kind == "bare":
            bare.add(node[1])
        elif kind == "cur":
            uses_current = True
        elif kind == "parent" and parent_call != "position":
            raise _error("expr.parent_path", text)
        elif kind == "call":
            _check_call(node, text, refs, funcs)
            stack.extend((arg, node[1]) for arg in node[2])
        elif kind == "neg":
            stack.append((node[2], None))
        elif kind == "bin":
            stack.append((node[1], None))
            stack.extend((operand, None) for _op, operand in node[2])
        elif kind in ("or", "and"):
            stack.extend((operand, None) for operand in node[1])
    return uses_current


def _check_call(node: tuple, text: str, refs: set[str], funcs: set[str]) -> None:
    name, args = node[1], node[2]
    func = FUNCTIONS.get(name)
    if func is None:
        raise _error("expr.unknown_function", text, name=name)
    if len(args) < func.min_args or (func.max_args is not None and len(args) > func.max_args):
        if func.max_args is None:
            expected = f"{func.min_args}+"
        elif func.min_args == func.max_args:
            expected = str(func.min_args)
        else:
            expected = f"{func.min_args}–{func.max_args}"
        raise _error("expr.arity", text, name=name, expected=expected, given=len(args))
    funcs.add(name)
    if name == "jr:choice-name" and (field := field_named_by(args[1])):
        refs.add(field)
    if name == "regex" and args[1][0] == "str":
        try:
            xpath_regex.compile_pattern(args[1][1])
        except xpath_regex.RegexRejected as exc:
            raise _error("expr.regex_rejected", text, pattern=_shorten(args[1][1], 80), reason=str(exc)) from None


# --- evaluation ----------------------------------------------------------------------------------


class _Env:
    __slots__ = ("ctx", "regex_cost")

    def __init__(self, ctx: EvalContext) -> None:
        self.ctx = ctx
        self.regex_cost = 0  # work spent in regex() so far (see xpath_functions.REGEX_BUDGET)

    def value_of(self, node: tuple) -> Any:
        return _EVAL[node[0]](self, node)


def evaluate(expr: Expression | str, ctx: EvalContext) -> Any:
    """The raw XPath value: str (DateValue included) | float | bool | NodeSet. Raises ExpressionError."""
    if not isinstance(expr, Expression):
        expr = parse(expr)
    try:
        return _Env(ctx).value_of(expr.tree)
    except ExpressionError:
        raise
    except Fail as exc:
        raise _error(exc.key, expr.text, **exc.values) from None
    except RecursionError:
        raise _error("expr.too_deep", expr.text, limit=MAX_DEPTH) from None
    except Exception as exc:  # noqa: BLE001 - any slip inside becomes a clean, reported error
        raise _error("expr.failed", expr.text, detail=f"{type(exc).__name__}: {_shorten(str(exc), 120)}") from exc


def _eval_call(env: _Env, node: tuple) -> Any:
    func = FUNCTIONS[node[1]]
    if func.lazy:
        result = func.impl(env, node[2])
    else:
        result = func.impl(env, [env.value_of(arg) for arg in node[2]])
    if isinstance(result, str) and len(result) > MAX_STRING:
        raise Fail("expr.result_too_long", limit=MAX_STRING)
    return result


def _eval_column(env: _Env, node: tuple) -> Any:
    if env.ctx.column is None:
        return NodeSet()  # a relative path with no such child: an empty node-set, as in XPath
    return normalise(env.ctx.column(node[1]))


def _eval_negate(env: _Env, node: tuple) -> float:
    x = to_number(env.value_of(node[2]))
    return -x if node[1] % 2 else x


def _eval_or(env: _Env, node: tuple) -> bool:
    return any(to_boolean(env.value_of(operand)) for operand in node[1])


def _eval_and(env: _Env, node: tuple) -> bool:
    return all(to_boolean(env.value_of(operand)) for operand in node[1])


def _eval_binary(env: _Env, node: tuple) -> Any:
    left = env.value_of(node[1])
    for op, operand in node[2]:
        left = _OPERATORS[op](left, env.value_of(operand))
    return left


def _divide(a: Any, b: Any) -> float:
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or math.isnan(x):
            return NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _modulo(a: Any, b: Any) -> float:
    """The sign of the dividend, as C's fmod and JavaScript's %."""
    x, y = to_number(a), to_number(b)
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or y == 0:
        return NAN
    return x if math.isinf(y) else math.fmod(x, y)


def _scalar_compare(op: str, a: Any, b: Any) -> bool:
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            same = to_boolean(a) == to_boolean(b)
        elif is_numeric(a) or is_numeric(b):
            same = to_number(a) == to_number(b)
        else:
            same = to_string(a) == to_string(b)
        return same if op == "=" else not same
    x, y = to_number(a), to_number(b)
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


def _compare(op: str, a: Any, b: Any) -> bool:
    """XPath: with a node-set, true when some node compares true (a boolean compares with the
    node-set's boolean); otherwise booleans first, then numbers, then strings for = and !=, and
    numbers for < <= > >=. NaN compares false."""
    a_set, b_set = isinstance(a, NodeSet), isinstance(b, NodeSet)
    if not (a_set or b_set):
        return _scalar_compare(op, a, b)
    if isinstance(a, bool) or isinstance(b, bool):
        return _scalar_compare(op, to_boolean(a), to_boolean(b))
    lefts = a if a_set else [a]
    rights = b if b_set else [b]
    as_text = op in ("=", "!=") and a_set and b_set
    return any(
        _scalar_compare(op, to_string(x) if as_text else x, to_string(y) if as_text else y)
        for x in lefts for y in rights
    )


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: to_number(a) + to_number(b),
    "-": lambda a, b: to_number(a) - to_number(b),
    "*": lambda a, b: to_number(a) * to_number(b),
    "div": _divide,
    "mod": _modulo,
    **{op: (lambda a, b, op=op: _compare(op, a, b)) for op in ("=", "!=", "<", "<=", ">", ">=")},
}

_EVAL: dict[str, Callable[[_Env, tuple], Any]] = {
    "num": lambda env, node: node[1],
    "str": lambda env, node: node[1],
    "ref": lambda env, node: normalise(env.ctx.resolve(node[1])),
    "cur": lambda env, node: normalise(env.ctx.current),
    "parent": lambda env, node: "",
    "bare": _eval_column,
    "call": _eval_call,
    "neg": _eval_negate,
    "bin": _eval_binary,
    "or": _eval_or,
    "and": _eval_and,
}
