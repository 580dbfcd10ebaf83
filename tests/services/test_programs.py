"""Programs, partners, cohorts and the session plan, on SQLite and PostgreSQL."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pulih.database import read_session, write_session
from pulih.models import (
    Attendance, AuditLog, ChangeCounter, Cohort, CohortPartner, Enrollment, FundingSource, Participant, Partner,
    Program, ProgramPartner, TrainingSession, utcnow,
)
from pulih.services import programs as svc
from pulih.services.programs import CaseError

ADMIN = "admin1"
PROGRAM = {"code": "MOTOR-2025", "name": "Pelatihan mekanik motor", "skill": "Motorcycle mechanics",
           "target_group": "Former inmates (Bapas Ciangir)"}
COHORT = {"code": "MOTOR-2025-1", "name": "Angkatan 1", "venue": "UPTD Latihan Kerja Banten",
          "start_date": dt.date(2025, 5, 5), "end_date": dt.date(2025, 5, 28), "capacity": 12}


def count(engine, model):
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def counter(engine, topic):
    with read_session(engine) as s:
        return s.scalar(select(ChangeCounter.version).where(ChangeCounter.topic == topic))


@pytest.fixture
def program_id(engine):
    with write_session(engine) as s:
        return svc.create_program(s, ADMIN, PROGRAM).id


@pytest.fixture
def cohort_id(engine, program_id):
    with write_session(engine) as s:
        return svc.create_cohort(s, ADMIN, program_id, COHORT).id


def test_create_program_with_defaults_and_partners__ok(engine):
    before = counter(engine, "programs")
    with write_session(engine) as s:
        fund = FundingSource(code="APBD-2025", name="APBD Provinsi Banten 2025")
        s.add(fund)
        s.flush()
        partners = [{"name": "Bapas Kelas II Ciangir", "kind": "probation", "role": "referral"},
                    {"name": "UPTD Latihan Kerja", "kind": "training_centre", "role": "venue"}]
        pid = svc.create_program(s, ADMIN, PROGRAM | {"funding_source_id": fund.id, "partners": partners}).id
    with read_session(engine) as s:
        program = s.get(Program, pid)
        assert program.min_attendance_pct == Decimal("80") and program.min_post_score == Decimal("60")
        assert program.followup_months == [3, 6]
        assert [(p.name, role) for p, role in svc.partners_of(s, program_id=pid)] == [
            ("Bapas Kelas II Ciangir", "referral"), ("UPTD Latihan Kerja", "venue")]
        actions = s.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions == ["program.create", "partner.create", "partner.create", "program.partners"]
    assert counter(engine, "programs") > before


def test_update_program_criteria_audited_with_before_after__ok(engine, program_id):
    with write_session(engine) as s:
        svc.update_program(s, ADMIN, program_id, {"min_attendance_pct": "75", "followup_months": [6, 3, 12, 3]})
    with read_session(engine) as s:
        program = s.get(Program, program_id)
        assert program.min_attendance_pct == Decimal("75") and program.followup_months == [3, 6, 12]
        row = s.scalars(select(AuditLog).where(AuditLog.action == "program.update")).one()
    assert row.details["before"] == {"min_attendance_pct": "80.00", "followup_months": [3, 6]}
    assert row.details["after"] == {"min_attendance_pct": "75", "followup_months": [3, 6, 12]}


def test_followup_months_typed_as_text__ok(engine, program_id):
    with write_session(engine) as s:
        svc.update_program(s, ADMIN, program_id, {"followup_months": "12, 3 6"})
    with read_session(engine) as s:
        assert s.get(Program, program_id).followup_months == [3, 6, 12]
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.update_program(s, ADMIN, program_id, {"followup_months": "3, six"})
    assert caught.value.keys == ["cases.bad_followup_months"]


def test_unknown_kit__error(engine, program_id):
    for kit in (404, "abc"):
        with pytest.raises(CaseError) as caught:
            with write_session(engine) as s:
                svc.create_cohort(s, ADMIN, program_id, COHORT | {"kit_id": kit})
        assert caught.value.keys == ["cases.unknown_choice"] and "Kit" in caught.value.message("en")
    assert count(engine, Cohort) == 0


def test_update_program_no_change_writes_no_audit__ok(engine, program_id):
    audits = count(engine, AuditLog)
    with write_session(engine) as s:
        svc.update_program(s, ADMIN, program_id, {"name": PROGRAM["name"]})
    assert count(engine, AuditLog) == audits


def test_create_program_bad_input_all_problems_nothing_saved__error(engine):
    bad = {"code": "", "name": "x" * 301, "skill": "Mechanics", "target_group": "",
           "min_attendance_pct": "120", "min_post_score": "abc", "followup_months": [0, 3], "funding_source_id": 999}
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.create_program(s, ADMIN, bad)
    assert caught.value.key == "cases.invalid"
    assert caught.value.keys == ["cases.required", "cases.too_long", "cases.required", "cases.out_of_range",
                                 "cases.bad_number", "cases.bad_followup_months", "cases.unknown_choice"]
    assert "Code is required" in caught.value.message("en") and "Kode wajib diisi" in caught.value.message("id")
    assert count(engine, Program) == 0 and count(engine, AuditLog) == 0


def test_duplicate_program_code__error(engine, program_id):
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.create_program(s, ADMIN, PROGRAM | {"name": "Another"})
    assert caught.value.keys == ["cases.code_taken"]
    assert count(engine, Program) == 1


def test_partner_reused_by_name_and_replaced__ok(engine, program_id, cohort_id):
    with write_session(engine) as s:
        svc.set_program_partners(s, ADMIN, program_id, [{"name": "Bapas Ciangir", "role": "referral"}])
        svc.set_cohort_partners(s, ADMIN, cohort_id, [{"name": "bapas  ciangir", "role": "mentor"}])
        svc.set_program_partners(s, ADMIN, program_id, [])
    assert count(engine, Partner) == 1 and count(engine, ProgramPartner) == 0 and count(engine, CohortPartner) == 1


def test_create_cohort__ok(engine, program_id):
    with write_session(engine) as s:
        cid = svc.create_cohort(s, ADMIN, program_id, COHORT | {"capacity": "12", "instructors": "Pak Asep"}).id
    with read_session(engine) as s:
        cohort = s.get(Cohort, cid)
        assert cohort.skill == "Motorcycle mechanics" and cohort.capacity == 12
        assert [c.id for c in svc.list_cohorts(s, program_id)] == [cid]
        assert s.scalars(select(AuditLog.action).where(AuditLog.entity == "cohorts")).all() == ["cohort.create"]


def test_create_cohort_bad_dates_and_capacity__error(engine, program_id):
    bad = COHORT | {"end_date": dt.date(2025, 5, 1), "capacity": 0, "start_date": "2025-05-05"}
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.create_cohort(s, ADMIN, program_id, bad)
    assert caught.value.keys == ["cases.out_of_range", "cases.end_before_start"]
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.create_cohort(s, ADMIN, program_id, COHORT | {"start_date": "5 May", "capacity": 2.5})
    assert caught.value.keys == ["cases.bad_date", "cases.bad_number"]
    assert count(engine, Cohort) == 0


def test_create_cohort_unknown_program__error(engine):
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.create_cohort(s, ADMIN, 4242, COHORT)
    assert caught.value.key == "cases.not_found" and "4242" in caught.value.message("en")


def test_update_cohort_cannot_shrink_below_enrolled_or_strand_sessions__error(engine, cohort_id):
    with write_session(engine) as s:
        svc.add_session(s, ADMIN, cohort_id, {"date": dt.date(2025, 5, 27), "module": "repair", "kind": "practice"})
        for n in range(3):
            p = Participant(nik=f"36031207059000{n + 1:02d}", full_name=f"P{n}", sex="M",
                            birth_date=dt.date(1990, 5, 7))
            s.add(p)
            s.flush()
            s.add(Enrollment(participant_id=p.id, cohort_id=cohort_id, enrolled_on=dt.date(2025, 5, 1)))
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.update_cohort(s, ADMIN, cohort_id, {"capacity": 2, "end_date": dt.date(2025, 5, 20)})
    assert caught.value.keys == ["cases.capacity_below_enrolled", "cases.sessions_outside_dates"]
    with read_session(engine) as s:
        assert (s.get(Cohort, cohort_id).capacity, s.get(Cohort, cohort_id).end_date) == (12, dt.date(2025, 5, 28))


def test_update_cohort_audited__ok(engine, cohort_id):
    with write_session(engine) as s:
        svc.update_cohort(s, ADMIN, cohort_id, {"capacity": 15, "venue": "BLK Serang"})
    with read_session(engine) as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "cohort.update")).one()
    assert row.details["before"] == {"capacity": 12, "venue": "UPTD Latihan Kerja Banten"}
    assert row.details["after"] == {"capacity": 15, "venue": "BLK Serang"}


def test_session_plan_add_update_delete__ok(engine, cohort_id):
    with write_session(engine) as s:
        first = svc.add_session(s, ADMIN, cohort_id, {"date": "2025-05-06", "module": "engine", "kind": "theory"}).id
        second = svc.add_session(s, ADMIN, cohort_id, {"date": dt.date(2025, 5, 5), "module": "engine",
                                                       "kind": "practice", "title": "Engine service"}).id
        svc.update_session(s, ADMIN, first, {"module": "diagnosis"})
    with write_session(engine) as s:
        svc.delete_session(s, ADMIN, second)
    with read_session(engine) as s:
        assert [(x.module, x.kind) for x in svc.list_sessions(s, cohort_id)] == [("diagnosis", "theory")]
        actions = s.scalars(select(AuditLog.action).where(AuditLog.entity == "training_sessions")
                            .order_by(AuditLog.id)).all()
    assert actions == ["session.create", "session.create", "session.update", "session.delete"]


def test_session_outside_cohort_or_bad_kind__error(engine, cohort_id):
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.add_session(s, ADMIN, cohort_id, {"date": dt.date(2025, 6, 1), "module": "", "kind": "lab"})
    assert caught.value.keys == ["cases.required", "cases.bad_session_kind", "cases.session_outside_cohort"]
    assert "2025-05-05" in caught.value.message("en")
    assert count(engine, TrainingSession) == 0


def test_delete_session_with_attendance__error(engine, cohort_id):
    with write_session(engine) as s:
        plan = {"date": dt.date(2025, 5, 6), "module": "engine", "kind": "theory"}
        sid = svc.add_session(s, ADMIN, cohort_id, plan).id
        p = Participant(nik="3603120705900001", full_name="P", sex="M", birth_date=dt.date(1990, 5, 7))
        s.add(p)
        s.flush()
        e = Enrollment(participant_id=p.id, cohort_id=cohort_id, enrolled_on=dt.date(2025, 5, 1))
        s.add(e)
        s.flush()
        s.add(Attendance(session_id=sid, enrollment_id=e.id, status="present", recorded_at=utcnow()))
    with pytest.raises(CaseError) as caught:
        with write_session(engine) as s:
            svc.delete_session(s, ADMIN, sid)
    assert caught.value.key == "cases.session_has_attendance"
    assert count(engine, TrainingSession) == 1


def test_cases_catalogue_complete__ok():
    """Every message key and field label the case services use exists, in both languages alike."""
    import re
    import string
    from pathlib import Path

    from pulih.i18n import CATALOGUE
    from pulih.models import ATTENDANCE_STATUSES, ENROLLMENT_STATUSES
    from pulih.services.participants import TEXT_FIELDS

    def placeholders(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in CATALOGUE.items():
        if key.startswith(("cases.", "nik.")):
            assert placeholders(texts["id"]) == placeholders(texts["en"]), key
    root = Path(svc.__file__).resolve().parents[1]
    names = ["nik.py", *(f"services/{m}.py" for m in ("programs", "participants", "enrollment", "attendance",
                                                       "readiness", "followups", "timeline"))]
    source = "\n".join((root / name).read_text() for name in names)
    used = set(re.findall(r'"((?:cases|nik)\.[a-z_.]*[a-z_])"', source))
    fields = set(re.findall(r'(?:fail\("[a-z_.]+", |c\.(?:text|date|number)\(|field\(|Check\(\w+\)\.date\(|'
                            r'get\(session, \w+, \w+, )"([a-z_]+)"', source))
    used |= {f"cases.field.{f}" for f in fields | set(TEXT_FIELDS)}
    used |= {f"cases.status.{s}" for s in ENROLLMENT_STATUSES} | {f"cases.attendance.{s}" for s in ATTENDANCE_STATUSES}
    used |= {f"cases.kind.{k}" for k in svc.SESSION_KINDS}
    used |= {f"cases.{p}.{s}" for p in ("followup_status", "timeline.followup") for s in ("due", "done", "missed")}
    missing = sorted(k.replace("timeline.followup.", "timeline.followup_") for k in used
                     if k.replace("timeline.followup.", "timeline.followup_") not in CATALOGUE)
    assert missing == []
    assert len(fields) > 20
