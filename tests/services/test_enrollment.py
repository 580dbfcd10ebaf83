"""Enrollment within capacity and the status path, on SQLite and PostgreSQL."""

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.models import (
    Attendance, AuditLog, ChangeCounter, Cohort, Enrollment, FollowUp, Form, FormVersion, Participant, Program,
    Submission, TrainingSession, utcnow,
)
from pulih.nik import make_nik
from pulih.services import enrollment as svc
from pulih.services.programs import CaseError

START, END = dt.date(2025, 5, 5), dt.date(2025, 5, 28)
STAFF = "staff1"


def count(engine, model, *where):
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def world(engine):
    """A program (80%, 60 points, follow-ups at 3 and 6 months), a cohort of capacity 2 with two
    sessions, four participants."""
    with write_session(engine) as s:
        program = Program(code="MOTOR", name="Motor", skill="Mechanics", target_group="Former inmates",
                          min_attendance_pct=Decimal("80"), min_post_score=Decimal("60"), followup_months=[3, 6])
        s.add(program)
        s.flush()
        cohort = Cohort(program_id=program.id, code="C1", name="Angkatan 1", venue="UPTD", skill="Mechanics",
                        start_date=START, end_date=END, capacity=2)
        s.add(cohort)
        s.flush()
        s.add_all([TrainingSession(cohort_id=cohort.id, date=START + dt.timedelta(days=n), module="engine",
                                   kind="theory") for n in range(2)])
        people = [Participant(nik=make_nik(36, 3, 12, dt.date(1990, 1, n + 1), "M", n + 1), full_name=f"P{n}",
                              sex="M", birth_date=dt.date(1990, 1, n + 1)) for n in range(4)]
        s.add_all(people)
        s.flush()
        return {"cohort": cohort.id, "people": [p.id for p in people]}


def enroll(engine, world, n=0, on=START):
    with write_session(engine) as s:
        return svc.enroll(s, STAFF, world["people"][n], world["cohort"], on=on).id


def change(engine, enrollment_id, status, **kwargs):
    with write_session(engine) as s:
        return svc.change_status(s, STAFF, enrollment_id, status, **kwargs)


def test_enroll__ok(engine, world):
    with read_session(engine) as s:
        before = s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "enrollments"))
    eid = enroll(engine, world)
    with read_session(engine) as s:
        e = s.get(Enrollment, eid)
        assert (e.status, e.enrolled_on) == ("registered", START)
        audit = s.scalars(select(AuditLog)).one()
        assert (audit.action, audit.entity, audit.details["after"]["status"]) == ("enrollment.create", "enrollments",
                                                                                  "registered")
        assert s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "enrollments")) == before + 1


def test_double_enrollment__error(engine, world):
    enroll(engine, world)
    with pytest.raises(CaseError) as caught:
        enroll(engine, world)
    assert caught.value.key == "cases.already_enrolled" and "C1" in caught.value.message("en")
    assert count(engine, Enrollment) == 1


def test_capacity_held_and_freed_by_dropout__error(engine, world):
    first = enroll(engine, world, 0)
    enroll(engine, world, 1)
    with pytest.raises(CaseError) as caught:
        enroll(engine, world, 2)
    assert caught.value.key == "cases.cohort_full" and "2" in caught.value.message("id")
    assert count(engine, Enrollment) == 2
    change(engine, first, "dropped_out", reason="Moved to Lampung", on=START)
    enroll(engine, world, 2)
    assert count(engine, Enrollment) == 3


def test_enroll_after_cohort_end_or_unknown__error(engine, world):
    with pytest.raises(CaseError) as caught:
        enroll(engine, world, on=END + dt.timedelta(days=1))
    assert caught.value.key == "cases.cohort_ended"
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.enroll(s, STAFF, 9999, world["cohort"], on=START)
    assert caught.value.key == "cases.not_found" and "Participant" in caught.value.message("en")
    assert count(engine, Enrollment) == 0


def test_two_staff_cannot_both_take_the_last_seat__ok(engine, world):
    enroll(engine, world, 0)  # one seat left, four people want it
    barrier, outcomes = threading.Barrier(3), []

    def attempt(n):
        barrier.wait()
        try:
            with write_session(engine) as s:
                svc.enroll(s, f"staff{n}", world["people"][n], world["cohort"], on=START)
            outcomes.append("ok")
        except CaseError as error:
            outcomes.append(error.key)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["cases.cohort_full", "cases.cohort_full", "ok"]
    assert count(engine, Enrollment) == 2


@pytest.mark.parametrize(("path", "target"), [([], "graduated"), ([], "registered"), (["active"], "active"),
                                              (["active", "dropped_out"], "active"), ([], "on_hold")])
def test_illegal_transitions__error(engine, world, path, target):
    eid = enroll(engine, world)
    for status in path:
        change(engine, eid, status, reason="Found work", on=START)
    audits = count(engine, AuditLog)
    with pytest.raises(CaseError) as caught:
        change(engine, eid, target, on=START)
    assert caught.value.key == "cases.illegal_transition"
    assert count(engine, AuditLog) == audits


