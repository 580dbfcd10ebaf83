"""Overview KPIs with the change since last week and a weekly trend.

Each KPI is counted in SQL as a small series of dated events (one GROUP BY query per KPI), so the
value as of any day (today, a week ago, each of the last weeks) is a running sum over that
handful of rows:

* ``participants``: people with an enrollment in scope, from their first ``enrolled_on``;
* ``active``: enrollments that left "registered", from ``enrolled_on`` until ``graduated_on`` /
  ``dropped_on`` (as of today this is the number with status "active");
* ``graduated``: from ``graduated_on``;
* ``attendance_pct``: present ÷ (held − excused) × 100 over held sessions (dated up to the day,
  attendance taken) and participants not dropped out; a missing row counts as absent, as in
  ``pulih.services.attendance``;
* ``kits_handed_over``: handovers of a kit, from their date;
* ``budget_absorbed_pct``: spending on the budget lines in scope (dated in the period) ÷ their
  allocation × 100.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import budget_line_ids, frame, in_period, money, pct, people
from pulih.models import Attendance, BudgetLine, Enrollment, Handover, Spending, TrainingSession

KPIS = ("participants", "active", "graduated", "attendance_pct", "kits_handed_over", "budget_absorbed_pct")
PERCENT_KPIS = ("attendance_pct", "budget_absorbed_pct")
TREND_WEEKS = 12


@dataclass(frozen=True)
class Kpi:
    key: str
    value: float | int | None
    week_ago: float | int | None

    @property
    def change(self) -> float | int | None:
        if self.value is None or self.week_ago is None:
            return None
        diff = self.value - self.week_ago
        return round(diff, 1) if isinstance(diff, float) else diff

    @property
    def is_percent(self) -> bool:
        return self.key in PERCENT_KPIS


@dataclass(frozen=True)
class Overview:
    today: dt.date
    kpis: list[Kpi]
    trend: pd.DataFrame  # kpi, week_end, value
    budget_allocation: Decimal = Decimal(0)
    budget_spent: Decimal = Decimal(0)

    def get(self, key: str) -> Kpi:
        return next(k for k in self.kpis if k.key == key)

    def frame(self) -> pd.DataFrame:
        """One row per KPI: kpi, value, week_ago, change."""
        rows = [(k.key, k.value, k.week_ago, k.change) for k in self.kpis]
        return frame(rows, ["kpi", "value", "week_ago", "change"]).astype(object)


def _running(events: list[tuple], day: dt.date, width: int = 1) -> tuple:
    """Sums of the event columns dated on or before ``day``."""
    totals = [0] * width
    for row in events:
        if row[0] is not None and row[0] <= day:
            for i in range(width):
                totals[i] += row[1 + i] or 0
    return tuple(totals)


def _participant_events(session: Session, f: Filters) -> list[tuple]:
    first = (
        select(Enrollment.participant_id, func.min(Enrollment.enrolled_on).label("day"))
        .where(*people(f)).group_by(Enrollment.participant_id).subquery()
    )
    return session.execute(select(first.c.day, func.count()).group_by(first.c.day)).all()


def _active_events(session: Session, f: Filters) -> list[tuple]:
    scope = people(f)

    def event(day, n: int, condition):  # noqa: ANN001, ANN202
        return select(day.label("day"), literal(n).label("n")).where(condition, *scope)

    moves = union_all(
        event(Enrollment.enrolled_on, 1, Enrollment.status != "registered"),
        event(Enrollment.graduated_on, -1, Enrollment.graduated_on.is_not(None)),
        event(Enrollment.dropped_on, -1, Enrollment.dropped_on.is_not(None)),
    ).subquery()
    return session.execute(select(moves.c.day, func.sum(moves.c.n)).group_by(moves.c.day)).all()


def _graduate_events(session: Session, f: Filters) -> list[tuple]:
    stmt = (select(Enrollment.graduated_on, func.count())
            .where(Enrollment.status == "graduated", Enrollment.graduated_on.is_not(None), *people(f))
            .group_by(Enrollment.graduated_on))
    return session.execute(stmt).all()


def _attendance_events(session: Session, f: Filters, today: dt.date) -> list[tuple]:
    """Per session date: (held participant-sessions, present, excused)."""
    other = aliased(Attendance)
    taken = select(other.id).where(other.session_id == TrainingSession.id).exists()
    held = and_(TrainingSession.cohort_id == Enrollment.cohort_id, TrainingSession.date <= today, taken)
    mine = and_(Attendance.session_id == TrainingSession.id, Attendance.enrollment_id == Enrollment.id)
    stmt = (
        select(TrainingSession.date, func.count(),
               func.sum(case((Attendance.status == "present", 1), else_=0)),
               func.sum(case((Attendance.status == "excused", 1), else_=0)))
        .select_from(Enrollment).join(TrainingSession, held).outerjoin(Attendance, mine)
        .where(Enrollment.status != "dropped_out", *people(f), *in_period(TrainingSession.date, f))
        .group_by(TrainingSession.date)
    )
    return session.execute(stmt).all()


def _kit_events(session: Session, f: Filters) -> list[tuple]:
    stmt = (select(Handover.date, func.count()).where(Handover.kit_id.is_not(None), *people(f, Handover.enrollment_id))
            .group_by(Handover.date))
    return session.execute(stmt).all()


def _spending_events(session: Session, f: Filters, today: dt.date) -> tuple[Decimal, list[tuple]]:
    lines = budget_line_ids(f, today)
    allocation = money(session.scalar(select(func.sum(BudgetLine.allocation)).where(BudgetLine.id.in_(lines))))
    stmt = (select(Spending.date, func.sum(Spending.amount))
            .where(Spending.budget_line_id.in_(lines), *in_period(Spending.date, f)).group_by(Spending.date))
    return allocation, [(day, money(amount)) for day, amount in session.execute(stmt)]


def _value_functions(session: Session, f: Filters, today: dt.date) -> tuple[dict, Decimal, list]:
    counts = {
        "participants": _participant_events(session, f),
        "active": _active_events(session, f),
        "graduated": _graduate_events(session, f),
        "kits_handed_over": _kit_events(session, f),
    }
    attendance = _attendance_events(session, f, today)
    allocation, spending = _spending_events(session, f, today)

    def attendance_pct(day: dt.date) -> float | None:
        held, present, excused = _running(attendance, day, 3)
        return pct(present, held - excused)

    values = {key: (lambda day, ev=events: int(_running(ev, day)[0])) for key, events in counts.items()}
    values["attendance_pct"] = attendance_pct
    values["budget_absorbed_pct"] = lambda day: pct(_running(spending, day)[0], allocation)
    return values, allocation, spending


def overview(session: Session, filters: Filters = Filters(), today: dt.date | None = None) -> Overview:
    """The six KPIs (now and a week ago) and their trend over the last twelve weeks."""
    today = today or dt.date.today()
    values, allocation, spending = _value_functions(session, filters, today)
    week_ago = today - dt.timedelta(days=7)
    kpis = [Kpi(key, values[key](today), values[key](week_ago)) for key in KPIS]
    weeks = [today - dt.timedelta(days=7 * n) for n in range(TREND_WEEKS - 1, -1, -1)]
    trend = frame([(key, day, values[key](day)) for key in KPIS for day in weeks], ["kpi", "week_end", "value"])
    spent = Decimal(_running(spending, today)[0])
    return Overview(today, kpis, trend, budget_allocation=allocation, budget_spent=money(spent))
