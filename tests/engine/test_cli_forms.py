"""``python -m pulih forms check|fill|publish``: in-process through ``pulih.cli.main`` (capsys), and
once each as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from pulih.cli import main
from pulih.config import PROJECT_ROOT, reset_settings_cache
from pulih.database import dispose_engines, make_engine, read_session
from pulih.models import AuditLog
from pulih.services import forms as form_service
from tests.engine.test_loader import md_to_yaml

LIBRARY = PROJECT_ROOT / "forms"
BROKEN = """
| survey |
|        | type      | name | label | constraint | relevant    |
|        | integer   | a    | A     | (. > 3 and |             |
|        | text      | b    | B     |            | ${nope} = 1 |
|        | calculate | c    |       |            |             |
"""
SKILLS = {"test_type": "pre", "engine_theory": 50, "engine_practice": 60, "diagnosis_theory": 70,
          "diagnosis_practice": 80, "tools_theory": 90, "tools_practice": 100, "repair_theory": 40, "repair_practice": 30}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name: str, content: bytes | str):  # noqa: ANN201
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_check_valid__ok(capsys):
    code, out, _ = run(capsys, "forms", "check", str(LIBRARY / "intake.yaml"))
    assert code == 0
    assert "intake: the definition is valid" in out
    assert "languages: id, en" in out and "entity: participant" in out and "questions: 17" in out
    assert "title: Participant intake" in out


def test_check_in_indonesian__ok(capsys):
    code, out, _ = run(capsys, "forms", "check", str(LIBRARY / "skills_test.yaml"), "--lang", "id")
    assert code == 0 and "definisi valid" in out and "judul: Tes Keterampilan Mekanik Sepeda Motor" in out


def test_check_notes_unsupported_types__ok(capsys, tmp_path):
    path = write(tmp_path, "geo.yaml", md_to_yaml("""
    | survey |
    |        | type     | name  | label |
    |        | geopoint | where | Where |
    |        | start    | begun |       |
    |        | text     | t     | T     |
    """))
    code, out, _ = run(capsys, "forms", "check", str(path))
    assert code == 0
    assert "not rendered by Pulih (2): where (geopoint), begun (start)" in out


def test_check_invalid__error(capsys, tmp_path):
    path = write(tmp_path, "broken.yaml", md_to_yaml(BROKEN))
    code, out, err = run(capsys, "forms", "check", str(path))
    assert code == 1 and "Traceback" not in out + err
    assert "3 problem(s)" in out
    assert "[row 2] On the 'survey' sheet, column 'constraint'" in out
    assert "[row 3] On the 'survey' sheet, column 'relevant'" in out
    assert "[row 4] On the 'survey' sheet, column 'calculation'" in out


def test_check_unsupported_file__error(capsys, tmp_path):
    code, out, err = run(capsys, "forms", "check", str(write(tmp_path, "form.ods", b"x")))
    assert code == 1 and ".ods" in out and "Traceback" not in err


def test_check_missing_file__error(capsys, tmp_path):
    code, _, err = run(capsys, "forms", "check", str(tmp_path / "nothing.yaml"))
    assert code == 1 and err.startswith("error:")


def test_fill_valid__ok(capsys, tmp_path):
    answers = write(tmp_path, "answers.json", json.dumps(SKILLS))
    code, out, _ = run(capsys, "forms", "fill", str(LIBRARY / "skills_test.yaml"), "--answers", str(answers))
    document = json.loads(out)
    assert code == 0 and document["ok"] is True
    assert document["data"]["total_score"] == 65.0


def test_fill_invalid__error(capsys, tmp_path):
    answers = write(tmp_path, "answers.json", json.dumps({**SKILLS, "engine_theory": 120, "test_type": "mid"}))
    code, out, _ = run(capsys, "forms", "fill", str(LIBRARY / "skills_test.yaml"), "--answers", str(answers))
    document = json.loads(out)
    assert code == 1 and document["ok"] is False
    assert set(document["errors"]) == {"engine_theory", "test_type"}
    assert "100" in document["errors"]["engine_theory"]


def test_fill_select_multiple_as_list_and_repeats__ok(capsys, tmp_path):
    form = write(tmp_path, "f.yaml", md_to_yaml("""
    | survey  |
    |         | type                | name    | label |
    |         | select_multiple fru | fruit   | Fruit |
    |         | begin repeat        | members | M     |
    |         | text                | who     | Who   |
    |         | date                | born    | Born  |
    |         | end repeat          |         |       |
    | choices |
    |         | list_name | name   | label  |
    |         | fru       | apple  | Apple  |
    |         | fru       | banana | Banana |
    """))
    answers = {"fruit": ["apple", "banana"], "members": [{"who": "Ani", "born": "1990-01-02"}, {"who": "Budi"}]}
    code, out, _ = run(capsys, "forms", "fill", str(form), "--answers", str(write(tmp_path, "a.json", json.dumps(answers))))
    document = json.loads(out)
    assert code == 0, document
    assert document["data"]["fruit"] == "apple banana"
    assert document["data"]["members"][0] == {"who": "Ani", "born": "1990-01-02"}


def test_fill_errors_in_indonesian__error(capsys, tmp_path):
    answers = write(tmp_path, "answers.json", json.dumps({**SKILLS, "engine_theory": 120}))
    code, out, _ = run(capsys, "forms", "fill", str(LIBRARY / "skills_test.yaml"), "--answers", str(answers), "--lang", "id")
    assert code == 1 and "antara 0 dan 100" in json.loads(out)["errors"]["engine_theory"]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]"])
def test_fill_unreadable_answers__error(capsys, tmp_path, content):
    answers = write(tmp_path, "answers.json", content)
    code, out, _ = run(capsys, "forms", "fill", str(LIBRARY / "skills_test.yaml"), "--answers", str(answers))
    document = json.loads(out)
    assert code == 1 and list(document["errors"]) == ["_answers"]


def test_fill_broken_definition__error(capsys, tmp_path):
    answers = write(tmp_path, "answers.json", "{}")
    code, out, _ = run(capsys, "forms", "fill", str(write(tmp_path, "b.yaml", md_to_yaml(BROKEN))), "--answers", str(answers))
    document = json.loads(out)
    assert code == 1 and len(document["errors"]["_definition"]) == 3


@pytest.fixture
def database(monkeypatch, sqlite_url):  # noqa: ANN201
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    reset_settings_cache()
    yield sqlite_url
    dispose_engines()
    monkeypatch.delenv("DATABASE_URL")
    reset_settings_cache()


def test_publish__ok(capsys, database):
    code, out, err = run(capsys, "forms", "publish", str(LIBRARY / "handover.yaml"))
    assert (code, out) == (0, "handover\n")
    assert "version 1" in err
    code, out, err = run(capsys, "forms", "publish", str(LIBRARY / "handover.yaml"))
    assert (code, out) == (0, "handover\n") and "version 2" in err
    engine = make_engine(database)
    with read_session(engine) as session:
        assert [v.number for v in form_service.versions(session, "handover")] == [1, 2]
        users = set(session.scalars(select(AuditLog.username).where(AuditLog.action == "form.publish")))
        assert users == {"system"}
    engine.dispose()


def test_publish_invalid__error(capsys, database, tmp_path):
    code, out, _ = run(capsys, "forms", "publish", str(write(tmp_path, "b.yaml", md_to_yaml(BROKEN))))
    assert code == 1 and "[row 2]" in out
    engine = make_engine(database)
    with read_session(engine) as session:
        assert form_service.list_forms(session) == []
    engine.dispose()


def test_subprocess_check_and_publish__ok(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PYTHONPATH": str(PROJECT_ROOT)}

    def pulih(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pulih", *argv], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    broken = pulih("forms", "check", str(write(tmp_path, "b.yaml", md_to_yaml(BROKEN))))
    assert broken.returncode == 1 and "[row 2]" in broken.stdout and "Traceback" not in broken.stderr
    published = pulih("forms", "publish", "forms/intake.yaml")
    assert published.returncode == 0, published.stderr
    assert published.stdout == "intake\n"
