"""Budget tabs "Lines & plan" (create and edit budget lines, the monthly disbursement plan) and
"Years & sources" (fiscal years, closing a year, funding sources)."""

from __future__ import annotations

import streamlit as st

from pulih.database import read_session
from pulih.money import format_rupiah, parse_rupiah
from pulih.i18n import Translatable
from pulih.pdf.base import MONTHS
from pulih.services import budget as bg
from pulih.services.programs import list_programs
from ui.auth import UserContext
from ui.equipment_common import Column, done, fresh, money_input, refuse, save, show_flash, show_table
from ui.i18n import lang, t
from ui.state import engine

SOURCE_COLUMNS: list[Column] = [("code", "budget.ui.col.code", "text"), ("name", "budget.ui.col.name", "text")]
YEAR_COLUMNS: list[Column] = [("year", "budget.ui.col.year", "text"), ("is_closed", "budget.ui.col.closed", "bool")]


def render_lines(ctx: UserContext, year: dict) -> None:
    show_flash("lines")
    with read_session(engine()) as s:
        lines = {ln.id: ln for ln in bg.list_budget_lines(s, fiscal_year_id=year["id"])}
        plans = {i: {m.month: m.amount for m in ln.plan} for i, ln in lines.items()}
        sources = {f.id: f"{f.code} – {f.name}" for f in bg.list_funding_sources(s)}
        programs = {p.id: p.name for p in list_programs(s)}
    new, edit, plan = st.tabs([t("budget.ui.new_line"), t("budget.ui.edit_line"), t("budget.ui.plan_title")])
    with new:
        _line_form(ctx, year, None, sources, programs, "bl_new" + fresh("lines"))
    if not lines:
        return
    names = {i: f"{ln.account_code} {ln.name}" for i, ln in lines.items()}
    with edit:
        line_id = st.selectbox(t("budget.ui.col.line"), list(lines), key="bl_edit_pick", format_func=names.get)
        _line_form(ctx, year, lines[line_id], sources, programs, f"bl_edit_{line_id}{fresh('lines')}")
    with plan:
        line_id = st.selectbox(t("budget.ui.col.line"), list(lines), key="plan_pick", format_func=names.get)
        _plan_form(ctx, lines[line_id], plans[line_id])


def _line_form(ctx: UserContext, year: dict, line, sources: dict, programs: dict, key: str) -> None:  # noqa: ANN001
    with st.form(f"{key}_form"):
        a, b = st.columns([1, 3])
        code = a.text_input(t("budget.ui.col.account_code"), value=line.account_code if line else "", key=f"{key}_code",
                            placeholder="5.1.02.01.01.0052")
        name = b.text_input(t("budget.ui.col.line"), value=line.name if line else "", key=f"{key}_name")
        c, d, e = st.columns(3)
        allocation = money_input(t("budget.ui.allocation_rp"), value=line.allocation if line else None,
                                 key=f"{key}_allocation", where=c, help=t("budget.ui.amount_help"))
        ids = list(sources)
        source = d.selectbox(t("budget.ui.col.funding_source"), ids, key=f"{key}_source", format_func=sources.get,
                             index=ids.index(line.funding_source_id) if line and line.funding_source_id in ids else 0)
        options = [None, *programs]
        program = e.selectbox(t("budget.ui.program"), options, key=f"{key}_program",
                              format_func=lambda p: t("budget.ui.no_program") if p is None else programs[p],
                              index=options.index(line.program_id) if line and line.program_id in options else 0)
        if not st.form_submit_button(t("common.save"), type="primary", key=f"{key}_submit"):
            return
    try:
        amount = parse_rupiah(allocation)
    except Translatable as exc:
        refuse(exc)
        return
    values = dict(account_code=code, name=name, allocation=amount, funding_source_id=source, program_id=program)
    if line:
        ok, _ = save(ctx, bg.update_budget_line, line.id, **values)
    else:
        ok, _ = save(ctx, bg.create_budget_line, fiscal_year_id=year["id"], **values)
    if ok:
        done("lines", t("budget.ui.line_saved", line=f"{code.strip()} {name.strip()}"))


def _plan_form(ctx: UserContext, line, plan: dict) -> None:  # noqa: ANN001
    total = sum(plan.values())
    st.caption(t("budget.ui.plan_total", plan=format_rupiah(total), allocation=format_rupiah(line.allocation)))
    key = f"plan_{line.id}{fresh('lines')}"
    with st.form(f"{key}_form"):
        cols, texts = st.columns(4), []
        for month in range(1, 13):
            texts.append(money_input(MONTHS[lang()][month - 1], value=plan.get(month), key=f"{key}_{month}",
                                     where=cols[(month - 1) % 4]))
        if not st.form_submit_button(t("budget.ui.plan_submit"), type="primary", key=f"{key}_submit"):
            return
    try:
        amounts = [parse_rupiah(text) if text.strip() else None for text in texts]
    except Translatable as exc:
        refuse(exc)
        return
    ok, _ = save(ctx, bg.set_monthly_plan, line.id, amounts)
    if ok:
        done("lines", t("budget.ui.plan_saved", line=f"{line.account_code} {line.name}"))


def render_setup(ctx: UserContext, year: dict | None) -> None:
    show_flash("setup")
    with read_session(engine()) as s:
        years = [dict(id=y.id, year=str(y.year), is_closed=y.is_closed) for y in bg.list_fiscal_years(s)]
        sources = [dict(code=f.code, name=f.name) for f in bg.list_funding_sources(s)]
    left, right = st.columns(2)
    with left:
        st.subheader(t("budget.ui.years_title"))
        show_table(years, YEAR_COLUMNS, key="fy_table")
        with st.form("fy_new_form"):
            next_year = max([int(y["year"]) for y in years], default=2024) + 1
            number = st.number_input(t("budget.ui.col.year"), min_value=2000, max_value=2100, step=1, value=next_year,
                                     key=f"fy_new_year{fresh('setup')}")
            if st.form_submit_button(t("budget.ui.new_year"), key="fy_new_submit"):
                if save(ctx, bg.create_fiscal_year, int(number))[0]:
                    done("setup", t("budget.ui.year_saved", year=int(number)))
        if year is not None:
            closed = year["is_closed"]
            text = t("budget.ui.reopen_year" if closed else "budget.ui.close_year", year=year["year"])
            if st.button(text, key="fy_toggle"):
                if save(ctx, bg.set_fiscal_year_closed, year["id"], not closed)[0]:
                    done("setup", t("budget.ui.year_reopened" if closed else "budget.ui.year_closed_saved",
                                    year=year["year"]))
    with right:
        st.subheader(t("budget.ui.sources_title"))
        show_table(sources, SOURCE_COLUMNS, key="fs_table")
        with st.form("fs_new_form"):
            code = st.text_input(t("budget.ui.col.code"), key=f"fs_new_code{fresh('setup')}", placeholder="APBD-2025")
            name = st.text_input(t("budget.ui.col.name"), key=f"fs_new_name{fresh('setup')}")
            if st.form_submit_button(t("budget.ui.new_source"), key="fs_new_submit"):
                if save(ctx, bg.create_funding_source, code=code, name=name)[0]:
                    done("setup", t("budget.ui.source_saved", code=code.strip()))
