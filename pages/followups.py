"""Follow-ups (staff, manager, admin): what is due soon, due today or overdue, each with a button
to fill the follow-up form for that enrollment, or to mark it missed with a reason."""

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.exports import to_csv_bytes
from pulih.services.followups import due_followups
from ui.cases_common import show_flash
from ui.cases_followups import STATES, export_rows, followup_card
from ui.guard import require
from ui.i18n import t
from ui.state import engine

ctx = require("followups")
st.title(t("nav.followups"))
show_flash()
today = dt.date.today()

left, right = st.columns([1, 2], vertical_alignment="bottom")
within = left.number_input(t("cases.ui.within_days"), 0, 366, 14, step=7, key="fu_within")
show = right.pills(
    t("cases.ui.show"), ["all", *STATES], default="all", key="fu_show", wrap=True,
    format_func=lambda s: t("cases.ui.all") if s == "all" else t(f"cases.followup_state.{s}"))
with read_session(engine()) as s:
    due = due_followups(s, today, within_days=int(within))

counts = {state: sum(1 for d in due if d.state == state) for state in STATES}
with st.container(horizontal=True, gap="medium"):
    for state in STATES:
        st.metric(t(f"cases.followup_state.{state}"), counts[state], width="content")

shown = [d for d in due if show in (None, "all") or d.state == show]
if not shown:
    st.success(t("cases.ui.no_followups_due"), icon=":material/task_alt:")
    st.stop()
for item in shown:
    followup_card(ctx, item)
st.download_button(t("common.download_csv"), to_csv_bytes(export_rows(shown)), file_name=f"followups-{today}.csv",
                   mime="text/csv", key="fu_csv", icon=":material/download:", on_click="ignore")
