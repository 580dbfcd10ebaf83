"""Graduation readiness and assessment scores, on SQLite and PostgreSQL. Forms and submissions are
written straight to the tables (the form services are built elsewhere)."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from pulih.database import read_session, write_session
from pulih.models import (
    Attendance, Cohort, Enrollment, Form, FormVersion, Participant, Program, Submission, TrainingSession, utcnow,
)
from pulih.nik import make_nik
from pulih.services import readiness as svc

D = [dt.date(2025, 5, 5) + dt.timedelta(days=n) for n in range(10)]
TODAY = D[9]


@pytest.fixture
def world(engine):
    """Program 80% / 60 points; a cohort with 10 sessions; Ani, Budi, Citra (dropped out)."""
    with write_session(engine) as s:
        program = Program(code="P", name="P", skill="S", target_group="T", min_attendance_pct=Decimal("80"),
                          min_post_score=Decimal("60"))
        s.add(program)
        s.flush()
        cohort = Cohort(program_id=program.id, code="C1", name="C1", venue="V", skill="S", capacity=10,
                        start_date=D[0], end_date=D[9])
        s.add(cohort)
        s.flush()
        s.add_all(TrainingSession(cohort_id=cohort.id, date=d, module="engine", kind="theory") for d in D)
        ids = []
        for n, (name, status) in enumerate([("Ani", "active"), ("Budi", "active"), ("Citra", "dropped_out")]):
            person = Participant(nik=make_nik(36, 1, 1, dt.date(1990, 1, 1), "M", n + 1), full_name=name, sex="M",
                                 birth_date=dt.date(1990, 1, 1))
            s.add(person)
            s.flush()
            enrollment = Enrollment(participant_id=person.id, cohort_id=cohort.id, status=status, enrolled_on=D[0])
            s.add(enrollment)
            s.flush()
            ids.append(enrollment.id)
        forms = {}
        for form_id in ("skills_test", "self_esteem"):
            form = Form(form_id=form_id, title=form_id, entity="enrollment", status="published")
            s.add(form)
            s.flush()
            version = FormVersion(form_pk=form.id, number=1, definition={}, source_format="yaml",
                                  source_filename=f"{form_id}.yaml", source=b"")
            s.add(version)
            s.flush()
            forms[form_id] = (form.id, version.id)
        return {"program": program.id, "cohort": cohort.id, "e": ids, "forms": forms}


def attend(engine, world, enrollment_id, present, excused=0):
    """Present at the first ``present`` sessions, excused at the next ``excused``, absent at the rest."""
    with write_session(engine) as s:
        sessions = s.query(TrainingSession.id).order_by(TrainingSession.date).all()
        for n, (sid,) in enumerate(sessions):
            status = "present" if n < present else "excused" if n < present + excused else "absent"
            s.add(Attendance(session_id=sid, enrollment_id=enrollment_id, status=status, recorded_at=utcnow()))


def submit(engine, world, form_id, enrollment_id, data, at=None):
    form_pk, version_id = world["forms"][form_id]
    with write_session(engine) as s:
        s.add(Submission(uuid=str(uuid.uuid4()), form_pk=form_pk, form_version_id=version_id,
                         enrollment_id=enrollment_id, data=data, created_at=at or utcnow()))


def test_scores_pre_post_per_module_latest_wins__ok(engine, world):
    ani = world["e"][0]
    early = dt.datetime(2025, 5, 5, 9)
    submit(engine, world, "skills_test", ani, {"test_type": "pre", "engine_theory": 40, "engine_practice": "35",
                                               "total_score": 38}, at=early)
    submit(engine, world, "skills_test", ani, {"test_type": "post", "engine_theory": 60, "total_score": 50},
           at=early + dt.timedelta(days=9))
    submit(engine, world, "skills_test", ani, {"test_type": "post", "engine_theory": 85, "engine_practice": 90,
                                               "repair_practice": 70, "total_score": 81},
           at=early + dt.timedelta(days=10))
    with read_session(engine) as s:
        result = svc.scores(s, ani)
        assert set(result) == {"engine", "diagnosis", "tools", "repair"}
        assert result["engine"] == {"pre": {"theory": 40.0, "practice": 35.0},
                                    "post": {"theory": 85.0, "practice": 90.0}}
        assert result["repair"]["post"] == {"theory": None, "practice": 70.0}
        assert result["tools"]["pre"] == {"theory": None, "practice": None}
        assert svc.total_scores(s, ani) == {"pre": 38.0, "post": 81.0}
        assert svc.scores(s, world["e"][1])["engine"]["post"] == {"theory": None, "practice": None}


def test_self_esteem_pre_post__ok(engine, world):
    ani = world["e"][0]
    submit(engine, world, "self_esteem", ani, {"timing": "pre", "rse_total": 18})
    submit(engine, world, "self_esteem", ani, {"timing": "POST", "rse_total": "31"})
    with read_session(engine) as s:
        assert svc.self_esteem(s, ani) == {"pre": 18.0, "post": 31.0}
        assert svc.self_esteem(s, world["e"][1]) == {"pre": None, "post": None}


def test_ready_at_the_thresholds__ok(engine, world):
    ani = world["e"][0]
    attend(engine, world, ani, present=8)
    submit(engine, world, "skills_test", ani, {"test_type": "post", "total_score": 60})
    with read_session(engine) as s:
        verdict = svc.readiness(s, ani, today=TODAY)
    assert (verdict.ready, verdict.attendance_pct, verdict.post_score, verdict.missing) == (True, 80.0, 60.0, [])
    assert (verdict.min_attendance_pct, verdict.min_post_score) == (80.0, 60.0)


def test_not_ready_says_what_is_missing__error(engine, world):
    ani, budi = world["e"][:2]
    attend(engine, world, ani, present=7, excused=1)  # 7 of 9 counted = 77.8%
    submit(engine, world, "skills_test", ani, {"test_type": "post", "total_score": 59.5})
    submit(engine, world, "skills_test", budi, {"test_type": "post", "total_score": "not a number"})
    with read_session(engine) as s:
        verdict = svc.readiness(s, ani, today=TODAY)
        assert not verdict.ready
        assert [m.key for m in verdict.missing] == ["cases.readiness.attendance_low", "cases.readiness.post_score_low"]
        assert "77.8%" in verdict.missing[0].message("en") and "59.5" in verdict.missing[1].message("id")
        budi_verdict = svc.readiness(s, budi, today=TODAY)
    # Budi has no rows for sessions that were held: absent, 0%; an unreadable score is no post-test.
    assert [m.key for m in budi_verdict.missing] == ["cases.readiness.attendance_low", "cases.readiness.no_post_test"]
    assert budi_verdict.attendance_pct == 0.0 and budi_verdict.post_score is None


def test_nothing_recorded_yet__error(engine, world):
    with read_session(engine) as s:
        verdict = svc.readiness(s, world["e"][0], today=TODAY)
    assert [m.key for m in verdict.missing] == ["cases.readiness.no_attendance", "cases.readiness.no_post_test"]
    assert "No attendance recorded yet" in verdict.missing[0].message("en")


def test_readiness_while_the_cohort_runs__ok(engine, world):
    ani = world["e"][0]
    attend(engine, world, ani, present=9)  # absent only on the last day
    submit(engine, world, "skills_test", ani, {"test_type": "pre", "total_score": 30})
    with read_session(engine) as s:
        midway = svc.readiness(s, ani, today=D[4])
    assert midway.attendance_pct == 100.0 and [m.key for m in midway.missing] == ["cases.readiness.no_post_test"]


def test_program_criteria_are_data__ok(engine, world):
    ani = world["e"][0]
    attend(engine, world, ani, present=7)
    submit(engine, world, "skills_test", ani, {"test_type": "post", "total_score": 55})
    with write_session(engine) as s:
        program = s.get(Program, world["program"])
        program.min_attendance_pct, program.min_post_score = Decimal("70"), Decimal("50")
    with read_session(engine) as s:
        assert svc.readiness(s, ani, today=TODAY).ready


def test_cohort_readiness__ok(engine, world):
    ani, budi, citra = world["e"]
    attend(engine, world, ani, present=10)
    attend(engine, world, budi, present=5)
    submit(engine, world, "skills_test", ani, {"test_type": "post", "total_score": 90})
    submit(engine, world, "skills_test", budi, {"test_type": "post", "total_score": 70})
    with read_session(engine) as s:
        verdicts = svc.cohort_readiness(s, world["cohort"], today=TODAY)
        assert svc.cohort_readiness(s, 9999, today=TODAY) == {}
    assert set(verdicts) == {ani, budi}  # Citra dropped out
    assert verdicts[ani].ready and verdicts[ani].post_score == 90.0
    assert not verdicts[budi].ready and [m.key for m in verdicts[budi].missing] == ["cases.readiness.attendance_low"]
