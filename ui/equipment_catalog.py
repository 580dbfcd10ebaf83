"""Equipment tab "Catalog" (managers and admins): items (code, name, unit, unit cost, serials) and
kits (items x quantities), created and edited through the catalog services."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulih.database import read_session
from pulih.money import format_rupiah
from pulih.services import equipment as eq
from pulih.services.equipment_catalog import ITEM_FIELDS
from ui.auth import UserContext
from ui.cases_common import md
from ui.equipment_common import Column, done, fresh, money_input, save, show_flash, show_table
from ui.i18n import t
from ui.state import engine

ITEM_COLUMNS: list[Column] = [
    ("code", "equipment.ui.col.code", "text"), ("name", "equipment.ui.col.item", "text"),
    ("unit", "equipment.ui.col.unit", "text"), ("unit_cost", "equipment.ui.col.unit_cost", "money"),
    ("has_serials", "equipment.ui.col.has_serials", "bool"), ("is_active", "equipment.ui.col.active", "bool"),
    ("on_hand", "equipment.ui.col.on_hand", "int"),
]
KIT_LINE_COLUMNS: list[Column] = [
    ("item", "equipment.ui.col.item", "text"), ("quantity", "equipment.ui.col.quantity", "int"),
    ("unit", "equipment.ui.col.unit", "text"), ("unit_cost", "equipment.ui.col.unit_cost", "money"),
]


def render_catalog(ctx: UserContext) -> None:
    show_flash("catalog")
    g = fresh("catalog")
    with read_session(engine()) as s:
        on_hand = {r["item_id"]: r["quantity"] for r in eq.stock_on_hand(s)}
        items = {i.id: {**{f: getattr(i, f) for f in ITEM_FIELDS}, "id": i.id,
                        "on_hand": on_hand.get(i.id, 0)} for i in eq.list_items(s)}
        kits = {k["id"]: k for k in eq.list_kits(s)}
    st.subheader(t("equipment.ui.items_title"))
    show_table(list(items.values()), ITEM_COLUMNS, key="cat_items_table")
    new_tab, edit_tab = st.tabs([t("equipment.ui.new_item"), t("equipment.ui.edit_item")])
    with new_tab:
        _item_form(ctx, None, "cat_new" + g)
    with edit_tab:
        if items:
            item_id = st.selectbox(t("equipment.ui.col.item"), list(items), key="cat_item_pick",
                                   format_func=lambda i: f"{items[i]['name']} ({items[i]['code']})")
            _item_form(ctx, items[item_id], f"cat_item_{item_id}{g}")
    st.subheader(t("equipment.ui.kits_title"))
    for kit in kits.values():
        with st.expander(md(f"{kit['name']} ({kit['code']}) – {format_rupiah(kit['value'])}")):
            show_table(kit["lines"], KIT_LINE_COLUMNS, key=f"cat_kit_{kit['id']}_table")
    new_kit, edit_kit = st.tabs([t("equipment.ui.new_kit"), t("equipment.ui.edit_kit")])
    with new_kit:
        _kit_form(ctx, None, items, "cat_newkit" + g)
    with edit_kit:
        if kits:
            kit_id = st.selectbox(t("equipment.ui.col.kit"), list(kits), key="cat_kit_pick",
                                  format_func=lambda k: f"{kits[k]['name']} ({kits[k]['code']})")
            _kit_form(ctx, kits[kit_id], items, f"cat_kit_{kit_id}{g}")


def _item_form(ctx: UserContext, item: dict | None, key: str) -> None:
    item = item or {}
    with st.form(f"{key}_form"):
        a, b, c, d = st.columns([1, 3, 1, 2])
        code = a.text_input(t("equipment.ui.col.code"), value=item.get("code", ""), key=f"{key}_code")
        name = b.text_input(t("equipment.ui.col.item"), value=item.get("name", ""), key=f"{key}_name")
        unit = c.text_input(t("equipment.ui.col.unit"), value=item.get("unit", "pcs"), key=f"{key}_unit")
        cost = money_input(t("equipment.ui.col.unit_cost"), value=item.get("unit_cost"), key=f"{key}_cost", where=d)
        description = st.text_input(t("equipment.ui.description"), value=item.get("description", ""),
                                    key=f"{key}_description")
        e, f = st.columns(2)
        serials = e.checkbox(t("equipment.ui.col.has_serials"), value=item.get("has_serials", False),
                             key=f"{key}_serials")
        active = f.checkbox(t("equipment.ui.col.active"), value=item.get("is_active", True), key=f"{key}_active",
                            disabled=not item)
        if not st.form_submit_button(t("common.save"), type="primary", key=f"{key}_submit"):
            return
    values = dict(code=code, name=name, unit=unit, unit_cost=cost, has_serials=serials, description=description)
    if item:
        ok, _ = save(ctx, eq.update_item, item["id"], **values, is_active=active)
    else:
        ok, _ = save(ctx, eq.create_item, **values)
    if ok:
        done("catalog", t("equipment.ui.item_saved", name=name.strip()))


def _kit_form(ctx: UserContext, kit: dict | None, items: dict, key: str) -> None:
    current = {ln["item_id"]: ln["quantity"] for ln in (kit or {}).get("lines", [])}
    table = pd.DataFrame({t("equipment.ui.col.item"): [i["name"] for i in items.values()],
                          t("equipment.ui.col.quantity"): [current.get(i, 0) for i in items]}, index=list(items))
    with st.form(f"{key}_form"):
        a, b = st.columns([1, 3])
        code = a.text_input(t("equipment.ui.col.code"), value=(kit or {}).get("code", ""), key=f"{key}_code",
                            disabled=kit is not None)
        name = b.text_input(t("equipment.ui.col.kit"), value=(kit or {}).get("name", ""), key=f"{key}_name")
        description = st.text_input(t("equipment.ui.description"), value=(kit or {}).get("description", ""),
                                    key=f"{key}_description")
        st.caption(t("equipment.ui.kit_lines_help"))
        edited = st.data_editor(table, key=f"{key}_lines", width="stretch", hide_index=True,
                                disabled=[table.columns[0]],
                                column_config={table.columns[1]: st.column_config.NumberColumn(min_value=0, step=1)})
        if not st.form_submit_button(t("common.save"), type="primary", key=f"{key}_submit"):
            return
    lines = [(int(i), int(q)) for i, q in edited[table.columns[1]].items() if pd.notna(q) and int(q) > 0]
    if kit:
        ok, _ = save(ctx, eq.update_kit, kit["id"], name=name, description=description, lines=lines)
    else:
        ok, _ = save(ctx, eq.create_kit, code=code, name=name, description=description, lines=lines)
    if ok:
        done("catalog", t("equipment.ui.kit_saved", name=name.strip()))
