"""Publishing form definitions as versions, retiring them, and loading the shipped library, on
SQLite and PostgreSQL (the ``engine`` fixture runs each test on both)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from pulih.audit import SYSTEM_USER
from pulih.database import read_session, write_session
from pulih.forms.loader import FormDefinitionError, load_form
from pulih.models import AuditLog, Form, FormVersion, User
from pulih.services import forms as form_service

FIRST = b"""
survey:
  - {type: integer, name: age, "label::English (en)": Age, "label::Bahasa Indonesia (id)": Umur, constraint: ". >= 18"}
settings: {form_id: census, form_title: Sensus / Census, version: "1", entity: none}
"""
SECOND = FIRST.replace(b'version: "1"', b'version: "2"').replace(b". >= 18", b". >= 17")
BROKEN = FIRST.replace(b". >= 18", b"(. > 3 and")


def publish(engine, data: bytes = FIRST, filename: str = "census.yaml", username: str = SYSTEM_USER) -> tuple[int, int]:
    with write_session(engine) as session:
        version = form_service.publish(session, data, filename, username)
        return version.id, version.number


def test_publish_first_version__ok(engine):
    _, number = publish(engine)
    with read_session(engine) as session:
        form = form_service.get_form(session, "census")
        (version,) = form_service.versions(session, "census")
        assert (form.title, form.entity, form.status) == ("Sensus / Census", "none", "published")
        assert (number, version.number, version.version_label) == (1, 1, "1")
        assert (version.source, version.source_filename, version.source_format) == (FIRST, "census.yaml", "yaml")
        system_id = session.scalar(select(User.id).where(User.username == SYSTEM_USER))
        assert version.published_by_id == system_id  # bootstrap's account for command-line work
        assert form_service.get_definition(version) == load_form(FIRST, "census.yaml")
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "form.publish")).one()
        assert (audit.username, audit.entity, audit.entity_id) == (SYSTEM_USER, "forms", str(form.id))
        assert audit.details["form_id"] == "census" and audit.details["version"] == 1


def test_publish_again_adds_a_version__ok(engine):
    publish(engine)
    _, number = publish(engine, SECOND, "census v2.yml")
    with read_session(engine) as session:
        assert [v.number for v in form_service.versions(session, "census")] == [1, 2]
        current = form_service.current_version(session, "census")
        assert (current.number, current.version_label, current.source_format) == (2, "2", "yaml")
        assert form_service.get_definition(current).fields[0].constraint == ". >= 17"
        old = form_service.get_version(session, "census", 1)
        assert form_service.get_definition(old).fields[0].constraint == ". >= 18"  # old versions stay readable
        assert session.scalar(select(func.count()).select_from(Form)) == 1


def test_publish_records_the_publishing_user__ok(engine):
    with write_session(engine) as session:
        session.add(User(username="admin", name="Admin", role="admin", password_hash="x"))
    version_id, _ = publish(engine, username="admin")
    with read_session(engine) as session:
        user_id = session.scalar(select(User.id).where(User.username == "admin"))
        assert session.get(FormVersion, version_id).published_by_id == user_id


def test_publish_with_problems_writes_nothing__error(engine):
    with pytest.raises(FormDefinitionError) as caught:
        publish(engine, BROKEN)
    assert caught.value.problems[0].row == 2
    with read_session(engine) as session:
        assert form_service.list_forms(session) == []
        assert session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "form.publish")) == 0


def test_retire_one_version__ok(engine):
    publish(engine)
    publish(engine, SECOND)
    with write_session(engine) as session:
        form = form_service.retire(session, "census", "admin", number=2)
        assert form.status == "published"
    with read_session(engine) as session:
        assert form_service.current_version(session, "census").number == 1
        assert [v.retired_at is not None for v in form_service.versions(session, "census")] == [False, True]


def test_retire_whole_form_then_publish_again__ok(engine):
    publish(engine)
    with write_session(engine) as session:
        assert form_service.retire(session, "census", "admin").status == "retired"
    with read_session(engine) as session:
        assert form_service.current_version(session, "census") is None
        assert form_service.get_form(session, "census").status == "retired"
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "form.retire")).one()
        assert audit.username == "admin"
    publish(engine, SECOND)
    with read_session(engine) as session:
        assert form_service.get_form(session, "census").status == "published"
        assert form_service.current_version(session, "census").number == 2


def test_retire_unknown_form__error(engine):
    with write_session(engine) as session, pytest.raises(form_service.FormNotFound) as caught:
        form_service.retire(session, "nothing", "admin")
    assert "nothing" in caught.value.message("en")
    publish(engine)
    with write_session(engine) as session, pytest.raises(form_service.FormNotFound):
        form_service.retire(session, "census", "admin", number=7)


def test_list_forms__ok(engine):
    publish(engine)
    publish(engine, FIRST.replace(b"census", b"alpha"), "alpha.yaml")
    with read_session(engine) as session:
        assert [f.form_id for f in form_service.list_forms(session)] == ["alpha", "census"]


def test_load_library_publishes_what_changed__ok(engine, tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(form_service.LIBRARY, folder)
    with write_session(engine) as session:
        first = form_service.load_library(session, "demo", folder)
    assert sorted(v.form.form_id for v in first) == ["followup", "handover", "intake", "self_esteem", "skills_test"]
    with write_session(engine) as session:
        assert form_service.load_library(session, "demo", folder) == []
    path = folder / "followup.yaml"
    path.write_bytes(path.read_bytes().replace(b'version: "2025.1"', b'version: "2025.2"'))
    with write_session(engine) as session:
        (again,) = form_service.load_library(session, "demo", folder)
        assert (again.form.form_id, again.number, again.version_label) == ("followup", 2, "2025.2")
    with read_session(engine) as session:
        forms = {f.form_id: f for f in form_service.list_forms(session)}
        assert forms["intake"].entity == "participant" and forms["handover"].entity == "handover"
        assert forms["skills_test"].title == "Tes Keterampilan Mekanik Sepeda Motor / Motorcycle mechanic skills test"
