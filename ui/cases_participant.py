"""One participant (``pages/participants.py?participant=<id>``): profile masked by role, each
enrollment with its status changes, attendance, readiness, scores, follow-ups and the fill-form
buttons, the timeline, and the case file as PDF. Opening it writes the access log (UU PDP)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulih.audit import log_access
from pulih.database import read_session, write_session
from pulih.i18n import Translatable
from pulih.masking import must_mask
from pulih.pdf.casefile import PROFILE_FIELDS, EnrollmentFile, case_file, case_file_pdf, label, profile, value_text
from pulih.permissions import can
from pulih.services.enrollment import TRANSITIONS, change_status, enroll
from pulih.services.participants import open_participant
from pulih.services.programs import list_cohorts, seats_taken
from pulih.services.readiness import MODULES, PARTS, TIMINGS
from ui.auth import UserContext
from ui.cases_common import act, day, fill_button, md, number, pct, show_flash
from ui.i18n import lang, t
from ui.state import engine

_OPENED = "_cases_opened_participant"


def back_to_registry() -> None:
    st.query_params.pop("participant", None)
    st.session_state.pop(_OPENED, None)


def participant_view(ctx: UserContext, participant_id: int) -> None:
    st.button(t("cases.ui.back"), key="back_to_registry", icon=":material/arrow_back:", type="tertiary",
              on_click=back_to_registry)
    try:
        if st.session_state.get(_OPENED) != participant_id:
            with write_session(engine()) as s:
                open_participant(s, ctx.username, participant_id, page="participants")
            st.session_state[_OPENED] = participant_id
        with read_session(engine()) as s:
            case = case_file(s, participant_id, lang())
    except Translatable as exc:
        st.error(md(exc.message(lang())))
        return
    person = case.participant
    masked = must_mask(ctx.role)
    st.title(md(person.full_name))
    show_flash()
    language = lang()  # the PDF is made when the button is clicked, outside this script run
    st.download_button(t("cases.ui.case_file"), data=lambda: _case_file_bytes(ctx, participant_id, language, masked),
                       file_name=f"case-file-{participant_id}.pdf", mime="application/pdf", key="case_file_pdf",
                       icon=":material/picture_as_pdf:", on_click="ignore")
    tabs = st.tabs([t("cases.ui.tab_enrollments"), t("cases.ui.tab_profile"), t("cases.ui.tab_timeline")])
    with tabs[0]:
        if not case.enrollments:
            st.info(t("cases.ui.no_enrollments"))
        for item in case.enrollments:
            enrollment_card(ctx, item)
        if can(ctx.role, "enrollment.change"):
            enroll_in_cohort(ctx, participant_id, {item.cohort.id for item in case.enrollments})
    with tabs[1]:
        data = profile(person, mask=masked)
        st.dataframe([{t("cases.ui.field"): t(f"cases.field.{n}"), t("cases.ui.value"): value_text(n, data[n], lang())}
                      for n in PROFILE_FIELDS], hide_index=True, width="stretch")
        st.caption(t("cases.ui.consent", date=day(person.consent_date)))
    with tabs[2]:
        st.dataframe(pd.DataFrame([{t("cases.ui.pdf.col.date"): e.at, t("cases.ui.what"): t(f"cases.ui.kind.{e.kind}"),
                                    t("cases.ui.pdf.col.event"): e.title} for e in case.timeline]),
                     hide_index=True, width="stretch",
                     column_config={t("cases.ui.pdf.col.date"): st.column_config.DatetimeColumn(format="DD/MM/YYYY")})


def enroll_in_cohort(ctx: UserContext, participant_id: int, already: set[int]) -> None:
    """Enroll this participant in a cohort that has not ended (the service holds the capacity)."""
    with read_session(engine()) as s:
        open_cohorts = {c.id: f"{c.code} – {c.name} ({seats_taken(s, c.id)}/{c.capacity})"
                        for c in list_cohorts(s) if c.end_date >= dt.date.today() and c.id not in already}
    if not open_cohorts:
        return
    with st.expander(t("cases.ui.enroll_in_cohort"), icon=":material/group_add:"):
        cohort_id = st.selectbox(t("cases.field.cohort"), list(open_cohorts), format_func=open_cohorts.get,
                                 key=f"enroll_cohort_{participant_id}")
        if st.button(t("cases.ui.enroll"), key=f"enroll_one_{participant_id}", type="primary"):
            act(ctx, enroll, participant_id, cohort_id, done=t("cases.ui.enrolled", count=1))


def _case_file_bytes(ctx: UserContext, participant_id: int, language: str, masked: bool) -> bytes:
    """The case file as PDF; printing it is logged as an access of its own."""
    with write_session(engine()) as s:
        log_access(s, ctx.username, "casefile", "participants", participant_id)
        return case_file_pdf(s, participant_id, language, mask=masked)


def enrollment_card(ctx: UserContext, item: EnrollmentFile) -> None:
    e, cohort = item.enrollment, item.cohort
    with st.container(border=True):
        st.subheader(md(f"{cohort.code} – {cohort.name}"))
        st.badge(t(f"cases.status.{e.status}"), color=STATUS_COLOURS[e.status])
        a, b, c = st.columns(3)
        a.metric(t("cases.ui.attendance"), pct(item.rate.pct),
                 help=t("cases.ui.attendance_help", present=item.rate.present, held=item.rate.held,
                        excused=item.rate.excused))
        b.metric(t("cases.ui.test_score"), f"{number(item.totals['pre'])} → {number(item.totals['post'])}",
                 help=t("cases.ui.test_score_help"))
        c.metric(t("cases.ui.self_esteem"), f"{number(item.self_esteem['pre'])} → {number(item.self_esteem['post'])}",
                 help=t("cases.ui.self_esteem_help"))
        _dates(item)
        _readiness(item)
        _scores(item)
        _followups(item)
        if e.status in ("registered", "active"):
            x, y = st.columns(2)
            with x:
                fill_button(t("cases.ui.fill_skills"), f"fill_skills_{e.id}", "skills_test", enrollment=e.id)
            with y:
                fill_button(t("cases.ui.fill_self_esteem"), f"fill_rse_{e.id}", "self_esteem", enrollment=e.id)
        status_actions(ctx, item)


STATUS_COLOURS = {"registered": "gray", "active": "blue", "graduated": "green", "dropped_out": "orange"}


def _dates(item: EnrollmentFile) -> None:
    e = item.enrollment
    parts = [t("cases.ui.enrolled_on_text", date=day(e.enrolled_on))]
    if e.graduated_on:
        parts.append(t("cases.ui.graduated_on_text", date=day(e.graduated_on)))
    if e.dropped_on:
        parts.append(t("cases.ui.dropped_on_text", date=day(e.dropped_on)))
    st.caption(" · ".join(parts))
    for reason in (e.dropout_reason, e.graduation_override_reason):
        if reason:
            st.text(t("cases.ui.reason", reason=reason))


def _readiness(item: EnrollmentFile) -> None:
    ready = item.readiness
    if ready is None or item.enrollment.status == "graduated":
        return
    if ready.ready:
        st.success(t("cases.ui.ready", pct=number(ready.min_attendance_pct), score=number(ready.min_post_score)),
                   icon=":material/school:")
    else:
        st.warning(t("cases.ui.not_ready") + "\n\n" + "\n".join(f"- {m.message(lang())}" for m in ready.missing))


def _scores(item: EnrollmentFile) -> None:
    rows = [{t("cases.ui.pdf.col.module"): label(f"cases.ui.module.{m}", lang(), m),
             **{t(f"cases.ui.pdf.col.{tm}_{p}"): item.scores[m][tm][p] for tm in TIMINGS for p in PARTS}}
            for m in MODULES]
    if any(v is not None for r in rows for k, v in r.items() if k != t("cases.ui.pdf.col.module")):
        with st.expander(t("cases.ui.scores")):
            st.dataframe(rows, hide_index=True, width="stretch")


def _followups(item: EnrollmentFile) -> None:
    if not item.followups:
        return
    with st.expander(t("cases.ui.followups", count=len(item.followups))):
        for f, _answers in item.followups:
            cols = st.columns([3, 1], vertical_alignment="center")
            cols[0].text(t("cases.ui.followup_line", months=f.months_after, date=day(f.due_date),
                           status=t(f"cases.followup_status.{f.status}")))
            if f.status == "due":
                with cols[1]:
                    fill_button(t("cases.ui.fill_followup"), f"fill_fu_{f.id}", "followup",
                                enrollment=item.enrollment.id, followup=f.id)


def status_actions(ctx: UserContext, item: EnrollmentFile) -> None:
    e = item.enrollment
    allowed = TRANSITIONS[e.status]
    if not allowed:
        return
    with st.expander(t("cases.ui.change_status"), icon=":material/swap_horiz:"):
        if "active" in allowed and st.button(t("cases.ui.activate"), key=f"activate_{e.id}"):
            act(ctx, change_status, e.id, "active", done=t("cases.ui.status_changed"))
        if "graduated" in allowed:
            _graduate_form(ctx, item)
        if "dropped_out" in allowed:
            with st.form(f"dropout_{e.id}"):
                st.markdown(f"**{t('cases.ui.drop_out')}**")
                reason = st.text_input(t("cases.field.dropout_reason"), key=f"dropout_reason_{e.id}")
                on = st.date_input(t("cases.field.dropped_on"), dt.date.today(), key=f"dropout_on_{e.id}",
                                   format="DD/MM/YYYY")
                if st.form_submit_button(t("cases.ui.drop_out"), key=f"dropout_go_{e.id}"):
                    act(ctx, change_status, e.id, "dropped_out", on=on, reason=reason,
                        done=t("cases.ui.status_changed"))


def _graduate_form(ctx: UserContext, item: EnrollmentFile) -> None:
    e, ready = item.enrollment, item.readiness
    with st.form(f"graduate_{e.id}"):
        st.markdown(f"**{t('cases.ui.graduate')}**")
        on = st.date_input(t("cases.field.graduated_on"), min(dt.date.today(), item.cohort.end_date),
                           key=f"graduate_on_{e.id}", format="DD/MM/YYYY")
        reason = None
        if ready is not None and not ready.ready:
            reason = st.text_input(t("cases.ui.override_reason"), key=f"graduate_reason_{e.id}",
                                   help=t("cases.ui.override_help"))
        if st.form_submit_button(t("cases.ui.graduate"), type="primary", key=f"graduate_go_{e.id}"):
            act(ctx, change_status, e.id, "graduated", on=on, override_reason=reason,
                done=t("cases.ui.status_changed"))
