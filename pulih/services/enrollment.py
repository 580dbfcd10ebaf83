"""Enrollment into a cohort within its capacity, and the status path
registered → active → graduated | dropped_out (dropping out is possible from registered too).

Capacity is held under concurrency: the cohort row is locked (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite ``write_session``'s ``BEGIN IMMEDIATE`` already lets one writer in at a
time) before the seats are counted, so two staff cannot both take the last seat.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.audit import record
from pulih.models import Cohort, Enrollment, Participant, utcnow
from pulih.services.followups import schedule_followups
from pulih.services.programs import CaseError, Label, get, seats_taken
from pulih.services.readiness import readiness

TRANSITIONS = {
    "registered": ("active", "dropped_out"),
    "active": ("graduated", "dropped_out"),
    "graduated": (),
    "dropped_out": (),
}


def status_label(status: str) -> Label:
    return Label(f"cases.status.{status}")


def enroll(
    session: Session, username: str, participant_id: int, cohort_id: int, on: dt.date | None = None
) -> Enrollment:
    """Enroll a participant (status ``registered``) if the cohort has a free seat."""
    cohort = get(session, Cohort, cohort_id, "cohort", lock=True)
    person = get(session, Participant, participant_id, "participant")
    on = on or dt.date.today()
    already = session.scalar(select(Enrollment.id).where(
        Enrollment.participant_id == person.id, Enrollment.cohort_id == cohort.id))
    if already is not None:
        raise CaseError("cases.already_enrolled", cohort=cohort.code)
    if on > cohort.end_date:
        raise CaseError("cases.cohort_ended", cohort=cohort.code, end=cohort.end_date)
    taken = seats_taken(session, cohort.id)
    if taken >= cohort.capacity:
        raise CaseError("cases.cohort_full", cohort=cohort.code, capacity=cohort.capacity)
    enrollment = Enrollment(participant_id=person.id, cohort_id=cohort.id, status="registered", enrolled_on=on,
                            status_changed_at=utcnow())
    session.add(enrollment)
    session.flush()
    record(session, username, "enrollment.create", "enrollments", enrollment.id, participant_id=person.id,
           after={"cohort_id": cohort.id, "status": "registered", "enrolled_on": on})
    return enrollment


def _transition(session: Session, enrollment_id: int, target: str) -> Enrollment:
    enrollment = get(session, Enrollment, enrollment_id, "enrollment", lock=True)
    if target not in TRANSITIONS[enrollment.status]:
        raise CaseError("cases.illegal_transition", current=status_label(enrollment.status),
                        target=status_label(target))
    return enrollment


def _date(on: dt.date | None, enrollment: Enrollment, name: str) -> dt.date:
    on = on or dt.date.today()
    if on > dt.date.today():
        raise CaseError("cases.date_in_future", field=Label(f"cases.field.{name}"))
    if on < enrollment.enrolled_on:
        raise CaseError("cases.date_before_enrollment", field=Label(f"cases.field.{name}"),
                        enrolled_on=enrollment.enrolled_on)
    return on


def _save(session: Session, username: str, enrollment: Enrollment, changes: dict) -> Enrollment:
    before = {name: getattr(enrollment, name) for name in changes}
    for name, value in changes.items():
        setattr(enrollment, name, value)
    enrollment.status_changed_at = utcnow()
    session.flush()
    record(session, username, "enrollment.status", "enrollments", enrollment.id,
           participant_id=enrollment.participant_id, before=before, after=changes)
    return enrollment


def activate(session: Session, username: str, enrollment_id: int) -> Enrollment:
    """registered → active (training has started for this participant)."""
    enrollment = _transition(session, enrollment_id, "active")
    return _save(session, username, enrollment, {"status": "active"})


def drop_out(session: Session, username: str, enrollment_id: int, reason: str, on: dt.date | None) -> Enrollment:
    """→ dropped_out, with the reason and the date (both required); the seat is freed."""
    enrollment = _transition(session, enrollment_id, "dropped_out")
    reason = (reason or "").strip()
    if not reason:
        raise CaseError("cases.required", field=Label("cases.field.dropout_reason"))
    if on is None:
        raise CaseError("cases.required", field=Label("cases.field.dropped_on"))
    changes = {"status": "dropped_out", "dropped_on": _date(on, enrollment, "dropped_on"), "dropout_reason": reason}
    return _save(session, username, enrollment, changes)


def graduate(
    session: Session, username: str, enrollment_id: int, on: dt.date | None = None, override_reason: str | None = None
) -> Enrollment:
    """active → graduated when the program's criteria are met on ``on`` (or with an override reason);
    the follow-ups are scheduled in the same transaction."""
    enrollment = _transition(session, enrollment_id, "graduated")
    on = _date(on, enrollment, "graduated_on")
    verdict = readiness(session, enrollment.id, today=on)
    reason = (override_reason or "").strip() or None
    if not verdict.ready and reason is None:
        raise CaseError("cases.not_ready", problems=verdict.missing)
    changes = {"status": "graduated", "graduated_on": on,
               "graduation_override_reason": None if verdict.ready else reason}
    _save(session, username, enrollment, changes)
    schedule_followups(session, username, enrollment)
    return enrollment


def change_status(
    session: Session, username: str, enrollment_id: int, status: str, *, on: dt.date | None = None,
    reason: str | None = None, override_reason: str | None = None,
) -> Enrollment:
    """One entry point for screens: moves the enrollment to ``status`` by the rules above."""
    if status == "active":
        return activate(session, username, enrollment_id)
    if status == "graduated":
        return graduate(session, username, enrollment_id, on, override_reason)
    if status == "dropped_out":
        return drop_out(session, username, enrollment_id, reason or "", on)
    current = get(session, Enrollment, enrollment_id, "enrollment")
    target = status_label(status) if status in TRANSITIONS else str(status)
    raise CaseError("cases.illegal_transition", current=status_label(current.status), target=target)


def enrollments_of(
    session: Session, *, participant_id: int | None = None, cohort_id: int | None = None
) -> list[Enrollment]:
    stmt = select(Enrollment).order_by(Enrollment.enrolled_on, Enrollment.id)
    if participant_id is not None:
        stmt = stmt.where(Enrollment.participant_id == participant_id)
    if cohort_id is not None:
        stmt = stmt.where(Enrollment.cohort_id == cohort_id)
    return list(session.scalars(stmt))


def get_enrollment(session: Session, enrollment_id: int) -> Enrollment | None:
    return session.get(Enrollment, enrollment_id)
