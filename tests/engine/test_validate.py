"""Validation of answers against a form, in pyxform's style: each test writes its form inline as a
small markdown table (survey, then choices), built straight into a FormDef by ``make_form`` below
(no loader involved), and asserts the outcome. Names end in __ok or __error."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pulih.forms.model import Choice, Field, FormDef
from pulih.forms.validate import (
    MAX_ROWS,
    AnswerError,
    coerce,
    defaults,
    defaults_for_row,
    evaluate_form,
    key_of,
    validate,
)

NOW = datetime(2025, 5, 3, 10, 30)

# --- the table helper ------------------------------------------------------------------------

_TYPES = {"int": "integer", "dateTime": "datetime", "begin_group": "group", "begin": "group",
          "begin_repeat": "repeat", "photo": "image", "trigger": "acknowledge"}
_FLAGS = {"yes": "true()", "true": "true()", "no": None, "": None}


def _table(text: str) -> list[dict[str, str]]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip().startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    rows = [row for row in rows if not all(set(cell) <= set("-: ") for cell in row)]
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _labels(row: dict[str, str], column: str) -> dict[str, str]:
    return {(key.partition("::")[2] or "default"): value for key, value in row.items()
            if value and (key == column or key.startswith(column + "::"))}


def make_form(survey: str, choices: str = "") -> FormDef:
    """A FormDef from markdown tables: survey columns type, name, label[::lang], hint, required,
    required_message[::lang], constraint, constraint_message[::lang], relevant, calculation,
    default, read_only, choice_filter, appearance, parameters (k=v k=v), repeat_count; choices
    columns list_name, name, label[::lang] and any filter columns."""
    root: list[Field] = []
    stack = [root]
    for row in _table(survey):
        words = row["type"].split()
        if words[0] in ("end_group", "end_repeat", "end"):
            stack.pop()
            continue
        kind = "repeat" if row["type"] == "begin repeat" else _TYPES.get(words[0], words[0])
        field = Field(
            name=row["name"], type=kind, raw_type=row["type"],
            list_name=words[1] if kind.startswith("select_") else None,
            label=_labels(row, "label"), hint=_labels(row, "hint"),
            required=_FLAGS.get(row.get("required", ""), row.get("required")),
            required_message=_labels(row, "required_message"),
            constraint=row.get("constraint") or None, constraint_message=_labels(row, "constraint_message"),
            relevant=row.get("relevant") or None, calculation=row.get("calculation") or None,
            default=row.get("default") or None,
            read_only=_FLAGS.get(row.get("read_only", ""), row.get("read_only")),
            choice_filter=row.get("choice_filter") or None, appearance=row.get("appearance", ""),
            parameters=dict(p.split("=", 1) for p in row.get("parameters", "").split()),
            repeat_count=row.get("repeat_count") or None,
        )
        stack[-1].append(field)
        if kind in ("group", "repeat"):
            stack.append(field.children)
    lists: dict[str, list[Choice]] = {}
    for row in _table(choices) if choices.strip() else []:
        extra = {k: v for k, v in row.items() if k not in ("list_name", "name") and not k.startswith("label")}
        lists.setdefault(row["list_name"], []).append(Choice(row["name"], _labels(row, "label"), extra))
    return FormDef(form_id="t", title={"en": "Test"}, fields=root, choices=lists, languages=["id", "en"])


def check(form: FormDef, answers: object, lang: str = "en"):  # noqa: ANN201
    return validate(form, answers, now=NOW, lang=lang)


YES_NO = """
| list_name | name | label::id | label::en |
|-----------|------|-----------|-----------|
| yn        | yes  | Ya        | Yes       |
| yn        | no   | Tidak     | No        |
"""

# --- types -----------------------------------------------------------------------------------


def test_text__ok():
    form = make_form("""
| type | name | label |
|------|------|-------|
| text | name | Name  |
| text | code | Code  |
""")
    result = check(form, {"name": "Budi", "code": 12})
    assert result.ok and result.data == {"name": "Budi", "code": "12"}


def test_text__error():
    form = make_form("""
| type | name | label |
|------|------|-------|
| text | name | Name  |
| text | bio  | Bio   |
""")
    result = check(form, {"name": ["a", "b"], "bio": "x" * 10_001})
    assert not result.ok and result.data == {}
    assert "is not text" in result.errors["name"]
    assert "longer than 10000" in result.errors["bio"]


@pytest.mark.parametrize(("raw", "stored"), [("12", 12), (12, 12), (12.0, 12), (" -3 ", -3), ("7.0", 7), ("+5", 5)])
def test_integer__ok(raw, stored):
    form = make_form("""
| type    | name | label |
|---------|------|-------|
| integer | age  | Age   |
""")
    result = check(form, {"age": raw})
    assert result.ok and result.data == {"age": stored} and type(result.data["age"]) is int


@pytest.mark.parametrize("raw", ["12.5", "abc", True, "1,000", "12 years", [12], "1" * 20])
def test_integer__error(raw):
    form = make_form("""
| type    | name | label |
|---------|------|-------|
| integer | age  | Age   |
""")
    result = check(form, {"age": raw})
    assert not result.ok and result.data == {}
    assert "whole number" in result.errors["age"]
    assert "bilangan bulat" in check(form, {"age": raw}, lang="id").errors["age"]


@pytest.mark.parametrize(("raw", "stored"), [("12.5", 12.5), ("12,5", 12.5), (3, 3), ("3.0", 3), (".5", 0.5), ("-1e3", -1000)])
def test_decimal__ok(raw, stored):
    form = make_form("""
