"""Exports and bulk import of a form's submissions.

Export: every column of every version of the form (the newest version's order first, then
columns only older versions had), plus version / submitter / time columns; repeats go to their
own sheets in XLSX (one row per repeat row, keyed by submission id and row number) and into a
JSON cell in CSV. Cells a spreadsheet would execute are neutralised (pulih.exports).

Import: a CSV or XLSX of answers (header row = field names, as an export writes them; a repeat
column holds a JSON list, or in an exported XLSX the repeat's own sheet holds the rows; the
apostrophe an export put before a formula-like answer is taken off again) goes row by row
through exactly the validation of a web submission.
Two modes, chosen by the user: ``all`` (all or nothing: if any row is refused, nothing is
saved) and ``valid`` (each valid row is saved on its own; refused rows are reported).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih import audit
from pulih.exports import FORMULA_STARTS, to_csv_bytes, to_xlsx_bytes
from pulih.forms.model import FormDef
from pulih.i18n import Translatable
from pulih.models import Form, FormVersion, Submission, User
from pulih.services import forms as form_service
from pulih.services.entity_binding import Context
from pulih.services.submissions import SubmissionInvalid, submit

META = ("submission_id", "uuid", "form_version", "submitted_by", "created_at", "updated_at", "source",
        "participant_id", "enrollment_id")
MAX_IMPORT_ROWS = 5000


def _columns(definitions: list[FormDef]) -> tuple[list[str], set[str]]:
    """Data columns across versions (newest first) and which of them are repeats."""
    columns: list[str] = []
    repeats: set[str] = set()
    for definition in definitions:
        for f in definition.walk():
            if f.type == "repeat":
                repeats.add(f.name)
                if f.name not in columns:
                    columns.append(f.name)
            elif f.type not in ("group", "note", "unsupported") and definition.repeat_of(f.name) is None:
                if f.name not in columns:
                    columns.append(f.name)
    return columns, repeats


def _cell(value: object) -> object:
    if isinstance(value, dict) and "filename" in value:
        return value.get("filename")
    return value


def export_tables(session: Session, form_id: str) -> tuple[dict[str, list[dict]], list[str]]:
    """{sheet: rows}: the form's main table (named by form_id) and one table per repeat; and the
    main table's columns in order."""
    form = session.scalar(select(Form).where(Form.form_id == form_id))
    if form is None:
        raise Translatable("submission.unknown_form", form_id=form_id)
    versions = list(session.scalars(select(FormVersion).where(FormVersion.form_pk == form.id).order_by(FormVersion.number.desc())))
    columns, repeats = _columns([form_service.get_definition(v) for v in versions])
    main, repeat_rows = [], {name: [] for name in sorted(repeats)}
    rows = session.execute(
        select(Submission, FormVersion.number, User.username).join(FormVersion, FormVersion.id == Submission.form_version_id)
        .outerjoin(User, User.id == Submission.submitted_by_id).where(Submission.form_pk == form.id).order_by(Submission.id)
    )
    for sub, number, username in rows:
        meta = dict(zip(META, (sub.id, sub.uuid, number, username or "", sub.created_at, sub.updated_at, sub.source,
                               sub.participant_id, sub.enrollment_id)))
        record = {**meta}
        for name in columns:
            value = sub.data.get(name)
            if name in repeats:
                for i, row in enumerate(value or [], start=1):
                    repeat_rows[name].append({"submission_id": sub.id, "row": i, **{k: _cell(v) for k, v in row.items()}})
                record[name] = len(value or [])
            else:
                record[name] = _cell(value)
        main.append(record)
    return {form_id: main, **repeat_rows}, [*META, *columns]


def export_xlsx(session: Session, form_id: str) -> bytes:
    tables, header = export_tables(session, form_id)
    sheets = {name: (pd.DataFrame(rows) if rows else pd.DataFrame(columns=header if name == form_id else ["submission_id", "row"]))
              for name, rows in tables.items()}
    sheets[form_id] = sheets[form_id].reindex(columns=header)
    return to_xlsx_bytes(sheets)


def export_csv(session: Session, form_id: str) -> bytes:
    """The main table; each repeat column holds the rows as JSON."""
    tables, header = export_tables(session, form_id)
    repeats = [name for name in tables if name != form_id]
    rows = []
    by_sub: dict[tuple[str, int], list[dict]] = {}
    for name in repeats:
        for row in tables[name]:
            by_sub.setdefault((name, row["submission_id"]), []).append(
                {k: v for k, v in row.items() if k not in ("submission_id", "row")})
    for record in tables[form_id]:
        rows.append({k: (json.dumps(by_sub.get((k, record["submission_id"]), []), ensure_ascii=False, default=str)
                         if k in repeats else record.get(k)) for k in header})
    return to_csv_bytes(rows or pd.DataFrame(columns=header), columns=header)  # no submissions: the header only


# ------------------------------------------------------------------ import

