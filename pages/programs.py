"""Programs and cohorts (admin, manager): programs with partners and graduation criteria, a
program's cohorts, a cohort's session plan, and enrolling participants within capacity."""

import streamlit as st

from pulih.database import read_session
from pulih.services.programs import list_cohorts, list_programs
from ui.cases_common import show_flash
from ui.cases_programs import (
    PICK_COHORT, PICK_PROGRAM, cohort_form, cohort_rows, enroll_panel, picker, program_form, program_rows, session_plan,
)
from ui.guard import require
from ui.i18n import t
from ui.state import engine

ctx = require("programs")
st.title(t("nav.programs"))
show_flash()

with read_session(engine()) as s:
    programs = list_programs(s)
left, right = st.columns(2)
with left:
    program_id = picker(PICK_PROGRAM, t("cases.field.program"), {p.id: f"{p.code} – {p.name}" for p in programs},
                        t("cases.ui.new_program"))
cohort_id = 0
if program_id:
    with read_session(engine()) as s:
        cohorts = list_cohorts(s, program_id)
        cohort_table = cohort_rows(s, cohorts)
    with right:
        cohort_id = picker(f"{PICK_COHORT}_{program_id}", t("cases.field.cohort"), {c.id: f"{c.code} – {c.name}" for c in cohorts},
                           t("cases.ui.new_cohort"))

tab_program, tab_cohort, tab_plan, tab_enroll = st.tabs(
    [t("cases.ui.tab_program"), t("cases.ui.tab_cohort"), t("cases.ui.tab_plan"), t("cases.ui.tab_enroll")])
with tab_program:
    if programs:
        st.dataframe(program_rows(programs), hide_index=True, width="stretch")
    st.subheader(t("cases.ui.edit_program") if program_id else t("cases.ui.new_program"))
    program_form(ctx, program_id)
with tab_cohort:
    if not program_id:
        st.info(t("cases.ui.pick_program_first"))
    else:
        if cohort_table:
            dates = {t(f"cases.field.{n}"): st.column_config.DateColumn(format="DD/MM/YYYY")
                     for n in ("start_date", "end_date")}
            st.dataframe(cohort_table, hide_index=True, width="stretch", column_config=dates)
        st.subheader(t("cases.ui.edit_cohort") if cohort_id else t("cases.ui.new_cohort"))
        cohort_form(ctx, program_id, cohort_id)
with tab_plan:
    if cohort_id:
        session_plan(ctx, cohort_id)
    else:
        st.info(t("cases.ui.pick_cohort_first"))
with tab_enroll:
    if cohort_id:
        enroll_panel(ctx, cohort_id)
    else:
        st.info(t("cases.ui.pick_cohort_first"))