| type    | name   | label  |
|---------|--------|--------|
| decimal | weight | Weight |
""")
    assert check(form, {"weight": raw}).data == {"weight": stored}


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "NaN", "Infinity", float("inf"), False, "1,2,3"])
def test_decimal__error(raw):
    form = make_form("""
| type    | name   | label  |
|---------|--------|--------|
| decimal | weight | Weight |
""")
    assert "is not a number" in check(form, {"weight": raw}).errors["weight"]


@pytest.mark.parametrize(("raw", "stored"), [
    ("2025-05-01", "2025-05-01"), ("2025-05-01T10:00:00", "2025-05-01"), ("2025-05-01 00:00:00", "2025-05-01"),
    (date(2025, 5, 1), "2025-05-01"), (datetime(2025, 5, 1, 9), "2025-05-01"),
])
def test_date__ok(raw, stored):
    form = make_form("""
| type | name | label |
|------|------|-------|
| date | when | When  |
""")
    assert check(form, {"when": raw}).data == {"when": stored}


@pytest.mark.parametrize("raw", ["01/05/2025", "2025-02-30", "2025-5-1", "tomorrow", 20250501])
def test_date__error(raw):
    form = make_form("""
| type | name | label |
|------|------|-------|
| date | when | When  |
""")
    assert "YYYY-MM-DD" in check(form, {"when": raw}).errors["when"]


@pytest.mark.parametrize(("raw", "stored"), [("14:30", "14:30:00"), ("7:05:09", "07:05:09"), ("14:30:00.000+07:00", "14:30:00")])
def test_time__ok(raw, stored):
    form = make_form("""
| type | name  | label |
|------|-------|-------|
| time | start | Start |
""")
    assert check(form, {"start": raw}).data == {"start": stored}


@pytest.mark.parametrize("raw", ["25:00", "14h30", "noon", "14:60"])
def test_time__error(raw):
    form = make_form("""
| type | name  | label |
|------|-------|-------|
| time | start | Start |
""")
    assert "HH:MM" in check(form, {"start": raw}).errors["start"]


@pytest.mark.parametrize(("raw", "stored"), [
    ("2025-05-01T14:30", "2025-05-01T14:30:00"), ("2025-05-01T14:30:00Z", "2025-05-01T14:30:00+00:00"),
    ("2025-05-01T14:30:00.250+07:00", "2025-05-01T14:30:00.250+07:00"), ("2025-05-01", "2025-05-01T00:00:00"),
])
def test_datetime__ok(raw, stored):
    form = make_form("""
| type     | name | label |
|----------|------|-------|
| dateTime | at   | At    |
""")
    assert check(form, {"at": raw}).data == {"at": stored}


def test_datetime__error():
    form = make_form("""
| type     | name | label |
|----------|------|-------|
| datetime | at   | At    |
""")
    assert "date and time" in check(form, {"at": "2025-05-01T25:00"}).errors["at"]


def test_select_one__ok():
    form = make_form("""
| type         | name    | label   |
|--------------|---------|---------|
| select_one yn | consent | Consent |
""", YES_NO)
    assert check(form, {"consent": " yes "}).data == {"consent": "yes"}
    assert check(form, {"consent": ["no"]}).data == {"consent": "no"}


def test_select_one_numeric_choice_names__ok():
    form = make_form("""
| type           | name  | label |
|----------------|-------|-------|
| select_one num | score | Score |
""", """
| list_name | name | label |
|-----------|------|-------|
| num       | 1    | One   |
| num       | 2    | Two   |
""")
    assert check(form, {"score": 2}).data == {"score": "2"}


@pytest.mark.parametrize(("raw", "words"), [("maybe", "not among"), ("yes no", "only one"), (["yes", "no"], "only one"), (True, "not a choice")])
def test_select_one__error(raw, words):
    form = make_form("""
| type          | name    | label   |
|---------------|---------|---------|
| select_one yn | consent | Consent |
""", YES_NO)
    result = check(form, {"consent": raw})
    assert words in result.errors["consent"] and result.data == {}


def test_select_multiple__ok():
    form = make_form("""
| type                 | name  | label |
|----------------------|-------|-------|
| select_multiple tool | tools | Tools |
""", """
| list_name | name     | label    |
|-----------|----------|----------|
| tool      | wrench   | Wrench   |
| tool      | pliers   | Pliers   |
| tool      | multimeter | Multimeter |
""")
    assert check(form, {"tools": "wrench  pliers"}).data == {"tools": "wrench pliers"}
    assert check(form, {"tools": ["pliers", "wrench", "pliers"]}).data == {"tools": "pliers wrench"}
    assert check(form, {"tools": []}).data == {}
    assert check(form, {"tools": ""}).data == {}


def test_select_multiple__error():
    form = make_form("""
