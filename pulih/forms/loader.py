"""Loading a form definition: XLSForm (.xlsx, .xls, .csv) or YAML with the same sheets and columns.

One entry point, a staged pipeline as in pyxform: read the sheets (pyxform's backends; YAML
here) -> pyxform's JSON spec and its checks (``workbook_to_json``, then building the survey so
its later checks run too) -> Pulih's checks (``checks.run_checks``: expressions, references,
names, choice lists, entities) -> the ``model.FormDef`` the rest of Pulih reads. Every problem
is collected and raised together as ``FormDefinitionError``; nothing here raises anything else
for a bad file.

YAML: a mapping of sheets, each a list of rows whose keys are XLSForm column headers::

    survey:
      - {type: integer, name: age, "label::English (en)": Age, constraint: ". >= 18"}
    choices: []
    settings: {form_id: example, form_title: Example, default_language: Bahasa Indonesia (id)}

Every scalar is read as text (``yes`` stays "yes", ``1.10`` stays "1.10").
"""

from __future__ import annotations

import copy
import re
import warnings
from collections import defaultdict, deque
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml
from pyxform import aliases as px_aliases
from pyxform import constants as px_constants
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.parsing.parameters import parse as parse_parameters
from pyxform.parsing.sheet_headers import dealias_and_group_headers, to_snake_case
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData, get_xlsform

from pulih.forms import types
from pulih.forms.checks import (
    SAVE_TO,
    FormDefinitionError,
    Problem,
    Sheets,
    cell,
    form_entity,
    problem_from_pyxform,
    run_checks,
    save_to_property,
)
from pulih.forms.model import STRUCTURE_TYPES, Choice, Field, FormDef

__all__ = [
    "FormDefinitionError", "LoadResult", "Problem", "SUPPORTED_EXTENSIONS", "check_form", "load_form", "question_count",
    "unsupported_fields",
]

SUPPORTED_EXTENSIONS = (".xlsx", ".xls", ".csv", ".yaml", ".yml")
MAX_BYTES = 5 * 1024 * 1024
YAML_SHEETS = ("survey", "choices", "settings", "entities", "external_choices")
_SHEET_ORDER = {"": 0, "survey": 1, "choices": 2, "settings": 3, "entities": 4}
_CHOICE_KEYS = {"name", "label", "media", "image", "audio", "video", "big-image", "__row"}
_OTHER_RELEVANT = re.compile(r"^selected\(\.\./(?P<name>[\w.-]+), 'other'\)$")


@dataclass
class LoadResult:
    """What loading found: the form (None when refused), the problems that refuse it, and the
    notices an admin should read (unsupported questions, ODK entity lists Pulih does not bind)."""

    form: FormDef | None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)


def load_form(data: bytes, filename: str) -> FormDef:
    """The definition in ``data`` (the bytes of ``filename``), or FormDefinitionError with every problem."""
    result = check_form(data, filename)
    if result.form is None:
        raise FormDefinitionError(result.problems)
    return result.form


def check_form(data: bytes, filename: str) -> LoadResult:
    """Load and report: problems and notices together, never an exception for a bad file."""
    try:
        book = read_book(data, filename)
    except FormDefinitionError as exc:
        return LoadResult(None, exc.problems)
    sheets = read_sheets(book)
    found = run_checks(sheets)
    problems = [p for p in found if not p.is_notice]
    notices = [p for p in found if p.is_notice]
    spec, pyxform_problem = run_pyxform(book, sheets)
    if pyxform_problem and not any(_same_place(pyxform_problem, p) for p in problems):
        problems.append(pyxform_problem)
    if problems or spec is None:
        return LoadResult(None, sorted(problems, key=_order), notices)
    demoted: dict[int, set[str]] = defaultdict(set)
    for notice in notices:
        if notice.key == "form.notice.expression_unsupported":
            demoted[notice.row].add(notice.column)
    form = FormBuilder(spec, sheets, demoted).form()
    return LoadResult(form, [], sorted(notices + _type_notices(form, demoted), key=_order))


def read_book(data: bytes, filename: str) -> DefinitionData:
    extension = Path(filename).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        values = {"extension": extension or filename, "allowed": ", ".join(SUPPORTED_EXTENSIONS)}
        raise FormDefinitionError([Problem(key="form.format_unsupported", values=values)])
    if len(data) > MAX_BYTES:
        values = {"size_mb": round(len(data) / 2**20, 1), "limit_mb": MAX_BYTES // 2**20}
        raise FormDefinitionError([Problem(key="form.file_too_large", values=values)])
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(filename).stem).strip("_.-")[:100] or "form"
    if extension in (".yaml", ".yml"):
        return read_yaml(data, stem)
    return read_spreadsheet(data, extension, stem)


