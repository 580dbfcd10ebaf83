"""Problems in a form definition, and Pulih's own checks on top of pyxform's.

pyxform stops at the first error and does not parse expressions (it accepts ``(. > 3 and``);
these checks run on the sheet rows as pyxform reads them (headers de-aliased, translations
grouped, row numbers as in the spreadsheet) and report every problem at once. pyxform's own
error, when there is one, is turned into a Problem too (``problem_from_pyxform``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pyxform import aliases as px_aliases
from pyxform.utils import default_is_dynamic

from pulih.forms import types
from pulih.forms.model import ENTITIES
from pulih.i18n import t


@dataclass
class Problem:
    """One thing wrong with a definition: where (sheet, spreadsheet row, column) and what (a
    catalogue key with its values). A value with a ``message(lang)`` method (an ExpressionError)
    is shown in the reader's language."""

    sheet: str = ""
    row: int | None = None
    column: str = ""
    key: str = "form.pyxform"
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def is_notice(self) -> bool:
        """A notice (``form.notice.*``) is told to the admin but does not refuse the form."""
        return self.key.startswith("form.notice.")

    def where(self, lang: str | None = None) -> str:
        if self.key == "form.pyxform":  # pyxform's text names sheet and column itself
            return t("form.where.row_only", lang, row=self.row) if self.row else ""
        if self.row and self.sheet:
            kind = "form.where.row_column" if self.column else "form.where.row"
        elif self.sheet:
            kind = "form.where.column" if self.column else "form.where.sheet"
        else:
            return t("form.where.row_only", lang, row=self.row) if self.row else ""
        return t(kind, lang, sheet=self.sheet, row=self.row, column=self.column)

    def message(self, lang: str | None = None) -> str:
        values = {k: (v.message(lang) if hasattr(v, "message") else v) for k, v in self.values.items()}
        # "_" makes t() format even a message without values, so "{{" always becomes "{".
        return self.where(lang) + t(self.key, lang, **values, _=None)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        return {**where, "key": self.key, "message": self.message(lang)}


