"""Equipment history and figures for screens and dashboards: small lists of dicts, aggregated in SQL.

Values are net of returns: a handover movement has a negative quantity, a return a positive one
(at the cost the item left at), so the value with a participant is ``-SUM(quantity * unit_cost)``
over a handover's movements.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, aliased

from pulih.models import Cohort, Enrollment, Handover, Item, Kit, KitItem, Participant, StockMovement, User

ENROLLED = ("registered", "active", "graduated")  # dropped-out participants get no kit
ZERO = Decimal("0")


def _money(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else ZERO


def movements(session: Session, *, kind: str | None = None, item_id: int | None = None,
              participant_id: int | None = None, cohort_id: int | None = None, date_from: dt.date | None = None,
              date_to: dt.date | None = None, limit: int = 1000) -> list[dict]:
    """Stock movements, newest first, with item, receipt number, participant and who recorded them."""
    query = (
        select(StockMovement, Item.code, Item.name, Item.unit, Handover.receipt_number,
               Participant.full_name, User.username)
        .join(Item, Item.id == StockMovement.item_id)
        .outerjoin(Handover, Handover.id == StockMovement.handover_id)
        .outerjoin(Participant, Participant.id == StockMovement.participant_id)
        .outerjoin(User, User.id == StockMovement.created_by_id)
        .order_by(StockMovement.date.desc(), StockMovement.id.desc())
        .limit(limit)
    )
    conditions = {
        StockMovement.kind: kind, StockMovement.item_id: item_id, StockMovement.participant_id: participant_id,
    }
    for column, value in conditions.items():
        if value is not None:
            query = query.where(column == value)
    if cohort_id is not None:
        query = query.join(Enrollment, Enrollment.id == Handover.enrollment_id).where(Enrollment.cohort_id == cohort_id)
    if date_from is not None:
        query = query.where(StockMovement.date >= date_from)
    if date_to is not None:
        query = query.where(StockMovement.date <= date_to)
    return [
        dict(id=m.id, date=m.date, kind=m.kind, item_id=m.item_id, item_code=code, item=name, unit=unit,
             quantity=m.quantity, unit_cost=m.unit_cost, value=m.unit_cost * m.quantity, receipt_number=receipt,
             participant=person or "", supplier=m.supplier, serial_numbers=m.serial_numbers, reason=m.reason,
             spending_id=m.spending_id, recorded_by=who or "")
        for m, code, name, unit, receipt, person, who in session.execute(query)
    ]


def _handover_totals():  # noqa: ANN202
    return (
        select(StockMovement.handover_id.label("handover_id"),
               (-func.sum(StockMovement.quantity)).label("units"),
               (-func.sum(StockMovement.quantity * StockMovement.unit_cost)).label("value"))
        .where(StockMovement.handover_id.is_not(None))
        .group_by(StockMovement.handover_id)
        .subquery()
    )


def handovers(session: Session, *, cohort_id: int | None = None, participant_id: int | None = None,
              program_id: int | None = None, date_from: dt.date | None = None,
              date_to: dt.date | None = None) -> list[dict]:
    """Handovers with participant, cohort, kit, units and value still with the participant."""
    totals = _handover_totals()
    query = (
        select(Handover, Participant.full_name, Cohort.id, Cohort.code, Kit.name, totals.c.units, totals.c.value)
        .join(Participant, Participant.id == Handover.participant_id)
        .outerjoin(Enrollment, Enrollment.id == Handover.enrollment_id)
        .outerjoin(Cohort, Cohort.id == Enrollment.cohort_id)
        .outerjoin(Kit, Kit.id == Handover.kit_id)
        .outerjoin(totals, totals.c.handover_id == Handover.id)
        .order_by(Handover.date.desc(), Handover.id.desc())
    )
    filters = [(Cohort.id, cohort_id), (Handover.participant_id, participant_id), (Cohort.program_id, program_id)]
    for column, value in filters:
        if value is not None:
            query = query.where(column == value)
    if date_from is not None:
        query = query.where(Handover.date >= date_from)
    if date_to is not None:
        query = query.where(Handover.date <= date_to)
    return [
        dict(id=h.id, receipt_number=h.receipt_number, date=h.date, participant_id=h.participant_id,
             participant=person, enrollment_id=h.enrollment_id, cohort_id=c_id, cohort=c_code or "",
             kit_id=h.kit_id, kit=kit or "", condition=h.condition, units=int(units or 0), value=_money(value),
             signed_receipt=h.signed_receipt_file_id is not None)
        for h, person, c_id, c_code, kit, units, value in session.execute(query)
    ]


def value_by_cohort(session: Session, *, program_id: int | None = None) -> list[dict]:
    """Per cohort: number of handovers and value handed over (quantity x unit cost, net of returns)."""
    per_cohort = (
        select(Enrollment.cohort_id.label("cohort_id"),
               func.count(distinct(Handover.id)).label("handovers"),
               (-func.sum(StockMovement.quantity * StockMovement.unit_cost)).label("value"))
        .join(Handover, Handover.enrollment_id == Enrollment.id)
        .join(StockMovement, StockMovement.handover_id == Handover.id)
        .group_by(Enrollment.cohort_id)
        .subquery()
    )
    query = (
        select(Cohort.id, Cohort.code, Cohort.name, per_cohort.c.handovers, per_cohort.c.value)
        .outerjoin(per_cohort, per_cohort.c.cohort_id == Cohort.id)
        .order_by(Cohort.start_date, Cohort.id)
    )
    if program_id is not None:
        query = query.where(Cohort.program_id == program_id)
    return [dict(cohort_id=r.id, code=r.code, name=r.name, handovers=int(r.handovers or 0), value=_money(r.value))
            for r in session.execute(query)]


def _enrolled_count(cohort_id_column):  # noqa: ANN001, ANN202
    return (
        select(func.count()).select_from(Enrollment)
        .where(Enrollment.cohort_id == cohort_id_column, Enrollment.status.in_(ENROLLED))
        .scalar_subquery()
    )


def kits_planned_vs_handed(session: Session, *, program_id: int | None = None) -> list[dict]:
    """Per cohort with a kit: enrolled (not dropped out) = kits planned, kits handed over, pending,
    and planned vs handed value (kit value at today's catalog cost vs value actually handed)."""
    kit_value = (
        select(KitItem.kit_id.label("kit_id"), func.sum(KitItem.quantity * Item.unit_cost).label("value"))
        .join(Item, Item.id == KitItem.item_id).group_by(KitItem.kit_id).subquery()
    )
    handed = (
        select(func.count(distinct(Handover.enrollment_id)))
        .join(Enrollment, Enrollment.id == Handover.enrollment_id)
        .where(Enrollment.cohort_id == Cohort.id, Handover.kit_id == Cohort.kit_id)
        .scalar_subquery()
    )
    query = (
        select(Cohort.id, Cohort.code, Cohort.name, Kit.name.label("kit"), kit_value.c.value,
               _enrolled_count(Cohort.id).label("enrolled"), handed.label("handed"))
        .join(Kit, Kit.id == Cohort.kit_id)
        .outerjoin(kit_value, kit_value.c.kit_id == Cohort.kit_id)
        .order_by(Cohort.start_date, Cohort.id)
    )
    if program_id is not None:
        query = query.where(Cohort.program_id == program_id)
    values = {v["cohort_id"]: v["value"] for v in value_by_cohort(session, program_id=program_id)}
    return [
        dict(cohort_id=r.id, code=r.code, name=r.name, kit=r.kit, kits_planned=int(r.enrolled),
             kits_handed=int(r.handed), kits_pending=max(int(r.enrolled) - int(r.handed), 0),
             value_planned=_money(r.value) * int(r.enrolled), value_handed=values.get(r.id, ZERO))
        for r in session.execute(query)
    ]


def planned_vs_handed(session: Session, cohort_id: int) -> list[dict]:
    """Per item of the cohort's kit: planned = enrolled participants x kit quantity, handed over
    (net of returns, to participants enrolled in this cohort), remaining. Empty without a kit."""
    enrolled = session.scalar(select(_enrolled_count(cohort_id)))
    kit_id = session.scalar(select(Cohort.kit_id).where(Cohort.id == cohort_id))
    if kit_id is None:
        return []
    given = (
        select(StockMovement.item_id.label("item_id"), (-func.sum(StockMovement.quantity)).label("units"))
        .join(Handover, Handover.id == StockMovement.handover_id)
        .join(Enrollment, and_(Enrollment.id == Handover.enrollment_id, Enrollment.cohort_id == cohort_id))
        .group_by(StockMovement.item_id)
        .subquery()
    )
    query = (
        select(Item.id, Item.code, Item.name, Item.unit, KitItem.quantity, given.c.units)
        .join(Item, Item.id == KitItem.item_id)
        .outerjoin(given, given.c.item_id == KitItem.item_id)
        .where(KitItem.kit_id == kit_id)
        .order_by(Item.name)
    )
    rows = []
    for r in session.execute(query):
        planned, handed_units = r.quantity * enrolled, int(r.units or 0)
        rows.append(dict(item_id=r.id, code=r.code, item=r.name, unit=r.unit, per_kit=r.quantity, planned=planned,
                         handed=handed_units, remaining=max(planned - handed_units, 0)))
    return rows


def participants_without_kit(session: Session, cohort_id: int) -> list[dict]:
    """Enrolled (not dropped-out) participants of a cohort who have not received its kit yet."""
    got_kit = aliased(Handover)
    query = (
        select(Participant.id, Participant.full_name, Enrollment.id.label("enrollment_id"), Enrollment.status)
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .where(Enrollment.cohort_id == cohort_id, Enrollment.status.in_(ENROLLED))
        .where(~select(got_kit.id).where(got_kit.enrollment_id == Enrollment.id,
                                         got_kit.kit_id == Cohort.kit_id).exists())
        .order_by(Participant.full_name)
    )
    return [dict(participant_id=r.id, participant=r.full_name, enrollment_id=r.enrollment_id, status=r.status)
            for r in session.execute(query)]
