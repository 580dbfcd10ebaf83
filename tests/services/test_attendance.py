"""The attendance grid, corrections and rates, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.models import Attendance, AuditLog, ChangeCounter, Cohort, Enrollment, Participant, Program, TrainingSession
from pulih.nik import make_nik
from pulih.services import attendance as svc
from pulih.services.programs import CaseError

D = [dt.date(2025, 5, 5) + dt.timedelta(days=n) for n in range(6)]
TODAY = D[4]  # sessions D0..D4 have happened, D5 is ahead
TRAINER = "trainer1"


def count(engine, model):
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def world(engine):
    """Cohort C1: sessions on D0..D5; Ani, Budi, Citra (dropped out) enrolled. Cohort C2: one session, Dodi."""
    with write_session(engine) as s:
        program = Program(code="P", name="P", skill="S", target_group="T")
        s.add(program)
        s.flush()
        cohorts = [Cohort(program_id=program.id, code=c, name=c, venue="V", skill="S", capacity=10,
                          start_date=D[0], end_date=D[5]) for c in ("C1", "C2")]
        s.add_all(cohorts)
        s.flush()
        sessions = [TrainingSession(cohort_id=cohorts[0].id, date=d, module="engine", kind="theory") for d in D]
        sessions.append(TrainingSession(cohort_id=cohorts[1].id, date=D[0], module="tools", kind="practice"))
        s.add_all(sessions)
        enrollments = []
        for n, (name, cohort, status) in enumerate([("Ani", 0, "active"), ("Budi", 0, "active"),
                                                    ("Citra", 0, "dropped_out"), ("Dodi", 1, "active")]):
            person = Participant(nik=make_nik(36, 1, 1, dt.date(1990, 1, 1), "M", n + 1), full_name=name, sex="M",
                                 birth_date=dt.date(1990, 1, 1))
            s.add(person)
            s.flush()
            enrollments.append(Enrollment(participant_id=person.id, cohort_id=cohorts[cohort].id, status=status,
                                          enrolled_on=D[0]))
        s.add_all(enrollments)
        s.flush()
        return {"sessions": [x.id for x in sessions], "e": [e.id for e in enrollments],
                "cohorts": [c.id for c in cohorts]}


def save(engine, world, day, rows):
    with write_session(engine) as s:
        return svc.record_attendance(s, TRAINER, world["sessions"][day], rows, today=TODAY)


def test_record_grid_in_one_action__ok(engine, world):
    ani, budi, citra, _ = world["e"]
    with read_session(engine) as s:
        before = s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "attendance"))
    result = save(engine, world, 0, [{"enrollment_id": ani, "status": "present"},
                                     {"enrollment_id": str(budi), "status": "excused", "note": "Wajib lapor Bapas"},
                                     {"enrollment_id": citra, "status": None}])
    assert result == {"created": 2, "corrected": 0, "unchanged": 0}
    with read_session(engine) as s:
        rows = {a.enrollment_id: (a.status, a.note) for a in s.scalars(select(Attendance))}
        assert rows == {ani: ("present", ""), budi: ("excused", "Wajib lapor Bapas")}
        assert s.scalars(select(AuditLog.action)).all() == ["attendance.record"] * 2
        assert s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == "attendance")) == before + 2


def test_correction_kept_in_history__ok(engine, world):
    ani, budi = world["e"][:2]
    save(engine, world, 0, [{"enrollment_id": ani, "status": "absent"}, {"enrollment_id": budi, "status": "present"}])
    result = save(engine, world, 0, [{"enrollment_id": ani, "status": "present", "note": "came late"},
                                     {"enrollment_id": budi, "status": "present"}])
    assert result == {"created": 0, "corrected": 1, "unchanged": 1}
    with read_session(engine) as s:
        assert s.scalars(select(Attendance.status).where(Attendance.enrollment_id == ani)).one() == "present"
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "attendance.correct")).one()
    assert audit.details["before"] == {"status": "absent", "note": ""}
    assert audit.details["after"] == {"status": "present", "note": "came late"}
    assert audit.details["enrollment_id"] == ani and audit.username == TRAINER


def test_unknown_status_saves_nothing__error(engine, world):
    ani, budi = world["e"][:2]
    with pytest.raises(CaseError) as caught:
        save(engine, world, 0, [{"enrollment_id": ani, "status": "present"}, {"enrollment_id": budi, "status": "late"}])
    assert caught.value.keys == ["cases.bad_attendance_status"]
    assert "Row 2" in caught.value.message("en") and "'late'" in caught.value.message("en")
    assert count(engine, Attendance) == 0 and count(engine, AuditLog) == 0


def test_other_cohort_or_repeated_rows__error(engine, world):
    ani, _, _, dodi = world["e"]
    with pytest.raises(CaseError) as caught:
        save(engine, world, 0, [{"enrollment_id": ani, "status": "present"},
                                {"enrollment_id": dodi, "status": "present"},
                                {"enrollment_id": ani, "status": "absent"},
                                {"enrollment_id": "x", "status": "absent"}])
    assert caught.value.keys == ["cases.attendance_not_in_cohort", "cases.attendance_repeated_row",
                                 "cases.attendance_not_in_cohort"]
    assert count(engine, Attendance) == 0


def test_future_session_or_unknown_session__error(engine, world):
    with pytest.raises(CaseError) as caught:
        save(engine, world, 5, [{"enrollment_id": world["e"][0], "status": "present"}])
    assert caught.value.key == "cases.attendance_future_session" and "2025-05-10" in caught.value.message("en")
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.record_attendance(s, TRAINER, 99999, [], today=TODAY)
    assert caught.value.key == "cases.not_found"
    assert count(engine, Attendance) == 0


def test_grid_lists_everyone_with_status_so_far__ok(engine, world):
    ani, budi, citra, _ = world["e"]
    save(engine, world, 0, [{"enrollment_id": ani, "status": "present"}])
    with read_session(engine) as s:
        grid = svc.attendance_grid(s, world["sessions"][0])
    assert [(r.full_name, r.status) for r in grid] == [("Ani", "present"), ("Budi", None)]
    save(engine, world, 1, [{"enrollment_id": citra, "status": "absent"}])  # recorded before she dropped out
    with read_session(engine) as s:
        assert [r.full_name for r in svc.attendance_grid(s, world["sessions"][1])] == ["Ani", "Budi", "Citra"]


@pytest.fixture
def history(engine, world):
    """Attendance taken for D0..D3 (D4 not taken yet). Ani: P P E P. Budi: P A - P (no row on D2). Citra: A A."""
    ani, budi, citra, _ = world["e"]
    plan = {0: {ani: "present", budi: "present", citra: "absent"}, 1: {ani: "present", budi: "absent", citra: "absent"},
            2: {ani: "excused"}, 3: {ani: "present", budi: "present"}}
    for day, statuses in plan.items():
        save(engine, world, day, [{"enrollment_id": e, "status": st} for e, st in statuses.items()])
    return world


def test_attendance_rate__ok(engine, history):
    ani, budi, citra, dodi = history["e"]
    with read_session(engine) as s:
        rate = svc.attendance_rate(s, ani, today=TODAY)
        assert (rate.held, rate.present, rate.excused, rate.absent, rate.pct) == (4, 3, 1, 0, 100.0)
        rate = svc.attendance_rate(s, budi, today=TODAY)
        assert (rate.held, rate.present, rate.absent, rate.pct) == (4, 2, 2, 50.0)
        assert svc.attendance_rate(s, ani, today=D[1]).held == 2  # "so far" moves with the date
        assert svc.attendance_rate(s, dodi, today=TODAY).pct is None  # nothing taken in C2 yet


def test_cohort_attendance_leaves_out_dropouts__ok(engine, history):
    ani, budi, citra, _ = history["e"]
    with read_session(engine) as s:
        overall, per = svc.cohort_attendance(s, history["cohorts"][0], today=TODAY)
    assert set(per) == {ani, budi, citra} and per[citra].present == 0
    assert (overall.present, overall.held, overall.excused) == (5, 8, 1)
    assert overall.pct == pytest.approx(5 * 100 / 7)


def test_sessions_without_attendance__ok(engine, history):
    with read_session(engine) as s:
        due = svc.sessions_without_attendance(s, on=TODAY)
        assert [(x.cohort_code, x.date) for x in due] == [("C2", D[0]), ("C1", D[4])]
        assert [x.date for x in svc.sessions_without_attendance(s, on=TODAY, since=D[1])] == [D[4]]
        assert [x.cohort_code for x in svc.sessions_without_attendance(s, on=D[5])][-1] == "C1"
