"""Budget tab: allocation vs spent per budget line, cumulative absorption vs plan month by month,
cost per participant and per graduate; amounts in rupiah."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import streamlit as st

from pulih import charts
from pulih.dashboards import budget, live
from pulih.dashboards.filters import Filters
from pulih.database import read_session
from ui.auth import UserContext
from ui.dash_common import cached, chart, num, pct, rupiah, share, today
from ui.i18n import t
from ui.state import engine

TOPICS = live.TOPICS["budget"]


@cached
def load(key: str, day: dt.date, _filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, budget.CostPerHead]:
    with read_session(engine()) as s:
        return (budget.lines(s, _filters, today=day), budget.absorption_by_month(s, _filters, today=day),
                budget.cost_per_head(s, _filters, today=day))


def _whole(amount: Decimal | None) -> Decimal | None:
    """Costs per head to the rupiah: cents would only crowd the figure."""
    return None if amount is None else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def render_budget(ctx: UserContext, filters: Filters, snap: dict[str, int]) -> None:
    lines, monthly, cost = load(live.cache_key(filters, snap, TOPICS), today(), filters)
    allocation, spent = sum(lines["allocation"], 0), sum(lines["spent"], 0)
    cols = st.columns(3)
    cols[0].metric(t("dash.ui.allocation"), rupiah(allocation), border=True)
    cols[1].metric(t("dash.ui.spent"), rupiah(spent), border=True)
    cols[2].metric(t("dash.ui.absorbed"), pct(share(spent, allocation)), border=True)
    cols = st.columns(2)
    cols[0].metric(t("dash.ui.cost_participant"), rupiah(_whole(cost.per_participant)), border=True,
                   help=t("dash.ui.cost_help", n=num(cost.participants)))
    cols[1].metric(t("dash.ui.cost_graduate"), rupiah(_whole(cost.per_graduate)), border=True,
                   help=t("dash.ui.cost_help", n=num(cost.graduates)))
    notes = [t("dash.ui.budget_district")] if filters.district else []
    if not filters.has_period and filters.program_id is None and filters.cohort_id is None:
        notes.append(t("dash.ui.budget_scope"))
    if notes:
        st.caption(" ".join(notes))

    chart("budget-lines", charts.budget_lines_chart, lines,
          ["year", "account_code", "name", "allocation", "spent", "remaining", "absorption_pct"])
    chart("absorption", charts.absorption_chart, monthly,
          ["year", "month", "planned", "spent", "planned_cum", "spent_cum", "planned_pct", "spent_pct"])
