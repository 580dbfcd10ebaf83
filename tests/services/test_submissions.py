"""Submissions on SQLite and PostgreSQL (the ``engine`` fixture runs each test on both): saving with
the form version, submitter and times; calculations; all errors at once and nothing saved; entity
binding (intake -> participant, assessments and follow-ups -> enrollment, handover -> stock);
edits against the submission's own version with history; browsing; drafts.

The shipped library (forms/*.yaml) is published as the system user; small forms are inline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import event, func, select

from pulih import auth
from pulih.audit import SYSTEM_USER
from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.models import (
    AuditLog, ChangeCounter, Draft, Enrollment, FollowUp, FormVersion, Handover, Participant, StockMovement,
    StoredFile, Submission, SubmissionRevision, User,
)
from pulih.services import equipment, followups
from pulih.services import forms as form_service
from pulih.services import submissions as svc
from pulih.services.entity_binding import Context
from pulih.services.intake import check_intake, needs
from pulih.services.ledger_common import Upload
from pulih.services.programs import CaseError
from tests.engine.test_loader import md_to_yaml
from tests.services.ledger_helpers import make_cohort

USERS = {"admin1": "admin", "manager1": "manager", "staff1": "staff", "staff2": "staff", "viewer1": "viewer"}
SKILLS = {"test_type": "pre", "engine_theory": 50, "engine_practice": 60, "diagnosis_theory": 70,
          "diagnosis_practice": 80, "tools_theory": 90, "tools_practice": 100, "repair_theory": 40,
          "repair_practice": 30}
# NIK 36 03 12 070590 0099: Banten, born 7 May 1990, male. Its first ten digits read as an ISO date
# (3603-12-07): the NIK must still be stored as the NIK, never as a date.
NIK = "3603120705900099"
INTAKE = {"consent": "OK", "nik": NIK, "full_name": "Rudi  Hartono", "sex": "M", "birth_place": "Serang",
          "birth_date": "1990-05-07", "phone": "081234567890", "address": "Jl. Veteran No. 3, RT 02/RW 05",
          "district": "Cipocok Jaya", "regency": "Kota Serang", "education": "smp", "case_number": "PAS-2024-117",
          "offence": "Pencurian", "release_date": "2025-01-15"}


_LOADED: dict[tuple[bytes, str], object] = {}


@pytest.fixture(autouse=True)
def _library_parsed_once(monkeypatch) -> None:  # noqa: ANN001
    """Parse each shipped definition once per run (the loader has its own tests); publishing is real."""
    real = form_service.load_form

    def load(data: bytes, filename: str):  # noqa: ANN202
        if (data, filename) not in _LOADED:
            _LOADED[data, filename] = real(data, filename)
        return _LOADED[data, filename]

    monkeypatch.setattr(form_service, "load_form", load)


@dataclass
class World:
    enrollments: list[int]
    participants: list[int]


def setup_world(engine, *, people: int = 2) -> World:  # noqa: ANN001
    """The shipped library, users of every role (added through pulih.auth) and one cohort."""
    with write_session(engine) as s:
        form_service.load_library(s, SYSTEM_USER)
        for username, role in USERS.items():
            auth.add_user(s, SYSTEM_USER, username, username.title(), role, "rahasia-123")
        cohort = make_cohort(s, people=people)
    return World(cohort.enrollment_ids, cohort.participant_ids)


@pytest.fixture
def world(engine) -> World:  # noqa: ANN001
    return setup_world(engine)


def count(engine, model, *where) -> int:  # noqa: ANN001, ANN002
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def counter(engine, topic: str = "submissions") -> int:  # noqa: ANN001
    with read_session(engine) as s:
        return s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == topic)) or 0


def submit(engine, form_id: str, answers: dict, username: str = "staff1", **kw) -> Submission:  # noqa: ANN001, ANN003
    with write_session(engine) as s:
        return svc.submit(s, username, form_id, answers, **kw)


def publish(engine, data: bytes, filename: str = "form.yaml") -> FormVersion:  # noqa: ANN001
    with write_session(engine) as s:
        return form_service.publish(s, data, filename, SYSTEM_USER)


# --------------------------------------------------------------------------- submit

def test_submit_saves_version_submitter_source_and_times__ok(engine, world):
    started = dt.datetime(2025, 5, 28, 9, 0)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=5)
    sub = submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]),
                 started_at=started, source="web")
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=5)
    with read_session(engine) as s:
        saved = s.get(Submission, sub.id)
        current = form_service.current_version(s, "skills_test")
        assert saved.form_version_id == current.id and current.number == 1
        assert saved.submitted_by_id == s.scalar(select(User.id).where(User.username == "staff1"))
        assert saved.source == "web" and saved.started_at == started
        assert before <= saved.created_at <= after and before <= saved.updated_at <= after
        assert len(saved.uuid) == 36
        assert saved.data == {**SKILLS, "total_score": 65}  # (50+60+70+80+90+100+40+30) / 8
        assert (saved.enrollment_id, saved.participant_id) == (world.enrollments[0], world.participants[0])


def test_submit_skills_total_rounded_to_one_decimal__ok(engine, world):
    answers = {**SKILLS, "engine_theory": 51, "repair_practice": 32}  # 523 / 8 = 65.375
    sub = submit(engine, "skills_test", answers, context=Context(enrollment_id=world.enrollments[0]))
    assert sub.data["total_score"] == 65.4


@pytest.mark.parametrize(("answers", "total"), [
    # items 1..10; 2, 5, 6, 8, 9 reverse-scored (5 - answer)
    ((4, 1, 4, 3, 2, 1, 4, 2, 1, 3), 18 + 18),  # positive 4+4+3+4+3, reversed 4+3+4+3+4
    ((1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 5 * 1 + 5 * 4),
    ((4, 4, 4, 4, 4, 4, 4, 4, 4, 4), 5 * 4 + 5 * 1),
    ((4, 1, 4, 4, 1, 1, 4, 1, 1, 4), 40),  # the highest self-esteem
    ((1, 4, 1, 1, 4, 4, 1, 4, 4, 1), 10),  # the lowest
])
def test_submit_self_esteem_reverse_scoring__ok(engine, world, answers, total):
    data = {"timing": "pre", **{f"rse_{i}": str(a) for i, a in enumerate(answers, start=1)}}
    sub = submit(engine, "self_esteem", data, context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        saved = s.get(Submission, sub.id).data
    assert saved["rse_total"] == total
    for item in (2, 5, 6, 8, 9):
        assert saved[f"rse_{item}_score"] == 5 - answers[item - 1]
    assert saved["rse_1"] == str(answers[0])  # a select_one answer stays the choice name


def test_submit_invalid_answers_saves_nothing__error(engine, world):
    audits, bumps = count(engine, AuditLog), counter(engine)
    answers = {**SKILLS, "engine_theory": 120, "test_type": "mid"}
    del answers["repair_practice"]
    with pytest.raises(svc.SubmissionInvalid) as caught:
        submit(engine, "skills_test", answers, context=Context(enrollment_id=world.enrollments[0]), lang="en")
    errors = caught.value.errors
    assert set(errors) == {"engine_theory", "test_type", "repair_practice"}
    assert "between 0 and 100" in errors["engine_theory"]
    assert "3 answers" in caught.value.message("en")
    assert count(engine, Submission) == 0
    assert (count(engine, AuditLog), counter(engine)) == (audits, bumps)


def test_submit_unknown_form__error(engine, world):
    with pytest.raises(Translatable) as caught:
        submit(engine, "no_such_form", {})
    assert caught.value.key == "submission.unknown_form" and "no_such_form" in caught.value.message("en")
    assert count(engine, Submission) == 0


def test_submit_retired_form__error(engine, world):
    with write_session(engine) as s:
        form_service.retire(s, "skills_test", SYSTEM_USER)
    with pytest.raises(Translatable) as caught:
        submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]))
    assert caught.value.key == "submission.form_not_published"
    assert count(engine, Submission) == 0


def test_submit_to_a_retired_version__error(engine, world):
    """A fill screen opened before the version was retired must not save into it."""
    with read_session(engine) as s:
        old_id = form_service.current_version(s, "skills_test").id
    publish(engine, (form_service.LIBRARY / "skills_test.yaml").read_bytes().replace(b'"2025.1"', b'"2025.2"'),
            "skills_test.yaml")
    with write_session(engine) as s:
        form_service.retire(s, "skills_test", SYSTEM_USER, number=1)
    with pytest.raises(Translatable) as caught:
        submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]), version_id=old_id)
    assert caught.value.key == "submission.form_not_published"
    sub = submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        assert s.get(FormVersion, sub.form_version_id).number == 2
    assert count(engine, Submission) == 1


@pytest.mark.parametrize(("username", "key"), [("viewer1", "submission.role_forbidden"),
                                                ("nobody", "submission.user_unknown")])
def test_submit_by_viewer_or_stranger__error(engine, world, username, key):
    with pytest.raises(Translatable) as caught:
        submit(engine, "skills_test", SKILLS, username=username, context=Context(enrollment_id=world.enrollments[0]))
    assert caught.value.key == key
    assert count(engine, Submission) == 0


def test_submit_writes_audit_and_bumps_counter__ok(engine, world):
    bumps = counter(engine)
    sub = submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]), source="import")
    with read_session(engine) as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "submission.create")).one()
    assert (row.username, row.entity, row.entity_id) == ("staff1", "submissions", str(sub.id))
    assert row.details == {"form_id": "skills_test", "version": 1, "source": "import"}
    assert counter(engine) == bumps + 1


def test_published_forms__ok(engine, world):
    with read_session(engine) as s:
        listed = {f["form_id"]: f for f in svc.published_forms(s)}
        assert set(listed) == {"intake", "skills_test", "self_esteem", "handover", "followup"}
        assert listed["intake"]["entity"] == "participant"
        assert listed["handover"]["version_id"] == form_service.current_version(s, "handover").id
    with write_session(engine) as s:
        form_service.retire(s, "handover", SYSTEM_USER)
    with read_session(engine) as s:
        assert "handover" not in {f["form_id"] for f in svc.published_forms(s)}


def test_store_form_file__ok(engine, world):
    with write_session(engine) as s:
        kept = svc.store_form_file(s, "staff1", Upload("C:\\scan\\berita acara.pdf", "application/pdf", b"%PDF-1.4"))
    assert kept["filename"] == "berita acara.pdf"
    with read_session(engine) as s:
        assert s.get(StoredFile, kept["file_id"]).content == b"%PDF-1.4"
        assert s.scalars(select(AuditLog.action).order_by(AuditLog.id.desc())).first() == "submission.file"


@pytest.mark.parametrize(("username", "upload", "key"), [
    ("staff1", Upload("run.exe", "application/x-msdownload", b"MZ"), "submission.file_type"),
    ("staff1", Upload("empty.jpg", "image/jpeg", b""), "submission.file_empty"),
    ("viewer1", Upload("a.jpg", "image/jpeg", b"\xff\xd8"), "submission.role_forbidden"),
])
def test_store_form_file__error(engine, world, username, upload, key):
    with pytest.raises(Translatable) as caught, write_session(engine) as s:
        svc.store_form_file(s, username, upload)
    assert caught.value.key == key
    assert count(engine, StoredFile) == 0


# --------------------------------------------------------------------------- entity binding

def test_intake_creates_participant__ok(engine, world):
    sub = submit(engine, "intake", INTAKE)
    with read_session(engine) as s:
        saved = s.get(Submission, sub.id)
        person = s.get(Participant, saved.participant_id)
    assert person.id not in world.participants
    assert person.nik == NIK  # not turned into a date
    assert (person.full_name, person.sex, person.birth_date, person.birth_place) == (
        "Rudi Hartono", "M", dt.date(1990, 5, 7), "Serang")
    assert (person.phone, person.address, person.district, person.regency, person.education) == (
        "081234567890", "Jl. Veteran No. 3, RT 02/RW 05", "Cipocok Jaya", "Kota Serang", "smp")
    assert person.referral_source == "Bapas Kelas II Ciangir"  # the form's default
    assert (person.case_number, person.offence, person.release_date) == ("PAS-2024-117", "Pencurian",
                                                                         dt.date(2025, 1, 15))
    assert person.consent_given is True and person.consent_date is not None
    assert person.duplicate_override_reason is None
    assert saved.data["nik"] == NIK and saved.data["consent"] == "OK"


def test_intake_with_an_existing_participant_updates_it__ok(engine, world):
    first = submit(engine, "intake", INTAKE)
    submit(engine, "intake", {**INTAKE, "phone": "0899 1234 5678", "district": "Taktakan"},
           context=Context(participant_id=first.participant_id))
    with read_session(engine) as s:
        person = s.get(Participant, first.participant_id)
        assert (person.phone, person.district, person.nik) == ("0899 1234 5678", "Taktakan", NIK)
        assert s.scalar(select(func.count()).select_from(Participant).where(Participant.nik == NIK)) == 1


def test_intake_without_consent_saves_nothing__error(engine, world):
    people = count(engine, Participant)
    with pytest.raises(svc.SubmissionInvalid) as caught:
        submit(engine, "intake", {**INTAKE, "consent": None}, lang="en")
    assert caught.value.errors == {"consent": "Without the participant's consent the intake cannot go on."}
    assert (count(engine, Participant), count(engine, Submission)) == (people, 0)


def test_intake_binding_refuses_without_consent__error(engine, world):
    """A participant form where consent is not required by the form: the binding still refuses."""
    publish(engine, md_to_yaml("""
    | survey   |
    |          | type        | name      | label     | save_to       |
    |          | acknowledge | consent   | Consent   | consent_given |
    |          | text        | nik       | NIK       | nik           |
    |          | text        | full_name | Name      | full_name     |
    |          | text        | sex       | Sex       | sex           |
    |          | date        | born      | Born      | birth_date    |
    | settings |
    |          | form_id     | form_title | version | entity      |
    |          | quick_intake | Quick     | 1       | participant |
    """))
    people = count(engine, Participant)
    with pytest.raises(CaseError) as caught:
        submit(engine, "quick_intake", {"nik": NIK, "full_name": "Rudi", "sex": "M", "born": "1990-05-07"})
    assert caught.value.key == "cases.consent_required"
    assert (count(engine, Participant), count(engine, Submission)) == (people, 0)


def test_intake_known_nik_refused_for_staff__error(engine, world):
    submit(engine, "intake", INTAKE)
    with pytest.raises(CaseError) as caught:
        submit(engine, "intake", {**INTAKE, "full_name": "Rudi H."}, username="staff2")
    assert caught.value.key == "cases.duplicate_nik" and "already registered" in caught.value.message("en")
    assert count(engine, Participant, Participant.nik == NIK) == 1
    assert count(engine, Submission) == 1


def test_intake_known_nik_saved_by_manager_with_reason__ok(engine, world):
    submit(engine, "intake", INTAKE)
    with pytest.raises(CaseError) as caught:
        submit(engine, "intake", INTAKE, username="manager1", context=Context(override_reason="  "))
    assert caught.value.key == "cases.override_reason_required"
    reason = "Kembar identitas di Dukcapil; dicek dengan KK"
    sub = submit(engine, "intake", INTAKE, username="manager1", context=Context(override_reason=reason))
    with read_session(engine) as s:
        second = s.get(Participant, sub.participant_id)
        assert second.duplicate_override_reason == reason
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "participant.create")
                          .order_by(AuditLog.id.desc())).first()
        assert audit.details["duplicate_override_reason"] == reason and audit.username == "manager1"
    assert count(engine, Participant, Participant.nik == NIK) == 2
    assert count(engine, Submission) == 2


def test_check_intake_finds_duplicates_and_nik_problems__ok(engine, world):
    submit(engine, "intake", INTAKE)
    with read_session(engine) as s:
        definition = form_service.get_definition(form_service.current_version(s, "intake"))
        same = check_intake(s, definition, INTAKE)
        assert same.same_nik and same.nik_problems == []
        moved = check_intake(s, definition, {**INTAKE, "nik": "3603124705900098", "full_name": "Rudi Hartono"})
        assert not moved.same_nik
        assert moved.nik_problems  # 47 in the NIK means a woman born on the 7th; the answer says male
        assert [d.reason for d in moved.duplicates] == ["similar_name_same_birth_date"]
        person_id = same.duplicates[0].participant.id
        assert check_intake(s, definition, INTAKE, exclude_id=person_id).duplicates == []
        assert needs(definition) == ()
        assert needs(form_service.get_definition(form_service.current_version(s, "skills_test"))) == ("enrollment",)


@pytest.mark.parametrize("form_id", ["skills_test", "self_esteem", "followup"])
def test_assessment_needs_an_enrollment__error(engine, world, form_id):
    answers = {"skills_test": SKILLS, "followup": {"followup_month": "3", "working": "no", "own_workshop": "no",
                                                  "toolkit_in_use": "yes", "justice_contact": "no"},
               "self_esteem": {"timing": "pre", **{f"rse_{i}": "3" for i in range(1, 11)}}}[form_id]
    for context in (None, Context(enrollment_id=999_999)):
        with pytest.raises(Translatable) as caught:
            submit(engine, form_id, answers, context=context)
        assert caught.value.key == "submission.enrollment_required"
        assert "Choose the participant and cohort first" in caught.value.message("en")
    assert count(engine, Submission) == 0


def test_followup_completes_its_followup__ok(engine, world):
    with write_session(engine) as s:
        enrollment = s.get(Enrollment, world.enrollments[0])
        enrollment.graduated_on = dt.date(2025, 5, 24)
        followups.schedule_followups(s, "manager1", enrollment)
    answers = {"followup_month": "6", "working": "yes", "work_type": "Bengkel sendiri", "own_workshop": "yes",
               "monthly_income": 2_500_000, "toolkit_in_use": "yes", "justice_contact": "no"}
    sub = submit(engine, "followup", answers, context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        mine = select(FollowUp).where(FollowUp.enrollment_id == world.enrollments[0])
        rows = {f.months_after: f for f in s.scalars(mine)}
        saved = s.get(Submission, sub.id)
    assert (rows[6].status, rows[6].submission_id) == ("done", sub.id) and rows[6].completed_on is not None
    assert (rows[3].status, rows[3].submission_id) == ("due", None)
    assert (saved.enrollment_id, saved.participant_id) == (world.enrollments[0], world.participants[0])


def test_followup_with_another_enrollments_followup__error(engine, world):
    with write_session(engine) as s:
        other = s.get(Enrollment, world.enrollments[1])
        other.graduated_on = dt.date(2025, 5, 24)
        foreign = followups.schedule_followups(s, "manager1", other)[0].id
    answers = {"followup_month": "3", "working": "no", "own_workshop": "no", "toolkit_in_use": "yes",
               "justice_contact": "no"}
    with pytest.raises(Translatable) as caught:
        submit(engine, "followup", answers, context=Context(enrollment_id=world.enrollments[0], followup_id=foreign))
    assert caught.value.key == "submission.followup_mismatch"
    assert count(engine, Submission) == 0 and count(engine, FollowUp, FollowUp.status == "done") == 0


@pytest.fixture
def toolkit(engine, world) -> dict[str, int]:  # noqa: ANN001
    """The handover form's kit MTR-TOOLKIT: a toolbox and a multimeter (with serials), 3 of each in stock."""
    with write_session(engine) as s:
        items = {"TB": equipment.create_item(s, "manager1", code="TB", name="Kotak perkakas", unit="buah",
                                             unit_cost=350_000).id,
                 "MM": equipment.create_item(s, "manager1", code="MM", name="Multimeter digital", unit="unit",
                                             unit_cost=275_000, has_serials=True).id}
        equipment.create_kit(s, "manager1", code="MTR-TOOLKIT", name="Paket montir",
                             lines=[(items["TB"], 1), (items["MM"], 1)])
    for item_id in items.values():
        with write_session(engine) as s:
            equipment.receive(s, "manager1", item_id=item_id, quantity=3, date=dt.date(2025, 5, 1))
    return items


