"""Equipment: kits handed over vs planned per cohort, units per item, stock on hand, value handed
over and handovers pending.

* planned = participants enrolled and not dropped out × the cohort's kit (``Cohort.kit_id``);
* handed over = handovers of the cohort's kit to its participants; units and value from the
  stock movements attached to handovers (kind handover, net of returns), value = quantity ×
  the movement's unit cost;
* pending = active or graduated participants of a cohort with a kit who have not received it;
* stock on hand is the store's (``StockLevel``), not split by program or cohort.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from pulih.dashboards.filters import Filters
from pulih.dashboards.scope import cohort_conditions, frame, mask_names, money, people
from pulih.models import Cohort, Enrollment, Handover, Item, Kit, KitItem, Participant, StockLevel, StockMovement

HANDED_KINDS = ("handover", "return")
WAITING = ("active", "graduated")


def _got_kit():  # noqa: ANN202
    """EXISTS: the enrollment received its cohort's kit."""
    other = aliased(Handover)
    return select(other.id).where(other.enrollment_id == Enrollment.id, other.kit_id == Cohort.kit_id).exists()


def _handed_value(filters: Filters):  # noqa: ANN202
    """Per enrollment's cohort: value handed over (net of returns)."""
    value = -func.sum(StockMovement.quantity * StockMovement.unit_cost)
    return (
        select(Enrollment.cohort_id.label("cohort_id"), value.label("value"))
        .select_from(StockMovement)
        .join(Handover, Handover.id == StockMovement.handover_id)
        .join(Enrollment, Enrollment.id == Handover.enrollment_id)
        .where(StockMovement.kind.in_(HANDED_KINDS), *people(filters))
        .group_by(Enrollment.cohort_id)
    )


def kits_by_cohort(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Per cohort with a kit: cohort_id, cohort_code, kit_code, planned, handed_over, pending,
    value_handed_over (Decimal rupiah)."""
    got = _got_kit()
    holding = Enrollment.status != "dropped_out"
    stmt = (
        select(Cohort.id, Cohort.code, Kit.code,
               func.coalesce(func.sum(case((holding, 1), else_=0)), 0),
               func.coalesce(func.sum(case((got, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(Enrollment.status.in_(WAITING), ~got), 1), else_=0)), 0))
        .join(Kit, Kit.id == Cohort.kit_id)
        .outerjoin(Enrollment, and_(Enrollment.cohort_id == Cohort.id, *people(filters)))
        .where(*cohort_conditions(filters))
        .group_by(Cohort.id, Cohort.code, Kit.code, Cohort.start_date).order_by(Cohort.start_date, Cohort.id)
    )
    values = dict(session.execute(_handed_value(filters)).all())
    rows = [(cid, code, kit, int(planned), int(handed), int(pending), money(values.get(cid)))
            for cid, code, kit, planned, handed, pending in session.execute(stmt)]
    return frame(rows, ["cohort_id", "cohort_code", "kit_code", "planned", "handed_over", "pending",
                        "value_handed_over"])


def _planned_units(session: Session, filters: Filters) -> dict[int, int]:
    stmt = (
        select(KitItem.item_id, func.sum(KitItem.quantity))
        .select_from(Enrollment)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .join(KitItem, KitItem.kit_id == Cohort.kit_id)
        .where(Enrollment.status != "dropped_out", *cohort_conditions(filters), *people(filters))
        .group_by(KitItem.item_id)
    )
    return {item: int(n) for item, n in session.execute(stmt)}


def _handed_units(session: Session, filters: Filters) -> dict[int, tuple[int, object]]:
    stmt = (
        select(StockMovement.item_id, -func.sum(StockMovement.quantity),
               -func.sum(StockMovement.quantity * StockMovement.unit_cost))
        .join(Handover, Handover.id == StockMovement.handover_id)
        .where(StockMovement.kind.in_(HANDED_KINDS), *people(filters, Handover.enrollment_id))
        .group_by(StockMovement.item_id)
    )
    return {item: (int(n or 0), value) for item, n, value in session.execute(stmt)}


def items(session: Session, filters: Filters = Filters()) -> pd.DataFrame:
    """Per item planned or handed over in scope, or in stock: item_id, item_code, item_name, unit,
    unit_cost, planned, handed_over, value_handed_over, on_hand, value_on_hand (Decimal rupiah)."""
    planned, handed = _planned_units(session, filters), _handed_units(session, filters)
    stmt = (select(Item.id, Item.code, Item.name, Item.unit, Item.unit_cost, func.coalesce(StockLevel.quantity, 0))
            .outerjoin(StockLevel, StockLevel.item_id == Item.id).order_by(Item.code))
    rows = []
    for item_id, code, name, unit, cost, on_hand in session.execute(stmt):
        units, value = handed.get(item_id, (0, None))
        if not (planned.get(item_id) or units or on_hand):
            continue
        rows.append((item_id, code, name, unit, money(cost), planned.get(item_id, 0), units, money(value),
                     int(on_hand), money(cost) * int(on_hand)))
    return frame(rows, ["item_id", "item_code", "item_name", "unit", "unit_cost", "planned", "handed_over",
                        "value_handed_over", "on_hand", "value_on_hand"])


def pending_handovers(session: Session, filters: Filters = Filters(), *, masked: bool = False,
                      lang: str = "id") -> pd.DataFrame:
    """Active or graduated participants of cohorts with a kit and no handover of it yet:
    enrollment_id, participant, cohort_code, status, kit_code."""
    stmt = (
        select(Enrollment.id, Participant.full_name, Cohort.code, Enrollment.status, Kit.code)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .join(Cohort, Cohort.id == Enrollment.cohort_id)
        .join(Kit, Kit.id == Cohort.kit_id)
        .where(Enrollment.status.in_(WAITING), ~_got_kit(), *cohort_conditions(filters), *people(filters))
        .order_by(Cohort.start_date, Cohort.code, Participant.full_name, Enrollment.id)
    )
    df = frame(session.execute(stmt).all(), ["enrollment_id", "participant", "cohort_code", "status", "kit_code"])
    return mask_names(df, masked, lang)
