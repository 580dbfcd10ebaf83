"""The form loader, in pyxform's style: each form is written inline as a small markdown table
(turned into the YAML Pulih accepts, or into a real .xlsx/.csv), and the test asserts what comes
out: the FormDef (``__ok``) or the problems with sheet, row and column (``__error``)."""

from __future__ import annotations

import csv
import importlib.util
import io
import re

import openpyxl
import pytest
import yaml

from pulih.forms.loader import FormDefinitionError, Problem, check_form, load_form, question_count, unsupported_fields
from pulih.forms.model import FormDef

needs_expr = pytest.mark.skipif(
    importlib.util.find_spec("pulih.forms.expr") is None,
    reason="pulih.forms.expr (the expression parser) is not there yet; expression checks are off without it",
)


# ---- the inline-form helper -----------------------------------------------------------------


def md_sheets(md: str) -> dict[str, list[dict[str, str]]]:
    """A markdown table as sheets: a row whose first cell is filled starts a sheet, the next row
    is its header, the rows after it are rows (empty cells left out)."""
    sheets: dict[str, list[list[str]]] = {}
    current = None
    for line in md.strip().splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells[0]:
            current = sheets.setdefault(cells[0], [])
        elif current is not None:
            current.append(cells[1:])
    out = {}
    for name, rows in sheets.items():
        header, body = rows[0], rows[1:]
        out[name] = [{h: v for h, v in zip(header, row) if h and v} for row in body]
    return out


def md_to_yaml(md: str) -> bytes:
    return yaml.safe_dump(md_sheets(md), allow_unicode=True, sort_keys=False).encode()


