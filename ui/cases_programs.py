"""The forms of the programs screen: a program with its partners and graduation criteria, a
cohort, the cohort's session plan, and enrolling participants from the registry."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulih.database import read_session
from pulih.models import Participant
from pulih.services import programs as svc
from pulih.services.budget_setup import list_funding_sources
from pulih.services.enrollment import enroll, enrollments_of
from pulih.services.equipment_catalog import list_kits
from pulih.services.participants import search_participants
from pulih.services.programs import SESSION_KINDS
from ui.auth import UserContext
from ui.cases_common import act, day, forget, md
from ui.i18n import t
from ui.state import engine

PICK_PROGRAM, PICK_COHORT = "prog_pick", "cohort_pick"


def f(name: str) -> str:
    return t(f"cases.field.{name}")


def _select(key: str, value: int) -> None:
    """Select ``value`` in the picker ``key`` on the next run (a widget's state can't change after it is drawn)."""
    st.session_state[f"_next_{key}"] = value


def picker(key: str, label: str, options: dict[int, str], new_label: str) -> int:
    """A selectbox over ``options`` plus "new" (0); returns the chosen id or 0."""
    pending = st.session_state.pop(f"_next_{key}", None)
    if pending is not None:
        st.session_state[key] = pending
    if st.session_state.get(key) not in (0, *options):
        st.session_state.pop(key, None)
    labels = {**options, 0: new_label}
    return st.selectbox(label, list(labels), format_func=labels.get, key=key)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


# --- program ------------------------------------------------------------------------------------

def program_form(ctx: UserContext, program_id: int) -> None:
    with read_session(engine()) as s:
        program = svc.get_program(s, program_id) if program_id else None
        funding = {x.id: f"{x.code} – {x.name}" for x in list_funding_sources(s)}
        partners = [(p.name, role) for p, role in svc.partners_of(s, program_id=program_id)] if program_id else []
    k = f"prog_{program_id or 'new'}"
    v = (lambda name, default: getattr(program, name)) if program else (lambda name, default: default)  # noqa: E731
    with st.form(k, border=True):
        a, b = st.columns(2)
        code = a.text_input(f("code"), v("code", ""), key=f"{k}_code", max_chars=40)
        name = b.text_input(f("name"), v("name", ""), key=f"{k}_name", max_chars=300)
        skill = a.text_input(f("skill"), v("skill", ""), key=f"{k}_skill")
        target = b.text_input(f("target_group"), v("target_group", ""), key=f"{k}_target_group")
        ids = [None, *funding]
        source = a.selectbox(f("funding_source_id"), ids, index=ids.index(v("funding_source_id", None)),
                             format_func=lambda i: funding.get(i, "-"), key=f"{k}_funding")
        months = b.text_input(f("followup_months"), ", ".join(map(str, v("followup_months", [3, 6]) or [])),
                              key=f"{k}_months", help=t("cases.ui.months_help"))
        min_pct = a.number_input(f("min_attendance_pct"), 0.0, 100.0, float(v("min_attendance_pct", 80)), 5.0,
                                 key=f"{k}_min_pct")
        min_post = b.number_input(f("min_post_score"), 0.0, 9999.0, float(v("min_post_score", 60)), 5.0,
                                  key=f"{k}_min_post")
        description = st.text_area(f("description"), v("description", "") or "", key=f"{k}_description", height=90)
        st.caption(t("cases.ui.partners_help"))
        edited = st.data_editor(
            pd.DataFrame(partners, columns=["name", "role"]), num_rows="dynamic", hide_index=True, key=f"{k}_partners",
            column_config={"name": st.column_config.TextColumn(f("partner"), required=True, max_chars=200),
                           "role": st.column_config.TextColumn(t("cases.ui.partner_role"), max_chars=100)},
        )
        active = st.checkbox(t("cases.ui.program_active"), v("is_active", True), key=f"{k}_active")
        saved = st.form_submit_button(t("common.save") if program else t("cases.ui.create_program"), type="primary",
                                      key=f"{k}_save")
    if not saved:
        return
    data = {"code": code, "name": name, "skill": skill, "target_group": target, "description": description,
            "funding_source_id": source, "followup_months": months, "min_attendance_pct": min_pct,
            "min_post_score": min_post, "is_active": active,
            "partners": [{"name": _text(r["name"]), "role": _text(r["role"])}
                         for r in edited.to_dict("records") if _text(r["name"])]}
    if program:
        act(ctx, svc.update_program, program.id, data, then=lambda _: forget(f"{k}_partners"))
    else:
        act(ctx, svc.create_program, data, done=t("cases.ui.program_created", code=md(code)),
            then=lambda p: (forget("prog_new_"), _select(PICK_PROGRAM, p.id)))


def program_rows(programs: list) -> list[dict]:
    return [{f("code"): p.code, f("name"): p.name, f("skill"): p.skill, f("target_group"): p.target_group,
             f("min_attendance_pct"): float(p.min_attendance_pct), f("min_post_score"): float(p.min_post_score),
             f("followup_months"): ", ".join(map(str, p.followup_months or [])),
             t("cases.ui.program_active"): p.is_active} for p in programs]


# --- cohort -------------------------------------------------------------------------------------

def cohort_form(ctx: UserContext, program_id: int, cohort_id: int) -> None:
    with read_session(engine()) as s:
        program = svc.get_program(s, program_id)
        cohort = svc.get_cohort(s, cohort_id) if cohort_id else None
        kits = {x["id"]: f"{x['code']} – {x['name']}" for x in list_kits(s)}
    k = f"cohort_{cohort_id or f'new{program_id}'}"
    today = dt.date.today()
    defaults = {"code": "", "name": "", "venue": "", "skill": program.skill, "start_date": today,
                "end_date": today + dt.timedelta(days=20), "capacity": 12, "instructors": "", "kit_id": None}
    v = (lambda name: getattr(cohort, name)) if cohort else defaults.get  # noqa: E731
    with st.form(k, border=True):
        a, b = st.columns(2)
        code = a.text_input(f("code"), v("code"), key=f"{k}_code", max_chars=40)
        name = b.text_input(f("name"), v("name"), key=f"{k}_name", max_chars=300)
        venue = a.text_input(f("venue"), v("venue"), key=f"{k}_venue")
        skill = b.text_input(f("skill"), v("skill"), key=f"{k}_skill")
        start = a.date_input(f("start_date"), v("start_date"), key=f"{k}_start", format="DD/MM/YYYY")
        end = b.date_input(f("end_date"), v("end_date"), key=f"{k}_end", format="DD/MM/YYYY")
        capacity = a.number_input(f("capacity"), 1, 10_000, int(v("capacity")), key=f"{k}_capacity")
        ids = [None, *kits]
        kit = b.selectbox(f("kit_id"), ids, index=ids.index(v("kit_id")) if v("kit_id") in ids else 0,
                          format_func=lambda i: kits.get(i, "-"), key=f"{k}_kit")
        instructors = st.text_area(f("instructors"), v("instructors") or "", key=f"{k}_instructors", height=70)
        saved = st.form_submit_button(t("common.save") if cohort else t("cases.ui.create_cohort"), type="primary",
                                      key=f"{k}_save")
    if not saved:
        return
    data = {"code": code, "name": name, "venue": venue, "skill": skill, "start_date": start, "end_date": end,
            "capacity": capacity, "instructors": instructors, "kit_id": kit}
    if cohort:
        act(ctx, svc.update_cohort, cohort.id, data)
    else:
        act(ctx, svc.create_cohort, program_id, data, done=t("cases.ui.cohort_created", code=md(code)),
            then=lambda c: (forget(f"{k}_"), _select(f"{PICK_COHORT}_{program_id}", c.id)))


def cohort_rows(session, cohorts: list) -> list[dict]:  # noqa: ANN001
    return [{f("code"): c.code, f("name"): c.name, f("start_date"): c.start_date, f("end_date"): c.end_date,
             t("cases.ui.seats"): f"{svc.seats_taken(session, c.id)} / {c.capacity}", f("venue"): c.venue}
            for c in cohorts]


# --- session plan -------------------------------------------------------------------------------

def session_plan(ctx: UserContext, cohort_id: int) -> None:
    with read_session(engine()) as s:
        cohort = svc.get_cohort(s, cohort_id)
        rows = [{"id": x.id, "date": x.date, "module": x.module, "kind": x.kind, "title": x.title}
                for x in svc.list_sessions(s, cohort_id)]
    st.caption(t("cases.ui.plan_help", start=day(cohort.start_date), end=day(cohort.end_date)))
    frame = pd.DataFrame(rows, columns=["id", "date", "module", "kind", "title"])
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, key=f"plan_{cohort_id}", width="stretch",
        column_config={
            "id": None,
            "date": st.column_config.DateColumn(f("date"), required=True, format="DD/MM/YYYY",
                                                min_value=cohort.start_date, max_value=cohort.end_date),
            "module": st.column_config.TextColumn(f("module"), required=True, max_chars=100),
            "kind": st.column_config.SelectboxColumn(f("kind"), options=list(SESSION_KINDS), required=True,
                                                     format_func=lambda k: t(f"cases.kind.{k}")),
            "title": st.column_config.TextColumn(f("title"), max_chars=300),
        },
    )
    if st.button(t("cases.ui.save_plan"), key=f"plan_save_{cohort_id}", type="primary", icon=":material/save:"):
        before = {r["id"]: r for r in rows}
        act(ctx, save_plan, cohort_id, before, edited.to_dict("records"), done=t("cases.ui.plan_saved"),
            then=lambda _: st.session_state.pop(f"plan_{cohort_id}", None))


def save_plan(session, username: str, cohort_id: int, before: dict, after: list[dict]) -> None:  # noqa: ANN001
    """Apply the edited plan in one transaction: removed rows deleted, new rows added, changed rows updated."""
    kept = set()
    for row in after:
        data = {"date": None if pd.isna(row["date"]) else row["date"], "module": _text(row["module"]),
                "kind": _text(row["kind"]), "title": _text(row["title"])}
        session_id = None if pd.isna(row["id"]) else int(row["id"])
        if session_id is None:
            svc.add_session(session, username, cohort_id, data)
        else:
            kept.add(session_id)
            svc.update_session(session, username, session_id, data)
    for session_id in set(before) - kept:
        svc.delete_session(session, username, session_id)


# --- enrollment ---------------------------------------------------------------------------------

def enroll_panel(ctx: UserContext, cohort_id: int) -> None:
    head = st.container()
    query = st.text_input(t("cases.ui.enroll_search"), key=f"enroll_q_{cohort_id}",
                          placeholder=t("cases.ui.search_hint"))
    with read_session(engine()) as s:
        cohort = svc.get_cohort(s, cohort_id)
        taken = svc.seats_taken(s, cohort_id)
        enrolled = enrollments_of(s, cohort_id=cohort_id)
        names = {e.participant_id: s.get(Participant, e.participant_id).full_name for e in enrolled}
        found = search_participants(s, q=query, page_size=50).items
    head.metric(t("cases.ui.seats"), f"{taken} / {cohort.capacity}",
                help=t("cases.ui.seats_help", start=day(cohort.start_date), end=day(cohort.end_date)))
    candidates = {p.id: f"{p.full_name} ({p.birth_date:%d/%m/%Y}, {p.district or '-'})"
                  for p in found if p.id not in names}
    chosen = st.multiselect(t("cases.ui.enroll_pick"), list(candidates), format_func=candidates.get,
                            key=f"enroll_pick_{cohort_id}", placeholder=t("cases.ui.choose"))
    on = st.date_input(t("cases.ui.enrolled_on"), dt.date.today(), key=f"enroll_on_{cohort_id}", format="DD/MM/YYYY")
    if st.button(t("cases.ui.enroll"), key=f"enroll_go_{cohort_id}", type="primary", disabled=not chosen,
                 icon=":material/group_add:"):
        act(ctx, enroll_many, cohort_id, chosen, on, done=t("cases.ui.enrolled", count=len(chosen)),
            then=lambda _: forget(f"enroll_pick_{cohort_id}"))
    st.dataframe([{f("participant"): names[e.participant_id], t("cases.ui.status"): t(f"cases.status.{e.status}"),
                   t("cases.ui.enrolled_on"): e.enrolled_on} for e in enrolled], hide_index=True, width="stretch",
                 column_config={t("cases.ui.enrolled_on"): st.column_config.DateColumn(format="DD/MM/YYYY")})


def enroll_many(session, username: str, cohort_id: int, participant_ids: list, on: dt.date) -> list:  # noqa: ANN001
    """All chosen participants or none (the cohort's capacity is checked for each)."""
    return [enroll(session, username, pid, cohort_id, on) for pid in participant_ids]
