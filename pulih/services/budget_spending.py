"""Spending entries and the allocation guard.

``budget_lines.spent`` is a running total changed in the same transaction as each entry, by one
conditional UPDATE: ``spent = spent + :a WHERE id = :id AND spent + :a <= allocation``. If no row
changed, the line has no room: the entry is refused (budget.over_allocation) unless an override
reason is given by a user whose role may override (``budget.override``, read from the users
table here, not only in the UI); then the update runs without the condition and the reason is
kept on the entry and in the audit row. Concurrent entries therefore cannot overspend a line
together: on PostgreSQL the second waits for the first's row lock and re-checks; on SQLite the
write lock is held from BEGIN IMMEDIATE.

SQLite keeps NUMERIC values as floating point, so the SQL rounds the new total to cents and
compares with half a cent of tolerance (exact for amounts in whole cents on both databases).

Edits and cancellations adjust ``spent`` the same way and are kept in the audit log with before
and after. The model has no "cancelled" state, so a cancelled entry is deleted and survives only
in the audit row (its full content and the reason).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pulih import audit
from pulih.i18n import Translatable
from pulih.models import BudgetLine, FiscalYear, Spending, StockMovement, StoredFile, User
from pulih.money import format_rupiah
from pulih.permissions import can
from pulih.services.budget_setup import HALF_CENT, amount_of, get_line
from pulih.services.ledger_common import (
    acting_user, atomic, expire_cached, required_date, required_text, store_upload,
)

ACTION_SPEND = "budget.manage"  # pulih.permissions has no separate action for entering spending
ACTION_OVERRIDE = "budget.override"
SPENDING_FIELDS = ("budget_line_id", "date", "amount", "description", "document_ref")


def _change_spent(session: Session, line_id: int, amount: Decimal, *, guarded: bool) -> bool:
    new_total = func.round(BudgetLine.spent + amount, 2)
    stmt = update(BudgetLine).where(BudgetLine.id == line_id).values(spent=new_total)
    if guarded:
        stmt = stmt.where(new_total <= BudgetLine.allocation + HALF_CENT)
    changed = session.execute(stmt.execution_options(synchronize_session=False)).rowcount == 1
    expire_cached(session, BudgetLine, line_id)
    return changed


def _charge(session: Session, user: User, line: BudgetLine, amount: Decimal, override_reason: str | None) -> bool:
    """Add ``amount`` to the line's spent total; True if that needed (and got) an override."""
    if _change_spent(session, line.id, amount, guarded=True):
        return False
    allocation, spent = session.execute(
        select(BudgetLine.allocation, BudgetLine.spent).where(BudgetLine.id == line.id)).one()
    values = dict(line=f"{line.account_code} {line.name}", allocation=format_rupiah(allocation),
                  spent=format_rupiah(spent), remaining=format_rupiah(max(allocation - spent, Decimal("0"))),
                  requested=format_rupiah(amount))
    if not (override_reason or "").strip():
        raise Translatable("budget.over_allocation", **values)
    if not can(user.role, ACTION_OVERRIDE):
        raise Translatable("budget.override_not_allowed", role=user.role, **values)
    _change_spent(session, line.id, amount, guarded=False)
    return True


def _release(session: Session, line_id: int, amount: Decimal) -> None:
    _change_spent(session, line_id, -amount, guarded=False)


def _open_line_for(session: Session, line_id: int, date: dt.date) -> BudgetLine:
    line = get_line(session, line_id)
    fiscal_year = session.get(FiscalYear, line.fiscal_year_id)
    if fiscal_year.is_closed:
        raise Translatable("budget.fiscal_year_closed", year=fiscal_year.year)
    if date.year != fiscal_year.year:
        raise Translatable("budget.date_outside_year", date=date.isoformat(), year=fiscal_year.year)
    return line


def _snapshot(spending: Spending) -> dict:
    return {k: getattr(spending, k) for k in (*SPENDING_FIELDS, "attachment_file_id", "override_reason")}


@atomic
def record_spending(session: Session, username: str, *, budget_line_id: int, date: object, amount: object,
                    description: str, document_ref: str = "", attachment: object = None,
                    override_reason: str | None = None) -> Spending:
    """A spending entry on a budget line. Beyond the line's remaining allocation it is refused,
    unless ``override_reason`` is given and the user may override (manager, admin)."""
    user = acting_user(session, username, ACTION_SPEND, "budget")
    date = required_date(date, "budget.date_invalid")
    amount = amount_of(amount)
    description = required_text(description, "budget.description_required")
    line = _open_line_for(session, budget_line_id, date)
    overridden = _charge(session, user, line, amount, override_reason)
    file = store_upload(session, user, attachment, "budget") if attachment is not None else None
    spending = Spending(budget_line_id=line.id, date=date, amount=amount, description=description,
                        document_ref=str(document_ref or "").strip()[:100], created_by_id=user.id,
                        attachment_file_id=file.id if file else None,
                        override_reason=override_reason.strip() if overridden else None)
    session.add(spending)
    session.flush()
    audit.record(session, username, "budget.spend_override" if overridden else "budget.spend", "budget",
                 spending.id, after=_snapshot(spending), override_reason=spending.override_reason)
    return spending


def get_spending(session: Session, spending_id: int) -> Spending:
    spending = session.get(Spending, spending_id) if spending_id else None
    if spending is None:
        raise Translatable("budget.spending_not_found", spending_id=spending_id)
    return spending


