"""The parts of the fill screen around the form: what the submission is about (cohort,
enrollment, session) and, for an intake, the NIK check and likely duplicates."""

from __future__ import annotations

import streamlit as st

from pulih.database import read_session
from pulih.forms.model import FormDef
from pulih.models import Participant
from pulih.permissions import can
from pulih.services import enrollment as enrollment_service
from pulih.services import programs
from pulih.services.entity_binding import Context
from pulih.services.intake import check_intake, needs
from ui.auth import UserContext
from ui.i18n import lang, t
from ui.state import engine


def _int_param(name: str) -> int | None:
    value = st.query_params.get(name)
    return int(value) if value and str(value).isdigit() else None


def choose_context(form: FormDef) -> Context | None:
    """Widgets for the context the form needs; None while something required is missing."""
    wanted = needs(form)
    participant_id, enrollment_id = _int_param("participant"), _int_param("enrollment")
    session_id, followup_id = _int_param("session"), _int_param("followup")
    if not wanted:
        return Context(participant_id=participant_id if form.entity == "participant" else None)
    with read_session(engine()) as s:
        cohorts = programs.list_cohorts(s)
        current = enrollment_service.get_enrollment(s, enrollment_id) if enrollment_id else None
        cohort_ids = [c.id for c in cohorts]
        names = {c.id: f"{c.code} – {c.name}" for c in cohorts}
        default = cohort_ids.index(current.cohort_id) if current and current.cohort_id in cohort_ids else 0
        cols = st.columns(2)
        cohort_id = cols[0].selectbox(t("fill.cohort"), cohort_ids, index=default if cohort_ids else None,
                                      format_func=names.get, key="fill_cohort")
        if cohort_id is None:
            return None
        if "session" in wanted:
            sessions = programs.list_sessions(s, cohort_id)
            labels = {x.id: f"{x.date:%d/%m/%Y} · {x.title or x.module}" for x in sessions}
            ids = [x.id for x in sessions]
            session_id = cols[1].selectbox(t("fill.session"), ids, index=ids.index(session_id) if session_id in ids else None,
                                           format_func=labels.get, key="fill_session", placeholder=t("fill.choose"))
        if "enrollment" in wanted:
            rows = enrollment_service.enrollments_of(s, cohort_id=cohort_id)
            people = {e.id: s.get(Participant, e.participant_id).full_name for e in rows}
            ids = sorted(people, key=people.get)
            column = cols[1] if "session" not in wanted else st
            enrollment_id = column.selectbox(t("fill.enrollment"), ids, index=ids.index(enrollment_id) if enrollment_id in ids else None,
                                             format_func=people.get, key="fill_enrollment", placeholder=t("fill.choose"))
    if ("enrollment" in wanted and not enrollment_id) or ("session" in wanted and not session_id):
        st.info(t("fill.context_required"))
        return None
    return Context(enrollment_id=enrollment_id, session_id=session_id, followup_id=followup_id)


def intake_panel(form: FormDef, answers: dict, ctx: UserContext, context: Context) -> Context:
    """NIK problems and likely duplicates of the answers so far; an override reason for managers."""
    with read_session(engine()) as s:
        check = check_intake(s, form, answers, exclude_id=context.participant_id)
        if context.participant_id:
            person = s.get(Participant, context.participant_id)
            st.info(t("fill.editing_participant", name=person.full_name if person else "?"))
    if check.nik_problems:
        st.warning(t("fill.nik_problems") + "\n\n" + "\n".join(f"- {p.message(lang())}" for p in check.nik_problems))
    if not check.duplicates:
        return context
    with st.container(border=True):
        st.warning(t("fill.duplicates"), icon=":material/group:")
        for d in check.duplicates[:5]:
            p = d.participant
            cols = st.columns([4, 1])
            cols[0].text(t("fill.duplicate_row", name=p.full_name, birth_date=f"{p.birth_date:%d/%m/%Y}", nik=p.nik,
                           reason=t(f"fill.reason.{d.reason}")))
            if cols[1].button(t("fill.open_existing"), key=f"open_dup_{p.id}"):
                st.switch_page("pages/participants.py", query_params={"participant": str(p.id)})
        if check.same_nik:
            if can(ctx.role, "participant.duplicate_override"):
                reason = st.text_input(t("fill.override_reason"), key="fill_override_reason")
                return Context(participant_id=context.participant_id, override_reason=reason.strip() or None)
            st.error(t("fill.override_needs_manager"))
    return context