def on_hand(engine, item_id: int) -> int:  # noqa: ANN001
    with read_session(engine) as s:
        return equipment.item_on_hand(s, item_id)


HANDOVER = {"handover_date": "2025-05-28", "kit": "MTR-TOOLKIT", "condition": "new", "notes": "Lengkap"}


def test_handover_makes_a_receipt_and_takes_stock__ok(engine, world, toolkit):
    sub = submit(engine, "handover", {**HANDOVER, "serial_numbers": "MM: SN-2025-001"},
                 context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        saved = s.get(Submission, sub.id)
        handover = s.get(Handover, saved.handover_id)
        serials = s.scalars(select(StockMovement.serial_numbers).where(StockMovement.handover_id == handover.id,
                                                                       StockMovement.item_id == toolkit["MM"])).one()
    assert re.fullmatch(r"BAST/2025/\d{4}", handover.receipt_number)
    assert (handover.date, handover.condition, handover.notes) == (dt.date(2025, 5, 28), "new", "Lengkap")
    assert (handover.participant_id, handover.enrollment_id) == (world.participants[0], world.enrollments[0])
    assert (saved.participant_id, saved.enrollment_id) == (world.participants[0], world.enrollments[0])
    assert serials == "SN-2025-001"
    assert (on_hand(engine, toolkit["TB"]), on_hand(engine, toolkit["MM"])) == (2, 2)


def test_handover_with_the_signed_receipt_photo__ok(engine, world, toolkit):
    with write_session(engine) as s:
        photo = svc.store_form_file(s, "staff1", Upload("bast.jpg", "image/jpeg", b"\xff\xd8\xff"))
    sub = submit(engine, "handover", {**HANDOVER, "serial_numbers": "MM: SN-7", "receipt_photo": photo},
                 context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        handover = s.get(Handover, s.get(Submission, sub.id).handover_id)
        assert handover.signed_receipt_file_id == photo["file_id"]
        assert s.get(Submission, sub.id).data["receipt_photo"] == photo


@pytest.mark.parametrize(("serials", "key", "words"), [
    (None, "equipment.serials_count", ["Multimeter digital", "1 handed over but 0 serial numbers"]),
    ("SN-2025-001", "submission.serial_format", ["'SN-2025-001'", "CODE: serial"]),
    ("XX: SN-1", "submission.serial_unknown_item", ["'XX'"]),
])
def test_handover_serials_missing_or_malformed_save_nothing__error(engine, world, toolkit, serials, key, words):
    answers = {**HANDOVER, **({"serial_numbers": serials} if serials else {})}
    with pytest.raises(Translatable) as caught:
        submit(engine, "handover", answers, context=Context(enrollment_id=world.enrollments[0]))
    assert caught.value.key == key
    assert all(w in caught.value.message("en") for w in words), caught.value.message("en")
    assert (count(engine, Submission), count(engine, Handover)) == (0, 0)
    assert (on_hand(engine, toolkit["TB"]), on_hand(engine, toolkit["MM"])) == (3, 3)


def test_handover_needs_a_participant__error(engine, world, toolkit):
    with pytest.raises(Translatable) as caught:
        submit(engine, "handover", {**HANDOVER, "serial_numbers": "MM: SN-1"})
    assert caught.value.key == "submission.participant_required"
    assert (count(engine, Submission), count(engine, Handover)) == (0, 0)


# --------------------------------------------------------------------------- edit and history

CENSUS_V1 = """
| survey   |
|          | type    | name   | label  | required | constraint |
|          | text    | name   | Name   | yes      |            |
|          | integer | age    | Age    | yes      | . >= 0     |
|          | text    | old_q  | Old    |          |            |
| settings |
|          | form_id | form_title | version | entity |
|          | census  | Census     | 1       | none   |
"""
CENSUS_V2 = """
| survey   |
|          | type    | name   | label  | required | constraint |
|          | text    | name   | Name   | yes      |            |
|          | integer | age    | Age    | yes      | . >= 18    |
|          | text    | new_q  | New    | yes      |            |
| settings |
|          | form_id | form_title | version | entity |
|          | census  | Census     | 2       | none   |
"""


def test_edit_validates_against_its_own_version_and_keeps_history__ok(engine, world):
    publish(engine, md_to_yaml(CENSUS_V1))
    old = submit(engine, "census", {"name": "Ani", "age": 12, "old_q": "first"})
    publish(engine, md_to_yaml(CENSUS_V2))  # age >= 18 and new_q required from now on
    bumps = counter(engine)
    with write_session(engine) as s:
        svc.edit(s, "staff2", old.id, {"name": "Ani", "age": 13, "old_q": "second"}, reason="  salah ketik  ")
    with read_session(engine) as s:
        sub, definition = svc.get(s, old.id)
        assert sub.data == {"name": "Ani", "age": 13, "old_q": "second"}
        assert s.get(FormVersion, sub.form_version_id).number == 1
        assert definition.version == "1" and [f.name for f in definition.fields] == ["name", "age", "old_q"]
        assert sub.updated_at >= sub.created_at
        (revision,) = s.scalars(select(SubmissionRevision)).all()
        assert (revision.submission_id, revision.form_version_id) == (old.id, sub.form_version_id)
        assert revision.data == {"name": "Ani", "age": 12, "old_q": "first"}
        (entry,) = svc.history(s, old.id)
        assert (entry["edited_by"], entry["reason"], entry["data"]) == ("staff2", "salah ketik", revision.data)
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "submission.edit")).one()
        assert (audit.username, audit.entity_id) == ("staff2", str(old.id))
        assert audit.details == {"reason": "salah ketik", "changed": {"age": [12, 13], "old_q": ["first", "second"]}}
    assert counter(engine) == bumps + 1
    with pytest.raises(svc.SubmissionInvalid):  # the same answers as a new submission fail version 2
        submit(engine, "census", {"name": "Ani", "age": 13})


