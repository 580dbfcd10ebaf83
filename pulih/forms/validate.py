"""Answers against a form definition: one evaluation of a form's whole state, used alike by the
server's validation (``validate``), the importers (``coerce``) and the live Streamlit renderer
(``evaluate_form``).

Addressing. Each field *instance* has a key: ``"age"`` at top level, ``"members[2].age"`` in the
second row of repeat ``members`` (rows count from 1 in keys and messages), and
``"households[1].members[2].age"`` in nested repeats. A repeat's own key is ``"members"`` (or
``"households[1].members"``). ``FieldState.path`` holds the same rows 0-based, outermost first;
``key_of(form, name, path)`` builds a key from a name and a path. Error keys are these keys; a
repeat row that is not an object is reported at ``"members[2]"`` and answers that are not an
object at all at ``"_form"``.

Order of evaluation: relevance, row counts, read-only flags and values (input, default or
calculation) are settled field by field in dependency order (a field after the fields its
relevant / calculation / read_only / default / repeat_count refer to, and after its group);
required, choices, constraints and errors come after, when every value is known. A dependency
cycle (which the loader refuses) is settled by repeating the pass a few times.

Rules, as ODK applies them:

* An irrelevant field (or one in an irrelevant group or repeat) has no value: it is empty for
  other expressions, has no error and is dropped from data.
* A value comes from the ``calculation`` when there is one; else, for a read-only field, from the
  ``default``; else from the input; a field missing from the input gets its ``default`` (a key that
  is present but empty stays empty). A default is an expression (e.g. ``today()``) when pyxform
  says it is dynamic (``${...}``, a function call, arithmetic); otherwise it is a literal answer.
* ``required`` and ``read_only``: ``yes``/``true()`` or an expression. Constraints are checked only
  on non-empty answers, with ``.`` the typed answer. The form's required_message /
  constraint_message (in the chosen language) replaces the default message.
* choice_filter is evaluated once per choice; bare names are that choice's columns: ``name``,
  ``label`` (in the chosen language) and the extra columns of the choices sheet, so
  ``district = ${district}`` keeps the choices whose district column equals the answer.
  An answer not among the filtered choices is an error.
* select_multiple ``parameters`` ``min=`` / ``max=`` limit how many choices may be ticked.
* A repeat has as many rows as its ``repeat_count`` says (missing rows are added empty, extra
  rows ignored), else as many as the input has (at most ``MAX_ROWS``).
* An expression that fails while evaluating never stops validation: a failing relevant,
  required or read_only counts as false, a failing constraint as not met, a failing calculation
  or default as empty; the messages are in ``FormState.expression_errors``.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from dataclasses import dataclass, field as dataclass_field
from datetime import datetime
from typing import Any, Iterator

from pyxform.utils import default_is_dynamic

from pulih.forms.answer_types import AnswerError, check_choices, coerce, tidy_number
from pulih.forms.expr import (
    EvalContext,
    Expression,
    ExpressionError,
    NodeSet,
    evaluate,
    normalise,
    parse,
    to_boolean,
    to_number,
    to_string,
)
from pulih.forms.model import Choice, Field, FormDef, pick
from pulih.i18n import t

__all__ = [
    "AnswerError", "FieldState", "FormState", "ValidationResult", "coerce", "defaults", "defaults_for_row",
    "evaluate_form", "key_of", "validate",
]

MAX_ROWS = 500  # rows of one repeat
MAX_TOTAL_ROWS = 5_000  # rows of all repeats of a submission together
_PASSES_FOR_CYCLES = 4
_NOT_STORED = ("note", "unsupported", "group", "repeat")
_FLAG_TRUE = {"yes", "true", "true()", "1", "ya"}
_FLAG_FALSE = {"no", "false", "false()", "0", "tidak"}
_DYNAMIC_DEFAULT = re.compile(r"\$\{|[A-Za-z_][\w:.\-]*\s*\(")
_REF = re.compile(r"\$\{([^\s{}]+)\}")
_FAILED = object()


@dataclass
class FieldState:
    """One field instance as the renderer shows it and the validator judges it."""

    key: str
    field: Field
    path: tuple[int, ...] = ()
    relevant: bool = True
    required: bool = False
    read_only: bool = False
    value: Any = None  # as stored in data; None when empty, irrelevant or invalid
    raw: Any = None  # the input as given (to show a wrong answer back)
    error: str | None = None
    label: str = ""  # in the chosen language, ${...} replaced by current values
    hint: str = ""
    choices: list[Choice] | None = None  # selects: the choices offered (choice_filter applied)
    choice_labels: list[tuple[str, str]] = dataclass_field(default_factory=list)  # (name, label)
    rows: int = 0  # repeats: number of rows

    @property
    def name(self) -> str:
        return self.field.name


@dataclass
class FormState:
    form: FormDef
    lang: str
    fields: dict[str, FieldState]  # every instance (groups and repeats included), in form order
    data: dict[str, Any]  # relevant answers without an error, and calculations, as stored
    errors: dict[str, str]  # instance key -> message
    expression_errors: list[str] = dataclass_field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __getitem__(self, key: str) -> FieldState:
        return self.fields[key]

    def get(self, key: str) -> FieldState | None:
        return self.fields.get(key)

    def instances(self, name: str) -> list[FieldState]:
        """Every instance of field ``name``, in row order."""
        return [s for s in self.fields.values() if s.field.name == name]


@dataclass
class ValidationResult:
    ok: bool
    data: dict[str, Any]  # empty when not ok: nothing half-valid is ever handed on
    errors: dict[str, str]


@dataclass
class _Meta:
    field: Field
    order: int
    parent: str | None  # the group or repeat directly around it
    repeats: tuple[str, ...]  # enclosing repeats, outermost first
    exprs: dict[str, Expression | ExpressionError | bool]
    default: Any = None  # a literal answer, an Expression, an ExpressionError, or None


def _flag_or_expression(text: str | None) -> Expression | ExpressionError | bool | None:
    if text is None or not str(text).strip():
        return None
    lowered = str(text).strip().lower()
    if lowered in _FLAG_TRUE:
        return True
    if lowered in _FLAG_FALSE:
        return False
    try:
        return parse(str(text))
    except ExpressionError as exc:
        return exc


def _is_dynamic(text: str, field_type: str) -> bool:
    """pyxform's rule, so that loader and validator agree: ${...}, a function call, brackets or
    arithmetic make a default an expression (a "-" does not, for dates)."""
    try:
        return default_is_dynamic(text, {"date": "date", "datetime": "dateTime", "time": "time"}.get(field_type))
    except Exception:  # noqa: BLE001 - pyxform's lexer on odd text; fall back to our simpler rule
        return bool(_DYNAMIC_DEFAULT.search(text))


def _default_of(f: Field) -> Any:
    if f.default is None or str(f.default) == "":
        return None
    text = str(f.default)
    if _is_dynamic(text, f.type):
        try:
            return parse(text)
        except ExpressionError as exc:
            return exc
    try:
        return coerce(f, text)
    except AnswerError:
        return None


def _metas(form: FormDef) -> dict[str, _Meta]:
    metas: dict[str, _Meta] = {}

    def visit(fields: list[Field], parent: str | None, repeats: tuple[str, ...]) -> None:
        for f in fields:
            exprs = {column: _flag_or_expression(getattr(f, column)) for column in (
                "relevant", "required", "read_only", "constraint", "choice_filter", "repeat_count", "calculation")}
            exprs = {column: e for column, e in exprs.items() if e is not None}
            metas.setdefault(f.name, _Meta(f, len(metas), parent, repeats, exprs, _default_of(f)))
            visit(f.children, f.name, repeats + ((f.name,) if f.type == "repeat" else ()))

    visit(form.fields, None, ())
    return metas


def _order(metas: dict[str, _Meta]) -> tuple[list[str], bool]:
    """Field names so that each comes after what its value depends on; True when there is a cycle."""
    needs: dict[str, set[str]] = {}
    for name, m in metas.items():
        deps: set[str] = {m.parent} if m.parent else set()
        for column in ("relevant", "calculation", "read_only", "repeat_count"):
            if isinstance(e := m.exprs.get(column), Expression):
                deps |= e.references
        if isinstance(m.default, Expression):
            deps |= m.default.references
        needs[name] = {d for d in deps if d in metas and d != name}
    users: dict[str, list[str]] = {name: [] for name in metas}
    for name, deps in needs.items():
        for d in deps:
            users[d].append(name)
    waiting = {name: len(deps) for name, deps in needs.items()}
    ready = [(metas[n].order, n) for n, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for user in users[name]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, (metas[user].order, user))
    rest = sorted((n for n in metas if n not in set(order)), key=lambda n: metas[n].order)
    return order + rest, bool(rest)


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    k = 0
    while k < len(a) and k < len(b) and a[k] == b[k]:
        k += 1
    return k


def key_of(form_or_metas: FormDef | dict[str, _Meta], name: str, path: tuple[int, ...] = ()) -> str:
    """The instance key of field ``name`` at ``path`` (0-based rows), e.g. "members[2].age"."""
    metas = form_or_metas if isinstance(form_or_metas, dict) else _metas(form_or_metas)
    parts = [f"{repeat}[{i + 1}]" for repeat, i in zip(metas[name].repeats, path)]
    return ".".join(parts + [name])


class _Run:
    """One evaluation of a form with a set of answers."""

    def __init__(self, form: FormDef, answers: Any, now: datetime | None, lang: str) -> None:
        self.form, self.now, self.lang = form, now, lang
        self.answers = answers if isinstance(answers, dict) else {}
        self.metas = _metas(form)
        self.relevant: dict[tuple[str, tuple], bool] = {}
        self.read_only: dict[tuple[str, tuple], bool] = {}
        self.values: dict[tuple[str, tuple], Any] = {}
        self.raws: dict[tuple[str, tuple], Any] = {}
        self.rows: dict[tuple[str, tuple], int] = {}
        self.input_errors: dict[tuple[str, tuple], AnswerError] = {}
        self.errors: dict[str, str] = {}
        self.expression_errors: list[str] = []
        self.total_rows = 0
        if not isinstance(answers, dict):
            self.errors["_form"] = t("answer.not_object", lang)

    # --- walking instances and input -------------------------------------------------------------

    def paths(self, repeats: tuple[str, ...], base: tuple[int, ...] = ()) -> Iterator[tuple[int, ...]]:
        if len(base) >= len(repeats):
            yield base
            return
        for i in range(self.rows.get((repeats[len(base)], base), 0)):
            yield from self.paths(repeats, base + (i,))

    def key(self, name: str, path: tuple[int, ...]) -> str:
        return key_of(self.metas, name, path)

    def row_input(self, repeats: tuple[str, ...], path: tuple[int, ...]) -> dict:
        row: Any = self.answers
        for repeat, i in zip(repeats, path):
            rows = _rows_of(row.get(repeat))
            row = rows[i] if rows is not None and i < len(rows) and isinstance(rows[i], dict) else {}
        return row

    # --- expressions -----------------------------------------------------------------------------

    def ctx(self, m: _Meta, path: tuple[int, ...], current: Any = None, column: Any = None) -> EvalContext:
        return EvalContext(
            resolve=lambda name: self.resolve(name, m.repeats, path, all_rows=False),
            current=current,
            now=self.now,
            choice_label=self.choice_label,
            position=path[-1] + 1 if path else None,
            column=column,
            resolve_all=lambda name: self.resolve(name, m.repeats, path, all_rows=True),
        )

    def run(self, expr: Expression | ExpressionError | bool, ctx: EvalContext) -> Any:
        if isinstance(expr, bool):
            return expr
        problem = expr if isinstance(expr, ExpressionError) else None
        if problem is None:
            try:
                return evaluate(expr, ctx)
            except ExpressionError as exc:
                problem = exc
        message = problem.message(self.lang)
        if message not in self.expression_errors:
            self.expression_errors.append(message)
        return _FAILED

    def flag(self, m: _Meta, column: str, ctx: EvalContext, default: bool) -> bool:
        expr = m.exprs.get(column)
        if expr is None:
            return default
        result = self.run(expr, ctx)
        return False if result is _FAILED else to_boolean(result)

    def resolve(self, name: str, repeats: tuple[str, ...], path: tuple[int, ...], *, all_rows: bool) -> Any:
        """${name} seen from an instance: the same row's value for a field of the same repeat, all
        rows' values (a node-set) for a field in a repeat around which the instance is not."""
        target = self.metas.get(name)
        if target is None:
            return None
        k = _common(target.repeats, repeats)
        if all_rows and target.repeats:
            k = min(k, len(target.repeats) - 1)
        base = path[:k]
        if target.field.type == "repeat":
            return NodeSet("" for _ in self.paths(target.repeats + (name,), base))
        if target.field.type == "group":
            return ""
        if len(target.repeats) == k:
            return self.value_of(name, base)
        return NodeSet(normalise(self.value_of(name, p)) for p in self.paths(target.repeats, base))

    def value_of(self, name: str, path: tuple[int, ...]) -> Any:
        return self.values.get((name, path)) if self.relevant.get((name, path), True) else None

    def choice_label(self, field_name: str, choice_name: str) -> str | None:
        m = self.metas.get(field_name)
        for choice in self.form.choices.get(m.field.list_name or "", []) if m else []:
            if choice.name == choice_name:
                return pick(choice.label, self.lang, choice.name)
        return None

    def interpolate(self, text: str, m: _Meta, path: tuple[int, ...]) -> str:
        if "${" not in text:
            return text
        return _REF.sub(lambda mo: to_string(normalise(self.resolve(mo.group(1), m.repeats, path, all_rows=False))),
                        text)

    # --- values ----------------------------------------------------------------------------------

    def settle(self, name: str) -> None:
        m = self.metas[name]
        for path in list(self.paths(m.repeats)):
            key = (name, path)
            ctx = self.ctx(m, path)
            parent_relevant = True
            if m.parent is not None:
                parent = self.metas[m.parent]
                parent_relevant = self.relevant.get((m.parent, path[: len(parent.repeats)]), True)
            self.relevant[key] = relevant = parent_relevant and self.flag(m, "relevant", ctx, True)
            if m.field.type == "repeat":
                self.rows[key] = self.row_count(m, path, ctx)
            elif m.field.type != "group":
                self.read_only[key] = read_only = self.flag(m, "read_only", ctx, False)
                self.values[key] = self.value(m, path, ctx, read_only) if relevant else None

    def value(self, m: _Meta, path: tuple[int, ...], ctx: EvalContext, read_only: bool) -> Any:
        f = m.field
        if "calculation" in m.exprs:
            return _stored(f, self.run(m.exprs["calculation"], ctx))
        if f.type in ("note", "unsupported"):
            return None
        row = self.row_input(m.repeats, path)
        if read_only or f.name not in row:
            return self.default(m, ctx)
        self.raws[(f.name, path)] = raw = row[f.name]
        self.input_errors.pop((f.name, path), None)
        try:
            return coerce(f, raw)
        except AnswerError as exc:
            self.input_errors[(f.name, path)] = exc
            return None

    def default(self, m: _Meta, ctx: EvalContext) -> Any:
        if isinstance(m.default, (Expression, ExpressionError)):
            return _stored(m.field, self.run(m.default, ctx))
        return m.default

    def row_count(self, m: _Meta, path: tuple[int, ...], ctx: EvalContext) -> int:
        key = self.key(m.field.name, path)
        given = _rows_of(self.row_input(m.repeats, path).get(m.field.name))
        if given is None:
            self.errors[key] = t("answer.not_rows", self.lang)
            given = []
        for i, row in enumerate(given[:MAX_ROWS]):
            if not isinstance(row, dict):
                self.errors[f"{key}[{i + 1}]"] = t("answer.not_row", self.lang)
        if "repeat_count" in m.exprs:
            result = self.run(m.exprs["repeat_count"], ctx)
            count = 0.0 if result is _FAILED else to_number(result)
            count = int(count) if count == count and count > 0 else 0
        else:
            count = len(given)
        if count > MAX_ROWS or self.total_rows + count > MAX_TOTAL_ROWS:
            self.errors[key] = t("answer.too_many_rows", self.lang, limit=MAX_ROWS)
            count = max(0, min(count, MAX_ROWS, MAX_TOTAL_ROWS - self.total_rows))
        self.total_rows += count
        return count

    # --- judging ---------------------------------------------------------------------------------

    def choices(self, m: _Meta, path: tuple[int, ...]) -> list[Choice]:
        offered = self.form.choices.get(m.field.list_name or "", [])
        if "choice_filter" not in m.exprs:
            return list(offered)
        return [c for c in offered if self.flag(m, "choice_filter", self.ctx(m, path, column=self.column_of(c)), False)]

    def column_of(self, choice: Choice):  # noqa: ANN201
        def column(name: str) -> Any:
            if name == "name":
                return choice.name
            if name == "label" or name.startswith("label::"):
                return pick(choice.label, name.partition("::")[2] or self.lang, choice.name)
            return choice.extra.get(name, "")

        return column

    def state(self, m: _Meta, path: tuple[int, ...]) -> FieldState:
        f, key = m.field, (m.field.name, path)
        relevant = self.relevant.get(key, True)
        state = FieldState(
            key=self.key(f.name, path), field=f, path=path, relevant=relevant,
            read_only=self.read_only.get(key, False), value=self.values.get(key), raw=self.raws.get(key),
            label=self.interpolate(pick(f.label, self.lang, f.name), m, path),
            hint=self.interpolate(pick(f.hint, self.lang), m, path), rows=self.rows.get(key, 0),
        )
        if not relevant or f.type in _NOT_STORED:
            return state
        if f.type in ("select_one", "select_multiple"):
            state.choices = self.choices(m, path)
            state.choice_labels = [(c.name, pick(c.label, self.lang, c.name)) for c in state.choices]
        judged = not state.read_only and "calculation" not in m.exprs and f.type not in ("calculate", "hidden")
        if judged:
            state.required = self.flag(m, "required", self.ctx(m, path), False)
            state.error = self.error(m, path, state)
        return state

    def error(self, m: _Meta, path: tuple[int, ...], state: FieldState) -> str | None:
        f = m.field
        if (f.name, path) in self.input_errors:
            return self.input_errors[(f.name, path)].message(self.lang)
        if state.value is None:
            return (pick(f.required_message, self.lang) or t("answer.required", self.lang)) if state.required else None
        if state.choices is not None:
            try:
                check_choices(f, state.value, state.choices)
            except AnswerError as exc:
                return exc.message(self.lang)
        if "constraint" in m.exprs and not self.flag(m, "constraint", self.ctx(m, path, current=state.value), False):
            return pick(f.constraint_message, self.lang) or t("answer.constraint_failed", self.lang)
        return None

    def data(self, fields: list[Field], path: tuple[int, ...], wrong: set[tuple[str, tuple]]) -> dict[str, Any]:
        """The answers as stored: relevant, non-empty and without an error (``wrong``)."""
        out: dict[str, Any] = {}
        for f in fields:
            key = (f.name, path)
            if not self.relevant.get(key, True) or key in wrong:
                continue
            if f.type == "group":
                out.update(self.data(f.children, path, wrong))
            elif f.type == "repeat":
                if count := self.rows.get(key, 0):
                    out[f.name] = [self.data(f.children, path + (i,), wrong) for i in range(count)]
            elif f.type not in _NOT_STORED and self.values.get(key) is not None:
                out[f.name] = self.values[key]
        return out


