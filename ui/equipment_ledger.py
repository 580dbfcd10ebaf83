"""Equipment tab "Receive, adjust, return" (managers and admins): goods received (linked to the
spending entry that paid for them), corrections with a reason, and items given back from a
handover. The page shows this tab only when ``can(role, ...)``; the services check again."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.i18n import Translatable
from pulih.money import format_rupiah, parse_rupiah
from pulih.permissions import can
from pulih.services import budget as bg
from pulih.services import equipment as eq
from ui.auth import UserContext
from ui.equipment_common import done, fresh, money_input, refuse, save, show_flash
from ui.i18n import t
from ui.state import engine


def render_ledger(ctx: UserContext) -> None:
    show_flash("ledger")
    with read_session(engine()) as s:
        items = {i.id: i for i in eq.list_items(s, active_only=True)}
        on_hand = {r["item_id"]: r["quantity"] for r in eq.stock_on_hand(s)}
    labels = {i: f"{item.name} ({item.code}) – {t('equipment.ui.on_hand_short', n=on_hand.get(i, 0))}"
              for i, item in items.items()}
    parts = [("receive", can(ctx.role, "stock.receive")), ("adjust", can(ctx.role, "stock.adjust")),
             ("return", can(ctx.role, "stock.adjust"))]
    shown = [name for name, allowed in parts if allowed]
    for name, tab in zip(shown, st.tabs([t(f"equipment.ui.{name}_title") for name in shown]), strict=True):
        with tab:
            {"receive": _receive, "adjust": _adjust, "return": _return}[name](ctx, items, labels)


def _receive(ctx: UserContext, items: dict, labels: dict) -> None:
    g = fresh("ledger")
    with read_session(engine()) as s:
        spending = {r["id"]: r for r in bg.list_spending(s, limit=300)}
    with st.form("rcv_form"):
        a, b = st.columns([3, 1])
        item_id = a.selectbox(t("equipment.ui.col.item"), list(items), key=f"rcv_item{g}", format_func=labels.get)
        quantity = b.number_input(t("equipment.ui.col.quantity"), min_value=1, step=1, key=f"rcv_qty{g}")
        c, d, e = st.columns(3)
        cost = money_input(t("equipment.ui.col.unit_cost"), key=f"rcv_cost{g}", help=t("equipment.ui.unit_cost_help"),
                           where=c, placeholder=t("equipment.ui.catalog_cost"))
        supplier = d.text_input(t("equipment.ui.col.supplier"), key=f"rcv_supplier{g}")
        date = e.date_input(t("equipment.ui.col.date"), value=dt.date.today(), key=f"rcv_date{g}", format="DD/MM/YYYY")
        spending_id = st.selectbox(
            t("equipment.ui.spending_link"), [None, *spending], key=f"rcv_spending{g}",
            format_func=lambda i: t("equipment.ui.no_spending") if i is None else
            f"#{i} · {spending[i]['date']:%d/%m/%Y} · {spending[i]['account_code']} · "
            f"{format_rupiah(spending[i]['amount'])} · {spending[i]['description'][:60]}")
        notes = st.text_input(t("equipment.ui.notes"), key=f"rcv_notes{g}")
        submitted = st.form_submit_button(t("equipment.ui.receive_submit"), type="primary", key="rcv_submit")
    if not submitted:
        return
    try:
        unit_cost = parse_rupiah(cost) if cost.strip() else None
    except Translatable as exc:
        refuse(exc)
        return
    ok, _ = save(ctx, eq.receive, item_id=item_id, quantity=int(quantity), date=date, unit_cost=unit_cost,
                 supplier=supplier, spending_id=spending_id, notes=notes)
    if ok:
        done("ledger", t("equipment.ui.received", quantity=int(quantity), unit=items[item_id].unit,
                         item=items[item_id].name))


def _adjust(ctx: UserContext, items: dict, labels: dict) -> None:
    g = fresh("ledger")
    st.caption(t("equipment.ui.adjust_help"))
    with st.form("adj_form"):
        a, b, c = st.columns([3, 1, 1])
        item_id = a.selectbox(t("equipment.ui.col.item"), list(items), key=f"adj_item{g}", format_func=labels.get)
        change = b.number_input(t("equipment.ui.adjust_change"), step=1, value=0, key=f"adj_qty{g}")
        date = c.date_input(t("equipment.ui.col.date"), value=dt.date.today(), key=f"adj_date{g}", format="DD/MM/YYYY")
        reason = st.text_input(t("equipment.ui.col.reason"), key=f"adj_reason{g}")
        submitted = st.form_submit_button(t("equipment.ui.adjust_submit"), type="primary", key="adj_submit")
    if submitted:
        ok, _ = save(ctx, eq.adjust, item_id=item_id, quantity=int(change), reason=reason, date=date)
        if ok:
            done("ledger", t("equipment.ui.adjusted", item=items[item_id].name, change=f"{int(change):+d}"))


def _return(ctx: UserContext, items: dict, labels: dict) -> None:  # noqa: ARG001
    g = fresh("ledger")
    with read_session(engine()) as s:
        handovers = {h["id"]: h for h in eq.handovers(s) if h["units"] > 0}
    if not handovers:
        st.info(t("equipment.ui.no_handovers"))
        return
    names = {i: f"{h['receipt_number']} – {h['participant']}" for i, h in handovers.items()}
    handover_id = st.selectbox(t("equipment.ui.return_handover"), list(handovers), key=f"ret_handover{g}",
                               format_func=names.get)
    held = _held(handovers[handover_id])
    with st.form("ret_form"):
        cols, quantities = st.columns(3), {}
        for n, (item_id, (name, units)) in enumerate(held.items()):
            quantities[item_id] = cols[n % 3].number_input(t("equipment.ui.return_qty", item=name, held=units),
                                                           min_value=0, max_value=units, step=1,
                                                           key=f"ret_qty_{handover_id}_{item_id}{g}")
        a, b, c = st.columns([2, 1, 1])
        reason = a.text_input(t("equipment.ui.col.reason"), key=f"ret_reason{g}")
        condition = b.text_input(t("equipment.ui.col.condition"), key=f"ret_condition{g}")
        date = c.date_input(t("equipment.ui.col.date"), value=dt.date.today(), key=f"ret_date{g}", format="DD/MM/YYYY")
        submitted = st.form_submit_button(t("equipment.ui.return_submit"), type="primary", key="ret_submit")
    if submitted:
        ok, _ = save(ctx, eq.return_items, handover_id=handover_id, date=date, reason=reason, condition=condition,
                     items=[(i, int(q)) for i, q in quantities.items() if q])
        if ok:
            done("ledger", t("equipment.ui.returned", receipt=handovers[handover_id]["receipt_number"]))


def _held(handover: dict) -> dict[int, tuple[str, int]]:
    """{item_id: (item name, units still with the participant)} for one handover."""
    with read_session(engine()) as s:
        moves = [m for m in eq.movements(s, participant_id=handover["participant_id"])
                 if m["receipt_number"] == handover["receipt_number"] and m["kind"] in ("handover", "return")]
    held: dict[int, tuple[str, int]] = {}
    for m in sorted(moves, key=lambda m: m["item"]):
        name, units = held.get(m["item_id"], (m["item"], 0))
        held[m["item_id"]] = (name, units - m["quantity"])  # a handover is -n, a return +n
    return {i: v for i, v in held.items() if v[1] > 0}