def test_illegal_transition_message_names_statuses__error(engine, world):
    eid = enroll(engine, world)
    with pytest.raises(CaseError) as caught:
        change(engine, eid, "graduated", on=START)
    assert "from Registered to Graduated" in caught.value.message("en")
    assert "dari Terdaftar menjadi Lulus" in caught.value.message("id")


def test_dropout_needs_reason_and_sane_date__error(engine, world):
    eid = enroll(engine, world, on=START + dt.timedelta(days=1))
    cases = [({"reason": " ", "on": START}, "cases.required"), ({"reason": "Ill", "on": None}, "cases.required"),
             ({"reason": "Ill", "on": START}, "cases.date_before_enrollment"),
             ({"reason": "Ill", "on": dt.date.today() + dt.timedelta(days=1)}, "cases.date_in_future")]
    for kwargs, key in cases:
        with pytest.raises(CaseError) as caught:
            change(engine, eid, "dropped_out", **kwargs)
        assert caught.value.key == key
    assert "Reason for dropping out is required" in CaseError("cases.required", field=svc.Label(
        "cases.field.dropout_reason")).message("en")
    with read_session(engine) as s:
        assert s.get(Enrollment, eid).status == "registered"


def test_dropout__ok(engine, world):
    eid = enroll(engine, world)
    change(engine, eid, "active")
    change(engine, eid, "dropped_out", reason="Returned to prison", on=START + dt.timedelta(days=3))
    with read_session(engine) as s:
        e = s.get(Enrollment, eid)
        assert (e.status, e.dropout_reason, e.dropped_on) == ("dropped_out", "Returned to prison", dt.date(2025, 5, 8))
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "enrollment.status")
                          .order_by(AuditLog.id.desc())).first()
    assert audit.details["before"]["status"] == "active" and audit.details["after"]["status"] == "dropped_out"


def _make_ready(engine, eid, post_score=75):
    """Present at both sessions and a post-test, written straight to the tables."""
    with write_session(engine) as s:
        e = s.get(Enrollment, eid)
        for training in s.scalars(select(TrainingSession).where(TrainingSession.cohort_id == e.cohort_id)):
            s.add(Attendance(session_id=training.id, enrollment_id=eid, status="present", recorded_at=utcnow()))
        form = Form(form_id="skills_test", title="Skills test", entity="enrollment", status="published")
        s.add(form)
        s.flush()
        version = FormVersion(form_pk=form.id, number=1, definition={}, source_format="yaml", source_filename="x.yaml",
                              source=b"")
        s.add(version)
        s.flush()
        s.add(Submission(uuid=str(uuid.uuid4()), form_pk=form.id, form_version_id=version.id, enrollment_id=eid,
                         data={"test_type": "post", "total_score": post_score}))


def test_graduate_not_ready_refused_with_reasons__error(engine, world):
    eid = enroll(engine, world)
    change(engine, eid, "active")
    with pytest.raises(CaseError) as caught:
        change(engine, eid, "graduated", on=END)
    assert caught.value.key == "cases.not_ready"
    assert caught.value.keys == ["cases.readiness.no_attendance", "cases.readiness.no_post_test"]
    with read_session(engine) as s:
        assert s.get(Enrollment, eid).status == "active"
    assert count(engine, FollowUp) == 0


def test_graduate_with_override_reason__ok(engine, world):
    eid = enroll(engine, world)
    change(engine, eid, "active")
    reason = "Missed the post-test in hospital; trainer confirms skills"
    change(engine, eid, "graduated", on=END, override_reason=reason)
    with read_session(engine) as s:
        e = s.get(Enrollment, eid)
        assert (e.status, e.graduated_on) == ("graduated", END)
        assert e.graduation_override_reason.startswith("Missed the post-test")
    assert count(engine, FollowUp) == 2


def test_graduate_ready_schedules_followups__ok(engine, world):
    eid = enroll(engine, world)
    change(engine, eid, "active")
    _make_ready(engine, eid)
    change(engine, eid, "graduated", on=END, override_reason="ignored when ready")
    with read_session(engine) as s:
        e = s.get(Enrollment, eid)
        assert (e.status, e.graduation_override_reason) == ("graduated", None)
        followups = s.scalars(select(FollowUp).order_by(FollowUp.months_after))
        due = [(f.months_after, f.due_date, f.status) for f in followups]
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert due == [(3, dt.date(2025, 8, 28), "due"), (6, dt.date(2025, 11, 28), "due")]
    assert actions == ["enrollment.create", "enrollment.status", "enrollment.status", "followup.schedule",
                       "followup.schedule"]


def test_graduate_low_post_score__error(engine, world):
    eid = enroll(engine, world)
    change(engine, eid, "active")
    _make_ready(engine, eid, post_score=55)
    with pytest.raises(CaseError) as caught:
        change(engine, eid, "graduated", on=END, override_reason="")
    assert caught.value.keys == ["cases.readiness.post_score_low"]
    assert "55" in caught.value.message("en")


def test_enrollments_of__ok(engine, world):
    first, second = enroll(engine, world, 0), enroll(engine, world, 1)
    with read_session(engine) as s:
        assert [e.id for e in svc.enrollments_of(s, cohort_id=world["cohort"])] == [first, second]
        assert [e.id for e in svc.enrollments_of(s, participant_id=world["people"][1])] == [second]
