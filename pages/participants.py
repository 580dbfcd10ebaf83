"""Participants (staff, manager, admin): the registry, searched, filtered and paged on the server;
registering goes to the intake form. ``?participant=<id>`` opens one participant (a link to share)."""

import streamlit as st

from pulih.database import read_session
from pulih.masking import mask_nik, must_mask
from pulih.services.enrollment import TRANSITIONS
from pulih.services.participants import districts, search_participants
from pulih.services.programs import list_cohorts
from ui.cases_common import FILL_PAGE, int_param, show_flash
from ui.cases_participant import participant_view
from ui.guard import require
from ui.i18n import t
from ui.state import engine

PAGE_SIZE = 10
ctx = require("participants")
if int_param("participant"):
    participant_view(ctx, int_param("participant"))
    st.stop()

head, button = st.columns([3, 1], vertical_alignment="bottom")
head.title(t("nav.participants"))
if button.button(t("cases.ui.register"), key="register", icon=":material/person_add:", type="primary",
                 disabled=not FILL_PAGE.exists(), width="stretch"):
    st.switch_page("pages/fill.py", query_params={"form": "intake"})
show_flash()


def first_page() -> None:
    st.session_state["reg_page"] = 1


with read_session(engine()) as s:
    cohorts = {c.id: c.code for c in list_cohorts(s)}
    district_names = districts(s)
query = st.text_input(t("cases.ui.search"), key="reg_q", placeholder=t("cases.ui.search_hint"),
                      on_change=first_page, persist_state="session")
a, b, c = st.columns(3)
district = a.selectbox(t("cases.field.district"), [None, *district_names], key="reg_district", on_change=first_page,
                       format_func=lambda d: d or t("cases.ui.all"), persist_state="session")
cohort_id = b.selectbox(t("cases.field.cohort"), [None, *cohorts], key="reg_cohort", on_change=first_page,
                        format_func=lambda i: cohorts.get(i, t("cases.ui.all")), persist_state="session")
status = c.selectbox(t("cases.ui.status"), [None, *TRANSITIONS], key="reg_status", on_change=first_page,
                     format_func=lambda x: t(f"cases.status.{x}") if x else t("cases.ui.all"), persist_state="session")

masked = must_mask(ctx.role)
with read_session(engine()) as s:
    found = search_participants(s, query, district, cohort_id, status, page=st.session_state.get("reg_page", 1),
                                page_size=PAGE_SIZE)
    rows = [{
        t("cases.field.full_name"): p.full_name,
        t("cases.field.nik"): mask_nik(p.nik) if masked else p.nik,
        t("cases.field.birth_date"): p.birth_date,
        t("cases.field.district"): p.district,
        t("cases.field.cohort"): ", ".join(f"{cohorts.get(e.cohort_id, '?')} ({t(f'cases.status.{e.status}')})"
                                           for e in p.enrollments),
    } for p in found.items]
ids = [p.id for p in found.items]

if not rows:
    st.info(t("cases.ui.no_participants"))
    st.stop()
st.caption(t("cases.ui.found", total=found.total, page=found.page, pages=found.pages))
picked = st.dataframe(rows, key="reg_table", on_select="rerun", selection_mode="single-row", hide_index=True,
                      width="stretch", column_config={t("cases.field.birth_date"): st.column_config.DateColumn(
                          format="DD/MM/YYYY")})
if found.pages > 1:
    st.session_state["reg_page"] = found.page  # the page the server showed (fewer pages after a change)
    st.pagination(found.pages, key="reg_page", persist_state="session")
st.caption(t("cases.ui.open_hint"))
if picked.selection.rows:
    st.query_params["participant"] = str(ids[picked.selection.rows[0]])
    st.rerun()
