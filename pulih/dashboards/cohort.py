"""Cohort progress: enrollment funnel per cohort, attendance heat map and graduation readiness
of one cohort. (Pre/post scores are in ``pulih.dashboards.scores``.)"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import cohort_conditions, frame, in_period, mask_names, people
from pulih.models import Attendance, Cohort, Enrollment, Participant, TrainingSession
from pulih.services.readiness import cohort_readiness

FUNNEL_STAGES = ("registered", "active", "graduated", "dropped_out")
HEAT_STATUSES = ("present", "excused", "absent", "not_recorded", "dropped_out")


def _count_if(condition) -> object:  # noqa: ANN001
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def funnel(session: Session, filters: Filters) -> pd.DataFrame:
    """Per cohort and stage, how many reached it: cohort_id, cohort_code, cohort_name, stage, count.

    ``registered`` = everyone enrolled; ``active`` = reached training (active or graduated now, or
    dropped out on/after the cohort's start); ``graduated``; ``dropped_out``."""
    status = Enrollment.status
    started = or_(status.in_(("active", "graduated")),
                  and_(status == "dropped_out", Enrollment.dropped_on >= Cohort.start_date))
    on = and_(Enrollment.cohort_id == Cohort.id, *people(filters))
    stmt = (
        select(Cohort.id, Cohort.code, Cohort.name, func.count(Enrollment.id), _count_if(started),
               _count_if(status == "graduated"), _count_if(status == "dropped_out"))
        .outerjoin(Enrollment, on).where(*cohort_conditions(filters))
        .group_by(Cohort.id, Cohort.code, Cohort.name, Cohort.start_date).order_by(Cohort.start_date, Cohort.id)
    )
    rows = [(cid, code, name, stage, int(n)) for cid, code, name, *counts in session.execute(stmt)
            for stage, n in zip(FUNNEL_STAGES, counts, strict=True)]
    return frame(rows, ["cohort_id", "cohort_code", "cohort_name", "stage", "count"])


def attendance_heatmap(session: Session, cohort_id: int, filters: Filters = Filters(), *, today: dt.date | None = None,
                       masked: bool = False, lang: str = "id") -> pd.DataFrame:
    """One row per participant × session held so far (dated up to today): enrollment_id,
    participant, session_id, session_date, module, kind, status (present / excused / absent /
    not_recorded / dropped_out for sessions after the participant dropped out)."""
    today = today or dt.date.today()
    recorded = and_(Attendance.session_id == TrainingSession.id, Attendance.enrollment_id == Enrollment.id)
    after_drop = and_(Enrollment.dropped_on.is_not(None), TrainingSession.date > Enrollment.dropped_on)
    state = case((Attendance.status.is_not(None), Attendance.status), (after_drop, literal("dropped_out")),
                 else_=literal("not_recorded"))
    stmt = (
        select(Enrollment.id, Participant.full_name, TrainingSession.id, TrainingSession.date, TrainingSession.module,
               TrainingSession.kind, state)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .join(TrainingSession, TrainingSession.cohort_id == Enrollment.cohort_id)
        .outerjoin(Attendance, recorded)
        .where(Enrollment.cohort_id == cohort_id, TrainingSession.date <= today, *people(filters),
               *in_period(TrainingSession.date, filters))
        .order_by(Participant.full_name, Enrollment.id, TrainingSession.date, TrainingSession.id)
    )
    df = frame(session.execute(stmt).all(),
               ["enrollment_id", "participant", "session_id", "session_date", "module", "kind", "status"])
    return mask_names(df, masked, lang)


def readiness_table(session: Session, cohort_id: int, filters: Filters = Filters(), *, today: dt.date | None = None,
                    masked: bool = False, lang: str = "id") -> pd.DataFrame:
    """Graduation readiness of each participant not dropped out (``pulih.services.readiness``):
    enrollment_id, participant, status, attendance_pct, post_score, ready, missing (text, in ``lang``)."""
    judged = cohort_readiness(session, cohort_id, today or dt.date.today())
    stmt = (
        select(Enrollment.id, Participant.full_name, Enrollment.status)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .where(Enrollment.cohort_id == cohort_id, Enrollment.id.in_(list(judged) or [-1]), *people(filters))
        .order_by(Participant.full_name, Enrollment.id)
    )
    rows = []
    for enrollment_id, name, status in session.execute(stmt):
        r = judged[enrollment_id]
        attendance = None if r.attendance_pct is None else round(r.attendance_pct, 1)
        rows.append((enrollment_id, name, status, attendance, r.post_score, r.ready,
                     "; ".join(m.message(lang) for m in r.missing)))
    df = frame(rows, ["enrollment_id", "participant", "status", "attendance_pct", "post_score", "ready", "missing"])
    return mask_names(df, masked, lang)
