"""Budget tab "Overview": the year's allocation, spending and absorption (overall and per line),
cost per participant and per graduate, month by month against the plan, and the lines' export."""

from __future__ import annotations

import streamlit as st

from pulih.database import read_session
from pulih.money import format_rupiah
from pulih.pdf.base import MONTHS
from pulih.services import budget as bg
from pulih.services.programs import list_programs
from ui.auth import UserContext
from ui.budget_chart import cumulative_chart, monthly_chart
from ui.cases_common import md
from ui.equipment_common import Column, export_buttons, number, pct, show_table
from ui.i18n import lang, t
from ui.state import engine

LINE_COLUMNS: list[Column] = [
    ("account_code", "budget.ui.col.account_code", "text"), ("name", "budget.ui.col.line", "text"),
    ("allocation", "budget.ui.col.allocation", "money"), ("spent", "budget.ui.col.spent", "money"),
    ("remaining", "budget.ui.col.remaining", "money"), ("absorption_pct", "budget.ui.col.absorption", "pct"),
    ("funding_source", "budget.ui.col.funding_source", "text"),
]
MONTH_COLUMNS: list[Column] = [
    ("month", "budget.ui.col.month", "text"), ("plan", "budget.ui.series.plan", "money"),
    ("actual", "budget.ui.series.actual", "money"), ("plan_cumulative", "budget.ui.col.plan_cumulative", "money"),
    ("actual_cumulative", "budget.ui.col.actual_cumulative", "money"),
    ("plan_pct", "budget.ui.col.plan_pct", "pct"), ("actual_pct", "budget.ui.col.actual_pct", "pct"),
]


def render_overview(ctx: UserContext, year: dict) -> None:  # noqa: ARG001 - every tab takes the user
    with read_session(engine()) as s:
        total = bg.absorption_total(s, year["id"])
        lines = bg.absorption_by_line(s, year["id"])
        programs = {p.id: p.name for p in list_programs(s)}
        costs = [bg.cost_per_participant(s, pid, fiscal_year_id=year["id"])
                 for pid in sorted({r["program_id"] for r in lines if r["program_id"]})]
    cols = st.columns(3)
    cols[0].metric(t("budget.ui.col.allocation"), format_rupiah(total["allocation"]))
    cols[1].metric(t("budget.ui.col.spent"), format_rupiah(total["spent"]))
    cols[2].metric(t("budget.ui.col.remaining"), format_rupiah(total["remaining"]))
    for n, cost in enumerate(costs or [None]):
        cols = st.columns(4)
        if n == 0:
            cols[0].metric(t("budget.ui.absorption_year", year=year["year"]), pct(total["absorption_pct"]),
                           help=t("budget.ui.absorption_help"))
        if cost:
            _cost(cols[1:], cost, programs.get(cost["program_id"], "-"))
    st.subheader(t("budget.ui.lines_title"))
    show_table(lines, LINE_COLUMNS, key="bo_lines_table")
    if lines:
        export_buttons(lines, LINE_COLUMNS, f"budget-lines-{year['year']}", key="bo_lines_export")
    st.subheader(t("budget.ui.monthly_title"))
    options = [None, *[r["line_id"] for r in lines]]
    names = {r["line_id"]: f"{r['account_code']} {r['name']}" for r in lines}
    line_id = st.selectbox(t("budget.ui.chart_line"), options, key="bo_chart_line",
                           format_func=lambda i: t("budget.ui.all_lines") if i is None else names[i])
    with read_session(engine()) as s:
        months = bg.monthly_absorption(s, year["id"], budget_line_id=line_id)
    coverage = months[0]["plan_coverage"] if months else None
    if coverage is not None and coverage < 100:
        st.caption(t("budget.ui.plan_coverage", pct=pct(coverage)))
    left, right = st.columns(2)
    left.altair_chart(monthly_chart(months, lang()), width="stretch", key="bo_chart_monthly")
    right.altair_chart(cumulative_chart(months, lang()), width="stretch", key="bo_chart_cumulative")
    with st.expander(t("budget.ui.chart_table")):
        named = [{**m, "month": MONTHS[lang()][m["month"] - 1]} for m in months]
        show_table(named, MONTH_COLUMNS, key="bo_month_table")


def _cost(cols: list, cost: dict, program: str) -> None:
    a, b, c = cols
    program = md(program)
    a.metric(t("budget.ui.per_participant"), format_rupiah(cost["per_participant"]),
             help=t("budget.ui.per_help", program=program, spent=format_rupiah(cost["spent"]),
                    n=number(cost["participants"])))
    b.metric(t("budget.ui.per_graduate"), format_rupiah(cost["per_graduate"]),
             help=t("budget.ui.per_help", program=program, spent=format_rupiah(cost["spent"]),
                    n=number(cost["graduates"])))
    c.metric(t("budget.ui.participants_graduates"), f"{number(cost['participants'])} / {number(cost['graduates'])}",
             help=program)
