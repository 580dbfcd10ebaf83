"""Outcomes tab: follow-up status by cohort, and what the follow-ups found (working, own
workshop, toolkit in use, contact with the justice system, monthly income bands) by cohort and
follow-up month."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulih import charts
from pulih.dashboards import live, outcomes
from pulih.dashboards.filters import Filters
from pulih.database import read_session
from ui.auth import UserContext
from ui.dash_common import cached, chart, num, pct, share, today
from ui.i18n import t
from ui.state import engine

TOPICS = live.TOPICS["outcomes"]
SHARES = ("working", "own_workshop", "toolkit_in_use", "justice_contact")


@cached
def load(key: str, day: dt.date, _filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    with read_session(engine()) as s:
        return outcomes.followup_status(s, _filters, today=day), outcomes.followup_answers(s, _filters)


def render_outcomes(ctx: UserContext, filters: Filters, snap: dict[str, int]) -> None:
    status, answers = load(live.cache_key(filters, snap, TOPICS), today(), filters)
    states = status.groupby("state")["count"].sum() if not status.empty else pd.Series(dtype=int)
    responses = int(answers["responses"].sum()) if not answers.empty else 0
    cols = st.columns(4)
    for col, state in zip(cols, ("done", "due", "overdue"), strict=False):
        col.metric(t(f"dash.ui.fu_{state}"), num(int(states.get(state, 0))), border=True)
    cols[3].metric(t("dash.ui.responses"), num(responses), border=True)
    cols = st.columns(len(SHARES))
    for col, key in zip(cols, SHARES, strict=True):
        count = int(answers[key].sum()) if not answers.empty else 0
        col.metric(t(f"dash.ui.{key}"), pct(share(count, responses)), border=True,
                   help=t("dash.ui.share_help", count=num(count), total=num(responses)))

    chart("followup-status", charts.followup_status_chart, status, ["cohort_code", "months_after", "state", "count"])
    chart("outcomes", charts.outcomes_chart, outcomes.indicators_long(answers),
          ["cohort_code", "followup_month", "indicator", "count", "responses", "pct"])
    chart("income", charts.income_chart, outcomes.income_long(answers),
          ["cohort_code", "followup_month", "band", "count"])