def _order(problem: Problem) -> tuple[int, int]:
    return _SHEET_ORDER.get(problem.sheet, 5), problem.row or 0


def _type_notices(form: FormDef, demoted: dict[int, set[str]]) -> list[Problem]:
    return [
        Problem("survey", f.row or None, "type", "form.notice.metadata" if types.is_metadata(f.raw_type)
                else "form.notice.unsupported_type", {"name": f.name, "type": f.raw_type})
        for f in unsupported_fields(form) if f.row not in demoted
    ]


def _same_place(a: Problem, b: Problem) -> bool:
    """pyxform's one problem is left out when our checks already report that place (or that problem)."""
    same_row = a.row is not None and (a.sheet, a.row) == (b.sheet, b.row)
    return same_row or (a.key, a.values) == (b.key, b.values)


# ---- Stage 1: the sheets --------------------------------------------------------------------


def read_spreadsheet(data: bytes, extension: str, stem: str) -> DefinitionData:
    if extension == ".csv" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    def unreadable(detail: str) -> FormDefinitionError:
        values = {"format": extension.lstrip(".").upper(), "detail": detail}
        return FormDefinitionError([Problem(key="form.file_unreadable", values=values)])

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = get_xlsform(BytesIO(data), file_type=extension)
    except PyXFormError as exc:
        text = str(exc)
        if "not recognized as a supported type" in text or "Error reading" in text:
            raise unreadable("not a valid file") from exc
        raise FormDefinitionError([problem_from_pyxform(text, Sheets())]) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file is a problem to report, not a crash
        raise unreadable(type(exc).__name__) from exc
    book.fallback_form_name = stem
    return book


def read_yaml(data: bytes, stem: str) -> DefinitionData:
    def refuse(**problem: Any) -> FormDefinitionError:
        return FormDefinitionError([Problem(**problem)])

    try:
        # BaseLoader builds only str, list and dict: no objects, and "yes" or "1.10" stay text.
        doc = yaml.load(data.decode("utf-8-sig"), Loader=yaml.BaseLoader)  # noqa: S506
    except UnicodeDecodeError as exc:
        values = {"format": "YAML (UTF-8)", "detail": f"byte {exc.start}"}
        raise refuse(key="form.file_unreadable", values=values) from exc
    except yaml.MarkedYAMLError as exc:
        values = {"line": exc.problem_mark.line + 1 if exc.problem_mark else "?", "detail": exc.problem or "?"}
        raise refuse(key="form.yaml_syntax", values=values) from exc
    except yaml.YAMLError as exc:
        raise refuse(key="form.yaml_syntax", values={"line": "?", "detail": str(exc)}) from exc
    if not isinstance(doc, dict):
        raise refuse(key="form.yaml_shape")
    problems: list[Problem] = []
    book: dict[str, Any] = {"sheet_names": []}
    for name, rows in doc.items():
        sheet = str(name).strip().lower()
        if sheet not in YAML_SHEETS:
            values = {"name": name, "allowed": ", ".join(YAML_SHEETS)}
            problems.append(Problem(str(name), key="form.yaml_sheet_unknown", values=values))
            continue
        rows = [rows] if sheet == "settings" and isinstance(rows, dict) else rows
        if rows == "":
            rows = []
        if not isinstance(rows, list):
            problems.append(Problem(sheet, key="form.yaml_sheet_not_list"))
            continue
        if sheet == "settings" and len(rows) > 1:
            problems.append(Problem(sheet, 3, key="form.yaml_settings_rows"))
        table, header = _yaml_rows(sheet, rows, problems)
        book["sheet_names"].append(str(name))
        book[sheet], book[f"{sheet}_header"] = table, ([header] if header else [])
    if problems:
        raise FormDefinitionError(problems)
    return DefinitionData(fallback_form_name=stem, **book)


def _yaml_rows(sheet: str, rows: list, problems: list[Problem]) -> tuple[list[dict], dict]:
    table: list[dict] = []
    header: dict[str, None] = {}
    for number, row in enumerate(rows, start=2):
        clean: dict[str, str] = {}
        if row in (None, "", {}):
            table.append(clean)
            continue
        if not isinstance(row, dict):
            problems.append(Problem(sheet, number, key="form.yaml_row_not_mapping"))
            continue
        for column, value in row.items():
            column = " ".join(str(column).split())
            if isinstance(value, (list, dict)):
                problems.append(Problem(sheet, number, column, "form.yaml_cell_not_text"))
                continue
            header.setdefault(column, None)
            if str(value).strip():
                clean[column] = str(value).strip()
        table.append(clean)
    return table, header


