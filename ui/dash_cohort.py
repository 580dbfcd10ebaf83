"""Cohort progress tab: enrollment funnel, pre vs post per module (paired), self-esteem before and
after, and for one cohort the attendance heat map (participant × session) and graduation
readiness. Names are masked for roles that may not see them (viewers), downloads included."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulih import charts
from pulih.dashboards import cohort, live, scores
from pulih.dashboards.filters import Filters
from pulih.dashboards.tables import funnel_wide
from pulih.database import read_session
from pulih.masking import must_mask
from pulih.services import programs
from ui.auth import UserContext
from ui.dash_common import cached, chart, key, num, status_as_stage, table, today
from ui.i18n import t
from ui.state import engine

TOPICS = live.TOPICS["cohort"]
ROW_PX = 24
SCORE_COLUMNS = ["pre_mean", "post_mean", "change", "pairs"]


@cached
def load_summary(key: str, lang: str, _filters: Filters) -> dict[str, pd.DataFrame]:
    with read_session(engine()) as s:
        return {
            "funnel": cohort.funnel(s, _filters),
            "skills": scores.skills_pre_post(s, _filters, lang=lang),
            "totals": scores.skills_total_by_cohort(s, _filters),
            "self_esteem": scores.self_esteem_by_cohort(s, _filters),
        }


@cached
def load_cohort(key: str, cohort_id: int, day: dt.date, lang: str, masked: bool, _filters: Filters) -> dict:
    with read_session(engine()) as s:
        program = programs.get_cohort(s, cohort_id).program
        heat = cohort.attendance_heatmap(s, cohort_id, _filters, today=day, masked=masked, lang=lang)
        ready = cohort.readiness_table(s, cohort_id, _filters, today=day, masked=masked, lang=lang)
    return {  # internal ids stay on the server: the charts send every column they get to the browser
        "heat": heat.drop(columns=["enrollment_id", "session_id"]),
        "ready": status_as_stage(ready.drop(columns=["enrollment_id"])),
        "min_attendance": float(program.min_attendance_pct),
        "min_score": float(program.min_post_score),
    }


def _pick_cohort(filters: Filters, funnel: pd.DataFrame) -> int | None:
    """The filter's cohort, or one chosen here among those in scope (the latest by default)."""
    if filters.cohort_id is not None:
        return filters.cohort_id
    ids = list(dict.fromkeys(funnel["cohort_id"]))
    if not ids:
        return None
    names = dict(zip(funnel["cohort_id"], funnel["cohort_code"] + " – " + funnel["cohort_name"], strict=True))
    widget = key("dash_cohort_pick")
    if widget in st.session_state and st.session_state[widget] not in ids:
        st.session_state[widget] = ids[-1]  # set, not deleted, so the browser shows it too
    return st.selectbox(t("dash.ui.cohort_pick"), ids, index=len(ids) - 1, format_func=names.get, key=widget)


def render_cohort(ctx: UserContext, filters: Filters, snap: dict[str, int]) -> None:
    live_key, language, masked = live.cache_key(filters, snap, TOPICS), ctx.lang, must_mask(ctx.role)
    frames = load_summary(live_key, language, filters)
    left, right = st.columns(2)
    with left:
        chart("funnel", charts.funnel_chart, frames["funnel"],
              ["cohort_code", "registered", "active", "graduated", "dropped_out"], rows=funnel_wide(frames["funnel"]))
    with right:
        chart("self-esteem", charts.self_esteem_chart, frames["self_esteem"], ["cohort_code", *SCORE_COLUMNS])
    chart("skills", charts.skills_chart, frames["skills"], ["module_label", "part", *SCORE_COLUMNS])
    table("skills-total", frames["totals"], ["cohort_code", *SCORE_COLUMNS], label=t("dash.ui.skills_totals"))

    st.divider()
    chosen = _pick_cohort(filters, frames["funnel"])
    if chosen is None:
        st.info(t("dash.ui.no_cohort"), icon=":material/info:")
        return
    one = load_cohort(live_key, chosen, today(), language, masked, filters)
    if masked:
        st.caption(t("dash.ui.masked"))
    if one["heat"].empty:
        st.info(t("dash.ui.no_sessions"), icon=":material/info:")
    else:
        rows = int(one["heat"]["participant"].nunique())  # a row tall enough for every name to show
        chart("attendance", lambda df, lang: charts.heatmap_chart(df, lang).properties(height=ROW_PX * rows),
              one["heat"], ["participant", "session_date", "module", "kind", "status"])
    st.caption(t("dash.ui.readiness_rule", attendance=num(one["min_attendance"]), score=num(one["min_score"])))
    columns = ["participant", "stage", "attendance_pct", "post_score", "ready", "missing"]
    if not one["ready"].empty and one["ready"]["post_score"].isna().all():  # nothing to place on the chart yet
        st.info(t("dash.ui.no_post_tests"), icon=":material/info:")
        table("readiness", one["ready"], columns, expanded=True)
        return
    chart("readiness", charts.readiness_chart, one["ready"], columns, min_attendance=one["min_attendance"],
          min_score=one["min_score"])