def _rows_of(value: Any) -> list | None:
    """A repeat's input rows: a list (of objects), or the same as JSON text; None when neither."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return list(value) if isinstance(value, (list, tuple)) else None


def _stored(f: Field, result: Any) -> Any:
    """An expression's result as field ``f`` stores it (None when empty, failed or not a number)."""
    if result is _FAILED or result is None:
        return None
    if isinstance(result, NodeSet):
        result = result[0] if result else ""
    if isinstance(result, float) and not math.isfinite(result):
        return None
    if f.type in ("calculate", "hidden") and isinstance(result, float):
        return tidy_number(result)
    if f.type in ("calculate", "hidden", "note", "unsupported", "text"):
        text = to_string(result)
        return text if text != "" else None
    if f.type == "integer":
        number = to_number(result)
        return int(number) if number == number and abs(number) < 1e15 else None
    try:
        return coerce(f, to_string(result))
    except AnswerError:
        return None


def evaluate_form(form: FormDef, answers: dict, *, now: datetime | None = None, lang: str = "id") -> FormState:
    """The state of every field instance for these answers: relevance, values, choices, errors."""
    run = _Run(form, answers, now, lang)
    order, cyclic = _order(run.metas)
    for _ in range(_PASSES_FOR_CYCLES if cyclic else 1):
        before = (dict(run.relevant), dict(run.values), dict(run.rows))
        run.total_rows = 0
        for name in order:
            run.settle(name)
        if cyclic and before == (run.relevant, run.values, run.rows):
            break
    fields: dict[str, FieldState] = {}

    def visit(items: list[Field], path: tuple[int, ...]) -> None:
        for f in items:
            state = run.state(run.metas[f.name], path)
            fields[state.key] = state
            if f.type == "repeat":
                for i in range(state.rows):
                    visit(f.children, path + (i,))
            else:
                visit(f.children, path)

    visit(form.fields, ())
    errors = dict(run.errors)
    errors.update({key: s.error for key, s in fields.items() if s.error})
    wrong = {(s.field.name, s.path) for s in fields.values() if s.error}
    return FormState(form, lang, fields, run.data(form.fields, (), wrong), errors, run.expression_errors)