def test_history_newest_first__ok(engine, world):
    publish(engine, md_to_yaml(CENSUS_V1))
    sub = submit(engine, "census", {"name": "Ani", "age": 12})
    for age in (13, 14):
        with write_session(engine) as s:
            svc.edit(s, "staff1", sub.id, {"name": "Ani", "age": age}, reason=f"umur {age}")
    with write_session(engine) as s:  # unchanged answers: no revision
        svc.edit(s, "staff1", sub.id, {"name": "Ani", "age": 14}, reason="sama")
    with read_session(engine) as s:
        assert [(h["reason"], h["data"]["age"]) for h in svc.history(s, sub.id)] == [("umur 14", 13), ("umur 13", 12)]
    assert count(engine, SubmissionRevision) == 2


def test_edit_invalid_keeps_the_data__error(engine, world):
    publish(engine, md_to_yaml(CENSUS_V1))
    sub = submit(engine, "census", {"name": "Ani", "age": 12})
    audits = count(engine, AuditLog)
    with pytest.raises(svc.SubmissionInvalid) as caught, write_session(engine) as s:
        svc.edit(s, "staff1", sub.id, {"name": "", "age": -1})
    assert set(caught.value.errors) == {"name", "age"}
    with read_session(engine) as s:
        assert s.get(Submission, sub.id).data == {"name": "Ani", "age": 12}
    assert (count(engine, SubmissionRevision), count(engine, AuditLog)) == (0, audits)


