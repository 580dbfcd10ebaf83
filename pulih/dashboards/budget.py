"""Budget: allocation vs spent per line, cumulative absorption vs plan month by month, and cost per
participant and per graduate.

The lines in scope are those of the program (or of the chosen cohort's program) in the fiscal
years the period touches (``scope.budget_line_ids``); spent = the sum of their spending entries
dated in the period. The district filter does not apply to money.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import Integer, and_, cast, distinct, extract, func, select
from sqlalchemy.orm import Session

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import CENT, ZERO, budget_line_ids, cohort_conditions, frame, in_period, money, pct
from pulih.models import BudgetLine, BudgetPlanMonth, Cohort, Enrollment, FiscalYear, Spending


def _spent_per_line(filters: Filters, today: dt.date):  # noqa: ANN202
    return (
        select(Spending.budget_line_id.label("line_id"), func.sum(Spending.amount).label("spent"))
        .where(Spending.budget_line_id.in_(budget_line_ids(filters, today)), *in_period(Spending.date, filters))
        .group_by(Spending.budget_line_id)
        .subquery()
    )


def lines(session: Session, filters: Filters = Filters(), *, today: dt.date | None = None) -> pd.DataFrame:
    """Per budget line: budget_line_id, year, account_code, name, allocation, spent, remaining
    (Decimal rupiah), absorption_pct."""
    today = today or dt.date.today()
    spent = _spent_per_line(filters, today)
    stmt = (
        select(BudgetLine.id, FiscalYear.year, BudgetLine.account_code, BudgetLine.name, BudgetLine.allocation,
               spent.c.spent)
        .join(FiscalYear, FiscalYear.id == BudgetLine.fiscal_year_id)
        .outerjoin(spent, spent.c.line_id == BudgetLine.id)
        .where(BudgetLine.id.in_(budget_line_ids(filters, today)))
        .order_by(FiscalYear.year, BudgetLine.account_code)
    )
    rows = []
    for line_id, year, code, name, allocation, used in session.execute(stmt):
        allocation, used = money(allocation), money(used)
        rows.append((line_id, year, code, name, allocation, used, allocation - used, pct(used, allocation)))
    return frame(rows, ["budget_line_id", "year", "account_code", "name", "allocation", "spent", "remaining",
                        "absorption_pct"])


def _monthly(session: Session, stmt) -> dict[tuple[int, int], Decimal]:  # noqa: ANN001
    return {(int(y), int(m)): money(v) for y, m, v in session.execute(stmt)}


def absorption_by_month(session: Session, filters: Filters = Filters(), *,
                        today: dt.date | None = None) -> pd.DataFrame:
    """Per fiscal year and month: year, month, planned, spent, planned_cum, spent_cum (Decimal
    rupiah), planned_pct, spent_pct (cumulative share of the year's allocation). Months after
    today's have no spent figures (None), so the line stops at today."""
    today = today or dt.date.today()
    line_ids = budget_line_ids(filters, today)
    year_of_line = and_(BudgetLine.fiscal_year_id == FiscalYear.id, BudgetLine.id.in_(line_ids))
    per_year = select(FiscalYear.year, func.sum(BudgetLine.allocation)).join(BudgetLine, year_of_line)
    allocations = {y: money(a) for y, a in session.execute(per_year.group_by(FiscalYear.year))}
    plan = _monthly(session, select(FiscalYear.year, BudgetPlanMonth.month, func.sum(BudgetPlanMonth.amount))
                    .join(BudgetLine, BudgetLine.id == BudgetPlanMonth.budget_line_id).join(FiscalYear, year_of_line)
                    .group_by(FiscalYear.year, BudgetPlanMonth.month))
    year, month = cast(extract("year", Spending.date), Integer), cast(extract("month", Spending.date), Integer)
    spent = _monthly(session, select(year, month, func.sum(Spending.amount))
                     .where(Spending.budget_line_id.in_(line_ids), *in_period(Spending.date, filters))
                     .group_by(year, month))
    rows = []
    for y, allocation in sorted(allocations.items()):
        planned_cum = spent_cum = ZERO
        for m in range(1, 13):
            planned_cum += plan.get((y, m), ZERO)
            spent_cum += spent.get((y, m), ZERO)
            future = (y, m) > (today.year, today.month)
            rows.append((y, m, plan.get((y, m), ZERO), None if future else spent.get((y, m), ZERO), planned_cum,
                         None if future else spent_cum, pct(planned_cum, allocation),
                         None if future else pct(spent_cum, allocation)))
    return frame(rows, ["year", "month", "planned", "spent", "planned_cum", "spent_cum", "planned_pct", "spent_pct"])


@dataclass(frozen=True)
class CostPerHead:
    spent: Decimal
    participants: int
    graduates: int

    def _per(self, n: int) -> Decimal | None:
        return (self.spent / n).quantize(CENT, rounding=ROUND_HALF_UP) if n else None

    @property
    def per_participant(self) -> Decimal | None:
        return self._per(self.participants)

    @property
    def per_graduate(self) -> Decimal | None:
        return self._per(self.graduates)


def cost_per_head(session: Session, filters: Filters = Filters(), *, today: dt.date | None = None) -> CostPerHead:
    """Spent on the lines in scope ÷ the participants (everyone enrolled, drop-outs included: they
    were served too) and ÷ the graduates of the cohorts of the programs those lines belong to."""
    today = today or dt.date.today()
    line_ids = budget_line_ids(filters, today)
    spent = money(session.scalar(select(func.sum(Spending.amount))
                                 .where(Spending.budget_line_id.in_(line_ids), *in_period(Spending.date, filters))))
    programs = select(BudgetLine.program_id).where(BudgetLine.id.in_(line_ids)).correlate(None)
    counted = (select(func.count(distinct(Enrollment.participant_id))).join(Cohort, Cohort.id == Enrollment.cohort_id)
               .where(Cohort.program_id.in_(programs), *cohort_conditions(filters)))
    participants = int(session.scalar(counted) or 0)
    graduates = int(session.scalar(counted.where(Enrollment.status == "graduated")) or 0)
    return CostPerHead(spent, participants, graduates)