@dataclass
class ImportReport:
    mode: str
    total: int = 0
    saved: list[int] = field(default_factory=list)  # submission ids
    refused: dict[int, dict[str, str]] = field(default_factory=dict)  # sheet row number -> {field: message}

    @property
    def ok(self) -> bool:
        return not self.refused


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """(row number as the spreadsheet shows it, {header: value}) for each non-empty data row."""
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:  # Excel's "CSV" on Windows is in the ANSI code page, not UTF-8
            text = data.decode("cp1252", errors="replace")
        # The delimiter is whichever separates the field names (Excel in an Indonesian locale writes ";").
        header = text.split("\n", 1)[0]
        reader = csv.DictReader(io.StringIO(text), delimiter=max(",;\t", key=header.count))
        rows = [(i, dict(r)) for i, r in enumerate(reader, start=2)]
    elif name.endswith((".xlsx", ".xlsm")):
        try:
            sheets = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets
            rows = _sheet_rows(sheets[0])[1]
            for sheet in sheets[1:]:
                _repeat_sheet_into(rows, sheet)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
            raise Translatable("import.bad_file_type", filename=filename) from None
    else:
        raise Translatable("import.bad_file_type", filename=filename)
    rows = [(i, {k: v for k, v in r.items() if k and v not in (None, "")}) for i, r in rows]
    rows = [(i, r) for i, r in rows if r]
    if len(rows) > MAX_IMPORT_ROWS:
        raise Translatable("import.too_many_rows", max=MAX_IMPORT_ROWS)
    return rows


def _sheet_rows(sheet) -> tuple[list[str], list[tuple[int, dict]]]:  # noqa: ANN001
    it = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, [])]
    return header, [(i, dict(zip(header, r))) for i, r in enumerate(it, start=2)]


def _repeat_sheet_into(rows: list[tuple[int, dict]], sheet) -> None:  # noqa: ANN001
    """An exported repeat sheet (submission_id, row, answers) back into its column of the main sheet as
    a list of rows, so that an exported XLSX imports back (the main sheet holds only the row count)."""
    header, found = _sheet_rows(sheet)
    if header[:2] != ["submission_id", "row"]:
        return
    by_sub: dict[object, list[dict]] = {}
    for _, r in found:
        if r.get("submission_id") not in (None, ""):
            by_sub.setdefault(r["submission_id"], []).append(
                {k: v for k, v in r.items() if k and k not in ("submission_id", "row") and v not in (None, "")})
    for _, row in rows:
        if sheet.title in row and row.get("submission_id") not in (None, ""):
            row[sheet.title] = by_sub.get(row["submission_id"], [])


def _plain(value: object) -> object:
    """Undo the apostrophe an export puts before a formula-like answer ("'=x" -> "=x")."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _answers(definition: FormDef, row: dict) -> dict:
    answers = {k: _plain(v) for k, v in row.items() if k not in META and not str(k).startswith("_")}
    for f in definition.walk():
        if f.type == "repeat" and isinstance(answers.get(f.name), str):
            try:
                answers[f.name] = json.loads(answers[f.name])
            except json.JSONDecodeError:
                pass  # validation reports the bad repeat value
        if f.type == "repeat" and isinstance(answers.get(f.name), list):
            answers[f.name] = [{k: _plain(v) for k, v in r.items()} if isinstance(r, dict) else r
                               for r in answers[f.name]]
    return answers


def import_rows(session: Session, username: str, form_id: str, rows: list[tuple[int, dict]], *, mode: str = "all",
                lang: str = "id", context_of=None) -> ImportReport:  # noqa: ANN001
    """Run each row through ``submit`` (same validation as the web). ``context_of(row) -> Context``
    links rows to participants or enrollments (e.g. from ``participant_id``/``enrollment_id`` columns)."""
    if mode not in ("all", "valid"):
        raise Translatable("import.bad_mode", mode=mode)
    version = form_service.current_version(session, form_id)
    if version is None:
        raise Translatable("submission.form_not_published", form_id=form_id)
    definition = form_service.get_definition(version)
    report = ImportReport(mode=mode, total=len(rows))
    context_of = context_of or _context_from_row
    for number, row in rows:
        try:
            with session.begin_nested():
                sub = submit(session, username, form_id, _answers(definition, row), context=context_of(row),
                             source="import", lang=lang, version_id=version.id)
            report.saved.append(sub.id)
        except SubmissionInvalid as exc:
            report.refused[number] = exc.errors
        except Translatable as exc:
            report.refused[number] = {"_row": exc.message(lang)}
    if mode == "all" and report.refused:
        report.saved = []
        raise ImportRefused(report)
    audit.record(session, username, "submission.import", "submissions", "", form_id=form_id, mode=mode,
                 saved=len(report.saved), refused=sorted(report.refused))
    return report


class ImportRefused(Translatable):
    """All-or-nothing import with refused rows: the caller must roll back (nothing is saved)."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("import.refused_all", refused=len(report.refused), total=report.total)
        self.report = report


def _context_from_row(row: dict) -> Context:
    def as_int(key: str) -> int | None:
        try:
            return int(row[key]) if row.get(key) not in (None, "") else None
        except (TypeError, ValueError):
            return None

    return Context(participant_id=as_int("participant_id"), enrollment_id=as_int("enrollment_id"),
                   session_id=as_int("session_id"))
