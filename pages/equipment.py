"""Equipment (staff, managers, admins): stock on hand, handovers with their receipts, movements;
managers and admins also receive and adjust stock and keep the catalog. Each tab is drawn by a
function in ui/equipment_*.py; the services check every write again."""

import streamlit as st

from pulih.permissions import can
from ui.equipment_catalog import render_catalog
from ui.equipment_handover import render_handover
from ui.equipment_ledger import render_ledger
from ui.equipment_receipts import render_receipts
from ui.equipment_stock import render_movements, render_stock
from ui.guard import require
from ui.i18n import t

ctx = require("equipment")
st.title(t("nav.equipment"))
st.caption(t("equipment.ui.intro"))

tabs = [("stock", render_stock)]
if can(ctx.role, "stock.handover"):
    tabs += [("handover", render_handover), ("receipts", render_receipts)]
if can(ctx.role, "stock.receive") or can(ctx.role, "stock.adjust"):
    tabs += [("ledger", render_ledger)]
tabs += [("movements", render_movements)]
if can(ctx.role, "stock.adjust"):  # the catalog services are guarded by the same action
    tabs += [("catalog", render_catalog)]

for (_name, render), tab in zip(tabs, st.tabs([t(f"equipment.ui.tab.{name}") for name, _ in tabs]), strict=True):
    with tab:
        render(ctx)
