"""Attendance (staff, manager, admin): pick a cohort and a session (today's, or the latest not yet
taken), mark everyone present / absent / excused with a note, save the whole grid in one action.
Saving again corrects it; the service keeps every change in the audit log."""

import streamlit as st

from pulih.database import read_session
from pulih.services.attendance import attendance_grid, record_attendance
from ui.cases_attendance import all_present, choose_session, collected, forget_grid, grid_rows, prepare
from ui.cases_common import act, show_flash
from ui.guard import require
from ui.i18n import t
from ui.state import engine

ctx = require("attendance")
st.title(t("nav.attendance"))
show_flash()
session_id = choose_session()
if session_id is None:
    st.stop()


@st.fragment
def grid() -> None:
    with read_session(engine()) as s:
        rows = attendance_grid(s, session_id)
    if not rows:
        st.info(t("cases.ui.no_participants_in_cohort"))
        return
    prepare(session_id, rows)
    st.button(t("cases.ui.all_present"), key="att_all_present", icon=":material/done_all:",
              on_click=all_present, args=(session_id, rows))
    grid_rows(session_id, rows)
    marked = sum(1 for r in collected(session_id, rows) if r["status"])
    st.caption(t("cases.ui.marked", marked=marked, total=len(rows)))
    if st.button(t("cases.ui.save_attendance"), key="att_save", type="primary", icon=":material/save:",
                 width="stretch"):
        act(ctx, record_attendance, session_id, collected(session_id, rows),
            then=lambda _: forget_grid(session_id), done=lambda n: t("cases.ui.attendance_saved", **n))


grid()
