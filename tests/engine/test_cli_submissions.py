"""``python -m pulih submissions export|import`` on a SQLite file named by DATABASE_URL: in-process
through ``pulih.cli.main`` (capsys), and once as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest
from sqlalchemy import func, select

from pulih import auth
from pulih.audit import SYSTEM_USER
from pulih.cli import main
from pulih.config import PROJECT_ROOT, reset_settings_cache
from pulih.database import dispose_engines, make_engine, read_session, write_session
from pulih.models import AuditLog, Submission, User
from pulih.services import forms as form_service
from pulih.services import submissions as svc
from tests.engine.test_loader import md_to_yaml
from tests.services.test_submission_io import HOSTILE, HOUSEHOLD_V1

GOOD = [["name", "age", "old_q", "kids"],
        ["Ani", "30", "", json.dumps([{"kid": "Citra", "kid_age": 4}])],
        ["Budi", "41", "=1+1", ""]]
BAD_ROW = ["", "-5", "", ""]  # sheet row 3 when inserted after Ani: name missing, age below 0


@pytest.fixture
def database(monkeypatch, sqlite_url):  # noqa: ANN001, ANN201
    """The household form (version 1) with two submissions by staff1, on the DATABASE_URL of the CLI."""
    engine = make_engine(sqlite_url)
    with write_session(engine) as s:
        form_service.publish(s, md_to_yaml(HOUSEHOLD_V1), "household.yaml", SYSTEM_USER)
        auth.add_user(s, SYSTEM_USER, "staff1", "Staff", "staff", "rahasia-123")
    for answers in (HOSTILE, {"name": "Dedi", "age": 52}):
        with write_session(engine) as s:
            svc.submit(s, "staff1", "household", answers)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    reset_settings_cache()
    yield sqlite_url
    dispose_engines()
    monkeypatch.delenv("DATABASE_URL")
    reset_settings_cache()


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def submissions(url: str) -> list[tuple[str, str, dict]]:
    engine = make_engine(url)
    with read_session(engine) as s:
        rows = s.execute(select(Submission.source, User.username, Submission.data)
                         .join(User, User.id == Submission.submitted_by_id).order_by(Submission.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def write_csv(path, rows: list[list]):  # noqa: ANN001, ANN201
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- export

def test_export_xlsx__ok(capsys, database, tmp_path):
    target = tmp_path / "household.xlsx"
    code, out, _ = run(capsys, "submissions", "export", "household", "--format", "xlsx", "-o", str(target))
    assert code == 0 and f"wrote {target}" in out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["household", "kids"]
    header, *rows = [[c.value for c in r] for r in book["household"].iter_rows()]
    assert header[:4] == ["submission_id", "uuid", "form_version", "submitted_by"]
    assert [dict(zip(header, r))["name"] for r in rows] == ["'" + HOSTILE["name"], "Dedi"]
    assert book["kids"].max_row == 1 + len(HOSTILE["kids"])


def test_export_csv__ok(capsys, database, tmp_path):
    target = tmp_path / "household.csv"
    code, _, _ = run(capsys, "submissions", "export", "household", "--format", "csv", "-o", str(target))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["name"], r["submitted_by"], r["form_version"]) for r in rows] == [
        ("'" + HOSTILE["name"], "staff1", "1"), ("Dedi", "staff1", "1")]
    assert json.loads(rows[0]["kids"]) == HOSTILE["kids"]


def test_export_unknown_form__error(capsys, database, tmp_path):
    target = tmp_path / "x.xlsx"
    code, out, err = run(capsys, "submissions", "export", "nope", "-o", str(target))
    assert code == 1 and out == "" and err == "error: There is no form 'nope'.\n"
    assert not target.exists()


# --------------------------------------------------------------------------- import

def test_import_all_saved__ok(capsys, database, tmp_path):
    code, out, _ = run(capsys, "submissions", "import", "household", str(write_csv(tmp_path / "rows.csv", GOOD)))
    assert code == 0
    assert json.loads(out) == {"ok": True, "mode": "all", "total": 2, "saved": 2, "refused": {}}
    saved = submissions(database)[2:]
    assert saved == [("import", SYSTEM_USER, {"name": "Ani", "age": 30, "kids": [{"kid": "Citra", "kid_age": 4}]}),
                     ("import", SYSTEM_USER, {"name": "Budi", "age": 41, "old_q": "=1+1"})]
    engine = make_engine(database)
    with read_session(engine) as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "submission.import")).one()
    engine.dispose()
    assert audit.username == SYSTEM_USER and audit.details["saved"] == 2


def test_import_all_or_nothing_with_a_bad_row__error(capsys, database, tmp_path):
    path = write_csv(tmp_path / "rows.csv", [GOOD[0], GOOD[1], BAD_ROW, GOOD[2]])
    code, out, _ = run(capsys, "submissions", "import", "household", str(path))
    report = json.loads(out)
    assert code == 1
    assert (report["ok"], report["mode"], report["total"], report["saved"]) == (False, "all", 3, 0)
    assert list(report["refused"]) == ["3"] and set(report["refused"]["3"]) == {"name", "age"}
    assert report["refused"]["3"]["name"] == "This question is required."
    assert len(submissions(database)) == 2  # nothing of the file was saved


def test_import_valid_rows_with_a_bad_row__error(capsys, database, tmp_path):
    path = write_csv(tmp_path / "rows.csv", [GOOD[0], GOOD[1], BAD_ROW, GOOD[2]])
    code, out, _ = run(capsys, "submissions", "import", "household", str(path), "--mode", "valid", "--lang", "id")
    report = json.loads(out)
    assert code == 1
    assert (report["ok"], report["mode"], report["total"], report["saved"]) == (False, "valid", 3, 2)
    assert report["refused"]["3"]["name"] == "Pertanyaan ini wajib dijawab."
    assert [d["name"] for _, _, d in submissions(database)[2:]] == ["Ani", "Budi"]


def test_import_an_exported_xlsx_back__ok(capsys, database, tmp_path):
    target = tmp_path / "household.xlsx"
    assert run(capsys, "submissions", "export", "household", "-o", str(target))[0] == 0
    code, out, _ = run(capsys, "submissions", "import", "household", str(target))
    assert code == 0 and json.loads(out)["saved"] == 2
    rows = submissions(database)
    assert [d for _, _, d in rows[2:]] == [d for _, _, d in rows[:2]]


@pytest.mark.parametrize(("argv", "message"), [
    (["submissions", "import", "household", "{tmp}/missing.csv"], "error: FileNotFoundError"),
    (["submissions", "import", "household", "{tmp}/rows.ods"], "cannot be imported: use CSV or XLSX"),
    (["submissions", "import", "nope", "{tmp}/rows.csv"], "The form 'nope' is not published"),
    (["submissions", "import", "household", "{tmp}/broken.xlsx"], "'broken.xlsx' cannot be imported"),
    (["submissions", "export", "household", "-o", "{tmp}/no/such/dir/x.xlsx"], "error: FileNotFoundError"),
])
def test_errors_without_a_traceback__error(capsys, database, tmp_path, argv, message):
    write_csv(tmp_path / "rows.csv", GOOD)
    (tmp_path / "rows.ods").write_bytes(b"PK")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    code, out, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 1 and message in err and err.startswith("error: ")
    assert len(submissions(database)) == 2


def test_unknown_mode_is_a_usage_error__error(capsys, database, tmp_path):
    with pytest.raises(SystemExit) as caught:
        main(["submissions", "import", "household", str(write_csv(tmp_path / "rows.csv", GOOD)), "--mode", "some"])
    assert caught.value.code == 2 and "invalid choice: 'some'" in capsys.readouterr().err


def test_subprocess_export_and_import__ok(database, tmp_path):
    env = {**os.environ, "DATABASE_URL": database, "PYTHONPATH": str(PROJECT_ROOT)}

    def pulih(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pulih", *argv], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    target = tmp_path / "out.xlsx"
    exported = pulih("submissions", "export", "household", "--format", "xlsx", "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    assert openpyxl.load_workbook(target).sheetnames == ["household", "kids"]
    refused = pulih("submissions", "import", "household", str(write_csv(tmp_path / "bad.csv", [GOOD[0], BAD_ROW])))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert json.loads(refused.stdout)["refused"]["2"]["name"] == "This question is required."
    missing = pulih("submissions", "export", "nope", "-o", str(tmp_path / "x.csv"))
    assert missing.returncode == 1 and missing.stderr.strip() == "error: There is no form 'nope'."
    engine = make_engine(database)
    with read_session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Submission)) == 2
    engine.dispose()
