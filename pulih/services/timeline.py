"""Everything about one participant in date order: registration, submissions, attendance,
equipment handovers, follow-ups and enrollment status changes (read from the audit log).
Titles are written in the language asked for; ``details`` keep the raw values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pulih.i18n import t
from pulih.models import (
    Attendance, AuditLog, Cohort, Enrollment, FollowUp, Form, Handover, Kit, Participant, Submission, TrainingSession,
)
from pulih.services.programs import get

KIND_ORDER = ("registered", "status", "submission", "attendance", "handover", "followup")


@dataclass(frozen=True)
class TimelineEvent:
    at: dt.datetime
    kind: str  # one of KIND_ORDER
    title: str
    details: dict = field(default_factory=dict)


def _at(day: dt.date | dt.datetime) -> dt.datetime:
    return day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time.min)


def participant_timeline(session: Session, participant_id: int, lang: str | None = None) -> list[TimelineEvent]:
    person = get(session, Participant, participant_id, "participant")
    cohorts = dict(session.execute(select(Enrollment.id, Cohort.code).join(Cohort).where(
        Enrollment.participant_id == person.id)).all())
    events = [TimelineEvent(person.created_at, "registered", t("cases.timeline.registered", lang), {})]
    for reader in (_submissions, _attendance, _handovers, _followups, _status_changes):
        events.extend(reader(session, person.id, cohorts, lang))
    return sorted(events, key=lambda e: (e.at, KIND_ORDER.index(e.kind)))


def _submissions(session: Session, pid: int, cohorts: dict, lang: str | None) -> list[TimelineEvent]:
    mine = or_(Submission.participant_id == pid, Submission.enrollment_id.in_(list(cohorts) or [-1]))
    stmt = select(Submission.id, Submission.created_at, Submission.enrollment_id, Form.form_id, Form.title).join(
        Form, Form.id == Submission.form_pk).where(mine)
    return [TimelineEvent(at, "submission", title, {"submission_id": sid, "form_id": form_id, "enrollment_id": eid})
            for sid, at, eid, form_id, title in session.execute(stmt)]


def _attendance(session: Session, pid: int, cohorts: dict, lang: str | None) -> list[TimelineEvent]:
    stmt = (select(TrainingSession.date, TrainingSession.module, TrainingSession.kind, TrainingSession.id,
                   Attendance.status, Attendance.note, Attendance.enrollment_id)
            .join(Attendance, Attendance.session_id == TrainingSession.id)
            .where(Attendance.enrollment_id.in_(list(cohorts) or [-1])))
    return [
        TimelineEvent(_at(day), "attendance", t("cases.timeline.attendance", lang, module=module,
                                                 kind=t(f"cases.kind.{kind}", lang),
                                                 status=t(f"cases.attendance.{status}", lang)),
                      {"session_id": sid, "status": status, "note": note, "cohort": cohorts[eid]})
        for day, module, kind, sid, status, note, eid in session.execute(stmt)
    ]


def _handovers(session: Session, pid: int, cohorts: dict, lang: str | None) -> list[TimelineEvent]:
    stmt = select(Handover, Kit.name).outerjoin(Kit, Kit.id == Handover.kit_id).where(Handover.participant_id == pid)
    return [
        TimelineEvent(_at(h.date), "handover", t("cases.timeline.handover", lang, receipt=h.receipt_number,
                                                  kit=kit or "-"),
                      {"handover_id": h.id, "receipt_number": h.receipt_number, "condition": h.condition})
        for h, kit in session.execute(stmt)
    ]


def _followups(session: Session, pid: int, cohorts: dict, lang: str | None) -> list[TimelineEvent]:
    stmt = select(FollowUp).where(FollowUp.enrollment_id.in_(list(cohorts) or [-1]))
    return [
        TimelineEvent(_at(f.completed_on or f.due_date), "followup",
                      t(f"cases.timeline.followup_{f.status}", lang, months=f.months_after),
                      {"followup_id": f.id, "months_after": f.months_after, "status": f.status,
                       "due_date": f.due_date, "submission_id": f.submission_id, "cohort": cohorts[f.enrollment_id]})
        for f in session.scalars(stmt)
    ]


def _status_changes(session: Session, pid: int, cohorts: dict, lang: str | None) -> list[TimelineEvent]:
    stmt = select(AuditLog).where(AuditLog.entity == "enrollments",
                                  AuditLog.entity_id.in_([str(e) for e in cohorts] or ["-"]))
    events = []
    for row in session.scalars(stmt):
        after = row.details.get("after") or {}
        if after.get("status") is None:
            continue
        title = t("cases.timeline.status", lang, cohort=cohorts.get(int(row.entity_id), ""),
                  status=t(f"cases.status.{after['status']}", lang))
        details = {"by": row.username, "recorded_at": row.at, **row.details}
        events.append(TimelineEvent(_effective(after) or row.at, "status", title, details))
    return events


def _effective(after: dict) -> dt.datetime | None:
    """The date a status change took effect (graduated on, dropped out on, enrolled on), if recorded."""
    for name in ("graduated_on", "dropped_on", "enrolled_on"):
        if after.get(name):
            return _at(dt.date.fromisoformat(after[name]))
    return None
