"""Dashboards (every role; viewers see names masked): shared filters kept in the URL, five tabs
drawn by ui/dash_*.py from cached SQL aggregates, the program report, and live updates.

Only the open tab runs its queries. ``watch`` polls the change counters every few seconds (one
small SELECT) and reruns the page only when a topic the open tab reads has changed; the tab's
cache key then changes, so it recomputes once and shows the new data without a reload.
"""

import streamlit as st

from ui.dash_budget import TOPICS as BUDGET
from ui.dash_budget import render_budget
from ui.dash_cohort import TOPICS as COHORT
from ui.dash_cohort import render_cohort
from ui.dash_common import key
from ui.dash_equipment import TOPICS as EQUIPMENT
from ui.dash_equipment import render_equipment
from ui.dash_filters import filter_bar
from ui.dash_live import snapshot, watch
from ui.dash_outcomes import TOPICS as OUTCOMES
from ui.dash_outcomes import render_outcomes
from ui.dash_overview import TOPICS as OVERVIEW
from ui.dash_overview import render_overview
from ui.dash_report import report_button
from ui.guard import require
from ui.i18n import t

TABS = (
    ("overview", render_overview, OVERVIEW),
    ("cohort", render_cohort, COHORT),
    ("equipment", render_equipment, EQUIPMENT),
    ("budget", render_budget, BUDGET),
    ("outcomes", render_outcomes, OUTCOMES),
)

ctx = require("dashboards")
st.title(t("nav.dashboards"))
st.caption(t("dash.ui.intro"))
live_line = st.container()
filters, choices = filter_bar()
report_button(ctx, filters, choices)

snap = snapshot()
topics = TABS[0][2]
opened = st.session_state.get("dash_tab_name", TABS[0][0])  # kept by name: labels change with the language
tabs = st.tabs([t(f"dash.ui.tab.{name}") for name, _render, _topics in TABS], default=t(f"dash.ui.tab.{opened}"),
               key=key("dash_tab"), on_change="rerun")
for (name, render, tab_topics), tab in zip(TABS, tabs, strict=True):
    if tab.open:
        topics, st.session_state["dash_tab_name"] = tab_topics, name
        with tab:
            render(ctx, filters, snap)
with live_line:
    watch(topics)
