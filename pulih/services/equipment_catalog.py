"""Equipment catalog (items and kits) and stock on hand.

Every item gets its ``stock_levels`` row (quantity 0) when it is created, so stock movements only
ever UPDATE that row (see equipment_stock).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from pulih import audit
from pulih.i18n import Translatable
from pulih.models import Item, Kit, KitItem, StockLevel
from pulih.money import CENT, MoneyError, to_decimal
from pulih.services.ledger_common import acting_user, atomic, positive_int, required_text

ACTION_CATALOG = "stock.adjust"  # pulih.permissions has no separate catalog action: managers and admins
ITEM_FIELDS = ("code", "name", "unit", "unit_cost", "has_serials", "description", "is_active")


def unit_cost_of(value: object) -> Decimal:
    try:
        cost = to_decimal(value)
    except MoneyError:
        raise Translatable("equipment.unit_cost_invalid", value=str(value)) from None
    if cost < 0:
        raise Translatable("equipment.unit_cost_invalid", value=str(value))
    return cost.quantize(CENT)


def get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id) if item_id is not None else None
    if item is None:
        raise Translatable("equipment.item_not_found", item_id=item_id)
    return item


def get_kit(session: Session, kit_id: int) -> Kit:
    kit = session.get(Kit, kit_id, options=[selectinload(Kit.lines).selectinload(KitItem.item)]) if kit_id else None
    if kit is None:
        raise Translatable("equipment.kit_not_found", kit_id=kit_id)
    return kit


def _item_values(session: Session, values: Mapping[str, object], current: Item | None) -> dict:
    clean: dict[str, object] = {}
    for field, value in values.items():
        if field not in ITEM_FIELDS:
            raise TypeError(f"unknown item field: {field}")
        if field in ("code", "name", "unit"):
            value = required_text(value, f"equipment.{field}_required")
        elif field == "unit_cost":
            value = unit_cost_of(value)
        elif field in ("has_serials", "is_active"):
            value = bool(value)
        else:
            value = str(value or "").strip()
        clean[field] = value
    code = clean.get("code")
    if code and (current is None or code != current.code):
        if session.scalar(select(Item.id).where(Item.code == code)):
            raise Translatable("equipment.code_taken", code=code)
    return clean


@atomic
def create_item(session: Session, username: str, *, code: str, name: str, unit_cost: object, unit: str = "pcs",
                has_serials: bool = False, description: str = "") -> Item:
    acting_user(session, username, ACTION_CATALOG, "equipment")
    values = _item_values(session, dict(code=code, name=name, unit=unit, unit_cost=unit_cost,
                                        has_serials=has_serials, description=description), None)
    item = Item(**values)
    session.add(item)
    try:
        session.flush()
    except IntegrityError:
        raise Translatable("equipment.code_taken", code=values["code"]) from None
    session.add(StockLevel(item_id=item.id, quantity=0))
    session.flush()
    audit.record(session, username, "stock.item_create", "stock", item.id, after=values)
    return item


@atomic
def update_item(session: Session, username: str, item_id: int, **changes: object) -> Item:
    """Change catalog fields (code, name, unit, unit_cost, has_serials, description, is_active).
    A new unit cost applies to later movements; past movements keep the cost they were made at."""
    acting_user(session, username, ACTION_CATALOG, "equipment")
    item = get_item(session, item_id)
    values = _item_values(session, changes, item)
    before = {k: getattr(item, k) for k in values}
    for field, value in values.items():
        setattr(item, field, value)
    session.flush()
    audit.record(session, username, "stock.item_update", "stock", item.id, before=before, after=values)
    return item


def list_items(session: Session, *, active_only: bool = False) -> list[Item]:
    query = select(Item).order_by(Item.name)
    if active_only:
        query = query.where(Item.is_active.is_(True))
    return list(session.scalars(query))


def _kit_lines(session: Session, lines: Iterable[tuple[int, object]] | Mapping[int, object]) -> dict[int, int]:
    pairs = lines.items() if isinstance(lines, Mapping) else lines
    merged: dict[int, int] = {}
    for item_id, quantity in pairs:
        item = get_item(session, item_id)
        merged[item.id] = merged.get(item.id, 0) + positive_int(quantity, "equipment.quantity_invalid", item=item.name)
    if not merged:
        raise Translatable("equipment.kit_empty")
    return merged


@atomic
def create_kit(session: Session, username: str, *, code: str, name: str,
               lines: Iterable[tuple[int, object]] | Mapping[int, object], description: str = "") -> Kit:
    """A kit is items x quantities, e.g. the motorcycle mechanic toolkit each graduate receives."""
    acting_user(session, username, ACTION_CATALOG, "equipment")
    code = required_text(code, "equipment.code_required")
    name = required_text(name, "equipment.name_required")
    if session.scalar(select(Kit.id).where(Kit.code == code)):
        raise Translatable("equipment.code_taken", code=code)
    merged = _kit_lines(session, lines)
    kit = Kit(code=code, name=name, description=str(description or "").strip(),
              lines=[KitItem(item_id=i, quantity=q) for i, q in sorted(merged.items())])
    session.add(kit)
    session.flush()
    audit.record(session, username, "stock.kit_create", "stock", kit.id, code=code, name=name, lines=merged)
    return kit


@atomic
def update_kit(session: Session, username: str, kit_id: int, *, name: str | None = None,
               description: str | None = None, lines: Iterable[tuple[int, object]] | None = None) -> Kit:
    acting_user(session, username, ACTION_CATALOG, "equipment")
    kit = get_kit(session, kit_id)
    before = {"name": kit.name, "description": kit.description, "lines": {ln.item_id: ln.quantity for ln in kit.lines}}
    if name is not None:
        kit.name = required_text(name, "equipment.name_required")
    if description is not None:
        kit.description = str(description).strip()
    if lines is not None:
        merged = _kit_lines(session, lines)
        kit.lines.clear()
        session.flush()
        kit.lines.extend(KitItem(item_id=i, quantity=q) for i, q in sorted(merged.items()))
    session.flush()
    after = {"name": kit.name, "description": kit.description, "lines": {ln.item_id: ln.quantity for ln in kit.lines}}
    audit.record(session, username, "stock.kit_update", "stock", kit.id, before=before, after=after)
    return kit


def list_kits(session: Session) -> list[dict]:
    """Kits with their lines: [{id, code, name, lines: [{item_id, item, unit, quantity, unit_cost}], value}]."""
    kits = session.scalars(select(Kit).options(selectinload(Kit.lines).selectinload(KitItem.item)).order_by(Kit.name))
    result = []
    for kit in kits:
        lines = [dict(item_id=ln.item_id, item=ln.item.name, unit=ln.item.unit, quantity=ln.quantity,
                      unit_cost=ln.item.unit_cost) for ln in kit.lines]
        value = sum((ln["quantity"] * ln["unit_cost"] for ln in lines), Decimal("0"))
        result.append(dict(id=kit.id, code=kit.code, name=kit.name, description=kit.description, lines=lines,
                           value=value))
    return result


def stock_on_hand(session: Session, *, active_only: bool = False) -> list[dict]:
    """Per item: [{item_id, code, name, unit, unit_cost, quantity, value}], in name order."""
    query = (
        select(Item.id, Item.code, Item.name, Item.unit, Item.unit_cost,
               func.coalesce(StockLevel.quantity, 0).label("quantity"))
        .outerjoin(StockLevel, StockLevel.item_id == Item.id)
        .order_by(Item.name)
    )
    if active_only:
        query = query.where(Item.is_active.is_(True))
    return [dict(item_id=r.id, code=r.code, name=r.name, unit=r.unit, unit_cost=r.unit_cost, quantity=r.quantity,
                 value=r.unit_cost * r.quantity) for r in session.execute(query)]


def item_on_hand(session: Session, item_id: int) -> int:
    return session.scalar(select(StockLevel.quantity).where(StockLevel.item_id == item_id)) or 0


def kits_available(session: Session) -> list[dict]:
    """Complete kits that stock allows: per kit, the minimum over its lines of on_hand // quantity."""
    on_hand = func.coalesce(StockLevel.quantity, 0)
    query = (
        select(Kit.id, Kit.code, Kit.name, func.min(on_hand // KitItem.quantity).label("available"))
        .join(KitItem, KitItem.kit_id == Kit.id)
        .outerjoin(StockLevel, StockLevel.item_id == KitItem.item_id)
        .group_by(Kit.id, Kit.code, Kit.name)
        .order_by(Kit.name)
    )
    return [dict(kit_id=r.id, code=r.code, name=r.name, available=int(r.available)) for r in session.execute(query)]


def kit_available(session: Session, kit_id: int) -> int:
    return next((k["available"] for k in kits_available(session) if k["kit_id"] == kit_id), 0)