def md_to_xlsx(md: str) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in md_sheets(md).items():
        sheet = book.create_sheet(name)
        header = list(dict.fromkeys(h for row in rows for h in row))
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(h) for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def md_to_csv(md: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for name, rows in md_sheets(md).items():
        header = list(dict.fromkeys(h for row in rows for h in row))
        writer.writerow([name])
        writer.writerow(["", *header])
        for row in rows:
            writer.writerow(["", *[row.get(h, "") for h in header]])
    return buffer.getvalue().encode()


def load_md(md: str, filename: str = "form.yaml") -> FormDef:
    return load_form(md_to_yaml(md), filename)


def problems_md(md: str) -> list[Problem]:
    with pytest.raises(FormDefinitionError) as caught:
        load_md(md)
    return caught.value.problems


def one_problem(md: str, key: str) -> Problem:
    found = [p for p in problems_md(md) if p.key == key]
    assert found, f"no {key} among {[p.message('en') for p in problems_md(md)]}"
    return found[0]


# ---- question types and aliases ---------------------------------------------------------------

TYPES = [
    ("text", "text"), ("string", "text"), ("integer", "integer"), ("int", "integer"), ("decimal", "decimal"),
    ("date", "date"), ("time", "time"), ("datetime", "datetime"), ("dateTime", "datetime"),
    ("acknowledge", "acknowledge"), ("trigger", "acknowledge"), ("range", "range"), ("file", "file"),
    ("image", "image"), ("photo", "image"), ("note", "note"), ("hidden", "hidden"),
]


@pytest.mark.parametrize(("raw", "expected"), TYPES)
def test_type_and_alias__ok(raw, expected):
    form = load_md(f"""
    | survey |
    |        | type  | name | label |
    |        | {raw} | q    | Q     |
    """)
    assert form.fields[0].type == expected
    assert form.fields[0].raw_type == raw


@pytest.mark.parametrize("raw", ["select_one yn", "select one yn", "select_one yn or_other"])
def test_select_one_spellings__ok(raw):
    form = load_md(f"""
    | survey  |
    |         | type  | name | label |
    |         | {raw} | q    | Q     |
    | choices |
    |         | list_name | name | label |
    |         | yn        | y    | Yes   |
    """)
    assert (form.fields[0].type, form.fields[0].list_name) == ("select_one", "yn")


@pytest.mark.parametrize("raw", ["select_multiple yn", "select all that apply yn"])
def test_select_multiple_spellings__ok(raw):
    form = load_md(f"""
    | survey  |
    |         | type  | name | label |
    |         | {raw} | q    | Q     |
    | choices |
    |         | list_name | name | label |
    |         | yn        | y    | Yes   |
    """)
    assert (form.fields[0].type, form.fields[0].list_name) == ("select_multiple", "yn")


def test_calculate__ok():
    form = load_md("""
    | survey |
    |        | type      | name | label | calculation |
    |        | integer   | a    | A     |             |
    |        | calculate | c    |       | ${a} * 2    |
    """)
    assert (form.field("c").type, form.field("c").calculation) == ("calculate", "${a} * 2")


@pytest.mark.parametrize(("begin", "end"), [("begin group", "end group"), ("begin_group", "end_group")])
def test_group__ok(begin, end):
    form = load_md(f"""
    | survey |
    |        | type    | name | label | relevant |
    |        | integer | a    | A     |          |
    |        | {begin} | g    | G     | ${{a}} > 1 |
    |        | text    | b    | B     |          |
    |        | {end}   |      |       |          |
    """)
    group = form.field("g")
    assert (group.type, group.relevant, [c.name for c in group.children]) == ("group", "${a} > 1", ["b"])
    assert form.field("b").row == 4


@pytest.mark.parametrize(("begin", "end"), [("begin repeat", "end repeat"), ("begin_repeat", "end_repeat")])
def test_repeat__ok(begin, end):
    form = load_md(f"""
    | survey |
    |        | type    | name    | label | repeat_count |
    |        | integer | n       | N     |              |
    |        | {begin} | members | M     | ${{n}}        |
    |        | text    | who     | Who   |              |
    |        | {end}   |         |       |              |
    """)
    repeat = form.field("members")
    assert (repeat.type, repeat.repeat_count) == ("repeat", "${n}")
    assert form.repeat_of("who") is repeat


@pytest.mark.parametrize("raw", ["geopoint", "geotrace", "geoshape", "audio", "video", "barcode",
                                 "select_one_from_file places.csv", "rank yn", "begin loop over yn"])
def test_unsupported_type_is_labelled__ok(raw):
    end = "| | end loop | | |" if raw.startswith("begin loop") else ""
    result = check_form(md_to_yaml(f"""
    | survey  |
    |         | type  | name | label |
    |         | {raw} | q    | Q     |
    |         | text  | t    | T     |
    {end}
    | choices |
    |         | list_name | name | label |
    |         | yn        | y    | Yes   |
    """), "form.yaml")
    field = result.form.field("q")
    assert (field.type, field.raw_type) == ("unsupported", raw)
    assert unsupported_fields(result.form) == [field]
    notice = next(n for n in result.notices if n.values.get("name") == "q")
    assert (notice.key, notice.row, notice.column) == ("form.notice.unsupported_type", 2, "type")
    assert raw in notice.message("en")


@pytest.mark.parametrize("raw", ["start", "end", "today", "deviceid", "username"])
def test_metadata_type_is_quiet__ok(raw):
    result = check_form(md_to_yaml(f"""
    | survey |
    |        | type  | name | label |
    |        | {raw} | meta_{raw.replace('-', '_')} |  |
    |        | text  | t    | T     |
    """), "form.yaml")
    assert result.form.fields[0].type == "unsupported"
    assert [n.key for n in result.notices] == ["form.notice.metadata"]
    assert question_count(result.form) == 2


def test_unknown_type__error():
    problem = one_problem("""
    | survey |
    |        | type   | name | label |
    |        | text   | a    | A     |
    |        | wibble | q    | Q     |
    """, "form.type_unknown")
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "type")
    assert "[row 3]" in problem.message("en") and "wibble" in problem.message("en")