@pytest.mark.parametrize(("username", "submission_id", "key"), [("viewer1", None, "submission.role_forbidden"),
                                                                 ("staff1", 999_999, "submission.not_found")])
def test_edit_refused__error(engine, world, username, submission_id, key):
    publish(engine, md_to_yaml(CENSUS_V1))
    sub = submit(engine, "census", {"name": "Ani", "age": 12})
    with pytest.raises(Translatable) as caught, write_session(engine) as s:
        svc.edit(s, username, submission_id or sub.id, {"name": "Ani", "age": 30})
    assert caught.value.key == key
    with read_session(engine) as s:
        assert s.get(Submission, sub.id).data["age"] == 12
    assert count(engine, SubmissionRevision) == 0


# --------------------------------------------------------------------------- browse

def _census_history(engine) -> list[int]:  # noqa: ANN001
    """Seven census submissions: v1 by staff1 on 1, 2, 3 May; v2 by staff2 on 3, 4 May and manager1 on 5, 6 May."""
    publish(engine, md_to_yaml(CENSUS_V1))
    plan = [("staff1", 1), ("staff1", 2), ("staff1", 3), ("staff2", 3), ("staff2", 4), ("manager1", 5), ("manager1", 6)]
    ids = []
    for n, (username, day) in enumerate(plan):
        if n == 3:
            publish(engine, md_to_yaml(CENSUS_V2))
        sub = submit(engine, "census", {"name": f"P{n}", "age": 20 + n, "new_q": "x"}, username=username)
        with write_session(engine) as s:
            s.get(Submission, sub.id).created_at = dt.datetime(2025, 5, day, 23, 30 if n != 2 else 0)
        ids.append(sub.id)
    return ids


