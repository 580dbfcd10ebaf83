"""One follow-up in the due list: who, which cohort, how late, and what to do about it (fill the
follow-up form, open the participant, or mark it missed with a reason)."""

from __future__ import annotations

import streamlit as st

from pulih.services.followups import DueFollowUp, mark_missed
from ui.auth import UserContext
from ui.cases_common import act, day, fill_button, md
from ui.i18n import t

STATES = ("overdue", "due", "due_soon")
COLOURS = {"overdue": "red", "due": "orange", "due_soon": "blue"}


def when_text(d: DueFollowUp) -> str:
    if d.days_overdue > 0:
        return t("cases.ui.days_late", days=d.days_overdue, date=day(d.due_date))
    if d.days_overdue == 0:
        return t("cases.ui.due_today", date=day(d.due_date))
    return t("cases.ui.days_to_go", days=-d.days_overdue, date=day(d.due_date))


def followup_card(ctx: UserContext, d: DueFollowUp) -> None:
    with st.container(border=True):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"**{md(d.full_name)}** · {md(d.cohort_code)}", width="stretch")
            st.badge(t(f"cases.followup_state.{d.state}"), color=COLOURS[d.state])
        st.caption(t("cases.ui.followup_months", months=d.months_after) + " · " + when_text(d))
        with st.container(horizontal=True, gap="small"):
            fill_button(t("cases.ui.fill_followup"), f"fu_fill_{d.followup_id}", "followup",
                        enrollment=d.enrollment_id, followup=d.followup_id)
            if st.button(t("cases.ui.open_participant"), key=f"fu_open_{d.followup_id}", icon=":material/person:"):
                st.switch_page("pages/participants.py", query_params={"participant": str(d.participant_id)})
            if d.state != "due_soon":
                _missed(ctx, d)


def _missed(ctx: UserContext, d: DueFollowUp) -> None:
    with st.popover(t("cases.ui.mark_missed"), icon=":material/event_busy:"):
        reason = st.text_input(t("cases.ui.missed_reason"), key=f"fu_reason_{d.followup_id}",
                               placeholder=t("cases.ui.missed_placeholder"))
        if st.button(t("cases.ui.confirm_missed"), key=f"fu_missed_{d.followup_id}", type="primary"):
            act(ctx, mark_missed, d.followup_id, reason, done=t("cases.ui.marked_missed", name=md(d.full_name)))


def export_rows(due: list[DueFollowUp]) -> list[dict]:
    return [{t("cases.field.participant"): d.full_name, t("cases.field.cohort"): d.cohort_code,
             t("cases.ui.months"): d.months_after, t("cases.ui.pdf.col.due"): d.due_date,
             t("cases.ui.days_overdue"): d.days_overdue, t("cases.ui.state"): t(f"cases.followup_state.{d.state}")}
            for d in due]