def validate(form: FormDef, answers: dict, *, now: datetime | None = None, lang: str = "id") -> ValidationResult:
    """Validate one submission: all errors together, keyed by instance key; data only when ok."""
    state = evaluate_form(form, answers, now=now, lang=lang)
    return ValidationResult(ok=state.ok, data=state.data if state.ok else {}, errors=state.errors)


def _defaults_at(form: FormDef, repeats: tuple[str, ...], now: datetime | None) -> dict[str, Any]:
    run = _Run(form, {}, now, "id")
    path = tuple(0 for _ in repeats)
    out: dict[str, Any] = {}
    for name, m in run.metas.items():
        if m.repeats != repeats or m.default is None or m.field.type in _NOT_STORED:
            continue
        value = run.default(m, run.ctx(m, path))
        if value is not None:
            out[name] = run.values[(name, path)] = value
    return out


def defaults(form: FormDef, now: datetime | None = None) -> dict[str, Any]:
    """Initial answers from the default column, for the fields outside repeats."""
    return _defaults_at(form, (), now)


def defaults_for_row(form: FormDef, repeat: str, now: datetime | None = None) -> dict[str, Any]:
    """Initial answers of a new row of ``repeat`` (its own fields, not those of nested repeats)."""
    metas = _metas(form)
    if repeat not in metas or metas[repeat].field.type != "repeat":
        return {}
    return _defaults_at(form, metas[repeat].repeats + (repeat,), now)