class FormDefinitionError(Exception):
    """A definition Pulih refuses, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(self.messages("en")))

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]

    def message(self, lang: str | None = None) -> str:
        return "\n".join(self.messages(lang))


@dataclass
class Sheets:
    """The sheets as pyxform reads them, for our checks."""

    survey: list[dict] = field(default_factory=list)  # de-aliased rows, each with "__row"
    choice_lists: set[str] = field(default_factory=set)
    external_lists: set[str] = field(default_factory=set)
    settings: dict[str, Any] = field(default_factory=dict)
    entities: list[dict] = field(default_factory=list)  # de-aliased rows, each with "__row"


# Column shown in messages -> where pyxform puts it in a de-aliased row.
EXPRESSION_COLUMNS = (
    ("relevant", ("bind", "relevant")),
    ("constraint", ("bind", "constraint")),
    ("calculation", ("bind", "calculate")),
    ("required", ("bind", "required")),
    ("read_only", ("bind", "readonly")),
    ("choice_filter", ("choice_filter",)),
    ("repeat_count", ("control", "jr:count")),
    ("default", ("default",)),
)
DEMOTING_COLUMNS = ("calculation", "choice_filter")
SAVE_TO = ("bind", "entities:saveto")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def cell(row: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(row, dict):
            return None
        row = row.get(key)
    return row


def question_rows(sheets: Sheets) -> Iterator[tuple[dict, types.TypeInfo, list[tuple[str, str]]]]:
    """(row, its type, the enclosing groups/repeats as (kind, name), outermost first) for every
    row that is a question, group or repeat."""
    stack: list[tuple[str, str]] = []
    for row in sheets.survey:
        raw = row.get("type")
        if not raw or px_aliases.yes_no.get(row.get("disabled", "no"), False):
            continue
        if raw in px_aliases.settings_header:  # a setting written on the survey sheet
            continue
        info = types.classify(raw)
        if info.structure == "end":
            if stack:
                stack.pop()
            continue
        yield row, info, list(stack)
        if info.structure == "begin":
            stack.append((info.type or "", str(row.get("name") or "")))


def run_checks(sheets: Sheets) -> list[Problem]:
    problems: list[Problem] = []
    for check in (check_types, check_names, check_lists, check_expressions, check_cycles, check_entity):
        problems.extend(check(sheets))
    return problems


def check_types(sheets: Sheets) -> Iterator[Problem]:
    for row, info, _ in question_rows(sheets):
        formula = cell(row, ("bind", "calculate")) or default_is_dynamic(row.get("default"))
        if info.type == "calculate" and not formula:
            values = {"name": row.get("name", "?")}
            yield Problem("survey", row["__row"], "calculation", "form.calculation_missing", values)
        if info.type is not None:
            continue
        where = {"sheet": "survey", "row": row["__row"], "column": "type"}
        if info.raw.split(" ")[0] == "include":
            yield Problem(**where, key="form.include_unsupported")
        elif hint := types.suggestion(info.raw):
            yield Problem(**where, key="form.type_unknown_case", values={"type": info.raw, "suggestion": hint})
        else:
            yield Problem(**where, key="form.type_unknown", values={"type": info.raw})


def check_names(sheets: Sheets) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for row, _, _ in question_rows(sheets):
        name = row.get("name")
        if not name:
            continue
        if name in first:
            values = {"name": name, "first_row": first[name]}
            yield Problem("survey", row["__row"], "name", "form.name_duplicate", values)
        else:
            first[name] = row["__row"]


def check_lists(sheets: Sheets) -> Iterator[Problem]:
    for row, info, _ in question_rows(sheets):
        if not info.command or info.command in px_aliases.select_from_file:
            continue
        known = sheets.choice_lists | (sheets.external_lists if "external" in info.command else set())
        if info.list_name not in known:
            yield Problem("survey", row["__row"], "type", "form.list_unknown", {"list": info.list_name})


def _expression_module():
    try:
        expr = importlib.import_module("pulih.forms.expr")
    except ModuleNotFoundError as exc:  # written by a sibling; until it lands, references only
        if exc.name != "pulih.forms.expr":
            raise
        return None
    return expr


def expressions(row: dict, info: types.TypeInfo) -> Iterator[tuple[str, str]]:
    """(column, text) of each expression a row holds; yes/no and static defaults are not expressions."""
    for column, path in EXPRESSION_COLUMNS:
        text = cell(row, path)
        if not isinstance(text, str) or not text.strip():
            continue
        if column in ("required", "read_only") and text in px_aliases.yes_no:
            continue
        pyxform_type = {"date": "date", "datetime": "dateTime"}.get(info.type or "")
        if column == "default" and not default_is_dynamic(text, pyxform_type):
            continue
        yield column, text


def check_expressions(sheets: Sheets) -> Iterator[Problem]:
    """Every expression parses and names only questions that exist. A calculation or choice_filter
    Pulih cannot parse (pyxform's own examples have prose and pulldata() there) does not refuse
    the form: its question becomes unsupported, with a notice; anything else that guards the
    data (constraint, relevant, required ...) is refused."""
    expr = _expression_module()
    rows = list(question_rows(sheets))
    names = {row["name"] for row, _, _ in rows if row.get("name")}
    for row, info, _ in rows:
        for column, text in expressions(row, info):
            where = ("survey", row["__row"], column)
            if expr is not None:
                try:
                    references = expr.parse(text).references
                except expr.ExpressionError as exc:
                    if column in DEMOTING_COLUMNS and not info.structure:
                        values = {"expression": text, "detail": exc, "name": row.get("name", "?")}
                        yield Problem(*where, "form.notice.expression_unsupported", values)
                    else:
                        yield Problem(*where, "form.expression_invalid", {"expression": text, "detail": exc})
                    continue
            else:
                references = {m.strip() for m in _REFERENCE.findall(text)}
            for name in sorted(set(references) - names):
                yield Problem(*where, "form.reference_unknown", {"name": name})


# A value is settled after what these columns refer to (and after its group), as the validator does.
ORDERING_COLUMNS = ("relevant", "calculation", "read_only", "repeat_count", "default")


def check_cycles(sheets: Sheets) -> Iterator[Problem]:
    """No question may depend on itself through relevant/calculation/read_only/repeat_count/default
    (directly or through others, a group's relevant counting for everything inside it)."""
    expr = _expression_module()
    needs: dict[str, list[str]] = {}
    rows: dict[str, int] = {}
    for row, info, parents in question_rows(sheets):
        name = row.get("name")
        if not name or name in needs:
            continue
        rows[name] = row["__row"]
        deps = [parents[-1][1]] if parents and parents[-1][1] else []
        for column, text in expressions(row, info):
            if column in ORDERING_COLUMNS:
                deps.extend(sorted(_references(expr, text)))
        needs[name] = deps
    reported: set[frozenset[str]] = set()
    for cycle in _cycles(needs):
        if frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            first = min(cycle, key=rows.__getitem__)
            at = cycle.index(first)
            path = cycle[at:] + cycle[:at] + [first]
            yield Problem("survey", rows[first], "", "form.dependency_cycle", {"path": " → ".join(path)})


def _references(expr, text: str) -> set[str]:  # noqa: ANN001
    if expr is None:
        return {m.strip() for m in _REFERENCE.findall(text)}
    try:
        return set(expr.parse(text).references)
    except expr.ExpressionError:
        return set()


def _cycles(needs: dict[str, list[str]]) -> Iterator[list[str]]:
    """Each cycle found by a depth-first walk (iterative: a long chain cannot exhaust the stack)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in needs:
        if state.get(start):
            continue
        path, todo = [start], [iter(needs[start])]
        state[start] = 1
        while todo:
            step = next(todo[-1], None)
            if step is None:
                state[path.pop()] = 2
                todo.pop()
            elif step not in needs or state.get(step) == 2:
                continue
            elif state.get(step) == 1:
                yield path[path.index(step):]
            else:
                state[step] = 1
                path.append(step)
                todo.append(iter(needs[step]))


def form_entity(sheets: Sheets) -> tuple[str, list[Problem]]:
    """The entity a form writes (settings column ``entity`` or the ``entities`` sheet), and what
    is wrong with it. An ``entities`` sheet naming an ODK entity list that is not one of Pulih's
    entities is no error (pyxform accepts it): the form then writes no entity, with a notice."""
    allowed = ", ".join(e for e in ENTITIES if e != "none")
    problems: list[Problem] = []
    declared = str(sheets.settings.get("entity") or "").strip()
    if declared and declared not in ENTITIES:
        values = {"entity": declared, "allowed": allowed}
        problems.append(Problem("settings", 2, "entity", "form.entity_unknown", values))
        declared = ""
    datasets = [(row["__row"], str(row.get("dataset") or "").strip()) for row in sheets.entities]
    ours = [(number, name) for number, name in datasets if name in ENTITIES and name != "none"]
    for number, name in datasets:
        if name and (number, name) not in ours:
            problems.append(Problem("entities", number, "list_name", "form.notice.entity_foreign", {"entity": name}))
    if len(ours) > 1:
        problems.append(Problem("entities", ours[1][0], "list_name", "form.entity_multiple"))
    sheet_entity = ours[0][1] if ours else ""
    if declared and sheet_entity and declared != sheet_entity:
        values = {"settings_entity": declared, "sheet_entity": sheet_entity}
        problems.append(Problem("settings", 2, "entity", "form.entity_conflict", values))
    return (declared or sheet_entity or "none"), problems


def save_to_property(value: str, entity: str) -> str:
    """ "participant#nik" (ODK's list#property) or "nik" -> "nik"."""
    prefix, _, prop = value.strip().rpartition("#")
    return prop if prefix in ("", entity) else value.strip()


def check_entity(sheets: Sheets) -> Iterator[Problem]:
    entity, problems = form_entity(sheets)
    yield from problems
    if entity == "none" and any(p.key == "form.notice.entity_foreign" for p in problems):
        return  # save_to belongs to an ODK entity list Pulih does not bind
    allowed = types.ENTITY_PROPERTIES.get(entity, ())
    first: dict[str, int] = {}
    for row, info, containers in question_rows(sheets):
        value = cell(row, SAVE_TO)
        if not isinstance(value, str) or not value.strip():
            continue
        prop = save_to_property(value, entity)
        where = ("survey", row["__row"], "save_to")
        if entity == "none":
            yield Problem(*where, "form.save_to_without_entity", {"property": prop})
        elif info.structure or any(kind == "repeat" for kind, _ in containers):
            yield Problem(*where, "form.save_to_container", {"property": prop})
        elif prop not in allowed:
            values = {"property": prop, "entity": entity, "allowed": ", ".join(allowed)}
            yield Problem(*where, "form.save_to_unknown", values)
        elif prop in first:
            yield Problem(*where, "form.save_to_duplicate", {"property": prop, "first_row": first[prop]})
        else:
            first[prop] = row["__row"]


# pyxform's messages we know -> our catalogue key; named groups become values.
PYXFORM_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"You must have a sheet named 'survey'", "form.survey_missing"),
        (r"There should be a choices sheet", "form.choices_missing"),
        (r"Missing calculation", "form.calculation_missing"),
        (r"Question or group with no name", "form.name_missing"),
        (r"Question with no type", "form.type_missing"),
        (r"Unknown question type '(?P<type>[^']*)'", "form.type_unknown"),
        (r"Duplicate column header: (?P<header>.+)$", "form.header_duplicate"),
        (r"sheet: '(?P<sheet>\w+)'\. Headers that are different names for the same column were found: "
         r"'(?P<other>[^']*)', '(?P<header>[^']*)'", "form.header_alias_conflict"),
        (r"The survey element named '(?P<name>[^']*)' has no label or hint", "form.label_missing"),
        (r"This section has not been included", "form.include_unsupported"),
        (r"Unmatched 'begin_(?P<kind>\w+)'\. No matching 'end_\w+' was found for the name '(?P<name>[^']*)'",
         "form.begin_unmatched"),
        (r"Unmatched 'end_(?P<kind>\w+)'\. No matching 'begin_\w+' was found for the name '(?P<name>[^']*)'",
         "form.end_unmatched"),
        (r"List name not in choices sheet: (?P<list>\S+)", "form.list_unknown"),
    )
)
_ROW = re.compile(r"^\s*\[row : (\d+)\]\s*")
_SHEET = re.compile(r"On the '(\w+)' sheet")
_COLUMN = re.compile(r"the '([^']+)' value")