| type                 | name  | label | parameters  |
|----------------------|-------|-------|-------------|
| select_multiple tool | tools | Tools | min=2 max=2 |
""", """
| list_name | name   | label  |
|-----------|--------|--------|
| tool      | wrench | Wrench |
| tool      | pliers | Pliers |
| tool      | meter  | Meter  |
""")
    assert "not among" in check(form, {"tools": "wrench hammer"}).errors["tools"]
    assert "hammer" in check(form, {"tools": "wrench hammer"}).errors["tools"]
    assert "at least 2" in check(form, {"tools": "wrench"}).errors["tools"]
    assert "at most 2" in check(form, {"tools": "wrench pliers meter"}).errors["tools"]
    assert check(form, {"tools": "wrench meter"}).ok


def test_acknowledge__ok():
    form = make_form("""
| type        | name    | label       | required |
|-------------|---------|-------------|----------|
| acknowledge | consent | I agree     | yes      |
""")
    for raw in ("OK", "ok", True, "yes", "1", 1):
        assert check(form, {"consent": raw}).data == {"consent": "OK"}


def test_acknowledge__error():
    form = make_form("""
| type        | name    | label   | required |
|-------------|---------|---------|----------|
| acknowledge | consent | I agree | yes      |
""")
    assert check(form, {"consent": False}).errors == {"consent": "This question is required."}
    assert "cannot acknowledge" in check(form, {"consent": "maybe"}).errors["consent"]


def test_range__ok():
    form = make_form("""
| type  | name  | label | parameters               |
|-------|-------|-------|--------------------------|
| range | pain  | Pain  | start=0 end=10 step=2    |
| range | scale | Scale |                          |
| range | level | Level | start=5 end=1 step=0.5   |
""")
    result = check(form, {"pain": "4", "scale": 10, "level": "1.5"})
    assert result.ok and result.data == {"pain": 4, "scale": 10, "level": 1.5}


@pytest.mark.parametrize(("raw", "words"), [("12", "outside the range 0 to 10"), ("3", "steps of 2"), ("x", "not a number")])
def test_range__error(raw, words):
    form = make_form("""
| type  | name | label | parameters            |
|-------|------|-------|-----------------------|
| range | pain | Pain  | start=0 end=10 step=2 |
""")
    assert words in check(form, {"pain": raw}).errors["pain"]


def test_file_and_image__ok():
    form = make_form("""
| type  | name    | label   | required |
|-------|---------|---------|----------|
| image | receipt | Receipt | yes      |
| file  | scan    | Scan    |          |
""")
    stored = {"file_id": 7, "filename": "receipt.jpg"}
    assert check(form, {"receipt": stored}).data == {"receipt": stored}


def test_file_and_image__error():
    form = make_form("""
| type  | name    | label   | required |
|-------|---------|---------|----------|
| image | receipt | Receipt | yes      |
| file  | scan    | Scan    |          |
""")
    result = check(form, {"receipt": {}, "scan": 12})
    assert result.errors["receipt"] == "This question is required."
    assert "uploaded file" in result.errors["scan"]


def test_note_and_unsupported_are_never_stored__ok():
    form = make_form("""
| type        | name  | label      | calculation |
|-------------|-------|------------|-------------|
| note        | intro | Welcome    |             |
| note        | shown | Total      | 1 + 1       |
| unsupported | place | Where      |             |
| text        | name  | Name       |             |
""")
    result = check(form, {"intro": "x", "shown": "y", "place": "-6.1 106.1", "name": "Budi"})
    assert result.ok and result.data == {"name": "Budi"}
    assert evaluate_form(form, {}).get("shown").value == "2"


def test_calculate_and_hidden__ok():
    form = make_form("""
| type      | name   | label | calculation          | default |
|-----------|--------|-------|----------------------|---------|
| integer   | a      | A     |                      |         |
| calculate | double |       | ${a} * 2             |         |
| calculate | half   |       | ${a} div 4           |         |
| calculate | adult  |       | ${a} >= 18           |         |
| calculate | hello  |       | concat('Hi ', ${a})  |         |
| calculate | today  |       | today()              |         |
| hidden    | source |       |                      | paper   |
""")
    result = check(form, {"a": "10", "double": 99})
    assert result.ok
    assert result.data == {"a": 10, "double": 20, "half": 2.5, "adult": "false", "hello": "Hi 10",
                           "today": "2025-05-03", "source": "paper"}


def test_calculation_that_fails_is_empty__ok():
    form = make_form("""
| type      | name  | label | calculation        |
|-----------|-------|-------|--------------------|
| integer   | a     | A     |                    |
| calculate | ratio |       | 10 div ${a}        |
| calculate | nan   |       | number('x') + 1    |
| calculate | pos   |       | position(..)       |
| integer   | typed | T     | ${a} div 3         |
""")
    state = evaluate_form(form, {"a": 0})
    assert state.ok and state.data == {"a": 0, "typed": 0}
    assert len(state.expression_errors) == 1 and "position" in state.expression_errors[0]


# --- columns ---------------------------------------------------------------------------------


def test_required__error():
    form = make_form("""
| type    | name | label | required | required_message::en | required_message::id |
|---------|------|-------|----------|----------------------|----------------------|
| text    | name | Name  | yes      | Tell us your name    | Isi nama Anda        |
| integer | age  | Age   | yes      |                      |                      |
| text    | note | Note  |          |                      |                      |
""")
    result = check(form, {"name": "  ", "age": None, "junk": 1})
    assert result.errors == {"name": "Tell us your name", "age": "This question is required."}
    assert check(form, {}, lang="id").errors == {"name": "Isi nama Anda", "age": "Pertanyaan ini wajib dijawab."}


def test_required_expression__ok():
    form = make_form("""
