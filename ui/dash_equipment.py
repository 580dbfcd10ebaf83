"""Equipment tab: kits handed over vs planned per cohort, units per item with the stock on hand,
the value handed over, and the participants still waiting for their kit (names masked for roles
that may not see them, downloads included)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulih import charts
from pulih.dashboards import equipment, live
from pulih.dashboards.filters import Filters
from pulih.database import read_session
from pulih.masking import must_mask
from ui.auth import UserContext
from ui.dash_common import cached, chart, num, rupiah, status_as_stage, table
from ui.i18n import t
from ui.state import engine

TOPICS = live.TOPICS["equipment"]


@cached
def load(key: str, lang: str, masked: bool, _filters: Filters) -> dict[str, pd.DataFrame]:
    with read_session(engine()) as s:
        return {
            "kits": equipment.kits_by_cohort(s, _filters),
            "items": equipment.items(s, _filters),
            "pending": status_as_stage(equipment.pending_handovers(s, _filters, masked=masked, lang=lang)),
        }


def render_equipment(ctx: UserContext, filters: Filters, snap: dict[str, int]) -> None:
    masked = must_mask(ctx.role)
    frames = load(live.cache_key(filters, snap, TOPICS), ctx.lang, masked, filters)
    kits, items, pending = frames["kits"], frames["items"], frames["pending"]
    cols = st.columns(3)
    cols[0].metric(t("dash.ui.kits_planned"), num(int(kits["planned"].sum())), border=True)
    cols[1].metric(t("dash.ui.kits_handed"), num(int(kits["handed_over"].sum())), border=True)
    cols[2].metric(t("dash.ui.kits_pending"), num(int(kits["pending"].sum())), border=True)
    cols = st.columns(2)
    cols[0].metric(t("dash.ui.value_handed"), rupiah(sum(kits["value_handed_over"], 0)), border=True)
    cols[1].metric(t("dash.ui.stock_value"), rupiah(sum(items["value_on_hand"], 0)), border=True,
                   help=t("dash.ui.stock_note"))

    left, right = st.columns(2)
    with left:
        chart("kits", charts.kits_chart, kits,
              ["cohort_code", "kit_code", "planned", "handed_over", "pending", "value_handed_over"])
    with right:
        chart("items", charts.items_chart, items,
              ["item_name", "unit", "unit_cost", "planned", "handed_over", "value_handed_over", "on_hand",
               "value_on_hand"])
        st.caption(t("dash.ui.stock_note"))

    st.subheader(t("dash.ui.pending_title"))
    if pending.empty:
        st.success(t("dash.ui.none_pending"), icon=":material/check_circle:")
        return
    if masked:
        st.caption(t("dash.ui.masked"))
    table("pending-handovers", pending, ["participant", "cohort_code", "stage", "kit_code"], expanded=True)
