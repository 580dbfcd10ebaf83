"""Absorption (share of the allocation spent) per line, overall and month by month against plan,
and cost per participant and per graduate. Aggregated in SQL; small lists of dicts come back.

Percentages are Decimal with one decimal place, None when there is nothing to divide by. The
month-by-month plan sums the plans of the lines that have one; ``plan_coverage`` says which share
of the allocation those lines hold, so a partial plan is not mistaken for a complete one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer, cast, distinct, extract, func, select
from sqlalchemy.orm import Session

from pulih.models import BudgetLine, BudgetPlanMonth, Cohort, Enrollment, FiscalYear, FundingSource, Spending

ZERO = Decimal("0")
CENT = Decimal("0.01")


def _dec(value: object) -> Decimal:
    """SQL sums come back as Decimal (PostgreSQL) or float (SQLite): exact cents either way."""
    return Decimal(str(value)).quantize(CENT) if value is not None else ZERO.quantize(CENT)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _lines_query(fiscal_year_id: int | None, program_id: int | None):  # noqa: ANN202
    query = select(BudgetLine.id)
    if fiscal_year_id is not None:
        query = query.where(BudgetLine.fiscal_year_id == fiscal_year_id)
    if program_id is not None:
        query = query.where(BudgetLine.program_id == program_id)
    return query


def absorption_by_line(session: Session, fiscal_year_id: int, *, program_id: int | None = None) -> list[dict]:
    """Per budget line: allocation, spent, remaining, absorption % (spent / allocation)."""
    query = (
        select(BudgetLine, FundingSource.code)
        .join(FundingSource, FundingSource.id == BudgetLine.funding_source_id)
        .where(BudgetLine.id.in_(_lines_query(fiscal_year_id, program_id)))
        .order_by(BudgetLine.account_code)
    )
    rows = []
    for line, source in session.execute(query):
        allocation, spent = _dec(line.allocation), _dec(line.spent)
        rows.append(dict(line_id=line.id, account_code=line.account_code, name=line.name, funding_source=source,
                         program_id=line.program_id, allocation=allocation, spent=spent,
                         remaining=allocation - spent, absorption_pct=percent(spent, allocation)))
    return rows


def absorption_total(session: Session, fiscal_year_id: int, *, program_id: int | None = None) -> dict:
    """All lines together: {allocation, spent, remaining, absorption_pct, lines}."""
    allocation, spent, lines = session.execute(
        select(func.sum(BudgetLine.allocation), func.sum(BudgetLine.spent), func.count())
        .where(BudgetLine.id.in_(_lines_query(fiscal_year_id, program_id)))
    ).one()
    allocation, spent = _dec(allocation), _dec(spent)
    return dict(allocation=allocation, spent=spent, remaining=allocation - spent,
                absorption_pct=percent(spent, allocation), lines=int(lines))


def monthly_absorption(session: Session, fiscal_year_id: int, *, budget_line_id: int | None = None,
                       program_id: int | None = None) -> list[dict]:
    """Twelve rows, January to December: plan and actual per month and cumulative, and the
    cumulative shares of the allocation (for the "absorption vs plan through the year" chart)."""
    lines = _lines_query(fiscal_year_id, program_id)
    if budget_line_id is not None:
        lines = lines.where(BudgetLine.id == budget_line_id)
    month = cast(extract("month", Spending.date), Integer)
    actual = dict(session.execute(
        select(month, func.sum(Spending.amount)).where(Spending.budget_line_id.in_(lines)).group_by(month)).all())
    plan = dict(session.execute(
        select(BudgetPlanMonth.month, func.sum(BudgetPlanMonth.amount))
        .where(BudgetPlanMonth.budget_line_id.in_(lines)).group_by(BudgetPlanMonth.month)).all())
    allocation = _dec(session.scalar(select(func.sum(BudgetLine.allocation)).where(BudgetLine.id.in_(lines))))
    planned_allocation = _dec(session.scalar(
        select(func.sum(BudgetLine.allocation)).where(BudgetLine.id.in_(lines))
        .where(BudgetLine.id.in_(select(BudgetPlanMonth.budget_line_id)))))
    coverage = percent(planned_allocation, allocation)
    rows, plan_cum, actual_cum = [], ZERO, ZERO
    for m in range(1, 13):
        month_plan, month_actual = _dec(plan.get(m)), _dec(actual.get(m))
        plan_cum, actual_cum = plan_cum + month_plan, actual_cum + month_actual
        rows.append(dict(month=m, plan=month_plan, actual=month_actual, plan_cumulative=plan_cum,
                         actual_cumulative=actual_cum, plan_pct=percent(plan_cum, allocation),
                         actual_pct=percent(actual_cum, allocation), plan_coverage=coverage))
    return rows


def cost_per_participant(session: Session, program_id: int, *, fiscal_year_id: int | None = None) -> dict:
    """Spent on the program's budget lines divided by its participants (everyone ever enrolled in
    one of its cohorts, drop-outs included: they were served too) and by its graduates."""
    spent = _dec(session.scalar(
        select(func.sum(BudgetLine.spent)).where(BudgetLine.id.in_(_lines_query(fiscal_year_id, program_id)))))
    counted = (
        select(func.count(distinct(Enrollment.participant_id)))
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(Cohort.program_id == program_id)
    )
    participants = session.scalar(counted) or 0
    graduates = session.scalar(counted.where(Enrollment.status == "graduated")) or 0
    per = lambda n: (spent / n).quantize(CENT, rounding=ROUND_HALF_UP) if n else None  # noqa: E731
    return dict(program_id=program_id, spent=spent, participants=int(participants), graduates=int(graduates),
                per_participant=per(participants), per_graduate=per(graduates))


def fiscal_year_of(session: Session, year: int) -> FiscalYear | None:
    return session.scalar(select(FiscalYear).where(FiscalYear.year == year))
