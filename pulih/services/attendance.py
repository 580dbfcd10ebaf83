"""Attendance: the grid of one session saved in one action, its corrections kept in the audit log,
and attendance rates counted in SQL.

How the rate is counted (the program's "attendance %"):
* a session counts as **held** once it is dated on or before ``today`` and attendance has been
  taken for it (at least one row); a session nobody recorded is listed by
  ``sessions_without_attendance`` instead of silently counting as absence;
* for a held session, a participant without a row counts as **absent** (also one who enrolled
  late: record earlier sessions as excused when that is fair);
* **excused** sessions are left out of the denominator (a documented reason such as a probation
  appointment does not count against the participant) and do not count as present;
* rate = present ÷ (held − excused) × 100; ``None`` when nothing is left to count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from pulih.audit import record
from pulih.models import ATTENDANCE_STATUSES, Attendance, Cohort, Enrollment, Participant, TrainingSession, utcnow
from pulih.services.programs import HOLDING_SEAT, CaseError, get, user_id

MAX_NOTE = 2000


@dataclass(frozen=True)
class Rate:
    held: int = 0
    present: int = 0
    excused: int = 0

    @property
    def absent(self) -> int:
        return self.held - self.present - self.excused

    @property
    def pct(self) -> float | None:
        counted = self.held - self.excused
        return None if counted <= 0 else self.present * 100 / counted

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.held + other.held, self.present + other.present, self.excused + other.excused)


@dataclass(frozen=True)
class GridRow:
    enrollment_id: int
    participant_id: int
    full_name: str
    enrollment_status: str
    status: str | None
    note: str


@dataclass(frozen=True)
class SessionDue:
    session_id: int
    cohort_id: int
    cohort_code: str
    date: dt.date
    module: str
    kind: str


def _clean_rows(rows: list[dict], allowed: set[int]) -> dict[int, tuple[str, str]]:
    """{enrollment_id: (status, note)} of the rows that set a status; every problem raised together."""
    problems, clean = [], {}
    for number, row in enumerate(rows, start=1):
        try:
            enrollment_id = int(row.get("enrollment_id"))
        except (TypeError, ValueError):
            enrollment_id = None
        status, note = row.get("status"), str(row.get("note") or "").strip()
        if enrollment_id not in allowed or enrollment_id in clean:
            key = "cases.attendance_repeated_row" if enrollment_id in clean else "cases.attendance_not_in_cohort"
            problems.append(CaseError(key, row=number, enrollment_id=row.get("enrollment_id")))
        elif status in (None, "") and not note:
            continue  # not taken for this participant: left as it is
        elif status not in ATTENDANCE_STATUSES:
            problems.append(CaseError("cases.bad_attendance_status", row=number, value=status))
        elif len(note) > MAX_NOTE:
            problems.append(CaseError("cases.attendance_note_too_long", row=number, max=MAX_NOTE))
        else:
            clean[enrollment_id] = (status, note)
    if problems:
        raise CaseError("cases.invalid", problems=problems)
    return clean


def record_attendance(
    session: Session, username: str, session_id: int, rows: list[dict], *, today: dt.date | None = None
) -> dict[str, int]:
    """Save a session's grid (``[{enrollment_id, status, note}]``) at once; returns counts of
    created, corrected and unchanged rows. The session row is locked so two savers queue."""
    training = get(session, TrainingSession, session_id, "session", lock=True)
    if training.date > (today or dt.date.today()):
        raise CaseError("cases.attendance_future_session", date=training.date)
    allowed = set(session.scalars(select(Enrollment.id).where(Enrollment.cohort_id == training.cohort_id)))
    clean = _clean_rows(rows, allowed)
    existing = {a.enrollment_id: a for a in session.scalars(
        select(Attendance).where(Attendance.session_id == training.id))}
    counts = {"created": 0, "corrected": 0, "unchanged": 0}
    by = user_id(session, username)
    for enrollment_id, (status, note) in clean.items():
        old = existing.get(enrollment_id)
        counts[_save_row(session, username, by, training.id, enrollment_id, old, status, note)] += 1
    session.flush()
    return counts


def _save_row(session: Session, username: str, by: int | None, session_id: int, enrollment_id: int,
              old: Attendance | None, status: str, note: str) -> str:
    """Insert or correct one participant's attendance (audited); 'created', 'corrected' or 'unchanged'."""
    if old is not None and (old.status, old.note) == (status, note):
        return "unchanged"
    ids, after = {"session_id": session_id, "enrollment_id": enrollment_id}, {"status": status, "note": note}
    if old is None:
        row = Attendance(**ids, status=status, note=note, recorded_by_id=by, recorded_at=utcnow())
        session.add(row)
        session.flush()
        record(session, username, "attendance.record", "attendance", row.id, **ids, after=after)
        return "created"
    before = {"status": old.status, "note": old.note}
    old.status, old.note, old.recorded_by_id, old.recorded_at = status, note, by, utcnow()
    record(session, username, "attendance.correct", "attendance", old.id, **ids, before=before, after=after)
    return "corrected"