| type          | name    | label   | required          |
|---------------|---------|---------|-------------------|
| select_one yn | working | Working |                   |
| text          | job     | Job     | ${working} = 'yes' |
""", YES_NO)
    assert check(form, {"working": "no"}).ok
    assert check(form, {"working": "yes"}).errors == {"job": "This question is required."}


def test_constraint__error():
    form = make_form("""
| type    | name | label | constraint          | constraint_message::en | constraint_message::id |
|---------|------|-------|---------------------|------------------------|------------------------|
| integer | age  | Age   | . >= 18 and . < 100 | Must be an adult       | Harus dewasa           |
| text    | nik  | NIK   | regex(., '^[0-9]{16}$') |                    |                        |
""")
    result = check(form, {"age": 12, "nik": "123"})
    assert result.errors == {"age": "Must be an adult", "nik": "This answer does not meet the question's condition. Check it and correct it."}
    assert check(form, {"age": 12}, lang="id").errors == {"age": "Harus dewasa"}


def test_constraint__ok():
    form = make_form("""
| type    | name  | label | constraint              |
|---------|-------|-------|-------------------------|
| integer | age   | Age   | . >= 18                 |
| date    | birth | Birth | . < today()             |
| text    | nik   | NIK   | regex(., '^[0-9]{16}$') |
| integer | kids  | Kids  | . <= ${age}             |
""")
    assert check(form, {"age": 30, "birth": "1995-01-01", "nik": "3601234567890001", "kids": 2}).ok
    assert check(form, {}).ok  # constraints are not checked on empty answers


def test_constraint_that_fails_to_evaluate__error():
    form = make_form("""
| type | name    | label   | constraint        |
|------|---------|---------|-------------------|
| text | pattern | Pattern |                   |
| text | code    | Code    | regex(., ${pattern}) |
""")
    state = evaluate_form(form, {"pattern": "(a)\\1", "code": "aa"}, lang="en")
    assert "condition" in state.errors["code"]
    assert "regex" in state.expression_errors[0]


def test_relevant__ok():
    form = make_form("""
| type          | name    | label   | relevant           | required |
|---------------|---------|---------|--------------------|----------|
| select_one yn | working | Working |                    | yes      |
| text          | job     | Job     | ${working} = 'yes' | yes      |
| integer       | income  | Income  | ${working} = 'yes' |          |
""", YES_NO)
    result = check(form, {"working": "no", "job": "mechanic", "income": "x"})
    assert result.ok and result.data == {"working": "no"}  # irrelevant answers dropped, not judged
    state = evaluate_form(form, {"working": "no"})
    assert state["job"].relevant is False and state["job"].value is None
    assert check(form, {"working": "yes", "job": "mechanic"}).data == {"working": "yes", "job": "mechanic"}


def test_relevant_group_hides_children__ok():
    form = make_form("""
| type          | name    | label   | relevant           | required |
|---------------|---------|---------|--------------------|----------|
| select_one yn | working | Working |                    |          |
| begin_group   | work    | Work    | ${working} = 'yes' |          |
| text          | job     | Job     |                    | yes      |
| begin_group   | pay     | Pay     |                    |          |
| integer       | income  | Income  |                    | yes      |
| end_group     |         |         |                    |          |
| end_group     |         |         |                    |          |
| text          | after   | After   |                    |          |
""", YES_NO)
    result = check(form, {"working": "no", "job": "x", "income": 5, "after": "a"})
    assert result.ok and result.data == {"working": "no", "after": "a"}
    state = evaluate_form(form, {"working": "no"})
    assert not state["work"].relevant and not state["income"].relevant
    result = check(form, {"working": "yes", "job": "x"})
    assert result.errors == {"income": "This question is required."}
    assert check(form, {"working": "yes", "job": "x", "income": 5}).data == {"working": "yes", "job": "x", "income": 5}


def test_relevant_on_later_calculation__ok():
    """Dependency order, not sheet order: the calculation comes last in the sheet."""
    form = make_form("""
| type      | name  | label | relevant      | calculation         |
|-----------|-------|-------|---------------|---------------------|
| text      | why   | Why   | ${total} > 10 |                     |
| calculate | total |       |               | ${a} + ${b}         |
| calculate | twice |       |               | ${total} * 2        |
| integer   | a     | A     |               |                     |
| integer   | b     | B     |               |                     |
""")
    result = check(form, {"a": 5, "b": 7, "why": "because"})
    assert result.data == {"why": "because", "total": 12, "twice": 24, "a": 5, "b": 7}
    assert check(form, {"a": 1, "b": 2, "why": "because"}).data == {"total": 3, "twice": 6, "a": 1, "b": 2}


def test_calculation_cycle_does_not_hang__ok():
    form = make_form("""
| type      | name | label | calculation |
|-----------|------|-------|-------------|
| calculate | x    |       | ${y} + 1    |
| calculate | y    |       | ${x} + 1    |
""")
    assert check(form, {}).ok


def test_default__ok():
    form = make_form("""
