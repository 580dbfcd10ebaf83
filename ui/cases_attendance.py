"""The attendance grid of one session, made for a phone: one row per participant with a
three-way switch (present / absent / excused) and a note, all saved in one action."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.models import ATTENDANCE_STATUSES, TrainingSession
from pulih.services.attendance import GridRow, SessionDue, sessions_without_attendance
from pulih.services.programs import list_cohorts, list_sessions
from ui.cases_common import day, int_param, md
from ui.i18n import t
from ui.state import engine

SHORT = {"present": "cases.ui.att_short.present", "absent": "cases.ui.att_short.absent",
         "excused": "cases.ui.att_short.excused"}


def status_key(session_id: int, enrollment_id: int) -> str:
    return f"att_{session_id}_{enrollment_id}"


def note_key(session_id: int, enrollment_id: int) -> str:
    return f"att_note_{session_id}_{enrollment_id}"


def default_session(sessions: list, untaken: list[SessionDue], wanted: int | None, today: dt.date) -> int | None:
    """The session to show first: the one asked for, today's, the latest not yet taken, or the latest held."""
    ids = [x.id for x in sessions]
    if wanted in ids:
        return wanted
    todays = [x.id for x in sessions if x.date == today]
    if todays:
        return todays[0]
    open_ids = [u.session_id for u in untaken if u.session_id in ids]
    if open_ids:
        return open_ids[-1]
    held = [x.id for x in sessions if x.date <= today]
    return held[-1] if held else None


def prepare(session_id: int, grid: list[GridRow]) -> None:
    """Start each row's widgets from what is recorded (once per session shown, so edits survive reruns)."""
    for row in grid:
        st.session_state.setdefault(status_key(session_id, row.enrollment_id), row.status)
        st.session_state.setdefault(note_key(session_id, row.enrollment_id), row.note)


def all_present(session_id: int, grid: list[GridRow]) -> None:
    """Mark everyone not yet marked as present (on screen only; saving is still one click)."""
    for row in grid:
        key = status_key(session_id, row.enrollment_id)
        if not st.session_state.get(key):
            st.session_state[key] = "present"


def grid_rows(session_id: int, grid: list[GridRow]) -> None:
    """One bordered row per participant: name and a note button on one line, the switch under it."""
    for row in grid:
        name = row.full_name if row.enrollment_status != "dropped_out" else (
            f"{row.full_name} ({t('cases.status.dropped_out')})")
        note = st.session_state.get(note_key(session_id, row.enrollment_id)) or ""
        with st.container(border=True, gap="small", key=f"att_row_{row.enrollment_id}"):
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                st.text(name, width="stretch")
                label = md(note if len(note) <= 18 else note[:17] + "…") if note else t("cases.ui.note")
                with st.popover(label, icon=":material/edit_note:", type="tertiary"):
                    st.text_input(t("cases.ui.note"), key=note_key(session_id, row.enrollment_id),
                                  placeholder=t("cases.ui.note_placeholder"), max_chars=2000)
            st.segmented_control(
                name, list(ATTENDANCE_STATUSES), format_func=lambda s: t(SHORT[s]), label_visibility="collapsed",
                key=status_key(session_id, row.enrollment_id), width="stretch",
            )


def collected(session_id: int, grid: list[GridRow]) -> list[dict]:
    return [{"enrollment_id": row.enrollment_id,
             "status": st.session_state.get(status_key(session_id, row.enrollment_id)),
             "note": st.session_state.get(note_key(session_id, row.enrollment_id)) or ""} for row in grid]


def forget_grid(session_id: int) -> None:
    for key in [k for k in st.session_state if str(k).startswith((f"att_{session_id}_", f"att_note_{session_id}_"))]:
        del st.session_state[key]


def choose_session() -> int | None:
    """Cohort and session pickers; ``?session=<id>`` preselects (the staff home links here)."""
    today = dt.date.today()
    with read_session(engine()) as s:
        cohorts = list_cohorts(s)
        untaken = sessions_without_attendance(s, today)
        wanted = s.get(TrainingSession, int_param("session") or 0)
    if not cohorts:
        st.info(t("cases.ui.no_cohorts"))
        return None
    ids = [c.id for c in cohorts]
    running = [c.id for c in cohorts if c.start_date <= today <= c.end_date]
    first = wanted.cohort_id if wanted else (untaken[-1].cohort_id if untaken else (running or ids)[0])
    cohort_id = st.selectbox(t("cases.field.cohort"), ids, index=ids.index(first), key="att_cohort",
                             format_func={c.id: f"{c.code} – {c.name}" for c in cohorts}.get)
    with read_session(engine()) as s:
        sessions = [x for x in list_sessions(s, cohort_id) if x.date <= today]
    if not sessions:
        st.info(t("cases.ui.no_sessions_yet"))
        return None
    open_ids = {u.session_id for u in untaken}
    labels = {x.id: t("cases.ui.session_label", date=day(x.date), module=x.title or x.module,
                      mark=t("cases.ui.not_taken") if x.id in open_ids else "✓") for x in sessions}
    choice = default_session(sessions, untaken, wanted.id if wanted else None, today)
    session_id = st.selectbox(t("cases.field.session"), list(labels), index=list(labels).index(choice),
                              format_func=labels.get, key=f"att_session_{cohort_id}")
    st.caption(t("cases.ui.session_open") if session_id in open_ids else t("cases.ui.session_taken"))
    return session_id
