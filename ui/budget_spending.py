"""Budget tab "Spending": record an entry (amount typed the Indonesian way), the manager's override
with a reason when the line's allocation is exceeded, the list with its export, and corrections
or cancellations with a reason (the service keeps the history in the audit log)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih.database import read_session
from pulih.i18n import Translatable
from pulih.money import format_rupiah, parse_rupiah
from pulih.permissions import can
from pulih.services import budget as bg
from ui.auth import UserContext
from ui.equipment_common import (
    Column, call, done, export_buttons, fresh, money_input, number, refuse, save, show_flash, show_table,
)
from ui.i18n import t
from ui.state import engine

PENDING = "sp_pending"
COLUMNS: list[Column] = [
    ("id", "budget.ui.col.id", "text"), ("date", "budget.ui.col.date", "date"),
    ("account_code", "budget.ui.col.account_code", "text"), ("line", "budget.ui.col.line", "text"),
    ("amount", "budget.ui.col.amount", "money"), ("description", "budget.ui.col.description", "text"),
    ("document_ref", "budget.ui.col.document_ref", "text"), ("has_attachment", "budget.ui.col.attachment", "bool"),
    ("override_reason", "budget.ui.col.override_reason", "text"), ("entered_by", "budget.ui.col.entered_by", "text"),
]
FILE_TYPES = ["jpg", "jpeg", "png", "webp", "heic", "pdf"]


def _default_date(year: int) -> dt.date:
    today = dt.date.today()
    return today if today.year == year else dt.date(year, 12, 31) if year < today.year else dt.date(year, 1, 1)


def _amount(text: str) -> object | None:
    try:
        return parse_rupiah(text)
    except Translatable as exc:
        refuse(exc)
        return None


def render_spending(ctx: UserContext, year: dict) -> None:
    show_flash("spending")
    if year["is_closed"]:
        st.warning(t("budget.ui.year_closed", year=year["year"]))
    with read_session(engine()) as s:
        lines = {r["line_id"]: r for r in bg.absorption_by_line(s, year["id"])}
    if not lines:
        st.info(t("budget.ui.no_lines"))
        return
    label = {i: f"{r['account_code']} {r['name']} – "
                f"{t('budget.ui.remaining_short', amount=format_rupiah(r['remaining']))}" for i, r in lines.items()}
    st.subheader(t("budget.ui.record_title"))
    _record(ctx, year, lines, label)
    _override(ctx, lines)
    st.subheader(t("budget.ui.spending_title"))
    a, b, c = st.columns([3, 1, 1])
    line_id = a.selectbox(t("budget.ui.col.line"), [None, *lines], key="sp_f_line",
                          format_func=lambda i: t("budget.ui.all_lines") if i is None else label[i])
    date_from = b.date_input(t("budget.ui.date_from"), value=None, key="sp_f_from", format="DD/MM/YYYY")
    date_to = c.date_input(t("budget.ui.date_to"), value=None, key="sp_f_to", format="DD/MM/YYYY")
    with read_session(engine()) as s:
        rows = bg.list_spending(s, fiscal_year_id=year["id"], budget_line_id=line_id, date_from=date_from,
                                date_to=date_to)
    st.caption(t("budget.ui.rows", count=number(len(rows))))
    show_table(rows, COLUMNS, key="sp_table", height=320)
    if rows:
        export_buttons(rows, COLUMNS, f"spending-{year['year']}", key="sp_export")
        _correct(ctx, rows, lines, label)


def _record(ctx: UserContext, year: dict, lines: dict, label: dict) -> None:
    g = fresh("spending")
    with st.form("sp_new_form"):
        a, b, c = st.columns([3, 1, 1])
        line_id = a.selectbox(t("budget.ui.col.line"), list(lines), key=f"sp_new_line{g}", format_func=label.get)
        date = b.date_input(t("budget.ui.col.date"), value=_default_date(year["year"]), key=f"sp_new_date{g}",
                            format="DD/MM/YYYY")
        text = money_input(t("budget.ui.amount_rp"), key=f"sp_new_amount{g}", help=t("budget.ui.amount_help"), where=c)
        d, e = st.columns([3, 1])
        description = d.text_input(t("budget.ui.col.description"), key=f"sp_new_description{g}")
        document = e.text_input(t("budget.ui.col.document_ref"), key=f"sp_new_document{g}")
        upload = st.file_uploader(t("budget.ui.attachment"), type=FILE_TYPES, key=f"sp_new_attachment{g}",
                                  max_upload_size=10)
        submitted = st.form_submit_button(t("budget.ui.record_submit"), type="primary", key="sp_new_submit")
    if not submitted or (amount := _amount(text)) is None:
        return
    values = dict(budget_line_id=line_id, date=date, amount=amount, description=description, document_ref=document,
                  attachment=bg.Upload(upload.name, upload.type or "", upload.getvalue()) if upload else None)
    _, error = call(ctx, bg.record_spending, **values)
    if error is None:
        st.session_state.pop(PENDING, None)
        done("spending", t("budget.ui.recorded", amount=format_rupiah(amount), line=lines[line_id]["name"]))
    elif error.key == "budget.over_allocation" and can(ctx.role, "budget.override"):
        st.session_state[PENDING] = {"values": values, "error": error}
    else:
        refuse(error)


def _override(ctx: UserContext, lines: dict) -> None:
    """A refused entry waiting for a manager's decision: save it with a reason, or drop it."""
    pending = st.session_state.get(PENDING)
    if not pending:
        return
    values, g = pending["values"], fresh("spending")
    with st.container(border=True):
        refuse(pending["error"])
        st.markdown(f"**{t('budget.ui.override_title')}**")
        st.caption(t("budget.ui.override_intro"))
        reason = st.text_area(t("budget.ui.override_reason"), key=f"sp_override_reason{g}", height=80)
        row = st.container(horizontal=True)
        override = row.button(t("budget.ui.override_submit"), key="sp_override_submit", type="primary")
        discard = row.button(t("budget.ui.override_discard"), key="sp_override_discard")
        if discard:
            st.session_state.pop(PENDING, None)
            done("spending", t("budget.ui.override_dropped"))
        if not override:
            return
        if not reason.strip():
            st.error(t("budget.ui.override_reason_required"))
            return
        ok, _ = save(ctx, bg.record_spending, **values, override_reason=reason)
        if ok:
            st.session_state.pop(PENDING, None)
            line = lines.get(values["budget_line_id"], {}).get("name", "")
            done("spending", t("budget.ui.overridden", amount=format_rupiah(values["amount"]), line=line))