| type            | name   | label  | default            |
|-----------------|--------|--------|--------------------|
| integer         | count  | Count  | 3                  |
| date            | when   | When   | today()            |
| date            | fixed  | Fixed  | 2025-01-31         |
| select_one yn   | ok     | OK     | yes                |
| text            | greet  | Greet  | concat('hi ', ${count}) |
""", YES_NO)
    assert check(form, {}).data == {"count": 3, "when": "2025-05-03", "fixed": "2025-01-31", "ok": "yes", "greet": "hi 3"}
    assert check(form, {"count": "", "ok": None}).data == {"when": "2025-05-03", "fixed": "2025-01-31", "greet": "hi "}
    assert defaults(form, now=NOW) == {"count": 3, "when": "2025-05-03", "fixed": "2025-01-31", "ok": "yes", "greet": "hi 3"}


def test_read_only__ok():
    form = make_form("""
| type    | name   | label  | read_only        | default | calculation |
|---------|--------|--------|------------------|---------|-------------|
| text    | office | Office | yes              | Banten  |             |
| integer | a      | A      |                  |         |             |
| integer | score  | Score  | yes              |         | ${a} * 10   |
| text    | locked | Locked | ${a} > 5         | fixed   |             |
| text    | plain  | Plain  | no               |         |             |
""")
    result = check(form, {"office": "Jakarta", "a": 2, "score": 1, "locked": "mine", "plain": "p"})
    assert result.data == {"office": "Banten", "a": 2, "score": 20, "locked": "mine", "plain": "p"}
    result = check(form, {"a": 9, "locked": "mine"})
    assert result.data["locked"] == "fixed"
    state = evaluate_form(form, {"a": 9})
    assert state["office"].read_only and state["locked"].read_only and not state["plain"].read_only


def test_read_only_field_is_not_judged__ok():
    form = make_form("""
| type    | name | label | read_only | required | constraint |
|---------|------|-------|-----------|----------|------------|
| integer | n    | N     | yes       | yes      | . > 5      |
""")
    assert check(form, {"n": 1}).ok


def test_choice_filter__ok():
    form = make_form("""
| type                | name     | label    | choice_filter           |
|---------------------|----------|----------|-------------------------|
| select_one district | district | District |                         |
| select_one village  | village  | Village  | district = ${district}  |
| select_one village  | other    | Other    | name != ${village} and selected('a b', district) |
""", """
| list_name | name    | label   | district |
|-----------|---------|---------|----------|
| district  | a       | Serang  |          |
| district  | b       | Cilegon |          |
| village   | ciruas  | Ciruas  | a        |
| village   | kramat  | Kramat  | a        |
| village   | grogol  | Grogol  | b        |
""")
    state = evaluate_form(form, {"district": "a", "village": "kramat"})
    assert [c.name for c in state["village"].choices] == ["ciruas", "kramat"]
    assert [c.name for c in state["other"].choices] == ["ciruas", "grogol"]
    assert state.ok
    assert [c.name for c in evaluate_form(form, {})["village"].choices] == []


def test_choice_filter__error():
    form = make_form("""
| type                | name     | label    | choice_filter          |
|---------------------|----------|----------|------------------------|
| select_one district | district | District |                        |
| select_one village  | village  | Village  | district = ${district} |
""", """
| list_name | name   | label   | district |
|-----------|--------|---------|----------|
| district  | a      | Serang  |          |
| district  | b      | Cilegon |          |
| village   | ciruas | Ciruas  | a        |
| village   | grogol | Grogol  | b        |
""")
    result = check(form, {"district": "a", "village": "grogol"})
    assert result.errors == {"village": '"grogol" is not among this question\'s choices. Choose from: ciruas.'}


def test_choice_filter_on_label__ok():
    form = make_form("""
| type          | name | label | choice_filter                |
|---------------|------|-------|------------------------------|
| select_one yn | pick | Pick  | starts-with(label, 'Ti')     |
""", YES_NO)
    assert [c.name for c in evaluate_form(form, {}, lang="id")["pick"].choices] == ["no"]


def test_labels_hints_and_languages__ok():
    form = make_form("""
| type          | name    | label::id       | label::en       | hint::id | hint::en   |
|---------------|---------|-----------------|-----------------|----------|------------|
| text          | name    | Nama            | Name            | Lengkap  | Full name  |
| select_one yn | consent | Setuju, ${name}? | Agree, ${name}? |          |            |
""", YES_NO)
    state = evaluate_form(form, {"name": "Budi"}, lang="en")
    assert (state["name"].label, state["name"].hint) == ("Name", "Full name")
    assert state["consent"].label == "Agree, Budi?"
    assert state["consent"].choice_labels == [("yes", "Yes"), ("no", "No")]
    state = evaluate_form(form, {"name": "Budi"}, lang="id")
    assert state["consent"].label == "Setuju, Budi?" and state["consent"].choice_labels[1] == ("no", "Tidak")


def test_appearance_is_kept_for_the_renderer__ok():
    form = make_form("""
| type          | name | label | appearance |
|---------------|------|-------|------------|
| text          | bio  | Bio   | multiline  |
| select_one yn | ok   | OK    | likert     |
""", YES_NO)
    state = evaluate_form(form, {"bio": "a\nb", "ok": "yes"})
    assert state["bio"].field.appearance == "multiline" and state["ok"].field.appearance == "likert"
    assert state.data == {"bio": "a\nb", "ok": "yes"}


def test_choice_name_in_chosen_language__ok():
    form = make_form("""
