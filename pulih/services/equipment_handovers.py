"""Handovers of equipment to participants (with numbered receipts) and returns.

Receipt numbers are ``BAST/<year>/<nnnn>``, a sequence per year of the handover date, derived in
the handover's own transaction: the next number after the highest one stored, inserted in a
SAVEPOINT; if a concurrent handover took that number (UNIQUE receipt_number), try the next one.
On SQLite the write lock (BEGIN IMMEDIATE) already serialises writers, so the retry only runs on
PostgreSQL. A failed handover rolls back its number with everything else: no gaps from errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pulih import audit
from pulih.i18n import Translatable
from pulih.models import Enrollment, Handover, Item, Participant, StockMovement, StoredFile
from pulih.services.equipment_catalog import get_item, get_kit
from pulih.services.equipment_stock import add_movement, put, take
from pulih.services.ledger_common import (
    acting_user, atomic, positive_int, required_date, required_text, store_upload,
)

ACTION_HANDOVER = "stock.handover"
RECEIPT_PREFIX = "BAST"
CONDITIONS = ("new", "good", "fair", "damaged")  # suggested; any short text is accepted
_RECEIPT_ATTEMPTS = 25
_SERIAL_SPLIT = re.compile(r"[,;\n]+")


def get_handover(session: Session, handover_id: int) -> Handover:
    handover = session.get(Handover, handover_id) if handover_id else None
    if handover is None:
        raise Translatable("equipment.handover_not_found", handover_id=handover_id)
    return handover


def _next_receipt_number(session: Session, year: int) -> str:
    prefix = f"{RECEIPT_PREFIX}/{year}/"
    last = session.scalar(
        select(Handover.receipt_number)
        .where(Handover.receipt_number.like(prefix + "%"))
        .order_by(func.length(Handover.receipt_number).desc(), Handover.receipt_number.desc())
        .limit(1)
    )
    tail = (last or prefix + "0")[len(prefix):]
    return f"{prefix}{(int(tail) if tail.isdigit() else 0) + 1:04d}"


def _insert_numbered(session: Session, values: dict) -> Handover:
    for _attempt in range(_RECEIPT_ATTEMPTS):
        handover = Handover(receipt_number=_next_receipt_number(session, values["date"].year), **values)
        try:
            with session.begin_nested():
                session.add(handover)
                session.flush()
            return handover
        except IntegrityError:
            continue  # a concurrent handover took this number: take the next one
    raise Translatable("equipment.receipt_number_busy")


def _enrollment_for(session: Session, participant: Participant, enrollment_id: int | None) -> Enrollment | None:
    if enrollment_id is not None:
        enrollment = session.get(Enrollment, enrollment_id)
        if enrollment is None or enrollment.participant_id != participant.id:
            raise Translatable("equipment.enrollment_mismatch", enrollment_id=enrollment_id,
                               participant=participant.full_name)
        return enrollment
    found = session.scalars(select(Enrollment).where(Enrollment.participant_id == participant.id).limit(2)).all()
    return found[0] if len(found) == 1 else None  # the only enrollment; ambiguous ones stay unlinked


def _lines(session: Session, kit_id: int | None, items: Iterable[tuple[int, object]] | None) -> dict[int, int]:
    lines: dict[int, int] = {}
    if kit_id is not None:
        for line in get_kit(session, kit_id).lines:
            lines[line.item_id] = lines.get(line.item_id, 0) + line.quantity
    for item_id, quantity in items or ():
        item = get_item(session, item_id)
        lines[item.id] = lines.get(item.id, 0) + positive_int(quantity, "equipment.quantity_invalid", item=item.name)
    if not lines:
        raise Translatable("equipment.nothing_to_hand_over")
    return lines


def _serials(items: Mapping[int, Item], lines: Mapping[int, int],
             serial_numbers: Mapping[int, object] | None, *, required: bool) -> dict[int, list[str]]:
    """Serial numbers per item: a list or text split on commas/newlines; one per unit."""
    result: dict[int, list[str]] = {}
    for item_id, raw in (serial_numbers or {}).items():
        if item_id not in lines:
            raise Translatable("equipment.serials_unknown_item", item_id=item_id)
        parts = _SERIAL_SPLIT.split(raw) if isinstance(raw, str) else list(raw or [])
        serials = [str(s).strip() for s in parts if str(s).strip()]
        if serials:
            result[item_id] = serials
    for item_id, quantity in lines.items():
        item, serials = items[item_id], result.get(item_id, [])
        if not serials and not (required and item.has_serials):
            continue
        if len(serials) != quantity:
            raise Translatable("equipment.serials_count", item=item.name, quantity=quantity, given=len(serials))
        if len(set(serials)) != len(serials):
            raise Translatable("equipment.serials_duplicate", item=item.name)
    return result


@atomic
def hand_over(session: Session, username: str, *, participant_id: int, date: object,
              enrollment_id: int | None = None, kit_id: int | None = None,
              items: Iterable[tuple[int, object]] | None = None, condition: str = "new",
              serial_numbers: Mapping[int, object] | None = None, notes: str = "",
              signed_receipt: object = None, allow_repeat: bool = False) -> Handover:
    """Hand a kit and/or items to a participant, with a numbered receipt.

    ``items`` are (item_id, quantity) pairs, added to the kit's lines if a kit is given too.
    ``serial_numbers`` maps item_id to its serials (required, one per unit, for items with
    serials). Without ``enrollment_id`` the participant's only enrollment is used. The same kit
    twice for one enrollment is refused unless ``allow_repeat``. Out of stock on any line ->
    equipment.out_of_stock and nothing is saved.
    """
    user = acting_user(session, username, ACTION_HANDOVER, "equipment")
    participant = session.get(Participant, participant_id) if participant_id else None
    if participant is None:
        raise Translatable("equipment.participant_not_found", participant_id=participant_id)
    date = required_date(date, "equipment.date_invalid")
    enrollment = _enrollment_for(session, participant, enrollment_id)
    lines = _lines(session, kit_id, items)
    catalog = {item_id: get_item(session, item_id) for item_id in lines}
    serials = _serials(catalog, lines, serial_numbers, required=True)
    condition = required_text(condition, "equipment.condition_required")[:50]
    if kit_id is not None and enrollment is not None and not allow_repeat:
        earlier = session.scalar(select(Handover.receipt_number).where(
            Handover.enrollment_id == enrollment.id, Handover.kit_id == kit_id).limit(1))
        if earlier:
            raise Translatable("equipment.kit_already_handed_over", participant=participant.full_name,
                               receipt=earlier)
    for item_id in sorted(lines):  # one lock order for all writers: no deadlocks between handovers
        take(session, catalog[item_id], lines[item_id])
    file = store_upload(session, user, signed_receipt, "equipment") if signed_receipt is not None else None
    handover = _insert_numbered(session, dict(
        date=date, participant_id=participant.id, enrollment_id=enrollment.id if enrollment else None,
        kit_id=kit_id, condition=condition, notes=str(notes or "").strip(),
        signed_receipt_file_id=file.id if file else None, created_by_id=user.id))
    for item_id in sorted(lines):
        add_movement(session, user, "handover", catalog[item_id], -lines[item_id], date, handover_id=handover.id,
                     participant_id=participant.id, serial_numbers=", ".join(serials.get(item_id, [])))
    session.flush()
    audit.record(session, username, "stock.handover", "stock", handover.id, receipt_number=handover.receipt_number,
                 participant_id=participant.id, enrollment_id=handover.enrollment_id, kit_id=kit_id,
                 lines=lines, serials=serials, condition=condition,
                 signed_receipt_file_id=handover.signed_receipt_file_id)
    return handover


@atomic
def attach_signed_receipt(session: Session, username: str, handover_id: int, signed_receipt: object) -> Handover:
    """Attach (or replace) the photo or scan of the signed receipt, after printing and signing it."""
    user = acting_user(session, username, ACTION_HANDOVER, "equipment")
    handover = get_handover(session, handover_id)
    before = handover.signed_receipt_file_id
    handover.signed_receipt_file_id = store_upload(session, user, signed_receipt, "equipment").id
    session.flush()
    audit.record(session, username, "stock.handover_receipt", "stock", handover.id,
                 before=before, after=handover.signed_receipt_file_id)
    return handover


def _outstanding(session: Session, handover_id: int) -> dict[int, tuple[int, object, list[str]]]:
    """Per item of a handover: (units still with the participant, unit cost, serials handed over)."""
    rows = session.execute(select(StockMovement).where(StockMovement.handover_id == handover_id)).scalars()
    result: dict[int, tuple[int, object, list[str]]] = {}
    for m in rows:
        units, cost, serials = result.get(m.item_id, (0, m.unit_cost, []))
        if m.kind == "handover":
            units, cost = units - m.quantity, m.unit_cost
            serials = serials + [s.strip() for s in m.serial_numbers.split(",") if s.strip()]
        elif m.kind == "return":
            units -= m.quantity
        result[m.item_id] = (units, cost, serials)
    return result


@atomic
def return_items(session: Session, username: str, *, handover_id: int, items: Iterable[tuple[int, object]],
                 date: object, reason: str, condition: str = "",
                 serial_numbers: Mapping[int, object] | None = None) -> list[StockMovement]:
    """Items given back from a handover (dropped out, wrong size): back into stock at the cost they
    left at. At most what is still with the participant can come back."""
    user = acting_user(session, username, ACTION_HANDOVER, "equipment")
    handover = get_handover(session, handover_id)
    reason = required_text(reason, "equipment.reason_required")
    date = required_date(date, "equipment.date_invalid")
    lines: dict[int, int] = {}
    for item_id, quantity in items:
        item = get_item(session, item_id)
        lines[item.id] = lines.get(item.id, 0) + positive_int(quantity, "equipment.quantity_invalid", item=item.name)
    if not lines:
        raise Translatable("equipment.nothing_to_return")
    catalog = {item_id: get_item(session, item_id) for item_id in lines}
    serials = _serials(catalog, lines, serial_numbers, required=False)
    outstanding = _outstanding(session, handover.id)
    movements = []
    for item_id in sorted(lines):
        held, cost, handed_serials = outstanding.get(item_id, (0, None, []))
        if lines[item_id] > held:
            raise Translatable("equipment.return_exceeds", item=catalog[item_id].name, requested=lines[item_id],
                               held=held, receipt=handover.receipt_number)
        unknown = [s for s in serials.get(item_id, []) if s not in handed_serials]
        if unknown:
            raise Translatable("equipment.serials_not_handed_over", item=catalog[item_id].name,
                               serials=", ".join(unknown))
        put(session, catalog[item_id], lines[item_id])
        movements.append(add_movement(
            session, user, "return", catalog[item_id], lines[item_id], date, unit_cost=cost, handover_id=handover.id,
            participant_id=handover.participant_id, serial_numbers=", ".join(serials.get(item_id, [])),
            reason=" — ".join(p for p in (reason, str(condition or "").strip()) if p)))
    session.flush()
    audit.record(session, username, "stock.return", "stock", handover.id, receipt_number=handover.receipt_number,
                 lines=lines, reason=reason, condition=condition, movement_ids=[m.id for m in movements])
    return movements


def signed_receipt_file(session: Session, username: str, handover_id: int) -> tuple[str, str, bytes] | None:
    """The uploaded signed receipt of a handover as (filename, content type, bytes), or None.
    Opening it is logged (it shows a participant's signature)."""
    acting_user(session, username, ACTION_HANDOVER, "equipment")
    handover = get_handover(session, handover_id)
    if handover.signed_receipt_file_id is None:
        return None
    stored = session.get(StoredFile, handover.signed_receipt_file_id)
    audit.log_access(session, username, "equipment", "handovers", handover.id)
    return stored.filename, stored.content_type, bytes(stored.content)
