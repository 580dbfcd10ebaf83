"""Equipment tabs "Stock on hand" and "Movements" (read only, every worker)."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from pulih.database import read_session
from pulih.models.equipment import MOVEMENT_KINDS
from pulih.money import format_rupiah
from pulih.services import equipment as eq
from pulih.services.programs import list_cohorts
from ui.auth import UserContext
from ui.cases_common import md
from ui.equipment_common import Column, export_buttons, number, show_table
from ui.i18n import t
from ui.state import engine

STOCK_COLUMNS: list[Column] = [
    ("code", "equipment.ui.col.code", "text"), ("name", "equipment.ui.col.item", "text"),
    ("unit", "equipment.ui.col.unit", "text"), ("quantity", "equipment.ui.col.on_hand", "int"),
    ("unit_cost", "equipment.ui.col.unit_cost", "money"), ("value", "equipment.ui.col.value", "money"),
]
PLANNED_COLUMNS: list[Column] = [
    ("code", "equipment.ui.col.cohort", "text"), ("kit", "equipment.ui.col.kit", "text"),
    ("kits_planned", "equipment.ui.col.planned", "int"), ("kits_handed", "equipment.ui.col.handed", "int"),
    ("kits_pending", "equipment.ui.col.pending", "int"), ("value_handed", "equipment.ui.col.value_handed", "money"),
]
MOVEMENT_COLUMNS: list[Column] = [
    ("date", "equipment.ui.col.date", "date"), ("kind", "equipment.ui.col.kind", "label:equipment.kind."),
    ("item", "equipment.ui.col.item", "text"), ("quantity", "equipment.ui.col.quantity", "int"),
    ("unit_cost", "equipment.ui.col.unit_cost", "money"), ("value", "equipment.ui.col.value", "money"),
    ("receipt_number", "equipment.ui.col.receipt_number", "text"),
    ("participant", "equipment.ui.col.participant", "text"), ("supplier", "equipment.ui.col.supplier", "text"),
    ("serial_numbers", "equipment.ui.col.serials", "text"), ("reason", "equipment.ui.col.reason", "text"),
    ("spending_id", "equipment.ui.col.spending", "int"), ("recorded_by", "equipment.ui.col.recorded_by", "text"),
]


def render_stock(ctx: UserContext) -> None:  # noqa: ARG001 - every tab takes the user
    with read_session(engine()) as s:
        kits = eq.kits_available(s)
        stock = eq.stock_on_hand(s, active_only=True)
        planned = eq.kits_planned_vs_handed(s)
    cols = st.columns([2] * max(len(kits), 1) + [1, 1])
    for col, kit in zip(cols, kits, strict=False):
        col.metric(t("equipment.ui.kits_available", kit=md(kit["name"])), number(kit["available"]),
                   help=t("equipment.ui.kits_available_help"))
    cols[-2].metric(t("equipment.ui.units_on_hand"), number(sum(r["quantity"] for r in stock)))
    cols[-1].metric(t("equipment.ui.stock_value"), format_rupiah(sum((r["value"] for r in stock), Decimal(0))))
    st.subheader(t("equipment.ui.stock_title"))
    show_table(stock, STOCK_COLUMNS, key="eq_stock_table")
    if planned:
        st.subheader(t("equipment.ui.planned_title"))
        show_table(planned, PLANNED_COLUMNS, key="eq_planned_table")


def render_movements(ctx: UserContext) -> None:  # noqa: ARG001
    with read_session(engine()) as s:
        items = {i.id: i.name for i in eq.list_items(s)}
        cohorts = {c.id: c.code for c in list_cohorts(s)}
    a, b, c, d, e = st.columns(5)
    kind = a.selectbox(t("equipment.ui.col.kind"), [None, *MOVEMENT_KINDS], key="mv_kind",
                       format_func=lambda k: t("equipment.ui.all") if k is None else t(f"equipment.kind.{k}"))
    item = b.selectbox(t("equipment.ui.col.item"), [None, *items], key="mv_item",
                       format_func=lambda i: t("equipment.ui.all") if i is None else items[i])
    cohort = c.selectbox(t("equipment.ui.col.cohort"), [None, *cohorts], key="mv_cohort",
                         format_func=lambda i: t("equipment.ui.all") if i is None else cohorts[i])
    date_from = d.date_input(t("equipment.ui.date_from"), value=None, key="mv_from", format="DD/MM/YYYY")
    date_to = e.date_input(t("equipment.ui.date_to"), value=None, key="mv_to", format="DD/MM/YYYY")
    with read_session(engine()) as s:
        rows = eq.movements(s, kind=kind, item_id=item, cohort_id=cohort, date_from=date_from, date_to=date_to)
    st.caption(t("equipment.ui.rows", count=number(len(rows))))
    show_table(rows, MOVEMENT_COLUMNS, key="mv_table", height=420)
    if rows:
        export_buttons(rows, MOVEMENT_COLUMNS, "stock-movements", key="mv_export")