def _move_amount(session: Session, user: User, old: tuple[int, Decimal], new: tuple[BudgetLine, Decimal],
                 override_reason: str | None) -> bool:
    """Re-book an entry from (old line, old amount) to (new line, new amount); True if overridden."""
    (old_id, old_amount), (line, amount) = old, new
    if old_id == line.id:
        delta = amount - old_amount
        if delta > 0:
            return _charge(session, user, line, delta, override_reason)
        if delta < 0:
            _release(session, old_id, -delta)
        return False
    overridden = False
    for line_id in sorted((old_id, line.id)):  # one lock order for all writers
        if line_id == old_id:
            _release(session, old_id, old_amount)
        else:
            overridden = _charge(session, user, line, amount, override_reason)
    return overridden


@atomic
def edit_spending(session: Session, username: str, spending_id: int, *, reason: str, budget_line_id: int | None = None,
                  date: object = None, amount: object = None, description: str | None = None,
                  document_ref: str | None = None, attachment: object = None,
                  override_reason: str | None = None) -> Spending:
    """Correct an entry (the reason is required); the audit row keeps before and after."""
    user = acting_user(session, username, ACTION_SPEND, "budget")
    reason = required_text(reason, "budget.reason_required")
    spending = get_spending(session, spending_id)
    before = _snapshot(spending)
    _open_line_for(session, spending.budget_line_id, spending.date)  # no edits in a closed year
    new_date = required_date(date, "budget.date_invalid") if date is not None else spending.date
    new_amount = amount_of(amount) if amount is not None else spending.amount
    line = _open_line_for(session, budget_line_id or spending.budget_line_id, new_date)
    overridden = _move_amount(session, user, (spending.budget_line_id, spending.amount), (line, new_amount),
                              override_reason)
    spending.budget_line_id, spending.date, spending.amount = line.id, new_date, new_amount
    if description is not None:
        spending.description = required_text(description, "budget.description_required")
    if document_ref is not None:
        spending.document_ref = str(document_ref).strip()[:100]
    if attachment is not None:
        spending.attachment_file_id = store_upload(session, user, attachment, "budget").id
    if overridden:
        spending.override_reason = override_reason.strip()
    session.flush()
    audit.record(session, username, "budget.spending_edit_override" if overridden else "budget.spending_edit",
                 "budget", spending.id, reason=reason, before=before, after=_snapshot(spending),
                 override_reason=override_reason.strip() if overridden else None)
    return spending


@atomic
def cancel_spending(session: Session, username: str, spending_id: int, *, reason: str) -> None:
    """Take an entry back (entered twice, wrong line...): its amount returns to the line. The entry
    is kept in the audit log. Refused while stock receipts are linked to it."""
    acting_user(session, username, ACTION_SPEND, "budget")
    reason = required_text(reason, "budget.reason_required")
    spending = get_spending(session, spending_id)
    _open_line_for(session, spending.budget_line_id, spending.date)
    linked = session.scalar(select(func.count()).select_from(StockMovement)
                            .where(StockMovement.spending_id == spending.id))
    if linked:
        raise Translatable("budget.spending_has_receipts", spending_id=spending.id, count=linked)
    before = _snapshot(spending)
    _release(session, spending.budget_line_id, spending.amount)
    session.delete(spending)
    session.flush()
    audit.record(session, username, "budget.spending_cancel", "budget", spending_id, reason=reason, before=before)


def list_spending(session: Session, *, fiscal_year_id: int | None = None, budget_line_id: int | None = None,
                  program_id: int | None = None, date_from: dt.date | None = None,
                  date_to: dt.date | None = None, limit: int = 2000) -> list[dict]:
    """Spending entries, newest first, with their line and who entered them."""
    query = (
        select(Spending, BudgetLine.account_code, BudgetLine.name, User.username)
        .join(BudgetLine, BudgetLine.id == Spending.budget_line_id)
        .outerjoin(User, User.id == Spending.created_by_id)
        .order_by(Spending.date.desc(), Spending.id.desc())
        .limit(limit)
    )
    filters = [(BudgetLine.fiscal_year_id, fiscal_year_id), (Spending.budget_line_id, budget_line_id),
               (BudgetLine.program_id, program_id)]
    for column, value in filters:
        if value is not None:
            query = query.where(column == value)
    if date_from is not None:
        query = query.where(Spending.date >= date_from)
    if date_to is not None:
        query = query.where(Spending.date <= date_to)
    return [
        dict(id=s.id, date=s.date, budget_line_id=s.budget_line_id, account_code=code, line=name, amount=s.amount,
             description=s.description, document_ref=s.document_ref, has_attachment=s.attachment_file_id is not None,
             override_reason=s.override_reason or "", entered_by=who or "")
        for s, code, name, who in session.execute(query)
    ]


def spending_attachment(session: Session, username: str, spending_id: int) -> tuple[str, str, bytes] | None:
    """The document attached to a spending entry as (filename, content type, bytes), or None."""
    acting_user(session, username, ACTION_SPEND, "budget")
    entry = session.get(Spending, spending_id)
    if entry is None or entry.attachment_file_id is None:
        return None
    stored = session.get(StoredFile, entry.attachment_file_id)
    return stored.filename, stored.content_type, bytes(stored.content)