| type          | name    | label   | calculation                          |
|---------------|---------|---------|--------------------------------------|
| select_one yn | consent | Consent |                                      |
| calculate     | shown   |         | jr:choice-name(${consent}, '${consent}') |
""", YES_NO)
    assert check(form, {"consent": "no"}, lang="id").data["shown"] == "Tidak"
    assert check(form, {"consent": "no"}, lang="en").data["shown"] == "No"


# --- repeats ---------------------------------------------------------------------------------

MEMBERS = """
| type         | name    | label   | required | constraint  | relevant      | calculation          |
|--------------|---------|---------|----------|-------------|---------------|----------------------|
| integer      | limit   | Limit   |          |             |               |                      |
| begin_repeat | members | Members |          |             |               |                      |
| text         | mname   | Name    | yes      |             |               |                      |
| integer      | mage    | Age     |          | . < ${limit} |              |                      |
| text         | school  | School  | yes      |             | ${mage} < 18  |                      |
| calculate    | row     |         |          |             |               | position(..)         |
| calculate    | older   |         |          |             |               | ${mage} + 1          |
| end_repeat   |         |         |          |             |               |                      |
| calculate    | total   |         |          |             |               | sum(${mage})         |
| calculate    | n       |         |          |             |               | count(${members})    |
| calculate    | kids    |         |          |             |               | count(${school})     |
| calculate    | first   |         |          |             |               | indexed-repeat(${mname}, ${members}, 1) |
"""


def test_repeat__ok():
    form = make_form(MEMBERS)
    result = check(form, {"limit": 100, "members": [
        {"mname": "Ani", "mage": "40", "school": "dropped"},
        {"mname": "Budi", "mage": 12, "school": "SD 1", "unknown": 1},
    ]})
    assert result.ok, result.errors
    assert result.data == {
        "limit": 100,
        "members": [
            {"mname": "Ani", "mage": 40, "row": 1, "older": 41},
            {"mname": "Budi", "mage": 12, "school": "SD 1", "row": 2, "older": 13},
        ],
        "total": 52, "n": 2, "kids": 2, "first": "Ani",
    }


def test_repeat_rows__error():
    form = make_form(MEMBERS)
    result = check(form, {"limit": 30, "members": [{"mname": "Ani", "mage": 40}, {"mage": "x"}, {"mage": 10}]})
    assert result.errors == {
        "members[1].mage": "This answer does not meet the question's condition. Check it and correct it.",
        "members[2].mname": "This question is required.",
        "members[2].mage": '"x" is not a whole number. Write digits only, without points or commas, for example 12.',
        "members[3].mname": "This question is required.",
        "members[3].school": "This question is required.",
    }
    assert result.data == {}


def test_repeat_input_shape__error():
    form = make_form(MEMBERS)
    assert "list of objects" in check(form, {"members": {"mname": "x"}}).errors["members"]
    assert "JSON object" in check(form, {"members": [{"mname": "A"}, "B"]}).errors["members[2]"]
    assert "at most 500" in check(form, {"members": [{"mname": "A"}] * (MAX_ROWS + 1)}).errors["members"]
    assert "JSON object" in check(form, ["not", "an", "object"]).errors["_form"]


def test_repeat_rows_as_json_text__ok():
    form = make_form(MEMBERS)
    assert check(form, {"limit": 99, "members": '[{"mname": "A", "mage": 3, "school": "TK"}]'}).data["n"] == 1


def test_repeat_count__ok():
    form = make_form("""
| type         | name     | label    | repeat_count | default |
|--------------|----------|----------|--------------|---------|
| integer      | how_many | How many |              |         |
| begin_repeat | child    | Child    | ${how_many}  |         |
| text         | cname    | Name     |              | anak    |
| end_repeat   |          |          |              |         |
""")
    result = check(form, {"how_many": 3, "child": [{"cname": "A"}, {"cname": "B"}, {"cname": "C"}, {"cname": "D"}]})
    assert result.data["child"] == [{"cname": "A"}, {"cname": "B"}, {"cname": "C"}]
    result = check(form, {"how_many": "2", "child": [{"cname": "A"}]})
    assert result.data["child"] == [{"cname": "A"}, {"cname": "anak"}]
    assert "child" not in check(form, {"how_many": 0}).data
    assert check(form, {"how_many": -4}).data == {"how_many": -4}


def test_irrelevant_repeat_is_dropped__ok():
    form = make_form("""
| type          | name    | label   | relevant          | required |
|---------------|---------|---------|-------------------|----------|
| select_one yn | family  | Family  |                   |          |
| begin_repeat  | members | Members | ${family} = 'yes' |          |
| text          | mname   | Name    |                   | yes      |
| end_repeat    |         |         |                   |          |
""", YES_NO)
    assert check(form, {"family": "no", "members": [{}, {}]}).data == {"family": "no"}
    assert check(form, {"family": "yes", "members": [{}]}).errors == {"members[1].mname": "This question is required."}


def test_group_inside_repeat_and_nested_repeats__ok():
    form = make_form("""