def test_browse_filters__ok(engine, world):
    ids = _census_history(engine)

    def found(**filters) -> list[int]:  # noqa: ANN003
        with read_session(engine) as s:
            page = svc.browse(s, "census", svc.Filters(**filters))
            assert page.total == len(page.rows)
            return [r["id"] for r in page.rows]

    assert found() == ids[::-1]  # newest first
    assert found(submitted_by=" STAFF1 ") == ids[2::-1]
    assert found(since=dt.date(2025, 5, 3), until=dt.date(2025, 5, 4)) == [ids[4], ids[3], ids[2]]  # whole days
    assert found(until=dt.date(2025, 5, 1)) == [ids[0]]
    assert found(version=2) == ids[:2:-1]
    assert found(version=1, submitted_by="staff2") == []
    assert found(submitted_by="staff2", since=dt.date(2025, 5, 4)) == [ids[4]]
    with read_session(engine) as s:
        row = svc.browse(s, "census", svc.Filters(version=1, until=dt.date(2025, 5, 1))).rows[0]
    assert (row["version"], row["submitted_by"], row["source"], row["data"]["name"]) == (1, "staff1", "web", "P0")


def test_browse_pages_are_counted_and_cut_in_sql__ok(engine, world):
    ids = _census_history(engine)
    statements: list[str] = []

    def keep(conn, cursor, statement, *args) -> None:  # noqa: ANN001, ANN002
        statements.append(statement.lower())

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with read_session(engine) as s:
            pages = [svc.browse(s, "census", page=n, page_size=3) for n in (1, 2, 3, 4, 0)]
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert [(p.total, p.page, p.pages) for p in pages] == [(7, 1, 3), (7, 2, 3), (7, 3, 3), (7, 3, 3), (7, 1, 3)]
    assert [[r["id"] for r in p.rows] for p in pages[:3]] == [ids[:3:-1], ids[3:0:-1], ids[:1]]
    assert any("count(" in st for st in statements)
    assert all("limit" in st for st in statements if st.startswith("select submissions."))
    with read_session(engine) as s:
        empty = svc.browse(s, "census", svc.Filters(submitted_by="admin1"), page=5)
    assert (empty.rows, empty.total, empty.page, empty.pages) == ([], 0, 1, 1)


