"""Follow-ups after graduation: scheduled at +N months (the program's ``followup_months``, by
default 3 and 6) from the graduation date, listed when due soon, due or overdue, completed with
the follow-up form's submission, or marked missed."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pulih.audit import record, touch
from pulih.models import Cohort, Enrollment, FollowUp, Participant, Submission
from pulih.services.programs import DEFAULT_FOLLOWUP_MONTHS, CaseError, Label, get


@dataclass(frozen=True)
class DueFollowUp:
    followup_id: int
    enrollment_id: int
    participant_id: int
    full_name: str
    cohort_id: int
    cohort_code: str
    months_after: int
    due_date: dt.date
    days_overdue: int  # negative: days still to go
    state: str  # "due_soon" | "due" | "overdue"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _audit(session: Session, username: str, action: str, followup: FollowUp, **details: object) -> None:
    record(session, username, action, "follow_ups", followup.id, enrollment_id=followup.enrollment_id, **details)
    touch(session, "enrollments")


def schedule_followups(session: Session, username: str, enrollment: Enrollment) -> list[FollowUp]:
    """Create the follow-ups of a graduated enrollment (those that exist already are kept)."""
    if enrollment.status != "graduated" or enrollment.graduated_on is None:
        raise CaseError("cases.followup_needs_graduation")
    months = enrollment.cohort.program.followup_months
    months = DEFAULT_FOLLOWUP_MONTHS if months is None else months
    have = set(session.scalars(select(FollowUp.months_after).where(FollowUp.enrollment_id == enrollment.id)))
    created = []
    for month in sorted({int(m) for m in months} - have):
        followup = FollowUp(enrollment_id=enrollment.id, months_after=month,
                            due_date=add_months(enrollment.graduated_on, month), status="due")
        session.add(followup)
        session.flush()
        _audit(session, username, "followup.schedule", followup,
               after={"months_after": month, "due_date": followup.due_date})
        created.append(followup)
    return created


def due_followups(session: Session, today: dt.date | None = None, within_days: int = 14) -> list[DueFollowUp]:
    """Open follow-ups due within ``within_days`` from ``today``, or already overdue; oldest first."""
    today = today or dt.date.today()
    stmt = (
        select(FollowUp, Enrollment.participant_id, Participant.full_name, Cohort.id, Cohort.code)
        .join(Enrollment, Enrollment.id == FollowUp.enrollment_id)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(FollowUp.status == "due", FollowUp.due_date <= today + dt.timedelta(days=within_days))
        .order_by(FollowUp.due_date, Participant.full_name, FollowUp.id)
    )
    result = []
    for followup, participant_id, name, cohort_id, cohort_code in session.execute(stmt):
        late = (today - followup.due_date).days
        state = "overdue" if late > 0 else "due" if late == 0 else "due_soon"
        result.append(DueFollowUp(followup.id, followup.enrollment_id, participant_id, name, cohort_id, cohort_code,
                                  followup.months_after, followup.due_date, late, state))
    return result


def complete_followup(
    session: Session, username: str, followup_id: int, submission_id: int, on: dt.date | None = None
) -> FollowUp:
    """Mark a follow-up done with the follow-up form's submission (attached to the same enrollment)."""
    followup = get(session, FollowUp, followup_id, "followup", lock=True)
    if followup.status == "done":
        raise CaseError("cases.followup_already_done", completed_on=followup.completed_on)
    submission = get(session, Submission, submission_id, "submission")
    if submission.enrollment_id != followup.enrollment_id:
        raise CaseError("cases.followup_wrong_submission", submission_id=submission.id)
    before = {"status": followup.status, "submission_id": followup.submission_id}
    followup.status, followup.submission_id, followup.completed_on = "done", submission.id, on or dt.date.today()
    _audit(session, username, "followup.complete", followup, before=before,
           after={"status": "done", "submission_id": submission.id, "completed_on": followup.completed_on})
    return followup


def mark_missed(
    session: Session, username: str, followup_id: int, reason: str = "", today: dt.date | None = None
) -> FollowUp:
    """Mark an open follow-up missed (the participant could not be reached); only once it is due."""
    followup = get(session, FollowUp, followup_id, "followup", lock=True)
    if followup.status != "due":
        raise CaseError("cases.followup_not_open", status=Label(f"cases.followup_status.{followup.status}"))
    if followup.due_date > (today or dt.date.today()):
        raise CaseError("cases.followup_not_yet_due", due_date=followup.due_date)
    followup.status = "missed"
    _audit(session, username, "followup.missed", followup, before={"status": "due"}, after={"status": "missed"},
           reason=(reason or "").strip())
    return followup


def followups_of(session: Session, enrollment_id: int) -> list[FollowUp]:
    stmt = select(FollowUp).where(FollowUp.enrollment_id == enrollment_id)
    return list(session.scalars(stmt.order_by(FollowUp.months_after)))
