"""Submissions screens: the paged list, one submission (read, edit with history), export, import."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulih.database import read_session, write_session
from pulih.forms.model import FormDef
from pulih.forms.validate import evaluate_form
from pulih.i18n import Translatable
from pulih.services import submission_io, submissions
from ui.form_renderer import Renderer
from ui.i18n import lang, t
from ui.state import engine

PAGE_SIZE = 25


def _flat(value: object) -> str:
    """One cell of text (answers of one question may differ in type between versions)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return t("subs.rows", n=len(value))
    if isinstance(value, dict):
        return str(value.get("filename", ""))
    return str(value)


def browse(form_id: str, definition: FormDef) -> int | None:
    """Filters, one page of rows, and the id of the submission chosen to open."""
    cols = st.columns(4)
    who = cols[0].text_input(t("subs.submitted_by"), key="subs_who")
    since = cols[1].date_input(t("subs.since"), value=None, key="subs_since", format="DD/MM/YYYY")
    until = cols[2].date_input(t("subs.until"), value=None, key="subs_until", format="DD/MM/YYYY")
    page = cols[3].number_input(t("audit.page"), min_value=1, value=1, step=1, key="subs_page")
    with read_session(engine()) as s:
        result = submissions.browse(s, form_id, submissions.Filters(submitted_by=who, since=since, until=until), int(page), PAGE_SIZE)
    st.caption(t("subs.count", total=result.total, page=result.page, pages=result.pages))
    names = [f.name for f in definition.walk() if f.type not in ("group", "note", "unsupported")][:12]
    rows = [{"#": r["id"], t("subs.created_at"): r["created_at"], t("subs.submitted_by"): r["submitted_by"],
             t("subs.version"): r["version"], **{n: _flat(r["data"].get(n)) for n in names}} for r in result.rows]
    st.dataframe(rows, hide_index=True, width="stretch")
    ids = [r["id"] for r in result.rows]
    return st.selectbox(t("subs.open"), ids, index=None, key="subs_open", placeholder=t("fill.choose")) if ids else None


def show_one(submission_id: int, username: str) -> None:
    with read_session(engine()) as s:
        sub, definition = submissions.get(s, submission_id)
        history = submissions.history(s, submission_id)
        version = sub.version.number
    st.subheader(t("subs.one", id=submission_id, version=version))
    state = evaluate_form(definition, sub.data, lang=lang())
    answers = [{t("subs.question"): fs.label or fs.name, t("subs.answer"): _flat(fs.value)}
               for fs in state.fields.values() if fs.relevant and fs.field.type not in ("group", "repeat", "note")
               and fs.value not in (None, "")]
    st.dataframe(answers, hide_index=True, width="stretch")
    if history:
        with st.expander(t("subs.history", n=len(history))):
            st.dataframe([{**h, "data": str(h["data"])} for h in history], hide_index=True, width="stretch")
    if st.toggle(t("subs.edit"), key=f"subs_edit_toggle_{submission_id}"):
        _edit(submission_id, definition, sub.data, username)


def _edit(submission_id: int, definition: FormDef, data: dict, username: str) -> None:
    renderer = Renderer(definition, key=f"edit:{submission_id}", lang=lang())
    renderer.start(dict(data))
    renderer.render()
    reason = st.text_input(t("subs.edit_reason"), key=f"subs_edit_reason_{submission_id}")
    if st.button(t("fill.submit"), type="primary", key=f"subs_edit_save_{submission_id}"):
        try:
            with write_session(engine()) as s:
                submissions.edit(s, username, submission_id, renderer.answers, reason=reason, lang=lang())
        except submissions.SubmissionInvalid:
            renderer.show_all_errors()
            st.error(t("fill.fix_errors"))
        except Translatable as exc:
            st.error(exc.message(lang()))
        else:
            renderer.reset()
            st.success(t("common.saved"))


def export_buttons(form_id: str) -> None:
    def csv() -> bytes:
        with read_session(engine()) as s:
            return submission_io.export_csv(s, form_id)

    def xlsx() -> bytes:
        with read_session(engine()) as s:
            return submission_io.export_xlsx(s, form_id)

    stamp = dt.date.today().isoformat()
    cols = st.columns(2)
    cols[0].download_button(t("common.download_csv"), csv, file_name=f"{form_id}-{stamp}.csv", mime="text/csv", key="subs_csv")
    cols[1].download_button(t("common.download_xlsx"), xlsx, file_name=f"{form_id}-{stamp}.xlsx", key="subs_xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def import_panel(form_id: str, username: str) -> None:
    upload = st.file_uploader(t("subs.import_file"), type=["csv", "xlsx"], key="subs_import_file")
    mode = st.radio(t("subs.import_mode"), ["all", "valid"], format_func=lambda m: t(f"subs.mode.{m}"), key="subs_import_mode")
    if upload is None or not st.button(t("subs.import"), key="subs_import_go"):
        return
    try:
        rows = submission_io.read_rows(upload.getvalue(), upload.name)
        with write_session(engine()) as s:
            report = submission_io.import_rows(s, username, form_id, rows, mode=mode, lang=lang())
    except submission_io.ImportRefused as exc:
        st.error(exc.message(lang()))
        _refused(exc.report)
    except Translatable as exc:
        st.error(exc.message(lang()))
    else:
        st.success(t("subs.imported", saved=len(report.saved), total=report.total))
        _refused(report)


def _refused(report: submission_io.ImportReport) -> None:
    if report.refused:
        st.dataframe([{t("admin.row"): row, t("admin.column"): field, t("admin.message"): message}
                      for row, errors in sorted(report.refused.items()) for field, message in errors.items()],
                     hide_index=True, width="stretch")
