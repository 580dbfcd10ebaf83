"""Follow-up scheduling, the due list, completion and missed follow-ups, on SQLite and PostgreSQL."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.models import AuditLog, Cohort, Enrollment, FollowUp, Form, FormVersion, Participant, Program, Submission
from pulih.nik import make_nik
from pulih.services import followups as svc
from pulih.services.programs import CaseError

GRADUATED = dt.date(2025, 5, 28)
STAFF = "staff1"


def count(engine, model, *where):
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def world(engine):
    """Ani and Budi graduated on 28 May 2025, Citra still active; a follow-up form submission for Ani."""
    with write_session(engine) as s:
        program = Program(code="P", name="P", skill="S", target_group="T", followup_months=[3, 6])
        s.add(program)
        s.flush()
        cohort = Cohort(program_id=program.id, code="C1", name="C1", venue="V", skill="S", capacity=10,
                        start_date=dt.date(2025, 5, 5), end_date=GRADUATED)
        s.add(cohort)
        s.flush()
        ids = []
        for n, (name, status) in enumerate([("Ani", "graduated"), ("Budi", "graduated"), ("Citra", "active")]):
            person = Participant(nik=make_nik(36, 1, 1, dt.date(1990, 1, 1), "M", n + 1), full_name=name, sex="M",
                                 birth_date=dt.date(1990, 1, 1))
            s.add(person)
            s.flush()
            e = Enrollment(participant_id=person.id, cohort_id=cohort.id, status=status,
                           enrolled_on=dt.date(2025, 5, 1), graduated_on=GRADUATED if status == "graduated" else None)
            s.add(e)
            s.flush()
            ids.append(e.id)
        form = Form(form_id="follow_up", title="Follow-up", entity="enrollment", status="published")
        s.add(form)
        s.flush()
        version = FormVersion(form_pk=form.id, number=1, definition={}, source_format="yaml",
                              source_filename="f.yaml", source=b"")
        s.add(version)
        s.flush()
        subs = [Submission(uuid=str(uuid.uuid4()), form_pk=form.id, form_version_id=version.id, enrollment_id=e,
                           data={"working": "yes"}) for e in ids[:2]]
        s.add_all(subs)
        s.flush()
        return {"program": program.id, "e": ids, "subs": [x.id for x in subs]}


def schedule(engine, enrollment_id):
    with write_session(engine) as s:
        return [f.id for f in svc.schedule_followups(s, STAFF, s.get(Enrollment, enrollment_id))]


@pytest.mark.parametrize(("start", "months", "due"), [
    (dt.date(2025, 5, 28), 3, dt.date(2025, 8, 28)), (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
    (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)), (dt.date(2025, 12, 15), 12, dt.date(2026, 12, 15)),
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
])
def test_add_months(start, months, due):
    assert svc.add_months(start, months) == due


def test_schedule_from_program_months_once__ok(engine, world):
    with write_session(engine) as s:
        s.get(Program, world["program"]).followup_months = [12, 1]
    assert len(schedule(engine, world["e"][0])) == 2
    assert schedule(engine, world["e"][0]) == []  # already there: nothing doubled
    with read_session(engine) as s:
        rows = s.execute(select(FollowUp.months_after, FollowUp.due_date, FollowUp.status)
                         .order_by(FollowUp.months_after))
        assert rows.all() == [(1, dt.date(2025, 6, 28), "due"), (12, dt.date(2026, 5, 28), "due")]
    assert count(engine, AuditLog, AuditLog.action == "followup.schedule") == 2


def test_schedule_needs_graduation__error(engine, world):
    with pytest.raises(CaseError) as caught:
        schedule(engine, world["e"][2])
    assert caught.value.key == "cases.followup_needs_graduation"
    assert count(engine, FollowUp) == 0


def test_due_list_states__ok(engine, world):
    ani, budi, _ = world["e"]
    schedule(engine, ani)
    schedule(engine, budi)
    with read_session(engine) as s:
        assert svc.due_followups(s, today=dt.date(2025, 8, 13)) == []
        soon = svc.due_followups(s, today=dt.date(2025, 8, 14))
        assert [(d.full_name, d.months_after, d.state, d.days_overdue) for d in soon] == [
            ("Ani", 3, "due_soon", -14), ("Budi", 3, "due_soon", -14)]
        today = svc.due_followups(s, today=dt.date(2025, 8, 28), within_days=0)
        assert {d.state for d in today} == {"due"} and today[0].cohort_code == "C1"
        late = svc.due_followups(s, today=dt.date(2025, 12, 1))
        assert [(d.months_after, d.state, d.days_overdue) for d in late] == [
            (3, "overdue", 95), (3, "overdue", 95), (6, "overdue", 3), (6, "overdue", 3)]


def test_complete__ok(engine, world):
    ani = world["e"][0]
    three, six = schedule(engine, ani)
    with write_session(engine) as s:
        svc.complete_followup(s, STAFF, three, world["subs"][0], on=dt.date(2025, 9, 1))
    with read_session(engine) as s:
        followup = s.get(FollowUp, three)
        assert (followup.status, followup.submission_id, followup.completed_on) == ("done", world["subs"][0],
                                                                                    dt.date(2025, 9, 1))
        assert [d.followup_id for d in svc.due_followups(s, today=dt.date(2026, 1, 1))] == [six]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "followup.complete")).one()
    assert audit.details["before"]["status"] == "due" and audit.details["after"]["status"] == "done"


def test_complete_with_someone_elses_submission_or_twice__error(engine, world):
    three, _ = schedule(engine, world["e"][0])
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.complete_followup(s, STAFF, three, world["subs"][1])
    assert caught.value.key == "cases.followup_wrong_submission"
    with read_session(engine) as s:
        assert s.get(FollowUp, three).status == "due"
    with write_session(engine) as s:
        svc.complete_followup(s, STAFF, three, world["subs"][0], on=dt.date(2025, 9, 1))
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.complete_followup(s, STAFF, three, world["subs"][0])
    assert caught.value.key == "cases.followup_already_done" and "2025-09-01" in caught.value.message("en")
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.complete_followup(s, STAFF, 9999, world["subs"][0])
    assert caught.value.key == "cases.not_found"


def test_mark_missed_then_complete_late__ok(engine, world):
    three, _ = schedule(engine, world["e"][0])
    with write_session(engine) as s:
        svc.mark_missed(s, STAFF, three, reason="Phone off, moved away", today=dt.date(2025, 10, 1))
    with read_session(engine) as s:
        assert s.get(FollowUp, three).status == "missed"
        assert svc.due_followups(s, today=dt.date(2025, 10, 1)) == []
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "followup.missed")).one()
        assert audit.details["reason"] == "Phone off, moved away"
    with write_session(engine) as s:  # reached later after all
        svc.complete_followup(s, STAFF, three, world["subs"][0], on=dt.date(2025, 10, 20))
    with read_session(engine) as s:
        assert s.get(FollowUp, three).status == "done"


def test_mark_missed_too_early_or_not_open__error(engine, world):
    three, _ = schedule(engine, world["e"][0])
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.mark_missed(s, STAFF, three, today=dt.date(2025, 8, 27))
    assert caught.value.key == "cases.followup_not_yet_due"
    with write_session(engine) as s:
        svc.mark_missed(s, STAFF, three, today=dt.date(2025, 9, 1))
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.mark_missed(s, STAFF, three, today=dt.date(2025, 9, 1))
    assert caught.value.key == "cases.followup_not_open"
    assert count(engine, AuditLog, AuditLog.action == "followup.missed") == 1