| type         | name      | label     | relevant          | calculation     |
|--------------|-----------|-----------|-------------------|-----------------|
| begin_repeat | household | Household |                   |                 |
| text         | head      | Head      |                   |                 |
| begin_group  | extra     | Extra     | ${head} != ''     |                 |
| integer      | size      | Size      |                   |                 |
| end_group    |           |           |                   |                 |
| begin_repeat | member    | Member    |                   |                 |
| integer      | age       | Age       |                   |                 |
| calculate    | hh_head   |           |                   | ${head}         |
| end_repeat   |           |           |                   |                 |
| calculate    | hh_total  |           |                   | sum(${age})     |
| end_repeat   |           |           |                   |                 |
| calculate    | everyone  |           |                   | sum(${age})     |
""")
    answers = {"household": [
        {"head": "Ani", "size": 2, "member": [{"age": 30}, {"age": 5}]},
        {"head": "", "size": 9, "member": [{"age": 50}]},
    ]}
    result = check(form, answers)
    assert result.data == {
        "household": [
            {"head": "Ani", "size": 2, "member": [{"age": 30, "hh_head": "Ani"}, {"age": 5, "hh_head": "Ani"}], "hh_total": 35},
            {"member": [{"age": 50}], "hh_total": 50},
        ],
        "everyone": 85,
    }
    state = evaluate_form(form, answers)
    assert state["household[2].member[1].age"].path == (1, 0)
    assert [s.key for s in state.instances("age")] == [
        "household[1].member[1].age", "household[1].member[2].age", "household[2].member[1].age"]
    assert key_of(form, "age", (0, 1)) == "household[1].member[2].age"
    assert state["household[1].member"].rows == 2 and state["household"].rows == 2


def test_nested_repeat_row__error():
    form = make_form("""
| type         | name      | label     | constraint |
|--------------|-----------|-----------|------------|
| begin_repeat | household | Household |            |
| begin_repeat | member    | Member    |            |
| integer      | age       | Age       | . < 120    |
| end_repeat   |           |           |            |
| end_repeat   |           |           |            |
""")
    result = check(form, {"household": [{"member": [{"age": 1}]}, {"member": [{"age": 1}, {"age": 130}]}]})
    assert list(result.errors) == ["household[2].member[2].age"]


def test_defaults_for_row__ok():
    form = make_form("""
| type         | name    | label   | default  |
|--------------|---------|---------|----------|
| begin_repeat | members | Members |          |
| text         | role    | Role    | member   |
| date         | joined  | Joined  | today()  |
| end_repeat   |         |         |          |
""")
    assert defaults(form, now=NOW) == {}
    assert defaults_for_row(form, "members", now=NOW) == {"role": "member", "joined": "2025-05-03"}
    assert defaults_for_row(form, "role") == {}
    assert check(form, {"members": [{}, {"role": "head"}]}).data == {
        "members": [{"role": "member", "joined": "2025-05-03"}, {"role": "head", "joined": "2025-05-03"}]}


# --- behaviours ------------------------------------------------------------------------------


def test_all_errors_together_and_nothing_half_valid__error():
    form = make_form("""
| type          | name    | label   | required | constraint |
|---------------|---------|---------|----------|------------|
| text          | name    | Name    | yes      |            |
| integer       | age     | Age     |          | . >= 18    |
| date          | when    | When    |          |            |
| select_one yn | consent | Consent | yes      |            |
""", YES_NO)
    result = check(form, {"name": "Budi", "age": 12, "when": "yesterday", "consent": "maybe", "extra": 1})
    assert set(result.errors) == {"age", "when", "consent"}
    assert result.ok is False and result.data == {}
    state = evaluate_form(form, {"name": "Budi", "age": 12, "when": "yesterday"})
    assert state["when"].value is None and state["when"].raw == "yesterday"


def test_unknown_keys_are_dropped__ok():
    form = make_form("""
| type | name | label |
|------|------|-------|
| text | name | Name  |
""")
    assert check(form, {"name": "A", "__proto__": 1, "extra": {"x": 1}}).data == {"name": "A"}


def test_form_state_for_the_renderer__ok():
    form = make_form("""
| type          | name    | label   | required           | relevant           | read_only |
|---------------|---------|---------|--------------------|--------------------|-----------|
| select_one yn | working | Working | yes                |                    |           |
| text          | job     | Job     | ${working} = 'yes' | ${working} = 'yes' |           |
| text          | id      | ID      |                    |                    | yes       |
""", YES_NO)
    state = evaluate_form(form, {"working": "yes"}, lang="en")
    assert list(state.fields) == ["working", "job", "id"]
    assert state["job"].relevant and state["job"].required and state["job"].error == "This question is required."
    assert state["id"].read_only and state["working"].value == "yes"
    assert state.errors == {"job": "This question is required."} and not state.ok


def test_coerce_for_importers__ok():
    integer = Field(name="n", type="integer")
    assert coerce(integer, "12") == 12 and coerce(integer, "") is None and coerce(integer, None) is None
    assert coerce(Field(name="m", type="select_multiple"), ["a", "b"]) == "a b"
    assert coerce(Field(name="d", type="decimal"), float("nan")) is None
    assert coerce(Field(name="g", type="group"), "x") is None
    choices = [Choice("a"), Choice("b")]
    assert coerce(Field(name="s", type="select_one"), "b", choices) == "b"


def test_coerce_for_importers__error():
    with pytest.raises(AnswerError) as info:
        coerce(Field(name="n", type="integer"), "12a")
    assert info.value.key == "answer.not_integer"
    assert "12a" in info.value.message("id") and "12a" in info.value.message("en")
    with pytest.raises(AnswerError) as info:
        coerce(Field(name="s", type="select_one"), "c", [Choice("a"), Choice("b")])
    assert info.value.key == "answer.not_in_choices"


def test_broken_expression_in_definition_does_not_crash__ok():
    form = make_form("""