def test_type_in_wrong_case__error():
    problem = one_problem("""
    | survey  |
    |         | type          | name | label |
    |         | Select_One yn | q    | Q     |
    | choices |
    |         | list_name | name | label |
    |         | yn        | y    | Yes   |
    """, "form.type_unknown_case")
    assert "'select_one yn'" in problem.message("en")


def test_include__error():
    problem = one_problem("""
    | survey |
    |        | type          | name | label |
    |        | include other | x    |       |
    """, "form.include_unsupported")
    assert problem.row == 2


# ---- columns ----------------------------------------------------------------------------------


def test_labels_hints_and_languages__ok():
    form = load_md("""
    | survey |
    |        | type | name | label::Bahasa Indonesia (id) | label::English (en) | hint::Bahasa Indonesia (id) | hint::English (en) |
    |        | text | a    | Nama                         | Name                | Sesuai KTP                  | As on the ID card  |
    | settings |
    |          | form_id | default_language      |
    |          | f       | Bahasa Indonesia (id) |
    """)
    field = form.fields[0]
    assert field.label == {"id": "Nama", "en": "Name"}
    assert field.hint == {"id": "Sesuai KTP", "en": "As on the ID card"}
    assert (form.languages, form.default_language) == (["id", "en"], "id")


@pytest.mark.parametrize(("column", "code"), [
    ("Bahasa Indonesia (id)", "id"), ("Indonesian (id)", "id"), ("English (en)", "en"), ("English", "en"),
    ("Indonesian", "id"), ("French (fr)", "fr"), ("Português (pt-BR)", "pt-br"),
])
def test_language_detection__ok(column, code):
    form = load_md(f"""
    | survey |
    |        | type | name | label::{column} |
    |        | text | a    | A               |
    """)
    assert form.fields[0].label == {code: "A"}
    assert form.languages == [code]


def test_label_without_language_is_default__ok():
    form = load_md("""
    | survey |
    |        | type | name | label |
    |        | text | a    | A     |
    """)
    assert form.fields[0].label == {"default": "A"}
    assert (form.languages, form.default_language) == (["default"], "default")


def test_required_and_messages__ok():
    form = load_md("""
    | survey |
    |        | type    | name | label | required  | required_message::English (en) | required_message::Bahasa Indonesia (id) |
    |        | integer | a    | A     | yes       | Needed                         | Wajib                                   |
    |        | integer | b    | B     | no        |                                |                                         |
    |        | integer | c    | C     | ${a} > 1  |                                |                                         |
    |        | integer | d    | D     | TRUE      |                                |                                         |
    """)
    assert [form.field(n).required for n in "abcd"] == ["true()", None, "${a} > 1", "true()"]
    assert form.field("a").required_message == {"en": "Needed", "id": "Wajib"}


def test_constraint_relevant_read_only_default__ok():
    form = load_md("""
    | survey |
    |        | type    | name | label | constraint | constraint_message::English (en) | relevant  | read_only | default  |
    |        | integer | a    | A     | . >= 0     | Not negative                     |           |           | 5        |
    |        | date    | d    | D     | . <= today() |                                | ${a} > 1  | yes       | today()  |
    |        | text    | t    | T     |            |                                  |           | ${a} = 5  | Bapas Kelas II Ciangir |
    """)
    a, d, t = form.field("a"), form.field("d"), form.field("t")
    assert (a.constraint, a.constraint_message, a.default) == (". >= 0", {"en": "Not negative"}, "5")
    assert (d.relevant, d.read_only, d.default) == ("${a} > 1", "true()", "today()")
    assert (t.read_only, t.default) == ("${a} = 5", "Bapas Kelas II Ciangir")