def problem_from_pyxform(text: str, sheets: Sheets) -> Problem:
    """pyxform's message as a Problem: the row it names (or the row of the name/type it quotes)."""
    row_match = _ROW.match(text)
    row = int(row_match.group(1)) if row_match else None
    detail = text[row_match.end():] if row_match else text
    sheet = (m.group(1) if (m := _SHEET.search(detail)) else ("survey" if row else ""))
    column = m.group(1) if (m := _COLUMN.search(detail)) else ""
    for pattern, key in PYXFORM_MESSAGES:
        if found := pattern.search(detail):
            values = {k: v for k, v in found.groupdict().items() if k != "sheet"}
            sheet = found.groupdict().get("sheet") or sheet
            if row is None:
                row = _row_quoting(sheets, values)
                sheet = "survey" if row else sheet
            if key == "form.calculation_missing":
                values["name"] = next((r.get("name", "?") for r in sheets.survey if r.get("__row") == row), "?")
            return Problem(sheet, row, column, key, values)
    return Problem(sheet, row, column, "form.pyxform", {"detail": detail.strip()})


def _row_quoting(sheets: Sheets, values: dict[str, str]) -> int | None:
    for row in sheets.survey:
        if values.get("name") and row.get("name") == values["name"]:
            return row["__row"]
        if values.get("type") and row.get("type") == values["type"]:
            return row["__row"]
    return None
