"""Home: the figures of the program at a glance, per role."""

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.money import format_rupiah
from pulih.stats import home_figures, staff_figures
from ui.cases_home import staff_today
from ui.guard import require
from ui.i18n import t
from ui.state import engine

ctx = require("home")
with read_session(engine()) as s:
    figures = home_figures(s)
    staff = staff_figures(s, dt.date.today()) if ctx.role in ("manager", "admin") else None

st.title(t("home.title", name=ctx.name))
st.caption(t(f"home.intro.{ctx.role}"))

cols = st.columns(4)
cols[0].metric(t("home.participants"), f"{figures.participants:,}".replace(",", "."))
cols[1].metric(t("home.cohorts"), figures.cohorts)
cols[2].metric(t("home.kits_handed_over"), figures.kits_handed_over)
cols[3].metric(
    t("home.budget_absorbed", year=figures.budget_year or "-"),
    f"{figures.absorption_pct:.1f}%".replace(".", ","),
    help=t("home.budget_help", spent=format_rupiah(figures.budget_spent), allocation=format_rupiah(figures.budget_allocation)),
)
cols = st.columns(4)
cols[0].metric(t("home.programs"), figures.programs)
cols[1].metric(t("home.active"), figures.active)
cols[2].metric(t("home.graduated"), figures.graduated)
if ctx.role in ("manager", "admin"):
    cols[3].metric(t("home.budget_spent"), format_rupiah(figures.budget_spent))

if ctx.role == "staff":
    staff_today(ctx)
elif staff is not None:
    st.subheader(t("home.today"))
    left, right = st.columns(2)
    left.metric(t("home.sessions_today"), staff.sessions_today)
    right.metric(t("home.followups_due"), staff.followups_due)