| type      | name | label | relevant   | calculation | constraint |
|-----------|------|-------|------------|-------------|------------|
| integer   | a    | A     | (. > 3 and |             |            |
| calculate | b    |       |            | unknown(1)  |            |
| integer   | c    | C     |            |             | .. > 1     |
""")
    state = evaluate_form(form, {"a": 1, "c": 2}, lang="en")
    assert state.data == {}
    assert set(state.errors) == {"c"}
    assert len(state.expression_errors) == 3


def test_irrelevant_when_relevant_fails_at_runtime__ok():
    form = make_form("""
| type    | name | label | relevant        |
|---------|------|-------|-----------------|
| integer | a    | A     | position(..) = 1 |
""")
    state = evaluate_form(form, {"a": 1})
    assert state.data == {} and state.expression_errors


# --- shipped forms through the loader (when the loader is there) -----------------------------


def test_shipped_self_esteem_form__ok():
    loader = pytest.importorskip("pulih.forms.loader")
    path = Path(__file__).resolve().parents[2] / "forms" / "self_esteem.yaml"
    if not path.is_file():
        pytest.skip("forms/self_esteem.yaml is not there")
    form = loader.load_form(path.read_bytes(), path.name)
    answers = {"timing": "pre", **{f"rse_{i}": "4" for i in range(1, 11)}}
    result = check(form, answers)
    assert result.ok, result.errors
    assert result.data["rse_total"] == 5 * 4 + 5 * 1  # items 2, 5, 6, 8 and 9 are reverse-scored
    assert check(form, {**answers, "rse_3": "9"}).errors.keys() == {"rse_3"}


def test_yaml_form_through_loader__ok():
    loader = pytest.importorskip("pulih.forms.loader")
    text = """
settings:
  form_id: villages
survey:
  - {type: text, name: district, label: District}
  - {type: select_one village, name: village, label: Village, choice_filter: "district = ${district}"}
  - {type: begin_repeat, name: members, label: Members}
  - {type: integer, name: age, label: Age, constraint: ". < 100", "constraint_message::English (en)": Too old}
  - {type: end_repeat}
choices:
  - {list_name: village, name: v1, label: V1, district: x}
  - {list_name: village, name: v2, label: V2, district: y}
"""
    form = loader.load_form(text.encode(), "villages.yaml")
    result = check(form, {"district": "x", "village": "v2", "members": [{"age": 3}, {"age": 300}]})
    assert set(result.errors) == {"village", "members[2].age"}
    assert result.errors["members[2].age"] == "Too old"
    assert check(form, {"district": "x", "village": "v1", "members": [{"age": 3}]}).data == {
        "district": "x", "village": "v1", "members": [{"age": 3}]}


# --- random answers --------------------------------------------------------------------------

FUZZ_FORM = make_form("""
| type                 | name    | label   | required | constraint        | relevant        | calculation     | parameters | repeat_count |
|----------------------|---------|---------|----------|-------------------|-----------------|-----------------|------------|--------------|
| integer              | n       | N       | yes      | . < 10            |                 |                 |            |              |
| decimal              | d       | D       |          |                   | ${n} > 2        |                 |            |              |
| text                 | t       | T       |          | regex(., '^a')    |                 |                 |            |              |
| date                 | day     | Day     |          | . <= today()      |                 |                 |            |              |
| time                 | tm      | Tm      |          |                   |                 |                 |            |              |
| dateTime             | at      | At      |          |                   |                 |                 |            |              |
| select_one yn        | yn      | YN      |          |                   |                 |                 |            |              |
| select_multiple yn   | many    | Many    |          |                   |                 |                 | max=1      |              |
| acknowledge          | ack     | Ack     |          |                   |                 |                 |            |              |
| range                | r       | R       |          |                   |                 |                 | start=0 end=4 |           |
| image                | img     | Img     |          |                   |                 |                 |            |              |
| begin_repeat         | rows    | Rows    |          |                   | ${yn} != 'no'   |                 |            |              |
| integer              | v       | V       | yes      | . > ${n}          |                 |                 |            |              |
| end_repeat           |         |         |          |                   |                 |                 |            |              |
| begin_repeat         | fixed   | Fixed   |          |                   |                 |                 |            | ${n}         |
| text                 | w       | W       |          |                   |                 |                 |            |              |
| end_repeat           |         |         |          |                   |                 |                 |            |              |
| calculate            | total   |         |          |                   |                 | sum(${v}) div ${n} |         |              |
""", YES_NO)

JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
              st.sampled_from(["yes", "no", "yes no", "12", "2025-05-01", "10:30", "OK", "a", "[{}]"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["v", "w", "x"]), inner, max_size=3)),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.dictionaries(st.sampled_from([f.name for f in FUZZ_FORM.walk()] + ["zzz"]), JSONISH, max_size=10),
    JSONISH,
))
def test_random_answers_never_crash__ok(answers):
    result = validate(FUZZ_FORM, answers, now=NOW)
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in result.errors.items())
    if result.ok:
        json.dumps(result.data, allow_nan=False)
    else:
        assert result.data == {}