def attendance_grid(session: Session, session_id: int) -> list[GridRow]:
    """Every participant of the session's cohort (dropped-out ones only if recorded) with the status so far."""
    training = get(session, TrainingSession, session_id, "session")
    joined = and_(Attendance.enrollment_id == Enrollment.id, Attendance.session_id == training.id)
    stmt = (
        select(Enrollment.id, Participant.id, Participant.full_name, Enrollment.status,
               Attendance.status, Attendance.note)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .outerjoin(Attendance, joined)
        .where(Enrollment.cohort_id == training.cohort_id)
        .where((Enrollment.status != "dropped_out") | Attendance.id.is_not(None))
        .order_by(Participant.full_name, Enrollment.id)
    )
    return [GridRow(e, p, name, es, st, note or "") for e, p, name, es, st, note in session.execute(stmt)]


def _taken():  # noqa: ANN202
    """EXISTS: attendance has been taken for the session (an alias, so it never correlates with an outer join)."""
    other = aliased(Attendance)
    return select(other.id).where(other.session_id == TrainingSession.id).exists()


def enrollment_rates(
    session: Session, cohort_id: int, today: dt.date, enrollment_id: int | None = None
) -> dict[int, Rate]:
    """{enrollment_id: Rate} for a cohort (or one enrollment of it), counted in one query."""
    held = and_(TrainingSession.cohort_id == Enrollment.cohort_id, TrainingSession.date <= today, _taken())
    mine = and_(Attendance.session_id == TrainingSession.id, Attendance.enrollment_id == Enrollment.id)
    stmt = (
        select(Enrollment.id, func.count(TrainingSession.id),
               func.sum(case((Attendance.status == "present", 1), else_=0)),
               func.sum(case((Attendance.status == "excused", 1), else_=0)))
        .select_from(Enrollment)
        .join(TrainingSession, held)
        .outerjoin(Attendance, mine)
        .where(Enrollment.cohort_id == cohort_id)
        .group_by(Enrollment.id)
    )
    if enrollment_id is not None:
        stmt = stmt.where(Enrollment.id == enrollment_id)
    return {e: Rate(int(h), int(p or 0), int(x or 0)) for e, h, p, x in session.execute(stmt)}


def attendance_rate(session: Session, enrollment_id: int, today: dt.date | None = None) -> Rate:
    enrollment = get(session, Enrollment, enrollment_id, "enrollment")
    rates = enrollment_rates(session, enrollment.cohort_id, today or dt.date.today(), enrollment.id)
    return rates.get(enrollment.id, Rate())


def cohort_attendance(session: Session, cohort_id: int, today: dt.date | None = None) -> tuple[Rate, dict[int, Rate]]:
    """(the cohort's rate over participants not dropped out, {enrollment_id: rate} for everyone)."""
    per = enrollment_rates(session, cohort_id, today or dt.date.today())
    dropped = set(session.scalars(select(Enrollment.id).where(
        Enrollment.cohort_id == cohort_id, Enrollment.status == "dropped_out")))
    return sum((r for e, r in per.items() if e not in dropped), Rate()), per


def sessions_without_attendance(
    session: Session, on: dt.date | None = None, since: dt.date | None = None
) -> list[SessionDue]:
    """Sessions dated on or before ``on`` (and from ``since``) of cohorts with participants, not yet recorded."""
    people = select(Enrollment.id).where(Enrollment.cohort_id == TrainingSession.cohort_id,
                                         Enrollment.status.in_(HOLDING_SEAT)).exists()
    stmt = (
        select(TrainingSession.id, Cohort.id, Cohort.code, TrainingSession.date, TrainingSession.module,
               TrainingSession.kind)
        .join(Cohort, Cohort.id == TrainingSession.cohort_id)
        .where(TrainingSession.date <= (on or dt.date.today()), ~_taken(), people)
        .order_by(TrainingSession.date, Cohort.code, TrainingSession.id)
    )
    if since is not None:
        stmt = stmt.where(TrainingSession.date >= since)
    return [SessionDue(*row) for row in session.execute(stmt)]