def test_browse_by_participant__ok(engine, world):
    ids = [submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=e)).id
           for e in (world.enrollments[0], world.enrollments[1], world.enrollments[0])]
    with read_session(engine) as s:
        page = svc.browse(s, "skills_test", svc.Filters(participant_id=world.participants[0]))
    assert ([r["id"] for r in page.rows], page.total) == ([ids[2], ids[0]], 2)
    assert {r["enrollment_id"] for r in page.rows} == {world.enrollments[0]}


def test_browse_unknown_form__error(engine, world):
    with pytest.raises(Translatable) as caught, read_session(engine) as s:
        svc.browse(s, "no_such_form")
    assert caught.value.key == "submission.unknown_form"


# --------------------------------------------------------------------------- drafts

def _version_id(engine, form_id: str) -> int:  # noqa: ANN001
    with read_session(engine) as s:
        return form_service.current_version(s, form_id).id


def test_drafts_save_load_discard__ok(engine, world):
    version_id = _version_id(engine, "skills_test")
    with write_session(engine) as s:
        svc.save_draft(s, "staff1", "skills_test", version_id, {"engine_theory": 50})
    with write_session(engine) as s:
        svc.save_draft(s, "staff1", "skills_test", version_id, {"engine_theory": 55, "test_type": "pre"})
        svc.save_draft(s, "staff2", "skills_test", version_id, {"engine_theory": 10})
    with read_session(engine) as s:
        mine = svc.load_draft(s, "staff1", "skills_test")
        assert (mine.data, mine.form_version_id) == ({"engine_theory": 55, "test_type": "pre"}, version_id)
        assert svc.load_draft(s, "staff2", "skills_test").data == {"engine_theory": 10}
        assert svc.load_draft(s, "staff1", "intake") is None
        assert [d["form_id"] for d in svc.drafts_of(s, "staff1")] == ["skills_test"]
    assert count(engine, Draft) == 2  # one per user and form
    with write_session(engine) as s:
        svc.discard_draft(s, "staff1", "skills_test")
        svc.discard_draft(s, "staff1", "intake")  # nothing to discard: no error
    with read_session(engine) as s:
        assert svc.load_draft(s, "staff1", "skills_test") is None
        assert svc.load_draft(s, "staff2", "skills_test") is not None