def test_appearance_and_parameters__ok():
    form = load_md("""
    | survey |
    |        | type  | name | label | appearance | parameters              |
    |        | text  | a    | A     | multiline  |                         |
    |        | range | r    | R     | horizontal | start=0 end=10 step=2   |
    |        | image | p    | P     |            | max-pixels=1600         |
    """)
    assert form.field("a").appearance == "multiline"
    assert form.field("r").parameters == {"start": "0", "end": "10", "step": "2"}
    assert form.field("p").parameters == {"max-pixels": "1600"}


def test_choices_with_translations_and_filter_columns__ok():
    form = load_md("""
    | survey  |
    |         | type             | name | label | choice_filter         |
    |         | select_one prov  | p    | P     |                       |
    |         | select_one kab   | k    | K     | prov = ${p}           |
    | choices |
    |         | list_name | name | label::Bahasa Indonesia (id) | label::English (en) | prov |
    |         | prov      | bt   | Banten                       | Banten              |      |
    |         | kab       | srg  | Kab. Serang                  | Serang regency      | bt   |
    """)
    assert form.field("k").choice_filter == "prov = ${p}"
    (choice,) = form.choices["kab"]
    assert (choice.name, choice.label, choice.extra) == ("srg", {"id": "Kab. Serang", "en": "Serang regency"}, {"prov": "bt"})


def test_or_other_adds_a_text_question__ok():
    form = load_md("""
    | survey  |
    |         | type                   | name  | label  |
    |         | select_one yn or_other | color | Colour |
    | choices |
    |         | list_name | name | label |
    |         | yn        | red  | Red   |
    """)
    other = form.field("color_other")
    assert (other.type, other.relevant) == ("text", "selected(${color}, 'other')")
    assert [c.name for c in form.choices["yn"]] == ["red", "other"]


def test_settings__ok():
    form = load_md("""
    | survey   |
    |          | type | name | label |
    |          | text | a    | A     |
    | settings |
    |          | form_id | form_title        | form_title::English (en) | form_title::Bahasa Indonesia (id) | version | default_language |
    |          | intake  | Pendaftaran / Intake | Intake                | Pendaftaran                       | 2025.10 | English (en)     |
    """)
    assert (form.form_id, form.version, form.default_language) == ("intake", "2025.10", "en")
    assert form.title == {"default": "Pendaftaran / Intake", "en": "Intake", "id": "Pendaftaran"}


def test_form_id_falls_back_to_the_file_name__ok():
    form = load_md("""
    | survey |
    |        | type | name | label |
    |        | text | a    | A     |
    """, filename="My form (2).yaml")
    assert form.form_id == "My_form_2"
    assert form.title == {"default": "My_form_2"}


def test_round_trip_through_json__ok():
    form = load_md("""
    | survey  |
    |         | type          | name | label | relevant |
    |         | select_one yn | a    | A     |          |
    |         | begin repeat  | r    | R     | ${a} = 'y' |
    |         | integer       | b    | B     |          |
    |         | end repeat    |      |       |          |
    | choices |
    |         | list_name | name | label | x |
    |         | yn        | y    | Yes   | 1 |
    """)
    assert FormDef.from_dict(form.to_dict()) == form


# ---- formats ----------------------------------------------------------------------------------

SMALL = """
| survey   |
|          | type    | name | label::English (en) | constraint |
|          | integer | age  | Age                 | . >= 18    |
| settings |
|          | form_id | version |
|          | small   | 3       |
"""


@pytest.mark.parametrize(("convert", "filename"), [(md_to_yaml, "f.yaml"), (md_to_yaml, "f.yml"),
                                                   (md_to_xlsx, "f.xlsx"), (md_to_csv, "f.csv")])
def test_formats__ok(convert, filename):
    form = load_form(convert(SMALL), filename)
    assert (form.form_id, form.version, form.fields[0].constraint) == ("small", "3", ". >= 18")


