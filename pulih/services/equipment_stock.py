"""Stock movements that are not handovers: receipts and adjustments, plus the two primitives every
movement goes through.

Stock never goes below zero, also under concurrency: ``take`` decrements with one conditional
UPDATE (``quantity = quantity - n WHERE item_id = :id AND quantity >= n``) and checks the row
count. On PostgreSQL a second writer waits for the first one's row lock and then re-checks the
condition against the committed quantity; on SQLite ``write_session`` holds the write lock from
BEGIN IMMEDIATE. The CHECK (quantity >= 0) on stock_levels is the backstop.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pulih import audit
from pulih.i18n import Translatable
from pulih.models import Item, Spending, StockLevel, StockMovement, User
from pulih.services.equipment_catalog import get_item, item_on_hand, unit_cost_of
from pulih.services.ledger_common import acting_user, atomic, expire_cached, positive_int, required_date, required_text

ACTION_RECEIVE = "stock.receive"
ACTION_ADJUST = "stock.adjust"


def take(session: Session, item: Item, quantity: int) -> None:
    """Remove ``quantity`` units or raise equipment.out_of_stock (naming the item and what is left)."""
    result = session.execute(
        update(StockLevel)
        .where(StockLevel.item_id == item.id, StockLevel.quantity >= quantity)
        .values(quantity=StockLevel.quantity - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Translatable("equipment.out_of_stock", item=item.name, unit=item.unit, requested=quantity,
                           available=item_on_hand(session, item.id))
    expire_cached(session, StockLevel, item.id)


def put(session: Session, item: Item, quantity: int) -> None:
    """Add ``quantity`` units (receipts, returns, positive adjustments)."""
    stmt = (
        update(StockLevel)
        .where(StockLevel.item_id == item.id)
        .values(quantity=StockLevel.quantity + quantity)
        .execution_options(synchronize_session=False)
    )
    if session.execute(stmt).rowcount != 1:
        # Items made before their stock row existed (e.g. loaded by hand): create it, once.
        try:
            with session.begin_nested():
                session.add(StockLevel(item_id=item.id, quantity=0))
        except IntegrityError:
            pass  # a concurrent writer created it first
        session.execute(stmt)
    expire_cached(session, StockLevel, item.id)


def add_movement(session: Session, user: User, kind: str, item: Item, quantity: int, date: dt.date,
                 **extra: object) -> StockMovement:
    unit_cost = extra.pop("unit_cost", None)
    movement = StockMovement(kind=kind, item_id=item.id, quantity=quantity, date=date,
                             unit_cost=item.unit_cost if unit_cost is None else unit_cost,
                             created_by_id=user.id, **extra)
    session.add(movement)
    return movement


@atomic
def receive(session: Session, username: str, *, item_id: int, quantity: object, date: object,
            unit_cost: object = None, supplier: str = "", spending_id: int | None = None,
            notes: str = "") -> StockMovement:
    """Goods received into stock, optionally linked to the budget spending entry that paid for them.
    ``unit_cost`` defaults to the catalog cost; the catalog cost itself is not changed."""
    user = acting_user(session, username, ACTION_RECEIVE, "equipment")
    item = get_item(session, item_id)
    quantity = positive_int(quantity, "equipment.quantity_invalid", item=item.name)
    date = required_date(date, "equipment.date_invalid")
    cost = item.unit_cost if unit_cost is None else unit_cost_of(unit_cost)
    if spending_id is not None and session.get(Spending, spending_id) is None:
        raise Translatable("equipment.spending_not_found", spending_id=spending_id)
    put(session, item, quantity)
    movement = add_movement(session, user, "receipt", item, quantity, date, unit_cost=cost,
                            supplier=str(supplier or "").strip()[:200], spending_id=spending_id,
                            reason=str(notes or "").strip())
    session.flush()
    audit.record(session, username, "stock.receive", "stock", movement.id, item_id=item.id, item=item.name,
                 quantity=quantity, unit_cost=cost, supplier=movement.supplier, spending_id=spending_id,
                 date=date)
    return movement


@atomic
def adjust(session: Session, username: str, *, item_id: int, quantity: object, reason: str,
           date: object) -> StockMovement:
    """Correct stock by a signed number of units (count found, damaged, lost) with a reason.
    A negative adjustment cannot take stock below zero."""
    user = acting_user(session, username, ACTION_ADJUST, "equipment")
    item = get_item(session, item_id)
    reason = required_text(reason, "equipment.reason_required")
    date = required_date(date, "equipment.date_invalid")
    try:
        change = int(str(quantity).strip()) if not isinstance(quantity, int) or isinstance(quantity, bool) else quantity
    except ValueError:
        change = 0
    if change == 0 or isinstance(quantity, bool):
        raise Translatable("equipment.adjustment_invalid", value=str(quantity))
    if change < 0:
        take(session, item, -change)
    else:
        put(session, item, change)
    movement = add_movement(session, user, "adjustment", item, change, date, reason=reason)
    session.flush()
    after = item_on_hand(session, item.id)  # exact: this transaction holds the row now
    audit.record(session, username, "stock.adjust", "stock", movement.id, item_id=item.id, item=item.name,
                 quantity=change, reason=reason, before=after - change, after=after)
    return movement
