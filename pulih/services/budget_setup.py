"""Budget structure: fiscal years, funding sources, budget lines and monthly disbursement plans.

A monthly plan is optional. Its total may be below the allocation (the rest is simply not
scheduled yet) but never above it: ``set_monthly_plan`` refuses that, and so does lowering an
allocation below its plan's total (lower the plan first). An allocation can never go below what
is already spent; that check is a conditional UPDATE, so a concurrent spending entry cannot slip
between the check and the change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pulih import audit
from pulih.i18n import Translatable
from pulih.models import BudgetLine, BudgetPlanMonth, FiscalYear, FundingSource, Program
from pulih.money import CENT, MoneyError, format_rupiah, to_decimal
from pulih.services.ledger_common import acting_user, atomic, expire_cached, required_text

ACTION_MANAGE = "budget.manage"
HALF_CENT = Decimal("0.005")  # SQLite keeps NUMERIC as floating point: compare with half a cent of slack
LINE_FIELDS = ("account_code", "name", "allocation", "funding_source_id", "program_id")


def amount_of(value: object, *, allow_zero: bool = False) -> Decimal:
    """A rupiah amount (Decimal, int or text such as "Rp 1.234.567,50"), > 0 (or >= 0), 2 decimals."""
    try:
        amount = to_decimal(value)
    except MoneyError:
        raise Translatable("budget.amount_invalid", value=str(value)) from None
    if amount < 0 or (amount == 0 and not allow_zero) or amount != amount.quantize(CENT):
        raise Translatable("budget.amount_positive" if amount <= 0 else "budget.amount_invalid", value=str(value))
    return amount.quantize(CENT)


def get_fiscal_year(session: Session, fiscal_year_id: int) -> FiscalYear:
    year = session.get(FiscalYear, fiscal_year_id) if fiscal_year_id else None
    if year is None:
        raise Translatable("budget.fiscal_year_not_found", fiscal_year_id=fiscal_year_id)
    return year


def get_line(session: Session, line_id: int) -> BudgetLine:
    line = session.get(BudgetLine, line_id) if line_id else None
    if line is None:
        raise Translatable("budget.line_not_found", line_id=line_id)
    return line


@atomic
def create_fiscal_year(session: Session, username: str, year: object) -> FiscalYear:
    acting_user(session, username, ACTION_MANAGE, "budget")
    try:
        number = int(str(year).strip())
    except ValueError:
        number = 0
    if not 2000 <= number <= 2100:
        raise Translatable("budget.year_invalid", value=str(year))
    if session.scalar(select(FiscalYear.id).where(FiscalYear.year == number)):
        raise Translatable("budget.fiscal_year_exists", year=number)
    fiscal_year = FiscalYear(year=number)
    session.add(fiscal_year)
    session.flush()
    audit.record(session, username, "budget.fiscal_year_create", "budget", fiscal_year.id, year=number)
    return fiscal_year


@atomic
def set_fiscal_year_closed(session: Session, username: str, fiscal_year_id: int, closed: bool) -> FiscalYear:
    """A closed year takes no more spending entries or edits."""
    acting_user(session, username, ACTION_MANAGE, "budget")
    fiscal_year = get_fiscal_year(session, fiscal_year_id)
    before, fiscal_year.is_closed = fiscal_year.is_closed, bool(closed)
    session.flush()
    audit.record(session, username, "budget.fiscal_year_close" if closed else "budget.fiscal_year_reopen",
                 "budget", fiscal_year.id, before=before, after=fiscal_year.is_closed)
    return fiscal_year


def list_fiscal_years(session: Session) -> list[FiscalYear]:
    return list(session.scalars(select(FiscalYear).order_by(FiscalYear.year.desc())))


@atomic
def create_funding_source(session: Session, username: str, *, code: str, name: str) -> FundingSource:
    """E.g. code "APBD-2025", name "APBD Provinsi Banten 2025"."""
    acting_user(session, username, ACTION_MANAGE, "budget")
    code = required_text(code, "budget.code_required")[:40]
    name = required_text(name, "budget.name_required")[:200]
    if session.scalar(select(FundingSource.id).where(FundingSource.code == code)):
        raise Translatable("budget.source_code_taken", code=code)
    source = FundingSource(code=code, name=name)
    session.add(source)
    session.flush()
    audit.record(session, username, "budget.source_create", "budget", source.id, code=code, name=name)
    return source


def list_funding_sources(session: Session) -> list[FundingSource]:
    return list(session.scalars(select(FundingSource).order_by(FundingSource.code)))


def _line_values(session: Session, values: Mapping[str, object], fiscal_year_id: int, line_id: int | None) -> dict:
    clean: dict[str, object] = {}
    for field, value in values.items():
        if field not in LINE_FIELDS:
            raise TypeError(f"unknown budget line field: {field}")
        if field in ("account_code", "name"):
            value = required_text(value, f"budget.{field}_required")[:60 if field == "account_code" else 300]
        elif field == "allocation":
            value = amount_of(value, allow_zero=True)
        elif field == "funding_source_id" and (value is None or session.get(FundingSource, value) is None):
            raise Translatable("budget.source_not_found", source_id=value)
        elif field == "program_id" and value is not None and session.get(Program, value) is None:
            raise Translatable("budget.program_not_found", program_id=value)
        clean[field] = value
    if "account_code" in clean:
        taken = session.scalar(select(BudgetLine.id).where(
            BudgetLine.fiscal_year_id == fiscal_year_id, BudgetLine.account_code == clean["account_code"]))
        if taken and taken != line_id:
            raise Translatable("budget.account_code_taken", code=clean["account_code"])
    return clean


@atomic
def create_budget_line(session: Session, username: str, *, fiscal_year_id: int, funding_source_id: int,
                       account_code: str, name: str, allocation: object,
                       program_id: int | None = None) -> BudgetLine:
    acting_user(session, username, ACTION_MANAGE, "budget")
    get_fiscal_year(session, fiscal_year_id)
    values = _line_values(session, dict(account_code=account_code, name=name, allocation=allocation,
                                        funding_source_id=funding_source_id, program_id=program_id),
                          fiscal_year_id, None)
    line = BudgetLine(fiscal_year_id=fiscal_year_id, spent=Decimal("0"), **values)
    session.add(line)
    session.flush()
    audit.record(session, username, "budget.line_create", "budget", line.id, fiscal_year_id=fiscal_year_id, **values)
    return line


def _plan_total(session: Session, line_id: int) -> Decimal:
    total = session.scalar(select(func.sum(BudgetPlanMonth.amount)).where(BudgetPlanMonth.budget_line_id == line_id))
    return Decimal(str(total or 0)).quantize(CENT)


@atomic
def update_budget_line(session: Session, username: str, line_id: int, **changes: object) -> BudgetLine:
    """Change account_code, name, allocation, funding_source_id or program_id. The allocation
    cannot go below what is spent, nor below the monthly plan's total."""
    acting_user(session, username, ACTION_MANAGE, "budget")
    line = get_line(session, line_id)
    values = _line_values(session, changes, line.fiscal_year_id, line.id)
    before = {k: getattr(line, k) for k in values}
    allocation = values.pop("allocation", None)
    if allocation is not None:
        plan = _plan_total(session, line.id)
        if plan > allocation:
            raise Translatable("budget.allocation_below_plan", line=line.name, allocation=format_rupiah(allocation),
                               plan=format_rupiah(plan))
        changed = session.execute(
            update(BudgetLine).where(BudgetLine.id == line.id, BudgetLine.spent <= allocation + HALF_CENT)
            .values(allocation=allocation).execution_options(synchronize_session=False)
        ).rowcount
        expire_cached(session, BudgetLine, line.id)
        if changed != 1:
            raise Translatable("budget.allocation_below_spent", line=line.name, allocation=format_rupiah(allocation),
                               spent=format_rupiah(line.spent))
    for field, value in values.items():
        setattr(line, field, value)
    session.flush()
    after = {k: getattr(line, k) for k in before}
    audit.record(session, username, "budget.line_update", "budget", line.id, before=before, after=after)
    return line