def read_sheets(book: DefinitionData) -> Sheets:
    """Rows as pyxform groups them (aliases resolved, translations nested, ``__row`` kept). A sheet
    pyxform cannot read stays empty here: pyxform's own run reports why."""
    from pyxform.question import MultipleChoiceQuestion, Option
    from pyxform.survey import Survey

    def dealias(name: str, **options: Any) -> list[dict]:
        data = getattr(book, name, None)
        if not data:
            return []
        try:
            return list(dealias_and_group_headers(
                sheet_name=name, sheet_data=data, sheet_header=getattr(book, f"{name}_header", None),
                add_row_number=True, **options,
            ).data)
        except PyXFormError:
            return []

    settings = dealias("settings", header_aliases=px_aliases.settings_header,
                       header_columns=set(Survey.get_slot_names()))
    settings_row = settings[0] if settings else {}
    clean = px_aliases.yes_no.get(settings_row.get("clean_text_values", "yes"), True)
    language = str(settings_row.get("default_language") or px_constants.DEFAULT_LANGUAGE_VALUE)
    columns = set(MultipleChoiceQuestion.get_slot_names())
    survey = dealias("survey", header_aliases=px_aliases.survey_header, header_columns=columns,
                     default_language=language, strip_whitespace=clean)
    lists = {}
    for name in ("choices", "external_choices"):
        rows = dealias(name, header_aliases=px_aliases.list_header, header_columns=set(Option.get_slot_names()),
                       default_language=language)
        lists[name] = {str(r.get("list name")) for r in rows if r.get("list name")}
    entities = dealias("entities", header_aliases=px_aliases.entities_header,
                       header_columns={c.value for c in px_constants.EntityColumns.value_list()})
    return Sheets(survey, lists["choices"], lists["external_choices"], settings_row, entities)


# ---- Stage 2: pyxform -------------------------------------------------------------------------


def run_pyxform(book: DefinitionData, sheets: Sheets) -> tuple[dict | None, Problem | None]:
    """pyxform's JSON spec, after all of pyxform's checks (it stops at its first error)."""
    book = _for_pyxform(book)
    found: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spec = workbook_to_json(book, fallback_form_name=book.fallback_form_name, warnings=found)
            create_survey_element_from_dict(copy.deepcopy(spec)).to_xml(validate=False, warnings=found)
    except PyXFormError as exc:
        return None, problem_from_pyxform(str(exc), sheets)
    except RecursionError:
        return None, Problem(key="form.internal", values={"detail": "nested too deeply"})
    except Exception as exc:  # noqa: BLE001 - pyxform crashing on a strange file is still only a problem
        return None, Problem(key="form.internal", values={"detail": f"{type(exc).__name__}: {exc}"[:300]})
    return spec, None


def _for_pyxform(book: DefinitionData) -> DefinitionData:
    """A copy pyxform can take: Pulih's own settings (entity, translated form_title) removed, and
    without an entities sheet ``save_to`` too (Pulih binds entities from the settings instead)."""
    book = copy.deepcopy(book)

    def drop(sheet: str, unwanted) -> None:  # noqa: ANN001
        rows, header = getattr(book, sheet) or [], getattr(book, f"{sheet}_header") or []
        setattr(book, sheet, [{k: v for k, v in row.items() if not unwanted(k)} for row in rows])
        setattr(book, f"{sheet}_header", [{k: v for k, v in h.items() if not unwanted(k)} for h in header])

    def ours(header: str) -> bool:
        first, translated, _ = str(header).partition("::")
        name = to_snake_case(first)
        return name == "entity" or (bool(translated) and name in ("form_title", "title"))

    drop("settings", ours)
    if not book.entities:
        drop("survey", lambda k: to_snake_case(str(k)) == "save_to")
    return book


# ---- Stage 3: the FormDef ---------------------------------------------------------------------