def test_submit_removes_the_users_draft__ok(engine, world):
    version_id = _version_id(engine, "skills_test")
    with write_session(engine) as s:
        svc.save_draft(s, "staff1", "skills_test", version_id, {"engine_theory": 50})
        svc.save_draft(s, "staff2", "skills_test", version_id, {"engine_theory": 10})
        svc.save_draft(s, "staff1", "intake", _version_id(engine, "intake"), {"full_name": "Rudi"})
    submit(engine, "skills_test", SKILLS, context=Context(enrollment_id=world.enrollments[0]))
    with read_session(engine) as s:
        assert svc.load_draft(s, "staff1", "skills_test") is None
        assert svc.load_draft(s, "staff2", "skills_test") is not None
        assert svc.load_draft(s, "staff1", "intake") is not None


def test_failed_submit_keeps_the_draft__error(engine, world):
    version_id = _version_id(engine, "skills_test")
    with write_session(engine) as s:
        svc.save_draft(s, "staff1", "skills_test", version_id, {"engine_theory": 50})
    with pytest.raises(Translatable):
        submit(engine, "skills_test", SKILLS)  # no enrollment chosen
    with read_session(engine) as s:
        assert svc.load_draft(s, "staff1", "skills_test").data == {"engine_theory": 50}


def test_editing_an_intake_updates_its_participant__ok(engine, world):
    sub = submit(engine, "intake", INTAKE)
    with write_session(engine) as s:
        svc.edit(s, "staff1", sub.id, {**sub.data, "full_name": "Rudi Hartono Saputra", "district": "Taktakan"},
                 reason="ejaan nama")
    with read_session(engine) as s:
        person = s.get(Participant, sub.participant_id)
        assert (person.full_name, person.district, person.nik) == ("Rudi Hartono Saputra", "Taktakan", NIK)


def test_editing_a_handover_submission_is_refused__error(engine, world, toolkit):
    sub = submit(engine, "handover", {**HANDOVER, "serial_numbers": "MM: SN-2025-001"},
                 context=Context(enrollment_id=world.enrollments[0]))
    with pytest.raises(Translatable) as err, write_session(engine) as s:
        svc.edit(s, "staff1", sub.id, {**sub.data, "notes": "diubah"}, reason="x")
    assert err.value.key == "submission.handover_not_editable"
    with read_session(engine) as s:
        assert s.get(Submission, sub.id).data["notes"] == sub.data["notes"]
        assert not s.scalars(select(SubmissionRevision).where(SubmissionRevision.submission_id == sub.id)).all()