def _correct(ctx: UserContext, rows: list[dict], lines: dict, label: dict) -> None:
    st.subheader(t("budget.ui.correct_title"))
    st.caption(t("budget.ui.history_note"))
    by_id, g = {r["id"]: r for r in rows}, fresh("spending")
    sid = st.selectbox(t("budget.ui.pick_spending"), list(by_id), key=f"sp_edit_pick{g}",
                       format_func=lambda i: f"#{i} · {by_id[i]['date']:%d/%m/%Y} · {by_id[i]['account_code']} · "
                                             f"{format_rupiah(by_id[i]['amount'])} · {by_id[i]['description'][:50]}")
    entry, key = by_id[sid], f"sp_edit_{sid}{g}"
    if entry["has_attachment"]:
        with read_session(engine()) as s:
            found = bg.spending_attachment(s, ctx.username, sid)
        if found:
            st.download_button(t("budget.ui.attachment_download"), found[2], file_name=found[0], mime=found[1],
                               key=f"{key}_attachment", icon=":material/download:")
    edit, cancel = st.tabs([t("budget.ui.edit_title"), t("budget.ui.cancel_title")])
    with edit, st.form(f"{key}_form"):
        a, b, c = st.columns([3, 1, 1])
        ids = list(lines)
        line_id = a.selectbox(t("budget.ui.col.line"), ids, key=f"{key}_line", format_func=label.get,
                              index=ids.index(entry["budget_line_id"]) if entry["budget_line_id"] in ids else 0)
        date = b.date_input(t("budget.ui.col.date"), value=entry["date"], key=f"{key}_date", format="DD/MM/YYYY")
        text = money_input(t("budget.ui.amount_rp"), value=entry["amount"], key=f"{key}_amount", where=c)
        d, e = st.columns([3, 1])
        description = d.text_input(t("budget.ui.col.description"), value=entry["description"], key=f"{key}_description")
        document = e.text_input(t("budget.ui.col.document_ref"), value=entry["document_ref"], key=f"{key}_document")
        reason = st.text_input(t("budget.ui.change_reason"), key=f"{key}_reason")
        override = (st.text_input(t("budget.ui.override_if_needed"), key=f"{key}_override")
                    if can(ctx.role, "budget.override") else "")
        if st.form_submit_button(t("budget.ui.edit_submit"), type="primary", key=f"{key}_submit") and (
                amount := _amount(text)) is not None:
            ok, _ = save(ctx, bg.edit_spending, sid, reason=reason, budget_line_id=line_id, date=date, amount=amount,
                         description=description, document_ref=document, override_reason=override.strip() or None)
            if ok:
                done("spending", t("budget.ui.edited", id=sid))
    with cancel, st.form(f"{key}_cancel_form"):
        reason = st.text_input(t("budget.ui.cancel_reason"), key=f"{key}_cancel_reason")
        if st.form_submit_button(t("budget.ui.cancel_submit"), key=f"{key}_cancel_submit"):
            ok, _ = save(ctx, bg.cancel_spending, sid, reason=reason)
            if ok:
                done("spending", t("budget.ui.cancelled", id=sid))