class FormBuilder:
    """pyxform's JSON spec -> model.FormDef, with rows, raw types and save_to from the sheets."""

    def __init__(self, spec: dict, sheets: Sheets, demoted: dict[int, set[str]]) -> None:
        self.spec = spec
        self.sheets = sheets
        # row -> the columns (calculation, choice_filter) Pulih cannot evaluate: the question is
        # unsupported and the expression left out (the notice and the original file keep it).
        self.demoted = demoted
        self.entity = form_entity(sheets)[0]
        self.languages: dict[str, None] = {}
        self.rows: dict[str, deque[dict]] = defaultdict(deque)
        self.last_row = 0  # a question pyxform adds (or_other's text) takes the row before it
        for row in sheets.survey:
            if row.get("name") and row.get("type") and types.classify(row["type"]).structure != "end":
                self.rows[row["name"]].append(row)

    def form(self) -> FormDef:
        spec = self.spec
        title = self.labels(self.sheets.settings.get("title"), count=False)
        title = title or {"default": str(spec.get("title", spec["id_string"]))}
        fields = [self.field(c) for c in spec.get("children", []) if not _is_generated(c)]
        choices = {
            name: [Choice(str(c["name"]), self.labels(c.get("label")), _extra(c)) for c in items]
            for name, items in (spec.get("choices") or {}).items()
        }
        languages = [lang for lang in self.languages if lang]
        setting = self.sheets.settings.get("default_language")
        default = types.language_code(setting) if setting else ""
        default = default or ("id" if "id" in languages else (languages[0] if languages else "default"))
        languages = [default, *[lang for lang in languages if lang != default]] if default in languages else languages
        return FormDef(
            form_id=str(spec["id_string"]), title=title, version=str(spec.get("version") or ""),
            default_language=default, languages=languages, entity=self.entity, fields=fields, choices=choices,
        )

    def field(self, element: dict) -> Field:
        name = str(element["name"])
        row = self.rows[name].popleft() if self.rows.get(name) else {}
        info = types.classify(row.get("type") or " ".join(filter(None, (element["type"], element.get("list_name")))))
        kind = "unsupported" if info.type is None or row.get("__row") in self.demoted else info.type
        bind, control = element.get("bind") or {}, element.get("control") or {}
        relevant = bind.get("relevant") or None
        if not row and relevant and (m := _OTHER_RELEVANT.match(relevant)):  # made by "or_other"
            relevant = "selected(${" + m["name"] + "}, 'other')"
        number = self.last_row = row.get("__row", self.last_row)
        result = Field(
            name=name, type=kind, label=self.labels(element.get("label")), hint=self.labels(element.get("hint")),
            raw_type=info.raw, list_name=info.list_name if kind in ("select_one", "select_multiple") else None,
            required=_flag(bind.get("required")), required_message=self.labels(bind.get("jr:requiredMsg")),
            constraint=bind.get("constraint") or None, constraint_message=self.labels(bind.get("jr:constraintMsg")),
            relevant=relevant, calculation=bind.get("calculate") or None,
            default=str(element["default"]) if element.get("default") not in (None, "") else None,
            read_only=_flag(bind.get("readonly")), choice_filter=element.get("choice_filter") or None,
            appearance=str(control.get("appearance") or ""), parameters=_parameters(element, row),
            repeat_count=control.get("jr:count") or None, row=number,
            save_to=self.save_to(row),
        )
        for column in self.demoted.get(number, ()) if row else ():
            setattr(result, column, None)
        if kind in STRUCTURE_TYPES:
            result.children = [self.field(c) for c in element.get("children", []) if not _is_generated(c)]
        return result

    def save_to(self, row: dict) -> str | None:
        value = cell(row, SAVE_TO)
        return save_to_property(value, self.entity) if value and self.entity != "none" else None

    def labels(self, value: Any, *, count: bool = True) -> dict[str, str]:
        if value in (None, ""):
            return {}
        items = value.items() if isinstance(value, dict) else [("default", value)]
        out: dict[str, str] = {}
        for language, text in items:
            if isinstance(text, (str, int, float)) and str(text):
                code = types.language_code(language)
                out.setdefault(code, str(text))
                if count:
                    self.languages.setdefault(code)
        return out


def _is_generated(element: dict) -> bool:
    """pyxform's additions that are no questions: the meta block, table-list header rows."""
    name = str(element.get("name", ""))
    meta = name == "meta" and bool((element.get("control") or {}).get("bodyless"))
    return meta or name.startswith("reserved_name_for_field_list_labels_")


def _flag(value: Any) -> str | None:
    """required / read_only: yes -> "true()", no or empty -> None, an expression as written."""
    if value in (None, ""):
        return None
    if str(value) in px_aliases.yes_no:
        return "true()" if px_aliases.yes_no[str(value)] else None
    return str(value)


def _parameters(element: dict, row: dict) -> dict[str, str]:
    if isinstance(element.get("parameters"), dict) and element["parameters"]:
        return {str(k): str(v) for k, v in element["parameters"].items()}
    try:
        return parse_parameters(row.get("parameters") or "", row.get("__row", 0))
    except PyXFormError:
        return {}


def _extra(choice: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in choice.items() if k not in _CHOICE_KEYS and isinstance(v, (str, int, float))}


# ---- For summaries ----------------------------------------------------------------------------


def unsupported_fields(form: FormDef) -> list[Field]:
    """Questions Pulih does not render (shown as a notice); metadata ones included (raw_type says which)."""
    return [f for f in form.walk() if f.type == "unsupported"]


def question_count(form: FormDef) -> int:
    return sum(1 for f in form.walk() if f.type not in STRUCTURE_TYPES)
