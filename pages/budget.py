"""Budget (managers, admins): one fiscal year at a time — allocation, spending and absorption per
line and month by month against the plan, spending entries with the allocation guard and the
manager's override, budget lines and their monthly plan, fiscal years and funding sources. Each
tab is drawn by a function in ui/budget_*.py; the services check every write again."""

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.services import budget as bg
from ui.budget_overview import render_overview
from ui.budget_setup import render_lines, render_setup
from ui.budget_spending import render_spending
from ui.guard import require
from ui.i18n import t
from ui.state import engine

ctx = require("budget")
st.title(t("nav.budget"))
st.caption(t("budget.ui.intro"))

with read_session(engine()) as s:
    years = {y.id: dict(id=y.id, year=y.year, is_closed=y.is_closed) for y in bg.list_fiscal_years(s)}
if not years:
    st.info(t("budget.ui.no_years"))
    render_setup(ctx, None)
    st.stop()

ids = list(years)
this_year = next((i for i in ids if years[i]["year"] == dt.date.today().year), ids[0])
year_id = st.columns([1, 3])[0].selectbox(t("budget.ui.col.year"), ids, index=ids.index(this_year), key="budget_year",
                       format_func=lambda i: f"{years[i]['year']}" + (f" ({t('budget.ui.closed')})"
                                                                      if years[i]["is_closed"] else ""))
year = years[year_id]

tabs = [("overview", render_overview), ("spending", render_spending), ("lines", render_lines),
        ("setup", render_setup)]
for (_name, render), tab in zip(tabs, st.tabs([t(f"budget.ui.tab.{name}") for name, _ in tabs]), strict=True):
    with tab:
        render(ctx, year)
