"""Small aggregate queries for the home page. Each returns a handful of numbers computed in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pulih.models import BudgetLine, Cohort, Enrollment, FiscalYear, FollowUp, Handover, Participant, Program, TrainingSession


@dataclass(frozen=True)
class HomeFigures:
    programs: int
    cohorts: int
    participants: int
    active: int
    graduated: int
    kits_handed_over: int
    budget_year: int | None
    budget_allocation: Decimal
    budget_spent: Decimal

    @property
    def absorption_pct(self) -> float:
        if not self.budget_allocation:
            return 0.0
        return float(self.budget_spent * 100 / self.budget_allocation)


def _count(session: Session, stmt) -> int:  # noqa: ANN001
    return int(session.scalar(stmt) or 0)


def home_figures(session: Session) -> HomeFigures:
    statuses = dict(session.execute(select(Enrollment.status, func.count()).group_by(Enrollment.status)).all())
    year = session.scalar(select(func.max(FiscalYear.year)))
    allocation, spent = Decimal(0), Decimal(0)
    if year is not None:
        row = session.execute(
            select(func.coalesce(func.sum(BudgetLine.allocation), 0), func.coalesce(func.sum(BudgetLine.spent), 0))
            .join(FiscalYear, FiscalYear.id == BudgetLine.fiscal_year_id)
            .where(FiscalYear.year == year)
        ).one()
        allocation, spent = Decimal(row[0]), Decimal(row[1])
    return HomeFigures(
        programs=_count(session, select(func.count()).select_from(Program)),
        cohorts=_count(session, select(func.count()).select_from(Cohort)),
        participants=_count(session, select(func.count()).select_from(Participant)),
        active=int(statuses.get("active", 0)),
        graduated=int(statuses.get("graduated", 0)),
        kits_handed_over=_count(session, select(func.count()).select_from(Handover).where(Handover.kit_id.is_not(None))),
        budget_year=year,
        budget_allocation=allocation,
        budget_spent=spent,
    )


@dataclass(frozen=True)
class StaffFigures:
    sessions_today: int
    followups_due: int


def staff_figures(session: Session, today: dt.date) -> StaffFigures:
    return StaffFigures(
        sessions_today=_count(session, select(func.count()).select_from(TrainingSession).where(TrainingSession.date == today)),
        followups_due=_count(
            session,
            select(func.count()).select_from(FollowUp).where(FollowUp.status == "due", FollowUp.due_date <= today + dt.timedelta(days=14)),
        ),
    )