def test_yaml_keeps_every_scalar_as_text__ok():
    form = load_form(b"""
survey:
  - {type: select_one yn, name: ok, label: OK, required: yes}
choices:
  - {list_name: yn, name: 1.10, label: One point ten}
  - {list_name: yn, name: no, label: No}
settings: {form_id: t, version: 1.10}
""", "t.yaml")
    assert form.version == "1.10"
    assert [c.name for c in form.choices["yn"]] == ["1.10", "no"]
    assert form.fields[0].required == "true()"


def test_yaml_settings_as_one_row_list__ok():
    form = load_form(b"survey: [{type: text, name: a, label: A}]\nsettings: [{form_id: listed}]\n", "t.yaml")
    assert form.form_id == "listed"


def test_yaml_syntax__error():
    with pytest.raises(FormDefinitionError) as caught:
        load_form(b"survey:\n  - type: text\n   name: a\n", "t.yaml")
    (problem,) = caught.value.problems
    assert problem.key == "form.yaml_syntax"
    assert "line 3" in problem.message("en") and "baris 3" in problem.message("id")


@pytest.mark.parametrize(("text", "key"), [
    (b"- just a list\n", "form.yaml_shape"),
    (b"survey: [{type: text, name: a, label: A}]\nchoice: []\n", "form.yaml_sheet_unknown"),
    (b"survey: {type: text}\n", "form.yaml_sheet_not_list"),
    (b"survey: [text]\n", "form.yaml_row_not_mapping"),
    (b"survey: [{type: text, name: a, label: [A, B]}]\n", "form.yaml_cell_not_text"),
    (b"survey: [{type: text, name: a, label: A}]\nsettings: [{form_id: a}, {form_id: b}]\n", "form.yaml_settings_rows"),
])
def test_yaml_shape__error(text, key):
    with pytest.raises(FormDefinitionError) as caught:
        load_form(text, "t.yaml")
    assert key in [p.key for p in caught.value.problems]


def test_unsupported_extension__error():
    with pytest.raises(FormDefinitionError) as caught:
        load_form(b"whatever", "form.ods")
    assert caught.value.problems[0].key == "form.format_unsupported"
    assert ".ods" in caught.value.message("en")


@pytest.mark.parametrize("filename", ["broken.xlsx", "broken.xls", "broken.csv"])
def test_damaged_file__error(filename):
    with pytest.raises(FormDefinitionError) as caught:
        load_form(b"\x00\x01 not a spreadsheet", filename)
    assert caught.value.problems[0].key == "form.file_unreadable"


def test_too_large__error(monkeypatch):
    monkeypatch.setattr("pulih.forms.loader.MAX_BYTES", 10)
    with pytest.raises(FormDefinitionError) as caught:
        load_md(SMALL)
    assert caught.value.problems[0].key == "form.file_too_large"