def list_budget_lines(session: Session, *, fiscal_year_id: int | None = None,
                      program_id: int | None = None) -> list[BudgetLine]:
    query = select(BudgetLine).order_by(BudgetLine.account_code)
    if fiscal_year_id is not None:
        query = query.where(BudgetLine.fiscal_year_id == fiscal_year_id)
    if program_id is not None:
        query = query.where(BudgetLine.program_id == program_id)
    return list(session.scalars(query))


@atomic
def set_monthly_plan(session: Session, username: str, line_id: int,
                     amounts: Sequence[object] | Mapping[int, object] | None) -> list[BudgetPlanMonth]:
    """Replace a line's disbursement plan: 12 amounts (January..December; blank = 0) or a
    {month: amount} mapping; None or empty clears it. The total may not exceed the allocation."""
    acting_user(session, username, ACTION_MANAGE, "budget")
    line = get_line(session, line_id)
    if isinstance(amounts, Mapping):
        pairs = list(amounts.items())
    else:
        amounts = list(amounts or [])
        if amounts and len(amounts) != 12:
            raise Translatable("budget.plan_length", count=len(amounts))
        pairs = list(enumerate(amounts, start=1))
    plan: dict[int, Decimal] = {}
    for month, value in pairs:
        if not isinstance(month, int) or not 1 <= month <= 12:
            raise Translatable("budget.plan_month_invalid", month=month)
        if value not in (None, ""):
            amount = amount_of(value, allow_zero=True)
            if amount:
                plan[month] = amount
    total = sum(plan.values(), Decimal("0"))
    if total > line.allocation:
        raise Translatable("budget.plan_exceeds_allocation", line=line.name, plan=format_rupiah(total),
                           allocation=format_rupiah(line.allocation))
    before = {m.month: m.amount for m in line.plan}
    line.plan.clear()
    session.flush()
    line.plan.extend(BudgetPlanMonth(month=m, amount=a) for m, a in sorted(plan.items()))
    session.flush()
    audit.record(session, username, "budget.plan_set", "budget", line.id, before=before, after=plan)
    return list(line.plan)
