"""The staff part of the home page, called by pages/home.py: today's sessions, attendance not yet
taken, follow-ups due and the user's drafts, each with a button to the screen that deals with it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl

import streamlit as st

from pulih.database import read_session
from pulih.services.attendance import sessions_without_attendance
from pulih.services.followups import due_followups
from pulih.services.programs import list_cohorts, list_sessions
from pulih.services.submissions import drafts_of
from ui.auth import UserContext
from ui.cases_common import FILL_PAGE, day, md
from ui.cases_followups import when_text
from ui.i18n import t
from ui.state import engine

LIMIT = 5


def staff_today(ctx: UserContext) -> None:
    today = dt.date.today()
    with read_session(engine()) as s:
        running = [c for c in list_cohorts(s) if c.start_date <= today <= c.end_date]
        todays = [(c, x) for c in running for x in list_sessions(s, c.id) if x.date == today]
        untaken = sessions_without_attendance(s, today)
        due = due_followups(s, today)
        drafts = drafts_of(s, ctx.username)
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown(f"**{t('cases.ui.home.sessions_today')}**")
        for cohort, x in todays:
            what = x.title or f"{x.module} ({t(f'cases.kind.{x.kind}')})"
            st.text(t("cases.ui.home.session_line", cohort=cohort.code, session=what))
        if not todays:
            st.caption(t("cases.ui.home.no_sessions_today"))
    with right.container(border=True):
        st.markdown(f"**{t('cases.ui.home.attendance_open')}**")
        for u in untaken[-LIMIT:][::-1]:
            if st.button(t("cases.ui.home.take_attendance", cohort=md(u.cohort_code), date=day(u.date)),
                         key=f"home_att_{u.session_id}", icon=":material/fact_check:"):
                st.switch_page("pages/attendance.py", query_params={"session": str(u.session_id)})
        if not untaken:
            st.caption(t("cases.ui.home.all_taken"))
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown(f"**{t('cases.ui.home.followups_due', count=len(due))}**")
        for d in due[:LIMIT]:
            st.text(" · ".join((d.full_name, d.cohort_code, when_text(d))))
        if due and st.button(t("cases.ui.home.open_followups"), key="home_followups", icon=":material/event_repeat:"):
            st.switch_page("pages/followups.py")
        if not due:
            st.caption(t("cases.ui.no_followups_due"))
    with right.container(border=True):
        st.markdown(f"**{t('cases.ui.home.drafts')}**")
        for i, draft in enumerate(drafts[:LIMIT]):
            label = t("cases.ui.home.draft_line", form=md(draft["title"]), at=f"{draft['updated_at']:%d/%m %H:%M}")
            if st.button(label, key=f"home_draft_{i}", icon=":material/edit_note:", disabled=not FILL_PAGE.exists()):
                query = {"form": draft["form_id"], **dict(parse_qsl(draft.get("context") or ""))}
                st.switch_page("pages/fill.py", query_params=query)
        if not drafts:
            st.caption(t("cases.ui.home.no_drafts"))