def test_duplicate_column_header_in_xlsx__error():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "label"])
    sheet.append(["text", "a", "A", "A again"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(FormDefinitionError) as caught:
        load_form(buffer.getvalue(), "dup.xlsx")
    (problem,) = caught.value.problems
    assert (problem.key, problem.values) == ("form.header_duplicate", {"header": "label"})


# ---- problems ---------------------------------------------------------------------------------


@needs_expr
def test_expression_syntax_pyxform_accepts__error():
    problem = one_problem("""
    | survey |
    |        | type    | name | label | constraint  |
    |        | integer | a    | A     | (. > 3 and  |
    """, "form.expression_invalid")
    assert (problem.sheet, problem.row, problem.column) == ("survey", 2, "constraint")
    assert problem.message("en").startswith("[row 2] On the 'survey' sheet, column 'constraint': ")
    assert problem.message("id").startswith("[baris 2] Sheet 'survey', kolom 'constraint': ")


@needs_expr
@pytest.mark.parametrize("column", ["relevant", "constraint", "required", "read_only", "repeat_count", "default"])
def test_every_guarding_expression_column_is_parsed__error(column):
    expression = "${a} +* 2" if column != "default" else "concat(${a},"
    kind = "begin repeat" if column == "repeat_count" else "integer"
    end = "| | end repeat | | | |" if kind == "begin repeat" else ""
    problem = one_problem(f"""
    | survey |
    |        | type    | name | label | {column}     |
    |        | integer | a    | A     |              |
    |        | {kind}  | b    | B     | {expression} |
    {end}
    """, "form.expression_invalid")
    assert (problem.row, problem.column) == (3, column)


@needs_expr
def test_unknown_function_in_constraint__error():
    problem = one_problem("""
    | survey |
    |        | type    | name | label | constraint       |
    |        | integer | a    | A     | frobnicate(.) > 1 |
    """, "form.expression_invalid")
    assert "frobnicate" in problem.message("en")


@needs_expr
def test_calculation_pulih_cannot_evaluate_is_a_notice__ok():
    result = check_form(md_to_yaml("""
    | survey |
    |        | type      | name | label | calculation                     |
    |        | calculate | c    |       | pulldata('fruits', 'name', 'x') |
    |        | text      | t    | T     |                                 |
    """), "f.yaml")
    assert (result.form.field("c").type, result.form.field("c").calculation) == ("unsupported", None)
    (notice,) = result.notices
    assert (notice.key, notice.row, notice.column) == ("form.notice.expression_unsupported", 2, "calculation")


def test_reference_to_missing_question__error():
    problem = one_problem("""
    | survey |
    |        | type    | name | label | relevant   |
    |        | integer | a    | A     |            |
    |        | integer | b    | B     | ${nope} > 1 |
    """, "form.reference_unknown")
    assert (problem.row, problem.column, problem.values) == (3, "relevant", {"name": "nope"})
    assert "${nope}" in problem.message("en")


def test_duplicate_name_across_groups__error():
    problem = one_problem("""
    | survey |
    |        | type        | name | label |
    |        | begin group | g1   | G1    |
    |        | text        | a    | A     |
    |        | end group   |      |       |
    |        | begin group | g2   | G2    |
    |        | text        | a    | A     |
    |        | end group   |      |       |
    """, "form.name_duplicate")
    assert (problem.row, problem.column, problem.values) == (6, "name", {"name": "a", "first_row": 3})


def test_select_with_unknown_list__error():
    problem = one_problem("""
    | survey  |
    |         | type              | name | label |
    |         | select_one colour | a    | A     |
    | choices |
    |         | list_name | name | label |
    |         | color     | red  | Red   |
    """, "form.list_unknown")
    assert (problem.row, problem.column, problem.values) == (2, "type", {"list": "colour"})


def test_calculate_without_calculation__error():
    problem = one_problem("""
    | survey |
    |        | type      | name  | label |
    |        | calculate | total |       |
    """, "form.calculation_missing")
    assert (problem.row, problem.column) == (2, "calculation")
    assert "'total'" in problem.message("en")


def test_dependency_cycle__error():
    problem = one_problem("""
    | survey |
    |        | type      | name | label | calculation |
    |        | calculate | x    |       | ${y} + 1    |
    |        | calculate | y    |       | ${x} + 1    |
    """, "form.dependency_cycle")
    assert problem.row == 2 and "x → y → x" in problem.message("en")


def test_group_relevant_on_its_own_question__error():
    problem = one_problem("""
    | survey |
    |        | type        | name | label | relevant   |
    |        | begin group | g    | G     | ${a} = 1   |
    |        | integer     | a    | A     |            |
    |        | end group   |      |       |            |
    """, "form.dependency_cycle")
    assert "g → a → g" in problem.message("en")


def test_pyxform_problem_keeps_its_row__error():
    problem = one_problem("""
    | survey |
    |        | type    | name | label |
    |        | integer | a    | A     |
    |        | text    |      | B     |
    """, "form.name_missing")
    assert (problem.sheet, problem.row) == ("survey", 3)


def test_other_pyxform_problem_is_passed_on__error():
    problem = one_problem("""
    | survey |
    |        | type  | name | label | parameters          |
    |        | text  | a    | A     |                     |
    |        | range | r    | R     | start=a end=10 step=1 |
    """, "form.pyxform")
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "parameters")
    assert problem.message("en").startswith("[row 3] On the 'survey' sheet, the 'parameters' value is invalid.")
    assert problem.message("id").startswith("[baris 3] Ditolak oleh pyxform: ")


def test_unmatched_begin_group__error():
    problem = one_problem("""
    | survey |
    |        | type        | name | label |
    |        | begin group | g    | G     |
    |        | text        | a    | A     |
    """, "form.begin_unmatched")
    assert problem.values == {"kind": "group", "name": "g"}


def test_every_problem_at_once__error():
    problems = problems_md("""
    | survey |
    |        | type       | name | label | constraint | relevant  |
    |        | integer    | a    | A     | (. > 3 and | ${zz} = 1 |
    |        | integer    | a    | A     |            |           |
    |        | select_one missing | s | S |            |           |
    |        | calculate  | c    |       |            |           |
    """)
    keys = {p.key for p in problems}
    assert {"form.reference_unknown", "form.name_duplicate", "form.list_unknown", "form.calculation_missing"} <= keys
    assert [p.row for p in problems] == sorted(p.row for p in problems)


def test_problem_text_in_both_languages__error():
    problem = one_problem("""
    | survey |
    |        | type    | name | label | relevant    |
    |        | integer | a    | A     | ${nope} = 1 |
    """, "form.reference_unknown")
    assert problem.message("en") != problem.message("id")
    assert problem.as_dict("en") == {"sheet": "survey", "row": 2, "column": "relevant",
                                     "key": "form.reference_unknown", "message": problem.message("en")}


# ---- entities and save_to ---------------------------------------------------------------------

ENTITY_FORM = """
| survey   |
|          | type    | name | label | save_to |
|          | text    | n    | NIK   | nik     |
|          | text    | nm   | Name  | full_name |
|          | integer | x    | X     |         |
| settings |
|          | form_id | entity      |
|          | f       | participant |
"""


def test_entity_from_settings_and_save_to__ok():
    form = load_md(ENTITY_FORM)
    assert form.entity == "participant"
    assert [(f.name, f.save_to) for f in form.fields] == [("n", "nik"), ("nm", "full_name"), ("x", None)]


@pytest.mark.parametrize("header", ["list_name", "dataset"])
def test_entity_from_entities_sheet__ok(header):
    form = load_md(f"""
    | survey   |
    |          | type | name | label | save_to |
    |          | text | n    | NIK   | nik     |
    | entities |
    |          | {header}    | label  |
    |          | participant | ${{n}} |
    """)
    assert (form.entity, form.fields[0].save_to) == ("participant", "nik")


def test_no_entity__ok():
    assert load_md(SMALL).entity == "none"


def test_foreign_entity_list_is_a_notice__ok():
    result = check_form(md_to_yaml("""
    | survey   |
    |          | type | name | label | save_to |
    |          | text | n    | Name  | nama    |
    | entities |
    |          | list_name | label |
    |          | trees     | ${n}  |
    """), "f.yaml")
    assert (result.form.entity, result.form.fields[0].save_to) == ("none", None)
    assert [n.key for n in result.notices] == ["form.notice.entity_foreign"]


def test_unknown_entity__error():
    problem = one_problem(ENTITY_FORM.replace("participant |", "martian     |"), "form.entity_unknown")
    assert (problem.sheet, problem.row, problem.column) == ("settings", 2, "entity")
    assert "martian" in problem.message("en") and "participant" in problem.message("en")


def test_unknown_property__error():
    problem = one_problem(ENTITY_FORM.replace("full_name |", "shoe_size |"), "form.save_to_unknown")
    assert (problem.row, problem.column) == (3, "save_to")
    assert "shoe_size" in problem.message("en") and "full_name" in problem.message("en")


def test_save_to_without_entity__error():
    problem = one_problem(ENTITY_FORM.replace("participant |", "            |"), "form.save_to_without_entity")
    assert (problem.row, problem.column) == (2, "save_to")


def test_save_to_twice__error():
    problem = one_problem(ENTITY_FORM.replace("full_name |", "nik       |"), "form.save_to_duplicate")
    assert (problem.row, problem.values) == (3, {"property": "nik", "first_row": 2})


def test_save_to_inside_repeat__error():
    problem = one_problem("""
    | survey   |
    |          | type         | name | label | save_to |
    |          | begin repeat | r    | R     |         |
    |          | text         | n    | NIK   | nik     |
    |          | end repeat   |      |       |         |
    | settings |
    |          | form_id | entity      |
    |          | f       | participant |
    """, "form.save_to_container")
    assert problem.row == 3


def test_settings_and_entities_sheet_disagree__error():
    problem = one_problem("""
    | survey   |
    |          | type | name | label |
    |          | text | n    | NIK   |
    | settings |
    |          | form_id | entity   |
    |          | f       | handover |
    | entities |
    |          | list_name   | label |
    |          | participant | ${n}  |
    """, "form.entity_conflict")
    assert problem.sheet == "settings"


@pytest.mark.parametrize(("entity", "prop"), [("participant", "birth_date"), ("enrollment", "followup_month"),
                                              ("session", "attendance_status"), ("handover", "kit_code")])
def test_each_entity_property__ok(entity, prop):
    form = load_md(f"""
    | survey   |
    |          | type | name | label | save_to |
    |          | text | q    | Q     | {prop}  |
    | settings |
    |          | form_id | entity   |
    |          | f       | {entity} |
    """)
    assert (form.entity, form.fields[0].save_to) == (entity, prop)


# ---- robustness -------------------------------------------------------------------------------

JUNK = ["", "select_one", "select_one nolist", "begin group", "end group", "end repeat", "begin repeat", "(", "${",
        "${x}", "${nik}", "today()", ". > ", "yes", "maybe", "geopoint", "calculate", "range", "start=a", "meta",
        "1a", "a b", "x" * 300, "(" * 80 + "1" + ")" * 80, "participant", "foo#bar", "::", "'", "concat(", "pulldata('a')"]
COLUMNS = ["type", "name", "label", "relevant", "constraint", "calculation", "required", "read_only", "default",
           "choice_filter", "repeat_count", "appearance", "parameters", "save_to", "label::English (en)", "list_name"]


def test_mangled_forms_never_crash__ok():
    """Library forms with random cells broken, rows doubled or dropped: always a result, never an exception."""
    import copy
    import random

    from pulih.config import PROJECT_ROOT

    rng = random.Random(20250602)
    docs = [yaml.load(p.read_text(), Loader=yaml.BaseLoader) for p in sorted((PROJECT_ROOT / "forms").glob("*.yaml"))]
    for _ in range(60):
        doc = copy.deepcopy(rng.choice(docs))
        for _ in range(rng.randint(1, 6)):
            rows = doc[rng.choice(["survey", "survey", "choices"])]
            row = rng.choice(rows)
            if (action := rng.random()) < 0.6:
                row[rng.choice(COLUMNS + list(row))] = rng.choice(JUNK)
            elif action < 0.8:
                rows.insert(rng.randrange(len(rows) + 1), copy.deepcopy(row))
            elif len(rows) > 1:
                rows.remove(row)
        result = check_form(yaml.safe_dump(doc, allow_unicode=True).encode(), "mangled.yaml")
        assert (result.form is None) == bool(result.problems)
        assert all(p.message("id") and p.message("en") for p in result.problems + result.notices)
